import CGuestAtomics

/// General instructions: loads, stores, fixed-point arithmetic and compares
/// (PoP chapter 7), including the z196 distinct-operands, high-word and
/// load/store-on-condition facilities.
///
/// Choices where the architecture leaves room:
/// - LOC/LOCG/STOC/STOCG with the condition false make no storage access at
///   all, so they never raise access exceptions (PoP allows either for z196).
/// - ICM/ICMY/ICMH and CLM/CLMY/CLMH with a zero mask fetch one byte at the
///   operand address (access exceptions are recognized for it); STCM/STCMY/
///   STCMH with a zero mask access no storage.
/// - ASI/AGSI/ALSI/ALGSI on an operand aligned to its size are interlocked
///   updates (interlocked-access facility 1), as Linux's atomics rely on.
/// - LM/LMG/LMH/LMY and STM/STMG/STMH/STMY check the whole operand before any
///   register or byte changes.
let generalInstructions: [InstructionDefinition] = [
    // MARK: Loads
    .init("LR", "18", .RR) { cpu, raw throws(Interruption) in cpu.setLow(f8(raw), cpu.low(f12(raw))) },
    .init("LGR", "B904", .RRE) { cpu, raw throws(Interruption) in cpu.r[f24(raw)] = cpu.r[f28(raw)] },
    .init("L", "58", .RXa) { cpu, raw throws(Interruption) in cpu.setLow(f8(raw), try cpu.load32(cpu.eaRX(raw))) },
    .init("LY", "E358", .RXYa) { cpu, raw throws(Interruption) in cpu.setLow(f8(raw), try cpu.load32(cpu.eaRXY(raw))) },
    .init("LG", "E304", .RXYa) { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = try cpu.load64(cpu.eaRXY(raw)) },
    .init("LGF", "E314", .RXYa) { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = sx32(try cpu.load32(cpu.eaRXY(raw))) },
    .init("LGFR", "B914", .RRE) { cpu, raw throws(Interruption) in cpu.r[f24(raw)] = sx32(cpu.low(f28(raw))) },
    .init("LH", "48", .RXa) { cpu, raw throws(Interruption) in cpu.setLow(f8(raw), sx16to32(try cpu.load16(cpu.eaRX(raw)))) },
    .init("LHY", "E378", .RXYa) { cpu, raw throws(Interruption) in cpu.setLow(f8(raw), sx16to32(try cpu.load16(cpu.eaRXY(raw)))) },
    .init("LHR", "B927", .RRE) { cpu, raw throws(Interruption) in cpu.setLow(f24(raw), sx16to32(UInt16(truncatingIfNeeded: cpu.r[f28(raw)]))) },
    .init("LGH", "E315", .RXYa) { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = sx16(try cpu.load16(cpu.eaRXY(raw))) },
    .init("LGHR", "B907", .RRE) { cpu, raw throws(Interruption) in cpu.r[f24(raw)] = sx16(UInt16(truncatingIfNeeded: cpu.r[f28(raw)])) },
    .init("LB", "E376", .RXYa) { cpu, raw throws(Interruption) in cpu.setLow(f8(raw), sx8to32(try cpu.load8(cpu.eaRXY(raw)))) },
    .init("LBR", "B926", .RRE) { cpu, raw throws(Interruption) in cpu.setLow(f24(raw), sx8to32(UInt8(truncatingIfNeeded: cpu.r[f28(raw)]))) },
    .init("LGB", "E377", .RXYa) { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = sx8(try cpu.load8(cpu.eaRXY(raw))) },
    .init("LGBR", "B906", .RRE) { cpu, raw throws(Interruption) in cpu.r[f24(raw)] = sx8(UInt8(truncatingIfNeeded: cpu.r[f28(raw)])) },
    .init("LLC", "E394", .RXYa) { cpu, raw throws(Interruption) in cpu.setLow(f8(raw), UInt32(try cpu.load8(cpu.eaRXY(raw)))) },
    .init("LLCR", "B994", .RRE) { cpu, raw throws(Interruption) in cpu.setLow(f24(raw), cpu.low(f28(raw)) & 0xFF) },
    .init("LLGC", "E390", .RXYa) { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = UInt64(try cpu.load8(cpu.eaRXY(raw))) },
    .init("LLGCR", "B984", .RRE) { cpu, raw throws(Interruption) in cpu.r[f24(raw)] = cpu.r[f28(raw)] & 0xFF },
    .init("LLH", "E395", .RXYa) { cpu, raw throws(Interruption) in cpu.setLow(f8(raw), UInt32(try cpu.load16(cpu.eaRXY(raw)))) },
    .init("LLHR", "B995", .RRE) { cpu, raw throws(Interruption) in cpu.setLow(f24(raw), cpu.low(f28(raw)) & 0xFFFF) },
    .init("LLGH", "E391", .RXYa) { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = UInt64(try cpu.load16(cpu.eaRXY(raw))) },
    .init("LLGHR", "B985", .RRE) { cpu, raw throws(Interruption) in cpu.r[f24(raw)] = cpu.r[f28(raw)] & 0xFFFF },
    .init("LLGF", "E316", .RXYa) { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = UInt64(try cpu.load32(cpu.eaRXY(raw))) },
    .init("LLGFR", "B916", .RRE) { cpu, raw throws(Interruption) in cpu.r[f24(raw)] = cpu.r[f28(raw)] & 0xFFFF_FFFF },
    .init("LLGT", "E317", .RXYa) { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = UInt64(try cpu.load32(cpu.eaRXY(raw)) & 0x7FFF_FFFF) },
    .init("LLGTR", "B917", .RRE) { cpu, raw throws(Interruption) in cpu.r[f24(raw)] = cpu.r[f28(raw)] & 0x7FFF_FFFF },
    .init("LHI", "A78", .RIa) { cpu, raw throws(Interruption) in cpu.setLow(f8(raw), UInt32(truncatingIfNeeded: i16s(raw))) },
    .init("LGHI", "A79", .RIa) { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = UInt64(bitPattern: i16s(raw)) },
    .init("LGFI", "C01", .RILa) { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = UInt64(bitPattern: i32s(raw)) },
    .init("LLIHF", "C0E", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = i32u(raw) << 32 },
    .init("LLILF", "C0F", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = i32u(raw) },
    .init("LLIHH", "A5C", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = i16u(raw) << 48 },
    .init("LLIHL", "A5D", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = i16u(raw) << 32 },
    .init("LLILH", "A5E", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = i16u(raw) << 16 },
    .init("LLILL", "A5F", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = i16u(raw) },
    .init("IIHF", "C08", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in cpu.setHigh(f8(raw), UInt32(truncatingIfNeeded: raw)) },
    .init("IILF", "C09", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in cpu.setLow(f8(raw), UInt32(truncatingIfNeeded: raw)) },
    .init("IIHH", "A50", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in insertHalf(cpu, f8(raw), i16u(raw), shift: 48) },
    .init("IIHL", "A51", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in insertHalf(cpu, f8(raw), i16u(raw), shift: 32) },
    .init("IILH", "A52", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in insertHalf(cpu, f8(raw), i16u(raw), shift: 16) },
    .init("IILL", "A53", .RIa, syntax: "R1,U2") { cpu, raw throws(Interruption) in insertHalf(cpu, f8(raw), i16u(raw), shift: 0) },
    .init("IC", "43", .RXa) { cpu, raw throws(Interruption) in
        let b = try cpu.load8(cpu.eaRX(raw)); let r1 = f8(raw)
        cpu.r[r1] = (cpu.r[r1] & ~0xFF) | UInt64(b)
    },
    .init("ICY", "E373", .RXYa) { cpu, raw throws(Interruption) in
        let b = try cpu.load8(cpu.eaRXY(raw)); let r1 = f8(raw)
        cpu.r[r1] = (cpu.r[r1] & ~0xFF) | UInt64(b)
    },
    .init("ICM", "BF", .RSb) { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        cpu.setLow(r1, try insertUnderMask(cpu, cpu.low(r1), f12(raw), cpu.eaRS(raw)))
    },
    .init("ICMY", "EB81", .RSYb) { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        cpu.setLow(r1, try insertUnderMask(cpu, cpu.low(r1), f12(raw), cpu.eaRSY(raw)))
    },
    .init("ICMH", "EB80", .RSYb) { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        cpu.setHigh(r1, try insertUnderMask(cpu, cpu.high(r1), f12(raw), cpu.eaRSY(raw)))
    },
    .init("LM", "98", .RSa) { cpu, raw throws(Interruption) in try loadMultiple(cpu, f8(raw), f12(raw), cpu.eaRS(raw), .low) },
    .init("LMY", "EB98", .RSYa) { cpu, raw throws(Interruption) in try loadMultiple(cpu, f8(raw), f12(raw), cpu.eaRSY(raw), .low) },
    .init("LMG", "EB04", .RSYa) { cpu, raw throws(Interruption) in try loadMultiple(cpu, f8(raw), f12(raw), cpu.eaRSY(raw), .full) },
    .init("LMH", "EB96", .RSYa) { cpu, raw throws(Interruption) in try loadMultiple(cpu, f8(raw), f12(raw), cpu.eaRSY(raw), .high) },
    .init("LA", "41", .RXa) { cpu, raw throws(Interruption) in setAddress(cpu, f8(raw), cpu.eaRX(raw)) },
    .init("LAY", "E371", .RXYa) { cpu, raw throws(Interruption) in setAddress(cpu, f8(raw), cpu.eaRXY(raw)) },
    .init("LARL", "C00", .RILb) { cpu, raw throws(Interruption) in setAddress(cpu, f8(raw), relativeLong(cpu, raw)) },
    .init("LT", "E312", .RXYa) { cpu, raw throws(Interruption) in
        let v = try cpu.load32(cpu.eaRXY(raw)); cpu.setLow(f8(raw), v); cpu.cc = ccSigned(v)
    },
    .init("LTG", "E302", .RXYa) { cpu, raw throws(Interruption) in
        let v = try cpu.load64(cpu.eaRXY(raw)); cpu.r[f8(raw)] = v; cpu.cc = ccSigned(v)
    },
    .init("LTGF", "E332", .RXYa) { cpu, raw throws(Interruption) in
        let v = sx32(try cpu.load32(cpu.eaRXY(raw))); cpu.r[f8(raw)] = v; cpu.cc = ccSigned(v)
    },
    .init("LTR", "12", .RR) { cpu, raw throws(Interruption) in
        let v = cpu.low(f12(raw)); cpu.setLow(f8(raw), v); cpu.cc = ccSigned(v)
    },
    .init("LTGR", "B902", .RRE) { cpu, raw throws(Interruption) in
        let v = cpu.r[f28(raw)]; cpu.r[f24(raw)] = v; cpu.cc = ccSigned(v)
    },
    .init("LTGFR", "B912", .RRE) { cpu, raw throws(Interruption) in
        let v = sx32(cpu.low(f28(raw))); cpu.r[f24(raw)] = v; cpu.cc = ccSigned(v)
    },
    .init("LPR", "10", .RR) { cpu, raw throws(Interruption) in
        let (v, c) = loadPositive(cpu.low(f12(raw))); cpu.setLow(f8(raw), v); try setArithmeticCC(cpu, c)
    },
    .init("LPGR", "B900", .RRE) { cpu, raw throws(Interruption) in
        let (v, c) = loadPositive(cpu.r[f28(raw)]); cpu.r[f24(raw)] = v; try setArithmeticCC(cpu, c)
    },
    .init("LPGFR", "B910", .RRE) { cpu, raw throws(Interruption) in
        let (v, c) = loadPositive(sx32(cpu.low(f28(raw)))); cpu.r[f24(raw)] = v; cpu.cc = c
    },
    .init("LNR", "11", .RR) { cpu, raw throws(Interruption) in
        let v = loadNegative(cpu.low(f12(raw))); cpu.setLow(f8(raw), v); cpu.cc = v == 0 ? 0 : 1
    },
    .init("LNGR", "B901", .RRE) { cpu, raw throws(Interruption) in
        let v = loadNegative(cpu.r[f28(raw)]); cpu.r[f24(raw)] = v; cpu.cc = v == 0 ? 0 : 1
    },
    .init("LNGFR", "B911", .RRE) { cpu, raw throws(Interruption) in
        let v = loadNegative(sx32(cpu.low(f28(raw)))); cpu.r[f24(raw)] = v; cpu.cc = v == 0 ? 0 : 1
    },
    .init("LCR", "13", .RR) { cpu, raw throws(Interruption) in
        let (v, c) = subtractSigned(UInt32(0), cpu.low(f12(raw))); cpu.setLow(f8(raw), v); try setArithmeticCC(cpu, c)
    },
    .init("LCGR", "B903", .RRE) { cpu, raw throws(Interruption) in
        let (v, c) = subtractSigned(UInt64(0), cpu.r[f28(raw)]); cpu.r[f24(raw)] = v; try setArithmeticCC(cpu, c)
    },
    .init("LCGFR", "B913", .RRE) { cpu, raw throws(Interruption) in
        let (v, c) = subtractSigned(UInt64(0), sx32(cpu.low(f28(raw)))); cpu.r[f24(raw)] = v; cpu.cc = c
    },
    .init("LRV", "E31E", .RXYa) { cpu, raw throws(Interruption) in cpu.setLow(f8(raw), try cpu.load32(cpu.eaRXY(raw)).byteSwapped) },
    .init("LRVR", "B91F", .RRE) { cpu, raw throws(Interruption) in cpu.setLow(f24(raw), cpu.low(f28(raw)).byteSwapped) },
    .init("LRVG", "E30F", .RXYa) { cpu, raw throws(Interruption) in cpu.r[f8(raw)] = try cpu.load64(cpu.eaRXY(raw)).byteSwapped },
    .init("LRVGR", "B90F", .RRE) { cpu, raw throws(Interruption) in cpu.r[f24(raw)] = cpu.r[f28(raw)].byteSwapped },
    .init("LRVH", "E31F", .RXYa) { cpu, raw throws(Interruption) in
        let v = try cpu.load16(cpu.eaRXY(raw)).byteSwapped; let r1 = f8(raw)
        cpu.r[r1] = (cpu.r[r1] & ~0xFFFF) | UInt64(v)
    },
    .init("STRV", "E33E", .RXYa) { cpu, raw throws(Interruption) in try cpu.store32(cpu.low(f8(raw)).byteSwapped, cpu.eaRXY(raw)) },
    .init("STRVG", "E32F", .RXYa) { cpu, raw throws(Interruption) in try cpu.store64(cpu.r[f8(raw)].byteSwapped, cpu.eaRXY(raw)) },
    .init("STRVH", "E33F", .RXYa) { cpu, raw throws(Interruption) in
        try cpu.store16(UInt16(truncatingIfNeeded: cpu.r[f8(raw)]).byteSwapped, cpu.eaRXY(raw))
    },
    .init("LRL", "C4D", .RILb) { cpu, raw throws(Interruption) in
        cpu.setLow(f8(raw), try cpu.load32(try relativeLong(cpu, raw, aligned: 4)))
    },
    .init("LGRL", "C48", .RILb) { cpu, raw throws(Interruption) in
        cpu.r[f8(raw)] = try cpu.load64(try relativeLong(cpu, raw, aligned: 8))
    },
    .init("LGFRL", "C4C", .RILb) { cpu, raw throws(Interruption) in
        cpu.r[f8(raw)] = sx32(try cpu.load32(try relativeLong(cpu, raw, aligned: 4)))
    },
    .init("LLGFRL", "C4E", .RILb) { cpu, raw throws(Interruption) in
        cpu.r[f8(raw)] = UInt64(try cpu.load32(try relativeLong(cpu, raw, aligned: 4)))
    },
    .init("LHRL", "C45", .RILb) { cpu, raw throws(Interruption) in
        cpu.setLow(f8(raw), sx16to32(try cpu.load16(relativeLong(cpu, raw))))
    },
    .init("LGHRL", "C44", .RILb) { cpu, raw throws(Interruption) in
        cpu.r[f8(raw)] = sx16(try cpu.load16(relativeLong(cpu, raw)))
    },
    .init("LLHRL", "C42", .RILb) { cpu, raw throws(Interruption) in
        cpu.setLow(f8(raw), UInt32(try cpu.load16(relativeLong(cpu, raw))))
    },
    .init("LLGHRL", "C46", .RILb) { cpu, raw throws(Interruption) in
        cpu.r[f8(raw)] = UInt64(try cpu.load16(relativeLong(cpu, raw)))
    },
    .init("STRL", "C4F", .RILb) { cpu, raw throws(Interruption) in
        try cpu.store32(cpu.low(f8(raw)), try relativeLong(cpu, raw, aligned: 4))
    },
    .init("STGRL", "C4B", .RILb) { cpu, raw throws(Interruption) in
        try cpu.store64(cpu.r[f8(raw)], try relativeLong(cpu, raw, aligned: 8))
    },
    .init("STHRL", "C47", .RILb) { cpu, raw throws(Interruption) in
        try cpu.store16(UInt16(truncatingIfNeeded: cpu.r[f8(raw)]), relativeLong(cpu, raw))
    },

    // MARK: Stores
    .init("ST", "50", .RXa) { cpu, raw throws(Interruption) in try cpu.store32(cpu.low(f8(raw)), cpu.eaRX(raw)) },
    .init("STY", "E350", .RXYa) { cpu, raw throws(Interruption) in try cpu.store32(cpu.low(f8(raw)), cpu.eaRXY(raw)) },
    .init("STG", "E324", .RXYa) { cpu, raw throws(Interruption) in try cpu.store64(cpu.r[f8(raw)], cpu.eaRXY(raw)) },
    .init("STH", "40", .RXa) { cpu, raw throws(Interruption) in try cpu.store16(UInt16(truncatingIfNeeded: cpu.r[f8(raw)]), cpu.eaRX(raw)) },
    .init("STHY", "E370", .RXYa) { cpu, raw throws(Interruption) in try cpu.store16(UInt16(truncatingIfNeeded: cpu.r[f8(raw)]), cpu.eaRXY(raw)) },
    .init("STC", "42", .RXa) { cpu, raw throws(Interruption) in try cpu.store8(UInt8(truncatingIfNeeded: cpu.r[f8(raw)]), cpu.eaRX(raw)) },
    .init("STCY", "E372", .RXYa) { cpu, raw throws(Interruption) in try cpu.store8(UInt8(truncatingIfNeeded: cpu.r[f8(raw)]), cpu.eaRXY(raw)) },
    .init("STCM", "BE", .RSb) { cpu, raw throws(Interruption) in try storeUnderMask(cpu, cpu.low(f8(raw)), f12(raw), cpu.eaRS(raw)) },
    .init("STCMY", "EB2D", .RSYb) { cpu, raw throws(Interruption) in try storeUnderMask(cpu, cpu.low(f8(raw)), f12(raw), cpu.eaRSY(raw)) },
    .init("STCMH", "EB2C", .RSYb) { cpu, raw throws(Interruption) in try storeUnderMask(cpu, cpu.high(f8(raw)), f12(raw), cpu.eaRSY(raw)) },
    .init("STM", "90", .RSa) { cpu, raw throws(Interruption) in try storeMultiple(cpu, f8(raw), f12(raw), cpu.eaRS(raw), .low) },
    .init("STMY", "EB90", .RSYa) { cpu, raw throws(Interruption) in try storeMultiple(cpu, f8(raw), f12(raw), cpu.eaRSY(raw), .low) },
    .init("STMG", "EB24", .RSYa) { cpu, raw throws(Interruption) in try storeMultiple(cpu, f8(raw), f12(raw), cpu.eaRSY(raw), .full) },
    .init("STMH", "EB26", .RSYa) { cpu, raw throws(Interruption) in try storeMultiple(cpu, f8(raw), f12(raw), cpu.eaRSY(raw), .high) },
    .init("MVI", "92", .SI) { cpu, raw throws(Interruption) in try cpu.store8(UInt8(truncatingIfNeeded: i8at8(raw)), cpu.eaRS(raw)) },
    .init("MVIY", "EB52", .SIY) { cpu, raw throws(Interruption) in try cpu.store8(UInt8(truncatingIfNeeded: i8at8(raw)), cpu.eaRSY(raw)) },
    .init("MVHHI", "E544", .SIL) { cpu, raw throws(Interruption) in try cpu.store16(UInt16(truncatingIfNeeded: raw), cpu.eaRS(raw)) },
    .init("MVHI", "E54C", .SIL) { cpu, raw throws(Interruption) in try cpu.store32(UInt32(truncatingIfNeeded: i32s16(raw)), cpu.eaRS(raw)) },
    .init("MVGHI", "E548", .SIL) { cpu, raw throws(Interruption) in try cpu.store64(UInt64(bitPattern: i32s16(raw)), cpu.eaRS(raw)) },

    // MARK: Add
    .init("AR", "1A", .RR) { cpu, raw throws(Interruption) in try add32(cpu, f8(raw), cpu.low(f8(raw)), cpu.low(f12(raw))) },
    .init("A", "5A", .RXa) { cpu, raw throws(Interruption) in try add32(cpu, f8(raw), cpu.low(f8(raw)), try cpu.load32(cpu.eaRX(raw))) },
    .init("AY", "E35A", .RXYa) { cpu, raw throws(Interruption) in try add32(cpu, f8(raw), cpu.low(f8(raw)), try cpu.load32(cpu.eaRXY(raw))) },
    .init("AG", "E308", .RXYa) { cpu, raw throws(Interruption) in try add64(cpu, f8(raw), cpu.r[f8(raw)], try cpu.load64(cpu.eaRXY(raw))) },
    .init("AGR", "B908", .RRE) { cpu, raw throws(Interruption) in try add64(cpu, f24(raw), cpu.r[f24(raw)], cpu.r[f28(raw)]) },
    .init("AGF", "E318", .RXYa) { cpu, raw throws(Interruption) in try add64(cpu, f8(raw), cpu.r[f8(raw)], sx32(try cpu.load32(cpu.eaRXY(raw)))) },
    .init("AGFR", "B918", .RRE) { cpu, raw throws(Interruption) in try add64(cpu, f24(raw), cpu.r[f24(raw)], sx32(cpu.low(f28(raw)))) },
    .init("AH", "4A", .RXa) { cpu, raw throws(Interruption) in try add32(cpu, f8(raw), cpu.low(f8(raw)), sx16to32(try cpu.load16(cpu.eaRX(raw)))) },
    .init("AHY", "E37A", .RXYa) { cpu, raw throws(Interruption) in try add32(cpu, f8(raw), cpu.low(f8(raw)), sx16to32(try cpu.load16(cpu.eaRXY(raw)))) },
    .init("AHI", "A7A", .RIa) { cpu, raw throws(Interruption) in try add32(cpu, f8(raw), cpu.low(f8(raw)), UInt32(truncatingIfNeeded: i16s(raw))) },
    .init("AGHI", "A7B", .RIa) { cpu, raw throws(Interruption) in try add64(cpu, f8(raw), cpu.r[f8(raw)], UInt64(bitPattern: i16s(raw))) },
    .init("AFI", "C29", .RILa) { cpu, raw throws(Interruption) in try add32(cpu, f8(raw), cpu.low(f8(raw)), UInt32(truncatingIfNeeded: raw)) },
    .init("AGFI", "C28", .RILa) { cpu, raw throws(Interruption) in try add64(cpu, f8(raw), cpu.r[f8(raw)], UInt64(bitPattern: i32s(raw))) },
    .init("ALR", "1E", .RR) { cpu, raw throws(Interruption) in addLogical32(cpu, f8(raw), cpu.low(f8(raw)), cpu.low(f12(raw))) },
    .init("AL", "5E", .RXa) { cpu, raw throws(Interruption) in addLogical32(cpu, f8(raw), cpu.low(f8(raw)), try cpu.load32(cpu.eaRX(raw))) },
    .init("ALY", "E35E", .RXYa) { cpu, raw throws(Interruption) in addLogical32(cpu, f8(raw), cpu.low(f8(raw)), try cpu.load32(cpu.eaRXY(raw))) },
    .init("ALG", "E30A", .RXYa) { cpu, raw throws(Interruption) in addLogical64(cpu, f8(raw), cpu.r[f8(raw)], try cpu.load64(cpu.eaRXY(raw))) },
    .init("ALGR", "B90A", .RRE) { cpu, raw throws(Interruption) in addLogical64(cpu, f24(raw), cpu.r[f24(raw)], cpu.r[f28(raw)]) },
    .init("ALGF", "E31A", .RXYa) { cpu, raw throws(Interruption) in addLogical64(cpu, f8(raw), cpu.r[f8(raw)], UInt64(try cpu.load32(cpu.eaRXY(raw)))) },
    .init("ALGFR", "B91A", .RRE) { cpu, raw throws(Interruption) in addLogical64(cpu, f24(raw), cpu.r[f24(raw)], UInt64(cpu.low(f28(raw)))) },
    .init("ALFI", "C2B", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in addLogical32(cpu, f8(raw), cpu.low(f8(raw)), UInt32(truncatingIfNeeded: raw)) },
    .init("ALGFI", "C2A", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in addLogical64(cpu, f8(raw), cpu.r[f8(raw)], i32u(raw)) },
    .init("ALCR", "B998", .RRE) { cpu, raw throws(Interruption) in
        addLogical32(cpu, f24(raw), cpu.low(f24(raw)), cpu.low(f28(raw)), carry: carryIn(cpu))
    },
    .init("ALC", "E398", .RXYa) { cpu, raw throws(Interruption) in
        addLogical32(cpu, f8(raw), cpu.low(f8(raw)), try cpu.load32(cpu.eaRXY(raw)), carry: carryIn(cpu))
    },
    .init("ALCGR", "B988", .RRE) { cpu, raw throws(Interruption) in
        addLogical64(cpu, f24(raw), cpu.r[f24(raw)], cpu.r[f28(raw)], carry: UInt64(carryIn(cpu)))
    },
    .init("ALCG", "E388", .RXYa) { cpu, raw throws(Interruption) in
        addLogical64(cpu, f8(raw), cpu.r[f8(raw)], try cpu.load64(cpu.eaRXY(raw)), carry: UInt64(carryIn(cpu)))
    },
    .init("ASI", "EB6A", .SIY, syntax: "D1(B1),I2") { cpu, raw throws(Interruption) in
        try addToStorage32(cpu, cpu.eaRSY(raw), UInt32(truncatingIfNeeded: i8at8s(raw)), logical: false)
    },
    .init("AGSI", "EB7A", .SIY, syntax: "D1(B1),I2") { cpu, raw throws(Interruption) in
        try addToStorage64(cpu, cpu.eaRSY(raw), UInt64(bitPattern: i8at8s(raw)), logical: false)
    },
    .init("ALSI", "EB6E", .SIY, syntax: "D1(B1),I2") { cpu, raw throws(Interruption) in
        try addToStorage32(cpu, cpu.eaRSY(raw), UInt32(truncatingIfNeeded: i8at8s(raw)), logical: true)
    },
    .init("ALGSI", "EB7E", .SIY, syntax: "D1(B1),I2") { cpu, raw throws(Interruption) in
        try addToStorage64(cpu, cpu.eaRSY(raw), UInt64(bitPattern: i8at8s(raw)), logical: true)
    },

    // MARK: Subtract
    .init("SR", "1B", .RR) { cpu, raw throws(Interruption) in try sub32(cpu, f8(raw), cpu.low(f8(raw)), cpu.low(f12(raw))) },
    .init("S", "5B", .RXa) { cpu, raw throws(Interruption) in try sub32(cpu, f8(raw), cpu.low(f8(raw)), try cpu.load32(cpu.eaRX(raw))) },
    .init("SY", "E35B", .RXYa) { cpu, raw throws(Interruption) in try sub32(cpu, f8(raw), cpu.low(f8(raw)), try cpu.load32(cpu.eaRXY(raw))) },
    .init("SG", "E309", .RXYa) { cpu, raw throws(Interruption) in try sub64(cpu, f8(raw), cpu.r[f8(raw)], try cpu.load64(cpu.eaRXY(raw))) },
    .init("SGR", "B909", .RRE) { cpu, raw throws(Interruption) in try sub64(cpu, f24(raw), cpu.r[f24(raw)], cpu.r[f28(raw)]) },
    .init("SGF", "E319", .RXYa) { cpu, raw throws(Interruption) in try sub64(cpu, f8(raw), cpu.r[f8(raw)], sx32(try cpu.load32(cpu.eaRXY(raw)))) },
    .init("SGFR", "B919", .RRE) { cpu, raw throws(Interruption) in try sub64(cpu, f24(raw), cpu.r[f24(raw)], sx32(cpu.low(f28(raw)))) },
    .init("SH", "4B", .RXa) { cpu, raw throws(Interruption) in try sub32(cpu, f8(raw), cpu.low(f8(raw)), sx16to32(try cpu.load16(cpu.eaRX(raw)))) },
    .init("SHY", "E37B", .RXYa) { cpu, raw throws(Interruption) in try sub32(cpu, f8(raw), cpu.low(f8(raw)), sx16to32(try cpu.load16(cpu.eaRXY(raw)))) },
    .init("SLR", "1F", .RR) { cpu, raw throws(Interruption) in subLogical32(cpu, f8(raw), cpu.low(f8(raw)), cpu.low(f12(raw))) },
    .init("SL", "5F", .RXa) { cpu, raw throws(Interruption) in subLogical32(cpu, f8(raw), cpu.low(f8(raw)), try cpu.load32(cpu.eaRX(raw))) },
    .init("SLY", "E35F", .RXYa) { cpu, raw throws(Interruption) in subLogical32(cpu, f8(raw), cpu.low(f8(raw)), try cpu.load32(cpu.eaRXY(raw))) },
    .init("SLG", "E30B", .RXYa) { cpu, raw throws(Interruption) in subLogical64(cpu, f8(raw), cpu.r[f8(raw)], try cpu.load64(cpu.eaRXY(raw))) },
    .init("SLGR", "B90B", .RRE) { cpu, raw throws(Interruption) in subLogical64(cpu, f24(raw), cpu.r[f24(raw)], cpu.r[f28(raw)]) },
    .init("SLGF", "E31B", .RXYa) { cpu, raw throws(Interruption) in subLogical64(cpu, f8(raw), cpu.r[f8(raw)], UInt64(try cpu.load32(cpu.eaRXY(raw)))) },
    .init("SLGFR", "B91B", .RRE) { cpu, raw throws(Interruption) in subLogical64(cpu, f24(raw), cpu.r[f24(raw)], UInt64(cpu.low(f28(raw)))) },
    .init("SLFI", "C25", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in subLogical32(cpu, f8(raw), cpu.low(f8(raw)), UInt32(truncatingIfNeeded: raw)) },
    .init("SLGFI", "C24", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in subLogical64(cpu, f8(raw), cpu.r[f8(raw)], i32u(raw)) },
    .init("SLBR", "B999", .RRE) { cpu, raw throws(Interruption) in
        subLogical32(cpu, f24(raw), cpu.low(f24(raw)), cpu.low(f28(raw)), carry: carryIn(cpu))
    },
    .init("SLB", "E399", .RXYa) { cpu, raw throws(Interruption) in
        subLogical32(cpu, f8(raw), cpu.low(f8(raw)), try cpu.load32(cpu.eaRXY(raw)), carry: carryIn(cpu))
    },
    .init("SLBGR", "B989", .RRE) { cpu, raw throws(Interruption) in
        subLogical64(cpu, f24(raw), cpu.r[f24(raw)], cpu.r[f28(raw)], carry: UInt64(carryIn(cpu)))
    },
    .init("SLBG", "E389", .RXYa) { cpu, raw throws(Interruption) in
        subLogical64(cpu, f8(raw), cpu.r[f8(raw)], try cpu.load64(cpu.eaRXY(raw)), carry: UInt64(carryIn(cpu)))
    },

    // MARK: Multiply
    .init("MR", "1C", .RR) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); try cpu.requireEven(r1); multiplyPair32(cpu, r1, cpu.low(f12(raw)))
    },
    .init("M", "5C", .RXa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); try cpu.requireEven(r1); multiplyPair32(cpu, r1, try cpu.load32(cpu.eaRX(raw)))
    },
    .init("MFY", "E35C", .RXYa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); try cpu.requireEven(r1); multiplyPair32(cpu, r1, try cpu.load32(cpu.eaRXY(raw)))
    },
    .init("MH", "4C", .RXa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); cpu.setLow(r1, cpu.low(r1) &* sx16to32(try cpu.load16(cpu.eaRX(raw))))
    },
    .init("MHY", "E37C", .RXYa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); cpu.setLow(r1, cpu.low(r1) &* sx16to32(try cpu.load16(cpu.eaRXY(raw))))
    },
    .init("MHI", "A7C", .RIa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); cpu.setLow(r1, cpu.low(r1) &* UInt32(truncatingIfNeeded: i16s(raw)))
    },
    .init("MGHI", "A7D", .RIa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); cpu.r[r1] = cpu.r[r1] &* UInt64(bitPattern: i16s(raw))
    },
    .init("MSR", "B252", .RRE) { cpu, raw throws(Interruption) in
        let r1 = f24(raw); cpu.setLow(r1, cpu.low(r1) &* cpu.low(f28(raw)))
    },
    .init("MS", "71", .RXa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); cpu.setLow(r1, cpu.low(r1) &* (try cpu.load32(cpu.eaRX(raw))))
    },
    .init("MSY", "E351", .RXYa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); cpu.setLow(r1, cpu.low(r1) &* (try cpu.load32(cpu.eaRXY(raw))))
    },
    .init("MSFI", "C21", .RILa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); cpu.setLow(r1, cpu.low(r1) &* UInt32(truncatingIfNeeded: raw))
    },
    .init("MSGR", "B90C", .RRE) { cpu, raw throws(Interruption) in
        let r1 = f24(raw); cpu.r[r1] = cpu.r[r1] &* cpu.r[f28(raw)]
    },
    .init("MSG", "E30C", .RXYa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); cpu.r[r1] = cpu.r[r1] &* (try cpu.load64(cpu.eaRXY(raw)))
    },
    .init("MSGFR", "B91C", .RRE) { cpu, raw throws(Interruption) in
        let r1 = f24(raw); cpu.r[r1] = cpu.r[r1] &* sx32(cpu.low(f28(raw)))
    },
    .init("MSGF", "E31C", .RXYa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); cpu.r[r1] = cpu.r[r1] &* sx32(try cpu.load32(cpu.eaRXY(raw)))
    },
    .init("MSGFI", "C20", .RILa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); cpu.r[r1] = cpu.r[r1] &* UInt64(bitPattern: i32s(raw))
    },
    .init("MLR", "B996", .RRE) { cpu, raw throws(Interruption) in
        let r1 = f24(raw); try cpu.requireEven(r1); multiplyLogicalPair32(cpu, r1, cpu.low(f28(raw)))
    },
    .init("ML", "E396", .RXYa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); try cpu.requireEven(r1); multiplyLogicalPair32(cpu, r1, try cpu.load32(cpu.eaRXY(raw)))
    },
    .init("MLGR", "B986", .RRE) { cpu, raw throws(Interruption) in
        let r1 = f24(raw); try cpu.requireEven(r1); multiplyLogicalPair64(cpu, r1, cpu.r[f28(raw)])
    },
    .init("MLG", "E386", .RXYa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); try cpu.requireEven(r1); multiplyLogicalPair64(cpu, r1, try cpu.load64(cpu.eaRXY(raw)))
    },

    // MARK: Divide
    .init("DR", "1D", .RR) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); try cpu.requireEven(r1); try divide32(cpu, r1, cpu.low(f12(raw)))
    },
    .init("D", "5D", .RXa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); try cpu.requireEven(r1); try divide32(cpu, r1, try cpu.load32(cpu.eaRX(raw)))
    },
    .init("DLR", "B997", .RRE) { cpu, raw throws(Interruption) in
        let r1 = f24(raw); try cpu.requireEven(r1); try divideLogical32(cpu, r1, cpu.low(f28(raw)))
    },
    .init("DL", "E397", .RXYa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); try cpu.requireEven(r1); try divideLogical32(cpu, r1, try cpu.load32(cpu.eaRXY(raw)))
    },
    .init("DLGR", "B987", .RRE) { cpu, raw throws(Interruption) in
        let r1 = f24(raw); try cpu.requireEven(r1); try divideLogical64(cpu, r1, cpu.r[f28(raw)])
    },
    .init("DLG", "E387", .RXYa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); try cpu.requireEven(r1); try divideLogical64(cpu, r1, try cpu.load64(cpu.eaRXY(raw)))
    },
    .init("DSGR", "B90D", .RRE) { cpu, raw throws(Interruption) in
        let r1 = f24(raw); try cpu.requireEven(r1); try divideSingle64(cpu, r1, cpu.r[f28(raw)])
    },
    .init("DSG", "E30D", .RXYa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); try cpu.requireEven(r1); try divideSingle64(cpu, r1, try cpu.load64(cpu.eaRXY(raw)))
    },
    .init("DSGFR", "B91D", .RRE) { cpu, raw throws(Interruption) in
        let r1 = f24(raw); try cpu.requireEven(r1); try divideSingle64(cpu, r1, sx32(cpu.low(f28(raw))))
    },
    .init("DSGF", "E31D", .RXYa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); try cpu.requireEven(r1); try divideSingle64(cpu, r1, sx32(try cpu.load32(cpu.eaRXY(raw))))
    },

    // MARK: Compare
    .init("CR", "19", .RR) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.low(f8(raw)), cpu.low(f12(raw))) },
    .init("C", "59", .RXa) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.low(f8(raw)), try cpu.load32(cpu.eaRX(raw))) },
    .init("CY", "E359", .RXYa) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.low(f8(raw)), try cpu.load32(cpu.eaRXY(raw))) },
    .init("CGR", "B920", .RRE) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.r[f24(raw)], cpu.r[f28(raw)]) },
    .init("CG", "E320", .RXYa) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.r[f8(raw)], try cpu.load64(cpu.eaRXY(raw))) },
    .init("CGFR", "B930", .RRE) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.r[f24(raw)], sx32(cpu.low(f28(raw)))) },
    .init("CGF", "E330", .RXYa) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.r[f8(raw)], sx32(try cpu.load32(cpu.eaRXY(raw)))) },
    .init("CH", "49", .RXa) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.low(f8(raw)), sx16to32(try cpu.load16(cpu.eaRX(raw)))) },
    .init("CHY", "E379", .RXYa) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.low(f8(raw)), sx16to32(try cpu.load16(cpu.eaRXY(raw)))) },
    .init("CHI", "A7E", .RIa) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.low(f8(raw)), UInt32(truncatingIfNeeded: i16s(raw))) },
    .init("CGHI", "A7F", .RIa) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.r[f8(raw)], UInt64(bitPattern: i16s(raw))) },
    .init("CFI", "C2D", .RILa) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.low(f8(raw)), UInt32(truncatingIfNeeded: raw)) },
    .init("CGFI", "C2C", .RILa) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.r[f8(raw)], UInt64(bitPattern: i32s(raw))) },
    .init("CLR", "15", .RR) { cpu, raw throws(Interruption) in cpu.cc = compareLogical(cpu.low(f8(raw)), cpu.low(f12(raw))) },
    .init("CL", "55", .RXa) { cpu, raw throws(Interruption) in cpu.cc = compareLogical(cpu.low(f8(raw)), try cpu.load32(cpu.eaRX(raw))) },
    .init("CLY", "E355", .RXYa) { cpu, raw throws(Interruption) in cpu.cc = compareLogical(cpu.low(f8(raw)), try cpu.load32(cpu.eaRXY(raw))) },
    .init("CLGR", "B921", .RRE) { cpu, raw throws(Interruption) in cpu.cc = compareLogical(cpu.r[f24(raw)], cpu.r[f28(raw)]) },
    .init("CLG", "E321", .RXYa) { cpu, raw throws(Interruption) in cpu.cc = compareLogical(cpu.r[f8(raw)], try cpu.load64(cpu.eaRXY(raw))) },
    .init("CLGFR", "B931", .RRE) { cpu, raw throws(Interruption) in cpu.cc = compareLogical(cpu.r[f24(raw)], UInt64(cpu.low(f28(raw)))) },
    .init("CLGF", "E331", .RXYa) { cpu, raw throws(Interruption) in cpu.cc = compareLogical(cpu.r[f8(raw)], UInt64(try cpu.load32(cpu.eaRXY(raw)))) },
    .init("CLFI", "C2F", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in cpu.cc = compareLogical(cpu.low(f8(raw)), UInt32(truncatingIfNeeded: raw)) },
    .init("CLGFI", "C2E", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in cpu.cc = compareLogical(cpu.r[f8(raw)], i32u(raw)) },
    .init("CLI", "95", .SI) { cpu, raw throws(Interruption) in cpu.cc = compareLogical(try cpu.load8(cpu.eaRS(raw)), UInt8(truncatingIfNeeded: i8at8(raw))) },
    .init("CLIY", "EB55", .SIY) { cpu, raw throws(Interruption) in cpu.cc = compareLogical(try cpu.load8(cpu.eaRSY(raw)), UInt8(truncatingIfNeeded: i8at8(raw))) },
    .init("CHHSI", "E554", .SIL) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(try cpu.load16(cpu.eaRS(raw)), UInt16(truncatingIfNeeded: raw)) },
    .init("CHSI", "E55C", .SIL) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(try cpu.load32(cpu.eaRS(raw)), UInt32(truncatingIfNeeded: i32s16(raw))) },
    .init("CGHSI", "E558", .SIL) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(try cpu.load64(cpu.eaRS(raw)), UInt64(bitPattern: i32s16(raw))) },
    .init("CLHHSI", "E555", .SIL, syntax: "D1(B1),U2") { cpu, raw throws(Interruption) in cpu.cc = compareLogical(try cpu.load16(cpu.eaRS(raw)), UInt16(truncatingIfNeeded: raw)) },
    .init("CLFHSI", "E55D", .SIL, syntax: "D1(B1),U2") { cpu, raw throws(Interruption) in cpu.cc = compareLogical(try cpu.load32(cpu.eaRS(raw)), UInt32(raw & 0xFFFF)) },
    .init("CLGHSI", "E559", .SIL, syntax: "D1(B1),U2") { cpu, raw throws(Interruption) in cpu.cc = compareLogical(try cpu.load64(cpu.eaRS(raw)), raw & 0xFFFF) },
    .init("CRL", "C6D", .RILb) { cpu, raw throws(Interruption) in
        cpu.cc = compareSigned(cpu.low(f8(raw)), try cpu.load32(try relativeLong(cpu, raw, aligned: 4)))
    },
    .init("CGRL", "C68", .RILb) { cpu, raw throws(Interruption) in
        cpu.cc = compareSigned(cpu.r[f8(raw)], try cpu.load64(try relativeLong(cpu, raw, aligned: 8)))
    },
    .init("CGFRL", "C6C", .RILb) { cpu, raw throws(Interruption) in
        cpu.cc = compareSigned(cpu.r[f8(raw)], sx32(try cpu.load32(try relativeLong(cpu, raw, aligned: 4))))
    },
    .init("CHRL", "C65", .RILb) { cpu, raw throws(Interruption) in
        cpu.cc = compareSigned(cpu.low(f8(raw)), sx16to32(try cpu.load16(relativeLong(cpu, raw))))
    },
    .init("CGHRL", "C64", .RILb) { cpu, raw throws(Interruption) in
        cpu.cc = compareSigned(cpu.r[f8(raw)], sx16(try cpu.load16(relativeLong(cpu, raw))))
    },
    .init("CLRL", "C6F", .RILb) { cpu, raw throws(Interruption) in
        cpu.cc = compareLogical(cpu.low(f8(raw)), try cpu.load32(try relativeLong(cpu, raw, aligned: 4)))
    },
    .init("CLGRL", "C6A", .RILb) { cpu, raw throws(Interruption) in
        cpu.cc = compareLogical(cpu.r[f8(raw)], try cpu.load64(try relativeLong(cpu, raw, aligned: 8)))
    },
    .init("CLGFRL", "C6E", .RILb) { cpu, raw throws(Interruption) in
        cpu.cc = compareLogical(cpu.r[f8(raw)], UInt64(try cpu.load32(try relativeLong(cpu, raw, aligned: 4))))
    },
    .init("CLHRL", "C67", .RILb) { cpu, raw throws(Interruption) in
        cpu.cc = compareLogical(cpu.low(f8(raw)), UInt32(try cpu.load16(relativeLong(cpu, raw))))
    },
    .init("CLGHRL", "C66", .RILb) { cpu, raw throws(Interruption) in
        cpu.cc = compareLogical(cpu.r[f8(raw)], UInt64(try cpu.load16(relativeLong(cpu, raw))))
    },
    .init("CLM", "BD", .RSb) { cpu, raw throws(Interruption) in
        cpu.cc = try compareUnderMask(cpu, cpu.low(f8(raw)), f12(raw), cpu.eaRS(raw))
    },
    .init("CLMY", "EB21", .RSYb) { cpu, raw throws(Interruption) in
        cpu.cc = try compareUnderMask(cpu, cpu.low(f8(raw)), f12(raw), cpu.eaRSY(raw))
    },
    .init("CLMH", "EB20", .RSYb) { cpu, raw throws(Interruption) in
        cpu.cc = try compareUnderMask(cpu, cpu.high(f8(raw)), f12(raw), cpu.eaRSY(raw))
    },

    // MARK: Distinct operands (z196): R1 ← R2 op R3, R1 ← R3 op I2
    .init("ARK", "B9F8", .RRFa) { cpu, raw throws(Interruption) in try add32(cpu, f24(raw), cpu.low(f28(raw)), cpu.low(f16(raw))) },
    .init("AGRK", "B9E8", .RRFa) { cpu, raw throws(Interruption) in try add64(cpu, f24(raw), cpu.r[f28(raw)], cpu.r[f16(raw)]) },
    .init("AHIK", "ECD8", .RIEd) { cpu, raw throws(Interruption) in
        try add32(cpu, f8(raw), cpu.low(f12(raw)), UInt32(truncatingIfNeeded: i16s(raw)))
    },
    .init("AGHIK", "ECD9", .RIEd) { cpu, raw throws(Interruption) in
        try add64(cpu, f8(raw), cpu.r[f12(raw)], UInt64(bitPattern: i16s(raw)))
    },
    .init("ALRK", "B9FA", .RRFa) { cpu, raw throws(Interruption) in addLogical32(cpu, f24(raw), cpu.low(f28(raw)), cpu.low(f16(raw))) },
    .init("ALGRK", "B9EA", .RRFa) { cpu, raw throws(Interruption) in addLogical64(cpu, f24(raw), cpu.r[f28(raw)], cpu.r[f16(raw)]) },
    .init("ALHSIK", "ECDA", .RIEd) { cpu, raw throws(Interruption) in
        addLogical32(cpu, f8(raw), cpu.low(f12(raw)), UInt32(truncatingIfNeeded: i16s(raw)))
    },
    .init("ALGHSIK", "ECDB", .RIEd) { cpu, raw throws(Interruption) in
        addLogical64(cpu, f8(raw), cpu.r[f12(raw)], UInt64(bitPattern: i16s(raw)))
    },
    .init("SRK", "B9F9", .RRFa) { cpu, raw throws(Interruption) in try sub32(cpu, f24(raw), cpu.low(f28(raw)), cpu.low(f16(raw))) },
    .init("SGRK", "B9E9", .RRFa) { cpu, raw throws(Interruption) in try sub64(cpu, f24(raw), cpu.r[f28(raw)], cpu.r[f16(raw)]) },
    .init("SLRK", "B9FB", .RRFa) { cpu, raw throws(Interruption) in subLogical32(cpu, f24(raw), cpu.low(f28(raw)), cpu.low(f16(raw))) },
    .init("SLGRK", "B9EB", .RRFa) { cpu, raw throws(Interruption) in subLogical64(cpu, f24(raw), cpu.r[f28(raw)], cpu.r[f16(raw)]) },

    // MARK: High-word facility (z196): bits 0-31 of the registers
    .init("AHHHR", "B9C8", .RRFa) { cpu, raw throws(Interruption) in
        let (v, c) = addSigned(cpu.high(f28(raw)), cpu.high(f16(raw))); cpu.setHigh(f24(raw), v); try setArithmeticCC(cpu, c)
    },
    .init("AHHLR", "B9D8", .RRFa) { cpu, raw throws(Interruption) in
        let (v, c) = addSigned(cpu.high(f28(raw)), cpu.low(f16(raw))); cpu.setHigh(f24(raw), v); try setArithmeticCC(cpu, c)
    },
    .init("AIH", "CC8", .RILa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        let (v, c) = addSigned(cpu.high(r1), UInt32(truncatingIfNeeded: raw)); cpu.setHigh(r1, v); try setArithmeticCC(cpu, c)
    },
    .init("ALHHHR", "B9CA", .RRFa) { cpu, raw throws(Interruption) in
        let (v, c) = addLogical(cpu.high(f28(raw)), cpu.high(f16(raw)), 0); cpu.setHigh(f24(raw), v); cpu.cc = c
    },
    .init("ALHHLR", "B9DA", .RRFa) { cpu, raw throws(Interruption) in
        let (v, c) = addLogical(cpu.high(f28(raw)), cpu.low(f16(raw)), 0); cpu.setHigh(f24(raw), v); cpu.cc = c
    },
    .init("ALSIH", "CCA", .RILa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw)
        let (v, c) = addLogical(cpu.high(r1), UInt32(truncatingIfNeeded: raw), 0); cpu.setHigh(r1, v); cpu.cc = c
    },
    .init("ALSIHN", "CCB", .RILa) { cpu, raw throws(Interruption) in
        let r1 = f8(raw); cpu.setHigh(r1, cpu.high(r1) &+ UInt32(truncatingIfNeeded: raw))
    },
    .init("SHHHR", "B9C9", .RRFa) { cpu, raw throws(Interruption) in
        let (v, c) = subtractSigned(cpu.high(f28(raw)), cpu.high(f16(raw))); cpu.setHigh(f24(raw), v); try setArithmeticCC(cpu, c)
    },
    .init("SHHLR", "B9D9", .RRFa) { cpu, raw throws(Interruption) in
        let (v, c) = subtractSigned(cpu.high(f28(raw)), cpu.low(f16(raw))); cpu.setHigh(f24(raw), v); try setArithmeticCC(cpu, c)
    },
    .init("SLHHHR", "B9CB", .RRFa) { cpu, raw throws(Interruption) in
        let (v, c) = addLogical(cpu.high(f28(raw)), ~cpu.high(f16(raw)), 1); cpu.setHigh(f24(raw), v); cpu.cc = c
    },
    .init("SLHHLR", "B9DB", .RRFa) { cpu, raw throws(Interruption) in
        let (v, c) = addLogical(cpu.high(f28(raw)), ~cpu.low(f16(raw)), 1); cpu.setHigh(f24(raw), v); cpu.cc = c
    },
    .init("CHHR", "B9CD", .RRE) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.high(f24(raw)), cpu.high(f28(raw))) },
    .init("CHLR", "B9DD", .RRE) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.high(f24(raw)), cpu.low(f28(raw))) },
    .init("CHF", "E3CD", .RXYa) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.high(f8(raw)), try cpu.load32(cpu.eaRXY(raw))) },
    .init("CIH", "CCD", .RILa) { cpu, raw throws(Interruption) in cpu.cc = compareSigned(cpu.high(f8(raw)), UInt32(truncatingIfNeeded: raw)) },
    .init("CLHHR", "B9CF", .RRE) { cpu, raw throws(Interruption) in cpu.cc = compareLogical(cpu.high(f24(raw)), cpu.high(f28(raw))) },
    .init("CLHLR", "B9DF", .RRE) { cpu, raw throws(Interruption) in cpu.cc = compareLogical(cpu.high(f24(raw)), cpu.low(f28(raw))) },
    .init("CLHF", "E3CF", .RXYa) { cpu, raw throws(Interruption) in cpu.cc = compareLogical(cpu.high(f8(raw)), try cpu.load32(cpu.eaRXY(raw))) },
    .init("CLIH", "CCF", .RILa, syntax: "R1,U2") { cpu, raw throws(Interruption) in cpu.cc = compareLogical(cpu.high(f8(raw)), UInt32(truncatingIfNeeded: raw)) },
    .init("LBH", "E3C0", .RXYa) { cpu, raw throws(Interruption) in cpu.setHigh(f8(raw), sx8to32(try cpu.load8(cpu.eaRXY(raw)))) },
    .init("LHH", "E3C4", .RXYa) { cpu, raw throws(Interruption) in cpu.setHigh(f8(raw), sx16to32(try cpu.load16(cpu.eaRXY(raw)))) },
    .init("LFH", "E3CA", .RXYa) { cpu, raw throws(Interruption) in cpu.setHigh(f8(raw), try cpu.load32(cpu.eaRXY(raw))) },
    .init("LLCH", "E3C2", .RXYa) { cpu, raw throws(Interruption) in cpu.setHigh(f8(raw), UInt32(try cpu.load8(cpu.eaRXY(raw)))) },
    .init("LLHH", "E3C6", .RXYa) { cpu, raw throws(Interruption) in cpu.setHigh(f8(raw), UInt32(try cpu.load16(cpu.eaRXY(raw)))) },
    .init("STCH", "E3C3", .RXYa) { cpu, raw throws(Interruption) in try cpu.store8(UInt8(truncatingIfNeeded: cpu.high(f8(raw))), cpu.eaRXY(raw)) },
    .init("STHH", "E3C7", .RXYa) { cpu, raw throws(Interruption) in try cpu.store16(UInt16(truncatingIfNeeded: cpu.high(f8(raw))), cpu.eaRXY(raw)) },
    .init("STFH", "E3CB", .RXYa) { cpu, raw throws(Interruption) in try cpu.store32(cpu.high(f8(raw)), cpu.eaRXY(raw)) },

    // MARK: Load/store on condition (z196). A false condition accesses no storage.
    .init("LOCR", "B9F2", .RRFc, syntax: "{o} R1,R2,M3") { cpu, raw throws(Interruption) in
        if conditionHolds(cpu, f16(raw)) { cpu.setLow(f24(raw), cpu.low(f28(raw))) }
    },
    .init("LOCGR", "B9E2", .RRFc, syntax: "{o} R1,R2,M3") { cpu, raw throws(Interruption) in
        if conditionHolds(cpu, f16(raw)) { cpu.r[f24(raw)] = cpu.r[f28(raw)] }
    },
    .init("LOC", "EBF2", .RSYb, syntax: "{o} R1,D2(B2),M3") { cpu, raw throws(Interruption) in
        if conditionHolds(cpu, f12(raw)) { cpu.setLow(f8(raw), try cpu.load32(cpu.eaRSY(raw))) }
    },
    .init("LOCG", "EBE2", .RSYb, syntax: "{o} R1,D2(B2),M3") { cpu, raw throws(Interruption) in
        if conditionHolds(cpu, f12(raw)) { cpu.r[f8(raw)] = try cpu.load64(cpu.eaRSY(raw)) }
    },
    .init("STOC", "EBF3", .RSYb, syntax: "{o} R1,D2(B2),M3") { cpu, raw throws(Interruption) in
        if conditionHolds(cpu, f12(raw)) { try cpu.store32(cpu.low(f8(raw)), cpu.eaRSY(raw)) }
    },
    .init("STOCG", "EBE3", .RSYb, syntax: "{o} R1,D2(B2),M3") { cpu, raw throws(Interruption) in
        if conditionHolds(cpu, f12(raw)) { try cpu.store64(cpu.r[f8(raw)], cpu.eaRSY(raw)) }
    },

    // MARK: Monitor call
    .init("MC", "AF", .SI, [], monitorCall),
]

