/// Decimal instructions (PoP chapter 8) and the decimal conversions of
/// chapter 7: PACK, UNPK, MVO, PKA, PKU, UNPKA, UNPKU, CVB(Y/G), CVD(Y/G),
/// ED, EDMK, AP, SP, ZAP, CP, MP, DP, SRP, TP.
///
/// Ending of the exceptions, as the PoP defines them:
/// - specification (MP/DP lengths, PKA/PKU/UNPKA/UNPKU lengths): suppressed,
///   recognized before any operand is accessed;
/// - data (DXC 0, invalid sign or digit, improper overlap, MP multiplicand
///   without enough leftmost zeros): the PoP permits suppression or
///   termination; these semantics always suppress (nothing is stored, CC
///   unchanged). Operands are fetched and checked before any store access;
/// - decimal overflow (AP, SP, ZAP, SRP): completed — the truncated result is
///   stored, CC 3, and the interruption happens only when PSW bit 21 is one;
/// - decimal divide (DP): suppressed;
/// - fixed-point divide: CVB/CVBY complete (the rightmost 32 bits of the
///   result are placed in the register), CVBG is suppressed.
let decimalInstructions: [InstructionDefinition] = [
    .init("SRP", "F0", .SSc, [], shiftAndRoundDecimal),
    .init("MVO", "F1", .SSb, [], moveWithOffset),
    .init("PACK", "F2", .SSb, [], pack),
    .init("UNPK", "F3", .SSb, [], unpack),
    .init("ZAP", "F8", .SSb, [], zeroAndAdd),
    .init("CP", "F9", .SSb, [], compareDecimal),
    .init("AP", "FA", .SSb) { cpu, raw throws(Interruption) in try addDecimal(cpu, raw, subtract: false) },
    .init("SP", "FB", .SSb) { cpu, raw throws(Interruption) in try addDecimal(cpu, raw, subtract: true) },
    .init("MP", "FC", .SSb, [], multiplyDecimal),
    .init("DP", "FD", .SSb, [], divideDecimal),
    .init("ED", "DE", .SSa) { cpu, raw throws(Interruption) in try edit(cpu, raw, mark: false) },
    .init("EDMK", "DF", .SSa) { cpu, raw throws(Interruption) in try edit(cpu, raw, mark: true) },
    .init("PKU", "E1", .SSf, [], packUnicode),
    .init("UNPKU", "E2", .SSa, [], unpackUnicode),
    .init("PKA", "E9", .SSf, [], packASCII),
    .init("UNPKA", "EA", .SSa, [], unpackASCII),
    .init("TP", "EBC0", .RSLa, [], testDecimal),
    .init("CVD", "4E", .RXa) { cpu, raw throws(Interruption) in try convertToDecimal(cpu, f8(raw), cpu.eaRX(raw)) },
    .init("CVB", "4F", .RXa) { cpu, raw throws(Interruption) in try convertToBinary(cpu, f8(raw), cpu.eaRX(raw)) },
    .init("CVBY", "E306", .RXYa) { cpu, raw throws(Interruption) in try convertToBinary(cpu, f8(raw), cpu.eaRXY(raw)) },
    .init("CVBG", "E30E", .RXYa, [], convertToBinaryLong),
    .init("CVDY", "E326", .RXYa) { cpu, raw throws(Interruption) in try convertToDecimal(cpu, f8(raw), cpu.eaRXY(raw)) },
    .init("CVDG", "E32E", .RXYa, [], convertToDecimalLong),
]

// MARK: Operand overlap

