#!/usr/bin/env bash
# Installs what building and testing the guest programs needs, when missing:
# the s390x cross toolchain (gcc, binutils), QEMU (qemu-system-s390x, the
# differential-test reference) and make. Debian/Ubuntu, as root (or via sudo).
# Usage: scripts/install-deps.sh [--no-qemu]
set -euo pipefail
want_qemu=1
[ "${1:-}" = "--no-qemu" ] && want_qemu=0

pkgs=()
command -v s390x-linux-gnu-gcc >/dev/null || pkgs+=(gcc-s390x-linux-gnu)
command -v s390x-linux-gnu-as >/dev/null || pkgs+=(binutils-s390x-linux-gnu)
command -v make >/dev/null || pkgs+=(make)
command -v cpio >/dev/null || pkgs+=(cpio)
if [ $want_qemu = 1 ]; then
    command -v qemu-system-s390x >/dev/null || pkgs+=(qemu-system-misc)
fi
[ ${#pkgs[@]} = 0 ] && exit 0

sudo=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "need root to install: ${pkgs[*]}" >&2; exit 1; }
    sudo=sudo
fi
command -v apt-get >/dev/null || { echo "no apt-get: install ${pkgs[*]} by hand" >&2; exit 1; }
echo "installing: ${pkgs[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update >&2
$sudo apt-get install -y "${pkgs[@]}" >&2
