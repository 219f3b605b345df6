/*
 * keys.c: storage keys (PoP chapter 3, "Storage Key"; SSKE, ISKE, RRBE,
 * SPKA, IPK), compared with QEMU.
 *
 * SSKE/ISKE round trips (the access-control bits, the fetch-protection bit,
 * the reference and change bits; bit 63 of the SSKE operand is ignored;
 * ISKE leaves bits 0-55 of R1 alone), the reference bit set by a fetch and
 * the reference and change bits set by a store, RRBE's condition code in
 * each of the four R/C states, the PSW key (SPKA, LPSWE with a key),
 * and the accesses key-controlled protection lets through: key 0 stores
 * into and fetches from every frame, a nonzero key stores into a frame with
 * its own key and fetches from a frame of another key that is not
 * fetch-protected. The accesses it refuses (protection exceptions, TPROT
 * condition codes 1 and 2) are in privileged_differs.c: QEMU 7.2's TCG
 * does not implement key-controlled protection.
 */
#include "rt.h"

static u8 page[4096] __attribute__((aligned(4096)));
static u8 page2[4096] __attribute__((aligned(4096)));

static u64 iske_r(const void *a, u64 preset)
{
    u64 k = preset;
    __asm__ volatile("iske %0,%1" : "+d"(k) : "a"(a));
    return k;
}

static u8 iske(const void *a)
{
    return (u8)iske_r(a, 0);
}

static void sske(const void *a, u64 key)
{
    __asm__ volatile("sske %0,%1" : : "d"(key), "a"(a) : "memory");
}

static int rrbe(const void *a)
{
    int cc;
    __asm__ volatile("rrbe 0,%1\n\t" CC_OUT : [cc] "=d"(cc) : "a"(a) : "cc", "memory");
    return cc;
}

/* the PSW key (bits 8-11) as EPSW shows it, after SPKA with operand
 * address `spka` (IPK is in privileged_differs.c: QEMU 7.2 lacks it) */
static u8 key_after_spka(u64 spka)
{
    u64 hi = 0;
    __asm__ volatile("spka 0(%[a])\n\t"
                     "epsw %[h],0\n\t"
                     "spka 0"
                     : [h] "+d"(hi) : [a] "a"(spka));
    return (u8)((hi >> 16) & 0xf0);
}

static void round_trips(void)
{
    printf("# sske / iske\n");
    static const u8 keys[] = { 0x00, 0x10, 0x28, 0x36, 0xf6, 0x9a, 0x11, 0xff };
    for (unsigned i = 0; i < sizeof(keys); i++) {
        sske(page, keys[i]);
        u8 k = iske(page);
        printf("sske %02x -> iske %02x\n", keys[i], k);
        check("iske after sske", k, keys[i] & 0xfe);
    }
    sske(page, 0x50);
    u64 r = iske_r(page + 0x800, 0x2222222222222222ul);
    printf("iske (other byte of the frame, R1 preset): %016lx\n", r);
    check("iske keeps bits 0-55 of R1", r, 0x2222222222222250ul);
    /* the keys of two frames are independent */
    sske(page2, 0x70);
    check("neighbouring frame key", iske(page), 0x50);
    check("own frame key", iske(page2), 0x70);
}

static void ref_change(void)
{
    printf("# reference and change bits\n");
    volatile u8 *p = page;
    sske(page, 0x30);
    printf("after sske 30: %02x\n", iske(page));
    check("no R/C after sske", iske(page), 0x30);
    (void)p[5];
    printf("after a fetch: %02x\n", iske(page));
    check("fetch sets R", iske(page), 0x34);
    int cc = rrbe(page);
    printf("rrbe: cc%d, then %02x\n", cc, iske(page));
    check("rrbe R=1 C=0 cc2", (u64)cc, 2);
    check("rrbe resets R", iske(page), 0x30);
    p[5] = 1;
    printf("after a store: %02x\n", iske(page));
    check("store sets R and C", iske(page), 0x36);
    cc = rrbe(page);
    printf("rrbe: cc%d, then %02x\n", cc, iske(page));
    check("rrbe R=1 C=1 cc3", (u64)cc, 3);
    check("rrbe keeps C", iske(page), 0x32);
    cc = rrbe(page);
    printf("rrbe again: cc%d\n", cc);
    check("rrbe R=0 C=1 cc1", (u64)cc, 1);
    sske(page, 0x30);
    cc = rrbe(page);
    printf("rrbe after sske 30: cc%d\n", cc);
    check("rrbe R=0 C=0 cc0", (u64)cc, 0);
    /* a store by MVC into the frame, a fetch by CLC from it */
    static u8 src[16];
    sske(page, 0x40);
    __asm__ volatile("mvc 0(16,%0),0(%1)" : : "a"(page + 0x100), "a"(src) : "memory");
    check("mvc sets R and C", iske(page), 0x46);
    sske(page, 0x40);
    int r;
    __asm__ volatile("clc 0(16,%1),0(%2)\n\t" CC_OUT : [cc] "=d"(r) : "a"(src), "a"(page + 0x100) : "cc");
    check("clc sets R only", iske(page), 0x44);
    /* SSKE can set R and C directly */
    sske(page, 0x46);
    cc = rrbe(page);
    check("rrbe after sske with R and C", (u64)cc, 3);
    sske(page, 0);
}

