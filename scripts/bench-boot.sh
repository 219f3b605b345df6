#!/usr/bin/env bash
# Boot benchmark: time from start to guest poweroff for Debian's kernel with
# the test initramfs, under s390host and under qemu-system-s390x (TCG) in the
# same run, and the ratio. Usage: scripts/bench-boot.sh [CPUS]  (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
cpus=${1:-1}
scripts/install-deps.sh >/dev/null
scripts/debian-guest.sh
swift build -c release --product s390host >&2
append="console=ttysclp0 quiet"

run() {   # label command... ; prints milliseconds
    local start end
    start=$(date +%s%N)
    if ! "$@" </dev/null >/tmp/bench-boot.$$ 2>&1 || ! grep -q "S390HOST-BOOT-MARKER" /tmp/bench-boot.$$; then
        echo "$1 did not boot:" >&2; tail -5 /tmp/bench-boot.$$ >&2; exit 1
    fi
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
host_ms=$(run .build/release/s390host --kernel work/guest/vmlinuz --initrd work/guest/initrd-test.gz \
    --append "$append" --cpus "$cpus" --timeout 600)
qemu_ms=$(run qemu-system-s390x -machine s390-ccw-virtio -accel tcg -nographic -nodefaults -no-reboot \
    -m 512 -smp "$cpus" -kernel work/guest/vmlinuz -initrd work/guest/initrd-test.gz -append "$append" \
    -chardev stdio,id=con -device sclpconsole,chardev=con)
rm -f /tmp/bench-boot.$$
printf 'boot to poweroff, %d vCPU(s): s390host %d.%03d s, qemu-system-s390x (TCG) %d.%03d s, ratio %s\n' \
    "$cpus" $((host_ms / 1000)) $((host_ms % 1000)) $((qemu_ms / 1000)) $((qemu_ms % 1000)) \
    "$(awk -v a="$host_ms" -v b="$qemu_ms" 'BEGIN { printf "%.2f", a / b }')"
