import Glibc

/// String instructions: the SS storage-to-storage forms (MVC, CLC, NC, OC,
/// XC, MVN, MVZ, MVCIN, TR, TRT, TRTR) and the long, register-driven forms
/// (MVCL, CLCL, MVCLE, CLCLE, SRST, CLST, MVST, CKSM). TRE, the ETF2
/// translates, MVCLU/CLCLU, SRSTU and the Unicode conversions are in
/// StringTranslateUnicode.swift.
///
/// Conventions used throughout (PoP chapter 7):
/// - SS forms act as if one byte at a time, left to right; every access
///   exception of both operands is recognized before anything is stored. The
///   copy loops work on host pointers one page-chunk at a time, so operands
///   that overlap (also through two logical addresses of one frame) give the
///   architected byte-at-a-time result.
/// - The long forms work page-chunk by page-chunk and write their registers
///   back after every chunk, so an access exception on a later page leaves
///   registers that describe exactly the bytes already processed (the
///   instruction then resumes where it stopped); an exception on the first
///   chunk changes nothing.
/// - "CPU-determined number of bytes" forms stop with cc 3 so the guest
///   loops: MVCLE at the first operand's next page boundary, CLCLE after 4096
///   byte positions, CKSM at the second operand's page end, SRST/CLST/MVST at
///   the page end but after at least 256 bytes.
/// - Updated addresses in the 24/31-bit modes replace bits 32-63 of the
///   register, so bits 32-39 (24-bit) or bit 32 (31-bit) become zero; bits
///   0-31 stay unchanged. The PoP asks for this for MVCL and CLCL; where it
///   leaves those bits to the model (MVCLE, CLCLE, ...) we do the same for
///   uniformity. Lengths: MVCL/CLCL bits 40-63 (bits 32-39 kept), the others
///   bits 32-63 (24/31-bit) or 0-63 (64-bit). TRT/TRTR follow their own rule
///   (see `setTranslateAndTestAddress`).
let stringInstructions: [InstructionDefinition] = [
    .init("MVC", "D2", .SSa, [], mvc),
    .init("MVCIN", "E8", .SSa, [], mvcin),
    .init("MVN", "D1", .SSa) { cpu, raw throws(Interruption) in try ssCombine(cpu, raw, .numerics) },
    .init("MVZ", "D3", .SSa) { cpu, raw throws(Interruption) in try ssCombine(cpu, raw, .zones) },
    .init("NC", "D4", .SSa) { cpu, raw throws(Interruption) in try ssCombine(cpu, raw, .and) },
    .init("OC", "D6", .SSa) { cpu, raw throws(Interruption) in try ssCombine(cpu, raw, .or) },
    .init("XC", "D7", .SSa) { cpu, raw throws(Interruption) in try ssCombine(cpu, raw, .xor) },
    .init("CLC", "D5", .SSa, [], clc),
    .init("TR", "DC", .SSa, [], tr),
    .init("TRT", "DD", .SSa) { cpu, raw throws(Interruption) in try translateAndTest(cpu, raw, reverse: false) },
    .init("TRTR", "D0", .SSa) { cpu, raw throws(Interruption) in try translateAndTest(cpu, raw, reverse: true) },
    .init("MVCL", "0E", .RR, [], mvcl),
    .init("CLCL", "0F", .RR, [], clcl),
    .init("MVCLE", "A8", .RSa, [], mvcle),
    .init("CLCLE", "A9", .RSa, [], clcle),
    .init("SRST", "B25E", .RRE, [], srst),
    .init("CLST", "B25D", .RRE, [], clst),
    .init("MVST", "B255", .RRE, [], mvst),
    .init("CKSM", "B241", .RRE, [], cksm),
    // StringTranslateUnicode.swift
    .init("TRE", "B2A5", .RRE, [], translateExtendedTRE),
    .init("TROO", "B993", .RRFc, syntax: "R1,R2,M3?") { cpu, raw throws(Interruption) in try translateOneTwoETF2(cpu, raw, sourceSize: 1, resultSize: 1) },
    .init("TROT", "B992", .RRFc, syntax: "R1,R2,M3?") { cpu, raw throws(Interruption) in try translateOneTwoETF2(cpu, raw, sourceSize: 1, resultSize: 2) },
    .init("TRTO", "B991", .RRFc, syntax: "R1,R2,M3?") { cpu, raw throws(Interruption) in try translateOneTwoETF2(cpu, raw, sourceSize: 2, resultSize: 1) },
    .init("TRTT", "B990", .RRFc, syntax: "R1,R2,M3?") { cpu, raw throws(Interruption) in try translateOneTwoETF2(cpu, raw, sourceSize: 2, resultSize: 2) },
    .init("SRSTU", "B9BE", .RRE, [], searchStringUnicodeSRSTU),
    .init("MVCLU", "EB8E", .RSYa, [], moveLongUnicodeMVCLU),
    .init("CLCLU", "EB8F", .RSYa, [], compareLongUnicodeCLCLU),
    .init("CU12", "B2A7", .RRFc, syntax: "cutfu R1,R2 | cu12 R1,R2,M3") { cpu, raw throws(Interruption) in try convertUnicodeCU(cpu, raw, from: .utf8, to: .utf16, checking: true) },
    .init("CU21", "B2A6", .RRFc, syntax: "cuutf R1,R2 | cu21 R1,R2,M3") { cpu, raw throws(Interruption) in try convertUnicodeCU(cpu, raw, from: .utf16, to: .utf8, checking: true) },
    .init("CU14", "B9B0", .RRFc, syntax: "R1,R2,M3?") { cpu, raw throws(Interruption) in try convertUnicodeCU(cpu, raw, from: .utf8, to: .utf32, checking: true) },
    .init("CU24", "B9B1", .RRFc, syntax: "R1,R2,M3?") { cpu, raw throws(Interruption) in try convertUnicodeCU(cpu, raw, from: .utf16, to: .utf32, checking: true) },
    .init("CU41", "B9B2", .RRE) { cpu, raw throws(Interruption) in try convertUnicodeCU(cpu, raw, from: .utf32, to: .utf8, checking: false) },
    .init("CU42", "B9B3", .RRE) { cpu, raw throws(Interruption) in try convertUnicodeCU(cpu, raw, from: .utf32, to: .utf16, checking: false) },
]

