/*
 * privileged_differs.c: privileged-architecture cases where QEMU 7.2
 * (Debian 12) disagrees with the Principles of Operation or lacks the
 * instruction (the rest is compared with QEMU in dat.c, keys.c,
 * sclp_errors.c and interrupts.c). The expected values are written from the
 * PoP; the program prints only section headers, PGM_EXPECT names and FAIL
 * lines, so guest/expected/privileged_differs.out holds no emulator-computed
 * value.
 *
 *  - LOAD REAL ADDRESS: translates whether DAT is on or off (QEMU 7.2 does
 *    not translate with DAT off); an invalid segment-table entry sets cc 1
 *    and an invalid page-table entry cc 2 with the real address of the entry
 *    in R1, a segment index beyond the table length cc 3 with the entry's
 *    address in bits 32-63 (QEMU sets cc 3 and the interruption code for
 *    all of them); with the interruption code (ASCE-type, region
 *    translation) bits 0-31 of R1 are left unchanged (QEMU clears them).
 *  - COMPARE AND SWAP AND PURGE: cc 0 when the operands were equal and the
 *    second operand was replaced, cc 1 otherwise (QEMU 7.2 inverts it).
 *  - SET ADDRESS SPACE CONTROL (FAST): special-operation exception when DAT
 *    is off or the secondary-space control (CR0 bit 37) is zero, whatever
 *    mode is named (QEMU 7.2's SACF checks only DAT; SAC is not implemented
 *    there: operation exception).
 *  - INSERT PSW KEY: not implemented in QEMU 7.2 (operation exception).
 *  - SIGP RESTART to the CPU itself: the restart interruption is taken at
 *    the end of the SIGP, the old PSW pointing right after it (QEMU takes it
 *    some instructions later).
 *  - CPU timer: STORE CPU TIMER after the timer has run out stores a
 *    negative value (QEMU 7.2 stores a positive one).
 *  - Key-controlled protection: a store with a PSW key that differs from the
 *    frame's key, or a fetch from a fetch-protected frame, is a protection
 *    exception (suppressed; TEC bit 60 and the fetch/store bits); TPROT
 *    gives cc 1 and 2 for them (QEMU's TCG ignores keys for protection;
 *    qemu_differs.c has a shorter version of this).
 */
#include "rt.h"

#define CR0_SSC 0x04000000ul

/* a segment table for the first 2 segments (table length 0: 512 entries),
 * segment 0 identity-mapped, segment 1 through page table pt1 */
static u64 st[512] __attribute__((aligned(4096)));
static u64 pt0[256] __attribute__((aligned(2048)));
static u64 pt1[256] __attribute__((aligned(2048)));
static u8 frame[4096] __attribute__((aligned(4096)));

static void build(void)
{
    for (int i = 0; i < 512; i++)
        st[i] = 0x20;
    for (int p = 0; p < 256; p++) {
        pt0[p] = (u64)p << 12;
        pt1[p] = 0x400;
    }
    st[0] = (u64)pt0;
    st[1] = (u64)pt1;
    pt1[2] = (u64)frame;
}

static int lrag(u64 va, u64 *r)
{
    u64 v = *r;
    int cc;
    __asm__ volatile("lrag %[v],0(%[a])\n\t" "ipm %[cc]\n\tsrl %[cc],28"
                     : [v] "+d"(v), [cc] "=d"(cc) : [a] "a"(va) : "cc");
    *r = v;
    return cc;
}

static void lra(void)
{
    printf("# load real address\n");
    build();
    u64 cr1 = STCTG(1);
    LCTLG(1, (u64)st);                     /* segment-table designation, TL 0 */
    u64 r = 0;
    int cc = lrag(0x102345, &r);
    check("lrag with DAT off translates: cc", (u64)cc, 0);
    check("lrag with DAT off translates: address", r, (u64)frame + 0x345);
    r = 0;
    cc = lrag(0x300000, &r);               /* segment 3 invalid */
    check("lrag segment invalid: cc 1", (u64)cc, 1);
    check("lrag segment invalid: entry address", r, (u64)&st[3]);
    r = 0;
    cc = lrag(0x107000, &r);               /* page 7 of segment 1 invalid */
    check("lrag page invalid: cc 2", (u64)cc, 2);
    check("lrag page invalid: entry address", r, (u64)&pt1[7]);
    r = 0xabcdef0100000000ul;
    cc = lrag(0x20000000, &r);             /* segment index 512: beyond TL 0 */
    check("lrag segment table length: cc 3", (u64)cc, 3);
    check("lrag segment table length: entry address in bits 32-63", r,
          0xabcdef0100000000ul | ((u64)st + 512 * 8));
    r = 0xabcdef0100000000ul;
    cc = lrag(0x80000000, &r);             /* ASCE-type */
    check("lrag asce-type: cc 3", (u64)cc, 3);
    check("lrag asce-type: code, bits 0-31 unchanged", r, 0xabcdef0180000038ul);
    LCTLG(1, cr1);
}

