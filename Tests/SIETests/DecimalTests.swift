import Foundation
import XCTest
@testable import SIE

/// Decimal instructions (PoP chapter 8) and the decimal conversions of chapter 7.
/// Expected values are worked out by hand from the PoP rules. Snippets run
/// with r5 = 0x20000 and r6 = 0x21000 as base registers unless a test says
/// otherwise; the instruction under test is at 0x10000.
final class DecimalTests: XCTestCase {
    static let d1: UInt64 = 0x20000
    static let d2: UInt64 = 0x21000
    static let start: UInt64 = GuestRun.origin

    struct Options {
        var regs: [Int: UInt64] = [:]
        var cc: UInt8 = 0
        var decimalOverflowMask = false
        /// PSW mask to load instead of the harness's 64-bit one (addressing mode, key).
        var pswMask: UInt64? = nil
        var keys: [UInt64: UInt8] = [:]      // frame address → storage key
        var memory: UInt64 = 4 << 20
    }

    func run(_ source: String, _ bytes: [UInt64: [UInt8]], _ o: Options = Options()) throws -> GuestRun {
        try GuestRun(source, memory: o.memory) { cpu, mem in
            if let m = o.pswMask { cpu.loadPSW(PSW(mask: m, address: GuestRun.origin)) }
            cpu.r[5] = DecimalTests.d1
            cpu.r[6] = DecimalTests.d2
            for (n, v) in o.regs { cpu.r[n] = v }
            for (a, b) in bytes { mem.write(b, at: a) }
            for (frame, key) in o.keys { cpu.vm.storageKeys[Int(frame >> 12)] = key }
            cpu.cc = o.cc
            if o.decimalOverflowMask { cpu.mask |= 1 << 42 }
        }
    }

    /// The one-instruction snippet ran to its end (the operation exception of
    /// the `.short 0` after it). Checked by address rather than `finished`:
    /// the harness finds its end label with `nm`, which does not list `.L`
    /// labels, so `finished` is wrong when the assembler pads the section
    /// (a 4-byte instruction).
    func assertFinished(_ r: GuestRun, length: UInt64 = 6, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(r.programCode == 1 && r.oldPSW.address == DecimalTests.start + length + 2,
                      "program code \(r.programCode) at \(r.oldPSW)", file: file, line: line)
    }

