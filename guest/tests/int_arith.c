/*
 * int_arith.c: general-instruction integer arithmetic on edge values:
 * add/subtract (signed, logical, with carry/borrow), multiply, divide,
 * compare, load positive/negative/complement, shifts, z196 distinct-operand
 * forms. Expected values follow the Principles of Operation, chapter 7.
 */
#include "t.h"

#define HI 0xaaaaaaaa00000000ul   /* bits 0-31 that 32-bit ops must keep */
#define HJ 0x5555555500000000ul

static void add_sub(void)
{
    printf("# add\n");
    OP2("ar", HI | 0x7fffffff, HJ | 1);         X(HI | 0x80000000, 3);
    OP2("ar", HI | 0xffffffff, HJ | 1);         X(HI | 0, 0);
    OP2("ar", HI | 0x80000000, HJ | 0xffffffff); X(HI | 0x7fffffff, 3);
    OP2("ar", HI | 5, HJ | 0xfffffffd);         X(HI | 2, 2);
    OP2("ar", HI | 1, HJ | 0xfffffffd);         X(HI | 0xfffffffe, 1);
    OP2("agr", 0x7ffffffffffffffful, 1);         X(0x8000000000000000ul, 3);
    OP2("agr", 0xfffffffffffffffful, 1);         X(0, 0);
    OP2("agr", 0x8000000000000000ul, 0x8000000000000000ul); X(0, 3);
    OP2("agfr", 0x100000000ul, HJ | 0xffffffff); X(0xffffffff, 2);
    OP2("agfr", 0x7fffffffffffffff, 1);          X(0x8000000000000000ul, 3);
    OP2("alr", HI | 0xffffffff, HJ | 1);        X(HI | 0, 2);
    OP2("alr", HI | 0xffffffff, HJ | 2);        X(HI | 1, 3);
    OP2("alr", HI | 0, HJ | 0);                 X(HI | 0, 0);
    OP2("alr", HI | 1, HJ | 1);                 X(HI | 2, 1);
    OP2("algr", 0xfffffffffffffffful, 1);        X(0, 2);
    OP2("algr", 0xfffffffffffffffful, 0xfffffffffffffffful); X(0xfffffffffffffffeul, 3);
    OP2("algfr", 0xfffffffffffffffful, HJ | 1);  X(0, 2);
    t_ccin = 2;   /* carry in */
    OP2("alcr", HI | 0xffffffff, HJ | 0);       X(HI | 0, 2);
    t_ccin = 3;
    OP2("alcr", HI | 5, HJ | 6);                X(HI | 12, 1);
    t_ccin = 1;   /* no carry */
    OP2("alcr", HI | 5, HJ | 6);                X(HI | 11, 1);
    t_ccin = 0;
    OP2("alcr", HI | 0, HJ | 0);                X(HI | 0, 0);
    t_ccin = 2;
    OP2("alcgr", 0xfffffffffffffffful, 0xfffffffffffffffful); X(0xfffffffffffffffful, 3);
    t_ccin = 3;

    printf("# subtract\n");
    OP2("sr", HI | 0x80000000, HJ | 1);         X(HI | 0x7fffffff, 3);
    OP2("sr", HI | 0, HJ | 0x80000000);         X(HI | 0x80000000, 3);
    OP2("sr", HI | 5, HJ | 7);                  X(HI | 0xfffffffe, 1);
    OP2("sr", HI | 7, HJ | 7);                  X(HI | 0, 0);
    OP2("sgr", 0x8000000000000000ul, 1);         X(0x7ffffffffffffffful, 3);
    OP2("sgr", 0, 0x8000000000000000ul);         X(0x8000000000000000ul, 3);
    OP2("sgfr", 0, HJ | 0x80000000);             X(0x80000000ul, 2);
    OP2("slr", HI | 5, HJ | 3);                 X(HI | 2, 3);
    OP2("slr", HI | 3, HJ | 5);                 X(HI | 0xfffffffe, 1);
    OP2("slr", HI | 7, HJ | 7);                 X(HI | 0, 2);
    OP2("slgr", 0, 1);                           X(0xfffffffffffffffful, 1);
    OP2("slgr", 0, 0);                           X(0, 2);
    t_ccin = 2;   /* no borrow */
    OP2("slbr", HI | 5, HJ | 3);                X(HI | 2, 3);
    OP2("slbr", HI | 0, HJ | 0);                X(HI | 0, 2);
    t_ccin = 1;   /* borrow */
    OP2("slbr", HI | 5, HJ | 3);                X(HI | 1, 3);
    OP2("slbr", HI | 0, HJ | 0);                X(HI | 0xffffffff, 1);
    t_ccin = 0;
    OP2("slbgr", 1, 0);                          X(0, 2);
    t_ccin = 3;

    printf("# immediates\n");
    OPI("ahi", HI | 0x7fff0000, 0x7fff);         X(HI | 0x7fff7fff, 2);
    OPI("ahi", HI | 0x7fffffff, 1);              X(HI | 0x80000000, 3);
    OPI("ahi", HI | 0, -1);                      X(HI | 0xffffffff, 1);
    OPI("aghi", 0xfffffffffffffffful, 1);        X(0, 0);
    OPI("afi", HI | 1, 0x7fffffff);              X(HI | 0x80000000, 3);
    OPI("agfi", 0, -2147483648);                 X(0xffffffff80000000ul, 1);
    OPI("alfi", HI | 0xffffffff, 1);             X(HI | 0, 2);
    OPI("algfi", 0xfffffffffffffffful, 1);       X(0, 2);
    OPI("slfi", HI | 0, 1);                      X(HI | 0xffffffff, 1);
    OPI("slgfi", 5, 5);                          X(0, 2);
    OPI("mhi", HI | 0x12345, -2);                X(HI | 0xfffdb976, 3);
    OPI("mghi", 0x4000000000000000ul, 4);        X(0, 3);
    OPI("msfi", HI | 0x10000, 0x10000);          X(HI | 0, 3);
    OPI("msgfi", 3, -7);                         X(0xffffffffffffffebul, 3);
    OPI("lhi", HI | 5, -1);                      X(HI | 0xffffffff, 3);
    OPI("lghi", 5, -32768);                      X(0xffffffffffff8000ul, 3);
    OPI("lgfi", 5, -2147483648);                 X(0xffffffff80000000ul, 3);

    printf("# distinct operands (z196)\n");
    OP3("ark", HI, HJ | 0x7fffffff, 1);          X(HI | 0x80000000, 3);
    OP3("agrk", 0, 0xfffffffffffffffful, 2);     X(1, 2);
    OP3("srk", HI, HJ | 1, 2);                   X(HI | 0xffffffff, 1);
    OP3("sgrk", 5, 0x8000000000000000ul, 1);     X(0x7ffffffffffffffful, 3);
    OP3("alrk", HI, HJ | 0xffffffff, 1);         X(HI | 0, 2);
    OP3("algrk", 0, 3, 4);                       X(7, 1);
    OP3("slrk", HI, HJ | 1, 1);                  X(HI | 0, 2);
    OP3("slgrk", 0, 1, 2);                       X(0xfffffffffffffffful, 1);
    OP3I("ahik", HI, HJ | 0x7fffffff, 1);        X(HI | 0x80000000, 3);
    OP3I("aghik", 0, 0, -1);                     X(0xfffffffffffffffful, 1);
    OP3I("alhsik", HI, HJ | 0, -1);              X(HI | 0xffffffff, 1);
    OP3I("alghsik", 0, 1, -1);                   X(0, 2);

    printf("# storage operands\n");
    static u32 m32 = 0x80000000;
    static u64 m64 = 0x8000000000000000ul;
    static u16 m16 = 0x8000;
    OPM("a", HI | 0xffffffff, m32, "R");         X(HI | 0x7fffffff, 3);
    OPM("ay", HI | 0, m32, "T");                 X(HI | 0x80000000, 1);
    OPM("ag", 0xfffffffffffffffful, m64, "T");   X(0x7ffffffffffffffful, 3);
    OPM("agf", 1, m32, "T");                     X(0xffffffff80000001ul, 1);
    OPM("ah", HI | 0, m16, "R");                 X(HI | 0xffff8000, 1);
    OPM("al", HI | 0x80000000, m32, "R");        X(HI | 0, 2);
    OPM("alg", 0x8000000000000000ul, m64, "T");  X(0, 2);
    OPM("s", HI | 0, m32, "R");                  X(HI | 0x80000000, 3);
    OPM("sh", HI | 0, m16, "R");                 X(HI | 0x8000, 2);
    OPM("sl", HI | 0, m32, "R");                 X(HI | 0x80000000, 1);
    OPM("slg", 0x8000000000000000ul, m64, "T");  X(0, 2);
}

