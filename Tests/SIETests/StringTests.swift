import XCTest
@testable import SIE

/// PSW masks for the three addressing modes (supervisor state, DAT off).
private let mode64: UInt64 = 0x0000_0001_8000_0000
private let mode31: UInt64 = 0x0000_0000_8000_0000
private let mode24: UInt64 = 0

private func pattern(_ n: Int, seed: Int = 0) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ seed &+ 1) } }

final class StringTests: XCTestCase {
    // MARK: MVC

    func testMVC() throws {
        let run = try GuestRun(padded: "mvc 0(16,%r2),0(%r3)") { cpu, mem in
            cpu.r[2] = 0x20100; cpu.r[3] = 0x20000
            mem.write(pattern(17), at: 0x20000)
            mem.write([UInt8](repeating: 0xEE, count: 17), at: 0x20100)
        }
        XCTAssertTrue(run.finished, "code \(run.programCode)")
        XCTAssertEqual(run.bytes(0x20100, 17), Array(pattern(16)) + [0xEE])
    }

    func testMVCPropagatesOneByte() throws {
        // Destination = source + 1: the first byte fills the operand.
        let run = try GuestRun(padded: "mvc 1(255,%r2),0(%r2)") { cpu, mem in
            cpu.r[2] = 0x20000
            mem.write([0x5A] + pattern(300), at: 0x20000)
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.bytes(0x20000, 256), [UInt8](repeating: 0x5A, count: 256))
        XCTAssertEqual(run.bytes(0x20100, 1), [pattern(300)[255]])
    }

    func testMVCDestructiveOverlapPeriod3AcrossPage() throws {
        // Destination = source + 3 across 0x21000: the first 3 bytes repeat.
        let run = try GuestRun(padded: "mvc 3(200,%r2),0(%r2)") { cpu, mem in
            cpu.r[2] = 0x20FA0
            mem.write([1, 2, 3] + pattern(250, seed: 40), at: 0x20FA0)
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.bytes(0x20FA0, 203), (0..<203).map { UInt8($0 % 3 + 1) })
    }

