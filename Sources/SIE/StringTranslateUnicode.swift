/// String family, continued: TRANSLATE EXTENDED (TRE), the extended-
/// translation-facility-2 instructions (TROO, TROT, TRTO, TRTT, MVCLU, CLCLU),
/// SEARCH STRING UNICODE (SRSTU) and the Unicode conversions CU12 (CUTFU), CU21 (CUUTF),
/// CU14, CU41, CU24, CU42 (PoP chapter 7).
///
/// All of them are interruptible: one execution handles a CPU-determined
/// amount and ends with cc 3 while work remains. The registers always
/// describe the characters completed, also when an access exception ends the
/// execution in the middle (the guest then resumes where it stopped).
/// Addresses and lengths follow the long string forms: addresses wrap to the
/// addressing mode and replace bits 32-63 in the 24/31-bit modes (bits 0-31
/// unchanged); lengths are bits 32-63 (24/31-bit) or 0-63 (64-bit).

/// Characters one execution of the translates and conversions handles at most.
private let stringCharacterBudget = 4096

// MARK: TRE

/// TRE R1,R2: translates the first operand (R1 address, R1+1 length) in
/// place through the 256-byte table at R2, left to right, stopping before a
/// byte equal to the test byte in bits 56-63 of GR0 (cc 1, R1 designates it).
/// cc 0 when the operand is done, cc 3 after the end of the operand's page.
/// Access exceptions for the whole table may be recognized.
func translateExtendedTRE(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f24(raw), r2 = f28(raw)
    if r1 & 1 != 0 { throw Interruption.program(.specification) }
    let a = cpu.wrap(cpu.r[r1])
    let l = cpu.stringLength(r1 + 1)
    if l == 0 { cpu.cc = 0; return }
    let t = cpu.wrap(cpu.r[r2])
    let test = UInt8(truncatingIfNeeded: cpu.r[0])
    try cpu.checkAccess(t, length: 256, .fetch)
    // The table's bytes on its first page and (if it crosses) on the next.
    let firstPart = 4096 - Int(t & 0xFFF)
    let p0 = try cpu.hostRange(t, .fetch).0
    var p1 = p0
    if firstPart < 256 { p1 = try cpu.hostRange(cpu.wrap(t &+ UInt64(firstPart)), .fetch).0 }
    let (pd, avail) = try cpu.hostRange(a, .store)
    let c = Int(min(l, UInt64(avail)))
    var j = 0
    while j < c {
        let b = pd.load(fromByteOffset: j, as: UInt8.self)
        if b == test { break }
        let arg = Int(b)
        let f = arg < firstPart ? p0.load(fromByteOffset: arg, as: UInt8.self)
                                : p1.load(fromByteOffset: arg - firstPart, as: UInt8.self)
        pd.storeBytes(of: f, toByteOffset: j, as: UInt8.self)
        j += 1
    }
    let left = l - UInt64(j)
    cpu.stringSetAddress(r1, cpu.wrap(a &+ UInt64(j)))
    cpu.stringSetLength(r1 + 1, left)
    cpu.cc = j < c ? 1 : (left == 0 ? 0 : 3)
}

// MARK: TROO, TROT, TRTO, TRTT

/// TRANSLATE ONE/TWO TO ONE/TWO R1,R2[,M3]: each `sourceSize`-byte character
/// of the second operand (R2; its length in R1+1) indexes the table at GR1
/// (bits 61-63 ignored) of `resultSize`-byte entries; the entry is stored at
/// the first operand (R1). Unless M3 bit 3 is one, an entry equal to the test
/// character (GR0 bits 56-63, or 48-63 for two-byte entries) ends the
/// operation with cc 1 before it is stored, the registers designating the
/// source character. cc 0 when the second operand is done, cc 3 after a
/// CPU-determined number of characters. R1 odd, or an odd length with
/// two-byte source characters: specification.
@inline(__always)
func translateOneTwoETF2(_ cpu: VirtualCPU, _ raw: UInt64, sourceSize: Int, resultSize: Int) throws(Interruption) {
    let r1 = f24(raw), r2 = f28(raw)
    if r1 & 1 != 0 { throw Interruption.program(.specification) }
    var l = cpu.stringLength(r1 + 1)
    if sourceSize == 2 && l & 1 != 0 { throw Interruption.program(.specification) }
    var d = cpu.wrap(cpu.r[r1]), s = cpu.wrap(cpu.r[r2])
    let table = cpu.wrap(cpu.r[1]) & ~7
    let testing = f16(raw) & 1 == 0
    let test = resultSize == 1 ? cpu.r[0] & 0xFF : cpu.r[0] & 0xFFFF
    var cc: UInt8 = 0
    var count = 0
    do throws(Interruption) {
        while l > 0 {
            if count == stringCharacterBudget { cc = 3; break }
            let ch = sourceSize == 1 ? UInt64(try cpu.load8(s)) : UInt64(try cpu.load16(s))
            let entry = cpu.wrap(table &+ ch &* UInt64(resultSize))
            let v = resultSize == 1 ? UInt64(try cpu.load8(entry)) : UInt64(try cpu.load16(entry))
            if testing && v == test { cc = 1; break }
            if resultSize == 1 { try cpu.store8(UInt8(truncatingIfNeeded: v), d) }
            else { try cpu.store16(UInt16(truncatingIfNeeded: v), d) }
            d = cpu.wrap(d &+ UInt64(resultSize))
            s = cpu.wrap(s &+ UInt64(sourceSize))
            l -= UInt64(sourceSize)
            count += 1
        }
    } catch {
        writeTranslateRegisters(cpu, r1, r2, d, l, s)
        throw error
    }
    writeTranslateRegisters(cpu, r1, r2, d, l, s)
    cpu.cc = cc
}

