import CGuestAtomics

/// Logical instructions: AND, OR, EXCLUSIVE OR (register, storage, immediate
/// and SI forms), TEST UNDER MASK, the shifts and rotates, the
/// rotate-then-insert/operate-selected-bits family, POPULATION COUNT and
/// FIND LEFTMOST ONE.
let logicalInstructions: [InstructionDefinition] = [
    // MARK: AND
    .init("NR", "14", .RR) { cpu, raw throws(Interruption) in
        logicalLow(cpu, f8(raw), cpu.low(f8(raw)) & cpu.low(f12(raw)))
    },
    .init("NGR", "B980", .RRE) { cpu, raw throws(Interruption) in
        logical64(cpu, f24(raw), cpu.r[f24(raw)] & cpu.r[f28(raw)])
    },
    .init("NRK", "B9F4", .RRFa) { cpu, raw throws(Interruption) in
        logicalLow(cpu, f24(raw), cpu.low(f28(raw)) & cpu.low(f16(raw)))
    },
    .init("NGRK", "B9E4", .RRFa) { cpu, raw throws(Interruption) in
        logical64(cpu, f24(raw), cpu.r[f28(raw)] & cpu.r[f16(raw)])
    },
    .init("N", "54", .RXa) { cpu, raw throws(Interruption) in
        let v = try cpu.load32(cpu.eaRX(raw))
        logicalLow(cpu, f8(raw), cpu.low(f8(raw)) & v)
    },
    .init("NY", "E354", .RXYa) { cpu, raw throws(Interruption) in
        let v = try cpu.load32(cpu.eaRXY(raw))
        logicalLow(cpu, f8(raw), cpu.low(f8(raw)) & v)
    },
    .init("NG", "E380", .RXYa) { cpu, raw throws(Interruption) in
        let v = try cpu.load64(cpu.eaRXY(raw))
        logical64(cpu, f8(raw), cpu.r[f8(raw)] & v)
    },
    .init("NI", "94", .SI) { cpu, raw throws(Interruption) in
        try storageByteOp(cpu, cpu.eaRS(raw), UInt8(truncatingIfNeeded: i8at8(raw)), .and)
    },
    .init("NIY", "EB54", .SIY) { cpu, raw throws(Interruption) in
        try storageByteOp(cpu, cpu.eaRSY(raw), UInt8(truncatingIfNeeded: i8at8(raw)), .and)
    },
    .init("NIHF", "C0A", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in
        let v = cpu.high(f8(raw)) & UInt32(truncatingIfNeeded: i32u(raw))
        cpu.setHigh(f8(raw), v)
        cpu.cc = v == 0 ? 0 : 1
    },
    .init("NILF", "C0B", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in
        logicalLow(cpu, f8(raw), cpu.low(f8(raw)) & UInt32(truncatingIfNeeded: i32u(raw)))
    },
    .init("NIHH", "A54", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in andHalfword(cpu, f8(raw), i16u(raw), 48) },
    .init("NIHL", "A55", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in andHalfword(cpu, f8(raw), i16u(raw), 32) },
    .init("NILH", "A56", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in andHalfword(cpu, f8(raw), i16u(raw), 16) },
    .init("NILL", "A57", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in andHalfword(cpu, f8(raw), i16u(raw), 0) },

    // MARK: OR
    .init("OR", "16", .RR) { cpu, raw throws(Interruption) in
        logicalLow(cpu, f8(raw), cpu.low(f8(raw)) | cpu.low(f12(raw)))
    },
    .init("OGR", "B981", .RRE) { cpu, raw throws(Interruption) in
        logical64(cpu, f24(raw), cpu.r[f24(raw)] | cpu.r[f28(raw)])
    },
    .init("ORK", "B9F6", .RRFa) { cpu, raw throws(Interruption) in
        logicalLow(cpu, f24(raw), cpu.low(f28(raw)) | cpu.low(f16(raw)))
    },
    .init("OGRK", "B9E6", .RRFa) { cpu, raw throws(Interruption) in
        logical64(cpu, f24(raw), cpu.r[f28(raw)] | cpu.r[f16(raw)])
    },
    .init("O", "56", .RXa) { cpu, raw throws(Interruption) in
        let v = try cpu.load32(cpu.eaRX(raw))
        logicalLow(cpu, f8(raw), cpu.low(f8(raw)) | v)
    },
    .init("OY", "E356", .RXYa) { cpu, raw throws(Interruption) in
        let v = try cpu.load32(cpu.eaRXY(raw))
        logicalLow(cpu, f8(raw), cpu.low(f8(raw)) | v)
    },
    .init("OG", "E381", .RXYa) { cpu, raw throws(Interruption) in
        let v = try cpu.load64(cpu.eaRXY(raw))
        logical64(cpu, f8(raw), cpu.r[f8(raw)] | v)
    },
    .init("OI", "96", .SI) { cpu, raw throws(Interruption) in
        try storageByteOp(cpu, cpu.eaRS(raw), UInt8(truncatingIfNeeded: i8at8(raw)), .or)
    },
    .init("OIY", "EB56", .SIY) { cpu, raw throws(Interruption) in
        try storageByteOp(cpu, cpu.eaRSY(raw), UInt8(truncatingIfNeeded: i8at8(raw)), .or)
    },
    .init("OIHF", "C0C", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in
        let v = cpu.high(f8(raw)) | UInt32(truncatingIfNeeded: i32u(raw))
        cpu.setHigh(f8(raw), v)
        cpu.cc = v == 0 ? 0 : 1
    },
    .init("OILF", "C0D", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in
        logicalLow(cpu, f8(raw), cpu.low(f8(raw)) | UInt32(truncatingIfNeeded: i32u(raw)))
    },
    .init("OIHH", "A58", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in orHalfword(cpu, f8(raw), i16u(raw), 48) },
    .init("OIHL", "A59", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in orHalfword(cpu, f8(raw), i16u(raw), 32) },
    .init("OILH", "A5A", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in orHalfword(cpu, f8(raw), i16u(raw), 16) },
    .init("OILL", "A5B", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in orHalfword(cpu, f8(raw), i16u(raw), 0) },

    // MARK: EXCLUSIVE OR
    .init("XR", "17", .RR) { cpu, raw throws(Interruption) in
        logicalLow(cpu, f8(raw), cpu.low(f8(raw)) ^ cpu.low(f12(raw)))
    },
    .init("XGR", "B982", .RRE) { cpu, raw throws(Interruption) in
        logical64(cpu, f24(raw), cpu.r[f24(raw)] ^ cpu.r[f28(raw)])
    },
    .init("XRK", "B9F7", .RRFa) { cpu, raw throws(Interruption) in
        logicalLow(cpu, f24(raw), cpu.low(f28(raw)) ^ cpu.low(f16(raw)))
    },
    .init("XGRK", "B9E7", .RRFa) { cpu, raw throws(Interruption) in
        logical64(cpu, f24(raw), cpu.r[f28(raw)] ^ cpu.r[f16(raw)])
    },
    .init("X", "57", .RXa) { cpu, raw throws(Interruption) in
        let v = try cpu.load32(cpu.eaRX(raw))
        logicalLow(cpu, f8(raw), cpu.low(f8(raw)) ^ v)
    },
    .init("XY", "E357", .RXYa) { cpu, raw throws(Interruption) in
        let v = try cpu.load32(cpu.eaRXY(raw))
        logicalLow(cpu, f8(raw), cpu.low(f8(raw)) ^ v)
    },
    .init("XG", "E382", .RXYa) { cpu, raw throws(Interruption) in
        let v = try cpu.load64(cpu.eaRXY(raw))
        logical64(cpu, f8(raw), cpu.r[f8(raw)] ^ v)
    },
    .init("XI", "97", .SI) { cpu, raw throws(Interruption) in
        try storageByteOp(cpu, cpu.eaRS(raw), UInt8(truncatingIfNeeded: i8at8(raw)), .xor)
    },
    .init("XIY", "EB57", .SIY) { cpu, raw throws(Interruption) in
        try storageByteOp(cpu, cpu.eaRSY(raw), UInt8(truncatingIfNeeded: i8at8(raw)), .xor)
    },
    .init("XIHF", "C06", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in
        let v = cpu.high(f8(raw)) ^ UInt32(truncatingIfNeeded: i32u(raw))
        cpu.setHigh(f8(raw), v)
        cpu.cc = v == 0 ? 0 : 1
    },
    .init("XILF", "C07", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in
        logicalLow(cpu, f8(raw), cpu.low(f8(raw)) ^ UInt32(truncatingIfNeeded: i32u(raw)))
    },

    // MARK: TEST UNDER MASK
    .init("TM", "91", .SI) { cpu, raw throws(Interruption) in
        let v = try cpu.load8(cpu.eaRS(raw))
        testUnderMaskStorage(cpu, v, UInt8(truncatingIfNeeded: i8at8(raw)))
    },
    .init("TMY", "EB51", .SIY) { cpu, raw throws(Interruption) in
        let v = try cpu.load8(cpu.eaRSY(raw))
        testUnderMaskStorage(cpu, v, UInt8(truncatingIfNeeded: i8at8(raw)))
    },
    .init("TMHH", "A72", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in testUnderMaskHalfword(cpu, cpu.r[f8(raw)] >> 48, i16u(raw)) },
    .init("TMHL", "A73", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in testUnderMaskHalfword(cpu, cpu.r[f8(raw)] >> 32, i16u(raw)) },
    .init("TMLH", "A70", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in testUnderMaskHalfword(cpu, cpu.r[f8(raw)] >> 16, i16u(raw)) },
    .init("TMLL", "A71", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in testUnderMaskHalfword(cpu, cpu.r[f8(raw)], i16u(raw)) },

    // MARK: Logical shifts (condition code unchanged)
    .init("SLL", "89", .RSa, syntax: "R1,D2(B2)") { cpu, raw throws(Interruption) in
        cpu.setLow(f8(raw), shiftLeft32(cpu.low(f8(raw)), cpu.shiftRS(raw)))
    },
    .init("SLLK", "EBDF", .RSYa) { cpu, raw throws(Interruption) in
        cpu.setLow(f8(raw), shiftLeft32(cpu.low(f12(raw)), cpu.shiftRSY(raw)))
    },
    .init("SLLG", "EB0D", .RSYa) { cpu, raw throws(Interruption) in
        cpu.r[f8(raw)] = cpu.r[f12(raw)] &<< cpu.shiftRSY(raw)
    },
    .init("SRL", "88", .RSa, syntax: "R1,D2(B2)") { cpu, raw throws(Interruption) in
        cpu.setLow(f8(raw), shiftRight32(cpu.low(f8(raw)), cpu.shiftRS(raw)))
    },
    .init("SRLK", "EBDE", .RSYa) { cpu, raw throws(Interruption) in
        cpu.setLow(f8(raw), shiftRight32(cpu.low(f12(raw)), cpu.shiftRSY(raw)))
    },
    .init("SRLG", "EB0C", .RSYa) { cpu, raw throws(Interruption) in
        cpu.r[f8(raw)] = cpu.r[f12(raw)] &>> cpu.shiftRSY(raw)
    },
    .init("SLDL", "8D", .RSa, syntax: "R1,D2(B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        try cpu.requireEven(r1)
        setPair(cpu, r1, pair(cpu, r1) &<< cpu.shiftRS(raw))
    },
    .init("SRDL", "8C", .RSa, syntax: "R1,D2(B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        try cpu.requireEven(r1)
        setPair(cpu, r1, pair(cpu, r1) &>> cpu.shiftRS(raw))
    },

    // MARK: Arithmetic shifts
    .init("SLA", "8B", .RSa, syntax: "R1,D2(B2)") { cpu, raw throws(Interruption) in
        try shiftLeftArithmetic32(cpu, f8(raw), cpu.low(f8(raw)), cpu.shiftRS(raw))
    },
    .init("SLAK", "EBDD", .RSYa) { cpu, raw throws(Interruption) in
        try shiftLeftArithmetic32(cpu, f8(raw), cpu.low(f12(raw)), cpu.shiftRSY(raw))
    },
    .init("SLAG", "EB0B", .RSYa) { cpu, raw throws(Interruption) in
        let v = shiftLeftArithmetic64(cpu, cpu.r[f12(raw)], cpu.shiftRSY(raw))
        cpu.r[f8(raw)] = v
        try overflowCheck(cpu)
    },
    .init("SLDA", "8F", .RSa, syntax: "R1,D2(B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        try cpu.requireEven(r1)
        setPair(cpu, r1, shiftLeftArithmetic64(cpu, pair(cpu, r1), cpu.shiftRS(raw)))
        try overflowCheck(cpu)
    },
    .init("SRA", "8A", .RSa, syntax: "R1,D2(B2)") { cpu, raw throws(Interruption) in
        shiftRightArithmetic32(cpu, f8(raw), cpu.low(f8(raw)), cpu.shiftRS(raw))
    },
    .init("SRAK", "EBDC", .RSYa) { cpu, raw throws(Interruption) in
        shiftRightArithmetic32(cpu, f8(raw), cpu.low(f12(raw)), cpu.shiftRSY(raw))
    },
    .init("SRAG", "EB0A", .RSYa) { cpu, raw throws(Interruption) in
        let v = Int64(bitPattern: cpu.r[f12(raw)]) &>> cpu.shiftRSY(raw)
        cpu.r[f8(raw)] = UInt64(bitPattern: v)
        cpu.cc = signedCC(v)
    },
    .init("SRDA", "8E", .RSa, syntax: "R1,D2(B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        try cpu.requireEven(r1)
        let v = Int64(bitPattern: pair(cpu, r1)) &>> cpu.shiftRS(raw)
        setPair(cpu, r1, UInt64(bitPattern: v))
        cpu.cc = signedCC(v)
    },

    // MARK: Rotates
    .init("RLL", "EB1D", .RSYa) { cpu, raw throws(Interruption) in
        let v = cpu.low(f12(raw)), n = UInt32(truncatingIfNeeded: cpu.shiftRSY(raw)) & 31
        cpu.setLow(f8(raw), n == 0 ? v : (v &<< n) | (v &>> (32 - n)))
    },
    .init("RLLG", "EB1C", .RSYa) { cpu, raw throws(Interruption) in
        cpu.r[f8(raw)] = rotateLeft64(cpu.r[f12(raw)], cpu.shiftRSY(raw))
    },
    .init("RISBG", "EC55", .RIEf, syntax: "R1,R2,U3,U4:z,U5") { cpu, raw throws(Interruption) in
        let (rotated, mask) = rotateAndSelect(cpu, raw, startEndMask: 63, base: 0, field: ~0)
        let keep: UInt64 = zeroRemaining(raw) ? 0 : ~mask
        let v = (rotated & mask) | (cpu.r[f8(raw)] & keep)
        cpu.r[f8(raw)] = v
        cpu.cc = signedCC(Int64(bitPattern: v))
    },
    .init("RISBHG", "EC5D", .RIEf) { cpu, raw throws(Interruption) in
        let field: UInt64 = 0xFFFF_FFFF_0000_0000
        let (rotated, mask) = rotateAndSelect(cpu, raw, startEndMask: 31, base: 0, field: field)
        let keep: UInt64 = zeroRemaining(raw) ? ~field : ~mask
        cpu.r[f8(raw)] = (rotated & mask) | (cpu.r[f8(raw)] & keep)
    },
    .init("RISBLG", "EC51", .RIEf) { cpu, raw throws(Interruption) in
        let field: UInt64 = 0x0000_0000_FFFF_FFFF
        let (rotated, mask) = rotateAndSelect(cpu, raw, startEndMask: 31, base: 32, field: field)
        let keep: UInt64 = zeroRemaining(raw) ? ~field : ~mask
        cpu.r[f8(raw)] = (rotated & mask) | (cpu.r[f8(raw)] & keep)
    },
    .init("RNSBG", "EC54", .RIEf) { cpu, raw throws(Interruption) in
        let (rotated, mask) = rotateAndSelect(cpu, raw, startEndMask: 63, base: 0, field: ~0)
        operateSelectedBits(cpu, raw, (cpu.r[f8(raw)] & rotated) & mask, mask)
    },
    .init("ROSBG", "EC56", .RIEf) { cpu, raw throws(Interruption) in
        let (rotated, mask) = rotateAndSelect(cpu, raw, startEndMask: 63, base: 0, field: ~0)
        operateSelectedBits(cpu, raw, (cpu.r[f8(raw)] | rotated) & mask, mask)
    },
    .init("RXSBG", "EC57", .RIEf) { cpu, raw throws(Interruption) in
        let (rotated, mask) = rotateAndSelect(cpu, raw, startEndMask: 63, base: 0, field: ~0)
        operateSelectedBits(cpu, raw, (cpu.r[f8(raw)] ^ rotated) & mask, mask)
    },

    // MARK: Bit counting
    .init("POPCNT", "B9E1", .RRFc, syntax: "R1,R2,M3?") { cpu, raw throws(Interruption) in
        let v = cpu.r[f28(raw)]
        // M3 bit 0 (instruction bit 16, miscellaneous-instruction-extensions
        // facility 3): the total count of the whole register.
        if f16(raw) & 8 != 0 {
            cpu.r[f24(raw)] = UInt64(v.nonzeroBitCount)
        } else {
            var x = v &- ((v >> 1) & 0x5555_5555_5555_5555)
            x = (x & 0x3333_3333_3333_3333) &+ ((x >> 2) & 0x3333_3333_3333_3333)
            cpu.r[f24(raw)] = (x &+ (x >> 4)) & 0x0F0F_0F0F_0F0F_0F0F
        }
        cpu.cc = v == 0 ? 0 : 1
    },
    .init("FLOGR", "B983", .RRE) { cpu, raw throws(Interruption) in
        let r1 = f24(raw)
        try cpu.requireEven(r1)
        let v = cpu.r[f28(raw)]
        if v == 0 {
            cpu.r[r1] = 64
            cpu.r[r1 + 1] = 0
            cpu.cc = 0
        } else {
            let n = v.leadingZeroBitCount
            cpu.r[r1] = UInt64(n)
            cpu.r[r1 + 1] = v & ~((1 as UInt64) << UInt64(63 - n))
            cpu.cc = 2
        }
    },
]