/// PoP ch. 8: the operands of the decimal-arithmetic instructions may overlap
/// only when their rightmost bytes coincide; for ZAP also when the first
/// operand's rightmost byte is to the right of the second's. The result is
/// then as if the operands were processed right to left, which is what
/// computing from the fetched values gives. Any other overlap is a data
/// exception.
@inline(__always)
private func decimalOverlapAllowed(_ cpu: VirtualCPU, _ ea1: UInt64, _ n1: Int, _ ea2: UInt64, _ n2: Int,
                                   firstMayEndRight: Bool) -> Bool {
    if !cpu.decimalOverlap(ea1, n1, ea2, n2) { return true }
    let e1 = (ea1 &+ UInt64(n1 - 1)) & cpu.amask
    let e2 = (ea2 &+ UInt64(n2 - 1)) & cpu.amask
    if e1 == e2 { return true }
    return firstMayEndRight && ((e1 &- e2) & cpu.amask) < 32
}

/// Stores the result of AP, SP or ZAP: truncated to the first operand,
/// preferred sign (plus for zero unless digits were lost), CC, and the
/// decimal-overflow interruption when the program mask allows it.
@inline(__always)
private func storeDecimalSum(_ cpu: VirtualCPU, _ magnitude: UInt128, negative: Bool,
                             _ ea1: UInt64, _ n1: Int) throws(Interruption) {
    let digits = 2 * n1 - 1
    let bcd = decimalBinaryToBCD(magnitude)
    let overflow = bcd >> UInt128(4 * digits) != 0
    // With overflow the magnitude is nonzero: a truncated zero keeps the sign.
    let minus = negative && magnitude != 0
    try cpu.decimalStore(((bcd & decimalNibbleMask(digits)) << 4) | packedPreferredSign(negative: minus), ea1, n1)
    if overflow {
        cpu.cc = 3
        if cpu.mask & decimalOverflowMask != 0 { throw Interruption.program(.decimalOverflow) }
    } else {
        cpu.cc = magnitude == 0 ? 0 : (minus ? 1 : 2)
    }
}

// MARK: AP, SP, ZAP, CP

private func addDecimal(_ cpu: VirtualCPU, _ raw: UInt64, subtract: Bool) throws(Interruption) {
    let n1 = f8(raw) + 1, n2 = f12(raw) + 1
    let ea1 = cpu.eaRS(raw), ea2 = cpu.eaSS2(raw)
    let i1 = try cpu.decimalFetch(ea1, n1)
    let i2 = try cpu.decimalFetch(ea2, n2)
    guard packedIsValid(i1, n1), packedIsValid(i2, n2),
          decimalOverlapAllowed(cpu, ea1, n1, ea2, n2, firstMayEndRight: false)
    else { throw decimalDataException() }
    try cpu.checkAccess(ea1, length: n1, .store)
    let a = packedNumber(i1)
    var b = packedNumber(i2)
    if subtract { b.negative.toggle() }
    let magnitude: UInt128
    let negative: Bool
    if a.negative == b.negative {
        magnitude = a.magnitude &+ b.magnitude
        negative = a.negative
    } else if a.magnitude >= b.magnitude {
        magnitude = a.magnitude &- b.magnitude
        negative = a.negative
    } else {
        magnitude = b.magnitude &- a.magnitude
        negative = b.negative
    }
    try storeDecimalSum(cpu, magnitude, negative: negative, ea1, n1)
}

private func zeroAndAdd(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let n1 = f8(raw) + 1, n2 = f12(raw) + 1
    let ea1 = cpu.eaRS(raw), ea2 = cpu.eaSS2(raw)
    // Only the second operand is fetched and checked.
    let i2 = try cpu.decimalFetch(ea2, n2)
    guard packedIsValid(i2, n2), decimalOverlapAllowed(cpu, ea1, n1, ea2, n2, firstMayEndRight: true)
    else { throw decimalDataException() }
    try cpu.checkAccess(ea1, length: n1, .store)
    let b = packedNumber(i2)
    try storeDecimalSum(cpu, b.magnitude, negative: b.negative, ea1, n1)
}

