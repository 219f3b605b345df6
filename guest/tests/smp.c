/*
 * smp.c: SIGNAL PROCESSOR between CPUs and interlocked updates from several
 * CPUs at once. Runs with 4 CPUs (scripts/guest-tests.sh passes --cpus 4 to
 * s390host and -smp 4 to QEMU).
 *
 * CPU 0 brings the others up the way Linux does (INITIAL CPU RESET, SET
 * PREFIX to a fresh lowcore per CPU, RESTART with the restart new PSW at the
 * secondary entry), drives them through a mailbox in shared memory and checks
 * every order's condition code and status bits (PoP chapter 4, "Signal
 * Processor"). The secondaries never print: everything they see goes into
 * their record and CPU 0 prints it, so the output does not depend on timing.
 * At the end every secondary stops itself, then CPU 0 stops: the machine
 * ends with all CPUs stopped.
 */
#include "rt.h"

#define NCPU 4

/* SIGP orders */
enum {
    SENSE = 0x01, EXTERNAL_CALL = 0x02, EMERGENCY = 0x03, START = 0x04, STOP = 0x05,
    RESTART = 0x06, STOP_STORE = 0x09, INITIAL_RESET = 0x0b, CPU_RESET = 0x0c,
    SET_PREFIX = 0x0d, STORE_STATUS_AT = 0x0e, SET_ARCH = 0x12, COND_EMERGENCY = 0x13,
    SENSE_RUNNING = 0x15,
};
/* status bits */
enum {
    ST_EXT_CALL_PENDING = 0x80, ST_STOPPED = 0x40, ST_INVALID_ORDER = 0x02,
    ST_INVALID_PARAMETER = 0x100, ST_INCORRECT_STATE = 0x200, ST_NOT_RUNNING = 0x400,
};

/* Commands CPU 0 gives a secondary through its record (cmd); the secondary
 * acknowledges a command by copying it to ack once it is in that mode. */
enum {
    CMD_IDLE = 1,      /* spin with external interruptions disabled, counting */
    CMD_ENABLED = 2,   /* the same, enabled for external interruptions */
    CMD_COUNT = 3,     /* interlocked counting, then done = 1 */
    CMD_PARK = 4,      /* load known GPRs and loop on one instruction forever */
    CMD_STOP = 5,      /* stop itself (SIGP STOP to its own address) */
    CMD_EMERG = 6,     /* send an emergency signal to CPU arg, result in arg2 */
    CMD_WAIT = 7,      /* enabled wait until an external interruption */
    CMD_PATCHED = 8,   /* call patched_value() over and over, result in arg2 */
};

/* The per-CPU record; the offsets are used by the assembler below. */
struct cpurec {
    volatile u64 cmd;            /* 0 */
    volatile u64 ack;            /* 8 */
    volatile u64 alive;          /* 16 */
    volatile u64 restarts;       /* 24 */
    volatile u64 spin;           /* 32 */
    volatile u64 ext_count;      /* 40 */
    volatile u64 emerg_count;    /* 48 */
    volatile u64 extcall_count;  /* 56 */
    volatile u32 ext_code;       /* 64 */
    volatile u32 ext_cpu;        /* 68 */
    volatile u64 emerg_sources;  /* 72: bit n: an emergency signal from CPU n */
    volatile u64 stap;           /* 80 */
    volatile u64 stpx;           /* 88 */
    volatile u64 done;           /* 96 */
    u64 wait_psw[2];             /* 104 */
    volatile u64 arg;            /* 120 */
    volatile u64 arg2;           /* 128 */
    volatile u64 cr0;            /* 136 */
    u64 pad[14];
} __attribute__((aligned(256)));

static struct cpurec recs[NCPU];
static u8 lowcores[NCPU][8192] __attribute__((aligned(8192)));
static u8 stacks[NCPU][16384] __attribute__((aligned(4096)));
static u8 status_buf[512] __attribute__((aligned(512)));

/* Lowcore words the secondary entry reads (real addresses: prefixing maps
 * them into each CPU's own lowcore). Below 0x1200, above what the runtime
 * uses (< 0x400). */
#define LC_STACK 0x400
#define LC_INDEX 0x408
#define LC_REC 0x410
#define LC_SCRATCH 0x418

#define PARK_R2 0x2222222200000002ul
#define PARK_R3 0x3333333300000003ul
#define PARK_R4 0x4444444400000004ul
#define PARK_R5 0x5555555500000005ul

/* Code that CPU 0 rewrites while a secondary runs it: LGHI %r2,<value>
 * (the immediate is at patched_value + 2), BR %r14; the second copy is on
 * its own page with code around it, so the secondary's decoded copy of
 * the page is in use when the store arrives. */
__asm__("   .text\n"
        "   .balign 4096\n"
        "   .globl patched_value\n"
        "patched_value:\n"
        "   lghi  %r2,1\n"
        "   br    %r14\n"
        "   .balign 4096\n"
        "   .previous\n");
