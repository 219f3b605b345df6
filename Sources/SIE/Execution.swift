import Synchronization

/// The interpretive-execution loop: `sie()` runs the vCPU until something
/// needs the monitor. Interruptions the "hardware" handles (program, SVC,
/// external, restart) are delivered here without leaving `sie()`.
extension VirtualCPU {
    /// Runs guest code until an intercept; returns its code. IPA/IPB and the
    /// PSW in the control block describe it.
    public func sie() -> InterceptCode {
        interpreting.store(true, ordering: .releasing)
        interceptCode = .none
        interceptedUnderExecute = false
        while true {
            // Clear the flag with a full barrier before looking at what it
            // announces, so a request posted meanwhile is not lost.
            if attention.load(ordering: .relaxed) != 0, attention.exchange(0, ordering: .acquiringAndReleasing) != 0 {
                if let stop = serviceAttention() { return finish(stop) }
            }
            if pswInvalid {
                pswInvalid = false
                ia = pc
                if let code = programInterruption(.program(.specification), length: 0) { return finish(code) }
                continue
            }
            if deliverPendingInterrupt() { continue }
            if mask & PSW.wait != 0 {
                if !psw.isEnabledForWakeup { return finish(.wait) }
                waitForInterrupt()
                continue
            }
            do {
                if trace != nil { try stepTraced() } else { try runBlocks() }
            } catch {
                switch error.kind {
                case .program:
                    let length = Int((pc &- ia) & 0xF)
                    if let code = programInterruption(error, length: length) { return finish(code) }
                case .instruction:
                    return finish(.instruction)
                case .stop:
                    return finish(.stop)
                case .reevaluate:
                    continue
                }
            }
        }
    }

    private func finish(_ code: InterceptCode) -> InterceptCode {
        completeCodeStoresIfAny()
        interpreting.store(false, ordering: .releasing)
        interceptCode = code
        return code
    }

    /// Delivers a program interruption, or reports a loop of them.
    private func programInterruption(_ e: Interruption, length: Int) -> InterceptCode? {
        if instructionCount == lastProgramInterruptCount {
            interruptLoopCount += 1
            if interruptLoopCount > 64 {
                ipb = UInt32(ValidityReason.programInterruptionLoop.rawValue) << 16
                return .validity
            }
        } else {
            interruptLoopCount = 0
        }
        lastProgramInterruptCount = instructionCount
        deliverProgramInterruption(e, instructionLength: length)
        return nil
    }

    /// Handles requests other threads left for this CPU. Returns an intercept
    /// code if `sie()` must return.
    private func serviceAttention() -> InterceptCode? {
        if pendingRequests.load(ordering: .acquiring) != 0 {
            let req = pendingRequests.exchange(0, ordering: .acquiringAndReleasing)
            if req & Request.flushTLB != 0 {
                let seq = tlbFlushRequested.load(ordering: .acquiring)
                flushTLB()
                tlbFlushDone.store(seq, ordering: .releasing)
            }
            if req & Request.stop != 0 { return .stop }
        }
        return nil
    }

    /// Asks this CPU (from any thread) to leave `sie()` with a stop intercept.
    public func requestStop() {
        pendingRequests.bitwiseOr(Request.stop, ordering: .acquiringAndReleasing)
        requestAttention()
        wake()
    }

    /// Asks this CPU to drop its translations at its next block boundary;
    /// returns the request's sequence number (see `tlbFlushDone`).
    @discardableResult
    func requestTLBFlush() -> UInt64 {
        let seq = tlbFlushRequested.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
        pendingRequests.bitwiseOr(Request.flushTLB, ordering: .acquiringAndReleasing)
        requestAttention()
        wake()
        return seq
    }

    /// While waiting for other CPUs: honour a flush request addressed to us
    /// (two CPUs purging at once must not wait for each other forever).
    func flushIfRequested() {
        if pendingRequests.load(ordering: .acquiring) & Request.flushTLB != 0 {
            pendingRequests.bitwiseAnd(~Request.flushTLB, ordering: .acquiringAndReleasing)
            let seq = tlbFlushRequested.load(ordering: .acquiring)
            flushTLB()
            tlbFlushDone.store(seq, ordering: .releasing)
        }
    }

    /// Enabled wait: sleep until an interruption can be delivered.
    private func waitForInterrupt() {
        while !hasDeliverableInterrupt && attention.load(ordering: .relaxed) == 0 {
            sleeper.sleep(nanoseconds: nanosecondsToTimerEvent.map { max($0, 1000) })
        }
    }

    // MARK: The instruction loop

