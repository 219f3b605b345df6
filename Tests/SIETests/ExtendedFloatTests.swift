import XCTest
@testable import SIE

/// Extended BFP instructions run as guest code. Expected values follow the
/// PoP rules (chapter 9 "IEEE exceptions", chapter 19); bit images of the
/// nontrivial results are the exactly rounded values (see SoftFloat128Tests).
final class ExtendedFloatTests: XCTestCase {
    // Extended values (binary128 images).
    static let zero = SoftFloat128(hi: 0, lo: 0)
    static let negZero = SoftFloat128(hi: 0x8000_0000_0000_0000, lo: 0)
    static let one = SoftFloat128(hi: 0x3FFF_0000_0000_0000, lo: 0)
    static let negOne = SoftFloat128(hi: 0xBFFF_0000_0000_0000, lo: 0)
    static let two = SoftFloat128(hi: 0x4000_0000_0000_0000, lo: 0)
    static let three = SoftFloat128(hi: 0x4000_8000_0000_0000, lo: 0)
    static let onePointFive = SoftFloat128(hi: 0x3FFF_8000_0000_0000, lo: 0)
    static let twoPointFive = SoftFloat128(hi: 0x4000_4000_0000_0000, lo: 0)
    static let negTwoPointFive = SoftFloat128(hi: 0xC000_4000_0000_0000, lo: 0)
    /// 1/3 rounded to nearest (also toward zero and -inf): 0x3FFD 5555…5555;
    /// the first discarded bits are 0101…: truncated.
    static let third = SoftFloat128(hi: 0x3FFD_5555_5555_5555, lo: 0x5555_5555_5555_5555)
    static let thirdUp = SoftFloat128(hi: 0x3FFD_5555_5555_5555, lo: 0x5555_5555_5555_5556)
    /// 2^-113: half an ulp of 1.
    static let halfUlpOfOne = SoftFloat128(hi: UInt64(16383 - 113) << 48, lo: 0)
    static let onePlusUlp = SoftFloat128(hi: 0x3FFF_0000_0000_0000, lo: 1)
    static let maxFinite = SoftFloat128(hi: 0x7FFE_FFFF_FFFF_FFFF, lo: ~0)
    static let minNormal = SoftFloat128(hi: 0x0001_0000_0000_0000, lo: 0)
    static let inf = SoftFloat128(hi: 0x7FFF_0000_0000_0000, lo: 0)
    static let negInf = SoftFloat128(hi: 0xFFFF_0000_0000_0000, lo: 0)
    static let defaultNaN = SoftFloat128(hi: 0x7FFF_8000_0000_0000, lo: 0)
    static let qnan = SoftFloat128(hi: 0x7FFF_8000_0000_0000, lo: 0x1234)
    static let snan = SoftFloat128(hi: 0xFFFF_0000_0000_0000, lo: 0x5678)
    static let snanQuieted = SoftFloat128(hi: 0xFFFF_8000_0000_0000, lo: 0x5678)

    typealias T = ExtendedFloatTests

    /// Runs `source` with CR0.AFP on (unless `afp` is false) and `fpc` loaded.
    private func guest(_ source: String, fpc: UInt32 = 0, afp: Bool = true, file: StaticString = #filePath,
                       line: UInt = #line, _ setup: (VirtualCPU, GuestMemory) -> Void = { _, _ in }) throws -> GuestRun {
        try GuestRun(source, file: file, line: line) { cpu, mem in
            if afp { cpu.cr[0] |= 0x40000 }
            cpu.fpc = fpc
            setup(cpu, mem)
        }
    }

    /// Ran to the end of the snippet. (`GuestRun.finished` misses the end
    /// when the assembler pads .text after the final `.short 0`: its end
    /// label is a local `.L` symbol that `nm` does not list.)
    private func finished(_ run: GuestRun) -> Bool {
        run.programCode == 1 && run.ilc == 2 && run.load(run.oldPSW.address - 2, as: UInt16.self) == 0
    }

    private func x(_ run: GuestRun, _ n: Int) -> SoftFloat128 { SoftFloat128(hi: run.f(n), lo: run.f(n + 2)) }
    private func fpcFlags(_ run: GuestRun) -> UInt8 { UInt8(truncatingIfNeeded: run.cpu.fpc >> 16) }
    private func fpcDXC(_ run: GuestRun) -> UInt8 { UInt8(truncatingIfNeeded: run.cpu.fpc >> 8) }

    /// A data exception at the 4-byte instruction at `offset`: the old PSW
    /// points past it (suppressed or completed), DXC in the lowcore and FPC.
    private func assertDataException(_ run: GuestRun, dxc: UInt8, offset: UInt64 = 0, length: UInt64 = 4,
                                     file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(run.programCode, 7, "program code", file: file, line: line)
        XCTAssertEqual(run.dxc, dxc, "DXC", file: file, line: line)
        XCTAssertEqual(run.ilc, UInt16(length), file: file, line: line)
        XCTAssertEqual(run.oldPSW.address, GuestRun.origin + offset + length, file: file, line: line)
    }

    // MARK: ADD / SUBTRACT