private func compareDecimal(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let n1 = f8(raw) + 1, n2 = f12(raw) + 1
    let i1 = try cpu.decimalFetch(cpu.eaRS(raw), n1)
    let i2 = try cpu.decimalFetch(cpu.eaSS2(raw), n2)
    guard packedIsValid(i1, n1), packedIsValid(i2, n2) else { throw decimalDataException() }
    let a = packedNumber(i1), b = packedNumber(i2)
    // Magnitudes are below 10^31 < 2^127; a negative zero equals a positive one.
    let x = a.negative ? -Int128(a.magnitude) : Int128(a.magnitude)
    let y = b.negative ? -Int128(b.magnitude) : Int128(b.magnitude)
    cpu.cc = x == y ? 0 : (x < y ? 1 : 2)
}

// MARK: MP, DP

/// MP/DP: the second operand has at most 8 bytes and is shorter than the first.
@inline(__always)
private func checkMultiplyDivideLengths(_ raw: UInt64) throws(Interruption) {
    let l1 = f8(raw), l2 = f12(raw)
    if l2 > 7 || l2 >= l1 { throw Interruption.program(.specification) }
}

private func multiplyDecimal(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    try checkMultiplyDivideLengths(raw)
    let n1 = f8(raw) + 1, n2 = f12(raw) + 1
    let ea1 = cpu.eaRS(raw), ea2 = cpu.eaSS2(raw)
    let i1 = try cpu.decimalFetch(ea1, n1)
    let i2 = try cpu.decimalFetch(ea2, n2)
    // The multiplicand needs as many leftmost zero bytes as the multiplier has
    // bytes; the product then always fits (and its leftmost digit is zero).
    guard packedIsValid(i1, n1), packedIsValid(i2, n2),
          i1 >> UInt128(8 * (n1 - n2)) == 0,
          decimalOverlapAllowed(cpu, ea1, n1, ea2, n2, firstMayEndRight: false)
    else { throw decimalDataException() }
    try cpu.checkAccess(ea1, length: n1, .store)
    let a = packedNumber(i1), b = packedNumber(i2)
    // The sign follows the rules of algebra even when the product is zero.
    try cpu.decimalStore(packedImage(a.magnitude &* b.magnitude, negative: a.negative != b.negative, n1), ea1, n1)
}

private func divideDecimal(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    try checkMultiplyDivideLengths(raw)
    let n1 = f8(raw) + 1, n2 = f12(raw) + 1
    let ea1 = cpu.eaRS(raw), ea2 = cpu.eaSS2(raw)
    let i1 = try cpu.decimalFetch(ea1, n1)
    let i2 = try cpu.decimalFetch(ea2, n2)
    guard packedIsValid(i1, n1), packedIsValid(i2, n2),
          decimalOverlapAllowed(cpu, ea1, n1, ea2, n2, firstMayEndRight: false)
    else { throw decimalDataException() }
    let a = packedNumber(i1), b = packedNumber(i2)
    if b.magnitude == 0 { throw Interruption.program(.decimalDivide) }
    let (quotient, remainder) = a.magnitude.quotientAndRemainder(dividingBy: b.magnitude)
    // The quotient occupies the leftmost n1 - n2 bytes: 2(n1 - n2) - 1 digits.
    let quotientDigits = 2 * (n1 - n2) - 1
    let q = decimalBinaryToBCD(quotient)
    if q >> UInt128(4 * quotientDigits) != 0 { throw Interruption.program(.decimalDivide) }
    try cpu.checkAccess(ea1, length: n1, .store)
    // Quotient sign by the rules of algebra, remainder sign that of the
    // dividend, both even when zero.
    let qImage = (q << 4) | packedPreferredSign(negative: a.negative != b.negative)
    let rImage = (decimalBinaryToBCD(remainder) << 4) | packedPreferredSign(negative: a.negative)
    try cpu.decimalStore(qImage << UInt128(8 * n2) | rImage, ea1, n1)
}

// MARK: SRP