// MARK: Register helpers of the long forms

extension VirtualCPU {
    /// Writes an updated operand address back: the whole register in the
    /// 64-bit mode, else bits 32-63 (the address wrapped to the mode, so bits
    /// 32-39 or bit 32 become zero) with bits 0-31 unchanged.
    @inline(__always) func stringSetAddress(_ n: Int, _ address: UInt64) {
        if amask == ~0 { r[n] = address } else { r[n] = (r[n] & 0xFFFF_FFFF_0000_0000) | (address & amask) }
    }

    /// Operand length of MVCLE/CLCLE/CKSM: 64 bits in the 64-bit mode, else
    /// bits 32-63 as an unsigned 32-bit number.
    @inline(__always) func stringLength(_ n: Int) -> UInt64 {
        amask == ~0 ? r[n] : r[n] & 0xFFFF_FFFF
    }

    @inline(__always) func stringSetLength(_ n: Int, _ v: UInt64) {
        if amask == ~0 { r[n] = v } else { r[n] = (r[n] & 0xFFFF_FFFF_0000_0000) | (v & 0xFFFF_FFFF) }
    }

    /// MVCL/CLCL lengths live in bits 40-63; bits 0-39 are kept.
    @inline(__always) func stringSetLength24(_ n: Int, _ v: UInt64) {
        r[n] = (r[n] & ~0xFF_FFFF) | (v & 0xFF_FFFF)
    }

    /// Bits 32-55 of general register 0 must be zero for SRST, CLST, MVST;
    /// bits 56-63 are the ending / search character.
    @inline(__always) func stringCharacterFromR0() throws(Interruption) -> UInt8 {
        if r[0] & 0xFFFF_FF00 != 0 { throw Interruption.program(.specification) }
        return UInt8(truncatingIfNeeded: r[0])
    }
}

// MARK: Byte-moving primitives on host memory

/// Copies `n` bytes with the result of a left-to-right, one-byte-at-a-time
/// move. When the destination starts inside the source (destructive overlap)
/// the first `d - s` source bytes repeat through the destination.
@inline(__always)
private func moveLeftToRight(_ d: UnsafeMutableRawPointer, _ s: UnsafeMutableRawPointer, _ n: Int) {
    let distance = d - s
    if distance <= 0 || distance >= n {
        memmove(d, s, n)
        return
    }
    if distance == 1 {
        memset(d, Int32(s.load(as: UInt8.self)), n)
        return
    }
    // d[i] = s[i mod distance]: lay down one period, then double it.
    memcpy(d, s, distance)
    var filled = distance
    while filled < n {
        let c = min(filled, n - filled)
        memcpy(d + filled, d, c)
        filled += c
    }
}

private enum Combine { case and, or, xor, numerics, zones }