    func testMVCForwardOverlap() throws {
        // Destination below the source: an ordinary shift left.
        let run = try GuestRun(padded: "mvc 0(10,%r2),2(%r2)") { cpu, mem in
            cpu.r[2] = 0x20000
            mem.write(Array(0..<12), at: 0x20000)
        }
        XCTAssertEqual(run.bytes(0x20000, 12), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 10, 11])
    }

    func testMVCBothOperandsCrossPages() throws {
        let run = try GuestRun(padded: "mvc 0(256,%r2),0(%r3)") { cpu, mem in
            cpu.r[2] = 0x22FC0; cpu.r[3] = 0x20F80
            mem.write(pattern(256, seed: 9), at: 0x20F80)
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.bytes(0x22FC0, 256), pattern(256, seed: 9))
    }

    func testMVCAccessExceptionOnLastSourceByteStoresNothing() throws {
        // The second operand's last byte is at 0x400000, just beyond 4 MiB.
        let run = try GuestRun(padded: "mvc 0(256,%r2),0(%r3)") { cpu, mem in
            cpu.r[2] = 0x20000; cpu.r[3] = 0x3FFF01
            mem.write([UInt8](repeating: 0xEE, count: 256), at: 0x20000)
        }
        XCTAssertEqual(run.programCode, 5)
        XCTAssertEqual(run.ilc, 6)
        XCTAssertEqual(run.oldPSW.address, GuestRun.origin + 6)
        XCTAssertEqual(run.bytes(0x20000, 256), [UInt8](repeating: 0xEE, count: 256))
        // The same with the destination running off the end: its first page
        // stays unchanged.
        let dest = try GuestRun(padded: "mvc 0(256,%r2),0(%r3)") { cpu, mem in
            cpu.r[2] = 0x3FFF80; cpu.r[3] = 0x20000
            mem.write(pattern(256), at: 0x20000)
            mem.write([UInt8](repeating: 0xEE, count: 128), at: 0x3FFF80)
        }
        XCTAssertEqual(dest.programCode, 5)
        XCTAssertEqual(dest.bytes(0x3FFF80, 128), [UInt8](repeating: 0xEE, count: 128))
    }

    func testMVCAddressWrapIn24BitMode() throws {
        // In the 24-bit mode the operand 0xFFFFF8 (bits above 23 of the base
        // ignored) continues at 0 after 8 bytes. 16 MiB so that it exists.
        let run = try GuestRun(padded: "mvc 0(16,%r2),0(%r3)", memory: 16 << 20) { cpu, mem in
            cpu.loadPSW(PSW(mask: mode24, address: GuestRun.origin))
            cpu.r[2] = 0xFF00_0000_00FF_FFF8; cpu.r[3] = 0x20FF8
            mem.write(pattern(16), at: 0x20FF8)
        }
        XCTAssertTrue(run.finished, "code \(run.programCode)")
        XCTAssertEqual(run.bytes(0xFF_FFF8, 8), Array(pattern(16)[0..<8]))
        XCTAssertEqual(run.bytes(0, 8), Array(pattern(16)[8..<16]))
    }

    // MARK: NC, OC, XC, MVN, MVZ

    func testLogicalCharacter() throws {
        let run = try GuestRun(padded: """
            nc 0(2,%r2),0(%r3)
            oc 2(2,%r2),2(%r3)
            xc 4(3,%r2),4(%r3)
        """) { cpu, mem in
            cpu.r[2] = 0x20000; cpu.r[3] = 0x20100
            mem.write([0xF0, 0x0F, 0x12, 0x00, 0xFF, 0x00, 0x55], at: 0x20000)
            mem.write([0x3C, 0x3C, 0x01, 0x80, 0xFF, 0x00, 0x55], at: 0x20100)
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.bytes(0x20000, 7), [0x30, 0x0C, 0x13, 0x80, 0, 0, 0])
        XCTAssertEqual(run.cc, 0)       // XC result all zero
        let nonzero = try GuestRun(padded: "xc 0(2,%r2),0(%r3)") { cpu, mem in
            cpu.r[2] = 0x20000; cpu.r[3] = 0x20100
            mem.write([0x01, 0x02], at: 0x20000); mem.write([0x01, 0x03], at: 0x20100)
        }
        XCTAssertEqual(nonzero.cc, 1)
        XCTAssertEqual(nonzero.bytes(0x20000, 2), [0, 1])
        let ncZero = try GuestRun(padded: "nc 0(3,%r2),0(%r3)") { cpu, mem in
            cpu.r[2] = 0x20000; cpu.r[3] = 0x20100
            mem.write([0xF0, 0xF0, 0xF0], at: 0x20000); mem.write([0x0F, 0x0F, 0x0F], at: 0x20100)
        }
        XCTAssertEqual(ncZero.cc, 0)
        let ocOne = try GuestRun(padded: "oc 0(1,%r2),0(%r3)") { cpu, mem in
            cpu.r[2] = 0x20000; cpu.r[3] = 0x20100; mem.write([0x80], at: 0x20100)
        }
        XCTAssertEqual(ocOne.cc, 1)
    }

    func testXCWithItselfZeroes() throws {
        let run = try GuestRun(padded: "xc 0(256,%r2),0(%r2)") { cpu, mem in
            cpu.r[2] = 0x20F40          // crosses 0x21000
            mem.write(pattern(256), at: 0x20F40)
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 0)
        XCTAssertEqual(run.bytes(0x20F40, 256), [UInt8](repeating: 0, count: 256))
    }

    func testXCOverlapIsByteAtATime() throws {
        // Destination = source + 1: each result byte is the XOR of the
        // original byte and the previous result byte (a running XOR).
        let run = try GuestRun(padded: "xc 1(4,%r2),0(%r2)") { cpu, mem in
            cpu.r[2] = 0x20000
            mem.write([1, 2, 4, 8, 16], at: 0x20000)
        }
        XCTAssertEqual(run.bytes(0x20000, 5), [1, 3, 7, 15, 31])
        XCTAssertEqual(run.cc, 1)
    }

    func testXCAccessExceptionLeavesFirstOperand() throws {
        let run = try GuestRun(padded: "xc 0(200,%r2),0(%r3)") { cpu, mem in
            cpu.r[2] = 0x20000; cpu.r[3] = 0x3FFFA0
            mem.write(pattern(200), at: 0x20000)
        }
        XCTAssertEqual(run.programCode, 5)
        XCTAssertEqual(run.bytes(0x20000, 200), pattern(200))
    }

    func testMoveNumericsAndZones() throws {
        let run = try GuestRun(padded: """
            mvn 0(3,%r2),0(%r4)
            mvz 0(3,%r3),0(%r4)
        """) { cpu, mem in
            cpu.loadPSW(PSW(mask: mode64 | 2 << 44, address: GuestRun.origin))
            cpu.r[2] = 0x20000; cpu.r[3] = 0x20010; cpu.r[4] = 0x20100
            mem.write([0x12, 0x34, 0x56], at: 0x20000)
            mem.write([0x12, 0x34, 0x56], at: 0x20010)
            mem.write([0xAB, 0xCD, 0xEF], at: 0x20100)
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.bytes(0x20000, 3), [0x1B, 0x3D, 0x5F])
        XCTAssertEqual(run.bytes(0x20010, 3), [0xA2, 0xC4, 0xE6])
        XCTAssertEqual(run.cc, 2)       // unchanged
    }

    func testMoveNumericsCrossingPage() throws {
        let run = try GuestRun(padded: "mvn 0(32,%r2),0(%r3)") { cpu, mem in
            cpu.r[2] = 0x20FF0; cpu.r[3] = 0x22000
            mem.write([UInt8](repeating: 0x70, count: 32), at: 0x20FF0)
            mem.write([UInt8](repeating: 0x09, count: 32), at: 0x22000)
        }
        XCTAssertEqual(run.bytes(0x20FF0, 32), [UInt8](repeating: 0x79, count: 32))
    }

    // MARK: MVCIN

    func testMVCIN() throws {
        let run = try GuestRun(padded: "mvcin 0(5,%r2),4(%r3)") { cpu, mem in
            cpu.r[2] = 0x20100; cpu.r[3] = 0x20000
            mem.write(Array("ABCDE".utf8), at: 0x20000)
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.bytes(0x20100, 5), Array("EDCBA".utf8))
        // The second operand is 0x3FFFFF-0x400000: its rightmost byte (the
        // one the address designates) does not exist.
        let bad = try GuestRun(padded: "mvcin 0(2,%r2),1(%r3)") { cpu, mem in
            cpu.r[2] = 0x20100; cpu.r[3] = 0x3FFFFF
            mem.write([0xEE, 0xEE], at: 0x20100)
        }
        XCTAssertEqual(bad.programCode, 5)
        XCTAssertEqual(bad.bytes(0x20100, 2), [0xEE, 0xEE])
    }

    // MARK: CLC

    func testCLC() throws {
        func clc(_ a: [UInt8], _ b: [UInt8], at1: UInt64 = 0x20000, at2: UInt64 = 0x20100) throws -> UInt8 {
            let run = try GuestRun(padded: "clc 0(\(a.count),%r2),0(%r3)") { cpu, mem in
                cpu.r[2] = at1; cpu.r[3] = at2
                mem.write(a, at: at1); mem.write(b, at: at2)
            }
            XCTAssertTrue(run.finished)
            return run.cc
        }
        XCTAssertEqual(try clc([1, 2, 3], [1, 2, 3]), 0)
        XCTAssertEqual(try clc([1, 2, 3], [1, 2, 4]), 1)
        XCTAssertEqual(try clc([0x80], [0x7F]), 2)                   // unsigned
        XCTAssertEqual(try clc([1, 9, 0], [1, 8, 0xFF]), 2)          // first difference decides
        // Both operands across a page boundary, the difference on the second page.
        var a = pattern(256), b = pattern(256)
        b[200] &+= 1
        XCTAssertEqual(try clc(a, b, at1: 0x20F80, at2: 0x22FF0), 1)
        a[200] &+= 2
        XCTAssertEqual(try clc(a, b, at1: 0x20F80, at2: 0x22FF0), 2)
    }

    // MARK: TR, TRT, TRTR

    private var upperTable: [UInt8] {
        (0..<256).map { c in (0x61...0x7A).contains(c) ? UInt8(c - 0x20) : UInt8(c) }
    }

    func testTR() throws {
        let run = try GuestRun(padded: "tr 0(11,%r2),0(%r3)") { cpu, mem in
            cpu.r[2] = 0x20000; cpu.r[3] = 0x20800
            mem.write(Array("hello, Z/os".utf8), at: 0x20000)
            mem.write(self.upperTable, at: 0x20800)
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.bytes(0x20000, 11), Array("HELLO, Z/OS".utf8))
    }

    func testTRTableCrossingPageOnlyReferencedPartAccessed() throws {
        // The table starts 128 bytes before the end of storage: arguments
        // below 128 use only the part that exists.
        let ok = try GuestRun(padded: "tr 0(4,%r2),0(%r3)") { cpu, mem in
            cpu.r[2] = 0x20000; cpu.r[3] = 0x3FFF80
            mem.write([0, 1, 0x7F, 2], at: 0x20000)
            mem.write((0..<128).map { UInt8(255 - $0) }, at: 0x3FFF80)
        }
        XCTAssertTrue(ok.finished, "code \(ok.programCode)")
        XCTAssertEqual(ok.bytes(0x20000, 4), [255, 254, 128, 253])
        // An argument of 0x80 needs the missing part: addressing exception,
        // the first operand unchanged.
        let bad = try GuestRun(padded: "tr 0(4,%r2),0(%r3)") { cpu, mem in
            cpu.r[2] = 0x20000; cpu.r[3] = 0x3FFF80
            mem.write([0, 1, 0x80, 2], at: 0x20000)
        }
        XCTAssertEqual(bad.programCode, 5)
        XCTAssertEqual(bad.bytes(0x20000, 4), [0, 1, 0x80, 2])
        // A table crossing two existing pages.
        let cross = try GuestRun(padded: "tr 0(3,%r2),0(%r3)") { cpu, mem in
            cpu.r[2] = 0x20000; cpu.r[3] = 0x21F80
            mem.write([0x00, 0x7F, 0xFF], at: 0x20000)
            mem.write((0..<256).map { UInt8(255 - $0) }, at: 0x21F80)
        }
        XCTAssertEqual(cross.bytes(0x20000, 3), [0xFF, 0x80, 0x00])
    }

    private func trtTable(_ mem: GuestMemory, at: UInt64) {
        var t = [UInt8](repeating: 0, count: 256)
        t[Int(UInt8(ascii: "+"))] = 4
        t[Int(UInt8(ascii: ","))] = 8
        mem.write(t, at: at)
    }

    func testTRT() throws {
        func trt(_ text: String, r1: UInt64 = 0xAAAA_AAAA_AAAA_AAAA, mask: UInt64 = mode64) throws -> GuestRun {
            try GuestRun(padded: "trt 0(\(text.utf8.count),%r3),0(%r4)") { cpu, mem in
                cpu.loadPSW(PSW(mask: mask, address: GuestRun.origin))
                cpu.r[1] = r1; cpu.r[2] = 0x1122_3344_5566_7788
                cpu.r[3] = 0x20000; cpu.r[4] = 0x20800
                mem.write(Array(text.utf8), at: 0x20000)
                self.trtTable(mem, at: 0x20800)
            }
        }
        var run = try trt("ab+c,d")
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(run.r(1), 0x20002)
        XCTAssertEqual(run.r(2), 0x1122_3344_5566_7704)
        run = try trt("abcd,")
        XCTAssertEqual(run.cc, 2)
        XCTAssertEqual(run.r(1), 0x20004)
        XCTAssertEqual(run.r(2), 0x1122_3344_5566_7708)
        run = try trt("abcd")
        XCTAssertEqual(run.cc, 0)
        XCTAssertEqual(run.r(1), 0xAAAA_AAAA_AAAA_AAAA)
        XCTAssertEqual(run.r(2), 0x1122_3344_5566_7788)
        // 31-bit mode: address in bits 33-63, bit 32 set to zero.
        run = try trt("+", r1: 0xAAAA_AAAA_FFFF_FFFF, mask: mode31)
        XCTAssertEqual(run.cc, 2)
        XCTAssertEqual(run.r(1), 0xAAAA_AAAA_0002_0000)
        // 24-bit mode: address in bits 40-63, bits 0-39 unchanged.
        run = try trt("a+", r1: 0xAAAA_AAAA_BBCC_DDEE, mask: mode24)
        XCTAssertEqual(run.r(1), 0xAAAA_AAAA_BB02_0001)
    }

    func testTRTR() throws {
        func trtr(_ text: String, r1: UInt64 = 0xAAAA_AAAA_AAAA_AAAA, mask: UInt64 = mode64) throws -> GuestRun {
            // The first-operand address designates the rightmost byte.
            try GuestRun(padded: "trtr \(text.utf8.count - 1)(\(text.utf8.count),%r3),0(%r4)") { cpu, mem in
                cpu.loadPSW(PSW(mask: mask, address: GuestRun.origin))
                cpu.r[1] = r1; cpu.r[2] = 0x1122_3344_5566_7788
                cpu.r[3] = 0x20000; cpu.r[4] = 0x20800
                mem.write(Array(text.utf8), at: 0x20000)
                self.trtTable(mem, at: 0x20800)
            }
        }
        var run = try trtr("a,b+cd")
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(run.r(1), 0x20003)
        XCTAssertEqual(run.r(2), 0x1122_3344_5566_7704)
        run = try trtr(",bcd")
        XCTAssertEqual(run.cc, 2)       // the leftmost byte is the last one processed
        XCTAssertEqual(run.r(1), 0x20000)
        run = try trtr("bcd")
        XCTAssertEqual(run.cc, 0)
        XCTAssertEqual(run.r(1), 0xAAAA_AAAA_AAAA_AAAA)
        // 31-bit mode: TRTR leaves bit 32 unchanged.
        run = try trtr("x+", r1: 0xAAAA_AAAA_FFFF_FFFF, mask: mode31)
        XCTAssertEqual(run.r(1), 0xAAAA_AAAA_8002_0001)
    }

    func testTRTFirstOperandCrossingPage() throws {
        let run = try GuestRun(padded: "trt 0(64,%r3),0(%r4)") { cpu, mem in
            cpu.r[3] = 0x20FE0; cpu.r[4] = 0x23000
            var text = [UInt8](repeating: 0x61, count: 64)
            text[40] = UInt8(ascii: ",")
            mem.write(text, at: 0x20FE0)
            self.trtTable(mem, at: 0x23000)
        }
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(run.r(1), 0x21008)
        XCTAssertEqual(run.r(2) & 0xFF, 8)
    }

    // MARK: MVCL

    func testMVCLWithPadding() throws {
        let run = try GuestRun(padded: "mvcl %r2,%r4") { cpu, mem in
            cpu.r[2] = 0x20000; cpu.r[3] = 0xDEAD_BEEF_0000_000A
            cpu.r[4] = 0x20100; cpu.r[5] = 0xCAFE_0000_5A00_0004
            mem.write([1, 2, 3, 4], at: 0x20100)
            mem.write([UInt8](repeating: 0xEE, count: 11), at: 0x20000)
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 2)           // first operand longer
        XCTAssertEqual(run.bytes(0x20000, 11), [1, 2, 3, 4, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0xEE])
        XCTAssertEqual(run.r(2), 0x2000A)
        XCTAssertEqual(run.r(3), 0xDEAD_BEEF_0000_0000)
        XCTAssertEqual(run.r(4), 0x20104)
        XCTAssertEqual(run.r(5), 0xCAFE_0000_5A00_0000)
    }

    func testMVCLConditionCodes() throws {
        func mvcl(_ l1: UInt64, _ l2: UInt64) throws -> GuestRun {
            try GuestRun(padded: "mvcl %r2,%r4") { cpu, mem in
                cpu.r[2] = 0x20000; cpu.r[3] = l1; cpu.r[4] = 0x20100; cpu.r[5] = l2
                mem.write(pattern(16), at: 0x20100)
            }
        }
        var run = try mvcl(3, 5)
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(run.bytes(0x20000, 4), Array(pattern(3)) + [0])
        XCTAssertEqual(run.r(4), 0x20103)
        XCTAssertEqual(run.r(5), 2)
        run = try mvcl(6, 6)
        XCTAssertEqual(run.cc, 0)
        XCTAssertEqual(run.r(3), 0)
        XCTAssertEqual(run.r(5), 0)
        run = try mvcl(0, 6)
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(run.r(2), 0x20000)
        XCTAssertEqual(run.r(5), 6)
        run = try mvcl(0, 0)
        XCTAssertEqual(run.cc, 0)
    }

    func testMVCLDestructiveOverlap() throws {
        // Destination 2 bytes into the source: cc 3, nothing moved.
        let run = try GuestRun(padded: "mvcl %r2,%r4") { cpu, mem in
            cpu.r[2] = 0x20002; cpu.r[3] = 8; cpu.r[4] = 0x20000; cpu.r[5] = 8
            mem.write(pattern(10), at: 0x20000)
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 3)
        XCTAssertEqual(run.bytes(0x20000, 10), pattern(10))
        XCTAssertEqual(run.r(2), 0x20002)
        XCTAssertEqual(run.r(3), 8)
        // Destination just past the part moved: no destructive overlap.
        let adjacent = try GuestRun(padded: "mvcl %r2,%r4") { cpu, mem in
            cpu.r[2] = 0x20004; cpu.r[3] = 8; cpu.r[4] = 0x20000; cpu.r[5] = 4
            mem.write(pattern(12), at: 0x20000)
        }
        XCTAssertEqual(adjacent.cc, 2)
        XCTAssertEqual(adjacent.bytes(0x20000, 12), Array(pattern(4)) + Array(pattern(4)) + [0, 0, 0, 0])
        // Destination below the source overlaps harmlessly.
        let below = try GuestRun(padded: "mvcl %r2,%r4") { cpu, mem in
            cpu.r[2] = 0x20000; cpu.r[3] = 8; cpu.r[4] = 0x20002; cpu.r[5] = 8
            mem.write(pattern(10), at: 0x20000)
        }
        XCTAssertEqual(below.cc, 0)
        XCTAssertEqual(below.bytes(0x20000, 8), Array(pattern(10)[2...]))
    }

    func testMVCLLargeClearAndRegistersIn24BitMode() throws {
        // 24-bit mode: bits 32-39 of R2/R4 become zero, bits 0-31 stay; the
        // pad byte in R5 and bits 32-39 of R3 stay.
        let run = try GuestRun(padded: "mvcl %r2,%r4") { cpu, mem in
            cpu.loadPSW(PSW(mask: mode24, address: GuestRun.origin))
            cpu.r[2] = 0x1234_5678_FF02_0100; cpu.r[3] = 0x0000_0000_AB02_0000     // 0x20000 bytes
            cpu.r[4] = 0x1111_1111_EE30_0000; cpu.r[5] = 0x0000_0000_C700_0010     // 16 bytes, pad 0xC7
            mem.write(pattern(16), at: 0x300000)
            mem.write([UInt8](repeating: 0xEE, count: 0x20001), at: 0x20100)
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 2)
        XCTAssertEqual(run.r(2), 0x1234_5678_0004_0100)
        XCTAssertEqual(run.r(3), 0x0000_0000_AB00_0000)
        XCTAssertEqual(run.r(4), 0x1111_1111_0030_0010)
        XCTAssertEqual(run.r(5), 0x0000_0000_C700_0000)
        let moved = run.bytes(0x20100, 0x20001)
        XCTAssertEqual(Array(moved[0..<16]), pattern(16))
        XCTAssertTrue(moved[16..<0x20000].allSatisfy { $0 == 0xC7 })
        XCTAssertEqual(moved[0x20000], 0xEE)
    }

    func testMVCLAccessExceptionMidwayKeepsProgress() throws {
        // The destination runs past the end of storage after one page.
        let run = try GuestRun(padded: "mvcl %r2,%r4") { cpu, mem in
            cpu.r[2] = 0x3FF000; cpu.r[3] = 0x2000; cpu.r[4] = 0x20000; cpu.r[5] = 0x2000
            mem.write(pattern(0x1000), at: 0x20000)
        }
        XCTAssertEqual(run.programCode, 5)
        XCTAssertEqual(run.r(2), 0x400000)
        XCTAssertEqual(run.r(3), 0x1000)
        XCTAssertEqual(run.r(4), 0x21000)
        XCTAssertEqual(run.r(5), 0x1000)
        XCTAssertEqual(run.bytes(0x3FF000, 0x1000), pattern(0x1000))
    }

    func testMVCLAccessExceptionOnFirstChunkChangesNoRegister() throws {
        // 24-bit mode: the destination 0x400000 does not exist. Nothing has
        // been moved, so even bits 32-39 of R2/R4 keep their values.
        let run = try GuestRun(padded: "mvcl %r2,%r4") { cpu, mem in
            cpu.loadPSW(PSW(mask: mode24, address: GuestRun.origin))
            cpu.r[2] = 0xFFFF_FFFF_FF40_0000; cpu.r[3] = 0x100
            cpu.r[4] = 0xFFFF_FFFF_FF02_0000; cpu.r[5] = 0x100
        }
        XCTAssertEqual(run.programCode, 5)
        XCTAssertEqual([run.r(2), run.r(3), run.r(4), run.r(5)],
                       [0xFFFF_FFFF_FF40_0000, 0x100, 0xFFFF_FFFF_FF02_0000, 0x100])
    }

    func testMVCLOddRegister() throws {
        let run = try GuestRun(padded: ".short 0x0e34   /* mvcl %r3,%r4 */")
        XCTAssertEqual(run.programCode, 6)
        XCTAssertEqual(run.ilc, 2)
    }

    // MARK: CLCL

    func testCLCL() throws {
        func clcl(_ a: [UInt8], _ b: [UInt8], pad: UInt8 = 0x20) throws -> GuestRun {
            try GuestRun(padded: "clcl %r2,%r4") { cpu, mem in
                cpu.r[2] = 0x20000; cpu.r[3] = UInt64(a.count) | 0xFF00_0000
                cpu.r[4] = 0x20100; cpu.r[5] = UInt64(b.count) | UInt64(pad) << 24
                mem.write(a, at: 0x20000); mem.write(b, at: 0x20100)
            }
        }
        // Equal with padding: addresses advance over each operand's own bytes.
        var run = try clcl(Array("ABCD  ".utf8), Array("ABCD".utf8))
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 0)
        XCTAssertEqual(run.r(2), 0x20006)
        XCTAssertEqual(run.r(3), 0xFF00_0000)
        XCTAssertEqual(run.r(4), 0x20104)
        XCTAssertEqual(run.r(5), 0x2000_0000)
        // Unequal: the registers designate the first unequal bytes.
        run = try clcl(Array("ABCE".utf8), Array("ABCD".utf8))
        XCTAssertEqual(run.cc, 2)
        XCTAssertEqual(run.r(2), 0x20003)
        XCTAssertEqual(run.r(3), 0xFF00_0001)
        XCTAssertEqual(run.r(4), 0x20103)
        XCTAssertEqual(run.r(5), 0x2000_0001)
        // The pad compares low.
        run = try clcl(Array("AB".utf8), [0x41, 0x42, 0x01], pad: 0)
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(run.r(2), 0x20002)
        XCTAssertEqual(run.r(3), 0xFF00_0000)
        XCTAssertEqual(run.r(4), 0x20102)
        XCTAssertEqual(run.r(5), 1)
        // Both empty.
        run = try clcl([], [])
        XCTAssertEqual(run.cc, 0)
    }

    func testCLCLLongAcrossPages() throws {
        let run = try GuestRun(padded: "clcl %r2,%r4") { cpu, mem in
            var a = pattern(10000), b = pattern(10000)
            b[9000] = a[9000] &+ 1
            a[9500] = 0        // after the first difference: irrelevant
            mem.write(a, at: 0x20800); mem.write(b, at: 0x31000)
            cpu.r[2] = 0x20800; cpu.r[3] = 10000; cpu.r[4] = 0x31000; cpu.r[5] = 10000
        }
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(run.r(2), 0x20800 + 9000)
        XCTAssertEqual(run.r(3), 1000)
        XCTAssertEqual(run.r(4), 0x31000 + 9000)
    }

    // MARK: MVCLE, CLCLE

    func testMVCLEResumes() throws {
        // 10000 bytes to a page-aligned destination: 4096 + 4096 + 1808.
        let machine = try SnippetMachine()
        try machine.load("mvcle %r2,%r4,0")
        let cpu = machine.cpus[0]
        machine.vm.memory.write(pattern(10000), at: 0x30000)
        cpu.r[2] = 0x20000; cpu.r[3] = 10000; cpu.r[4] = 0x30000; cpu.r[5] = 10000
        var out = machine.run(cpu)
        XCTAssertTrue(out.finished)
        XCTAssertEqual(out.cc, 3)
        XCTAssertEqual([cpu.r[2], cpu.r[3], cpu.r[4], cpu.r[5]], [0x21000, 5904, 0x31000, 5904])
        out = machine.run(cpu)
        XCTAssertEqual(out.cc, 3)
        XCTAssertEqual(cpu.r[3], 1808)
        out = machine.run(cpu)
        XCTAssertEqual(out.cc, 0)
        XCTAssertEqual([cpu.r[2], cpu.r[3], cpu.r[4], cpu.r[5]], [0x22710, 0, 0x32710, 0])
        XCTAssertEqual(machine.vm.memory.read(0x20000, count: 10000)!, pattern(10000))
        // Executed again when done: nothing to do, cc 0.
        out = machine.run(cpu)
        XCTAssertEqual(out.cc, 0)
    }

    func testMVCLEPaddingUnalignedAndCC() throws {
        // Destination 0x20801 (2047 bytes to its page end), 10000 bytes from
        // a 6000-byte source, pad 0x5A: 2047, 4096, 3857 bytes; cc 2 at the end.
        let machine = try SnippetMachine()
        try machine.load("mvcle %r2,%r4,0x5a")
        let cpu = machine.cpus[0]
        machine.vm.memory.write(pattern(6000), at: 0x30000)
        cpu.r[2] = 0x20801; cpu.r[3] = 10000; cpu.r[4] = 0x30000; cpu.r[5] = 6000
        var ccs: [UInt8] = []
        var l1s: [UInt64] = []
        for _ in 0..<3 {
            ccs.append(machine.run(cpu).cc)
            l1s.append(cpu.r[3])
        }
        XCTAssertEqual(ccs, [3, 3, 2])
        XCTAssertEqual(l1s, [10000 - 2047, 10000 - 2047 - 4096, 0])
        XCTAssertEqual(cpu.r[5], 0)
        XCTAssertEqual(cpu.r[4], 0x30000 + 6000)
        XCTAssertEqual(cpu.r[2], 0x20801 + 10000)
        let moved = machine.vm.memory.read(0x20801, count: 10000)!
        XCTAssertEqual(Array(moved[0..<6000]), pattern(6000))
        XCTAssertTrue(moved[6000...].allSatisfy { $0 == 0x5A })
    }

    func testMVCLEUnrolledCompletes() throws {
        // Without branches: repeat the instruction; once done it is a no-op.
        let run = try GuestRun(padded: String(repeating: "mvcle %r2,%r4,0\n", count: 6)) { cpu, mem in
            mem.write(pattern(10000, seed: 3), at: 0x30003)
            cpu.r[2] = 0x20000; cpu.r[3] = 10000; cpu.r[4] = 0x30003; cpu.r[5] = 12000
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 1)     // first operand shorter
        XCTAssertEqual(run.r(3), 0)
        XCTAssertEqual(run.r(5), 2000)
        XCTAssertEqual(run.bytes(0x20000, 10000), pattern(10000, seed: 3))
    }

    func testMVCLELoopWithJO() throws {
        guard InstructionSet.shared.definition(mnemonic: "BRC") != nil else {
            throw XCTSkip("BRC is not in the instruction table of this build")
        }
        let run = try GuestRun(padded: """
            0: mvcle %r2,%r4,0
               jo 0b
        """) { cpu, mem in
            mem.write(pattern(10000), at: 0x30000)
            cpu.r[2] = 0x20000; cpu.r[3] = 10000; cpu.r[4] = 0x30000; cpu.r[5] = 10000
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 0)
        XCTAssertEqual(run.bytes(0x20000, 10000), pattern(10000))
    }

    func testMVCLERegistersIn31And24BitModes() throws {
        // Lengths are bits 32-63 in these modes; bits 0-31 stay unchanged.
        let run31 = try GuestRun(padded: "mvcle %r2,%r4,0") { cpu, mem in
            cpu.loadPSW(PSW(mask: mode31, address: GuestRun.origin))
            cpu.r[2] = 0xAAAA_AAAA_0002_0000; cpu.r[3] = 0xBBBB_BBBB_0000_0010
            cpu.r[4] = 0xCCCC_CCCC_8003_0000; cpu.r[5] = 0xDDDD_DDDD_0000_0010
        }
        XCTAssertEqual(run31.cc, 0)
        XCTAssertEqual(run31.r(2), 0xAAAA_AAAA_0002_0010)
        XCTAssertEqual(run31.r(3), 0xBBBB_BBBB_0000_0000)
        XCTAssertEqual(run31.r(4), 0xCCCC_CCCC_0003_0010)
        XCTAssertEqual(run31.r(5), 0xDDDD_DDDD_0000_0000)
        let run24 = try GuestRun(padded: "mvcle %r2,%r4,0") { cpu, mem in
            cpu.loadPSW(PSW(mask: mode24, address: GuestRun.origin))
            cpu.r[2] = 0xAAAA_AAAA_BB02_0000; cpu.r[3] = 0x0000_0001_0000_0008
            cpu.r[4] = 0xCCCC_CCCC_DD03_0000; cpu.r[5] = 0x0000_0001_0000_0004
            mem.write([1, 2, 3, 4], at: 0x30000)
        }
        XCTAssertEqual(run24.cc, 2)
        XCTAssertEqual(run24.r(2) >> 32, 0xAAAA_AAAA)
        XCTAssertEqual(run24.r(2) & 0xFF_FFFF, 0x02_0008)
        XCTAssertEqual(run24.r(3), 0x0000_0001_0000_0000)
        XCTAssertEqual(run24.r(5), 0x0000_0001_0000_0000)
        XCTAssertEqual(run24.bytes(0x20000, 8), [1, 2, 3, 4, 0, 0, 0, 0])
    }

    func testMVCLEOddRegister() throws {
        let run = try GuestRun(padded: ".long 0xa8240000   /* mvcle %r2,%r4,0 */\n.long 0xa8350000   /* mvcle %r3,%r5,0 */")
        XCTAssertEqual(run.programCode, 6)
        XCTAssertEqual(run.oldPSW.address, GuestRun.origin + 8)
    }

    func testCLCLE() throws {
        let machine = try SnippetMachine()
        try machine.load("clcle %r2,%r4,0x20")
        let cpu = machine.cpus[0]
        let a = pattern(5000)
        machine.vm.memory.write(a, at: 0x20000)
        machine.vm.memory.write(a, at: 0x30000)
        machine.vm.memory.write([0x20, 0x20, 0x21], at: 0x30000 + 5000)
        // 5000 equal bytes, then the second operand's "  !" against padding.
        cpu.r[2] = 0x20000; cpu.r[3] = 5000; cpu.r[4] = 0x30000; cpu.r[5] = 5003
        var out = machine.run(cpu)
        XCTAssertEqual(out.cc, 3)
        XCTAssertEqual([cpu.r[2], cpu.r[3], cpu.r[4], cpu.r[5]], [0x21000, 904, 0x31000, 907])
        out = machine.run(cpu)
        XCTAssertEqual(out.cc, 1)     // pad 0x20 < 0x21
        XCTAssertEqual([cpu.r[2], cpu.r[3], cpu.r[4], cpu.r[5]], [0x20000 + 5000, 0, 0x30000 + 5002, 1])
    }

    // MARK: SRST, CLST, MVST

    func testSRST() throws {
        func srst(_ r0: UInt64, end: UInt64 = 0x20100, mask: UInt64 = mode64) throws -> GuestRun {
            try GuestRun(padded: "srst %r1,%r2") { cpu, mem in
                cpu.loadPSW(PSW(mask: mask, address: GuestRun.origin))
                cpu.r[0] = r0; cpu.r[1] = end; cpu.r[2] = 0x20000
                mem.write(Array("hello world".utf8), at: 0x20000)
            }
        }
        var run = try srst(0xFFFF_FFFF_0000_0077)        // 'w'; bits 0-31 ignored
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(run.r(1), 0x20006)
        XCTAssertEqual(run.r(2), 0x20000)
        run = try srst(0x7A)                             // 'z': not found
        XCTAssertEqual(run.cc, 2)
        XCTAssertEqual(run.r(1), 0x20100)
        XCTAssertEqual(run.r(2), 0x20000)
        run = try srst(0x77, end: 0x20006)               // 'w' is just past the end
        XCTAssertEqual(run.cc, 2)
        run = try srst(0x77, end: 0x20000)               // empty operand
        XCTAssertEqual(run.cc, 2)
        run = try srst(0x100)
        XCTAssertEqual(run.programCode, 6)
        // 24-bit mode: the address replaces bits 32-63 (bits 32-39 zero).
        run = try srst(0x6F, end: 0xFFFF_0000_FF02_0100, mask: mode24)
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(run.r(1), 0xFFFF_0000_0002_0004)
    }

    func testSRSTCPUDeterminedEnd() throws {
        let machine = try SnippetMachine()
        try machine.load("srst %r1,%r2")
        let cpu = machine.cpus[0]
        machine.vm.memory.store(UInt8(0x77), at: 0x22345)
        cpu.r[0] = 0x77; cpu.r[1] = 0x30000; cpu.r[2] = 0x20000
        var ccs: [UInt8] = []
        var out = machine.run(cpu)
        while out.cc == 3 && ccs.count < 10 { ccs.append(3); XCTAssertEqual(cpu.r[2] & 0xFFF, 0); out = machine.run(cpu) }
        XCTAssertEqual(ccs, [3, 3])
        XCTAssertEqual(out.cc, 1)
        XCTAssertEqual(cpu.r[1], 0x22345)
        // A page remainder under 256 bytes still gets 256 bytes searched.
        cpu.r[1] = 0x30000; cpu.r[2] = 0x20FF0
        out = machine.run(cpu)
        XCTAssertEqual(out.cc, 3)
        XCTAssertEqual(cpu.r[2], 0x210F0)
    }

    func testCLST() throws {
        func clst(_ a: [UInt8], _ b: [UInt8], end: UInt64 = 0) throws -> GuestRun {
            try GuestRun(padded: "clst %r2,%r3") { cpu, mem in
                cpu.r[0] = end; cpu.r[2] = 0x20000; cpu.r[3] = 0x20100
                mem.write(a, at: 0x20000); mem.write(b, at: 0x20100)
            }
        }
        var run = try clst(Array("abc\0".utf8), Array("abc\0".utf8))
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 0)
        XCTAssertEqual(run.r(2), 0x20000)
        XCTAssertEqual(run.r(3), 0x20100)
        run = try clst(Array("abd\0".utf8), Array("abc\0".utf8))
        XCTAssertEqual(run.cc, 2)
        XCTAssertEqual(run.r(2), 0x20002)
        XCTAssertEqual(run.r(3), 0x20102)
        // The first operand ends first: it is low, even though the ending
        // character (here '$') is above the other byte.
        run = try clst(Array("ab$".utf8), Array("ab ".utf8), end: 0x24)
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(run.r(2), 0x20002)
        run = try clst(Array("ab ".utf8), Array("ab$".utf8), end: 0x24)
        XCTAssertEqual(run.cc, 2)
        XCTAssertTrue(try clst([], [], end: 0x1_0000_0000).finished)       // bits 0-31 ignored
        XCTAssertEqual(try clst([], [], end: 0x1000).programCode, 6)
    }

    func testCLSTCPUDeterminedEnd() throws {
        let run = try GuestRun(padded: "clst %r2,%r3") { cpu, mem in
            mem.write([UInt8](repeating: 0x41, count: 5000), at: 0x20000)
            mem.write([UInt8](repeating: 0x41, count: 5000), at: 0x30000)
            cpu.r[0] = 0; cpu.r[2] = 0x20000; cpu.r[3] = 0x30000
        }
        XCTAssertEqual(run.cc, 3)
        XCTAssertEqual(run.r(2), 0x21000)
        XCTAssertEqual(run.r(3), 0x31000)
    }

    func testMVST() throws {
        let run = try GuestRun(padded: "mvst %r2,%r3") { cpu, mem in
            cpu.r[0] = 0; cpu.r[2] = 0x20100; cpu.r[3] = 0x20000
            mem.write(Array("hello\0xyz".utf8), at: 0x20000)
            mem.write([UInt8](repeating: 0xEE, count: 8), at: 0x20100)
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(run.bytes(0x20100, 8), Array("hello\0".utf8) + [0xEE, 0xEE])
        XCTAssertEqual(run.r(2), 0x20105)
        XCTAssertEqual(run.r(3), 0x20000)
    }

    func testMVSTResumes() throws {
        let machine = try SnippetMachine()
        try machine.load("mvst %r2,%r3")
        let cpu = machine.cpus[0]
        var text = [UInt8](repeating: 0x41, count: 5000)
        text[4999] = 0x2E
        machine.vm.memory.write(text, at: 0x30000)
        cpu.r[0] = 0x2E; cpu.r[2] = 0x20000; cpu.r[3] = 0x30000
        var out = machine.run(cpu)
        XCTAssertEqual(out.cc, 3)
        XCTAssertEqual([cpu.r[2], cpu.r[3]], [0x21000, 0x31000])
        out = machine.run(cpu)
        XCTAssertEqual(out.cc, 1)
        XCTAssertEqual([cpu.r[2], cpu.r[3]], [0x20000 + 4999, 0x31000])
        XCTAssertEqual(machine.vm.memory.read(0x20000, count: 5001)!, text + [0])
        // Specification exception for bits 32-55 of GR0.
        cpu.r[0] = 0x0000_0000_0001_0000
        XCTAssertEqual(machine.run(cpu).programCode, 6)
    }

    // MARK: CKSM

    /// Reference: 32-bit one's-complement sum with end-around carry, added
    /// word by word, the last partial word padded with zeros on the right.
    private func checksum(_ bytes: [UInt8], initial: UInt32) -> UInt32 {
        var sum = UInt64(initial)
        var i = 0
        while i < bytes.count {
            var w: UInt64 = 0
            for k in 0..<4 { w = w << 8 | UInt64(i + k < bytes.count ? bytes[i + k] : 0) }
            sum += w
            if sum > 0xFFFF_FFFF { sum = (sum & 0xFFFF_FFFF) + 1 }
            i += 4
        }
        return UInt32(sum)
    }

    func testCKSM() throws {
        let data: [UInt8] = [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7, 0x08]
        let run = try GuestRun(padded: "cksm %r1,%r2") { cpu, mem in
            cpu.r[1] = 0xAAAA_AAAA_1000_0000; cpu.r[2] = 0x20000; cpu.r[3] = 9
            mem.write(data, at: 0x20000)
        }
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 0)
        // 0x10000000 + 0x0001F203 + 0xF4F5F6F7 = 0x1_04F7E8FA -> 0x04F7E8FB; + 0x08000000.
        XCTAssertEqual(run.r(1), 0xAAAA_AAAA_0CF7_E8FB)
        XCTAssertEqual(checksum(data, initial: 0x1000_0000), 0x0CF7_E8FB)
        XCTAssertEqual(run.r(2), 0x20009)
        XCTAssertEqual(run.r(3), 0)
        XCTAssertEqual(try GuestRun(padded: ".long 0xb2410013   /* cksm %r1,%r3 */").programCode, 6)
    }

    func testCKSMResumesAcrossPages() throws {
        let data = (0..<10003).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 200) }
        let machine = try SnippetMachine()
        try machine.load("cksm %r6,%r2")
        let cpu = machine.cpus[0]
        machine.vm.memory.write(data, at: 0x20FFE)    // the first word crosses a page
        cpu.r[6] = 0xFFFF_FFFF; cpu.r[2] = 0x20FFE; cpu.r[3] = 10003
        var runs = 0
        var out = machine.run(cpu)
        while out.cc == 3 && runs < 50 { runs += 1; out = machine.run(cpu) }
        XCTAssertEqual(out.cc, 0)
        XCTAssertGreaterThan(runs, 1)
        XCTAssertEqual(UInt32(truncatingIfNeeded: cpu.r[6]), checksum(data, initial: 0xFFFF_FFFF))
        XCTAssertEqual(cpu.r[6] >> 32, 0)
        XCTAssertEqual(cpu.r[2], 0x20FFE + 10003)
        XCTAssertEqual(cpu.r[3], 0)
    }
}