private func shiftAndRoundDecimal(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let n1 = f8(raw) + 1
    let rounding = UInt128(f12(raw))
    let ea1 = cpu.eaRS(raw)
    // The second-operand address is not used for storage: its low six bits
    // are a signed shift count (positive: left).
    let shift = Int(cpu.eaSS2(raw) & 0x3F)
    let image = try cpu.decimalFetch(ea1, n1)
    // The rounding digit is checked even when no right shift is specified.
    guard packedIsValid(image, n1), rounding <= 9 else { throw decimalDataException() }
    try cpu.checkAccess(ea1, length: n1, .store)
    let digits = 2 * n1 - 1
    let negative = packedSignIsMinus(UInt8(truncatingIfNeeded: image))
    var d = image >> 4
    var overflow = false
    if shift < 32 {
        if shift > 0 {
            overflow = shift >= digits ? d != 0 : d >> UInt128(4 * (digits - shift)) != 0
            d = (d << UInt128(4 * shift)) & decimalNibbleMask(digits)
        }
    } else {
        // Right by 1...32: the rounding digit is added to the leftmost digit
        // shifted out; the carry propagates into the shifted result.
        let count = 64 - shift
        let leftmostOut = (d >> UInt128(4 * (count - 1))) & 0xF
        d >>= UInt128(4 * count)
        if leftmostOut + rounding >= 10 { d = decimalBinaryToBCD(decimalBCDToBinary(d) &+ 1) }
    }
    // Without overflow a zero result is positive; with overflow the sign is
    // the original one.
    let minus = negative && (overflow || d != 0)
    try cpu.decimalStore((d << 4) | packedPreferredSign(negative: minus), ea1, n1)
    if overflow {
        cpu.cc = 3
        if cpu.mask & decimalOverflowMask != 0 { throw Interruption.program(.decimalOverflow) }
    } else {
        cpu.cc = d == 0 ? 0 : (minus ? 1 : 2)
    }
}

// MARK: TP

private func testDecimal(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let n = f8(raw) + 1
    let image = try cpu.decimalFetch(cpu.eaRS(raw), n)
    let signBad: UInt8 = packedSignIsValid(UInt8(truncatingIfNeeded: image)) ? 0 : 1
    let digitBad: UInt8 = decimalDigitsValid(image >> 4, count: 2 * n - 1) ? 0 : 2
    cpu.cc = signBad | digitBad
}

// MARK: PACK, UNPK, MVO
//
// These do not check their data. Their operands may overlap: the result is
// as if each result byte were stored right after the operand bytes it needs
// were fetched, right to left; so they run byte by byte on storage after the
// whole operands have been checked for access.

private func pack(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let n1 = f8(raw) + 1, n2 = f12(raw) + 1
    let ea1 = cpu.eaRS(raw), ea2 = cpu.eaSS2(raw)
    try cpu.checkAccess(ea2, length: n2, .fetch)
    try cpu.checkAccess(ea1, length: n1, .store)
    let m = cpu.amask
    var a1 = (ea1 &+ UInt64(n1 - 1)) & m
    var a2 = (ea2 &+ UInt64(n2 - 1)) & m
    // The rightmost byte: zone and digit exchanged (the zone becomes the sign).
    let b = try cpu.load8(a2)
    try cpu.store8(b << 4 | b >> 4, a1)
    var left1 = n1 - 1, left2 = n2 - 1
    while left1 > 0 {
        var r: UInt8 = 0
        if left2 > 0 {
            a2 = (a2 &- 1) & m
            r = try cpu.load8(a2) & 0x0F
            left2 -= 1
            if left2 > 0 {
                a2 = (a2 &- 1) & m
                r |= try cpu.load8(a2) << 4
                left2 -= 1
            }
        }
        a1 = (a1 &- 1) & m
        try cpu.store8(r, a1)
        left1 -= 1
    }
}

