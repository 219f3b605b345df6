#!/usr/bin/env bash
# Builds the guests of the SMP scripts (scripts/smp-stress.sh,
# scripts/bench-smp.sh) into work/guest/, next to those of
# scripts/debian-guest.sh (which it runs first, and whose files it leaves
# alone), from the same busybox package:
#   initrd-parallel.gz  /init writes M MiB of zeros to a file, then runs N
#                       busybox sha256sum processes on it at once (no pipes
#                       between them: the jobs are independent), waits for
#                       all, prints the hashes and the time the hashing took
#                       measured inside the guest (/proc/uptime), then powers
#                       off. N and M come from the kernel command line:
#                       par=N mib=M (default 2 and 8).
#   initrd-panic.gz     /init prints a marker and exits: the kernel panics
#                       ("Attempted to kill init") with every CPU up.
#   initrd-hotplug.gz   /init takes every CPU but 0 offline and back online
#                       (sysfs CPU hotplug: SIGP stop, initial CPU reset, set
#                       prefix, restart), rounds=N times (default 5), then
#                       powers off.
#   disabled-wait.elf   bare-metal: CPU 1 spins, CPU 2 sleeps in an enabled
#                       wait, CPU 3 stays stopped, CPU 0 loads a disabled
#                       wait PSW (guest/smp/disabled-wait.S).
# Idempotent: rebuilds a file only when it is missing or older than its source.
set -euo pipefail
cd "$(dirname "$0")/.."
out=work/guest
scripts/debian-guest.sh >/dev/null

if [ ! -f "$out/disabled-wait.elf" ] || [ guest/smp/disabled-wait.S -nt "$out/disabled-wait.elf" ]; then
    s390x-linux-gnu-gcc -march=z196 -nostdlib -static -no-pie -Wl,-T,guest/runtime/guest.ld \
        -Wl,--build-id=none -Wl,--no-warn-rwx-segments -o "$out/disabled-wait.elf" guest/smp/disabled-wait.S
fi

up_to_date=1
for f in initrd-parallel.gz initrd-panic.gz initrd-hotplug.gz; do
    [ -f "$out/$f" ] && [ "$out/$f" -nt "$0" ] || up_to_date=0
done
[ $up_to_date = 1 ] && exit 0

busybox_deb=$(ls "$out"/debs/busybox-static_*.deb 2>/dev/null | head -1)
[ -n "$busybox_deb" ] || { echo "no busybox-static package in $out/debs (delete $out and run scripts/debian-guest.sh)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$busybox_deb" "$tmp/busybox"

. scripts/lib/initrd.sh   # make_initrd

make_initrd "$out/initrd-parallel.gz" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t devtmpfs devtmpfs /dev
n=2; mib=8
for w in $(cat /proc/cmdline); do
    case $w in par=*) n=${w#par=} ;; mib=*) mib=${w#mib=} ;; esac
done
echo "S390HOST-PARALLEL cpus $(grep -c '^processor ' /proc/cpuinfo) jobs $n mib $mib"
dd if=/dev/zero of=/tmp/data bs=1M count=$mib 2>/dev/null
start=$(cut -d' ' -f1 /proc/uptime)
i=0
while [ $i -lt $n ]; do
    sha256sum /tmp/data > /tmp/hash.$i &
    i=$((i + 1))
done
wait
end=$(cut -d' ' -f1 /proc/uptime)
i=0
while [ $i -lt $n ]; do echo "hash $i: $(cut -c1-64 /tmp/hash.$i)"; i=$((i + 1)); done
echo "elapsed: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
poweroff -f
INIT

make_initrd "$out/initrd-panic.gz" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
echo "S390HOST-PANIC-MARKER cpus $(grep -c '^processor ' /proc/cpuinfo)"
exit 1
INIT
make_initrd "$out/initrd-hotplug.gz" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
rounds=5
for w in $(cat /proc/cmdline); do case $w in rounds=*) rounds=${w#rounds=} ;; esac; done
echo "S390HOST-HOTPLUG cpus $(grep -c '^processor ' /proc/cpuinfo) online $(cat /sys/devices/system/cpu/online)"
r=0
while [ $r -lt $rounds ]; do
    for c in /sys/devices/system/cpu/cpu[1-9]*; do echo 0 > $c/online || echo "offline $c failed"; done
    off=$(cat /sys/devices/system/cpu/online)
    for c in /sys/devices/system/cpu/cpu[1-9]*; do echo 1 > $c/online || echo "online $c failed"; done
    on=$(cat /sys/devices/system/cpu/online)
    echo "round $r: online after offlining $off, after onlining $on"
    r=$((r + 1))
done
echo "sha: $(echo s390host | sha256sum | cut -c1-16)"
echo "S390HOST-HOTPLUG-DONE"
poweroff -f
INIT
echo "SMP guests ready in $out"
