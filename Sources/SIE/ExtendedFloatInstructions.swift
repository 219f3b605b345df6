/// Binary floating point in the extended (128-bit) format, PoP chapter 19,
/// and the extended floating-point-support instructions LXR and LZXR.
///
/// An extended operand is an FPR pair (n, n+2), n in {0, 1, 4, 5, 8, 9, 12,
/// 13}: the high 64 bits in FPR n, the low 64 bits in FPR n+2. Any other n is
/// a specification exception (after the AFP / BFP-instruction data exception,
/// as in QEMU and Hercules). Arithmetic is `SoftFloat128`; FPC handling
/// (rounding modes, masks, flags, traps with their DXC) is the shared one of
/// FloatingPointControl.swift, so the extended instructions behave exactly as
/// the short and long ones.
///
/// Opcodes shared by a basic and an "A" form (LDXBR/LDXBRA, CFXBR/CFXBRA …)
/// are listed once under the basic mnemonic; the m3 rounding modifier and the
/// m4 inexact-suppression bit (XxC, value 4) are always honored.
let extendedFloatInstructions: [InstructionDefinition] = [
    // MARK: Floating-point-support instructions (DXC 1 for AFP registers when CR0.AFP is off)
    .init("LXR", "B365", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        let (r1, r2) = (f24(raw), f28(raw))
        try cpu.afpRegisters(r1, r2)
        try extendedPairs(r1, r2)
        let (hi, lo) = (cpu.f[r2], cpu.f[r2 + 2])
        cpu.f[r1] = hi
        cpu.f[r1 + 2] = lo
    },
    .init("LZXR", "B376", .RRE, syntax: "F1") { cpu, raw throws(Interruption) in
        let r1 = f24(raw)
        try cpu.afpRegisters(r1)
        try extendedPair(r1)
        cpu.f[r1] = 0
        cpu.f[r1 + 2] = 0
    },

    // MARK: Arithmetic
    .init("AXBR", "B34A", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try extendedBinary(cpu, raw, .add)
    },
    .init("SXBR", "B34B", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try extendedBinary(cpu, raw, .subtract)
    },
    .init("MXBR", "B34C", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try extendedBinary(cpu, raw, .multiply)
    },
    .init("DXBR", "B34D", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try extendedBinary(cpu, raw, .divide)
    },
    .init("MXDBR", "B307", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let r1 = f24(raw)
        try extendedPair(r1)
        try multiplyLongToExtended(cpu, r1, cpu.f[f28(raw)])
    },
    .init("MXDB", "ED07", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let r1 = f8(raw)
        try extendedPair(r1)
        try multiplyLongToExtended(cpu, r1, cpu.load64(cpu.eaRX(raw)))
    },
    .init("SQXBR", "B316", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let (r1, r2) = (f24(raw), f28(raw))
        try extendedPairs(r1, r2)
        var st = SoftFloatStatus(rounding: SoftFloatRounding(code: cpu.bfpRoundingModeFPC), traps: cpu.ieeeMasks)
        let res = SoftFloat128.squareRoot(cpu.extended(r2), &st)
        if st.flags != 0 { try cpu.ieeeSuppressing(st.flags) }
        cpu.setExtended(r1, res)
        if st.flags != 0 { try cpu.ieeeCompleting(st.flags) }
    },

    // MARK: Comparison
    .init("CXBR", "B349", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try extendedCompare(cpu, raw, signaling: false)
    },
    .init("KXBR", "B348", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try extendedCompare(cpu, raw, signaling: true)
    },

    // MARK: Sign and test
    .init("LTXBR", "B342", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let (r1, r2) = (f24(raw), f28(raw))
        try extendedPairs(r1, r2)
        var x = cpu.extended(r2)
        if x.isSignalingNaN {
            try cpu.ieeeSuppressing(IEEE.invalid)
            x = x.quieted
            cpu.setExtended(r1, x)
            cpu.cc = 3
            try cpu.ieeeCompleting(IEEE.invalid)
            return
        }
        cpu.setExtended(r1, x)
        cpu.cc = extendedCC(x)
    },
    .init("LCXBR", "B343", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try extendedLoadSign(cpu, raw, xor: 1 << 63, or: 0)
    },
    .init("LNXBR", "B341", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try extendedLoadSign(cpu, raw, xor: 0, or: 1 << 63)
    },
    .init("LPXBR", "B340", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try extendedLoadSign(cpu, raw, xor: 1 << 63, or: 1 << 63)
    },
    .init("TCXB", "ED12", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let r1 = f8(raw)
        try extendedPair(r1)
        // The second-operand address is not used to address storage: its
        // low 12 bits are the class mask.
        cpu.cc = cpu.extended(r1).dataClassBit & cpu.eaRX(raw) & 0xFFF != 0 ? 1 : 0
    },

    // MARK: Format conversions
    .init("LXDBR", "B305", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let r1 = f24(raw)
        try extendedPair(r1)
        try loadLengthenedToExtended(cpu, r1, SoftFloat128.widening(binary64: cpu.f[f28(raw)]))
    },
    .init("LXDB", "ED05", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let r1 = f8(raw)
        try extendedPair(r1)
        try loadLengthenedToExtended(cpu, r1, SoftFloat128.widening(binary64: cpu.load64(cpu.eaRX(raw))))
    },
    .init("LXEBR", "B306", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let r1 = f24(raw)
        try extendedPair(r1)
        let v = UInt32(truncatingIfNeeded: cpu.f[f28(raw)] >> 32)
        try loadLengthenedToExtended(cpu, r1, SoftFloat128.widening(binary32: v))
    },
    .init("LXEB", "ED06", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let r1 = f8(raw)
        try extendedPair(r1)
        try loadLengthenedToExtended(cpu, r1, SoftFloat128.widening(binary32: cpu.load32(cpu.eaRX(raw))))
    },
    // LDXBR/LDXBRA and LEXBR/LEXBRA: m3 rounding modifier, m4 XxC.
    .init("LDXBR", "B345", .RRFe, syntax: "F1,F2 | ldxbra F1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try loadRoundedFromExtended(cpu, raw, toShort: false)
    },
    .init("LEXBR", "B346", .RRFe, syntax: "F1,F2 | lexbra F1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try loadRoundedFromExtended(cpu, raw, toShort: true)
    },
    // FIXBR/FIXBRA.
    .init("FIXBR", "B347", .RRFe, syntax: "F1,M3,F2 | fixbra F1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let (r1, r2) = (f24(raw), f28(raw))
        try extendedPairs(r1, r2)
        let mode = try cpu.bfpRoundingMode(f16(raw))
        var st = SoftFloatStatus(rounding: SoftFloatRounding(code: mode))
        let res = cpu.extended(r2).roundedToIntegral(st.rounding, &st)
        if st.flags != 0 { try cpu.ieeeSuppressing(st.flags) }
        cpu.setExtended(r1, res)
        if st.flags != 0 { try cpu.ieeeCompleting(st.flags, suppressInexact: f20(raw) & 4 != 0) }
    },

    // MARK: Conversions from fixed point (exact: no IEEE exception)
    .init("CXFBR", "B396", .RRFe, syntax: "F1,R2 | cxfbra F1,M3,R2,M4") { cpu, raw throws(Interruption) in
        try extendedFromFixed(cpu, raw, .int32)
    },
    .init("CXGBR", "B3A6", .RRFe, syntax: "F1,R2 | cxgbra F1,M3,R2,M4") { cpu, raw throws(Interruption) in
        try extendedFromFixed(cpu, raw, .int64)
    },
    .init("CXLFBR", "B392", .RRFe, syntax: "F1,M3,R2,M4") { cpu, raw throws(Interruption) in
        try extendedFromFixed(cpu, raw, .uint32)
    },
    .init("CXLGBR", "B3A2", .RRFe, syntax: "F1,M3,R2,M4") { cpu, raw throws(Interruption) in
        try extendedFromFixed(cpu, raw, .uint64)
    },

    // MARK: Conversions to fixed point
    .init("CFXBR", "B39A", .RRFe, syntax: "R1,M3,F2 | cfxbra R1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try extendedToFixed(cpu, raw, .int32)
    },
    .init("CGXBR", "B3AA", .RRFe, syntax: "R1,M3,F2 | cgxbra R1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try extendedToFixed(cpu, raw, .int64)
    },
    .init("CLFXBR", "B39E", .RRFe, syntax: "R1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try extendedToFixed(cpu, raw, .uint32)
    },
    .init("CLGXBR", "B3AE", .RRFe, syntax: "R1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try extendedToFixed(cpu, raw, .uint64)
    },
]

