#!/usr/bin/env bash
# Fetches Debian 12's s390x kernel and busybox with apt-get (the only
# network access) and builds initramfs images from them, into work/guest/:
#   vmlinuz          the newest linux-image-6.1.0-*-s390x kernel
#   initrd.gz        busybox, /init starts an interactive shell on the console
#   initrd-test.gz   /init prints a marker, reads /proc/cpuinfo, computes,
#                    and powers off (used by the tests and the benchmark)
# Idempotent: does nothing when the files exist (delete work/guest to refresh).
set -euo pipefail
cd "$(dirname "$0")/.."
out=work/guest
[ -f "$out/vmlinuz" ] && [ -f "$out/initrd.gz" ] && [ -f "$out/initrd-test.gz" ] && exit 0
mkdir -p "$out/debs"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need cpio || ! need gzip; then apt-get install -y cpio gzip >/dev/null; fi
if ! dpkg --print-foreign-architectures | grep -qx s390x; then
    dpkg --add-architecture s390x
fi
if ! apt-cache show busybox-static:s390x >/dev/null 2>&1; then
    apt-get update >/dev/null
fi
kernel_pkg=$(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-s390x$' | awk '{print $1}' | sort -V | tail -1)
[ -n "$kernel_pkg" ] || { echo "no linux-image-6.1.0-*-s390x package found" >&2; exit 1; }
( cd "$out/debs" && rm -f ./*.deb && apt-get download "$kernel_pkg" busybox-static:s390x >/dev/null 2>&1 )

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$out"/debs/linux-image-*.deb "$tmp/kernel"
dpkg-deb -x "$out"/debs/busybox-static_*.deb "$tmp/busybox"
cp "$tmp"/kernel/boot/vmlinuz-* "$out/vmlinuz"

. scripts/lib/initrd.sh   # make_initrd

make_initrd "$out/initrd.gz" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
echo "s390host: busybox shell; 'poweroff -f' ends the guest"
exec setsid cttyhack sh -l
INIT

make_initrd "$out/initrd-test.gz" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
echo "S390HOST-BOOT-MARKER"
echo "cpus: $(grep -c '^processor ' /proc/cpuinfo)"
grep -m1 '^vendor_id' /proc/cpuinfo
n=0; i=0
while [ $i -lt 2000 ]; do n=$((n + i * i)); i=$((i + 1)); done
echo "sum: $n"
echo "sha: $(echo s390host | sha256sum | cut -c1-16)"
poweroff -f
INIT
echo "guest ready in $out: $(basename "$kernel_pkg"), busybox"
