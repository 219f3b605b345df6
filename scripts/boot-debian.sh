#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12 machine and boots Debian's s390x
# kernel to a busybox shell under s390host. Extra arguments go to s390host
# (e.g. --cpus 2). Inside the guest, `poweroff -f` ends it; Ctrl-A x quits.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/debian-guest.sh
swift build -c release --product s390host >&2
exec .build/release/s390host --kernel work/guest/vmlinuz --initrd work/guest/initrd.gz \
    --append "console=ttysclp0 quiet" "$@"