// MARK: - Helpers

/// Stores bits 32-63 of R1 and sets cc 0 (zero) or 1 (not zero).
@inline(__always) func logicalLow(_ cpu: VirtualCPU, _ r1: Int, _ v: UInt32) {
    cpu.setLow(r1, v)
    cpu.cc = v == 0 ? 0 : 1
}

@inline(__always) func logical64(_ cpu: VirtualCPU, _ r1: Int, _ v: UInt64) {
    cpu.r[r1] = v
    cpu.cc = v == 0 ? 0 : 1
}

/// AND of a 16-bit immediate into the halfword of R1 at bit `shift` (from the right).
@inline(__always) func andHalfword(_ cpu: VirtualCPU, _ r1: Int, _ i: UInt64, _ shift: UInt64) {
    let v = cpu.r[r1] & ((i << shift) | ~((0xFFFF as UInt64) << shift))
    cpu.r[r1] = v
    cpu.cc = (v >> shift) & 0xFFFF == 0 ? 0 : 1
}

@inline(__always) func orHalfword(_ cpu: VirtualCPU, _ r1: Int, _ i: UInt64, _ shift: UInt64) {
    let v = cpu.r[r1] | (i << shift)
    cpu.r[r1] = v
    cpu.cc = (v >> shift) & 0xFFFF == 0 ? 0 : 1
}

