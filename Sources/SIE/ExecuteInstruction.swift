/// EXECUTE (EX, EXRL): runs one instruction at `target`, with bits 56-63
/// of R1 (when R1 ≠ 0) ORed into its bits 8-15.
///
/// While the target runs, `cpu.ia` is the target's address (relative
/// branches and LARL in the target are relative to it) and `cpu.pc` stays
/// the address after the EXECUTE (the target's link information and the
/// next sequential instruction). `cpu.ia` is the EXECUTE's address again
/// afterwards, also when the target ends in an interruption, so the old PSW
/// and the ILC describe the EXECUTE.
///
/// `length` is the EXECUTE's length in bytes (4 for EX, 6 for EXRL).
@inline(__always)
func executeTarget(_ cpu: VirtualCPU, _ raw: UInt64, target: UInt64, length: UInt32) throws(Interruption) {
    if target & 1 != 0 { throw Interruption.program(.specification) }
    let first = try fetchExecuteHalfword(cpu, target)
    var inst = UInt64(first) << 32
    let targetLength = instructionLength(firstByte: UInt8(truncatingIfNeeded: first >> 8))
    if targetLength >= 4 { inst |= UInt64(try fetchExecuteHalfword(cpu, (target &+ 2) & cpu.amask)) << 16 }
    if targetLength == 6 { inst |= UInt64(try fetchExecuteHalfword(cpu, (target &+ 4) & cpu.amask)) }
    let r1 = f8(raw)
    if r1 != 0 { inst |= (cpu.r[r1] & 0xFF) << 32 }
    // The target may not be an execute-type instruction (EX 44, EXRL C6x0).
    let opcode = inst >> 40
    if opcode == 0x44 || (opcode == 0xC6 && (inst >> 32) & 0xF == 0) {
        throw Interruption.program(.execute)
    }
    // SUPERVISOR CALL as the target: the SVC interruption's ILC is that of
    // the EXECUTE (2 for EX, 3 for EXRL); the old PSW points past the EXECUTE.
    if _slowPath(opcode == 0x0A) {
        cpu.deliverSupervisorCall(number: UInt8(truncatingIfNeeded: inst >> 32), instructionLength: Int(length))
        throw Interruption.reevaluate
    }
    let slot = InstructionSet.shared.slot(for: inst)
    let executeAddress = cpu.ia
    cpu.ia = target
    do {
        try slot.semantics(cpu, slot.raw)
    } catch {
        cpu.ia = executeAddress
        if error.kind == .instruction { cpu.interceptedUnderExecute = true }
        throw error
    }
    cpu.ia = executeAddress
    // BAL/BALR link information in the 24-bit mode carries the ILC of the
    // EXECUTE (2 for EX, 3 for EXRL), not of the target.
    if _slowPath(cpu.amask == 0xFF_FFFF), opcode == 0x45 || opcode == 0x05 {
        let linkRegister = Int(truncatingIfNeeded: (inst >> 36) & 0xF)
        cpu.setLow(linkRegister, (cpu.low(linkRegister) & 0x3FFF_FFFF) | (length / 2) << 30)
    }
}

/// Fetches a halfword of the EXECUTE target. Instructions come from the
/// primary space in the secondary-space mode; elsewhere an instruction fetch
/// and an operand fetch translate alike, and the operand path has the TLB.
@inline(__always)
private func fetchExecuteHalfword(_ cpu: VirtualCPU, _ address: UInt64) throws(Interruption) -> UInt16 {
    if _slowPath(cpu.mask & PSW.dat != 0 && cpu.mask & PSW.asMask == 2 << 46) {
        let p = try cpu.translate(address, .instruction)
        return UInt16(bigEndian: p.loadUnaligned(as: UInt16.self))
    }
    return try cpu.load16(address)
}
