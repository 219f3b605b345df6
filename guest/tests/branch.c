/*
 * branch.c: branch on condition (all masks x all CCs, RR/RX/RI/RIL forms),
 * branch on count/index, compare and branch, branch and link/save in each
 * addressing mode (SAM24/SAM31), address wrap-around of LA in 24/31-bit
 * mode, EXECUTE and EXECUTE RELATIVE LONG.
 */
#include "t.h"

#define HI 0xaaaaaaaa00000000ul

/* taken(m, cc) for the four forms */
#define BRC_T(m, ccv) ({ int _t; __asm__ volatile(                             \
        "spm %[c]\n\tbrc " #m ",1f\n\tlhi %[t],0\n\tj 2f\n1:\tlhi %[t],1\n2:"   \
        : [t] "=&d"(_t) : [c] "d"((u64)(ccv) << 28) : "cc"); _t; })
#define BRCL_T(m, ccv) ({ int _t; __asm__ volatile(                            \
        "spm %[c]\n\tbrcl " #m ",1f\n\tlhi %[t],0\n\tj 2f\n1:\tlhi %[t],1\n2:"  \
        : [t] "=&d"(_t) : [c] "d"((u64)(ccv) << 28) : "cc"); _t; })
#define BCR_T(m, ccv) ({ int _t; u64 _a; __asm__ volatile(                     \
        "larl %[a],1f\n\tspm %[c]\n\tbcr " #m ",%[a]\n\tlhi %[t],0\n\tj 2f\n1:\tlhi %[t],1\n2:" \
        : [t] "=&d"(_t), [a] "=&a"(_a) : [c] "d"((u64)(ccv) << 28) : "cc"); _t; })
#define BC_T(m, ccv) ({ int _t; u64 _a; __asm__ volatile(                      \
        "larl %[a],1f\n\tspm %[c]\n\tbc " #m ",0(%[a])\n\tlhi %[t],0\n\tj 2f\n1:\tlhi %[t],1\n2:" \
        : [t] "=&d"(_t), [a] "=&a"(_a) : [c] "d"((u64)(ccv) << 28) : "cc"); _t; })

