import XCTest
@testable import SIE

/// The instruction loop runs some hot instructions inline (`FastOp`), a
/// second statement of their semantics; these tests hold the two to each
/// other. Every inline instruction runs, from cached slots, with random and
/// boundary register values in the three addressing modes, with the
/// fixed-point-overflow mask on and off, with the AFP-register control on
/// and off, and storage operands that hit, miss or are outside storage; the
/// state after it (GPRs, FPRs, FPC, cc, interruption code, ILC, PSW, the
/// data area) must equal the state after the table semantics.
final class InlineOperationTests: XCTestCase {
    struct State: Equatable { var r: [UInt64]; var f: [UInt64]; var cc: UInt8; var code: UInt16; var ilc: UInt16; var psw: UInt64; var mem: [UInt8]; var fpc: UInt32 }

    func run(_ code: Assembler.Output, _ regs: [UInt64], amode: UInt64, programMask: UInt64, afp: Bool, fast: Bool, fpcInit: UInt32 = 0) throws -> State {
        FastOp.enabled = fast
        defer { FastOp.enabled = true }
        let vm = try VirtualMachine(memory: .anonymous(size: 4 << 20))
        let cpu = try vm.addCPU(address: 0)
        vm.memory.write(code.bytes, at: 0x10000)
        let wait = PSW(mask: 0x0002_0001_8000_0000, address: 0xDEAD0)
        for newPSW in stride(from: UInt64(0x1A0), through: 0x1F0, by: 0x10) {
            vm.memory.store(wait.mask, at: newPSW)
            vm.memory.store(wait.address, at: newPSW + 8)
        }
        // Twice: the first run decodes (a slot's first execution goes
        // through the table semantics), the second runs the cached slots.
        for _ in 0..<2 {
            for i in 0..<16 { cpu.r[i] = regs[i]; cpu.f[i] = regs[15 - i] &* 0x9E37_79B9_7F4A_7C15 }
            if fpcInit & 0x100 != 0 { for i in 0..<16 { cpu.f[i] = (Double(Int64(bitPattern: regs[i]) >> 40) / 7.0).bitPattern } }
            if afp { cpu.cr[0] |= 0x40000 } else { cpu.cr[0] &= ~0x40000 }
            cpu.fpc = fpcInit & ~0x100
            cpu.loadPSW(PSW(mask: amode | programMask << 40, address: 0x10000))
            for k in 0..<512 { vm.memory.store(UInt8(truncatingIfNeeded: k &* 37 &+ 11), at: 0x20000 + UInt64(k)) }
            for k in stride(from: UInt64(0x80), to: 0x200, by: 8) where k < 0x1A0 || k > 0x1F8 { vm.memory.store(UInt64(0), at: k) }
            _ = cpu.sie()
        }
        return State(r: (0..<16).map { cpu.r[$0] }, f: (0..<16).map { cpu.f[$0] }, cc: PSW(mask: vm.memory.load(0x150)!, address: 0).conditionCode,
                     code: vm.memory.load(0x8E)!, ilc: vm.memory.load(0x8C)!, psw: vm.memory.load(0x158)!,
                     mem: vm.memory.read(0x20000, count: 512)!, fpc: cpu.fpc)
    }