/// MONITOR CALL: I2 bits 8-11 must be zero (specification); bits 12-15 are
/// the monitor class. When the class's mask bit in CR8 (bits 48-63) is one,
/// a monitor-event program interruption follows the completed instruction,
/// with the class at real 148-149 and the first-operand address (wrapped to
/// the addressing mode, zeros on the left) as the monitor code at 176-183.
/// No storage is accessed at the first-operand address.
private func monitorCall(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let i2 = i8at8(raw)
    if i2 & 0xF0 != 0 { throw Interruption.program(.specification) }
    let monitorClass = i2 & 0xF
    if cpu.cr[8] & (0x8000 >> monitorClass) == 0 { return }
    cpu.storeLowcore(UInt16(monitorClass), at: Lowcore.monitorClass)
    cpu.storeLowcore(cpu.eaRS(raw), at: Lowcore.monitorCode)
    throw Interruption.program(.monitorEvent)
}

// MARK: - Helpers (the internal ones are shared with the loop's inline operations)

/// PSW bit 20: fixed-point-overflow mask.
let fixedPointOverflowMask: UInt64 = 1 << 43

@inline(__always) func sx32(_ v: UInt32) -> UInt64 { UInt64(bitPattern: Int64(Int32(bitPattern: v))) }
@inline(__always) func sx16(_ v: UInt16) -> UInt64 { UInt64(bitPattern: Int64(Int16(bitPattern: v))) }
@inline(__always) private func sx8(_ v: UInt8) -> UInt64 { UInt64(bitPattern: Int64(Int8(bitPattern: v))) }
@inline(__always) func sx16to32(_ v: UInt16) -> UInt32 { UInt32(bitPattern: Int32(Int16(bitPattern: v))) }
@inline(__always) private func sx8to32(_ v: UInt8) -> UInt32 { UInt32(bitPattern: Int32(Int8(bitPattern: v))) }
/// The SIY I2 field (bits 8-15) as a signed byte.
@inline(__always) private func i8at8s(_ raw: UInt64) -> Int64 { Int64(Int8(truncatingIfNeeded: raw >> 32)) }

