/// Binary floating point (IEEE 754) in the short (32-bit) and long (64-bit)
/// formats, the floating-point-support instructions (loads, stores, sign
/// copies, FPR/GR transfers) and the FPC instructions. PoP chapters 9 and 19.
///
/// Arithmetic is done in software (`SoftBFP` below) on the bit images, not on
/// the host FPU: the architecture wants rounding modes the host lacks
/// (ties-away, prepare-for-shorter-precision), tininess detected before
/// rounding (x86 and arm64 detect it after), the "incremented" bit of the
/// DXC, results scaled by 2^±alpha for enabled overflow/underflow traps, and
/// its own NaN-selection rules; emulating all that around host operations
/// would need the exact intermediate anyway. Every operation computes the
/// exact result (or enough of it, with a sticky bit) in 64/128-bit integers
/// and rounds it once in `roundPack`.
///
/// FPC, AFP control and IEEE exception actions: FloatingPointControl.swift.
let floatInstructions: [InstructionDefinition] = [
    // MARK: Floating-point-support instructions (DXC 1 for AFP registers when CR0.AFP is off)
    .init("LER", "38", .RR, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        let (r1, r2) = (f8(raw), f12(raw))
        try cpu.afpRegisters(r1, r2)
        cpu.f[r1] = (cpu.f[r1] & 0xFFFF_FFFF) | (cpu.f[r2] & 0xFFFF_FFFF_0000_0000)
    },
    .init("LDR", "28", .RR, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        let (r1, r2) = (f8(raw), f12(raw))
        try cpu.afpRegisters(r1, r2)
        cpu.f[r1] = cpu.f[r2]
    },
    .init("LE", "78", .RXa, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        try cpu.afpRegisters(r1)
        let v = try cpu.load32(cpu.eaRX(raw))
        cpu.f[r1] = (cpu.f[r1] & 0xFFFF_FFFF) | UInt64(v) << 32
    },
    .init("LEY", "ED64", .RXYa, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        try cpu.afpRegisters(r1)
        let v = try cpu.load32(cpu.eaRXY(raw))
        cpu.f[r1] = (cpu.f[r1] & 0xFFFF_FFFF) | UInt64(v) << 32
    },
    .init("LD", "68", .RXa, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        try cpu.afpRegisters(r1)
        cpu.f[r1] = try cpu.load64(cpu.eaRX(raw))
    },
    .init("LDY", "ED65", .RXYa, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        try cpu.afpRegisters(r1)
        cpu.f[r1] = try cpu.load64(cpu.eaRXY(raw))
    },
    .init("STE", "70", .RXa, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        try cpu.afpRegisters(r1)
        try cpu.store32(UInt32(truncatingIfNeeded: cpu.f[r1] >> 32), cpu.eaRX(raw))
    },
    .init("STEY", "ED66", .RXYa, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        try cpu.afpRegisters(r1)
        try cpu.store32(UInt32(truncatingIfNeeded: cpu.f[r1] >> 32), cpu.eaRXY(raw))
    },
    .init("STD", "60", .RXa, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        try cpu.afpRegisters(r1)
        try cpu.store64(cpu.f[r1], cpu.eaRX(raw))
    },
    .init("STDY", "ED67", .RXYa, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        try cpu.afpRegisters(r1)
        try cpu.store64(cpu.f[r1], cpu.eaRXY(raw))
    },
    .init("LZER", "B374", .RRE, syntax: "F1") { cpu, raw throws(Interruption) in
        let r1 = f24(raw)
        try cpu.afpRegisters(r1)
        cpu.f[r1] &= 0xFFFF_FFFF
    },
    .init("LZDR", "B375", .RRE, syntax: "F1") { cpu, raw throws(Interruption) in
        let r1 = f24(raw)
        try cpu.afpRegisters(r1)
        cpu.f[r1] = 0
    },
    .init("LDGR", "B3C1", .RRE, syntax: "F1,R2") { cpu, raw throws(Interruption) in
        let r1 = f24(raw)
        try cpu.afpRegisters(r1)
        cpu.f[r1] = cpu.r[f28(raw)]
    },
    .init("LGDR", "B3CD", .RRE, syntax: "R1,F2") { cpu, raw throws(Interruption) in
        let r2 = f28(raw)
        try cpu.afpRegisters(r2)
        cpu.r[f24(raw)] = cpu.f[r2]
    },
    .init("CPSDR", "B372", .RRFb, syntax: "F1,F3,F2") { cpu, raw throws(Interruption) in
        let (r1, r2, r3) = (f24(raw), f28(raw), f16(raw))
        try cpu.afpRegisters(r1, r2 | r3)
        cpu.f[r1] = (cpu.f[r3] & signBit64) | (cpu.f[r2] & ~signBit64)
    },
    .init("LCDFR", "B373", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        let (r1, r2) = (f24(raw), f28(raw))
        try cpu.afpRegisters(r1, r2)
        cpu.f[r1] = cpu.f[r2] ^ signBit64
    },
    .init("LNDFR", "B371", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        let (r1, r2) = (f24(raw), f28(raw))
        try cpu.afpRegisters(r1, r2)
        cpu.f[r1] = cpu.f[r2] | signBit64
    },
    .init("LPDFR", "B370", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        let (r1, r2) = (f24(raw), f28(raw))
        try cpu.afpRegisters(r1, r2)
        cpu.f[r1] = cpu.f[r2] & ~signBit64
    },

    // MARK: FPC instructions
    .init("EFPC", "B38C", .RRE, syntax: "R1") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        cpu.setLow(f24(raw), cpu.fpc)
    },
    .init("SFPC", "B384", .RRE, syntax: "R1") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let v = cpu.low(f24(raw))
        if !FPC.isValid(v) { throw Interruption.program(.specification) }
        cpu.fpc = v
    },
    .init("STFPC", "B29C", .S) { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try cpu.store32(cpu.fpc, cpu.eaRS(raw))
    },
    .init("LFPC", "B29D", .S) { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let v = try cpu.load32(cpu.eaRS(raw))
        if !FPC.isValid(v) { throw Interruption.program(.specification) }
        cpu.fpc = v
    },
    .init("SRNM", "B299", .S) { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        // Address bits 62-63 into FPC bits 30-31; bit 29 becomes zero.
        cpu.fpc = (cpu.fpc & ~FPC.bfpRounding) | UInt32(truncatingIfNeeded: cpu.eaRS(raw) & 3)
    },
    .init("SRNMB", "B2B8", .S) { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let a = cpu.eaRS(raw)
        // Address bits 56-60 must be zero and bits 61-63 a defined mode.
        if a & 0xF8 != 0 || (a & 7 >= 4 && a & 7 != 7) { throw Interruption.program(.specification) }
        cpu.fpc = (cpu.fpc & ~FPC.bfpRounding) | UInt32(truncatingIfNeeded: a & 7)
    },
    .init("SFASR", "B385", .RRE, syntax: "R1") { cpu, raw throws(Interruption) in
        try setFPCAndSignal(cpu, cpu.low(f24(raw)))
    },
    .init("LFAS", "B2BD", .S) { cpu, raw throws(Interruption) in
        if !cpu.afpEnabled { throw Interruption.program(.data, dxc: 3) }
        try setFPCAndSignal(cpu, cpu.load32(cpu.eaRS(raw)))
    },

    // MARK: Arithmetic
    .init("AEBR", "B30A", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try bfpBinaryRR(cpu, raw, .short, .add)
    },
    .init("ADBR", "B31A", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try bfpBinaryRR(cpu, raw, .long, .add)
    },
    .init("AEB", "ED0A", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try bfpBinaryRX(cpu, raw, .short, .add)
    },
    .init("ADB", "ED1A", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try bfpBinaryRX(cpu, raw, .long, .add)
    },
    .init("SEBR", "B30B", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try bfpBinaryRR(cpu, raw, .short, .subtract)
    },
    .init("SDBR", "B31B", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try bfpBinaryRR(cpu, raw, .long, .subtract)
    },
    .init("SEB", "ED0B", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try bfpBinaryRX(cpu, raw, .short, .subtract)
    },
    .init("SDB", "ED1B", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try bfpBinaryRX(cpu, raw, .long, .subtract)
    },
    .init("MEEBR", "B317", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try bfpBinaryRR(cpu, raw, .short, .multiply)
    },
    .init("MDBR", "B31C", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try bfpBinaryRR(cpu, raw, .long, .multiply)
    },
    .init("MEEB", "ED17", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try bfpBinaryRX(cpu, raw, .short, .multiply)
    },
    .init("MDB", "ED1C", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try bfpBinaryRX(cpu, raw, .long, .multiply)
    },
    .init("DEBR", "B30D", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try bfpBinaryRR(cpu, raw, .short, .divide)
    },
    .init("DDBR", "B31D", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try bfpBinaryRR(cpu, raw, .long, .divide)
    },
    .init("DEB", "ED0D", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try bfpBinaryRX(cpu, raw, .short, .divide)
    },
    .init("DDB", "ED1D", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try bfpBinaryRX(cpu, raw, .long, .divide)
    },
    .init("MDEBR", "B30C", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try multiplyShortToLong(cpu, f24(raw), cpu.f[f28(raw)] >> 32)
    },
    .init("MDEB", "ED0C", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try multiplyShortToLong(cpu, f8(raw), UInt64(cpu.load32(cpu.eaRX(raw))))
    },
    .init("SQEBR", "B314", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try squareRoot(cpu, f24(raw), cpu.f[f28(raw)] >> 32, .short)
    },
    .init("SQDBR", "B315", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try squareRoot(cpu, f24(raw), cpu.f[f28(raw)], .long)
    },
    .init("SQEB", "ED14", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try squareRoot(cpu, f8(raw), UInt64(cpu.load32(cpu.eaRX(raw))), .short)
    },
    .init("SQDB", "ED15", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try squareRoot(cpu, f8(raw), cpu.load64(cpu.eaRX(raw)), .long)
    },
    // Multiply and add/subtract: op1 = op3 * op2 ± op1. RRD: R1 16-19, R3 24-27, R2 28-31;
    // RXF: R3 8-11, operand 2 in storage, R1 32-35.
    .init("MAEBR", "B30E", .RRD, syntax: "F1,F3,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try multiplyAdd(cpu, f16(raw), cpu.f[f24(raw)] >> 32, cpu.f[f28(raw)] >> 32, .short, subtract: false)
    },
    .init("MADBR", "B31E", .RRD, syntax: "F1,F3,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try multiplyAdd(cpu, f16(raw), cpu.f[f24(raw)], cpu.f[f28(raw)], .long, subtract: false)
    },
    .init("MSEBR", "B30F", .RRD, syntax: "F1,F3,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try multiplyAdd(cpu, f16(raw), cpu.f[f24(raw)] >> 32, cpu.f[f28(raw)] >> 32, .short, subtract: true)
    },
    .init("MSDBR", "B31F", .RRD, syntax: "F1,F3,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try multiplyAdd(cpu, f16(raw), cpu.f[f24(raw)], cpu.f[f28(raw)], .long, subtract: true)
    },
    .init("MAEB", "ED0E", .RXF, syntax: "F1,F3,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let op2 = UInt64(try cpu.load32(cpu.eaRX(raw)))
        try multiplyAdd(cpu, f32(raw), cpu.f[f8(raw)] >> 32, op2, .short, subtract: false)
    },
    .init("MADB", "ED1E", .RXF, syntax: "F1,F3,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let op2 = try cpu.load64(cpu.eaRX(raw))
        try multiplyAdd(cpu, f32(raw), cpu.f[f8(raw)], op2, .long, subtract: false)
    },
    .init("MSEB", "ED0F", .RXF, syntax: "F1,F3,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let op2 = UInt64(try cpu.load32(cpu.eaRX(raw)))
        try multiplyAdd(cpu, f32(raw), cpu.f[f8(raw)] >> 32, op2, .short, subtract: true)
    },
    .init("MSDB", "ED1F", .RXF, syntax: "F1,F3,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let op2 = try cpu.load64(cpu.eaRX(raw))
        try multiplyAdd(cpu, f32(raw), cpu.f[f8(raw)], op2, .long, subtract: true)
    },

    // MARK: Comparison
    .init("CEBR", "B309", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try compare(cpu, cpu.f[f24(raw)] >> 32, cpu.f[f28(raw)] >> 32, .short, signaling: false)
    },
    .init("CDBR", "B319", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try compare(cpu, cpu.f[f24(raw)], cpu.f[f28(raw)], .long, signaling: false)
    },
    .init("CEB", "ED09", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try compare(cpu, cpu.f[f8(raw)] >> 32, UInt64(cpu.load32(cpu.eaRX(raw))), .short, signaling: false)
    },
    .init("CDB", "ED19", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try compare(cpu, cpu.f[f8(raw)], cpu.load64(cpu.eaRX(raw)), .long, signaling: false)
    },
    .init("KEBR", "B308", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try compare(cpu, cpu.f[f24(raw)] >> 32, cpu.f[f28(raw)] >> 32, .short, signaling: true)
    },
    .init("KDBR", "B318", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try compare(cpu, cpu.f[f24(raw)], cpu.f[f28(raw)], .long, signaling: true)
    },
    .init("KEB", "ED08", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try compare(cpu, cpu.f[f8(raw)] >> 32, UInt64(cpu.load32(cpu.eaRX(raw))), .short, signaling: true)
    },
    .init("KDB", "ED18", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try compare(cpu, cpu.f[f8(raw)], cpu.load64(cpu.eaRX(raw)), .long, signaling: true)
    },

    // MARK: Sign and test
    .init("LTEBR", "B302", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try loadAndTest(cpu, f24(raw), cpu.f[f28(raw)] >> 32, .short)
    },
    .init("LTDBR", "B312", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try loadAndTest(cpu, f24(raw), cpu.f[f28(raw)], .long)
    },
    .init("LCEBR", "B303", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        loadSign(cpu, f24(raw), cpu.f[f28(raw)] >> 32 ^ BFPFormat.short.signBit, .short)
    },
    .init("LCDBR", "B313", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        loadSign(cpu, f24(raw), cpu.f[f28(raw)] ^ signBit64, .long)
    },
    .init("LNEBR", "B301", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        loadSign(cpu, f24(raw), cpu.f[f28(raw)] >> 32 | BFPFormat.short.signBit, .short)
    },
    .init("LNDBR", "B311", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        loadSign(cpu, f24(raw), cpu.f[f28(raw)] | signBit64, .long)
    },
    .init("LPEBR", "B300", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        loadSign(cpu, f24(raw), cpu.f[f28(raw)] >> 32 & ~BFPFormat.short.signBit, .short)
    },
    .init("LPDBR", "B310", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        loadSign(cpu, f24(raw), cpu.f[f28(raw)] & ~signBit64, .long)
    },
    .init("TCEB", "ED10", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let cls = SoftBFP.dataClass(cpu.f[f8(raw)] >> 32, .short)
        cpu.cc = cls & UInt32(truncatingIfNeeded: cpu.eaRX(raw) & 0xFFF) != 0 ? 1 : 0
    },
    .init("TCDB", "ED11", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let cls = SoftBFP.dataClass(cpu.f[f8(raw)], .long)
        cpu.cc = cls & UInt32(truncatingIfNeeded: cpu.eaRX(raw) & 0xFFF) != 0 ? 1 : 0
    },

    // MARK: Format conversions
    .init("LDEBR", "B304", .RRE, syntax: "F1,F2") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try loadLengthened(cpu, f24(raw), cpu.f[f28(raw)] >> 32)
    },
    .init("LDEB", "ED04", .RXE, syntax: "F1,D2(X2,B2)") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        try loadLengthened(cpu, f8(raw), UInt64(cpu.load32(cpu.eaRX(raw))))
    },
    // LEDBR and LEDBRA (m3 rounding mode, m4 inexact control) share the opcode.
    .init("LEDBR", "B344", .RRFe, syntax: "F1,F2 | ledbra F1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let mode = try cpu.bfpRoundingMode(f16(raw))
        try loadRounded(cpu, f24(raw), cpu.f[f28(raw)], mode, xxc: f20(raw) & 4 != 0)
    },
    .init("FIEBR", "B357", .RRFe, syntax: "F1,M3,F2 | fiebra F1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let mode = try cpu.bfpRoundingMode(f16(raw))
        try loadFPInteger(cpu, f24(raw), cpu.f[f28(raw)] >> 32, .short, mode, xxc: f20(raw) & 4 != 0)
    },
    .init("FIDBR", "B35F", .RRFe, syntax: "F1,M3,F2 | fidbra F1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try cpu.bfpInstruction()
        let mode = try cpu.bfpRoundingMode(f16(raw))
        try loadFPInteger(cpu, f24(raw), cpu.f[f28(raw)], .long, mode, xxc: f20(raw) & 4 != 0)
    },

    // MARK: Conversions from fixed point (the "A" forms share the opcodes)
    .init("CEFBR", "B394", .RRFe, syntax: "F1,R2 | cefbra F1,M3,R2,M4") { cpu, raw throws(Interruption) in
        try convertFromFixed(cpu, raw, .short, .int32)
    },
    .init("CDFBR", "B395", .RRFe, syntax: "F1,R2 | cdfbra F1,M3,R2,M4") { cpu, raw throws(Interruption) in
        try convertFromFixed(cpu, raw, .long, .int32)
    },
    .init("CEGBR", "B3A4", .RRFe, syntax: "F1,R2 | cegbra F1,M3,R2,M4") { cpu, raw throws(Interruption) in
        try convertFromFixed(cpu, raw, .short, .int64)
    },
    .init("CDGBR", "B3A5", .RRFe, syntax: "F1,R2 | cdgbra F1,M3,R2,M4") { cpu, raw throws(Interruption) in
        try convertFromFixed(cpu, raw, .long, .int64)
    },
    .init("CELFBR", "B390", .RRFe, syntax: "F1,M3,R2,M4") { cpu, raw throws(Interruption) in
        try convertFromFixed(cpu, raw, .short, .uint32)
    },
    .init("CDLFBR", "B391", .RRFe, syntax: "F1,M3,R2,M4") { cpu, raw throws(Interruption) in
        try convertFromFixed(cpu, raw, .long, .uint32)
    },
    .init("CELGBR", "B3A0", .RRFe, syntax: "F1,M3,R2,M4") { cpu, raw throws(Interruption) in
        try convertFromFixed(cpu, raw, .short, .uint64)
    },
    .init("CDLGBR", "B3A1", .RRFe, syntax: "F1,M3,R2,M4") { cpu, raw throws(Interruption) in
        try convertFromFixed(cpu, raw, .long, .uint64)
    },

    // MARK: Conversions to fixed point
    .init("CFEBR", "B398", .RRFe, syntax: "R1,M3,F2 | cfebra R1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try convertToFixed(cpu, raw, .short, .int32)
    },
    .init("CFDBR", "B399", .RRFe, syntax: "R1,M3,F2 | cfdbra R1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try convertToFixed(cpu, raw, .long, .int32)
    },
    .init("CGEBR", "B3A8", .RRFe, syntax: "R1,M3,F2 | cgebra R1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try convertToFixed(cpu, raw, .short, .int64)
    },
    .init("CGDBR", "B3A9", .RRFe, syntax: "R1,M3,F2 | cgdbra R1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try convertToFixed(cpu, raw, .long, .int64)
    },
    .init("CLFEBR", "B39C", .RRFe, syntax: "R1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try convertToFixed(cpu, raw, .short, .uint32)
    },
    .init("CLFDBR", "B39D", .RRFe, syntax: "R1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try convertToFixed(cpu, raw, .long, .uint32)
    },
    .init("CLGEBR", "B3AC", .RRFe, syntax: "R1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try convertToFixed(cpu, raw, .short, .uint64)
    },
    .init("CLGDBR", "B3AD", .RRFe, syntax: "R1,M3,F2,M4") { cpu, raw throws(Interruption) in
        try convertToFixed(cpu, raw, .long, .uint64)
    },
]