@inline(__always)
private func combineWord(_ d: UInt64, _ s: UInt64, _ op: Combine) -> UInt64 {
    switch op {
    case .and: return d & s
    case .or: return d | s
    case .xor: return d ^ s
    case .numerics: return (d & 0xF0F0_F0F0_F0F0_F0F0) | (s & 0x0F0F_0F0F_0F0F_0F0F)
    case .zones: return (d & 0x0F0F_0F0F_0F0F_0F0F) | (s & 0xF0F0_F0F0_F0F0_F0F0)
    }
}

/// d[i] = d[i] op s[i] for i in 0..<n, left to right one byte at a time.
/// Returns non-zero if any result byte is non-zero.
@inline(__always)
private func combineBytes(_ d: UnsafeMutableRawPointer, _ s: UnsafeMutableRawPointer, _ n: Int, _ op: Combine) -> UInt64 {
    if op == .xor && d == s {
        memset(d, 0, n)
        return 0
    }
    var any: UInt64 = 0
    var i = 0
    let distance = d - s
    if distance >= n || distance <= -n || distance == 0 {
        // Disjoint (or identical) operands: no result byte is read back as a
        // source byte of a later position, so whole words are equivalent.
        while i + 8 <= n {
            let v = combineWord(d.loadUnaligned(fromByteOffset: i, as: UInt64.self),
                                s.loadUnaligned(fromByteOffset: i, as: UInt64.self), op)
            d.storeBytes(of: v, toByteOffset: i, as: UInt64.self)
            any |= v
            i += 8
        }
    }
    while i < n {
        let v = combineWord(UInt64(d.load(fromByteOffset: i, as: UInt8.self)),
                            UInt64(s.load(fromByteOffset: i, as: UInt8.self)), op) & 0xFF
        d.storeBytes(of: UInt8(truncatingIfNeeded: v), toByteOffset: i, as: UInt8.self)
        any |= v
        i += 1
    }
    return any
}

/// Index of the first byte where `a` and `b` differ, or `n`.
@inline(__always)
private func firstDifference(_ a: UnsafeMutableRawPointer, _ b: UnsafeMutableRawPointer, _ n: Int) -> Int {
    var i = 0
    while i + 8 <= n {
        let x = a.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if x != 0 { return i + (UInt64(littleEndian: x).trailingZeroBitCount >> 3) }
        i += 8
    }
    while i < n {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return i }
        i += 1
    }
    return n
}

/// Index of the first byte of `a` that differs from `byte`, or `n`.
@inline(__always)
private func firstDifference(_ a: UnsafeMutableRawPointer, byte: UInt8, _ n: Int) -> Int {
    let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
    var i = 0
    while i + 8 <= n {
        let x = a.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
        if x != 0 { return i + (UInt64(littleEndian: x).trailingZeroBitCount >> 3) }
        i += 8
    }
    while i < n {
        if a.load(fromByteOffset: i, as: UInt8.self) != byte { return i }
        i += 1
    }
    return n
}

// MARK: SS forms

/// Length of an SS-a operand (L + 1, 1...256).
@inline(__always) private func ssLength(_ raw: UInt64) -> Int { Int(truncatingIfNeeded: (raw >> 32) & 0xFF) + 1 }

/// MVC: D1(L,B1),D2(B2).
private func mvc(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let n = ssLength(raw)
    let d = cpu.eaRS(raw), s = cpu.eaSS2(raw)
    // Fast path: each operand lies within one page.
    let (ps, sAvail) = try cpu.hostRange(s, .fetch)
    if sAvail >= n {
        let (pd, dAvail) = try cpu.hostRange(d, .store)
        if dAvail >= n {
            moveLeftToRight(pd, ps, n)
            return
        }
    }
    try cpu.checkAccess(s, length: n, .fetch)
    try cpu.checkAccess(d, length: n, .store)
    var i = 0
    while i < n {
        let (pd, da) = try cpu.hostRange(cpu.wrap(d &+ UInt64(i)), .store)
        let (ps, sa) = try cpu.hostRange(cpu.wrap(s &+ UInt64(i)), .fetch)
        let c = min(n - i, da, sa)
        moveLeftToRight(pd, ps, c)
        i += c
    }
}