static void multiply_divide(void)
{
    printf("# multiply\n");
    OP2("msr", HI | 0x10000, HJ | 0x10000);      X(HI | 0, 3);
    OP2("msr", HI | 0xffffffff, HJ | 5);         X(HI | 0xfffffffb, 3);
    OP2("msgr", 0x100000000ul, 0x100000000ul);   X(0, 3);
    OP2("msgr", 0xfffffffffffffffful, 0x8000000000000000ul); X(0x8000000000000000ul, 3);
    OP2("msgfr", 3, HJ | 0xfffffffe);            X(0xfffffffffffffffaul, 3);
    OPPAIR("mr", HI | 0, HJ | 0x7fffffff, 0x7fffffff);     XP(HI | 0x3fffffff, HJ | 1, 3);
    OPPAIR("mr", HI | 0, HJ | 0xffffffff, 0x80000000);     XP(HI | 0, HJ | 0x80000000, 3);
    OPPAIR("mlr", HI | 0, HJ | 0xffffffff, 0xffffffff);    XP(HI | 0xfffffffe, HJ | 1, 3);
    OPPAIR("mlgr", 7, 0xfffffffffffffffful, 0xfffffffffffffffful);
    XP(0xfffffffffffffffeul, 1, 3);
    OPPAIR("mlgr", 7, 0x100000000ul, 0x100000000ul);       XP(1, 0, 3);
    static u32 mm = 0xfffffffe;   /* -2 */
    static u64 mg = 0xfffffffffffffffful;
    OPPAIRM("m", HI | 0, HJ | 0x40000000, mm, "R");        XP(HI | 0xffffffff, HJ | 0x80000000, 3);
    OPPAIRM("ml", HI | 0, HJ | 2, mm, "T");                XP(HI | 1, HJ | 0xfffffffc, 3);
    OPPAIRM("mlg", 0, 2, mg, "T");                         XP(1, 0xfffffffffffffffeul, 3);
    OPM("ms", HI | 3, mm, "R");                            X(HI | 0xfffffffa, 3);
    OPM("msg", 3, mg, "T");                                X(0xfffffffffffffffdul, 3);

    printf("# divide\n");
    OPPAIR("dr", HI | 0, HJ | 100, 7);                     XP(HI | 2, HJ | 14, 3);
    OPPAIR("dr", HI | 0xffffffff, HJ | 0xffffff9c, 7);     XP(HI | 0xfffffffe, HJ | 0xfffffff2, 3);
    OPPAIR("dr", HI | 0xffffffff, HJ | 0xffffff9c, 0xfffffff9); XP(HI | 0xfffffffe, HJ | 14, 3);
    OPPAIR("dr", HI | 0xffffffff, HJ | 0x80000000, 1);     XP(HI | 0, HJ | 0x80000000, 3);
    OPPAIR("dlr", HI | 1, HJ | 0, 2);                      XP(HI | 0, HJ | 0x80000000, 3);
    OPPAIR("dlr", HI | 0, HJ | 0xffffffff, 0x10);          XP(HI | 0xf, HJ | 0x0fffffff, 3);
    OPPAIR("dlgr", 1, 0, 2);                               XP(0, 0x8000000000000000ul, 3);
    OPPAIR("dlgr", 0, 0xfffffffffffffffful, 10);           XP(5, 0x1999999999999999ul, 3);
    OPPAIR("dsgr", 12345, 0xfffffffffffffff9ul, 2);        XP(0xfffffffffffffffful, 0xfffffffffffffffdul, 3);
    OPPAIR("dsgr", 0, 0x8000000000000000ul, 2);            XP(0, 0xc000000000000000ul, 3);
    OPPAIR("dsgfr", 0, 100, HJ | 0xfffffff6);              XP(0, 0xfffffffffffffff6ul, 3);
    static u32 d7 = 7;
    static u64 dg = 0xfffffffffffffffdul;   /* -3 */
    OPPAIRM("d", HI | 0, HJ | 22, d7, "R");                XP(HI | 1, HJ | 3, 3);
    OPPAIRM("dl", HI | 0, HJ | 22, d7, "T");               XP(HI | 1, HJ | 3, 3);
    OPPAIRM("dsg", 0, 10, dg, "T");                        XP(1, 0xfffffffffffffffdul, 3);
    OPPAIRM("dsgf", 0, 0xfffffffffffffff6ul, d7, "T");     XP(0xfffffffffffffffdul, 0xfffffffffffffffful, 3);
}