/// Condition code of a signed result: 0 zero, 1 negative, 2 positive.
@inline(__always) func ccSigned<T: FixedWidthInteger & UnsignedInteger>(_ v: T) -> UInt8 {
    v == 0 ? 0 : (v >> (T.bitWidth - 1) != 0 ? 1 : 2)
}

/// Signed add of two's-complement operands: the sum and its condition code
/// (3 on overflow; the sum is then the low bits of the true sum).
@inline(__always) func addSigned<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) -> (T, UInt8) {
    let s = a &+ b
    let overflow = ((a ^ s) & (b ^ s)) >> (T.bitWidth - 1) != 0
    return (s, overflow ? 3 : ccSigned(s))
}

@inline(__always) func subtractSigned<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) -> (T, UInt8) {
    let d = a &- b
    let overflow = ((a ^ b) & (a ^ d)) >> (T.bitWidth - 1) != 0
    return (d, overflow ? 3 : ccSigned(d))
}

/// Logical add with carry in: cc 0 zero/no carry, 1 nonzero/no carry,
/// 2 zero/carry, 3 nonzero/carry. Logical subtraction is a + ~b + carry
/// (carry 1 = no borrow), which gives its cc the same way.
@inline(__always) private func addLogical<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T, _ carry: T) -> (T, UInt8) {
    let (s1, c1) = a.addingReportingOverflow(b)
    let (s2, c2) = s1.addingReportingOverflow(carry)
    return (s2, (c1 || c2 ? 2 : 0) | (s2 != 0 ? 1 : 0))
}

