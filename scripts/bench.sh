#!/usr/bin/env bash
# Benchmark: runs the CPU-bound guest guest/bench/bench.c under s390host
# (release build) and under qemu-system-s390x (TCG) in the same run, checks
# that both print the same checksums, and prints both wall times and the ratio.
#
# Usage: scripts/bench.sh [--runs N] [--no-build] [--rounds N]
#   --runs N     take the best of N runs of each (default 1)
#   --rounds N   work rounds in the guest (default: bench.c's ROUNDS)
#   --no-build   do not run swift build -c release first
# Environment: S390HOST (default .build/release/s390host), QEMU.
set -euo pipefail
cd "$(dirname "$0")/.."

S390HOST=${S390HOST:-.build/release/s390host}
QEMU=${QEMU:-qemu-system-s390x}
runs=1
build=1
rounds=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

if [ $build = 1 ]; then
    swift build -c release --product s390host >&2
fi
make -s -C guest bench ${rounds:+BENCH_ROUNDS=$rounds} >&2
elf=guest/$(make -s -C guest bench-elf ${rounds:+BENCH_ROUNDS=$rounds})

now() { date +%s%N; }
best_host=""
best_qemu=""
out_host=$(mktemp)
out_qemu=$(mktemp)
trap 'rm -f "$out_host" "$out_qemu"' EXIT
for ((i = 0; i < runs; i++)); do
    t0=$(now)
    rc=0
    "$S390HOST" --kernel "$elf" --memory 128M </dev/null >"$out_host" || rc=$?
    t1=$(now)
    if [ $rc != 0 ]; then
        echo "bench: s390host failed (exit status $rc); its output:" >&2
        cat "$out_host" >&2
        exit 1
    fi
    "$QEMU" -machine s390-ccw-virtio -accel tcg -m 128M -nographic -nodefaults -no-reboot \
        -action panic=exit-failure -chardev stdio,id=con -device sclpconsole,chardev=con \
        -kernel "$elf" </dev/null >"$out_qemu" || { echo "bench: QEMU failed (exit status $?)" >&2; exit 1; }
    t2=$(now)
    h=$(( (t1 - t0) / 1000000 ))
    q=$(( (t2 - t1) / 1000000 ))
    if [ -z "$best_host" ] || [ $h -lt "$best_host" ]; then best_host=$h; fi
    if [ -z "$best_qemu" ] || [ $q -lt "$best_qemu" ]; then best_qemu=$q; fi
done

if ! cmp -s "$out_host" "$out_qemu"; then
    echo "bench: the outputs differ (s390host computes something else):" >&2
    diff "$out_qemu" "$out_host" >&2 || true
    exit 1
fi
grep '^bench:' "$out_host"
fmt() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }
echo "s390host: $(fmt "$best_host") s"
echo "qemu-tcg: $(fmt "$best_qemu") s"
# ratio with two decimals, integer arithmetic only
r=$(( best_host * 100 / (best_qemu > 0 ? best_qemu : 1) ))
echo "ratio s390host/qemu: $((r / 100)).$(printf '%02d' $((r % 100)))"
