/*
 * qemu_differs.c: cases where QEMU 7.2 (Debian 12) disagrees with the
 * Principles of Operation or lacks the instruction. The expected values are
 * written from the PoP; the program prints only section headers and FAIL
 * lines, so guest/expected/qemu_differs.out holds no emulator-computed value.
 *
 *  - RNSBG with the test-only bit: QEMU computes the CC from an
 *    uninitialised value.
 *  - LOAD ADDRESS in the 24/31-bit modes: bits 0-31 of R1 remain unchanged
 *    (QEMU clears them).
 *  - BSM, BASSM: not implemented in QEMU 7.2.
 *  - LTDBR of an SNaN: IEEE invalid operation, result the QNaN, CC 3 (QEMU
 *    copies the SNaN and sets no flag).
 *  - CONVERT TO FIXED of a NaN without the invalid trap: the IEEE-inexact
 *    flag is set along with the invalid flag, as for out-of-range values
 *    (PoP, CONVERT TO FIXED results table; QEMU sets only invalid for NaNs).
 *  - EPSW: PSW bits 18-19 hold the current CC (QEMU 7.2 can show a stale CC).
 *  - TROT: the test character is two bytes, GR0 bits 48-63, compared with
 *    the two-byte table entry (QEMU 7.2 does not stop there).
 *  - IEEE overflow/underflow/inexact traps: the operation completes with the
 *    scaled (overflow: / 2^1536, underflow: * 2^1536) or rounded result, DXC
 *    0x20/0x28, 0x10/0x18, 0x08 (QEMU suppresses the result; DXC differs).
 *  - EX of an odd address: specification exception (QEMU: operation).
 *  - LPSWE of a PSW with bit 12 on: specification exception (QEMU loads it).
 *  - Fixed-point overflow with the program-mask bit on: program
 *    interruption 0008 after the result is stored (QEMU never raises it).
 *  - Clock comparator and CPU timer: after SCKC 0 / SPT 0 the condition is
 *    present at once and stays while it holds (level-triggered); QEMU raises
 *    them from a host timer, later or not within the test.
 *  - Key-controlled and fetch protection, TPROT: QEMU's TCG ignores storage
 *    keys for protection (TPROT always gives CC 0).
 */
#include "t.h"

#define HI 0xaaaaaaaa00000000ul

typedef union { double f; u64 u; } F64;
static inline double fd(u64 u) { F64 x; x.u = u; return x.f; }
static inline u64 ud(double f) { F64 x; x.f = f; return x.u; }

