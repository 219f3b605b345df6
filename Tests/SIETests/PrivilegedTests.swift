import XCTest
@testable import SIE

/// DAT and the privileged instructions around it: the cases behind the fixes
/// found by guest/tests/dat.c and privileged_differs.c. Expected values come
/// from the Principles of Operation (chapter 3, and LRA, TPROT, MVCOS, SAC).
///
/// Tables (absolute): a segment table at 0x20000 (table length 0: 512
/// entries), segment 0 identity-mapped through the page table at 0x21000
/// (the snippet runs there with DAT on), segment 1 through the page table at
/// 0x21800 whose page 0 is frame 0x30000; the other entries are invalid.
final class PrivilegedTests: XCTestCase {
    static let st: UInt64 = 0x20000
    static let pt0: UInt64 = 0x21000
    static let pt1: UInt64 = 0x21800
    static let frame: UInt64 = 0x30000

    static func tables(_ mem: GuestMemory, segment1Common: Bool = false) {
        for i in 0..<UInt64(512) { mem.store(UInt64(0x20), at: st + i * 8) }
        for p in 0..<UInt64(256) {
            mem.store(p << 12, at: pt0 + p * 8)
            mem.store(UInt64(0x400), at: pt1 + p * 8)
        }
        mem.store(pt0, at: st)
        mem.store(pt1 | (segment1Common ? 0x10 : 0), at: st + 8)
        mem.store(frame, at: pt1)
        mem.store(UInt64(0x1122_3344_5566_7788), at: frame)
    }

    func testCommonSegmentInPrivateSpaceIsTranslationSpecification() throws {
        let src = """
            stosm 0x300,0x04
            lg %r2,0(%r3)
        """
        let run = try GuestRun(src) { cpu, mem in
            PrivilegedTests.tables(mem, segment1Common: true)
            cpu.cr[1] = PrivilegedTests.st | 0x100       // private space
            cpu.r[3] = 0x100000
        }
        XCTAssertEqual(run.programCode, 0x12)
        XCTAssertEqual(run.oldPSW.address, GuestRun.origin + 4 + 6)   // suppressed: after the LG
        let shared = try GuestRun(src) { cpu, mem in
            PrivilegedTests.tables(mem, segment1Common: true)
            cpu.cr[1] = PrivilegedTests.st               // not private: the common bit is fine
            cpu.r[3] = 0x100000
        }
        XCTAssertTrue(shared.finished)
        XCTAssertEqual(shared.r(2), 0x1122_3344_5566_7788)
    }

    /// LRAG: cc 1 and 2 with the entry's address, cc 3 with the entry's
    /// address (table length) or the interruption code with bit 32 (ASCE
    /// type), bits 0-31 left alone then; DAT may be off.
    func testLoadRealAddressConditionCodes() throws {
        let run = try GuestRun("""
            lrag %r2,0(%r6)
            ipm %r7
            lrag %r3,0(%r8)
            ipm %r9
            lrag %r4,0(%r10)
            ipm %r11
            lrag %r5,0(%r12)
            ipm %r13
            lra %r1,0(%r14)
        """) { cpu, mem in
            PrivilegedTests.tables(mem)
            cpu.cr[1] = PrivilegedTests.st
            cpu.r[6] = 0x300000              // segment 3 invalid
            cpu.r[8] = 0x107000              // segment 1, page 7 invalid
            cpu.r[10] = 0x2000_0000          // segment index 512 > table length 0
            cpu.r[4] = 0xAAAA_AAAA_0000_0000
            cpu.r[12] = 0x8000_0000          // needs a region table: ASCE type
            cpu.r[5] = 0xBBBB_BBBB_0000_0000
            cpu.r[14] = 0x100123             // LRA in the 64-bit mode: 64 bits
            cpu.r[1] = 0xFFFF_FFFF_FFFF_FFFF
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.r(7) >> 28 & 3, 1)
        XCTAssertEqual(run.r(2), PrivilegedTests.st + 3 * 8)
        XCTAssertEqual(run.r(9) >> 28 & 3, 2)
        XCTAssertEqual(run.r(3), PrivilegedTests.pt1 + 7 * 8)
        XCTAssertEqual(run.r(11) >> 28 & 3, 3)
        XCTAssertEqual(run.r(4), 0xAAAA_AAAA_0000_0000 | (PrivilegedTests.st + 512 * 8))
        XCTAssertEqual(run.r(13) >> 28 & 3, 3)
        XCTAssertEqual(run.r(5), 0xBBBB_BBBB_8000_0038)
        XCTAssertEqual(run.r(1), PrivilegedTests.frame + 0x123)
    }

