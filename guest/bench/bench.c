/*
 * bench.c: a CPU-bound guest for wall-clock comparisons (scripts/bench.sh).
 * Three kinds of work, each printing a checksum so that a wrong result shows:
 *   integer: sieve of Eratosthenes, xorshift hashing, quicksort
 *   string:  MVC/CLC/TR block moves and compares, byte scanning (compiled C)
 *   float:   Mandelbrot in double, a long-double (extended BFP) series
 * ROUNDS scales all three (the default runs for a few seconds under QEMU TCG).
 */
#include "rt.h"

#ifndef ROUNDS
#define ROUNDS 36
#endif

static u8 sieve[1 << 18];
static u32 arr[1 << 15];
static u8 bufa[1 << 16], bufb[1 << 16];
static u8 table[256];

static unsigned primes(unsigned n)
{
    unsigned count = 0;
    memset(sieve, 1, n);
    for (unsigned i = 2; i < n; i++) {
        if (!sieve[i])
            continue;
        count++;
        for (unsigned j = i * 2; j < n; j += i)
            sieve[j] = 0;
    }
    return count;
}

static void quicksort(u32 *a, long lo, long hi)
{
    while (lo < hi) {
        u32 p = a[(lo + hi) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i <= j) {
                u32 t = a[i]; a[i] = a[j]; a[j] = t;
                i++; j--;
            }
        }
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

static u64 integer_work(void)
{
    u64 sum = primes(sizeof(sieve));
    u32 x = 2463534242u;
    for (unsigned i = 0; i < sizeof(arr) / sizeof(arr[0]); i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        arr[i] = x;
    }
    quicksort(arr, 0, sizeof(arr) / sizeof(arr[0]) - 1);
    for (unsigned i = 1; i < sizeof(arr) / sizeof(arr[0]); i++)
        if (arr[i - 1] > arr[i])
            sum += 1000000;      /* not sorted: shows in the checksum */
    u64 h = 1469598103934665603ul;
    for (unsigned i = 0; i < sizeof(arr) / sizeof(arr[0]); i++) {
        h ^= arr[i];
        h *= 1099511628211ul;
        h += h / 7 + (h % 13);
    }
    return sum ^ h;
}

static void mvc_copy(u8 *d, const u8 *s, size_t n)
{
    while (n >= 256) {
        __asm__ volatile("mvc 0(256,%0),0(%1)" : : "a"(d), "a"(s) : "memory");
        d += 256; s += 256; n -= 256;
    }
    if (n)
        __asm__ volatile("exrl %2,1f\n\tj 2f\n1:\tmvc 0(1,%0),0(%1)\n2:"
                         : : "a"(d), "a"(s), "a"(n - 1) : "memory");
}

static int clc_compare(const u8 *a, const u8 *b, size_t n)
{
    while (n >= 256) {
        int cc;
        __asm__ volatile("clc 0(256,%1),0(%2)\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "a"(a), "a"(b) : "cc");
        if (cc)
            return cc;
        a += 256; b += 256; n -= 256;
    }
    return 0;
}

static u64 string_work(void)
{
    u64 sum = 0;
    for (unsigned i = 0; i < sizeof(bufa); i++)
        bufa[i] = (u8)(i * 7 + (i >> 8));
    for (int i = 0; i < 256; i++)
        table[i] = (u8)((i * 5 + 3) & 0xff);
    for (int r = 0; r < 8; r++) {
        mvc_copy(bufb, bufa, sizeof(bufa));
        sum += (u64)clc_compare(bufa, bufb, sizeof(bufa));
        for (unsigned off = 0; off < sizeof(bufb); off += 256)
            __asm__ volatile("tr 0(256,%0),0(%1)" : : "a"(bufb + off), "a"(table) : "memory");
        sum += (u64)clc_compare(bufa, bufb, sizeof(bufa));
        mvc_copy(bufa + 1, bufb, sizeof(bufa) - 1);
        /* compiled byte scanning */
        unsigned n = 0;
        for (unsigned i = 0; i < sizeof(bufa); i++)
            if (bufa[i] == 0x41)
                n++;
        sum = sum * 31 + n;
    }
    return sum;
}

static u64 float_work(void)
{
    u64 total = 0;
    for (int py = 0; py < 48; py++) {
        for (int px = 0; px < 64; px++) {
            double cr = -2.0 + px * (3.0 / 64), ci = -1.2 + py * (2.4 / 48);
            double zr = 0, zi = 0;
            int k = 0;
            while (k < 200 && zr * zr + zi * zi < 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                k++;
            }
            total += (u64)k;
        }
    }
    long double s = 0, term = 1;
    for (int i = 1; i < 2000; i++) {
        term = term * 0.999L + 1.0L / i;
        s += term / (i + 0.5L);
    }
    u64 bits[2];
    memcpy(bits, &s, sizeof(bits));
    return total ^ bits[0] ^ bits[1];
}

int main(void)
{
    u64 ci = 0, cs = 0, cf = 0;
    for (int r = 0; r < ROUNDS; r++) {
        ci += integer_work();
        cs += string_work();
        cf += float_work();
    }
    printf("bench: rounds %d integer %016lx string %016lx float %016lx\n", ROUNDS, ci, cs, cf);
    return 0;
}