static void general(void)
{
    printf("# rnsbg test-only\n");
    {
        u64 r1 = 0xff00ff00ff00ff00ul;
        int cc;
        __asm__ volatile("rnsbg %[a],%[b],128,63,0\n\t" CC_OUT
                         : [a] "+d"(r1), [cc] "=d"(cc) : [b] "d"(0xfffffffffffffffful) : "cc");
        check("rnsbg T cc", (u64)cc, 1);
        check("rnsbg T r1 unchanged", r1, 0xff00ff00ff00ff00ul);
    }

    printf("# la in 31/24-bit mode keeps bits 0-31\n");
    {
        u64 la31 = HI | 0x12345678, a31 = HI | 0xffffffff, la24 = HI, a24 = HI | 0xffffff;
        __asm__ volatile("sam31\n\tla %[la],0(%[src])\n\tla %[a],1(%[a])\n\tsam64"
                         : [la] "+&d"(la31), [a] "+&a"(a31) : [src] "a"(0xfffffffffffffffful));
        __asm__ volatile("sam24\n\tla %[la],0(%[src])\n\tla %[a],2(%[a])\n\tsam64"
                         : [la] "+&d"(la24), [a] "+&a"(a24) : [src] "a"(0xfffffffffffffffful));
        check("la 31", la31, HI | 0x7fffffff);
        check("la 31 wrap", a31, HI | 0);
        check("la 24", la24, HI | 0xffffff);
        check("la 24 wrap", a24, HI | 1);
    }

    printf("# bsm bassm\n");
    PGM_EXPECT("bsm", 0, {
        u64 ret, r1bsm = HI, mode_after;
        __asm__ volatile("larl %%r1,3f\n\t"
                         "oilh %%r1,0x8000\n\t"        /* bit 32: 31-bit target */
                         "larl %%r14,4f\n\t"
                         "oill %%r14,1\n\t"            /* bit 63: return in 64-bit mode */
                         "bsm 0,%%r1\n\t"
                         "j 4f\n"
                         "3:\tbsm %[m],0\n\t"         /* 31-bit: bit 32 of r1 <- 1; r2 = 0: no branch */
                         "lgr %[ret],%%r14\n\t"
                         "bsm 0,%%r14\n"
                         "4:"
                         : [m] "+&d"(r1bsm), [ret] "=&d"(ret) : : "r1", "r14", "cc");
        check("bsm mode 31", r1bsm, HI | 0x80000000);
        check("bsm return bit 63", ret & 1, 1);
        __asm__ volatile("lghi %[m],0\n\tbsm %[m],0" : [m] "=&d"(mode_after));
        check("bsm mode 64", mode_after, 1);
    });
    PGM_EXPECT("bassm", 0, {
        u64 link, after;
        __asm__ volatile("larl %%r1,3f\n\t"
                         "oilh %%r1,0x8000\n\t"
                         "larl %[af],1f\n\t"
                         "bassm %%r14,%%r1\n"
                         "1:\tj 4f\n"
                         "3:\tlgr %[l],%%r14\n\t"
                         "bsm 0,%%r14\n"
                         "4:"
                         : [l] "=&d"(link), [af] "=&d"(after) : : "r1", "r14", "cc");
        check("bassm link 64-bit: address | 1", link, after | 1);
    });

    printf("# fixed-point overflow interruption\n");
    rt_pgm_mode = RT_PGM_RESUME;
    {
        u64 r = HI | 0x7fffffff, at;
        int cc;
        unsigned before = rt_last_pgm.count;
        set_program_mask(8);
        __asm__ volatile("larl %[at],0f\n\tahi %[r],1\n0:\t" CC_OUT
                         : [r] "+d"(r), [cc] "=d"(cc), [at] "=&d"(at) : : "cc");
        set_program_mask(0);
        check("fixed overflow trapped", rt_last_pgm.count - before, 1);
        check("fixed overflow code", rt_last_pgm.code, 8);
        check("fixed overflow ilc", rt_last_pgm.ilc, 4);
        check("fixed overflow old psw after the instruction", rt_last_pgm.addr, at);
        check("fixed overflow result stored", r, HI | 0x80000000);
        check("fixed overflow cc3", (u64)cc, 3);
    }
    rt_pgm_mode = RT_PGM_STOP;

    printf("# execute odd target, psw bit 12\n");
    PGM_EXPECT("ex target odd", 0x0006,
               __asm__ volatile("larl %%r1,0f\n\tex 0,1(%%r1)\n0:\tnopr 0" : : : "r1"));
    static u64 badpsw[2] __attribute__((aligned(8)));
    PGM_EXPECT("lpswe psw bit 12", 0x0006,
               __asm__ volatile("larl %%r1,0f\n\tstg %%r1,8(%[p])\n\t"
                                "llihf %%r1,0x00080001\n\toilh %%r1,0x8000\n\tstg %%r1,0(%[p])\n\t"
                                "lpswe 0(%[p])\n0:" : : [p] "a"(badpsw) : "r1", "memory"));

    printf("# trot two-byte test character\n");
    {
        static u16 t16[256] __attribute__((aligned(8)));
        static u8 out[4];
        for (int i = 0; i < 256; i++)
            t16[i] = (u16)(0x3000 | i);
        register u64 t0 __asm__("r0") = 0x3062;      /* 'b' translated */
        register u64 tb __asm__("r1") = (u64)t16;
        register u64 d2 __asm__("r2") = (u64)out;
        register u64 l3 __asm__("r3") = 2;
        register u64 s4 __asm__("r4") = (u64)"ab";
        int cc;
        __asm__ volatile("0:\ttrot %%r2,%%r4,0\n\tjo 0b\n\t" CC_OUT
                         : "+d"(d2), "+d"(l3), "+d"(s4), [cc] "=d"(cc) : "d"(t0), "d"(tb) : "cc", "memory");
        u64 len = l3, off = d2 - (u64)out;
        check("trot stops at the test character: cc 1", (u64)cc, 1);
        check("trot r3 designates 'b'", len, 1);
        check("trot r2 after one character", off, 2);
    }

    printf("# epsw condition code\n");
    {
        u64 hi = 0, lo = 0, v = 1;
        __asm__ volatile("ltgr %[v],%[v]\n\tepsw %[h],%[l]"
                         : [h] "+d"(hi), [l] "+d"(lo), [v] "+d"(v) : : "cc");
        check("epsw: cc 2 in psw bits 18-19", (hi >> 12) & 3, 2);
    }
}

