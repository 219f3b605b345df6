/// Software IEEE 754 binary128 ("extended BFP" of z/Architecture).
///
/// Values are bit images held as two 64-bit halves; the arithmetic works on
/// `UInt128` significands (no allocation, no arrays). Every operation rounds
/// exactly once, in any of the six rounding methods of z/Architecture BFP, and
/// reports the five IEEE exceptions plus the "incremented" indication the data
/// exception code needs, in the bit layout of `IEEE` (FloatingPointControl.swift).
/// Tininess is detected before rounding: the precise result is nonzero and
/// below the smallest normal magnitude (PoP "IEEE underflow"; QEMU and
/// Hercules detect it the same way for z/Architecture).
///
/// Results under enabled overflow / underflow traps follow the Principles of
/// Operation: the precise result is rounded to the target precision and its
/// exponent scaled by ∓alpha (24576 for extended arithmetic; LOAD ROUNDED
/// delivers its scaled value in the extended source format with alpha 8192).

/// BFP rounding methods. Raw values are the FPC BFP-rounding-mode encodings
/// where one exists (0-3, 7); ties-away exists only as an M3 modifier.
enum SoftFloatRounding: UInt8, Sendable {
    case nearestEven = 0
    case towardZero = 1
    case towardPositive = 2
    case towardNegative = 3
    case nearestAway = 4
    /// Round to prepare for shorter precision (round to odd).
    case prepareShorter = 7

    /// From a `BFPRound` code (FPC encoding, or `bfpRoundingMode(m3)`).
    @inline(__always) init(code: UInt8) {
        self = SoftFloatRounding(rawValue: code) ?? .nearestEven
    }
}

/// Inputs and outputs of one soft-float operation.
struct SoftFloatStatus: Sendable {
    /// Rounding method in effect.
    var rounding: SoftFloatRounding
    /// Trap enables in the FPC mask layout (`IEEE`). Only the overflow and
    /// underflow enables change results (scaled results, tiny exact results).
    var traps: UInt8
    /// Exceptions recognized by the operation (`IEEE` bits). `.underflow` is
    /// set only when it is an exception: tiny and inexact, or tiny with the
    /// underflow trap enabled. Under an enabled overflow or underflow trap
    /// inexact / incremented describe the scaled result, as the DXC wants.
    var flags: UInt8 = 0

    @inline(__always) init(rounding: SoftFloatRounding, traps: UInt8 = 0) {
        self.rounding = rounding
        self.traps = traps
    }

    /// An overflow or underflow with its trap enabled happened: the result
    /// returned is the scaled (extended-format) value.
    @inline(__always) var trappedScaled: Bool { flags & traps & (IEEE.overflow | IEEE.underflow) != 0 }
}

/// Target formats of rounding.
enum SoftFloatFormat: Sendable {
    case short, long, extended
    @inline(__always) var precision: Int {
        switch self { case .short: return 24; case .long: return 53; case .extended: return 113 }
    }
    @inline(__always) var emax: Int {
        switch self { case .short: return 127; case .long: return 1023; case .extended: return 16383 }
    }
    @inline(__always) var width: Int {
        switch self { case .short: return 32; case .long: return 64; case .extended: return 128 }
    }
}

/// Scale factors (alpha) of trapped overflow/underflow results not in
/// `IEEEScale`: LOAD ROUNDED from extended delivers its scaled result in the
/// extended format with alpha 8192.
enum SoftFloatScale {
    static let extendedArithmetic = IEEEScale.extended
    static let loadRoundedFromExtended = 8192
}

struct SoftFloat128: Equatable, Sendable {
    /// Sign, 15-bit biased exponent and the high 48 fraction bits.
    var hi: UInt64
    /// The low 64 fraction bits.
    var lo: UInt64

