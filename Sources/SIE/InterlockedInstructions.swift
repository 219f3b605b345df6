import CGuestAtomics
import Synchronization

/// Interlocked instructions: compare-and-swap (CS, CSY, CSG, CDS, CDSY, CDSG,
/// CSST), TEST AND SET, the interlocked-access facility's load-and-perform
/// (LAA, LAAG, LAAL, LAALG, LAN, LANG, LAO, LAOG, LAX, LAXG) and LOAD PAIR
/// DISJOINT (LPD, LPDG).
///
/// Guest storage is shared by all vCPU threads, so each read-modify-write is
/// one host atomic on the host address of the (aligned, hence single-page)
/// operand; values are byte-swapped around it. The operand is always
/// translated for a store first: a compare-and-swap that does not store still
/// counts as a store access for protection (PoP).
let interlockedInstructions: [InstructionDefinition] = [
    .init("CS", "BA", .RSa) { cpu, raw throws(Interruption) in try compareAndSwap32(cpu, raw, cpu.eaRS(raw)) },
    .init("CSY", "EB14", .RSYa) { cpu, raw throws(Interruption) in try compareAndSwap32(cpu, raw, cpu.eaRSY(raw)) },
    .init("CSG", "EB30", .RSYa, [], csg),
    .init("CDS", "BB", .RSa) { cpu, raw throws(Interruption) in try compareDoubleAndSwap32(cpu, raw, cpu.eaRS(raw)) },
    .init("CDSY", "EB31", .RSYa) { cpu, raw throws(Interruption) in try compareDoubleAndSwap32(cpu, raw, cpu.eaRSY(raw)) },
    .init("CDSG", "EB3E", .RSYa, [], cdsg),
    .init("TS", "93", .S, [], ts),
    .init("CSST", "C82", .SSF, [], csst),
    .init("LAA", "EBF8", .RSYa) { cpu, raw throws(Interruption) in try loadAndPerform32(cpu, raw, .add) },
    .init("LAAL", "EBFA", .RSYa) { cpu, raw throws(Interruption) in try loadAndPerform32(cpu, raw, .addLogical) },
    .init("LAN", "EBF4", .RSYa) { cpu, raw throws(Interruption) in try loadAndPerform32(cpu, raw, .and) },
    .init("LAO", "EBF6", .RSYa) { cpu, raw throws(Interruption) in try loadAndPerform32(cpu, raw, .or) },
    .init("LAX", "EBF7", .RSYa) { cpu, raw throws(Interruption) in try loadAndPerform32(cpu, raw, .xor) },
    .init("LAAG", "EBE8", .RSYa) { cpu, raw throws(Interruption) in try loadAndPerform64(cpu, raw, .add) },
    .init("LAALG", "EBEA", .RSYa) { cpu, raw throws(Interruption) in try loadAndPerform64(cpu, raw, .addLogical) },
    .init("LANG", "EBE4", .RSYa) { cpu, raw throws(Interruption) in try loadAndPerform64(cpu, raw, .and) },
    .init("LAOG", "EBE6", .RSYa) { cpu, raw throws(Interruption) in try loadAndPerform64(cpu, raw, .or) },
    .init("LAXG", "EBE7", .RSYa) { cpu, raw throws(Interruption) in try loadAndPerform64(cpu, raw, .xor) },
    .init("LPD", "C84", .SSF, [], syntax: "R3,D1(B1),D2(B2)", lpd),
    .init("LPDG", "C85", .SSF, [], syntax: "R3,D1(B1),D2(B2)", lpdg),
]

@inline(__always) private func requireAligned(_ ea: UInt64, _ size: UInt64) throws(Interruption) {
    if ea & (size - 1) != 0 { throw Interruption.program(.specification) }
}

// MARK: Compare and swap

/// CS/CSY R1,R3,D2(B2): bits 32-63 of R1 are compared with the word; equal:
/// R3 bits 32-63 are stored, cc 0; unequal: the word is loaded into R1, cc 1.
@inline(__always)
private func compareAndSwap32(_ cpu: VirtualCPU, _ raw: UInt64, _ ea: UInt64) throws(Interruption) {
    let r1 = f8(raw), r3 = f12(raw)
    try requireAligned(ea, 4)
    let (p, _) = try cpu.hostRange(ea, .store)
    var expected = cpu.low(r1).bigEndian
    if guest_cas32(p, &expected, cpu.low(r3).bigEndian) {
        cpu.cc = 0
    } else {
        cpu.setLow(r1, UInt32(bigEndian: expected))
        cpu.cc = 1
    }
}