/// NC, OC, XC (cc 0: result zero, 1: not zero), MVN, MVZ (cc unchanged).
@inline(__always)
private func ssCombine(_ cpu: VirtualCPU, _ raw: UInt64, _ op: Combine) throws(Interruption) {
    let n = ssLength(raw)
    let d = cpu.eaRS(raw), s = cpu.eaSS2(raw)
    var any: UInt64 = 0
    let (ps, sAvail) = try cpu.hostRange(s, .fetch)
    if sAvail >= n, case let (pd, dAvail) = try cpu.hostRange(d, .store), dAvail >= n {
        any = combineBytes(pd, ps, n, op)
    } else {
        try cpu.checkAccess(s, length: n, .fetch)
        try cpu.checkAccess(d, length: n, .store)
        var i = 0
        while i < n {
            let (pd, da) = try cpu.hostRange(cpu.wrap(d &+ UInt64(i)), .store)
            let (ps, sa) = try cpu.hostRange(cpu.wrap(s &+ UInt64(i)), .fetch)
            let c = min(n - i, da, sa)
            any |= combineBytes(pd, ps, c, op)
            i += c
        }
    }
    switch op {
    case .and, .or, .xor: cpu.cc = any != 0 ? 1 : 0
    case .numerics, .zones: break
    }
}

/// MVCIN: the second operand address designates its rightmost byte; bytes
/// are placed in the first operand in reverse order.
private func mvcin(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let n = ssLength(raw)
    let d = cpu.eaRS(raw), s = cpu.eaSS2(raw)
    let sLeft = cpu.wrap(s &- UInt64(n - 1))
    try cpu.checkAccess(sLeft, length: n, .fetch)
    try cpu.checkAccess(d, length: n, .store)
    for i in 0..<n {
        let b = try cpu.load8(cpu.wrap(s &- UInt64(i)))
        try cpu.store8(b, cpu.wrap(d &+ UInt64(i)))
    }
}

/// CLC: cc 0 equal, 1 first operand low, 2 first operand high. The
/// comparison stops at the first unequal byte (access exceptions beyond it
/// are not recognized, which the PoP permits).
private func clc(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let n = ssLength(raw)
    let a1 = cpu.eaRS(raw), a2 = cpu.eaSS2(raw)
    var i = 0
    while i < n {
        let (p1, av1) = try cpu.hostRange(cpu.wrap(a1 &+ UInt64(i)), .fetch)
        let (p2, av2) = try cpu.hostRange(cpu.wrap(a2 &+ UInt64(i)), .fetch)
        let c = min(n - i, av1, av2)
        let k = firstDifference(p1, p2, c)
        if k < c {
            cpu.cc = p1.load(fromByteOffset: k, as: UInt8.self) < p2.load(fromByteOffset: k, as: UInt8.self) ? 1 : 2
            return
        }
        i += c
    }
    cpu.cc = 0
}

/// TR: each first-operand byte is replaced by the table byte it indexes.
/// Access exceptions: the whole first operand (store), and those pages of the
/// 256-byte table that some argument byte actually references.
private func tr(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let n = ssLength(raw)
    let d = cpu.eaRS(raw), t = cpu.eaSS2(raw)
    try cpu.checkAccess(d, length: n, .store)
    let firstPart = 4096 - Int(t & 0xFFF)          // table bytes on the table's first page
    if firstPart >= 256 {
        let (table, _) = try cpu.hostRange(t, .fetch)
        var i = 0
        while i < n {
            let (pd, da) = try cpu.hostRange(cpu.wrap(d &+ UInt64(i)), .store)
            let c = min(n - i, da)
            for j in 0..<c {
                let arg = Int(pd.load(fromByteOffset: j, as: UInt8.self))
                pd.storeBytes(of: table.load(fromByteOffset: arg, as: UInt8.self), toByteOffset: j, as: UInt8.self)
            }
            i += c
        }
        return
    }
    // The table crosses a page: find which of its pages are referenced.
    var low = false, high = false
    for i in 0..<n {
        let arg = Int(try cpu.load8(cpu.wrap(d &+ UInt64(i))))
        if arg < firstPart { low = true } else { high = true }
    }
    let tableHigh = cpu.wrap(t &+ UInt64(firstPart))
    var p0: UnsafeMutableRawPointer? = nil, p1: UnsafeMutableRawPointer? = nil
    if low { p0 = try cpu.hostRange(t, .fetch).0 }
    if high { p1 = try cpu.hostRange(tableHigh, .fetch).0 }
    var i = 0
    while i < n {
        let (pd, da) = try cpu.hostRange(cpu.wrap(d &+ UInt64(i)), .store)
        let c = min(n - i, da)
        for j in 0..<c {
            let arg = Int(pd.load(fromByteOffset: j, as: UInt8.self))
            let f = arg < firstPart ? p0.unsafelyUnwrapped.load(fromByteOffset: arg, as: UInt8.self)
                                    : p1.unsafelyUnwrapped.load(fromByteOffset: arg - firstPart, as: UInt8.self)
            pd.storeBytes(of: f, toByteOffset: j, as: UInt8.self)
        }
        i += c
    }
}

