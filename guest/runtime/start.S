/*
 * start.S: entry, interruption stubs, setjmp/longjmp and stop for the
 * s390host guest runtime.
 *
 * The program is entered in 64-bit supervisor mode, DAT off, all
 * interruptions disabled, with the CPU in initial-reset state
 * (CR0 = 0xE0, CR14 = 0xC2000000, prefix 0).
 *
 * Lowcore (absolute 0..0x1FFF, prefix 0) use by the runtime:
 *   0x1A0..0x1FF  new PSWs (restart, external, SVC, program, mcheck, I/O)
 *   0x200..0x27F  GPR save area of the program-interruption stub
 *   0x280..0x2BF  scratch (CR0 images, CPU address)
 *   0x300..0x37F  GPR save area of the SVC stub
 *   0x380..0x3FF  GPR save area of the external-interruption stub
 * Everything the runtime touches in the lowcore stays below 0x400.
 */

        .section .text.head,"ax"
        .globl  _start
_start:
        jg      _start2
        /* 0x10006..0x10FFF stays free: QEMU writes a Linux command line
         * at 0x10480 when the ELF entry is 0x10000. */
        .org    0x1000

        .text
_start2:
        /* clear .bss (8-byte aligned at both ends, see guest.ld) */
        larl    %r2,__bss_start
        larl    %r3,__bss_end
        lghi    %r0,0
1:      clgr    %r2,%r3
        jhe     2f
        stg     %r0,0(%r2)
        aghi    %r2,8
        j       1b
2:
        larl    %r15,__stack_top
        aghi    %r15,-160
        stg     %r0,0(%r15)             /* back chain 0 */

        /* new PSWs */
        larl    %r1,new_psws
        mvc     0x1a0(96,%r0),0(%r1)

        /* CR0: AFP-register control (bit 45) so that all 16 FPRs work */
        stctg   %c0,%c0,0x280
        lg      %r1,0x280
        oilh    %r1,0x0004
        stg     %r1,0x280
        lctlg   %c0,%c0,0x280

        brasl   %r14,rt_init
        brasl   %r14,main
        brasl   %r14,rt_exit            /* r2 = main's return value */
        j       rt_stop

/* SIGP STOP to our own CPU address. */
        .globl  rt_stop
rt_stop:
        stap    0x2a0
        llgh    %r1,0x2a0
        lghi    %r0,0
        sigp    %r0,%r1,5               /* order 5: stop */
3:      j       3b

/*
 * Interruption stubs: save the GPRs in the lowcore, switch to a private
 * stack, call the C handler with a pointer to the saved GPRs, then reload
 * the (possibly modified) GPRs and the old PSW.
 * The C handlers are compiled with -msoft-float and do not touch FPRs/FPC.
 */
        .globl  rt_pgm_entry
rt_pgm_entry:
        stmg    %r0,%r15,0x200
        larl    %r15,__pgm_stack_top
        aghi    %r15,-160
        lghi    %r2,0x200
        brasl   %r14,rt_pgm_interrupt
        lmg     %r0,%r15,0x200
        lpswe   0x150

        .globl  rt_svc_entry
rt_svc_entry:
        stmg    %r0,%r15,0x300
        larl    %r15,__svc_stack_top
        aghi    %r15,-160
        lghi    %r2,0x300
        brasl   %r14,rt_svc_interrupt
        lmg     %r0,%r15,0x300
        lpswe   0x140

        .globl  rt_ext_entry
rt_ext_entry:
        stmg    %r0,%r15,0x380
        larl    %r15,__ext_stack_top
        aghi    %r15,-160
        lghi    %r2,0x380
        brasl   %r14,rt_ext_interrupt
        lmg     %r0,%r15,0x380
        lpswe   0x130

/*
 * int rt_setjmp(rt_jmp_buf *b) / void rt_longjmp(rt_jmp_buf *b, int v)
 * Saves/restores the callee-saved state of the s390x ELF ABI:
 * r6-r15 and f8-f15 (the FPRs only when CR0 AFP is on, flag at 144).
 * rt_setjmp must run in supervisor state (it reads CR0).
 */
        .globl  rt_setjmp
rt_setjmp:
        stmg    %r6,%r15,0(%r2)
        mvi     144(%r2),0
        stctg   %c0,%c0,0x2b8           /* f8-f15 exist only with AFP (CR0 bit 45) */
        tm      0x2bd,0x04
        jz      1f
        mvi     144(%r2),1
        std     %f8,80(%r2)
        std     %f9,88(%r2)
        std     %f10,96(%r2)
        std     %f11,104(%r2)
        std     %f12,112(%r2)
        std     %f13,120(%r2)
        std     %f14,128(%r2)
        std     %f15,136(%r2)
1:      lghi    %r2,0
        br      %r14

        .globl  rt_longjmp
rt_longjmp:
        lmg     %r6,%r15,0(%r2)
        cli     144(%r2),0
        je      1f
        ld      %f8,80(%r2)
        ld      %f9,88(%r2)
        ld      %f10,96(%r2)
        ld      %f11,104(%r2)
        ld      %f12,112(%r2)
        ld      %f13,120(%r2)
        ld      %f14,128(%r2)
        ld      %f15,136(%r2)
1:      lgfr    %r2,%r3
        br      %r14

        .section .rodata
        .balign 8
new_psws:
        /* 0x1A0 restart: disabled wait, address tells which */
        .quad   0x0002000180000000, 0x1a0
        /* 0x1B0 external */
        .quad   0x0000000180000000, rt_ext_entry
        /* 0x1C0 SVC */
        .quad   0x0000000180000000, rt_svc_entry
        /* 0x1D0 program */
        .quad   0x0000000180000000, rt_pgm_entry
        /* 0x1E0 machine check: disabled wait */
        .quad   0x0002000180000000, 0x1e0
        /* 0x1F0 I/O: disabled wait */
        .quad   0x0002000180000000, 0x1f0

        .section .bss
        .balign 4096
        .space  65536
        .globl  __stack_top
__stack_top:
        .space  16384
__pgm_stack_top:
        .space  16384
__svc_stack_top:
        .space  16384
__ext_stack_top:
        .section .note.GNU-stack,"",@progbits