private enum ByteOperation { case and, or, xor }

/// NI/OI/XI and their long-displacement forms: an interlocked update of one
/// byte (interlocked-access facility 2; Linux relies on it for bit
/// operations), cc 0 if the result is zero, else 1.
@inline(__always)
private func storageByteOp(_ cpu: VirtualCPU, _ ea: UInt64, _ i: UInt8, _ op: ByteOperation) throws(Interruption) {
    let (p, _) = try cpu.hostRange(ea, .store)
    let result: UInt8
    switch op {
    case .and: result = guest_and8(p, i) & i
    case .or: result = guest_or8(p, i) | i
    case .xor: result = guest_xor8(p, i) ^ i
    }
    cpu.cc = result == 0 ? 0 : 1
}

/// TM/TMY: 0 selected bits all zero (or mask zero), 1 mixed, 3 all ones.
@inline(__always) private func testUnderMaskStorage(_ cpu: VirtualCPU, _ v: UInt8, _ m: UInt8) {
    let s = v & m
    cpu.cc = s == 0 ? 0 : (s == m ? 3 : 1)
}

/// TMHH…TMLL: like TM, but a mixed result gives cc 2 when the leftmost
/// selected bit is one, cc 1 when it is zero.
@inline(__always) func testUnderMaskHalfword(_ cpu: VirtualCPU, _ value: UInt64, _ m: UInt64) {
    let s = value & m & 0xFFFF
    if s == 0 {
        cpu.cc = 0
    } else if s == m {
        cpu.cc = 3
    } else {
        let leftmost: UInt64 = 0x8000 >> UInt64(UInt16(truncatingIfNeeded: m).leadingZeroBitCount)
        cpu.cc = s & leftmost != 0 ? 2 : 1
    }
}