private func unpack(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let n1 = f8(raw) + 1, n2 = f12(raw) + 1
    let ea1 = cpu.eaRS(raw), ea2 = cpu.eaSS2(raw)
    try cpu.checkAccess(ea2, length: n2, .fetch)
    try cpu.checkAccess(ea1, length: n1, .store)
    let m = cpu.amask
    var a1 = (ea1 &+ UInt64(n1 - 1)) & m
    var a2 = (ea2 &+ UInt64(n2 - 1)) & m
    let b = try cpu.load8(a2)
    try cpu.store8(b << 4 | b >> 4, a1)
    var left1 = n1 - 1, left2 = n2 - 1
    while left1 > 0 {
        var s: UInt8 = 0                    // zeros once the source is used up
        if left2 > 0 {
            a2 = (a2 &- 1) & m
            s = try cpu.load8(a2)
            left2 -= 1
        }
        a1 = (a1 &- 1) & m
        try cpu.store8(0xF0 | s & 0x0F, a1)
        left1 -= 1
        if left1 > 0 {
            a1 = (a1 &- 1) & m
            try cpu.store8(0xF0 | s >> 4, a1)
            left1 -= 1
        }
    }
}

private func moveWithOffset(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let n1 = f8(raw) + 1, n2 = f12(raw) + 1
    let ea1 = cpu.eaRS(raw), ea2 = cpu.eaSS2(raw)
    let m = cpu.amask
    var a1 = (ea1 &+ UInt64(n1 - 1)) & m
    var a2 = (ea2 &+ UInt64(n2 - 1)) & m
    try cpu.checkAccess(ea2, length: n2, .fetch)
    try cpu.checkAccess(a1, length: 1, .fetch)           // the rightmost byte keeps its low digit
    try cpu.checkAccess(ea1, length: n1, .store)
    var s = try cpu.load8(a2)
    let keep = try cpu.load8(a1) & 0x0F
    try cpu.store8(s << 4 | keep, a1)
    var left1 = n1 - 1, left2 = n2 - 1
    while left1 > 0 {
        var r = s >> 4
        if left2 > 0 {
            a2 = (a2 &- 1) & m
            s = try cpu.load8(a2)
            left2 -= 1
        } else {
            s = 0
        }
        r |= s << 4
        a1 = (a1 &- 1) & m
        try cpu.store8(r, a1)
        left1 -= 1
    }
}

// MARK: PKA, PKU, UNPKA, UNPKU
//
// The first operand of PKA/PKU and the second of UNPKA/UNPKU are 16-byte
// packed fields. Digits are not checked; with 32 characters the leftmost one
// is ignored. Overlap makes the results unpredictable, so these fetch first.

private func packASCII(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let l2 = Int((raw >> 32) & 0xFF)
    if l2 > 31 { throw Interruption.program(.specification) }
    let ea1 = cpu.eaRS(raw)
    var a2 = cpu.eaSS2(raw)
    var digits: UInt128 = 0
    var k = l2 + 1
    while k > 0 {
        digits = digits << 4 | UInt128(try cpu.load8(a2) & 0x0F)
        a2 = (a2 &+ 1) & cpu.amask
        k -= 1
    }
    try cpu.checkAccess(ea1, length: 16, .store)
    try cpu.decimalStore(digits << 4 | 0xC, ea1, 16)
}

private func packUnicode(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let l2 = Int((raw >> 32) & 0xFF)
    // An even number of bytes, at most 64.
    if l2 > 63 || l2 & 1 == 0 { throw Interruption.program(.specification) }
    let ea1 = cpu.eaRS(raw)
    var a2 = cpu.eaSS2(raw)
    var digits: UInt128 = 0
    var k = (l2 + 1) / 2
    while k > 0 {
        digits = digits << 4 | UInt128(try cpu.load16(a2) & 0x0F)
        a2 = (a2 &+ 2) & cpu.amask
        k -= 1
    }
    try cpu.checkAccess(ea1, length: 16, .store)
    try cpu.decimalStore(digits << 4 | 0xC, ea1, 16)
}

