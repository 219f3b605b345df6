/// Register helpers shared by instruction families.
extension VirtualCPU {
    /// Bits 32-63 of a general register.
    @inline(__always) func low(_ n: Int) -> UInt32 { UInt32(truncatingIfNeeded: r[n]) }
    /// Replaces bits 32-63 of a general register, keeping bits 0-31.
    @inline(__always) func setLow(_ n: Int, _ v: UInt32) { r[n] = (r[n] & 0xFFFF_FFFF_0000_0000) | UInt64(v) }
    /// Bits 0-31 of a general register (high word).
    @inline(__always) func high(_ n: Int) -> UInt32 { UInt32(truncatingIfNeeded: r[n] >> 32) }
    @inline(__always) func setHigh(_ n: Int, _ v: UInt32) { r[n] = (r[n] & 0xFFFF_FFFF) | UInt64(v) << 32 }

    // Effective addresses by format (PoP 5-8): base/index 0 mean no register.
    /// (Loads r[n] whatever n is and selects: a conditional move, no branch.)
    @inline(__always) func reg0(_ n: Int) -> UInt64 { let v = r[n]; return n == 0 ? 0 : v }
    /// RX, RXE, RXF: X2 bits 12-15, B2 16-19, D2 20-31.
    @inline(__always) func eaRX(_ raw: UInt64) -> UInt64 { (reg0(f12(raw)) &+ reg0(f16(raw)) &+ d20(raw)) & amask }
    /// RXY: X2 12-15, B2 16-19, DL2 20-31, DH2 32-39.
    @inline(__always) func eaRXY(_ raw: UInt64) -> UInt64 { (reg0(f12(raw)) &+ reg0(f16(raw)) &+ dl20dh32(raw)) & amask }
    /// RS, S, SI, SIL, SS first operand: B 16-19, D 20-31.
    @inline(__always) func eaRS(_ raw: UInt64) -> UInt64 { (reg0(f16(raw)) &+ d20(raw)) & amask }
    /// RSY, SIY: B 16-19, DL 20-31, DH 32-39.
    @inline(__always) func eaRSY(_ raw: UInt64) -> UInt64 { (reg0(f16(raw)) &+ dl20dh32(raw)) & amask }
    /// SS, SSE, SSF second operand: B2 32-35, D2 36-47.
    @inline(__always) func eaSS2(_ raw: UInt64) -> UInt64 { (reg0(f32(raw)) &+ d36(raw)) & amask }

    /// Shift amount of RS/RSY shifts: the low 6 bits of the second-operand address (not wrapped).
    @inline(__always) func shiftRS(_ raw: UInt64) -> UInt64 { (reg0(f16(raw)) &+ d20(raw)) & 63 }
    @inline(__always) func shiftRSY(_ raw: UInt64) -> UInt64 { (reg0(f16(raw)) &+ dl20dh32(raw)) & 63 }

    /// Even-odd register pair check (specification exception when odd).
    @inline(__always) func requireEven(_ n: Int) throws(Interruption) {
        if n & 1 != 0 { throw Interruption.program(.specification) }
    }
}
