/*
 * decimal_arith.c: decimal arithmetic and the decimal instructions QEMU 7.2
 * lacks or gets wrong: AP, SP, ZAP, CP, MP, DP, SRP, ED, EDMK (not
 * implemented in QEMU 7.2), UNPK, PKA, PKU (QEMU drops the leftmost source
 * byte/digit), CVB, CVBY, CVBG, CVDG (not implemented).
 * Prints only section headers and FAIL lines from its own checks (values
 * from the Principles of Operation), so its expected output
 * (guest/expected/decimal_arith.out) holds no emulator-computed value.
 */
#include "t.h"

static u8 D[32], S[32];

static void set(u8 *p, const char *hex)
{
    /* "12 34 5c" -> bytes */
    int n = 0, hi = -1;
    for (const char *c = hex; *c; c++) {
        int v;
        if (*c >= '0' && *c <= '9') v = *c - '0';
        else if (*c >= 'a' && *c <= 'f') v = *c - 'a' + 10;
        else continue;
        if (hi < 0) hi = v;
        else { p[n++] = (u8)(hi << 4 | v); hi = -1; }
    }
}

static int expect(const char *name, const u8 *got, const char *hex)
{
    u8 e[32];
    int n = 0;
    for (const char *c = hex; *c; c++)
        if ((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')) n++;
    set(e, hex);
    return check_mem(name, got, e, n / 2);
}

/* SS with two lengths: insn 0(l1,D),0(l2,S); cc returned */
#define SS2(insn, l1, l2) ({ int _cc; __asm__ volatile(                           \
        insn " 0(" #l1 ",%[d]),0(" #l2 ",%[s])\n\t" CC_OUT                       \
        : [cc] "=d"(_cc) : [d] "a"(D), [s] "a"(S) : "cc", "memory"); _cc; })
/* SS with one length: insn 0(l,D),0(S) */
#define SS1(insn, l) ({ int _cc; __asm__ volatile(                                \
        insn " 0(" #l ",%[d]),0(%[s])\n\t" CC_OUT                                \
        : [cc] "=d"(_cc) : [d] "a"(D), [s] "a"(S) : "cc", "memory"); _cc; })

static void conversions(void)
{
    printf("# unpk pka pku cvb cvdg\n");
    static u8 p8[8] __attribute__((aligned(8)));
    static u8 p16[16] __attribute__((aligned(8)));
    u64 r;
    set(S, "12 34 5c");
    SS2("unpk", 5, 3);
    expect("unpk", D, "f1 f2 f3 f4 c5");
    SS2("unpk", 7, 3);
    expect("unpk pads", D, "f0 f0 f1 f2 f3 f4 c5");

    memcpy(S, "12345", 5);
    __asm__ volatile("pka 0(%[d]),0(5,%[s])" : : [d] "a"(D), [s] "a"(S) : "memory");
    expect("pka", D, "00 00 00 00 00 00 00 00 00 00 00 00 00 12 34 5c");

    set(S, "00 31 00 32 00 33");
    __asm__ volatile("pku 0(%[d]),0(6,%[s])" : : [d] "a"(D), [s] "a"(S) : "memory");
    expect("pku", D, "00 00 00 00 00 00 00 00 00 00 00 00 00 00 12 3c");

    r = 0xaaaaaaaa00000000ul;
    set(p8, "00 00 00 00 00 12 34 5d");
    __asm__ volatile("cvb %0,%1" : "+d"(r) : "R"(*(u64 *)p8));
    check("cvb", r, 0xaaaaaaaaffffcfc7ul);
    set(p8, "00 00 02 14 74 83 64 7f");   /* +2147483647 */
    __asm__ volatile("cvby %0,%1" : "+d"(r) : "T"(*(u64 *)p8));
    check("cvby", r, 0xaaaaaaaa7ffffffful);
    set(p16, "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 0c");
    set(p16, "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 0c");
    memcpy(p16 + 6, "\x92\x23\x37\x20\x36\x85\x47\x75\x80\x7c", 10);
    __asm__ volatile("cvbg %0,%1" : "=d"(r) : "T"(*(unsigned __int128 *)p16));
    check("cvbg max", r, 0x7ffffffffffffffful);
    memcpy(p16 + 6, "\x92\x23\x37\x20\x36\x85\x47\x75\x80\x8d", 10);
    __asm__ volatile("cvbg %0,%1" : "=d"(r) : "T"(*(unsigned __int128 *)p16));
    check("cvbg min", r, 0x8000000000000000ul);

    __asm__ volatile("cvdg %1,%0" : "=T"(*(unsigned __int128 *)p16) : "d"(0x8000000000000000UL));
    expect("cvdg min", p16, "00 00 00 00 00 00 92 23 37 20 36 85 47 75 80 8d");
    __asm__ volatile("cvdg %1,%0" : "=T"(*(unsigned __int128 *)p16) : "d"(0UL));
    expect("cvdg 0", p16, "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 0c");
}

