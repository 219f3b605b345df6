/*
 * interrupts.c: the interruption classes not covered elsewhere, compared
 * with QEMU (PoP chapter 6).
 *
 *  - Restart: SIGP RESTART to the CPU itself (cc 0); the interruption is
 *    taken although every mask is off, the old PSW goes to real 0x120, the
 *    new PSW comes from 0x1A0. (That the old PSW points right after the
 *    SIGP is in privileged_differs.c: QEMU takes it a few instructions
 *    later.)
 *  - Supervisor call: interruption code and ILC at 0x88, old PSW at 0x140
 *    pointing after the SVC with the condition code of the moment.
 *  - External: clock comparator (SCKC, CR0 bit 52 = 0x800, code 0x1004) and
 *    CPU timer (SPT, CR0 bit 53 = 0x400, code 0x1005), each taken once it
 *    is due and not before, with the old PSW at 0x130 showing external
 *    interruptions enabled. QEMU raises these from a host timer, so the
 *    program waits for them (up to 2 seconds of TOD) instead of expecting
 *    them at a given instruction. That both conditions are level-triggered
 *    (still pending after the interruption until SCKC/SPT change them) is
 *    checked in qemu_differs.c: QEMU 7.2 makes them edge-triggered.
 *  - Program interruptions: exceptions.c, dat.c, keys.c.
 *  - Machine check: s390host never generates one (there is no machine
 *    damage to report and no repressible condition it models), so there is
 *    nothing to take; not tested.
 *  - I/O: the machine has no devices yet, so no I/O interruption can be
 *    made pending; not tested.
 */
#include "rt.h"

#define CR0_CKC 0x0800ul
#define CR0_CPUTIMER 0x0400ul

/* restart new-PSW target: count at 0x480 (r1 saved at 0x488), resume at the old PSW */
__asm__(".text\n"
        "restart_entry:\n"
        "\tstg %r1,0x488\n"
        "\tlg %r1,0x480\n"
        "\taghi %r1,1\n"
        "\tstg %r1,0x480\n"
        "\tlg %r1,0x488\n"
        "\tlpswe 0x120\n");
extern char restart_entry[];

static void restart(void)
{
    printf("# restart\n");
    u64 save_mask = LC64(0x1a0), save_addr = LC64(0x1a8);
    LC64(0x1a0) = 0x0000000180000000ul;
    LC64(0x1a8) = (u64)restart_entry;
    LC64(0x480) = 0;
    u64 after = 0, end = 0, hi = 0, lo = 0;
    register u64 r1 __asm__("r1") = 0;
    int cc;
    /* SIGP, then wait (bounded) for the interruption: QEMU takes it a few
     * instructions late (exactly after the SIGP: privileged_differs.c) */
    __asm__ volatile("epsw %[h],%[l]\n\t"
                     "larl %%r2,0f\n\t"
                     "stg %%r2,%[a]\n\t"
                     "larl %%r2,2f\n\t"
                     "stg %%r2,%[e]\n\t"
                     "llilf %%r3,1000000\n\t"
                     "sigp %%r1,%[cpu],6\n"
                     "0:\tipm %[cc]\n\t"
                     "srl %[cc],28\n"
                     "1:\tlg %%r2,0x480\n\t"
                     "ltgr %%r2,%%r2\n\t"
                     "jnz 2f\n\t"
                     "brct %%r3,1b\n"
                     "2:"
                     : "+d"(r1), [cc] "=&d"(cc), [a] "=m"(after), [e] "=m"(end), [h] "+d"(hi), [l] "+d"(lo)
                     : [cpu] "d"((u64)stap()) : "r2", "r3", "cc", "memory");
    u64 mask_now = (hi << 32 | (lo & 0xffffffff)) & ~0x0000300000000000ul;
    u64 n = LC64(0x480);
    u64 old_mask = LC64(0x120), old_addr = LC64(0x128);
    LC64(0x1a0) = save_mask;
    LC64(0x1a8) = save_addr;
    int inside = old_addr >= after && old_addr <= end;
    printf("sigp restart self: cc%d, restarts %lu, old psw %016lx, address in the waiting loop %d\n", cc, n,
           old_mask & ~0x0000300000000000ul, inside);
    check("sigp restart cc", (u64)cc, 0);
    check("one restart interruption", n, 1);
    check("restart old psw address: after the sigp", (u64)inside, 1);
    check("restart old psw mask", old_mask & ~0x0000300000000000ul, mask_now);
}