extension VirtualCPU {
    /// TRT/TRTR: the argument byte's address goes to general register 1: all
    /// 64 bits in the 64-bit mode; bits 33-63 in the 31-bit mode, where TRT
    /// sets bit 32 to zero and TRTR leaves it unchanged; bits 40-63 in the
    /// 24-bit mode (bits 0-39 unchanged).
    @inline(__always) func setTranslateAndTestAddress(_ a: UInt64, reverse: Bool) {
        switch amask {
        case ~0: r[1] = a
        case 0x7FFF_FFFF:
            r[1] = (r[1] & (reverse ? 0xFFFF_FFFF_8000_0000 : 0xFFFF_FFFF_0000_0000)) | a
        default:
            r[1] = (r[1] & ~0xFF_FFFF) | a
        }
    }
}

/// TRT (left to right) and TRTR (right to left; the first-operand address
/// designates the rightmost byte). On the first non-zero function byte: GR1
/// gets the argument's address, bits 56-63 of GR2 the function byte, cc 1, or
/// cc 2 if it was the last byte processed. All zero: cc 0, registers unchanged.
@inline(__always)
private func translateAndTest(_ cpu: VirtualCPU, _ raw: UInt64, reverse: Bool) throws(Interruption) {
    let n = ssLength(raw)
    let a = cpu.eaRS(raw), t = cpu.eaSS2(raw)
    var table: UnsafeMutableRawPointer? = nil
    if t & 0xFFF <= 4096 - 256 { table = try cpu.hostRange(t, .fetch).0 }
    for i in 0..<n {
        let at = cpu.wrap(reverse ? a &- UInt64(i) : a &+ UInt64(i))
        let arg = try cpu.load8(at)
        let f: UInt8
        if let table { f = table.load(fromByteOffset: Int(arg), as: UInt8.self) }
        else { f = try cpu.load8(cpu.wrap(t &+ UInt64(arg))) }
        if f != 0 {
            cpu.setTranslateAndTestAddress(at, reverse: reverse)
            cpu.r[2] = (cpu.r[2] & ~0xFF) | UInt64(f)
            cpu.cc = i == n - 1 ? 2 : 1
            return
        }
    }
    cpu.cc = 0
}

// MARK: MVCL, CLCL, MVCLE, CLCLE

/// Destructive overlap of MVCL: some byte would be stored before it is
/// fetched as a second-operand byte (the first-operand start lies strictly
/// inside the part of the second operand that is moved).
@inline(__always)
private func destructiveOverlap(_ cpu: VirtualCPU, dest d: UInt64, source s: UInt64, moved: UInt64) -> Bool {
    let k = cpu.wrap(d &- s)
    return k != 0 && k < moved
}

/// Writes the state of a long operand (address register `r`, length
/// register `r + 1`) back: 24-bit lengths for MVCL/CLCL, else 32/64-bit.
@inline(__always)
private func writeLongOperand(_ cpu: VirtualCPU, _ r: Int, _ address: UInt64, _ length: UInt64, length24: Bool) {
    cpu.stringSetAddress(r, address)
    if length24 { cpu.stringSetLength24(r + 1, length) } else { cpu.stringSetLength(r + 1, length) }
}

/// Moves (then pads) up to `limit` first-operand bytes, one page chunk at a
/// time, writing the registers back after each chunk.
@inline(__always)
private func moveLong(_ cpu: VirtualCPU, _ r1: Int, _ r2: Int,
                      _ d: inout UInt64, _ l1: inout UInt64, _ s: inout UInt64, _ l2: inout UInt64,
                      pad: UInt8, length24: Bool, limit: UInt64) throws(Interruption) {
    var budget = limit
    while l1 > 0 && budget > 0 {
        let c: UInt64
        if l2 > 0 {
            let (ps, sa) = try cpu.hostRange(s, .fetch)
            let (pd, da) = try cpu.hostRange(d, .store)
            c = min(l1, l2, budget, UInt64(min(sa, da)))
            moveLeftToRight(pd, ps, Int(c))
            s = cpu.wrap(s &+ c); l2 -= c
            writeLongOperand(cpu, r2, s, l2, length24: length24)
        } else {
            let (pd, da) = try cpu.hostRange(d, .store)
            c = min(l1, budget, UInt64(da))
            memset(pd, Int32(pad), Int(c))
        }
        d = cpu.wrap(d &+ c); l1 -= c; budget -= c
        writeLongOperand(cpu, r1, d, l1, length24: length24)
    }
}

