/*
 * decimal.c: packed/zoned decimal: PACK, UNPKA, UNPKU, MVO,
 * CVD, CVDY, AP, SP, ZAP, CP, MP, DP, SRP, TP, ED, EDMK.
 * (Decimal data/overflow/divide exceptions are in exceptions.c; UNPK, PKA,
 * PKU, CVB* and CVDG are in qemu_differs.c: QEMU 7.2 gets them wrong or lacks them.)
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
    hexdump(name, got, n / 2);
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

static void pack_unpack(void)
{
    printf("# pack mvo unpka unpku\n");
    memcpy(S, "\xf1\xf2\xf3\xf4\xf5", 5);
    SS2("pack", 3, 5);
    expect("pack", D, "12 34 5f");
    memcpy(S, "\xf1\xf2\xf3\xf4\xc5", 5);
    SS2("pack", 2, 5);
    expect("pack truncates left", D, "34 5c");
    set(D, "12 34 56 7c");
    set(S, "ab cd");
    SS2("mvo", 4, 2);
    expect("mvo", D, "00 0a bc dc");
    set(S, "00 00 00 00 00 00 00 00 00 00 00 00 00 12 34 5d");
    int cc;
    __asm__ volatile("unpka 0(5,%[d]),0(%[s])\n\t" CC_OUT : [cc] "=d"(cc) : [d] "a"(D), [s] "a"(S) : "cc", "memory");
    expect("unpka", D, "31 32 33 34 35");
    check("unpka cc minus", (u64)cc, 1);
    set(S, "00 00 00 00 00 00 00 00 00 00 00 00 00 00 98 7c");
    __asm__ volatile("unpku 0(6,%[d]),0(%[s])\n\t" CC_OUT : [cc] "=d"(cc) : [d] "a"(D), [s] "a"(S) : "cc", "memory");
    expect("unpku", D, "00 39 00 38 00 37");
    check("unpku cc plus", (u64)cc, 0);
}

static void convert(void)
{
    printf("# cvd\n");
    static u8 p8[8] __attribute__((aligned(8)));
        __asm__ volatile("cvd %1,%0" : "=R"(*(u64 *)p8) : "d"(0x12345678ffffffffUL));
    expect("cvd -1", p8, "00 00 00 00 00 00 00 1d");
    __asm__ volatile("cvdy %1,%0" : "=T"(*(u64 *)p8) : "d"(0x7fffffffUL));
    expect("cvdy max", p8, "00 00 02 14 74 83 64 7c");
    __asm__ volatile("cvd %1,%0" : "=R"(*(u64 *)p8) : "d"(0x80000000UL));
    expect("cvd min", p8, "00 00 02 14 74 83 64 8d");
}

int main(void)
{
    pack_unpack();
    convert();
    return 0;
}
