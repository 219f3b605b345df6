#!/usr/bin/env bash
# SMP stress test of s390host.
#  1. CYCLES (default 20) consecutive boot-and-poweroff cycles of Debian's
#     kernel with work/guest/initrd-test.gz on CPUS (default 4) vCPUs, as
#     scripts/linux-boot-test.sh does it: each must exit 0 with the expected
#     lines, within TIMEOUT seconds; prints each cycle's time.
#  2. CPU hotplug: work/guest/initrd-hotplug.gz takes CPUs 1..CPUS-1 offline
#     and online again HOTPLUG_ROUNDS times (default 20) through sysfs, which
#     drives SIGP STOP, SENSE, INITIAL CPU RESET, SET PREFIX and RESTART.
#  3. Ends with a panic while other CPUs run: the process must exit with
#     status 2 at once, with no vCPU thread left hanging:
#     - work/guest/disabled-wait.elf (guest/smp/disabled-wait.S): CPU 1 spins,
#       CPU 2 sleeps in an enabled wait, CPU 3 is stopped, CPU 0 loads a
#       disabled wait PSW (run PANIC_RUNS times, default 5);
#     - Debian's kernel with work/guest/initrd-panic.gz: /init exits, the kernel
#       panics with all CPUS up; prints how long after the "Kernel panic" line
#       the process ended.
# Usage: scripts/smp-stress.sh [--s390host PATH] [--cycles N] [--cpus N]
#                              [--timeout SECONDS] [--panic-runs N]
#                              [--hotplug-rounds N] [--no-boot]
# Exit status 0 when everything passed.
set -uo pipefail
cd "$(dirname "$0")/.."
host=.build/release/s390host
cycles=20
cpus=4
cycle_timeout=300
panic_runs=5
hotplug_rounds=20
boot=1
while [ $# -gt 0 ]; do
    case "$1" in
        --s390host) host=$2; shift 2 ;;
        --cycles) cycles=$2; shift 2 ;;
        --cpus) cpus=$2; shift 2 ;;
        --timeout) cycle_timeout=$2; shift 2 ;;
        --panic-runs) panic_runs=$2; shift 2 ;;
        --hotplug-rounds) hotplug_rounds=$2; shift 2 ;;
        --no-boot) boot=0; shift ;;
        -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[ -x "$host" ] || { echo "s390host binary not found at $host (swift build -c release)" >&2; exit 2; }
scripts/smp-guests.sh >/dev/null || exit 2
out=$(mktemp)
trap 'rm -f "$out" "$out".*' EXIT
failures=0
secs() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }

