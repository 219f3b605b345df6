/*
 * t.h: helpers shared by the test programs.
 *
 * Each OPx macro runs one instruction with given register/storage inputs,
 * prints one line "insn inputs -> result ccN" and leaves the result in
 * t_res / t_res2 and the condition code in t_cc. X(res, cc) then checks them
 * against values derived from the Principles of Operation (a "FAIL" line on
 * mismatch). Registers are 64-bit; 32-bit instructions get inputs with
 * non-zero high halves so that preserving bits 0-31 is checked too.
 */
#ifndef T_H
#define T_H
#include "rt.h"

extern u64 t_res, t_res2;
extern int t_cc;
/* condition code in force when each OPx instruction starts (default 3) */
extern int t_ccin;
#define T_CCIN ((u64)(t_ccin & 3) << 28)
extern const char *t_insn;

void t_show(const char *insn, u64 a, u64 b, u64 r, int cc);
void t_show3(const char *insn, u64 a, u64 b, u64 c, u64 r, int cc);
void t_show_pair(const char *insn, u64 a, u64 b, u64 c, u64 r0, u64 r1, int cc);
void t_check(int line, u64 res, int cc);
void t_check_pair(int line, u64 r0, u64 r1, int cc);

#define X(res, cc) t_check(__LINE__, (u64)(res), (cc))
#define XP(r0, r1, cc) t_check_pair(__LINE__, (u64)(r0), (u64)(r1), (cc))
#define NOCC (-1)

/* insn r1,r2 */
#define OP2(insn, a, b)                                                        \
    do {                                                                       \
        u64 _r1 = (a), _r2 = (b);                                              \
        int _cc;                                                               \
        __asm__ volatile("spm %[ccin]\n\t" insn " %[r1],%[r2]\n\t" CC_OUT                         \
                         : [r1] "+&d"(_r1), [cc] "=&d"(_cc)                    \
                         : [r2] "d"(_r2), [ccin] "d"(T_CCIN)                  \
                         : "cc");                                              \
        t_res = _r1; t_cc = _cc; t_insn = insn;                                \
        t_show(insn, (a), (b), _r1, _cc);                                      \
    } while (0)