    @inline(__always) init(hi: UInt64, lo: UInt64) { self.hi = hi; self.lo = lo }
    @inline(__always) init(bits: UInt128) {
        hi = UInt64(truncatingIfNeeded: bits >> 64)
        lo = UInt64(truncatingIfNeeded: bits)
    }
    @inline(__always) var bits: UInt128 { UInt128(hi) << 64 | UInt128(lo) }

    static let defaultNaN = SoftFloat128(hi: 0x7FFF_8000_0000_0000, lo: 0)
    static let positiveZero = SoftFloat128(hi: 0, lo: 0)

    @inline(__always) var sign: Bool { hi >> 63 != 0 }
    @inline(__always) var biasedExponent: Int { Int(truncatingIfNeeded: (hi >> 48) & 0x7FFF) }
    @inline(__always) var fractionIsZero: Bool { hi & 0xFFFF_FFFF_FFFF == 0 && lo == 0 }
    @inline(__always) var isNaN: Bool { hi & 0x7FFF_0000_0000_0000 == 0x7FFF_0000_0000_0000 && !fractionIsZero }
    @inline(__always) var isSignalingNaN: Bool { isNaN && hi & 0x0000_8000_0000_0000 == 0 }
    @inline(__always) var isInfinity: Bool { hi & 0x7FFF_FFFF_FFFF_FFFF == 0x7FFF_0000_0000_0000 && lo == 0 }
    @inline(__always) var isZero: Bool { hi & 0x7FFF_FFFF_FFFF_FFFF == 0 && lo == 0 }
    @inline(__always) var isSubnormal: Bool { hi & 0x7FFF_0000_0000_0000 == 0 && !isZero }
    @inline(__always) var quieted: SoftFloat128 { SoftFloat128(hi: hi | 0x0000_8000_0000_0000, lo: lo) }
    @inline(__always) var negated: SoftFloat128 { SoftFloat128(hi: hi ^ 0x8000_0000_0000_0000, lo: lo) }
    @inline(__always) var magnitude: SoftFloat128 { SoftFloat128(hi: hi & 0x7FFF_FFFF_FFFF_FFFF, lo: lo) }

    @inline(__always) static func infinity(negative: Bool) -> SoftFloat128 {
        SoftFloat128(hi: (negative ? 0x8000_0000_0000_0000 : 0) | 0x7FFF_0000_0000_0000, lo: 0)
    }
    @inline(__always) static func zero(negative: Bool) -> SoftFloat128 {
        SoftFloat128(hi: negative ? 0x8000_0000_0000_0000 : 0, lo: 0)
    }

    /// Class bit of TEST DATA CLASS: +0 0x800, -0 0x400, +normal 0x200,
    /// -normal 0x100, +subnormal 0x80, -subnormal 0x40, +inf 0x20, -inf 0x10,
    /// +QNaN 0x08, -QNaN 0x04, +SNaN 0x02, -SNaN 0x01.
    var dataClassBit: UInt64 {
        let shift: UInt64 = sign ? 1 : 0
        if isNaN { return (isSignalingNaN ? 0x002 : 0x008) >> shift }
        if isZero { return 0x800 >> shift }
        if isInfinity { return 0x020 >> shift }
        if isSubnormal { return 0x080 >> shift }
        return 0x200 >> shift
    }
}

// MARK: - Core helpers

/// Shifts right, or-ing every bit shifted out into bit 0.
@inline(__always)
private func shiftRightJam(_ x: UInt128, _ n: Int) -> UInt128 {
    if n <= 0 { return x }
    if n >= 128 { return x != 0 ? 1 : 0 }
    let lost = x & ((UInt128(1) << n) &- 1)
    return (x >> n) | (lost != 0 ? 1 : 0)
}

