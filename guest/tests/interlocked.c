/*
 * interlocked.c: COMPARE AND SWAP (CS, CSY, CSG), COMPARE DOUBLE AND SWAP
 * (CDS, CDSG), LOAD AND ADD/AND/OR/EXCLUSIVE OR (LAA, LAAG, LAAL, LAALG, LAN,
 * LANG, LAO, LAOG, LAX, LAXG), TEST AND SET, LOAD PAIR DISJOINT (LPD, LPDG).
 */
#include "t.h"

#define HI 0xaaaaaaaa00000000ul

static u32 w __attribute__((aligned(8)));
static u64 g __attribute__((aligned(8)));
static union { unsigned __int128 x; u64 d[2]; } qu __attribute__((aligned(16)));
#define q qu.d

static void compare_and_swap(void)
{
    printf("# compare and swap\n");
    int cc;
    u64 old, nw;
    w = 5; old = HI | 5; nw = HI | 9;
    __asm__ volatile("cs %[o],%[n],%[m]\n\t" CC_OUT : [o] "+d"(old), [m] "+Q"(w), [cc] "=d"(cc) : [n] "d"(nw) : "cc");
    printf("cs equal: cc%d old %016lx mem %08x\n", cc, old, w);
    check("cs eq cc", (u64)cc, 0); check("cs eq mem", w, 9); check("cs eq r1", old, HI | 5);
    old = HI | 5;
    __asm__ volatile("cs %[o],%[n],%[m]\n\t" CC_OUT : [o] "+d"(old), [m] "+Q"(w), [cc] "=d"(cc) : [n] "d"(nw) : "cc");
    printf("cs differ: cc%d old %016lx mem %08x\n", cc, old, w);
    check("cs ne cc", (u64)cc, 1); check("cs ne mem", w, 9); check("cs ne r1", old, HI | 9);
    old = HI | 9; nw = 0x77;
    __asm__ volatile("csy %[o],%[n],%[m]\n\t" CC_OUT : [o] "+d"(old), [m] "+S"(w), [cc] "=d"(cc) : [n] "d"(nw) : "cc");
    check("csy cc", (u64)cc, 0); check("csy mem", w, 0x77);
    g = 0x8000000000000000ul; old = 0x8000000000000000ul; nw = 1;
    __asm__ volatile("csg %[o],%[n],%[m]\n\t" CC_OUT : [o] "+d"(old), [m] "+S"(g), [cc] "=d"(cc) : [n] "d"(nw) : "cc");
    check("csg cc", (u64)cc, 0); check("csg mem", g, 1);
    old = 2;
    __asm__ volatile("csg %[o],%[n],%[m]\n\t" CC_OUT : [o] "+d"(old), [m] "+S"(g), [cc] "=d"(cc) : [n] "d"(nw) : "cc");
    check("csg ne cc", (u64)cc, 1); check("csg ne r1", old, 1);

    /* CDS: r2:r3 low halves vs the doubleword; r4:r5 the new value */
    {
        q[0] = 0x1111111122222222ul;
        register u64 o2 __asm__("r2") = HI | 0x11111111;
        register u64 o3 __asm__("r3") = HI | 0x22222222;
        register u64 n4 __asm__("r4") = 0x33333333;
        register u64 n5 __asm__("r5") = 0x44444444;
        __asm__ volatile("cds %%r2,%%r4,%[m]\n\t" CC_OUT : "+d"(o2), "+d"(o3), [m] "+Q"(q[0]), [cc] "=d"(cc) : "d"(n4), "d"(n5) : "cc");
        check("cds cc", (u64)cc, 0); check("cds mem", q[0], 0x3333333344444444ul);
    }
    {
        register u64 o2 __asm__("r2") = HI | 0x33333333;
        register u64 o3 __asm__("r3") = HI | 0;
        register u64 n4 __asm__("r4") = 0;
        register u64 n5 __asm__("r5") = 0;
        __asm__ volatile("cds %%r2,%%r4,%[m]\n\t" CC_OUT : "+d"(o2), "+d"(o3), [m] "+Q"(q[0]), [cc] "=d"(cc) : "d"(n4), "d"(n5) : "cc");
        u64 a = o2, b = o3;
        check("cds ne cc", (u64)cc, 1); check("cds ne r2", a, HI | 0x33333333); check("cds ne r3", b, HI | 0x44444444);
    }
    {
        q[0] = 1; q[1] = 2;
        register u64 o2 __asm__("r2") = 1;
        register u64 o3 __asm__("r3") = 2;
        register u64 n4 __asm__("r4") = 0xfffffffffffffffful;
        register u64 n5 __asm__("r5") = 0xeeeeeeeeeeeeeeeeul;
        __asm__ volatile("cdsg %%r2,%%r4,%[m]\n\t" CC_OUT : "+d"(o2), "+d"(o3), [m] "+S"(qu.x), [cc] "=d"(cc) : "d"(n4), "d"(n5) : "cc");
        check("cdsg cc", (u64)cc, 0); check("cdsg mem0", q[0], 0xfffffffffffffffful); check("cdsg mem1", q[1], 0xeeeeeeeeeeeeeeeeul);
    }
    {
        register u64 o2 __asm__("r2") = 0xfffffffffffffffful;
        register u64 o3 __asm__("r3") = 0;
        register u64 n4 __asm__("r4") = 0;
        register u64 n5 __asm__("r5") = 0;
        __asm__ volatile("cdsg %%r2,%%r4,%[m]\n\t" CC_OUT : "+d"(o2), "+d"(o3), [m] "+S"(qu.x), [cc] "=d"(cc) : "d"(n4), "d"(n5) : "cc");
        u64 b = o3;
        check("cdsg ne cc", (u64)cc, 1); check("cdsg ne r3", b, 0xeeeeeeeeeeeeeeeeul);
    }
}