static void csp(void)
{
    printf("# compare and swap and purge\n");
    static u64 word __attribute__((aligned(8)));
    word = 0x1111111122222222ul;
    register u64 c __asm__("r2") = 0x22222222;
    register u64 n __asm__("r3") = 0x33333333;
    int cc;
    __asm__ volatile("csp %[c],%[a]\n\t" CC_OUT
                     : [c] "+d"(c), "+d"(n), [cc] "=d"(cc) : [a] "a"((u64)&word + 4) : "cc", "memory");
    check("csp equal: cc 0", (u64)cc, 0);
    check("csp equal: replaced", word, 0x1111111133333333ul);
    c = 0x44444444;
    __asm__ volatile("csp %[c],%[a]\n\t" CC_OUT
                     : [c] "+d"(c), "+d"(n), [cc] "=d"(cc) : [a] "a"((u64)&word + 4) : "cc", "memory");
    u64 got = c;
    check("csp unequal: cc 1", (u64)cc, 1);
    check("csp unequal: R1 gets the operand", got, 0x33333333);
    c = 0x1111111133333333ul;
    n = 0x5555555555555555ul;
    __asm__ volatile("cspg %[c],%[a]\n\t" CC_OUT
                     : [c] "+d"(c), "+d"(n), [cc] "=d"(cc) : [a] "a"((u64)&word | 1) : "cc", "memory");
    check("cspg equal, purge: cc 0", (u64)cc, 0);
    check("cspg replaced", word, 0x5555555555555555ul);
    __asm__ volatile("cspg %[c],%[a]\n\t" CC_OUT
                     : [c] "+d"(c), "+d"(n), [cc] "=d"(cc) : [a] "a"((u64)&word) : "cc", "memory");
    check("cspg unequal: cc 1", (u64)cc, 1);
}

static void sac(void)
{
    printf("# set address space control\n");
    static u8 m;   /* STOSM/STNSM's old-mask byte */
    u64 cr0 = STCTG(0);
    LCTLG(0, cr0 | CR0_SSC);
    PGM_EXPECT("sacf primary with DAT off", 0x0013, __asm__ volatile("sacf 0"));
    PGM_EXPECT("sac home with DAT off", 0x0013, __asm__ volatile("sac 768"));
    /* DAT on (segment 0 identity-mapped by st), CR0 bit 37 zero */
    build();
    u64 cr1 = STCTG(1);
    LCTLG(1, (u64)st);
    LCTLG(0, cr0 & ~CR0_SSC);
    PGM_EXPECT("sacf secondary with CR0 bit 37 zero", 0x0013,
               __asm__ volatile("stosm %0,0x04\n\tsacf 256\n\tstnsm %0,0xfb" : "=Q"(m) : : "memory"));
    PGM_EXPECT("sacf primary with CR0 bit 37 zero", 0x0013,
               __asm__ volatile("stosm %0,0x04\n\tsacf 0\n\tstnsm %0,0xfb" : "=Q"(m) : : "memory"));
    LCTLG(0, cr0 | CR0_SSC);
    PGM_EXPECT("sacf primary with DAT on and CR0 bit 37 one", 0,
               __asm__ volatile("stosm %0,0x04\n\tsacf 0\n\tstnsm %0,0xfb" : "=Q"(m) : : "memory"));
    LCTLG(0, cr0);
    LCTLG(1, cr1);
}

static u8 page[4096] __attribute__((aligned(4096)));

