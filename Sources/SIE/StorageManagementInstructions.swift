import CGuestAtomics
import Glibc

/// Storage management: TLB purging, page-table entry invalidation, storage
/// keys, address translation queries and moves across address spaces.
let storageManagementInstructions: [InstructionDefinition] = [
    .init("PTLB", "B20D", .S, .privileged, syntax: "") { cpu, raw throws(Interruption) in
        cpu.flushTLB()
    },
    .init("IPTE", "B221", .RRFa, .privileged, syntax: "R1,R2,R3?,M4?") { cpu, raw throws(Interruption) in
        // R1: page-table origin; R2: the page index in bits 44-51. (The
        // IPTE-range and local-clearing facilities are not offered.)
        let table = cpu.r[f24(raw)] & ~0x7FF
        let index = (cpu.r[f28(raw)] >> 12) & 0xFF
        let entry = table &+ index * 8
        guard let pte: UInt64 = cpu.vm.memory.load(entry) else { throw Interruption.program(.addressing) }
        cpu.vm.memory.store(pte | PageEntry.invalid, at: entry)
        cpu.vm.purgeTLBs(from: cpu)
    },
    .init("IDTE", "B98E", .RRFb, .privileged, syntax: "R1,R3,R2,M4?") { cpu, raw throws(Interruption) in
        let r1 = f24(raw), r2 = f28(raw)
        if cpu.r[r2] & 0xF_F000 != 0 { throw Interruption.program(.specification) }   // bits 44-51
        if cpu.r[r2] & 0x800 == 0 {
            // Invalidate region/segment entries: R1 designates the table
            // (origin, type), R2 the first index and the number of
            // additional entries (bits 53-63).
            let designation = cpu.r[r1]
            let type = (designation >> 2) & 3
            let origin = designation & ~0xFFF
            let va = cpu.r[r2]
            let shift: UInt64 = 20 + 11 * type
            let first = (va >> shift) & 0x7FF
            let count = (cpu.r[r2] & 0x7FF) + 1
            for k in 0..<count where first + k < 2048 {
                let at = origin &+ (first + k) * 8
                guard let e: UInt64 = cpu.vm.memory.load(at) else { throw Interruption.program(.addressing) }
                cpu.vm.memory.store(e | SegmentEntry.invalid, at: at)
            }
        }
        cpu.vm.purgeTLBs(from: cpu)
    },
    .init("CSP", "B250", .RRE, .privileged) { cpu, raw throws(Interruption) in
        try cpu.compareAndSwapAndPurge(raw, wide: false)
    },
    .init("CSPG", "B98A", .RRE, .privileged) { cpu, raw throws(Interruption) in
        try cpu.compareAndSwapAndPurge(raw, wide: true)
    },

    // Storage keys (R2 holds a real address).
    .init("ISKE", "B229", .RRE, .privileged) { cpu, raw throws(Interruption) in
        let frame = try cpu.keyFrame(cpu.r[f28(raw)])
        let r1 = f24(raw)
        cpu.r[r1] = (cpu.r[r1] & ~0xFF) | UInt64(cpu.vm.storageKeys[frame] & 0xFE)
    },
    .init("SSKE", "B22B", .RRFc, .privileged, syntax: "R1,R2,M3?") { cpu, raw throws(Interruption) in
        try cpu.setStorageKeyExtended(r1: f24(raw), r2: f28(raw), m3: f16(raw))
    },
    .init("RRBE", "B22A", .RRE, .privileged) { cpu, raw throws(Interruption) in
        let frame = try cpu.keyFrame(cpu.r[f28(raw)])
        let old = cpu.vm.storageKeys[frame]
        cpu.vm.storageKeys[frame] = old & ~StorageKey.reference
        cpu.cc = (old >> 1) & 3
        // Entries filled before would hide the next reference.
        if old & StorageKey.reference != 0 { cpu.vm.purgeTLBs(from: cpu) }
    },
    .init("PFMF", "B9AF", .RRE, .privileged) { cpu, raw throws(Interruption) in
        try cpu.performFrameManagementFunction(r1: f24(raw), r2: f28(raw))
    },

    // Translation queries
    .init("LRA", "B1", .RXa, .privileged) { cpu, raw throws(Interruption) in
        try cpu.loadRealAddress(f8(raw), cpu.eaRX(raw), wide: false)
    },
    .init("LRAY", "E313", .RXYa, .privileged) { cpu, raw throws(Interruption) in
        try cpu.loadRealAddress(f8(raw), cpu.eaRXY(raw), wide: false)
    },
    .init("LRAG", "E303", .RXYa, .privileged) { cpu, raw throws(Interruption) in
        try cpu.loadRealAddress(f8(raw), cpu.eaRXY(raw), wide: true)
    },
    .init("TPROT", "E501", .SSE, .privileged) { cpu, raw throws(Interruption) in
        try cpu.testProtection(cpu.eaRS(raw), key: UInt8((cpu.eaSS2(raw) >> 4) & 0xF))
    },

    // Real-address loads and stores
    .init("LURA", "B24B", .RRE, .privileged) { cpu, raw throws(Interruption) in
        let a = cpu.r[f28(raw)] & cpu.amask
        if a & 3 != 0 { throw Interruption.program(.specification) }
        let abs = try cpu.resolve(a, .fetch, space: .real, key: 0)
        cpu.setLow(f24(raw), cpu.vm.memory.load(abs)!)
    },
    .init("LURAG", "B905", .RRE, .privileged) { cpu, raw throws(Interruption) in
        let a = cpu.r[f28(raw)] & cpu.amask
        if a & 7 != 0 { throw Interruption.program(.specification) }
        let abs = try cpu.resolve(a, .fetch, space: .real, key: 0)
        cpu.r[f24(raw)] = cpu.vm.memory.load(abs)!
    },
    .init("STURA", "B246", .RRE, .privileged) { cpu, raw throws(Interruption) in
        let a = cpu.r[f28(raw)] & cpu.amask
        if a & 3 != 0 { throw Interruption.program(.specification) }
        let abs = try cpu.resolve(a, .store, space: .real, key: 0)
        cpu.vm.memory.store(cpu.low(f24(raw)), at: abs)
    },
    .init("STURG", "B925", .RRE, .privileged) { cpu, raw throws(Interruption) in
        let a = cpu.r[f28(raw)] & cpu.amask
        if a & 7 != 0 { throw Interruption.program(.specification) }
        let abs = try cpu.resolve(a, .store, space: .real, key: 0)
        cpu.vm.memory.store(cpu.r[f24(raw)], at: abs)
    },

    .init("MVCOS", "C80", .SSF) { cpu, raw throws(Interruption) in
        try cpu.moveWithOptionalSpecifications(raw)
    },
]

