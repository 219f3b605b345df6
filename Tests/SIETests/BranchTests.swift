import XCTest
@testable import SIE

/// Branch family and EXECUTE. Code is loaded at 0x10000; the addresses in
/// the comments are worked out from the instruction lengths (RR 2; RX, RI,
/// RS, RRE 4; RIL, RXY, RSY, RIE, RIS, RRS 6).
final class BranchTests: XCTestCase {
    private func done(_ source: String, file: StaticString = #filePath, line: UInt = #line,
                      setup: (VirtualCPU, GuestMemory) -> Void = { _, _ in }) throws -> GuestRun {
        let run = try GuestRun(source, setup: setup)
        XCTAssertTrue(logicBranchFinished(run), "interrupted: code \(run.programCode) at \(run.oldPSW)", file: file, line: line)
        return run
    }

    /// Runs `instruction` (which may branch to `.Lt`) followed by
    /// `sll %r5,1` and `.Lt: sll %r5,2` (4 bytes each, cc unchanged) with r5 = 1;
    /// true if the branch was taken (r5 = 4; 8 when not). The condition code
    /// is set to `cc` first and must not change.
    private func taken(_ instruction: String, cc: UInt8 = 3, file: StaticString = #filePath, line: UInt = #line,
                       setup: (VirtualCPU) -> Void = { _ in }) throws -> Bool {
        let run = try done("""
            \(instruction)
            sll %r5,1
        .Lt: sll %r5,2
        """, file: file, line: line) { cpu, _ in setup(cpu); cpu.cc = cc; cpu.r[5] = 1 }
        XCTAssertEqual(run.cc, cc, "condition code changed", file: file, line: line)
        XCTAssertTrue(run.r(5) == 4 || run.r(5) == 8, "r5 = \(run.r(5))", file: file, line: line)
        return run.r(5) == 4
    }

    private static let mode24 = PSW(mask: 0, address: GuestRun.origin)
    private static let mode31 = PSW(mask: 0x0000_0000_8000_0000, address: GuestRun.origin)
    private static let eaba: UInt64 = PSW.extendedAddressing | PSW.basicAddressing

    // MARK: Branch on condition

    func testBranchOnConditionMasks() throws {
        for cc in UInt8(0)...3 {
            for mask in [0, 8, 4, 2, 1, 15, 7, 10, 5] {
                let expected = mask & (8 >> Int(cc)) != 0
                XCTAssertEqual(try taken("brc \(mask),.Lt", cc: cc), expected, "brc \(mask) with cc \(cc)")
            }
        }
        XCTAssertTrue(try taken("brcl 2,.Lt", cc: 2))
        XCTAssertFalse(try taken("brcl 13,.Lt", cc: 2))
        XCTAssertTrue(try taken("jne .Lt", cc: 1))
        XCTAssertFalse(try taken("je .Lt", cc: 1))
    }

    func testBranchOnConditionRXAndRR() throws {
        // bc 8,8(%r6,%r7) at 0x10000 → 0x10000 + 4 + 8 = 0x1000C.
        let src = """
            bc 8,8(%r6,%r7)
            oill %r5,1
            oill %r5,2
            oill %r5,4
        """
        var r = try done(src) { cpu, _ in cpu.cc = 0; cpu.r[6] = 0x10000; cpu.r[7] = 4 }
        XCTAssertEqual(r.r(5), 4)
        r = try done(src) { cpu, _ in cpu.cc = 1; cpu.r[6] = 0x10000; cpu.r[7] = 4 }
        XCTAssertEqual(r.r(5), 7)
        // bcr at 0x10000 (2 bytes); .Lt is at 0x10006.
        XCTAssertTrue(try taken("bcr 8,%r6", cc: 0) { $0.r[6] = 0x10006 })
        XCTAssertFalse(try taken("bcr 7,%r6", cc: 0) { $0.r[6] = 0x10006 })
        XCTAssertFalse(try taken("bcr 0,%r6", cc: 0) { $0.r[6] = 0x10006 })
        // R2 = 0 never branches; BCR 15,0 and 14,0 are serialization.
        XCTAssertFalse(try taken("bcr 15,0") { $0.r[0] = 0x10006 })
        XCTAssertFalse(try taken("bcr 14,0") { $0.r[0] = 0x10006 })
        XCTAssertFalse(try taken("bcr 8,0", cc: 0) { $0.r[0] = 0x10006 })
        XCTAssertFalse(try taken("bc 0,0(%r6)") { $0.r[6] = 0x10006 })
    }

    func testRelativeBranchesBackwardAndForward() throws {
        let r = try done("""
            j 2f
        1:  oill %r5,4
            j 3f
        2:  brc 15,1b
            oill %r5,1
        3:
        """)
        XCTAssertEqual(r.r(5), 4)
        // BRCL over more than 64 KiB, back and forth:
        // 0x10000 brcl .Lfar; 0x10006 .Lback; 0x1000A brcl .Lend; 0x22010 .Lfar; 0x22014 brcl .Lback.
        let far = try done("""
            brcl 15,.Lfar
        .Lback: oill %r5,2
            brcl 15,.Lend
            .space 0x12000
        .Lfar: oill %r5,1
            brcl 15,.Lback
        .Lend:
        """)
        XCTAssertEqual(far.r(5), 3)
    }

    func testBranchTargetsWrapInAddressingMode() throws {
        // 0x10000 br %r6 (2), 0x10002 oill 1, 0x10006 .Lt.
        XCTAssertTrue(try taken("br %r6") { cpu in cpu.loadPSW(Self.mode31); cpu.r[6] = 0xFFFF_FFFF_8001_0006 })
        XCTAssertTrue(try taken("br %r6") { cpu in cpu.loadPSW(Self.mode24); cpu.r[6] = 0xFFFF_FFFF_FF01_0006 })
        // bc (4 bytes): .Lt at 0x10008; the effective address wraps at 24 bits.
        XCTAssertTrue(try taken("bc 15,8(%r6)") { cpu in cpu.loadPSW(Self.mode24); cpu.r[6] = 0x1234_5678_AB01_0000 })
    }

    // MARK: Branch and link / save

