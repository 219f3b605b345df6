import SIE

/// Intercepted instructions: the SIE layer stops at them with IPA/IPB set
/// and the PSW past the instruction; the monitor completes them.
extension Machine {
    func handleInstruction(_ v: VCPU) {
        let cpu = v.cpu
        let b = cpu.block
        let ipa = b.ipa, ipb = b.ipb
        switch ipa >> 8 {
        case 0xB2 where ipa & 0xFF == 0x20:          // SERVC (RRE)
            let r1 = Int((ipb >> 20) & 0xF), r2 = Int((ipb >> 16) & 0xF)
            let command = UInt32(truncatingIfNeeded: b.gpr[r1])
            let sccb = b.gpr[r2] & 0xFFFF_FFFF_FFFF_FFFF
            switch sclp.serviceCall(command: command, sccb: sccb, prefix: b.prefix) {
            case .done: b.conditionCode = 0
            case .program(let code): cpu.injectProgramInterruption(code)
            }
        case 0xAE:                                   // SIGP (RS-a)
            handleSIGP(v, r1: Int((ipa >> 4) & 0xF), r3: Int(ipa & 0xF),
                       order: UInt8(truncatingIfNeeded: operandAddress(b, ipb)))
        case 0x83:                                   // DIAGNOSE (RS-a)
            handleDiagnose(v, r1: Int((ipa >> 4) & 0xF), r3: Int(ipa & 0xF), code: operandAddress(b, ipb) & 0xFFFF)
        case 0xB2 where channels.handle(cpu):
            break
        default:
            // An intercept the monitor does not know: the instruction does
            // not exist on this machine.
            cpu.injectProgramInterruption(.operation)
        }
    }

    /// The second-operand address of an RS instruction from IPB (not wrapped:
    /// SIGP and DIAG use its low bits as a code).
    func operandAddress(_ b: ControlBlock, _ ipb: UInt32) -> UInt64 {
        let base = Int(ipb >> 28), disp = UInt64((ipb >> 16) & 0xFFF)
        return (base == 0 ? 0 : b.gpr[base]) &+ disp
    }

    // MARK: DIAGNOSE

    func handleDiagnose(_ v: VCPU, r1: Int, r3: Int, code: UInt64) {
        let cpu = v.cpu
        let b = cpu.block
        switch code {
        case 0x44:                       // voluntary time-slice end
            break
        case 0x308:                      // re-IPL / reset
            let subcode = b.gpr[r3] & 0xFFFF
            switch subcode {
            case 6:                      // store IPL information: not available
                b.gpr[r1 + 1 & 0xF] = 0x102
            case 3, 4, 0, 1:
                halt(.poweredOff)
            default:
                cpu.injectProgramInterruption(.specification)
            }
        default:
            cpu.injectProgramInterruption(.specification)
        }
    }

    // MARK: SIGNAL PROCESSOR