// MARK: - TRE, TROO/TROT/TRTO/TRTT, SRSTU, Unicode conversions

/// The table the translate tests use: byte i -> i ^ 0x20 (ASCII case swap).
private let caseSwap = (0..<256).map { UInt8($0 ^ 0x20) }

extension StringTests {
    func testTRE() throws {
        func tre(_ test: UInt64, length: UInt64 = 7, loop: Bool = true, mask: UInt64 = mode64,
                 r2: UInt64 = 0x20000, table: UInt64 = 0x21000) throws -> GuestRun {
            try GuestRun(padded: loop ? "0: tre %r2,%r4\njo 0b" : "tre %r2,%r4") { cpu, mem in
                cpu.loadPSW(PSW(mask: mask, address: GuestRun.origin))
                cpu.r[0] = 0xAAAA_AAAA_AAAA_AA00 | test      // only bits 56-63 count
                cpu.r[2] = r2; cpu.r[3] = length; cpu.r[4] = table
                mem.write(caseSwap, at: table & 0xFF_FFFF)
                mem.write(Array("abc;def".utf8), at: r2 & 0xFF_FFFF)
                mem.write(Array(repeating: UInt8(ascii: "q"), count: 0x40), at: 0x20FF0)
            }
        }
        // Stops before the test byte: cc 1, R2/R3 designate it.
        var run = try tre(0x3B)
        XCTAssertTrue(run.finished)
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(run.r(2), 0x20003)
        XCTAssertEqual(run.r(3), 4)
        XCTAssertEqual(run.bytes(0x20000, 7), Array("ABC;def".utf8))
        // No test byte in the operand: all translated, cc 0.
        run = try tre(0xFF)
        XCTAssertEqual(run.cc, 0)
        XCTAssertEqual([run.r(2), run.r(3)], [0x20007, 0])
        XCTAssertEqual(run.bytes(0x20000, 7), Array("ABC\u{1B}DEF".utf8))
        // Length zero: cc 0, nothing changes.
        run = try tre(0xFF, length: 0)
        XCTAssertEqual(run.cc, 0)
        XCTAssertEqual([run.r(2), run.r(3)], [0x20000, 0])
        XCTAssertEqual(run.bytes(0x20000, 7), Array("abc;def".utf8))
        // One execution ends at the first operand's page boundary with cc 3.
        run = try tre(0xFF, length: 0x30, loop: false, r2: 0x20FF0)
        XCTAssertEqual(run.cc, 3)
        XCTAssertEqual([run.r(2), run.r(3)], [0x21000, 0x20])
        XCTAssertEqual(run.bytes(0x20FF0, 0x11), Array(repeating: UInt8(ascii: "Q"), count: 0x10) + [UInt8(ascii: "q")])
        // A table crossing a page boundary.
        run = try tre(0xFF, table: 0x21FA0)
        XCTAssertEqual(run.bytes(0x20000, 7), Array("ABC\u{1B}DEF".utf8))
        // 24-bit mode: the address replaces bits 32-63 (bits 32-39 zero), the
        // length is bits 32-63; bits 0-31 of both stay.
        run = try GuestRun(padded: "0: tre %r2,%r4\njo 0b") { cpu, mem in
            cpu.loadPSW(PSW(mask: mode24, address: GuestRun.origin))
            cpu.r[0] = 0xFF; cpu.r[2] = 0xFFFF_FFFF_FF02_0000; cpu.r[3] = 0x5555_5555_0000_0007; cpu.r[4] = 0x21000
            mem.write(caseSwap, at: 0x21000)
            mem.write(Array("abc;def".utf8), at: 0x20000)
        }
        XCTAssertEqual(run.cc, 0)
        XCTAssertEqual(run.r(2), 0xFFFF_FFFF_0002_0007)
        XCTAssertEqual(run.r(3), 0x5555_5555_0000_0000)
        // R1 odd: specification.
        XCTAssertEqual(try GuestRun(padded: ".long 0xb2a50034   /* tre %r3,%r4 */").programCode, 6)
    }

