import SIE

/// The channel subsystem as the guest sees it through the I/O
/// instructions. Subchannel set 0 holds the machine's devices (none yet:
/// every subchannel is not operational, cc 3), and no channel report or
/// I/O interruption is ever pending.
final class ChannelSubsystem {
    /// Handles an intercepted I/O instruction; false if it is not one.
    func handle(_ cpu: VirtualCPU) -> Bool {
        let b = cpu.block
        let ipa = b.ipa
        guard ipa >> 8 == 0xB2 else { return false }
        switch ipa & 0xFF {
        case 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x38, 0x76:   // CSCH HSCH MSCH SSCH STSCH TSCH RSCH XSCH
            // GR1 holds the subsystem-identification word: 0x0001 in bits
            // 32-47 (plus the set id), the subchannel number in 48-63.
            let sid = UInt32(truncatingIfNeeded: b.gpr[1])
            guard sid >> 16 & 0xFFF9 == 0x0001 else { cpu.injectProgramInterruption(.operand); return true }
            let operand = cpu.interceptedOperandAddress()
            let needsAlignment: UInt64 = (ipa & 0xFF == 0x32 || ipa & 0xFF == 0x33 || ipa & 0xFF == 0x34 || ipa & 0xFF == 0x35) ? 3 : 0
            if operand & needsAlignment != 0 { cpu.injectProgramInterruption(.specification); return true }
            b.conditionCode = 3
        case 0x36:                                                // TPI
            b.conditionCode = 0                                   // no interruption pending
        case 0x39:                                                // STCRW
            let operand = cpu.interceptedOperandAddress()
            if operand & 3 != 0 { cpu.injectProgramInterruption(.specification); return true }
            do { try cpu.writeGuest(operand, [0, 0, 0, 0]) } catch { cpu.inject(error); return true }
            b.conditionCode = 1                                   // zeros stored: no report pending
        case 0x37, 0x3C:                                          // SAL, SCHM
            break
        case 0x3A:                                                // STCPS
            break
        case 0x3B:                                                // RCHP
            b.conditionCode = 3
        case 0x5F:                                                // CHSC
            chsc(cpu)
        default:
            return false
        }
        return true
    }

    /// CHSC: the request block at R1 (4 KiB aligned) gets a response block
    /// after the request; no command is supported yet (response 0x0004).
    private func chsc(_ cpu: VirtualCPU) {
        let b = cpu.block
        let r1 = Int((b.ipb >> 20) & 0xF)
        let block = b.gpr[r1]
        if block & 0xFFF != 0 { cpu.injectProgramInterruption(.specification); return }
        let header: [UInt8]
        do { header = try cpu.readGuest(block, count: 4) } catch { cpu.inject(error); return }
        let length = Int(header[0]) << 8 | Int(header[1])
        guard length >= 16, length <= 4096 - 16 else { cpu.injectProgramInterruption(.operand); return }
        do { try cpu.writeGuest(block &+ UInt64(length), [0x00, 0x08, 0x00, 0x04]) } catch { cpu.inject(error); return }
        b.conditionCode = 0
    }
}