/// Sets an arithmetic condition code; cc 3 is a fixed-point overflow, which
/// interrupts (after the result is in place) when the program mask allows.
@inline(__always) private func setArithmeticCC(_ cpu: VirtualCPU, _ cc: UInt8) throws(Interruption) {
    cpu.cc = cc
    if _slowPath(cc == 3) && cpu.mask & fixedPointOverflowMask != 0 {
        throw Interruption.program(.fixedPointOverflow)
    }
}

@inline(__always) private func add32(_ cpu: VirtualCPU, _ r1: Int, _ a: UInt32, _ b: UInt32) throws(Interruption) {
    let (v, c) = addSigned(a, b); cpu.setLow(r1, v); try setArithmeticCC(cpu, c)
}
@inline(__always) private func add64(_ cpu: VirtualCPU, _ r1: Int, _ a: UInt64, _ b: UInt64) throws(Interruption) {
    let (v, c) = addSigned(a, b); cpu.r[r1] = v; try setArithmeticCC(cpu, c)
}
@inline(__always) private func sub32(_ cpu: VirtualCPU, _ r1: Int, _ a: UInt32, _ b: UInt32) throws(Interruption) {
    let (v, c) = subtractSigned(a, b); cpu.setLow(r1, v); try setArithmeticCC(cpu, c)
}
@inline(__always) private func sub64(_ cpu: VirtualCPU, _ r1: Int, _ a: UInt64, _ b: UInt64) throws(Interruption) {
    let (v, c) = subtractSigned(a, b); cpu.r[r1] = v; try setArithmeticCC(cpu, c)
}
@inline(__always) func addLogical32(_ cpu: VirtualCPU, _ r1: Int, _ a: UInt32, _ b: UInt32, carry: UInt32 = 0) {
    let (v, c) = addLogical(a, b, carry); cpu.setLow(r1, v); cpu.cc = c
}
@inline(__always) func addLogical64(_ cpu: VirtualCPU, _ r1: Int, _ a: UInt64, _ b: UInt64, carry: UInt64 = 0) {
    let (v, c) = addLogical(a, b, carry); cpu.r[r1] = v; cpu.cc = c
}
@inline(__always) func subLogical32(_ cpu: VirtualCPU, _ r1: Int, _ a: UInt32, _ b: UInt32, carry: UInt32 = 1) {
    let (v, c) = addLogical(a, ~b, carry); cpu.setLow(r1, v); cpu.cc = c
}
@inline(__always) func subLogical64(_ cpu: VirtualCPU, _ r1: Int, _ a: UInt64, _ b: UInt64, carry: UInt64 = 1) {
    let (v, c) = addLogical(a, ~b, carry); cpu.r[r1] = v; cpu.cc = c
}
/// The carry of ALC/SLB: cc 2 or 3 (carry, or no borrow).
@inline(__always) private func carryIn(_ cpu: VirtualCPU) -> UInt32 { UInt32(cpu.cc >> 1) }