@inline(__always)
private func writeTranslateRegisters(_ cpu: VirtualCPU, _ r1: Int, _ r2: Int, _ d: UInt64, _ l: UInt64, _ s: UInt64) {
    cpu.stringSetAddress(r1, d)
    cpu.stringSetLength(r1 + 1, l)
    cpu.stringSetAddress(r2, s)
}

// MARK: SRSTU

/// SRSTU R1,R2: SRST with two-byte characters; the character is GR0 bits
/// 48-63 (bits 32-47 must be zero: specification). When R1 and R2 differ in
/// bit 63, the operand ends one byte after the address in R1. cc 1 found (R1
/// = its address), cc 2 end reached (registers unchanged), cc 3 CPU-determined
/// end (R2 = next character).
func searchStringUnicodeSRSTU(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f24(raw), r2 = f28(raw)
    if cpu.r[0] & 0xFFFF_0000 != 0 { throw Interruption.program(.specification) }
    let ch = UInt16(truncatingIfNeeded: cpu.r[0])
    var end = cpu.wrap(cpu.r[r1])
    var a = cpu.wrap(cpu.r[r2])
    if (end ^ a) & 1 != 0 { end = cpu.wrap(end &+ 1) }
    for _ in 0..<stringCharacterBudget {
        if a == end { cpu.cc = 2; return }
        if try cpu.load16(a) == ch {
            cpu.stringSetAddress(r1, a)
            cpu.cc = 1
            return
        }
        a = cpu.wrap(a &+ 2)
    }
    cpu.stringSetAddress(r2, a)
    cpu.cc = 3
}

// MARK: MVCLU, CLCLU

/// Operand state of MVCLU/CLCLU: addresses in R1 and R3, even lengths in
/// R1+1 and R3+1 (odd register or odd length: specification), the two-byte
/// padding character in bits 48-63 of the second-operand address.
@inline(__always)
private func unicodeLongOperands(_ cpu: VirtualCPU, _ raw: UInt64)
    throws(Interruption) -> (r1: Int, r3: Int, a1: UInt64, l1: UInt64, a3: UInt64, l3: UInt64, pad: UInt16) {
    let r1 = f8(raw), r3 = f12(raw)
    if (r1 | r3) & 1 != 0 { throw Interruption.program(.specification) }
    let l1 = cpu.stringLength(r1 + 1), l3 = cpu.stringLength(r3 + 1)
    if (l1 | l3) & 1 != 0 { throw Interruption.program(.specification) }
    return (r1, r3, cpu.wrap(cpu.r[r1]), l1, cpu.wrap(cpu.r[r3]), l3, UInt16(truncatingIfNeeded: cpu.eaRSY(raw)))
}

/// MVCLU R1,R3,D2(B2): MVCLE with two-byte characters and a two-byte pad.
/// cc 0/1/2 compare the lengths once the first operand is filled, cc 3
/// after a CPU-determined amount (here to the first operand's page end).
func moveLongUnicodeMVCLU(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let op = try unicodeLongOperands(cpu, raw)
    let (r1, r3, pad) = (op.r1, op.r3, op.pad)
    var (d, l1, s, l3) = (op.a1, op.l1, op.a3, op.l3)
    let cc: UInt8 = l1 == l3 ? 0 : (l1 < l3 ? 1 : 2)
    var budget = max(2, 4096 - Int(d & 0xFFF))
    do throws(Interruption) {
        while l1 > 0 && budget > 0 {
            let v = l3 > 0 ? try cpu.load16(s) : pad
            try cpu.store16(v, d)
            d = cpu.wrap(d &+ 2); l1 -= 2
            if l3 > 0 { s = cpu.wrap(s &+ 2); l3 -= 2 }
            budget -= 2
        }
    } catch {
        writeConvertRegisters(cpu, r1, r3, d, l1, s, l3)
        throw error
    }
    writeConvertRegisters(cpu, r1, r3, d, l1, s, l3)
    cpu.cc = l1 == 0 ? cc : 3
}