/// CSG R1,R3,D2(B2): 64-bit compare and swap.
private func csg(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f8(raw), r3 = f12(raw)
    let ea = cpu.eaRSY(raw)
    try requireAligned(ea, 8)
    let (p, _) = try cpu.hostRange(ea, .store)
    var expected = cpu.r[r1].bigEndian
    if guest_cas64(p, &expected, cpu.r[r3].bigEndian) {
        cpu.cc = 0
    } else {
        cpu.r[r1] = UInt64(bigEndian: expected)
        cpu.cc = 1
    }
}

/// CDS/CDSY R1,R3,D2(B2): the doubleword is compared with bits 32-63 of R1
/// and R1+1 (even-odd pair); equal: bits 32-63 of R3, R3+1 are stored.
@inline(__always)
private func compareDoubleAndSwap32(_ cpu: VirtualCPU, _ raw: UInt64, _ ea: UInt64) throws(Interruption) {
    let r1 = f8(raw), r3 = f12(raw)
    if (r1 | r3) & 1 != 0 { throw Interruption.program(.specification) }
    try requireAligned(ea, 8)
    let (p, _) = try cpu.hostRange(ea, .store)
    var expected = (UInt64(cpu.low(r1)) << 32 | UInt64(cpu.low(r1 + 1))).bigEndian
    let desired = (UInt64(cpu.low(r3)) << 32 | UInt64(cpu.low(r3 + 1))).bigEndian
    if guest_cas64(p, &expected, desired) {
        cpu.cc = 0
    } else {
        let v = UInt64(bigEndian: expected)
        cpu.setLow(r1, UInt32(truncatingIfNeeded: v >> 32))
        cpu.setLow(r1 + 1, UInt32(truncatingIfNeeded: v))
        cpu.cc = 1
    }
}

/// CDSG R1,R3,D2(B2): 128-bit compare and swap of the pairs R1:R1+1 and
/// R3:R3+1 on a quadword-aligned operand.
private func cdsg(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r1 = f8(raw), r3 = f12(raw)
    if (r1 | r3) & 1 != 0 { throw Interruption.program(.specification) }
    let ea = cpu.eaRSY(raw)
    try requireAligned(ea, 16)
    let (p, _) = try cpu.hostRange(ea, .store)
    var w0 = cpu.r[r1].bigEndian, w1 = cpu.r[r1 + 1].bigEndian
    if guest_cas128(p, &w0, &w1, cpu.r[r3].bigEndian, cpu.r[r3 + 1].bigEndian) {
        cpu.cc = 0
    } else {
        cpu.r[r1] = UInt64(bigEndian: w0)
        cpu.r[r1 + 1] = UInt64(bigEndian: w1)
        cpu.cc = 1
    }
}

/// TS D2(B2): cc = leftmost bit of the byte, which is then set to all ones.
private func ts(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let (p, _) = try cpu.hostRange(cpu.eaRS(raw), .store)
    cpu.cc = guest_xchg8(p, 0xFF) >> 7
}

// MARK: COMPARE AND SWAP AND STORE

/// Serializes the store part of CSST between CPUs. The compare-and-swap
/// itself is a host atomic (so it is interlocked against CS, CSG... of other
/// CPUs, which do not take this lock); the lock only makes the second-operand
/// store of one CSST appear together with its swap to every other CSST.
/// Plain stores of other instructions to the second operand are not ordered
/// against it (the PoP only requires that of interlocked updates).
private let csstStoreLock = Atomic<Bool>(false)