static void compare_load(void)
{
    printf("# compare\n");
    OP2("cr", HI | 1, HJ | 0xffffffff);          X(HI | 1, 2);
    OP2("cr", HI | 0x80000000, HJ | 0x7fffffff); X(HI | 0x80000000, 1);
    OP2("cr", HI | 5, HJ | 5);                   X(HI | 5, 0);
    OP2("clr", HI | 1, HJ | 0xffffffff);         X(HI | 1, 1);
    OP2("clr", HI | 0x80000000, HJ | 0x7fffffff); X(HI | 0x80000000, 2);
    OP2("cgr", 0x8000000000000000ul, 0x7ffffffffffffffful); X(0x8000000000000000ul, 1);
    OP2("clgr", 0x8000000000000000ul, 0x7ffffffffffffffful); X(0x8000000000000000ul, 2);
    OP2("cgfr", 0xffffffffffffffff, HJ | 0xffffffff);        X(0xffffffffffffffff, 0);
    OP2("clgfr", 0xffffffffffffffff, HJ | 0xffffffff);       X(0xffffffffffffffff, 2);
    OPI("chi", HI | 0xffffffff, -1);             X(HI | 0xffffffff, 0);
    OPI("cghi", 0, -1);                          X(0, 2);
    OPI("cfi", HI | 0x7fffffff, -2147483648);    X(HI | 0x7fffffff, 2);
    OPI("clfi", HI | 0x7fffffff, 0x80000000);    X(HI | 0x7fffffff, 1);
    OPI("clgfi", 0x100000000ul, 0xffffffff);     X(0x100000000ul, 2);
    static u32 c32 = 0xfffffffe;
    static u16 c16 = 0xfffe;
    OPM("c", HI | 0, c32, "R");                  X(HI | 0, 2);
    OPM("cl", HI | 0, c32, "R");                 X(HI | 0, 1);
    OPM("ch", HI | 0xfffffffe, c16, "R");        X(HI | 0xfffffffe, 0);
    OPM("cgf", 0xfffffffffffffffe, c32, "T");    X(0xfffffffffffffffe, 0);
    OPM("clgf", 0xfffffffffffffffe, c32, "T");   X(0xfffffffffffffffe, 2);

    printf("# load positive/negative/complement/test\n");
    OP2("lpr", HI, HJ | 0x80000000);             X(HI | 0x80000000, 3);
    OP2("lpr", HI, HJ | 0xfffffffb);             X(HI | 5, 2);
    OP2("lpr", HI, HJ | 0);                      X(HI | 0, 0);
    OP2("lnr", HI, HJ | 5);                      X(HI | 0xfffffffb, 1);
    OP2("lnr", HI, HJ | 0x80000000);             X(HI | 0x80000000, 1);
    OP2("lnr", HI, HJ | 0);                      X(HI | 0, 0);
    OP2("lcr", HI, HJ | 0x80000000);             X(HI | 0x80000000, 3);
    OP2("lcr", HI, HJ | 5);                      X(HI | 0xfffffffb, 1);
    OP2("lcr", HI, HJ | 0);                      X(HI | 0, 0);
    OP2("ltr", HI, HJ | 0x80000000);             X(HI | 0x80000000, 1);
    OP2("ltr", HI, HJ | 0);                      X(HI | 0, 0);
    OP2("lpgr", 0, 0x8000000000000000ul);        X(0x8000000000000000ul, 3);
    OP2("lpgfr", 0, HJ | 0x80000000);            X(0x80000000ul, 2);
    OP2("lngr", 0, 7);                           X(0xfffffffffffffff9ul, 1);
    OP2("lngfr", 0, HJ | 0x80000000);            X(0xffffffff80000000ul, 1);
    OP2("lcgr", 0, 0xfffffffffffffffful);        X(1, 2);
    OP2("lcgfr", 0, HJ | 0x80000000);            X(0x80000000ul, 2);
    OP2("ltgr", 0, 0);                           X(0, 0);
    OP2("ltgfr", 0, HJ | 0xffffffff);            X(0xfffffffffffffffful, 1);
    OP2("lgfr", 0, HJ | 0x80000000);             X(0xffffffff80000000ul, 3);
    OP2("llgfr", 0, HJ | 0x80000000);            X(0x80000000ul, 3);
    OP2("lghr", 0, HJ | 0x8000);                 X(0xffffffffffff8000ul, 3);
    OP2("llghr", 0, HJ | 0x18000);               X(0x8000ul, 3);
    OP2("lhr", HI, HJ | 0x18000);                X(HI | 0xffff8000, 3);
    OP2("llhr", HI, HJ | 0x18000);               X(HI | 0x8000, 3);
    OP2("lbr", HI, HJ | 0x180);                  X(HI | 0xffffff80, 3);
    OP2("llcr", HI, HJ | 0x180);                 X(HI | 0x80, 3);
    OP2("lgbr", 0, HJ | 0x80);                   X(0xffffffffffffff80ul, 3);
    OP2("llgcr", 0, HJ | 0x180);                 X(0x80ul, 3);
    OP2("llgtr", 0, 0xffffffffffffffff);         X(0x7ffffffful, 3);
}

