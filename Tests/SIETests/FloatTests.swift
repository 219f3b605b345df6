import Foundation
import XCTest
@testable import SIE

/// Deterministic generator for the randomized checks.
private struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A finite operand with interesting structure: any exponent, often
    /// subnormal, near the ends of the range, short significands.
    mutating func double() -> Double {
        let r = next()
        var bits: UInt64
        switch r & 7 {
        case 0: bits = next() & 0x800F_FFFF_FFFF_FFFF                      // subnormal
        case 1: bits = (next() & 0x8000_0000_0000_0000) | (UInt64(0x3F0 + next() % 32) << 52) | (next() & 0xF)  // few bits
        case 2: bits = (next() & 0x8000_0000_0000_0000) | (UInt64(0x7E0 + next() % 31) << 52) | (next() & 0xF_FFFF_FFFF_FFFF)
        case 3: bits = (next() & 0x8000_0000_0000_0000) | (UInt64(1 + next() % 40) << 52) | (next() & 0xF_FFFF_FFFF_FFFF)
        case 4: bits = (next() & 0x8000_0000_0000_0000) | (UInt64(0x3FF) << 52) | (next() & 0xFFFF_FFFF_0000_0000 & 0xF_FFFF_FFFF_FFFF)
        default: bits = next()
        }
        if bits & 0x7FF0_0000_0000_0000 == 0x7FF0_0000_0000_0000 { bits &= ~0x4000_0000_0000_0000 }
        return Double(bitPattern: bits)
    }
    mutating func float() -> Float {
        let r = next()
        var bits: UInt32
        switch r & 7 {
        case 0: bits = UInt32(truncatingIfNeeded: next()) & 0x807F_FFFF
        case 1: bits = (UInt32(truncatingIfNeeded: next()) & 0x8000_0000) | (UInt32(0x70 + next() % 32) << 23) | (UInt32(truncatingIfNeeded: next()) & 0xF)
        case 2: bits = (UInt32(truncatingIfNeeded: next()) & 0x8000_0000) | (UInt32(0xE0 + next() % 31) << 23) | (UInt32(truncatingIfNeeded: next()) & 0x7F_FFFF)
        case 3: bits = (UInt32(truncatingIfNeeded: next()) & 0x8000_0000) | (UInt32(1 + next() % 30) << 23) | (UInt32(truncatingIfNeeded: next()) & 0x7F_FFFF)
        default: bits = UInt32(truncatingIfNeeded: next())
        }
        if bits & 0x7F80_0000 == 0x7F80_0000 { bits &= ~0x4000_0000 }
        return Float(bitPattern: bits)
    }
}

final class SoftBFPTests: XCTestCase {
    let L = BFPFormat.long, S = BFPFormat.short

    /// Round-to-nearest-even results agree bit for bit with the host.
    func testAgainstHostNearestEven() {
        var g = SplitMix(state: 1)
        for i in 0..<60_000 {
            let a = g.double(), b = g.double(), c = g.double()
            let (ab, bb, cb) = (a.bitPattern, b.bitPattern, c.bitPattern)
            func check(_ got: (UInt64, UInt8), _ want: Double, _ what: String) {
                if want.isNaN { XCTAssertTrue(SoftBFP.isNaN(got.0, L), what); return }
                XCTAssertEqual(got.0, want.bitPattern, "\(what) #\(i) \(a) \(b) \(c)")
            }
            check(SoftBFP.add(ab, bb, negate: false, 0, L, 0), a + b, "add")
            check(SoftBFP.add(ab, bb, negate: true, 0, L, 0), a - b, "sub")
            check(SoftBFP.multiply(ab, bb, 0, L, 0), a * b, "mul")
            check(SoftBFP.divide(ab, bb, 0, L, 0), a / b, "div")
            check(SoftBFP.squareRoot(ab, 0, L), a.squareRoot(), "sqrt")
            check(SoftBFP.multiplyAdd(ab, bb, cb, negateAddend: false, 0, L, 0), c.addingProduct(a, b), "fma")
            check(SoftBFP.multiplyAdd(ab, bb, cb, negateAddend: true, 0, L, 0), (-c).addingProduct(a, b), "fms")
            // Scaled so that products and sums meet.
            let c2 = a * b * (Double(g.next() % 5) - 2)
            if c2.isFinite { check(SoftBFP.multiplyAdd(ab, bb, c2.bitPattern, negateAddend: false, 0, L, 0), c2.addingProduct(a, b), "fma2") }
            let (fa, fb, fc) = (g.float(), g.float(), g.float())
            func checkS(_ got: (UInt64, UInt8), _ want: Float, _ what: String) {
                if want.isNaN { XCTAssertTrue(SoftBFP.isNaN(got.0, S), what); return }
                XCTAssertEqual(got.0, UInt64(want.bitPattern), "\(what) #\(i) \(fa) \(fb) \(fc)")
            }
            let (x, y, z) = (UInt64(fa.bitPattern), UInt64(fb.bitPattern), UInt64(fc.bitPattern))
            checkS(SoftBFP.add(x, y, negate: false, 0, S, 0), fa + fb, "adds")
            checkS(SoftBFP.multiply(x, y, 0, S, 0), fa * fb, "muls")
            checkS(SoftBFP.divide(x, y, 0, S, 0), fa / fb, "divs")
            checkS(SoftBFP.squareRoot(x, 0, S), fa.squareRoot(), "sqrts")
            checkS(SoftBFP.multiplyAdd(x, y, z, negateAddend: false, 0, S, 0), fc.addingProduct(fa, fb), "fmas")
            checkS(SoftBFP.roundLongToShort(ab, 0, masks: 0), Float(a), "ledbr")
            XCTAssertEqual(SoftBFP.lengthen(x, quiet: true).0, Double(fa).bitPattern)
            if g.next() & 1 == 0 {
                let n = Int64(bitPattern: g.next()) >> (g.next() % 64)
                XCTAssertEqual(SoftBFP.fromInteger(negative: n < 0, magnitude: n.magnitude, 0, L, 0).0, Double(n).bitPattern)
                XCTAssertEqual(SoftBFP.fromInteger(negative: n < 0, magnitude: n.magnitude, 0, S, 0).0, UInt64(Float(n).bitPattern))
            }
            XCTAssertEqual(SoftBFP.roundToIntegral(ab, 0, L).0, a.rounded(.toNearestOrEven).bitPattern)
            XCTAssertEqual(SoftBFP.roundToIntegral(ab, 1, L).0, a.rounded(.towardZero).bitPattern)
            XCTAssertEqual(SoftBFP.roundToIntegral(ab, 2, L).0, a.rounded(.up).bitPattern)
            XCTAssertEqual(SoftBFP.roundToIntegral(ab, 3, L).0, a.rounded(.down).bitPattern)
            XCTAssertEqual(SoftBFP.roundToIntegral(ab, 4, L).0, a.rounded(.toNearestOrAwayFromZero).bitPattern)
            XCTAssertEqual(SoftBFP.roundToIntegral(x, 4, S).0, UInt64(fa.rounded(.toNearestOrAwayFromZero).bitPattern))
            XCTAssertEqual(SoftBFP.compare(ab, bb, L, signaling: false).0, a == b ? 0 : (a < b ? 1 : 2))
        }
    }

    /// The host fast path agrees with the software path, flags included,
    /// whenever it answers.
    func testHostFastPath() {
        var g = SplitMix(state: 3)
        var answered = 0
        for _ in 0..<100_000 {
            for op in [BFPBinaryOp.add, .subtract, .multiply, .divide] {
                let a = g.double().bitPattern, b = g.double().bitPattern
                if let fast = HostBFP.long(a, b, op) {
                    answered += 1
                    let slow: (UInt64, UInt8)
                    switch op {
                    case .add: slow = SoftBFP.add(a, b, negate: false, 0, L, 0)
                    case .subtract: slow = SoftBFP.add(a, b, negate: true, 0, L, 0)
                    case .multiply: slow = SoftBFP.multiply(a, b, 0, L, 0)
                    case .divide: slow = SoftBFP.divide(a, b, 0, L, 0)
                    }
                    XCTAssertEqual(fast.0, slow.0, "\(op) \(a) \(b)")
                    XCTAssertEqual(fast.1, slow.1, "\(op) flags \(a) \(b)")
                }
                let x = UInt64(g.float().bitPattern), y = UInt64(g.float().bitPattern)
                if let fast = HostBFP.short(x, y, op) {
                    answered += 1
                    let slow: (UInt64, UInt8)
                    switch op {
                    case .add: slow = SoftBFP.add(x, y, negate: false, 0, S, 0)
                    case .subtract: slow = SoftBFP.add(x, y, negate: true, 0, S, 0)
                    case .multiply: slow = SoftBFP.multiply(x, y, 0, S, 0)
                    case .divide: slow = SoftBFP.divide(x, y, 0, S, 0)
                    }
                    XCTAssertEqual(fast.0, slow.0, "short \(op) \(x) \(y)")
                    XCTAssertEqual(fast.1, slow.1, "short \(op) flags \(x) \(y)")
                }
            }
        }
        XCTAssertGreaterThan(answered, 300_000)
    }