    func testTranslateOneTwo() throws {
        func run(_ insn: String, _ setup: @escaping (VirtualCPU, GuestMemory) -> Void) throws -> GuestRun {
            try GuestRun(padded: "0: \(insn)\njo 0b") { cpu, mem in
                cpu.r[2] = 0x20000; cpu.r[4] = 0x22000
                setup(cpu, mem)
            }
        }
        // TROO with the test character 'Z' (from 'z'): cc 1 before it is stored.
        var r = try run("troo %r2,%r4,0") { cpu, mem in
            cpu.r[0] = 0x5A; cpu.r[1] = 0x21003; cpu.r[3] = 3    // GR1 bits 61-63 ignored
            mem.write(caseSwap, at: 0x21000); mem.write(Array("xyz".utf8), at: 0x22000)
        }
        XCTAssertTrue(r.finished)
        XCTAssertEqual(r.cc, 1)
        XCTAssertEqual([r.r(2), r.r(3), r.r(4)], [0x20002, 1, 0x22002])
        XCTAssertEqual(r.bytes(0x20000, 3), Array("XY\0".utf8))
        // M3 bit 3: no test.
        r = try run("troo %r2,%r4,1") { cpu, mem in
            cpu.r[0] = 0x5A; cpu.r[1] = 0x21000; cpu.r[3] = 3
            mem.write(caseSwap, at: 0x21000); mem.write(Array("xyz".utf8), at: 0x22000)
        }
        XCTAssertEqual(r.cc, 0)
        XCTAssertEqual([r.r(2), r.r(3), r.r(4)], [0x20003, 0, 0x22003])
        XCTAssertEqual(r.bytes(0x20000, 3), Array("XYZ".utf8))
        // TROT: two-byte entries; the test character is GR0 bits 48-63.
        r = try run("trot %r2,%r4,0") { cpu, mem in
            cpu.r[0] = 0xFFFF_0000_0001_0143; cpu.r[1] = 0x21000; cpu.r[3] = 3
            for i in 0..<256 { mem.store(UInt16(0x0100 | i), at: 0x21000 + UInt64(2 * i)) }
            mem.write(Array("ABC".utf8), at: 0x22000)
        }
        XCTAssertEqual(r.cc, 1)
        XCTAssertEqual([r.r(2), r.r(3), r.r(4)], [0x20004, 1, 0x22002])
        XCTAssertEqual(r.bytes(0x20000, 4), [0x01, 0x41, 0x01, 0x42])
        // TRTO: two-byte source characters index one-byte entries.
        r = try run("trto %r2,%r4,0") { cpu, mem in
            cpu.r[0] = 0xFF; cpu.r[1] = 0x30000; cpu.r[3] = 4
            mem.store(UInt8(0x11), at: 0x30001); mem.store(UInt8(0x22), at: 0x30102)
            mem.write([0x00, 0x01, 0x01, 0x02], at: 0x22000)
        }
        XCTAssertEqual(r.cc, 0)
        XCTAssertEqual([r.r(2), r.r(3), r.r(4)], [0x20002, 0, 0x22004])
        XCTAssertEqual(r.bytes(0x20000, 2), [0x11, 0x22])
        // TRTT: two-byte source, two-byte entries.
        r = try run("trtt %r2,%r4,0") { cpu, mem in
            cpu.r[0] = 0; cpu.r[1] = 0x30000; cpu.r[3] = 4
            mem.store(UInt16(0xABCD), at: 0x30000 + 2 * 0x0102); mem.store(UInt16(0x1234), at: 0x30000 + 2 * 0x8000)
            mem.write([0x01, 0x02, 0x80, 0x00], at: 0x22000)
        }
        XCTAssertEqual(r.cc, 0)
        XCTAssertEqual(r.bytes(0x20000, 4), [0xAB, 0xCD, 0x12, 0x34])
        // An odd length with two-byte source characters, or R1 odd: specification.
        r = try run("trto %r2,%r4,0") { cpu, _ in cpu.r[3] = 3 }
        XCTAssertEqual(r.programCode, 6)
        XCTAssertEqual(r.r(2), 0x20000)
        XCTAssertEqual(try GuestRun(padded: ".long 0xb9930034   /* troo %r3,%r4 */").programCode, 6)
    }

