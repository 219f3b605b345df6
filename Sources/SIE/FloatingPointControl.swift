/// The floating-point-control (FPC) register, the AFP-register control and the
/// IEEE exception actions shared by every binary-floating-point family
/// (short/long in FloatInstructions.swift, extended in
/// ExtendedFloatInstructions.swift). PoP chapter 9 ("Floating-point control
/// register", "IEEE exceptions") and chapter 19.
///
/// ## API for BFP instruction semantics
///
/// FPC layout (`cpu.fpc`, PoP bit p is `1 << (31 - p)`):
///   byte 0 (bits 0-7)   IEEE masks  i z o u x q . .   `cpu.ieeeMasks`
///   byte 1 (bits 8-15)  IEEE flags  i z o u x q . .   `cpu.ieeeFlags`
///   byte 2 (bits 16-23) data-exception code (DXC)
///   byte 3 (bits 24-31) 0, DFP rounding mode (25-27), 0, BFP rounding mode (29-31)
/// `FPC.isValid(v)` tells whether a value may be loaded (SFPC, LFPC, SFASR).
///
/// IEEE exceptions are passed around as one `UInt8` in the bit positions of
/// the mask/flag/DXC bytes (`IEEE.invalid` 0x80, `.divideByZero` 0x40,
/// `.overflow` 0x20, `.underflow` 0x10, `.inexact` 0x08, `.incremented` 0x04).
/// `.underflow` means *tiny* (the exact result is nonzero and below the
/// smallest normal magnitude: tininess before rounding), whether or not the
/// result is exact: the helpers decide whether that is an underflow exception
/// (mask on: always; mask off: only with `.inexact`). `.incremented` means the
/// delivered magnitude is greater than the exact one (the "y" bit of the DXC).
///
/// The sequence in an arithmetic instruction:
///
///     try cpu.bfpInstruction()                    // DXC 2 when CR0.AFP is off
///     let mode = try cpu.bfpRoundingMode(m3)      // "A" forms / m3 fields; or cpu.bfpRoundingModeFPC
///     ... fetch operands (access exceptions) ...
///     let exc = ... compute; when `cpu.ieeeMasks & IEEE.overflow` (resp. `.underflow`)
///               is on and the result overflows (is tiny), the result is the scaled one:
///               exponent - alpha (+ alpha), alpha = IEEEScale.short/long/extended
///     try cpu.ieeeSuppressing(exc)                // invalid / divide traps: nothing stored
///     ... store the result, set the cc ...
///     try cpu.ieeeCompleting(exc)                 // flags, or overflow/underflow/inexact traps
///     // (pass suppressInexact: m4 & 4 != 0 for the XxC bit of the "A" forms)
///
/// Both `ieee…` helpers do nothing when `exc == 0`; callers may skip them on
/// that fast path. A trap puts the DXC into FPC byte 2 and throws a data
/// exception (program code 7).
///
/// Rounding modes (`BFPRound`, a `UInt8`): the FPC encoding, extended with
/// `BFPRound.nearestAway` (4), which only the m3 overrides can select:
///   0 nearest-even, 1 toward zero, 2 toward +inf, 3 toward -inf,
///   4 nearest ties-away, 7 prepare for shorter precision.
/// m3/m4 override values: 0 FPC mode, 1 nearest ties-away, 3 prepare for
/// shorter precision, 4 nearest-even, 5 toward zero, 6 toward +inf,
/// 7 toward -inf; 2 is a specification exception.
///
/// AFP-register control (CR0 bit 45): `cpu.afpEnabled`; `try cpu.bfpInstruction()`
/// (DXC 2); `try cpu.afpRegisters(r1, r2)` for the floating-point-support
/// instructions (DXC 1 when a register other than 0, 2, 4, 6 is named and the
/// control is off). `cpu.dataException(dxc)` builds the interruption (and
/// sets the FPC DXC when AFP is on) for any other data exception.

