#!/usr/bin/env bash
# Demo: installs the s390x cross toolchain if missing, builds s390host
# (release) and the hello-world guest (guest/demo/hello.c), and runs it.
# Extra arguments go to s390host (e.g. --trace).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --no-qemu
swift build -c release --product s390host >&2
make -s -C guest hello >&2
exec .build/release/s390host --kernel guest/build/hello.elf --timeout 60 "$@"