static void bfp(void)
{
    printf("# ltdbr snan\n");
    {
        double r;
        u32 f;
        int cc;
        __asm__ volatile("sfpc %[z]\n\tltdbr %[r],%[a]\n\t" CC_OUT "\tefpc %[f]"
                         : [r] "=&f"(r), [cc] "=&d"(cc), [f] "=d"(f)
                         : [a] "f"(fd(0x7ff0000000000001ul)), [z] "d"(0ul) : "cc");
        check("ltdbr snan -> qnan", ud(r), 0x7ff8000000000001ul);
        check("ltdbr snan invalid flag", f, 0x00800000);
        check("ltdbr snan cc3", (u64)cc, 3);
    }

    printf("# cfdbr nan: invalid and inexact\n");
    {
        u64 r = HI;
        u32 f;
        int cc;
        __asm__ volatile("sfpc %[z]\n\tcfdbr %[r],0,%[a]\n\t" CC_OUT "\tefpc %[f]"
                         : [r] "+d"(r), [cc] "=&d"(cc), [f] "=d"(f)
                         : [a] "f"(fd(0x7ff8000000000000ul)), [z] "d"(0ul) : "cc");
        check("cfdbr nan -> max negative", r, HI | 0x80000000);
        check("cfdbr nan flags invalid+inexact", f, 0x00880000);
        check("cfdbr nan cc3", (u64)cc, 3);
    }

    printf("# ieee traps that complete\n");
    rt_pgm_mode = RT_PGM_RESUME;
    struct { const char *what; u32 mask; u64 a, b; int op; u32 dxc; u64 result; } t[] = {
        {"overflow exact", 0x20000000, 0x7fefffffffffffffu, 0x4000000000000000ul, 0, 0x20, 0x1ffffffffffffffful},
        {"overflow inexact", 0x20000000, 0x7fefffffffffffffu, 0x3ff8000000000000ul, 0, 0x28, 0x1ff7fffffffffffful},
        {"underflow exact", 0x10000000, 0x0010000000000000ul, 0x3fe0000000000000ul, 0, 0x10, 0x6000000000000000ul},
        {"underflow scaled exact", 0x10000000, 0x0010000000000001ul, 0x3fe0000000000000ul, 0, 0x10, 0x6000000000000001ul},
        {"underflow inexact", 0x10000000, 0x0010000000000000ul, 0x4008000000000000ul, 1, 0x18, 0x5ff5555555555555ul},
        {"inexact", 0x08000000, 0x3ff0000000000000ul, 0x4008000000000000ul, 1, 0x08, 0x3fd5555555555555ul},
    };
    for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        unsigned before = rt_last_pgm.count;
        double a = fd(t[i].a), b = fd(t[i].b);
        if (t[i].op == 0)
            __asm__ volatile("sfpc %[m]\n\tmdbr %[a],%[b]\n\tsfpc %[z]" : [a] "+f"(a) : [b] "f"(b), [m] "d"((u64)t[i].mask), [z] "d"(0ul));
        else
            __asm__ volatile("sfpc %[m]\n\tddbr %[a],%[b]\n\tsfpc %[z]" : [a] "+f"(a) : [b] "f"(b), [m] "d"((u64)t[i].mask), [z] "d"(0ul));
        int trapped = rt_last_pgm.count != before;
        check(t[i].what, (u64)trapped, 1);
        if (trapped) {
            check(t[i].what, rt_last_pgm.code, 7);
            check(t[i].what, rt_last_pgm.dxc, t[i].dxc);
        }
        check(t[i].what, ud(a), t[i].result);
    }
    rt_pgm_mode = RT_PGM_STOP;
}