static void keys(void)
{
    printf("# insert psw key\n");
    {
        static volatile u64 got;
        PGM_EXPECT("ipk", 0, {
            register u64 r2 __asm__("r2") = 0x1111111111111100ul;
            __asm__ volatile("spka 0x50\n\tipk\n\tspka 0" : "+d"(r2));
            got = r2;
        });
        check("ipk result", got, 0x1111111111111150ul);
    }

    printf("# key-controlled protection\n");
    volatile u8 *p = page;
    __asm__ volatile("sske %0,%1" : : "d"(0x20ul), "a"(page) : "memory");   /* key 2 */
    p[0x10] = 0x77;
    static volatile u64 at;
    LC64(0xa8) = 0;
    PGM_EXPECT("store with key 3 into a key-2 frame", 0x0004,
               __asm__ volatile("larl %%r1,0f\n\tstg %%r1,%[at]\n\tspka 0x30\n"
                                "0:\tstc %[v],0(%[p])\n\tspka 0"
                                : [at] "=m"(at) : [p] "a"(page + 0x10), [v] "d"(0x88ul) : "r1", "memory"));
    __asm__ volatile("spka 0");
    check("key protection: store suppressed", p[0x10], 0x77);
    check("key protection: old PSW after the instruction", rt_last_pgm.addr - at, 4);
    check("key protection: TEC (store, bit 60)", rt_last_pgm.tec, (u64)page | 0x400 | 0x08);
    check("key protection: old PSW key", (rt_last_pgm.mask >> 52) & 0xf, 3);
    PGM_EXPECT("fetch with key 3 from a key-2 frame, not fetch-protected", 0,
               __asm__ volatile("spka 0x30\n\tcli 0(%0),0\n\tspka 0" : : "a"(page) : "cc"));
    __asm__ volatile("sske %0,%1" : : "d"(0x28ul), "a"(page) : "memory");   /* key 2, fetch-protected */
    LC64(0xa8) = 0;
    PGM_EXPECT("fetch with key 3 from a fetch-protected key-2 frame", 0x0004,
               __asm__ volatile("spka 0x30\n\tcli 0x20(%0),0\n\tspka 0" : : "a"(page) : "cc"));
    __asm__ volatile("spka 0");
    check("fetch protection: TEC (fetch, bit 60)", rt_last_pgm.tec, (u64)page | 0x800 | 0x08);
    PGM_EXPECT("fetch with key 2 from its own fetch-protected frame", 0,
               __asm__ volatile("spka 0x20\n\tcli 0x20(%0),0\n\tspka 0" : : "a"(page) : "cc"));
    /* LPSWE with key 3, then a store */
    {
        static u64 psw[2] __attribute__((aligned(8)));
        PGM_EXPECT("store after lpswe with key 3", 0x0004,
                   __asm__ volatile("larl %%r1,0f\n\t"
                                    "stg %%r1,8(%[psw])\n\t"
                                    "llihh %%r1,0x0030\n\t"
                                    "oihl %%r1,0x0001\n\t"
                                    "oilh %%r1,0x8000\n\t"
                                    "stg %%r1,0(%[psw])\n\t"
                                    "lpswe 0(%[psw])\n"
                                    "0:\tmvi 0x30(%[p]),1\n\t"
                                    "spka 0"
                                    : : [psw] "a"(psw), [p] "a"(page) : "r1", "memory"));
        __asm__ volatile("spka 0");
    }
    int cc1, cc2, cc0;
    __asm__ volatile("sske %0,%1" : : "d"(0x20ul), "a"(page) : "memory");
    __asm__ volatile("tprot 0(%1),0x30\n\t" CC_OUT : [cc] "=d"(cc1) : "a"(page) : "cc");
    __asm__ volatile("sske %0,%1" : : "d"(0x28ul), "a"(page) : "memory");
    __asm__ volatile("tprot 0(%1),0x30\n\t" CC_OUT : [cc] "=d"(cc2) : "a"(page) : "cc");
    __asm__ volatile("tprot 0(%1),0x20\n\t" CC_OUT : [cc] "=d"(cc0) : "a"(page) : "cc");
    check("tprot store-protected: cc 1", (u64)cc1, 1);
    check("tprot fetch-protected: cc 2", (u64)cc2, 2);
    check("tprot own key: cc 0", (u64)cc0, 0);
    __asm__ volatile("sske %0,%1" : : "d"(0ul), "a"(page) : "memory");
}

/* restart new-PSW target: count at 0x480, resume at the old PSW */
__asm__(".text\n"
        "pd_restart_entry:\n"
        "\tstg %r1,0x488\n"
        "\tlg %r1,0x480\n"
        "\taghi %r1,1\n"
        "\tstg %r1,0x480\n"
        "\tlg %r1,0x488\n"
        "\tlpswe 0x120\n");
extern char pd_restart_entry[];

static void restart_and_timer(void)
{
    printf("# sigp restart to self\n");
    u64 save_mask = LC64(0x1a0), save_addr = LC64(0x1a8);
    LC64(0x1a0) = 0x0000000180000000ul;
    LC64(0x1a8) = (u64)pd_restart_entry;
    LC64(0x480) = 0;
    u64 after = 0;
    register u64 r1 __asm__("r1") = 0;
    __asm__ volatile("larl %%r2,0f\n\t"
                     "stg %%r2,%[a]\n\t"
                     "sigp %%r1,%[cpu],6\n"
                     "0:\tnopr 0\n\tnopr 0\n\tnopr 0"
                     : "+d"(r1), [a] "=m"(after) : [cpu] "d"((u64)stap()) : "r2", "cc", "memory");
    for (volatile int i = 0; i < 100000 && LC64(0x480) == 0; i++)
        ;
    u64 n = LC64(0x480), old_addr = LC64(0x128);
    LC64(0x1a0) = save_mask;
    LC64(0x1a8) = save_addr;
    check("restart taken", n, 1);
    check("restart old psw right after the sigp", old_addr, after);

    printf("# cpu timer after it ran out\n");
    u64 v = 1000ul << 12, t;      /* 1 ms */
    __asm__ volatile("spt %0" : : "Q"(v));
    u64 start;
    __asm__ volatile("stck %0" : "=Q"(start) : : "cc");
    for (;;) {
        u64 now;
        __asm__ volatile("stck %0" : "=Q"(now) : : "cc");
        if (now - start > (20000ul << 12))
            break;
    }
    __asm__ volatile("stpt %0" : "=Q"(t));
    v = 0x7ffffffffffffffful;
    __asm__ volatile("spt %0" : : "Q"(v));
    check("stpt negative after running out", (s64)t < 0, 1);
}

int main(void)
{
    rt_pgm_print = 0;   /* no "pgm:" lines: they would carry code addresses */
    lra();
    csp();
    sac();
    keys();
    restart_and_timer();
    return 0;
}