#define ROW(F, m)                                                               \
    do {                                                                        \
        int t0 = F(m, 0), t1 = F(m, 1), t2 = F(m, 2), t3 = F(m, 3);             \
        printf("%-5s m%-2d %d%d%d%d\n", #F, m, t0, t1, t2, t3);                 \
        check(#F, (u64)(t0 << 3 | t1 << 2 | t2 << 1 | t3), (u64)(m));           \
    } while (0)
#define TABLE(F)                                                                \
    do {                                                                        \
        ROW(F, 0); ROW(F, 1); ROW(F, 2); ROW(F, 3); ROW(F, 4); ROW(F, 5);       \
        ROW(F, 6); ROW(F, 7); ROW(F, 8); ROW(F, 9); ROW(F, 10); ROW(F, 11);     \
        ROW(F, 12); ROW(F, 13); ROW(F, 14); ROW(F, 15);                         \
    } while (0)

static void branch_on_condition(void)
{
    printf("# branch on condition: taken for cc 0123\n");
    TABLE(BRC_T);
    TABLE(BRCL_T);
    TABLE(BCR_T);
    TABLE(BC_T);
    /* BCR 0,r and BCR 15,0 do not branch (serialisation forms) */
    int t;
    __asm__ volatile("lhi %0,1\n\tbcr 15,0\n\tlhi %0,2" : "=&d"(t));
    check("bcr 15,0 falls through", (u64)t, 2);
}

static void branch_on_count_index(void)
{
    printf("# branch on count\n");
    u64 r = HI | 5, n = 0;
    __asm__ volatile("0:\taghi %[n],1\n\tbrct %[r],0b" : [r] "+d"(r), [n] "+d"(n));
    check("brct count", n, 5);
    check("brct reg", r, HI | 0);
    r = HI | 0; n = 0;
    /* 0 - 1 = 0xffffffff: branches; stop the loop after 3 rounds with a counter */
    __asm__ volatile("0:\taghi %[n],1\n\tclgfi %[n],3\n\tje 1f\n\tbrct %[r],0b\n1:"
                     : [r] "+d"(r), [n] "+d"(n) : : "cc");
    check("brct from 0", r, HI | 0xfffffffe);
    r = 3; n = 0;
    __asm__ volatile("0:\taghi %[n],1\n\tbrctg %[r],0b" : [r] "+d"(r), [n] "+d"(n));
    check("brctg", n, 3);
    u64 a;
    r = HI | 7; n = 0;
    __asm__ volatile("larl %[a],0f\n0:\taghi %[n],1\n\tbctr %[r],%[a]" : [r] "+d"(r), [n] "+d"(n), [a] "=&a"(a));
    check("bctr", n, 7);
    r = HI | 7;
    __asm__ volatile("bctr %[r],0" : [r] "+d"(r));
    check("bctr r2=0 decrements only", r, HI | 6);
    r = 2; n = 0;
    __asm__ volatile("larl %[a],0f\n0:\taghi %[n],1\n\tbctgr %[r],%[a]" : [r] "+d"(r), [n] "+d"(n), [a] "=&a"(a));
    check("bctgr", n, 2);
    r = HI | 4; n = 0;
    __asm__ volatile("larl %[a],0f\n0:\taghi %[n],1\n\tbct %[r],0(%[a])" : [r] "+d"(r), [n] "+d"(n), [a] "=&a"(a));
    check("bct", n, 4);

    printf("# branch on index\n");
    /* BRXLE: r1 += r3; branch while r1 <= r3|1 (odd: comparand) */
    {
        register u64 i __asm__("r2") = HI | 0;
        register u64 inc __asm__("r4") = HI | 2;
        register u64 lim __asm__("r5") = HI | 10;
        u64 cnt = 0;
        __asm__ volatile("0:\taghi %[c],1\n\tbrxle %%r2,%%r4,0b" : "+d"(i), [c] "+d"(cnt) : "d"(inc), "d"(lim));
        u64 iv = i;
        check("brxle count", cnt, 6);
        check("brxle index", iv, HI | 12);
    }
    {
        register u64 i __asm__("r2") = HI | 10;
        register u64 inc __asm__("r4") = HI | 0xfffffffd;   /* -3 */
        register u64 lim __asm__("r5") = HI | 0;
        u64 cnt = 0;
        __asm__ volatile("0:\taghi %[c],1\n\tbrxh %%r2,%%r4,0b" : "+d"(i), [c] "+d"(cnt) : "d"(inc), "d"(lim));
        u64 iv = i;
        check("brxh count", cnt, 4);
        check("brxh index", iv, HI | 0xfffffffe);
    }
    {
        /* r3 odd: the increment is also the comparand */
        register u64 i __asm__("r2") = HI | 1;
        register u64 inc __asm__("r3") = HI | 1;
        u64 cnt = 0;
        __asm__ volatile("0:\taghi %[c],1\n\tclgfi %[c],5\n\tje 1f\n\tbrxle %%r2,%%r3,0b\n1:"
                         : "+d"(i), [c] "+d"(cnt) : "d"(inc) : "cc");
        u64 iv = i;
        check("brxle r3 odd count", cnt, 1);
        check("brxle r3 odd index", iv, HI | 2);
    }
    {
        register u64 i __asm__("r2") = 0xfffffffffffffff0ul;
        register u64 inc __asm__("r4") = 4;
        register u64 lim __asm__("r5") = 0;
        u64 cnt = 0, a2;
        __asm__ volatile("larl %[a],0f\n0:\taghi %[c],1\n\tbxleg %%r2,%%r4,0(%[a])"
                         : "+d"(i), [c] "+d"(cnt), [a] "=&a"(a2) : "d"(inc), "d"(lim));
        u64 iv = i;
        check("bxleg count", cnt, 5);
        check("bxleg index", iv, 4);
        i = 0; inc = 0xffffffffffffffff; lim = 0xfffffffffffffffc; cnt = 0;
        __asm__ volatile("0:\taghi %[c],1\n\tbrxhg %%r2,%%r4,0b"
                         : "+d"(i), [c] "+d"(cnt) : "d"(inc), "d"(lim));
        iv = i;
        check("brxhg count", cnt, 4);
        check("brxhg index", iv, 0xfffffffffffffffcul);
        i = HI | 0; inc = HI | 1; lim = HI | 3; cnt = 0;
        __asm__ volatile("larl %[a],0f\n0:\taghi %[c],1\n\tbxle %%r2,%%r4,0(%[a])"
                         : "+d"(i), [c] "+d"(cnt), [a] "=&a"(a2) : "d"(inc), "d"(lim));
        check("bxle count", cnt, 4);
        i = HI | 5; inc = HI | 0xffffffff; lim = HI | 2; cnt = 0;
        __asm__ volatile("larl %[a],0f\n0:\taghi %[c],1\n\tbxh %%r2,%%r4,0(%[a])"
                         : "+d"(i), [c] "+d"(cnt), [a] "=&a"(a2) : "d"(inc), "d"(lim));
        check("bxh count", cnt, 3);
    }
}

#define CJ(insn, a, b, m) ({ int _t; __asm__ volatile(                           \
        insn " %[x],%[y]," #m ",1f\n\tlhi %[t],0\n\tj 2f\n1:\tlhi %[t],1\n2:"    \
        : [t] "=&d"(_t) : [x] "d"((u64)(a)), [y] "d"((u64)(b)) : "cc"); _t; })
