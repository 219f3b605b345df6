/*
 * exceptions.c: each program exception the runtime can catch, with its
 * interruption code, ILC and where the old PSW points (nullified: at the
 * instruction; suppressed/completed: after it): operation, privileged
 * operation (from problem state), execute, protection (low-address),
 * addressing, specification (odd register pair, unaligned CDSG, EX of an odd
 * FPC), data (compare and trap, AFP
 * register), fixed-point overflow masked, fixed-point divide
 * (suppresses), monitor event; SVC from EX/EXRL (ILC 2/3), SVC from problem
 * state back to supervisor state.
 */
#include "t.h"

static volatile u64 at;          /* address of the faulting instruction */

static void expect_at(const char *what, u64 ilc, int nullified)
{
    check(what, rt_last_pgm.ilc, ilc);
    check(what, rt_last_pgm.addr - at, nullified ? 0 : ilc);
}

int main(void)
{
    printf("# operation\n");
    PGM_EXPECT("invalid opcode 00", 0x0001,
               __asm__ volatile("larl %%r1,0f\n\tstg %%r1,%0\n0:\t.short 0x0000" : "=m"(at) : : "r1"));
    expect_at("operation ilc/psw", 2, 0);
    PGM_EXPECT("invalid opcode b2ff (4 bytes)", 0x0001,
               __asm__ volatile("larl %%r1,0f\n\tstg %%r1,%0\n0:\t.long 0xb2ff0000" : "=m"(at) : : "r1"));
    expect_at("operation 4-byte ilc", 4, 0);
    PGM_EXPECT("invalid opcode e3..00 (6 bytes)", 0x0001,
               __asm__ volatile("larl %%r1,0f\n\tstg %%r1,%0\n0:\t.short 0xe300,0x0000,0x0000" : "=m"(at) : : "r1"));
    expect_at("operation 6-byte ilc", 6, 0);

    printf("# privileged operation from problem state\n");
    static u64 psw[2] __attribute__((aligned(8)));
    PGM_EXPECT("ptlb in problem state", 0x0002,
               __asm__ volatile("larl %%r1,0f\n\t"
                                "stg %%r1,8(%[p])\n\t"
                                "llihh %%r2,0x0001\n\t"          /* mask: bit 15 problem state */
                                "oilh %%r2,0x8000\n\t"
                                "oihl %%r2,0x0001\n\t"           /* bits 31,32: 64-bit */
                                "stg %%r2,0(%[p])\n\t"
                                "larl %%r1,1f\n\t"
                                "stg %%r1,%[a]\n\t"
                                "lpswe 0(%[p])\n"
                                "0:\tnopr 0\n"
                                "1:\tptlb\n"
                                : [a] "=m"(at) : [p] "a"(psw) : "r1", "r2", "memory"));
    expect_at("privileged ilc/psw", 4, 0);
    printf("old psw problem state: %lu\n", (rt_last_pgm.mask >> 48) & 1);
    check("old psw problem bit", (rt_last_pgm.mask >> 48) & 1, 1);

    printf("# svc\n");
    unsigned n0 = rt_last_svc.count;
    __asm__ volatile("svc 42");
    check("svc code", rt_last_svc.code, 42);
    check("svc ilc", rt_last_svc.ilc, 2);
    (void)n0;
    u64 r1v = 9;
    __asm__ volatile("larl %%r2,0f\n\tex %[r],0(%%r2)\n\tj 1f\n0:\tsvc 0\n1:" : : [r] "a"(r1v) : "r2");
    printf("ex svc: code %u ilc %u\n", rt_last_svc.code, rt_last_svc.ilc);
    check("ex svc code (or'ed)", rt_last_svc.code, 9);
    check("ex svc ilc", rt_last_svc.ilc, 4);
    __asm__ volatile("exrl %[r],0f\n\tj 1f\n0:\tsvc 1\n1:" : : [r] "a"(0ul));
    check("exrl svc ilc", rt_last_svc.ilc, 6);
    /* problem state -> SVC 1 -> back in supervisor state: STAP works */
    {
        u16 cpu;
        __asm__ volatile("larl %%r1,0f\n\t"
                         "stg %%r1,8(%[p])\n\t"
                         "llihh %%r2,0x0001\n\t"
                         "oilh %%r2,0x8000\n\t"
                         "oihl %%r2,0x0001\n\t"
                         "stg %%r2,0(%[p])\n\t"
                         "lpswe 0(%[p])\n"
                         "0:\tsvc 1\n\t"
                         "stap %[c]\n"
                         : [c] "=Q"(cpu) : [p] "a"(psw) : "r1", "r2", "memory");
        check("svc 1 returns to supervisor", cpu, stap());
    }

    printf("# execute\n");
    PGM_EXPECT("ex of ex", 0x0003,
               __asm__ volatile("larl %%r1,0f\n\tlarl %%r2,1f\n\tstg %%r2,%0\n1:\tex 0,0(%%r1)\n\tj 2f\n0:\tex 0,0(%%r1)\n2:"
                                : "=m"(at) : : "r1", "r2"));
    expect_at("execute ilc/psw", 4, 0);
    PGM_EXPECT("exrl of exrl", 0x0003,
               __asm__ volatile("larl %%r2,1f\n\tstg %%r2,%0\n1:\texrl 0,0f\n\tj 2f\n0:\texrl 0,0f\n2:"
                                : "=m"(at) : : "r2"));
    expect_at("execute exrl ilc/psw", 6, 0);

    printf("# protection (low-address protection)\n");
    {
        u64 cr0 = STCTG(0);
        LCTLG(0, cr0 | (1ul << 28));     /* CR0 bit 35 */
        PGM_EXPECT("store to 0x100 with LAP", 0x0004,
                   __asm__ volatile("larl %%r1,0f\n\tstg %%r1,%0\n0:\tmvi 0x100,0x55" : "=m"(at) : : "r1", "memory"));
        expect_at("protection psw", 4, 0);
        PGM_EXPECT("store to 0x200 with LAP: allowed", 0,
                   __asm__ volatile("mvi 0x2b0,0x55" : : : "memory"));
        LCTLG(0, cr0);
        printf("tec bits 52-63: %03lx\n", rt_last_pgm.tec & 0xfff);
    }

    printf("# addressing\n");
    PGM_EXPECT("load beyond memory", 0x0005,
               __asm__ volatile("larl %%r1,0f\n\tstg %%r1,%0\n\tllihh %%r2,0x100\n0:\tlg %%r3,0(%%r2)"
                                : "=m"(at) : : "r1", "r2", "r3"));
    printf("addressing psw offset %lu ilc %u\n", rt_last_pgm.addr - at, rt_last_pgm.ilc);
    PGM_EXPECT("mvc into beyond memory", 0x0005,
               __asm__ volatile("llihh %%r2,0x100\n\tmvc 0(8,%%r2),0(%%r15)" : : : "r2", "memory"));

    printf("# specification\n");
    PGM_EXPECT("dr odd register", 0x0006,
               __asm__ volatile("larl %%r2,0f\n\tstg %%r2,%0\n0:\t.short 0x1d12" : "=m"(at) : : "r2", "r3", "cc"));
    expect_at("spec dr", 2, 0);
    static u64 q3[3] __attribute__((aligned(16)));
    PGM_EXPECT("cdsg unaligned", 0x0006,
               __asm__ volatile("lghi %%r2,0\n\tlghi %%r3,0\n\tlghi %%r4,0\n\tlghi %%r5,0\n\tcdsg %%r2,%%r4,8(%0)"
                                : : "a"(q3) : "r2", "r3", "r4", "r5", "cc", "memory"));
    /* EX of an odd address and LPSWE of a PSW with bit 12 on: see qemu_differs.c */
    PGM_EXPECT("sfpc reserved bits", 0x0006,
               __asm__ volatile("sfpc %0" : : "d"(0x00000080ul)));

    printf("# data\n");
    PGM_EXPECT("crt equal", 0x0007,
               __asm__ volatile("larl %%r1,0f\n\tstg %%r1,%0\n\tlghi %%r2,5\n0:\tcrte %%r2,%%r2" : "=m"(at) : : "r1", "r2"));
    check("crt dxc", rt_last_pgm.dxc, 0xff);
    expect_at("crt psw", 4, 0);
    PGM_EXPECT("cgit not taken", 0,
               __asm__ volatile("lghi %%r2,5\n\tcgit %%r2,6,8" : : : "r2"));
    PGM_EXPECT("clfit low", 0x0007,
               __asm__ volatile("lghi %%r2,5\n\tclfit %%r2,6,4" : : : "r2"));
    {
        u64 cr0 = STCTG(0);
        LCTLG(0, cr0 & ~(1ul << 18));    /* AFP off */
        PGM_EXPECT("afp register with AFP off", 0x0007,
                   __asm__ volatile("ldr %%f1,%%f0" : : : "f1"));
        check("afp dxc", rt_last_pgm.dxc, 1);
        PGM_EXPECT("basic fpr with AFP off", 0,
                   __asm__ volatile("ldr %%f2,%%f0" : : : "f2"));
        LCTLG(0, cr0);
    }

    printf("# fixed-point overflow (completes) and divide (suppresses)\n");
    rt_pgm_mode = RT_PGM_RESUME;
    {
        /* the fixed-point-overflow interruption itself: see qemu_differs.c */
        u64 r;
        unsigned before;
        before = rt_last_pgm.count;
        r = 0x7fffffffffffffff;
        __asm__ volatile("aghi %[r],1" : [r] "+d"(r) : : "cc");
        check("masked: no interruption", rt_last_pgm.count - before, 0);
        register u64 e __asm__("r2") = 1, o __asm__("r3") = 0;
        before = rt_last_pgm.count;
        __asm__ volatile("dr %%r2,%[d]" : "+d"(e), "+d"(o) : [d] "d"(1ul));
        u64 ev = e, ov = o;
        check("divide overflow code", rt_last_pgm.code, 9);
        check("divide overflow trapped", rt_last_pgm.count - before, 1);
        check("divide suppressed r2", ev, 1);
        check("divide suppressed r3", ov, 0);
        e = 5; o = 5;
        __asm__ volatile("dlgr %%r2,%[d]" : "+d"(e), "+d"(o) : [d] "d"(0ul));
        check("dlgr by zero code", rt_last_pgm.code, 9);
        e = 0; o = 0x8000000000000000ul;
        __asm__ volatile("dsgr %%r2,%[d]" : "+d"(e), "+d"(o) : [d] "d"(0xfffffffffffffffful));
        ov = o;
        check("dsgr min/-1 code", rt_last_pgm.code, 9);
        check("dsgr suppressed", ov, 0x8000000000000000ul);
    }
    rt_pgm_mode = RT_PGM_STOP;

    printf("# monitor event\n");
    {
        u64 cr8 = STCTG(8);
        PGM_EXPECT("mc class 1 disabled", 0, __asm__ volatile("mc 0x123,1"));
        LCTLG(8, cr8 | (1ul << (63 - 49)));   /* monitor mask for class 1 */
        PGM_EXPECT("mc class 1 enabled", 0x0040, __asm__ volatile("mc 0x123,1"));
        printf("monitor class %u code %016lx\n", LC16(0x94), LC64(0xb0));
        check("monitor class", LC16(0x94), 1);
        check("monitor code", LC64(0xb0), 0x123);
        LCTLG(8, cr8);
    }
    return 0;
}