private let signBit64: UInt64 = 1 << 63

// MARK: - Instruction semantics

enum BFPBinaryOp { case add, subtract, multiply, divide }

/// Register image → operand bits of the format (short: the high half).
@inline(__always) private func fpr(_ cpu: VirtualCPU, _ r: Int, _ f: BFPFormat) -> UInt64 {
    f.isShort ? cpu.f[r] >> 32 : cpu.f[r]
}

/// Stores a result; a short one replaces bits 0-31 only.
@inline(__always) private func setFPR(_ cpu: VirtualCPU, _ r: Int, _ v: UInt64, _ f: BFPFormat) {
    if f.isShort { cpu.f[r] = (cpu.f[r] & 0xFFFF_FFFF) | v << 32 } else { cpu.f[r] = v }
}

/// cc of a BFP result: 0 zero, 1 negative, 2 positive, 3 NaN.
@inline(__always) private func resultCC(_ x: UInt64, _ f: BFPFormat) -> UInt8 {
    let m = x & ~f.signBit
    if m == 0 { return 0 }
    if m > f.expMask { return 3 }
    return x & f.signBit != 0 ? 1 : 2
}

@inline(__always)
private func bfpBinary(_ cpu: VirtualCPU, _ r1: Int, _ op2: UInt64, _ f: BFPFormat, _ op: BFPBinaryOp) throws(Interruption) {
    let op1 = fpr(cpu, r1, f)
    let mode = cpu.bfpRoundingModeFPC, masks = cpu.ieeeMasks
    if mode == BFPRound.nearestEven,
       let (res, exc) = f.isShort ? HostBFP.short(op1, op2, op) : HostBFP.long(op1, op2, op) {
        setFPR(cpu, r1, res, f)
        if op == .add || op == .subtract { cpu.cc = res & f.signBit != 0 ? 1 : 2 }
        if exc != 0 { try cpu.ieeeCompleting(exc) }
        return
    }
    let (res, exc): (UInt64, UInt8)
    switch op {
    case .add: (res, exc) = SoftBFP.add(op1, op2, negate: false, mode, f, masks)
    case .subtract: (res, exc) = SoftBFP.add(op1, op2, negate: true, mode, f, masks)
    case .multiply: (res, exc) = SoftBFP.multiply(op1, op2, mode, f, masks)
    case .divide: (res, exc) = SoftBFP.divide(op1, op2, mode, f, masks)
    }
    if exc != 0 { try cpu.ieeeSuppressing(exc) }
    setFPR(cpu, r1, res, f)
    if op == .add || op == .subtract { cpu.cc = resultCC(res, f) }
    if exc != 0 { try cpu.ieeeCompleting(exc) }
}