#define CIJ(insn, a, imm, m) ({ int _t; __asm__ volatile(                        \
        insn " %[x]," #imm "," #m ",1f\n\tlhi %[t],0\n\tj 2f\n1:\tlhi %[t],1\n2:" \
        : [t] "=&d"(_t) : [x] "d"((u64)(a)) : "cc"); _t; })
#define CB(insn, a, b, m) ({ int _t; u64 _a; __asm__ volatile(                   \
        "larl %[ad],1f\n\t" insn " %[x],%[y]," #m ",0(%[ad])\n\tlhi %[t],0\n\tj 2f\n1:\tlhi %[t],1\n2:" \
        : [t] "=&d"(_t), [ad] "=&a"(_a) : [x] "d"((u64)(a)), [y] "d"((u64)(b)) : "cc"); _t; })

static void compare_and_branch(void)
{
    printf("# compare and branch\n");
    struct { const char *n; int got, exp; } r[] = {
        {"crj eq", CJ("crj", HI | 5, 5, 8), 1},
        {"crj lt signed", CJ("crj", 0xffffffff, 1, 4), 1},
        {"crj gt", CJ("crj", 0xffffffff, 1, 2), 0},
        {"clrj lt", CJ("clrj", 0xffffffff, 1, 4), 0},
        {"clrj gt", CJ("clrj", 0xffffffff, 1, 2), 1},
        {"cgrj ne", CJ("cgrj", 0x100000000ul, 0, 6), 1},
        {"clgrj", CJ("clgrj", 0x8000000000000000ul, 1, 2), 1},
        {"cij", CIJ("cij", HI | 0xfffffff0, -16, 8), 1},
        {"cgij", CIJ("cgij", 0xfffffffffffffff0ul, -15, 4), 1},
        {"clij", CIJ("clij", 0x80, 255, 4), 1},
        {"clgij", CIJ("clgij", 0x100, 255, 2), 1},
        {"cgij never", CIJ("cgij", 0, 0, 0), 0},
        {"crj always", CJ("crj", 1, 2, 14), 1},
        {"crb", CB("crb", 3, 3, 8), 1},
        {"cgrb", CB("cgrb", 3, 4, 2), 0},
        {"clrb", CB("clrb", 0xffffffff, 4, 2), 1},
        {"clgrb", CB("clgrb", 1, 4, 4), 1},
    };
    for (unsigned i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
        printf("%-14s %d\n", r[i].n, r[i].got);
        check(r[i].n, (u64)r[i].got, (u64)r[i].exp);
    }
}