    func testFastOpsAgreeWithTable() throws {
        let insns = [
            "lr %r1,%r2", "lgr %r1,%r2", "llgfr %r1,%r2", "lgfr %r1,%r2", "lhi %r1,-5", "lhi %r1,32767", "lghi %r1,-32768",
            "ltr %r1,%r2", "ltgr %r1,%r2", "ltr %r1,%r1",
            "aghi %r1,-1", "aghi %r1,32767", "agr %r1,%r2", "sgr %r1,%r2", "ahi %r1,1", "ahi %r1,-32768", "ar %r1,%r2", "sr %r1,%r2",
            "clr %r1,%r2", "cr %r1,%r2", "clgr %r1,%r2", "cgr %r1,%r2", "chi %r1,-3", "cghi %r1,7", "clfi %r1,0x80000000",
            "la %r1,12(%r2,%r3)", "la %r1,4095(%r0,%r3)", "la %r1,0(%r2)", "la %r1,100", "larl %r1,.+100",
            "l %r1,0(%r4)", "l %r1,2(%r4,%r5)", "l %r1,8(%r0,%r4)", "lg %r1,-8(%r4)", "llgc %r1,255(%r4)", "cli 3(%r4),0x8a", "cli 0(%r4),0",
            "st %r1,0(%r4)", "st %r1,4(%r5,%r4)", "stc %r1,7(%r4,%r5)", "stc %r1,7(%r4)", "mvi 9(%r4),0xee", "stg %r2,16(%r4)",
            "l %r1,0(%r6)", "st %r1,0(%r6)", "cli 0(%r6),1", "stc %r1,0(%r6)", "ly %r1,0(%r6)", "ag %r1,0(%r6)",
            "brc 8,.+8\n lhi %r9,1", "brc 7,.+8\n lhi %r9,1", "brct %r1,.+8\n lhi %r9,1", "brctg %r1,.+8\n lhi %r9,1",
            "brct %r2,.+8\n lhi %r9,1",
            "ldr %f1,%f2", "ldr %f0,%f2", "ld %f2,8(%r4)", "ld %f3,8(%r4)", "std %f4,24(%r4,%r5)", "std %f5,24(%r4)", "ld %f2,0(%r6)",
            "agrk %r1,%r2,%r3", "sgrk %r1,%r2,%r3", "srl %r1,3", "srl %r1,0(%r2)", "sll %r1,31", "sll %r1,5(%r3)",
            "sllg %r1,%r2,7", "srlg %r1,%r2,0(%r3)", "sllg %r1,%r1,63(%r2)",
            "ly %r1,-100(%r4)", "ag %r1,8(%r4)", "llgf %r1,4(%r4,%r5)",
            "ngr %r1,%r2", "ogr %r1,%r2", "xgr %r1,%r2", "xgr %r1,%r1",
            "ldgr %f1,%r2", "ldgr %f2,%r3", "lgdr %r1,%f3", "lgdr %r1,%f4",
            "adbr %f0,%f2", "adbr %f1,%f2", "sdbr %f4,%f6", "mdbr %f0,%f0", "ddbr %f2,%f4", "ddbr %f3,%f0",
            "kdb %f0,8(%r4)", "kdb %f1,0(%r4)", "kdb %f2,0(%r6)",
            "xr %r1,%r2", "xr %r1,%r1", "nr %r1,%r2", "or %r1,%r2", "xrk %r1,%r2,%r3", "nrk %r1,%r2,%r3", "ork %r1,%r2,%r3",
            "xgrk %r1,%r2,%r3", "ngrk %r1,%r2,%r3", "ogrk %r1,%r2,%r3", "ngrk %r1,%r1,%r1",
            "sra %r1,3", "sra %r1,0(%r2)", "sra %r1,40", "rll %r1,%r2,7", "rll %r1,%r2,0(%r3)", "rllg %r1,%r2,13", "rllg %r1,%r2,0(%r3)",
            "a %r1,0(%r4)", "a %r1,4(%r5,%r4)", "a %r1,0(%r6)", "sg %r1,8(%r4)", "sg %r1,0(%r6)",
            "lh %r1,2(%r4,%r5)", "sth %r1,6(%r4)", "sth %r1,0(%r6)", "ic %r1,5(%r4,%r5)", "llc %r1,3(%r4)",
            "cg %r1,8(%r4)", "clg %r1,16(%r4)", "cg %r1,0(%r6)", "lgf %r1,4(%r4)", "lgh %r1,2(%r4)", "llgh %r1,6(%r4)",
            "lrv %r1,1(%r4)", "lrv %r1,0(%r6)", "llc %r1,0(%r6)",
            "clrj %r1,%r2,4,.+10\n lhi %r9,1", "clrj %r1,%r1,8,.+10\n lhi %r9,1", "clrj %r1,%r2,10,.-4\n lhi %r9,1",
            "clgrj %r1,%r2,10,.+10\n lhi %r9,1", "clgrj %r1,%r2,2,.+10\n lhi %r9,1", "clgrj %r2,%r2,6,.+10\n lhi %r9,1",
            "msr %r1,%r2", "msr %r1,%r1", "llhr %r1,%r2", "lhr %r1,%r2", "llghr %r1,%r2", "iilf %r1,0x89abcdef",
            "lgfi %r1,-2", "lgfi %r1,0x7fffffff", "llilf %r1,0xfedcba98", "llill %r1,0xffff", "nilf %r1,0xf0f0f0f0",
            "n %r1,0(%r4)", "n %r1,4(%r5,%r4)", "n %r1,0(%r6)", "nill %r1,0xff00", "nill %r1,0", "oill %r1,0x8001", "oill %r1,0",
            "tmll %r1,0x8001", "tmll %r1,0", "tmll %r1,0xffff", "alr %r1,%r2", "algr %r1,%r2", "algr %r1,%r1", "algfr %r1,%r2",
            "slr %r1,%r2", "slr %r1,%r1", "slgr %r1,%r2",
            "mvhhi 2(%r4),-2", "mvhi 4(%r4),0x7fff", "mvghi 8(%r4),-32768", "mvhhi 0(%r6),1", "mvghi 0(%r6),1",
            "cij %r1,-5,4,.+10\n lhi %r9,1", "cij %r1,0,8,.+10\n lhi %r9,1", "cij %r1,127,2,.+10\n lhi %r9,1",
            "cgij %r1,-1,10,.+10\n lhi %r9,1", "cgij %r1,0,6,.+10\n lhi %r9,1",
            "clij %r1,255,4,.+10\n lhi %r9,1", "clij %r1,0,8,.+10\n lhi %r9,1", "clij %r1,128,2,.+10\n lhi %r9,1",
        ]
        var rng = SystemRandomNumberGenerator()
        let specials: [UInt64] = [0, 1, 2, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x8000_0000_0000_0000, 0x7FFF_FFFF_FFFF_FFFF, ~0, 0x1_0000_0000, 0xFFFF_FFFF_8000_0000]
        var count = 0
        for insn in insns {
            let code = try Assembler.assemble(insn + "\n.short 0\n")
            for amode: UInt64 in [0x0000_0001_8000_0000, 0x0000_0000_8000_0000, 0] {
                for pm: UInt64 in [0, 8] {
                    for afp in [false, true] {
                        for _ in 0..<8 {
                            var regs = (0..<16).map { _ in Bool.random() ? specials.randomElement(using: &rng)! : UInt64.random(in: 0...UInt64.max, using: &rng) }
                            regs[4] = 0x20000 + UInt64.random(in: 112...160); regs[5] = UInt64.random(in: 0...32)
                            regs[3] = Bool.random() ? 0x7FFF_F000 : regs[3]
                            regs[6] = 0x7000_0000   // beyond memory: addressing exception
                            // FPC: rounding 0 (nearest even) or 1, inexact mask on or off; 0x100: FPRs hold ordinary numbers
                            let fpcInit: UInt32 = [0, 0x100, 0x101, 0x0800_0100, 0x0800_0000].randomElement(using: &rng)!

                            if insn.hasPrefix("kdb") && Bool.random() { regs[4] = 0x20000 + 0x100 }
                            let a = try run(code, regs, amode: amode, programMask: pm, afp: afp, fast: true, fpcInit: fpcInit)
                            let b = try run(code, regs, amode: amode, programMask: pm, afp: afp, fast: false, fpcInit: fpcInit)
                            count += 1
                            if a != b { XCTFail("\(insn) amode \(String(amode, radix: 16)) pm \(pm) afp \(afp) regs \(regs.map { String($0, radix: 16) })\nfast \(a)\ntable \(b)"); return }
                        }
                    }
                }
            }
        }
        print("fast-op differential: \(count) runs agree")
    }
}