@inline(__always)
private func bfpBinaryRR(_ cpu: VirtualCPU, _ raw: UInt64, _ f: BFPFormat, _ op: BFPBinaryOp) throws(Interruption) {
    try cpu.bfpInstruction()
    try bfpBinary(cpu, f24(raw), fpr(cpu, f28(raw), f), f, op)
}

@inline(__always)
private func bfpBinaryRX(_ cpu: VirtualCPU, _ raw: UInt64, _ f: BFPFormat, _ op: BFPBinaryOp) throws(Interruption) {
    try cpu.bfpInstruction()
    let ea = cpu.eaRX(raw)
    let op2 = f.isShort ? UInt64(try cpu.load32(ea)) : try cpu.load64(ea)
    try bfpBinary(cpu, f8(raw), op2, f, op)
}

private func multiplyShortToLong(_ cpu: VirtualCPU, _ r1: Int, _ op2: UInt64) throws(Interruption) {
    // Both operands lengthen exactly (an SNaN stays signaling); the long
    // product of two 24-bit significands is exact and in range.
    let a = SoftBFP.lengthen(cpu.f[r1] >> 32, quiet: false).0
    let b = SoftBFP.lengthen(op2, quiet: false).0
    let (res, exc) = SoftBFP.multiply(a, b, cpu.bfpRoundingModeFPC, .long, cpu.ieeeMasks)
    if exc != 0 { try cpu.ieeeSuppressing(exc) }
    cpu.f[r1] = res
    if exc != 0 { try cpu.ieeeCompleting(exc) }
}

private func squareRoot(_ cpu: VirtualCPU, _ r1: Int, _ op2: UInt64, _ f: BFPFormat) throws(Interruption) {
    let (res, exc) = SoftBFP.squareRoot(op2, cpu.bfpRoundingModeFPC, f)
    if exc != 0 { try cpu.ieeeSuppressing(exc) }
    setFPR(cpu, r1, res, f)
    if exc != 0 { try cpu.ieeeCompleting(exc) }
}