extern char patched_value[];

static u64 call_patched_value(void)
{
    u64 v;
    __asm__ volatile("brasl %%r14,patched_value\n\t"
                     "lgr   %0,%%r2"
                     : "=d"(v) : : "r2", "r14", "cc", "memory");
    return v;
}

void secondary_main(u64 index);
extern char sec_restart[], sec_ext_entry[], sec_park_loop[];
void sec_park(struct cpurec *r) __attribute__((noreturn));

__asm__(
    "   .text\n"
    /* restart new PSW of the secondaries: own stack, CR0 with AFP and the
     * emergency-signal and external-call subclass masks, then C. */
    "   .globl sec_restart\n"
    "sec_restart:\n"
    "   lg    %r15,0x400\n"
    "   aghi  %r15,-160\n"
    "   lghi  %r0,0\n"
    "   stg   %r0,0(%r15)\n"
    "   stctg %c0,%c0,0x418\n"
    "   oi    0x41d,0x04\n"                 /* CR0 bit 45: AFP registers */
    "   oi    0x41e,0x60\n"                 /* bits 49, 50: emergency, external call */
    "   lctlg %c0,%c0,0x418\n"
    "   lg    %r2,0x408\n"
    "   brasl %r14,secondary_main\n"
    "   stap  0x418\n"
    "   llgh  %r1,0x418\n"
    "1: sigp  %r0,%r1,5\n"                  /* stop ourselves; busy: again */
    "   jh    1b\n"
    "2: j     2b\n"
    /* external new PSW of the secondaries: count by code, note the source,
     * return with the wait bit off in the old PSW. No stack, no FPRs. */
    "   .globl sec_ext_entry\n"
    "sec_ext_entry:\n"
    "   stmg  %r0,%r15,0x380\n"
    "   lg    %r1,0x410\n"
    "   llgh  %r2,0x86\n"
    "   st    %r2,64(%r1)\n"
    "   llgh  %r3,0x84\n"
    "   st    %r3,68(%r1)\n"
    "   agsi  40(%r1),1\n"
    "   chi   %r2,0x1201\n"
    "   jne   3f\n"
    "   agsi  48(%r1),1\n"
    "   lghi  %r4,1\n"
    "   sllg  %r4,%r4,0(%r3)\n"
    "   og    %r4,72(%r1)\n"
    "   stg   %r4,72(%r1)\n"
    "3: chi   %r2,0x1202\n"
    "   jne   4f\n"
    "   agsi  56(%r1),1\n"
    "4: ni    0x131,0xfd\n"                  /* old PSW bit 14 (wait) off */
    "   lmg   %r0,%r15,0x380\n"
    "   lpswe 0x130\n"
    /* CMD_PARK: known GPRs, condition code 0, then one instruction looping */
    "   .globl sec_park\n"
    "sec_park:\n"
    "   lgr   %r1,%r2\n"
    "   llihf %r2,0x22222222\n"
    "   iilf  %r2,0x00000002\n"
    "   llihf %r3,0x33333333\n"
    "   iilf  %r3,0x00000003\n"
    "   llihf %r4,0x44444444\n"
    "   iilf  %r4,0x00000004\n"
    "   llihf %r5,0x55555555\n"
    "   iilf  %r5,0x00000005\n"
    "   mvghi 8(%r1),4\n"                   /* ack = CMD_PARK */
    "   cr    %r0,%r0\n"                    /* cc 0 */
    "   .globl sec_park_loop\n"
    "sec_park_loop:\n"
    "   j     sec_park_loop\n"
    "   .previous\n");

static inline int sigp_raw(u64 cpu, u64 order, u64 param, u32 *status)
{
    register u64 r1 __asm__("r1") = param;   /* R1 = r0 (status), R1+1 = r1 (parameter) */
    register u64 r0 __asm__("r0") = 0;
    int cc;
    __asm__ volatile("sigp %%r0,%[cpu],0(%[ord])\n\t" CC_OUT
                     : "+d"(r0), [cc] "=d"(cc) : "d"(r1), [cpu] "d"(cpu), [ord] "a"(order)
                     : "cc", "memory");
    *status = (u32)r0;
    return cc;
}

/* SIGP, again while busy (cc 2), as Linux does */
static int sigp(u64 cpu, u64 order, u64 param, u32 *status)
{
    int cc;
    for (long i = 0; i < 10000000; i++) {
        *status = 0;
        cc = sigp_raw(cpu, order, param, status);
        if (cc != 2)
            return cc;
    }
    return cc;
}

/* checks a SIGP's condition code and, for cc 1, its status */
static void expect(const char *what, int cc, u32 st, int want_cc, u32 want_st)
{
    if (cc == 1)
        printf("%s: cc1 status %08x\n", what, st);
    else
        printf("%s: cc%d\n", what, cc);
    check(what, (u64)cc, (u64)want_cc);
    if (want_cc == 1)
        check(what, st, want_st);
}

