/// Semantics of one instruction: the vCPU and the instruction's bits (`raw`,
/// see InstructionFormat). A thin function pointer: no context, no ARC.
public typealias Semantics = @convention(thin) (VirtualCPU, UInt64) throws(Interruption) -> Void

/// One row of the instruction table: everything the decoder, the dispatcher
/// and the disassembler know about an instruction.
public struct InstructionDefinition: Sendable {
    public let mnemonic: String
    /// Opcode in PoP notation: "1A" (one byte), "A7A" (byte + 4-bit extension
    /// at bits 12-15), "B9E8" (byte + byte, the second at bits 8-15 or, for
    /// E3/E7/EB/EC/ED, at bits 40-47).
    public let opcode: String
    public let format: InstructionFormat
    public let flags: Flags
    /// Assembler operand syntax when the format's default is not it (see
    /// docs/writing-instructions.md and Disassembler.swift); nil: the default.
    public let syntax: String?
    let semantics: Semantics

    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        /// Privileged-operation exception in the problem state.
        public static let privileged = Flags(rawValue: 1)
        /// A branch: ends a decoded block; EXECUTE of it uses the target's address.
        public static let branch = Flags(rawValue: 2)
    }

    init(_ mnemonic: String, _ opcode: String, _ format: InstructionFormat, _ flags: Flags = [], syntax: String? = nil, _ semantics: Semantics) {
        self.mnemonic = mnemonic
        self.opcode = opcode
        self.format = format
        self.flags = flags
        self.syntax = syntax
        self.semantics = semantics
    }

    /// The first opcode byte and the extension (0 if none).
    var opcodeBytes: (first: UInt8, ext: UInt8) {
        let v = UInt32(opcode, radix: 16)!
        switch opcode.count {
        case 2: return (UInt8(v), 0)
        case 3: return (UInt8(v >> 4), UInt8(v & 0xF))
        default: return (UInt8(v >> 8), UInt8(v & 0xFF))
        }
    }
}

/// Where the extended opcode of a first byte is.
enum OpcodeExtension: UInt8 {
    case none, byteAt8, nibbleAt12, byteAt40
}

/// The instruction set: the union of the family tables, and the decode
/// tables derived from it.
public final class InstructionSet: @unchecked Sendable {
    public static let shared = InstructionSet()

    public let definitions: [InstructionDefinition]
    let extensionKind: [OpcodeExtension]
    /// (first byte << 8 | extension) → index into `definitions` + 1; 0 = undefined.
    let index: UnsafeMutablePointer<UInt16>
    let semanticsByIndex: UnsafeMutablePointer<Semantics>
    /// By index + 1: privileged instructions run behind `privilegedGate`.
    let privileged: [Bool]

    init() {
        var defs: [InstructionDefinition] = []
        for family in InstructionSet.families { defs += family }
        definitions = defs
        var kinds = [OpcodeExtension](repeating: .none, count: 256)
        index = .allocate(capacity: 65536)
        index.initialize(repeating: 0, count: 65536)
        semanticsByIndex = .allocate(capacity: defs.count + 1)
        semanticsByIndex[0] = operationException
        for (n, d) in defs.enumerated() {
            let (first, ext) = d.opcodeBytes
            let kind: OpcodeExtension
            switch d.opcode.count {
            case 2: kind = .none
            case 3: kind = .nibbleAt12
            default: kind = [0xE3, 0xE7, 0xEB, 0xEC, 0xED].contains(first) ? .byteAt40 : .byteAt8
            }
            precondition(kinds[Int(first)] == .none || kinds[Int(first)] == kind, "opcode \(d.opcode) conflicts")
            kinds[Int(first)] = kind
            let key = Int(first) << 8 | Int(ext)
            precondition(index[key] == 0, "duplicate opcode \(d.opcode) (\(d.mnemonic))")
            index[key] = UInt16(n + 1)
            semanticsByIndex[n + 1] = d.semantics
        }
        DispatchKey.check()
        extensionKind = kinds
        privileged = [false] + defs.map { $0.flags.contains(.privileged) }
    }

    /// The table index (+1) of the instruction in `raw`, 0 if undefined.
    @inline(__always)
    func lookup(_ raw: UInt64) -> Int {
        let first = Int(truncatingIfNeeded: raw >> 40) & 0xFF
        let ext: Int
        switch extensionKind[first] {
        case .none: ext = 0
        case .byteAt8: ext = Int(truncatingIfNeeded: raw >> 32) & 0xFF
        case .nibbleAt12: ext = Int(truncatingIfNeeded: raw >> 32) & 0xF
        case .byteAt40: ext = Int(truncatingIfNeeded: raw) & 0xFF
        }
        return Int(index[first << 8 | ext])
    }

    public func definition(forRaw raw: UInt64) -> InstructionDefinition? {
        let i = lookup(raw)
        return i == 0 ? nil : definitions[i - 1]
    }

    /// Looks a mnemonic up (for tests and tools).
    public func definition(mnemonic: String) -> InstructionDefinition? {
        definitions.first { $0.mnemonic == mnemonic }
    }
}

/// Every undefined opcode.
func operationException(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    throw Interruption.program(.operation)
}

/// Privileged instructions run behind this check: the slot holds the gate,
/// which looks the semantics up again by the instruction's opcode.
func privilegedGate(_ cpu: VirtualCPU, _ raw: UInt64) throws(Interruption) {
    if cpu.problemState { throw Interruption.program(.privilegedOperation) }
    let set = InstructionSet.shared
    try set.semanticsByIndex[set.lookup(raw)](cpu, raw)
}