@inline(__always)
private func multiplyAdd(_ cpu: VirtualCPU, _ r1: Int, _ op3: UInt64, _ op2: UInt64, _ f: BFPFormat,
                         subtract: Bool) throws(Interruption) {
    if !f.isShort && cpu.bfpRoundingModeFPC == BFPRound.nearestEven,
       let (res, exc) = HostBFP.longMultiplyAdd(op3, op2, subtract ? cpu.f[r1] ^ f.signBit : cpu.f[r1]) {
        cpu.f[r1] = res
        try cpu.ieeeCompleting(exc)
        return
    }
    let (res, exc) = SoftBFP.multiplyAdd(op3, op2, fpr(cpu, r1, f), negateAddend: subtract,
                                         cpu.bfpRoundingModeFPC, f, cpu.ieeeMasks)
    if exc != 0 { try cpu.ieeeSuppressing(exc) }
    setFPR(cpu, r1, res, f)
    if exc != 0 { try cpu.ieeeCompleting(exc) }
}

@inline(__always)
private func compare(_ cpu: VirtualCPU, _ a: UInt64, _ b: UInt64, _ f: BFPFormat, signaling: Bool) throws(Interruption) {
    let (cc, exc) = SoftBFP.compare(a, b, f, signaling: signaling)
    if exc != 0 { try cpu.ieeeSuppressing(exc) }
    cpu.cc = cc
    if exc != 0 { try cpu.ieeeCompleting(exc) }
}

private func loadAndTest(_ cpu: VirtualCPU, _ r1: Int, _ x: UInt64, _ f: BFPFormat) throws(Interruption) {
    var res = x, exc: UInt8 = 0
    if SoftBFP.isSNaN(x, f) { res = x | f.quietBit; exc = IEEE.invalid }
    if exc != 0 { try cpu.ieeeSuppressing(exc) }
    setFPR(cpu, r1, res, f)
    cpu.cc = resultCC(res, f)
    if exc != 0 { try cpu.ieeeCompleting(exc) }
}

/// LOAD COMPLEMENT/NEGATIVE/POSITIVE: the sign changes for any operand,
/// NaNs included, without an IEEE exception; cc from the result.
@inline(__always) private func loadSign(_ cpu: VirtualCPU, _ r1: Int, _ x: UInt64, _ f: BFPFormat) {
    setFPR(cpu, r1, x, f)
    cpu.cc = resultCC(x, f)
}

private func loadLengthened(_ cpu: VirtualCPU, _ r1: Int, _ x: UInt64) throws(Interruption) {
    let (res, exc) = SoftBFP.lengthen(x, quiet: true)
    if exc != 0 { try cpu.ieeeSuppressing(exc) }
    cpu.f[r1] = res
    // A short subnormal becomes a normal long value: never tiny.
    if exc != 0 { try cpu.ieeeCompleting(exc) }
}

/// LOAD ROUNDED long → short. With an enabled overflow or underflow trap the
/// result is the operand rounded to short precision, kept in the long format
/// with its exponent scaled by ∓512, in the whole register.
private func loadRounded(_ cpu: VirtualCPU, _ r1: Int, _ x: UInt64, _ mode: UInt8, xxc: Bool) throws(Interruption) {
    let masks = cpu.ieeeMasks
    let (res, exc) = SoftBFP.roundLongToShort(x, mode, masks: 0)
    if exc != 0 { try cpu.ieeeSuppressing(exc) }
    let overTrap = exc & IEEE.overflow != 0 && masks & IEEE.overflow != 0
    let underTrap = exc & IEEE.underflow != 0 && masks & IEEE.underflow != 0
    if _slowPath(overTrap || underTrap) {
        let (scaled, xy) = SoftBFP.roundLongToShortScaled(x, mode, scale: overTrap ? -512 : 512)
        cpu.f[r1] = scaled
        try cpu.ieeeCompleting((overTrap ? IEEE.overflow : IEEE.underflow) | xy, suppressInexact: xxc)
        return
    }
    setFPR(cpu, r1, res, .short)
    if exc != 0 { try cpu.ieeeCompleting(exc, suppressInexact: xxc) }
}

private func loadFPInteger(_ cpu: VirtualCPU, _ r1: Int, _ x: UInt64, _ f: BFPFormat, _ mode: UInt8, xxc: Bool) throws(Interruption) {
    let (res, exc) = SoftBFP.roundToIntegral(x, mode, f)
    if exc != 0 { try cpu.ieeeSuppressing(exc) }
    setFPR(cpu, r1, res, f)
    if exc != 0 { try cpu.ieeeCompleting(exc, suppressInexact: xxc) }
}

enum FixedKind { case int32, int64, uint32, uint64 }

/// CONVERT FROM FIXED / FROM LOGICAL: GPR R2 → FPR R1, rounded by m3
/// (0: FPC mode), m4 bit 1 (value 4) suppresses the inexact exception.
@inline(__always)
private func convertFromFixed(_ cpu: VirtualCPU, _ raw: UInt64, _ f: BFPFormat, _ kind: FixedKind) throws(Interruption) {
    try cpu.bfpInstruction()
    let mode = try cpu.bfpRoundingMode(f16(raw))
    let v = cpu.r[f28(raw)]
    let negative: Bool, magnitude: UInt64
    switch kind {
    case .int32:
        let s = Int32(truncatingIfNeeded: v)
        (negative, magnitude) = (s < 0, UInt64(s.magnitude))
    case .int64:
        let s = Int64(bitPattern: v)
        (negative, magnitude) = (s < 0, s.magnitude)
    case .uint32: (negative, magnitude) = (false, v & 0xFFFF_FFFF)
    case .uint64: (negative, magnitude) = (false, v)
    }
    let (res, exc) = SoftBFP.fromInteger(negative: negative, magnitude: magnitude, mode, f, cpu.ieeeMasks)
    setFPR(cpu, f24(raw), res, f)
    if exc != 0 { try cpu.ieeeCompleting(exc, suppressInexact: f20(raw) & 4 != 0) }
}

/// CONVERT TO FIXED / TO LOGICAL: FPR R2 → GPR R1, rounded by m3. A NaN or
/// a value out of range is an invalid operation; without a trap the result
/// is the most negative (NaN, negative) or most positive number (0 for
/// negative values in the logical forms), cc 3, and inexact is also
/// recognized unless m4 suppresses it.
@inline(__always)
private func convertToFixed(_ cpu: VirtualCPU, _ raw: UInt64, _ f: BFPFormat, _ kind: FixedKind) throws(Interruption) {
    try cpu.bfpInstruction()
    let mode = try cpu.bfpRoundingMode(f16(raw))
    let xxc = f20(raw) & 4 != 0
    let x = fpr(cpu, f28(raw), f)
    let negative = x & f.signBit != 0
    var result: UInt64
    var cc: UInt8
    var exc: UInt8
    let maxPositive: UInt64, maxNegativeMagnitude: UInt64
    switch kind {
    case .int32: (maxPositive, maxNegativeMagnitude) = (0x7FFF_FFFF, 0x8000_0000)
    case .int64: (maxPositive, maxNegativeMagnitude) = (0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000)
    case .uint32: (maxPositive, maxNegativeMagnitude) = (0xFFFF_FFFF, 0)
    case .uint64: (maxPositive, maxNegativeMagnitude) = (~0, 0)
    }
    let signed = kind == .int32 || kind == .int64
    if SoftBFP.isNaN(x, f) {
        result = signed ? maxNegativeMagnitude : 0
        cc = 3
        exc = IEEE.invalid
    } else {
        let (mag, tooBig, e) = SoftBFP.roundToInteger(x, mode, f)
        if tooBig || mag > (negative ? maxNegativeMagnitude : maxPositive) {
            result = negative ? (signed ? maxNegativeMagnitude : 0) : maxPositive
            cc = 3
            exc = IEEE.invalid
        } else {
            result = negative ? 0 &- mag : mag
            cc = x & ~f.signBit == 0 ? 0 : (negative ? 1 : 2)
            exc = e
        }
    }
    if exc & IEEE.invalid != 0 {
        try cpu.ieeeSuppressing(exc)
        exc = IEEE.invalid | IEEE.inexact
    }
    let r1 = f24(raw)
    if kind == .int32 || kind == .uint32 { cpu.setLow(r1, UInt32(truncatingIfNeeded: result)) } else { cpu.r[r1] = result }
    cpu.cc = cc
    if exc != 0 { try cpu.ieeeCompleting(exc, suppressInexact: xxc) }
}

