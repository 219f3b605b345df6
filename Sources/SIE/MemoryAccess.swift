/// Guest storage accesses by logical address, for instruction semantics.
/// The fast path is one TLB compare and a byte-swapping host load/store; the
/// slow path translates (and may raise an access exception). An access that
/// crosses a page is checked on both pages before anything is stored.
extension VirtualCPU {
    @inline(__always) private func tlbIndex(_ ea: UInt64) -> Int {
        Int(truncatingIfNeeded: ea >> 12) & (VirtualCPU.tlbSize - 1)
    }

    @inline(__always) private func hostPointer(_ i: Int, _ ea: UInt64) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(bitPattern: tlbAddend[i] &+ Int(bitPattern: UInt(ea))).unsafelyUnwrapped
    }

    @inline(__always)
    func load<T: FixedWidthInteger>(_ ea: UInt64, as: T.Type = T.self) throws(Interruption) -> T {
        let i = tlbIndex(ea)
        if _fastPath(tlbRead[i] == (ea &+ UInt64(MemoryLayout<T>.size - 1)) & ~0xFFF) {
            return T(bigEndian: hostPointer(i, ea).loadUnaligned(as: T.self))
        }
        return try loadSlow(ea)
    }

    @inline(__always)
    func store<T: FixedWidthInteger>(_ value: T, _ ea: UInt64) throws(Interruption) {
        let i = tlbIndex(ea)
        if _fastPath(tlbWrite[i] == (ea &+ UInt64(MemoryLayout<T>.size - 1)) & ~0xFFF) {
            hostPointer(i, ea).storeBytes(of: value.bigEndian, toByteOffset: 0, as: T.self)
            return
        }
        try storeSlow(value, ea)
    }

    /// The fast path alone: the value if the TLB maps the access, else nil.
    @inline(__always)
    func loadIfMapped<T: FixedWidthInteger>(_ ea: UInt64, as: T.Type = T.self) -> T? {
        let i = tlbIndex(ea)
        if _fastPath(tlbRead[i] == (ea &+ UInt64(MemoryLayout<T>.size - 1)) & ~0xFFF) {
            return T(bigEndian: hostPointer(i, ea).loadUnaligned(as: T.self))
        }
        return nil
    }

    /// The fast path alone: true if the TLB maps the access for storing and
    /// the value was stored.
    @inline(__always)
    func storeIfMapped<T: FixedWidthInteger>(_ value: T, _ ea: UInt64) -> Bool {
        let i = tlbIndex(ea)
        if _fastPath(tlbWrite[i] == (ea &+ UInt64(MemoryLayout<T>.size - 1)) & ~0xFFF) {
            hostPointer(i, ea).storeBytes(of: value.bigEndian, toByteOffset: 0, as: T.self)
            return true
        }
        return false
    }

    @inline(__always) func load8(_ ea: UInt64) throws(Interruption) -> UInt8 { try load(ea) }
    @inline(__always) func load16(_ ea: UInt64) throws(Interruption) -> UInt16 { try load(ea) }
    @inline(__always) func load32(_ ea: UInt64) throws(Interruption) -> UInt32 { try load(ea) }
    @inline(__always) func load64(_ ea: UInt64) throws(Interruption) -> UInt64 { try load(ea) }
    @inline(__always) func store8(_ v: UInt8, _ ea: UInt64) throws(Interruption) { try store(v, ea) }
    @inline(__always) func store16(_ v: UInt16, _ ea: UInt64) throws(Interruption) { try store(v, ea) }
    @inline(__always) func store32(_ v: UInt32, _ ea: UInt64) throws(Interruption) { try store(v, ea) }
    @inline(__always) func store64(_ v: UInt64, _ ea: UInt64) throws(Interruption) { try store(v, ea) }

    @inline(never)
    func loadSlow<T: FixedWidthInteger>(_ ea: UInt64) throws(Interruption) -> T {
        let size = MemoryLayout<T>.size
        if Int(ea & 0xFFF) + size <= 4096 {
            let p = try translate(ea, .fetch)
            return T(bigEndian: p.loadUnaligned(as: T.self))
        }
        var v: T = 0
        for k in 0..<size {
            let p = try translate((ea &+ UInt64(k)) & amask, .fetch)
            v = (v << 8) | T(p.load(as: UInt8.self))
        }
        return v
    }

    @inline(never)
    func storeSlow<T: FixedWidthInteger>(_ value: T, _ ea: UInt64) throws(Interruption) {
        let size = MemoryLayout<T>.size
        if Int(ea & 0xFFF) + size <= 4096 {
            let p = try translate(ea, .store)
            p.storeBytes(of: value.bigEndian, toByteOffset: 0, as: T.self)
            return
        }
        // Check both pages before storing anything.
        let last = (ea &+ UInt64(size - 1)) & amask
        _ = try translate(ea, .store)
        _ = try translate(last, .store)
        for k in 0..<size {
            let p = try translate((ea &+ UInt64(k)) & amask, .store)
            p.storeBytes(of: UInt8(truncatingIfNeeded: value >> (8 * (size - 1 - k))), as: UInt8.self)
        }
    }

    /// Checks that `length` bytes (1...4096) at `ea` can be accessed, raising
    /// the access exception the architecture would (first the first page,
    /// then the last). Use before an instruction modifies anything.
    func checkAccess(_ ea: UInt64, length: Int, _ kind: AccessKind) throws(Interruption) {
        guard length > 0 else { return }
        _ = try hostRange(ea, kind)
        let last = (ea &+ UInt64(length - 1)) & amask
        if (last ^ ea) & ~0xFFF != 0 { _ = try hostRange(last, kind) }
    }

    /// Host pointer to the byte at `ea` and how many bytes follow it
    /// contiguously on the same page; for block moves and compares.
    @inline(__always)
    func hostRange(_ ea: UInt64, _ kind: AccessKind) throws(Interruption) -> (UnsafeMutableRawPointer, Int) {
        let i = tlbIndex(ea)
        let tag = kind == .store ? tlbWrite[i] : tlbRead[i]
        let avail = 4096 - Int(ea & 0xFFF)
        if tag == ea & ~0xFFF { return (hostPointer(i, ea), avail) }
        return (try translate(ea, kind), avail)
    }

    /// Effective address arithmetic wraps at the addressing mode.
    @inline(__always) func wrap(_ a: UInt64) -> UInt64 { a & amask }
}