    /// Runs blocks of decoded instructions until attention is requested.
    /// A block ends at a taken branch out of the page, the end of a page, or
    /// an instruction that asks for it (`endBlock`: code changed, addressing
    /// mode changed; or it throws `.reevaluate`).
    ///
    /// The per-instruction path is kept short: a slot with an in-page length
    /// (`raw >> Slot.inPageShift`) holds an instruction that ends before the
    /// end of its page, so the next address needs no wrapping and the next
    /// slot is in the same array. Anything else (not decoded yet, the last
    /// instruction of a page, one that crosses into the next page) takes the
    /// slower path, `runPageEdge`.
    private func runBlocks() throws(Interruption) {
        let set = InstructionSet.shared
        var executed: UInt64 = 0
        defer { instructionCount &+= executed }
        while attention.load(ordering: .relaxed) == 0 {
            if pc & 1 != 0 {
                ia = pc
                throw Interruption.program(.specification)
            }
            // An instruction-fetch exception nullifies: the old PSW points here.
            ia = pc
            let (slots, frame) = try codePage(for: pc)
            var at = pc
            var slot = slots + (Int(truncatingIfNeeded: at) & 0xFFF) >> 1
            completeCodeStoresIfAny()
            endBlock = false
            while true {
                let raw = slot.pointee.raw
                let step = Int(truncatingIfNeeded: raw >> Slot.inPageShift)
                if _slowPath(step == 0) {
                    if try runPageEdge(slot: slot, frame: frame, at: at, set: set) { break }
                    executed &+= 1
                    // Sequential, within the page: go on with the next slot.
                    let length = Int(truncatingIfNeeded: slot.pointee.raw >> Slot.lengthShift) & 0xF
                    slot += length >> 1
                    at = pc
                    continue
                }
                ia = at
                pc = at &+ UInt64(truncatingIfNeeded: step)
                try slot.pointee.semantics(self, raw)
                executed &+= 1
                // (pc - at, not a saved `next`: one register fewer across the call.)
                if _slowPath(pc &- at != UInt64(truncatingIfNeeded: step)) {
                    breakingEvent = at
                    let target = pc
                    // A taken branch within the page continues in this block
                    // while no other thread wants our attention.
                    if (target ^ at) & ~0xFFF == 0, !endBlock, attention.load(ordering: .relaxed) == 0, target & 1 == 0 {
                        slot = slots + (Int(truncatingIfNeeded: target) & 0xFFF) >> 1
                        at = target
                        continue
                    }
                    break
                }
                if _slowPath(endBlock) { break }
                // Advance by branching on the length rather than by adding
                // it: the next slot's address then depends on a predicted
                // branch, not on this slot's load.
                switch step {
                case 2: slot += 1; at &+= 2
                case 4: slot += 2; at &+= 4
                default: slot += 3; at &+= 6
                }
            }
        }
    }

    /// Runs the instruction of a slot without an in-page length: decodes it if
    /// needed (caching the slot when the instruction lies within the page),
    /// wraps the next address at the addressing mode. Returns true if the
    /// block ends after it (branch taken, `endBlock`, end of the page);
    /// false if the next instruction follows in the same page, at `pc`.
    @inline(never)
    private func runPageEdge(slot: UnsafeMutablePointer<Slot>, frame: Int, at: UInt64, set: InstructionSet) throws(Interruption) -> Bool {
        let offset = Int(truncatingIfNeeded: at) & 0xFFF
        var s = slot.pointee
        if s.raw >> Slot.lengthShift & 0xF == 0 {
            ia = at
            s = try decodeSlot(frame: frame, offset: offset, at: at, set: set)
            let end = offset + Int(truncatingIfNeeded: s.raw >> Slot.lengthShift & 0xF)
            if end < 4096 { s.raw |= (s.raw >> Slot.lengthShift & 0xF) << Slot.inPageShift }
            if end <= 4096 { slot.pointee = s }
        }
        let length = Int(truncatingIfNeeded: s.raw >> Slot.lengthShift) & 0xF
        ia = at
        let next = (at &+ UInt64(length)) & amask
        pc = next
        try s.semantics(self, s.raw)
        if pc != next {
            breakingEvent = at
            return true
        }
        return endBlock || offset + length >= 4096
    }

    /// The decoded slots of the page holding `address`, translating the
    /// instruction address (instruction-fetch access exceptions arise here).
    @inline(__always)
    private func codePage(for address: UInt64) throws(Interruption) -> (UnsafeMutablePointer<Slot>, Int) {
        let frame = try codeFrame(for: address)
        if vm.frameHasCode[frame] == 0 { markCodeFrame(frame) }
        return (code.slots(frame: frame, currentGeneration: vm.codeGeneration[frame]), frame)
    }

