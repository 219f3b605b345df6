/*
 * strings.c: storage-to-storage and string instructions: MVC (overlap),
 * MVCIN, MVN, MVZ, CLC, MVCL, MVCLE, CLCL, CLCLE, TR, TRT, TRTR, TRE, TROO,
 * SRST, CLST, MVST, CKSM, CU12/CU21/CU14/CU41/CU24/CU42.
 * Instructions that may end with CC 3 after a CPU-determined amount are
 * looped on CC 3 ("jo 0b"), so that only the architected final state is
 * printed. Register results are printed as offsets from the buffers.
 */
#include "t.h"

static u8 A[8192] __attribute__((aligned(4096)));
static u8 B[8192] __attribute__((aligned(4096)));

static void fill(u8 *p, size_t n, u8 seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (u8)(seed + i * 13 + (i >> 7));
}

static void moves(void)
{
    printf("# mvc mvcin mvn mvz clc\n");
    memset(A, '.', 32);
    A[0] = 'A';
    __asm__ volatile("mvc 1(15,%0),0(%0)" : : "a"(A) : "memory");
    check_mem("mvc propagate", A, "AAAAAAAAAAAAAAAA.", 17);
    memcpy(B, "1234", 4);
    __asm__ volatile("mvcin 0(4,%0),3(%1)" : : "a"(A), "a"(B) : "memory");
    check_mem("mvcin", A, "4321", 4);
    static const u8 d0[3] = {0xf0, 0xf1, 0xf2}, s0[3] = {0x05, 0x16, 0x27};
    memcpy(A, d0, 3);
    __asm__ volatile("mvn 0(3,%0),0(%1)" : : "a"(A), "a"(s0) : "memory");
    check_mem("mvn", A, "\xf5\xf6\xf7", 3);
    static const u8 d1[2] = {0x01, 0x02}, s1[2] = {0xa5, 0xb6};
    memcpy(A, d1, 2);
    __asm__ volatile("mvz 0(2,%0),0(%1)" : : "a"(A), "a"(s1) : "memory");
    check_mem("mvz", A, "\xa1\xb2", 2);
    int cc;
    __asm__ volatile("clc 0(5,%1),0(%2)\n\t" CC_OUT : [cc] "=d"(cc) : "a"("abcde"), "a"("abcdf") : "cc");
    check("clc low", (u64)cc, 1);
    __asm__ volatile("clc 0(5,%1),0(%2)\n\t" CC_OUT : [cc] "=d"(cc) : "a"("abcdz"), "a"("abcdf") : "cc");
    check("clc high", (u64)cc, 2);
    __asm__ volatile("clc 0(4,%1),0(%2)\n\t" CC_OUT : [cc] "=d"(cc) : "a"("abcdz"), "a"("abcdf") : "cc");
    check("clc equal", (u64)cc, 0);
    /* 256-byte MVC crossing a page boundary */
    fill(B, 8192, 3);
    __asm__ volatile("mvc 0(256,%0),0(%1)" : : "a"(A + 4000), "a"(B + 4090) : "memory");
    check_mem("mvc page cross", A + 4000, B + 4090, 256);
}

struct pair4 { u64 r2, r3, r4, r5; int cc; };

static struct pair4 run_mvcl(u8 *d, u64 dl, const u8 *s, u64 sl, u8 pad)
{
    register u64 r2 __asm__("r2") = (u64)d;
    register u64 r3 __asm__("r3") = 0xaaaaaaaa00000000ul | dl;
    register u64 r4 __asm__("r4") = (u64)s;
    register u64 r5 __asm__("r5") = 0x5555555500000000ul | ((u64)pad << 24) | sl;
    int cc;
    __asm__ volatile("mvcl %%r2,%%r4\n\t" CC_OUT
                     : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5), [cc] "=d"(cc) : : "cc", "memory");
    struct pair4 p = {r2 - (u64)d, r3, r4 - (u64)s, r5, cc};
    return p;
}

