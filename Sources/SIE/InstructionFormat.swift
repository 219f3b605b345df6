/// Instruction formats of z/Architecture (PoP chapter 5), named as there.
/// An instruction is kept as `raw`: its bytes as one number aligned so that
/// PoP bit 0 is raw bit 47, whatever the instruction's length. A field at PoP
/// bits p..p+w-1 is therefore `(raw >> (48 - p - w)) & mask(w)` in every format.
public enum InstructionFormat: UInt8, Sendable, CaseIterable {
    case E, I, IE, MII, RR, RRD, RRE, RRFa, RRFb, RRFc, RRFd, RRFe
    case RXa, RXb, RXE, RXF, RXYa, RXYb
    case RSa, RSb, RSI, RSLa, RSLb, RSYa, RSYb
    case RIa, RIb, RIc
    case RIEa, RIEb, RIEc, RIEd, RIEe, RIEf, RIEg
    case RILa, RILb, RILc
    case RIS, RRS, S, SI, SIL, SIY, SMI
    case SSa, SSb, SSc, SSd, SSe, SSf, SSE, SSF
}

@inline(__always) func bits(_ raw: UInt64, _ pos: Int, _ width: Int) -> UInt64 {
    (raw >> UInt64(48 - pos - width)) & ((1 << UInt64(width)) - 1)
}

/// Operand fields by PoP bit position. Register fields are returned as Int for
/// indexing; displacements and immediates sign-extended where the format says so.
@inline(__always) func f8(_ raw: UInt64) -> Int { Int(truncatingIfNeeded: (raw >> 36) & 0xF) }    // bits 8-11: R1, M1
@inline(__always) func f12(_ raw: UInt64) -> Int { Int(truncatingIfNeeded: (raw >> 32) & 0xF) }   // bits 12-15: R2, X2, R3, M3
@inline(__always) func f16(_ raw: UInt64) -> Int { Int(truncatingIfNeeded: (raw >> 28) & 0xF) }   // bits 16-19: B2, M3 (RRF)
@inline(__always) func f20(_ raw: UInt64) -> Int { Int(truncatingIfNeeded: (raw >> 24) & 0xF) }   // bits 20-23: M4 (RRF)
@inline(__always) func f24(_ raw: UInt64) -> Int { Int(truncatingIfNeeded: (raw >> 20) & 0xF) }   // bits 24-27: R1 (RRE)
@inline(__always) func f28(_ raw: UInt64) -> Int { Int(truncatingIfNeeded: (raw >> 16) & 0xF) }   // bits 28-31: R2 (RRE)
@inline(__always) func f32(_ raw: UInt64) -> Int { Int(truncatingIfNeeded: (raw >> 12) & 0xF) }   // bits 32-35: B2/B4 (SS), M3 (RIE)
@inline(__always) func f36(_ raw: UInt64) -> Int { Int(truncatingIfNeeded: (raw >> 8) & 0xF) }    // bits 36-39
/// 12-bit displacement at bits 20-31 (RX, RS, SI, RXY low part).
@inline(__always) func d20(_ raw: UInt64) -> UInt64 { (raw >> 16) & 0xFFF }
/// 12-bit displacement at bits 36-47 (SS second operand, SSE, SIL? no: SIL uses d20).
@inline(__always) func d36(_ raw: UInt64) -> UInt64 { raw & 0xFFF }
/// 20-bit signed displacement of RXY/RSY/SIY: DL at bits 20-31, DH at 32-39.
@inline(__always) func dl20dh32(_ raw: UInt64) -> UInt64 {
    let dl = (raw >> 16) & 0xFFF
    let dh = Int64(Int8(truncatingIfNeeded: raw >> 8))
    return UInt64(bitPattern: (dh << 12)) | dl
}
/// 16-bit immediate at bits 16-31 (RI, RSI, RIE i2), signed.
@inline(__always) func i16s(_ raw: UInt64) -> Int64 { Int64(Int16(truncatingIfNeeded: raw >> 16)) }
@inline(__always) func i16u(_ raw: UInt64) -> UInt64 { (raw >> 16) & 0xFFFF }
/// 16-bit immediate at bits 32-47 (SIL i2, RIE-a/b/c/d? see use), signed.
@inline(__always) func i32s16(_ raw: UInt64) -> Int64 { Int64(Int16(truncatingIfNeeded: raw)) }
/// 32-bit immediate at bits 16-47 (RIL).
@inline(__always) func i32s(_ raw: UInt64) -> Int64 { Int64(Int32(truncatingIfNeeded: raw)) }
@inline(__always) func i32u(_ raw: UInt64) -> UInt64 { raw & 0xFFFF_FFFF }
/// 8-bit immediate at bits 8-15 (SI, SIY).
@inline(__always) func i8at8(_ raw: UInt64) -> UInt64 { (raw >> 32) & 0xFF }
/// 8-bit immediate at bits 32-39 (RIE-c/RIS i2), signed and unsigned.
@inline(__always) func i8at32u(_ raw: UInt64) -> UInt64 { (raw >> 8) & 0xFF }
@inline(__always) func i8at32s(_ raw: UInt64) -> Int64 { Int64(Int8(truncatingIfNeeded: raw >> 8)) }
/// Instruction length in bytes from the first opcode byte (bits 0-1).
@inline(__always) public func instructionLength(firstByte: UInt8) -> Int {
    switch firstByte >> 6 { case 0: return 2; case 3: return 6; default: return 4 }
}