@inline(__always) func compareSigned<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) -> UInt8 {
    // Flipping the sign bit maps two's-complement order onto unsigned order.
    let bias: T = 1 << (T.bitWidth - 1)
    return compareLogical(a ^ bias, b ^ bias)
}
@inline(__always) func compareLogical<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) -> UInt8 {
    a == b ? 0 : (a < b ? 1 : 2)
}

/// LOAD POSITIVE: |a| and cc (0 zero, 2 positive, 3 overflow for the
/// maximum negative number, which is left unchanged).
@inline(__always) private func loadPositive<T: FixedWidthInteger & UnsignedInteger>(_ a: T) -> (T, UInt8) {
    if a >> (T.bitWidth - 1) == 0 { return (a, a == 0 ? 0 : 2) }
    let v = 0 &- a
    return (v, v >> (T.bitWidth - 1) != 0 ? 3 : 2)
}
/// LOAD NEGATIVE: -|a| (never overflows).
@inline(__always) private func loadNegative<T: FixedWidthInteger & UnsignedInteger>(_ a: T) -> T {
    a >> (T.bitWidth - 1) != 0 ? a : 0 &- a
}

/// LA/LAY/LARL: the address replaces bits 40-63 (24-bit mode) or 33-63
/// (31-bit mode) with zeros in bits 32-39 or 32, bits 0-31 unchanged; all 64
/// bits in the 64-bit mode. `a` is already wrapped.
@inline(__always) private func setAddress(_ cpu: VirtualCPU, _ r1: Int, _ a: UInt64) {
    if cpu.amask == ~0 { cpu.r[r1] = a } else { cpu.setLow(r1, UInt32(truncatingIfNeeded: a)) }
}

