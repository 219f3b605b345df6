#!/usr/bin/env bash
# Checks the release build's hot path for runtime calls that must not be
# there: reference counting, dynamic exclusivity checks, allocation (see
# /work/shared/reference/interpreter-speed.md, pitfall 9: @inline(__always)
# is not a guarantee, so look at the machine code).
#
# Checked, failing the script: the instruction loop (runBlocks, runPageEdge)
# and every instruction-semantics closure of the hot families (general,
# logical, branch, float). Reported only: the semantics closures of the
# other families (control, storage management, ... run rarely).
#
# Usage: scripts/check-hot-path.sh [--build] [BINARY]
#   --build   run swift build -c release --product s390host first
#   BINARY    default .build/release/s390host
# Exit status: 0 clean, 1 a forbidden call on the hot path, 2 setup error.
set -uo pipefail
cd "$(dirname "$0")/.."

build=0
bin=.build/release/s390host
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=1; shift ;;
        -h|--help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) bin=$1; shift ;;
    esac
done
if [ $build = 1 ]; then swift build -c release --product s390host >&2 || exit 2; fi
[ -x "$bin" ] || { echo "check-hot-path: no binary $bin (build with -c release)" >&2; exit 2; }
command -v objdump >/dev/null || { echo "check-hot-path: objdump not found" >&2; exit 2; }

forbidden='swift_retain|swift_release|swift_bridgeObjectRetain|swift_bridgeObjectRelease|swift_unknownObjectRetain|swift_unknownObjectRelease|swift_beginAccess|swift_endAccess|swift_allocObject|swift_isUniquelyReferenced|swift_arrayInitWithCopy|swift_dynamicCast'

# "function<TAB>callee" for every forbidden direct call in the SIE module.
calls=$(objdump -d --no-show-raw-insn "$bin" | awk -v pat="$forbidden" '
    /^[0-9a-f]+ <.*>:$/ { fn = substr($2, 2, length($2) - 3); next }
    /call/ && $0 ~ pat { callee = $NF; gsub(/[<>]/, "", callee); print fn "\t" callee }
' | grep '^\$s3SIE' | sort | uniq -c)

strict='VirtualCPUC9runBlocks|VirtualCPUC11runPageEdge|^ *[0-9]+ \$s3SIE(19general|19logical|18branch|17float)InstructionsSay'
bad=$(echo "$calls" | grep -E "$strict" || true)
other=$(echo "$calls" | grep -E 'InstructionsSay' | grep -vE "$strict" || true)

demangle() { if command -v swift-demangle >/dev/null; then swift-demangle --compact --simplified; else cat; fi; }
if [ -n "$other" ]; then
    echo "check-hot-path: note: runtime calls in semantics of other families (not failing):"
    echo "$other" | demangle | sed 's/^/    /'
fi
if [ -n "$bad" ]; then
    echo "check-hot-path: FAIL: runtime calls on the hot path:"
    echo "$bad" | demangle | sed 's/^/    /'
    exit 1
fi
n=$(objdump -d --no-show-raw-insn "$bin" | grep -cE '^[0-9a-f]+ <\$s3SIE10VirtualCPUC9runBlocks')
if [ "$n" = 0 ]; then
    echo "check-hot-path: runBlocks not found in $bin (renamed? update this script)" >&2
    exit 2
fi
echo "check-hot-path: ok (instruction loop and general/logical/branch/float semantics free of $(echo "$forbidden" | tr '|' ' ' | wc -w) runtime entry points)"