static void arithmetic(void)
{
    printf("# ap sp zap cp mp dp srp tp\n");
    int cc;
    set(D, "00 12 3c"); set(S, "87 7c");
    cc = SS2("ap", 3, 2);
    expect("ap carry", D, "01 00 0c"); check("ap carry cc", (u64)cc, 2);
    set(D, "99 9c"); set(S, "1c");
    cc = SS2("ap", 2, 1);
    expect("ap overflow", D, "00 0c"); check("ap overflow cc", (u64)cc, 3);
    set(D, "00 12 3c"); set(S, "45 6d");
    cc = SS2("ap", 3, 2);
    expect("ap negative", D, "00 33 3d"); check("ap negative cc", (u64)cc, 1);
    set(D, "12 3d"); set(S, "12 3c");
    cc = SS2("ap", 2, 2);
    expect("ap zero", D, "00 0c"); check("ap zero cc", (u64)cc, 0);
    set(D, "12 3f"); set(S, "1a");
    cc = SS2("ap", 2, 1);
    expect("ap sign f/a", D, "12 4c"); check("ap sign cc", (u64)cc, 2);
    set(D, "00 10 0c"); set(S, "00 20 0c");
    cc = SS2("sp", 3, 3);
    expect("sp", D, "00 10 0d"); check("sp cc", (u64)cc, 1);
    set(D, "00 00 00 00"); set(S, "1d");
    cc = SS2("zap", 4, 1);
    expect("zap", D, "00 00 00 1d"); check("zap cc", (u64)cc, 1);
    set(S, "01 2f");
    cc = SS2("zap", 4, 2);
    expect("zap f sign", D, "00 00 01 2c"); check("zap f cc", (u64)cc, 2);
    set(S, "12 34 56 7c");
    cc = SS2("zap", 2, 4);
    expect("zap overflow", D, "56 7c"); check("zap overflow cc", (u64)cc, 3);
    set(S, "00 0d");
    cc = SS2("zap", 2, 2);
    expect("zap -0", D, "00 0c"); check("zap -0 cc", (u64)cc, 0);
    set(D, "12 3c"); set(S, "00 12 3f");
    cc = SS2("cp", 2, 3);
    check("cp equal", (u64)cc, 0);
    set(D, "0d"); set(S, "0c");
    cc = SS2("cp", 1, 1);
    check("cp -0 +0", (u64)cc, 0);
    set(D, "1d"); set(S, "0c");
    cc = SS2("cp", 1, 1);
    check("cp low", (u64)cc, 1);
    set(D, "99 9c"); set(S, "01 00 0d");
    cc = SS2("cp", 2, 3);
    check("cp high", (u64)cc, 2);
    set(D, "00 00 12 3c"); set(S, "45 6d");
    SS2("mp", 4, 2);
    expect("mp", D, "00 56 08 8d");
    set(D, "00 00 00 00 00 99 9c"); set(S, "99 9c");   /* 999 * 999 */
    SS2("mp", 7, 2);
    expect("mp 999*999", D, "00 00 00 09 98 00 1c");
    set(D, "00 01 23 4c"); set(S, "02 5c");
    SS2("dp", 4, 2);
    expect("dp", D, "04 9c 00 9c");
    set(D, "00 01 23 4d"); set(S, "02 5d");
    SS2("dp", 4, 2);
    expect("dp signs", D, "04 9c 00 9d");
    set(D, "00 01 23 4c"); set(S, "02 5d");
    SS2("dp", 4, 2);
    expect("dp neg divisor", D, "04 9d 00 9c");

    set(D, "00 12 3c");
    __asm__ volatile("srp 0(3,%[d]),2,0\n\t" CC_OUT : [cc] "=d"(cc) : [d] "a"(D) : "cc", "memory");
    expect("srp left 2", D, "12 30 0c"); check("srp left cc", (u64)cc, 2);
    set(D, "00 12 5c");
    __asm__ volatile("srp 0(3,%[d]),63,5\n\t" CC_OUT : [cc] "=d"(cc) : [d] "a"(D) : "cc", "memory");
    expect("srp right 1 round", D, "00 01 3c");
    set(D, "00 12 4d");
    __asm__ volatile("srp 0(3,%[d]),63,5\n\t" CC_OUT : [cc] "=d"(cc) : [d] "a"(D) : "cc", "memory");
    expect("srp right 1 no round", D, "00 01 2d"); check("srp neg cc", (u64)cc, 1);
    set(D, "12 34 5c");
    __asm__ volatile("srp 0(3,%[d]),1,0\n\t" CC_OUT : [cc] "=d"(cc) : [d] "a"(D) : "cc", "memory");
    expect("srp overflow", D, "23 45 0c"); check("srp overflow cc", (u64)cc, 3);
    set(D, "00 00 4c");
    __asm__ volatile("srp 0(3,%[d]),62,0\n\t" CC_OUT : [cc] "=d"(cc) : [d] "a"(D) : "cc", "memory");
    expect("srp to zero", D, "00 00 0c"); check("srp zero cc", (u64)cc, 0);

    set(D, "12 3c");
    __asm__ volatile("tp 0(2,%[d])\n\t" CC_OUT : [cc] "=d"(cc) : [d] "a"(D) : "cc");
    check("tp valid", (u64)cc, 0);
    set(D, "12 35");
    __asm__ volatile("tp 0(2,%[d])\n\t" CC_OUT : [cc] "=d"(cc) : [d] "a"(D) : "cc");
    check("tp bad sign", (u64)cc, 1);
    set(D, "1a 3c");
    __asm__ volatile("tp 0(2,%[d])\n\t" CC_OUT : [cc] "=d"(cc) : [d] "a"(D) : "cc");
    check("tp bad digit", (u64)cc, 2);
    set(D, "1a 33");
    __asm__ volatile("tp 0(2,%[d])\n\t" CC_OUT : [cc] "=d"(cc) : [d] "a"(D) : "cc");
    check("tp both", (u64)cc, 3);
}