static struct pair4 run_clcl(const u8 *a, u64 al, const u8 *b, u64 bl, u8 pad)
{
    register u64 r2 __asm__("r2") = (u64)a;
    register u64 r3 __asm__("r3") = al;
    register u64 r4 __asm__("r4") = (u64)b;
    register u64 r5 __asm__("r5") = ((u64)pad << 24) | bl;
    int cc;
    __asm__ volatile("clcl %%r2,%%r4\n\t" CC_OUT
                     : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5), [cc] "=d"(cc) : : "cc", "memory");
    struct pair4 p = {r2 - (u64)a, r3, r4 - (u64)b, r5, cc};
    return p;
}

static struct pair4 run_mvcle(u8 *d, u64 dl, const u8 *s, u64 sl)
{
    register u64 r2 __asm__("r2") = (u64)d;
    register u64 r3 __asm__("r3") = dl;
    register u64 r4 __asm__("r4") = (u64)s;
    register u64 r5 __asm__("r5") = sl;
    int cc;
    __asm__ volatile("0:\tmvcle %%r2,%%r4,0x2a\n\tjo 0b\n\t" CC_OUT
                     : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5), [cc] "=d"(cc) : : "cc", "memory");
    struct pair4 p = {r2 - (u64)d, r3, r4 - (u64)s, r5, cc};
    return p;
}

static struct pair4 run_clcle(const u8 *a, u64 al, const u8 *b, u64 bl)
{
    register u64 r2 __asm__("r2") = (u64)a;
    register u64 r3 __asm__("r3") = al;
    register u64 r4 __asm__("r4") = (u64)b;
    register u64 r5 __asm__("r5") = bl;
    int cc;
    __asm__ volatile("0:\tclcle %%r2,%%r4,0x20\n\tjo 0b\n\t" CC_OUT
                     : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5), [cc] "=d"(cc) : : "cc", "memory");
    struct pair4 p = {r2 - (u64)a, r3, r4 - (u64)b, r5, cc};
    return p;
}

static void show4(const char *n, struct pair4 p)
{
    printf("%-12s cc%d r2+%lx r3=%016lx r4+%lx r5=%016lx\n", n, p.cc, p.r2, p.r3, p.r4, p.r5);
}

static void long_moves(void)
{
    printf("# mvcl clcl\n");
    struct pair4 p;
    memset(A, '.', 32);
    p = run_mvcl(A, 16, (const u8 *)"HELLO", 5, '*');
    show4("mvcl pad", p);
    check_mem("mvcl pad data", A, "HELLO***********.", 17);
    check("mvcl pad cc", (u64)p.cc, 2);
    check("mvcl pad r3 len", p.r3 & 0xffffff, 0);
    check("mvcl pad r5 len", p.r5 & 0xffffff, 0);
    check("mvcl pad r2", p.r2, 16);
    memset(A, '.', 32);
    p = run_mvcl(A, 3, (const u8 *)"HELLO", 5, '*');
    show4("mvcl short", p);
    check_mem("mvcl short data", A, "HEL.", 4);
    check("mvcl short cc", (u64)p.cc, 1);
    check("mvcl short r5 len", p.r5 & 0xffffff, 2);
    for (int i = 0; i < 8; i++) A[i] = (u8)('a' + i);
    p = run_mvcl(A + 1, 4, A, 4, 0);
    show4("mvcl overlap", p);
    check("mvcl destructive overlap cc", (u64)p.cc, 3);
    check_mem("mvcl overlap untouched", A, "abcdefgh", 8);
    p = run_mvcl(A, 4, A + 1, 4, 0);
    show4("mvcl ovl ok", p);
    check("mvcl nondestructive cc", (u64)p.cc, 0);
    check_mem("mvcl nondestructive", A, "bcdeefgh", 8);
    p = run_mvcl(A, 0, A + 1, 0, 0);
    show4("mvcl zero", p);
    check("mvcl zero cc", (u64)p.cc, 0);
    fill(B, 8192, 7);
    memset(A, 0, 8192);
    p = run_mvcl(A + 10, 8000, B + 3, 8000, 0);
    show4("mvcl long", p);
    check_mem("mvcl long data", A + 10, B + 3, 8000);

    p = run_clcl((const u8 *)"abc  ", 5, (const u8 *)"abc", 3, ' ');
    show4("clcl pad eq", p);
    check("clcl pad eq cc", (u64)p.cc, 0);
    p = run_clcl((const u8 *)"abcd", 4, (const u8 *)"abce", 4, 0);
    show4("clcl low", p);
    check("clcl low cc", (u64)p.cc, 1);
    check("clcl low r2 at mismatch", p.r2, 3);
    check("clcl low r3 remaining", p.r3 & 0xffffff, 1);
    p = run_clcl((const u8 *)"abc!", 4, (const u8 *)"abc", 3, ' ');
    show4("clcl pad high", p);
    check("clcl pad high cc", (u64)p.cc, 2);

    printf("# mvcle clcle\n");
    memset(A, 0, 8192);
    p = run_mvcle(A, 6000, B, 5000);
    show4("mvcle pad", p);
    check("mvcle cc", (u64)p.cc, 2);
    check_mem("mvcle data", A, B, 5000);
    int pads = 1;
    for (int i = 5000; i < 6000; i++)
        pads &= A[i] == 0x2a;
    check("mvcle padding", (u64)pads, 1);
    check("mvcle r3", p.r3, 0);
    p = run_mvcle(A, 100, B, 200);
    show4("mvcle short", p);
    check("mvcle short cc", (u64)p.cc, 1);
    check("mvcle short r5", p.r5, 100);
    memcpy(A, B, 8192);
    A[7000] ^= 1;
    p = run_clcle(A, 8192, B, 8192);
    show4("clcle diff", p);
    check("clcle diff at", p.r2, 7000);
    p = run_clcle((const u8 *)"ab  ", 4, (const u8 *)"ab", 2);
    show4("clcle pad", p);
    check("clcle pad cc", (u64)p.cc, 0);
}