/// The RIL-b relative-long operand address: the instruction's address plus
/// twice the signed I2, wrapped in the addressing mode.
@inline(__always) private func relativeLong(_ cpu: VirtualCPU, _ raw: UInt64) -> UInt64 {
    (cpu.ia &+ UInt64(bitPattern: i32s(raw) &* 2)) & cpu.amask
}
/// Same, for operands that must be on an integral boundary (specification
/// exception otherwise, before any access).
@inline(__always) private func relativeLong(_ cpu: VirtualCPU, _ raw: UInt64, aligned: UInt64) throws(Interruption) -> UInt64 {
    let a = relativeLong(cpu, raw)
    if _slowPath(a & (aligned - 1) != 0) { throw Interruption.program(.specification) }
    return a
}

@inline(__always) private func insertHalf(_ cpu: VirtualCPU, _ r1: Int, _ v: UInt64, shift: UInt64) {
    cpu.r[r1] = (cpu.r[r1] & ~(0xFFFF << shift)) | (v << shift)
}

/// True when the M mask selects the current condition code (LOC, STOC).
@inline(__always) private func conditionHolds(_ cpu: VirtualCPU, _ m: Int) -> Bool {
    m & (8 >> Int(cpu.cc)) != 0
}

// MARK: Characters under mask