/// Drops the low `shift` bits of `sig` (shift ≥ 1), rounding by `mode`.
/// Returns the kept (rounded) integer and whether the result is inexact and
/// whether it was incremented in magnitude.
@inline(__always)
private func roundAway(_ sig: UInt128, _ shift: Int, _ sign: Bool, _ mode: SoftFloatRounding) -> (UInt128, Bool, Bool) {
    var kept: UInt128
    let roundBit: Bool, sticky: Bool
    if shift > 128 {
        kept = 0; roundBit = false; sticky = sig != 0
    } else if shift == 128 {
        kept = 0; roundBit = sig >> 127 != 0; sticky = sig & (UInt128.max >> 1) != 0
    } else {
        kept = sig >> shift
        roundBit = (sig >> (shift - 1)) & 1 != 0
        sticky = sig & ((UInt128(1) << (shift - 1)) &- 1) != 0
    }
    if !roundBit && !sticky { return (kept, false, false) }
    let up: Bool
    switch mode {
    case .nearestEven: up = roundBit && (sticky || kept & 1 != 0)
    case .nearestAway: up = roundBit
    case .towardZero: up = false
    case .towardPositive: up = !sign
    case .towardNegative: up = sign
    case .prepareShorter: up = kept & 1 == 0          // force the last bit to one
    }
    if up { kept &+= 1 }
    return (kept, true, up)
}

/// Packs sign, (biased exponent - 1) and a significand that includes its
/// implicit bit at position precision-1 (a carry into the exponent field is
/// intended: it turns a subnormal into the smallest normal, and so on).
@inline(__always)
private func pack(_ f: SoftFloatFormat, _ sign: Bool, _ biasedMinus1: Int, _ sig: UInt128) -> UInt128 {
    let s: UInt128 = sign ? UInt128(1) << (f.width - 1) : 0
    return s | ((UInt128(truncatingIfNeeded: biasedMinus1) << (f.precision - 1)) &+ sig)
}

/// Rounds the nonzero value `sig × 2^exp` (any sticky information already
/// or-ed into low bits that stay below the rounding position) to format `f`,
/// recognizing overflow, underflow and inexact in `st`. Under an enabled
/// overflow/underflow trap the result is the value rounded to `f`'s precision
/// with its exponent scaled by ∓`alpha`, packed in the extended format.
private func roundPack(_ sign: Bool, _ exp: Int, _ sig0: UInt128, _ f: SoftFloatFormat, alpha: Int,
                       _ st: inout SoftFloatStatus) -> UInt128 {
    let lz = sig0.leadingZeroBitCount
    let sig = sig0 << lz
    let e = exp + 127 - lz                  // value in [2^e, 2^(e+1))
    let p = f.precision, emax = f.emax, emin = 1 - emax
    var (k, inexact, inc) = roundAway(sig, 128 - p, sign, st.rounding)
    var E = e
    if k >> p != 0 { k >>= 1; E += 1 }
    if E > emax {
        if st.traps & IEEE.overflow != 0 {
            st.flags |= IEEE.overflow | (inexact ? IEEE.inexact : 0) | (inc ? IEEE.incremented : 0)
            return pack(.extended, sign, E - alpha + 16382, k << (113 - p))
        }
        st.flags |= IEEE.overflow | IEEE.inexact
        let toInfinity: Bool
        switch st.rounding {
        case .nearestEven, .nearestAway: toInfinity = true
        case .towardZero, .prepareShorter: toInfinity = false
        case .towardPositive: toInfinity = !sign
        case .towardNegative: toInfinity = sign
        }
        if toInfinity {
            st.flags |= IEEE.incremented
            return pack(f, sign, 2 * emax, UInt128(1) << (p - 1))             // exponent all ones, fraction 0
        }
        return pack(f, sign, 2 * emax - 1, (UInt128(1) << p) &- 1)         // largest finite
    }
    if e < emin {                           // tiny: the precise value is below 2^emin
        if st.traps & IEEE.underflow != 0 {
            st.flags |= IEEE.underflow | (inexact ? IEEE.inexact : 0) | (inc ? IEEE.incremented : 0)
            return pack(.extended, sign, E + alpha + 16382, k << (113 - p))
        }
        let (k2, inexact2, inc2) = roundAway(sig, 128 - p + (emin - e), sign, st.rounding)
        if inexact2 {
            st.flags |= IEEE.underflow | IEEE.inexact | (inc2 ? IEEE.incremented : 0)
        }
        return pack(f, sign, 0, k2)
    }
    if inexact { st.flags |= IEEE.inexact | (inc ? IEEE.incremented : 0) }
    return pack(f, sign, E + emax - 1, k)
}