/// SET FPC AND SIGNAL / LOAD FPC AND SIGNAL: the new FPC is the source with
/// the current flags ORed in; a current flag whose mask is on in the source
/// is then signaled as a simulated IEEE exception (DXC with low bits 3).
private func setFPCAndSignal(_ cpu: VirtualCPU, _ source: UInt32) throws(Interruption) {
    if !cpu.afpEnabled { throw Interruption.program(.data, dxc: 3) }
    if !FPC.isValid(source) { throw Interruption.program(.specification) }
    let current = cpu.fpc
    let flags = UInt8(truncatingIfNeeded: current >> FPC.flagShift)
    let enabled = flags & UInt8(truncatingIfNeeded: source >> FPC.maskShift)
    cpu.fpc = source | (current & FPC.flags)
    if enabled & 0xF8 == 0 { return }
    let inexact = flags & IEEE.inexact != 0 ? IEEE.inexact : 0
    let dxc: UInt8
    if enabled & IEEE.invalid != 0 { dxc = 0x83 }
    else if enabled & IEEE.divideByZero != 0 { dxc = 0x43 }
    else if enabled & IEEE.overflow != 0 { dxc = IEEE.overflow | inexact | 3 }
    else if enabled & IEEE.underflow != 0 { dxc = IEEE.underflow | inexact | 3 }
    else { dxc = IEEE.inexact | 3 }
    throw cpu.dataException(dxc)
}

// MARK: - Host fast path

/// Round-to-nearest-even add, subtract, multiply and divide on the host FPU
/// (which rounds that way: nothing here changes the host rounding mode), for
/// the common case only: finite operands and a normal result above the
/// smallest normal magnitude, where neither overflow nor tininess can arise.
/// Inexactness and its direction come from error-free transformations
/// (TwoSum, the FMA residual of products and quotients), which are exact in
/// the ranges admitted. Everything else returns nil and goes to `SoftBFP`.
/// Short operations run in double precision and round once more to single:
/// exact for these operations because 53 >= 2 * 24 + 2.
enum HostBFP {
    @inline(__always)
    static func long(_ a: UInt64, _ b: UInt64, _ op: BFPBinaryOp) -> (UInt64, UInt8)? {
        let x = Double(bitPattern: a), y = Double(bitPattern: b)
        let r: Double, err: Double          // err has the sign of exact - r
        switch op {
        case .add, .subtract:
            let yy = op == .add ? y : -y
            r = x + yy
            guard r.isFinite && r.magnitude > 0x1p-1022 else { return nil }
            let bb = r - x
            err = (x - (r - bb)) + (yy - bb)
            guard err.isFinite else { return nil }
        case .multiply:
            r = x * y
            // Below 2^-968 the residual could fall under the subnormal range.
            guard r.isFinite && r.magnitude >= 0x1p-968 else { return nil }
            err = (-r).addingProduct(x, y)
        case .divide:
            r = x / y
            guard r.isFinite && r.magnitude > 0x1p-1022 && x.magnitude >= 0x1p-968 else { return nil }
            let rem = x.addingProduct(-r, y)
            err = y < 0 ? -rem : rem
        }
        if err == 0 { return (r.bitPattern, 0) }
        return (r.bitPattern, (err < 0) == (r > 0) ? IEEE.inexact | IEEE.incremented : IEEE.inexact)
    }

    /// a × b + c (long), rounded to nearest even, by the host's fused
    /// multiply-add, when a and b (and c unless zero) lie in [2^-400, 2^401):
    /// then every value below is a multiple of 2^-904 under 2^803, so no
    /// operation underflows or overflows and the result is normal (or an
    /// exact zero). The rounding error V - r1 (V = a × b + c exactly) comes
    /// from error-free transformations, after Boldo and Muller's ErrFma:
    /// a × b = u1 + u2 (fma), c + u2 = α1 + α2 and u1 + α1 = β1 + β2 (TwoSum),
    /// so V - r1 = (β1 - r1) + β2 + α2. The two additions that ErrFma shows
    /// exact are checked to be (their TwoSum errors are zero), else nil:
    /// the exactness does not rest on the theorem. nil also outside the range
    /// (a zero factor with a nonzero c in range gives c, exactly).
    @inline(__always)
    static func longMultiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> (UInt64, UInt8)? {
        let ea = (a >> 52) & 0x7FF, eb = (b >> 52) & 0x7FF, ec = (c >> 52) & 0x7FF
        let cZero = c & 0x7FFF_FFFF_FFFF_FFFF == 0
        guard cZero || ec &- 623 <= 800 else { return nil }
        // A zero factor: the product is an exact zero and c (nonzero) the result.
        if !cZero && (a & 0x7FFF_FFFF_FFFF_FFFF == 0 || b & 0x7FFF_FFFF_FFFF_FFFF == 0) { return (c, 0) }
        guard ea &- 623 <= 800, eb &- 623 <= 800 else { return nil }
        let x = Double(bitPattern: a), y = Double(bitPattern: b), z = Double(bitPattern: c)
        let r1 = z.addingProduct(x, y)
        let u1 = x * y
        let u2 = (-u1).addingProduct(x, y)
        @inline(__always) func twoSum(_ p: Double, _ q: Double) -> (Double, Double) {
            let s = p + q, pp = s - q, qq = s - pp
            return (s, (p - pp) + (q - qq))
        }
        let (α1, α2) = twoSum(z, u2)
        let (β1, β2) = twoSum(u1, α1)
        let (d1, e1) = twoSum(β1, -r1)
        let (d2, e2) = twoSum(d1, β2)
        guard e1 == 0 && e2 == 0 else { return nil }
        let err = d2 + α2                   // rounded, but of the exact sign of V - r1
        if err == 0 { return (r1.bitPattern, 0) }
        return (r1.bitPattern, (err < 0) == (r1 > 0) ? IEEE.inexact | IEEE.incremented : IEEE.inexact)
    }

    @inline(__always)
    static func short(_ a: UInt64, _ b: UInt64, _ op: BFPBinaryOp) -> (UInt64, UInt8)? {
        let x = Double(Float(bitPattern: UInt32(truncatingIfNeeded: a)))
        let y = Double(Float(bitPattern: UInt32(truncatingIfNeeded: b)))
        let d: Double
        var e: Double = 0                   // rounding error of d (add only)
        switch op {
        case .add, .subtract:
            let yy = op == .add ? y : -y
            d = x + yy
            let bb = d - x
            e = (x - (d - bb)) + (yy - bb)
        case .multiply: d = x * y           // exact: 24 + 24 bits
        case .divide: d = x / y
        }
        let r = Float(d)
        guard r.isFinite && r.magnitude > Float.leastNormalMagnitude else { return nil }
        let rd = Double(r)
        let err: Double
        if op == .divide {
            let rem = x - rd * y            // exact: rd * y has 48 bits, rem is small
            err = y < 0 ? -rem : rem
        } else {
            let diff = d - rd               // exact; dominates e when nonzero
            err = diff != 0 ? diff : e
        }
        let bits = UInt64(r.bitPattern)
        if err == 0 { return (bits, 0) }
        return (bits, (err < 0) == (r > 0) ? IEEE.inexact | IEEE.incremented : IEEE.inexact)
    }
}

// MARK: - Software binary floating point

/// A binary interchange format: short (binary32) or long (binary64). Values
/// are handled as bit images in the low bits of a UInt64.
struct BFPFormat {
    let fracBits: Int
    let expBits: Int
    /// Scale factor for trapped overflow/underflow of arithmetic results.
    let alpha: Int

    static let short = BFPFormat(fracBits: 23, expBits: 8, alpha: IEEEScale.short)
    static let long = BFPFormat(fracBits: 52, expBits: 11, alpha: IEEEScale.long)