/// The bytes of `v` that the 4-bit mask selects (mask bit 8 = leftmost byte),
/// packed to the right, and how many there are.
@inline(__always) private func selectBytes(_ v: UInt32, _ m: Int) -> (UInt32, Int) {
    var out: UInt32 = 0
    var n = 0
    for i in 0..<4 where m & (8 >> i) != 0 {
        out = out << 8 | (v >> UInt32(24 - 8 * i)) & 0xFF
        n += 1
    }
    return (out, n)
}

/// Fetches `n` (1-4) contiguous bytes at `ea` as a right-aligned number.
@inline(__always) private func fetchBytes(_ cpu: VirtualCPU, _ ea: UInt64, _ n: Int) throws(Interruption) -> UInt32 {
    switch n {
    case 4: return try cpu.load32(ea)
    case 2: return UInt32(try cpu.load16(ea))
    case 1: return UInt32(try cpu.load8(ea))
    default:
        let hi = try cpu.load16(ea)
        let lo = try cpu.load8(cpu.wrap(ea &+ 2))
        return UInt32(hi) << 8 | UInt32(lo)
    }
}

/// ICM, ICMY, ICMH: the new register half and the condition code.
private func insertUnderMask(_ cpu: VirtualCPU, _ old: UInt32, _ m: Int, _ ea: UInt64) throws(Interruption) -> UInt32 {
    if m == 15 {
        let v = try cpu.load32(ea)
        cpu.cc = v == 0 ? 0 : (v >> 31 != 0 ? 1 : 2)
        return v
    }
    if m == 0 {
        _ = try cpu.load8(ea)       // access exceptions for one byte
        cpu.cc = 0
        return old
    }
    let n = m.nonzeroBitCount
    let data = try fetchBytes(cpu, ea, n)
    var v = old
    var k = n
    for i in 0..<4 where m & (8 >> i) != 0 {
        k -= 1
        let shift = UInt32(24 - 8 * i)
        v = (v & ~(0xFF << shift)) | ((data >> UInt32(8 * k)) & 0xFF) << shift
    }
    cpu.cc = data == 0 ? 0 : (data >> UInt32(8 * n - 1) != 0 ? 1 : 2)
    return v
}

/// STCM, STCMY, STCMH. A zero mask accesses no storage.
private func storeUnderMask(_ cpu: VirtualCPU, _ v: UInt32, _ m: Int, _ ea: UInt64) throws(Interruption) {
    let (data, n) = selectBytes(v, m)
    switch n {
    case 0: return
    case 1: try cpu.store8(UInt8(truncatingIfNeeded: data), ea)
    case 2: try cpu.store16(UInt16(truncatingIfNeeded: data), ea)
    case 3:
        try cpu.checkAccess(ea, length: 3, .store)
        try cpu.store16(UInt16(truncatingIfNeeded: data >> 8), ea)
        try cpu.store8(UInt8(truncatingIfNeeded: data), cpu.wrap(ea &+ 2))
    default: try cpu.store32(data, ea)
    }
}