/// Bits of the IEEE exception byte (same positions in masks, flags and DXC).
enum IEEE {
    static let invalid: UInt8 = 0x80
    static let divideByZero: UInt8 = 0x40
    static let overflow: UInt8 = 0x20
    /// Tininess (see the file comment): an underflow exception only with the
    /// underflow mask on or together with `inexact`.
    static let underflow: UInt8 = 0x10
    static let inexact: UInt8 = 0x08
    /// The rounded magnitude is greater than the exact one (DXC bit 5, "y").
    static let incremented: UInt8 = 0x04
    /// DFP quantum (mask/flag bit 5); BFP never raises it.
    static let quantum: UInt8 = 0x04
}

/// Scale factors (alpha) for trapped overflow (exponent - alpha) and underflow
/// (exponent + alpha) of arithmetic results, by target format (PoP Fig. 19-8).
enum IEEEScale {
    static let short = 192
    static let long = 1536
    static let extended = 24576
}

/// BFP rounding modes, in the FPC encoding (plus 4 for ties-away).
enum BFPRound {
    static let nearestEven: UInt8 = 0
    static let towardZero: UInt8 = 1
    static let towardPlus: UInt8 = 2
    static let towardMinus: UInt8 = 3
    /// Round to nearest with ties away from zero (m3 = 1 only).
    static let nearestAway: UInt8 = 4
    /// Round to prepare for shorter precision: truncate, and make the last
    /// bit one when the result is inexact.
    static let prepareShorter: UInt8 = 7
}

/// Field access for the FPC register.
enum FPC {
    static let maskShift: UInt32 = 24
    static let flagShift: UInt32 = 16
    static let dxcShift: UInt32 = 8
    static let masks: UInt32 = 0xFC00_0000
    static let flags: UInt32 = 0x00FC_0000
    static let dxcField: UInt32 = 0x0000_FF00
    static let dfpRounding: UInt32 = 0x0000_0070
    static let bfpRounding: UInt32 = 0x0000_0007
    /// Bits that must be zero: 6-7, 14-15, 24, 28.
    static let reserved: UInt32 = 0x0303_0088

    /// A value SFPC/LFPC/SFASR may load: no reserved bit and a defined BFP
    /// rounding mode (4-6 are not).
    @inline(__always) static func isValid(_ v: UInt32) -> Bool {
        v & reserved == 0 && (v & 7 < 4 || v & 7 == 7)
    }
}

extension VirtualCPU {
    // MARK: FPC fields

    @inline(__always) var ieeeMasks: UInt8 { UInt8(truncatingIfNeeded: fpc >> FPC.maskShift) }
    @inline(__always) var ieeeFlags: UInt8 { UInt8(truncatingIfNeeded: fpc >> FPC.flagShift) }
    /// The BFP rounding mode of the FPC (0-3 or 7).
    @inline(__always) var bfpRoundingModeFPC: UInt8 { UInt8(truncatingIfNeeded: fpc & FPC.bfpRounding) }

    /// The rounding mode an m3 (or m4) modifier selects: 0 means the FPC's.
    /// 2 and values above 7 are specification exceptions.
    @inline(__always) func bfpRoundingMode(_ m: Int) throws(Interruption) -> UInt8 {
        switch m {
        case 0: return bfpRoundingModeFPC
        case 1: return BFPRound.nearestAway
        case 3: return BFPRound.prepareShorter
        case 4: return BFPRound.nearestEven
        case 5: return BFPRound.towardZero
        case 6: return BFPRound.towardPlus
        case 7: return BFPRound.towardMinus
        default: throw Interruption.program(.specification)
        }
    }

    // MARK: AFP-register control and data exceptions

    /// CR0 bit 45: the additional floating-point registers and the BFP/DFP
    /// instructions may be used.
    @inline(__always) var afpEnabled: Bool { cr[0] & 0x40000 != 0 }

