/*
 * rt.h: the s390host guest runtime (bare metal, z/Architecture, 64-bit).
 *
 * A test program defines `int main(void)`. The runtime sets up the lowcore
 * new PSWs, enables the AFP registers, prints through the SCLP VT220 console,
 * and stops the CPU (SIGP STOP) when main returns, after printing the
 * self-check summary.
 */
#ifndef RT_H
#define RT_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long s64;
typedef unsigned long size_t;
typedef __builtin_va_list va_list;
#define va_start(v, l) __builtin_va_start(v, l)
#define va_end(v) __builtin_va_end(v)
#define va_arg(v, T) __builtin_va_arg(v, T)
#define NULL ((void *)0)

/* ---- console (sclp.c) ---- */
void sclp_setup(void);
void sclp_write(const char *s, size_t n);   /* buffered; flushed at '\n' */
void sclp_flush(void);
extern int sclp_vt220;                       /* 1: VT220 (0x1A); 0: line mode (0x02) */
extern unsigned long sclp_servc_count;       /* SERVCs issued so far */

/* ---- printf (printf.c): %d %i %u %x %X %o %s %c %p %%, flags '-' '0' '+' ' ',
 *      width, precision for %s, length h hh l ll z ---- */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int puts(const char *s);
int putchar(int c);

/* ---- string (string.c) ---- */
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* ---- results and self-checks (rt.c) ---- */
void report(const char *name, u64 value);            /* "name: %016lx" */
void report32(const char *name, u32 value);          /* "name: %08x" */
/* check*: print "FAIL name: got ... expected ..." on mismatch; count */
int check(const char *name, u64 got, u64 expected);
int check_mem(const char *name, const void *got, const void *expected, size_t n);
void hexdump(const char *name, const void *p, size_t n);
extern unsigned rt_checks, rt_failures;

/* ---- interruptions (rt.c) ---- */
typedef struct { u64 r[10]; u64 f[8]; u64 fpr_saved; } rt_jmp_buf;   /* r6-r15, f8-f15 */
int rt_setjmp(rt_jmp_buf *b) __attribute__((returns_twice));
void rt_longjmp(rt_jmp_buf *b, int v) __attribute__((noreturn));
void rt_stop(void) __attribute__((noreturn));

struct rt_pgm_info {
    u32 code;          /* program interruption code (halfword at 0x8E) */
    u32 ilc;           /* instruction length in bytes (0, 2, 4, 6) */
    u32 dxc;           /* data-exception code (byte at 0x93) */
    u64 mask, addr;    /* program old PSW */
    u64 tec;           /* translation-exception code (0xA8) */
    u64 gpr[16];       /* GPRs at the interruption */
    unsigned count;    /* program interruptions so far */
};
extern volatile struct rt_pgm_info rt_last_pgm;

struct rt_svc_info { u32 code, ilc; u64 mask, addr; unsigned count; };
extern volatile struct rt_svc_info rt_last_svc;

struct rt_ext_info { u32 code, cpu; u32 param; u64 mask, addr; unsigned count; };
extern volatile struct rt_ext_info rt_last_ext;

/* What a program interruption does when no PGM_EXPECT is armed:
 * RT_PGM_STOP (default) prints and stops the CPU,
 * RT_PGM_RESUME prints and resumes at the old PSW. */
enum { RT_PGM_STOP = 0, RT_PGM_RESUME = 1 };
extern volatile int rt_pgm_mode;
extern volatile int rt_pgm_print;        /* 1 (default): print a "pgm:" line */

extern rt_jmp_buf rt_pgm_jb;
extern volatile int rt_pgm_armed;
void rt_pgm_begin(const char *what);
void rt_pgm_none(const char *what, unsigned expected);
void rt_pgm_got(const char *what, unsigned expected);

/*
 * PGM_EXPECT("what", code, { statements }): runs the statements; a program
 * interruption during them is caught (printed by the handler), execution
 * continues after the macro. Checks that the interruption code equals
 * `code` (0: none expected). The statements must not rely on local
 * variables modified inside them (use volatile).
 */
#define PGM_EXPECT(what, code, ...)                                       \
    do {                                                                  \
        rt_pgm_begin(what);                                               \
        if (rt_setjmp(&rt_pgm_jb) == 0) {                                 \
            rt_pgm_armed = 1;                                             \
            __VA_ARGS__;                                                  \
            rt_pgm_armed = 0;                                             \
            rt_pgm_none(what, code);                                      \
        } else {                                                          \
            rt_pgm_got(what, code);                                       \
        }                                                                 \
    } while (0)

/* ---- machine helpers ---- */
static inline volatile u8 *lowcore(void)
{
    u8 *p;
    __asm__("lghi %0,0" : "=d"(p));
    return p;
}
#define LC8(off) (*(volatile u8 *)(lowcore() + (off)))
#define LC16(off) (*(volatile u16 *)(lowcore() + (off)))
#define LC32(off) (*(volatile u32 *)(lowcore() + (off)))
#define LC64(off) (*(volatile u64 *)(lowcore() + (off)))

#define STCTG(n) ({ u64 __v; __asm__ volatile("stctg %%c" #n ",%%c" #n ",%0" : "=Q"(__v)); __v; })
#define LCTLG(n, v) ({ u64 __v = (v); __asm__ volatile("lctlg %%c" #n ",%%c" #n ",%0" : : "Q"(__v) : "memory"); })

static inline u32 get_fpc(void) { u32 v; __asm__ volatile("efpc %0" : "=d"(v)); return v; }
static inline void set_fpc(u32 v) { __asm__ volatile("sfpc %0" : : "d"(v)); }
static inline u16 stap(void) { u16 a; __asm__ volatile("stap %0" : "=Q"(a)); return a; }

/* program mask (PSW bits 20-23) via SPM: fixed-point overflow 8, decimal 4,
 * HFP exponent underflow 2, significance 1 */
static inline void set_program_mask(unsigned m)
{
    u64 v = (u64)(m & 0xf) << 24;
    __asm__ volatile("spm %0" : : "d"(v) : "cc");
}

/* extract the condition code set by the previous asm statement */
#define CC_OUT "ipm %[cc]\n\tsrl %[cc],28\n"

int main(void);

#endif