/// CLCLU R1,R3,D2(B2): CLCLE with two-byte characters: the shorter operand
/// is extended with the pad; cc 0 equal, 1/2 first operand low/high (the
/// registers designate the unequal characters), cc 3 after a CPU-determined
/// number of characters.
func compareLongUnicodeCLCLU(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let op = try unicodeLongOperands(cpu, raw)
    let (r1, r3, pad) = (op.r1, op.r3, op.pad)
    var (a1, l1, a3, l3) = (op.a1, op.l1, op.a3, op.l3)
    var cc: UInt8 = 0
    var count = 0
    do throws(Interruption) {
        while l1 > 0 || l3 > 0 {
            if count == stringCharacterBudget { cc = 3; break }
            let v1 = l1 > 0 ? try cpu.load16(a1) : pad
            let v3 = l3 > 0 ? try cpu.load16(a3) : pad
            if v1 != v3 { cc = v1 < v3 ? 1 : 2; break }
            if l1 > 0 { a1 = cpu.wrap(a1 &+ 2); l1 -= 2 }
            if l3 > 0 { a3 = cpu.wrap(a3 &+ 2); l3 -= 2 }
            count += 1
        }
    } catch {
        writeConvertRegisters(cpu, r1, r3, a1, l1, a3, l3)
        throw error
    }
    writeConvertRegisters(cpu, r1, r3, a1, l1, a3, l3)
    cpu.cc = cc
}

// MARK: Unicode conversions

enum UnicodeFormCU { case utf8, utf16, utf32 }

/// One decoded character: its bits as a UTF-32 value, its length in the
/// source, and whether it came as four UTF-8 bytes or a UTF-16 surrogate pair
/// (the PoP maps those bit by bit to the other long form, also when a
/// non-well-formed source gives a value below 0x10000).
private struct DecodedCharacterCU {
    var value: UInt32
    var length: UInt64
    var long: Bool
}

/// Decodes the character at `a` (`left` bytes remain). nil with `cc` 0: the
/// remaining bytes do not hold a whole character; nil with `cc` 2: invalid.
/// `check` is the well-formedness control (M3 bit 3).
@inline(__always)
private func decodeCU(_ cpu: VirtualCPU, _ form: UnicodeFormCU, _ a: UInt64, _ left: UInt64, check: Bool,
                      _ cc: inout UInt8) throws(Interruption) -> DecodedCharacterCU? {
    switch form {
    case .utf8:
        if left < 1 { cc = 0; return nil }
        let b0 = UInt32(try cpu.load8(a))
        if b0 < 0x80 { return DecodedCharacterCU(value: b0, length: 1, long: false) }
        let n: UInt64
        if b0 < (check ? 0xC2 : 0xC0) { cc = 2; return nil }
        else if b0 < 0xE0 { n = 2 }
        else if b0 < 0xF0 { n = 3 }
        else if b0 < (check ? 0xF5 : 0xF8) { n = 4 }
        else { cc = 2; return nil }
        if left < n { cc = 0; return nil }
        var v = b0 & (0x7F >> UInt32(n))
        var continuationOK = true
        for k in 1..<n {
            let b = UInt32(try cpu.load8(cpu.wrap(a &+ k)))
            if b & 0xC0 != 0x80 { continuationOK = false }
            v = v << 6 | (b & 0x3F)
        }
        if check {
            // Well-formed: continuation bytes 80-BF and the PoP's byte
            // ranges, i.e. the shortest form, no surrogates, at most 10FFFF.
            let valid: Bool
            switch n {
            case 2: valid = continuationOK
            case 3: valid = continuationOK && v >= 0x800 && !(0xD800...0xDFFF).contains(v)
            default: valid = continuationOK && v >= 0x1_0000 && v <= 0x10_FFFF
            }
            if !valid { cc = 2; return nil }
        }
        return DecodedCharacterCU(value: v, length: n, long: n == 4)
    case .utf16:
        if left < 2 { cc = 0; return nil }
        let w0 = UInt32(try cpu.load16(a))
        if w0 & 0xFC00 != 0xD800 { return DecodedCharacterCU(value: w0, length: 2, long: false) }
        if left < 4 { cc = 0; return nil }
        let w1 = UInt32(try cpu.load16(cpu.wrap(a &+ 2)))
        if check && w1 & 0xFC00 != 0xDC00 { cc = 2; return nil }
        // 110110ab cdefghij 110111kl mnopqrst -> 000uvwxy efghijkl mnopqrst,
        // uvwxy = abcd + 1.
        let uvwxy = ((w0 >> 6) & 0xF) + 1
        return DecodedCharacterCU(value: uvwxy << 16 | (w0 & 0x3F) << 10 | (w1 & 0x3FF), length: 4, long: true)
    case .utf32:
        if left < 4 { cc = 0; return nil }
        let v = try cpu.load32(a)
        if (0xD800...0xDBFF).contains(v) || v > 0x10_FFFF { cc = 2; return nil }
        return DecodedCharacterCU(value: v, length: 4, long: v > 0xFFFF)
    }
}