/// Compares two operands, the shorter one extended with `pad`, for at most
/// `limit` byte positions, one page chunk at a time; operands are advanced
/// over equal bytes and written back after each chunk. Returns cc 0/1/2 when
/// the comparison ended, nil when the limit was reached first.
@inline(__always)
private func compareLong(_ cpu: VirtualCPU, _ r1: Int, _ r2: Int,
                         _ a1: inout UInt64, _ l1: inout UInt64, _ a2: inout UInt64, _ l2: inout UInt64,
                         pad: UInt8, length24: Bool, limit: UInt64) throws(Interruption) -> UInt8? {
    var budget = limit
    while l1 > 0 || l2 > 0 {
        if budget == 0 { return nil }
        let c: Int, k: Int
        var b1 = pad, b2 = pad
        if l1 > 0 && l2 > 0 {
            let (p1, av1) = try cpu.hostRange(a1, .fetch)
            let (p2, av2) = try cpu.hostRange(a2, .fetch)
            c = Int(min(l1, l2, budget, UInt64(min(av1, av2))))
            k = firstDifference(p1, p2, c)
            if k < c { b1 = p1.load(fromByteOffset: k, as: UInt8.self); b2 = p2.load(fromByteOffset: k, as: UInt8.self) }
        } else if l1 > 0 {
            let (p1, av1) = try cpu.hostRange(a1, .fetch)
            c = Int(min(l1, budget, UInt64(av1)))
            k = firstDifference(p1, byte: pad, c)
            if k < c { b1 = p1.load(fromByteOffset: k, as: UInt8.self) }
        } else {
            let (p2, av2) = try cpu.hostRange(a2, .fetch)
            c = Int(min(l2, budget, UInt64(av2)))
            k = firstDifference(p2, byte: pad, c)
            if k < c { b2 = p2.load(fromByteOffset: k, as: UInt8.self) }
        }
        let equal = UInt64(k)
        if l1 > 0 { a1 = cpu.wrap(a1 &+ equal); l1 -= equal }
        if l2 > 0 { a2 = cpu.wrap(a2 &+ equal); l2 -= equal }
        budget -= equal
        writeLongOperand(cpu, r1, a1, l1, length24: length24)
        writeLongOperand(cpu, r2, a2, l2, length24: length24)
        if k < c { return b1 < b2 ? 1 : 2 }
    }
    return 0
}

/// MVCL R1,R2: lengths in bits 40-63 of R1+1 and R2+1, padding byte in bits
/// 32-39 of R2+1. cc 0/1/2 compare the lengths, cc 3 destructive overlap (no
/// movement). Completed in one execution; an access exception leaves the
/// registers describing the bytes moved so far.
private func mvcl(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f8(raw), r2 = f12(raw)
    if (r1 | r2) & 1 != 0 { throw Interruption.program(.specification) }
    var d = cpu.wrap(cpu.r[r1]), s = cpu.wrap(cpu.r[r2])
    var l1 = cpu.r[r1 + 1] & 0xFF_FFFF, l2 = cpu.r[r2 + 1] & 0xFF_FFFF
    let pad = UInt8(truncatingIfNeeded: cpu.r[r2 + 1] >> 24)
    let cc: UInt8
    if destructiveOverlap(cpu, dest: d, source: s, moved: min(l1, l2)) {
        cc = 3
    } else {
        cc = l1 == l2 ? 0 : (l1 < l2 ? 1 : 2)
        // An access exception on the first chunk leaves every register as
        // it was (nullification); later ones leave the progress made.
        try moveLong(cpu, r1, r2, &d, &l1, &s, &l2, pad: pad, length24: true, limit: ~0)
    }
    // Bits 32-39 (24-bit mode) or bit 32 (31-bit mode) of R1 and R2 become
    // zero even when nothing is moved.
    cpu.stringSetAddress(r1, d)
    cpu.stringSetAddress(r2, s)
    cpu.cc = cc
}

/// CLCL R1,R2: compares with padding; on inequality the registers designate
/// the first unequal byte (the shorter operand's address stops at its end).
private func clcl(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f8(raw), r2 = f12(raw)
    if (r1 | r2) & 1 != 0 { throw Interruption.program(.specification) }
    var a1 = cpu.wrap(cpu.r[r1]), a2 = cpu.wrap(cpu.r[r2])
    var l1 = cpu.r[r1 + 1] & 0xFF_FFFF, l2 = cpu.r[r2 + 1] & 0xFF_FFFF
    let pad = UInt8(truncatingIfNeeded: cpu.r[r2 + 1] >> 24)
    let cc = try compareLong(cpu, r1, r2, &a1, &l1, &a2, &l2, pad: pad, length24: true, limit: ~0) ?? 0
    cpu.stringSetAddress(r1, a1)
    cpu.stringSetAddress(r2, a2)
    cpu.cc = cc
}

