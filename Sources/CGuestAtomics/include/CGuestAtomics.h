// Host atomics on guest memory. Guest storage is plain host memory shared by
// every vCPU thread; the interlocked z/Architecture instructions (CS, CSG,
// CDSG, TS, LAA, ...) must be real atomic read-modify-writes on it.
// Values are in host byte order; callers byte-swap around these.
#ifndef CGUESTATOMICS_H
#define CGUESTATOMICS_H
#include <stdint.h>
#include <stdbool.h>

static inline bool guest_cas32(void *p, uint32_t *expected, uint32_t desired) {
    return __atomic_compare_exchange_n((uint32_t *)p, expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
static inline bool guest_cas64(void *p, uint64_t *expected, uint64_t desired) {
    return __atomic_compare_exchange_n((uint64_t *)p, expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
static inline uint8_t guest_xchg8(void *p, uint8_t v) {
    return __atomic_exchange_n((uint8_t *)p, v, __ATOMIC_SEQ_CST);
}
static inline uint8_t guest_or8(void *p, uint8_t v) {
    return __atomic_fetch_or((uint8_t *)p, v, __ATOMIC_SEQ_CST);
}
static inline uint8_t guest_and8(void *p, uint8_t v) {
    return __atomic_fetch_and((uint8_t *)p, v, __ATOMIC_SEQ_CST);
}
static inline uint8_t guest_xor8(void *p, uint8_t v) {
    return __atomic_fetch_xor((uint8_t *)p, v, __ATOMIC_SEQ_CST);
}
static inline uint64_t guest_or64(void *p, uint64_t v) {
    return __atomic_fetch_or((uint64_t *)p, v, __ATOMIC_RELAXED);
}
static inline uint64_t guest_xchg64(void *p, uint64_t v) {
    return __atomic_exchange_n((uint64_t *)p, v, __ATOMIC_SEQ_CST);
}
static inline uint64_t guest_load64_relaxed(const void *p) {
    return __atomic_load_n((const uint64_t *)p, __ATOMIC_RELAXED);
}
static inline void guest_fence(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }

// 128-bit compare-and-swap on a 16-byte aligned location. hi/lo are the two
// host-order halves as they appear in memory order (hi at the lower address
// after byte-swapping by the caller is NOT assumed: we compare raw words).
// expected_lo/hi are the raw (memory-order) 8-byte words at p and p+8.
static inline bool guest_cas128(void *p, uint64_t *expected_w0, uint64_t *expected_w1,
                                uint64_t desired_w0, uint64_t desired_w1) {
#if defined(__x86_64__)
    bool ok;
    uint64_t w0 = *expected_w0, w1 = *expected_w1;
    __asm__ __volatile__("lock cmpxchg16b %1"
                         : "=@ccz"(ok), "+m"(*(volatile __int128 *)p), "+a"(w0), "+d"(w1)
                         : "b"(desired_w0), "c"(desired_w1)
                         : "memory");
    *expected_w0 = w0; *expected_w1 = w1;
    return ok;
#else
    unsigned __int128 exp = ((unsigned __int128)*expected_w1 << 64) | *expected_w0;
    unsigned __int128 des = ((unsigned __int128)desired_w1 << 64) | desired_w0;
    bool ok = __atomic_compare_exchange_n((unsigned __int128 *)p, &exp, des, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    *expected_w0 = (uint64_t)exp; *expected_w1 = (uint64_t)(exp >> 64);
    return ok;
#endif
}
// Added for the interlocked-access family (LAA..., LPD, CS...): fetch-and-op
// on 4/8-byte words (AND/OR/XOR are byte-wise, so byte order does not matter)
// and sequentially consistent loads.
static inline uint32_t guest_load32_seqcst(const void *p) {
    return __atomic_load_n((const uint32_t *)p, __ATOMIC_SEQ_CST);
}
static inline uint64_t guest_load64_seqcst(const void *p) {
    return __atomic_load_n((const uint64_t *)p, __ATOMIC_SEQ_CST);
}
static inline uint32_t guest_fetch_and32(void *p, uint32_t v) {
    return __atomic_fetch_and((uint32_t *)p, v, __ATOMIC_SEQ_CST);
}
static inline uint32_t guest_fetch_or32(void *p, uint32_t v) {
    return __atomic_fetch_or((uint32_t *)p, v, __ATOMIC_SEQ_CST);
}
static inline uint32_t guest_fetch_xor32(void *p, uint32_t v) {
    return __atomic_fetch_xor((uint32_t *)p, v, __ATOMIC_SEQ_CST);
}
static inline uint64_t guest_fetch_and64(void *p, uint64_t v) {
    return __atomic_fetch_and((uint64_t *)p, v, __ATOMIC_SEQ_CST);
}
static inline uint64_t guest_fetch_or64_seqcst(void *p, uint64_t v) {
    return __atomic_fetch_or((uint64_t *)p, v, __ATOMIC_SEQ_CST);
}
static inline uint64_t guest_fetch_xor64(void *p, uint64_t v) {
    return __atomic_fetch_xor((uint64_t *)p, v, __ATOMIC_SEQ_CST);
}
#endif
