/// Access-register instructions. Access-register mode is not offered, but
/// the registers exist and Linux user space keeps its thread pointer in
/// a0:a1, so loads, stores and copies must work.
let accessRegisterInstructions: [InstructionDefinition] = [
    .init("LAM", "9A", .RSa, syntax: "A1,A3,D2(B2)") { cpu, raw throws(Interruption) in
        try cpu.loadAccessMultiple(f8(raw), f12(raw), cpu.eaRS(raw))
    },
    .init("LAMY", "EB9A", .RSYa, syntax: "A1,A3,D2(B2)") { cpu, raw throws(Interruption) in
        try cpu.loadAccessMultiple(f8(raw), f12(raw), cpu.eaRSY(raw))
    },
    .init("STAM", "9B", .RSa, syntax: "A1,A3,D2(B2)") { cpu, raw throws(Interruption) in
        try cpu.storeAccessMultiple(f8(raw), f12(raw), cpu.eaRS(raw))
    },
    .init("STAMY", "EB9B", .RSYa, syntax: "A1,A3,D2(B2)") { cpu, raw throws(Interruption) in
        try cpu.storeAccessMultiple(f8(raw), f12(raw), cpu.eaRSY(raw))
    },
    .init("EAR", "B24F", .RRE, syntax: "R1,A2") { cpu, raw throws(Interruption) in
        cpu.setLow(f24(raw), cpu.a[f28(raw)])
    },
    .init("SAR", "B24E", .RRE, syntax: "A1,R2") { cpu, raw throws(Interruption) in
        cpu.a[f24(raw)] = cpu.low(f28(raw))
    },
    .init("CPYA", "B24D", .RRE, syntax: "A1,A2") { cpu, raw throws(Interruption) in
        cpu.a[f24(raw)] = cpu.a[f28(raw)]
    },
]

extension VirtualCPU {
    /// LAM/LAMY: access registers R1 through R3 (wrapping after 15).
    func loadAccessMultiple(_ r1: Int, _ r3: Int, _ ea: UInt64) throws(Interruption) {
        if ea & 3 != 0 { throw Interruption.program(.specification) }
        let n = (r3 - r1) & 15
        try checkAccess(ea, length: (n + 1) * 4, .fetch)
        for k in 0...n { a[(r1 + k) & 15] = try load32(wrap(ea &+ UInt64(k * 4))) }
    }

    func storeAccessMultiple(_ r1: Int, _ r3: Int, _ ea: UInt64) throws(Interruption) {
        if ea & 3 != 0 { throw Interruption.program(.specification) }
        let n = (r3 - r1) & 15
        try checkAccess(ea, length: (n + 1) * 4, .store)
        for k in 0...n { try store32(a[(r1 + k) & 15], wrap(ea &+ UInt64(k * 4))) }
    }
}
