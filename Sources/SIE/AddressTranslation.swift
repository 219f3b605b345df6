/// What an access is for: it decides protection checks, the R/C bits set and
/// which TLB half is filled.
enum AccessKind: UInt8 {
    case fetch, store, instruction
}

extension VirtualCPU {
    /// Drops every translation (mode, prefix, control-register or key change).
    func flushTLB() {
        for i in 0..<VirtualCPU.tlbSize {
            tlbRead[i] = TLB.invalid
            tlbWrite[i] = TLB.invalid
        }
        itlbInvalidate()
    }

    /// Drops write translations that lead to `frame` (it now holds code).
    func dropWriteTranslations(frame: Int) {
        let host = Int(bitPattern: vm.memory.origin) + frame << 12
        for i in 0..<VirtualCPU.tlbSize where tlbWrite[i] != TLB.invalid {
            if tlbAddend[i] &+ Int(bitPattern: UInt(tlbWrite[i])) == host { tlbWrite[i] = TLB.invalid }
        }
    }

    /// The absolute address of an access whose address went through DAT
    /// (`datOn`) or not: prefixing, except for a segment frame (EDAT-1),
    /// whose address the table walk gives as absolute already.
    @inline(__always) func absolute(translated address: UInt64, datOn: Bool) -> UInt64 {
        datOn && datResultIsAbsolute ? address : absolute(real: address)
    }

    /// Real address → absolute address (prefixing).
    @inline(__always) func absolute(real: UInt64) -> UInt64 {
        let page = real & ~0x1FFF
        if page == 0 { return real | prefix }
        if page == prefix { return real & 0x1FFF }
        return real
    }

    /// Which translation an access uses: the current PSW's (DAT on or off
    /// and its address-space control), an explicit address space (MVCOS,
    /// LRA), or none (real addresses: LURA, STURA).
    enum Space: Equatable {
        case current
        case asce(controlRegister: Int)
        case real
    }

    /// Full translation of one logical address for an access of `kind`:
    /// DAT, prefixing, the storage limit, protection and the R/C bits. Fills
    /// the TLB entry for the page so that the next access takes the fast path.
    func translate(_ logical: UInt64, _ kind: AccessKind) throws(Interruption) -> UnsafeMutableRawPointer {
        let abs = try resolve(logical, kind, space: .current, key: pswKey)
        let host = vm.memory.host(abs)
        let i = Int(truncatingIfNeeded: logical >> 12) & (VirtualCPU.tlbSize - 1)
        let page = logical & ~0xFFF
        let addend = Int(bitPattern: UInt(bitPattern: host)) &- Int(bitPattern: UInt(logical))
        if kind == .store {
            // Pages 0 and 1 under low-address protection never get write
            // entries: every store there must be checked.
            let lowPages = logical & ~0x1FFF == 0 && cr[0] & ControlRegister0.lowAddressProtection != 0
            if vm.frameHasCode[Int(abs >> 12)] == 0 && !lowPages {
                tlbAddend[i] = addend; tlbWrite[i] = page
                if tlbRead[i] != page { tlbRead[i] = TLB.invalid }
            }
        } else {
            if tlbAddend[i] != addend { tlbWrite[i] = TLB.invalid }
            tlbAddend[i] = addend; tlbRead[i] = page
        }
        return host
    }

    /// Logical → absolute address with every check of an access: low-address
    /// protection, DAT (with DAT protection), prefixing, the storage limit,
    /// key-controlled protection; then sets the reference/change bits and,
    /// for stores, host dirty tracking and decoded-code invalidation.
    func resolve(_ logical: UInt64, _ kind: AccessKind, space: Space, key access: UInt8) throws(Interruption) -> UInt64 {
        let datOn: Bool
        switch space {
        case .current: datOn = mask & PSW.dat != 0
        case .asce: datOn = true
        case .real: datOn = false
        }
        if kind == .store, cr[0] & ControlRegister0.lowAddressProtection != 0, logical & ~0x11FF == 0 {
            let privateSpace: Bool
            switch space {
            case .current: privateSpace = datOn && cr[asceIndex(.store)] & ASCE.privateSpace != 0
            case .asce(let n): privateSpace = cr[n] & ASCE.privateSpace != 0
            case .real: privateSpace = false
            }
            // TEC: the page, a store, bit 56 (low-address protection) and the
            // address space, as QEMU and KVM report it.
            if !privateSpace {
                throw Interruption.program(.protection, tec: (logical & ~0xFFF) | TEC.store | TEC.lowAddressProtection | spaceID(space))
            }
        }
        var real = logical
        if datOn {
            let n: Int
            if case .asce(let cr) = space { n = cr } else { n = asceIndex(kind) }
            real = try translateDAT(logical, kind, asceControlRegister: n)
        }
        let abs = absolute(translated: real, datOn: datOn)
        guard abs < vm.memory.size else { throw Interruption.program(.addressing) }
        let frame = Int(abs >> 12)
        let key = vm.storageKeys[frame]
        if access != 0, access != key >> 4 {
            // Key-controlled protection: stores need a matching key; fetches
            // only when the frame is fetch-protected.
            if kind == .store || key & StorageKey.fetchProtection != 0 {
                throw Interruption.program(.protection, tec: (logical & ~0xFFF) | (kind == .store ? TEC.store : TEC.fetch)
                                           | TEC.keyProtection | spaceID(space))
            }
        }
        if kind == .store {
            vm.storageKeys[frame] = key | StorageKey.reference | StorageKey.change
            vm.noteHostDirty(frame: frame)
            if vm.frameHasCode[frame] != 0 { noteCodeStore(frame: frame) }
        } else if key & StorageKey.reference == 0 {
            vm.storageKeys[frame] = key | StorageKey.reference
        }
        return abs
    }
}

extension VirtualCPU {
    /// TEC bits 62-63 for an access in `space`: 0 primary, 1 AR, 2 secondary, 3 home.
    func spaceID(_ space: Space) -> UInt64 {
        switch space {
        case .current: return (mask >> 46) & 3
        case .asce(let n): return n == 7 ? 2 : (n == 13 ? 3 : 0)
        case .real: return 0
        }
    }
}

enum TLB {
    /// Never equal to a page address (those have the low 12 bits clear).
    static let invalid: UInt64 = ~0
}

enum ControlRegister0 {
    static let lowAddressProtection: UInt64 = 0x1000_0000   // CR0 bit 35
    static let secondarySpaceControl: UInt64 = 0x0400_0000  // CR0 bit 37
    static let enhancedDAT: UInt64 = 0x0080_0000            // CR0 bit 40 (EDAT-1)
}

/// Bits of the translation-exception identification.
enum TEC {
    /// Bit 56: low-address protection; bit 60: key-controlled protection
    /// (bit 61 stays zero for both: not DAT protection).
    static let lowAddressProtection: UInt64 = 0x80
    static let keyProtection: UInt64 = 0x08
    /// Bit 61 (0x4): DAT protection.
    static let datProtection: UInt64 = 0x4
    /// Bits 52-53 (0x800 fetch/0x400 store): store access.
    static let store: UInt64 = 0x400
    static let fetch: UInt64 = 0x800
}