    /// `link` of length `length` at 0x10000 branching to .Lf (0x10000 + length + 8).
    private func linkRun(_ link: String, length: UInt64, psw: PSW? = nil, cc: UInt8 = 2, programMask: UInt64 = 0xA,
                         file: StaticString = #filePath, line: UInt = #line) throws -> GuestRun {
        let r = try done("""
            \(link)
            oill %r5,1
            j .Lend
        .Lf: oill %r5,2
        .Lend:
        """, file: file, line: line) { cpu, _ in
            if let psw { cpu.loadPSW(psw) }
            cpu.cc = cc
            cpu.mask |= programMask << 40
            cpu.r[6] = 0x10000 + length + 8
            cpu.r[9] = 0x10000
            cpu.r[14] = 0x5555_5555_FFFF_FFFF
        }
        XCTAssertEqual(r.r(5), 2, "branch not taken", file: file, line: line)
        return r
    }

    func testLinkIn64BitMode() throws {
        XCTAssertEqual(try linkRun("bas %r14,12(%r9)", length: 4).r(14), 0x10004)
        XCTAssertEqual(try linkRun("basr %r14,%r6", length: 2).r(14), 0x10002)
        XCTAssertEqual(try linkRun("bras %r14,.Lf", length: 4).r(14), 0x10004)
        XCTAssertEqual(try linkRun("brasl %r14,.Lf", length: 6).r(14), 0x10006)
        XCTAssertEqual(try linkRun("bal %r14,12(%r9)", length: 4).r(14), 0x10004)
        XCTAssertEqual(try linkRun("balr %r14,%r6", length: 2).r(14), 0x10002)
    }

    func testLinkIn31BitMode() throws {
        let m = Self.mode31
        XCTAssertEqual(try linkRun("bas %r14,12(%r9)", length: 4, psw: m).r(14), 0x5555_5555_8001_0004)
        XCTAssertEqual(try linkRun("basr %r14,%r6", length: 2, psw: m).r(14), 0x5555_5555_8001_0002)
        XCTAssertEqual(try linkRun("bras %r14,.Lf", length: 4, psw: m).r(14), 0x5555_5555_8001_0004)
        XCTAssertEqual(try linkRun("brasl %r14,.Lf", length: 6, psw: m).r(14), 0x5555_5555_8001_0006)
        XCTAssertEqual(try linkRun("bal %r14,12(%r9)", length: 4, psw: m).r(14), 0x5555_5555_8001_0004)
        XCTAssertEqual(try linkRun("balr %r14,%r6", length: 2, psw: m).r(14), 0x5555_5555_8001_0002)
    }

    func testLinkIn24BitMode() throws {
        let m = Self.mode24
        XCTAssertEqual(try linkRun("bas %r14,12(%r9)", length: 4, psw: m).r(14), 0x5555_5555_0001_0004)
        XCTAssertEqual(try linkRun("basr %r14,%r6", length: 2, psw: m).r(14), 0x5555_5555_0001_0002)
        XCTAssertEqual(try linkRun("bras %r14,.Lf", length: 4, psw: m).r(14), 0x5555_5555_0001_0004)
        XCTAssertEqual(try linkRun("brasl %r14,.Lf", length: 6, psw: m).r(14), 0x5555_5555_0001_0006)
        // BAL: ILC 2 (10), cc 2 (10), program mask 1010 → 0xAA; BALR: ILC 1 → 0x6A.
        XCTAssertEqual(try linkRun("bal %r14,12(%r9)", length: 4, psw: m).r(14), 0x5555_5555_AA01_0004)
        XCTAssertEqual(try linkRun("balr %r14,%r6", length: 2, psw: m).r(14), 0x5555_5555_6A01_0002)
        XCTAssertEqual(try linkRun("balr %r14,%r6", length: 2, psw: m, cc: 1, programMask: 0x3).r(14), 0x5555_5555_5301_0002)
    }

    func testLinkRegisterEqualsTargetRegister() throws {
        // The target is taken from R2 before the link replaces it.
        let r = try linkRun("basr %r6,%r6", length: 2)
        XCTAssertEqual(r.r(6), 0x10002)
        let bal = try linkRun("balr %r6,%r6", length: 2)
        XCTAssertEqual(bal.r(6), 0x10002)
    }

    func testLinkWithoutBranch() throws {
        // R2 = 0: link information only.
        let r = try done("""
            basr %r14,0
            balr %r13,0
        """) { cpu, _ in cpu.r[0] = 0x20000 }
        XCTAssertEqual(r.r(14), 0x10002)
        XCTAssertEqual(r.r(13), 0x10004)
    }

    func testSubroutineCallAndReturn() throws {
        // 0x10000 brasl %r14,.Lf; 0x10006 oill; 0x1000A j; 0x1000E .Lf; 0x10012 br %r14.
        let r = try done("""
            brasl %r14,.Lf
            oill %r5,1
            j .Lend
        .Lf: oill %r5,2
            br %r14
        .Lend:
        """) { cpu, _ in cpu.r[14] = ~0 }
        XCTAssertEqual(r.r(5), 3)
        XCTAssertEqual(r.r(14), 0x10006)
    }

    // MARK: Branch on count

    func testBranchOnCountRelative() throws {
        let brct = try done("""
        .Lloop: sllg %r4,%r4,1
            brct %r2,.Lloop
        """) { cpu, _ in cpu.r[2] = 0xFFFF_FFFF_0000_0005; cpu.r[4] = 1; cpu.cc = 1 }
        XCTAssertEqual(brct.r(4), 32)
        XCTAssertEqual(brct.r(2), 0xFFFF_FFFF_0000_0000)
        XCTAssertEqual(brct.cc, 1)
        let brctg = try done("""
        .Lloop: sllg %r4,%r4,1
            brctg %r2,.Lloop
        """) { cpu, _ in cpu.r[2] = 3; cpu.r[4] = 1 }
        XCTAssertEqual(brctg.r(4), 8)
        XCTAssertEqual(brctg.r(2), 0)
        let brcth = try done("""
        .Lloop: sllg %r4,%r4,1
            brcth %r2,.Lloop
        """) { cpu, _ in cpu.r[2] = 0x0000_0003_1234_5678; cpu.r[4] = 1 }
        XCTAssertEqual(brcth.r(4), 8)
        XCTAssertEqual(brcth.r(2), 0x1234_5678)
        // Counting through zero: 1 → 0 does not branch; 0 → -1 does.
        XCTAssertFalse(try taken("brct %r2,.Lt") { $0.r[2] = 1 })
        XCTAssertTrue(try taken("brct %r2,.Lt") { $0.r[2] = 0x1_0000_0000 })
        XCTAssertFalse(try taken("brctg %r2,.Lt") { $0.r[2] = 1 })
        XCTAssertTrue(try taken("brctg %r2,.Lt") { $0.r[2] = 0x1_0000_0001 })
    }