static void shifts(void)
{
    printf("# shifts\n");
    OPI("sla", HI | 0x40000000, 1);          X(HI | 0, 3);
    OPI("sla", HI | 0xffffffff, 31);         X(HI | 0x80000000, 1);
    OPI("sla", HI | 1, 0);               X(HI | 1, 2);
    OPI("sla", HI | 0x00000001, 30);         X(HI | 0x40000000, 2);
    OPI("sla", HI | 0x00000001, 31);         X(HI | 0, 3);
    OP3I("slag", 7, 0x4000000000000000ul, 1);    X(0, 3);
    OP3I("slag", 7, 0xc000000000000001ul, 1);    X(0x8000000000000002ul, 1);
    OP3I("slag", 7, 0xfffffffffffffffful, 63);   X(0x8000000000000000ul, 1);
    OP3I("slag", 7, 0x0000000000000003ul, 62);   X(0x4000000000000000ul, 3);
    OPI("sra", HI | 0x80000000, 31);         X(HI | 0xffffffff, 1);
    OPI("sra", HI | 0x80000000, 63);         X(HI | 0xffffffff, 1);
    OPI("sra", HI | 0x7fffffff, 63);         X(HI | 0, 0);
    OPI("sra", HI | 0x7fffffff, 64);         X(HI | 0x7fffffff, 2);   /* only 6 bits count */
    OP3I("srag", 0, 0x8000000000000000ul, 63);   X(0xfffffffffffffffful, 1);
    OP3I("srag", 0, 0x8000000000000000ul, 4);    X(0xf800000000000000ul, 1);
    OPI("sll", HI | 0xffffffff, 32);         X(HI | 0, 3);
    OPI("sll", HI | 0xffffffff, 4);          X(HI | 0xfffffff0, 3);
    OPI("srl", HI | 0x80000000, 31);         X(HI | 1, 3);
    OP3I("sllg", 0, 0x8000000000000001ul, 1);    X(2, 3);
    OP3I("srlg", 0, 0x8000000000000000ul, 63);   X(1, 3);
    OP3I("srlg", 0, 0x8000000000000000ul, 64);   X(0x8000000000000000ul, 3);
    OP3I("sllk", HI, HJ | 0x80000001, 1);        X(HI | 2, 3);
    OP3I("srak", HI, HJ | 0x80000000, 1);        X(HI | 0xc0000000, 1);
    OP3I("srlk", HI, HJ | 0x80000000, 1);        X(HI | 0x40000000, 3);
    OP3I("rll", HI, HJ | 0x80000001, 1);         X(HI | 3, 3);
    OP3I("rll", HI, HJ | 0x12345678, 36);        X(HI | 0x23456781, 3);
    OP3I("rllg", 0, 0x8000000000000001ul, 1);    X(3, 3);
    OP3I("rllg", 0, 0x0123456789abcdeful, 68);   X(0x123456789abcdef0ul, 3);
    OPPAIRS("sldl", HI | 1, HJ | 0x80000000, 1);  XP(HI | 3, HJ | 0, 3);
    OPPAIRS("srdl", HI | 1, HJ | 0, 1);           XP(HI | 0, HJ | 0x80000000, 3);
    OPPAIRS("srda", HI | 0x80000000, HJ | 0, 63); XP(HI | 0xffffffff, HJ | 0xffffffff, 1);
    OPPAIRS("srda", HI | 0, HJ | 0, 3);           XP(HI | 0, HJ | 0, 0);
    OPPAIRS("slda", HI | 0x40000000, HJ | 0, 1);  XP(HI | 0, HJ | 0, 3);
    OPPAIRS("slda", HI | 0xffffffff, HJ | 0xfffffffe, 3); XP(HI | 0xffffffff, HJ | 0xfffffff0, 1);
    OPPAIRS("slda", HI | 0, HJ | 1, 62);          XP(HI | 0x40000000, HJ | 0, 2);
}