/// 128 × 128 → 256-bit product.
@inline(__always)
private func multiplyFull(_ a: UInt128, _ b: UInt128) -> (hi: UInt128, lo: UInt128) {
    let a1 = UInt64(truncatingIfNeeded: a >> 64), a0 = UInt64(truncatingIfNeeded: a)
    let b1 = UInt64(truncatingIfNeeded: b >> 64), b0 = UInt64(truncatingIfNeeded: b)
    let p00 = a0.multipliedFullWidth(by: b0)
    let p01 = a0.multipliedFullWidth(by: b1)
    let p10 = a1.multipliedFullWidth(by: b0)
    let p11 = a1.multipliedFullWidth(by: b1)
    // Column sums of 64-bit limbs.
    let c0 = p00.low
    var c1 = UInt128(p00.high) + UInt128(p01.low) + UInt128(p10.low)
    var c2 = UInt128(p01.high) + UInt128(p10.high) + UInt128(p11.low) + (c1 >> 64)
    c1 &= UInt128(UInt64.max)
    let c3 = UInt128(p11.high) + (c2 >> 64)
    c2 &= UInt128(UInt64.max)
    return (c3 << 64 | c2, c1 << 64 | UInt128(c0))
}

// MARK: - Unpacking

extension SoftFloat128 {
    /// A finite nonzero value as `sig × 2^exp` with `sig` in [2^112, 2^113).
    @inline(__always)
    var normalizedSignificand: (exp: Int, sig: UInt128) {
        let frac = bits & ((UInt128(1) << 112) &- 1)
        let be = biasedExponent
        if be != 0 { return (be - 16383 - 112, frac | (UInt128(1) << 112)) }
        let shift = frac.leadingZeroBitCount - 15
        return (1 - 16383 - 112 - shift, frac << shift)
    }

    /// NaN result of a two-operand operation: an SNaN (quieted) before a QNaN,
    /// the first operand before the second.
    @inline(__always)
    static func propagateNaN(_ a: SoftFloat128, _ b: SoftFloat128, _ st: inout SoftFloatStatus) -> SoftFloat128 {
        let aS = a.isSignalingNaN, bS = b.isSignalingNaN
        if aS || bS { st.flags |= IEEE.invalid }
        if aS { return a.quieted }
        if bS { return b.quieted }
        return a.isNaN ? a : b
    }
}

// MARK: - Arithmetic

extension SoftFloat128 {
    static func add(_ a: SoftFloat128, _ b: SoftFloat128, _ st: inout SoftFloatStatus) -> SoftFloat128 {
        addSigned(a, b, negateB: false, &st)
    }

    static func subtract(_ a: SoftFloat128, _ b: SoftFloat128, _ st: inout SoftFloatStatus) -> SoftFloat128 {
        addSigned(a, b, negateB: true, &st)
    }