static void psw_key(void)
{
    printf("# PSW key: SPKA, LPSWE (seen by EPSW)\n");
    u8 k = key_after_spka(0);
    printf("key with spka 0: %02x\n", k);
    check("spka 0", k, 0x00);
    k = key_after_spka(0x50);
    printf("key with spka 0x50: %02x\n", k);
    check("spka 0x50", k, 0x50);
    /* SPKA takes bits 56-59 of the operand address: 0x234 -> key 3 */
    k = key_after_spka(0x234);
    check("spka uses address bits 56-59", k, 0x30);
    /* LPSWE with key 6 in PSW bits 8-11, continuing at the next instruction */
    static u64 psw[2] __attribute__((aligned(8)));
    u64 hi = 0;
    __asm__ volatile("larl %%r1,0f\n\t"
                     "stg %%r1,8(%[p])\n\t"
                     "llihh %%r1,0x0060\n\t"          /* key 6 */
                     "oihl %%r1,0x0001\n\t"           /* EA */
                     "oilh %%r1,0x8000\n\t"           /* BA */
                     "stg %%r1,0(%[p])\n\t"
                     "lpswe 0(%[p])\n"
                     "0:\tepsw %[h],0\n\t"
                     "spka 0"
                     : [h] "+d"(hi) : [p] "a"(psw) : "r1", "memory");
    k = (u8)((hi >> 16) & 0xf0);
    printf("key after lpswe with key 6: %02x\n", k);
    check("lpswe key", k, 0x60);
}

/* one byte access with PSW key `key` (SPKA around it) */
static u64 load_with_key(const volatile u8 *p, u64 key)
{
    u64 v;
    __asm__ volatile("spka 0(%[k])\n\t"
                     "llgc %[v],0(%[p])\n\t"
                     "spka 0"
                     : [v] "=&d"(v) : [p] "a"(p), [k] "a"(key) : "memory");
    return v;
}

static void store_with_key(volatile u8 *p, u64 key, u8 value)
{
    __asm__ volatile("spka 0(%[k])\n\t"
                     "stc %[v],0(%[p])\n\t"
                     "spka 0"
                     : : [p] "a"(p), [k] "a"(key), [v] "d"((u64)value) : "memory");
}

static void allowed_accesses(void)
{
    printf("# accesses key-controlled protection allows\n");
    volatile u8 *p = page;
    sske(page, 0x38);                 /* key 3, fetch-protected */
    PGM_EXPECT("key 0 stores into a key-3 frame", 0, store_with_key(p + 1, 0x00, 0x31));
    PGM_EXPECT("key 0 fetches from a fetch-protected key-3 frame", 0,
               check("key 0 fetch", load_with_key(p + 1, 0x00), 0x31));
    sske(page, 0x20);                 /* key 2, not fetch-protected */
    PGM_EXPECT("key 2 stores into a key-2 frame", 0, store_with_key(p + 2, 0x20, 0x22));
    check("key 2 store happened", p[2], 0x22);
    PGM_EXPECT("key 5 fetches from a key-2 frame (no fetch protection)", 0,
               check("key 5 fetch", load_with_key(p + 2, 0x50), 0x22));
    printf("key after the accesses: %02x\n", iske(page));
    check("R and C from keyed accesses", iske(page), 0x26);
    /* TPROT condition code 0 cases: key 0, and the frame's own key */
    int cc0, cc2;
    __asm__ volatile("tprot 0(%1),0\n\t" CC_OUT : [cc] "=d"(cc0) : "a"(page) : "cc");
    __asm__ volatile("tprot 0(%1),0x20\n\t" CC_OUT : [cc] "=d"(cc2) : "a"(page) : "cc");
    printf("tprot key 0: cc%d, key 2: cc%d\n", cc0, cc2);
    check("tprot key 0", (u64)cc0, 0);
    check("tprot matching key", (u64)cc2, 0);
    sske(page, 0);
}

static void beyond_memory(void)
{
    printf("# key instructions beyond the end of storage\n");
    /* the guest has 128 MiB: frame 0x8000000 does not exist */
    const void *far = (const void *)0x8000000ul;
    const void *last = (const void *)0x7fff000ul;
    PGM_EXPECT("iske last frame", 0, iske(last));
    PGM_EXPECT("iske beyond storage", 0x0005, iske(far));
    PGM_EXPECT("sske beyond storage", 0x0005, sske(far, 0x10));
    PGM_EXPECT("rrbe beyond storage", 0x0005, rrbe(far));
}

int main(void)
{
    round_trips();
    ref_change();
    psw_key();
    allowed_accesses();
    beyond_memory();
    return 0;
}