#define LOADOP(insn, cons, mem, r3v, oldv, ccv)                                   \
    do {                                                                          \
        u64 _r1 = 0x5a5a5a5a5a5a5a5aul, _r3 = (r3v);                              \
        int _cc;                                                                  \
        __asm__ volatile(insn " %[r1],%[r3],%[m]\n\t" CC_OUT                      \
                         : [r1] "+&d"(_r1), [m] "+" cons(mem), [cc] "=d"(_cc)     \
                         : [r3] "d"(_r3) : "cc");                                 \
        printf("%-6s %016lx -> old %016lx mem %016lx cc%d\n", insn, (u64)(r3v), _r1, (u64)(mem), _cc); \
        check(insn " old", _r1, (oldv));                                          \
        check(insn " cc", (u64)_cc, (ccv));                                       \
    } while (0)

static void load_and_op(void)
{
    printf("# interlocked-access facility 1\n");
    w = 0x7fffffff;
    LOADOP("laa", "S", w, HI | 1, 0x5a5a5a5a7ffffffful, 3);
    check("laa mem", w, 0x80000000);
    LOADOP("laa", "S", w, 0xffffffff, 0x5a5a5a5a80000000ul, 3);
    check("laa mem 2", w, 0x7fffffff);
    w = 5;
    LOADOP("laa", "S", w, 0xfffffffb, 0x5a5a5a5a00000005ul, 0);
    g = 0xfffffffffffffffful;
    LOADOP("laag", "S", g, 1, 0xfffffffffffffffful, 0);
    check("laag mem", g, 0);
    w = 0xffffffff;
    LOADOP("laal", "S", w, 2, 0x5a5a5a5afffffffful, 3);
    check("laal mem", w, 1);
    g = 0;
    LOADOP("laalg", "S", g, 0, 0, 0);
    w = 0xf0f0f0f0;
    LOADOP("lan", "S", w, 0x0f0f0f0f, 0x5a5a5a5af0f0f0f0ul, 0);
    check("lan mem", w, 0);
    g = 0xff;
    LOADOP("lang", "S", g, 0x0f, 0xff, 1);
    w = 0;
    LOADOP("lao", "S", w, 0, 0x5a5a5a5a00000000ul, 0);
    LOADOP("lao", "S", w, 0x100, 0x5a5a5a5a00000000ul, 1);
    g = 0x8000000000000000ul;
    LOADOP("laog", "S", g, 1, 0x8000000000000000ul, 1);
    w = 0x12345678;
    LOADOP("lax", "S", w, 0x12345678, 0x5a5a5a5a12345678ul, 0);
    g = 1;
    LOADOP("laxg", "S", g, 3, 1, 1);
    check("laxg mem", g, 2);

    printf("# test and set\n");
    static u8 lock;
    int cc;
    lock = 0;
    __asm__ volatile("ts %[m]\n\t" CC_OUT : [m] "+Q"(lock), [cc] "=d"(cc) : : "cc");
    check("ts free cc", (u64)cc, 0); check("ts sets", lock, 0xff);
    __asm__ volatile("ts %[m]\n\t" CC_OUT : [m] "+Q"(lock), [cc] "=d"(cc) : : "cc");
    check("ts held cc", (u64)cc, 1);
    lock = 0x80;
    __asm__ volatile("ts %[m]\n\t" CC_OUT : [m] "+Q"(lock), [cc] "=d"(cc) : : "cc");
    check("ts leftmost bit only", (u64)cc, 1);
    lock = 0x7f;
    __asm__ volatile("ts %[m]\n\t" CC_OUT : [m] "+Q"(lock), [cc] "=d"(cc) : : "cc");
    check("ts 0x7f", (u64)cc, 0);

    printf("# load pair disjoint\n");
    static u32 p1 = 0x11111111, p2 = 0x22222222;
    static u64 g1 = 0x3333333333333333ul, g2 = 0x4444444444444444ul;
    {
        register u64 e __asm__("r2") = HI;
        register u64 o __asm__("r3") = HI;
        __asm__ volatile("lpd %%r2,%[a],%[b]\n\t" CC_OUT : "+d"(e), "+d"(o), [cc] "=d"(cc) : [a] "Q"(p1), [b] "Q"(p2) : "cc");
        u64 a = e, b = o;
        check("lpd cc", (u64)cc, 0); check("lpd even", a, HI | 0x11111111); check("lpd odd", b, HI | 0x22222222);
    }
    {
        register u64 e __asm__("r2") = 0;
        register u64 o __asm__("r3") = 0;
        __asm__ volatile("lpdg %%r2,%[a],%[b]\n\t" CC_OUT : "+d"(e), "+d"(o), [cc] "=d"(cc) : [a] "Q"(g1), [b] "Q"(g2) : "cc");
        u64 a = e, b = o;
        check("lpdg cc", (u64)cc, 0); check("lpdg even", a, g1); check("lpdg odd", b, g2);
    }
}

int main(void)
{
    compare_and_swap();
    load_and_op();
    return 0;
}