    @inline(__always) var isShort: Bool { fracBits == 23 }
    @inline(__always) var bias: Int { (1 << (expBits - 1)) - 1 }
    @inline(__always) var emin: Int { 1 - bias }
    @inline(__always) var emax: Int { bias }
    @inline(__always) var signBit: UInt64 { 1 << UInt64(fracBits + expBits) }
    @inline(__always) var expMask: UInt64 { ((1 << UInt64(expBits)) - 1) << UInt64(fracBits) }
    @inline(__always) var fracMask: UInt64 { (1 << UInt64(fracBits)) - 1 }
    @inline(__always) var quietBit: UInt64 { 1 << UInt64(fracBits - 1) }
    @inline(__always) var defaultNaN: UInt64 { expMask | quietBit }
    @inline(__always) var maxFinite: UInt64 { expMask - 1 }
    /// Bits below the last significant bit of a significand whose leading
    /// one is at bit 62 (the form `roundPack` takes).
    @inline(__always) var roundBits: Int { 62 - fracBits }
}

/// IEEE arithmetic on bit images with z/Architecture's choices: NaN
/// selection (first SNaN, then first QNaN, operands in the order given),
/// default NaN positive with only the quiet bit, tininess before rounding.
/// Functions return the result bits and the IEEE exception byte (see
/// FloatingPointControl.swift); `masks` (the FPC mask byte) selects scaled
/// results for enabled overflow and underflow traps.
///
/// Internally a finite nonzero value is (sign, e, sig) with
/// value = sig × 2^(e - 62) and the leading one of `sig` at bit 62; bits
/// below the result precision carry the rounding information, the lowest a
/// sticky bit.
enum SoftBFP {
    // MARK: Classification

    @inline(__always) static func isNaN(_ x: UInt64, _ f: BFPFormat) -> Bool { x & ~f.signBit > f.expMask }
    @inline(__always) static func isSNaN(_ x: UInt64, _ f: BFPFormat) -> Bool {
        x & ~f.signBit > f.expMask && x & f.quietBit == 0
    }

    /// TEST DATA CLASS bit of a value (bit 52 +0 … bit 63 −SNaN of the mask).
    @inline(__always) static func dataClass(_ x: UInt64, _ f: BFPFormat) -> UInt32 {
        let m = x & ~f.signBit
        let neg: UInt32 = x & f.signBit != 0 ? 1 : 0
        let positive: UInt32
        if m == 0 { positive = 0x800 }
        else if m < 1 << UInt64(f.fracBits) { positive = 0x080 }
        else if m < f.expMask { positive = 0x200 }
        else if m == f.expMask { positive = 0x020 }
        else if m & f.quietBit != 0 { positive = 0x008 }
        else { positive = 0x002 }
        return positive >> neg
    }

    /// (e, sig) of a finite nonzero magnitude.
    @inline(__always) static func unpack(_ m: UInt64, _ f: BFPFormat) -> (Int, UInt64) {
        let biased = Int(truncatingIfNeeded: m >> UInt64(f.fracBits))
        let frac = m & f.fracMask
        if biased != 0 {
            return (biased - f.bias, (frac | 1 &<< UInt64(f.fracBits)) &<< UInt64(f.roundBits))
        }
        let shift = frac.leadingZeroBitCount - 1
        return (f.emin - f.fracBits - shift + 62, frac &<< UInt64(shift))
    }

    /// Bits of a normal value from an unbiased exponent and a rounded
    /// significand (leading one at bit 62).
    @inline(__always) static func pack(_ e: Int, _ r: UInt64, _ f: BFPFormat) -> UInt64 {
        UInt64(truncatingIfNeeded: e + f.bias - 1) &<< UInt64(f.fracBits) &+ (r &>> UInt64(f.roundBits))
    }

    // MARK: Rounding

    /// Rounds `sig` (leading one at bit 62 or lower) to `roundBits` fewer
    /// bits. Returns the rounded significand (low bits clear), the exponent
    /// (one more when rounding carried out) and inexact/incremented.
    @inline(__always)
    static func roundSignificand(_ sign: Bool, _ e: Int, _ sig: UInt64, _ mode: UInt8, _ roundBits: Int) -> (UInt64, Int, UInt8) {
        let lsb: UInt64 = 1 &<< UInt64(roundBits)
        let low = sig & (lsb - 1)
        var r = sig & ~(lsb - 1)
        if low == 0 { return (r, e, 0) }
        let half = lsb >> 1
        let up: Bool
        switch mode {
        case BFPRound.nearestEven: up = low > half || (low == half && r & lsb != 0)
        case BFPRound.nearestAway: up = low >= half
        case BFPRound.towardPlus: up = !sign
        case BFPRound.towardMinus: up = sign
        case BFPRound.prepareShorter:
            if r & lsb != 0 { return (r, e, IEEE.inexact) }
            return (r | lsb, e, IEEE.inexact | IEEE.incremented)
        default: up = false
        }
        if !up { return (r, e, IEEE.inexact) }
        r &+= lsb
        if r >> 63 != 0 { return (r >> 1, e + 1, IEEE.inexact | IEEE.incremented) }
        return (r, e, IEEE.inexact | IEEE.incremented)
    }

    /// Rounds a finite nonzero value to the format: overflow, underflow
    /// (denormalization), scaled results for enabled traps.
    static func roundPack(_ sign: Bool, _ e: Int, _ sig: UInt64, _ mode: UInt8, _ f: BFPFormat, _ masks: UInt8) -> (UInt64, UInt8) {
        let signBits: UInt64 = sign ? f.signBit : 0
        if e < f.emin {
            if masks & IEEE.underflow != 0 {
                let (r, e2, exc) = roundSignificand(sign, e, sig, mode, f.roundBits)
                return (signBits | pack(e2 + f.alpha, r, f), exc | IEEE.underflow)
            }
            let d = f.emin - e
            let s = d >= 63 ? 1 : (sig &>> UInt64(d)) | (sig &<< UInt64(64 - d) != 0 ? 1 : 0)
            let (r, _, exc) = roundSignificand(sign, f.emin, s, mode, f.roundBits)
            // A carry into bit 62 gives the smallest normal number.
            return (signBits | r &>> UInt64(f.roundBits), exc | IEEE.underflow)
        }
        let (r, e2, exc) = roundSignificand(sign, e, sig, mode, f.roundBits)
        if e2 > f.emax {
            if masks & IEEE.overflow != 0 {
                return (signBits | pack(e2 - f.alpha, r, f), exc | IEEE.overflow)
            }
            let toInfinity: Bool
            switch mode {
            case BFPRound.nearestEven, BFPRound.nearestAway: toInfinity = true
            case BFPRound.towardPlus: toInfinity = !sign
            case BFPRound.towardMinus: toInfinity = sign
            default: toInfinity = false
            }
            return toInfinity
                ? (signBits | f.expMask, IEEE.overflow | IEEE.inexact | IEEE.incremented)
                : (signBits | f.maxFinite, IEEE.overflow | IEEE.inexact)
        }
        return (signBits | pack(e2, r, f), exc)
    }

    /// roundPack for a 128-bit magnitude: value = s × 2^(e - 126), s ≠ 0.
    @inline(__always)
    static func roundPack128(_ sign: Bool, _ e: Int, _ s: UInt128, _ mode: UInt8, _ f: BFPFormat, _ masks: UInt8) -> (UInt64, UInt8) {
        let lz = s.leadingZeroBitCount
        let x: UInt128 = lz == 0 ? (s &>> 1) | (s & 1) : s &<< UInt128(lz - 1)
        let hi = UInt64(truncatingIfNeeded: x &>> 64), lo = UInt64(truncatingIfNeeded: x)
        return roundPack(sign, e - (lz - 1), hi | (lo != 0 ? 1 : 0), mode, f, masks)
    }

    /// The exact 128-bit product of two significands.
    @inline(__always) static func product(_ a: UInt64, _ b: UInt64) -> UInt128 {
        let (h, l) = a.multipliedFullWidth(by: b)
        return UInt128(h) &<< 64 | UInt128(l)
    }

    @inline(__always) static func shiftRightJam(_ x: UInt128, _ d: Int) -> UInt128 {
        if d == 0 { return x }
        if d >= 128 { return x != 0 ? 1 : 0 }
        return (x &>> UInt128(d)) | (x &<< UInt128(128 - d) != 0 ? 1 : 0)
    }