@inline(__always) private func shiftLeft32(_ v: UInt32, _ n: UInt64) -> UInt32 {
    n >= 32 ? 0 : v &<< UInt32(truncatingIfNeeded: n)
}

@inline(__always) private func shiftRight32(_ v: UInt32, _ n: UInt64) -> UInt32 {
    n >= 32 ? 0 : v &>> UInt32(truncatingIfNeeded: n)
}

@inline(__always) func rotateLeft64(_ v: UInt64, _ n: UInt64) -> UInt64 {
    let k = n & 63
    return k == 0 ? v : (v &<< k) | (v &>> (64 - k))
}

/// The even-odd pair R1, R1+1 as one 64-bit value (bits 32-63 of each).
@inline(__always) private func pair(_ cpu: VirtualCPU, _ r1: Int) -> UInt64 {
    UInt64(cpu.low(r1)) << 32 | UInt64(cpu.low(r1 + 1))
}

@inline(__always) private func setPair(_ cpu: VirtualCPU, _ r1: Int, _ v: UInt64) {
    cpu.setLow(r1, UInt32(truncatingIfNeeded: v >> 32))
    cpu.setLow(r1 + 1, UInt32(truncatingIfNeeded: v))
}

@inline(__always) private func signedCC(_ v: Int64) -> UInt8 {
    v == 0 ? 0 : (v < 0 ? 1 : 2)
}