extension VirtualMachine {
    /// IPTE, IDTE, CSP, SSKE…: translations may be stale on every vCPU.
    /// The issuing CPU purges at once; every other vCPU that is running
    /// guest code purges before the instruction completes (the issuer waits
    /// for each to acknowledge). A vCPU outside `sie()` purges on entry.
    func purgeTLBs(from issuer: VirtualCPU) {
        issuer.flushTLB()
        var pending: [(VirtualCPU, UInt64)] = []
        for n in 0..<64 {
            guard let cpu = cpuByAddress[n], cpu !== issuer else { continue }
            pending.append((cpu, cpu.requestTLBFlush()))
        }
        for (cpu, seq) in pending {
            while cpu.tlbFlushDone.load(ordering: .acquiring) < seq && cpu.interpreting.load(ordering: .acquiring) {
                issuer.flushIfRequested()
                sched_yield()
            }
        }
    }
}

extension VirtualCPU {
    /// The frame of the real address in `value` (prefixing applies).
    func keyFrame(_ value: UInt64) throws(Interruption) -> Int {
        let abs = absolute(real: value & amask)
        guard abs < vm.memory.size else { throw Interruption.program(.addressing) }
        return Int(abs >> 12)
    }

    /// CSP/CSPG: compare and swap at a real address; purge all TLBs when the
    /// swap happens and bit 63 of R2 asks for it.
    func compareAndSwapAndPurge(_ raw: UInt64, wide: Bool) throws(Interruption) {
        let r1 = f24(raw), r2 = f28(raw)
        try requireEven(r1)
        let address = cpu2Address(r[r2], wide: wide)
        let abs = try resolve(address, .store, space: .real, key: 0)
        let p = vm.memory.host(abs)
        var swapped: Bool
        if wide {
            var expected = r[r1].bigEndian
            swapped = guest_cas64(p, &expected, r[r1 + 1].bigEndian)
            if !swapped { r[r1] = UInt64(bigEndian: expected) }
        } else {
            var expected = low(r1).bigEndian
            swapped = guest_cas32(p, &expected, low(r1 + 1).bigEndian)
            if !swapped { setLow(r1, UInt32(bigEndian: expected)) }
        }
        cc = swapped ? 0 : 1
        if swapped && r[r2] & 1 != 0 { vm.purgeTLBs(from: self) }
    }