static void order(const char *what, u64 cpu, u64 ord, u64 param, int want_cc, u32 want_st)
{
    u32 st;
    int cc = sigp(cpu, ord, param, &st);
    expect(what, cc, st, want_cc, want_st);
}

static void barrier(void) { __asm__ volatile("bcr 14,0" ::: "memory"); }

/* wait until *p == v (bounded); 1 if it became true */
static int wait_eq(volatile u64 *p, u64 v, const char *what)
{
    for (long i = 0; i < 400000000; i++)
        if (*p == v)
            return 1;
    rt_checks++;
    rt_failures++;
    printf("FAIL timeout waiting for %s\n", what);
    return 0;
}

static int wait_ge(volatile u64 *p, u64 v, const char *what)
{
    for (long i = 0; i < 400000000; i++)
        if (*p >= v)
            return 1;
    rt_checks++;
    rt_failures++;
    printf("FAIL timeout waiting for %s\n", what);
    return 0;
}

static void command(int cpu, u64 cmd)
{
    recs[cpu].ack = 0;
    barrier();
    recs[cpu].cmd = cmd;
    wait_eq(&recs[cpu].ack, cmd, "a secondary to take its command");
}

/* SENSE until the CPU shows the stopped status (it may still be finishing
 * a stop order); returns the last status. */
static u32 wait_stopped(int cpu)
{
    u32 st = 0;
    for (long i = 0; i < 100000000; i++) {
        int cc = sigp(cpu, SENSE, 0, &st);
        if (cc == 1 && (st & ST_STOPPED))
            return st;
    }
    rt_checks++;
    rt_failures++;
    printf("FAIL timeout waiting for CPU %d to stop\n", cpu);
    return st;
}

/* let some time pass: until CPU `cpu` (spinning) has counted n more */
static void let_time_pass(int cpu, u64 n)
{
    u64 s = recs[cpu].spin;
    wait_ge(&recs[cpu].spin, s + n, "time to pass");
}

/* ---- interlocked counting ---- */

#define COUNT_N 20000

static volatile u32 c_cs __attribute__((aligned(8)));
static volatile u64 c_csg __attribute__((aligned(8)));
static volatile u32 c_laa __attribute__((aligned(8)));
static volatile u64 c_laag __attribute__((aligned(8)));
static volatile u32 c_asi __attribute__((aligned(8)));
static volatile u64 c_agsi __attribute__((aligned(8)));
static volatile u64 work_sum[NCPU];

static void count_all(int index)
{
    for (int i = 0; i < COUNT_N; i++) {
        u32 old = c_cs, nw;
        do {
            nw = old + 1;
            __asm__ volatile("cs %0,%2,%1" : "+d"(old), "+Q"(c_cs) : "d"(nw) : "cc", "memory");
        } while (old + 1 != nw);
        u64 oldg = c_csg, nwg;
        do {
            nwg = oldg + 1;
            __asm__ volatile("csg %0,%2,%1" : "+d"(oldg), "+QS"(c_csg) : "d"(nwg) : "cc", "memory");
        } while (oldg + 1 != nwg);
        u32 prev;
        __asm__ volatile("laa %0,%2,%1" : "=d"(prev), "+QS"(c_laa) : "d"(1) : "cc", "memory");
        u64 prevg;
        __asm__ volatile("laag %0,%2,%1" : "=d"(prevg), "+QS"(c_laag) : "d"(1ul) : "cc", "memory");
        __asm__ volatile("asi %0,1" : "+QS"(c_asi) : : "cc", "memory");
        __asm__ volatile("agsi %0,1" : "+QS"(c_agsi) : : "cc", "memory");
    }
    /* some private work too: sum of squares over this CPU's quarter */
    u64 s = 0;
    for (u64 k = (u64)index * 1000; k < (u64)(index + 1) * 1000; k++)
        s += k * k;
    work_sum[index] = s;
}

/* ---- the secondaries ---- */

static void enable_ext(void) { __asm__ volatile("stosm %0,0x01" : "=Q"(*(u8 *)(lowcore() + LC_SCRATCH)) : : "memory"); }
static void disable_ext(void) { __asm__ volatile("stnsm %0,0xfe" : "=Q"(*(u8 *)(lowcore() + LC_SCRATCH)) : : "memory"); }