if [ $boot = 1 ]; then
    echo "# $cycles boot-and-poweroff cycles, $cpus CPUs (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    times=()
    for ((c = 1; c <= cycles; c++)); do
        start=$(date +%s%N)
        timeout -k 10 $((cycle_timeout + 30)) "$host" --kernel work/guest/vmlinuz --initrd work/guest/initrd-test.gz \
            --append "console=ttysclp0 quiet" --cpus "$cpus" --timeout "$cycle_timeout" </dev/null 2>&1 \
            | tr -d '\r' >"$out"
        rc=${PIPESTATUS[0]}
        ns=$(( $(date +%s%N) - start ))
        problems=()
        [ "$rc" = 0 ] || problems+=("exit status $rc, expected 0")
        grep -qx "S390HOST-BOOT-MARKER" "$out" || problems+=("no boot marker")
        grep -qx "cpus: $cpus" "$out" || problems+=("/proc/cpuinfo does not show $cpus CPUs")
        grep -qx "sum: 2664667000" "$out" || problems+=("wrong shell arithmetic")
        grep -qx "sha: 325b64a7545dfc06" "$out" || problems+=("wrong sha256sum")
        if [ ${#problems[@]} = 0 ]; then
            printf 'PASS  cycle %2d: %s s\n' "$c" "$(secs $ns)"
            times+=("$ns")
        else
            printf 'FAIL  cycle %2d (%s s): %s\n' "$c" "$(secs $ns)" "$(IFS=';'; echo "${problems[*]}")"
            tail -20 "$out" | sed 's/^/    /'
            failures=$((failures + 1))
        fi
    done
    if [ ${#times[@]} -gt 0 ]; then
        printf '%s\n' "${times[@]}" | awk -v n="$cycles" '{ s += $1; if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1 }
            END { printf "cycles: %d of %d passed; time min %.2f s, mean %.2f s, max %.2f s\n", NR, n, min / 1e9, s / NR / 1e9, max / 1e9 }'
    fi
fi

if [ $boot = 1 ] && [ "$cpus" -gt 1 ]; then
    echo "# CPU hotplug: CPUs 1-$((cpus - 1)) offline and online again, $hotplug_rounds rounds"
    start=$(date +%s%N)
    timeout -k 10 $((cycle_timeout + 30)) "$host" --kernel work/guest/vmlinuz --initrd work/guest/initrd-hotplug.gz \
        --append "console=ttysclp0 quiet rounds=$hotplug_rounds" --cpus "$cpus" --timeout "$cycle_timeout" \
        </dev/null 2>&1 | tr -d '\r' >"$out"
    rc=${PIPESTATUS[0]}
    ns=$(( $(date +%s%N) - start ))
    problems=()
    [ "$rc" = 0 ] || problems+=("exit status $rc, expected 0")
    rounds_ok=$(grep -cx "round [0-9]*: online after offlining 0, after onlining 0-$((cpus - 1))" "$out")
    [ "$rounds_ok" = "$hotplug_rounds" ] || problems+=("$rounds_ok of $hotplug_rounds rounds right")
    grep -q "failed" "$out" && problems+=("a hotplug write failed")
    grep -qx "S390HOST-HOTPLUG-DONE" "$out" || problems+=("did not finish")
    if [ ${#problems[@]} = 0 ]; then
        printf 'PASS  CPU hotplug, %d rounds: %s s\n' "$hotplug_rounds" "$(secs $ns)"
    else
        printf 'FAIL  CPU hotplug: %s\n' "$(IFS=';'; echo "${problems[*]}")"
        tail -15 "$out" | sed 's/^/    /'
        failures=$((failures + 1))
    fi
fi

echo "# disabled wait on CPU 0 while CPU 1 spins and CPU 2 waits, 4 CPUs"
for ((r = 1; r <= panic_runs; r++)); do
    start=$(date +%s%N)
    timeout -k 5 60 "$host" --kernel work/guest/disabled-wait.elf --memory 128M --cpus 4 --timeout 30 \
        </dev/null >"$out" 2>"$out.err"
    rc=$?
    ns=$(( $(date +%s%N) - start ))
    problems=()
    [ "$rc" = 2 ] || problems+=("exit status $rc, expected 2")
    grep -q "disabled wait on CPU 0, PSW 0002000180000000 000000000000dead" "$out.err" || problems+=("no disabled-wait message")
    [ "$ns" -lt 10000000000 ] || problems+=("took $(secs $ns) s")
    if [ ${#problems[@]} = 0 ]; then
        printf 'PASS  disabled wait, run %d: exit 2 after %s s\n' "$r" "$(secs $ns)"
    else
        printf 'FAIL  disabled wait, run %d: %s\n' "$r" "$(IFS=';'; echo "${problems[*]}")"
        tail -8 "$out.err" | sed 's/^/    /'
        failures=$((failures + 1))
    fi
done

echo "# Linux kernel panic (init exits) with $cpus CPUs"
start=$(date +%s%N)
{ timeout -k 10 $((cycle_timeout + 30)) "$host" --kernel work/guest/vmlinuz --initrd work/guest/initrd-panic.gz \
      --append "console=ttysclp0 quiet" --cpus "$cpus" --timeout "$cycle_timeout" </dev/null 2>&1
  echo "EXIT-STATUS $?"; } | while IFS= read -r line; do printf '%s %s\n' "${EPOCHREALTIME/./}" "${line//$'\r'/}"; done >"$out"
ns=$(( $(date +%s%N) - start ))
rc=$(sed -n 's/^[0-9]* EXIT-STATUS //p' "$out")
panic_at=$(grep -m1 ' Kernel panic' "$out" | cut -d' ' -f1)
exit_at=$(grep -m1 ' EXIT-STATUS' "$out" | cut -d' ' -f1)
problems=()
[ "$rc" = 2 ] || problems+=("exit status $rc, expected 2")
grep -q "S390HOST-PANIC-MARKER cpus $cpus" "$out" || problems+=("no marker with $cpus CPUs")
[ -n "$panic_at" ] || problems+=("no 'Kernel panic' line")
grep -q "guest stopped: disabled wait" "$out" || problems+=("no disabled-wait message")
after=""
if [ -n "$panic_at" ] && [ -n "$exit_at" ]; then
    after=$(awk -v a="$panic_at" -v b="$exit_at" 'BEGIN { printf "%.2f", (b - a) / 1e6 }')
    awk -v x="$after" 'BEGIN { exit !(x < 10) }' || problems+=("exit came $after s after the panic")
fi
if [ ${#problems[@]} = 0 ]; then
    printf 'PASS  kernel panic: exit 2, %s s after the panic message (%s s in all)\n' "$after" "$(secs $ns)"
else
    printf 'FAIL  kernel panic: %s\n' "$(IFS=';'; echo "${problems[*]}")"
    tail -12 "$out" | cut -d' ' -f2- | sed 's/^/    /'
    failures=$((failures + 1))
fi

echo
[ $failures = 0 ] && echo "smp-stress: all passed" || echo "smp-stress: $failures failure(s)"
[ $failures = 0 ]
