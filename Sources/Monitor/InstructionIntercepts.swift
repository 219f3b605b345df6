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
        // SET ARCHITECTURE addresses no CPU. With the CZAM facility the
        // machine is always in z/Architecture mode and the order is never
        // accepted: invalid parameter, whatever the other CPUs do.
        if order == SIGPOrder.setArchitecture { status(SIGPStatus.invalidParameter); return }
        guard Int(targetAddress) < vcpus.count else { b.conditionCode = 3; return }
        let target = vcpus[Int(targetAddress)]
        let isReset = order == SIGPOrder.initialCPUReset || order == SIGPOrder.cpuReset
        switch order {
        case SIGPOrder.sense, SIGPOrder.senseRunningStatus, SIGPOrder.externalCall, SIGPOrder.emergencySignal,
             SIGPOrder.conditionalEmergencySignal, SIGPOrder.start, SIGPOrder.stop, SIGPOrder.stopAndStoreStatus,
             SIGPOrder.restart, SIGPOrder.setPrefix, SIGPOrder.storeStatusAtAddress,
             SIGPOrder.initialCPUReset, SIGPOrder.cpuReset:
            break
        default:
            status(SIGPStatus.invalidOrder)
            return
        }
        var stoppedSelf = false
        lock.lock()
        defer {
            lock.unlock()
            if stoppedSelf { powerOffIfAllStopped() }
        }
        // A stop (or a reset of an operating CPU) is carried out by the
        // target's own thread; until then every order but the resets finds
        // the target busy.
        if target.stopRequested && !isReset && target !== v { b.conditionCode = 2; return }
        switch order {
        case SIGPOrder.sense:
            var s: UInt32 = 0
            if !target.operating { s |= SIGPStatus.stopped }
            if target.cpu.externalCallPending { s |= SIGPStatus.externalCallPending }
            if s == 0 { b.conditionCode = 0 } else { status(s) }
        case SIGPOrder.senseRunningStatus:
            if target.operating && !target.cpu.isWaiting { b.conditionCode = 0 } else { status(SIGPStatus.notRunning) }
        case SIGPOrder.externalCall:
            if target.cpu.injectExternalCall(from: v.cpu.address) { b.conditionCode = 0 } else {
                status(SIGPStatus.externalCallPending)
            }
        case SIGPOrder.emergencySignal, SIGPOrder.conditionalEmergencySignal:
            target.cpu.injectEmergencySignal(from: v.cpu.address)
            b.conditionCode = 0
        case SIGPOrder.start:
            target.operating = true
            lock.broadcast()
            b.conditionCode = 0
        case SIGPOrder.stop, SIGPOrder.stopAndStoreStatus:
            let store = order == SIGPOrder.stopAndStoreStatus
            b.conditionCode = 0
            if target === v {
                v.storeStatusOnStop = v.storeStatusOnStop || store
                completeStopLocked(v)
                stoppedSelf = true
            } else if target.operating {
                target.storeStatusOnStop = store
                target.stopRequested = true
                target.cpu.requestStop()
            } else if store {
                storeStatus(target.cpu, at: nil)
            }
        case SIGPOrder.restart:
            target.cpu.injectRestart()
            target.operating = true
            lock.broadcast()
            b.conditionCode = 0
        case SIGPOrder.initialCPUReset, SIGPOrder.cpuReset:
            // Accepted in any state; the CPU ends up reset and stopped.
            let kind: UInt8 = order == SIGPOrder.initialCPUReset ? 2 : 1
            b.conditionCode = 0
            target.resetOnStop = max(target.resetOnStop, kind)
            if target === v {
                completeStopLocked(v)
                stoppedSelf = true
            } else if target.operating {
                target.stopRequested = true
                target.cpu.requestStop()
            } else {
                completeStopLocked(target)
            }
        case SIGPOrder.setPrefix:
            if target.operating { status(SIGPStatus.incorrectState); return }
            let p = parameter & 0x7FFF_E000
            guard vm.memory.contains(p, length: 0x2000) else { status(SIGPStatus.invalidParameter); return }
            target.cpu.block.prefix = p
            b.conditionCode = 0
        case SIGPOrder.storeStatusAtAddress:
            if target.operating { status(SIGPStatus.incorrectState); return }
            let a = parameter & 0x7FFF_FE00
            guard vm.memory.contains(a, length: 512) else { status(SIGPStatus.invalidParameter); return }
            storeStatus(target.cpu, at: a)
            b.conditionCode = 0
        default:
            status(SIGPStatus.invalidOrder)
        }
    }

    /// Puts a CPU into the stopped state, doing first what the order that
    /// stopped it asked for (store status, a reset). Called with `lock` held,
    /// on the CPU's own thread or while it is stopped; the caller then calls
    /// `powerOffIfAllStopped`.
    func completeStopLocked(_ v: VCPU) {
        if v.storeStatusOnStop { storeStatus(v.cpu, at: nil) }
        switch v.resetOnStop {
        case 1: v.cpu.cpuReset()
        case 2: v.cpu.initialReset()
        default: break
        }
        v.operating = false
        v.stopRequested = false
        v.storeStatusOnStop = false
        v.resetOnStop = 0
        lock.broadcast()
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