    private static func addSigned(_ a: SoftFloat128, _ b0: SoftFloat128, negateB: Bool,
                                  _ st: inout SoftFloatStatus) -> SoftFloat128 {
        if a.isNaN || b0.isNaN { return propagateNaN(a, b0, &st) }
        let b = negateB ? b0.negated : b0
        if a.isInfinity {
            if b.isInfinity && a.sign != b.sign {
                st.flags |= IEEE.invalid
                return defaultNaN
            }
            return a
        }
        if b.isInfinity { return b }
        if a.isZero && b.isZero {
            if a.sign == b.sign { return a }
            return zero(negative: st.rounding == .towardNegative)
        }
        if a.isZero || b.isZero {
            // The other operand is the exact result; it still goes through
            // rounding so that a tiny one is recognized under an underflow trap.
            let x = a.isZero ? b : a
            let (e, m) = x.normalizedSignificand
            return SoftFloat128(bits: roundPack(x.sign, e, m, .extended, alpha: SoftFloatScale.extendedArithmetic, &st))
        }
        var (ea, ma) = a.normalizedSignificand
        var (eb, mb) = b.normalizedSignificand
        var sa = a.sign, sb = b.sign
        if ea < eb || (ea == eb && ma < mb) {
            swap(&ea, &eb); swap(&ma, &mb); swap(&sa, &sb)
        }
        // |a| ≥ |b|; 14 guard bits below the significands, one bit of headroom.
        let big = ma << 14
        let small = shiftRightJam(mb << 14, ea - eb)
        let sum: UInt128
        if sa == sb {
            sum = big + small
        } else {
            sum = big - small
            if sum == 0 { return zero(negative: st.rounding == .towardNegative) }
        }
        return SoftFloat128(bits: roundPack(sa, ea - 14, sum, .extended, alpha: SoftFloatScale.extendedArithmetic, &st))
    }

    static func multiply(_ a: SoftFloat128, _ b: SoftFloat128, _ st: inout SoftFloatStatus) -> SoftFloat128 {
        if a.isNaN || b.isNaN { return propagateNaN(a, b, &st) }
        let sign = a.sign != b.sign
        if a.isInfinity || b.isInfinity {
            if a.isZero || b.isZero {
                st.flags |= IEEE.invalid
                return defaultNaN
            }
            return infinity(negative: sign)
        }
        if a.isZero || b.isZero { return zero(negative: sign) }
        let (ea, ma) = a.normalizedSignificand
        let (eb, mb) = b.normalizedSignificand
        let p = multiplyFull(ma << 15, mb << 15)          // in [2^254, 2^256)
        let sig = p.hi | (p.lo != 0 ? 1 : 0)
        return SoftFloat128(bits: roundPack(sign, ea + eb - 30 + 128, sig, .extended,
                                            alpha: SoftFloatScale.extendedArithmetic, &st))
    }

    static func divide(_ a: SoftFloat128, _ b: SoftFloat128, _ st: inout SoftFloatStatus) -> SoftFloat128 {
        if a.isNaN || b.isNaN { return propagateNaN(a, b, &st) }
        let sign = a.sign != b.sign
        if a.isInfinity {
            if b.isInfinity {
                st.flags |= IEEE.invalid
                return defaultNaN
            }
            return infinity(negative: sign)
        }
        if b.isInfinity { return zero(negative: sign) }
        if b.isZero {
            if a.isZero {
                st.flags |= IEEE.invalid
                return defaultNaN
            }
            st.flags |= IEEE.divideByZero
            return infinity(negative: sign)
        }
        if a.isZero { return zero(negative: sign) }
        var (ea, ma) = a.normalizedSignificand
        let (eb, mb) = b.normalizedSignificand
        if ma < mb { ma <<= 1; ea -= 1 }
        // Quotient ma/mb in [1, 2): 1 integer bit, then 126 fraction bits in
        // chunks of 14 (the remainder stays below 2^113, so r << 14 fits).
        var q: UInt128 = 1
        var r = ma - mb
        for _ in 0..<9 {
            let (qd, rd) = (r << 14).quotientAndRemainder(dividingBy: mb)
            q = q << 14 | qd
            r = rd
        }
        let sig = q | (r != 0 ? 1 : 0)
        return SoftFloat128(bits: roundPack(sign, ea - eb - 126, sig, .extended,
                                            alpha: SoftFloatScale.extendedArithmetic, &st))
    }

