/*
 * logical.c: AND/OR/XOR (register, immediate, storage), insert/load
 * immediates, test under mask, insert characters under mask, FLOGR,
 * POPCNT, RISBG/RNSBG/ROSBG/RXSBG/RISBHG/RISBLG, load/store on condition,
 * byte-reversed loads. Expected values from the Principles of Operation.
 */
#include "t.h"

#define HI 0xaaaaaaaa00000000ul
#define HJ 0x5555555500000000ul

/* rotate-then-*-selected-bits: insn r1,r2,i3,i4,i5 */
#define OPROT(insn, a, b, i3, i4, i5)                                           \
    do {                                                                        \
        u64 _r1 = (a), _r2 = (b);                                               \
        int _cc;                                                                \
        __asm__ volatile("spm %[ccin]\n\t" insn " %[r1],%[r2]," #i3 "," #i4 "," #i5 "\n\t" CC_OUT \
                         : [r1] "+&d"(_r1), [cc] "=&d"(_cc)                     \
                         : [r2] "d"(_r2), [ccin] "d"(T_CCIN)                    \
                         : "cc");                                               \
        t_res = _r1; t_cc = _cc; t_insn = insn;                                 \
        printf("%-8s %3d %3d %3d %016lx %016lx -> %016lx cc%d\n", insn, i3, i4, i5, \
               (u64)(a), (u64)(b), _r1, _cc);                                   \
    } while (0)

/* insn r1,m3,mem (ICM family; cons Q for RS, S for RSY) */
#define OPMASK(insn, a, m3, mem, cons)                                          \
    do {                                                                        \
        u64 _r1 = (a);                                                          \
        int _cc;                                                                \
        __asm__ volatile("spm %[ccin]\n\t" insn " %[r1]," #m3 ",%[m]\n\t" CC_OUT \
                         : [r1] "+&d"(_r1), [cc] "=&d"(_cc)                     \
                         : [m] cons(mem), [ccin] "d"(T_CCIN)                    \
                         : "cc", "memory");                                     \
        t_res = _r1; t_cc = _cc; t_insn = insn;                                 \
        printf("%-8s m%-2d %016lx -> %016lx cc%d\n", insn, m3, (u64)(a), _r1, _cc); \
    } while (0)