// MARK: - Registers

extension VirtualCPU {
    /// The extended operand in the FPR pair (n, n+2).
    @inline(__always) func extended(_ n: Int) -> SoftFloat128 { SoftFloat128(hi: f[n], lo: f[n + 2]) }
    @inline(__always) func setExtended(_ n: Int, _ v: SoftFloat128) {
        f[n] = v.hi
        f[n + 2] = v.lo
    }
}

/// An extended operand needs a valid FPR pair: 0, 1, 4, 5, 8, 9, 12, 13.
@inline(__always) private func extendedPair(_ n: Int) throws(Interruption) {
    if n & 2 != 0 { throw Interruption.program(.specification) }
}

@inline(__always) private func extendedPairs(_ a: Int, _ b: Int) throws(Interruption) {
    if (a | b) & 2 != 0 { throw Interruption.program(.specification) }
}

/// cc of an extended BFP result: 0 zero, 1 negative, 2 positive, 3 NaN.
@inline(__always) private func extendedCC(_ x: SoftFloat128) -> UInt8 {
    if x.isNaN { return 3 }
    if x.isZero { return 0 }
    return x.sign ? 1 : 2
}

// MARK: - Semantics

private enum ExtendedBinaryOp { case add, subtract, multiply, divide }

@inline(__always)
private func extendedBinary(_ cpu: VirtualCPU, _ raw: UInt64, _ op: ExtendedBinaryOp) throws(Interruption) {
    try cpu.bfpInstruction()
    let (r1, r2) = (f24(raw), f28(raw))
    try extendedPairs(r1, r2)
    let a = cpu.extended(r1), b = cpu.extended(r2)
    var st = SoftFloatStatus(rounding: SoftFloatRounding(code: cpu.bfpRoundingModeFPC), traps: cpu.ieeeMasks)
    let res: SoftFloat128
    switch op {
    case .add: res = SoftFloat128.add(a, b, &st)
    case .subtract: res = SoftFloat128.subtract(a, b, &st)
    case .multiply: res = SoftFloat128.multiply(a, b, &st)
    case .divide: res = SoftFloat128.divide(a, b, &st)
    }
    if st.flags != 0 { try cpu.ieeeSuppressing(st.flags) }
    cpu.setExtended(r1, res)
    if op == .add || op == .subtract { cpu.cc = extendedCC(res) }
    if st.flags != 0 { try cpu.ieeeCompleting(st.flags) }
}