    static func squareRoot(_ a: SoftFloat128, _ st: inout SoftFloatStatus) -> SoftFloat128 {
        if a.isNaN {
            if a.isSignalingNaN { st.flags |= IEEE.invalid; return a.quieted }
            return a
        }
        if a.isZero { return a }
        if a.sign {
            st.flags |= IEEE.invalid
            return defaultNaN
        }
        if a.isInfinity { return a }
        var (e, m) = a.normalizedSignificand
        if e & 1 != 0 { m <<= 1; e -= 1 }
        // Integer square root of N = m × 2^120 (N < 2^234): a 117-bit root,
        // two radicand bits per step; the remainder stays below 2^118.
        var rem: UInt128 = 0, root: UInt128 = 0
        var j = 116
        while j >= 0 {
            let pairPos = 2 * j - 120
            let pair: UInt128 = pairPos >= 0 ? (m >> pairPos) & 3 : 0
            rem = rem << 2 | pair
            let trial = root << 2 | 1
            root <<= 1
            if rem >= trial { rem -= trial; root |= 1 }
            j -= 1
        }
        let sig = root | (rem != 0 ? 1 : 0)
        return SoftFloat128(bits: roundPack(false, (e - 120) / 2, sig, .extended,
                                            alpha: SoftFloatScale.extendedArithmetic, &st))
    }

    /// Comparison: 0 equal, 1 a low, 2 a high, 3 unordered. A signaling
    /// comparison recognizes invalid for any NaN, a quiet one only for SNaNs.
    static func compare(_ a: SoftFloat128, _ b: SoftFloat128, signaling: Bool, _ st: inout SoftFloatStatus) -> UInt8 {
        if a.isNaN || b.isNaN {
            if signaling || a.isSignalingNaN || b.isSignalingNaN { st.flags |= IEEE.invalid }
            return 3
        }
        if a.isZero && b.isZero { return 0 }
        if a == b { return 0 }
        let ma = a.magnitude.bits, mb = b.magnitude.bits
        if a.sign != b.sign { return a.sign ? 1 : 2 }
        let aLess = a.sign ? ma > mb : ma < mb
        return aLess ? 1 : 2
    }
}

// MARK: - Conversions between BFP formats

extension SoftFloat128 {
    /// Widens a binary64 image exactly. An SNaN stays signaling (the
    /// operation that consumes it decides); see `init(binary64:_:)`.
    static func widening(binary64 v: UInt64) -> SoftFloat128 {
        let sign = v >> 63 != 0
        let be = Int((v >> 52) & 0x7FF)
        let frac = v & 0x000F_FFFF_FFFF_FFFF
        let s: UInt64 = sign ? 0x8000_0000_0000_0000 : 0
        if be == 0x7FF {
            // Infinity or NaN: fraction moves to the top of the 112-bit field.
            return SoftFloat128(hi: s | 0x7FFF_0000_0000_0000 | frac >> 4, lo: frac << 60)
        }
        if be == 0 && frac == 0 { return zero(negative: sign) }
        var e: Int, m: UInt64
        if be == 0 {
            let shift = frac.leadingZeroBitCount - 11
            m = frac << shift; e = -1022 - shift
        } else {
            m = frac | (1 << 52); e = be - 1023
        }
        // m in [2^52, 2^53), value = m × 2^(e-52); e is in the normal range of extended.
        let bits = pack(.extended, sign, e + 16383 - 1, UInt128(m) << 60)
        return SoftFloat128(bits: bits)
    }

    static func widening(binary32 v: UInt32) -> SoftFloat128 {
        let sign = v >> 31 != 0
        let be = Int((v >> 23) & 0xFF)
        let frac = UInt64(v & 0x007F_FFFF)
        let s: UInt64 = sign ? 0x8000_0000_0000_0000 : 0
        if be == 0xFF {
            return SoftFloat128(hi: s | 0x7FFF_0000_0000_0000 | frac << 25, lo: 0)
        }
        if be == 0 && frac == 0 { return zero(negative: sign) }
        var e: Int, m: UInt64
        if be == 0 {
            let shift = frac.leadingZeroBitCount - 40
            m = frac << shift; e = -126 - shift
        } else {
            m = frac | (1 << 23); e = be - 127
        }
        return SoftFloat128(bits: pack(.extended, sign, e + 16383 - 1, UInt128(m) << 89))
    }