    /// A data exception with `dxc`; with the AFP-register control on the DXC
    /// is also placed in FPC byte 2.
    @inline(__always) func dataException(_ dxc: UInt8) -> Interruption {
        if afpEnabled { fpc = (fpc & ~FPC.dxcField) | UInt32(dxc) << FPC.dxcShift }
        return Interruption.program(.data, dxc: dxc)
    }

    /// BFP instructions (and the FPC instructions) need the AFP-register
    /// control: data exception DXC 2 otherwise.
    @inline(__always) func bfpInstruction() throws(Interruption) {
        if cr[0] & 0x40000 == 0 { throw Interruption.program(.data, dxc: 2) }
    }

    /// Floating-point-support instructions may name only FPRs 0, 2, 4, 6
    /// while the AFP-register control is off: data exception DXC 1.
    @inline(__always) func afpRegisters(_ a: Int, _ b: Int = 0) throws(Interruption) {
        if cr[0] & 0x40000 == 0 && (a | b) & 9 != 0 { throw Interruption.program(.data, dxc: 1) }
    }

    // MARK: IEEE exception actions

    /// The traps that suppress the operation: invalid operation (DXC 0x80)
    /// and division by zero (DXC 0x40) with their masks on. Call before
    /// storing anything.
    @inline(__always) func ieeeSuppressing(_ exc: UInt8) throws(Interruption) {
        if exc & (IEEE.invalid | IEEE.divideByZero) & ieeeMasks != 0 { try ieeeSuppressingTrap(exc) }
    }

    private func ieeeSuppressingTrap(_ exc: UInt8) throws(Interruption) {
        let dxc = exc & IEEE.invalid & ieeeMasks != 0 ? IEEE.invalid : IEEE.divideByZero
        throw dataException(dxc)
    }

    /// The actions after the result has been stored: flags for the exceptions
    /// whose masks are off; a completing trap (overflow DXC 0x20/0x28/0x2C,
    /// underflow 0x10/0x18/0x1C, inexact 0x08/0x0C) for the first enabled
    /// one. With an overflow or underflow trap the caller has stored the
    /// scaled result and no flag is set for it or for inexactness.
    /// `suppressInexact` (the XxC bit, m4 & 4, of the "A" forms) keeps the
    /// inexact exception from being recognized on its own.
    @inline(__always) func ieeeCompleting(_ exc: UInt8, suppressInexact: Bool = false) throws(Interruption) {
        if exc == 0 { return }
        // The common case, inline: inexact alone with its mask off sets its flag.
        if _fastPath(exc | IEEE.incremented == IEEE.inexact | IEEE.incremented && ieeeMasks & IEEE.inexact == 0) {
            if !suppressInexact { setIEEEFlags(IEEE.inexact) }
            return
        }
        try ieeeCompletingSlow(exc, suppressInexact: suppressInexact)
    }

    private func ieeeCompletingSlow(_ exc: UInt8, suppressInexact: Bool) throws(Interruption) {
        let masks = ieeeMasks
        let xy = exc & (IEEE.inexact | IEEE.incremented)
        // Invalid and divide-by-zero got here only with their masks off.
        var flags = exc & (IEEE.invalid | IEEE.divideByZero) & ~masks
        if exc & IEEE.overflow != 0 {
            if masks & IEEE.overflow != 0 {
                setIEEEFlags(flags)
                throw dataException(IEEE.overflow | xy)
            }
            flags |= IEEE.overflow
        } else if exc & IEEE.underflow != 0 {
            if masks & IEEE.underflow != 0 {
                setIEEEFlags(flags)
                throw dataException(IEEE.underflow | xy)
            }
            if exc & IEEE.inexact != 0 { flags |= IEEE.underflow }
        }
        if exc & IEEE.inexact != 0 && !suppressInexact {
            if masks & IEEE.inexact != 0 {
                setIEEEFlags(flags)
                throw dataException(xy)
            }
            flags |= IEEE.inexact
        }
        setIEEEFlags(flags)
    }

    @inline(__always) func setIEEEFlags(_ flags: UInt8) {
        fpc |= UInt32(flags) << FPC.flagShift
    }
}
