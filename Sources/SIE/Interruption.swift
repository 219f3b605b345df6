/// Why an instruction did not complete normally. Thrown (typed) by instruction
/// semantics and memory accesses; caught by the execution loop, which either
/// delivers a program interruption to the guest or ends `sie()` with an
/// intercept for the monitor.
public struct Interruption: Error, Sendable {
    public enum Kind: UInt8, Sendable {
        /// A program interruption: `code` is the interruption code.
        case program
        /// The instruction is intercepted to the monitor (intercept 0x04).
        case instruction
        /// SIGP STOP of this CPU by itself or similar: leave `sie()` with a stop intercept.
        case stop
        /// The instruction loaded a new PSW that needs the loop to re-evaluate
        /// (wait state, interrupt enablement). Not an error.
        case reevaluate
    }
    public var kind: Kind
    public var code: UInt16
    /// Translation-exception identification (stored at 0xA8) for access exceptions.
    public var tec: UInt64
    /// Data-exception code for code 0x07.
    public var dxc: UInt8
    /// Exception access identification (0xA0) for access-register mode; unused.
    public var accessID: UInt8

    @inline(__always)
    public init(kind: Kind, code: UInt16, tec: UInt64 = 0, dxc: UInt8 = 0) {
        self.kind = kind; self.code = code; self.tec = tec; self.dxc = dxc; self.accessID = 0
    }

    @inline(__always)
    public static func program(_ code: ProgramCode, tec: UInt64 = 0, dxc: UInt8 = 0) -> Interruption {
        Interruption(kind: .program, code: code.rawValue, tec: tec, dxc: dxc)
    }
    public static let intercept = Interruption(kind: .instruction, code: 0x04)
    public static let reevaluate = Interruption(kind: .reevaluate, code: 0)
}

/// Program-interruption codes (PoP chapter 6) with how each ends the instruction.
public enum ProgramCode: UInt16, Sendable {
    case operation = 0x01
    case privilegedOperation = 0x02
    case execute = 0x03
    case protection = 0x04
    case addressing = 0x05
    case specification = 0x06
    case data = 0x07
    case fixedPointOverflow = 0x08
    case fixedPointDivide = 0x09
    case decimalOverflow = 0x0A
    case decimalDivide = 0x0B
    case hfpExponentOverflow = 0x0C
    case hfpExponentUnderflow = 0x0D
    case hfpSignificance = 0x0E
    case hfpDivide = 0x0F
    case segmentTranslation = 0x10
    case pageTranslation = 0x11
    case translationSpecification = 0x12
    case specialOperation = 0x13
    case operand = 0x15
    case trace = 0x16
    case spaceSwitch = 0x1C
    case hfpSquareRoot = 0x1D
    case pcTranslationSpecification = 0x1F
    case afxTranslation = 0x20
    case asxTranslation = 0x21
    case lxTranslation = 0x22
    case exTranslation = 0x23
    case primaryAuthority = 0x24
    case secondaryAuthority = 0x25
    case lfxTranslation = 0x26
    case lsxTranslation = 0x27
    case aleTranslation = 0x28
    case aleSequence = 0x29
    case asteValidity = 0x2A
    case asteSequence = 0x2B
    case extendedAuthority = 0x2C
    case stackFull = 0x30
    case stackEmpty = 0x31
    case stackSpecification = 0x32
    case stackType = 0x33
    case stackOperation = 0x34
    case asceType = 0x38
    case regionFirstTranslation = 0x39
    case regionSecondTranslation = 0x3A
    case regionThirdTranslation = 0x3B
    case monitorEvent = 0x40
    case per = 0x80

    /// Nullifying exceptions leave the old PSW pointing at the instruction;
    /// the others (suppressing, terminating, completing) point past it.
    public static func nullifies(_ code: UInt16) -> Bool {
        switch code & 0x7F {
        case 0x10, 0x11, 0x38, 0x39, 0x3A, 0x3B, 0x20, 0x21, 0x22, 0x23, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C:
            return true
        default:
            return false
        }
    }
}
