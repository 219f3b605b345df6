/// Packed-decimal helpers for the decimal instructions (PoP chapter 8).
///
/// A packed field of n bytes (1...16) is kept right-aligned in a `UInt128`
/// "image": its bytes big-endian, the sign in the low four bits, the digits
/// (2n-1 of them, at most 31) above it, the rightmost digit in bits 4-7.
/// Arithmetic happens in binary on the magnitude (31 digits < 2^104); the
/// conversions between BCD nibbles and binary work on two 64-bit halves.
/// Nothing here allocates.

/// Sign codes: A, C, E, F are plus, B and D minus, 0-9 are invalid.
@inline(__always) func packedSignIsValid(_ s: UInt8) -> Bool { s & 0xF >= 0xA }
@inline(__always) func packedSignIsMinus(_ s: UInt8) -> Bool { s & 0xF == 0xB || s & 0xF == 0xD }
/// The preferred sign codes placed in results.
@inline(__always) func packedPreferredSign(negative: Bool) -> UInt128 { negative ? 0xD : 0xC }

/// Mask of the low `n` nibbles (0...32).
@inline(__always) func decimalNibbleMask(_ n: Int) -> UInt128 {
    n >= 32 ? ~0 : (UInt128(1) << UInt128(4 * n)) &- 1
}

/// Nibble positions 0..<n hold only 0-9: a nibble is above 9 when bit 3 is
/// set together with bit 2 or bit 1.
@inline(__always) func decimalDigitsValid(_ digits: UInt128, count n: Int) -> Bool {
    let ones: UInt128 = 0x1111_1111_1111_1111_1111_1111_1111_1111
    let bad = (digits >> 3) & ((digits >> 2) | (digits >> 1)) & ones & decimalNibbleMask(n)
    return bad == 0
}

/// Up to 16 BCD digits (valid) to binary: pairs, quads, octets, then the whole.
@inline(__always) func decimalBCD64ToBinary(_ x: UInt64) -> UInt64 {
    var v = x
    v = (v & 0x0F0F_0F0F_0F0F_0F0F) &+ ((v >> 4) & 0x0F0F_0F0F_0F0F_0F0F) &* 10
    v = (v & 0x00FF_00FF_00FF_00FF) &+ ((v >> 8) & 0x00FF_00FF_00FF_00FF) &* 100
    v = (v & 0x0000_FFFF_0000_FFFF) &+ ((v >> 16) & 0x0000_FFFF_0000_FFFF) &* 10_000
    return (v & 0xFFFF_FFFF) &+ (v >> 32) &* 100_000_000
}

/// A binary number below 10^16 to 16 BCD digits.
@inline(__always) func decimalBinary64ToBCD(_ x: UInt64) -> UInt64 {
    var v = x
    var out: UInt64 = 0
    var shift: UInt64 = 0
    while v != 0 {
        let q = v / 10
        out |= (v &- q &* 10) << shift
        v = q
        shift &+= 4
    }
    return out
}

@inline(__always) var decimalTenTo16: UInt64 { 10_000_000_000_000_000 }

/// Up to 32 valid BCD digits to binary.
@inline(__always) func decimalBCDToBinary(_ x: UInt128) -> UInt128 {
    let hi = decimalBCD64ToBinary(UInt64(truncatingIfNeeded: x >> 64))
    let lo = decimalBCD64ToBinary(UInt64(truncatingIfNeeded: x))
    return UInt128(hi) &* UInt128(decimalTenTo16) &+ UInt128(lo)
}

/// A binary number below 10^32 to 32 BCD digits.
@inline(__always) func decimalBinaryToBCD(_ v: UInt128) -> UInt128 {
    let high = UInt64(truncatingIfNeeded: v >> 64)
    let low = UInt64(truncatingIfNeeded: v)
    if high == 0 && low < decimalTenTo16 { return UInt128(decimalBinary64ToBCD(low)) }
    // v < 10^32 makes the high word smaller than 10^16, so the quotient fits.
    let (q, r) = decimalTenTo16.dividingFullWidth((high, low))
    return UInt128(decimalBinary64ToBCD(q)) << 64 | UInt128(decimalBinary64ToBCD(r))
}

/// A packed operand taken apart: the magnitude in binary and the sign.
struct PackedDecimalNumber {
    var magnitude: UInt128
    var negative: Bool
}

extension VirtualCPU {
    /// Fetches the `n`-byte field at `ea` (left to right, wrapping at the
    /// addressing mode) as a right-aligned image.
    @inline(__always)
    func decimalFetch(_ ea: UInt64, _ n: Int) throws(Interruption) -> UInt128 {
        var v: UInt128 = 0
        var a = ea
        var k = n
        while k > 0 {
            v = v << 8 | UInt128(try load8(a))
            a = (a &+ 1) & amask
            k -= 1
        }
        return v
    }

    /// Stores the low `n` bytes of `image` at `ea`; the caller has checked the
    /// store access for the whole field.
    @inline(__always)
    func decimalStore(_ image: UInt128, _ ea: UInt64, _ n: Int) throws(Interruption) {
        var a = ea
        var shift = 8 * (n - 1)
        while shift >= 0 {
            try store8(UInt8(truncatingIfNeeded: image >> UInt128(shift)), a)
            a = (a &+ 1) & amask
            shift -= 8
        }
    }

    /// Whether two fields share a byte, with addresses wrapping at the mode.
    @inline(__always)
    func decimalOverlap(_ a1: UInt64, _ n1: Int, _ a2: UInt64, _ n2: Int) -> Bool {
        ((a2 &- a1) & amask) < UInt64(n1) || ((a1 &- a2) & amask) < UInt64(n2)
    }
}

/// Checks the sign and digits of an `n`-byte packed image.
@inline(__always) func packedIsValid(_ image: UInt128, _ n: Int) -> Bool {
    packedSignIsValid(UInt8(truncatingIfNeeded: image)) && decimalDigitsValid(image >> 4, count: 2 * n - 1)
}

/// A valid packed image as a number.
@inline(__always) func packedNumber(_ image: UInt128) -> PackedDecimalNumber {
    PackedDecimalNumber(magnitude: decimalBCDToBinary(image >> 4), negative: packedSignIsMinus(UInt8(truncatingIfNeeded: image)))
}

/// The image of an `n`-byte packed field holding `magnitude` (truncated on the
/// left to the field's 2n-1 digits) with the preferred sign code.
@inline(__always) func packedImage(_ magnitude: UInt128, negative: Bool, _ n: Int) -> UInt128 {
    ((decimalBinaryToBCD(magnitude) & decimalNibbleMask(2 * n - 1)) << 4) | packedPreferredSign(negative: negative)
}

/// The data exception of the decimal instructions (DXC 0: decimal operand).
@inline(__always) func decimalDataException() -> Interruption { .program(.data, dxc: 0) }

/// PSW program-mask bit 21 (decimal overflow) in `VirtualCPU.mask`.
@inline(__always) var decimalOverflowMask: UInt64 { 1 << 42 }
