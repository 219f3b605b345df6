/// Dynamic address translation (PoP chapter 3): the guest's own region,
/// segment and page tables, walked on a TLB miss. Table entries are fetched
/// from absolute storage (no prefixing).
extension VirtualCPU {
    /// Which address space an access uses, from the PSW address-space control.
    /// Instructions come from the primary space in secondary-space mode.
    @inline(__always) func asceIndex(_ kind: AccessKind) -> Int {
        switch (mask >> 46) & 3 {
        case 2: return kind == .instruction ? 1 : 7     // secondary
        case 3: return 13                                // home
        default: return 1                                // primary (and AR mode as primary)
        }
    }

    func translateDAT(_ logical: UInt64, _ kind: AccessKind, asceControlRegister index: Int) throws(Interruption) -> UInt64 {
        let asce = cr[index]
        let asceID: UInt64 = index == 7 ? 2 : (index == 13 ? 3 : 0)
        let tecBase = (logical & ~0xFFF) | asceID | (kind == .store ? TEC.store : TEC.fetch)
        return try walkTables(asce: asce, logical: logical, store: kind == .store, tec: tecBase)
    }

    /// Enhanced DAT 1 applies: installed, and switched on by CR0 bit 40.
    var enhancedDAT1: Bool { vm.installed.enhancedDAT1 && cr[0] & ControlRegister0.enhancedDAT != 0 }

    /// The table walk itself, also used by LRA and TPROT. The result is a
    /// real address, or an absolute one when `datResultIsAbsolute` (a
    /// segment frame under EDAT-1).
    func walkTables(asce: UInt64, logical: UInt64, store: Bool, tec: UInt64) throws(Interruption) -> UInt64 {
        datResultIsAbsolute = false
        if asce & ASCE.realSpace != 0 { return logical }
        let edat1 = enhancedDAT1
        let mem = vm.memory
        func entry(_ address: UInt64) throws(Interruption) -> UInt64 {
            guard let e: UInt64 = mem.load(address) else { throw Interruption.program(.addressing) }
            return e
        }
        var level = Int((asce >> 2) & 3)        // 3 region-1st, 2 region-2nd, 1 region-3rd, 0 segment
        var origin = asce & ~0xFFF
        var tableLength = asce & 3
        var tableOffset: UInt64 = 0
        // Index bits above the designated table's level must be zero.
        let highBits: UInt64
        switch level {
        case 0: highBits = logical >> 31
        case 1: highBits = logical >> 42
        case 2: highBits = logical >> 53
        default: highBits = 0
        }
        if highBits != 0 { throw Interruption.program(.asceType, tec: tec) }
        var protected = false
        while level > 0 {
            let idx = (logical >> UInt64(20 + 11 * level)) & 0x7FF
            let code: ProgramCode = level == 3 ? .regionFirstTranslation : (level == 2 ? .regionSecondTranslation : .regionThirdTranslation)
            let top = idx >> 9
            datFaultEntry = origin + idx * 8
            if top < tableOffset || top > tableLength { datFaultLength = true; throw Interruption.program(code, tec: tec) }
            datFaultLength = false
            let e = try entry(origin + idx * 8)
            if e & RegionEntry.invalid != 0 { throw Interruption.program(code, tec: tec) }
            if (e >> 2) & 3 != UInt64(level) { throw Interruption.program(.translationSpecification, tec: tec) }
            // EDAT-1 gives region entries a DAT-protection bit too.
            if edat1 && e & RegionEntry.protection != 0 { protected = true }
            origin = e & ~0xFFF
            tableOffset = (e >> 6) & 3
            tableLength = e & 3
            level -= 1
        }
        let sx = (logical >> 20) & 0x7FF
        datFaultEntry = origin + sx * 8
        if sx >> 9 < tableOffset || sx >> 9 > tableLength { datFaultLength = true; throw Interruption.program(.segmentTranslation, tec: tec) }
        datFaultLength = false
        let se = try entry(origin + sx * 8)
        if se & SegmentEntry.invalid != 0 { throw Interruption.program(.segmentTranslation, tec: tec) }
        if (se >> 2) & 3 != 0 { throw Interruption.program(.translationSpecification, tec: tec) }
        // A common segment may not be used in a private space.
        if se & SegmentEntry.common != 0 && asce & ASCE.privateSpace != 0 {
            throw Interruption.program(.translationSpecification, tec: tec)
        }
        if se & SegmentEntry.protection != 0 { protected = true }
        if edat1 && se & SegmentEntry.formatControl != 0 {
            // A 1 MB segment frame: its absolute address and the byte's
            // offset in it. ACC and F in the entry count only with the
            // ACCF-validity bit (Linux keeps software bits there).
            if protected && store { throw Interruption.program(.protection, tec: tec | TEC.datProtection) }
            datResultIsAbsolute = true
            return (se & SegmentEntry.frameAddress) | (logical & 0xF_FFFF)
        }
        let px = (logical >> 12) & 0xFF
        datFaultEntry = (se & ~0x7FF) + px * 8
        let pte = try entry((se & ~0x7FF) + px * 8)
        if pte & PageEntry.invalid != 0 { throw Interruption.program(.pageTranslation, tec: tec) }
        if pte & PageEntry.mustBeZero != 0 { throw Interruption.program(.translationSpecification, tec: tec) }
        if pte & PageEntry.protection != 0 { protected = true }
        if protected && store { throw Interruption.program(.protection, tec: tec | TEC.datProtection) }
        return (pte & ~0xFFF) | (logical & 0xFFF)
    }
}

enum ASCE {
    static let privateSpace: UInt64 = 0x100
    static let realSpace: UInt64 = 0x20
}
enum RegionEntry {
    static let invalid: UInt64 = 0x20
    /// Bit 54, under EDAT-1.
    static let protection: UInt64 = 0x200
}
enum SegmentEntry {
    static let invalid: UInt64 = 0x20
    /// Bit 53 (EDAT-1): 1 = the entry maps a 1 MB segment frame.
    static let formatControl: UInt64 = 0x400
    /// Bits 0-43 of a format-control-1 entry: the segment-frame absolute address.
    static let frameAddress: UInt64 = 0xFFFF_FFFF_FFF0_0000
    static let protection: UInt64 = 0x200
    static let common: UInt64 = 0x10
}
enum PageEntry {
    static let invalid: UInt64 = 0x400
    static let protection: UInt64 = 0x200
    static let mustBeZero: UInt64 = 0x800
}