    func testBranchOnCountRegisterAndRX() throws {
        // The loop starts at 0x10000; r6 holds its address.
        let bct = try done("""
            sllg %r4,%r4,1
            bct %r2,0(%r6)
        """) { cpu, _ in cpu.r[2] = 4; cpu.r[4] = 1; cpu.r[6] = 0x10000 }
        XCTAssertEqual(bct.r(4), 16)
        let bctg = try done("""
            sllg %r4,%r4,1
            bctg %r2,0(%r6)
        """) { cpu, _ in cpu.r[2] = 4; cpu.r[4] = 1; cpu.r[6] = 0x10000 }
        XCTAssertEqual(bctg.r(4), 16)
        let bctr = try done("""
            sllg %r4,%r4,1
            bctr %r2,%r6
        """) { cpu, _ in cpu.r[2] = 0xAAAA_AAAA_0000_0003; cpu.r[4] = 1; cpu.r[6] = 0x10000 }
        XCTAssertEqual(bctr.r(4), 8)
        XCTAssertEqual(bctr.r(2), 0xAAAA_AAAA_0000_0000)
        let bctgr = try done("""
            sllg %r4,%r4,1
            bctgr %r2,%r6
        """) { cpu, _ in cpu.r[2] = 2; cpu.r[4] = 1; cpu.r[6] = 0x10000 }
        XCTAssertEqual(bctgr.r(4), 4)
        // R2 = 0: count only.
        let count = try done("""
            bctr %r2,0
            bctgr %r3,0
        """) { cpu, _ in cpu.r[2] = 0x5555_5555_0000_0000; cpu.r[3] = 7 }
        XCTAssertEqual(count.r(2), 0x5555_5555_FFFF_FFFF)
        XCTAssertEqual(count.r(3), 6)
    }

    func testBranchOnCountTargetFormedBeforeCounting() throws {
        // bctr %r6,%r6 at 0x10000: the target is the old r6 (0x10006), not 0x10005.
        XCTAssertTrue(try taken("bctr %r6,%r6") { $0.r[6] = 0x10006 })
        XCTAssertTrue(try taken("bctgr %r6,%r6") { $0.r[6] = 0x10008 })   // RRE: 4 bytes
        // bct %r6,4(%r6) at 0x10000 (4 bytes): target old r6 + 4 = 0x10008.
        XCTAssertTrue(try taken("bct %r6,4(%r6)") { $0.r[6] = 0x10004 })
    }

    // MARK: Branch on index

    func testBranchOnIndexOddR3() throws {
        // R3 odd: it is both the increment and the compare value.
        let r = try done("""
        .Lloop: sllg %r4,%r4,1
            brxle %r2,%r3,.Lloop
        """) { cpu, _ in cpu.r[2] = 0; cpu.r[3] = 1; cpu.r[4] = 1 }
        XCTAssertEqual(r.r(4), 4)      // sums 1 (≤ 1, branch) and 2 (stop)
        XCTAssertEqual(r.r(2), 2)
        // BXH with R1 = R3 (odd): increment and compare value are the old R3.
        XCTAssertTrue(try taken("brxh %r3,%r3,.Lt") { $0.r[3] = 5 })
    }

    func testBranchOnIndexEvenR3() throws {
        // R3 even: increment in R3, compare value in R3+1.
        let le = try done("""
        .Lloop: sllg %r4,%r4,1
            brxle %r2,%r6,.Lloop
        """) { cpu, _ in cpu.r[2] = 0xAAAA_AAAA_0000_0000; cpu.r[6] = 2; cpu.r[7] = 6; cpu.r[4] = 1 }
        XCTAssertEqual(le.r(4), 16)     // sums 2, 4, 6 branch; 8 stops
        XCTAssertEqual(le.r(2), 0xAAAA_AAAA_0000_0008)
        let h = try done("""
        .Lloop: sllg %r4,%r4,1
            brxh %r2,%r6,.Lloop
        """) { cpu, _ in cpu.r[2] = 0xAAAA_AAAA_0000_000A; cpu.r[6] = 0xFFFF_FFFD; cpu.r[7] = 0; cpu.r[4] = 1 }
        XCTAssertEqual(h.r(4), 16)      // sums 7, 4, 1 branch; -2 stops
        XCTAssertEqual(h.r(2), 0xAAAA_AAAA_FFFF_FFFE)
        // R1 = R3+1: the compare value is read before R1 is replaced (6 > 5: no branch).
        XCTAssertFalse(try taken("brxle %r3,%r2,.Lt") { $0.r[2] = 1; $0.r[3] = 5 })
        XCTAssertTrue(try taken("brxh %r3,%r2,.Lt") { $0.r[2] = 1; $0.r[3] = 5 })
        // Signed comparison: 0x7FFFFFFF + 1 wraps to a negative sum.
        XCTAssertTrue(try taken("brxle %r2,%r6,.Lt") { $0.r[2] = 0x7FFF_FFFF; $0.r[6] = 1; $0.r[7] = 0 })
    }

    func testBranchOnIndexRSForms() throws {
        let bxle = try done("""
            sllg %r4,%r4,1
            bxle %r2,%r6,0(%r8)
        """) { cpu, _ in cpu.r[2] = 0; cpu.r[6] = 1; cpu.r[7] = 2; cpu.r[4] = 1; cpu.r[8] = 0x10000 }
        XCTAssertEqual(bxle.r(4), 8)
        let bxh = try done("""
            sllg %r4,%r4,1
            bxh %r2,%r6,0(%r8)
        """) { cpu, _ in cpu.r[2] = 3; cpu.r[6] = 0xFFFF_FFFF; cpu.r[7] = 0; cpu.r[4] = 1; cpu.r[8] = 0x10000 }
        XCTAssertEqual(bxh.r(4), 8)     // sums 2, 1 branch; 0 stops
        // The branch address is formed before R1 changes: bxh %r8,%r6,0(%r8).
        XCTAssertTrue(try taken("bxh %r8,%r6,8(%r8)") { $0.r[8] = 0x10000; $0.r[6] = 1; $0.r[7] = 0 })
    }