    /// A representable finite value as the exact result of an operation: a
    /// subnormal one is still tiny (an underflow trap when enabled).
    @inline(__always) static func exact(_ x: UInt64, _ f: BFPFormat, _ masks: UInt8) -> (UInt64, UInt8) {
        let m = x & ~f.signBit
        if m == 0 || m >= 1 << UInt64(f.fracBits) { return (x, 0) }
        let (e, sig) = unpack(m, f)
        return roundPack(x & f.signBit != 0, e, sig, BFPRound.towardZero, f, masks)
    }

    // MARK: NaNs

    /// The NaN result of an operation with a NaN operand: the first SNaN
    /// (quieted, invalid operation), else the first QNaN.
    @inline(__always) static func propagate(_ a: UInt64, _ b: UInt64, _ f: BFPFormat) -> (UInt64, UInt8) {
        if isSNaN(a, f) { return (a | f.quietBit, IEEE.invalid) }
        if isSNaN(b, f) { return (b | f.quietBit, IEEE.invalid) }
        return (isNaN(a, f) ? a : b, 0)
    }

    // MARK: Operations

    static func add(_ a: UInt64, _ b0: UInt64, negate: Bool, _ mode: UInt8, _ f: BFPFormat, _ masks: UInt8) -> (UInt64, UInt8) {
        let b = negate ? b0 ^ f.signBit : b0
        let ma = a & ~f.signBit, mb = b & ~f.signBit
        if ma >= f.expMask || mb >= f.expMask {
            if ma > f.expMask || mb > f.expMask { return propagate(a, b0, f) }
            if ma == mb { return (a ^ b) & f.signBit != 0 ? (f.defaultNaN, IEEE.invalid) : (a, 0) }
            return (ma == f.expMask ? a : b, 0)
        }
        if ma == 0 || mb == 0 {
            if ma == 0 && mb == 0 {
                if (a ^ b) & f.signBit == 0 { return (a, 0) }
                return (mode == BFPRound.towardMinus ? f.signBit : 0, 0)
            }
            return exact(ma == 0 ? b : a, f, masks)
        }
        var (ea, sa) = unpack(ma, f)
        var (eb, sb) = unpack(mb, f)
        var sign = a & f.signBit != 0
        if ea < eb || (ea == eb && sa < sb) {
            swap(&ea, &eb); swap(&sa, &sb)
            sign = b & f.signBit != 0
        }
        let big = UInt128(sa) &<< 64
        let small = shiftRightJam(UInt128(sb) &<< 64, ea - eb)
        let s = (a ^ b) & f.signBit == 0 ? big &+ small : big &- small
        if s == 0 { return (mode == BFPRound.towardMinus ? f.signBit : 0, 0) }
        return roundPack128(sign, ea, s, mode, f, masks)
    }

    static func multiply(_ a: UInt64, _ b: UInt64, _ mode: UInt8, _ f: BFPFormat, _ masks: UInt8) -> (UInt64, UInt8) {
        let sign = (a ^ b) & f.signBit
        let ma = a & ~f.signBit, mb = b & ~f.signBit
        if ma >= f.expMask || mb >= f.expMask {
            if ma > f.expMask || mb > f.expMask { return propagate(a, b, f) }
            if ma == 0 || mb == 0 { return (f.defaultNaN, IEEE.invalid) }
            return (sign | f.expMask, 0)
        }
        if ma == 0 || mb == 0 { return (sign, 0) }
        let (ea, sa) = unpack(ma, f)
        let (eb, sb) = unpack(mb, f)
        return roundPack128(sign != 0, ea + eb + 2, product(sa, sb), mode, f, masks)
    }

    static func divide(_ a: UInt64, _ b: UInt64, _ mode: UInt8, _ f: BFPFormat, _ masks: UInt8) -> (UInt64, UInt8) {
        let sign = (a ^ b) & f.signBit
        let ma = a & ~f.signBit, mb = b & ~f.signBit
        if ma >= f.expMask || mb >= f.expMask {
            if ma > f.expMask || mb > f.expMask { return propagate(a, b, f) }
            if ma == mb { return (f.defaultNaN, IEEE.invalid) }
            return (ma == f.expMask ? sign | f.expMask : sign, 0)
        }
        if mb == 0 {
            if ma == 0 { return (f.defaultNaN, IEEE.invalid) }
            return (sign | f.expMask, IEEE.divideByZero)
        }
        if ma == 0 { return (sign, 0) }
        let (ea, sa) = unpack(ma, f)
        let (eb, sb) = unpack(mb, f)
        // q = sa/sb scaled into [2^63, 2^64); the remainder is the sticky bit.
        let q: UInt64, rem: UInt64, e: Int
        if sa < sb {
            (q, rem) = sb.dividingFullWidth((sa, 0))
            e = ea - eb - 1
        } else {
            (q, rem) = sb.dividingFullWidth((sa >> 1, sa << 63))
            e = ea - eb
        }
        let sig = (q >> 1) | (q & 1) | (rem != 0 ? 1 : 0)
        return roundPack(sign != 0, e, sig, mode, f, masks)
    }

    static func squareRoot(_ a: UInt64, _ mode: UInt8, _ f: BFPFormat) -> (UInt64, UInt8) {
        let m = a & ~f.signBit
        if m > f.expMask { return isSNaN(a, f) ? (a | f.quietBit, IEEE.invalid) : (a, 0) }
        if m == 0 { return (a, 0) }
        if a & f.signBit != 0 { return (f.defaultNaN, IEEE.invalid) }
        if m == f.expMask { return (a, 0) }
        let (ea, s) = unpack(m, f)
        // value = n × 2^(E - 126) with E even; sqrt = isqrt(n) × 2^((E - 126) / 2).
        let n: UInt128 = ea & 1 != 0 ? UInt128(s) << 65 : UInt128(s) << 64
        let bigE = ea & 1 != 0 ? ea - 1 : ea
        let r = isqrt(n)
        let inexact: UInt64 = UInt128(r) * UInt128(r) != n ? 1 : 0
        let sig = (r >> 1) | (r & 1) | inexact
        return roundPack(false, (bigE - 126) / 2 + 63, sig, mode, f, 0)
    }

    /// ⌊√n⌋ for n in [2^126, 2^128).
    static func isqrt(_ n: UInt128) -> UInt64 {
        let approx = (Double(UInt64(truncatingIfNeeded: n >> 64)) * 18446744073709551616.0
                      + Double(UInt64(truncatingIfNeeded: n))).squareRoot()
        var r: UInt64 = approx >= 18446744073709551615.0 ? .max : UInt64(approx)
        // One Newton step from within 2^-50 of the root lands within one.
        let q = n / UInt128(r)
        let next = (UInt128(r) + q) >> 1
        r = next > UInt128(UInt64.max) ? .max : UInt64(next)
        while UInt128(r) * UInt128(r) > n { r -= 1 }
        while r < .max && UInt128(r + 1) * UInt128(r + 1) <= n { r += 1 }
        return r
    }