/// CC of UNPKA/UNPKU: the sign of the packed operand.
@inline(__always)
private func unpackSignCode(_ image: UInt128) -> UInt8 {
    let s = UInt8(truncatingIfNeeded: image)
    return !packedSignIsValid(s) ? 3 : (packedSignIsMinus(s) ? 1 : 0)
}

private func unpackASCII(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let l1 = Int((raw >> 32) & 0xFF)
    if l1 > 31 { throw Interruption.program(.specification) }
    let n1 = l1 + 1
    let ea1 = cpu.eaRS(raw)
    let image = try cpu.decimalFetch(cpu.eaSS2(raw), 16)
    try cpu.checkAccess(ea1, length: n1, .store)
    let digits = image >> 4
    var a1 = ea1
    var j = n1 - 1                          // digit index from the right
    while j >= 0 {
        try cpu.store8(0x30 | UInt8(truncatingIfNeeded: digits >> UInt128(4 * j)) & 0x0F, a1)
        a1 = (a1 &+ 1) & cpu.amask
        j -= 1
    }
    cpu.cc = unpackSignCode(image)
}

private func unpackUnicode(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let l1 = Int((raw >> 32) & 0xFF)
    if l1 > 63 || l1 & 1 == 0 { throw Interruption.program(.specification) }
    let n1 = l1 + 1
    let ea1 = cpu.eaRS(raw)
    let image = try cpu.decimalFetch(cpu.eaSS2(raw), 16)
    try cpu.checkAccess(ea1, length: n1, .store)
    let digits = image >> 4
    var a1 = ea1
    var j = n1 / 2 - 1
    while j >= 0 {
        try cpu.store16(0x0030 | UInt16(truncatingIfNeeded: digits >> UInt128(4 * j)) & 0x0F, a1)
        a1 = (a1 &+ 2) & cpu.amask
        j -= 1
    }
    cpu.cc = unpackSignCode(image)
}

// MARK: CVB, CVBY, CVBG, CVD, CVDY, CVDG

/// CVB, CVBY: 8-byte packed to a 32-bit signed integer in bits 32-63 of R1.
@inline(__always)
private func convertToBinary(_ cpu: VirtualCPU, _ r1: Int, _ ea: UInt64) throws(Interruption) {
    let v = try cpu.load64(ea)
    guard packedSignIsValid(UInt8(truncatingIfNeeded: v)), decimalDigitsValid(UInt128(v >> 4), count: 15)
    else { throw decimalDataException() }
    // At most 15 digits: the value always fits 64 bits.
    let magnitude = Int64(decimalBCD64ToBinary(v >> 4))
    let value = packedSignIsMinus(UInt8(truncatingIfNeeded: v)) ? -magnitude : magnitude
    // Out of range, the operation completes with the rightmost 32 bits.
    cpu.setLow(r1, UInt32(truncatingIfNeeded: value))
    if value < Int64(Int32.min) || value > Int64(Int32.max) { throw Interruption.program(.fixedPointDivide) }
}

/// CVBG: 16-byte packed to a 64-bit signed integer; out of range it is suppressed.
private func convertToBinaryLong(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f8(raw)
    let image = try cpu.decimalFetch(cpu.eaRXY(raw), 16)
    guard packedIsValid(image, 16) else { throw decimalDataException() }
    let n = packedNumber(image)
    let limit: UInt128 = n.negative ? 1 << 63 : (1 << 63) - 1
    if n.magnitude > limit { throw Interruption.program(.fixedPointDivide) }
    let m = UInt64(truncatingIfNeeded: n.magnitude)
    cpu.r[r1] = n.negative ? 0 &- m : m
}

/// CVD, CVDY: bits 32-63 of R1 to an 8-byte packed field.
@inline(__always)
private func convertToDecimal(_ cpu: VirtualCPU, _ r1: Int, _ ea: UInt64) throws(Interruption) {
    let value = Int32(bitPattern: cpu.low(r1))
    let image = decimalBinary64ToBCD(UInt64(value.magnitude)) << 4 | (value < 0 ? 0xD : 0xC)
    try cpu.store64(image, ea)
}