/// MVCLE R1,R3,D2(B2): padding byte = bits 56-63 of the second-operand
/// address. Moves up to the next page boundary of the first operand per
/// execution; cc 3 while bytes remain, then cc 0/1/2 from the lengths.
private func mvcle(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f8(raw), r3 = f12(raw)
    if (r1 | r3) & 1 != 0 { throw Interruption.program(.specification) }
    let pad = UInt8(truncatingIfNeeded: cpu.eaRS(raw))
    var d = cpu.wrap(cpu.r[r1]), s = cpu.wrap(cpu.r[r3])
    var l1 = cpu.stringLength(r1 + 1), l2 = cpu.stringLength(r3 + 1)
    // The relation of the lengths does not change while bytes are moved,
    // so the final cc can be taken from the lengths of any execution.
    let cc: UInt8 = l1 == l2 ? 0 : (l1 < l2 ? 1 : 2)
    if l1 == 0 { cpu.cc = cc; return }
    try moveLong(cpu, r1, r3, &d, &l1, &s, &l2, pad: pad, length24: false, limit: 4096 - (d & 0xFFF))
    cpu.cc = l1 == 0 ? cc : 3
}

/// CLCLE R1,R3,D2(B2): as CLCL with 32/64-bit lengths, padding byte from the
/// second-operand address, at most 4096 byte positions per execution (cc 3).
private func clcle(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f8(raw), r3 = f12(raw)
    if (r1 | r3) & 1 != 0 { throw Interruption.program(.specification) }
    let pad = UInt8(truncatingIfNeeded: cpu.eaRS(raw))
    var a1 = cpu.wrap(cpu.r[r1]), a2 = cpu.wrap(cpu.r[r3])
    var l1 = cpu.stringLength(r1 + 1), l2 = cpu.stringLength(r3 + 1)
    cpu.cc = try compareLong(cpu, r1, r3, &a1, &l1, &a2, &l2, pad: pad, length24: false, limit: 4096) ?? 3
}

// MARK: SRST, CLST, MVST, CKSM

/// Bytes one execution of SRST/CLST/MVST handles at most: to the end of the
/// operand's page, but at least 256.
@inline(__always) private func stringBudget(_ a: UInt64) -> Int { max(256, 4096 - Int(a & 0xFFF)) }

/// SRST R1,R2: searches the second operand (R2 up to the address in R1) for
/// the character in GR0. cc 1 found (R1 = its address), cc 2 end reached
/// (registers unchanged), cc 3 CPU-determined end (R2 = next byte).
private func srst(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f24(raw), r2 = f28(raw)
    let ch = try cpu.stringCharacterFromR0()
    let end = cpu.wrap(cpu.r[r1])
    var a = cpu.wrap(cpu.r[r2])
    var budget = stringBudget(a)
    while true {
        if a == end { cpu.cc = 2; return }
        if budget == 0 {
            cpu.stringSetAddress(r2, a)
            cpu.cc = 3
            return
        }
        let (p, avail) = try cpu.hostRange(a, .fetch)
        let c = Int(min(UInt64(min(avail, budget)), cpu.wrap(end &- a)))
        if let hit = memchr(p, Int32(ch), c) {
            cpu.stringSetAddress(r1, cpu.wrap(a &+ UInt64(hit - p)))
            cpu.cc = 1
            return
        }
        a = cpu.wrap(a &+ UInt64(c))
        budget -= c
    }
}

/// CLST R1,R2: compares two strings ended by the character in GR0. cc 0
/// equal (registers unchanged), cc 1/2 first operand low/high (R1, R2 = the
/// unequal bytes; a string that ends first is low), cc 3 CPU-determined end.
private func clst(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f24(raw), r2 = f28(raw)
    let ch = try cpu.stringCharacterFromR0()
    var a1 = cpu.wrap(cpu.r[r1]), a2 = cpu.wrap(cpu.r[r2])
    var budget = stringBudget(a1)
    while budget > 0 {
        let (p1, av1) = try cpu.hostRange(a1, .fetch)
        let (p2, av2) = try cpu.hostRange(a2, .fetch)
        let c = min(av1, av2, budget)
        for j in 0..<c {
            let v1 = p1.load(fromByteOffset: j, as: UInt8.self), v2 = p2.load(fromByteOffset: j, as: UInt8.self)
            if v1 == v2 {
                if v1 == ch { cpu.cc = 0; return }
            } else {
                cpu.cc = v1 == ch ? 1 : (v2 == ch ? 2 : (v1 < v2 ? 1 : 2))
                cpu.stringSetAddress(r1, cpu.wrap(a1 &+ UInt64(j)))
                cpu.stringSetAddress(r2, cpu.wrap(a2 &+ UInt64(j)))
                return
            }
        }
        a1 = cpu.wrap(a1 &+ UInt64(c)); a2 = cpu.wrap(a2 &+ UInt64(c))
        budget -= c
    }
    cpu.stringSetAddress(r1, a1)
    cpu.stringSetAddress(r2, a2)
    cpu.cc = 3
}