    func testAddAndConditionCode() throws {
        let run = try guest("axbr %f1,%f4\naxbr %f8,%f12\naxbr %f0,%f5") { cpu, _ in
            cpu.setExtended(1, T.one); cpu.setExtended(4, T.two)
            cpu.setExtended(8, T.negOne); cpu.setExtended(12, T.onePointFive.negated)
            cpu.setExtended(0, T.one); cpu.setExtended(5, T.negOne)
        }
        XCTAssertTrue(finished(run), "code \(run.programCode)")
        XCTAssertEqual(x(run, 1), T.three)
        XCTAssertEqual(x(run, 8), T.twoPointFive.negated)
        XCTAssertEqual(x(run, 0), T.zero)         // exact zero sum: +0 when not rounding toward -inf
        XCTAssertEqual(run.cc, 0)
        XCTAssertEqual(fpcFlags(run), 0)
        let neg = try guest("axbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.negOne); cpu.setExtended(4, T.negOne) }
        XCTAssertEqual(neg.cc, 1)
        let pos = try guest("axbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.one); cpu.setExtended(4, T.one) }
        XCTAssertEqual(pos.cc, 2)
        XCTAssertEqual(x(pos, 1), T.two)
    }

    func testAddRoundingModesFromFPC() throws {
        // 1 + 2^-113 is a tie between 1 (even) and 1 + 2^-112.
        let expect: [(UInt32, SoftFloat128, UInt8)] = [
            (0, T.one, IEEE.inexact),                       // nearest even
            (1, T.one, IEEE.inexact),                       // toward zero
            (2, T.onePlusUlp, IEEE.inexact),                // toward +inf
            (3, T.one, IEEE.inexact),                       // toward -inf
            (7, T.onePlusUlp, IEEE.inexact),                // prepare for shorter precision: last bit one
        ]
        for (mode, result, flags) in expect {
            let run = try guest("axbr %f1,%f4", fpc: mode) { cpu, _ in
                cpu.setExtended(1, T.one); cpu.setExtended(4, T.halfUlpOfOne)
            }
            XCTAssertTrue(finished(run))
            XCTAssertEqual(x(run, 1), result, "mode \(mode)")
            XCTAssertEqual(fpcFlags(run), flags, "mode \(mode)")
            XCTAssertEqual(run.cc, 2)
        }
    }

    func testSubtractZeroSignTowardMinus() throws {
        let run = try guest("sxbr %f1,%f4", fpc: 3) { cpu, _ in cpu.setExtended(1, T.two); cpu.setExtended(4, T.two) }
        XCTAssertEqual(x(run, 1), T.negZero)
        XCTAssertEqual(run.cc, 0)
        let run2 = try guest("sxbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.one); cpu.setExtended(4, T.three) }
        XCTAssertEqual(x(run2, 1), T.two.negated)
        XCTAssertEqual(run2.cc, 1)
    }

    func testAddOverflowWithoutTrap() throws {
        let run = try guest("axbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.maxFinite); cpu.setExtended(4, T.maxFinite) }
        XCTAssertTrue(finished(run))
        XCTAssertEqual(x(run, 1), T.inf)
        XCTAssertEqual(run.cc, 2)
        XCTAssertEqual(fpcFlags(run), IEEE.overflow | IEEE.inexact)
        // Toward zero: the largest finite number.
        let rz = try guest("axbr %f1,%f4", fpc: 1) { cpu, _ in cpu.setExtended(1, T.maxFinite); cpu.setExtended(4, T.maxFinite) }
        XCTAssertEqual(x(rz, 1), T.maxFinite)
    }

    func testAddOverflowTrapStoresScaledResult() throws {
        // max + max = 2^16384 (1 - 2^-113), exact at 113 bits; scaled by 2^-24576.
        let run = try guest("axbr %f1,%f4", fpc: 0x2000_0000) { cpu, _ in
            cpu.setExtended(1, T.maxFinite); cpu.setExtended(4, T.maxFinite)
        }
        assertDataException(run, dxc: 0x20)
        XCTAssertEqual(x(run, 1), SoftFloat128(hi: UInt64(16384 - 24576 + 16383) << 48 | 0xFFFF_FFFF_FFFF, lo: ~0))
        XCTAssertEqual(run.cc, 2)                   // completed: cc set
        XCTAssertEqual(fpcDXC(run), 0x20)
        XCTAssertEqual(fpcFlags(run), 0)            // no flag for a trapped exception
    }

    func testInvalidOperationTrapSuppresses() throws {
        let run = try guest("axbr %f1,%f4", fpc: 0x8000_0000) { cpu, _ in
            cpu.setExtended(1, T.inf); cpu.setExtended(4, T.negInf); cpu.cc = 1
        }
        assertDataException(run, dxc: 0x80)
        XCTAssertEqual(x(run, 1), T.inf)            // suppressed: unchanged
        XCTAssertEqual(run.cc, 1)
        XCTAssertEqual(fpcDXC(run), 0x80)
        // Without the trap: default NaN, flag, cc 3.
        let nt = try guest("axbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.inf); cpu.setExtended(4, T.negInf) }
        XCTAssertTrue(finished(nt))
        XCTAssertEqual(x(nt, 1), T.defaultNaN)
        XCTAssertEqual(nt.cc, 3)
        XCTAssertEqual(fpcFlags(nt), IEEE.invalid)
    }

    func testNaNOperands() throws {
        // QNaN first operand, SNaN second: the SNaN wins, quieted; invalid.
        let run = try guest("sxbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.qnan); cpu.setExtended(4, T.snan) }
        XCTAssertEqual(x(run, 1), T.snanQuieted)
        XCTAssertEqual(run.cc, 3)
        XCTAssertEqual(fpcFlags(run), IEEE.invalid)
        // Two QNaNs: the first operand's, no exception.
        let q = try guest("axbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.qnan); cpu.setExtended(4, T.defaultNaN) }
        XCTAssertEqual(x(q, 1), T.qnan)
        XCTAssertEqual(fpcFlags(q), 0)
    }

    func testInexactTrapCompletesWithIncrementedBit() throws {
        // 1 + 2^-113 toward +inf: result incremented; DXC 0x0C; result stored.
        let run = try guest("axbr %f1,%f4", fpc: 0x0800_0002) { cpu, _ in
            cpu.setExtended(1, T.one); cpu.setExtended(4, T.halfUlpOfOne)
        }
        assertDataException(run, dxc: 0x0C)
        XCTAssertEqual(x(run, 1), T.onePlusUlp)
        XCTAssertEqual(run.cc, 2)
        // Truncated: DXC 0x08.
        let trunc = try guest("axbr %f1,%f4", fpc: 0x0800_0001) { cpu, _ in
            cpu.setExtended(1, T.one); cpu.setExtended(4, T.halfUlpOfOne)
        }
        assertDataException(trunc, dxc: 0x08)
        XCTAssertEqual(x(trunc, 1), T.one)
    }

    // MARK: MULTIPLY / DIVIDE / SQUARE ROOT

    func testMultiply() throws {
        let run = try guest("mxbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.onePointFive); cpu.setExtended(4, T.two.negated) }
        XCTAssertTrue(finished(run))
        XCTAssertEqual(x(run, 1), T.three.negated)
        XCTAssertEqual(fpcFlags(run), 0)
        // 0 × inf: invalid, default NaN.
        let inv = try guest("mxbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.negZero); cpu.setExtended(4, T.inf) }
        XCTAssertEqual(x(inv, 1), T.defaultNaN)
        XCTAssertEqual(fpcFlags(inv), IEEE.invalid)
    }

    func testMultiplyUnderflow() throws {
        // Nmin × (1/3): tiny and inexact → subnormal result, underflow and inexact flags.
        let run = try guest("mxbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.minNormal); cpu.setExtended(4, T.third) }
        XCTAssertTrue(finished(run))
        XCTAssertEqual(x(run, 1), SoftFloat128(hi: 0x0000_5555_5555_5555, lo: 0x5555_5555_5555_5555))
        XCTAssertEqual(fpcFlags(run), IEEE.underflow | IEEE.inexact)
        // With the underflow trap: the full-precision result scaled by 2^24576; the
        // product Nmin × third is exact at 113 bits: DXC 0x10.
        let trap = try guest("mxbr %f1,%f4", fpc: 0x1000_0000) { cpu, _ in
            cpu.setExtended(1, T.minNormal); cpu.setExtended(4, T.third)
        }
        assertDataException(trap, dxc: 0x10)
        XCTAssertEqual(x(trap, 1), SoftFloat128(hi: 0x5FFF_5555_5555_5555, lo: 0x5555_5555_5555_5555))
    }

    func testMultiplyLongToExtended() throws {
        // (1 + 2^-52)² = 1 + 2^-51 + 2^-104, exact in extended: fraction bits 61 and 8.
        let run = try guest("mxdbr %f1,%f4\nmxdb %f5,0(%r2)") { cpu, mem in
            cpu.f[1] = 0x3FF0_0000_0000_0001; cpu.f[4] = 0x3FF0_0000_0000_0001
            cpu.f[5] = 0xC008_0000_0000_0000           // -3
            cpu.r[2] = 0x20000
            mem.store(UInt64(0x3FE0_0000_0000_0000), at: 0x20000)   // 0.5
        }
        XCTAssertTrue(finished(run))
        XCTAssertEqual(x(run, 1), SoftFloat128(hi: 0x3FFF_0000_0000_0000, lo: 0x2000_0000_0000_0100))
        XCTAssertEqual(x(run, 5), SoftFloat128(hi: 0xBFFF_8000_0000_0000, lo: 0))
        XCTAssertEqual(fpcFlags(run), 0)
        // A long SNaN second operand beats a QNaN first operand: quieted, widened payload.
        let nan = try guest("mxdbr %f0,%f4") { cpu, _ in
            cpu.f[0] = 0x7FF8_0000_0000_0001; cpu.f[4] = 0x7FF0_0000_0000_0002
        }
        XCTAssertEqual(x(nan, 0), SoftFloat128(hi: 0x7FFF_8000_0000_0000, lo: 0x2000_0000_0000_0000))
        XCTAssertEqual(fpcFlags(nan), IEEE.invalid)
    }

    func testDivide() throws {
        let run = try guest("dxbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.one); cpu.setExtended(4, T.three) }
        XCTAssertEqual(x(run, 1), T.third)
        XCTAssertEqual(fpcFlags(run), IEEE.inexact)
        let up = try guest("dxbr %f1,%f4", fpc: 2) { cpu, _ in cpu.setExtended(1, T.one); cpu.setExtended(4, T.three) }
        XCTAssertEqual(x(up, 1), T.thirdUp)
    }

    func testDivideByZero() throws {
        let trap = try guest("dxbr %f1,%f4", fpc: 0x4000_0000) { cpu, _ in
            cpu.setExtended(1, T.negOne); cpu.setExtended(4, T.zero)
        }
        assertDataException(trap, dxc: 0x40)
        XCTAssertEqual(x(trap, 1), T.negOne)         // suppressed
        let run = try guest("dxbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.negOne); cpu.setExtended(4, T.zero) }
        XCTAssertEqual(x(run, 1), T.negInf)
        XCTAssertEqual(fpcFlags(run), IEEE.divideByZero)
        // 0/0 is invalid, not a division by zero.
        let zz = try guest("dxbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.zero); cpu.setExtended(4, T.negZero) }
        XCTAssertEqual(x(zz, 1), T.defaultNaN)
        XCTAssertEqual(fpcFlags(zz), IEEE.invalid)
    }

    func testSquareRoot() throws {
        let run = try guest("sqxbr %f1,%f4\nsqxbr %f8,%f9") { cpu, _ in
            cpu.setExtended(4, T.two)
            cpu.setExtended(9, SoftFloat128(hi: 0x4001_0000_0000_0000, lo: 0))    // 4
        }
        XCTAssertTrue(finished(run))
        // sqrt(2) = 1.6A09E667F3BCC908B2FB1366EA957D3E…: the discarded bits are below half.
        XCTAssertEqual(x(run, 1), SoftFloat128(hi: 0x3FFF_6A09_E667_F3BC, lo: 0xC908_B2FB_1366_EA95))
        XCTAssertEqual(x(run, 8), T.two)
        XCTAssertEqual(fpcFlags(run), IEEE.inexact)
        let up = try guest("sqxbr %f1,%f4", fpc: 2) { cpu, _ in cpu.setExtended(4, T.two) }
        XCTAssertEqual(x(up, 1), SoftFloat128(hi: 0x3FFF_6A09_E667_F3BC, lo: 0xC908_B2FB_1366_EA96))
        let neg = try guest("sqxbr %f1,%f4\nsqxbr %f5,%f8") { cpu, _ in
            cpu.setExtended(4, T.negOne); cpu.setExtended(8, T.negZero)
        }
        XCTAssertEqual(x(neg, 1), T.defaultNaN)
        XCTAssertEqual(x(neg, 5), T.negZero)         // sqrt(-0) = -0
        XCTAssertEqual(fpcFlags(neg), IEEE.invalid)
    }

    // MARK: COMPARE

    func testCompare() throws {
        let cases: [(SoftFloat128, SoftFloat128, UInt8)] = [
            (T.one, T.one, 0), (T.zero, T.negZero, 0), (T.one, T.two, 1), (T.two, T.one, 2),
            (T.negInf, T.negOne, 1), (T.qnan, T.one, 3),
        ]
        for (a, b, cc) in cases {
            let run = try guest("cxbr %f1,%f4") { cpu, _ in cpu.setExtended(1, a); cpu.setExtended(4, b) }
            XCTAssertTrue(finished(run))
            XCTAssertEqual(run.cc, cc, "\(a) vs \(b)")
            XCTAssertEqual(fpcFlags(run), 0)
        }
        // SNaN: invalid even for COMPARE.
        let s = try guest("cxbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.one); cpu.setExtended(4, T.snan) }
        XCTAssertEqual(s.cc, 3)
        XCTAssertEqual(fpcFlags(s), IEEE.invalid)
    }

    func testCompareAndSignal() throws {
        let run = try guest("kxbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.qnan); cpu.setExtended(4, T.one) }
        XCTAssertEqual(run.cc, 3)
        XCTAssertEqual(fpcFlags(run), IEEE.invalid)
        let trap = try guest("kxbr %f1,%f4", fpc: 0x8000_0000) { cpu, _ in
            cpu.setExtended(1, T.qnan); cpu.setExtended(4, T.one); cpu.cc = 2
        }
        assertDataException(trap, dxc: 0x80)
        XCTAssertEqual(trap.cc, 2)                  // suppressed
        let ordered = try guest("kxbr %f1,%f4") { cpu, _ in cpu.setExtended(1, T.two); cpu.setExtended(4, T.one) }
        XCTAssertEqual(ordered.cc, 2)
    }

    // MARK: Sign and test

    func testLoadAndTest() throws {
        let run = try guest("ltxbr %f1,%f4") { cpu, _ in cpu.setExtended(4, T.negOne) }
        XCTAssertEqual(x(run, 1), T.negOne)
        XCTAssertEqual(run.cc, 1)
        let z = try guest("ltxbr %f1,%f1") { cpu, _ in cpu.setExtended(1, T.negZero) }
        XCTAssertEqual(z.cc, 0)
        let s = try guest("ltxbr %f1,%f4") { cpu, _ in cpu.setExtended(4, T.snan) }
        XCTAssertEqual(x(s, 1), T.snanQuieted)
        XCTAssertEqual(s.cc, 3)
        XCTAssertEqual(fpcFlags(s), IEEE.invalid)
        let trap = try guest("ltxbr %f1,%f4", fpc: 0x8000_0000) { cpu, _ in
            cpu.setExtended(4, T.snan); cpu.setExtended(1, T.one)
        }
        assertDataException(trap, dxc: 0x80)
        XCTAssertEqual(x(trap, 1), T.one)
    }

    func testLoadComplementNegativePositive() throws {
        let run = try guest("""
            lcxbr %f0,%f4
            lnxbr %f1,%f5
            lpxbr %f8,%f12
            lcxbr %f9,%f13
        """) { cpu, _ in
            cpu.setExtended(4, T.two); cpu.setExtended(5, T.three)
            cpu.setExtended(12, T.negInf); cpu.setExtended(13, T.snan)
        }
        XCTAssertTrue(finished(run))
        XCTAssertEqual(x(run, 0), T.two.negated)
        XCTAssertEqual(x(run, 1), T.three.negated)
        XCTAssertEqual(x(run, 8), T.inf)
        // Sign copy on an SNaN: no exception, not quieted; cc 3.
        XCTAssertEqual(x(run, 9), SoftFloat128(hi: 0x7FFF_0000_0000_0000, lo: 0x5678))
        XCTAssertEqual(run.cc, 3)
        XCTAssertEqual(fpcFlags(run), 0)
        let cc = try guest("lpxbr %f1,%f4") { cpu, _ in cpu.setExtended(4, T.negOne) }
        XCTAssertEqual(cc.cc, 2)
        let cc1 = try guest("lnxbr %f1,%f4") { cpu, _ in cpu.setExtended(4, T.zero) }
        XCTAssertEqual(x(cc1, 1), T.negZero)
        XCTAssertEqual(cc1.cc, 0)
    }

    func testTestDataClass() throws {
        // Mask bits: 0x800 +0 … 0x001 -SNaN; cc 1 when the class bit is in the mask.
        let cases: [(SoftFloat128, String, UInt8)] = [
            (T.one, "0x200", 1), (T.one, "0x100", 0), (T.one, "0xdff", 0), (T.snan, "0x001", 1),
            (T.negZero, "0x400", 1), (SoftFloat128(hi: 0, lo: 1), "0x080", 1), (T.negInf, "0x010", 1),
            (T.qnan, "0x008", 1), (T.qnan, "0x004", 0),
        ]
        for (v, mask, cc) in cases {
            let run = try guest("tcxb %f1,\(mask)") { cpu, _ in cpu.setExtended(1, v) }
            XCTAssertTrue(finished(run))
            XCTAssertEqual(run.cc, cc, "\(v) mask \(mask)")
            XCTAssertEqual(fpcFlags(run), 0)
        }
        // Only the low 12 bits of the second-operand address form the mask.
        let high = try guest("tcxb %f1,0x100(%r3)") { cpu, _ in
            cpu.setExtended(1, T.one); cpu.r[3] = 0x1000_0000_0000_0100
        }
        XCTAssertEqual(high.cc, 1)              // 0x100 + 0x100 = 0x200: +normal
    }

    // MARK: LXR / LZXR (floating-point support)

    func testLoadAndLoadZeroExtended() throws {
        let run = try guest("lxr %f8,%f1\nlzxr %f5") { cpu, _ in
            cpu.setExtended(1, T.snan); cpu.setExtended(5, T.one)
        }
        XCTAssertTrue(finished(run))
        XCTAssertEqual(x(run, 8), T.snan)           // no BFP semantics: copied as is
        XCTAssertEqual(x(run, 5), T.zero)
        // Without AFP: registers 0, 2, 4, 6 only (DXC 1); BFP instructions DXC 2.
        let ok = try guest("lxr %f0,%f4", afp: false) { cpu, _ in cpu.setExtended(4, T.two) }
        XCTAssertTrue(finished(ok))
        XCTAssertEqual(x(ok, 0), T.two)
        let afp = try guest("lxr %f1,%f4", afp: false)
        XCTAssertEqual(afp.programCode, 7)
        XCTAssertEqual(afp.dxc, 1)
        let bfp = try guest("axbr %f0,%f4", afp: false)
        XCTAssertEqual(bfp.programCode, 7)
        XCTAssertEqual(bfp.dxc, 2)
    }

    func testInvalidRegisterPairs() throws {
        // The assembler refuses these operands: raw encodings.
        let cases: [(String, String, UInt16)] = [
            ("lxr %f2,%f4", ".long 0xB3650024", 4), ("lzxr %f6", ".long 0xB3760060", 4),
            ("axbr %f0,%f14", ".long 0xB34A000E", 4), ("mxdbr %f3,%f4", ".long 0xB3070034", 4),
            ("cxbr %f10,%f0", ".long 0xB34900A0", 4), ("ldxbr %f2,%f4", ".long 0xB3450024", 4),
            ("lxdbr %f2,%f4", ".long 0xB3050024", 4), ("cfxbr %r1,0,%f7", ".long 0xB39A0017", 4),
            ("cxgbr %f11,%r1", ".long 0xB3A600B1", 4), ("tcxb %f15,0", ".long 0xEDF00000\n.short 0x0012", 6),
        ]
        for (name, src, length) in cases {
            let run = try guest(src) { cpu, _ in cpu.setExtended(0, T.one); cpu.setExtended(4, T.one) }
            XCTAssertEqual(run.programCode, 6, name)
            XCTAssertEqual(run.ilc, length, name)
            XCTAssertEqual(run.oldPSW.address, GuestRun.origin + UInt64(length), name)
        }
        // The BFP-instruction data exception comes first.
        let afpOff = try guest(".long 0xB34A000E", afp: false)
        XCTAssertEqual(afpOff.programCode, 7)
        XCTAssertEqual(afpOff.dxc, 2)
    }

    // MARK: Lengthening and rounding between formats

    func testLoadLengthened() throws {
        let run = try guest("""
            lxdbr %f0,%f8
            lxdb %f1,0(%r2)
            lxebr %f4,%f9
            lxeb %f5,8(%r2)
        """) { cpu, mem in
            cpu.f[8] = 0xC00C_0000_0000_0000                    // -3.5
            cpu.f[9] = 0x0000_0001_0000_0000                    // short: smallest subnormal 2^-149
            cpu.r[2] = 0x20000
            mem.store(UInt64(0x0000_0000_0000_0001), at: 0x20000)   // long: 2^-1074
            mem.store(UInt32(0x3F80_0000), at: 0x20008)             // 1.0
        }
        XCTAssertTrue(finished(run))
        XCTAssertEqual(x(run, 0), SoftFloat128(hi: 0xC000_C000_0000_0000, lo: 0))
        XCTAssertEqual(x(run, 1), SoftFloat128(hi: UInt64(16383 - 1074) << 48, lo: 0))
        XCTAssertEqual(x(run, 4), SoftFloat128(hi: UInt64(16383 - 149) << 48, lo: 0))
        XCTAssertEqual(x(run, 5), T.one)
        XCTAssertEqual(fpcFlags(run), 0)
        // SNaN: invalid, quieted, payload at the top of the fraction.
        let nan = try guest("lxdbr %f0,%f8") { cpu, _ in cpu.f[8] = 0xFFF0_0000_0000_0003 }
        XCTAssertEqual(x(nan, 0), SoftFloat128(hi: 0xFFFF_8000_0000_0000, lo: 0x3000_0000_0000_0000))
        XCTAssertEqual(fpcFlags(nan), IEEE.invalid)
        let trap = try guest("lxebr %f0,%f8", fpc: 0x8000_0000) { cpu, _ in
            cpu.f[8] = 0x7F80_0001_0000_0000; cpu.setExtended(0, T.two)
        }
        assertDataException(trap, dxc: 0x80)
        XCTAssertEqual(x(trap, 0), T.two)
    }

    func testLoadRoundedToLong() throws {
        let run = try guest("ldxbr %f1,%f4\nldxbra %f8,6,%f4,0\nldxbra %f9,3,%f4,4") { cpu, _ in
            cpu.setExtended(4, T.third)
            cpu.f[3] = 0xAAAA; cpu.f[10] = 0xBBBB
        }
        XCTAssertTrue(finished(run))
        XCTAssertEqual(run.f(1), 0x3FD5_5555_5555_5555)          // nearest (FPC)
        XCTAssertEqual(run.f(8), 0x3FD5_5555_5555_5556)          // m3 6: toward +inf
        XCTAssertEqual(run.f(9), 0x3FD5_5555_5555_5555)          // m3 3: last bit already one
        XCTAssertEqual(run.f(3), 0xAAAA)                         // low half of the pair untouched
        XCTAssertEqual(run.f(10), 0xBBBB)
        XCTAssertEqual(fpcFlags(run), IEEE.inexact)
        // XxC alone: no inexact flag.
        let xxc = try guest("ldxbra %f1,0,%f4,4") { cpu, _ in cpu.setExtended(4, T.third) }
        XCTAssertEqual(fpcFlags(xxc), 0)
        // Overflow in the long format: infinity, flags overflow and inexact.
        let big = SoftFloat128(hi: UInt64(16383 + 1024) << 48 | 0x8000_0000_0000, lo: 0)   // 1.5 × 2^1024
        let ovf = try guest("ldxbr %f1,%f4") { cpu, _ in cpu.setExtended(4, big) }
        XCTAssertTrue(finished(ovf))
        XCTAssertEqual(ovf.f(1), 0x7FF0_0000_0000_0000)
        XCTAssertEqual(fpcFlags(ovf), IEEE.overflow | IEEE.inexact)
        // With the overflow trap: extended result in the pair, exponent scaled by 2^-8192.
        let trap = try guest("ldxbr %f1,%f4", fpc: 0x2000_0000) { cpu, _ in cpu.setExtended(4, big) }
        assertDataException(trap, dxc: 0x20)
        XCTAssertEqual(x(trap, 1), SoftFloat128(hi: UInt64(16383 + 1024 - 8192) << 48 | 0x8000_0000_0000, lo: 0))
    }

    func testLoadRoundedToShort() throws {
        let run = try guest("lexbr %f1,%f4\nlexbra %f5,5,%f4,0") { cpu, _ in
            cpu.setExtended(4, T.third)
            cpu.f[1] = 0x1111_1111_2222_2222; cpu.f[5] = 0x3333_3333_4444_4444
        }
        XCTAssertTrue(finished(run))
        XCTAssertEqual(run.f(1), 0x3EAA_AAAB_2222_2222)          // nearest: …AB; bits 32-63 kept
        XCTAssertEqual(run.f(5), 0x3EAA_AAAA_4444_4444)          // m3 5: toward zero
        XCTAssertEqual(fpcFlags(run), IEEE.inexact)
        // SNaN: invalid; quiet NaN with the leading payload bits.
        let nan = try guest("lexbr %f1,%f4") { cpu, _ in
            cpu.setExtended(4, SoftFloat128(hi: 0x7FFF_1234_5600_0000, lo: 0))
        }
        XCTAssertEqual(nan.f(1) >> 32, 0x7FC9_1A2B)
        XCTAssertEqual(fpcFlags(nan), IEEE.invalid)
        // Underflow trap: the short-precision value kept in extended, scaled by 2^8192.
        let tiny = SoftFloat128(hi: UInt64(16383 - 150) << 48, lo: 0)          // 2^-150, exact
        let trap = try guest("lexbr %f1,%f4", fpc: 0x1000_0000) { cpu, _ in cpu.setExtended(4, tiny) }
        assertDataException(trap, dxc: 0x10)
        XCTAssertEqual(x(trap, 1), SoftFloat128(hi: UInt64(16383 - 150 + 8192) << 48, lo: 0))
    }

    func testLoadRoundedInvalidModifier() throws {
        let run = try guest("ldxbra %f1,2,%f4,0") { cpu, _ in cpu.setExtended(4, T.one) }
        XCTAssertEqual(run.programCode, 6)
    }

    // MARK: LOAD FP INTEGER

    func testLoadFPInteger() throws {
        // -2.5 by m3: 1 ties away → -3, 4 nearest even → -2, 5 toward 0 → -2,
        // 6 toward +inf → -2, 7 toward -inf → -3, 3 prepare shorter → -3 (odd).
        let expect: [(Int, SoftFloat128)] = [
            (1, T.three.negated), (4, T.two.negated), (5, T.two.negated), (6, T.two.negated),
            (7, T.three.negated), (3, T.three.negated),
        ]
        for (m3, result) in expect {
            let run = try guest("fixbr %f1,\(m3),%f4") { cpu, _ in cpu.setExtended(4, T.negTwoPointFive) }
            XCTAssertTrue(finished(run))
            XCTAssertEqual(x(run, 1), result, "m3 \(m3)")
            XCTAssertEqual(fpcFlags(run), IEEE.inexact)
        }
        // m3 0: FPC mode (toward -inf here); XxC suppresses inexact.
        let fpc = try guest("fixbra %f1,0,%f4,4", fpc: 3) { cpu, _ in cpu.setExtended(4, T.negTwoPointFive) }
        XCTAssertEqual(x(fpc, 1), T.three.negated)
        XCTAssertEqual(fpcFlags(fpc), 0)
        // -0.3 toward zero keeps the sign: -0.
        let negSmall = try guest("fixbr %f1,5,%f4") { cpu, _ in cpu.setExtended(4, T.third.negated) }
        XCTAssertEqual(x(negSmall, 1), T.negZero)
        // Inexact trap: DXC 0x0C when the magnitude grew (2.5 → 3 ties away).
        let trap = try guest("fixbr %f1,1,%f4", fpc: 0x0800_0000) { cpu, _ in cpu.setExtended(4, T.twoPointFive) }
        assertDataException(trap, dxc: 0x0C)
        XCTAssertEqual(x(trap, 1), T.three)
    }

    // MARK: Conversions with fixed point

    func testConvertFromFixed() throws {
        let run = try guest("""
            cxfbr %f0,%r2
            cxgbr %f1,%r3
            cxlfbr %f4,0,%r4,0
            cxlgbr %f5,0,%r5,0
            cxfbra %f8,0,%r6,4
        """) { cpu, _ in
            cpu.r[2] = 0xFFFF_FFFF_FFFF_FFFE                  // low word -2
            cpu.r[3] = 0x8000_0000_0000_0000                  // -2^63
            cpu.r[4] = 0xFFFF_FFFF_FFFF_FFFF                  // low word 2^32-1
            cpu.r[5] = 0xFFFF_FFFF_FFFF_FFFF                  // 2^64-1
            cpu.r[6] = 0
        }
        XCTAssertTrue(finished(run))
        XCTAssertEqual(x(run, 0), T.two.negated)
        XCTAssertEqual(x(run, 1), SoftFloat128(hi: UInt64(0x8000 | (16383 + 63)) << 48, lo: 0))
        XCTAssertEqual(x(run, 4), SoftFloat128(hi: UInt64(16383 + 31) << 48 | 0xFFFF_FFFE_0000, lo: 0))
        XCTAssertEqual(x(run, 5), SoftFloat128(hi: UInt64(16383 + 63) << 48 | 0xFFFF_FFFF_FFFF, lo: 0xFFFE_0000_0000_0000))
        XCTAssertEqual(x(run, 8), T.zero)
        XCTAssertEqual(fpcFlags(run), 0)
        let bad = try guest("cxgbra %f0,2,%r1,0")
        XCTAssertEqual(bad.programCode, 6)
    }

    func testConvertToFixed() throws {
        let run = try guest("cfxbr %r2,0,%f4\ncgxbr %r3,7,%f4") { cpu, _ in
            cpu.setExtended(4, T.negTwoPointFive)
            cpu.r[2] = 0xAAAA_AAAA_0000_0000
        }
        XCTAssertTrue(finished(run))
        XCTAssertEqual(run.r(2), 0xAAAA_AAAA_FFFF_FFFE)          // -2 (nearest even); bits 0-31 kept
        XCTAssertEqual(run.r(3), UInt64(bitPattern: -3))         // m3 7: toward -inf
        XCTAssertEqual(run.cc, 1)                                // source negative
        XCTAssertEqual(fpcFlags(run), IEEE.inexact)
        // -1/3 toward zero to logical: 0 is in range; cc from the source: negative.
        let small = try guest("clfxbr %r5,5,%f1,0") { cpu, _ in cpu.setExtended(1, T.third.negated); cpu.r[5] = ~0 }
        XCTAssertTrue(finished(small))
        XCTAssertEqual(small.r(5), 0xFFFF_FFFF_0000_0000)
        XCTAssertEqual(small.cc, 1)
        XCTAssertEqual(fpcFlags(small), IEEE.inexact)
        // Zero source: cc 0.
        let z = try guest("cgxbr %r3,0,%f4") { cpu, _ in cpu.setExtended(4, T.negZero); cpu.r[3] = 7 }
        XCTAssertEqual(z.r(3), 0)
        XCTAssertEqual(z.cc, 0)
        let p = try guest("clgxbr %r3,0,%f4,0") { cpu, _ in cpu.setExtended(4, T.three) }
        XCTAssertEqual(p.r(3), 3)
        XCTAssertEqual(p.cc, 2)
        XCTAssertEqual(fpcFlags(p), 0)
    }

    func testConvertToFixedInvalid() throws {
        // NaN → most negative number, cc 3, invalid and inexact flags.
        let nan = try guest("cfxbr %r2,0,%f4") { cpu, _ in cpu.setExtended(4, T.qnan) }
        XCTAssertTrue(finished(nan))
        XCTAssertEqual(nan.r(2) & 0xFFFF_FFFF, 0x8000_0000)
        XCTAssertEqual(nan.cc, 3)
        XCTAssertEqual(fpcFlags(nan), IEEE.invalid | IEEE.inexact)
        // Too large: most positive number; to logical negative: 0. XxC keeps inexact out.
        let big = try guest("cgxbra %r2,0,%f4,4\nclgxbr %r3,0,%f1,4") { cpu, _ in
            cpu.setExtended(4, SoftFloat128(hi: UInt64(16383 + 63) << 48, lo: 0))     // 2^63
            cpu.setExtended(1, T.negOne)
        }
        XCTAssertEqual(big.r(2), 0x7FFF_FFFF_FFFF_FFFF)
        XCTAssertEqual(big.r(3), 0)
        XCTAssertEqual(big.cc, 3)
        XCTAssertEqual(fpcFlags(big), IEEE.invalid)
        // -2^63 exactly is in range.
        let edge = try guest("cgxbr %r2,0,%f4") { cpu, _ in
            cpu.setExtended(4, SoftFloat128(hi: UInt64(0x8000 | (16383 + 63)) << 48, lo: 0))
        }
        XCTAssertEqual(edge.r(2), 0x8000_0000_0000_0000)
        XCTAssertEqual(edge.cc, 1)
        XCTAssertEqual(fpcFlags(edge), 0)
        // Invalid trap: suppressed, register and cc unchanged.
        let trap = try guest("cfxbr %r2,0,%f4", fpc: 0x8000_0000) { cpu, _ in
            cpu.setExtended(4, T.inf); cpu.r[2] = 0x1234; cpu.cc = 0
        }
        assertDataException(trap, dxc: 0x80)
        XCTAssertEqual(trap.r(2), 0x1234)
        XCTAssertEqual(trap.cc, 0)
        // Inexact trap after a nontrapped invalid operation: result and cc 3 stored, DXC 0x08.
        let inexact = try guest("clfxbr %r2,0,%f4,0", fpc: 0x0800_0000) { cpu, _ in cpu.setExtended(4, T.negInf) }
        assertDataException(inexact, dxc: 0x08)
        XCTAssertEqual(inexact.r(2) & 0xFFFF_FFFF, 0)
        XCTAssertEqual(inexact.cc, 3)
        XCTAssertEqual(fpcFlags(inexact), IEEE.invalid)
    }

    func testConvertToFixedInexactTrap() throws {
        // 2.5 → 3 with m3 1 (ties away): incremented → DXC 0x0C; stored, cc 2.
        let run = try guest("cfxbr %r2,1,%f4", fpc: 0x0800_0000) { cpu, _ in cpu.setExtended(4, T.twoPointFive) }
        assertDataException(run, dxc: 0x0C)
        XCTAssertEqual(run.r(2) & 0xFFFF_FFFF, 3)
        XCTAssertEqual(run.cc, 2)
        XCTAssertEqual(fpcDXC(run), 0x0C)
    }
}
