/* hello.c: the demo guest. Prints a greeting and a few facts about the CPU. */
#include "rt.h"

int main(void)
{
    u64 cpuid;
    __asm__ volatile("stidp %0" : "=Q"(cpuid));
    printf("Hello from an s390x guest!\n");
    printf("CPU address %u, CR0 %016lx, CR14 %016lx\n", stap(), STCTG(0), STCTG(14));
    unsigned long f = 1;
    for (int i = 1; i <= 20; i++)
        f *= i;
    printf("20! = %lu\n", f);
    return 0;
}