/// MXDBR/MXDB: long × long → extended. Both operands lengthen exactly (an
/// SNaN stays signaling so that NaN selection sees it); the product of two
/// 53-bit significands is exact and in range: only invalid can occur.
private func multiplyLongToExtended(_ cpu: VirtualCPU, _ r1: Int, _ op2: UInt64) throws(Interruption) {
    let a = SoftFloat128.widening(binary64: cpu.f[r1])
    let b = SoftFloat128.widening(binary64: op2)
    var st = SoftFloatStatus(rounding: .nearestEven, traps: cpu.ieeeMasks)
    let res = SoftFloat128.multiply(a, b, &st)
    if st.flags != 0 { try cpu.ieeeSuppressing(st.flags) }
    cpu.setExtended(r1, res)
    if st.flags != 0 { try cpu.ieeeCompleting(st.flags) }
}

private func extendedCompare(_ cpu: VirtualCPU, _ raw: UInt64, signaling: Bool) throws(Interruption) {
    try cpu.bfpInstruction()
    let (r1, r2) = (f24(raw), f28(raw))
    try extendedPairs(r1, r2)
    var st = SoftFloatStatus(rounding: .nearestEven)
    let cc = SoftFloat128.compare(cpu.extended(r1), cpu.extended(r2), signaling: signaling, &st)
    if st.flags != 0 { try cpu.ieeeSuppressing(st.flags) }
    cpu.cc = cc
    if st.flags != 0 { try cpu.ieeeCompleting(st.flags) }
}

/// LOAD COMPLEMENT/NEGATIVE/POSITIVE: the sign bit becomes
/// (sign | or) ^ xor for any operand, NaNs included, without an IEEE
/// exception; cc from the result.
@inline(__always)
private func extendedLoadSign(_ cpu: VirtualCPU, _ raw: UInt64, xor: UInt64, or: UInt64) throws(Interruption) {
    try cpu.bfpInstruction()
    let (r1, r2) = (f24(raw), f28(raw))
    try extendedPairs(r1, r2)
    let x = cpu.extended(r2)
    let res = SoftFloat128(hi: (x.hi | or) ^ xor, lo: x.lo)
    cpu.setExtended(r1, res)
    cpu.cc = extendedCC(res)
}

/// LOAD LENGTHENED to extended: exact; an SNaN is invalid (suppressed
/// under the trap, quieted otherwise).
private func loadLengthenedToExtended(_ cpu: VirtualCPU, _ r1: Int, _ wide: SoftFloat128) throws(Interruption) {
    if wide.isSignalingNaN {
        try cpu.ieeeSuppressing(IEEE.invalid)
        cpu.setExtended(r1, wide.quieted)
        try cpu.ieeeCompleting(IEEE.invalid)
        return
    }
    cpu.setExtended(r1, wide)
}

