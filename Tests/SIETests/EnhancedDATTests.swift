import XCTest
@testable import SIE

/// Enhanced DAT 1 (facility 8): 1 MB segment frames, DAT protection in
/// region entries, and the key-setting instructions that come with it and
/// with conditional SSKE (facility 10): SSKE's conditional and
/// multiple-block forms, PFMF. Expected values from the Principles of
/// Operation as KVM (arch/s390/kvm/priv.c, gaccess.c) implements them.
///
/// Tables: the segment table of PrivilegedTests (segment 0 identity-mapped
/// by 4 KiB pages), plus segment 2 as a large frame at absolute 0x400000
/// and segment 3 as a DAT-protected large frame at 0x500000.
final class EnhancedDATTests: XCTestCase {
    static let largeFrame: UInt64 = 0x40_0000
    static let protectedFrame: UInt64 = 0x50_0000

    /// CR0 with EDAT-1 on (bit 40).
    static let cr0EDAT: UInt64 = 0x0080_0000

    static func tables(_ mem: GuestMemory) {
        PrivilegedTests.tables(mem)
        // FC (0x400), with "ACC" bits set but AV off: must be ignored.
        mem.store(largeFrame | 0x3000 | 0x400, at: PrivilegedTests.st + 2 * 8)
        mem.store(protectedFrame | 0x400 | 0x200, at: PrivilegedTests.st + 3 * 8)
        mem.store(UInt64(0xAAAA_BBBB_CCCC_DDDD), at: largeFrame + 0x5_4320)
    }

    private func dat(_ source: String, edat: Bool = true, memory: UInt64 = 8 << 20,
                     setup: @escaping (VirtualCPU) -> Void = { _ in }) throws -> GuestRun {
        try GuestRun("    stosm 0x300,0x04\n" + source, memory: memory) { cpu, mem in
            EnhancedDATTests.tables(mem)
            cpu.cr[1] = PrivilegedTests.st
            cpu.cr[0] |= edat ? EnhancedDATTests.cr0EDAT : 0
            setup(cpu)
        }
    }

    func testLargeFrameTranslation() throws {
        let run = try dat("""
            lg %r2,0(%r3)
            stg %r2,8(%r3)
            lrag %r4,0(%r3)
            ipm %r5
        """) { $0.r[3] = 0x25_4320 }
        XCTAssertTrue(run.finished, "code \(run.programCode)")
        XCTAssertEqual(run.r(2), 0xAAAA_BBBB_CCCC_DDDD)
        XCTAssertEqual(run.load(EnhancedDATTests.largeFrame + 0x5_4328, as: UInt64.self), 0xAAAA_BBBB_CCCC_DDDD)
        XCTAssertEqual(run.r(4), EnhancedDATTests.largeFrame + 0x5_4320)
        XCTAssertEqual((run.r(5) >> 28) & 3, 0)
        // The store set R and C in the key of the 4 KiB block it touched only.
        XCTAssertEqual(run.vm.storageKeys[Int((EnhancedDATTests.largeFrame + 0x5_4000) >> 12)] & 0x06, 0x06)
        XCTAssertEqual(run.vm.storageKeys[Int((EnhancedDATTests.largeFrame + 0x6_4000) >> 12)] & 0x06, 0)
    }