static void edit(void)
{
    printf("# ed edmk\n");
    static const char pat[] = "\x40\x20\x20\x20\x21\x20\x4b\x20\x20";
    int cc;
    memcpy(D, pat, 9);
    set(S, "00 12 34 5c");
    cc = SS1("ed", 9);
    expect("ed", D, "40 40 40 f1 f2 f3 4b f4 f5"); check("ed cc", (u64)cc, 2);
    memcpy(D, pat, 9);
    set(S, "00 00 00 0c");
    cc = SS1("ed", 9);
    expect("ed zero", D, "40 40 40 40 40 f0 4b f0 f0"); check("ed zero cc", (u64)cc, 0);
    memcpy(D, pat, 9);
    set(S, "00 12 34 5d");
    cc = SS1("ed", 9);
    expect("ed minus", D, "40 40 40 f1 f2 f3 4b f4 f5"); check("ed minus cc", (u64)cc, 1);
    /* message bytes after the last digit: blanked for plus (sign off), kept for minus */
    static const char pat2[] = "\x40\x20\x20\x20\x60\xc3\xd9";   /* " ddd-CR" */
    memcpy(D, pat2, 7);
    set(S, "12 3c");
    cc = SS1("ed", 7);
    expect("ed CR plus", D, "40 f1 f2 f3 40 40 40"); check("ed CR plus cc", (u64)cc, 2);
    memcpy(D, pat2, 7);
    set(S, "12 3d");
    cc = SS1("ed", 7);
    expect("ed CR minus", D, "40 f1 f2 f3 60 c3 d9"); check("ed CR minus cc", (u64)cc, 1);
    /* EDMK: r1 <- address of the first significant digit */
    memcpy(D, pat, 9);
    set(S, "00 12 34 5c");
    register u64 r1 __asm__("r1") = 0x1111111111111111ul;
    __asm__ volatile("edmk 0(9,%[d]),0(%[s])\n\t" CC_OUT
                     : "+d"(r1), [cc] "=d"(cc) : [d] "a"(D), [s] "a"(S) : "cc", "memory");
    u64 v = r1;
    check("edmk r1", v - (u64)D, 3);
    memcpy(D, pat, 9);
    set(S, "00 00 00 5c");
    r1 = 0x1111111111111111ul;
    __asm__ volatile("edmk 0(9,%[d]),0(%[s])\n\t" CC_OUT
                     : "+d"(r1), [cc] "=d"(cc) : [d] "a"(D), [s] "a"(S) : "cc", "memory");
    v = r1;
    check("edmk forced significance: r1 unchanged", v, 0x1111111111111111ul);
    expect("edmk forced", D, "40 40 40 40 40 f0 4b f0 f5");
}

static void exceptions(void)
{
    printf("# decimal data, overflow, divide exceptions\n");
    set(D, "12 3c"); set(S, "1a 3c");
    PGM_EXPECT("ap invalid digit", 0x0007, SS2("ap", 2, 2));
    check("invalid digit dxc", rt_last_pgm.dxc, 0);
    check_mem("invalid digit: operand unchanged", D, "\x12\x3c", 2);
    set(D, "12 3c"); set(S, "13");
    PGM_EXPECT("ap invalid sign", 0x0007, SS2("ap", 2, 1));
    set(D, "00 00 12 3c"); set(S, "00 0c");
    PGM_EXPECT("dp by zero", 0x000b, SS2("dp", 4, 2));
    check_mem("dp by zero: suppressed", D, "\x00\x00\x12\x3c", 4);
    set(D, "00 01 23 4c"); set(S, "12 3c");
    PGM_EXPECT("mp: too few leading zeros", 0x0007, SS2("mp", 4, 2));
    rt_pgm_mode = RT_PGM_RESUME;
    set(D, "99 9c"); set(S, "1c");
    unsigned before = rt_last_pgm.count;
    set_program_mask(4);
    int cc = SS2("ap", 2, 1);
    set_program_mask(0);
    rt_pgm_mode = RT_PGM_STOP;
    check("decimal overflow trapped", rt_last_pgm.count - before, 1);
    check("decimal overflow code", rt_last_pgm.code, 0x0a);
    check_mem("decimal overflow result stored", D, "\x00\x0c", 2);
    check("decimal overflow cc3", (u64)cc, 3);
}

int main(void)
{
    rt_pgm_print = 0;   /* no "pgm:" lines: they would carry code addresses */
    exceptions();
    conversions();
    arithmetic();
    edit();
    return 0;
}