static void translate(void)
{
    printf("# tr trt trtr tre troo\n");
    static u8 tab[256] __attribute__((aligned(8))), fn[256];
    for (int i = 0; i < 256; i++) {
        tab[i] = (u8)(i ^ 0x20);
        fn[i] = 0;
    }
    fn[','] = 4;
    fn[' '] = 8;
    memcpy(A, "Hello, World", 12);
    __asm__ volatile("tr 0(12,%0),0(%1)" : : "a"(A), "a"(tab) : "memory");
    check_mem("tr", A, "hELLO\x0c\x00wORLD", 12);
    /* TRT: r1 <- address of the first byte with a nonzero function byte, r2 bits 56-63 <- it */
    register u64 r1 __asm__("r1") = 0x1111111111111111ul;
    register u64 r2 __asm__("r2") = 0x2222222222222222ul;
    int cc;
    static const char text[] = "Hello, World";
    __asm__ volatile("trt 0(12,%[s]),0(%[f])\n\t" CC_OUT
                     : "+d"(r1), "+d"(r2), [cc] "=d"(cc) : [s] "a"(text), [f] "a"(fn) : "cc");
    u64 v1 = r1, v2 = r2;
    printf("trt cc%d r1+%lx r2=%016lx\n", cc, v1 - (u64)text, v2);
    check("trt cc", (u64)cc, 1);
    check("trt r1", v1 - (u64)text, 5);
    check("trt r2", v2, 0x2222222222222204ul);
    r1 = 0; r2 = 0;
    __asm__ volatile("trt 0(5,%[s]),0(%[f])\n\t" CC_OUT
                     : "+d"(r1), "+d"(r2), [cc] "=d"(cc) : [s] "a"(text), [f] "a"(fn) : "cc");
    v1 = r1;
    check("trt none cc", (u64)cc, 0);
    check("trt none r1", v1, 0);
    r1 = 0; r2 = 0;
    __asm__ volatile("trt 0(6,%[s]),0(%[f])\n\t" CC_OUT
                     : "+d"(r1), "+d"(r2), [cc] "=d"(cc) : [s] "a"(text), [f] "a"(fn) : "cc");
    check("trt last cc", (u64)cc, 2);
    r1 = 0; r2 = 0;
    __asm__ volatile("trtr 11(12,%[s]),0(%[f])\n\t" CC_OUT
                     : "+d"(r1), "+d"(r2), [cc] "=d"(cc) : [s] "a"(text), [f] "a"(fn) : "cc");
    v1 = r1; v2 = r2;
    printf("trtr cc%d r1+%lx r2=%016lx\n", cc, v1 - (u64)text, v2);
    check("trtr r1", v1 - (u64)text, 6);
    check("trtr cc", (u64)cc, 1);
    check("trtr r2", v2, 8);

    /* TRE: stop at the test byte (r0 bits 56-63) */
    memcpy(A, "abc;def", 7);
    {
        register u64 t0 __asm__("r0") = ';';
        register u64 a2 __asm__("r2") = (u64)A;
        register u64 l3 __asm__("r3") = 7;
        __asm__ volatile("0:\ttre %%r2,%[t]\n\tjo 0b\n\t" CC_OUT
                         : "+d"(a2), "+d"(l3), [cc] "=d"(cc) : "d"(t0), [t] "a"(tab) : "cc", "memory");
        u64 off = a2 - (u64)A, len = l3;
        printf("tre cc%d r2+%lx r3=%lx\n", cc, off, len);
        check("tre cc", (u64)cc, 1);
        check("tre stop", off, 3);
        check("tre len", len, 4);
        check_mem("tre data", A, "ABC;def", 7);
    }
    /* TROO: one byte to one byte, r1 table, r0 test character, m3=1: no test */
    {
        memcpy(B, "xyz", 3);
        register u64 t0 __asm__("r0") = 0x100;
        register u64 tb __asm__("r1") = (u64)tab;
        register u64 d2 __asm__("r2") = (u64)A;
        register u64 l3 __asm__("r3") = 3;
        register u64 s4 __asm__("r4") = (u64)B;
        __asm__ volatile("0:\ttroo %%r2,%%r4,1\n\tjo 0b\n\t" CC_OUT
                         : "+d"(d2), "+d"(l3), "+d"(s4), [cc] "=d"(cc) : "d"(t0), "d"(tb) : "cc", "memory");
        u64 off = d2 - (u64)A, len = l3;
        printf("troo cc%d r2+%lx r3=%lx\n", cc, off, len);
        check("troo cc", (u64)cc, 0);
        check_mem("troo data", A, "XYZ", 3);
    }
}