/* storage-immediate: insn mem,imm ; result is the storage after */
#define OPSI(insn, mem, imm, cons)                                              \
    do {                                                                        \
        int _cc;                                                                \
        __asm__ volatile("spm %[ccin]\n\t" insn " %[m]," #imm "\n\t" CC_OUT      \
                         : [m] "+" cons(mem), [cc] "=&d"(_cc)                   \
                         : [ccin] "d"(T_CCIN)                                   \
                         : "cc");                                               \
        t_res = (u64)(mem); t_cc = _cc; t_insn = insn;                          \
        printf("%-8s %-6s -> %016lx cc%d\n", insn, #imm, (u64)(mem), _cc);      \
    } while (0)

static u8 buf[64] __attribute__((aligned(8)));

static void and_or_xor(void)
{
    printf("# and/or/xor registers\n");
    OP2("nr", HI | 0xf0f0f0f0, HJ | 0x0f0f0f0f);      X(HI | 0, 0);
    OP2("or", HI | 0xf0f0f0f0, HJ | 0x0f0f0f0f);      X(HI | 0xffffffff, 1);
    OP2("xr", HI | 0xffffffff, HJ | 0xffffffff);      X(HI | 0, 0);
    OP2("xr", HI | 0x0000ffff, HJ | 0xffffffff);      X(HI | 0xffff0000, 1);
    OP2("ngr", 0xff00ff00ff00ff00ul, 0x0ff00ff00ff00ff0ul); X(0x0f000f000f000f00ul, 1);
    OP2("ogr", 0, 0);                                  X(0, 0);
    OP2("xgr", 0x8000000000000001ul, 1);               X(0x8000000000000000ul, 1);
    OP3("nrk", HI, HJ | 0xff, 0xf0);                   X(HI | 0xf0, 1);
    OP3("ork", HI, HJ | 0, 0);                         X(HI | 0, 0);
    OP3("xrk", HI, HJ | 0x12345678, 0x12345678);       X(HI | 0, 0);
    OP3("ngrk", 0, 0xf0, 0x0f);                        X(0, 0);
    OP3("ogrk", 0, 0xf0, 0x0f);                        X(0xff, 1);
    OP3("xgrk", 0, 0xf0, 0xff);                        X(0x0f, 1);
    static u32 m32 = 0x0000ffff;
    static u64 m64 = 0xffffffff00000000ul;
    OPM("n", HI | 0xffff0000, m32, "R");               X(HI | 0, 0);
    OPM("o", HI | 0xffff0000, m32, "R");               X(HI | 0xffffffff, 1);
    OPM("x", HI | 0xffff0000, m32, "R");               X(HI | 0xffffffff, 1);
    OPM("ng", 0x123456789abcdef0ul, m64, "T");         X(0x1234567800000000ul, 1);
    OPM("og", 0, m64, "T");                            X(0xffffffff00000000ul, 1);
    OPM("xg", 0xffffffff00000000ul, m64, "T");         X(0, 0);

    printf("# immediates\n");
    OPI("nill", 0x123456789abcdef0ul, 0x0f0f);         X(0x123456789abc0e00ul, 1);
    OPI("nill", 0x123456789abcdef0ul, 0);              X(0x123456789abc0000ul, 0);
    OPI("nilh", 0x123456789abcdef0ul, 0xff00);         X(0x123456789a00def0ul, 1);
    OPI("nihl", 0x123456789abcdef0ul, 0);              X(0x123400009abcdef0ul, 0);
    OPI("nihh", 0x123456789abcdef0ul, 0x00ff);         X(0x003456789abcdef0ul, 1);
    OPI("nilf", 0x123456789abcdef0ul, 0x0000ffff);     X(0x123456780000def0ul, 1);
    OPI("nihf", 0x123456789abcdef0ul, 0);              X(0x000000009abcdef0ul, 0);
    OPI("oill", 0, 0);                                 X(0, 0);
    OPI("oilh", 0, 0x8000);                            X(0x80000000ul, 1);
    OPI("oihl", 0, 0);                                 X(0, 0);
    OPI("oihh", 1, 0x8000);                            X(0x8000000000000001ul, 1);
    OPI("oilf", 0xffffffff00000000ul, 0);              X(0xffffffff00000000ul, 0);
    OPI("oihf", 0, 0x80000001);                        X(0x8000000100000000ul, 1);
    OPI("xilf", 0xfffffffffffffffful, 0xffffffff);     X(0xffffffff00000000ul, 0);
    OPI("xihf", 0, 1);                                 X(0x0000000100000000ul, 1);
    OPI("iihf", 0x1111111122222222ul, 0xdeadbeef);     X(0xdeadbeef22222222ul, 3);
    OPI("iilf", 0x1111111122222222ul, 0xdeadbeef);     X(0x11111111deadbeeful, 3);
    OPI("iihh", 0x1111111122222222ul, 0xabcd);         X(0xabcd111122222222ul, 3);
    OPI("iihl", 0x1111111122222222ul, 0xabcd);         X(0x1111abcd22222222ul, 3);
    OPI("iilh", 0x1111111122222222ul, 0xabcd);         X(0x11111111abcd2222ul, 3);
    OPI("iill", 0x1111111122222222ul, 0xabcd);         X(0x111111112222abcdul, 3);
    OPI("llihf", 0x1111111122222222ul, 0x12345678);    X(0x1234567800000000ul, 3);
    OPI("llilf", 0x1111111122222222ul, 0x89abcdef);    X(0x0000000089abcdeful, 3);
    OPI("llihh", 0x1111111122222222ul, 0xffff);        X(0xffff000000000000ul, 3);
    OPI("llihl", 0x1111111122222222ul, 0xffff);        X(0x0000ffff00000000ul, 3);
    OPI("llilh", 0x1111111122222222ul, 0xffff);        X(0x00000000ffff0000ul, 3);
    OPI("llill", 0x1111111122222222ul, 0xffff);        X(0x000000000000fffful, 3);

    printf("# test under mask\n");
    OPI("tmll", 0xf0, 0x00f0);                         X(0xf0, 3);
    OPI("tmll", 0xf0, 0x0180);                         X(0xf0, 1);
    OPI("tmll", 0x80, 0x00c0);                         X(0x80, 2);
    OPI("tmll", 0x80, 0);                              X(0x80, 0);
    OPI("tmll", 0x80, 0x0f00);                         X(0x80, 0);
    OPI("tmhh", 0x8000000000000000ul, 0x8001);         X(0x8000000000000000ul, 2);
    OPI("tmhl", 0x0000ffff00000000ul, 0xffff);         X(0x0000ffff00000000ul, 3);
    OPI("tmlh", 0x0000000000010000ul, 0x8001);         X(0x0000000000010000ul, 1);
}

static void insert_masks(void)
{
    printf("# insert characters under mask\n");
    static u8 m4[4] = {0x80, 0x12, 0x34, 0x56};
    static u8 z4[4] = {0x00, 0x12, 0x34, 0x56};
    static u8 zz[4] = {0, 0, 0, 0};
    OPMASK("icm", HI | 0xffffffff, 10, *(u32 *)m4, "Q");   X(HI | 0x80ff12ff, 1);
    OPMASK("icm", HI | 0xffffffff, 3, *(u32 *)m4, "Q");    X(HI | 0xffff8012, 1);
    OPMASK("icm", HI | 0xffffffff, 15, *(u32 *)z4, "Q");   X(HI | 0x00123456, 2);
    OPMASK("icm", HI | 0xffffffff, 12, *(u32 *)zz, "Q");   X(HI | 0x0000ffff, 0);
    OPMASK("icm", HI | 0xffffffff, 0, *(u32 *)m4, "Q");    X(HI | 0xffffffff, 0);
    OPMASK("icmy", HI | 0, 1, *(u32 *)m4, "S");            X(HI | 0x80, 1);
    OPMASK("icmh", 0x1111111122222222ul, 9, *(u32 *)z4, "S"); X(0x0011111222222222ul, 2);
    OPMASK("clm", HI | 0x80001200, 10, *(u32 *)m4, "Q");   X(HI | 0x80001200, 0);
    OPMASK("clm", HI | 0x7f000000, 8, *(u32 *)m4, "Q");    X(HI | 0x7f000000, 1);
    OPMASK("clm", HI | 0x00000081, 1, *(u32 *)m4, "Q");    X(HI | 0x00000081, 2);
    OPMASK("clm", HI, 0, *(u32 *)m4, "Q");                 X(HI, 0);
    OPMASK("clmh", 0x8012000000000000ul, 12, *(u32 *)m4, "S"); X(0x8012000000000000ul, 0);
    u32 st = 0;
    __asm__ volatile("stcm %[r],5,%[m]" : [m] "+Q"(st) : [r] "d"(0x11223344ul));
    check("stcm", st, 0x22440000);
    u32 sth = 0xffffffff;
    __asm__ volatile("stcmh %[r],6,%[m]" : [m] "+S"(sth) : [r] "d"(0x1122334455667788ul));
    check("stcmh", sth, 0x2233ffff);
}

static void bits(void)
{
    printf("# flogr popcnt\n");
    OPPAIR("flogr", 7, 7, 0x0000100000000000ul);       XP(19, 0, 2);
    OPPAIR("flogr", 7, 7, 0);                          XP(64, 0, 0);
    OPPAIR("flogr", 7, 7, 0x8000000000000001ul);       XP(0, 1, 2);
    OPPAIR("flogr", 7, 7, 0x00000000000000fful);       XP(56, 0x7f, 2);
    OP2("popcnt", 5, 0xff0f010000000003ul);            X(0x0804010000000002ul, 1);
    OP2("popcnt", 5, 0);                               X(0, 0);

    printf("# rotate then insert/and/or/xor selected bits\n");
    OPROT("risbg", 0xfffffffffffffffful, 0x0123456789abcdeful, 0, 191, 0); X(0x0123456789abcdeful, 2);
    OPROT("risbg", 0xfffffffffffffffful, 0xfful, 56, 63, 8);              X(0xffffffffffffff00ul, 1);
    OPROT("risbg", 0xfffffffffffffffful, 0xfful, 48, 183, 8);             X(0xff00ul, 2);
    OPROT("risbg", 0x1234ul, 0xfffffffffffffffful, 60, 131, 0);           X(0xf00000000000000ful, 1);
    OPROT("risbg", 5, 0, 0, 191, 0);                                      X(0, 0);
    OPROT("risbg", 0, 0x8000000000000000ul, 63, 191, 1);                  X(1, 2);
    OPROT("risbg", 0x00000000ffff0000ul, 0x1ul, 32, 47, 16);              X(0x10000ul, 2);
    OPROT("rnsbg", 0xfffffffffffffffful, 0x00ff00ff00ff00fful, 0, 31, 0); X(0x00ff00fffffffffful, 1);
    OPROT("rnsbg", 0xff00ff00ff00ff00ul, 0x00ff00ff00ff00fful, 128, 63, 0); X(0xff00ff00ff00ff00ul, 0);
    OPROT("rosbg", 0, 1, 0, 0, 63);                                       X(0x8000000000000000ul, 1);
    OPROT("rosbg", 0, 1, 1, 63, 0);                                       X(1, 1);
    OPROT("rosbg", 0x10, 0x0f, 128, 63, 0);                               X(0x10, 1);
    OPROT("rxsbg", 0xfffffffffffffffful, 0xfffffffffffffffful, 32, 63, 0); X(0xffffffff00000000ul, 0);
    OPROT("rxsbg", 0xfffffffffffffffful, 0x1ul, 128, 63, 0);              X(0xfffffffffffffffful, 1);
    OPROT("risbhg", 0x1111111122222222ul, 0xabcdef01ul, 0, 159, 32);      X(0xabcdef0122222222ul, 3);
    OPROT("risbhg", 0x1111111122222222ul, 0xabcdef01ul, 24, 31, 32);      X(0x1111110122222222ul, 3);
    OPROT("risblg", 0x1111111122222222ul, 0xabcdef01ul, 24, 159, 0);      X(0x1111111100000001ul, 3);
    OPROT("risblg", 0x1111111122222222ul, 0xabcdef01ul, 0, 15, 0);        X(0x11111111abcd2222ul, 3);
}

static void conditional_and_reversed(void)
{
    printf("# load/store on condition, byte reversed\n");
    t_ccin = 3;
    OP3I("locr", HI | 1, HJ | 2, 1);                   X(HI | 2, 3);
    OP3I("locr", HI | 1, HJ | 2, 8);                   X(HI | 1, 3);
    OP3I("locgr", 1, 2, 14);                           X(1, 3);
    t_ccin = 0;
    OP3I("locgr", 1, 2, 8);                            X(2, 0);
    t_ccin = 3;
    static u64 lm = 0x0123456789abcdeful;
    u64 r = 0;
    __asm__ volatile("spm %[c]\n\tlocg %[r],%[m],1" : [r] "+d"(r) : [m] "S"(lm), [c] "d"(3ul << 28) : "cc");
    check("locg taken", r, 0x0123456789abcdeful);
    r = 5;
    __asm__ volatile("spm %[c]\n\tloc %[r],%[m],2" : [r] "+d"(r) : [m] "S"(lm), [c] "d"(3ul << 28) : "cc");
    check("loc not taken", r, 5);
    u64 sm = 0;
    __asm__ volatile("spm %[c]\n\tstocg %[r],%[m],4" : [m] "+S"(sm) : [r] "d"(0x42ul), [c] "d"(1ul << 28) : "cc");
    check("stocg taken", sm, 0x42);
    u32 sm32 = 7;
    __asm__ volatile("spm %[c]\n\tstoc %[r],%[m],4" : [m] "+S"(sm32) : [r] "d"(0x42ul), [c] "d"(2ul << 28) : "cc");
    check("stoc not taken", sm32, 7);
    OP2("lrvr", HI, HJ | 0x12345678);                  X(HI | 0x78563412, 3);
    OP2("lrvgr", 0, 0x0123456789abcdeful);             X(0xefcdab8967452301ul, 3);
    static u32 rv32 = 0x11223344;
    static u16 rv16 = 0x5566;
    OPM("lrv", HI, rv32, "T");                         X(HI | 0x44332211, 3);
    OPM("lrvh", HI, rv16, "T");                        X(HI | 0x6655, 3);
    u64 out = 0;
    __asm__ volatile("strvg %[r],%[m]" : [m] "=T"(out) : [r] "d"(0x0102030405060708ul));
    check("strvg", out, 0x0807060504030201ul);
}

static void storage_immediate(void)
{
    printf("# storage-immediate and SS logical\n");
    static u8 b1 = 0xf0;
    OPSI("ni", b1, 0x0f, "Q");                         X(0x00, 0);
    b1 = 0xf0;
    OPSI("oi", b1, 0x0f, "Q");                         X(0xff, 1);
    OPSI("xi", b1, 0xff, "Q");                         X(0x00, 0);
    b1 = 0x5a;
    OPSI("xiy", b1, 0x0f, "S");                        X(0x55, 1);
    OPSI("tm", b1, 0x55, "Q");                         X(0x55, 3);
    OPSI("tm", b1, 0xaa, "Q");                         X(0x55, 0);
    OPSI("tm", b1, 0x0f, "Q");                         X(0x55, 1);
    OPSI("tmy", b1, 0, "S");                           X(0x55, 0);
    OPSI("cli", b1, 0x56, "Q");                        X(0x55, 1);
    OPSI("cli", b1, 0x54, "Q");                        X(0x55, 2);
    OPSI("cliy", b1, 0x55, "S");                       X(0x55, 0);
    OPSI("mvi", b1, 0xc3, "Q");                        X(0xc3, 3);
    static u32 w = 0;
    static u64 g = 0;
    static u16 h = 0;
    OPSI("mvhi", w, -2, "Q");                          X(0xfffffffe, 3);
    OPSI("mvghi", g, -2, "Q");                         X(0xfffffffffffffffeul, 3);
    OPSI("mvhhi", h, -32768, "Q");                     X(0x8000, 3);
    OPSI("chsi", w, -3, "Q");                          X(0xfffffffe, 2);
    OPSI("cghsi", g, -1, "Q");                         X(0xfffffffffffffffeul, 1);
    OPSI("chhsi", h, -32768, "Q");                     X(0x8000, 0);
    OPSI("clfhsi", w, 0xffff, "Q");                    X(0xfffffffe, 2);
    OPSI("clghsi", g, 0xffff, "Q");                    X(0xfffffffffffffffeul, 2);
    OPSI("clhhsi", h, 0x8001, "Q");                    X(0x8000, 1);

    for (int i = 0; i < 64; i++)
        buf[i] = (u8)(i * 37 + 11);
    int cc;
    __asm__ volatile("nc 0(16,%[a]),16(%[a])\n\t" CC_OUT : [cc] "=d"(cc) : [a] "a"(buf) : "cc", "memory");
    hexdump("nc", buf, 16);
    report32("nc cc", cc);
    __asm__ volatile("oc 16(16,%[a]),32(%[a])\n\t" CC_OUT : [cc] "=d"(cc) : [a] "a"(buf) : "cc", "memory");
    hexdump("oc", buf + 16, 16);
    report32("oc cc", cc);
    __asm__ volatile("xc 32(32,%[a]),32(%[a])\n\t" CC_OUT : [cc] "=d"(cc) : [a] "a"(buf) : "cc", "memory");
    static const u8 zero[32];
    check_mem("xc self clears", buf + 32, zero, 32);
    check("xc self cc", (u64)cc, 0);
    /* overlapping XC: one byte at a time, left to right */
    for (int i = 0; i < 8; i++)
        buf[i] = (u8)(0x11 * (i + 1));
    __asm__ volatile("xc 1(7,%[a]),0(%[a])\n\t" CC_OUT : [cc] "=d"(cc) : [a] "a"(buf) : "cc", "memory");
    static const u8 xc_expect[8] = {0x11, 0x33, 0x00, 0x44, 0x11, 0x77, 0x00, 0x88};
    check_mem("xc overlap", buf, xc_expect, 8);
}

static void load_address(void)
{
    printf("# load address\n");
    u64 r;
    __asm__ volatile("la %0,4095(%1,%2)" : "=d"(r) : "a"(0xfffffffffffff000ul), "a"(0x1001ul));
    check("la 64-bit wrap", r, 0x1000);
    __asm__ volatile("lay %0,-1(%1)" : "=d"(r) : "a"(0ul));
    check("lay negative", r, 0xfffffffffffffffful);
    __asm__ volatile("larl %0,1f\n1:" : "=d"(r));
    printf("larl ok: %d\n", r > 0x10000 && r < 0x100000);
}

int main(void)
{
    and_or_xor();
    insert_masks();
    bits();
    conditional_and_reversed();
    storage_immediate();
    load_address();
    return 0;
}