static void link_and_modes(void)
{
    printf("# branch and link/save\n");
    u64 link, here;
    __asm__ volatile("larl %[h],1f\n\tbras %[l],1f\n1:" : [l] "=&d"(link), [h] "=&d"(here));
    check("bras link 64", link, here);
    __asm__ volatile("larl %[h],1f\n\tbrasl %[l],1f\n1:" : [l] "=&d"(link), [h] "=&d"(here));
    check("brasl link 64", link, here);
    __asm__ volatile("larl %[h],1f\n\tbasr %[l],%[h]\n1:" : [l] "=&d"(link), [h] "=&a"(here));
    check("basr link 64", link, here);
    __asm__ volatile("larl %[h],1f\n\tbas %[l],0(%[h])\n1:" : [l] "=&d"(link), [h] "=&a"(here));
    check("bas link 64", link, here);
    link = HI;
    __asm__ volatile("larl %[h],1f\n\tbalr %[l],%[h]\n1:" : [l] "+&d"(link), [h] "=&a"(here));
    check("balr link 64", link, here);
    /* BASR r,0: no branch, link only */
    __asm__ volatile("larl %[h],1f\n\tbasr %[l],0\n1:" : [l] "=&d"(link), [h] "=&a"(here));
    check("basr r,0", link, here);

    printf("# 31-bit mode\n");
    u64 l31 = HI, la31 = HI | 0x12345678, a31 = HI | 0xffffffff, r3, b31 = HI;
    __asm__ volatile("larl %[h],1f\n\t"
                     "sam31\n\t"
                     "bras %[l],1f\n"
                     "1:\tla %[la],0(%[src])\n\t"
                     "la %[a],1(%[a])\n\t"
                     "balr %[b],0\n\t"
                     "sam64"
                     : [l] "+&d"(l31), [h] "=&d"(here), [la] "+&d"(la31), [a] "+&a"(a31), [b] "+&d"(b31)
                     : [src] "a"(0xfffffffffffffffful));
    check("bras link 31", l31, HI | 0x80000000 | here);
    check("la 31", la31 & 0xfffffffful, 0x7fffffff);  /* bits 0-31: see qemu_differs.c */
    check("la 31 wrap", a31 & 0xfffffffful, 0);
    check("balr link 31", b31, HI | 0x80000000 | (here + 10));

    printf("# 24-bit mode\n");
    u64 l24 = HI, la24 = HI, a24 = HI | 0xffffff, bal = HI;
    __asm__ volatile("larl %[h],1f\n\t"
                     "sam24\n\t"
                     "bras %[l],1f\n"
                     "1:\tla %[la],0(%[src])\n\t"
                     "la %[a],2(%[a])\n\t"
                     "lghi %[r3],2\n\t"
                     "chi %[r3],1\n\t"          /* cc 2 */
                     "balr %[b],0\n\t"
                     "sam64"
                     : [l] "+&d"(l24), [h] "=&d"(here), [la] "+&d"(la24), [a] "+&a"(a24),
                       [r3] "=&d"(r3), [b] "+&d"(bal)
                     : [src] "a"(0xfffffffffffffffful)
                     : "cc");
    check("bras link 24", l24, HI | here);
    check("la 24", la24 & 0xfffffffful, 0xffffff);
    check("la 24 wrap", a24 & 0xfffffffful, 1);
    /* BALR in 24-bit mode: ILC 1 (bits 32-33 = 01), CC 2, program mask 0 */
    check("balr link 24", bal, HI | (0x1ul << 30) | (0x2ul << 28) | (here + 18));

    /* BSM and BASSM: QEMU 7.2 does not implement them; see qemu_differs.c */
}

static u8 exbuf[32];