    /// LOAD LENGTHENED from long: exact; an SNaN is invalid and made quiet.
    init(binary64 v: UInt64, _ st: inout SoftFloatStatus) {
        var r = SoftFloat128.widening(binary64: v)
        if r.isSignalingNaN { st.flags |= IEEE.invalid; r = r.quieted }
        self = r
    }

    /// LOAD LENGTHENED from short.
    init(binary32 v: UInt32, _ st: inout SoftFloatStatus) {
        var r = SoftFloat128.widening(binary32: v)
        if r.isSignalingNaN { st.flags |= IEEE.invalid; r = r.quieted }
        self = r
    }

    /// Rounds to a narrower format. Returns the image right-aligned in the
    /// result, or — if `st.trappedScaled` afterwards — the scaled result in
    /// the extended format (alpha 8192, as LOAD ROUNDED delivers it).
    @inline(__always)
    private func narrowed(_ f: SoftFloatFormat, _ st: inout SoftFloatStatus) -> UInt128 {
        let p = f.precision
        let s: UInt128 = sign ? UInt128(1) << (f.width - 1) : 0
        if isNaN {
            if isSignalingNaN { st.flags |= IEEE.invalid }
            // Quiet NaN keeping the leading payload bits.
            let frac = (bits & ((UInt128(1) << 112) &- 1)) >> (113 - p)
            let expField = ((UInt128(1) << (f.width - p)) &- 1) << (p - 1)
            return s | expField | frac | (UInt128(1) << (p - 2))
        }
        if isInfinity { return s | (((UInt128(1) << (f.width - p)) &- 1) << (p - 1)) }
        if isZero { return s }
        let (e, m) = normalizedSignificand
        return roundPack(sign, e, m, f, alpha: SoftFloatScale.loadRoundedFromExtended, &st)
    }

    /// LOAD ROUNDED to long: the binary64 image in the low 64 bits of the
    /// result, or the scaled extended value when `st.trappedScaled`.
    func roundedToBinary64(_ st: inout SoftFloatStatus) -> UInt128 { narrowed(.long, &st) }
    /// LOAD ROUNDED to short: the binary32 image in the low 32 bits, or the
    /// scaled extended value when `st.trappedScaled`.
    func roundedToBinary32(_ st: inout SoftFloatStatus) -> UInt128 { narrowed(.short, &st) }
}

// MARK: - Integers

extension SoftFloat128 {
    /// Exact conversion of a signed integer (CONVERT FROM FIXED).
    init(int64 v: Int64) {
        if v == 0 { self = .positiveZero; return }
        var st = SoftFloatStatus(rounding: .nearestEven)
        self = SoftFloat128(bits: roundPack(v < 0, 0, UInt128(v.magnitude), .extended, alpha: 0, &st))
    }

    /// Exact conversion of an unsigned integer (CONVERT FROM LOGICAL).
    init(uint64 v: UInt64) {
        if v == 0 { self = .positiveZero; return }
        var st = SoftFloatStatus(rounding: .nearestEven)
        self = SoftFloat128(bits: roundPack(false, 0, UInt128(v), .extended, alpha: 0, &st))
    }

    /// The value of a finite operand rounded to an integer, as a magnitude;
    /// `nil` if it is 2^128 or more. Recognizes inexact (+ incremented).
    private func integerMagnitude(_ mode: SoftFloatRounding, _ st: inout SoftFloatStatus) -> UInt128? {
        if isZero { return 0 }
        let (e, m) = normalizedSignificand
        if e >= 0 {
            if e > 15 { return nil }
            return m << e
        }
        let (k, inexact, inc) = roundAway(m, -e, sign, mode)
        if inexact { st.flags |= IEEE.inexact | (inc ? IEEE.incremented : 0) }
        return k
    }

