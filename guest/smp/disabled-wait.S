/*
 * disabled-wait.S: a guest that ends in a disabled wait while other CPUs are
 * busy (for scripts/smp-stress.sh). Run it with --cpus 4 (QEMU: -smp 4).
 *
 * CPU 0 starts CPU 1 and CPU 2 the way Linux does (SIGP INITIAL CPU RESET,
 * SET PREFIX, RESTART). CPU 1 spins forever counting in memory; CPU 2
 * loads an enabled wait PSW and sleeps; CPU 3 is never started. Once CPU 1
 * has counted for a while and CPU 2 is waiting, CPU 0 loads a disabled
 * wait PSW. The machine must then end at once (s390host: exit status 2,
 * every vCPU thread gone), not hang on the CPUs that are still busy.
 *
 * Standalone: no runtime; entered at 0x10000 in 64-bit mode, DAT off.
 */
        .section .text.head,"ax"
        .globl  _start
_start:
        larl    %r15,stack_top
        /* lowcores of CPU 1 and CPU 2: restart new PSW at 0x1A0 */
        larl    %r2,lowcore1
        larl    %r3,cpu1_entry
        larl    %r4,psw_mask
        lg      %r4,0(%r4)
        stg     %r4,0x1a0(%r2)
        stg     %r3,0x1a8(%r2)
        larl    %r2,lowcore2
        larl    %r3,cpu2_entry
        stg     %r4,0x1a0(%r2)
        stg     %r3,0x1a8(%r2)
        /* bring them up */
        lghi    %r3,1
        larl    %r1,lowcore1
        brasl   %r14,bring_up
        lghi    %r3,2
        larl    %r1,lowcore2
        brasl   %r14,bring_up
        /* wait until CPU 1 has counted to 1000000 and CPU 2 says it waits */
        larl    %r2,counter
        larl    %r5,cpu2_waiting
1:      lg      %r0,0(%r2)
        clgfi   %r0,1000000
        jl      1b
2:      cli     0(%r5),1
        jne     2b
        /* and then a little longer, so that CPU 2 really sleeps */
        lg      %r6,0(%r2)
        agfi    %r6,1000000
3:      lg      %r0,0(%r2)
        clgr    %r0,%r6
        jl      3b
        larl    %r1,disabled_wait_psw
        lpswe   0(%r1)

/* SIGP r3 = CPU address, r1 = its lowcore: initial CPU reset, set prefix,
 * restart; each again while busy (cc 2). */
bring_up:
        lgr     %r7,%r1                 /* set prefix parameter */
        lghi    %r6,0
4:      sigp    %r6,%r3,0x0b            /* initial CPU reset */
        jh      4b
5:      sigp    %r6,%r3,0x0d            /* set prefix (parameter in r7) */
        jh      5b
6:      sigp    %r6,%r3,0x06            /* restart */
        jh      6b
        br      %r14

cpu1_entry:
        larl    %r2,counter
7:      agsi    0(%r2),1
        j       7b

cpu2_entry:
        /* CR0: external-call and emergency-signal subclasses; enabled wait */
        larl    %r2,cpu2_waiting
        mvi     0(%r2),1
        larl    %r1,enabled_wait_psw
        lpswe   0(%r1)

        .section .rodata
        .balign 8
psw_mask:
        .quad   0x0000000180000000
disabled_wait_psw:
        .quad   0x0002000180000000, 0xdead
enabled_wait_psw:                       /* external interruptions on, wait */
        .quad   0x0102000180000000, 0x0
        .section .data
        .balign 4096                    /* not in a page with code */
counter:
        .quad   0
cpu2_waiting:
        .byte   0
        .section .bss
        .balign 8192
lowcore1:
        .space  8192
lowcore2:
        .space  8192
        .space  4096
stack_top:
        .section .note.GNU-stack,"",@progbits