/// SHIFT LEFT SINGLE (32-bit): bit 32 stays, bits 33-63 shift; an overflow
/// when a bit unlike the sign is shifted out of bit 33 (cc 3; the result is
/// stored and the interruption, if enabled, completes the instruction).
@inline(__always)
private func shiftLeftArithmetic32(_ cpu: VirtualCPU, _ r1: Int, _ v: UInt32, _ n: UInt64) throws(Interruption) {
    let s = Int32(bitPattern: v)
    let sign = v & 0x8000_0000
    let overflow: Bool
    let numeric: UInt32
    if n >= 32 {
        // Every numeric bit and then at least one zero leave bit 33.
        overflow = s != 0
        numeric = 0
    } else {
        let k = Int32(truncatingIfNeeded: n)
        overflow = (s &<< k) &>> k != s
        numeric = (v &<< UInt32(k)) & 0x7FFF_FFFF
    }
    let result = sign | numeric
    cpu.setLow(r1, result)
    if overflow {
        cpu.cc = 3
        try overflowCheck(cpu)
    } else {
        cpu.cc = signedCC(Int64(Int32(bitPattern: result)))
    }
}

/// SHIFT LEFT SINGLE/DOUBLE (64-bit value): sets the cc (3 on overflow) and
/// returns the result; the caller stores it, then calls `overflowCheck`.
@inline(__always)
private func shiftLeftArithmetic64(_ cpu: VirtualCPU, _ v: UInt64, _ n: UInt64) -> UInt64 {
    // n ≤ 63: the bits leaving bit 1 are all numeric bits.
    let s = Int64(bitPattern: v)
    let overflow = (s &<< n) &>> n != s
    let result = (v & 0x8000_0000_0000_0000) | ((v &<< n) & 0x7FFF_FFFF_FFFF_FFFF)
    cpu.cc = overflow ? 3 : signedCC(Int64(bitPattern: result))
    return result
}

