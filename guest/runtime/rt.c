/*
 * rt.c: start-up, exit, interruption handlers and self-check helpers.
 */
#include "rt.h"

unsigned rt_checks, rt_failures;
volatile struct rt_pgm_info rt_last_pgm;
volatile struct rt_svc_info rt_last_svc;
volatile struct rt_ext_info rt_last_ext;
volatile int rt_pgm_mode = RT_PGM_STOP;
volatile int rt_pgm_print = 1;
rt_jmp_buf rt_pgm_jb;
volatile int rt_pgm_armed;

void rt_init(void)
{
    sclp_setup();
}

void rt_exit(int status)
{
    printf("== end: status %d, self-checks %u, failed %u\n", status, rt_checks, rt_failures);
    sclp_flush();
}

void report(const char *name, u64 value)
{
    printf("%s: %016lx\n", name, value);
}

void report32(const char *name, u32 value)
{
    printf("%s: %08x\n", name, value);
}

int check(const char *name, u64 got, u64 expected)
{
    rt_checks++;
    if (got == expected)
        return 1;
    rt_failures++;
    printf("FAIL %s: got %016lx expected %016lx\n", name, got, expected);
    return 0;
}

void hexdump(const char *name, const void *p, size_t n)
{
    const u8 *b = p;
    printf("%s:", name);
    for (size_t i = 0; i < n; i++)
        printf("%s%02x", (i && i % 32 == 0) ? "\n  " : " ", b[i]);
    printf("\n");
}

int check_mem(const char *name, const void *got, const void *expected, size_t n)
{
    rt_checks++;
    if (memcmp(got, expected, n) == 0)
        return 1;
    rt_failures++;
    printf("FAIL %s: memory differs\n", name);
    hexdump("  got     ", got, n);
    hexdump("  expected", expected, n);
    return 0;
}

static void set_afp(void)
{
    u64 cr0 = STCTG(0);
    if (!(cr0 & (1ul << 18)))
        LCTLG(0, cr0 | (1ul << 18));
}

/* ---- program interruption ---- */
void rt_pgm_interrupt(u64 *gprs)
{
    volatile struct rt_pgm_info *p = &rt_last_pgm;
    p->code = LC16(0x8e);
    p->ilc = LC16(0x8c) & 6;
    p->dxc = LC8(0x93);
    p->mask = LC64(0x150);
    p->addr = LC64(0x158);
    p->tec = LC64(0xa8);
    for (int i = 0; i < 16; i++)
        p->gpr[i] = gprs[i];
    p->count++;
    if (rt_pgm_print) {
        printf("pgm: code %04x ilc %u", p->code, p->ilc);
        if ((p->code & 0x7f) == 0x07)
            printf(" dxc %02x", p->dxc);
        if ((p->code & 0x7f) == 0x04 || (p->code & 0x7f) == 0x10 || (p->code & 0x7f) == 0x11)
            printf(" tec %016lx", p->tec);
        printf(" old psw %016lx %016lx\n", p->mask, p->addr);
    }
    if (rt_pgm_armed) {
        rt_pgm_armed = 0;
        set_afp();
        rt_longjmp(&rt_pgm_jb, 1);
    }
    if (rt_pgm_mode == RT_PGM_RESUME)
        return;
    printf("unexpected program interruption: stopping\n");
    rt_exit(-1);
    rt_stop();
}

static const char *pgm_what;

void rt_pgm_begin(const char *what)
{
    pgm_what = what;
    rt_last_pgm.code = 0;
    printf("-- %s\n", what);
}

void rt_pgm_none(const char *what, unsigned expected)
{
    rt_checks++;
    if (expected) {
        rt_failures++;
        printf("FAIL %s: no program interruption, expected code %04x\n", what, expected);
    }
}

void rt_pgm_got(const char *what, unsigned expected)
{
    rt_checks++;
    if (rt_last_pgm.code != expected) {
        rt_failures++;
        printf("FAIL %s: program interruption code %04x, expected %04x\n", what,
               rt_last_pgm.code, expected);
    }
}

/* ---- supervisor call ----
 * SVC 0: nothing but recording.
 * SVC 1: return to the caller in supervisor state (clears PSW bit 15). */
void rt_svc_interrupt(u64 *gprs)
{
    (void)gprs;
    volatile struct rt_svc_info *s = &rt_last_svc;
    s->code = LC16(0x8a);
    s->ilc = LC16(0x88) & 6;
    s->mask = LC64(0x140);
    s->addr = LC64(0x148);
    s->count++;
    if (s->code == 1)
        LC64(0x140) = s->mask & ~(1ul << 48);  /* PSW bit 15: problem state */
}

/* ---- external interruption ----
 * Records the interruption and returns with external interruptions
 * disabled in the old PSW (bit 7), so that a still-pending condition
 * does not loop. */
void rt_ext_interrupt(u64 *gprs)
{
    (void)gprs;
    volatile struct rt_ext_info *e = &rt_last_ext;
    e->code = LC16(0x86);
    e->cpu = LC16(0x84);
    e->param = LC32(0x80);
    e->mask = LC64(0x130);
    e->addr = LC64(0x138);
    e->count++;
    LC64(0x130) = e->mask & ~(1ul << 56);
}