    func testBranchOnIndex64() throws {
        let le = try done("""
        .Lloop: sllg %r4,%r4,1
            brxlg %r2,%r6,.Lloop
        """) { cpu, _ in cpu.r[2] = 1 << 32; cpu.r[6] = 1 << 32; cpu.r[7] = 3 << 32; cpu.r[4] = 1 }
        XCTAssertEqual(le.r(4), 8)
        XCTAssertEqual(le.r(2), 4 << 32)
        let h = try done("""
        .Lloop: sllg %r4,%r4,1
            brxhg %r2,%r6,.Lloop
        """) { cpu, _ in cpu.r[2] = 3 << 32; cpu.r[6] = UInt64(bitPattern: -(1 << 32)); cpu.r[7] = 0; cpu.r[4] = 1 }
        XCTAssertEqual(h.r(4), 8)
        XCTAssertEqual(h.r(2), 0)
        let bxleg = try done("""
            sllg %r4,%r4,1
            bxleg %r2,%r7,0(%r8)
        """) { cpu, _ in cpu.r[2] = 0; cpu.r[7] = 1 << 33; cpu.r[4] = 1; cpu.r[8] = 0x10000 }
        XCTAssertEqual(bxleg.r(4), 4)   // odd R3: sum 2^33 ≤ 2^33 branch, 2^34 stops
        let bxhg = try done("""
            sllg %r4,%r4,1
            bxhg %r2,%r6,0(%r8)
        """) { cpu, _ in cpu.r[2] = 0; cpu.r[6] = 1; cpu.r[7] = 0xFFFF_FFFF; cpu.r[4] = 1; cpu.r[8] = 0x10000 }
        XCTAssertEqual(bxhg.r(4), 2)    // 64-bit: 1 > 0xFFFFFFFF is false
    }

    // MARK: Compare and branch

    func testCompareAndBranchRelative() throws {
        let neg: (VirtualCPU) -> Void = { $0.r[2] = 0x0000_0005_FFFF_FFFF; $0.r[3] = 0x0000_0000_0000_0001 }
        XCTAssertTrue(try taken("crj %r2,%r3,4,.Lt", setup: neg))     // -1 < 1
        XCTAssertFalse(try taken("crj %r2,%r3,2,.Lt", setup: neg))
        XCTAssertFalse(try taken("crj %r2,%r3,8,.Lt", setup: neg))
        XCTAssertFalse(try taken("crj %r2,%r3,0,.Lt", setup: neg))
        XCTAssertFalse(try taken("crj %r2,%r3,1,.Lt", setup: neg))    // bit 3 of M3 is ignored
        XCTAssertTrue(try taken("crj %r2,%r3,14,.Lt", setup: neg))
        XCTAssertTrue(try taken("clrj %r2,%r3,2,.Lt", setup: neg))    // 0xFFFFFFFF > 1
        XCTAssertTrue(try taken("cgrj %r2,%r3,2,.Lt", setup: neg))    // 0x5FFFFFFFF > 1
        XCTAssertTrue(try taken("cgrj %r2,%r3,4,.Lt") { $0.r[2] = 1 << 63; $0.r[3] = 1 })
        XCTAssertTrue(try taken("clgrj %r2,%r3,2,.Lt") { $0.r[2] = 1 << 63; $0.r[3] = 1 })
        XCTAssertTrue(try taken("clgrj %r2,%r3,8,.Lt") { $0.r[2] = 7; $0.r[3] = 7 })
        XCTAssertTrue(try taken("cij %r2,-1,8,.Lt", setup: neg))
        XCTAssertTrue(try taken("cgij %r2,-1,8,.Lt") { $0.r[2] = ~0 })
        XCTAssertTrue(try taken("cgij %r2,-1,2,.Lt") { $0.r[2] = 0xFFFF_FFFF })
        XCTAssertTrue(try taken("clij %r2,255,8,.Lt") { $0.r[2] = 0xFFFF_FFFF_0000_00FF })
        XCTAssertTrue(try taken("clij %r2,255,2,.Lt", setup: neg))    // immediate unsigned: 255, not -1
        XCTAssertFalse(try taken("clij %r2,255,4,.Lt", setup: neg))
        XCTAssertTrue(try taken("clgij %r2,128,4,.Lt") { $0.r[2] = 127 })
        XCTAssertTrue(try taken("clgij %r2,128,2,.Lt") { $0.r[2] = 1 << 32 })
    }

    func testCompareAndBranchRegisterAddress() throws {
        // The instruction (6 bytes) at 0x10000, the oill at 0x10006, .Lt at 0x1000A.
        let neg: (VirtualCPU) -> Void = { $0.r[2] = 0x0000_0005_FFFF_FFFF; $0.r[3] = 1; $0.r[9] = 0x10000 }
        XCTAssertTrue(try taken("crb %r2,%r3,4,10(%r9)", setup: neg))
        XCTAssertFalse(try taken("crb %r2,%r3,10,10(%r9)", setup: neg))
        XCTAssertTrue(try taken("clrb %r2,%r3,2,10(%r9)", setup: neg))
        XCTAssertTrue(try taken("cgrb %r2,%r3,2,10(%r9)", setup: neg))
        XCTAssertTrue(try taken("clgrb %r2,%r3,4,10(%r9)") { $0.r[2] = 0; $0.r[3] = 1; $0.r[9] = 0x10000 })
        XCTAssertTrue(try taken("cib %r2,-1,8,10(%r9)", setup: neg))
        XCTAssertTrue(try taken("cgib %r2,-2,2,10(%r9)") { $0.r[2] = ~0; $0.r[9] = 0x10000 })
        XCTAssertTrue(try taken("clib %r2,1,2,10(%r9)", setup: neg))
        XCTAssertTrue(try taken("clgib %r2,200,8,10(%r9)") { $0.r[2] = 200; $0.r[9] = 0x10000 })
        XCTAssertFalse(try taken("clgib %r2,200,6,10(%r9)") { $0.r[2] = 200; $0.r[9] = 0x10000 })
    }

    func testCompareAndBranchLoop() throws {
        let r = try done("""
        .Lloop: sllg %r4,%r4,1
            srlg %r2,%r2,1
            cgij %r2,0,6,.Lloop
        """) { cpu, _ in cpu.r[2] = 11; cpu.r[4] = 1 }
        XCTAssertEqual(r.r(4), 16)   // 11 → 5 → 2 → 1 → 0
    }

    // MARK: Compare and trap