static void execute(void)
{
    printf("# execute\n");
    static const char src[] = "ABCDEFGHIJKLMNOP";
    memset(exbuf, '.', sizeof(exbuf));
    /* MVC with length from r1 bits 56-63 */
    u64 a;
    __asm__ volatile("larl %[a],0f\n\tex %[l],0(%[a])\n\tj 1f\n"
                     "0:\tmvc 0(1,%[d]),0(%[s])\n1:"
                     : [a] "=&a"(a) : [l] "d"(4ul), [d] "a"(exbuf), [s] "a"(src) : "memory");
    /* the target is addressed by label: use EXRL for the normal case */
    __asm__ volatile("exrl %[l],0f\n\tj 1f\n"
                     "0:\tmvc 8(1,%[d]),0(%[s])\n1:"
                     : : [l] "d"(0xffffff02ul), [d] "a"(exbuf), [s] "a"(src) : "memory");
    hexdump("ex mvc", exbuf, 16);
    u8 e[16];
    memset(e, '.', 16);
    memcpy(e, "ABCDE", 5);
    memcpy(e + 8, "ABC", 3);
    /* EX with a real target address and r1 = 0 (no modification): executes as is */
    __asm__ volatile("larl %[a],0f\n\tex 0,0(%[a])\n\tj 1f\n"
                     "0:\tmvc 0(2,%[d]),0(%[s])\n1:"
                     : [a] "=&a"(a) : [d] "a"(exbuf), [s] "a"(src) : "memory");
    memcpy(e, "AB", 2);
    check_mem("ex/exrl mvc", exbuf, e, 16);

    /* EX modifying R1 of AHI: ahi %r0,1 becomes ahi %r3,1 with r1 byte 0x30 */
    register u64 r3 __asm__("r3") = 41;
    __asm__ volatile("larl %[a],0f\n\tlghi %%r1,0x30\n\tex %%r1,0(%[a])\n\tj 1f\n"
                     "0:\tahi %%r0,1\n1:"
                     : [a] "=&a"(a), "+d"(r3) : : "r1", "cc");
    check("ex modifies r1 field", r3, 42);

    /* EXRL of BRAS: the link address is the one after EXRL; the relative
     * target is computed from the target instruction's address */
    u64 link, after;
    __asm__ volatile("larl %[af],1f\n\t"
                     "exrl 0,0f\n"
                     "1:\tj 3f\n"
                     "0:\tbras %%r14,2f\n"
                     "\tj 3f\n"
                     "2:\tlgr %[l],%%r14\n"
                     "3:"
                     : [l] "=&d"(link), [af] "=&d"(after) : : "r14");
    check("exrl bras link", link, after);

    /* EX of TR with length from register; EX of CLC sets cc */
    static u8 tab[256];
    for (int i = 0; i < 256; i++)
        tab[i] = (u8)(255 - i);
    u8 d[8] = {0, 1, 2, 3, 0x80, 0xfe, 0xff, 7};
    __asm__ volatile("exrl %[l],0f\n\tj 1f\n0:\ttr 0(1,%[d]),0(%[t])\n1:"
                     : : [l] "d"(5ul), [d] "a"(d), [t] "a"(tab) : "memory");
    static const u8 trx[8] = {0xff, 0xfe, 0xfd, 0xfc, 0x7f, 0x01, 0xff, 7};
    check_mem("ex tr", d, trx, 8);
    int cc;
    __asm__ volatile("exrl %[l],0f\n\tj 1f\n0:\tclc 0(1,%[x]),0(%[y])\n1:\t" CC_OUT
                     : [cc] "=d"(cc) : [l] "d"(3ul), [x] "a"("abcX"), [y] "a"("abcY") : "cc");
    check("ex clc cc", (u64)cc, 1);
    __asm__ volatile("exrl %[l],0f\n\tj 1f\n0:\tclc 0(1,%[x]),0(%[y])\n1:\t" CC_OUT
                     : [cc] "=d"(cc) : [l] "d"(2ul), [x] "a"("abcX"), [y] "a"("abcY") : "cc");
    check("ex clc cc equal", (u64)cc, 0);
}

int main(void)
{
    branch_on_condition();
    branch_on_count_index();
    compare_and_branch();
    link_and_modes();
    execute();
    return 0;
}
