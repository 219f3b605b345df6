/*
 * control.c: control instructions and interruptions the runtime can see:
 * external interruptions (service signal after SERVC, emergency signal and
 * external call by SIGP to ourselves, their
 * order when all are pending), SIGP orders to ourselves and to a missing
 * CPU, prefixing (SPX/STPX, the swap of real 0-8K with the prefix area),
 * storage keys (SSKE/ISKE/RRBE), PSW instructions (EPSW, STNSM/STOSM, LPSWE), control
 * registers, TOD clock.
 */
#include "t.h"

#define CR0_EMERGENCY 0x4000ul
#define CR0_EXTCALL 0x2000ul
#define CR0_SERVICE 0x0200ul

/* enable external interruptions in the PSW for one instruction; the
 * handler returns with them disabled again */
static void open_window(void)
{
    u8 old;
    __asm__ volatile("stosm %0,0x01\n\tnopr 0\n\tstnsm %0,0xfe" : "=Q"(old) : : "memory");
}

static unsigned take(u64 submask)
{
    u64 cr0 = STCTG(0);
    unsigned before = rt_last_ext.count;
    LCTLG(0, cr0 | submask);
    open_window();
    LCTLG(0, cr0);
    return rt_last_ext.count - before;
}

static int sigp(u16 cpu, u64 order, u64 param, u32 *status)
{
    register u64 r1 __asm__("r1") = param;   /* R1+1: parameter; R1: status */
    register u64 r0 __asm__("r0") = 0;
    int cc;
    __asm__ volatile("sigp %%r0,%[cpu],0(%[ord])\n\t" CC_OUT
                     : "+d"(r0), [cc] "=d"(cc) : "d"(r1), [cpu] "d"((u64)cpu), [ord] "a"(order) : "cc");
    *status = (u32)r0;
    return cc;
}

static void external(void)
{
    printf("# external interruptions\n");
    unsigned n;
    n = take(CR0_SERVICE);        /* the printf above left a service signal pending */
    unsigned n2 = take(CR0_SERVICE);
    printf("service signal: taken %u code %04x param %08x\n", n, rt_last_ext.code, rt_last_ext.param);
    check("service signal taken", n, 1);
    check("service signal code", rt_last_ext.code, 0x2401);
    check("service signal cleared after delivery", n2, 0);
    check("service signal old psw had external interruptions enabled", (rt_last_ext.mask >> 56) & 1, 1);

    /* clock comparator and CPU timer: see qemu_differs.c */

    u32 st;
    int cc = sigp(stap(), 3, 0, &st);           /* emergency signal */
    check("sigp emergency cc", (u64)cc, 0);
    n = take(CR0_EMERGENCY);
    printf("emergency signal: taken %u code %04x cpu %u\n", n, rt_last_ext.code, rt_last_ext.cpu);
    check("emergency code", rt_last_ext.code, 0x1201);
    check("emergency cpu", rt_last_ext.cpu, stap());
    cc = sigp(stap(), 2, 0, &st);               /* external call */
    check("sigp external call cc", (u64)cc, 0);
    cc = sigp(stap(), 2, 0, &st);
    printf("second external call: cc%d status %08x\n", cc, st);
    n = take(CR0_EXTCALL);
    check("external call code", rt_last_ext.code, 0x1202);
    check("external call cpu", rt_last_ext.cpu, stap());

    /* several pending at once: the order of delivery */
    sigp(stap(), 3, 0, &st);
    sigp(stap(), 2, 0, &st);
    printf("pending all:");
    u64 all = CR0_EMERGENCY | CR0_EXTCALL | CR0_SERVICE;
    u16 order[8];
    int k = 0;
    u64 cr0 = STCTG(0);
    LCTLG(0, cr0 | all);
    for (int i = 0; i < 8; i++) {
        unsigned before = rt_last_ext.count;
        open_window();
        if (rt_last_ext.count == before)
            break;
        order[k++] = (u16)rt_last_ext.code;
    }
    LCTLG(0, cr0);
    for (int i = 0; i < k; i++)
        printf(" %04x", order[i]);
    printf("\n");
    check("all three delivered", (u64)k, 3);

    printf("# sigp\n");
    cc = sigp(stap(), 1, 0, &st);               /* sense */
    printf("sense self: cc%d\n", cc);
    cc = sigp(7, 1, 0, &st);
    check("sense missing cpu cc3", (u64)cc, 3);
    cc = sigp(stap(), 0x55, 0, &st);            /* undefined order */
    printf("undefined order: cc%d status %08x\n", cc, st);
    check("undefined order cc1", (u64)cc, 1);
    check("undefined order status: invalid order", st & 0x00000002, 2);
}

static u8 newpfx[8192] __attribute__((aligned(8192)));