    private func assertTrap(_ instruction: String, length: UInt64, file: StaticString = #filePath, line: UInt = #line,
                            setup: @escaping (VirtualCPU) -> Void) throws {
        let run = try GuestRun(instruction + "\noill %r5,1") { cpu, _ in cpu.cc = 2; setup(cpu) }
        XCTAssertEqual(run.programCode, 7, instruction, file: file, line: line)
        XCTAssertEqual(run.dxc, 0xFF, instruction, file: file, line: line)
        XCTAssertEqual(run.ilc, UInt16(length), instruction, file: file, line: line)
        XCTAssertEqual(run.oldPSW.address, GuestRun.origin + length, instruction, file: file, line: line)
        XCTAssertEqual(run.cc, 2, instruction, file: file, line: line)
        XCTAssertEqual(run.r(5), 0, instruction, file: file, line: line)
    }

    private func assertNoTrap(_ instruction: String, file: StaticString = #filePath, line: UInt = #line,
                              setup: @escaping (VirtualCPU) -> Void) throws {
        let run = try done(instruction, file: file, line: line) { cpu, _ in cpu.cc = 1; setup(cpu) }
        XCTAssertEqual(run.cc, 1, instruction, file: file, line: line)
    }

    func testCompareAndTrap() throws {
        let eq: (VirtualCPU) -> Void = { $0.r[2] = 0x1_0000_0007; $0.r[3] = 7 }
        try assertTrap("crt %r2,%r3,8", length: 4, setup: eq)
        try assertNoTrap("crt %r2,%r3,6", setup: eq)
        try assertTrap("cgrt %r2,%r3,2", length: 4, setup: eq)
        try assertNoTrap("cgrt %r2,%r3,12", setup: eq)
        try assertTrap("clrt %r2,%r3,2", length: 4) { $0.r[2] = 0xFFFF_FFFF; $0.r[3] = 1 }
        try assertNoTrap("clrt %r2,%r3,4") { $0.r[2] = 0xFFFF_FFFF; $0.r[3] = 1 }
        try assertTrap("crt %r2,%r3,4", length: 4) { $0.r[2] = 0xFFFF_FFFF; $0.r[3] = 1 }
        try assertTrap("clgrt %r2,%r3,4", length: 4) { $0.r[2] = 1; $0.r[3] = 1 << 63 }
        try assertTrap("cit %r2,-1,8", length: 6) { $0.r[2] = 0xFFFF_FFFF }
        try assertNoTrap("cit %r2,-1,8") { $0.r[2] = 0xFFFF_FFFF_0000_0000 }
        try assertTrap("cgit %r2,-1,4", length: 6) { $0.r[2] = UInt64(bitPattern: -2) }
        try assertTrap("clfit %r2,65535,2", length: 6) { $0.r[2] = 0xFFFF_FFFF }
        try assertNoTrap("clfit %r2,65535,4") { $0.r[2] = 0xFFFF_FFFF }
        try assertTrap("clgit %r2,1,8", length: 6) { $0.r[2] = 1 }
        try assertNoTrap("clgit %r2,65535,4") { $0.r[2] = 1 << 32 }
    }

    // MARK: EXECUTE

    func testExecuteModifiesRegisterField() throws {
        // 0x10000 bras %r6 (r6 = 0x10004); 0x10004 target; 0x10008 ex.
        let src = """
            bras %r6,1f
            oill %r0,0x10
        1:  ex %r1,0(%r6)
        """
        let r = try done(src) { cpu, _ in cpu.r[0] = 0x1E0; cpu.r[1] = 0x20 }
        XCTAssertEqual(r.r(2), 0x10)        // oill %r2,0x10
        XCTAssertEqual(r.r(0), 0x1E0)
        XCTAssertEqual(r.cc, 1)
        // R1 = 0: no modification (r0's low byte would have made it %r15).
        let r0 = try done(src.replacingOccurrences(of: "ex %r1", with: "ex %r0")) { cpu, _ in cpu.r[0] = 0x1E0 }
        XCTAssertEqual(r0.r(0), 0x1F0)
        XCTAssertEqual(r0.r(15), 0)
        // An RR target: lr %r0,%r0 becomes lr %r2,%r3.
        let lr = try done("""
            bras %r6,1f
            lr %r0,%r0
        1:  ex %r1,0(%r6)
        """) { cpu, _ in cpu.r[1] = 0x23; cpu.r[3] = 0x1234_5678 }
        XCTAssertEqual(lr.r(2), 0x1234_5678)
    }

    func testExecuteModifiesImmediate() throws {
        let xi = try done("""
            bras %r6,1f
            xi 0(%r7),0x0F
        1:  ex %r1,0(%r6)
        """) { cpu, mem in cpu.r[1] = 0xF0; cpu.r[7] = 0x20000; mem.store(UInt8(0x55), at: 0x20000) }
        XCTAssertEqual(xi.bytes(0x20000, 1), [0xAA])
        XCTAssertEqual(xi.cc, 1)
        let tm = try done("""
            exrl %r1,.Ltm
            j .Lend
        .Ltm: tm 0(%r7),0x00
        .Lend:
        """) { cpu, mem in cpu.r[1] = 0x80; cpu.r[7] = 0x20000; mem.store(UInt8(0x80), at: 0x20000) }
        XCTAssertEqual(tm.cc, 3)
        // The target in storage is unchanged.
        XCTAssertEqual(tm.load(GuestRun.origin + 11, as: UInt8.self), 0x00)
    }

    func testExecuteOfGeneralInstructions() throws {
        guard InstructionSet.shared.definition(mnemonic: "AHI") != nil,
              InstructionSet.shared.definition(mnemonic: "LGHI") != nil else {
            throw XCTSkip("AHI/LGHI are not in this build's instruction set")
        }
        // lghi %r0,5 with 0x30 ORed in: lghi %r3,5; ahi %r0,1 with 0x20: ahi %r2,1.
        let r = try done("""
            exrl %r1,.Llghi
            exrl %r4,.Lahi
            j .Lend
        .Llghi: lghi %r0,5
        .Lahi: ahi %r0,1
        .Lend:
        """) { cpu, _ in cpu.r[1] = 0x30; cpu.r[4] = 0x20; cpu.r[2] = 41; cpu.r[0] = 0x77 }
        XCTAssertEqual(r.r(3), 5)
        XCTAssertEqual(r.r(2), 42)
        XCTAssertEqual(r.r(0), 0x77)
    }

