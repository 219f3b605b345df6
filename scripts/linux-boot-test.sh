#!/usr/bin/env bash
# Boots Debian 12's s390x kernel with a busybox initramfs whose /init prints
# a marker, reads /proc/cpuinfo, computes, and powers off; checks the lines
# and exit status 0, for each CPU count given (default: 1 2 4).
# Usage: scripts/linux-boot-test.sh [--s390host PATH] [CPUS...]
set -uo pipefail
cd "$(dirname "$0")/.."
host=.build/release/s390host
if [ "${1:-}" = "--s390host" ]; then host=$2; shift 2; fi
counts=("$@"); [ ${#counts[@]} -gt 0 ] || counts=(1 2 4)
scripts/debian-guest.sh || exit 1

failures=0
for n in "${counts[@]}"; do
    out=$(mktemp)
    start=$(date +%s%N)
    "$host" --kernel work/guest/vmlinuz --initrd work/guest/initrd-test.gz \
        --append "console=ttysclp0 quiet" --cpus "$n" --timeout 600 </dev/null >"$out" 2>&1
    rc=$?
    tr -d '\r' <"$out" >"$out.txt" && mv "$out.txt" "$out"   # the guest's tty writes CR LF
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    problems=()
    [ $rc = 0 ] || problems+=("exit status $rc, expected 0")
    grep -qx "S390HOST-BOOT-MARKER" "$out" || problems+=("no boot marker")
    grep -qx "cpus: $n" "$out" || problems+=("/proc/cpuinfo does not show $n CPUs")
    grep -q "^vendor_id *: IBM/S390" "$out" || problems+=("no vendor_id line")
    grep -qx "sum: 2664667000" "$out" || problems+=("wrong shell arithmetic")
    grep -qx "sha: 325b64a7545dfc06" "$out" || problems+=("wrong sha256sum")
    if [ ${#problems[@]} = 0 ]; then
        printf 'PASS  linux boot, %d CPU(s), %d.%03d s\n' "$n" $((ms / 1000)) $((ms % 1000))
    else
        printf 'FAIL  linux boot, %d CPU(s): %s\n' "$n" "$(IFS=';'; echo "${problems[*]}")"
        tail -20 "$out" | sed 's/^/    /'
        failures=$((failures + 1))
    fi
    rm -f "$out"
done
[ $failures = 0 ]
