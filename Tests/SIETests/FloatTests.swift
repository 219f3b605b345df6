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