extension InlineOperationTests {
    /// A store (inline ST / STC / STG / MVI) into the next instruction of the
    /// same page, run from cached slots: the new instruction must execute.
    func testInlineStoreIntoOwnCode() throws {
        for (store, expect) in [("st %r2,0(%r4)", 7), ("stg %r3,0(%r4)", 7), ("mvi 3(%r4),9", 9), ("stc %r5,3(%r4)", 5)] {
            // First iteration: the store goes to data (and its slot is
            // cached); second: its base points at .Lt, the cached inline
            // store modifies the next instruction.
            let code = try Assembler.assemble("""
                larl %r4,.Ldata
                larl %r6,.Lt
                lhi %r8,2
            .Lloop:
                lhi %r9,0
                \(store)
            .Lt: lhi %r9,1
                nopr 0
                nopr 0
                lgr %r4,%r6
                brct %r8,.Lloop
                .short 0
                .space 8192
            .Ldata: .quad 0
            """)
            for fast in [true, false] {
                FastOp.enabled = fast
                defer { FastOp.enabled = true }
                let vm = try VirtualMachine(memory: .anonymous(size: 4 << 20))
                let cpu = try vm.addCPU(address: 0)
                let wait = PSW(mask: 0x0002_0001_8000_0000, address: 0xDEAD0)
                for newPSW in stride(from: UInt64(0x1A0), through: 0x1F0, by: 0x10) {
                    vm.memory.store(wait.mask, at: newPSW); vm.memory.store(wait.address, at: newPSW + 8)
                }
                for _ in 0..<3 {
                    vm.memory.write(code.bytes, at: 0x10000)
                    vm.storageChanged(absolute: 0x10000, length: code.bytes.count)
                    cpu.r[2] = 0xA798_0007                      // lhi %r9,7
                    cpu.r[3] = 0xA798_0007_0700_0700            // lhi %r9,7; nopr; nopr
                    cpu.r[5] = 5
                    cpu.loadPSW(PSW(mask: 0x0000_0001_8000_0000, address: 0x10000))
                    _ = cpu.sie()
                    XCTAssertEqual(cpu.r[9], UInt64(expect), "\(store) fast \(fast)")
                }
            }
        }
    }
}