/// CSST D1(B1),D2(B2),R3: GR0 bits 56-63 function code (0: 4-byte, 1:
/// 8-byte, 2: 16-byte compare and swap), bits 48-55 store characteristic
/// (store 2^SC bytes, SC 0-4). GR1 (bits 0-59) designates the parameter list:
/// replacement value at +0, store value at +16. The compare value is in R3
/// (bits 32-63 for FC 0, all of R3 for FC 1, the pair R3:R3+1 for FC 2).
/// cc 0: swapped and stored; cc 1: unequal, R3 gets the first operand.
private func csst(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r3 = f8(raw)
    let ea1 = cpu.eaRS(raw), ea2 = cpu.eaSS2(raw)
    let fc = cpu.r[0] & 0xFF, sc = (cpu.r[0] >> 8) & 0xFF
    if fc > 2 || sc > 4 { throw Interruption.program(.specification) }
    try requireAligned(ea1, 4 << fc)
    if fc == 2 && r3 & 1 != 0 { throw Interruption.program(.specification) }
    try requireAligned(ea2, 1 << sc)
    let list = cpu.r[1] & ~0xF & cpu.amask
    // Every access exception before anything changes: both operands as
    // stores (both are aligned to their size, so each lies in one page),
    // then the parameter list.
    let (p1, _) = try cpu.hostRange(ea1, .store)
    let (p2, _) = try cpu.hostRange(ea2, .store)
    var rep0: UInt64 = 0, rep1: UInt64 = 0
    switch fc {
    case 0: rep0 = UInt64(try cpu.load32(list))
    case 1: rep0 = try cpu.load64(list)
    default: rep0 = try cpu.load64(list); rep1 = try cpu.load64(cpu.wrap(list &+ 8))
    }
    let storeAt = cpu.wrap(list &+ 16)
    var sv0: UInt64 = 0, sv1: UInt64 = 0
    switch sc {
    case 0: sv0 = UInt64(try cpu.load8(storeAt))
    case 1: sv0 = UInt64(try cpu.load16(storeAt))
    case 2: sv0 = UInt64(try cpu.load32(storeAt))
    case 3: sv0 = try cpu.load64(storeAt)
    default: sv0 = try cpu.load64(storeAt); sv1 = try cpu.load64(cpu.wrap(storeAt &+ 8))
    }

    while !csstStoreLock.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {}
    let swapped: Bool
    switch fc {
    case 0:
        var expected = cpu.low(r3).bigEndian
        swapped = guest_cas32(p1, &expected, UInt32(truncatingIfNeeded: rep0).bigEndian)
        if !swapped { cpu.setLow(r3, UInt32(bigEndian: expected)) }
    case 1:
        var expected = cpu.r[r3].bigEndian
        swapped = guest_cas64(p1, &expected, rep0.bigEndian)
        if !swapped { cpu.r[r3] = UInt64(bigEndian: expected) }
    default:
        var w0 = cpu.r[r3].bigEndian, w1 = cpu.r[r3 + 1].bigEndian
        swapped = guest_cas128(p1, &w0, &w1, rep0.bigEndian, rep1.bigEndian)
        if !swapped { cpu.r[r3] = UInt64(bigEndian: w0); cpu.r[r3 + 1] = UInt64(bigEndian: w1) }
    }
    if swapped {
        switch sc {
        case 0: p2.storeBytes(of: UInt8(truncatingIfNeeded: sv0), as: UInt8.self)
        case 1: p2.storeBytes(of: UInt16(truncatingIfNeeded: sv0).bigEndian, as: UInt16.self)
        case 2: p2.storeBytes(of: UInt32(truncatingIfNeeded: sv0).bigEndian, as: UInt32.self)
        case 3: p2.storeBytes(of: sv0.bigEndian, as: UInt64.self)
        default:
            p2.storeBytes(of: sv0.bigEndian, as: UInt64.self)
            p2.storeBytes(of: sv1.bigEndian, toByteOffset: 8, as: UInt64.self)
        }
    }
    csstStoreLock.store(false, ordering: .releasing)
    cpu.cc = swapped ? 0 : 1
}

// MARK: Load and perform (interlocked-access facility 1)

private enum LoadAndPerform { case add, addLogical, and, or, xor }

/// LAA, LAAL, LAN, LAO, LAX R1,R3,D2(B2): the word at D2(B2) (word aligned)
/// is replaced by itself op R3 (bits 32-63) in one interlocked update; its
/// original value goes to bits 32-63 of R1. cc from the result: LAA as A
/// (3 = overflow, a fixed-point-overflow interruption if the program mask
/// allows, after completion), LAAL as AL, the logical ones 0 zero / 1 not.
@inline(__always)
private func loadAndPerform32(_ cpu: VirtualCPU, _ raw: UInt64, _ op: LoadAndPerform) throws(Interruption) {
    let r1 = f8(raw), r3 = f12(raw)
    let ea = cpu.eaRSY(raw)
    try requireAligned(ea, 4)
    let (p, _) = try cpu.hostRange(ea, .store)
    let v = cpu.low(r3)
    let old: UInt32
    switch op {
    case .and: old = UInt32(bigEndian: guest_fetch_and32(p, v.bigEndian))
    case .or: old = UInt32(bigEndian: guest_fetch_or32(p, v.bigEndian))
    case .xor: old = UInt32(bigEndian: guest_fetch_xor32(p, v.bigEndian))
    case .add, .addLogical:
        var current = guest_load32_seqcst(p)
        while !guest_cas32(p, &current, (UInt32(bigEndian: current) &+ v).bigEndian) {}
        old = UInt32(bigEndian: current)
    }
    cpu.setLow(r1, old)
    switch op {
    case .add:
        let (sum, overflow) = Int32(bitPattern: old).addingReportingOverflow(Int32(bitPattern: v))
        if overflow {
            cpu.cc = 3
            if cpu.mask & (1 << 43) != 0 { throw Interruption.program(.fixedPointOverflow) }
        } else {
            cpu.cc = sum == 0 ? 0 : (sum < 0 ? 1 : 2)
        }
    case .addLogical:
        let (sum, carry) = old.addingReportingOverflow(v)
        cpu.cc = (sum != 0 ? 1 : 0) | (carry ? 2 : 0)
    case .and: cpu.cc = old & v != 0 ? 1 : 0
    case .or: cpu.cc = old | v != 0 ? 1 : 0
    case .xor: cpu.cc = old ^ v != 0 ? 1 : 0
    }
}