    func testExecuteRelativeLongOfBranchRegister() throws {
        // The "expoline": exrl 0,label with label: br %r1.
        let r = try done("""
            bras %r1,1f
        .Ltarget: oill %r5,2
            j .Lend
        1:  exrl %r0,.Lbr
            oill %r5,1
        .Lbr: br %r1
        .Lend:
        """)
        XCTAssertEqual(r.r(5), 2)
    }

    func testExecuteOfBranchRelativeAndSave() throws {
        // 0x10000 exrl (6); 0x10006 oill 1; 0x1000A j; 0x1000E .Lcall brasl; 0x10014 .Lf; 0x10018 br %r14.
        let r = try done("""
            exrl %r0,.Lcall
            oill %r5,1
            j .Lend
        .Lcall: brasl %r14,.Lf
        .Lf: oill %r5,2
            br %r14
        .Lend:
        """)
        XCTAssertEqual(r.r(14), 0x10006)   // the EXECUTE's next instruction
        XCTAssertEqual(r.r(5), 3)          // .Lf, then back after the EXRL
    }

    func testExecuteOfRelativeBranch() throws {
        // The target's offset is relative to the target, not to the EXRL.
        let r = try done("""
            exrl %r0,.Lj
            oill %r5,1
            j .Lend
        .Lj: j .Lx
            oill %r5,2
        .Lx: oill %r5,4
        .Lend:
        """)
        XCTAssertEqual(r.r(5), 4)
        // Not taken: execution continues after the EXRL.
        let n = try done("""
            exrl %r0,.Lj
            oill %r5,1
            j .Lend
        .Lj: jz .Lx
            oill %r5,2
        .Lx: oill %r5,4
        .Lend:
        """) { cpu, _ in cpu.cc = 1 }
        XCTAssertEqual(n.r(5), 1)
        // Backwards: EX of a BRC to a label before the EX.
        let b = try done("""
            j 2f
        1:  oill %r5,8
            j 3f
        2:  bras %r6,4f
            j 1b
        4:  ex %r0,0(%r6)
            oill %r5,1
        3:
        """)
        XCTAssertEqual(b.r(5), 8)
    }

    func testExecuteOfExecute() throws {
        let ex = try GuestRun("""
            bras %r6,1f
            ex %r0,0(%r6)
        1:  ex %r0,0(%r6)
        """)
        XCTAssertEqual(ex.programCode, 3)
        XCTAssertEqual(ex.ilc, 4)
        XCTAssertEqual(ex.oldPSW.address, 0x1000C)
        let exrl = try GuestRun("""
            exrl %r0,.Lt
            oill %r5,1
        .Lt: exrl %r0,.Lt
        """)
        XCTAssertEqual(exrl.programCode, 3)
        XCTAssertEqual(exrl.ilc, 6)
        XCTAssertEqual(exrl.oldPSW.address, 0x10006)
        XCTAssertEqual(exrl.r(5), 0)
        let mixed = try GuestRun("""
            bras %r6,1f
            exrl %r0,1f
        1:  ex %r0,0(%r6)
        """)
        XCTAssertEqual(mixed.programCode, 3)
        XCTAssertEqual(mixed.ilc, 4)
        // Opcode C6 with another extension (PFDRL) is no execute-type instruction.
        _ = try done("""
            exrl %r0,.Lt
            j .Lend
        .Lt: pfdrl 1,.Lt
        .Lend:
        """)
    }

    /// SVC as an EXECUTE target: the SVC ILC is the EXECUTE's (4 for EX,
    /// 6 for EXRL), the SVC old PSW points past the EXECUTE, and the SVC
    /// number has the R1 bits ORed in.
    func testSupervisorCallUnderExecute() throws {
        let ex = try GuestRun("""
            lghi %r1,0x12
            larl %r2,.Ls
            ex %r1,0(%r2)
            j .Le
        .Ls: svc 0x40
        .Le:
        """)
        XCTAssertEqual(ex.load(0x88, as: UInt16.self), 4)
        XCTAssertEqual(ex.load(0x8A, as: UInt16.self), 0x52)
        XCTAssertEqual(ex.load(0x148, as: UInt64.self), GuestRun.origin + 14)
        let exrl = try GuestRun("""
            exrl %r0,.Ls
            j .Le
        .Ls: svc 7
        .Le:
        """)
        XCTAssertEqual(exrl.load(0x88, as: UInt16.self), 6)
        XCTAssertEqual(exrl.load(0x8A, as: UInt16.self), 7)
        XCTAssertEqual(exrl.load(0x148, as: UInt64.self), GuestRun.origin + 6)
        let plain = try GuestRun("nopr 0\nsvc 9")
        XCTAssertEqual(plain.load(0x88, as: UInt16.self), 2)
        XCTAssertEqual(plain.load(0x148, as: UInt64.self), GuestRun.origin + 4)
    }

    func testExecuteTargetAtOddAddress() throws {
        let r = try GuestRun("""
            bras %r6,1f
            oill %r5,1
        1:  ex %r0,1(%r6)
        """)
        XCTAssertEqual(r.programCode, 6)
        XCTAssertEqual(r.ilc, 4)
        XCTAssertEqual(r.oldPSW.address, 0x1000C)
        XCTAssertEqual(r.r(5), 0)
    }

    func testInterruptionInExecuteTargetDescribesExecute() throws {
        // Trap in the target: ILC and old PSW of the EXECUTE.
        let ex = try GuestRun("""
            bras %r6,1f
            crt %r2,%r2,8
        1:  ex %r0,0(%r6)
        """)
        XCTAssertEqual(ex.programCode, 7)
        XCTAssertEqual(ex.dxc, 0xFF)
        XCTAssertEqual(ex.ilc, 4)
        XCTAssertEqual(ex.oldPSW.address, 0x1000C)
        let exrl = try GuestRun("""
            j 1f
        .Lt: cgit %r2,0,8
        1:  exrl %r0,.Lt
        """)
        XCTAssertEqual(exrl.programCode, 7)
        XCTAssertEqual(exrl.ilc, 6)
        XCTAssertEqual(exrl.oldPSW.address, 0x10010)   // j 4, cgit 6, exrl 6
        XCTAssertEqual(exrl.cpu.ia, 0x1000A)            // restored to the EXRL
        // An undefined target: operation exception for the EXECUTE.
        let op = try GuestRun("""
            bras %r6,1f
            .short 0
            .short 0x0707
        1:  ex %r0,0(%r6)
        """)
        XCTAssertEqual(op.programCode, 1)
        XCTAssertEqual(op.ilc, 4)
        XCTAssertEqual(op.oldPSW.address, 0x1000C)
        // Overflow (completing) in the target: result stored, old PSW after the EX.
        let sla = try GuestRun("""
            bras %r6,1f
            sla %r2,31
        1:  ex %r0,0(%r6)
        """) { cpu, _ in cpu.mask |= 1 << 43; cpu.r[2] = 1 }
        XCTAssertEqual(sla.programCode, 8)
        XCTAssertEqual(sla.ilc, 4)
        XCTAssertEqual(sla.oldPSW.address, 0x1000C)
        XCTAssertEqual(sla.cc, 3)
    }

