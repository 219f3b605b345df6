#!/usr/bin/env python3
"""Finds the first instruction where s390host and QEMU (TCG) disagree.

Runs the same guest under both, single-stepping, and compares the
instruction address and the 16 general registers before every instruction.
Usage: compare-trace.py [--max N] [--skip N] -- <s390host/QEMU common args>
       e.g. compare-trace.py -- --kernel prog.elf
Only --kernel/--initrd/--append/--memory are understood. Debugging aid: slow.
"""
import argparse, os, re, subprocess, sys, tempfile, collections

ap = argparse.ArgumentParser()
ap.add_argument("--max", type=int, default=10_000_000, help="instructions to compare")
ap.add_argument("--host", default=".build/release/s390host")
ap.add_argument("--kernel", required=True)
ap.add_argument("--initrd")
ap.add_argument("--append")
ap.add_argument("--memory", default="512")
ap.add_argument("--taint-at", action="append", default=[],
                help="instruction address (hex) where differing registers are known environment differences (e.g. values read from SCLP)")
# QEMU's default CPU model minus the facilities s390host does not offer, so
# that both machines make the same facility-dependent choices. (QEMU also
# shows facility 138, which cannot be switched off: run s390host with
# S390HOST_FACILITIES=f9003450f4440000,0,0020000000000000 to match.)
ap.add_argument("--qemu-cpu", default="qemu," + ",".join(f + "=off" for f in (
    "srs etf2 msa-base etf3 etf2eh etf3eh ectg sprogp stfle49 ltlbc iacc2 stfle53 msa5-base minste2 "
    "minste3 zpci aen ais aefsi msa3-base msa4-base vx iep sea_esop2 vxeh msa8-base vxeh2").split()))
a = ap.parse_args()

tmp = tempfile.mkdtemp()
fifo = os.path.join(tmp, "qemu.log")
os.mkfifo(fifo)
qemu = ["qemu-system-s390x", "-machine", "s390-ccw-virtio", "-accel", "tcg", "-nographic", "-nodefaults",
        "-m", a.memory.rstrip("M"), "-cpu", a.qemu_cpu, "-kernel", a.kernel, "-singlestep", "-d", "cpu", "-D", fifo,
        "-chardev", "null,id=con", "-device", "sclpconsole,chardev=con"]
host = [a.host, "--kernel", a.kernel, "--memory", a.memory if a.memory[-1].isalpha() else a.memory + "M", "--trace"]
for flag in ("initrd", "append"):
    v = getattr(a, flag)
    if v:
        qemu += ["-" + flag, v]
        host += ["--" + flag, v]
qp = subprocess.Popen(qemu, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
hp = subprocess.Popen(host, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                      env=dict(os.environ, S390HOST_TRACE="registers"), text=True)
qf = open(fifo)

def qemu_states():
    addr, regs = None, []
    for line in qf:
        if line.startswith("PSW="):
            addr = int(line.split()[3], 16); regs = []
        elif line.startswith("R") and addr is not None:
            regs += [int(x.split("=")[1], 16) for x in line.split()]
            if len(regs) == 16:
                yield addr, regs
                addr = None

def host_states():
    it = iter(hp.stderr)
    for line in it:
        if not line.startswith("cpu0 "):
            continue
        parts = line.split(None, 2)
        addr = int(parts[1], 16)
        text = parts[2].strip() if len(parts) > 2 else ""
        regline = next(it)
        regs = [int(x.split("=")[1], 16) for x in regline.split()]
        yield addr, regs, text

history = collections.deque(maxlen=12)
# QEMU 7.2 loses the condition code across an LCTLG that ends a translation
# block (EPSW/IPM then read 0; checked with a bare-metal program: the PoP
# wants the CC of the last instruction that set it). Registers written by
# EPSW/IPM after such a point are "tainted" and ignored until they agree again.
tainted = set()
taint_at = {int(x, 16) for x in a.taint_at}
hs = host_states()
n = 0
last_q = None
try:
    for qaddr, qregs in qemu_states():
        if (qaddr, qregs) == last_q:
            continue            # QEMU logs an instruction again when it restarts a block
        last_q = (qaddr, qregs)
        for haddr, hregs, text in hs:
            if n == 0 and haddr != qaddr:
                continue        # QEMU's log starts a little later
            break
        else:
            print("s390host trace ended after", n, "instructions"); break
        diff = {i for i in range(16) if hregs[i] != qregs[i]}
        tainted &= diff
        if haddr == qaddr and diff and haddr in taint_at:
            tainted |= diff
        if haddr == qaddr and diff and history and re.search(r"\s(epsw|ipm)\s", history[-1]):
            tainted |= diff
        if haddr != qaddr or diff - tainted:
            print(f"first difference before instruction {n}:")
            for h in history:
                print("   ", h)
            print(f"  qemu     at {qaddr:016x}")
            print(f"  s390host at {haddr:016x}  {text}")
            for i in range(16):
                if hregs[i] != qregs[i]:
                    print(f"  R{i:02d} qemu {qregs[i]:016x} s390host {hregs[i]:016x}")
            break
        history.append(f"{haddr:016x}  {text}")
        n += 1
        if n >= a.max:
            print("no difference in", n, "instructions"); break
finally:
    qp.kill(); hp.kill()