/// MVST R1,R2: moves the second operand up to and including the ending
/// character in GR0. cc 1 done (R1 = address of the ending character in the
/// first operand, R2 unchanged), cc 3 CPU-determined end (R1, R2 advanced).
/// The registers are written back at each page boundary, so an access
/// exception on a later page leaves them describing the bytes already moved.
private func mvst(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f24(raw), r2 = f28(raw)
    let ch = try cpu.stringCharacterFromR0()
    var d = cpu.wrap(cpu.r[r1]), s = cpu.wrap(cpu.r[r2])
    var budget = stringBudget(s)
    while budget > 0 {
        let (ps, sa) = try cpu.hostRange(s, .fetch)
        let (pd, da) = try cpu.hostRange(d, .store)
        let c = min(sa, da, budget)
        let distance = pd - ps
        if distance >= c || distance <= -c {
            // Disjoint: find the end, then copy.
            if let hit = memchr(ps, Int32(ch), c) {
                let j = hit - ps
                memcpy(pd, ps, j + 1)
                cpu.stringSetAddress(r1, cpu.wrap(d &+ UInt64(j)))
                cpu.cc = 1
                return
            }
            memcpy(pd, ps, c)
        } else {
            for j in 0..<c {
                let v = ps.load(fromByteOffset: j, as: UInt8.self)
                pd.storeBytes(of: v, toByteOffset: j, as: UInt8.self)
                if v == ch {
                    cpu.stringSetAddress(r1, cpu.wrap(d &+ UInt64(j)))
                    cpu.cc = 1
                    return
                }
            }
        }
        d = cpu.wrap(d &+ UInt64(c)); s = cpu.wrap(s &+ UInt64(c))
        budget -= c
        cpu.stringSetAddress(r1, d)
        cpu.stringSetAddress(r2, s)
    }
    cpu.cc = 3
}

/// CKSM R1,R2: adds the words of the second operand (R2 address, R2+1
/// length; a final partial word padded on the right with zeros) into bits
/// 32-63 of R1 with end-around carry. Up to the end of the operand's page per
/// execution: cc 3 while bytes remain, cc 0 when done.
private func cksm(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f24(raw), r2 = f28(raw)
    if r2 & 1 != 0 { throw Interruption.program(.specification) }
    var a = cpu.wrap(cpu.r[r2])
    var l = cpu.stringLength(r2 + 1)
    var sum = UInt64(cpu.low(r1))
    if l > 0 {
        let (p, avail) = try cpu.hostRange(a, .fetch)
        let count = Int(min(l, UInt64(avail)))
        let words = count >> 2
        for w in 0..<words { sum &+= UInt64(UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 4 * w, as: UInt32.self))) }
        var done = 4 * words
        if UInt64(count) == l && count & 3 != 0 {
            // The operand ends on this page with a partial word.
            var word: UInt32 = 0
            for k in done..<count { word |= UInt32(p.load(fromByteOffset: k, as: UInt8.self)) << (24 - 8 * (k - done)) }
            sum &+= UInt64(word)
            done = count
        } else if words == 0 {
            // The next word (or the final partial word) crosses the page.
            let n = Int(min(l, 4))
            var word: UInt32 = 0
            for k in 0..<n { word |= UInt32(try cpu.load8(cpu.wrap(a &+ UInt64(k)))) << (24 - 8 * k) }
            sum &+= UInt64(word)
            done = n
        }
        a = cpu.wrap(a &+ UInt64(done)); l -= UInt64(done)
    }
    while sum > 0xFFFF_FFFF { sum = (sum & 0xFFFF_FFFF) &+ (sum >> 32) }
    cpu.setLow(r1, UInt32(truncatingIfNeeded: sum))
    cpu.stringSetAddress(r2, a)
    cpu.stringSetLength(r2 + 1, l)
    cpu.cc = l == 0 ? 0 : 3
}