static void strings(void)
{
    printf("# srst clst mvst\n");
    static const char s[] = "find the x here";
    int cc;
    {
        register u64 r0 __asm__("r0") = 'x';
        register u64 e1 __asm__("r1") = (u64)s + 15;
        register u64 b2 __asm__("r2") = (u64)s;
        __asm__ volatile("0:\tsrst %%r1,%%r2\n\tjo 0b\n\t" CC_OUT
                         : "+d"(e1), "+d"(b2), [cc] "=d"(cc) : "d"(r0) : "cc");
        u64 at = e1 - (u64)s;
        check("srst found cc", (u64)cc, 1);
        check("srst found at", at, 9);
    }
    {
        register u64 r0 __asm__("r0") = 'q';
        register u64 e1 __asm__("r1") = (u64)s + 15;
        register u64 b2 __asm__("r2") = (u64)s;
        __asm__ volatile("0:\tsrst %%r1,%%r2\n\tjo 0b\n\t" CC_OUT
                         : "+d"(e1), "+d"(b2), [cc] "=d"(cc) : "d"(r0) : "cc");
        u64 e = e1 - (u64)s;
        check("srst not found cc", (u64)cc, 2);
        check("srst not found r1", e, 15);
    }
    {
        register u64 r0 __asm__("r0") = 0;
        register u64 a1 __asm__("r1") = (u64)"apple";
        register u64 b2 __asm__("r2") = (u64)"apricot";
        __asm__ volatile("0:\tclst %%r1,%%r2\n\tjo 0b\n\t" CC_OUT
                         : "+d"(a1), "+d"(b2), [cc] "=d"(cc) : "d"(r0) : "cc");
        check("clst low cc", (u64)cc, 1);
    }
    {
        register u64 r0 __asm__("r0") = 0;
        register u64 a1 __asm__("r1") = (u64)"same";
        register u64 b2 __asm__("r2") = (u64)"same";
        __asm__ volatile("0:\tclst %%r1,%%r2\n\tjo 0b\n\t" CC_OUT
                         : "+d"(a1), "+d"(b2), [cc] "=d"(cc) : "d"(r0) : "cc");
        check("clst equal cc", (u64)cc, 0);
    }
    {
        register u64 r0 __asm__("r0") = 0;
        register u64 a1 __asm__("r1") = (u64)"same";
        register u64 b2 __asm__("r2") = (u64)"sam";
        __asm__ volatile("0:\tclst %%r1,%%r2\n\tjo 0b\n\t" CC_OUT
                         : "+d"(a1), "+d"(b2), [cc] "=d"(cc) : "d"(r0) : "cc");
        check("clst longer is high", (u64)cc, 2);
    }
    {
        memset(A, '.', 16);
        register u64 r0 __asm__("r0") = 0;
        register u64 d1 __asm__("r1") = (u64)A;
        register u64 s2 __asm__("r2") = (u64)"copy me";
        __asm__ volatile("0:\tmvst %%r1,%%r2\n\tjo 0b\n\t" CC_OUT
                         : "+d"(d1), "+d"(s2), [cc] "=d"(cc) : "d"(r0) : "cc", "memory");
        u64 end = d1 - (u64)A;
        check("mvst cc", (u64)cc, 1);
        check("mvst r1 at terminator", end, 7);
        check_mem("mvst data", A, "copy me\0.", 9);
    }
}

