import Glibc

/// SET STORAGE KEY EXTENDED and PERFORM FRAME MANAGEMENT FUNCTION: the
/// instructions that set storage keys, with the conditional form
/// (facility 10), the multiple-block form and PFMF (EDAT-1, facility 8).
/// The nonquiescing bit (facility 14) is honoured by quiescing anyway,
/// which the architecture allows.
extension VirtualCPU {
    /// M3 bits of SSKE (bit 0, 0x8, nonquiescing, needs no action).
    enum KeySettingControl {
        static let referenceMask = 0x4     // MR: a difference in R alone does not set the key
        static let changeMask = 0x2        // MC: likewise for C
        static let multipleBlock = 0x1     // MB (EDAT-1)
    }

    /// Sets the key of `frame` to `new` (bit 7 ignored). Conditional (MR or
    /// MC given): the key is left alone when ACC and F, and R and C unless
    /// masked, are already equal. Returns whether the key was set.
    @discardableResult
    private func setKey(frame: Int, to new: UInt8, conditional: Bool, mr: Bool, mc: Bool) -> Bool {
        let old = vm.storageKeys[frame]
        if conditional {
            let compared: UInt8 = StorageKey.accessControl | StorageKey.fetchProtection
                | (mr ? 0 : StorageKey.reference) | (mc ? 0 : StorageKey.change)
            if (old ^ new) & compared == 0 { return false }
        }
        vm.storageKeys[frame] = new & 0xFE
        vm.noteHostDirty(frame: frame)
        return true
    }

    /// SSKE R1,R2,M3.
    func setStorageKeyExtended(r1: Int, r2: Int, m3: Int) throws(Interruption) {
        let facilities = vm.installed
        let conditional = facilities.conditionalSSKE && m3 & (KeySettingControl.referenceMask | KeySettingControl.changeMask) != 0
        let mr = m3 & KeySettingControl.referenceMask != 0
        let mc = m3 & KeySettingControl.changeMask != 0
        let newKey = UInt8(truncatingIfNeeded: r[r1]) & 0xFE
        let address = r[r2] & amask & ~0xFFF
        var changed = false
        defer { if changed { vm.purgeTLBs(from: self) } }

        if facilities.enhancedDAT1 && m3 & KeySettingControl.multipleBlock != 0 {
            // Every 4 KiB block from the absolute address in R2 (no
            // prefixing) up to the next 1 MB boundary; R2 then designates
            // that boundary. A block outside storage stops it there (the
            // keys before it stay set, R2 unchanged).
            let end = (address &+ 0x10_0000) & ~0xF_FFFF
            var block = address
            while block != end {
                guard block < vm.memory.size else { throw Interruption.program(.addressing) }
                let frame = Int(block >> 12), old = vm.storageKeys[frame]
                setKey(frame: frame, to: newKey, conditional: conditional, mr: mr, mc: mc)
                changed = changed || old != vm.storageKeys[frame]
                block &+= 0x1000
            }
            if amask == ~0 {
                r[r2] = (r[r2] & 0xFFF) | end
            } else {
                r[r2] = (r[r2] & 0xFFFF_FFFF_0000_0FFF) | (end & amask & 0xFFFF_F000)
            }
            // The conditional form over several blocks: cc 3, the old key
            // in R1 unpredictable (left unchanged).
            if conditional { cc = 3 }
            return
        }

        let frame = try keyFrame(address)
        let old = vm.storageKeys[frame]
        if conditional {
            // R1 bits 48-55: the key before, whether or not it is set.
            r[r1] = (r[r1] & ~0xFF00) | UInt64(old & 0xFE) << 8
            cc = setKey(frame: frame, to: newKey, conditional: true, mr: mr, mc: mc) ? 1 : 0
        } else {
            setKey(frame: frame, to: newKey, conditional: false, mr: false, mc: false)
        }
        changed = old != vm.storageKeys[frame]
    }

    /// Bits of PFMF's R1 (bits 32-63).
    enum FrameManagement {
        static let reserved: UInt64 = 0xFFFC_0101
        static let setKey: UInt64 = 0x2_0000
        static let clearFrame: UInt64 = 0x1_0000
        static let frameSizeShift: UInt64 = 12     // FSC, 3 bits: 0 4 KiB, 1 1 MB, 2 2 GB (EDAT-2)
        static let nonquiescing: UInt64 = 0x800
        static let referenceMask: UInt64 = 0x400
        static let changeMask: UInt64 = 0x200
    }

    /// PFMF R1,R2: clear frames and/or set their keys, for one 4 KiB frame
    /// (a real address) or up to the end of a 1 MB frame (absolute
    /// addresses; R2 then designates the next one).
    func performFrameManagementFunction(r1: Int, r2: Int) throws(Interruption) {
        let facilities = vm.installed
        guard facilities.enhancedDAT1 else { throw Interruption.program(.operation) }
        let controls = r[r1]
        if controls & FrameManagement.reserved != 0 { throw Interruption.program(.specification) }
        if controls & FrameManagement.nonquiescing != 0 && !facilities.nonquiescingKeySetting {
            throw Interruption.program(.specification)
        }
        let setsKey = controls & FrameManagement.setKey != 0
        let clears = controls & FrameManagement.clearFrame != 0
        let conditional = setsKey && facilities.conditionalSSKE
            && controls & (FrameManagement.referenceMask | FrameManagement.changeMask) != 0
        let mr = controls & FrameManagement.referenceMask != 0
        let mc = controls & FrameManagement.changeMask != 0
        let newKey = UInt8(truncatingIfNeeded: controls) & 0xFE
        var start = r[r2] & amask & ~0xFFF
        if clears, cr[0] & ControlRegister0.lowAddressProtection != 0, start & ~0x11FF == 0 {
            throw Interruption.program(.protection, tec: start | TEC.store | TEC.lowAddressProtection)
        }
        let end: UInt64
        let frameSize = (controls >> FrameManagement.frameSizeShift) & 7
        switch frameSize {
        case 0:
            start = absolute(real: start)
            end = start &+ 0x1000
        case 1:
            end = (start &+ 0x10_0000) & ~0xF_FFFF
        default:
            // 2 GB frames need EDAT-2, which is not installed.
            throw Interruption.program(.specification)
        }
        var changed = false
        defer { if changed { vm.purgeTLBs(from: self) } }
        var block = start
        while block != end {
            guard block < vm.memory.size else { throw Interruption.program(.addressing) }
            let frame = Int(block >> 12)
            let old = vm.storageKeys[frame]
            if clears {
                memset(vm.memory.host(block), 0, 0x1000)
                vm.storageKeys[frame] = old | StorageKey.reference | StorageKey.change
                vm.noteHostDirty(frame: frame)
                vm.storageChanged(absolute: block, length: 0x1000)
            }
            if setsKey {
                setKey(frame: frame, to: newKey, conditional: conditional, mr: mr, mc: mc)
            }
            changed = changed || old != vm.storageKeys[frame]
            block &+= 0x1000
        }
        if frameSize != 0 {
            if amask == ~0 {
                r[r2] = end
            } else {
                r[r2] = (r[r2] & 0xFFFF_FFFF_0000_0000) | (end & amask)
            }
        }
    }
}
