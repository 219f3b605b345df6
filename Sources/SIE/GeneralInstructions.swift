/// General instructions: loads, stores, fixed-point arithmetic and compares.
let generalInstructions: [InstructionDefinition] = [
    .init("LR", "18", .RR) { cpu, raw throws(Interruption) in cpu.setLow(f8(raw), UInt32(truncatingIfNeeded: cpu.r[f12(raw)])) },
    .init("LGR", "B904", .RRE) { cpu, raw throws(Interruption) in cpu.r[f24(raw)] = cpu.r[f28(raw)] },
]