/// Stores the character at `a` (`room` bytes left). Returns its length, or
/// nil when it does not fit (cc 1).
@inline(__always)
private func encodeCU(_ cpu: VirtualCPU, _ form: UnicodeFormCU, _ a: UInt64, _ room: UInt64,
                      _ c: DecodedCharacterCU) throws(Interruption) -> UInt64? {
    let v = c.value
    switch form {
    case .utf8:
        let n: UInt64 = v < 0x80 ? 1 : (v < 0x800 ? 2 : (v < 0x1_0000 && !c.long ? 3 : 4))
        if room < n { return nil }
        switch n {
        case 1:
            try cpu.store8(UInt8(v), a)
        case 2:
            try cpu.store16(UInt16(0xC080 | (v << 2) & 0x1F00 | v & 0x3F), a)
        case 3:
            try cpu.store8(UInt8(0xE0 | (v >> 12) & 0x0F), a)
            try cpu.store16(UInt16(0x8080 | (v << 2) & 0x3F00 | v & 0x3F), cpu.wrap(a &+ 1))
        default:
            try cpu.store32(0xF080_8080 | (v << 6) & 0x0700_0000 | (v << 4) & 0x003F_0000
                            | (v << 2) & 0x3F00 | v & 0x3F, a)
        }
        return n
    case .utf16:
        if !c.long {
            if room < 2 { return nil }
            try cpu.store16(UInt16(truncatingIfNeeded: v), a)
            return 2
        }
        if room < 4 { return nil }
        // 000uvwxy efghijkl mnopqrst -> 110110ab cdefghij 110111kl mnopqrst,
        // abcd = uvwxy - 1 (four bits).
        let abcd = ((v >> 16) &- 1) & 0xF
        let high = 0xD800 | abcd << 6 | (v >> 10) & 0x3F
        try cpu.store32(high << 16 | 0xDC00 | v & 0x3FF, a)
        return 4
    case .utf32:
        if room < 4 { return nil }
        try cpu.store32(v, a)
        return 4
    }
}

/// CU12, CU14, CU21, CU24, CU41, CU42 R1,R2[,M3]: converts the second
/// operand (R2, R2+1) into the first (R1, R1+1). cc 0 second operand done
/// (also when only part of a character remains), cc 1 first operand full,
/// cc 2 invalid character (registers designate it), cc 3 CPU-determined
/// number of characters. R1 or R2 odd: specification. `checking` says
/// whether M3 bit 3 (well-formedness checking) exists for the instruction.
@inline(__always)
func convertUnicodeCU(_ cpu: VirtualCPU, _ raw: UInt64, from: UnicodeFormCU, to: UnicodeFormCU, checking: Bool) throws(Interruption) {
    let r1 = f24(raw), r2 = f28(raw)
    if (r1 | r2) & 1 != 0 { throw Interruption.program(.specification) }
    let check = checking && f16(raw) & 1 != 0
    var d = cpu.wrap(cpu.r[r1]), s = cpu.wrap(cpu.r[r2])
    var l1 = cpu.stringLength(r1 + 1), l2 = cpu.stringLength(r2 + 1)
    var cc: UInt8 = 3
    do throws(Interruption) {
        for _ in 0..<stringCharacterBudget {
            guard let c = try decodeCU(cpu, from, s, l2, check: check, &cc) else { break }
            guard let n = try encodeCU(cpu, to, d, l1, c) else { cc = 1; break }
            d = cpu.wrap(d &+ n); l1 -= n
            s = cpu.wrap(s &+ c.length); l2 -= c.length
            cc = 3
        }
    } catch {
        writeConvertRegisters(cpu, r1, r2, d, l1, s, l2)
        throw error
    }
    writeConvertRegisters(cpu, r1, r2, d, l1, s, l2)
    cpu.cc = cc
}

@inline(__always)
private func writeConvertRegisters(_ cpu: VirtualCPU, _ r1: Int, _ r2: Int, _ d: UInt64, _ l1: UInt64, _ s: UInt64, _ l2: UInt64) {
    cpu.stringSetAddress(r1, d)
    cpu.stringSetLength(r1 + 1, l1)
    cpu.stringSetAddress(r2, s)
    cpu.stringSetLength(r2 + 1, l2)
}