static u64 cksm(u64 init, const void *p, u64 n)
{
    register u64 r2 __asm__("r2") = (u64)p;
    register u64 r3 __asm__("r3") = n;
    u64 sum = init;
    __asm__ volatile("0:\tcksm %[s],%%r2\n\tjo 0b" : [s] "+d"(sum), "+d"(r2), "+d"(r3) : : "cc");
    return sum;
}

static void checksum(void)
{
    printf("# cksm\n");
    static const u8 d1[8] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    static const u8 d2[8] = {0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x02};
    static const u8 d3[5] = {1, 2, 3, 4, 5};
    check("cksm", cksm(0, d1, 8), 0xf4f7e8fa);
    check("cksm carry", cksm(0, d2, 8), 0x00000002);
    check("cksm odd length", cksm(0, d3, 5), 0x06020304);
    check("cksm keeps bits 0-31", cksm(0xabcdef0000000001ul, d3, 5), 0xabcdef0006020305ul);
    fill(B, 8192, 1);
    report("cksm 8000", cksm(0, B, 8000));
}

/* unicode conversions: convert src (n bytes) into A, return bytes produced */
#define CUCONV(insn, m3, src, n, out, cc_out)                                   \
    do {                                                                        \
        register u64 d2 __asm__("r2") = (u64)A;                                 \
        register u64 l3 __asm__("r3") = 64;                                     \
        register u64 s4 __asm__("r4") = (u64)(src);                             \
        register u64 l5 __asm__("r5") = (n);                                    \
        __asm__ volatile("0:\t" insn " %%r2,%%r4" m3 "\n\tjo 0b\n\t" CC_OUT    \
                         : "+d"(d2), "+d"(l3), "+d"(s4), "+d"(l5), [cc] "=d"(cc_out) \
                         : : "cc", "memory");                                   \
        out = d2 - (u64)A;                                                      \
    } while (0)

