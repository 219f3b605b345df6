#!/usr/bin/env bash
# Parallel-workload benchmark: Debian's kernel with work/guest/initrd-parallel.gz
# (scripts/smp-guests.sh), whose /init runs JOBS busybox sha256sum processes
# at once on a file of MIB MiB of zeros, and prints the time that took
# measured inside the guest. Runs it under s390host with --cpus 1 and
# --cpus 2 and under qemu-system-s390x (TCG) with -smp 2, in the same run,
# checks every hash, and prints the in-guest times, s390host's 2-vs-1 CPU
# speedup and the ratio to QEMU. The host load average is printed too: other
# work on the machine skews the numbers.
# Usage: scripts/bench-smp.sh [--runs N] [--qemu-smp1] [JOBS [MIB]]   (default 2 jobs, 8 MiB)
#   --runs N      N rounds (default 1), each running every configuration once
#                 in turn; the summary uses the medians. On a shared host one
#                 round can be off by half either way: use 5 or more there.
#   --qemu-smp1   also run QEMU with -smp 1 (QEMU's own speedup)
set -euo pipefail
cd "$(dirname "$0")/.."
qemu1=0
runs=1
while [ $# -gt 0 ]; do
    case "$1" in
        --qemu-smp1) qemu1=1; shift ;;
        --runs) runs=$2; shift 2 ;;
        *) break ;;
    esac
done
jobs=${1:-2}
mib=${2:-8}
host=${S390HOST:-.build/release/s390host}
scripts/install-deps.sh >/dev/null
scripts/smp-guests.sh >/dev/null
[ -n "${S390HOST:-}" ] || swift build -c release --product s390host >&2
append="console=ttysclp0 quiet par=$jobs mib=$mib"
want=$(head -c "${mib}M" /dev/zero | sha256sum | cut -c1-64)
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# run LABEL CPUS command... : checks the output; sets guest_s and wall_s
run() {
    local label=$1 cpus=$2; shift 2
    local start end rc
    start=$(date +%s%N)
    set +e
    "$@" </dev/null 2>&1 | tr -d '\r' >"$out"
    rc=${PIPESTATUS[0]}
    set -e
    end=$(date +%s%N)
    wall_s=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
    local problems=()
    [ "$rc" = 0 ] || problems+=("exit status $rc")
    grep -q "^S390HOST-PARALLEL cpus $cpus jobs $jobs mib $mib\$" "$out" || problems+=("no start line for $cpus CPU(s)")
    local i
    for ((i = 0; i < jobs; i++)); do
        grep -qx "hash $i: $want" "$out" || problems+=("hash $i wrong or missing")
    done
    guest_s=$(sed -n 's/^elapsed: //p' "$out")
    [ -n "$guest_s" ] || problems+=("no elapsed line")
    if [ ${#problems[@]} -gt 0 ]; then
        echo "$label: FAILED: $(IFS=';'; echo "${problems[*]}")" >&2
        tail -15 "$out" | sed 's/^/    /' >&2
        exit 1
    fi
    printf '%-26s in-guest %7.2f s   wall (boot + run) %7.2f s\n' "$label" "$guest_s" "$wall_s"
}

echo "parallel hashing: $jobs jobs x $mib MiB, $runs round(s); host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
qemu() {
    timeout 1200 qemu-system-s390x -machine s390-ccw-virtio -accel tcg -nographic -nodefaults -no-reboot \
        -m 512 -smp "$1" -kernel work/guest/vmlinuz -initrd work/guest/initrd-parallel.gz -append "$append" \
        -chardev stdio,id=con -device sclpconsole,chardev=con
}
h1s=(); h2s=(); q2s=(); q1s=(); speedups=()
for ((round = 1; round <= runs; round++)); do
    [ "$runs" = 1 ] || echo "# round $round"
    run "s390host --cpus 1" 1 "$host" --kernel work/guest/vmlinuz --initrd work/guest/initrd-parallel.gz \
        --append "$append" --cpus 1 --timeout 1200
    h1s+=("$guest_s"); a=$guest_s
    run "s390host --cpus 2" 2 "$host" --kernel work/guest/vmlinuz --initrd work/guest/initrd-parallel.gz \
        --append "$append" --cpus 2 --timeout 1200
    h2s+=("$guest_s")
    speedups+=("$(awk -v a="$a" -v b="$guest_s" 'BEGIN { printf "%.3f", a / b }')")
    run "qemu-system-s390x -smp 2" 2 qemu 2
    q2s+=("$guest_s")
    if [ $qemu1 = 1 ]; then
        run "qemu-system-s390x -smp 1" 1 qemu 1
        q1s+=("$guest_s")
    fi
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
h1=$(median "${h1s[@]}"); h2=$(median "${h2s[@]}"); q2=$(median "${q2s[@]}")
speedup=$(median "${speedups[@]}")
[ $qemu1 = 1 ] && q1=$(median "${q1s[@]}")
if [ "$runs" != 1 ]; then
    echo "medians: s390host --cpus 1 $h1 s, --cpus 2 $h2 s; QEMU -smp 2 $q2 s${q1:+; QEMU -smp 1 $q1 s}"
    echo "speedup per round: ${speedups[*]}"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v sp="$speedup" -v h2="$h2" -v q2="$q2" 'BEGIN {
    printf "s390host speedup, 2 vs 1 CPU: %.2fx\n", sp
    printf "s390host / QEMU with 2 CPUs (in-guest time): %.2f (%s)\n", h2 / q2, (h2 < q2 ? "s390host faster" : "QEMU faster")
}'
if [ $qemu1 = 1 ]; then
    awk -v q1="$q1" -v q2="$q2" 'BEGIN { printf "QEMU speedup, 2 vs 1 CPU: %.2fx\n", q1 / q2 }'
fi