    private func cpu2Address(_ v: UInt64, wide: Bool) -> UInt64 {
        (v & amask) & (wide ? ~7 : ~3)
    }

    /// LRA/LRAY/LRAG: translate with the current address-space control,
    /// whatever the DAT bit. An invalid segment- or page-table entry sets
    /// cc 1 or 2 with the entry's address in R1; a segment index beyond the
    /// table, cc 3 with the entry's address in bits 32-63; ASCE-type and
    /// region-translation exceptions, cc 3 with the interruption code and
    /// bit 32 one in bits 32-63 (also for entry addresses that do not fit
    /// 31 bits where only 31 bits are stored). LRA in the 64-bit mode
    /// stores 64 bits as LRAG does.
    func loadRealAddress(_ r1: Int, _ logical: UInt64, wide: Bool) throws(Interruption) {
        let n = asceIndex(.fetch)
        let full = wide || amask == ~0
        do throws(Interruption) {
            let real = try translateDAT(logical, .fetch, asceControlRegister: n)
            if full { r[r1] = real } else {
                if real > 0x7FFF_FFFF { throw Interruption.program(.specialOperation) }
                setLow(r1, UInt32(real))
            }
            cc = 0
        } catch {
            guard error.kind == .program else { throw error }
            var entry = true
            switch ProgramCode(rawValue: error.code) {
            case .segmentTranslation: cc = datFaultLength ? 3 : 1
            case .pageTranslation: cc = 2
            case .asceType, .regionFirstTranslation, .regionSecondTranslation, .regionThirdTranslation:
                cc = 3; entry = false
            default: throw error
            }
            if entry && full && cc != 3 {
                r[r1] = datFaultEntry
            } else if entry && datFaultEntry <= 0x7FFF_FFFF {
                setLow(r1, UInt32(datFaultEntry))
            } else {
                setLow(r1, 0x8000_0000 | UInt32(error.code))
                cc = 3
            }
        }
    }