void secondary_main(u64 index)
{
    struct cpurec *r = &recs[index];
    u32 a;
    __asm__ volatile("stpx %0" : "=Q"(a));
    r->stpx = a;
    r->stap = stap();
    r->cr0 = STCTG(0);
    r->restarts++;
    r->alive = 1;
    for (;;) {
        u64 c = r->cmd;
        switch (c) {
        case CMD_IDLE:
        case CMD_ENABLED:
            if (c == CMD_ENABLED)
                enable_ext();
            r->ack = c;
            while (r->cmd == c)
                r->spin++;
            disable_ext();
            break;
        case CMD_COUNT:
            r->ack = c;
            count_all((int)index);
            r->done = 1;
            while (r->cmd == c)
                ;
            break;
        case CMD_PARK:
            sec_park(r);
        case CMD_STOP:
            r->ack = c;
            return;
        case CMD_EMERG: {
            u32 st;
            r->arg2 = (u64)sigp(r->arg, EMERGENCY, 0, &st);
            r->ack = c;
            while (r->cmd == c)
                ;
            break;
        }
        case CMD_PATCHED:
            r->arg2 = call_patched_value();
            r->ack = c;
            while (r->cmd == c)
                r->arg2 = call_patched_value();
            break;
        case CMD_WAIT: {
            u64 n = r->ext_count;
            r->wait_psw[0] = 0x0102000180000000ul;   /* external, wait, 64-bit */
            r->ack = c;
            while (r->ext_count == n) {
                __asm__ volatile("larl %%r1,0f\n\t"
                                 "stg %%r1,%0\n\t"
                                 "lpswe %1\n"
                                 "0:"
                                 : "=Q"(r->wait_psw[1]) : "Q"(r->wait_psw[0]) : "r1", "memory");
            }
            disable_ext();
            while (r->cmd == c)
                ;
            break;
        }
        default:
            break;
        }
    }
}

/* lowcore of a secondary: the runtime's new PSWs, with restart and external
 * ones of our own */
static void prepare_lowcore(int i)
{
    u8 *lc = lowcores[i];
    memset(lc, 0, 8192);
    memcpy(lc + 0x1a0, (const void *)(lowcore() + 0x1a0), 0x60);         /* CPU 0's new PSWs */
    *(u64 *)(lc + 0x1a0) = 0x0000000180000000ul;       /* restart */
    *(u64 *)(lc + 0x1a8) = (u64)sec_restart;
    *(u64 *)(lc + 0x1b0) = 0x0000000180000000ul;       /* external */
    *(u64 *)(lc + 0x1b8) = (u64)sec_ext_entry;
    *(u64 *)(lc + 0x1d0) = 0x0002000180000000ul;       /* program: disabled wait */
    *(u64 *)(lc + 0x1d8) = 0x1d0;
    *(u64 *)(lc + LC_STACK) = (u64)(stacks[i] + sizeof stacks[i]);
    *(u64 *)(lc + LC_INDEX) = (u64)i;
    *(u64 *)(lc + LC_REC) = (u64)&recs[i];
}

/* Linux's way: initial CPU reset, set prefix, restart */
static void bring_up(int i, int initial_cmd)
{
    char what[64];
    prepare_lowcore(i);
    recs[i].alive = 0;
    recs[i].cmd = initial_cmd;
    snprintf(what, sizeof what, "cpu %d initial reset", i);
    order(what, i, INITIAL_RESET, 0, 0, 0);
    snprintf(what, sizeof what, "cpu %d set prefix", i);
    order(what, i, SET_PREFIX, (u64)lowcores[i], 0, 0);
    snprintf(what, sizeof what, "cpu %d restart", i);
    order(what, i, RESTART, 0, 0, 0);
    wait_eq(&recs[i].alive, 1, "a secondary to come up");
}

/* ---- store status ---- */

struct save_area {             /* PoP "Store Status", relative to 0x1200 */
    u64 fpr[16];               /* 0x000 */
    u64 gpr[16];               /* 0x080 */
    u64 psw[2];                /* 0x100 */
    u64 pad1;                  /* 0x110 */
    u32 prefix;                /* 0x118 */
    u32 fpc;                   /* 0x11c */
    u32 pad2;                  /* 0x120 */
    u32 todpr;                 /* 0x124 */
    u64 cpu_timer;             /* 0x128 */
    u64 ckc;                   /* 0x130 */
    u64 pad3;                  /* 0x138 */
    u32 ar[16];                /* 0x140 */
    u64 cr[16];                /* 0x180 */
};

static void show_save_area(const char *what, const struct save_area *s, int cpu, u64 psw_addr, u64 prefix)
{
    printf("%s: psw %016lx %016lx prefix %08x fpc %08x cr0 %016lx cr14 %016lx\n", what,
           s->psw[0], s->psw[1], s->prefix, s->fpc, s->cr[0], s->cr[14]);
    printf("%s: r2-r5 %016lx %016lx %016lx %016lx\n", what, s->gpr[2], s->gpr[3], s->gpr[4], s->gpr[5]);
    (void)cpu;
    check("save area r2", s->gpr[2], PARK_R2);
    check("save area r3", s->gpr[3], PARK_R3);
    check("save area r4", s->gpr[4], PARK_R4);
    check("save area r5", s->gpr[5], PARK_R5);
    check("save area psw mask", s->psw[0], 0x0000000180000000ul);
    check("save area psw address", s->psw[1], psw_addr);
    check("save area prefix", s->prefix, prefix);
    check("save area fpc", s->fpc, 0);
    check("save area cr0", s->cr[0], 0xe0ul | 0x40000ul | 0x6000ul);
    check("save area cr14", s->cr[14], 0xc2000000ul);
}