    func testExecuteTargetFetchAddressing() throws {
        let r = try GuestRun("ex %r0,0(%r6)") { cpu, _ in cpu.r[6] = 0x7F_0000 }
        XCTAssertEqual(r.programCode, 5)
        XCTAssertEqual(r.ilc, 4)
    }

    func testExecuteOfBranchAndLinkIn24BitMode() throws {
        // 0x10000 bras; 0x10004 target bal %r14,0(%r9); 0x10008 ex; 0x1000C oill; 0x10010 .Lend.
        let ex = try done("""
            bras %r6,1f
            bal %r14,0(%r9)
        1:  ex %r0,0(%r6)
            oill %r5,1
        .Lend:
        """) { cpu, _ in
            cpu.loadPSW(Self.mode24); cpu.cc = 1; cpu.r[9] = 0x10010; cpu.r[14] = 0x7777_7777_0000_0000
        }
        // ILC 2 (EX), cc 1, program mask 0: 10 01 0000 = 0x90; the EX's next address.
        XCTAssertEqual(ex.r(14), 0x7777_7777_9001_000C)
        XCTAssertEqual(ex.r(5), 0)
        // EXRL of BALR: ILC 3. 0x10000 exrl (6); 0x10006 oill; 0x1000A j; 0x1000E .Lt; 0x10010 .Lend.
        let exrl = try done("""
            exrl %r0,.Lt
            oill %r5,1
            j .Lend
        .Lt: balr %r14,%r9
        .Lend:
        """) { cpu, _ in cpu.loadPSW(Self.mode24); cpu.cc = 3; cpu.mask |= 0x5 << 40; cpu.r[9] = 0x10010 }
        XCTAssertEqual(exrl.r(14), 0xF501_0006)
        XCTAssertEqual(exrl.r(5), 0)
        // 31-bit mode: BAS under EX links the address after the EX, bit 32 on.
        let bas = try done("""
            bras %r6,1f
            bas %r14,0(%r9)
        1:  ex %r0,0(%r6)
            oill %r5,1
        .Lend:
        """) { cpu, _ in cpu.loadPSW(Self.mode31); cpu.r[9] = 0x10010 }
        XCTAssertEqual(bas.r(14), 0x8001_000C)
    }

    // MARK: Addressing modes

    func testSetAddressingMode() throws {
        var r = try done("sam31")
        XCTAssertEqual(r.oldPSW.mask & Self.eaba, PSW.basicAddressing)
        r = try done("sam24")
        XCTAssertEqual(r.oldPSW.mask & Self.eaba, 0)
        r = try done("sam64") { cpu, _ in cpu.loadPSW(Self.mode24) }
        XCTAssertEqual(r.oldPSW.mask & Self.eaba, Self.eaba)
        r = try done("sam31") { cpu, _ in cpu.loadPSW(Self.mode24); cpu.cc = 2 }
        XCTAssertEqual(r.oldPSW.mask & Self.eaba, PSW.basicAddressing)
        XCTAssertEqual(r.cc, 2)
        // The new mode applies to the following branch: 0x10000 sam31, 0x10002 br, 0x10004 oill, 0x10008 .Lt.
        XCTAssertTrue(try taken("sam31\nbr %r6") { $0.r[6] = 0xFFFF_FFFF_8001_0008 })
        XCTAssertTrue(try taken("sam24\nbr %r6") { $0.r[6] = 0xFFFF_FFFF_FF01_0008 })
    }

    func testSetAddressingModeSpecification() throws {
        // SAM24 at 0x1010000: the updated address 0x1010002 needs 25 bits.
        let r = try GuestRun("nopr", memory: 32 << 20) { cpu, mem in
            mem.write([0x01, 0x0C, 0x00, 0x00], at: 0x101_0000)
            cpu.loadPSW(PSW(mask: 0x0000_0001_8000_0000, address: 0x101_0000))
        }
        XCTAssertEqual(r.programCode, 6)
        XCTAssertEqual(r.ilc, 2)
        XCTAssertEqual(r.oldPSW.address, 0x101_0002)
        XCTAssertEqual(r.oldPSW.mask & Self.eaba, Self.eaba)
        // SAM31 there is fine; SAM31 above 2 GiB is not.
        let ok = try GuestRun("nopr", memory: 32 << 20) { cpu, mem in
            mem.write([0x01, 0x0D, 0x00, 0x00], at: 0x101_0000)
            cpu.loadPSW(PSW(mask: 0x0000_0001_8000_0000, address: 0x101_0000))
        }
        XCTAssertEqual(ok.programCode, 1)
        XCTAssertEqual(ok.oldPSW.address, 0x101_0004)
        XCTAssertEqual(ok.oldPSW.mask & Self.eaba, PSW.basicAddressing)
        let high = try GuestRun("nopr", memory: (2 << 30) + (1 << 20)) { cpu, mem in
            mem.write([0x01, 0x0D, 0x00, 0x00], at: 0x8000_0000)
            cpu.loadPSW(PSW(mask: 0x0000_0001_8000_0000, address: 0x8000_0000))
        }
        XCTAssertEqual(high.programCode, 6)
        XCTAssertEqual(high.oldPSW.address, 0x8000_0002)
        XCTAssertEqual(high.oldPSW.mask & Self.eaba, Self.eaba)
    }