    /// TPROT: may the access key fetch from / store into the location?
    func testProtection(_ logical: UInt64, key access: UInt8) throws(Interruption) {
        var real = logical
        var storeAllowed = true
        if mask & PSW.dat != 0 {
            do throws(Interruption) {
                real = try walkTables(asce: cr[asceIndex(.fetch)], logical: logical, store: true, tec: 0)
            } catch {
                switch ProgramCode(rawValue: error.code) {
                case .protection:
                    storeAllowed = false
                    real = try walkTables(asce: cr[asceIndex(.fetch)], logical: logical, store: false, tec: 0)
                case .asceType, .regionFirstTranslation, .regionSecondTranslation, .regionThirdTranslation,
                     .segmentTranslation, .pageTranslation:
                    cc = 3
                    return
                default:
                    throw error
                }
            }
        }
        if cr[0] & ControlRegister0.lowAddressProtection != 0, logical & ~0x11FF == 0,
           !(mask & PSW.dat != 0 && cr[asceIndex(.store)] & ASCE.privateSpace != 0) {
            storeAllowed = false
        }
        let abs = absolute(translated: real, datOn: mask & PSW.dat != 0)
        guard abs < vm.memory.size else { throw Interruption.program(.addressing) }
        let key = vm.storageKeys[Int(abs >> 12)]
        var fetchAllowed = true
        if access != 0 && access != key >> 4 {
            storeAllowed = false
            if key & StorageKey.fetchProtection != 0 { fetchAllowed = false }
        }
        cc = fetchAllowed ? (storeAllowed ? 0 : 1) : 2
    }

    /// MVCOS: move up to 4096 bytes between address spaces with the keys and
    /// spaces given by the operand-access controls in GR0 (bits 32-47 for
    /// the first operand, 48-63 for the second); cc 3 if the length in R3
    /// exceeds 4096 (only 4096 bytes were moved).
    func moveWithOptionalSpecifications(_ raw: UInt64) throws(Interruption) {
        let dest = eaRS(raw), src = eaSS2(raw)
        let r3 = f8(raw)
        let length = amask == ~0 ? r[r3] : r[r3] & 0xFFFF_FFFF
        if mask & PSW.dat == 0 { throw Interruption.program(.specialOperation) }
        let oac1 = UInt16(truncatingIfNeeded: r[0] >> 16), oac2 = UInt16(truncatingIfNeeded: r[0])
        // Key and address-space control of each operand: from the OAC where
        // its K or A bit is one, else from the PSW.
        let key1 = oac1 & 0x2 != 0 ? UInt8(oac1 >> 12) : pswKey, key2 = oac2 & 0x2 != 0 ? UInt8(oac2 >> 12) : pswKey
        let asc1 = oac1 & 0x1 != 0 ? UInt64((oac1 >> 6) & 3) : (mask >> 46) & 3
        let asc2 = oac2 & 0x1 != 0 ? UInt64((oac2 >> 6) & 3) : (mask >> 46) & 3
        if problemState && oac1 & 0x1 != 0 && asc1 == 3 { throw Interruption.program(.specialOperation) }
        if cr[0] & ControlRegister0.secondarySpaceControl == 0 && (asc1 == 2 || asc2 == 2) {
            throw Interruption.program(.specialOperation)
        }
        if problemState && (cr[3] & (0x8000_0000 >> UInt64(key1)) == 0 || cr[3] & (0x8000_0000 >> UInt64(key2)) == 0) {
            throw Interruption.program(.privilegedOperation)
        }
        if asc1 == 1 || asc2 == 1 { throw Interruption.program(.specification) }   // AR mode is not offered
        let space1 = Space.asce(controlRegister: asc1 == 2 ? 7 : (asc1 == 3 ? 13 : 1))
        let space2 = Space.asce(controlRegister: asc2 == 2 ? 7 : (asc2 == 3 ? 13 : 1))
        let n = Int(min(length, 4096))
        var k = 0
        while k < n {
            let s = wrap(src &+ UInt64(k)), d = wrap(dest &+ UInt64(k))
            let chunk = min(n - k, 4096 - Int(s & 0xFFF), 4096 - Int(d & 0xFFF))
            let from = try resolve(s, .fetch, space: space2, key: key2)
            let to = try resolve(d, .store, space: space1, key: key1)
            vm.memory.host(to).copyMemory(from: vm.memory.host(from), byteCount: chunk)
            k += chunk
        }
        // The registers are not updated: with cc 3 the program advances
        // the addresses and the length itself.
        cc = length > 4096 ? 3 : 0
    }
}