/* compiled code: gcc's own choice of instructions on the usual C idioms */
static void compiled(void)
{
    printf("# compiled C\n");
    volatile long a = -7, b = 2;
    volatile unsigned long ua = 0xfffffffffffffff9ul, ub = 3;
    volatile int ia = -2147483647, ib = -1;
    check("c-div", (u64)(a / b), (u64)-3);
    check("c-mod", (u64)(a % b), (u64)-1);
    check("c-udiv", ua / ub, 0x5555555555555553ul);
    check("c-umod", ua % ub, 0);
    check("c-imul", (u64)(long)(ia * ib), 2147483647ul);
    unsigned long h = 1469598103934665603ul;
    for (int i = 0; i < 1000; i++) {
        h ^= (unsigned long)i;
        h *= 1099511628211ul;
    }
    report("fnv-1000", h);
    unsigned int x = 2463534242u;
    for (int i = 0; i < 1000; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
    }
    report32("xorshift32-1000", x);
    long s = 0;
    for (long i = -500; i < 500; i++)
        s += i * i * i / 7 - i % 5;
    report("poly-sum", (u64)s);
    check("popcount", (u64)__builtin_popcountl(0xf0f0f0f0f0f0f0f1ul), 33);
    check("clz", (u64)__builtin_clzl(0x0000100000000000ul), 19);
    check("ctz", (u64)__builtin_ctzl(0x0000100000000000ul), 44);
    check("bswap64", __builtin_bswap64(0x0102030405060708ul), 0x0807060504030201ul);
}

int main(void)
{
    add_sub();
    multiply_divide();
    compare_load();
    shifts();
    compiled();
    return 0;
}