    func testTestProtectionASCETypeIsConditionCode3() throws {
        let run = try GuestRun("""
            stosm 0x300,0x04
            tprot 0(%r3),0
            ipm %r4
            stnsm 0x300,0xfb
        """) { cpu, mem in
            PrivilegedTests.tables(mem)
            cpu.cr[1] = PrivilegedTests.st
            cpu.r[3] = 0x8000_0000
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.r(4) >> 28 & 3, 3)
    }

    func testMoveWithOptionalSpecificationsSpecialOperations() throws {
        // DAT off
        let off = try GuestRun("mvcos 0(%r2),0(%r3),%r4") { cpu, _ in
            cpu.r[0] = 0; cpu.r[2] = 0x20000; cpu.r[3] = 0x20100; cpu.r[4] = 8
        }
        XCTAssertEqual(off.programCode, 0x13)
        // the secondary space named with CR0 bit 37 zero
        let secondary = try GuestRun("""
            stosm 0x300,0x04
            mvcos 0(%r2),0(%r3),%r4
        """) { cpu, mem in
            PrivilegedTests.tables(mem)
            cpu.cr[1] = PrivilegedTests.st; cpu.cr[7] = PrivilegedTests.st
            cpu.r[0] = 0x0081_0001           // operand 1 secondary, operand 2 primary
            cpu.r[2] = 0x20000; cpu.r[3] = 0x20100; cpu.r[4] = 8
        }
        XCTAssertEqual(secondary.programCode, 0x13)
    }

    func testSetAddressSpaceControlSpecialOperations() throws {
        let datOff = try GuestRun("sacf 0") { cpu, _ in cpu.cr[0] |= 0x0400_0000 }
        XCTAssertEqual(datOff.programCode, 0x13)
        XCTAssertEqual(datOff.oldPSW.address, GuestRun.origin + 4)
        let noSSC = try GuestRun("""
            stosm 0x300,0x04
            sacf 0
        """) { cpu, mem in
            PrivilegedTests.tables(mem)
            cpu.cr[1] = PrivilegedTests.st
        }
        XCTAssertEqual(noSSC.programCode, 0x13)
        let home = try GuestRun("""
            stosm 0x300,0x04
            sacf 768
            sacf 0
            stnsm 0x300,0xfb
        """) { cpu, mem in
            PrivilegedTests.tables(mem)
            cpu.cr[0] |= 0x0400_0000
            cpu.cr[1] = PrivilegedTests.st; cpu.cr[13] = PrivilegedTests.st
        }
        XCTAssertTrue(home.finished)
    }

    /// IDTE: bits 44-51 of R2 must be zero (specification, nothing invalidated).
    func testInvalidateDATTableEntrySpecification() throws {
        let run = try GuestRun("idte %r2,0,%r3") { cpu, mem in
            PrivilegedTests.tables(mem)
            cpu.r[2] = PrivilegedTests.st
            cpu.r[3] = 0x101000
        }
        XCTAssertEqual(run.programCode, 0x06)
        XCTAssertEqual(run.load(PrivilegedTests.st + 8, as: UInt64.self), PrivilegedTests.pt1)
        let ok = try GuestRun("idte %r2,0,%r3") { cpu, mem in
            PrivilegedTests.tables(mem)
            cpu.r[2] = PrivilegedTests.st
            cpu.r[3] = 0x100000
        }
        XCTAssertTrue(ok.finished)
        XCTAssertEqual(ok.load(PrivilegedTests.st + 8, as: UInt64.self), PrivilegedTests.pt1 | 0x20)
    }

    /// Low-address protection in the home space: the TEC names the space (3).
    func testLowAddressProtectionTECNamesTheSpace() throws {
        let run = try GuestRun("""
            stosm 0x300,0x04
            sacf 768
            mvi 0x100,1
        """) { cpu, mem in
            PrivilegedTests.tables(mem)
            cpu.cr[0] |= 0x0400_0000 | 0x1000_0000
            cpu.cr[1] = PrivilegedTests.st; cpu.cr[13] = PrivilegedTests.st
        }
        XCTAssertEqual(run.programCode, 0x04)
        XCTAssertEqual(run.tec, 0x400 | 0x80 | 3)
    }
}