    /// a × b + c (c negated first when `negateAddend`), one rounding. NaN
    /// selection: ∞ × 0 is invalid (default NaN) even with a NaN addend;
    /// then SNaN a, b, c; then QNaN a, b, c.
    static func multiplyAdd(_ a: UInt64, _ b: UInt64, _ c0: UInt64, negateAddend: Bool, _ mode: UInt8,
                            _ f: BFPFormat, _ masks: UInt8) -> (UInt64, UInt8) {
        let c = negateAddend ? c0 ^ f.signBit : c0
        let ma = a & ~f.signBit, mb = b & ~f.signBit, mc = c & ~f.signBit
        let signP = (a ^ b) & f.signBit
        if ma >= f.expMask || mb >= f.expMask || mc >= f.expMask {
            let infZero = (ma == f.expMask && mb == 0) || (ma == 0 && mb == f.expMask)
            if ma > f.expMask || mb > f.expMask || mc > f.expMask {
                if infZero { return (f.defaultNaN, IEEE.invalid) }
                if isSNaN(a, f) { return (a | f.quietBit, IEEE.invalid) }
                if isSNaN(b, f) { return (b | f.quietBit, IEEE.invalid) }
                if isSNaN(c0, f) { return (c0 | f.quietBit, IEEE.invalid) }
                return (ma > f.expMask ? a : (mb > f.expMask ? b : c0), 0)
            }
            if ma == f.expMask || mb == f.expMask {
                if infZero { return (f.defaultNaN, IEEE.invalid) }
                if mc == f.expMask && c & f.signBit != signP { return (f.defaultNaN, IEEE.invalid) }
                return (signP | f.expMask, 0)
            }
            return (c, 0)
        }
        if ma == 0 || mb == 0 {
            if mc == 0 {
                if c & f.signBit == signP { return (c, 0) }
                return (mode == BFPRound.towardMinus ? f.signBit : 0, 0)
            }
            return exact(c, f, masks)
        }
        let (ea, sa) = unpack(ma, f)
        let (eb, sb) = unpack(mb, f)
        if mc == 0 { return roundPack128(signP != 0, ea + eb + 2, product(sa, sb), mode, f, masks) }
        let (ec, sc) = unpack(mc, f)
        // Both terms as x × 2^(E - 125) with the leading one of x at bit 125.
        var p = product(sa, sb)
        var ep = ea + eb + 1
        if p >> 125 == 0 { p <<= 1; ep -= 1 }
        let xc = UInt128(sc) << 63
        let signC = c & f.signBit
        let (bigX, bigE, bigSign, smallX, smallE): (UInt128, Int, UInt64, UInt128, Int)
        if ep > ec || (ep == ec && p >= xc) {
            (bigX, bigE, bigSign, smallX, smallE) = (p, ep, signP, xc, ec)
        } else {
            (bigX, bigE, bigSign, smallX, smallE) = (xc, ec, signC, p, ep)
        }
        let aligned = shiftRightJam(smallX, bigE - smallE)
        let s = signP == signC ? bigX &+ aligned : bigX &- aligned
        if s == 0 { return (mode == BFPRound.towardMinus ? f.signBit : 0, 0) }
        return roundPack128(bigSign != 0, bigE + 1, s, mode, f, masks)
    }

    /// cc 0 equal, 1 a < b, 2 a > b, 3 unordered. An SNaN (any NaN when
    /// `signaling`) is an invalid operation.
    @inline(__always)
    static func compare(_ a: UInt64, _ b: UInt64, _ f: BFPFormat, signaling: Bool) -> (UInt8, UInt8) {
        let ma = a & ~f.signBit, mb = b & ~f.signBit
        if ma > f.expMask || mb > f.expMask {
            let invalid = signaling || isSNaN(a, f) || isSNaN(b, f)
            return (3, invalid ? IEEE.invalid : 0)
        }
        if ma == 0 && mb == 0 { return (0, 0) }
        let ka = a & f.signBit != 0 ? -Int64(ma) : Int64(ma)
        let kb = b & f.signBit != 0 ? -Int64(mb) : Int64(mb)
        return (ka == kb ? 0 : (ka < kb ? 1 : 2), 0)
    }

    /// Rounds a finite value to an integer: its magnitude, whether that is
    /// 2^64 or more, and inexact/incremented.
    static func roundToInteger(_ x: UInt64, _ mode: UInt8, _ f: BFPFormat) -> (UInt64, Bool, UInt8) {
        let m = x & ~f.signBit
        if m == 0 { return (0, false, 0) }
        let sign = x & f.signBit != 0
        let (e, sig) = unpack(m, f)
        if e >= 64 { return (0, true, 0) }
        var int: UInt64, frac: UInt64
        if e < -1 { (int, frac) = (0, 1) }          // below one half
        else if e == -1 { (int, frac) = (0, sig << 1) }
        else if e >= 62 { (int, frac) = (sig &<< UInt64(e - 62), 0) }
        else { (int, frac) = (sig &>> UInt64(62 - e), sig &<< UInt64(e + 2)) }
        if frac == 0 { return (int, false, 0) }
        let half: UInt64 = 1 << 63
        let up: Bool
        switch mode {
        case BFPRound.nearestEven: up = frac > half || (frac == half && int & 1 != 0)
        case BFPRound.nearestAway: up = frac >= half
        case BFPRound.towardPlus: up = !sign
        case BFPRound.towardMinus: up = sign
        case BFPRound.prepareShorter:
            if int & 1 != 0 { return (int, false, IEEE.inexact) }
            return (int | 1, false, IEEE.inexact | IEEE.incremented)
        default: up = false
        }
        if !up { return (int, false, IEEE.inexact) }
        if int == .max { return (0, true, IEEE.inexact | IEEE.incremented) }
        return (int + 1, false, IEEE.inexact | IEEE.incremented)
    }

    /// LOAD FP INTEGER: rounds to an integral value in the same format.
    static func roundToIntegral(_ x: UInt64, _ mode: UInt8, _ f: BFPFormat) -> (UInt64, UInt8) {
        let m = x & ~f.signBit
        if m > f.expMask { return isSNaN(x, f) ? (x | f.quietBit, IEEE.invalid) : (x, 0) }
        if m == f.expMask || m == 0 { return (x, 0) }
        if Int(truncatingIfNeeded: m >> UInt64(f.fracBits)) - f.bias >= f.fracBits { return (x, 0) }
        let (mag, _, exc) = roundToInteger(x, mode, f)
        let signBits = x & f.signBit
        if mag == 0 { return (signBits, exc) }
        let lz = mag.leadingZeroBitCount
        return (signBits | pack(63 - lz, mag &<< UInt64(lz - 1), f), exc)
    }

    /// An integer (sign and magnitude) to the format, rounded.
    static func fromInteger(negative: Bool, magnitude: UInt64, _ mode: UInt8, _ f: BFPFormat, _ masks: UInt8) -> (UInt64, UInt8) {
        if magnitude == 0 { return (0, 0) }
        let lz = magnitude.leadingZeroBitCount
        if lz == 0 { return roundPack(negative, 63, (magnitude >> 1) | (magnitude & 1), mode, f, masks) }
        return roundPack(negative, 63 - lz, magnitude &<< UInt64(lz - 1), mode, f, masks)
    }

    /// Short → long, exact. An SNaN is quieted (invalid) when `quiet`.
    static func lengthen(_ x: UInt64, quiet: Bool) -> (UInt64, UInt8) {
        let s = BFPFormat.short
        let sign = (x & s.signBit) << 32
        let m = x & ~s.signBit
        if m >= s.expMask {
            if m == s.expMask { return (sign | BFPFormat.long.expMask, 0) }
            let nan = sign | BFPFormat.long.expMask | (m & s.fracMask) << 29
            if quiet && m & s.quietBit == 0 { return (nan | BFPFormat.long.quietBit, IEEE.invalid) }
            return (nan, 0)
        }
        if m == 0 { return (sign, 0) }
        let (e, sig) = unpack(m, s)
        return (sign | pack(e, sig, .long), 0)
    }

    /// Long → short, rounded (NaN payloads truncated, SNaN quieted).
    static func roundLongToShort(_ x: UInt64, _ mode: UInt8, masks: UInt8) -> (UInt64, UInt8) {
        let l = BFPFormat.long
        let sign = (x & l.signBit) >> 32
        let m = x & ~l.signBit
        if m >= l.expMask {
            if m == l.expMask { return (sign | BFPFormat.short.expMask, 0) }
            let nan = sign | BFPFormat.short.expMask | (m & l.fracMask) >> 29
            if m & l.quietBit == 0 { return (nan | BFPFormat.short.quietBit, IEEE.invalid) }
            return (nan, 0)
        }
        if m == 0 { return (sign, 0) }
        let (e, sig) = unpack(m, l)
        return roundPack(sign != 0, e, sig, mode, .short, masks)
    }

    /// The trapped result of LOAD ROUNDED long → short: rounded to short
    /// precision, unbounded exponent scaled by 2^scale, in the long format.
    static func roundLongToShortScaled(_ x: UInt64, _ mode: UInt8, scale: Int) -> (UInt64, UInt8) {
        let l = BFPFormat.long
        let sign = x & l.signBit != 0
        let (e, sig) = unpack(x & ~l.signBit, l)
        let (r, e2, exc) = roundSignificand(sign, e, sig, mode, BFPFormat.short.roundBits)
        return ((x & l.signBit) | pack(e2 + scale, r, l), exc)
    }
}
