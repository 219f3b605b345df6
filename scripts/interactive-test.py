#!/usr/bin/env python3
"""Boots the Debian guest with the interactive busybox initramfs on a
pseudo-terminal, types a command at the shell prompt, checks its output,
then powers the guest off and checks the exit status (0).
Usage: interactive-test.py [--s390host PATH]"""
import os, pty, select, sys, time

host = ".build/release/s390host"
if len(sys.argv) > 2 and sys.argv[1] == "--s390host":
    host = sys.argv[2]
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
if os.system("scripts/debian-guest.sh") != 0:
    sys.exit(1)

pid, fd = pty.fork()
if pid == 0:
    os.execv(host, [host, "--kernel", "work/guest/vmlinuz", "--initrd", "work/guest/initrd.gz",
                    "--append", "console=ttysclp0 quiet", "--timeout", "600"])

seen = b""
def wait_for(pattern, seconds):
    global seen
    end = time.time() + seconds
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 1)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            seen += data
            if pattern in seen:
                return True
    return False

def fail(why):
    print("FAIL  interactive shell:", why)
    print("    last output:", seen[-400:].decode(errors="replace").replace("\n", "\n    "))
    os.kill(pid, 9)
    sys.exit(1)

if not wait_for(b"'poweroff -f' ends the guest", 600):
    fail("no greeting from the guest's /init")
if not wait_for(b"# ", 120):
    fail("no shell prompt")
seen = b""
os.write(fd, b"echo typed-$((6*7))\r")
if not wait_for(b"typed-42", 120):
    fail("the command's output did not come back")
os.write(fd, b"poweroff -f\r")
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
if code != 0:
    fail(f"exit status {code}, expected 0")
print("PASS  interactive shell on a pseudo-terminal")
