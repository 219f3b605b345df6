/// Guest storage by logical address, for the monitor completing an
/// intercepted instruction: the same translation and protection as the
/// instruction itself would use. A failure is an access exception the
/// monitor hands back to the guest with `inject(_:)`.
public struct GuestAccessFault: Error, Sendable {
    let interruption: Interruption
    public var code: UInt16 { interruption.code }
}

extension VirtualCPU {
    /// Reads `count` bytes at the logical address.
    public func readGuest(_ logical: UInt64, count: Int) throws(GuestAccessFault) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        do throws(Interruption) {
            var k = 0
            while k < count {
                let a = wrap(logical &+ UInt64(k))
                let chunk = min(count - k, 4096 - Int(a & 0xFFF))
                let abs = try resolve(a, .fetch, space: .current, key: pswKey)
                out.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: k).copyMemory(from: vm.memory.host(abs), byteCount: chunk) }
                k += chunk
            }
        } catch {
            throw GuestAccessFault(interruption: error)
        }
        return out
    }

    /// Writes the bytes at the logical address; nothing is written unless
    /// every page can be accessed.
    public func writeGuest(_ logical: UInt64, _ bytes: [UInt8]) throws(GuestAccessFault) {
        do throws(Interruption) {
            if !bytes.isEmpty {
                // Check the first and last page before storing anything.
                _ = try resolve(wrap(logical), .store, space: .current, key: pswKey)
                _ = try resolve(wrap(logical &+ UInt64(bytes.count - 1)), .store, space: .current, key: pswKey)
            }
            var k = 0
            while k < bytes.count {
                let a = wrap(logical &+ UInt64(k))
                let chunk = min(bytes.count - k, 4096 - Int(a & 0xFFF))
                let abs = try resolve(a, .store, space: .current, key: pswKey)
                bytes.withUnsafeBytes { vm.memory.host(abs).copyMemory(from: $0.baseAddress!.advanced(by: k), byteCount: chunk) }
                k += chunk
            }
        } catch {
            throw GuestAccessFault(interruption: error)
        }
    }

    /// Completes an intercepted instruction with the access exception.
    public func inject(_ fault: GuestAccessFault) {
        deliverProgramInterruption(fault.interruption, instructionLength: Int((pc &- ia) & 0xF))
    }

    /// Second-operand address of an intercepted S/RS instruction (B2, D2 in
    /// IPB), wrapped to the addressing mode.
    public func interceptedOperandAddress() -> UInt64 {
        let base = Int(ipb >> 28), disp = UInt64((ipb >> 16) & 0xFFF)
        return ((base == 0 ? 0 : r[base]) &+ disp) & amask
    }
}
