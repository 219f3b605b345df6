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
    /// The per-instruction path is kept short: a slot with a dispatch key
    /// (`raw >> Slot.keyShift`, see Slot) holds an instruction that ends
    /// before the end of its page, so the next address needs no wrapping and
    /// the next slot is in the same array; the key selects an inline
    /// operation (`FastOp`) or the call of the semantics. Anything else (not
    /// decoded yet, the last instruction of a page, one that crosses into the
    /// next page) takes the slower path, `runPageEdge`.
    ///
    /// The address of the next slot depends on branches (the key, the
    /// length), not on loaded values: the processor runs ahead on its
    /// predictions instead of waiting for each slot's load.
    private func runBlocks() throws(Interruption) {
        let set = InstructionSet.shared
        let regs = r
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
            block: while true {
                let raw = slot.pointee.raw
                var halfwords: UInt64 = 0
                // One switch on the key: the page-edge path, the inline
                // operations, and by default the call of the semantics. Each
                // inline operation is its own case (shared cases that test
                // the key again become a second dispatch), advances by its
                // own length, and sets ia and pc first when it can raise an
                // exception: `pc` is otherwise only right again after a call
                // or at a block end.
                switch unsafeBitCast(UInt8(truncatingIfNeeded: raw >> Slot.keyShift & DispatchKey.mask), to: DispatchKey.self) {
                case .edge:
                    if try runPageEdge(slot: slot, frame: frame, at: at, set: set) { break block }
                    executed &+= 1
                    // Sequential, within the page: go on with the next slot.
                    let length = Int(truncatingIfNeeded: slot.pointee.raw >> Slot.lengthShift) & 0xF
                    slot += length >> 1
                    at = pc
                    continue
                case .brc:
                    executed &+= 1
                    if (8 &>> Int(cc & 3)) & f8(raw) != 0 {
                        if fastBranch(raw, &slot, &at) { continue } else { break block }
                    }
                    slot += 2; at &+= 4; continue
                case .brct:
                    let r1 = f8(raw)
                    let n = UInt32(truncatingIfNeeded: regs[r1]) &- 1
                    regs[r1] = regs[r1] & 0xFFFF_FFFF_0000_0000 | UInt64(n)
                    executed &+= 1
                    if n != 0 {
                        if fastBranch(raw, &slot, &at) { continue } else { break block }
                    }
                    slot += 2; at &+= 4; continue
                case .brctg:
                    let r1 = f8(raw)
                    let n = regs[r1] &- 1
                    regs[r1] = n
                    executed &+= 1
                    if n != 0 {
                        if fastBranch(raw, &slot, &at) { continue } else { break block }
                    }
                    slot += 2; at &+= 4; continue
                case .lgr:
                    regs[f24(raw)] = regs[f28(raw)]
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .lr:
                    setLow(f8(raw), low(f12(raw)))
                    executed &+= 1; slot += 1; at &+= 2; continue
                case .llgfr:
                    regs[f24(raw)] = regs[f28(raw)] & 0xFFFF_FFFF
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .lgfr:
                    regs[f24(raw)] = sx32(low(f28(raw)))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .lhi:
                    setLow(f8(raw), UInt32(truncatingIfNeeded: i16s(raw)))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .lghi:
                    regs[f8(raw)] = UInt64(bitPattern: i16s(raw))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .ltr:
                    let v = low(f12(raw))
                    setLow(f8(raw), v)
                    cc = ccSigned(v)
                    executed &+= 1; slot += 1; at &+= 2; continue
                case .ltgr:
                    let v = regs[f28(raw)]
                    regs[f24(raw)] = v
                    cc = ccSigned(v)
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .aghi:
                    let r1 = f8(raw)
                    let (v, c) = addSigned(regs[r1], UInt64(bitPattern: i16s(raw)))
                    regs[r1] = v
                    cc = c; if _slowPath(c == 3) { try fastOverflow(at: at, next: at &+ 4) }
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .agr:
                    let r1 = f24(raw)
                    let (v, c) = addSigned(regs[r1], regs[f28(raw)])
                    regs[r1] = v
                    cc = c; if _slowPath(c == 3) { try fastOverflow(at: at, next: at &+ 4) }
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .sgr:
                    let r1 = f24(raw)
                    let (v, c) = subtractSigned(regs[r1], regs[f28(raw)])
                    regs[r1] = v
                    cc = c; if _slowPath(c == 3) { try fastOverflow(at: at, next: at &+ 4) }
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .ahi:
                    let r1 = f8(raw)
                    let (v, c) = addSigned(low(r1), UInt32(truncatingIfNeeded: i16s(raw)))
                    setLow(r1, v)
                    cc = c; if _slowPath(c == 3) { try fastOverflow(at: at, next: at &+ 4) }
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .ar:
                    let r1 = f8(raw)
                    let (v, c) = addSigned(low(r1), low(f12(raw)))
                    setLow(r1, v)
                    cc = c; if _slowPath(c == 3) { try fastOverflow(at: at, next: at &+ 2) }
                    executed &+= 1; slot += 1; at &+= 2; continue
                case .sr:
                    let r1 = f8(raw)
                    let (v, c) = subtractSigned(low(r1), low(f12(raw)))
                    setLow(r1, v)
                    cc = c; if _slowPath(c == 3) { try fastOverflow(at: at, next: at &+ 2) }
                    executed &+= 1; slot += 1; at &+= 2; continue
                case .clr:
                    cc = compareLogical(low(f8(raw)), low(f12(raw)))
                    executed &+= 1; slot += 1; at &+= 2; continue
                case .cr:
                    cc = compareSigned(low(f8(raw)), low(f12(raw)))
                    executed &+= 1; slot += 1; at &+= 2; continue
                case .clgr:
                    cc = compareLogical(regs[f24(raw)], regs[f28(raw)])
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .cgr:
                    cc = compareSigned(regs[f24(raw)], regs[f28(raw)])
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .chi:
                    cc = compareSigned(low(f8(raw)), UInt32(truncatingIfNeeded: i16s(raw)))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .cghi:
                    cc = compareSigned(regs[f8(raw)], UInt64(bitPattern: i16s(raw)))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .clfi:
                    cc = compareLogical(low(f8(raw)), UInt32(truncatingIfNeeded: raw))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .la:
                    fastSetAddress(f8(raw), eaRX(raw))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .larl:
                    fastSetAddress(f8(raw), (at &+ UInt64(bitPattern: i32s(raw) &* 2)) & amask)
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .l:
                    setLow(f8(raw), try fastLoad(eaRX(raw), at, 4, as: UInt32.self))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .cli:
                    cc = compareLogical(try fastLoad(eaRS(raw), at, 4, as: UInt8.self), UInt8(truncatingIfNeeded: i8at8(raw)))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .llgc:
                    regs[f8(raw)] = UInt64(try fastLoad(eaRXY(raw), at, 6, as: UInt8.self))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .lg:
                    regs[f8(raw)] = try fastLoad(eaRXY(raw), at, 6, as: UInt64.self)
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .st:
                    if _slowPath(!(try fastStore(low(f8(raw)), eaRX(raw), at, 4))) { executed &+= 1; break block }
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .stc:
                    if _slowPath(!(try fastStore(UInt8(truncatingIfNeeded: regs[f8(raw)]), eaRX(raw), at, 4))) { executed &+= 1; break block }
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .mvi:
                    if _slowPath(!(try fastStore(UInt8(truncatingIfNeeded: i8at8(raw)), eaRS(raw), at, 4))) { executed &+= 1; break block }
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .stg:
                    if _slowPath(!(try fastStore(regs[f8(raw)], eaRXY(raw), at, 6))) { executed &+= 1; break block }
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .ldr:
                    let (r1, r2) = (f8(raw), f12(raw))
                    if _slowPath(cr[0] & 0x40000 == 0 && (r1 | r2) & 9 != 0) { try fastAFPException(at, 2) }
                    f[r1] = f[r2]
                    executed &+= 1; slot += 1; at &+= 2; continue
                case .ld:
                    let r1 = f8(raw)
                    if _slowPath(cr[0] & 0x40000 == 0 && r1 & 9 != 0) { try fastAFPException(at, 4) }
                    f[r1] = try fastLoad(eaRX(raw), at, 4, as: UInt64.self)
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .std:
                    let r1 = f8(raw)
                    if _slowPath(cr[0] & 0x40000 == 0 && r1 & 9 != 0) { try fastAFPException(at, 4) }
                    if _slowPath(!(try fastStore(f[r1], eaRX(raw), at, 4))) { executed &+= 1; break block }
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .agrk:
                    let (v, c) = addSigned(regs[f28(raw)], regs[f16(raw)])
                    regs[f24(raw)] = v
                    cc = c; if _slowPath(c == 3) { try fastOverflow(at: at, next: at &+ 4) }
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .sgrk:
                    let (v, c) = subtractSigned(regs[f28(raw)], regs[f16(raw)])
                    regs[f24(raw)] = v
                    cc = c; if _slowPath(c == 3) { try fastOverflow(at: at, next: at &+ 4) }
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .srl:
                    let n = shiftRS(raw)
                    setLow(f8(raw), n >= 32 ? 0 : low(f8(raw)) &>> UInt32(truncatingIfNeeded: n))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .sll:
                    let n = shiftRS(raw)
                    setLow(f8(raw), n >= 32 ? 0 : low(f8(raw)) &<< UInt32(truncatingIfNeeded: n))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .sllg:
                    regs[f8(raw)] = regs[f12(raw)] &<< shiftRSY(raw)
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .srlg:
                    regs[f8(raw)] = regs[f12(raw)] &>> shiftRSY(raw)
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .ngr:
                    let v = regs[f24(raw)] & regs[f28(raw)]
                    regs[f24(raw)] = v
                    cc = v == 0 ? 0 : 1
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .ogr:
                    let v = regs[f24(raw)] | regs[f28(raw)]
                    regs[f24(raw)] = v
                    cc = v == 0 ? 0 : 1
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .xgr:
                    let v = regs[f24(raw)] ^ regs[f28(raw)]
                    regs[f24(raw)] = v
                    cc = v == 0 ? 0 : 1
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .ly:
                    setLow(f8(raw), try fastLoad(eaRXY(raw), at, 6, as: UInt32.self))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .llgf:
                    regs[f8(raw)] = UInt64(try fastLoad(eaRXY(raw), at, 6, as: UInt32.self))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .ag:
                    let r1 = f8(raw)
                    let (v, c) = addSigned(regs[r1], try fastLoad(eaRXY(raw), at, 6, as: UInt64.self))
                    regs[r1] = v
                    cc = c; if _slowPath(c == 3) { try fastOverflow(at: at, next: at &+ 6) }
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .laB:
                    fastSetAddress(f8(raw), eaRS(raw))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .lB:
                    setLow(f8(raw), try fastLoad(eaRS(raw), at, 4, as: UInt32.self))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .stB:
                    if _slowPath(!(try fastStore(low(f8(raw)), eaRS(raw), at, 4))) { executed &+= 1; break block }
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .stcB:
                    if _slowPath(!(try fastStore(UInt8(truncatingIfNeeded: regs[f8(raw)]), eaRS(raw), at, 4))) { executed &+= 1; break block }
                    executed &+= 1; slot += 2; at &+= 4; continue
                // Logical and shifts: the table's own helpers.
                case .xr:
                    logicalLow(self, f8(raw), low(f8(raw)) ^ low(f12(raw)))
                    executed &+= 1; slot += 1; at &+= 2; continue
                case .nr:
                    logicalLow(self, f8(raw), low(f8(raw)) & low(f12(raw)))
                    executed &+= 1; slot += 1; at &+= 2; continue
                case .or:
                    logicalLow(self, f8(raw), low(f8(raw)) | low(f12(raw)))
                    executed &+= 1; slot += 1; at &+= 2; continue
                case .xrk:
                    logicalLow(self, f24(raw), low(f28(raw)) ^ low(f16(raw)))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .nrk:
                    logicalLow(self, f24(raw), low(f28(raw)) & low(f16(raw)))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .ork:
                    logicalLow(self, f24(raw), low(f28(raw)) | low(f16(raw)))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .xgrk:
                    logical64(self, f24(raw), regs[f28(raw)] ^ regs[f16(raw)])
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .ngrk:
                    logical64(self, f24(raw), regs[f28(raw)] & regs[f16(raw)])
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .ogrk:
                    logical64(self, f24(raw), regs[f28(raw)] | regs[f16(raw)])
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .sra:
                    shiftRightArithmetic32(self, f8(raw), low(f8(raw)), shiftRS(raw))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .rll:
                    let v = low(f12(raw)), n = UInt32(truncatingIfNeeded: shiftRSY(raw)) & 31
                    setLow(f8(raw), n == 0 ? v : (v &<< n) | (v &>> (32 - n)))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .rllg:
                    regs[f8(raw)] = rotateLeft64(regs[f12(raw)], shiftRSY(raw))
                    executed &+= 1; slot += 3; at &+= 6; continue
                // Storage operands.
                case .a:
                    let r1 = f8(raw)
                    let (v, c) = addSigned(low(r1), try fastLoad(eaRX(raw), at, 4, as: UInt32.self))
                    setLow(r1, v)
                    cc = c; if _slowPath(c == 3) { try fastOverflow(at: at, next: at &+ 4) }
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .sg:
                    let r1 = f8(raw)
                    let (v, c) = subtractSigned(regs[r1], try fastLoad(eaRXY(raw), at, 6, as: UInt64.self))
                    regs[r1] = v
                    cc = c; if _slowPath(c == 3) { try fastOverflow(at: at, next: at &+ 6) }
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .lh:
                    setLow(f8(raw), sx16to32(try fastLoad(eaRX(raw), at, 4, as: UInt16.self)))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .sth:
                    if _slowPath(!(try fastStore(UInt16(truncatingIfNeeded: regs[f8(raw)]), eaRX(raw), at, 4))) { executed &+= 1; break block }
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .ic:
                    let b = try fastLoad(eaRX(raw), at, 4, as: UInt8.self), r1 = f8(raw)
                    regs[r1] = (regs[r1] & ~0xFF) | UInt64(b)
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .llc:
                    setLow(f8(raw), UInt32(try fastLoad(eaRXY(raw), at, 6, as: UInt8.self)))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .cg:
                    cc = compareSigned(regs[f8(raw)], try fastLoad(eaRXY(raw), at, 6, as: UInt64.self))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .clg:
                    cc = compareLogical(regs[f8(raw)], try fastLoad(eaRXY(raw), at, 6, as: UInt64.self))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .lgf:
                    regs[f8(raw)] = sx32(try fastLoad(eaRXY(raw), at, 6, as: UInt32.self))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .lgh:
                    regs[f8(raw)] = sx16(try fastLoad(eaRXY(raw), at, 6, as: UInt16.self))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .llgh:
                    regs[f8(raw)] = UInt64(try fastLoad(eaRXY(raw), at, 6, as: UInt16.self))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .lrv:
                    setLow(f8(raw), try fastLoad(eaRXY(raw), at, 6, as: UInt32.self).byteSwapped)
                    executed &+= 1; slot += 3; at &+= 6; continue
                // Compare and branch (relative, RIE-b: I4 at bits 16-31, M3 at 32-35).
                case .clrj:
                    executed &+= 1
                    if Int(compareLogical(low(f8(raw)), low(f12(raw)))).bitMask & f32(raw) != 0 {
                        if fastBranch(raw, &slot, &at) { continue } else { break block }
                    }
                    slot += 3; at &+= 6; continue
                case .clgrj:
                    executed &+= 1
                    if Int(compareLogical(regs[f8(raw)], regs[f12(raw)])).bitMask & f32(raw) != 0 {
                        if fastBranch(raw, &slot, &at) { continue } else { break block }
                    }
                    slot += 3; at &+= 6; continue
                case .msr:
                    let r1 = f24(raw)
                    setLow(r1, low(r1) &* low(f28(raw)))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .llhr:
                    setLow(f24(raw), low(f28(raw)) & 0xFFFF)
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .lhr:
                    setLow(f24(raw), sx16to32(UInt16(truncatingIfNeeded: regs[f28(raw)])))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .llghr:
                    regs[f24(raw)] = regs[f28(raw)] & 0xFFFF
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .iilf:
                    setLow(f8(raw), UInt32(truncatingIfNeeded: raw))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .lgfi:
                    regs[f8(raw)] = UInt64(bitPattern: i32s(raw))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .llilf:
                    regs[f8(raw)] = i32u(raw)
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .llill:
                    regs[f8(raw)] = i16u(raw)
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .nilf:
                    logicalLow(self, f8(raw), low(f8(raw)) & UInt32(truncatingIfNeeded: i32u(raw)))
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .n:
                    let v = try fastLoad(eaRX(raw), at, 4, as: UInt32.self)
                    logicalLow(self, f8(raw), low(f8(raw)) & v)
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .nill:
                    andHalfword(self, f8(raw), i16u(raw), 0)
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .oill:
                    orHalfword(self, f8(raw), i16u(raw), 0)
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .tmll:
                    testUnderMaskHalfword(self, regs[f8(raw)], i16u(raw))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .alr:
                    addLogical32(self, f8(raw), low(f8(raw)), low(f12(raw)))
                    executed &+= 1; slot += 1; at &+= 2; continue
                case .algr:
                    addLogical64(self, f24(raw), regs[f24(raw)], regs[f28(raw)])
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .algfr:
                    addLogical64(self, f24(raw), regs[f24(raw)], UInt64(low(f28(raw))))
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .slr:
                    subLogical32(self, f8(raw), low(f8(raw)), low(f12(raw)))
                    executed &+= 1; slot += 1; at &+= 2; continue
                case .slgr:
                    subLogical64(self, f24(raw), regs[f24(raw)], regs[f28(raw)])
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .mvhhi:
                    if _slowPath(!(try fastStore(UInt16(truncatingIfNeeded: raw), eaRS(raw), at, 6))) { executed &+= 1; break block }
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .mvhi:
                    if _slowPath(!(try fastStore(UInt32(truncatingIfNeeded: i32s16(raw)), eaRS(raw), at, 6))) { executed &+= 1; break block }
                    executed &+= 1; slot += 3; at &+= 6; continue
                case .mvghi:
                    if _slowPath(!(try fastStore(UInt64(bitPattern: i32s16(raw)), eaRS(raw), at, 6))) { executed &+= 1; break block }
                    executed &+= 1; slot += 3; at &+= 6; continue
                // Compare immediate and branch (RIE-c: M3 at bits 12-15, I4 at 16-31, I2 at 32-39).
                case .cij:
                    executed &+= 1
                    let c = compareSigned(UInt64(bitPattern: Int64(Int32(bitPattern: low(f8(raw))))), UInt64(bitPattern: i8at32s(raw)))
                    if Int(c).bitMask & f12(raw) != 0 {
                        if fastBranch(raw, &slot, &at) { continue } else { break block }
                    }
                    slot += 3; at &+= 6; continue
                case .cgij:
                    executed &+= 1
                    if Int(compareSigned(regs[f8(raw)], UInt64(bitPattern: i8at32s(raw)))).bitMask & f12(raw) != 0 {
                        if fastBranch(raw, &slot, &at) { continue } else { break block }
                    }
                    slot += 3; at &+= 6; continue
                case .clij:
                    executed &+= 1
                    if Int(compareLogical(UInt64(low(f8(raw))), i8at32u(raw))).bitMask & f12(raw) != 0 {
                        if fastBranch(raw, &slot, &at) { continue } else { break block }
                    }
                    slot += 3; at &+= 6; continue
                case .u114, .u115, .u116, .u117, .u118, .u119, .u120, .u121, .u122, .u123, .u124, .u125, .u126, .u127:
                    preconditionFailure("dispatch key without an operation")
                case .call1: halfwords = 1
                case .call2: halfwords = 2
                case .call3: halfwords = 3
                case .ldgr:
                    let r1 = f24(raw)
                    if _slowPath(cr[0] & 0x40000 == 0 && r1 & 9 != 0) { try fastAFPException(at, 4) }
                    f[r1] = regs[f28(raw)]
                    executed &+= 1; slot += 2; at &+= 4; continue
                case .lgdr:
                    let r2 = f28(raw)
                    if _slowPath(cr[0] & 0x40000 == 0 && r2 & 9 != 0) { try fastAFPException(at, 4) }
                    regs[f24(raw)] = f[r2]
                    executed &+= 1; slot += 2; at &+= 4; continue
                // BFP: the host fast path of the table semantics (round to
                // nearest even, normal results, inexact at most with its
                // mask off); anything else goes to the call below, which
                // does it all again from the start (nothing changed yet).
                case .adbr:
                    if fastBFPLong(raw, .add) { executed &+= 1; slot += 2; at &+= 4; continue }
                    halfwords = 2
                case .sdbr:
                    if fastBFPLong(raw, .subtract) { executed &+= 1; slot += 2; at &+= 4; continue }
                    halfwords = 2
                case .mdbr:
                    if fastBFPLong(raw, .multiply) { executed &+= 1; slot += 2; at &+= 4; continue }
                    halfwords = 2
                case .ddbr:
                    if fastBFPLong(raw, .divide) { executed &+= 1; slot += 2; at &+= 4; continue }
                    halfwords = 2
                case .kdb:
                    // COMPARE AND SIGNAL (long, storage): no NaN, no exception.
                    if cr[0] & 0x40000 != 0 {
                        let a = Double(bitPattern: f[f8(raw)])
                        let b = Double(bitPattern: try fastLoad(eaRX(raw), at, 6, as: UInt64.self))
                        if !a.isNaN && !b.isNaN {
                            cc = a == b ? 0 : (a < b ? 1 : 2)
                            executed &+= 1; slot += 3; at &+= 6; continue
                        }
                    }
                    halfwords = 3
                }

                let step = halfwords &<< 1
                ia = at
                pc = at &+ step
                try slot.pointee.semantics(self, raw)
                executed &+= 1
                // (pc - at, not a saved `next`: one register fewer across the call.)
                if _slowPath(pc &- at != step) {
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
                switch halfwords {
                case 1: slot += 1; at &+= 2
                case 2: slot += 2; at &+= 4
                default: slot += 3; at &+= 6
                }
            }
        }
    }

    // MARK: Inline operations' arithmetic (as the general family's helpers)

    /// A taken relative branch of an inline operation (BRC, BRCT, BRCTG: the
    /// 16-bit offset at bits 16-31): continues in the block when the target
    /// is on the page and no other thread wants attention (true); else sets
    /// ia and pc for the block's end (false).
    @inline(__always)
    private func fastBranch(_ raw: UInt64, _ slot: inout UnsafeMutablePointer<Slot>, _ at: inout UInt64) -> Bool {
        breakingEvent = at
        let halfwordOffset = Int(Int16(truncatingIfNeeded: raw >> 16))
        let target = at &+ UInt64(bitPattern: Int64(halfwordOffset &* 2))
        if (target ^ at) & ~0xFFF == 0, attention.load(ordering: .relaxed) == 0 {
            slot += halfwordOffset
            at = target
            return true
        }
        ia = at
        pc = target & amask
        return false
    }

    @inline(__always) private func fastSetAddress(_ r1: Int, _ a: UInt64) {
        if amask == ~0 { r[r1] = a } else { setLow(r1, UInt32(truncatingIfNeeded: a)) }
    }

    /// A storage operand of an inline operation: the TLB fast path, or, on a
    /// miss, ia and pc for a possible access exception and the slow path.
    @inline(__always)
    private func fastLoad<T: FixedWidthInteger>(_ ea: UInt64, _ at: UInt64, _ length: UInt64, as: T.Type) throws(Interruption) -> T {
        if let v: T = loadIfMapped(ea) { return v }
        ia = at
        pc = at &+ length
        return try loadSlow(ea)
    }

    /// Stores for an inline operation: the TLB fast path, or, on a miss, ia
    /// and pc set and the slow path. False if the block must end (the store
    /// changed a frame holding decoded code: only the slow path can).
    @inline(__always)
    private func fastStore<T: FixedWidthInteger>(_ value: T, _ ea: UInt64, _ at: UInt64, _ length: UInt64) throws(Interruption) -> Bool {
        if storeIfMapped(value, ea) { return true }
        ia = at
        pc = at &+ length
        try storeSlow(value, ea)
        return !endBlock
    }

    /// ADBR/SDBR/MDBR/DDBR when the host computes them exactly as the table
    /// semantics' fast path does (AFP control on, FPC rounding to nearest
    /// even, HostBFP result, no exception beyond inexact with its mask off):
    /// result, cc (add, subtract), inexact flag. False: nothing changed.
    @inline(__always)
    private func fastBFPLong(_ raw: UInt64, _ op: BFPBinaryOp) -> Bool {
        guard cr[0] & 0x40000 != 0, fpc & FPC.bfpRounding == UInt32(BFPRound.nearestEven) else { return false }
        let r1 = f24(raw)
        guard let (res, exc) = HostBFP.long(f[r1], f[f28(raw)], op) else { return false }
        if exc != 0 && (exc | IEEE.incremented != IEEE.inexact | IEEE.incremented || ieeeMasks & IEEE.inexact != 0) { return false }
        f[r1] = res
        if op == .add || op == .subtract { cc = res >> 63 != 0 ? 1 : 2 }
        if exc != 0 { setIEEEFlags(IEEE.inexact) }
        return true
    }

    /// AFP-register control off and an FPR other than 0, 2, 4, 6 named.
    private func fastAFPException(_ at: UInt64, _ length: UInt64) throws(Interruption) {
        ia = at
        pc = at &+ length
        throw Interruption.program(.data, dxc: 1)
    }

    /// A signed overflow (cc 3 set, the result stored): the fixed-point-
    /// overflow interruption when the program mask enables it.
    @inline(__always) private func fastOverflow(at: UInt64, next: UInt64) throws(Interruption) {
        if mask & fixedPointOverflowMask != 0 {
            ia = at
            pc = next
            throw Interruption.program(.fixedPointOverflow)
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
            if end < 4096 {
                s.raw |= FastOp.key(s.raw, length: end - offset, index: set.lookup(s.raw), set: set) << Slot.keyShift
            }
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

private extension Int {
    /// The branch-mask bit of condition code `self` (cc 0 is mask bit 8).
    var bitMask: Int { 8 &>> self }
}