    /// A program interruption by the first instruction, old PSW past it.
    func assertProgram(_ r: GuestRun, _ code: UInt16, length: UInt64 = 6, cc: UInt8? = nil,
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.programCode, code, "program code", file: file, line: line)
        XCTAssertEqual(UInt64(r.ilc), length, "ILC", file: file, line: line)
        XCTAssertEqual(r.oldPSW.address, DecimalTests.start + length, "old PSW", file: file, line: line)
        if let cc { XCTAssertEqual(r.cc, cc, "cc", file: file, line: line) }
        if code == 7 { XCTAssertEqual(r.dxc, 0, "DXC", file: file, line: line) }
    }

    // MARK: - AP

    func testAddDecimalBasic() throws {
        // 12345 + 678 = 13023
        let r = try run("ap 0(3,%r5),0(2,%r6)", [Self.d1: [0x12, 0x34, 0x5C], Self.d2: [0x67, 0x8C]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x13, 0x02, 0x3C])
        XCTAssertEqual(r.cc, 2)
        XCTAssertEqual(r.bytes(Self.d2, 2), [0x67, 0x8C])
    }

    func testAddDecimalSignsAndPreferredCodes() throws {
        // +12345 (sign F) + -678 (sign B) = +11667 with the preferred sign C.
        var r = try run("ap 0(3,%r5),0(2,%r6)", [Self.d1: [0x12, 0x34, 0x5F], Self.d2: [0x67, 0x8B]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x11, 0x66, 0x7C])
        XCTAssertEqual(r.cc, 2)
        // +100 (sign A) + -200 (sign D) = -100, preferred D.
        r = try run("ap 0(3,%r5),0(2,%r6)", [Self.d1: [0x00, 0x10, 0x0A], Self.d2: [0x20, 0x0D]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x10, 0x0D])
        XCTAssertEqual(r.cc, 1)
        // -100 + +100 (sign E) = 0: a zero sum is positive.
        r = try run("ap 0(3,%r5),0(2,%r6)", [Self.d1: [0x00, 0x10, 0x0D], Self.d2: [0x10, 0x0E]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x00, 0x0C])
        XCTAssertEqual(r.cc, 0)
        // -0 + -0 = +0.
        r = try run("ap 0(2,%r5),0(1,%r6)", [Self.d1: [0x00, 0x0D], Self.d2: [0x0B]])
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x00, 0x0C])
        XCTAssertEqual(r.cc, 0)
    }

    func testAddDecimalOverflowMaskOff() throws {
        // 999 + 1 = 1000 does not fit three digits: 000, CC 3, no interruption.
        var r = try run("ap 0(2,%r5),0(1,%r6)", [Self.d1: [0x99, 0x9C], Self.d2: [0x1C]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x00, 0x0C])
        XCTAssertEqual(r.cc, 3)
        // -999 + -1: the truncated zero keeps the minus sign of the true result.
        r = try run("ap 0(2,%r5),0(1,%r6)", [Self.d1: [0x99, 0x9D], Self.d2: [0x1D]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x00, 0x0D])
        XCTAssertEqual(r.cc, 3)
        // The operand lengths alone are no overflow: 5 + 3 in a 1-byte field.
        r = try run("ap 0(1,%r5),0(3,%r6)", [Self.d1: [0x5C], Self.d2: [0x00, 0x00, 0x3C]])
        XCTAssertEqual(r.bytes(Self.d1, 1), [0x8C])
        XCTAssertEqual(r.cc, 2)
        // 31-digit operands: carry out of the leftmost digit.
        let nines: [UInt8] = Array(repeating: 0x99, count: 15) + [0x9C]
        r = try run("ap 0(16,%r5),0(1,%r6)", [Self.d1: nines, Self.d2: [0x2C]])
        XCTAssertEqual(r.bytes(Self.d1, 16), Array(repeating: 0x00, count: 15) + [0x1C])
        XCTAssertEqual(r.cc, 3)
    }

    func testAddDecimalOverflowMaskOn() throws {
        // Decimal overflow completes: result stored, CC 3, then code 0x0A.
        let r = try run("ap 0(2,%r5),0(2,%r6)", [Self.d1: [0x95, 0x0C], Self.d2: [0x06, 0x0C]],
                        Options(decimalOverflowMask: true))
        assertProgram(r, 0x0A, cc: 3)
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x01, 0x0C])   // 950 + 60 = 1010 → 010
        // Without overflow the mask changes nothing.
        let ok = try run("ap 0(2,%r5),0(2,%r6)", [Self.d1: [0x05, 0x0C], Self.d2: [0x06, 0x0C]],
                         Options(decimalOverflowMask: true))
        assertFinished(ok)
        XCTAssertEqual(ok.bytes(Self.d1, 2), [0x11, 0x0C])
    }

    func testAddDecimalDataExceptions() throws {
        // Invalid digit in the second operand: suppressed, CC and operands unchanged.
        var r = try run("ap 0(3,%r5),0(2,%r6)", [Self.d1: [0x12, 0x34, 0x5C], Self.d2: [0x1A, 0x2C]], Options(cc: 2))
        assertProgram(r, 7, cc: 2)
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x12, 0x34, 0x5C])
        // Invalid sign in the first operand.
        r = try run("ap 0(3,%r5),0(2,%r6)", [Self.d1: [0x12, 0x34, 0x56], Self.d2: [0x12, 0x3C]], Options(cc: 1))
        assertProgram(r, 7, cc: 1)
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x12, 0x34, 0x56])
        // A sign code in a digit position is an invalid digit.
        r = try run("ap 0(3,%r5),0(2,%r6)", [Self.d1: [0x12, 0xC4, 0x5C], Self.d2: [0x12, 0x3C]])
        assertProgram(r, 7)
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x12, 0xC4, 0x5C])
    }

    func testAddDecimalSameField() throws {
        // The same field as both operands: 12345 + 12345.
        let r = try run("ap 0(3,%r5),0(3,%r5)", [Self.d1: [0x12, 0x34, 0x5C]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x24, 0x69, 0x0C])
        XCTAssertEqual(r.cc, 2)
        // Coincident rightmost bytes with different lengths: 01230 + 230 (the
        // second operand is the last two bytes of the first).
        let c = try run("ap 0(3,%r5),1(2,%r5)", [Self.d1: [0x01, 0x23, 0x0C]])
        XCTAssertEqual(c.bytes(Self.d1, 3), [0x01, 0x46, 0x0C])
    }

    func testAddDecimalCrossesPageAndChecksStoreFirst() throws {
        // First operand 0x20FFE-0x21001 crosses a page: works.
        var r = try run("ap 0xffe(4,%r5),0x10(1,%r6)", [0x20FFE: [0x00, 0x12, 0x34, 0x5C], 0x21010: [0x7C]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(0x20FFE, 4), [0x00, 0x12, 0x35, 0x2C])
        // PSW key 2; the first page has key 2, the second key 3 (store-protected,
        // fetchable): protection exception, and nothing stored in the first page.
        let keyed: UInt64 = 0x0020_0001_8000_0000
        r = try run("ap 0xffe(4,%r5),0x10(1,%r6)", [0x20FFE: [0x00, 0x12, 0x34, 0x5C], 0x22010: [0x7C]],
                    Options(regs: [6: 0x22000], pswMask: keyed, keys: [0x20000: 0x20, 0x21000: 0x30, 0x22000: 0x20]))
        XCTAssertEqual(r.programCode, 4)
        XCTAssertEqual(r.bytes(0x20FFE, 4), [0x00, 0x12, 0x34, 0x5C])
    }

    func testAddDecimalWrapsIn24BitMode() throws {
        // 24-bit mode: the first operand at 0xFFFFFF continues at 0.
        let r = try run("ap 0(2,%r7),0(1,%r6)", [0xFFFFFF: [0x01], 0: [0x2C], Self.d2: [0x1C]],
                        Options(regs: [7: 0xFFFFFF], pswMask: 0, memory: 16 << 20))
        assertFinished(r)
        XCTAssertEqual(r.bytes(0xFFFFFF, 1), [0x01])
        XCTAssertEqual(r.bytes(0, 1), [0x3C])
    }

    // MARK: - SP

    func testSubtractDecimal() throws {
        // 500 - 700 = -200
        var r = try run("sp 0(3,%r5),0(2,%r6)", [Self.d1: [0x00, 0x50, 0x0C], Self.d2: [0x70, 0x0C]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x20, 0x0D])
        XCTAssertEqual(r.cc, 1)
        // -500 - -700 = 200
        r = try run("sp 0(3,%r5),0(2,%r6)", [Self.d1: [0x00, 0x50, 0x0D], Self.d2: [0x70, 0x0D]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x20, 0x0C])
        XCTAssertEqual(r.cc, 2)
        // A field minus itself: +0, even from a negative number.
        r = try run("sp 0(3,%r5),0(3,%r5)", [Self.d1: [0x12, 0x34, 0x5D]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x00, 0x0C])
        XCTAssertEqual(r.cc, 0)
        // 999 - (-1): overflow.
        r = try run("sp 0(2,%r5),0(1,%r6)", [Self.d1: [0x99, 0x9C], Self.d2: [0x1D]])
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x00, 0x0C])
        XCTAssertEqual(r.cc, 3)
        r = try run("sp 0(2,%r5),0(1,%r6)", [Self.d1: [0x99, 0x9D], Self.d2: [0x1C]], Options(decimalOverflowMask: true))
        assertProgram(r, 0x0A, cc: 3)
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x00, 0x0D])
        // Data exception.
        r = try run("sp 0(2,%r5),0(1,%r6)", [Self.d1: [0x99, 0x9C], Self.d2: [0x19]])
        assertProgram(r, 7)
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x99, 0x9C])
    }

    // MARK: - ZAP

    func testZeroAndAdd() throws {
        // The first operand is neither fetched nor checked.
        var r = try run("zap 0(4,%r5),0(2,%r6)", [Self.d1: [0xFF, 0xFF, 0xFF, 0xFF], Self.d2: [0x12, 0x3B]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 4), [0x00, 0x00, 0x12, 0x3D])
        XCTAssertEqual(r.cc, 1)
        r = try run("zap 0(2,%r5),0(2,%r6)", [Self.d2: [0x12, 0x3F]])
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x12, 0x3C])
        XCTAssertEqual(r.cc, 2)
        // -0 becomes +0.
        r = try run("zap 0(2,%r5),0(2,%r6)", [Self.d2: [0x00, 0x0D]])
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x00, 0x0C])
        XCTAssertEqual(r.cc, 0)
        // Overflow: 123 into one digit is 3, CC 3.
        r = try run("zap 0(1,%r5),0(2,%r6)", [Self.d2: [0x12, 0x3C]])
        XCTAssertEqual(r.bytes(Self.d1, 1), [0x3C])
        XCTAssertEqual(r.cc, 3)
        // Overflow to zero keeps the sign of the second operand.
        r = try run("zap 0(1,%r5),0(2,%r6)", [Self.d2: [0x10, 0x0D]])
        XCTAssertEqual(r.bytes(Self.d1, 1), [0x0D])
        XCTAssertEqual(r.cc, 3)
        r = try run("zap 0(1,%r5),0(2,%r6)", [Self.d2: [0x10, 0x0D]], Options(decimalOverflowMask: true))
        assertProgram(r, 0x0A, cc: 3)
        XCTAssertEqual(r.bytes(Self.d1, 1), [0x0D])
        // Invalid second operand.
        r = try run("zap 0(2,%r5),0(2,%r6)", [Self.d1: [0x55, 0x55], Self.d2: [0x12, 0x34]])
        assertProgram(r, 7)
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x55, 0x55])
    }

    func testZeroAndAddOverlap() throws {
        // The result may end to the right of the source: bytes 0-1 (123+)
        // zero-added into bytes 1-3.
        var r = try run("zap 1(3,%r5),0(2,%r5)", [Self.d1: [0x12, 0x3C, 0x77, 0x77]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 4), [0x12, 0x00, 0x12, 0x3C])
        // Ending to the left of the source's rightmost byte is improper overlap.
        r = try run("zap 0(2,%r5),1(2,%r5)", [Self.d1: [0x77, 0x12, 0x3C]])
        assertProgram(r, 7)
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x77, 0x12, 0x3C])
        // The same field normalizes the sign.
        r = try run("zap 0(2,%r5),0(2,%r5)", [Self.d1: [0x12, 0x3F]])
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x12, 0x3C])
    }

    // MARK: - CP

    func testCompareDecimal() throws {
        func cp(_ a: [UInt8], _ b: [UInt8]) throws -> GuestRun {
            try run("cp 0(\(a.count),%r5),0(\(b.count),%r6)", [Self.d1: a, Self.d2: b])
        }
        XCTAssertEqual(try cp([0x12, 0x3C], [0x00, 0x12, 0x3F]).cc, 0)
        XCTAssertEqual(try cp([0x00, 0x0D], [0x0C]).cc, 0)         // -0 == +0
        XCTAssertEqual(try cp([0x5D], [0x3C]).cc, 1)
        XCTAssertEqual(try cp([0x5C], [0x3D]).cc, 2)
        XCTAssertEqual(try cp([0x5D], [0x3D]).cc, 1)               // -5 < -3
        XCTAssertEqual(try cp([0x99, 0x9C], [0x01, 0x00, 0x0C]).cc, 1)
        let same = try run("cp 0(2,%r5),0(2,%r5)", [Self.d1: [0x12, 0x3D]])
        XCTAssertEqual(same.cc, 0)
        let plusCodes = try run("cp 0(2,%r5),0(2,%r6)", [Self.d1: [0x12, 0x3C], Self.d2: [0x12, 0x3F]], Options(cc: 3))
        assertFinished(plusCodes)
        XCTAssertEqual(plusCodes.cc, 0)
        let bad2 = try run("cp 0(2,%r5),0(2,%r6)", [Self.d1: [0x12, 0x3C], Self.d2: [0xF2, 0x3C]], Options(cc: 3))
        assertProgram(bad2, 7, cc: 3)
    }

    // MARK: - MP

    func testMultiplyDecimal() throws {
        // 123 * -456 = -56088; the multiplicand has 2 leftmost zero bytes.
        var r = try run("mp 0(4,%r5),0(2,%r6)", [Self.d1: [0x00, 0x00, 0x12, 0x3C], Self.d2: [0x45, 0x6D]], Options(cc: 2))
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 4), [0x00, 0x56, 0x08, 0x8D])
        XCTAssertEqual(r.cc, 2)                                    // unchanged
        // A zero product keeps the algebraic sign: 0 * -5 = -0.
        r = try run("mp 0(3,%r5),0(1,%r6)", [Self.d1: [0x00, 0x00, 0x0C], Self.d2: [0x5D]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x00, 0x0D])
        // The largest product: 15 nines times 15 nines in 16 bytes.
        let a: [UInt8] = Array(repeating: 0, count: 8) + Array(repeating: 0x99, count: 7) + [0x9C]
        let b: [UInt8] = Array(repeating: 0x99, count: 7) + [0x9D]
        r = try run("mp 0(16,%r5),0(8,%r6)", [Self.d1: a, Self.d2: b])
        // (10^15 - 1)^2 = 999999999999998000000000000001
        XCTAssertEqual(r.bytes(Self.d1, 16), [0x09, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x98, 0x00,
                                             0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1D])
    }

    func testMultiplyDecimalExceptions() throws {
        // Not enough leftmost zeros in the multiplicand (2 bytes needed).
        var r = try run("mp 0(4,%r5),0(2,%r6)", [Self.d1: [0x00, 0x01, 0x23, 0x4C], Self.d2: [0x00, 0x2C]])
        assertProgram(r, 7)
        XCTAssertEqual(r.bytes(Self.d1, 4), [0x00, 0x01, 0x23, 0x4C])
        // Invalid multiplier sign.
        r = try run("mp 0(4,%r5),0(2,%r6)", [Self.d1: [0x00, 0x00, 0x23, 0x4C], Self.d2: [0x00, 0x22]])
        assertProgram(r, 7)
        // L2 >= L1 and L2 > 7: specification, before any access (the operand
        // address is outside storage).
        r = try run("mp 0(2,%r7),0(2,%r6)", [:], Options(regs: [7: 0x7FFF_0000]))
        assertProgram(r, 6)
        r = try run("mp 0(16,%r5),0(9,%r6)", [:])
        assertProgram(r, 6)
    }

    // MARK: - DP

    func testDivideDecimal() throws {
        // 1234567 / 321 = 3846 remainder 1: quotient in 3 bytes, remainder in 2.
        var r = try run("dp 0(5,%r5),0(2,%r6)", [Self.d1: [0x00, 0x12, 0x34, 0x56, 0x7C], Self.d2: [0x32, 0x1C]], Options(cc: 1))
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 5), [0x03, 0x84, 0x6C, 0x00, 0x1C])
        XCTAssertEqual(r.cc, 1)                                    // unchanged
        // Negative dividend: quotient and remainder both negative.
        r = try run("dp 0(5,%r5),0(2,%r6)", [Self.d1: [0x00, 0x12, 0x34, 0x56, 0x7D], Self.d2: [0x32, 0x1C]])
        XCTAssertEqual(r.bytes(Self.d1, 5), [0x03, 0x84, 0x6D, 0x00, 0x1D])
        // Negative divisor: quotient negative, remainder positive.
        r = try run("dp 0(5,%r5),0(2,%r6)", [Self.d1: [0x00, 0x12, 0x34, 0x56, 0x7C], Self.d2: [0x32, 0x1D]])
        XCTAssertEqual(r.bytes(Self.d1, 5), [0x03, 0x84, 0x6D, 0x00, 0x1C])
        // Zero quotient and zero remainder keep their signs: 5 / -7 = -0 rem +5; -14 / 7 = -2 rem -0.
        r = try run("dp 0(3,%r5),0(1,%r6)", [Self.d1: [0x00, 0x00, 0x5C], Self.d2: [0x7D]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x0D, 0x5C])
        r = try run("dp 0(3,%r5),0(1,%r6)", [Self.d1: [0x00, 0x01, 0x4D], Self.d2: [0x7C]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x2D, 0x0D])
        // The quotient just fits: 99999 / 100 = 999 rem 99.
        r = try run("dp 0(4,%r5),0(2,%r6)", [Self.d1: [0x00, 0x99, 0x99, 0x9C], Self.d2: [0x10, 0x0C]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 4), [0x99, 0x9C, 0x09, 0x9C])
    }

    func testDivideDecimalExceptions() throws {
        // Division by zero: decimal divide, suppressed.
        var r = try run("dp 0(4,%r5),0(2,%r6)", [Self.d1: [0x00, 0x12, 0x34, 0x5C], Self.d2: [0x00, 0x0D]], Options(cc: 2))
        assertProgram(r, 0x0B, cc: 2)
        XCTAssertEqual(r.bytes(Self.d1, 4), [0x00, 0x12, 0x34, 0x5C])
        // The quotient does not fit: 100000 / 100 = 1000 > 999.
        r = try run("dp 0(4,%r5),0(2,%r6)", [Self.d1: [0x01, 0x00, 0x00, 0x0C], Self.d2: [0x10, 0x0C]])
        assertProgram(r, 0x0B)
        XCTAssertEqual(r.bytes(Self.d1, 4), [0x01, 0x00, 0x00, 0x0C])
        // Invalid data is reported before the divisor is looked at.
        r = try run("dp 0(4,%r5),0(2,%r6)", [Self.d1: [0x00, 0x12, 0x34, 0x5C], Self.d2: [0x00, 0x09]])
        assertProgram(r, 7)
        // Specification: L2 >= L1, L2 > 7.
        r = try run("dp 0(2,%r5),0(3,%r6)", [:])
        assertProgram(r, 6)
        r = try run("dp 0(16,%r5),0(9,%r6)", [:])
        assertProgram(r, 6)
    }

    // MARK: - SRP

    func testShiftAndRoundLeft() throws {
        var r = try run("srp 0(3,%r5),2,0", [Self.d1: [0x00, 0x12, 0x3C]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x12, 0x30, 0x0C])
        XCTAssertEqual(r.cc, 2)
        // A nonzero digit shifted out: overflow, the rest kept.
        r = try run("srp 0(3,%r5),1,0", [Self.d1: [0x12, 0x34, 0x5D]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x23, 0x45, 0x0D])
        XCTAssertEqual(r.cc, 3)
        r = try run("srp 0(3,%r5),1,0", [Self.d1: [0x12, 0x34, 0x5C]], Options(decimalOverflowMask: true))
        assertProgram(r, 0x0A, cc: 3)
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x23, 0x45, 0x0C])
        // Overflow to zero keeps the original sign.
        r = try run("srp 0(1,%r5),1,0", [Self.d1: [0x5D]])
        XCTAssertEqual(r.bytes(Self.d1, 1), [0x0D])
        XCTAssertEqual(r.cc, 3)
        // Shifting all 31 digits out.
        r = try run("srp 0(16,%r5),31,0", [Self.d1: Array(repeating: 0, count: 15) + [0x1C]])
        XCTAssertEqual(r.bytes(Self.d1, 16), Array(repeating: 0, count: 15) + [0x0C])
        XCTAssertEqual(r.cc, 3)
        // Zeros shifted out are no overflow.
        r = try run("srp 0(3,%r5),3,0", [Self.d1: [0x00, 0x01, 0x2B]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x12, 0x00, 0x0D])
        XCTAssertEqual(r.cc, 1)
        // No shift: the sign becomes preferred; a zero becomes positive.
        r = try run("srp 0(3,%r5),0,0", [Self.d1: [0x12, 0x34, 0x5F]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x12, 0x34, 0x5C])
        r = try run("srp 0(3,%r5),0,0", [Self.d1: [0x00, 0x00, 0x0B]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x00, 0x0C])
        XCTAssertEqual(r.cc, 0)
    }

    func testShiftAndRoundRight() throws {
        // 12345 >> 1 rounded with 5: 1234 + 1.
        var r = try run("srp 0(3,%r5),63,5", [Self.d1: [0x12, 0x34, 0x5C]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x01, 0x23, 0x5C])
        XCTAssertEqual(r.cc, 2)
        // 12344 >> 1 with 5: no carry.
        r = try run("srp 0(3,%r5),63,5", [Self.d1: [0x12, 0x34, 0x4D]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x01, 0x23, 0x4D])
        XCTAssertEqual(r.cc, 1)
        // The carry propagates: 99995 >> 1 = 10000.
        r = try run("srp 0(3,%r5),63,5", [Self.d1: [0x99, 0x99, 0x5C]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x10, 0x00, 0x0C])
        // Only the leftmost digit shifted out rounds: 12349 >> 2 with 5 → 123.
        r = try run("srp 0(3,%r5),62,5", [Self.d1: [0x12, 0x34, 0x9C]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x12, 0x3C])
        // A negative number rounded to zero gets a plus sign.
        r = try run("srp 0(3,%r5),63,5", [Self.d1: [0x00, 0x00, 0x4D]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x00, 0x0C])
        XCTAssertEqual(r.cc, 0)
        r = try run("srp 0(3,%r5),63,5", [Self.d1: [0x00, 0x00, 0x5D]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x00, 0x1D])
        XCTAssertEqual(r.cc, 1)
        // Right by 32 (shift value 100000): everything goes, no rounding.
        r = try run("srp 0(3,%r5),32,9", [Self.d1: [0x99, 0x99, 0x9C]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x00, 0x0C])
        XCTAssertEqual(r.cc, 0)
        // Right by 31 of a full 31-digit number with rounding 5: the leftmost digit 9 rounds up.
        r = try run("srp 0(16,%r5),33,5", [Self.d1: [0x90] + Array(repeating: 0, count: 14) + [0x0C]])
        XCTAssertEqual(r.bytes(Self.d1, 16), Array(repeating: 0, count: 15) + [0x1C])
        // The shift count from a base register: only the low six bits count (-2 here).
        r = try run("srp 0(3,%r5),0(%r7),0", [Self.d1: [0x12, 0x34, 0x5C]], Options(regs: [7: 0xFFFF_FFFF_FFFF_FF3E]))
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x12, 0x3C])
    }

    func testShiftAndRoundDataExceptions() throws {
        // An invalid rounding digit is a data exception even for a left shift.
        var r = try run("srp 0(3,%r5),1,10", [Self.d1: [0x00, 0x12, 0x3C]])
        assertProgram(r, 7)
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x00, 0x12, 0x3C])
        // Invalid operand, even with no shift.
        r = try run("srp 0(3,%r5),0,0", [Self.d1: [0x00, 0x12, 0x33]])
        assertProgram(r, 7)
    }

    // MARK: - TP

    func testTestDecimal() throws {
        func tp(_ b: [UInt8]) throws -> UInt8 {
            let r = try run("tp 0(\(b.count),%r5)", [Self.d1: b], Options(cc: 3))
            assertFinished(r)
            return r.cc
        }
        XCTAssertEqual(try tp([0x12, 0x34, 0x5C]), 0)
        XCTAssertEqual(try tp([0x0F]), 0)
        XCTAssertEqual(try tp([0x12, 0x34, 0x56]), 1)
        XCTAssertEqual(try tp([0x1A, 0x34, 0x5C]), 2)
        XCTAssertEqual(try tp([0x12, 0x34, 0xFD]), 2)
        XCTAssertEqual(try tp([0x1A, 0x34, 0x56]), 3)
        XCTAssertEqual(try tp(Array(repeating: 0x99, count: 15) + [0x9B]), 0)
    }

    // MARK: - PACK, UNPK, MVO

    func testPack() throws {
        var r = try run("pack 0(4,%r5),0(5,%r6)", [Self.d2: [0xF1, 0xF2, 0xF3, 0xF4, 0xC5]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 4), [0x00, 0x12, 0x34, 0x5C])
        // Zones are ignored; a short first operand drops the leftmost digits.
        r = try run("pack 0(2,%r5),0(5,%r6)", [Self.d2: [0x31, 0x32, 0x33, 0xA4, 0xF5]])
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x34, 0x5F])
        // Invalid codes are not checked.
        r = try run("pack 0(2,%r5),0(2,%r6)", [Self.d2: [0xAB, 0xCD]])
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x0B, 0xDC])
        // In place: each result byte is stored after the source bytes it needs are fetched.
        r = try run("pack 0(4,%r5),0(4,%r5)", [Self.d1: [0xF1, 0xF2, 0xF3, 0xF4]])
        XCTAssertEqual(r.bytes(Self.d1, 4), [0x00, 0x01, 0x23, 0x4F])
    }

    func testUnpack() throws {
        var r = try run("unpk 0(5,%r5),0(3,%r6)", [Self.d2: [0x12, 0x34, 0x5C]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 5), [0xF1, 0xF2, 0xF3, 0xF4, 0xC5])
        r = try run("unpk 0(7,%r5),0(3,%r6)", [Self.d2: [0x12, 0x34, 0x5D]])
        XCTAssertEqual(r.bytes(Self.d1, 7), [0xF0, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xD5])
        r = try run("unpk 0(3,%r5),0(3,%r6)", [Self.d2: [0x12, 0x34, 0x5C]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0xF3, 0xF4, 0xC5])
        r = try run("unpk 0(2,%r5),0(1,%r6)", [Self.d2: [0xAB]])
        XCTAssertEqual(r.bytes(Self.d1, 2), [0xF0, 0xBA])
        // Crossing into a page that cannot be stored: nothing changes.
        let keyed: UInt64 = 0x0020_0001_8000_0000
        r = try run("unpk 0xffe(4,%r5),0(2,%r7)", [0x20FFE: [0x77, 0x77, 0x77, 0x77], 0x22000: [0x12, 0x3C]],
                    Options(regs: [7: 0x22000], pswMask: keyed, keys: [0x20000: 0x20, 0x21000: 0x30]))
        XCTAssertEqual(r.programCode, 4)
        XCTAssertEqual(r.bytes(0x20FFE, 4), [0x77, 0x77, 0x77, 0x77])
    }

    func testMoveWithOffset() throws {
        var r = try run("mvo 0(4,%r5),0(3,%r6)", [Self.d1: [0x77, 0x88, 0x99, 0x0C], Self.d2: [0x12, 0x34, 0x56]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 4), [0x01, 0x23, 0x45, 0x6C])
        r = try run("mvo 0(2,%r5),0(3,%r6)", [Self.d1: [0x77, 0x0D], Self.d2: [0x12, 0x34, 0x56]])
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x45, 0x6D])
        // Overlapping: shifts a packed number right by one digit in place.
        r = try run("mvo 0(3,%r5),0(2,%r5)", [Self.d1: [0x12, 0x34, 0x5C]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x01, 0x23, 0x4C])
    }

    // MARK: - PKA, PKU, UNPKA, UNPKU

    func testPackASCII() throws {
        var r = try run("pka 0(%r5),0(5,%r6)", [Self.d1: Array(repeating: 0xEE, count: 16), Self.d2: Array("12345".utf8)])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 16), Array(repeating: 0, count: 13) + [0x12, 0x34, 0x5C])
        // 32 characters: the leftmost is ignored.
        r = try run("pka 0(%r5),0(32,%r6)", [Self.d2: Array("91234567890123456789012345678901".utf8)])
        XCTAssertEqual(r.bytes(Self.d1, 16), [0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x56,
                                             0x78, 0x90, 0x12, 0x34, 0x56, 0x78, 0x90, 0x1C])
        // Only the low four bits of each character count.
        r = try run("pka 0(%r5),0(2,%r6)", [Self.d2: [0x4A, 0x37]])
        XCTAssertEqual(r.bytes(Self.d1, 16), Array(repeating: 0, count: 14) + [0x0A, 0x7C])
        // More than 32 bytes: specification, nothing stored.
        r = try run("pka 0(%r5),0(33,%r6)", [Self.d1: [0xEE]])
        assertProgram(r, 6)
        XCTAssertEqual(r.bytes(Self.d1, 1), [0xEE])
    }

    func testPackUnicode() throws {
        var r = try run("pku 0(%r5),0(6,%r6)", [Self.d2: [0x00, 0x31, 0x00, 0x32, 0x00, 0x33]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 16), Array(repeating: 0, count: 14) + [0x12, 0x3C])
        r = try run("pku 0(%r5),0(5,%r6)", [:])
        assertProgram(r, 6)
        r = try run("pku 0(%r5),0(66,%r6)", [:])
        assertProgram(r, 6)
        // 64 bytes (32 characters) is allowed; the leftmost character is ignored.
        var chars: [UInt8] = [0x00, 0x39]
        for c in "1234567890123456789012345678901".utf8 { chars += [0x00, c] }
        r = try run("pku 0(%r5),0(64,%r6)", [Self.d2: chars])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 16), [0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x56,
                                             0x78, 0x90, 0x12, 0x34, 0x56, 0x78, 0x90, 0x1C])
    }

    func testUnpackASCII() throws {
        let packed: [UInt8] = Array(repeating: 0, count: 13) + [0x12, 0x34, 0x5D]
        var r = try run("unpka 0(5,%r5),0(%r6)", [Self.d2: packed])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 5), Array("12345".utf8))
        XCTAssertEqual(r.cc, 1)
        // 32 bytes: 31 digits behind an ASCII zero.
        r = try run("unpka 0(32,%r5),0(%r6)", [Self.d2: Array(repeating: 0x98, count: 15) + [0x7F]])
        XCTAssertEqual(r.bytes(Self.d1, 32), Array(("0" + String(repeating: "98", count: 15) + "7").utf8))
        XCTAssertEqual(r.cc, 0)
        // Digits are not checked; an invalid sign gives CC 3.
        r = try run("unpka 0(2,%r5),0(%r6)", [Self.d2: Array(repeating: 0, count: 15) + [0xA5]])
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x30, 0x3A])
        XCTAssertEqual(r.cc, 3)
        r = try run("unpka 0(33,%r5),0(%r6)", [:])
        assertProgram(r, 6)
    }

    func testUnpackUnicode() throws {
        let packed: [UInt8] = Array(repeating: 0, count: 14) + [0x12, 0x3A]
        var r = try run("unpku 0(8,%r5),0(%r6)", [Self.d2: packed])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 8), [0x00, 0x30, 0x00, 0x31, 0x00, 0x32, 0x00, 0x33])
        XCTAssertEqual(r.cc, 0)
        r = try run("unpku 0(2,%r5),0(%r6)", [Self.d2: Array(repeating: 0, count: 15) + [0x9B]])
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x00, 0x39])
        XCTAssertEqual(r.cc, 1)
        r = try run("unpku 0(7,%r5),0(%r6)", [:])
        assertProgram(r, 6)
        r = try run("unpku 0(66,%r5),0(%r6)", [:])
        assertProgram(r, 6)
    }

    // MARK: - CVB, CVBY, CVBG

    static func packed8(_ digits: String, _ sign: UInt8) -> [UInt8] { packed(digits, sign, 8) }
    static func packed(_ digits: String, _ sign: UInt8, _ n: Int) -> [UInt8] {
        let nibbles = Array(repeating: UInt8(0), count: 2 * n - 1 - digits.count) + digits.utf8.map { $0 - 0x30 } + [sign]
        return stride(from: 0, to: nibbles.count, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
    }

    func testConvertToBinary() throws {
        let preset: UInt64 = 0xAAAA_AAAA_5555_5555
        func cvb(_ field: [UInt8], _ src: String = "cvb %r2,0(%r5)") throws -> GuestRun {
            try run(src, [Self.d1: field], Options(regs: [2: preset]))
        }
        var r = try cvb(Self.packed8("12345", 0xC))
        assertFinished(r, length: 4)
        XCTAssertEqual(r.r(2), 0xAAAA_AAAA_0000_3039)
        r = try cvb(Self.packed8("12345", 0xB))
        XCTAssertEqual(r.r(2), 0xAAAA_AAAA_FFFF_CFC7)
        r = try cvb(Self.packed8("2147483647", 0xF))
        XCTAssertEqual(r.r(2), 0xAAAA_AAAA_7FFF_FFFF)
        r = try cvb(Self.packed8("2147483648", 0xD))
        assertFinished(r, length: 4)
        XCTAssertEqual(r.r(2), 0xAAAA_AAAA_8000_0000)
        r = try cvb(Self.packed8("0", 0xD))
        XCTAssertEqual(r.r(2), 0xAAAA_AAAA_0000_0000)
        // Out of range: fixed-point divide, completed with the rightmost 32 bits.
        r = try cvb(Self.packed8("2147483648", 0xC))
        assertProgram(r, 9, length: 4)
        XCTAssertEqual(r.r(2), 0xAAAA_AAAA_8000_0000)
        r = try cvb(Self.packed8("2147483649", 0xD))            // -2^31 - 1
        assertProgram(r, 9, length: 4)
        XCTAssertEqual(r.r(2), 0xAAAA_AAAA_7FFF_FFFF)
        r = try cvb(Self.packed8("999999999999999", 0xC))       // 0x38D7EA4C67FFF
        assertProgram(r, 9, length: 4)
        XCTAssertEqual(r.r(2), 0xAAAA_AAAA_A4C6_7FFF)
        // Invalid digit or sign: data exception, register unchanged.
        r = try cvb([0, 0, 0, 0, 0, 0, 0x1A, 0x5C])
        assertProgram(r, 7, length: 4)
        XCTAssertEqual(r.r(2), preset)
        r = try cvb([0, 0, 0, 0, 0, 0, 0x12, 0x59])
        assertProgram(r, 7, length: 4)
        XCTAssertEqual(r.r(2), preset)
        // CVBY with a negative long displacement.
        r = try run("cvby %r3,-8(%r7)", [Self.d1: Self.packed8("98765", 0xD)], Options(regs: [3: preset, 7: Self.d1 + 8]))
        assertFinished(r)
        XCTAssertEqual(r.r(3), 0xAAAA_AAAA_FFFE_7E33)
        r = try run("cvby %r3,0(%r5)", [Self.d1: Self.packed8("3000000000", 0xC)], Options(regs: [3: preset]))
        assertProgram(r, 9)
        XCTAssertEqual(r.r(3), 0xAAAA_AAAA_B2D0_5E00)
        // The operand may cross a page.
        r = try run("cvb %r2,0xffc(%r5)", [0x20FFC: Self.packed8("7", 0xC)], Options(regs: [2: preset]))
        XCTAssertEqual(r.r(2), 0xAAAA_AAAA_0000_0007)
    }

    func testConvertToBinaryLong() throws {
        let preset: UInt64 = 0x1234_5678_9ABC_DEF0
        func cvbg(_ field: [UInt8]) throws -> GuestRun {
            try run("cvbg %r2,0(%r5)", [Self.d1: field], Options(regs: [2: preset]))
        }
        var r = try cvbg(Self.packed("9223372036854775807", 0xC, 16))
        assertFinished(r)
        XCTAssertEqual(r.r(2), 0x7FFF_FFFF_FFFF_FFFF)
        r = try cvbg(Self.packed("9223372036854775808", 0xD, 16))
        assertFinished(r)
        XCTAssertEqual(r.r(2), 0x8000_0000_0000_0000)
        r = try cvbg(Self.packed("1", 0xB, 16))
        XCTAssertEqual(r.r(2), 0xFFFF_FFFF_FFFF_FFFF)
        // Out of range: suppressed, the register unchanged.
        r = try cvbg(Self.packed("9223372036854775808", 0xC, 16))
        assertProgram(r, 9)
        XCTAssertEqual(r.r(2), preset)
        r = try cvbg(Self.packed(String(repeating: "9", count: 31), 0xD, 16))
        assertProgram(r, 9)
        XCTAssertEqual(r.r(2), preset)
        r = try cvbg(Array(repeating: 0, count: 15) + [0x1E])
        assertFinished(r)
        XCTAssertEqual(r.r(2), 1)
        r = try cvbg(Array(repeating: 0, count: 14) + [0xB0, 0x1C])
        assertProgram(r, 7)
        XCTAssertEqual(r.r(2), preset)
    }

    // MARK: - CVD, CVDY, CVDG

    func testConvertToDecimal() throws {
        func cvd(_ v: UInt64, _ src: String = "cvd %r2,0(%r5)") throws -> [UInt8] {
            let r = try run(src, [:], Options(regs: [2: v]))
            assertFinished(r, length: src.hasPrefix("cvdy") ? 6 : 4)
            return r.bytes(Self.d1, 8)
        }
        XCTAssertEqual(try cvd(0xFFFF_FFFF_0000_3039), Self.packed8("12345", 0xC))   // high half ignored
        XCTAssertEqual(try cvd(0xFFFF_FFFF), Self.packed8("1", 0xD))
        XCTAssertEqual(try cvd(0), Self.packed8("0", 0xC))
        XCTAssertEqual(try cvd(0x8000_0000), Self.packed8("2147483648", 0xD))
        XCTAssertEqual(try cvd(0x7FFF_FFFF), Self.packed8("2147483647", 0xC))
        XCTAssertEqual(try cvd(0x8000_0000, "cvdy %r2,0(%r5)"), Self.packed8("2147483648", 0xD))
        // Crossing a page.
        let r = try run("cvd %r2,0xffa(%r5)", [:], Options(regs: [2: 42]))
        XCTAssertEqual(r.bytes(0x20FFA, 8), Self.packed8("42", 0xC))
    }

    func testConvertToDecimalLong() throws {
        func cvdg(_ v: UInt64) throws -> [UInt8] {
            let r = try run("cvdg %r2,0(%r5)", [:], Options(regs: [2: v]))
            assertFinished(r)
            return r.bytes(Self.d1, 16)
        }
        // The most negative number.
        XCTAssertEqual(try cvdg(0x8000_0000_0000_0000),
                       [0, 0, 0, 0, 0, 0, 0x92, 0x23, 0x37, 0x20, 0x36, 0x85, 0x47, 0x75, 0x80, 0x8D])
        XCTAssertEqual(try cvdg(0x7FFF_FFFF_FFFF_FFFF), Self.packed("9223372036854775807", 0xC, 16))
        XCTAssertEqual(try cvdg(0), Self.packed("0", 0xC, 16))
        XCTAssertEqual(try cvdg(~0), Self.packed("1", 0xD, 16))
        XCTAssertEqual(try cvdg(10_000_000_000_000_000), Self.packed("10000000000000000", 0xC, 16))
    }

    // MARK: - ED, EDMK

    /// The pattern " dd,dsd.ddCR": 40 20 20 6B 20 21 20 4B 20 20 C3 D9.
    static let pattern: [UInt8] = [0x40, 0x20, 0x20, 0x6B, 0x20, 0x21, 0x20, 0x4B, 0x20, 0x20, 0xC3, 0xD9]

    func testEditNegative() throws {
        // Seven digits 0012345 with sign D (-123.45): "    123.45CR".
        let r = try run("ed 0(12,%r5),0(%r6)", [Self.d1: Self.pattern, Self.d2: [0x00, 0x12, 0x34, 0x5D]])
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 12), [0x40, 0x40, 0x40, 0x40, 0xF1, 0xF2, 0xF3, 0x4B, 0xF4, 0xF5, 0xC3, 0xD9])
        XCTAssertEqual(r.cc, 1)
        XCTAssertEqual(r.bytes(Self.d2, 4), [0x00, 0x12, 0x34, 0x5D])
    }

    func testEditPositiveAndLarge() throws {
        // A plus sign turns significance off: "CR" becomes fill.
        var r = try run("ed 0(12,%r5),0(%r6)", [Self.d1: Self.pattern, Self.d2: [0x00, 0x12, 0x34, 0x5C]])
        XCTAssertEqual(r.bytes(Self.d1, 12), [0x40, 0x40, 0x40, 0x40, 0xF1, 0xF2, 0xF3, 0x4B, 0xF4, 0xF5, 0x40, 0x40])
        XCTAssertEqual(r.cc, 2)
        // All digits significant: "12,345.67" with the comma kept.
        r = try run("ed 0(12,%r5),0(%r6)", [Self.d1: Self.pattern, Self.d2: [0x12, 0x34, 0x56, 0x7F]])
        XCTAssertEqual(r.bytes(Self.d1, 12), [0x40, 0xF1, 0xF2, 0x6B, 0xF3, 0xF4, 0xF5, 0x4B, 0xF6, 0xF7, 0x40, 0x40])
        XCTAssertEqual(r.cc, 2)
    }

    func testEditZeroWithSignificanceStarter() throws {
        // Zero: the significance starter forces "0.00"; CC 0.
        let r = try run("ed 0(12,%r5),0(%r6)", [Self.d1: Self.pattern, Self.d2: [0x00, 0x00, 0x00, 0x0C]], Options(cc: 3))
        XCTAssertEqual(r.bytes(Self.d1, 12), [0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0xF0, 0x4B, 0xF0, 0xF0, 0x40, 0x40])
        XCTAssertEqual(r.cc, 0)
        // Negative zero keeps significance on: "0.00CR" with CC 0 (the digits are zero).
        let n = try run("ed 0(12,%r5),0(%r6)", [Self.d1: Self.pattern, Self.d2: [0x00, 0x00, 0x00, 0x0D]])
        XCTAssertEqual(n.bytes(Self.d1, 12), [0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0xF0, 0x4B, 0xF0, 0xF0, 0xC3, 0xD9])
        XCTAssertEqual(n.cc, 0)
    }

    func testEditFieldSeparatorAndFill() throws {
        // Two fields: "*123" then a zero field; the fill byte is '*'.
        let pattern: [UInt8] = [0x5C, 0x20, 0x21, 0x20, 0x22, 0x20, 0x20, 0x20]
        var r = try run("ed 0(8,%r5),0(%r6)", [Self.d1: pattern, Self.d2: [0x12, 0x3C, 0x00, 0x0D]])
        XCTAssertEqual(r.bytes(Self.d1, 8), [0x5C, 0xF1, 0xF2, 0xF3, 0x5C, 0x5C, 0x5C, 0x5C])
        XCTAssertEqual(r.cc, 0)                         // the last field is zero
        r = try run("ed 0(8,%r5),0(%r6)", [Self.d1: pattern, Self.d2: [0x12, 0x3C, 0x00, 0x5D]])
        XCTAssertEqual(r.bytes(Self.d1, 8), [0x5C, 0xF1, 0xF2, 0xF3, 0x5C, 0x5C, 0x5C, 0xF5])
        XCTAssertEqual(r.cc, 1)
        // A pattern ending with a field separator gives CC 0.
        r = try run("ed 0(3,%r5),0(%r6)", [Self.d1: [0x40, 0x20, 0x22], Self.d2: [0x5C]])
        XCTAssertEqual(r.bytes(Self.d1, 3), [0x40, 0xF5, 0x40])
        XCTAssertEqual(r.cc, 0)
        // The fill byte may itself be a digit selector: it selects a digit.
        r = try run("ed 0(2,%r5),0(%r6)", [Self.d1: [0x20, 0x20], Self.d2: [0x01, 0x2C]])
        XCTAssertEqual(r.bytes(Self.d1, 2), [0x20, 0xF1])
        XCTAssertEqual(r.cc, 1)                         // no sign met: significance still on
    }

    func testEditDataException() throws {
        // An invalid left digit in the third source byte: nothing is stored.
        let r = try run("ed 0(12,%r5),0(%r6)", [Self.d1: Self.pattern, Self.d2: [0x00, 0x12, 0xA4, 0x5C]], Options(cc: 2))
        assertProgram(r, 7, cc: 2)
        XCTAssertEqual(r.bytes(Self.d1, 12), Self.pattern)
        // A sign in a right digit ends the number; the next byte's left digit must be valid.
        let s = try run("ed 0(3,%r5),0(%r6)", [Self.d1: [0x40, 0x20, 0x20], Self.d2: [0x1C, 0xF2]])
        assertProgram(s, 7)
        XCTAssertEqual(s.bytes(Self.d1, 3), [0x40, 0x20, 0x20])
        // Pattern bytes past the end of storage: addressing exception, nothing stored.
        let a = try run("ed 0xffe(4,%r7),0(%r6)", [0x3FFFFE: [0x40, 0x20], Self.d2: [0x12, 0x3C]],
                        Options(regs: [7: 0x3FF000]))
        XCTAssertEqual(a.programCode, 5)
        XCTAssertEqual(a.bytes(0x3FFFFE, 2), [0x40, 0x20])
    }

    func testEditAndMark() throws {
        // The first significant digit is at pattern offset 4.
        var r = try run("edmk 0(12,%r5),0(%r6)", [Self.d1: Self.pattern, Self.d2: [0x00, 0x12, 0x34, 0x5D]],
                        Options(regs: [1: 0xFFFF_FFFF_FFFF_FFFF]))
        assertFinished(r)
        XCTAssertEqual(r.bytes(Self.d1, 12), [0x40, 0x40, 0x40, 0x40, 0xF1, 0xF2, 0xF3, 0x4B, 0xF4, 0xF5, 0xC3, 0xD9])
        XCTAssertEqual(r.cc, 1)
        XCTAssertEqual(r.r(1), Self.d1 + 4)
        // Significance forced by the starter: GR1 unchanged.
        r = try run("edmk 0(12,%r5),0(%r6)", [Self.d1: Self.pattern, Self.d2: [0x00, 0x00, 0x01, 0x2C]],
                    Options(regs: [1: 0x1111]))
        XCTAssertEqual(r.bytes(Self.d1, 12), [0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0xF0, 0x4B, 0xF1, 0xF2, 0x40, 0x40])
        XCTAssertEqual(r.r(1), 0x1111)
        // Several fields: the rightmost qualifying byte wins.
        let pattern: [UInt8] = [0x40, 0x20, 0x21, 0x20, 0x22, 0x20, 0x20, 0x20]
        r = try run("edmk 0(8,%r5),0(%r6)", [Self.d1: pattern, Self.d2: [0x12, 0x3C, 0x00, 0x5C]], Options(regs: [1: 0]))
        XCTAssertEqual(r.r(1), Self.d1 + 7)
        XCTAssertEqual(r.cc, 2)
    }

    func testEditAndMarkAddressingModes() throws {
        let data: [UInt64: [UInt8]] = [Self.d1: Self.pattern, Self.d2: [0x00, 0x12, 0x34, 0x5D]]
        // 24-bit: bits 40-63 replaced, 0-39 unchanged.
        var r = try run("edmk 0(12,%r5),0(%r6)", data, Options(regs: [1: ~0], pswMask: 0))
        assertFinished(r)
        XCTAssertEqual(r.r(1), 0xFFFF_FFFF_FF02_0004)
        // 31-bit: bits 33-63 replaced, bit 32 zero, 0-31 unchanged.
        r = try run("edmk 0(12,%r5),0(%r6)", data, Options(regs: [1: ~0], pswMask: 0x8000_0000))
        assertFinished(r)
        XCTAssertEqual(r.r(1), 0xFFFF_FFFF_0002_0004)
        // 64-bit: the whole register.
        r = try run("edmk 0(12,%r5),0(%r6)", data, Options(regs: [1: ~0]))
        XCTAssertEqual(r.r(1), 0x0000_0000_0002_0004)
    }

    // MARK: - Table

    /// The disassembler, derived from the table, agrees with objdump.
    func testDisassemblyMatchesObjdump() throws {
        let lines = [
            "srp 0(3,%r5),62,5", "mvo 0(4,%r5),16(3,%r6)", "pack 1(2,%r5),3(4,%r6)", "unpk 1(2,%r5),3(4,%r6)",
            "zap 0(4,%r5),16(3,%r6)", "cp 0(4,%r5),16(3,%r6)", "ap 0(4,%r5),16(3,%r6)", "sp 0(4,%r5),16(3,%r6)",
            "mp 0(4,%r5),16(3,%r6)", "dp 0(4,%r5),16(3,%r6)", "ed 0(12,%r5),16(%r6)", "edmk 0(12,%r5),16(%r6)",
            "pku 0(%r5),32(6,%r6)", "unpku 0(10,%r5),32(%r6)", "pka 0(%r5),32(5,%r6)", "unpka 0(5,%r5),32(%r6)",
            "tp 0(3,%r5)", "cvd %r2,8(%r3,%r5)", "cvb %r2,8(%r3,%r5)", "cvby %r2,-8(%r3,%r6)",
            "cvbg %r2,4000(%r6)", "cvdy %r2,-8(%r6)", "cvdg %r2,4096(%r6)",
        ]
        let code = try Assembler.assemble(lines.joined(separator: "\n"))
        var offset = 0
        for line in lines {
            let first = code.bytes[offset]
            let length = instructionLength(firstByte: first)
            var raw: UInt64 = 0
            for k in 0..<length { raw = raw << 8 | UInt64(code.bytes[offset + k]) }
            raw <<= UInt64(8 * (6 - length))
            let text = Disassembler.text(raw: raw, length: length)
            XCTAssertEqual(text.replacingOccurrences(of: "\t", with: " "), line)
            offset += length
        }
    }
}