/// LOAD ROUNDED extended → long (FPR R1) or short (bits 0-31 of FPR R1).
/// Both fields must name valid pairs: with an enabled overflow or underflow
/// trap the result is the operand rounded to the target precision, kept in
/// the extended format with its exponent scaled by ∓8192, in the pair R1.
private func loadRoundedFromExtended(_ cpu: VirtualCPU, _ raw: UInt64, toShort: Bool) throws(Interruption) {
    try cpu.bfpInstruction()
    let (r1, r2) = (f24(raw), f28(raw))
    try extendedPairs(r1, r2)
    let mode = try cpu.bfpRoundingMode(f16(raw))
    let xxc = f20(raw) & 4 != 0
    var st = SoftFloatStatus(rounding: SoftFloatRounding(code: mode), traps: cpu.ieeeMasks)
    let x = cpu.extended(r2)
    let res = toShort ? x.roundedToBinary32(&st) : x.roundedToBinary64(&st)
    if st.flags != 0 { try cpu.ieeeSuppressing(st.flags) }
    if st.trappedScaled {
        cpu.setExtended(r1, SoftFloat128(bits: res))
    } else if toShort {
        cpu.f[r1] = (cpu.f[r1] & 0xFFFF_FFFF) | UInt64(truncatingIfNeeded: res) << 32
    } else {
        cpu.f[r1] = UInt64(truncatingIfNeeded: res)
    }
    if st.flags != 0 { try cpu.ieeeCompleting(st.flags, suppressInexact: xxc) }
}

private enum ExtendedFixedKind { case int32, int64, uint32, uint64 }

/// CONVERT FROM FIXED / FROM LOGICAL to extended: GPR R2 → FPR pair R1.
/// Always exact; m3 is still checked (2 is a specification exception).
@inline(__always)
private func extendedFromFixed(_ cpu: VirtualCPU, _ raw: UInt64, _ kind: ExtendedFixedKind) throws(Interruption) {
    try cpu.bfpInstruction()
    let r1 = f24(raw)
    try extendedPair(r1)
    _ = try cpu.bfpRoundingMode(f16(raw))
    let v = cpu.r[f28(raw)]
    let res: SoftFloat128
    switch kind {
    case .int32: res = SoftFloat128(int64: Int64(Int32(truncatingIfNeeded: v)))
    case .int64: res = SoftFloat128(int64: Int64(bitPattern: v))
    case .uint32: res = SoftFloat128(uint64: v & 0xFFFF_FFFF)
    case .uint64: res = SoftFloat128(uint64: v)
    }
    cpu.setExtended(r1, res)
}

/// CONVERT TO FIXED / TO LOGICAL from extended: FPR pair R2 → GPR R1,
/// rounded by m3 (0: FPC mode). A NaN or a value out of range is an invalid
/// operation: suppressed under the trap; otherwise the result is the most
/// negative number (NaN, negative values; 0 in the logical forms) or the
/// most positive one, cc 3, and inexact is also recognized unless m4's XxC
/// suppresses it. cc otherwise: 0 zero, 1 negative, 2 positive (of the
/// source).
@inline(__always)
private func extendedToFixed(_ cpu: VirtualCPU, _ raw: UInt64, _ kind: ExtendedFixedKind) throws(Interruption) {
    try cpu.bfpInstruction()
    let (r1, r2) = (f24(raw), f28(raw))
    try extendedPair(r2)
    let mode = SoftFloatRounding(code: try cpu.bfpRoundingMode(f16(raw)))
    let x = cpu.extended(r2)
    var st = SoftFloatStatus(rounding: mode)
    let result: UInt64
    switch kind {
    case .int32: result = UInt64(UInt32(bitPattern: x.toInt32(mode, &st)))
    case .int64: result = UInt64(bitPattern: x.toInt64(mode, &st))
    case .uint32: result = UInt64(x.toUInt32(mode, &st))
    case .uint64: result = x.toUInt64(mode, &st)
    }
    var exc = st.flags
    let cc: UInt8
    if exc & IEEE.invalid != 0 {
        try cpu.ieeeSuppressing(exc)
        exc = IEEE.invalid | IEEE.inexact
        cc = 3
    } else {
        cc = x.isZero ? 0 : (x.sign ? 1 : 2)
    }
    if kind == .int32 || kind == .uint32 {
        cpu.setLow(r1, UInt32(truncatingIfNeeded: result))
    } else {
        cpu.r[r1] = result
    }
    cpu.cc = cc
    if exc != 0 { try cpu.ieeeCompleting(exc, suppressInexact: f20(raw) & 4 != 0) }
}