static void unicode(void)
{
    printf("# unicode conversions\n");
    static const u8 utf8[] = {0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80};
    static const u8 utf16[] = {0x00, 0x61, 0x00, 0xe9, 0x20, 0xac, 0xd8, 0x3d, 0xde, 0x00};
    static const u8 utf32[] = {0, 0, 0, 0x61, 0, 0, 0, 0xe9, 0, 0, 0x20, 0xac, 0, 1, 0xf6, 0};
    static const u8 bad8[] = {0x61, 0xc3, 0x28};
    u64 n;
    int cc;
    CUCONV("cu12", ",0", utf8, sizeof(utf8), n, cc);
    check("cu12 cc", (u64)cc, 0); check("cu12 len", n, sizeof(utf16));
    check_mem("cu12", A, utf16, sizeof(utf16));
    CUCONV("cu21", ",0", utf16, sizeof(utf16), n, cc);
    check("cu21 cc", (u64)cc, 0); check("cu21 len", n, sizeof(utf8));
    check_mem("cu21", A, utf8, sizeof(utf8));
    CUCONV("cu14", ",0", utf8, sizeof(utf8), n, cc);
    check("cu14 cc", (u64)cc, 0); check("cu14 len", n, sizeof(utf32));
    check_mem("cu14", A, utf32, sizeof(utf32));
    CUCONV("cu41", "", utf32, sizeof(utf32), n, cc);
    check("cu41 cc", (u64)cc, 0); check("cu41 len", n, sizeof(utf8));
    check_mem("cu41", A, utf8, sizeof(utf8));
    CUCONV("cu24", ",0", utf16, sizeof(utf16), n, cc);
    check("cu24 cc", (u64)cc, 0); check("cu24 len", n, sizeof(utf32));
    check_mem("cu24", A, utf32, sizeof(utf32));
    CUCONV("cu42", "", utf32, sizeof(utf32), n, cc);
    check("cu42 cc", (u64)cc, 0); check("cu42 len", n, sizeof(utf16));
    check_mem("cu42", A, utf16, sizeof(utf16));
    CUCONV("cu12", ",1", bad8, sizeof(bad8), n, cc);
    printf("cu12 invalid: cc%d len %lu\n", cc, n);
    check("cu12 invalid cc", (u64)cc, 2);
    check("cu12 invalid len", n, 2);
}

/* the other extended-translation instructions: TROT, TRTO, TRTT, SRSTU,
 * MVCLU, CLCLU (two-byte characters) */
