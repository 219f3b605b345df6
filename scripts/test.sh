#!/usr/bin/env bash
# The project's test command: release build, unit tests, then the guest-program
# suite (each program under s390host, compared with QEMU; see guest-tests.sh).
# Every stage runs even when an earlier one failed; the exit status is non-zero
# when any failed. Extra arguments go to scripts/guest-tests.sh.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh || exit 1

status=0
failed=()
stage() {   # name command...
    local name=$1; shift
    echo "==> $name" >&2
    if ! "$@"; then
        status=1
        failed+=("$name")
    fi
}

stage "swift build -c release" swift build -c release
stage "swift test" swift test
if [ -x .build/release/s390host ]; then
    stage "guest programs" scripts/guest-tests.sh --s390host .build/release/s390host "$@"
else
    echo "no release binary: skipping the guest programs" >&2
    status=1; failed+=("guest programs (not run)")
fi

if [ -x .build/release/s390host ]; then
    stage "hot path" scripts/check-hot-path.sh .build/release/s390host
    stage "linux boot" scripts/linux-boot-test.sh --s390host .build/release/s390host 1 2 4 8
    stage "interactive shell" scripts/interactive-test.py --s390host .build/release/s390host
    stage "smp stress" scripts/smp-stress.sh --s390host .build/release/s390host --cycles 20 --cpus 4
fi

if [ $status != 0 ]; then
    echo "test.sh: failed stages: ${failed[*]}" >&2
fi
exit $status