    /// Without CR0 bit 40 the format-control bit is ignored: the entry's
    /// origin is a page table (here zeros: page 0x54 of it maps frame 0).
    func testFormatControlIgnoredWithoutCR0Bit() throws {
        let run = try dat("lrag %r4,0(%r3)", edat: false) { $0.r[3] = 0x25_4320 }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.r(4), 0x320)
    }

    /// A segment frame's address is absolute: prefixing does not apply
    /// (KVM; QEMU and Hercules prefix it). Segment 4 maps absolute 0.
    func testLargeFrameIsNotPrefixed() throws {
        let prefix: UInt64 = 0x7_0000
        let run = try dat("lg %r2,0(%r3)") { cpu in
            let mem = cpu.vm.memory
            mem.store(UInt64(0x400), at: PrivilegedTests.st + 4 * 8)
            mem.store(UInt64(0xA), at: 0x1000)
            mem.store(UInt64(0xB), at: prefix + 0x1000)
            // The snippet's interruption PSWs, in the prefix area too.
            for offset in stride(from: UInt64(0x1A0), to: 0x200, by: 8) {
                mem.store(mem.load(offset)! as UInt64, at: prefix + offset)
            }
            cpu.prefix = prefix
            cpu.r[3] = 0x40_1000
        }
        XCTAssertEqual(run.load(prefix + 0x8E, as: UInt16.self), 1, "ran to the end")
        XCTAssertEqual(run.r(2), 0xA)
    }

    func testProtectedLargeFrame() throws {
        let run = try dat("""
            lg %r2,0(%r3)
            stg %r2,0(%r3)
        """) { $0.r[3] = 0x30_0010 }
        XCTAssertEqual(run.programCode, 0x04)
        XCTAssertEqual(run.tec & 0x4, 0x4, "DAT protection: TEC bit 61")
        XCTAssertEqual(run.tec & ~0xFFF, 0x30_0000)
        XCTAssertEqual(run.oldPSW.address, GuestRun.origin + 4 + 6 + 6)   // suppressed: after the STG
    }

    /// Under EDAT-1 a region-third entry's protection bit protects what it maps.
    func testRegionEntryProtection() throws {
        let r3t: UInt64 = 0x60000
        let src = """
            lg %r2,0(%r3)
            stg %r2,0(%r3)
        """
        func setup(_ protect: Bool) -> (VirtualCPU) -> Void {
            return { cpu in
                let mem = cpu.vm.memory
                for i in 0..<UInt64(2048) { mem.store(UInt64(0x24), at: r3t + i * 8) }   // invalid, type 01
                mem.store(PrivilegedTests.st | 0x04 | (protect ? 0x200 : 0), at: r3t)      // region third → segment table
                cpu.cr[1] = r3t | 0x04 | 3                                                 // region-third ASCE, length 3
                cpu.r[3] = 0x20_0010
            }
        }
        let protected = try dat(src, setup: setup(true))
        XCTAssertEqual(protected.programCode, 0x04)
        XCTAssertEqual(protected.tec & 0x4, 0x4)
        let open = try dat(src, setup: setup(false))
        XCTAssertTrue(open.finished, "code \(open.programCode)")
    }

    // MARK: SSKE

    /// The conditional form: R1 bits 48-55 get the old key; cc 0 when ACC
    /// and F (and R, C unless masked) are already equal, else the key is
    /// set and cc 1.
    func testConditionalSSKE() throws {
        let run = try GuestRun("""
            sske %r2,%r6              # key 0x36 (ACC 3, R, C)
            lgr %r3,%r2
            sske %r3,%r6,6            # same ACC/F, R and C masked: not set, cc 0
            ipm %r7
            lghi %r4,0x30
            sske %r4,%r6,4            # R masked, C differs: set, cc 1
            ipm %r8
            iske %r9,%r6
            lghi %r5,0x50
            sske %r5,%r6,2            # ACC differs: set, cc 1
            ipm %r10
            iske %r11,%r6
        """) { cpu, _ in
            cpu.r[2] = 0x36
            cpu.r[6] = 0x30_0000
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.r(3), 0x3636, "old key in bits 48-55")
        XCTAssertEqual((run.r(7) >> 28) & 3, 0)
        XCTAssertEqual(run.r(4), 0x3630)
        XCTAssertEqual((run.r(8) >> 28) & 3, 1)
        XCTAssertEqual(run.r(9) & 0xFF, 0x30)
        XCTAssertEqual(run.r(5), 0x3050)
        XCTAssertEqual((run.r(10) >> 28) & 3, 1)
        XCTAssertEqual(run.r(11) & 0xFF, 0x50)
    }

    /// Without MR/MC the CC is unchanged and R1 is left alone.
    func testUnconditionalSSKELeavesCC() throws {
        let run = try GuestRun("""
            lghi %r0,1
            ltgr %r0,%r0              # cc 2
            sske %r2,%r6
        """) { cpu, _ in
            cpu.r[2] = 0x10
            cpu.r[6] = 0x30_0000
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 2)
        XCTAssertEqual(run.r(2), 0x10)
    }

    /// The multiple-block form: every block from R2 to the 1 MB boundary,
    /// absolute; R2 then holds the boundary (low 12 bits kept).
    func testMultipleBlockSSKE() throws {
        let run = try GuestRun("""
            sske %r2,%r6,1
            iske %r3,%r7
            iske %r4,%r8
            iske %r5,%r9
        """) { cpu, _ in
            cpu.r[2] = 0x40
            cpu.r[6] = 0x30_E004
            cpu.r[7] = 0x30_E000
            cpu.r[8] = 0x3F_F000
            cpu.r[9] = 0x30_D000
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.r(6), 0x40_0004)
        XCTAssertEqual(run.r(3) & 0xFF, 0x40)
        XCTAssertEqual(run.r(4) & 0xFF, 0x40)
        XCTAssertEqual(run.r(5) & 0xFF, 0, "the block before R2 is left alone")
    }

    /// In the 31-bit mode only bits 32-51 of R2 are replaced.
    func testMultipleBlockSSKEIn31BitMode() throws {
        let run = try GuestRun("""
            sam31
            sske %r2,%r6,1
            sam64
        """) { cpu, _ in
            cpu.r[2] = 0x40
            cpu.r[6] = 0xFFFF_FFFF_8000_1004
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.r(6), 0xFFFF_FFFF_0010_0004)
    }

    /// The conditional form over several blocks ends with cc 3.
    func testConditionalMultipleBlockSSKEIsCC3() throws {
        let run = try GuestRun("""
            sske %r2,%r6,5
            ipm %r7
        """) { cpu, _ in
            cpu.r[2] = 0x20
            cpu.r[6] = 0x3F_E000
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual((run.r(7) >> 28) & 3, 3)
        XCTAssertEqual(run.r(6), 0x40_0000)
        XCTAssertEqual(run.vm.storageKeys[0x3FF], 0x20)
    }

    // MARK: PFMF

    /// Clear a 1 MB frame and set its keys; R2 designates the next frame.
    func testPFMFClearsAndSetsKeys1M() throws {
        let run = try GuestRun("""
            pfmf %r2,%r6
        """) { cpu, mem in
            cpu.r[2] = 0x0003_1060        // SK, CF, FSC 1, key 0x60
            cpu.r[6] = 0x3F_0000
            mem.store(UInt64(0x1234), at: 0x3F_8000)
            mem.store(UInt64(0x5678), at: 0x3E_F000)
        }
        XCTAssertTrue(run.finished, "code \(run.programCode)")
        XCTAssertEqual(run.r(6), 0x40_0000)
        XCTAssertEqual(run.load(0x3F_8000, as: UInt64.self), 0)
        XCTAssertEqual(run.load(0x3E_F000, as: UInt64.self), 0x5678, "before the start: untouched")
        XCTAssertEqual(run.vm.storageKeys[0x3F8], 0x60)
    }

    /// A 4 KiB frame is a real address: prefixing applies.
    func testPFMF4KIsPrefixed() throws {
        let run = try GuestRun("""
            pfmf %r2,%r6
        """) { cpu, _ in
            cpu.r[2] = 0x0002_0070        // SK, FSC 0, key 0x70
            cpu.r[6] = 0x1000             // real page 1 → absolute prefix + 0x1000
            cpu.prefix = 0x20_0000
        }
        XCTAssertEqual(run.vm.storageKeys[0x201], 0x70)
        XCTAssertEqual(run.vm.storageKeys[0x1], 0)
    }

    func testPFMFSpecificationExceptions() throws {
        for controls: UInt64 in [0x0004_0000, 0x0000_0001, 0x0002_2000, 0x0002_3000] {
            let run = try GuestRun("pfmf %r2,%r6") { cpu, _ in
                cpu.r[2] = controls
                cpu.r[6] = 0x30_0000
            }
            XCTAssertEqual(run.programCode, 0x06, "controls \(String(controls, radix: 16))")
        }
    }

    /// Not offered without facility 8: an operation exception.
    func testPFMFNeedsEDAT1() throws {
        let run = try GuestRun("pfmf %r2,%r6") { cpu, _ in
            var model = MachineModel()
            model.facilities[0] &= ~(UInt64(1) << (63 - 8))
            cpu.vm.model = model
            cpu.r[2] = 0x0002_0070
        }
        XCTAssertEqual(run.programCode, 0x01)
    }
}