    func testTranslateOneTwoCPUDeterminedAndAccessException() throws {
        // 10000 characters: cc 3 at least once, then done.
        let machine = try SnippetMachine()
        try machine.load("troo %r2,%r4,1")
        let cpu = machine.cpus[0]
        machine.vm.memory.write(caseSwap, at: 0x21000)
        machine.vm.memory.write(Array(repeating: UInt8(ascii: "m"), count: 10000), at: 0x40000)
        cpu.r[1] = 0x21000; cpu.r[2] = 0x60000; cpu.r[3] = 10000; cpu.r[4] = 0x40000
        var runs = 0
        var out = machine.run(cpu)
        while out.cc == 3 && runs < 100 { runs += 1; out = machine.run(cpu) }
        XCTAssertGreaterThan(runs, 0)
        XCTAssertEqual(out.cc, 0)
        XCTAssertEqual([cpu.r[2], cpu.r[3], cpu.r[4]], [0x60000 + 10000, 0, 0x40000 + 10000])
        XCTAssertEqual(machine.vm.memory.read(0x60000, count: 10000)!, Array(repeating: UInt8(ascii: "M"), count: 10000))
        // The first operand runs past the end of storage: the registers keep
        // the characters completed.
        let r = try GuestRun(padded: "troo %r2,%r4,1") { cpu, mem in
            mem.write(caseSwap, at: 0x21000)
            cpu.r[1] = 0x21000; cpu.r[2] = 0x3FFFFE; cpu.r[3] = 5; cpu.r[4] = 0x22000
        }
        XCTAssertEqual(r.programCode, 5)
        XCTAssertEqual([r.r(2), r.r(3), r.r(4)], [0x400000, 3, 0x22002])
    }