/* insn r1,imm (the immediate must be a literal) */
#define OPI(insn, a, imm)                                                      \
    do {                                                                       \
        u64 _r1 = (a);                                                         \
        int _cc;                                                               \
        __asm__ volatile("spm %[ccin]\n\t" insn " %[r1]," #imm "\n\t" CC_OUT                      \
                         : [r1] "+&d"(_r1), [cc] "=&d"(_cc)                    \
                         : [ccin] "d"(T_CCIN)                                  \
                         : "cc");                                              \
        t_res = _r1; t_cc = _cc; t_insn = insn;                                \
        t_show(insn " " #imm, (a), (u64)(imm), _r1, _cc);                      \
    } while (0)

/* insn r1,r2,r3 (RRF distinct operands: r1 = r2 op r3) */
#define OP3(insn, a, b, c)                                                     \
    do {                                                                       \
        u64 _r1 = (a), _r2 = (b), _r3 = (c);                                   \
        int _cc;                                                               \
        __asm__ volatile("spm %[ccin]\n\t" insn " %[r1],%[r2],%[r3]\n\t" CC_OUT                  \
                         : [r1] "+&d"(_r1), [cc] "=&d"(_cc)                    \
                         : [r2] "d"(_r2), [r3] "d"(_r3), [ccin] "d"(T_CCIN)   \
                         : "cc");                                              \
        t_res = _r1; t_cc = _cc; t_insn = insn;                                \
        t_show3(insn, (a), (b), (c), _r1, _cc);                                \
    } while (0)

/* insn r1,r3,imm-or-displacement (RIE/RSY shapes: "insn r1,r3,imm") */
#define OP3I(insn, a, b, imm)                                                  \
    do {                                                                       \
        u64 _r1 = (a), _r3 = (b);                                              \
        int _cc;                                                               \
        __asm__ volatile("spm %[ccin]\n\t" insn " %[r1],%[r3]," #imm "\n\t" CC_OUT                \
                         : [r1] "+&d"(_r1), [cc] "=&d"(_cc)                    \
                         : [r3] "d"(_r3), [ccin] "d"(T_CCIN)                  \
                         : "cc");                                              \
        t_res = _r1; t_cc = _cc; t_insn = insn;                                \
        t_show3(insn " " #imm, (a), (b), (u64)(imm), _r1, _cc);                \
    } while (0)

/* insn r1,mem (RX: constraint R; RXY: constraint T), memory is a u64/u32/u16 lvalue */
#define OPM(insn, a, mem, cons)                                                \
    do {                                                                       \
        u64 _r1 = (a);                                                         \
        int _cc;                                                               \
        __asm__ volatile("spm %[ccin]\n\t" insn " %[r1],%[m]\n\t" CC_OUT                          \
                         : [r1] "+&d"(_r1), [cc] "=&d"(_cc)                    \
                         : [m] cons(mem), [ccin] "d"(T_CCIN)                  \
                         : "cc");                                              \
        t_res = _r1; t_cc = _cc; t_insn = insn;                                \
        t_show(insn " mem", (a), (u64)(mem), _r1, _cc);                        \
    } while (0)

/* insn r1,r2 where r1 names an even/odd pair: (hi, lo) in r2/r3 */
#define OPPAIR(insn, hi, lo, b)                                                \
    do {                                                                       \
        register u64 _e __asm__("r2") = (hi);                                  \
        register u64 _o __asm__("r3") = (lo);                                  \
        u64 _b = (b);                                                          \
        int _cc;                                                               \
        __asm__ volatile("spm %[ccin]\n\t" insn " %%r2,%[op2]\n\t" CC_OUT                          \
                         : "+&d"(_e), "+&d"(_o), [cc] "=&d"(_cc)               \
                         : [op2] "d"(_b), [ccin] "d"(T_CCIN)                    \
                         : "cc");                                              \
        t_res = _e; t_res2 = _o; t_cc = _cc; t_insn = insn;                    \
        t_show_pair(insn, (hi), (lo), (b), _e, _o, _cc);                       \
    } while (0)

/* the same with the second operand in storage (RX/RXY), cons "R" or "T" */
#define OPPAIRM(insn, hi, lo, mem, cons)                                       \
    do {                                                                       \
        register u64 _e __asm__("r2") = (hi);                                  \
        register u64 _o __asm__("r3") = (lo);                                  \
        int _cc;                                                               \
        __asm__ volatile("spm %[ccin]\n\t" insn " %%r2,%[m]\n\t" CC_OUT                          \
                         : "+&d"(_e), "+&d"(_o), [cc] "=&d"(_cc)               \
                         : [m] cons(mem), [ccin] "d"(T_CCIN)                  \
                         : "cc");                                              \
        t_res = _e; t_res2 = _o; t_cc = _cc; t_insn = insn;                    \
        t_show_pair(insn " mem", (hi), (lo), (u64)(mem), _e, _o, _cc);         \
    } while (0)

/* shifts of a pair: insn %r2,imm */
#define OPPAIRS(insn, hi, lo, imm)                                             \
    do {                                                                       \
        register u64 _e __asm__("r2") = (hi);                                  \
        register u64 _o __asm__("r3") = (lo);                                  \
        int _cc;                                                               \
        __asm__ volatile("spm %[ccin]\n\t" insn " %%r2," #imm "\n\t" CC_OUT                      \
                         : "+&d"(_e), "+&d"(_o), [cc] "=&d"(_cc)               \
                         : [ccin] "d"(T_CCIN)                                  \
                         : "cc");                                              \
        t_res = _e; t_res2 = _o; t_cc = _cc; t_insn = insn;                    \
        t_show_pair(insn " " #imm, (hi), (lo), (u64)(imm), _e, _o, _cc);       \
    } while (0)

/* set the condition code to cc (0-3) */
static inline void set_cc(int cc)
{
    u64 v = (u64)(cc & 3) << 28;
    __asm__ volatile("spm %0" : : "d"(v) : "cc");
}

#endif