    func handleSIGP(_ v: VCPU, r1: Int, r3: Int, order: UInt8) {
        let b = v.cpu.block
        let parameter = b.gpr[r1 | 1]
        let targetAddress = UInt16(truncatingIfNeeded: b.gpr[r3])
        func status(_ s: UInt32) {
            b.gpr[r1] = (b.gpr[r1] & 0xFFFF_FFFF_0000_0000) | UInt64(s)
            b.conditionCode = 1
        }
        guard Int(targetAddress) < vcpus.count else { b.conditionCode = 3; return }
        let target = vcpus[Int(targetAddress)]
        switch order {
        case SIGPOrder.sense:
            let operating = isOperating(target)
            if operating { b.conditionCode = 0 } else { status(SIGPStatus.stopped) }
        case SIGPOrder.senseRunningStatus:
            let operating = isOperating(target)
            if operating { b.conditionCode = 0 } else { status(SIGPStatus.notRunning) }
        case SIGPOrder.start:
            setOperating(target, true)
            b.conditionCode = 0
        case SIGPOrder.stop, SIGPOrder.stopAndStoreStatus:
            b.conditionCode = 0
            if target === v {
                if order == SIGPOrder.stopAndStoreStatus { storeStatus(v.cpu, at: nil) }
                setOperating(v, false)
            } else {
                target.storeStatusOnStop = order == SIGPOrder.stopAndStoreStatus
                target.stopRequested = true
                let operating = isOperating(target)
                if operating { target.cpu.requestStop() } else {
                    if target.storeStatusOnStop { storeStatus(target.cpu, at: nil); target.storeStatusOnStop = false }
                    target.stopRequested = false
                }
            }
        case SIGPOrder.restart:
            target.cpu.injectRestart()
            setOperating(target, true)
            b.conditionCode = 0
        case SIGPOrder.initialCPUReset, SIGPOrder.cpuReset:
            let operating = isOperating(target)
            if operating && target !== v { b.conditionCode = 2; return }
            if order == SIGPOrder.initialCPUReset { target.cpu.initialReset() } else { target.cpu.cpuReset() }
            b.conditionCode = 0
        case SIGPOrder.setPrefix:
            let operating = isOperating(target)
            if operating { status(SIGPStatus.incorrectState); return }
            let p = parameter & 0x7FFF_E000
            guard vm.memory.contains(p, length: 0x2000) else { status(SIGPStatus.invalidParameter); return }
            target.cpu.block.prefix = p
            b.conditionCode = 0
        case SIGPOrder.storeStatusAtAddress:
            let operating = isOperating(target)
            if operating { status(SIGPStatus.incorrectState); return }
            let a = parameter & 0x7FFF_FE00
            guard vm.memory.contains(a, length: 512) else { status(SIGPStatus.invalidParameter); return }
            storeStatus(target.cpu, at: a)
            b.conditionCode = 0
        case SIGPOrder.setArchitecture:
            // Always z/Architecture: switching back to ESA/390 is refused.
            status(SIGPStatus.invalidParameter)
        case SIGPOrder.externalCall, SIGPOrder.emergencySignal, SIGPOrder.conditionalEmergencySignal:
            if order == SIGPOrder.externalCall {
                if !target.cpu.injectExternalCall(from: v.cpu.address) { status(SIGPStatus.externalCallPending); return }
            } else {
                target.cpu.injectEmergencySignal(from: v.cpu.address)
            }
            b.conditionCode = 0
        default:
            status(SIGPStatus.invalidOrder)
        }
    }

    func isOperating(_ v: VCPU) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return v.operating
    }

    /// Store status (PoP "Store Status"): the registers go to the save area
    /// at absolute 0x1200 (with the architectural-mode byte at absolute 163),
    /// or to the 512 bytes at `address` for STORE STATUS AT ADDRESS.
    func storeStatus(_ cpu: VirtualCPU, at address: UInt64?) {
        let b = cpu.block
        let m = vm.memory
        let a = address ?? 0x1200
        if address == nil { m.store(UInt8(1), at: 163) }
        for i in 0..<16 { m.store(b.fpr[i], at: a + UInt64(i) * 8) }
        for i in 0..<16 { m.store(b.gpr[i], at: a + 0x80 + UInt64(i) * 8) }
        let psw = b.psw
        m.store(psw.mask, at: a + 0x100)
        m.store(psw.address, at: a + 0x108)
        m.store(UInt32(b.prefix), at: a + 0x118)
        m.store(b.fpc, at: a + 0x11C)
        m.store(UInt64(bitPattern: b.cpuTimer), at: a + 0x128)
        m.store(b.clockComparator >> 8, at: a + 0x130)
        for i in 0..<16 { m.store(b.ar[i], at: a + 0x140 + UInt64(i) * 4) }
        for i in 0..<16 { m.store(b.cr[i], at: a + 0x180 + UInt64(i) * 8) }
        vm.storageChanged(absolute: a, length: 0x200)
    }
}