    /// The absolute frame of the page holding instruction address `address`,
    /// through the instruction TLB (translating on a miss).
    @inline(__always)
    private func codeFrame(for address: UInt64, instructionAt: UInt64? = nil) throws(Interruption) -> Int {
        let i = Int(truncatingIfNeeded: address >> 12) & (VirtualCPU.tlbSize - 1)
        if itlbTag[i] == address & ~0xFFF { return itlbFrame[i] }
        let host = try instructionFetch(address, instructionAt: instructionAt)
        let frame = (host - vm.memory.origin) >> 12
        itlbTag[i] = address & ~0xFFF
        itlbFrame[i] = frame
        return frame
    }

    /// First decode in `frame` (out of line: the call retains `vm`).
    @inline(never)
    private func markCodeFrame(_ frame: Int) {
        vm.markCodeFrame(frame)
    }

    /// Decodes the instruction at `offset` in `frame` (logical address `at`);
    /// the part of an instruction that lies on the next page is fetched
    /// through the instruction TLB (translating it on a miss).
    private func decodeSlot(frame: Int, offset: Int, at: UInt64, set: InstructionSet) throws(Interruption) -> Slot {
        let origin = vm.memory.origin
        let host = origin + (frame << 12 | offset)
        let length = instructionLength(firstByte: host.load(as: UInt8.self))
        var raw: UInt64
        if offset + 6 <= 4096 {
            // Six bytes are on the page: load them at once, keep `length`.
            let six = UInt64(UInt32(bigEndian: host.loadUnaligned(as: UInt32.self))) << 16
                | UInt64(UInt16(bigEndian: host.loadUnaligned(fromByteOffset: 4, as: UInt16.self)))
            raw = six & (0xFFFF_FFFF_FFFF &<< UInt64(8 * (6 - length))) & 0xFFFF_FFFF_FFFF
        } else {
            let onPage = 4096 - offset
            raw = 0
            for k in 0..<min(length, onPage) { raw = raw << 8 | UInt64(host.load(fromByteOffset: k, as: UInt8.self)) }
            if length > onPage {
                let next = origin + (try codeFrame(for: (at &+ UInt64(onPage)) & amask, instructionAt: at)) << 12
                for k in 0..<(length - onPage) { raw = raw << 8 | UInt64(next.load(fromByteOffset: k, as: UInt8.self)) }
            }
            raw <<= UInt64(8 * (6 - length))
        }
        return set.slot(for: raw)
    }

    /// One instruction at a time, printing each (for --trace).
    private func stepTraced() throws(Interruption) {
        let set = InstructionSet.shared
        while attention.load(ordering: .relaxed) == 0 {
            if pc & 1 != 0 { ia = pc; throw Interruption.program(.specification) }
            let (_, frame) = try codePage(for: pc)
            let s = try decodeSlot(frame: frame, offset: Int(pc & 0xFFF), at: pc, set: set)
            let length = Int(s.raw >> Slot.lengthShift & 0xF)
            var line = String(format: "%016llx  ", pc) + Disassembler.text(raw: s.raw & 0xFFFF_FFFF_FFFF, length: length, address: pc)
            if traceRegisters {
                line += "\n" + (0..<16).map { String(format: "R%02d=%016llx", $0, r[$0]) }.joined(separator: " ")
            }
            trace?(line)
            ia = pc
            let next = (pc &+ UInt64(length)) & amask
            pc = next
            try s.semantics(self, s.raw)
            instructionCount &+= 1
            if pc != next { breakingEvent = ia }
            completeCodeStoresIfAny()
            endBlock = false
        }
    }

    /// Translates an instruction address. An access exception here belongs
    /// to the instruction at `instructionAt`: the old PSW points at it
    /// (the exceptions nullify) and the ILC is 1 (2 bytes), as on QEMU.
    private func instructionFetch(_ address: UInt64, instructionAt: UInt64? = nil) throws(Interruption) -> UnsafeMutableRawPointer {
        do {
            return try translate(address, .instruction)
        } catch {
            ia = instructionAt ?? address
            pc = (ia &+ 2) & amask
            throw error
        }
    }

    func itlbInvalidate() {
        for i in 0..<VirtualCPU.tlbSize { itlbTag[i] = TLB.invalid }
    }
}

/// Requests one thread leaves for a vCPU (bits of `pendingRequests`).
enum Request {
    static let stop: UInt32 = 1
    static let flushTLB: UInt32 = 2
}