    func testSRSTU() throws {
        func srstu(_ r0: UInt64, end: UInt64) throws -> GuestRun {
            try GuestRun(padded: "0: srstu %r1,%r2\njo 0b") { cpu, mem in
                cpu.r[0] = r0; cpu.r[1] = end; cpu.r[2] = 0x20000
                mem.write([0x00, 0x41, 0x00, 0x42, 0x00, 0x43, 0x00, 0x44], at: 0x20000)
            }
        }
        var run = try srstu(0x43, end: 0x20008)
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual([run.r(1), run.r(2)], [0x20004, 0x20000])
        run = try srstu(0x45, end: 0x20008)
        XCTAssertEqual(run.cc, 2)
        XCTAssertEqual([run.r(1), run.r(2)], [0x20008, 0x20000])
        run = try srstu(0x43, end: 0x20004)                 // just past the end
        XCTAssertEqual(run.cc, 2)
        run = try srstu(0x43, end: 0x20005)                 // R1 odd, R2 even: the operand ends at 0x20006
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(run.r(1), 0x20004)
        run = try srstu(0xFFFF_FFFF_0000_0043, end: 0x20008)  // bits 0-31 of GR0 ignored
        XCTAssertEqual(run.cc, 1)
        run = try srstu(0x1_0043, end: 0x20008)             // bits 32-47 not zero
        XCTAssertEqual(run.programCode, 6)
    }