/// CVDG: all of R1 to a 16-byte packed field (the most negative number has
/// the 19-digit magnitude 2^63).
private func convertToDecimalLong(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let value = Int64(bitPattern: cpu.r[f8(raw)])
    let ea = cpu.eaRXY(raw)
    let image = decimalBinaryToBCD(UInt128(value.magnitude)) << 4 | (value < 0 ? 0xD : 0xC)
    try cpu.checkAccess(ea, length: 16, .store)
    try cpu.decimalStore(image, ea, 16)
}

// MARK: ED, EDMK

/// One pass over the pattern. The first pass (`store` false) fetches and
/// checks the data, so that a data exception or a fetch access exception
/// leaves storage unchanged; the second stores the result. Overlapping
/// operands give unpredictable results, which makes the two passes legitimate.
@inline(__always)
private func editPass(_ cpu: VirtualCPU, _ ea1: UInt64, _ length: Int, _ ea2: UInt64,
                      store: Bool) throws(Interruption) -> (cc: UInt8, marked: Bool, mark: UInt64) {
    let m = cpu.amask
    var a1 = ea1, a2 = ea2
    var fill: UInt8 = 0
    var significance = false
    var nonzero = false                     // a nonzero digit since the last field separator
    var source: UInt8 = 0
    var rightDigitPending = false
    var marked = false
    var mark: UInt64 = 0
    var i = 0
    while i < length {
        let p = try cpu.load8(a1)
        // The first pattern byte is the fill byte, and is then edited as any
        // other pattern byte.
        if i == 0 { fill = p }
        let result: UInt8
        switch p {
        case 0x20, 0x21:                    // digit selector, significance starter
            let digit: UInt8
            var plus = false
            if rightDigitPending {
                digit = source & 0x0F
                rightDigitPending = false
            } else {
                source = try cpu.load8(a2)
                a2 = (a2 &+ 1) & m
                digit = source >> 4
                if digit > 9 { throw decimalDataException() }
                // The right four bits are examined with the left digit: a sign
                // code ends the source number (a plus sign turns significance off).
                let right = source & 0x0F
                if right > 9 { plus = !packedSignIsMinus(right) } else { rightDigitPending = true }
            }
            if significance || digit != 0 {
                result = 0xF0 | digit
                if !significance { marked = true; mark = a1 }
            } else {
                result = fill
            }
            if digit != 0 { nonzero = true }
            if digit != 0 || p == 0x21 { significance = true }
            if plus { significance = false }
        case 0x22:                          // field separator
            result = fill
            significance = false
            nonzero = false
        default:                            // message byte
            result = significance ? p : fill
        }
        if store { try cpu.store8(result, a1) }
        a1 = (a1 &+ 1) & m
        i += 1
    }
    let cc: UInt8 = nonzero ? (significance ? 1 : 2) : 0
    return (cc, marked, mark)
}

private func edit(_ cpu: VirtualCPU, _ raw: UInt64, mark: Bool) throws(Interruption) {
    let length = Int((raw >> 32) & 0xFF) + 1
    let ea1 = cpu.eaRS(raw), ea2 = cpu.eaSS2(raw)
    _ = try editPass(cpu, ea1, length, ea2, store: false)
    try cpu.checkAccess(ea1, length: length, .store)
    let outcome = try editPass(cpu, ea1, length, ea2, store: true)
    cpu.cc = outcome.cc
    // EDMK: the address of the rightmost result byte that was a nonzero
    // digit found with significance off, in the bits the addressing mode uses.
    if mark && outcome.marked {
        switch cpu.amask {
        case 0xFF_FFFF: cpu.r[1] = (cpu.r[1] & ~0xFF_FFFF) | outcome.mark
        case 0x7FFF_FFFF: cpu.setLow(1, UInt32(truncatingIfNeeded: outcome.mark))
        default: cpu.r[1] = outcome.mark
        }
    }
}
