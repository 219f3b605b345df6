/* testlib.c: the printing/checking side of tests/t.h (see there). */
#include "rt.h"

u64 t_res, t_res2;
int t_cc;
int t_ccin = 3;
const char *t_insn;

void t_show(const char *insn, u64 a, u64 b, u64 r, int cc)
{
    printf("%-14s %016lx %016lx -> %016lx cc%d\n", insn, a, b, r, cc);
}

void t_show3(const char *insn, u64 a, u64 b, u64 c, u64 r, int cc)
{
    printf("%-14s %016lx %016lx %016lx -> %016lx cc%d\n", insn, a, b, c, r, cc);
}

void t_show_pair(const char *insn, u64 a, u64 b, u64 c, u64 r0, u64 r1, int cc)
{
    printf("%-14s %016lx:%016lx %016lx -> %016lx:%016lx cc%d\n", insn, a, b, c, r0, r1, cc);
}

void t_check(int line, u64 res, int cc)
{
    rt_checks++;
    if (t_res == res && (cc < 0 || t_cc == cc))
        return;
    rt_failures++;
    printf("FAIL line %d %s: got %016lx cc%d expected %016lx cc%d\n", line, t_insn, t_res,
           t_cc, res, cc);
}

void t_check_pair(int line, u64 r0, u64 r1, int cc)
{
    rt_checks++;
    if (t_res == r0 && t_res2 == r1 && (cc < 0 || t_cc == cc))
        return;
    rt_failures++;
    printf("FAIL line %d %s: got %016lx:%016lx cc%d expected %016lx:%016lx cc%d\n", line,
           t_insn, t_res, t_res2, t_cc, r0, r1, cc);
}