    /// Directed rounding, checked with error-free transformations on
    /// results in the normal range: the exact value's side of the
    /// nearest-even result decides the directed one.
    func testDirectedRounding() {
        var g = SplitMix(state: 7)
        var checked = 0
        for _ in 0..<60_000 {
            let a = g.double(), b = g.double()
            // (result, sign of exact - result) for add, mul, div, sqrt
            var cases: [(UInt8, Double, Int, (UInt8) -> (UInt64, UInt8))] = []
            let s = a + b
            if s.isNormal {
                let bb = s - a, err = (a - (s - bb)) + (b - bb)
                cases.append((0, s, err > 0 ? 1 : (err < 0 ? -1 : 0), { SoftBFP.add(a.bitPattern, b.bitPattern, negate: false, $0, self.L, 0) }))
            }
            let p = a * b
            if p.isNormal && (p.magnitude > 0x1p-960) {
                let err = (-p).addingProduct(a, b)
                cases.append((1, p, err > 0 ? 1 : (err < 0 ? -1 : 0), { SoftBFP.multiply(a.bitPattern, b.bitPattern, $0, self.L, 0) }))
            }
            let q = a / b
            if q.isNormal && (q.magnitude > 0x1p-960) && a.magnitude > 0x1p-900 && b.magnitude > 0x1p-900 && b.magnitude < 0x1p900 {
                let rem = a.addingProduct(-q, b)   // a - q*b, exact
                let side = rem == 0 ? 0 : ((rem > 0) == (b > 0) ? 1 : -1)
                cases.append((2, q, side, { SoftBFP.divide(a.bitPattern, b.bitPattern, $0, self.L, 0) }))
            }
            let r = a.magnitude.squareRoot()
            if r.isNormal && a.magnitude > 0x1p-900 {
                let rem = a.magnitude.addingProduct(-r, r)
                cases.append((3, r, rem > 0 ? 1 : (rem < 0 ? -1 : 0), { SoftBFP.squareRoot(a.magnitude.bitPattern, $0, self.L) }))
            }
            for (op, nearest, side, f) in cases {
                func want(_ mode: UInt8) -> Double {
                    if side == 0 { return nearest }
                    switch mode {
                    case 1: return (side > 0) == (nearest > 0) ? nearest : (side > 0 ? nearest.nextUp : nearest.nextDown)
                    case 2: return side > 0 ? nearest.nextUp : nearest
                    case 3: return side < 0 ? nearest.nextDown : nearest
                    default: return nearest
                    }
                }
                for mode: UInt8 in [1, 2, 3] {
                    let w = want(mode)
                    guard w.isFinite else { continue }
                    let got = f(mode)
                    XCTAssertEqual(got.0, w.bitPattern, "op \(op) mode \(mode) a \(a) b \(b)")
                    XCTAssertEqual(got.1 & IEEE.inexact != 0, side != 0)
                    let incremented = side != 0 && (w > 0 ? (w > nearest || (w == nearest && side < 0))
                                                           : (w < nearest || (w == nearest && side > 0)))
                    XCTAssertEqual(got.1 & IEEE.incremented != 0, incremented, "incremented op \(op) mode \(mode)")
                }
                // Prepare for shorter precision: truncation with the last bit forced to one.
                let t = want(1)
                let psp = side == 0 ? t.bitPattern : t.bitPattern | 1
                XCTAssertEqual(f(7).0, psp, "psp op \(op)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 30_000)
    }
}

// MARK: - Instructions, run as guest code

/// Short value image in an FPR (bits 0-31), low half zero.
private func sf(_ x: Float) -> UInt64 { UInt64(x.bitPattern) << 32 }
private func sb(_ bits: UInt32) -> UInt64 { UInt64(bits) << 32 }
private func dl(_ x: Double) -> UInt64 { x.bitPattern }
private func hi(_ v: UInt64) -> UInt32 { UInt32(v >> 32) }

private let fpcMaskI: UInt32 = 0x8000_0000, fpcMaskZ: UInt32 = 0x4000_0000, fpcMaskO: UInt32 = 0x2000_0000
private let fpcMaskU: UInt32 = 0x1000_0000, fpcMaskX: UInt32 = 0x0800_0000

final class FloatInstructionTests: XCTestCase {
    /// Runs with CR0.AFP on and the given FPC.
    private func run(_ src: String, fpc: UInt32 = 0, afp: Bool = true,
                     _ setup: (VirtualCPU, GuestMemory) -> Void = { _, _ in }) throws -> GuestRun {
        try GuestRun(src) { cpu, mem in
            if afp { cpu.cr[0] |= 0x40000 }
            cpu.fpc = fpc
            setup(cpu, mem)
        }
    }

    private func assertFinished(_ r: GuestRun, file: StaticString = #filePath, line: UInt = #line) {
        // `GuestRun.finished` trusts a `.L` label that `as` drops from the symbol
        // table; the end marker is the `.short 0` just before the old PSW.
        let ended = r.programCode == 1 && r.ilc == 2 && r.load(r.oldPSW.address - 2, as: UInt16.self) == 0
        XCTAssertTrue(ended, "program code \(r.programCode) dxc \(r.dxc) at \(r.oldPSW)", file: file, line: line)
    }

    /// A data exception with `dxc` raised by the instruction ending at `next`
    /// (0x10000-relative); the DXC is also in FPC byte 2.
    private func assertData(_ r: GuestRun, dxc: UInt8, next: UInt64, fpcDXC: Bool = true,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.programCode, 7, "program code", file: file, line: line)
        XCTAssertEqual(r.dxc, dxc, "dxc", file: file, line: line)
        XCTAssertEqual(r.oldPSW.address, 0x10000 + next, "old PSW", file: file, line: line)
        if fpcDXC { XCTAssertEqual(UInt8(truncatingIfNeeded: r.cpu.fpc >> 8), dxc, "FPC DXC", file: file, line: line) }
    }

    // MARK: Loads, stores, support instructions

    func testLoadsAndStores() throws {
        let r = try run("""
            le %f1,0(%r1)
            ley %f3,-8(%r1)
            ld %f4,8(%r1)
            ldy %f5,16(%r1)
            ste %f1,32(%r1)
            stey %f3,40(%r1)
            std %f4,48(%r1)
            stdy %f5,56(%r1)
        """) { cpu, mem in
            cpu.r[1] = 0x20008
            mem.store(UInt32(0x4049_0FDB), at: 0x20008)
            mem.store(UInt32(0xC000_0000), at: 0x20000)
            mem.store(UInt64(0x4009_21FB_5444_2D18), at: 0x20010)
            mem.store(UInt64(0x8000_0000_0000_0001), at: 0x20018)
            cpu.f[1] = 0x1111_1111_2222_2222
            cpu.f[3] = 0x3333_3333_4444_4444
        }
        assertFinished(r)
        XCTAssertEqual(r.f(1), 0x4049_0FDB_2222_2222)   // short loads keep bits 32-63
        XCTAssertEqual(r.f(3), 0xC000_0000_4444_4444)
        XCTAssertEqual(r.f(4), 0x4009_21FB_5444_2D18)
        XCTAssertEqual(r.f(5), 0x8000_0000_0000_0001)
        XCTAssertEqual(r.load(0x20028, as: UInt32.self), 0x4049_0FDB)
        XCTAssertEqual(r.load(0x20030, as: UInt32.self), 0xC000_0000)
        XCTAssertEqual(r.load(0x20038, as: UInt64.self), 0x4009_21FB_5444_2D18)
        XCTAssertEqual(r.load(0x20040, as: UInt64.self), 0x8000_0000_0000_0001)
    }

    func testRegisterMovesAndSignCopies() throws {
        let r = try run("""
            ler %f1,%f2
            ldr %f3,%f2
            lzer %f4
            lzdr %f5
            ldgr %f6,%r7
            lgdr %r8,%f2
            cpsdr %f9,%f10,%f11
            lcdfr %f12,%f2
            lndfr %f13,%f11
            lpdfr %f14,%f10
        """) { cpu, _ in
            cpu.cc = 2
            cpu.f[1] = 0xAAAA_AAAA_BBBB_BBBB
            cpu.f[2] = 0x7FF0_0000_0000_0001     // an SNaN: no exception, no cc
            cpu.f[4] = 0x1234_5678_9ABC_DEF0
            cpu.f[5] = 0x1234_5678_9ABC_DEF0
            cpu.r[7] = 0x0123_4567_89AB_CDEF
            cpu.f[10] = 0x8000_0000_0000_0000
            cpu.f[11] = 0x4000_0000_0000_0000
        }
        assertFinished(r)
        XCTAssertEqual(r.f(1), 0x7FF0_0000_BBBB_BBBB)
        XCTAssertEqual(r.f(3), 0x7FF0_0000_0000_0001)
        XCTAssertEqual(r.f(4), 0x0000_0000_9ABC_DEF0)
        XCTAssertEqual(r.f(5), 0)
        XCTAssertEqual(r.f(6), 0x0123_4567_89AB_CDEF)
        XCTAssertEqual(r.r(8), 0x7FF0_0000_0000_0001)
        XCTAssertEqual(r.f(9), 0xC000_0000_0000_0000)
        XCTAssertEqual(r.f(12), 0xFFF0_0000_0000_0001)
        XCTAssertEqual(r.f(13), 0xC000_0000_0000_0000)
        XCTAssertEqual(r.f(14), 0)
        XCTAssertEqual(r.cc, 2)
        XCTAssertEqual(r.cpu.fpc, 0)
    }

    func testAFPRegisterControl() throws {
        // Off: FPRs 0, 2, 4, 6 work for support instructions, others are DXC 1;
        // BFP instructions are DXC 2; the FPC DXC is not set.
        var r = try run("ldr %f0,%f2\nler %f4,%f6\nlzdr %f6", afp: false) { cpu, _ in cpu.f[2] = 5 }
        assertFinished(r)
        XCTAssertEqual(r.f(0), 5)
        r = try run("ldr %f1,%f2", afp: false)
        assertData(r, dxc: 1, next: 2, fpcDXC: false)
        XCTAssertEqual(r.cpu.fpc, 0)
        r = try run("ld %f0,0(%r1)\nstd %f8,0(%r1)", afp: false) { cpu, _ in cpu.r[1] = 0x20000 }
        assertData(r, dxc: 1, next: 8, fpcDXC: false)
        r = try run("aebr %f0,%f2", afp: false)
        assertData(r, dxc: 2, next: 4, fpcDXC: false)
        XCTAssertEqual(r.cpu.fpc, 0)
        r = try run("efpc %r1", afp: false)
        assertData(r, dxc: 2, next: 4, fpcDXC: false)
        r = try run("sfasr %r1", afp: false)
        assertData(r, dxc: 3, next: 4, fpcDXC: false)
        r = try run("ldgr %f1,%r1", afp: false)
        assertData(r, dxc: 1, next: 4, fpcDXC: false)
    }

    // MARK: FPC instructions

    func testFPCInstructions() throws {
        var r = try run("""
            efpc %r2
            sfpc %r3
            stfpc 0(%r5)
            lfpc 4(%r5)
            efpc %r4
        """, fpc: 0x0808_0002) { cpu, mem in
            cpu.r[2] = 0xFFFF_FFFF_0000_0000
            cpu.r[3] = 0xDEAD_BEEF_F8F8_FF73    // all valid bits, DFP mode 7, BFP mode 3
            cpu.r[5] = 0x20000
            mem.store(UInt32(0x0000_0007), at: 0x20004)
        }
        assertFinished(r)
        XCTAssertEqual(r.r(2), 0xFFFF_FFFF_0808_0002)
        XCTAssertEqual(r.load(0x20000, as: UInt32.self), 0xF8F8_FF73)
        XCTAssertEqual(r.r(4) & 0xFFFF_FFFF, 7)
        // Reserved bits or BFP modes 4-6: specification exception, FPC unchanged.
        for bad: UInt32 in [0x0000_0004, 0x0000_0005, 0x0000_0006, 0x0000_0008, 0x0000_0080, 0x0001_0000, 0x0100_0000, 0x0200_0000] {
            r = try run("sfpc %r3", fpc: 1) { cpu, _ in cpu.r[3] = UInt64(bad) }
            XCTAssertEqual(r.programCode, 6, "sfpc \(bad)")
            XCTAssertEqual(r.cpu.fpc, 1)
            r = try run("lfpc 0(%r5)", fpc: 1) { cpu, mem in cpu.r[5] = 0x20000; mem.store(bad, at: 0x20000) }
            XCTAssertEqual(r.programCode, 6, "lfpc \(bad)")
            XCTAssertEqual(r.cpu.fpc, 1)
        }
    }

    func testSetRoundingMode() throws {
        var r = try run("srnm 2", fpc: 0x0000_0007)
        assertFinished(r)
        XCTAssertEqual(r.cpu.fpc, 2)                          // bit 29 cleared
        r = try run("srnm 0xffd(%r1)", fpc: 0x8000_0000) { cpu, _ in cpu.r[1] = 0 }
        XCTAssertEqual(r.cpu.fpc, 0x8000_0001)                // only address bits 62-63
        r = try run("srnmb 7", fpc: 0x0008_0001)
        assertFinished(r)
        XCTAssertEqual(r.cpu.fpc, 0x0008_0007)
        r = try run("srnmb 0x103")                              // bits above 56 ignored
        XCTAssertEqual(r.cpu.fpc, 3)
        for bad in ["srnmb 4", "srnmb 5", "srnmb 6", "srnmb 8", "srnmb 0x80"] {
            r = try run(bad, fpc: 1)
            XCTAssertEqual(r.programCode, 6, bad)
            XCTAssertEqual(r.cpu.fpc, 1)
        }
    }

    func testSetFPCAndSignal() throws {
        // No enabled flag: flags are ORed, no interruption.
        var r = try run("sfasr %r1", fpc: 0x0088_0000) { cpu, _ in cpu.r[1] = 0x4020_0001 }
        assertFinished(r)
        XCTAssertEqual(r.cpu.fpc, 0x40A8_0001)
        // Current invalid flag with the invalid mask in the source: DXC 0x83.
        r = try run("sfasr %r1", fpc: 0x0088_0000) { cpu, _ in cpu.r[1] = 0x8000_0000 }
        assertData(r, dxc: 0x83, next: 4)
        XCTAssertEqual(r.cpu.fpc, 0x8088_8300)
        // Overflow with inexact: 0x2B; inexact alone 0x0B.
        r = try run("sfasr %r1", fpc: 0x0028_0000) { cpu, _ in cpu.r[1] = 0x2000_0000 }
        assertData(r, dxc: 0x2B, next: 4)
        r = try run("lfas 0(%r2)", fpc: 0x0008_0000) { cpu, mem in cpu.r[2] = 0x20000; mem.store(UInt32(0x0800_0000), at: 0x20000) }
        assertData(r, dxc: 0x0B, next: 4)
        r = try run("sfasr %r1", fpc: 0x0080_0000) { cpu, _ in cpu.r[1] = 0x0000_0005 }
        XCTAssertEqual(r.programCode, 6)
    }

    // MARK: Arithmetic results and condition codes

    func testAddSubtract() throws {
        let r = try run("""
            aebr %f0,%f1
            adb %f2,0(%r1)
            seb %f3,8(%r1)
            sdbr %f4,%f5
        """) { cpu, mem in
            cpu.r[1] = 0x20000
            cpu.f[0] = sf(1.5) | 0x1234; cpu.f[1] = sf(2.25)
            cpu.f[2] = dl(1e10); mem.store(dl(-3e10), at: 0x20000)
            cpu.f[3] = sf(1); mem.store(UInt32(Float(1).bitPattern), at: 0x20008)
            cpu.f[4] = dl(-1); cpu.f[5] = dl(0.5)
        }
        assertFinished(r)
        XCTAssertEqual(r.f(0), sf(3.75) | 0x1234)
        XCTAssertEqual(r.f(2), dl(-2e10))
        XCTAssertEqual(r.f(3), sf(0))
        XCTAssertEqual(r.f(4), dl(-1.5))
        XCTAssertEqual(r.cc, 1)
        XCTAssertEqual(r.cpu.fpc, 0)
        for (src, a, b, cc) in [("aebr", Float(1), Float(2), UInt8(2)), ("aebr", -1, 0.5, 1), ("sebr", 2, 2, 0), ("sebr", .infinity, 1, 2)] {
            let q = try run("\(src) %f0,%f1") { cpu, _ in cpu.f[0] = sf(a); cpu.f[1] = sf(b) }
            XCTAssertEqual(q.cc, cc, "\(src) \(a) \(b)")
        }
    }

    func testSignOfZero() throws {
        // x - x is +0 except when rounding toward -inf; -0 + -0 is -0.
        var r = try run("sdbr %f0,%f0")  { cpu, _ in cpu.f[0] = dl(3) }
        XCTAssertEqual(r.f(0), 0); XCTAssertEqual(r.cc, 0)
        r = try run("sdbr %f0,%f0", fpc: 3) { cpu, _ in cpu.f[0] = dl(3) }
        XCTAssertEqual(r.f(0), 0x8000_0000_0000_0000); XCTAssertEqual(r.cc, 0)
        r = try run("aebr %f0,%f1") { cpu, _ in cpu.f[0] = sf(-0.0); cpu.f[1] = sf(-0.0) }
        XCTAssertEqual(hi(r.f(0)), 0x8000_0000)
        r = try run("mdbr %f0,%f1") { cpu, _ in cpu.f[0] = dl(-0.0); cpu.f[1] = dl(5) }
        XCTAssertEqual(r.f(0), 0x8000_0000_0000_0000)
        r = try run("ddbr %f0,%f1") { cpu, _ in cpu.f[0] = dl(-1); cpu.f[1] = dl(.infinity) }
        XCTAssertEqual(r.f(0), 0x8000_0000_0000_0000)
    }

    func testMultiplyDivide() throws {
        let r = try run("""
            meebr %f0,%f1
            meeb %f2,0(%r1)
            mdbr %f3,%f4
            mdb %f5,8(%r1)
            debr %f6,%f7
            deb %f8,16(%r1)
            ddbr %f9,%f10
            ddb %f11,24(%r1)
            mdebr %f12,%f13
            mdeb %f14,32(%r1)
        """) { cpu, mem in
            cpu.cc = 3
            cpu.r[1] = 0x20000
            cpu.f[0] = sf(3); cpu.f[1] = sf(-0.5)
            cpu.f[2] = sf(7); mem.store(Float(2).bitPattern, at: 0x20000)
            cpu.f[3] = dl(1e100); cpu.f[4] = dl(1e-100)
            cpu.f[5] = dl(-2); mem.store(dl(-4), at: 0x20008)
            cpu.f[6] = sf(1); cpu.f[7] = sf(4)
            cpu.f[8] = sf(9); mem.store(Float(-3).bitPattern, at: 0x20010)
            cpu.f[9] = dl(1); cpu.f[10] = dl(3)
            cpu.f[11] = dl(10); mem.store(dl(4), at: 0x20018)
            cpu.f[12] = sb(0x4040_0000); cpu.f[13] = sb(0x3EAA_AAAB)   // 3 * (1/3 rounded up)
            cpu.f[14] = sf(0.1); mem.store(Float(10).bitPattern, at: 0x20020)
        }
        assertFinished(r)
        XCTAssertEqual(hi(r.f(0)), Float(-1.5).bitPattern)
        XCTAssertEqual(hi(r.f(2)), Float(14).bitPattern)
        XCTAssertEqual(r.f(3), dl(1e100 * 1e-100))
        XCTAssertEqual(r.f(5), dl(8))
        XCTAssertEqual(hi(r.f(6)), Float(0.25).bitPattern)
        XCTAssertEqual(hi(r.f(8)), Float(-3).bitPattern)
        XCTAssertEqual(r.f(9), dl(1.0 / 3.0))
        XCTAssertEqual(r.f(11), dl(2.5))
        XCTAssertEqual(r.f(12), 0x3FF0_0000_0800_0000)               // exactly 1 + 2^-25
        XCTAssertEqual(r.f(14), dl(Double(Float(0.1)) * 10))        // exact long product
        XCTAssertEqual(r.cc, 3)                                      // unchanged
        XCTAssertEqual(r.cpu.fpc, 0x0008_0000)                       // 1/3 inexact
    }

    func testSquareRoot() throws {
        let r = try run("""
            sqebr %f0,%f1
            sqdbr %f2,%f3
            sqeb %f4,0(%r1)
            sqdb %f5,8(%r1)
            sqdbr %f6,%f7
        """) { cpu, mem in
            cpu.r[1] = 0x20000
            cpu.f[1] = sf(2); cpu.f[3] = dl(2)
            mem.store(Float(0.25).bitPattern, at: 0x20000)
            mem.store(dl(1e300), at: 0x20008)
            cpu.f[7] = dl(-0.0)
        }
        assertFinished(r)
        XCTAssertEqual(hi(r.f(0)), Float(2).squareRoot().bitPattern)
        XCTAssertEqual(r.f(2), 0x3FF6_A09E_667F_3BCD)
        XCTAssertEqual(hi(r.f(4)), Float(0.5).bitPattern)
        XCTAssertEqual(r.f(5), dl(1e150))
        XCTAssertEqual(r.f(6), 0x8000_0000_0000_0000)
        XCTAssertEqual(r.cpu.fpc, 0x0008_0000)
        // Negative: invalid, default NaN.
        var q = try run("sqebr %f0,%f1") { cpu, _ in cpu.f[1] = sf(-4) }
        XCTAssertEqual(hi(q.f(0)), 0x7FC0_0000)
        XCTAssertEqual(q.cpu.fpc, 0x0080_0000)
        q = try run("sqdbr %f0,%f1", fpc: fpcMaskI) { cpu, _ in cpu.f[0] = 7; cpu.f[1] = dl(-.infinity) }
        assertData(q, dxc: 0x80, next: 4)
        XCTAssertEqual(q.f(0), 7)
    }

    func testMultiplyAndAdd() throws {
        let r = try run("""
            maebr %f1,%f3,%f2
            msebr %f4,%f3,%f2
            madbr %f5,%f6,%f7
            msdbr %f8,%f9,%f10
            maeb %f11,%f3,0(%r1)
            madb %f12,%f9,8(%r1)
            mseb %f13,%f3,0(%r1)
            msdb %f14,%f6,16(%r1)
        """) { cpu, mem in
            cpu.r[1] = 0x20000
            cpu.f[1] = sf(1); cpu.f[3] = sf(2); cpu.f[2] = sf(3); cpu.f[4] = sf(1)
            // Fused: (1 + 2^-30)(1 - 2^-30) - 1 = -2^-60, not 0.
            cpu.f[5] = dl(-1); cpu.f[6] = dl(1 + 0x1p-30); cpu.f[7] = dl(1 - 0x1p-30)
            cpu.f[8] = dl(10); cpu.f[9] = dl(4); cpu.f[10] = dl(0.25)
            cpu.f[11] = sf(0.5); mem.store(Float(8).bitPattern, at: 0x20000)
            cpu.f[12] = dl(1); mem.store(dl(-0.5), at: 0x20008)
            cpu.f[13] = sf(100)
            cpu.f[14] = dl(1); mem.store(dl(1 - 0x1p-30), at: 0x20010)
        }
        assertFinished(r)
        XCTAssertEqual(hi(r.f(1)), Float(7).bitPattern)           // 2 * 3 + 1
        XCTAssertEqual(hi(r.f(4)), Float(5).bitPattern)           // 2 * 3 - 1
        XCTAssertEqual(r.f(5), dl(-0x1p-60))
        XCTAssertEqual(r.f(8), dl(-9))                            // 4 * 0.25 - 10
        XCTAssertEqual(hi(r.f(11)), Float(16.5).bitPattern)       // 2 * 8 + 0.5
        XCTAssertEqual(r.f(12), dl(-1))                           // 4 * -0.5 + 1
        XCTAssertEqual(hi(r.f(13)), Float(-84).bitPattern)        // 2 * 8 - 100
        XCTAssertEqual(r.f(14), dl(-0x1p-60))
    }

    // MARK: Rounding modes

    func testRoundingModesLong() throws {
        // 1 + 2^-60 and -(1 + 2^-60): inexact, below the halfway point.
        let up = 0x3FF0_0000_0000_0001 as UInt64, one = dl(1)
        for (mode, pos, neg) in [(UInt32(0), one, one | 1 << 63), (1, one, one | 1 << 63), (2, up, one | 1 << 63),
                                 (3, one, up | 1 << 63), (7, up, up | 1 << 63)] {
            var r = try run("adbr %f0,%f2", fpc: mode) { cpu, _ in cpu.f[0] = dl(1); cpu.f[2] = dl(0x1p-60) }
            XCTAssertEqual(r.f(0), pos, "mode \(mode)")
            XCTAssertEqual(r.cpu.fpc, 0x0008_0000 | mode)
            XCTAssertEqual(r.cc, 2)
            r = try run("sdbr %f0,%f2", fpc: mode) { cpu, _ in cpu.f[0] = dl(-1); cpu.f[2] = dl(0x1p-60) }
            XCTAssertEqual(r.f(0), neg, "mode \(mode) negative")
            XCTAssertEqual(r.cc, 1)
        }
    }

    func testRoundingModesShort() throws {
        // 1/3 = 0x3EAAAAAA|AAA…: above the halfway point.
        for (mode, q) in [(UInt32(0), UInt32(0x3EAA_AAAB)), (1, 0x3EAA_AAAA), (2, 0x3EAA_AAAB), (3, 0x3EAA_AAAA), (7, 0x3EAA_AAAB)] {
            var r = try run("debr %f0,%f2", fpc: mode) { cpu, _ in cpu.f[0] = sf(1); cpu.f[2] = sf(3) }
            XCTAssertEqual(hi(r.f(0)), q, "mode \(mode)")
            r = try run("debr %f0,%f2", fpc: mode) { cpu, _ in cpu.f[0] = sf(-1); cpu.f[2] = sf(3) }
            let n: UInt32 = mode == 2 ? 0xBEAA_AAAA : (mode == 3 ? 0xBEAA_AAAB : q | 0x8000_0000)
            XCTAssertEqual(hi(r.f(0)), n, "mode \(mode) negative")
        }
        // Prepare for shorter precision keeps an odd last bit: 1 + 2^-24 + 2^-30 truncates to 1 + 2^-23.
        let r = try run("aebr %f0,%f2", fpc: 7) { cpu, _ in cpu.f[0] = sb(0x3F80_0001); cpu.f[2] = sf(0x1p-30) }
        XCTAssertEqual(hi(r.f(0)), 0x3F80_0001)
    }

    // MARK: IEEE exceptions

    func testInvalidOperation() throws {
        // Not trapping: default NaN, flag, cc 3.
        var r = try run("sdbr %f0,%f2") { cpu, _ in cpu.f[0] = dl(.infinity); cpu.f[2] = dl(.infinity) }
        assertFinished(r)
        XCTAssertEqual(r.f(0), 0x7FF8_0000_0000_0000)
        XCTAssertEqual(r.cc, 3)
        XCTAssertEqual(r.cpu.fpc, 0x0080_0000)
        r = try run("meebr %f0,%f2") { cpu, _ in cpu.f[0] = sf(0); cpu.f[2] = sf(-.infinity) }
        XCTAssertEqual(hi(r.f(0)), 0x7FC0_0000)
        r = try run("ddbr %f0,%f2") { cpu, _ in cpu.f[0] = dl(0); cpu.f[2] = dl(-0.0) }
        XCTAssertEqual(r.f(0), 0x7FF8_0000_0000_0000)
        // Trapping: suppressed (register and cc unchanged), DXC 0x80, flags unchanged.
        r = try run("ltdbr %f6,%f6\naebr %f0,%f2", fpc: fpcMaskI | 0x0040_0000) { cpu, _ in
            cpu.f[6] = dl(-1); cpu.f[0] = sb(0x7F80_0000) | 5; cpu.f[2] = sb(0xFF80_0000)
        }
        assertData(r, dxc: 0x80, next: 8)
        XCTAssertEqual(r.f(0), sb(0x7F80_0000) | 5)
        XCTAssertEqual(r.cc, 1)
        XCTAssertEqual(r.cpu.fpc, fpcMaskI | 0x0040_8000)
        XCTAssertEqual(r.ilc, 4)
    }

    func testDivideByZero() throws {
        var r = try run("ddbr %f0,%f2") { cpu, _ in cpu.f[0] = dl(-3); cpu.f[2] = dl(0) }
        assertFinished(r)
        XCTAssertEqual(r.f(0), dl(-.infinity))
        XCTAssertEqual(r.cpu.fpc, 0x0040_0000)
        r = try run("deb %f0,0(%r1)", fpc: fpcMaskZ) { cpu, _ in cpu.r[1] = 0x20000; cpu.f[0] = sf(1) }
        assertData(r, dxc: 0x40, next: 6)
        XCTAssertEqual(r.f(0), sf(1))
        XCTAssertEqual(r.cpu.fpc, fpcMaskZ | 0x4000)
        // inf / 0 is not a division by zero.
        r = try run("debr %f0,%f2", fpc: fpcMaskZ) { cpu, _ in cpu.f[0] = sf(.infinity); cpu.f[2] = sf(0) }
        assertFinished(r)
        XCTAssertEqual(hi(r.f(0)), 0x7F80_0000)
    }

    func testOverflow() throws {
        let max = Double.greatestFiniteMagnitude
        // Not trapping: infinity (nearest), flags overflow and inexact.
        var r = try run("mdbr %f0,%f2") { cpu, _ in cpu.f[0] = dl(max); cpu.f[2] = dl(1.5) }
        XCTAssertEqual(r.f(0), dl(.infinity))
        XCTAssertEqual(r.cpu.fpc, 0x0028_0000)
        // Toward zero: the largest finite number.
        r = try run("mdbr %f0,%f2", fpc: 1) { cpu, _ in cpu.f[0] = dl(max); cpu.f[2] = dl(-1.5) }
        XCTAssertEqual(r.f(0), dl(-max))
        // Trapping, exact: result scaled by 2^-192, DXC 0x20, cc from the scaled result.
        r = try run("aebr %f0,%f2", fpc: fpcMaskO) { cpu, _ in
            cpu.f[0] = sb(0x7F7F_FFFF) | 9; cpu.f[2] = sb(0x7F7F_FFFF)
        }
        assertData(r, dxc: 0x20, next: 4)
        XCTAssertEqual(r.f(0), sb(0x1FFF_FFFF) | 9)
        XCTAssertEqual(r.cc, 2)
        XCTAssertEqual(r.cpu.fpc, fpcMaskO | 0x2000)
        // Trapping, inexact truncated (0x28) and incremented (0x2C); scaled by 2^-1536.
        r = try run("mdbr %f0,%f2", fpc: fpcMaskO) { cpu, _ in cpu.f[0] = dl(max); cpu.f[2] = dl(1.5) }
        assertData(r, dxc: 0x28, next: 4)
        XCTAssertEqual(r.f(0), dl(max * 0x1p-768 * 0x1p-768 * 1.5))
        XCTAssertEqual(r.cpu.fpc, fpcMaskO | 0x2800)
        r = try run("mdbr %f0,%f2", fpc: fpcMaskO | 2) { cpu, _ in cpu.f[0] = dl(max); cpu.f[2] = dl(1.5) }
        assertData(r, dxc: 0x2C, next: 4)
        XCTAssertEqual(r.f(0), 0x1FF8_0000_0000_0000)
        // Overflow not trapping, inexact trapping: infinity stored, overflow flag, DXC 0x0C.
        r = try run("mdbr %f0,%f2", fpc: fpcMaskX) { cpu, _ in cpu.f[0] = dl(max); cpu.f[2] = dl(1.5) }
        assertData(r, dxc: 0x0C, next: 4)
        XCTAssertEqual(r.f(0), dl(.infinity))
        XCTAssertEqual(r.cpu.fpc, fpcMaskX | 0x0020_0C00)
    }

    func testUnderflow() throws {
        let nmin = 0x0010_0000_0000_0000 as UInt64
        // Exact tiny result: no flag without the mask; trap DXC 0x10 with it (scaled by 2^1536).
        var r = try run("mdbr %f0,%f2") { cpu, _ in cpu.f[0] = nmin; cpu.f[2] = dl(0.5) }
        assertFinished(r)
        XCTAssertEqual(r.f(0), 0x0008_0000_0000_0000)
        XCTAssertEqual(r.cpu.fpc, 0)
        r = try run("mdbr %f0,%f2", fpc: fpcMaskU) { cpu, _ in cpu.f[0] = nmin; cpu.f[2] = dl(0.5) }
        assertData(r, dxc: 0x10, next: 4)
        XCTAssertEqual(r.f(0), 0x6000_0000_0000_0000)
        // Inexact when denormalized, exact at full precision: flags u, x; trap DXC 0x10 with the scaled exact value.
        r = try run("mdbr %f0,%f2") { cpu, _ in cpu.f[0] = nmin + 1; cpu.f[2] = dl(0.5) }
        XCTAssertEqual(r.f(0), 0x0008_0000_0000_0000)
        XCTAssertEqual(r.cpu.fpc, 0x0018_0000)
        r = try run("mdbr %f0,%f2", fpc: fpcMaskU) { cpu, _ in cpu.f[0] = nmin + 1; cpu.f[2] = dl(0.5) }
        assertData(r, dxc: 0x10, next: 4)
        XCTAssertEqual(r.f(0), 0x6000_0000_0000_0001)
        // Tininess is detected before rounding: (1 - 2^-104) Nmin rounds to Nmin but is tiny.
        r = try run("mdbr %f0,%f2") { cpu, _ in cpu.f[0] = dl(1 + 0x1p-52); cpu.f[2] = 0x000F_FFFF_FFFF_FFFF }
        XCTAssertEqual(r.f(0), nmin)
        XCTAssertEqual(r.cpu.fpc, 0x0018_0000)
        r = try run("mdbr %f0,%f2", fpc: fpcMaskU) { cpu, _ in cpu.f[0] = dl(1 + 0x1p-52); cpu.f[2] = 0x000F_FFFF_FFFF_FFFF }
        assertData(r, dxc: 0x1C, next: 4)
        XCTAssertEqual(r.f(0), 0x6010_0000_0000_0000)
        // Short: scaled by 2^192; underflow not trapping but inexact trapping: DXC 0x08 after the result.
        r = try run("meebr %f0,%f2", fpc: fpcMaskU) { cpu, _ in cpu.f[0] = sf(0x1p-100); cpu.f[2] = sf(0x1p-100) }
        assertData(r, dxc: 0x10, next: 4)
        XCTAssertEqual(hi(r.f(0)), Float(0x1p-8).bitPattern)
        r = try run("meebr %f0,%f2", fpc: fpcMaskX) { cpu, _ in cpu.f[0] = sf(0x1.8p-75); cpu.f[2] = sf(0x1p-75) }
        assertData(r, dxc: 0x0C, next: 4)   // 1.5 * 2^-150 rounds up to 2^-149
        XCTAssertEqual(hi(r.f(0)), 1)
        XCTAssertEqual(r.cpu.fpc, fpcMaskX | 0x0010_0C00)
        // A subnormal operand passed through exactly is still tiny.
        r = try run("adbr %f0,%f2", fpc: fpcMaskU) { cpu, _ in cpu.f[0] = 1; cpu.f[2] = 0 }
        assertData(r, dxc: 0x10, next: 4)
        XCTAssertEqual(r.f(0), dl(0x1p-1074 * 0x1p1000 * 0x1p536))
    }

    func testInexact() throws {
        // Trap: result stored, DXC 0x08 (truncated) or 0x0C (incremented), no flag.
        var r = try run("ddbr %f0,%f2", fpc: fpcMaskX) { cpu, _ in cpu.f[0] = dl(1); cpu.f[2] = dl(3) }
        assertData(r, dxc: 0x08, next: 4)
        XCTAssertEqual(r.f(0), dl(1.0 / 3.0))
        XCTAssertEqual(r.cpu.fpc, fpcMaskX | 0x0800)
        r = try run("debr %f0,%f2", fpc: fpcMaskX) { cpu, _ in cpu.f[0] = sf(1); cpu.f[2] = sf(3) }
        assertData(r, dxc: 0x0C, next: 4)
        XCTAssertEqual(hi(r.f(0)), 0x3EAA_AAAB)
        // Flags accumulate.
        r = try run("debr %f0,%f2\nddbr %f4,%f6", fpc: 0x0040_0000) { cpu, _ in
            cpu.f[0] = sf(1); cpu.f[2] = sf(3); cpu.f[4] = dl(1); cpu.f[6] = dl(0)
        }
        XCTAssertEqual(r.cpu.fpc, 0x0048_0000)
    }

    func testNaNPropagation() throws {
        // SNaN wins over QNaN and is quieted (invalid); otherwise the first QNaN.
        var r = try run("aebr %f0,%f2") { cpu, _ in cpu.f[0] = sb(0x7FC0_0001); cpu.f[2] = sb(0xFF80_0002) }
        XCTAssertEqual(hi(r.f(0)), 0xFFC0_0002)
        XCTAssertEqual(r.cc, 3)
        XCTAssertEqual(r.cpu.fpc, 0x0080_0000)
        r = try run("sdbr %f0,%f2") { cpu, _ in cpu.f[0] = 0x7FF8_0000_0000_0003; cpu.f[2] = 0x7FF8_0000_0000_0004 }
        XCTAssertEqual(r.f(0), 0x7FF8_0000_0000_0003)   // QNaN unchanged, sign kept, no exception
        XCTAssertEqual(r.cpu.fpc, 0)
        r = try run("sdbr %f0,%f2") { cpu, _ in cpu.f[0] = dl(1); cpu.f[2] = 0x7FF8_0000_0000_0004 }
        XCTAssertEqual(r.f(0), 0x7FF8_0000_0000_0004)
        r = try run("mdbr %f0,%f2") { cpu, _ in cpu.f[0] = 0x7FF0_0000_0000_0001; cpu.f[2] = 0x7FF0_0000_0000_0002 }
        XCTAssertEqual(r.f(0), 0x7FF8_0000_0000_0001)
        r = try run("debr %f0,%f2", fpc: fpcMaskI) { cpu, _ in cpu.f[0] = sf(1); cpu.f[2] = sb(0x7F80_0001) }
        assertData(r, dxc: 0x80, next: 4)
        XCTAssertEqual(r.f(0), sf(1))
        // Multiply and add: SNaN op3, op2, op1, then QNaN op3, op2, op1; inf*0 beats a QNaN addend.
        r = try run("maebr %f1,%f3,%f2") { cpu, _ in cpu.f[3] = sb(0x7FC0_0003); cpu.f[2] = sb(0x7F80_0002); cpu.f[1] = sb(0x7F80_0001) }
        XCTAssertEqual(hi(r.f(1)), 0x7FC0_0002)
        r = try run("maebr %f1,%f3,%f2") { cpu, _ in cpu.f[3] = sb(0x7FC0_0003); cpu.f[2] = sb(0x7FC0_0002); cpu.f[1] = sb(0x7F80_0001) }
        XCTAssertEqual(hi(r.f(1)), 0x7FC0_0001)
        r = try run("msdbr %f1,%f3,%f2") { cpu, _ in cpu.f[3] = dl(2); cpu.f[2] = 0x7FF8_0000_0000_0002; cpu.f[1] = 0x7FF8_0000_0000_0001 }
        XCTAssertEqual(r.f(1), 0x7FF8_0000_0000_0002)
        r = try run("madbr %f1,%f3,%f2") { cpu, _ in cpu.f[3] = dl(.infinity); cpu.f[2] = dl(0); cpu.f[1] = 0x7FF8_0000_0000_0001 }
        XCTAssertEqual(r.f(1), 0x7FF8_0000_0000_0000)
        XCTAssertEqual(r.cpu.fpc, 0x0080_0000)
        r = try run("msdbr %f1,%f3,%f2") { cpu, _ in cpu.f[3] = dl(.infinity); cpu.f[2] = dl(1); cpu.f[1] = dl(.infinity) }
        XCTAssertEqual(r.f(1), 0x7FF8_0000_0000_0000)   // inf - inf
    }

    // MARK: Comparison and tests

    func testCompare() throws {
        for (op, a, b, cc) in [("cdbr", 1.0, 2.0, UInt8(1)), ("cdbr", 2, 1, 2), ("cdbr", -0.0, 0, 0), ("kdbr", -.infinity, 0, 1),
                               ("cdbr", .nan, 1, 3), ("kdbr", 5, 5, 0)] {
            let r = try run("\(op) %f0,%f2") { cpu, _ in cpu.f[0] = dl(a); cpu.f[2] = dl(b) }
            XCTAssertEqual(r.cc, cc, "\(op) \(a) \(b)")
            XCTAssertEqual(r.cpu.fpc, op == "kdbr" && cc == 3 ? 0x0080_0000 : 0)
        }
        // QNaN: compare is quiet, compare-and-signal is invalid.
        var r = try run("ceb %f0,0(%r1)") { cpu, mem in cpu.r[1] = 0x20000; cpu.f[0] = sf(1); mem.store(UInt32(0x7FC0_0000), at: 0x20000) }
        XCTAssertEqual(r.cc, 3); XCTAssertEqual(r.cpu.fpc, 0)
        r = try run("keb %f0,0(%r1)") { cpu, mem in cpu.r[1] = 0x20000; cpu.f[0] = sf(1); mem.store(UInt32(0x7FC0_0000), at: 0x20000) }
        XCTAssertEqual(r.cc, 3); XCTAssertEqual(r.cpu.fpc, 0x0080_0000)
        r = try run("cebr %f0,%f2") { cpu, _ in cpu.f[0] = sb(0x7F80_0001); cpu.f[2] = sf(1) }
        XCTAssertEqual(r.cc, 3); XCTAssertEqual(r.cpu.fpc, 0x0080_0000)
        // Trapping: cc unchanged.
        r = try run("ltdbr %f6,%f6\nkebr %f0,%f2", fpc: fpcMaskI) { cpu, _ in cpu.f[6] = dl(-1); cpu.f[0] = sb(0x7FC0_0000); cpu.f[2] = sf(1) }
        assertData(r, dxc: 0x80, next: 8)
        XCTAssertEqual(r.cc, 1)
        r = try run("cdb %f0,0(%r1)\nkdb %f0,0(%r1)") { cpu, mem in cpu.r[1] = 0x20000; cpu.f[0] = dl(3); mem.store(dl(2), at: 0x20000) }
        XCTAssertEqual(r.cc, 2)
    }

    func testLoadAndTestAndSign() throws {
        var r = try run("ltebr %f0,%f2") { cpu, _ in cpu.f[0] = 0x1234; cpu.f[2] = sf(-1.5) }
        XCTAssertEqual(r.f(0), sf(-1.5) | 0x1234); XCTAssertEqual(r.cc, 1)
        r = try run("ltdbr %f0,%f2") { cpu, _ in cpu.f[2] = dl(0) }
        XCTAssertEqual(r.cc, 0)
        r = try run("ltdbr %f0,%f2") { cpu, _ in cpu.f[2] = 0xFFF0_0000_0000_0001 }
        XCTAssertEqual(r.f(0), 0xFFF8_0000_0000_0001); XCTAssertEqual(r.cc, 3); XCTAssertEqual(r.cpu.fpc, 0x0080_0000)
        r = try run("ltebr %f0,%f2", fpc: fpcMaskI) { cpu, _ in cpu.f[2] = sb(0x7F80_0001) }
        assertData(r, dxc: 0x80, next: 4)
        XCTAssertEqual(r.f(0), 0)
        // Sign operations never signal, even for an SNaN.
        for (op, x, want, cc) in [("lcdbr", 0x7FF0_0000_0000_0001 as UInt64, 0xFFF0_0000_0000_0001 as UInt64, UInt8(3)),
                                  ("lndbr", dl(0), dl(-0.0), 0), ("lpdbr", dl(-.infinity), dl(.infinity), 2),
                                  ("lcdbr", dl(2), dl(-2), 1), ("lndbr", dl(3), dl(-3), 1), ("lpdbr", dl(-3), dl(3), 2)] {
            let q = try run("\(op) %f0,%f2", fpc: fpcMaskI) { cpu, _ in cpu.f[2] = x }
            assertFinished(q)
            XCTAssertEqual(q.f(0), want, op); XCTAssertEqual(q.cc, cc, op); XCTAssertEqual(q.cpu.fpc, fpcMaskI)
        }
        for (op, x, want, cc) in [("lcebr", Float(1), Float(-1), UInt8(1)), ("lnebr", 2, -2, 1), ("lpebr", -0.0, 0, 0)] {
            let q = try run("\(op) %f0,%f2") { cpu, _ in cpu.f[0] = 0x5555; cpu.f[2] = sf(x) }
            XCTAssertEqual(q.f(0), sf(want) | 0x5555, op); XCTAssertEqual(q.cc, cc, op)
        }
        r = try run("lcebr %f0,%f2") { cpu, _ in cpu.f[2] = sb(0x7FC0_0000) }
        XCTAssertEqual(hi(r.f(0)), 0xFFC0_0000); XCTAssertEqual(r.cc, 3)
    }

    func testTestDataClass() throws {
        // Mask bits 52-63 of the address: +0 -0 +norm -norm +sub -sub +inf -inf +QNaN -QNaN +SNaN -SNaN.
        let cases: [(UInt64, Bool, Int)] = [
            (sf(0), true, 0x800), (sf(-0.0), true, 0x400), (sf(1), true, 0x200), (sf(-1), true, 0x100),
            (sb(1), true, 0x080), (sb(0x8000_0001), true, 0x040), (sf(.infinity), true, 0x020),
            (sf(-.infinity), true, 0x010), (sb(0x7FC0_0000), true, 0x008), (sb(0xFFC0_0000), true, 0x004),
            (sb(0x7F80_0001), true, 0x002), (sb(0xFF80_0001), true, 0x001),
            (dl(0), false, 0x800), (dl(-2), false, 0x100), (1, false, 0x080), (dl(-.infinity), false, 0x010),
            (0x7FF0_0000_0000_0001, false, 0x002), (0xFFF8_0000_0000_0000, false, 0x004),
        ]
        for (x, short, bit) in cases {
            let op = short ? "tceb" : "tcdb"
            var r = try run("\(op) %f0,\(bit)", fpc: fpcMaskI) { cpu, _ in cpu.f[0] = x }
            XCTAssertEqual(r.cc, 1, "\(op) \(String(x, radix: 16)) \(bit)")
            r = try run("\(op) %f0,\(0xFFF ^ bit)(%r1)", fpc: fpcMaskI) { cpu, _ in cpu.f[0] = x; cpu.r[1] = 0x7000 }
            XCTAssertEqual(r.cc, 0, "\(op) \(String(x, radix: 16)) not \(bit)")
            XCTAssertEqual(r.cpu.fpc, fpcMaskI)
        }
    }

    // MARK: Format conversions

    func testLoadLengthened() throws {
        var r = try run("ldebr %f0,%f2\nldeb %f4,0(%r1)") { cpu, mem in
            cpu.r[1] = 0x20000; cpu.f[2] = sb(1); mem.store(Float(-2.5).bitPattern, at: 0x20000)
        }
        assertFinished(r)
        XCTAssertEqual(r.f(0), dl(0x1p-149))
        XCTAssertEqual(r.f(4), dl(-2.5))
        XCTAssertEqual(r.cpu.fpc, 0)
        r = try run("ldebr %f0,%f2") { cpu, _ in cpu.f[2] = sb(0xFF80_0001) }
        XCTAssertEqual(r.f(0), 0xFFF8_0000_2000_0000)
        XCTAssertEqual(r.cpu.fpc, 0x0080_0000)
        r = try run("ldebr %f0,%f2") { cpu, _ in cpu.f[2] = sb(0x7FC0_0001) }
        XCTAssertEqual(r.f(0), 0x7FF8_0000_2000_0000)
        XCTAssertEqual(r.cpu.fpc, 0)
        r = try run("ldebr %f0,%f2", fpc: fpcMaskI) { cpu, _ in cpu.f[0] = 3; cpu.f[2] = sb(0x7F80_0001) }
        assertData(r, dxc: 0x80, next: 4)
        XCTAssertEqual(r.f(0), 3)
    }

    func testLoadRounded() throws {
        var r = try run("ledbr %f0,%f2") { cpu, _ in cpu.f[0] = 0x7777; cpu.f[2] = dl(1.0 / 3.0) }
        XCTAssertEqual(r.f(0), sb(0x3EAA_AAAB) | 0x7777)
        XCTAssertEqual(r.cpu.fpc, 0x0008_0000)
        // m3 rounding mode, m4 inexact suppression.
        r = try run("ledbra %f0,5,%f2,4") { cpu, _ in cpu.f[2] = dl(1.0 / 3.0) }
        XCTAssertEqual(hi(r.f(0)), 0x3EAA_AAAA)
        XCTAssertEqual(r.cpu.fpc, 0)
        r = try run("ledbra %f0,0,%f2,4", fpc: fpcMaskX | 3) { cpu, _ in cpu.f[2] = dl(-1.0 / 3.0) }
        assertFinished(r)
        XCTAssertEqual(hi(r.f(0)), 0xBEAA_AAAB)
        r = try run("ledbra %f0,2,%f2,0") { cpu, _ in cpu.f[2] = dl(1) }
        XCTAssertEqual(r.programCode, 6)
        // Overflow: infinity, flags o x; with the trap, the value rounded to short
        // precision in the long format scaled by 2^-512.
        r = try run("ledbr %f0,%f2") { cpu, _ in cpu.f[2] = dl(0x1p200) }
        XCTAssertEqual(hi(r.f(0)), 0x7F80_0000)
        XCTAssertEqual(r.cpu.fpc, 0x0028_0000)
        r = try run("ledbr %f0,%f2", fpc: fpcMaskO) { cpu, _ in cpu.f[2] = dl(0x1p200 * (1 + 0x1p-30)) }
        assertData(r, dxc: 0x28, next: 4)
        XCTAssertEqual(r.f(0), dl(0x1p-312))
        // Underflow: denormalized short result; with the trap scaled by 2^512.
        r = try run("ledbr %f0,%f2") { cpu, _ in cpu.f[2] = dl(0x1p-140 * 1.5) }
        XCTAssertEqual(hi(r.f(0)), 0x0000_0300)
        XCTAssertEqual(r.cpu.fpc, 0)
        r = try run("ledbr %f0,%f2", fpc: fpcMaskU) { cpu, _ in cpu.f[2] = dl(0x1p-140 * 1.5) }
        assertData(r, dxc: 0x10, next: 4)
        XCTAssertEqual(r.f(0), dl(0x1p372 * 1.5))
        // NaNs: payload truncated, SNaN quieted.
        r = try run("ledbr %f0,%f2") { cpu, _ in cpu.f[2] = 0xFFF0_0000_2000_0000 }
        XCTAssertEqual(hi(r.f(0)), 0xFFC0_0001)
        XCTAssertEqual(r.cpu.fpc, 0x0080_0000)
    }

    func testConvertFromFixed() throws {
        let r = try run("""
            cefbr %f0,%r1
            cdfbr %f2,%r1
            cegbr %f3,%r2
            cdgbr %f4,%r2
            celfbr %f5,0,%r1,0
            cdlfbr %f6,0,%r1,0
            celgbr %f7,0,%r3,0
            cdlgbr %f8,0,%r3,0
            cefbr %f9,%r4
        """) { cpu, _ in
            cpu.f[0] = 0x4444
            cpu.r[1] = 0x1234_5678_FFFF_FFF9     // -7 in bits 32-63, 4294967289 unsigned
            cpu.r[2] = 0x7FFF_FFFF_FFFF_FFFF
            cpu.r[3] = 0xFFFF_FFFF_FFFF_FFFF
            cpu.r[4] = 0
        }
        assertFinished(r)
        XCTAssertEqual(r.f(0), sf(-7) | 0x4444)
        XCTAssertEqual(r.f(2), dl(-7))
        XCTAssertEqual(hi(r.f(3)), Float(0x1p63).bitPattern)
        XCTAssertEqual(r.f(4), dl(0x1p63))
        XCTAssertEqual(hi(r.f(5)), Float(4294967289).bitPattern)
        XCTAssertEqual(r.f(6), dl(4294967289))
        XCTAssertEqual(hi(r.f(7)), 0x5F80_0000)
        XCTAssertEqual(r.f(8), dl(0x1p64))
        XCTAssertEqual(r.f(9), 0)
        XCTAssertEqual(r.cpu.fpc, 0x0008_0000)
        // 2^24 + 1 is a tie in the short format: even vs away; m4 bit 1 suppresses inexact.
        for (m3, want) in [(1, UInt32(0x4B80_0001)), (4, 0x4B80_0000), (5, 0x4B80_0000), (6, 0x4B80_0001), (7, 0x4B80_0000), (3, 0x4B80_0001)] {
            var q = try run("cegbra %f0,\(m3),%r1,0") { cpu, _ in cpu.r[1] = 16_777_217 }
            XCTAssertEqual(hi(q.f(0)), want, "m3 \(m3)")
            XCTAssertEqual(q.cpu.fpc, 0x0008_0000)
            q = try run("cefbra %f0,\(m3),%r1,4", fpc: fpcMaskX) { cpu, _ in cpu.r[1] = 16_777_217 }
            assertFinished(q)
            XCTAssertEqual(hi(q.f(0)), want, "m3 \(m3) xxc")
        }
        var q = try run("celgbr %f0,5,%r1,0", fpc: fpcMaskX) { cpu, _ in cpu.r[1] = ~0 }
        assertData(q, dxc: 0x08, next: 4)
        XCTAssertEqual(hi(q.f(0)), 0x5F7F_FFFF)
        q = try run("cdlgbr %f0,6,%r1,0", fpc: fpcMaskX) { cpu, _ in cpu.r[1] = ~0 }
        assertData(q, dxc: 0x0C, next: 4)
        XCTAssertEqual(q.f(0), dl(0x1p64))
        q = try run("cefbra %f0,2,%r1,0") { cpu, _ in cpu.r[1] = 1 }
        XCTAssertEqual(q.programCode, 6)
    }

    func testConvertToFixedRounding() throws {
        // m3 modes on ±2.5: 1 away, 3 prepare-for-shorter, 4 even, 5 zero, 6 +inf, 7 -inf.
        let expect: [(Int, Int64, Int64)] = [(1, 3, -3), (3, 3, -3), (4, 2, -2), (5, 2, -2), (6, 3, -2), (7, 2, -3)]
        for (m3, p, n) in expect {
            var r = try run("cfebr %r1,\(m3),%f0\ncgdbr %r2,\(m3),%f2") { cpu, _ in
                cpu.r[1] = 0xAAAA_AAAA_0000_0000; cpu.f[0] = sf(2.5); cpu.f[2] = dl(-2.5)
            }
            assertFinished(r)
            XCTAssertEqual(r.r(1), 0xAAAA_AAAA_0000_0000 | UInt64(UInt32(truncatingIfNeeded: p)), "m3 \(m3)")
            XCTAssertEqual(Int64(bitPattern: r.r(2)), n, "m3 \(m3)")
            XCTAssertEqual(r.cc, 1)
            XCTAssertEqual(r.cpu.fpc, 0x0008_0000)
            r = try run("cfebr %r1,0,%f0", fpc: UInt32(m3 == 1 || m3 == 3 ? 7 : m3 - 4)) { cpu, _ in cpu.f[0] = sf(2.5) }
            if m3 != 1 { XCTAssertEqual(r.r(1), UInt64(p), "FPC mode for m3 \(m3)") }
            XCTAssertEqual(r.cc, 2)
        }
        var r = try run("cgebr %r1,0,%f0") { cpu, _ in cpu.f[0] = sf(-0.0); cpu.r[1] = 5 }
        XCTAssertEqual(r.r(1), 0); XCTAssertEqual(r.cc, 0); XCTAssertEqual(r.cpu.fpc, 0)
        // m4 bit 1 suppresses inexact.
        r = try run("cfdbra %r1,5,%f0,4", fpc: fpcMaskX) { cpu, _ in cpu.f[0] = dl(-7.9) }
        assertFinished(r)
        XCTAssertEqual(r.r(1), 0xFFFF_FFF9)
        r = try run("cfdbra %r1,5,%f0,0", fpc: fpcMaskX) { cpu, _ in cpu.f[0] = dl(-7.9) }
        assertData(r, dxc: 0x08, next: 4)
        XCTAssertEqual(r.r(1), 0xFFFF_FFF9)
        XCTAssertEqual(r.cc, 1)
        // Toward +inf on a tiny positive value gives 1.
        r = try run("cgdbr %r1,6,%f0") { cpu, _ in cpu.f[0] = 1 }
        XCTAssertEqual(r.r(1), 1); XCTAssertEqual(r.cc, 2)
        r = try run("cfebr %r1,2,%f0") { cpu, _ in cpu.f[0] = sf(1) }
        XCTAssertEqual(r.programCode, 6)
    }

    func testConvertToFixedInvalid() throws {
        // NaN / out of range: invalid + inexact flags, architected results, cc 3.
        let cases: [(String, UInt64, UInt64)] = [
            ("cfebr %r1,0,%f0", sb(0x7FC0_0000), 0xAAAA_AAAA_8000_0000),
            ("cfebr %r1,0,%f0", sf(3e9), 0xAAAA_AAAA_7FFF_FFFF),
            ("cfebr %r1,0,%f0", sf(-3e9), 0xAAAA_AAAA_8000_0000),
            ("cfdbr %r1,4,%f0", dl(-2147483648.6), 0xAAAA_AAAA_8000_0000),
            ("cfdbr %r1,0,%f0", dl(2147483647.5), 0xAAAA_AAAA_7FFF_FFFF),
            ("cgdbr %r1,0,%f0", dl(0x1p63), 0x7FFF_FFFF_FFFF_FFFF),
            ("cgebr %r1,0,%f0", sf(-.infinity), 0x8000_0000_0000_0000),
            ("cgdbr %r1,0,%f0", 0xFFF8_0000_0000_0000, 0x8000_0000_0000_0000),
            ("clfebr %r1,0,%f0,0", sf(-1), 0xAAAA_AAAA_0000_0000),
            ("clfdbr %r1,4,%f0,0", dl(4294967295.6), 0xAAAA_AAAA_FFFF_FFFF),
            ("clfdbr %r1,0,%f0,0", 0x7FF0_0000_0000_0001, 0xAAAA_AAAA_0000_0000),
            ("clgdbr %r1,0,%f0,0", dl(0x1p64), 0xFFFF_FFFF_FFFF_FFFF),
            ("clgebr %r1,0,%f0,0", sf(-.infinity), 0),
        ]
        for (src, x, want) in cases {
            var r = try run(src) { cpu, _ in cpu.f[0] = x; cpu.r[1] = 0xAAAA_AAAA_5555_5555 }
            assertFinished(r)
            XCTAssertEqual(r.r(1), want, src)
            XCTAssertEqual(r.cc, 3, src)
            XCTAssertEqual(r.cpu.fpc, 0x0088_0000, src)
            // Trap: suppressed.
            r = try run("ltdbr %f6,%f6\n" + src, fpc: fpcMaskI) { cpu, _ in cpu.f[6] = dl(1); cpu.f[0] = x; cpu.r[1] = 0xAAAA_AAAA_5555_5555 }
            assertData(r, dxc: 0x80, next: 8)
            XCTAssertEqual(r.r(1), 0xAAAA_AAAA_5555_5555, src)
            XCTAssertEqual(r.cc, 2, src)
        }
        // Inexact suppressed by m4; the inexact trap follows an untrapped invalid.
        var r = try run("cfebra %r1,0,%f0,4", fpc: fpcMaskX) { cpu, _ in cpu.f[0] = sf(.nan) }
        assertFinished(r)
        XCTAssertEqual(r.cpu.fpc, fpcMaskX | 0x0080_0000)
        r = try run("cfebr %r1,0,%f0", fpc: fpcMaskX) { cpu, _ in cpu.f[0] = sf(.nan) }
        assertData(r, dxc: 0x08, next: 4)
        XCTAssertEqual(r.r(1), 0x8000_0000)
        XCTAssertEqual(r.cc, 3)
        XCTAssertEqual(r.cpu.fpc, fpcMaskX | 0x0080_0800)
        // In range at the edges.
        let ok: [(String, UInt64, UInt64, UInt8)] = [
            ("cgdbr %r1,0,%f0", dl(-0x1p63), 0x8000_0000_0000_0000, 1),
            ("cfdbr %r1,4,%f0", dl(-2147483648.4), 0xAAAA_AAAA_8000_0000, 1),
            ("clfdbr %r1,4,%f0,0", dl(4294967295.4), 0xAAAA_AAAA_FFFF_FFFF, 2),
            ("clfebr %r1,5,%f0,0", sf(-0.75), 0xAAAA_AAAA_0000_0000, 1),
            ("clgdbr %r1,0,%f0,0", dl(0x1p64 - 2048), 0xFFFF_FFFF_FFFF_F800, 2),
            ("clgebr %r1,0,%f0,0", sf(0x1p63), 0x8000_0000_0000_0000, 2),
        ]
        for (src, x, want, cc) in ok {
            let q = try run(src) { cpu, _ in cpu.f[0] = x; cpu.r[1] = 0xAAAA_AAAA_5555_5555 }
            assertFinished(q)
            XCTAssertEqual(q.r(1), want, src)
            XCTAssertEqual(q.cc, cc, src)
            XCTAssertEqual(q.cpu.fpc & 0x0080_0000, 0, src)
        }
    }

    func testLoadFPInteger() throws {
        for (m3, p, n) in [(1, Float(3), Float(-3)), (4, 2, -2), (5, 2, -2), (6, 3, -2), (7, 2, -3)] {
            let r = try run("fiebr %f0,\(m3),%f2\nfidbr %f4,\(m3),%f6") { cpu, _ in
                cpu.f[0] = 0x9999; cpu.f[2] = sf(2.5); cpu.f[6] = dl(-2.5)
            }
            assertFinished(r)
            XCTAssertEqual(r.f(0), sf(p) | 0x9999, "m3 \(m3)")
            XCTAssertEqual(r.f(4), dl(Double(n)), "m3 \(m3)")
            XCTAssertEqual(r.cpu.fpc, 0x0008_0000)
        }
        var r = try run("fidbr %f0,5,%f2") { cpu, _ in cpu.f[2] = dl(-0.3) }
        XCTAssertEqual(r.f(0), dl(-0.0))
        r = try run("fidbra %f0,0,%f2,4", fpc: fpcMaskX | 2) { cpu, _ in cpu.f[2] = dl(0.3) }
        assertFinished(r)
        XCTAssertEqual(r.f(0), dl(1))
        r = try run("fidbr %f0,0,%f2", fpc: fpcMaskX) { cpu, _ in cpu.f[2] = dl(1e300) }
        assertFinished(r)
        XCTAssertEqual(r.f(0), dl(1e300))
        r = try run("fiebr %f0,0,%f2", fpc: fpcMaskX) { cpu, _ in cpu.f[2] = sf(7.5) }
        assertData(r, dxc: 0x0C, next: 4)
        XCTAssertEqual(hi(r.f(0)), Float(8).bitPattern)
        r = try run("fiebr %f0,0,%f2") { cpu, _ in cpu.f[2] = sb(0x7F80_0001) }
        XCTAssertEqual(hi(r.f(0)), 0x7FC0_0001)
        XCTAssertEqual(r.cpu.fpc, 0x0080_0000)
    }
}

final class FloatDecodeTests: XCTestCase {
    /// Every BFP mnemonic, assembled by GNU as, decodes to the table row of
    /// the same name (an "A" form to its base row).
    func testOpcodesAgainstAssembler() throws {
        let lines: [(String, String)] = [
            ("le %f1,8(%r2,%r3)", "LE"), ("ley %f1,-8(%r2,%r3)", "LEY"), ("ld %f1,8(%r2,%r3)", "LD"),
            ("ldy %f1,8(%r2,%r3)", "LDY"), ("ste %f1,8(%r2,%r3)", "STE"), ("stey %f1,8(%r2,%r3)", "STEY"),
            ("std %f1,8(%r2,%r3)", "STD"), ("stdy %f1,8(%r2,%r3)", "STDY"), ("ler %f1,%f2", "LER"),
            ("ldr %f1,%f2", "LDR"), ("lzer %f1", "LZER"), ("lzdr %f1", "LZDR"), ("efpc %r1", "EFPC"),
            ("sfpc %r1", "SFPC"), ("lfpc 8(%r1)", "LFPC"), ("stfpc 8(%r1)", "STFPC"), ("srnm 8(%r1)", "SRNM"),
            ("srnmb 8(%r1)", "SRNMB"), ("sfasr %r1", "SFASR"), ("lfas 8(%r1)", "LFAS"), ("ldgr %f1,%r2", "LDGR"),
            ("lgdr %r1,%f2", "LGDR"), ("cpsdr %f1,%f3,%f2", "CPSDR"), ("lcdfr %f1,%f2", "LCDFR"),
            ("lndfr %f1,%f2", "LNDFR"), ("lpdfr %f1,%f2", "LPDFR"),
            ("aebr %f1,%f2", "AEBR"), ("aeb %f1,8(%r2,%r3)", "AEB"), ("adbr %f1,%f2", "ADBR"), ("adb %f1,8(%r2)", "ADB"),
            ("sebr %f1,%f2", "SEBR"), ("seb %f1,8(%r2)", "SEB"), ("sdbr %f1,%f2", "SDBR"), ("sdb %f1,8(%r2)", "SDB"),
            ("meebr %f1,%f2", "MEEBR"), ("meeb %f1,8(%r2)", "MEEB"), ("mdbr %f1,%f2", "MDBR"), ("mdb %f1,8(%r2)", "MDB"),
            ("mdebr %f1,%f2", "MDEBR"), ("mdeb %f1,8(%r2)", "MDEB"), ("debr %f1,%f2", "DEBR"), ("deb %f1,8(%r2)", "DEB"),
            ("ddbr %f1,%f2", "DDBR"), ("ddb %f1,8(%r2)", "DDB"), ("sqebr %f1,%f2", "SQEBR"), ("sqeb %f1,8(%r2)", "SQEB"),
            ("sqdbr %f1,%f2", "SQDBR"), ("sqdb %f1,8(%r2)", "SQDB"), ("maebr %f1,%f3,%f2", "MAEBR"),
            ("maeb %f1,%f3,8(%r2)", "MAEB"), ("madbr %f1,%f3,%f2", "MADBR"), ("madb %f1,%f3,8(%r2)", "MADB"),
            ("msebr %f1,%f3,%f2", "MSEBR"), ("mseb %f1,%f3,8(%r2)", "MSEB"), ("msdbr %f1,%f3,%f2", "MSDBR"),
            ("msdb %f1,%f3,8(%r2)", "MSDB"), ("cebr %f1,%f2", "CEBR"), ("ceb %f1,8(%r2)", "CEB"), ("cdbr %f1,%f2", "CDBR"),
            ("cdb %f1,8(%r2)", "CDB"), ("kebr %f1,%f2", "KEBR"), ("keb %f1,8(%r2)", "KEB"), ("kdbr %f1,%f2", "KDBR"),
            ("kdb %f1,8(%r2)", "KDB"), ("ltebr %f1,%f2", "LTEBR"), ("ltdbr %f1,%f2", "LTDBR"), ("lcebr %f1,%f2", "LCEBR"),
            ("lcdbr %f1,%f2", "LCDBR"), ("lnebr %f1,%f2", "LNEBR"), ("lndbr %f1,%f2", "LNDBR"), ("lpebr %f1,%f2", "LPEBR"),
            ("lpdbr %f1,%f2", "LPDBR"), ("ldebr %f1,%f2", "LDEBR"), ("ldeb %f1,8(%r2)", "LDEB"), ("ledbr %f1,%f2", "LEDBR"),
            ("ledbra %f1,5,%f2,4", "LEDBR"), ("cefbr %f1,%r2", "CEFBR"), ("cefbra %f1,1,%r2,4", "CEFBR"),
            ("cdfbr %f1,%r2", "CDFBR"), ("cdfbra %f1,1,%r2,4", "CDFBR"), ("cegbr %f1,%r2", "CEGBR"),
            ("cegbra %f1,1,%r2,4", "CEGBR"), ("cdgbr %f1,%r2", "CDGBR"), ("cdgbra %f1,1,%r2,4", "CDGBR"),
            ("cfebr %r1,5,%f2", "CFEBR"), ("cfebra %r1,5,%f2,4", "CFEBR"), ("cfdbr %r1,5,%f2", "CFDBR"),
            ("cfdbra %r1,5,%f2,4", "CFDBR"), ("cgebr %r1,5,%f2", "CGEBR"), ("cgebra %r1,5,%f2,4", "CGEBR"),
            ("cgdbr %r1,5,%f2", "CGDBR"), ("cgdbra %r1,5,%f2,4", "CGDBR"), ("celfbr %f1,0,%r2,0", "CELFBR"),
            ("cdlfbr %f1,0,%r2,0", "CDLFBR"), ("celgbr %f1,0,%r2,0", "CELGBR"), ("cdlgbr %f1,0,%r2,0", "CDLGBR"),
            ("clfebr %r1,0,%f2,0", "CLFEBR"), ("clfdbr %r1,0,%f2,0", "CLFDBR"), ("clgebr %r1,0,%f2,0", "CLGEBR"),
            ("clgdbr %r1,0,%f2,0", "CLGDBR"), ("fiebr %f1,5,%f2", "FIEBR"), ("fiebra %f1,5,%f2,4", "FIEBR"),
            ("fidbr %f1,5,%f2", "FIDBR"), ("fidbra %f1,5,%f2,4", "FIDBR"), ("tceb %f1,8(%r2)", "TCEB"), ("tcdb %f1,8(%r2)", "TCDB"),
        ]
        let out = try Assembler.assemble(lines.map(\.0).joined(separator: "\n"))
        var offset = 0
        for (src, name) in lines {
            let length = instructionLength(firstByte: out.bytes[offset])
            var raw: UInt64 = 0
            for k in 0..<length { raw = raw << 8 | UInt64(out.bytes[offset + k]) }
            raw <<= UInt64(8 * (6 - length))
            XCTAssertEqual(InstructionSet.shared.definition(forRaw: raw)?.mnemonic, name, src)
            offset += length
        }
    }
}