/// After a result is stored: fixed-point overflow interruption when cc is 3
/// and the program-mask bit is on.
@inline(__always) private func overflowCheck(_ cpu: VirtualCPU) throws(Interruption) {
    if cpu.cc == 3, cpu.mask & (1 << 43) != 0 { throw Interruption.program(.fixedPointOverflow) }
}

@inline(__always)
func shiftRightArithmetic32(_ cpu: VirtualCPU, _ r1: Int, _ v: UInt32, _ n: UInt64) {
    let r = Int32(bitPattern: v) &>> Int32(truncatingIfNeeded: n > 31 ? 31 : n)
    cpu.setLow(r1, UInt32(bitPattern: r))
    cpu.cc = signedCC(Int64(r))
}

/// The Z (RISBG…) flag: bit 0 of I4.
@inline(__always) private func zeroRemaining(_ raw: UInt64) -> Bool { (raw >> 16) & 0x80 != 0 }

/// ROTATE THEN … SELECTED BITS: the second operand rotated left by I5, and
/// the mask of the selected bits from I3 (start) to I4 (end), wrapping
/// around within `field` when start > end. Positions are PoP bit numbers
/// (0 = leftmost): (I & startEndMask) + base.
@inline(__always)
private func rotateAndSelect(_ cpu: VirtualCPU, _ raw: UInt64, startEndMask: UInt64, base: UInt64,
                             field: UInt64) -> (UInt64, UInt64) {
    let start = ((raw >> 24) & startEndMask) + base
    let end = ((raw >> 16) & startEndMask) + base
    let rotated = rotateLeft64(cpu.r[f12(raw)], (raw >> 8) & 63)
    let fromStart = ~(0 as UInt64) >> start
    let toEnd = ~(0 as UInt64) << (63 - end)
    let mask = (start <= end ? fromStart & toEnd : fromStart | toEnd) & field
    return (rotated, mask)
}

/// RNSBG/ROSBG/RXSBG: `selected` is the result in the selected bits; cc 0
/// if they are all zero, else 1; R1 unchanged when the T flag (bit 0 of I3) is on.
@inline(__always)
private func operateSelectedBits(_ cpu: VirtualCPU, _ raw: UInt64, _ selected: UInt64, _ mask: UInt64) {
    cpu.cc = selected == 0 ? 0 : 1
    if (raw >> 24) & 0x80 == 0 {
        let r1 = f8(raw)
        cpu.r[r1] = (cpu.r[r1] & ~mask) | selected
    }
}