    /// "aé€😀" in the three forms.
    private static let utf8: [UInt8] = [0x61, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80]
    private static let utf16: [UInt8] = [0x00, 0x61, 0x00, 0xE9, 0x20, 0xAC, 0xD8, 0x3D, 0xDE, 0x00]
    private static let utf32: [UInt8] = [0, 0, 0, 0x61, 0, 0, 0, 0xE9, 0, 0, 0x20, 0xAC, 0, 1, 0xF6, 0]

    /// Runs `insn %r2,%r4` once or until cc is not 3; first operand at
    /// 0x20000 (room `room`), second at 0x22000.
    private func convert(_ insn: String, _ source: [UInt8], room: UInt64 = 64, sourceLength: UInt64? = nil,
                         loop: Bool = true) throws -> GuestRun {
        try GuestRun(padded: loop ? "0: \(insn)\njo 0b" : insn) { cpu, mem in
            cpu.r[2] = 0x20000; cpu.r[3] = room; cpu.r[4] = 0x22000; cpu.r[5] = sourceLength ?? UInt64(source.count)
            mem.write(source, at: 0x22000)
        }
    }

    private func assertConverted(_ run: GuestRun, _ expected: [UInt8], consumed: UInt64, cc: UInt8 = 0, room: UInt64 = 64,
                                 file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(run.finished, "code \(run.programCode)", file: file, line: line)
        XCTAssertEqual(run.cc, cc, file: file, line: line)
        XCTAssertEqual(run.r(2), 0x20000 + UInt64(expected.count), file: file, line: line)
        XCTAssertEqual(run.r(3), room - UInt64(expected.count), file: file, line: line)
        XCTAssertEqual(run.r(4), 0x22000 + consumed, file: file, line: line)
        XCTAssertEqual(run.bytes(0x20000, expected.count), expected, file: file, line: line)
    }

    func testUnicodeConversions() throws {
        let (u8, u16, u32) = (Self.utf8, Self.utf16, Self.utf32)
        assertConverted(try convert("cu12 %r2,%r4,0", u8), u16, consumed: 10)
        assertConverted(try convert("cu12 %r2,%r4,1", u8), u16, consumed: 10)
        assertConverted(try convert("cu21 %r2,%r4,1", u16), u8, consumed: 10)
        assertConverted(try convert("cu14 %r2,%r4,1", u8), u32, consumed: 10)
        assertConverted(try convert("cu41 %r2,%r4", u32), u8, consumed: 16)
        assertConverted(try convert("cu24 %r2,%r4,1", u16), u32, consumed: 10)
        assertConverted(try convert("cu42 %r2,%r4", u32), u16, consumed: 16)
        // The old mnemonics of CU12 and CU21.
        assertConverted(try convert("cutfu %r2,%r4", u8), u16, consumed: 10)
        assertConverted(try convert("cuutf %r2,%r4", u16), u8, consumed: 10)
    }

    func testUnicodeConversionEnds() throws {
        let (u8, u16, u32) = (Self.utf8, Self.utf16, Self.utf32)
        // First operand full: cc 1 before the character that does not fit.
        assertConverted(try convert("cu12 %r2,%r4", u8, room: 5), Array(u16[0..<4]), consumed: 3, cc: 1, room: 5)
        assertConverted(try convert("cu41 %r2,%r4", u32, room: 9), Array(u8[0..<6]), consumed: 12, cc: 1, room: 9)
        assertConverted(try convert("cu42 %r2,%r4", u32, room: 9), Array(u16[0..<6]), consumed: 12, cc: 1, room: 9)
        // Only part of a character left in the second operand: cc 0.
        var run = try convert("cu12 %r2,%r4", u8, sourceLength: 8)
        assertConverted(run, Array(u16[0..<6]), consumed: 6)
        XCTAssertEqual(run.r(5), 2)
        run = try convert("cu21 %r2,%r4", u16, sourceLength: 8)      // a lone high surrogate
        assertConverted(run, Array(u8[0..<6]), consumed: 6)
        XCTAssertEqual(run.r(5), 2)
        run = try convert("cu41 %r2,%r4", u32, sourceLength: 7)
        assertConverted(run, [0x61], consumed: 4)
        XCTAssertEqual(run.r(5), 3)
        // One execution converts a CPU-determined number of characters.
        let long = [UInt8](repeating: 0x61, count: 5000)
        run = try GuestRun(padded: "cu12 %r2,%r4") { cpu, mem in
            cpu.r[2] = 0x40000; cpu.r[3] = 20000; cpu.r[4] = 0x22000; cpu.r[5] = 5000
            mem.write(long, at: 0x22000)
        }
        XCTAssertEqual(run.cc, 3)
        XCTAssertGreaterThan(run.r(5), 0)
        XCTAssertEqual(run.r(4) - 0x22000, 5000 - run.r(5))
        XCTAssertEqual(run.r(2) - 0x40000, 2 * (5000 - run.r(5)))
        // R1 or R2 odd: specification.
        XCTAssertEqual(try GuestRun(padded: ".long 0xb2a70034   /* cu12 %r3,%r4 */").programCode, 6)
        XCTAssertEqual(try GuestRun(padded: ".long 0xb9b20025   /* cu41 %r2,%r5 */").programCode, 6)
    }

