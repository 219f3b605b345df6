import CGuestAtomics

/// Branch instructions: branch on condition, branch and link/save, branch on
/// count and on index, compare and branch/jump, compare and trap, the
/// addressing-mode changers (BSM, BASSM, SAM24/31/64), EXECUTE
/// (ExecuteInstruction.swift) and the prefetch no-ops.
let branchInstructions: [InstructionDefinition] = [
    // MARK: Branch on condition
    .init("BCR", "07", .RR, .branch, syntax: "nopr | b{b}r M1,R2") { cpu, raw throws(Interruption) in
        let m = f8(raw), r2 = f12(raw)
        if r2 != 0 {
            if conditionSelected(cpu, m) { cpu.pc = cpu.r[r2] & cpu.amask }
        } else if m >= 14 {
            // BCR 15,0 (serialization) and BCR 14,0 (fast-BCR serialization):
            // guest stores before it are seen by every CPU before guest
            // fetches after it.
            guest_fence()
        }
    },
    .init("BC", "47", .RXb, .branch, syntax: "b{b} M1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        if conditionSelected(cpu, f8(raw)) { cpu.pc = cpu.eaRX(raw) }
    },
    .init("BRC", "A74", .RIc, .branch, syntax: "j{b} M1,J2") { cpu, raw throws(Interruption) in
        if conditionSelected(cpu, f8(raw)) { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },
    .init("BRCL", "C04", .RILc, .branch, syntax: "jg{b} M1,J2") { cpu, raw throws(Interruption) in
        if conditionSelected(cpu, f8(raw)) { cpu.pc = branchTarget(cpu, i32s(raw)) }
    },

    // MARK: Branch and link / save
    .init("BALR", "05", .RR, .branch) { cpu, raw throws(Interruption) in
        let r2 = f12(raw)
        let target = cpu.r[r2] & cpu.amask
        branchAndLinkInfo(cpu, f8(raw), ilc: 1)
        if r2 != 0 { cpu.pc = target }
    },
    .init("BAL", "45", .RXa, .branch) { cpu, raw throws(Interruption) in
        let target = cpu.eaRX(raw)
        branchAndLinkInfo(cpu, f8(raw), ilc: 2)
        cpu.pc = target
    },
    .init("BASR", "0D", .RR, .branch) { cpu, raw throws(Interruption) in
        let r2 = f12(raw)
        let target = cpu.r[r2] & cpu.amask
        saveLink(cpu, f8(raw))
        if r2 != 0 { cpu.pc = target }
    },
    .init("BAS", "4D", .RXa, .branch) { cpu, raw throws(Interruption) in
        let target = cpu.eaRX(raw)
        saveLink(cpu, f8(raw))
        cpu.pc = target
    },
    .init("BRAS", "A75", .RIb, .branch) { cpu, raw throws(Interruption) in
        let target = branchTarget(cpu, i16s(raw))
        saveLink(cpu, f8(raw))
        cpu.pc = target
    },
    .init("BRASL", "C05", .RILb, .branch) { cpu, raw throws(Interruption) in
        let target = branchTarget(cpu, i32s(raw))
        saveLink(cpu, f8(raw))
        cpu.pc = target
    },

    // MARK: Branch on count (the branch address is formed before counting)
    .init("BCTR", "06", .RR, .branch) { cpu, raw throws(Interruption) in
        let r1 = f8(raw), r2 = f12(raw)
        let target = cpu.r[r2] & cpu.amask
        let n = cpu.low(r1) &- 1
        cpu.setLow(r1, n)
        if n != 0 && r2 != 0 { cpu.pc = target }
    },
    .init("BCT", "46", .RXa, .branch) { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        let target = cpu.eaRX(raw)
        let n = cpu.low(r1) &- 1
        cpu.setLow(r1, n)
        if n != 0 { cpu.pc = target }
    },
    .init("BCTGR", "B946", .RRE, .branch) { cpu, raw throws(Interruption) in
        let r1 = f24(raw), r2 = f28(raw)
        let target = cpu.r[r2] & cpu.amask
        let n = cpu.r[r1] &- 1
        cpu.r[r1] = n
        if n != 0 && r2 != 0 { cpu.pc = target }
    },
    .init("BCTG", "E346", .RXYa, .branch) { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        let target = cpu.eaRXY(raw)
        let n = cpu.r[r1] &- 1
        cpu.r[r1] = n
        if n != 0 { cpu.pc = target }
    },
    .init("BRCT", "A76", .RIb, .branch) { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        let n = cpu.low(r1) &- 1
        cpu.setLow(r1, n)
        if n != 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },
    .init("BRCTG", "A77", .RIb, .branch) { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        let n = cpu.r[r1] &- 1
        cpu.r[r1] = n
        if n != 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },
    .init("BRCTH", "CC6", .RILb, .branch) { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        let n = cpu.high(r1) &- 1
        cpu.setHigh(r1, n)
        if n != 0 { cpu.pc = branchTarget(cpu, i32s(raw)) }
    },

    // MARK: Branch on index
    .init("BXH", "86", .RSa, .branch) { cpu, raw throws(Interruption) in
        let target = cpu.eaRS(raw)
        if indexStep32(cpu, f8(raw), f12(raw)) > 0 { cpu.pc = target }
    },
    .init("BXLE", "87", .RSa, .branch) { cpu, raw throws(Interruption) in
        let target = cpu.eaRS(raw)
        if indexStep32(cpu, f8(raw), f12(raw)) <= 0 { cpu.pc = target }
    },
    .init("BXHG", "EB44", .RSYa, .branch) { cpu, raw throws(Interruption) in
        let target = cpu.eaRSY(raw)
        if indexStep64(cpu, f8(raw), f12(raw)) > 0 { cpu.pc = target }
    },
    .init("BXLEG", "EB45", .RSYa, .branch) { cpu, raw throws(Interruption) in
        let target = cpu.eaRSY(raw)
        if indexStep64(cpu, f8(raw), f12(raw)) <= 0 { cpu.pc = target }
    },
    .init("BRXH", "84", .RSI, .branch) { cpu, raw throws(Interruption) in
        if indexStep32(cpu, f8(raw), f12(raw)) > 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },
    .init("BRXLE", "85", .RSI, .branch) { cpu, raw throws(Interruption) in
        if indexStep32(cpu, f8(raw), f12(raw)) <= 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },
    .init("BRXHG", "EC44", .RIEe, .branch) { cpu, raw throws(Interruption) in
        if indexStep64(cpu, f8(raw), f12(raw)) > 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },
    .init("BRXLG", "EC45", .RIEe, .branch) { cpu, raw throws(Interruption) in
        if indexStep64(cpu, f8(raw), f12(raw)) <= 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },

    // MARK: Compare and branch relative (RIE-b/c: M3, RI4 at bits 16-31)
    .init("CRJ", "EC76", .RIEb, .branch, syntax: "{c} R1,R2,M3,J4") { cpu, raw throws(Interruption) in
        let m = compareSigned(Int64(Int32(bitPattern: cpu.low(f8(raw)))), Int64(Int32(bitPattern: cpu.low(f12(raw)))))
        if Int(m) & f32(raw) != 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },
    .init("CGRJ", "EC64", .RIEb, .branch, syntax: "{c} R1,R2,M3,J4") { cpu, raw throws(Interruption) in
        let m = compareSigned(Int64(bitPattern: cpu.r[f8(raw)]), Int64(bitPattern: cpu.r[f12(raw)]))
        if Int(m) & f32(raw) != 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },
    .init("CLRJ", "EC77", .RIEb, .branch, syntax: "{c} R1,R2,M3,J4") { cpu, raw throws(Interruption) in
        let m = compareUnsigned(UInt64(cpu.low(f8(raw))), UInt64(cpu.low(f12(raw))))
        if Int(m) & f32(raw) != 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },
    .init("CLGRJ", "EC65", .RIEb, .branch, syntax: "{c} R1,R2,M3,J4") { cpu, raw throws(Interruption) in
        let m = compareUnsigned(cpu.r[f8(raw)], cpu.r[f12(raw)])
        if Int(m) & f32(raw) != 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },
    .init("CIJ", "EC7E", .RIEc, .branch, syntax: "{c} R1,I2,M3,J4") { cpu, raw throws(Interruption) in
        let m = compareSigned(Int64(Int32(bitPattern: cpu.low(f8(raw)))), i8at32s(raw))
        if Int(m) & f12(raw) != 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },
    .init("CGIJ", "EC7C", .RIEc, .branch, syntax: "{c} R1,I2,M3,J4") { cpu, raw throws(Interruption) in
        let m = compareSigned(Int64(bitPattern: cpu.r[f8(raw)]), i8at32s(raw))
        if Int(m) & f12(raw) != 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },
    .init("CLIJ", "EC7F", .RIEc, .branch, syntax: "{c} R1,U2,M3,J4") { cpu, raw throws(Interruption) in
        let m = compareUnsigned(UInt64(cpu.low(f8(raw))), i8at32u(raw))
        if Int(m) & f12(raw) != 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },
    .init("CLGIJ", "EC7D", .RIEc, .branch, syntax: "{c} R1,U2,M3,J4") { cpu, raw throws(Interruption) in
        let m = compareUnsigned(cpu.r[f8(raw)], i8at32u(raw))
        if Int(m) & f12(raw) != 0 { cpu.pc = branchTarget(cpu, i16s(raw)) }
    },

    // MARK: Compare and branch (RRS/RIS: M3, B4/D4 at bits 16-31)
    .init("CRB", "ECF6", .RRS, .branch, syntax: "{c} R1,R2,M3,D4(B4)") { cpu, raw throws(Interruption) in
        let m = compareSigned(Int64(Int32(bitPattern: cpu.low(f8(raw)))), Int64(Int32(bitPattern: cpu.low(f12(raw)))))
        if Int(m) & f32(raw) != 0 { cpu.pc = cpu.eaRS(raw) }
    },
    .init("CGRB", "ECE4", .RRS, .branch, syntax: "{c} R1,R2,M3,D4(B4)") { cpu, raw throws(Interruption) in
        let m = compareSigned(Int64(bitPattern: cpu.r[f8(raw)]), Int64(bitPattern: cpu.r[f12(raw)]))
        if Int(m) & f32(raw) != 0 { cpu.pc = cpu.eaRS(raw) }
    },
    .init("CLRB", "ECF7", .RRS, .branch, syntax: "{c} R1,R2,M3,D4(B4)") { cpu, raw throws(Interruption) in
        let m = compareUnsigned(UInt64(cpu.low(f8(raw))), UInt64(cpu.low(f12(raw))))
        if Int(m) & f32(raw) != 0 { cpu.pc = cpu.eaRS(raw) }
    },
    .init("CLGRB", "ECE5", .RRS, .branch, syntax: "{c} R1,R2,M3,D4(B4)") { cpu, raw throws(Interruption) in
        let m = compareUnsigned(cpu.r[f8(raw)], cpu.r[f12(raw)])
        if Int(m) & f32(raw) != 0 { cpu.pc = cpu.eaRS(raw) }
    },
    .init("CIB", "ECFE", .RIS, .branch, syntax: "{c} R1,I2,M3,D4(B4)") { cpu, raw throws(Interruption) in
        let m = compareSigned(Int64(Int32(bitPattern: cpu.low(f8(raw)))), i8at32s(raw))
        if Int(m) & f12(raw) != 0 { cpu.pc = cpu.eaRS(raw) }
    },
    .init("CGIB", "ECFC", .RIS, .branch, syntax: "{c} R1,I2,M3,D4(B4)") { cpu, raw throws(Interruption) in
        let m = compareSigned(Int64(bitPattern: cpu.r[f8(raw)]), i8at32s(raw))
        if Int(m) & f12(raw) != 0 { cpu.pc = cpu.eaRS(raw) }
    },
    .init("CLIB", "ECFF", .RIS, .branch, syntax: "{c} R1,U2,M3,D4(B4)") { cpu, raw throws(Interruption) in
        let m = compareUnsigned(UInt64(cpu.low(f8(raw))), i8at32u(raw))
        if Int(m) & f12(raw) != 0 { cpu.pc = cpu.eaRS(raw) }
    },
    .init("CLGIB", "ECFD", .RIS, .branch, syntax: "{c} R1,U2,M3,D4(B4)") { cpu, raw throws(Interruption) in
        let m = compareUnsigned(cpu.r[f8(raw)], i8at32u(raw))
        if Int(m) & f12(raw) != 0 { cpu.pc = cpu.eaRS(raw) }
    },

    // MARK: Compare and trap (data exception, DXC FF)
    .init("CRT", "B972", .RRFc, syntax: "{c} R1,R2,M3") { cpu, raw throws(Interruption) in
        let m = compareSigned(Int64(Int32(bitPattern: cpu.low(f24(raw)))), Int64(Int32(bitPattern: cpu.low(f28(raw)))))
        try trapIf(m, f16(raw))
    },
    .init("CGRT", "B960", .RRFc, syntax: "{c} R1,R2,M3") { cpu, raw throws(Interruption) in
        let m = compareSigned(Int64(bitPattern: cpu.r[f24(raw)]), Int64(bitPattern: cpu.r[f28(raw)]))
        try trapIf(m, f16(raw))
    },
    .init("CLRT", "B973", .RRFc, syntax: "{c} R1,R2,M3") { cpu, raw throws(Interruption) in
        let m = compareUnsigned(UInt64(cpu.low(f24(raw))), UInt64(cpu.low(f28(raw))))
        try trapIf(m, f16(raw))
    },
    .init("CLGRT", "B961", .RRFc, syntax: "{c} R1,R2,M3") { cpu, raw throws(Interruption) in
        let m = compareUnsigned(cpu.r[f24(raw)], cpu.r[f28(raw)])
        try trapIf(m, f16(raw))
    },
    .init("CIT", "EC72", .RIEa, syntax: "{c} R1,I2,M3") { cpu, raw throws(Interruption) in
        let m = compareSigned(Int64(Int32(bitPattern: cpu.low(f8(raw)))), i16s(raw))
        try trapIf(m, f32(raw))
    },
    .init("CGIT", "EC70", .RIEa, syntax: "{c} R1,I2,M3") { cpu, raw throws(Interruption) in
        let m = compareSigned(Int64(bitPattern: cpu.r[f8(raw)]), i16s(raw))
        try trapIf(m, f32(raw))
    },
    .init("CLFIT", "EC73", .RIEa, syntax: "{c} R1,U2,M3") { cpu, raw throws(Interruption) in
        let m = compareUnsigned(UInt64(cpu.low(f8(raw))), i16u(raw))
        try trapIf(m, f32(raw))
    },
    .init("CLGIT", "EC71", .RIEa, syntax: "{c} R1,U2,M3") { cpu, raw throws(Interruption) in
        let m = compareUnsigned(cpu.r[f8(raw)], i16u(raw))
        try trapIf(m, f32(raw))
    },

    // MARK: EXECUTE
    .init("EX", "44", .RXa) { cpu, raw throws(Interruption) in
        try executeTarget(cpu, raw, target: cpu.eaRX(raw), length: 4)
    },
    .init("EXRL", "C60", .RILb) { cpu, raw throws(Interruption) in
        try executeTarget(cpu, raw, target: branchTarget(cpu, i32s(raw)), length: 6)
    },

    // MARK: Addressing mode
    .init("BSM", "0B", .RR, .branch) { cpu, raw throws(Interruption) in
        let r1 = f8(raw), r2 = f12(raw)
        let target = cpu.r[r2]
        if r1 != 0 {
            if cpu.amask == ~0 {
                cpu.r[r1] |= 1
            } else if cpu.amask == 0x7FFF_FFFF {
                cpu.r[r1] |= 0x8000_0000
            } else {
                cpu.r[r1] &= ~0x8000_0000
            }
        }
        if r2 != 0 { cpu.branchSettingAddressingMode(target) }
    },
    .init("BASSM", "0C", .RR, .branch) { cpu, raw throws(Interruption) in
        let r1 = f8(raw), r2 = f12(raw)
        let target = cpu.r[r2]
        if cpu.amask == ~0 {
            cpu.r[r1] = cpu.pc | 1
        } else if cpu.amask == 0x7FFF_FFFF {
            cpu.setLow(r1, 0x8000_0000 | UInt32(truncatingIfNeeded: cpu.pc))
        } else {
            cpu.setLow(r1, UInt32(truncatingIfNeeded: cpu.pc) & 0xFF_FFFF)
        }
        if r2 != 0 { cpu.branchSettingAddressingMode(target) }
    },
    .init("SAM24", "010C", .E) { cpu, raw throws(Interruption) in
        if cpu.pc & ~0xFF_FFFF != 0 { throw Interruption.program(.specification) }
        cpu.setAddressingModeForBranch(.bits24)
    },
    .init("SAM31", "010D", .E) { cpu, raw throws(Interruption) in
        if cpu.pc & ~0x7FFF_FFFF != 0 { throw Interruption.program(.specification) }
        cpu.setAddressingModeForBranch(.bits31)
    },
    .init("SAM64", "010E", .E) { cpu, raw throws(Interruption) in
        cpu.setAddressingModeForBranch(.bits64)
    },

    // MARK: Prefetch data: hints only, never an access exception
    .init("PFD", "E336", .RXYb) { _, _ throws(Interruption) in },
    .init("PFDRL", "C62", .RILc) { _, _ throws(Interruption) in },
]

// MARK: - Helpers

/// Whether mask `m` (BC's M1: 8 = cc 0 … 1 = cc 3) selects the current cc.
/// (The masking shift keeps it branch-free: cc is 0-3.)
@inline(__always) private func conditionSelected(_ cpu: VirtualCPU, _ m: Int) -> Bool {
    (8 &>> Int(cpu.cc & 3)) & m != 0
}

/// A relative target: the instruction's address (under EXECUTE the target's)
/// plus twice the signed halfword count, wrapped to the addressing mode.
@inline(__always) private func branchTarget(_ cpu: VirtualCPU, _ halfwords: Int64) -> UInt64 {
    (cpu.ia &+ UInt64(bitPattern: halfwords &* 2)) & cpu.amask
}

/// BAS/BASR/BRAS/BRASL link information: the updated instruction address;
/// 24-bit mode: bits 32-39 zero; 31-bit mode: bit 32 one; both leave bits 0-31.
@inline(__always) private func saveLink(_ cpu: VirtualCPU, _ r1: Int) {
    let next = cpu.pc
    if cpu.amask == ~0 {
        cpu.r[r1] = next
    } else if cpu.amask == 0x7FFF_FFFF {
        cpu.setLow(r1, 0x8000_0000 | UInt32(truncatingIfNeeded: next))
    } else {
        cpu.setLow(r1, UInt32(truncatingIfNeeded: next) & 0xFF_FFFF)
    }
}

/// BAL/BALR link information: as BAS in the 31- and 64-bit modes; in the
/// 24-bit mode bits 32-33 hold the ILC (`ilc`, in halfwords), 34-35 the cc,
/// 36-39 the program mask and 40-63 the updated instruction address.
@inline(__always) private func branchAndLinkInfo(_ cpu: VirtualCPU, _ r1: Int, ilc: UInt32) {
    if cpu.amask != 0xFF_FFFF { saveLink(cpu, r1); return }
    let programMask = UInt32(truncatingIfNeeded: (cpu.mask >> 40) & 0xF)
    let v = ilc << 30 | UInt32(cpu.cc) << 28 | programMask << 24 | (UInt32(truncatingIfNeeded: cpu.pc) & 0xFF_FFFF)
    cpu.setLow(r1, v)
}

/// Adds R3 to R1 (bits 32-63) and compares the sum with the odd register of
/// the R3 pair (R3 itself when R3 is odd); both are read before R1 changes.
/// Returns the comparison (sum <=> compare value) as -1, 0, 1.
@inline(__always) private func indexStep32(_ cpu: VirtualCPU, _ r1: Int, _ r3: Int) -> Int {
    let increment = Int32(bitPattern: cpu.low(r3))
    let limit = Int32(bitPattern: cpu.low(r3 | 1))
    let sum = Int32(bitPattern: cpu.low(r1)) &+ increment
    cpu.setLow(r1, UInt32(bitPattern: sum))
    return sum > limit ? 1 : (sum == limit ? 0 : -1)
}

@inline(__always) private func indexStep64(_ cpu: VirtualCPU, _ r1: Int, _ r3: Int) -> Int {
    let increment = Int64(bitPattern: cpu.r[r3])
    let limit = Int64(bitPattern: cpu.r[r3 | 1])
    let sum = Int64(bitPattern: cpu.r[r1]) &+ increment
    cpu.r[r1] = UInt64(bitPattern: sum)
    return sum > limit ? 1 : (sum == limit ? 0 : -1)
}

/// The mask bit of compare-and-branch/trap that a comparison selects:
/// 8 equal, 4 first operand low, 2 first operand high.
@inline(__always) private func compareSigned(_ a: Int64, _ b: Int64) -> UInt8 {
    a == b ? 8 : (a < b ? 4 : 2)
}

@inline(__always) private func compareUnsigned(_ a: UInt64, _ b: UInt64) -> UInt8 {
    a == b ? 8 : (a < b ? 4 : 2)
}

@inline(__always) private func trapIf(_ m: UInt8, _ mask: Int) throws(Interruption) {
    if Int(m) & mask != 0 { throw Interruption.program(.data, dxc: 0xFF) }
}

/// The three addressing modes, as PSW bits EA/BA and the address mask.
enum AddressingModeForBranch {
    case bits24, bits31, bits64
}

extension VirtualCPU {
    /// Makes `mode` current: PSW bits 31-32 (EA, BA) and `amask` together.
    @inline(__always) func setAddressingModeForBranch(_ mode: AddressingModeForBranch) {
        let ab = PSW.extendedAddressing | PSW.basicAddressing
        switch mode {
        case .bits24: mask &= ~ab; amask = 0xFF_FFFF
        case .bits31: mask = (mask & ~ab) | PSW.basicAddressing; amask = 0x7FFF_FFFF
        case .bits64: mask |= ab; amask = ~0
        }
        endBlock = true
    }

    /// BSM/BASSM with R2 ≠ 0: bit 63 of `target` one selects the 64-bit mode
    /// (the branch address is bits 0-62 with a zero appended); otherwise bit
    /// 32 selects the 31-bit (one) or 24-bit (zero) mode.
    @inline(__always) func branchSettingAddressingMode(_ target: UInt64) {
        if target & 1 != 0 {
            setAddressingModeForBranch(.bits64)
            pc = target & ~1
        } else if target & 0x8000_0000 != 0 {
            setAddressingModeForBranch(.bits31)
            pc = target & 0x7FFF_FFFF
        } else {
            setAddressingModeForBranch(.bits24)
            pc = target & 0xFF_FFFF
        }
    }
}