    /// CONVERT TO FIXED (64): rounds by `mode`. Invalid (NaN, or out of range
    /// after rounding) gives -2^63 for NaN and negative values, 2^63-1 for
    /// positive ones, with only the invalid exception recognized.
    func toInt64(_ mode: SoftFloatRounding, _ st: inout SoftFloatStatus) -> Int64 {
        toSigned(mode, bits: 64, &st)
    }

    func toInt32(_ mode: SoftFloatRounding, _ st: inout SoftFloatStatus) -> Int32 {
        Int32(truncatingIfNeeded: toSigned(mode, bits: 32, &st))
    }

    private func toSigned(_ mode: SoftFloatRounding, bits n: Int, _ st: inout SoftFloatStatus) -> Int64 {
        let minValue = Int64.min >> (64 - n)            // -2^(n-1)
        let maxValue = ~minValue
        if isNaN { st.flags |= IEEE.invalid; return minValue }
        var trial = SoftFloatStatus(rounding: mode)
        if !isInfinity, let mag = integerMagnitude(mode, &trial) {
            let limit = UInt128(1) << (n - 1)            // |min|
            if sign ? mag <= limit : mag < limit {
                st.flags |= trial.flags
                let v = Int64(truncatingIfNeeded: UInt64(truncatingIfNeeded: mag))
                return sign ? 0 &- v : v
            }
        }
        st.flags |= IEEE.invalid
        return sign ? minValue : maxValue
    }

    /// CONVERT TO LOGICAL (64): out of range gives 0 (negative, NaN) or
    /// 2^64-1 (positive), invalid. Negative values rounding to zero are valid.
    func toUInt64(_ mode: SoftFloatRounding, _ st: inout SoftFloatStatus) -> UInt64 {
        toUnsigned(mode, bits: 64, &st)
    }

    func toUInt32(_ mode: SoftFloatRounding, _ st: inout SoftFloatStatus) -> UInt32 {
        UInt32(truncatingIfNeeded: toUnsigned(mode, bits: 32, &st))
    }

    private func toUnsigned(_ mode: SoftFloatRounding, bits n: Int, _ st: inout SoftFloatStatus) -> UInt64 {
        let maxValue = UInt64.max >> (64 - n)
        if isNaN { st.flags |= IEEE.invalid; return 0 }
        var trial = SoftFloatStatus(rounding: mode)
        if !isInfinity, let mag = integerMagnitude(mode, &trial) {
            if sign ? mag == 0 : mag <= UInt128(maxValue) {
                st.flags |= trial.flags
                return UInt64(truncatingIfNeeded: mag)
            }
        }
        st.flags |= IEEE.invalid
        return sign ? 0 : maxValue
    }

    /// LOAD FP INTEGER: rounds to an integral value in the same format.
    /// Zeros, infinities and QNaNs are returned as they are; an SNaN is
    /// invalid and quieted. The sign of a result that rounds to zero is kept.
    func roundedToIntegral(_ mode: SoftFloatRounding, _ st: inout SoftFloatStatus) -> SoftFloat128 {
        if isNaN {
            if isSignalingNaN { st.flags |= IEEE.invalid; return quieted }
            return self
        }
        if isInfinity || isZero { return self }
        let (e, m) = normalizedSignificand
        if e >= 0 { return self }
        let (k, inexact, inc) = roundAway(m, -e, sign, mode)
        if inexact { st.flags |= IEEE.inexact | (inc ? IEEE.incremented : 0) }
        if k == 0 { return SoftFloat128.zero(negative: sign) }
        var exact = SoftFloatStatus(rounding: .nearestEven)
        return SoftFloat128(bits: roundPack(sign, 0, k, .extended, alpha: 0, &exact))
    }
}