#define CR0_CKC 0x0800ul
#define CR0_CPUTIMER 0x0400ul

static unsigned take(u64 submask)
{
    u64 cr0 = STCTG(0);
    unsigned before = rt_last_ext.count;
    u8 old;
    LCTLG(0, cr0 | submask);
    __asm__ volatile("stosm %0,0x01\n\tnopr 0\n\tstnsm %0,0xfe" : "=Q"(old) : : "memory");
    LCTLG(0, cr0);
    return rt_last_ext.count - before;
}

static void timers(void)
{
    printf("# clock comparator and cpu timer\n");
    /* The program starts as after initial CPU reset, which sets the clock
     * comparator to zero (PoP "Resets"): with TOD > 0 the condition is there
     * before any SCKC. SCKC with the maximum value removes it. */
    check("clock comparator after initial CPU reset (CKC 0)", take(CR0_CKC), 1);
    u64 v = 0xfffffffffffffffful;
    __asm__ volatile("sckc %0" : : "Q"(v));
    check("no clock comparator after SCKC max", take(CR0_CKC), 0);
    v = 0;
    __asm__ volatile("sckc %0" : : "Q"(v));
    check("clock comparator at once", take(CR0_CKC), 1);
    check("clock comparator code", rt_last_ext.code, 0x1004);
    check("clock comparator persists while TOD > CKC", take(CR0_CKC), 1);
    v = 0xfffffffffffffffful;
    __asm__ volatile("sckc %0" : : "Q"(v));
    check("clock comparator gone after SCKC max", take(CR0_CKC), 0);
    v = 0;
    __asm__ volatile("spt %0" : : "Q"(v));
    for (volatile int i = 0; i < 100; i++)
        ;
    check("cpu timer negative", take(CR0_CPUTIMER), 1);
    check("cpu timer code", rt_last_ext.code, 0x1005);
    check("cpu timer persists while negative", take(CR0_CPUTIMER), 1);
    v = 0x7ffffffffffffffful;
    __asm__ volatile("spt %0" : : "Q"(v));
    check("cpu timer gone after SPT max", take(CR0_CPUTIMER), 0);
}

static u8 page[4096] __attribute__((aligned(4096)));

static void protection(void)
{
    printf("# key-controlled protection\n");
    __asm__ volatile("sske %0,%1" : : "d"(0x20ul), "a"(page) : "memory");
    PGM_EXPECT("store with matching key 2", 0,
               __asm__ volatile("spka 0x20\n\tmvi 0(%0),5\n\tspka 0" : : "a"(page) : "memory"));
    PGM_EXPECT("store with key 3", 0x0004,
               __asm__ volatile("spka 0x30\n\tmvi 0(%0),6\n\tspka 0" : : "a"(page) : "memory"));
    __asm__ volatile("spka 0");
    check("protected store suppressed", page[0], 5);
    int t0, t3, t2;
    __asm__ volatile("tprot 0(%1),0\n\t" CC_OUT : [cc] "=d"(t0) : "a"(page) : "cc");
    __asm__ volatile("tprot 0(%1),0x30\n\t" CC_OUT : [cc] "=d"(t3) : "a"(page) : "cc");
    __asm__ volatile("sske %0,%1" : : "d"(0x28ul), "a"(page) : "memory");   /* key 2, fetch protected */
    __asm__ volatile("tprot 0(%1),0x30\n\t" CC_OUT : [cc] "=d"(t2) : "a"(page) : "cc");
    check("tprot key 0", (u64)t0, 0);
    check("tprot key 3", (u64)t3, 1);
    check("tprot key 3 fetch protected", (u64)t2, 2);
    PGM_EXPECT("fetch with key 3, fetch-protected", 0x0004,
               __asm__ volatile("spka 0x30\n\tcli 0(%0),5\n\tspka 0" : : "a"(page) : "cc"));
    __asm__ volatile("spka 0");
    __asm__ volatile("sske %0,%1" : : "d"(0ul), "a"(page) : "memory");
}

int main(void)
{
    rt_pgm_print = 0;   /* no "pgm:" lines: they would carry code addresses */
    general();
    bfp();
    timers();
    protection();
    return 0;
}