/// CLM, CLMY, CLMH: the condition code.
private func compareUnderMask(_ cpu: VirtualCPU, _ v: UInt32, _ m: Int, _ ea: UInt64) throws(Interruption) -> UInt8 {
    let (sel, n) = selectBytes(v, m)
    if n == 0 {
        _ = try cpu.load8(ea)       // access exceptions for one byte
        return 0
    }
    return compareLogical(sel, try fetchBytes(cpu, ea, n))
}

// MARK: Load and store multiple

/// Which part of the registers LM/STM-type instructions move.
private enum RegisterPart { case low, high, full }

@inline(__always) private func partWidth(_ part: RegisterPart) -> Int { part == .full ? 8 : 4 }

/// LM, LMY, LMG, LMH: registers R1 through R3 (wrapping from 15 to 0) from
/// consecutive words or doublewords. The whole operand is checked first.
@inline(__always)
private func loadMultiple(_ cpu: VirtualCPU, _ r1: Int, _ r3: Int, _ ea: UInt64, _ part: RegisterPart) throws(Interruption) {
    let count = ((r3 &- r1) & 15) + 1
    let width = partWidth(part)
    let length = count * width
    let (p, avail) = try cpu.hostRange(ea, .fetch)
    var r = r1
    if avail >= length {
        for k in 0..<count {
            switch part {
            case .full: cpu.r[r] = UInt64(bigEndian: p.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self))
            case .low: cpu.setLow(r, UInt32(bigEndian: p.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self)))
            case .high: cpu.setHigh(r, UInt32(bigEndian: p.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self)))
            }
            r = (r + 1) & 15
        }
        return
    }
    try cpu.checkAccess(ea, length: length, .fetch)
    for k in 0..<count {
        let a = cpu.wrap(ea &+ UInt64(k * width))
        switch part {
        case .full: cpu.r[r] = try cpu.load64(a)
        case .low: cpu.setLow(r, try cpu.load32(a))
        case .high: cpu.setHigh(r, try cpu.load32(a))
        }
        r = (r + 1) & 15
    }
}

/// STM, STMY, STMG, STMH: the mirror of `loadMultiple`.
@inline(__always)
private func storeMultiple(_ cpu: VirtualCPU, _ r1: Int, _ r3: Int, _ ea: UInt64, _ part: RegisterPart) throws(Interruption) {
    let count = ((r3 &- r1) & 15) + 1
    let width = partWidth(part)
    let length = count * width
    let (p, avail) = try cpu.hostRange(ea, .store)
    var r = r1
    if avail >= length {
        for k in 0..<count {
            switch part {
            case .full: p.storeBytes(of: cpu.r[r].bigEndian, toByteOffset: k * 8, as: UInt64.self)
            case .low: p.storeBytes(of: cpu.low(r).bigEndian, toByteOffset: k * 4, as: UInt32.self)
            case .high: p.storeBytes(of: cpu.high(r).bigEndian, toByteOffset: k * 4, as: UInt32.self)
            }
            r = (r + 1) & 15
        }
        return
    }
    try cpu.checkAccess(ea, length: length, .store)
    for k in 0..<count {
        let a = cpu.wrap(ea &+ UInt64(k * width))
        switch part {
        case .full: try cpu.store64(cpu.r[r], a)
        case .low: try cpu.store32(cpu.low(r), a)
        case .high: try cpu.store32(cpu.high(r), a)
        }
        r = (r + 1) & 15
    }
}

// MARK: Add immediate to storage

/// ASI, ALSI: add a sign-extended immediate to a word in storage. Aligned
/// operands are updated with a host compare-and-swap (interlocked update).
private func addToStorage32(_ cpu: VirtualCPU, _ ea: UInt64, _ imm: UInt32, logical: Bool) throws(Interruption) {
    var cc: UInt8
    if ea & 3 == 0 {
        let (p, _) = try cpu.hostRange(ea, .store)
        var old = p.load(as: UInt32.self)
        while true {
            let (v, c) = logical ? addLogical(UInt32(bigEndian: old), imm, 0) : addSigned(UInt32(bigEndian: old), imm)
            var expected = old
            if guest_cas32(p, &expected, v.bigEndian) { cc = c; break }
            old = expected
        }
    } else {
        try cpu.checkAccess(ea, length: 4, .store)
        let (v, c) = logical ? addLogical(try cpu.load32(ea), imm, 0) : addSigned(try cpu.load32(ea), imm)
        try cpu.store32(v, ea)
        cc = c
    }
    if logical { cpu.cc = cc } else { try setArithmeticCC(cpu, cc) }
}

/// AGSI, ALGSI: the doubleword form of `addToStorage32`.
private func addToStorage64(_ cpu: VirtualCPU, _ ea: UInt64, _ imm: UInt64, logical: Bool) throws(Interruption) {
    var cc: UInt8
    if ea & 7 == 0 {
        let (p, _) = try cpu.hostRange(ea, .store)
        var old = p.load(as: UInt64.self)
        while true {
            let (v, c) = logical ? addLogical(UInt64(bigEndian: old), imm, 0) : addSigned(UInt64(bigEndian: old), imm)
            var expected = old
            if guest_cas64(p, &expected, v.bigEndian) { cc = c; break }
            old = expected
        }
    } else {
        try cpu.checkAccess(ea, length: 8, .store)
        let (v, c) = logical ? addLogical(try cpu.load64(ea), imm, 0) : addSigned(try cpu.load64(ea), imm)
        try cpu.store64(v, ea)
        cc = c
    }
    if logical { cpu.cc = cc } else { try setArithmeticCC(cpu, cc) }
}

// MARK: Multiply and divide on even-odd pairs (R1 already checked even)

/// M, MR, MFY: bits 32-63 of R1+1 times the operand, signed; the 64-bit
/// product in bits 32-63 of R1 (high) and R1+1 (low).
@inline(__always) private func multiplyPair32(_ cpu: VirtualCPU, _ r1: Int, _ b: UInt32) {
    let p = Int64(Int32(bitPattern: cpu.low(r1 + 1))) * Int64(Int32(bitPattern: b))
    cpu.setLow(r1, UInt32(truncatingIfNeeded: p >> 32))
    cpu.setLow(r1 + 1, UInt32(truncatingIfNeeded: p))
}

/// ML, MLR: unsigned, same register layout as `multiplyPair32`.
@inline(__always) private func multiplyLogicalPair32(_ cpu: VirtualCPU, _ r1: Int, _ b: UInt32) {
    let p = UInt64(cpu.low(r1 + 1)) * UInt64(b)
    cpu.setLow(r1, UInt32(truncatingIfNeeded: p >> 32))
    cpu.setLow(r1 + 1, UInt32(truncatingIfNeeded: p))
}

/// MLG, MLGR: R1+1 times the operand, the 128-bit product in R1:R1+1.
@inline(__always) private func multiplyLogicalPair64(_ cpu: VirtualCPU, _ r1: Int, _ b: UInt64) {
    let (hi, lo) = cpu.r[r1 + 1].multipliedFullWidth(by: b)
    cpu.r[r1] = hi
    cpu.r[r1 + 1] = lo
}

/// D, DR: the 64-bit signed dividend in bits 32-63 of R1 and R1+1; the
/// remainder to R1, the quotient to R1+1 (bits 32-63). A zero divisor or a
/// quotient outside 32 bits is a fixed-point-divide exception (suppressed).
private func divide32(_ cpu: VirtualCPU, _ r1: Int, _ divisor: UInt32) throws(Interruption) {
    let dividend = Int64(bitPattern: UInt64(cpu.low(r1)) << 32 | UInt64(cpu.low(r1 + 1)))
    let d = Int64(Int32(bitPattern: divisor))
    if d == 0 || (d == -1 && dividend == .min) { throw Interruption.program(.fixedPointDivide) }
    let q = dividend / d
    if q < Int64(Int32.min) || q > Int64(Int32.max) { throw Interruption.program(.fixedPointDivide) }
    cpu.setLow(r1, UInt32(truncatingIfNeeded: dividend % d))
    cpu.setLow(r1 + 1, UInt32(truncatingIfNeeded: q))
}

/// DL, DLR: unsigned form of `divide32`.
private func divideLogical32(_ cpu: VirtualCPU, _ r1: Int, _ divisor: UInt32) throws(Interruption) {
    let dividend = UInt64(cpu.low(r1)) << 32 | UInt64(cpu.low(r1 + 1))
    let d = UInt64(divisor)
    if d == 0 { throw Interruption.program(.fixedPointDivide) }
    let q = dividend / d
    if q > UInt64(UInt32.max) { throw Interruption.program(.fixedPointDivide) }
    cpu.setLow(r1, UInt32(truncatingIfNeeded: dividend % d))
    cpu.setLow(r1 + 1, UInt32(truncatingIfNeeded: q))
}

/// DLG, DLGR: the 128-bit unsigned dividend in R1:R1+1.
private func divideLogical64(_ cpu: VirtualCPU, _ r1: Int, _ d: UInt64) throws(Interruption) {
    let hi = cpu.r[r1]
    // The quotient fits in 64 bits exactly when the high half is below the divisor.
    if d == 0 || hi >= d { throw Interruption.program(.fixedPointDivide) }
    let (q, rem) = d.dividingFullWidth((high: hi, low: cpu.r[r1 + 1]))
    cpu.r[r1] = rem
    cpu.r[r1 + 1] = q
}

/// DSG, DSGR, DSGF, DSGFR: the 64-bit signed dividend in R1+1; remainder to
/// R1, quotient to R1+1.
private func divideSingle64(_ cpu: VirtualCPU, _ r1: Int, _ divisor: UInt64) throws(Interruption) {
    let dividend = Int64(bitPattern: cpu.r[r1 + 1])
    let d = Int64(bitPattern: divisor)
    if d == 0 || (d == -1 && dividend == .min) { throw Interruption.program(.fixedPointDivide) }
    cpu.r[r1] = UInt64(bitPattern: dividend % d)
    cpu.r[r1 + 1] = UInt64(bitPattern: dividend / d)
}