static void prefix(void)
{
    printf("# prefix\n");
    volatile u8 *lc = lowcore();
    volatile u64 *pf = (volatile u64 *)newpfx;
    LC64(0x2b8) = 0xaaaaaaaaaaaaaaaaul;
    for (int i = 0; i < 8192; i++)
        newpfx[i] = lc[i];
    pf[0x2b8 / 8] = 0xbbbbbbbbbbbbbbbbul;
    u32 p = (u32)(u64)newpfx, got;
    __asm__ volatile("spx %0" : : "Q"(p) : "memory");
    __asm__ volatile("stpx %0" : "=Q"(got));
    check("stpx", got, p);
    check("real 0x2b8 -> prefix area", LC64(0x2b8), 0xbbbbbbbbbbbbbbbbul);
    check("real prefix+0x2b8 -> absolute 0x2b8", pf[0x2b8 / 8], 0xaaaaaaaaaaaaaaaaul);
    LC64(0x2b8) = 0xccccccccccccccccul;
    unsigned svcs = rt_last_svc.count;
    __asm__ volatile("svc 77");
    check("svc through the new lowcore", rt_last_svc.count - svcs, 1);
    check("svc code", rt_last_svc.code, 77);
    u32 zero = 0;
    __asm__ volatile("spx %0" : : "Q"(zero) : "memory");
    check("after spx 0: prefix area kept the store", pf[0x2b8 / 8], 0xccccccccccccccccul);
    check("after spx 0: absolute 0x2b8", LC64(0x2b8), 0xaaaaaaaaaaaaaaaaul);
    static u32 far_prefix = 0x7fffe000;
    PGM_EXPECT("spx beyond memory", 0x0005,
               __asm__ volatile("spx %0" : : "Q"(far_prefix) : "memory"));
}

static u8 page[4096] __attribute__((aligned(4096)));

static u8 iske(void *a)
{
    u64 k = 0;
    __asm__ volatile("iske %0,%1" : "+d"(k) : "a"(a));
    return (u8)k;
}

static void keys(void)
{
    printf("# storage keys\n");
    __asm__ volatile("sske %0,%1" : : "d"(0x20ul), "a"(page) : "memory");
    u8 k = iske(page);
    printf("iske after sske 0x20: %02x\n", k);
    check("iske key", k & 0xf8, 0x20);
    page[10] = 1;
    k = iske(page);
    printf("iske after store: %02x\n", k);
    int cc;
    __asm__ volatile("rrbe 0,%1\n\t" CC_OUT : [cc] "=d"(cc) : "a"(page) : "cc");
    printf("rrbe cc%d, then iske %02x\n", cc, iske(page));

    /* key-controlled protection and TPROT: see qemu_differs.c */
    __asm__ volatile("sske %0,%1" : : "d"(0ul), "a"(page) : "memory");
    check("key back to 0", iske(page) & 0xf8, 0);
}

static void psw_and_clock(void)
{
    printf("# psw, control registers, clock\n");
    u64 hi = 0x1111111122222222ul, lo = 0x3333333344444444ul;
    __asm__ volatile("epsw %0,%1" : "+d"(hi), "+d"(lo));
    /* PSW bits 18-19 (the CC the compiled code left) are left out of the
     * line: QEMU 7.2's EPSW shows a stale CC. qemu_differs.c checks them. */
    printf("epsw: %016lx %016lx\n", hi & ~0x3000ul, lo);
    check("epsw high word", hi & 0xffffc0fful, 0x00000001);   /* PSW bits 0-31 less CC/PM: EA */
    check("epsw keeps bits 0-31", hi >> 32, 0x11111111);
    check("epsw low word BA", lo & 0xffffffff, 0x80000000);
    u8 m;
    __asm__ volatile("stnsm %0,0xff" : "=Q"(m));
    check("stnsm old mask", m, 0x00);
    __asm__ volatile("stosm %0,0x00" : "=Q"(m));
    check("stosm old mask", m, 0x00);
    u32 cr14;
    __asm__ volatile("stctl %%c14,%%c14,%0" : "=Q"(cr14));
    check("stctl cr14", cr14, 0xc2000000);
    u64 crs[3];
    __asm__ volatile("stctg %%c14,%%c0,%0" : "=Q"(crs));
    printf("stctg 14..0 wrap: %016lx %016lx %016lx\n", crs[0], crs[1], crs[2]);
    check("stctg wraps 15 -> 0", crs[2], STCTG(0));
    u64 t1, t2;
    __asm__ volatile("stck %0" : "=Q"(t1) : : "cc");
    for (volatile int i = 0; i < 1000; i++)
        ;
    __asm__ volatile("stckf %0" : "=Q"(t2) : : "cc");
    check("tod advances", t2 > t1, 1);
    u8 e[16];
    int cc;
    __asm__ volatile("stcke %1\n\t" CC_OUT : [cc] "=d"(cc), "=Q"(e) : : "cc");
    check("stcke cc0", (u64)cc, 0);
    u64 id;
    __asm__ volatile("stidp %0" : "=Q"(id));
    register u64 r0 __asm__("r0") = 0;
    u64 fac[2];
    __asm__ volatile("stfle %1\n\t" CC_OUT : [cc] "=d"(cc), "=Q"(fac), "+d"(r0) : : "cc");
    check("stfle: z/Architecture facility bit 2", (fac[0] >> 61) & 1, 1);
    check("stfle: z196 distinct-operands facility bit 45", (fac[0] >> 18) & 1, 1);
}

int main(void)
{
    external();
    prefix();
    keys();
    psw_and_clock();
    return 0;
}