    func testUnicodeInvalidAndWellFormedness() throws {
        // cc 2 leaves the registers at the invalid character.
        func invalid(_ insn: String, _ source: [UInt8], produced: [UInt8], consumed: UInt64,
                     line: UInt = #line) throws {
            assertConverted(try convert(insn, source), produced, consumed: consumed, cc: 2, line: line)
        }
        // UTF-8 first bytes 80-BF and F8-FF are always invalid.
        try invalid("cu12 %r2,%r4,0", [0x61, 0x80, 0x61], produced: [0x00, 0x61], consumed: 1)
        try invalid("cu14 %r2,%r4,0", [0xF8, 0x80, 0x80, 0x80], produced: [], consumed: 0)
        // Without well-formedness checking, the bits are converted as they are.
        assertConverted(try convert("cu12 %r2,%r4,0", [0x61, 0xC3, 0x28]), [0x00, 0x61, 0x00, 0xE8], consumed: 3)
        assertConverted(try convert("cu12 %r2,%r4,0", [0xC0, 0x80]), [0x00, 0x00], consumed: 2)
        assertConverted(try convert("cu12 %r2,%r4,0", [0xED, 0xA0, 0x80]), [0xD8, 0x00], consumed: 3)
        assertConverted(try convert("cu14 %r2,%r4,0", [0xF7, 0xBF, 0xBF, 0xBF]), [0x00, 0x1F, 0xFF, 0xFF], consumed: 4)
        // Four UTF-8 bytes become a surrogate pair bit by bit, abcd = uvwxy - 1.
        assertConverted(try convert("cu12 %r2,%r4,0", [0xF0, 0x80, 0x80, 0x80]), [0xDB, 0xC0, 0xDC, 0x00], consumed: 4)
        // With M3 bit 3: a bad continuation byte, overlong forms, surrogates,
        // values above 10FFFF.
        try invalid("cu12 %r2,%r4,1", [0x61, 0xC3, 0x28], produced: [0x00, 0x61], consumed: 1)
        try invalid("cu12 %r2,%r4,1", [0xC1, 0xBF], produced: [], consumed: 0)
        try invalid("cu12 %r2,%r4,1", [0xE0, 0x9F, 0xBF], produced: [], consumed: 0)
        try invalid("cu12 %r2,%r4,1", [0xED, 0xA0, 0x80], produced: [], consumed: 0)
        try invalid("cu14 %r2,%r4,1", [0xF0, 0x8F, 0xBF, 0xBF], produced: [], consumed: 0)
        try invalid("cu14 %r2,%r4,1", [0xF4, 0x90, 0x80, 0x80], produced: [], consumed: 0)
        try invalid("cu14 %r2,%r4,1", [0xF5, 0x80, 0x80, 0x80], produced: [], consumed: 0)
        assertConverted(try convert("cu14 %r2,%r4,1", [0xF4, 0x8F, 0xBF, 0xBF]), [0x00, 0x10, 0xFF, 0xFF], consumed: 4)
        // UTF-16: the second word of a pair is checked only with M3 bit 3.
        try invalid("cu21 %r2,%r4,1", [0x00, 0x61, 0xD8, 0x3D, 0x00, 0x41], produced: [0x61], consumed: 2)
        try invalid("cu24 %r2,%r4,1", [0xD8, 0x3D, 0x00, 0x41], produced: [], consumed: 0)
        assertConverted(try convert("cu21 %r2,%r4,0", [0xD8, 0x3D, 0x00, 0x41]), [0xF0, 0x9F, 0x91, 0x81], consumed: 4)
        // A low surrogate alone is an ordinary 3-byte character.
        assertConverted(try convert("cu21 %r2,%r4,1", [0xDC, 0x00]), [0xED, 0xB0, 0x80], consumed: 2)
        // UTF-32: D800-DBFF and values above 10FFFF are invalid.
        try invalid("cu41 %r2,%r4", [0, 0, 0, 0x41, 0, 0, 0xD8, 0x00], produced: [0x41], consumed: 4)
        try invalid("cu42 %r2,%r4", [0, 0x11, 0, 0], produced: [], consumed: 0)
        assertConverted(try convert("cu42 %r2,%r4", [0, 1, 0, 0, 0, 0x10, 0xFF, 0xFF]),
                        [0xD8, 0x00, 0xDC, 0x00, 0xDB, 0xFF, 0xDF, 0xFF], consumed: 8)
    }

    func testUnicodeAccessExceptionKeepsProgress() throws {
        // The first operand runs past the end of storage after two characters.
        let run = try GuestRun(padded: "cu12 %r2,%r4") { cpu, mem in
            cpu.r[2] = 0x3FFFFC; cpu.r[3] = 16; cpu.r[4] = 0x22000; cpu.r[5] = 8
            mem.write(Array("abcdefgh".utf8), at: 0x22000)
        }
        XCTAssertEqual(run.programCode, 5)
        XCTAssertEqual([run.r(2), run.r(3), run.r(4), run.r(5)], [0x400000, 12, 0x22002, 6])
        XCTAssertEqual(run.bytes(0x3FFFFC, 4), [0x00, 0x61, 0x00, 0x62])
    }
}

extension StringTests {
    func testMVCLU() throws {
        func mvclu(_ l1: UInt64, _ l3: UInt64, loop: Bool = true, d: UInt64 = 0x20000) throws -> GuestRun {
            try GuestRun(padded: loop ? "0: mvclu %r2,%r4,0x1234(%r6)\njo 0b" : "mvclu %r2,%r4,0x1234(%r6)") { cpu, mem in
                cpu.r[2] = d; cpu.r[3] = l1; cpu.r[4] = 0x22000; cpu.r[5] = l3
                cpu.r[6] = 0xABCD_0000                 // pad = bits 48-63 of the address: 0x1234
                mem.write([0x00, 0x41, 0x00, 0x42, 0x00, 0x43], at: 0x22000)
            }
        }
        // First operand longer: the pad fills it, cc 2.
        var run = try mvclu(10, 6)
        XCTAssertEqual(run.cc, 2)
        XCTAssertEqual(run.bytes(0x20000, 10), [0x00, 0x41, 0x00, 0x42, 0x00, 0x43, 0x12, 0x34, 0x12, 0x34])
        XCTAssertEqual([run.r(2), run.r(3), run.r(4), run.r(5)], [0x2000A, 0, 0x22006, 0])
        // First operand shorter: cc 1, the second operand is left partly unmoved.
        run = try mvclu(4, 6)
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual([run.r(2), run.r(3), run.r(4), run.r(5)], [0x20004, 0, 0x22004, 2])
        run = try mvclu(6, 6)
        XCTAssertEqual(run.cc, 0)
        // One execution stops at the first operand's page end: cc 3.
        run = try mvclu(0x100, 6, loop: false, d: 0x20FF0)
        XCTAssertEqual(run.cc, 3)
        XCTAssertEqual([run.r(2), run.r(3)], [0x21000, 0xF0])
        // Odd length or odd register: specification.
        XCTAssertEqual(try mvclu(5, 6).programCode, 6)
        XCTAssertEqual(try GuestRun(padded: ".long 0xeb340000\n.short 0x008e   /* mvclu %r3,%r4,0 */").programCode, 6)
    }

    func testCLCLU() throws {
        func clclu(_ second: [UInt8], _ l1: UInt64 = 6, pad: UInt64 = 0x20) throws -> GuestRun {
            try GuestRun(padded: "0: clclu %r2,%r4,0(%r6)\njo 0b") { cpu, mem in
                cpu.r[2] = 0x20000; cpu.r[3] = l1; cpu.r[4] = 0x22000; cpu.r[5] = UInt64(second.count); cpu.r[6] = pad
                mem.write([0x00, 0x41, 0x00, 0x42, 0x00, 0x20], at: 0x20000)
                mem.write(second, at: 0x22000)
            }
        }
        var run = try clclu([0x00, 0x41, 0x00, 0x42])        // the pad 0x0020 matches the last character
        XCTAssertEqual(run.cc, 0)
        XCTAssertEqual([run.r(2), run.r(3), run.r(4), run.r(5)], [0x20006, 0, 0x22004, 0])
        run = try clclu([0x00, 0x41, 0x01, 0x00])
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual([run.r(2), run.r(3), run.r(4), run.r(5)], [0x20002, 4, 0x22002, 2])
        run = try clclu([0x00, 0x41, 0x00, 0x42], pad: 0x1F)
        XCTAssertEqual(run.cc, 2)
        XCTAssertEqual([run.r(2), run.r(3), run.r(4), run.r(5)], [0x20004, 2, 0x22004, 0])
        XCTAssertEqual(try clclu([0x00, 0x41, 0x00]).programCode, 6)   // odd length
    }
}

extension StringTests {
    /// The rows of StringTranslateUnicode.swift decode from the assembler's bytes.
    func testTranslateUnicodeRowsDecodeFromTheAssembler() throws {
        let lines = [
            "tre %r2,%r4", "troo %r2,%r4,1", "trot %r2,%r4,1", "trto %r2,%r4,1", "trtt %r2,%r4,1",
            "srstu %r2,%r4", "mvclu %r2,%r4,4(%r5)", "clclu %r2,%r4,4(%r5)",
            "cu12 %r2,%r4,1", "cu21 %r2,%r4,1", "cu14 %r2,%r4,1", "cu24 %r2,%r4,1", "cu41 %r2,%r4", "cu42 %r2,%r4",
        ]
        let out = try Assembler.assemble(lines.joined(separator: "\n"))
        var offset = 0
        for line in lines {
            let length = instructionLength(firstByte: out.bytes[offset])
            var raw: UInt64 = 0
            for k in 0..<length { raw = raw << 8 | UInt64(out.bytes[offset + k]) }
            raw <<= UInt64(8 * (6 - length))
            XCTAssertEqual(InstructionSet.shared.definition(forRaw: raw)?.mnemonic,
                           String(line.split(separator: " ")[0]).uppercased(), line)
            offset += length
        }
    }
}