static void two_byte(void)
{
    printf("# trot trto trtt srstu mvclu clclu\n");
    static u16 t16[256] __attribute__((aligned(8)));
    static u8 t8[0x300] __attribute__((aligned(8)));
    static const u16 text[] = {0x0041, 0x0102, 0x0043, 0x0044};
    for (int i = 0; i < 256; i++)
        t16[i] = (u16)(0x3000 | i);
    for (int i = 0; i < 0x300; i++)
        t8[i] = (u8)(i * 3);
    int cc;
    {
        /* TROT "ab"; the test character (GR0 bits 48-63) is not met. Stopping
         * at a two-byte test character is checked in qemu_differs.c. */
        register u64 t0 __asm__("r0") = 0xffff;
        register u64 tb __asm__("r1") = (u64)t16;
        register u64 d2 __asm__("r2") = (u64)A;
        register u64 l3 __asm__("r3") = 2;
        register u64 s4 __asm__("r4") = (u64)"ab";
        __asm__ volatile("0:\ttrot %%r2,%%r4,0\n\tjo 0b\n\t" CC_OUT
                         : "+d"(d2), "+d"(l3), "+d"(s4), [cc] "=d"(cc) : "d"(t0), "d"(tb) : "cc", "memory");
        u64 off = d2 - (u64)A, len = l3;
        printf("trot cc%d r2+%lx r3=%lx %02x%02x%02x%02x\n", cc, off, len, A[0], A[1], A[2], A[3]);
        check("trot cc", (u64)cc, 0);
        check_mem("trot data", A, "\x30\x61\x30\x62", 4);
    }
    {
        /* TRTO and TRTT over text[] with indexes up to 0x102 */
        register u64 t0 __asm__("r0") = 0x1ffff;
        register u64 tb __asm__("r1") = (u64)t8;
        register u64 d2 __asm__("r2") = (u64)A;
        register u64 l3 __asm__("r3") = sizeof(text);
        register u64 s4 __asm__("r4") = (u64)text;
        __asm__ volatile("0:\ttrto %%r2,%%r4,0\n\tjo 0b\n\t" CC_OUT
                         : "+d"(d2), "+d"(l3), "+d"(s4), [cc] "=d"(cc) : "d"(t0), "d"(tb) : "cc", "memory");
        u64 off = d2 - (u64)A;
        printf("trto cc%d r2+%lx %02x %02x %02x %02x\n", cc, off, A[0], A[1], A[2], A[3]);
        check("trto cc", (u64)cc, 0);
        check_mem("trto data", A, "\xc3\x06\xc9\xcc", 4);
    }
    {
        static u16 big[0x200] __attribute__((aligned(8)));
        big[0x41] = 0x1111; big[0x102] = 0x2222; big[0x43] = 0x3333; big[0x44] = 0x4444;
        register u64 t0 __asm__("r0") = 0x3333;
        register u64 tb __asm__("r1") = (u64)big;
        register u64 d2 __asm__("r2") = (u64)A;
        register u64 l3 __asm__("r3") = sizeof(text);
        register u64 s4 __asm__("r4") = (u64)text;
        __asm__ volatile("0:\ttrtt %%r2,%%r4,0\n\tjo 0b\n\t" CC_OUT
                         : "+d"(d2), "+d"(l3), "+d"(s4), [cc] "=d"(cc) : "d"(t0), "d"(tb) : "cc", "memory");
        u64 off = d2 - (u64)A, len = l3, stop = s4 - (u64)text;
        printf("trtt cc%d r2+%lx r3=%lx r4+%lx\n", cc, off, len, stop);
        check("trtt cc", (u64)cc, 1);
        check("trtt stop", stop, 4);
    }
    {
        register u64 t0 __asm__("r0") = 0x0043;
        register u64 e1 __asm__("r1") = (u64)text + sizeof(text);
        register u64 s2 __asm__("r2") = (u64)text;
        __asm__ volatile("0:\tsrstu %%r1,%%r2\n\tjo 0b\n\t" CC_OUT
                         : "+d"(e1), "+d"(s2), [cc] "=d"(cc) : "d"(t0) : "cc");
        u64 at = e1 - (u64)text;
        printf("srstu cc%d at +%lx\n", cc, at);
        check("srstu cc", (u64)cc, 1);
        check("srstu at", at, 4);
    }
    {
        memset(A, 0, 16);
        register u64 d2 __asm__("r2") = (u64)A;
        register u64 l3 __asm__("r3") = 12;
        register u64 s4 __asm__("r4") = (u64)text;
        register u64 l5 __asm__("r5") = 6;
        __asm__ volatile("0:\tmvclu %%r2,%%r4,0x2d2d\n\tjo 0b\n\t" CC_OUT
                         : "+d"(d2), "+d"(l3), "+d"(s4), "+d"(l5), [cc] "=d"(cc) : : "cc", "memory");
        u64 len1 = l3, len2 = l5;
        printf("mvclu cc%d r3=%lx r5=%lx\n", cc, len1, len2);
        check("mvclu cc", (u64)cc, 2);
        check_mem("mvclu data", A, "\x00\x41\x01\x02\x00\x43\x2d\x2d\x2d\x2d\x2d\x2d\x00", 13);
        d2 = (u64)A; l3 = 12; s4 = (u64)text; l5 = 6;
        __asm__ volatile("0:\tclclu %%r2,%%r4,0x2d2d\n\tjo 0b\n\t" CC_OUT
                         : "+d"(d2), "+d"(l3), "+d"(s4), "+d"(l5), [cc] "=d"(cc) : : "cc");
        printf("clclu equal cc%d\n", cc);
        check("clclu equal", (u64)cc, 0);
        A[9] = 0x2e;
        d2 = (u64)A; l3 = 12; s4 = (u64)text; l5 = 6;
        __asm__ volatile("0:\tclclu %%r2,%%r4,0x2d2d\n\tjo 0b\n\t" CC_OUT
                         : "+d"(d2), "+d"(l3), "+d"(s4), "+d"(l5), [cc] "=d"(cc) : : "cc");
        u64 off = d2 - (u64)A;
        len1 = l3;
        printf("clclu high cc%d r2+%lx r3=%lx\n", cc, off, len1);
        check("clclu high cc", (u64)cc, 2);
        check("clclu high at", off, 8);
    }
}

int main(void)
{
    moves();
    long_moves();
    translate();
    strings();
    checksum();
    unicode();
    two_byte();
    return 0;
}