    func testBranchAndSetMode() throws {
        // 0x10000 bras (r3 = 0x10004); 0x10004 j .Lend; 0x10008 oilf; 0x1000E bsm; 0x10010 oill; 0x10014 .Lend.
        let to31 = try done("""
            bras %r3,1f
            j .Lend
        1:  oilf %r3,0x80000000
            bsm %r2,%r3
            oill %r5,1
        .Lend:
        """) { cpu, _ in cpu.r[2] = 0x1234 }
        XCTAssertEqual(to31.r(2), 0x1235)                          // 64-bit mode: bit 63 set
        XCTAssertEqual(to31.oldPSW.mask & Self.eaba, PSW.basicAddressing)
        XCTAssertEqual(to31.r(5), 0)
        let to64 = try done("""
            bras %r3,1f
            j .Lend
        1:  nilf %r3,0x7FFFFFFF
            oill %r3,1
            bsm %r2,%r3
            oill %r5,1
        .Lend:
        """) { cpu, _ in cpu.loadPSW(Self.mode31); cpu.r[2] = 0x1234; cpu.r[3] = 0 }
        XCTAssertEqual(to64.r(2), 0x8000_1234)                     // 31-bit mode: bit 32 = BA = 1
        XCTAssertEqual(to64.oldPSW.mask & Self.eaba, Self.eaba)
        XCTAssertEqual(to64.r(5), 0)
        // To the 24-bit mode: bit 32 and bit 63 zero; the address keeps 24 bits.
        XCTAssertTrue(try taken("bsm %r0,%r3") { $0.r[3] = 0xFFFF_FFFF_7F01_0006 })
        // R2 = 0: mode bit into R1 only, no branch, no mode change.
        let only = try done("bsm %r2,%r0") { cpu, _ in cpu.loadPSW(Self.mode24); cpu.r[2] = ~0; cpu.r[0] = 0x10006 }
        XCTAssertEqual(only.r(2), 0xFFFF_FFFF_7FFF_FFFF)
        XCTAssertEqual(only.oldPSW.mask & Self.eaba, 0)
        let only31 = try done("bsm %r2,%r0") { cpu, _ in cpu.loadPSW(Self.mode31); cpu.r[2] = 0x10 }
        XCTAssertEqual(only31.r(2), 0x8000_0010)
    }

    func testBranchAndSaveAndSetMode() throws {
        // bassm at 0x10000 (2 bytes), oill at 0x10002, .Lt at 0x10006.
        let from31 = try done("""
            bassm %r14,%r3
            oill %r5,1
        .Lt: oill %r5,2
        """) { cpu, _ in cpu.loadPSW(Self.mode31); cpu.r[3] = 0x10007; cpu.r[14] = 0x5555_5555_0000_0000 }
        XCTAssertEqual(from31.r(14), 0x5555_5555_8001_0002)
        XCTAssertEqual(from31.r(5), 2)
        XCTAssertEqual(from31.oldPSW.mask & Self.eaba, Self.eaba)
        let from64 = try done("""
            bassm %r14,%r3
            oill %r5,1
        .Lt: oill %r5,2
        """) { cpu, _ in cpu.r[3] = 0x8001_0006 }
        XCTAssertEqual(from64.r(14), 0x10003)                       // bit 63 one
        XCTAssertEqual(from64.oldPSW.mask & Self.eaba, PSW.basicAddressing)
        let from24 = try done("bassm %r14,%r0") { cpu, _ in cpu.loadPSW(Self.mode24); cpu.r[14] = ~0 }
        XCTAssertEqual(from24.r(14), 0xFFFF_FFFF_0001_0002)
        XCTAssertEqual(from24.oldPSW.mask & Self.eaba, 0)
    }

    func testPrefetchIsANoOp() throws {
        let r = try done("""
            pfd 1,0(%r2)
            pfd 2,-8(%r2,%r3)
            pfdrl 1,.Lx
        .Lx:
        """) { cpu, _ in cpu.r[2] = 0x7F_FFFF_0000; cpu.r[3] = 0x1234; cpu.cc = 2 }
        XCTAssertEqual(r.cc, 2)
    }

    // MARK: Table

    func testEveryBranchMnemonicDecodes() throws {
        try assertDecodes("""
            bc 1,4(%r2,%r3)
            bcr 1,%r2
            brc 1,.
            brcl 1,.
            bal %r1,4(%r2,%r3)
            balr %r1,%r2
            bas %r1,4(%r2,%r3)
            basr %r1,%r2
            bras %r1,.
            brasl %r1,.
            bct %r1,4(%r2,%r3)
            bctr %r1,%r2
            bctg %r1,4(%r2,%r3)
            bctgr %r1,%r2
            brct %r1,.
            brctg %r1,.
            brcth %r1,.
            bxh %r1,%r2,4(%r3)
            bxhg %r1,%r2,4(%r3)
            bxle %r1,%r2,4(%r3)
            bxleg %r1,%r2,4(%r3)
            brxh %r1,%r2,.
            brxhg %r1,%r2,.
            brxle %r1,%r2,.
            brxlg %r1,%r2,.
            crj %r1,%r2,2,.
            cgrj %r1,%r2,2,.
            cij %r1,5,2,.
            cgij %r1,5,2,.
            clrj %r1,%r2,2,.
            clgrj %r1,%r2,2,.
            clij %r1,5,2,.
            clgij %r1,5,2,.
            crb %r1,%r2,2,4(%r3)
            cgrb %r1,%r2,2,4(%r3)
            cib %r1,5,2,4(%r3)
            cgib %r1,5,2,4(%r3)
            clrb %r1,%r2,2,4(%r3)
            clgrb %r1,%r2,2,4(%r3)
            clib %r1,5,2,4(%r3)
            clgib %r1,5,2,4(%r3)
            crt %r1,%r2,2
            cgrt %r1,%r2,2
            cit %r1,5,2
            cgit %r1,5,2
            clrt %r1,%r2,2
            clgrt %r1,%r2,2
            clfit %r1,5,2
            clgit %r1,5,2
            ex %r1,4(%r2,%r3)
            exrl %r1,.
            bsm %r1,%r2
            bassm %r1,%r2
            sam24
            sam31
            sam64
            pfd 1,4(%r2,%r3)
            pfdrl 1,.
        """)
    }

    func testBranchFlags() {
        let notBranches: Set<String> = ["EX", "EXRL", "SAM24", "SAM31", "SAM64", "PFD", "PFDRL",
                                        "CRT", "CGRT", "CIT", "CGIT", "CLRT", "CLGRT", "CLFIT", "CLGIT"]
        for d in branchInstructions {
            XCTAssertEqual(d.flags.contains(.branch), !notBranches.contains(d.mnemonic), d.mnemonic)
            XCTAssertFalse(d.flags.contains(.privileged), d.mnemonic)
        }
        for d in logicalInstructions { XCTAssertTrue(d.flags.isEmpty, d.mnemonic) }
    }
}