/// LAAG, LAALG, LANG, LAOG, LAXG: the 64-bit forms (doubleword aligned).
@inline(__always)
private func loadAndPerform64(_ cpu: VirtualCPU, _ raw: UInt64, _ op: LoadAndPerform) throws(Interruption) {
    let r1 = f8(raw), r3 = f12(raw)
    let ea = cpu.eaRSY(raw)
    try requireAligned(ea, 8)
    let (p, _) = try cpu.hostRange(ea, .store)
    let v = cpu.r[r3]
    let old: UInt64
    switch op {
    case .and: old = UInt64(bigEndian: guest_fetch_and64(p, v.bigEndian))
    case .or: old = UInt64(bigEndian: guest_fetch_or64_seqcst(p, v.bigEndian))
    case .xor: old = UInt64(bigEndian: guest_fetch_xor64(p, v.bigEndian))
    case .add, .addLogical:
        var current = guest_load64_seqcst(p)
        while !guest_cas64(p, &current, (UInt64(bigEndian: current) &+ v).bigEndian) {}
        old = UInt64(bigEndian: current)
    }
    cpu.r[r1] = old
    switch op {
    case .add:
        let (sum, overflow) = Int64(bitPattern: old).addingReportingOverflow(Int64(bitPattern: v))
        if overflow {
            cpu.cc = 3
            if cpu.mask & (1 << 43) != 0 { throw Interruption.program(.fixedPointOverflow) }
        } else {
            cpu.cc = sum == 0 ? 0 : (sum < 0 ? 1 : 2)
        }
    case .addLogical:
        let (sum, carry) = old.addingReportingOverflow(v)
        cpu.cc = (sum != 0 ? 1 : 0) | (carry ? 2 : 0)
    case .and: cpu.cc = old & v != 0 ? 1 : 0
    case .or: cpu.cc = old | v != 0 ? 1 : 0
    case .xor: cpu.cc = old ^ v != 0 ? 1 : 0
    }
}

// MARK: LOAD PAIR DISJOINT

/// LPD R3,D1(B1),D2(B2): the words at D1(B1) and D2(B2) (word aligned) go to
/// bits 32-63 of R3 and R3+1 (even-odd pair). cc 0 if they were fetched
/// interlocked (as one block-concurrent fetch), cc 3 if not. We read the
/// first operand, the second, then the first again: cc 0 when the first is
/// unchanged, i.e. both values coexisted when the second was read (an ABA
/// change of the first operand in between would go unnoticed).
private func lpd(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r3 = f8(raw)
    if r3 & 1 != 0 { throw Interruption.program(.specification) }
    let ea1 = cpu.eaRS(raw), ea2 = cpu.eaSS2(raw)
    try requireAligned(ea1, 4)
    try requireAligned(ea2, 4)
    let (p1, _) = try cpu.hostRange(ea1, .fetch)
    let (p2, _) = try cpu.hostRange(ea2, .fetch)
    let a = guest_load32_seqcst(p1)
    let b = guest_load32_seqcst(p2)
    let again = guest_load32_seqcst(p1)
    cpu.setLow(r3, UInt32(bigEndian: a))
    cpu.setLow(r3 + 1, UInt32(bigEndian: b))
    cpu.cc = a == again ? 0 : 3
}

/// LPDG R3,D1(B1),D2(B2): the 64-bit form (doubleword aligned).
private func lpdg(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    let r3 = f8(raw)
    if r3 & 1 != 0 { throw Interruption.program(.specification) }
    let ea1 = cpu.eaRS(raw), ea2 = cpu.eaSS2(raw)
    try requireAligned(ea1, 8)
    try requireAligned(ea2, 8)
    let (p1, _) = try cpu.hostRange(ea1, .fetch)
    let (p2, _) = try cpu.hostRange(ea2, .fetch)
    let a = guest_load64_seqcst(p1)
    let b = guest_load64_seqcst(p2)
    let again = guest_load64_seqcst(p1)
    cpu.r[r3] = UInt64(bigEndian: a)
    cpu.r[r3 + 1] = UInt64(bigEndian: b)
    cpu.cc = a == again ? 0 : 3
}