/* after a timeout: where is the CPU? (stops it) */
static void diagnose(int cpu)
{
    u32 st;
    struct save_area *s = (struct save_area *)status_buf;
    sigp(cpu, STOP, 0, &st);
    wait_stopped(cpu);
    sigp(cpu, STORE_STATUS_AT, (u64)status_buf, &st);
    printf("cpu %d: psw %016lx %016lx prefix %08x r14 %016lx r15 %016lx\n", cpu, s->psw[0], s->psw[1],
           s->prefix, s->gpr[14], s->gpr[15]);
    u64 *lc = (u64 *)lowcores[cpu];
    printf("cpu %d: restart old %016lx %016lx new %016lx %016lx\n", cpu, lc[0x120 / 8], lc[0x128 / 8],
           lc[0x1a0 / 8], lc[0x1a8 / 8]);
}

/* ---- the test ---- */

int main(void)
{
    u32 st;
    char what[80];

    printf("# smp: CPU 0 address %u\n", stap());
    check("stap", stap(), 0);

    printf("# initial state: the other CPUs are stopped\n");
    for (int i = 1; i < NCPU; i++) {
        snprintf(what, sizeof what, "sense cpu %d", i);
        order(what, i, SENSE, 0, 1, ST_STOPPED);
        snprintf(what, sizeof what, "sense running status cpu %d", i);
        order(what, i, SENSE_RUNNING, 0, 1, ST_NOT_RUNNING);
    }
    order("sense cpu 0 (self)", 0, SENSE, 0, 0, 0);
    order("sense cpu 1 via R3 bits 0-47 ignored", 0x1234567800000001ul, SENSE, 0, 1, ST_STOPPED);
    order("sense cpu 1, order in operand bits 56-63", 1, 0x301, 0, 1, ST_STOPPED);

    printf("# nonexistent CPUs: cc 3\n");
    order("sense cpu 4", 4, SENSE, 0, 3, 0);
    order("sense cpu 63", 63, SENSE, 0, 3, 0);
    order("sense cpu 0x100", 0x100, SENSE, 0, 3, 0);
    order("sense cpu 0xffff", 0xffff, SENSE, 0, 3, 0);
    order("external call cpu 5", 5, EXTERNAL_CALL, 0, 3, 0);
    order("emergency signal cpu 5", 5, EMERGENCY, 0, 3, 0);
    order("restart cpu 5", 5, RESTART, 0, 3, 0);
    order("start cpu 5", 5, START, 0, 3, 0);
    order("set prefix cpu 5", 5, SET_PREFIX, (u64)lowcores[1], 3, 0);
    order("undefined order 0x55 cpu 5", 5, 0x55, 0, 3, 0);

    printf("# undefined orders: cc 1, invalid order\n");
    order("order 0x00", 1, 0x00, 0, 1, ST_INVALID_ORDER);
    order("order 0x07", 1, 0x07, 0, 1, ST_INVALID_ORDER);
    order("order 0x0a", 1, 0x0a, 0, 1, ST_INVALID_ORDER);
    order("order 0x55", 1, 0x55, 0, 1, ST_INVALID_ORDER);
    order("order 0xff", 1, 0xff, 0, 1, ST_INVALID_ORDER);
    order("order 0x55 to self", 0, 0x55, 0, 1, ST_INVALID_ORDER);

    printf("# set architecture (always z/Architecture, CZAM): all others stopped\n");
    order("set architecture z, cpu 1", 1, SET_ARCH, 1, 1, ST_INVALID_PARAMETER);
    order("set architecture z, cpu 63 (address ignored)", 63, SET_ARCH, 1, 1, ST_INVALID_PARAMETER);

    printf("# set prefix to an address outside storage\n");
    order("set prefix 0x7fffe000 cpu 3", 3, SET_PREFIX, 0x7fffe000ul, 1, ST_INVALID_PARAMETER);

    printf("# external call to a stopped CPU stays pending\n");
    order("external call cpu 3 (stopped)", 3, EXTERNAL_CALL, 0, 0, 0);
    order("sense cpu 3", 3, SENSE, 0, 1, ST_STOPPED | ST_EXT_CALL_PENDING);
    order("second external call cpu 3", 3, EXTERNAL_CALL, 0, 1, ST_EXT_CALL_PENDING);
    order("cpu reset cpu 3 (clears it)", 3, CPU_RESET, 0, 0, 0);
    order("sense cpu 3", 3, SENSE, 0, 1, ST_STOPPED);

    printf("# bring-up: initial CPU reset, set prefix, restart\n");
    for (int i = 1; i < NCPU; i++)
        bring_up(i, CMD_IDLE);
    for (int i = 1; i < NCPU; i++) {
        wait_eq(&recs[i].ack, CMD_IDLE, "a secondary to idle");
        printf("cpu %d: stap %lu, prefix %s, restarts %lu, cr0 %016lx\n", i, recs[i].stap,
               recs[i].stpx == (u64)lowcores[i] ? "its lowcore" : "WRONG", recs[i].restarts, recs[i].cr0);
        check("secondary stap", recs[i].stap, (u64)i);
        check("secondary prefix", recs[i].stpx, (u64)lowcores[i]);
        u64 *old = (u64 *)(lowcores[i] + 0x120);
        printf("cpu %d: restart old psw %016lx %016lx\n", i, old[0], old[1]);
        check("restart old psw after initial reset", old[0] | old[1], 0);
        snprintf(what, sizeof what, "sense cpu %d", i);
        order(what, i, SENSE, 0, 0, 0);
        snprintf(what, sizeof what, "sense running status cpu %d", i);
        order(what, i, SENSE_RUNNING, 0, 0, 0);
    }
    /* with the CZAM facility the mode cannot change: invalid parameter even
     * while other CPUs operate (incorrect state is for machines without it) */
    order("set architecture z, others operating", 2, SET_ARCH, 1, 1, ST_INVALID_PARAMETER);
    order("set architecture ESA/390, others operating", 2, SET_ARCH, 0, 1, ST_INVALID_PARAMETER);

    printf("# state orders to an operating CPU\n");
    order("set prefix cpu 1 (operating)", 1, SET_PREFIX, (u64)lowcores[1], 1, ST_INCORRECT_STATE);
    order("store status at address cpu 1 (operating)", 1, STORE_STATUS_AT, (u64)status_buf, 1, ST_INCORRECT_STATE);
    order("start cpu 1 (operating)", 1, START, 0, 0, 0);

    printf("# external call\n");
    order("external call cpu 1 (disabled)", 1, EXTERNAL_CALL, 0, 0, 0);
    order("second external call cpu 1", 1, EXTERNAL_CALL, 0, 1, ST_EXT_CALL_PENDING);
    order("sense cpu 1 (external call pending)", 1, SENSE, 0, 1, ST_EXT_CALL_PENDING);
    command(1, CMD_ENABLED);
    wait_ge(&recs[1].extcall_count, 1, "the external call");
    printf("cpu 1 took: extcall %lu code %04x from cpu %u\n", recs[1].extcall_count, recs[1].ext_code, recs[1].ext_cpu);
    check("external call code", recs[1].ext_code, 0x1202);
    check("external call source", recs[1].ext_cpu, 0);
    order("sense cpu 1 (nothing pending)", 1, SENSE, 0, 0, 0);
    order("external call cpu 1 (enabled)", 1, EXTERNAL_CALL, 0, 0, 0);
    wait_ge(&recs[1].extcall_count, 2, "the external call");
    check("external calls taken", recs[1].extcall_count, 2);

    printf("# emergency signal\n");
    order("emergency signal cpu 1 (enabled)", 1, EMERGENCY, 0, 0, 0);
    wait_ge(&recs[1].emerg_count, 1, "the emergency signal");
    printf("cpu 1 took: emergency %lu code %04x from cpu %u\n", recs[1].emerg_count, recs[1].ext_code, recs[1].ext_cpu);
    check("emergency code", recs[1].ext_code, 0x1201);
    check("emergency source", recs[1].ext_cpu, 0);
    order("conditional emergency signal cpu 1", 1, COND_EMERGENCY, 0, 0, 0);
    wait_ge(&recs[1].emerg_count, 2, "the conditional emergency signal");
    check("emergency signals taken", recs[1].emerg_count, 2);
    /* two sources, target disabled: both stay pending, one interruption each */
    command(1, CMD_IDLE);
    recs[1].emerg_sources = 0;
    order("emergency signal cpu 1 (disabled)", 1, EMERGENCY, 0, 0, 0);
    recs[2].arg = 1;
    command(2, CMD_EMERG);
    printf("cpu 2 -> cpu 1 emergency signal: cc%lu\n", recs[2].arg2);
    check("cpu 2 emergency cc", recs[2].arg2, 0);
    command(2, CMD_IDLE);
    order("emergency signal cpu 1 again (same source)", 1, EMERGENCY, 0, 0, 0);
    command(1, CMD_ENABLED);
    wait_ge(&recs[1].emerg_count, 4, "the emergency signals");
    let_time_pass(2, 20000);
    printf("cpu 1 took: emergency %lu, sources %lx\n", recs[1].emerg_count, recs[1].emerg_sources);
    check("emergency signals from two sources", recs[1].emerg_count, 4);
    check("emergency sources", recs[1].emerg_sources, 0x5);
    /* an enabled wait is ended by the signal */
    command(1, CMD_WAIT);
    {
        /* a CPU asleep in an enabled wait is not running (QEMU: halted;
         * KVM: its vCPU is not loaded); it gets there soon after the ack */
        u32 s = 0;
        int cc = 0;
        for (long i = 0; i < 100000000 && cc == 0; i++)
            cc = sigp(1, SENSE_RUNNING, 0, &s);
        expect("sense running status cpu 1 (enabled wait)", cc, s, 1, ST_NOT_RUNNING);
    }
    order("emergency signal cpu 1 (enabled wait)", 1, EMERGENCY, 0, 0, 0);
    wait_ge(&recs[1].emerg_count, 5, "the emergency signal in the wait state");
    command(1, CMD_ENABLED);

    printf("# stop and start\n");
    order("stop cpu 1", 1, STOP, 0, 0, 0);
    st = wait_stopped(1);
    printf("sense cpu 1 after stop: status %08x\n", st);
    check("sense after stop", st, ST_STOPPED);
    {
        u64 s = recs[1].spin;
        let_time_pass(2, 100000);
        check("a stopped CPU does not run", recs[1].spin, s);
        printf("a stopped CPU does not run: %s\n", recs[1].spin == s ? "yes" : "no");
    }
    order("sense running status cpu 1 (stopped)", 1, SENSE_RUNNING, 0, 1, ST_NOT_RUNNING);
    order("stop cpu 1 (stopped)", 1, STOP, 0, 0, 0);
    order("emergency signal cpu 1 (stopped)", 1, EMERGENCY, 0, 0, 0);
    order("start cpu 1", 1, START, 0, 0, 0);
    wait_ge(&recs[1].emerg_count, 6, "the emergency signal after start");
    {
        u64 s = recs[1].spin;
        wait_ge(&recs[1].spin, s + 1000, "cpu 1 to run again");
    }
    order("sense cpu 1 (started)", 1, SENSE, 0, 0, 0);

    printf("# stop and store status\n");
    command(2, CMD_PARK);
    memset((void *)(lowcore() + 0x1200), 0xff, 512);
    LC8(163) = 0;
    order("stop and store status cpu 2", 2, STOP_STORE, 0, 0, 0);
    st = wait_stopped(2);
    check("sense after stop and store status", st, ST_STOPPED);
    printf("absolute 163 (architectural mode id): %02x\n", LC8(163));
    check("architectural mode id", LC8(163), 1);
    show_save_area("save area at 0x1200", (struct save_area *)(lowcore() + 0x1200), 2, (u64)sec_park_loop, (u64)lowcores[2]);

    printf("# store status at address\n");
    memset(status_buf, 0xee, 512);
    order("store status at address cpu 2", 2, STORE_STATUS_AT, (u64)status_buf, 0, 0);
    show_save_area("save area at address", (struct save_area *)status_buf, 2, (u64)sec_park_loop, (u64)lowcores[2]);
    {
        struct save_area *a = (struct save_area *)(lowcore() + 0x1200), *b = (struct save_area *)status_buf;
        check_mem("store status: same GPRs/FPRs", b, a, 0x110);
        check_mem("store status: same ARs/CRs", b->ar, a->ar, 0xc0);
    }
    memset(status_buf, 0xee, 512);
    order("store status at address+0x1ff (low bits ignored)", 2, STORE_STATUS_AT, (u64)status_buf + 0x1ff, 0, 0);
    check("stored at the 512-byte boundary", ((struct save_area *)status_buf)->gpr[3], PARK_R3);
    memset(status_buf, 0xee, 512);
    order("store status at address, bit 32 ignored", 2, STORE_STATUS_AT, 0x80000000ul | (u64)status_buf, 0, 0);
    check("bit 32 ignored", ((struct save_area *)status_buf)->gpr[4], PARK_R4);
    memset((void *)(lowcore() + 0x1200), 0xff, 512);
    order("stop and store status cpu 2 (stopped)", 2, STOP_STORE, 0, 0, 0);
    check("stopped CPU: status stored", ((struct save_area *)(lowcore() + 0x1200))->gpr[5], PARK_R5);

    printf("# restart\n");
    recs[2].cmd = CMD_IDLE;
    order("restart cpu 2 (stopped)", 2, RESTART, 0, 0, 0);
    if (!wait_eq(&recs[2].restarts, 2, "cpu 2 to restart"))
        diagnose(2);
    {
        u64 *old = (u64 *)(lowcores[2] + 0x120);
        printf("cpu 2: restarts %lu, restart old psw %016lx %s\n", recs[2].restarts, old[0],
               old[1] == (u64)sec_park_loop ? "at the park loop" : "ELSEWHERE");
        check("restart old psw mask", old[0], 0x0000000180000000ul);
        check("restart old psw address", old[1], (u64)sec_park_loop);
    }
    wait_eq(&recs[2].ack, CMD_IDLE, "cpu 2 to idle");
    command(3, CMD_PARK);
    recs[3].cmd = CMD_IDLE;
    order("restart cpu 3 (operating)", 3, RESTART, 0, 0, 0);
    wait_eq(&recs[3].restarts, 2, "cpu 3 to restart");
    {
        u64 *old = (u64 *)(lowcores[3] + 0x120);
        printf("cpu 3: restarts %lu, restart old psw %016lx %s\n", recs[3].restarts, old[0],
               old[1] == (u64)sec_park_loop ? "at the park loop" : "ELSEWHERE");
        check("restart old psw address (operating)", old[1], (u64)sec_park_loop);
    }
    wait_eq(&recs[3].ack, CMD_IDLE, "cpu 3 to idle");
    order("sense cpu 3", 3, SENSE, 0, 0, 0);

    printf("# resets\n");
    command(3, CMD_PARK);
    order("stop cpu 3", 3, STOP, 0, 0, 0);
    wait_stopped(3);
    order("cpu reset cpu 3 (stopped)", 3, CPU_RESET, 0, 0, 0);
    order("sense cpu 3", 3, SENSE, 0, 1, ST_STOPPED);
    order("store status at address cpu 3", 3, STORE_STATUS_AT, (u64)status_buf, 0, 0);
    show_save_area("after cpu reset", (struct save_area *)status_buf, 3, (u64)sec_park_loop, (u64)lowcores[3]);
    order("initial cpu reset cpu 3 (stopped)", 3, INITIAL_RESET, 0, 0, 0);
    order("store status at address cpu 3", 3, STORE_STATUS_AT, (u64)status_buf, 0, 0);
    {
        struct save_area *s = (struct save_area *)status_buf;
        printf("after initial cpu reset: psw %016lx %016lx prefix %08x cr0 %016lx cr14 %016lx r3 %016lx\n",
               s->psw[0], s->psw[1], s->prefix, s->cr[0], s->cr[14], s->gpr[3]);
        check("initial reset psw", s->psw[0] | s->psw[1], 0);
        check("initial reset prefix", s->prefix, 0);
        check("initial reset cr0", s->cr[0], 0xe0);
        check("initial reset cr14", s->cr[14], 0xc2000000ul);
        check("initial reset keeps GPRs", s->gpr[3], PARK_R3);
    }
    bring_up(3, CMD_PARK);
    wait_eq(&recs[3].ack, CMD_PARK, "cpu 3 to park");
    order("initial cpu reset cpu 3 (operating)", 3, INITIAL_RESET, 0, 0, 0);
    st = wait_stopped(3);
    printf("cpu 3 after initial reset while operating: status %08x\n", st);
    check("reset stops the CPU", st, ST_STOPPED);
    order("store status at address cpu 3", 3, STORE_STATUS_AT, (u64)status_buf, 0, 0);
    {
        struct save_area *s = (struct save_area *)status_buf;
        check("initial reset (operating) psw", s->psw[0] | s->psw[1], 0);
        check("initial reset (operating) prefix", s->prefix, 0);
    }
    bring_up(3, CMD_IDLE);

    printf("# code stored by one CPU while another runs it\n");
    command(2, CMD_PATCHED);
    printf("cpu 2 runs the code before the store: %lu\n", recs[2].arg2);
    check("value before the store", recs[2].arg2, 1);
    for (u64 v = 2; v <= 4; v++) {
        *(volatile u16 *)(patched_value + 2) = (u16)v;   /* LGHI's immediate */
        barrier();
        snprintf(what, sizeof what, "cpu 2 to run the code stored (%lu)", v);
        wait_eq(&recs[2].arg2, v, what);
        printf("cpu 2 runs the code after store %lu: %lu\n", v - 1, recs[2].arg2);
        check("value after the store", recs[2].arg2, v);
    }
    command(2, CMD_IDLE);

    printf("# interlocked updates from all CPUs\n");
    for (int i = 1; i < NCPU; i++) {
        recs[i].done = 0;
        recs[i].cmd = CMD_COUNT;
    }
    count_all(0);
    for (int i = 1; i < NCPU; i++)
        wait_eq(&recs[i].done, 1, "a secondary to finish counting");
    printf("CS %u CSG %lu LAA %u LAAG %lu ASI %u AGSI %lu\n", c_cs, c_csg, c_laa, c_laag, c_asi, c_agsi);
    check("CS count", c_cs, NCPU * COUNT_N);
    check("CSG count", c_csg, NCPU * COUNT_N);
    check("LAA count", c_laa, NCPU * COUNT_N);
    check("LAAG count", c_laag, NCPU * COUNT_N);
    check("ASI count", c_asi, NCPU * COUNT_N);
    check("AGSI count", c_agsi, NCPU * COUNT_N);
    u64 total = 0;
    for (int i = 0; i < NCPU; i++)
        total += work_sum[i];
    printf("sum of squares below %d: %lu\n", NCPU * 1000, total);
    check("work sum", total, (u64)(NCPU * 1000 - 1) * (NCPU * 1000) * (2 * NCPU * 1000 - 1) / 6);

    printf("# every CPU stops itself\n");
    for (int i = 1; i < NCPU; i++)
        recs[i].cmd = CMD_STOP;
    for (int i = 1; i < NCPU; i++) {
        st = wait_stopped(i);
        snprintf(what, sizeof what, "cpu %d stopped itself", i);
        check(what, st, ST_STOPPED);
        printf("%s: status %08x\n", what, st);
    }
    return 0;
}