static void supervisor_call(void)
{
    printf("# supervisor call\n");
    u64 after;
    __asm__ volatile("lhi %%r2,2\n\t"
                     "sll %%r2,28\n\t"
                     "spm %%r2\n\t"                 /* cc 2 */
                     "larl %%r2,0f\n\t"
                     "stg %%r2,%[a]\n\t"
                     "svc 255\n"
                     "0:"
                     : [a] "=m"(after) : : "r2", "cc", "memory");
    printf("svc 255: code %u ilc %u old psw %016lx at+%ld\n", rt_last_svc.code, rt_last_svc.ilc,
           rt_last_svc.mask, (long)(rt_last_svc.addr - after));
    check("svc code", rt_last_svc.code, 255);
    check("svc ilc", rt_last_svc.ilc, 2);
    check("svc old psw address", rt_last_svc.addr, after);
    check("svc old psw cc", (rt_last_svc.mask >> 44) & 3, 2);
    check("svc interruption code at 0x8a", LC16(0x8a), 255);
    check("svc ilc at 0x88", LC16(0x88), 2);
}

static u64 tod(void)
{
    u64 t;
    __asm__ volatile("stck %0" : "=Q"(t) : : "cc");
    return t;
}

/* external interruptions enabled for one instruction */
static unsigned window(u64 submask)
{
    u64 cr0 = STCTG(0);
    unsigned before = rt_last_ext.count;
    u8 old;
    LCTLG(0, cr0 | submask);
    __asm__ volatile("stosm %0,0x01\n\tnopr 0\n\tstnsm %0,0xfe" : "=Q"(old) : : "memory");
    LCTLG(0, cr0);
    return rt_last_ext.count - before;
}

/* open windows until an interruption comes or 2 s of TOD pass */
static unsigned wait_for(u64 submask)
{
    u64 limit = tod() + (2000000ul << 12);
    while (tod() < limit) {
        unsigned n = window(submask);
        if (n)
            return n;
    }
    return 0;
}

static void timers(void)
{
    printf("# clock comparator\n");
    u64 v = ~0ul;
    __asm__ volatile("sckc %0" : : "Q"(v));
    check("nothing with CKC at the maximum", window(CR0_CKC), 0);
    u64 due = tod() + (20000ul << 12);       /* 20 ms ahead */
    __asm__ volatile("sckc %0" : : "Q"(due));
    unsigned early = window(CR0_CKC);
    unsigned n = wait_for(CR0_CKC);
    u64 when = tod();
    u16 code = (u16)rt_last_ext.code;
    u64 mask = rt_last_ext.mask;
    v = ~0ul;
    __asm__ volatile("sckc %0" : : "Q"(v));
    printf("ckc: before due %u, taken %u, code %04x, after the ckc %d, ext enabled in old psw %lu\n",
           early, n, code, when > due, (mask >> 56) & 1);
    check("ckc not before it is due", early, 0);
    check("ckc taken", n, 1);
    check("ckc code", code, 0x1004);
    check("ckc taken after it was due", when > due, 1);
    check("ckc old psw: external enabled", (mask >> 56) & 1, 1);
    check("nothing after SCKC max", window(CR0_CKC), 0);
    u64 ckc;
    __asm__ volatile("stckc %0" : "=Q"(ckc));
    check("stckc", ckc, ~0ul);

    printf("# cpu timer\n");
    v = 0x7ffffffffffffffful;
    __asm__ volatile("spt %0" : : "Q"(v));
    check("nothing with a large cpu timer", window(CR0_CPUTIMER), 0);
    u64 t1, t2;
    __asm__ volatile("stpt %0" : "=Q"(t1));
    for (volatile int i = 0; i < 1000; i++)
        ;
    __asm__ volatile("stpt %0" : "=Q"(t2));
    check("cpu timer counts down", t2 < t1, 1);
    v = 20000ul << 12;                       /* 20 ms */
    __asm__ volatile("spt %0" : : "Q"(v));
    early = window(CR0_CPUTIMER);
    n = wait_for(CR0_CPUTIMER);
    code = (u16)rt_last_ext.code;
    mask = rt_last_ext.mask;
    v = 0x7ffffffffffffffful;
    __asm__ volatile("spt %0" : : "Q"(v));
    /* (STPT of the expired timer, negative: privileged_differs.c; QEMU 7.2
     * does not store a negative value) */
    printf("cpu timer: before due %u, taken %u, code %04x\n", early, n, code);
    check("cpu timer not before it is due", early, 0);
    check("cpu timer taken", n, 1);
    check("cpu timer code", code, 0x1005);
    check("nothing after SPT max", window(CR0_CPUTIMER), 0);
}

int main(void)
{
    restart();
    supervisor_call();
    timers();
    return 0;
}
