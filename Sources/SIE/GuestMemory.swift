import Glibc

/// Guest main storage: ordinary host memory. Guest absolute address 0 lives at
/// `origin` (the MSO of the original design); addresses above `limit` (MSL)
/// do not exist for the guest and raise an addressing exception.
public final class GuestMemory: @unchecked Sendable {
    public enum Backing: Sendable {
        case anonymous(size: UInt64)
        case file(path: String, size: UInt64)
    }

    public enum SetupError: Error, CustomStringConvertible {
        case badSize(UInt64)
        case mmapFailed(String)
        case fileError(String)
        public var description: String {
            switch self {
            case .badSize(let s): return "memory size \(s) bytes is not a positive multiple of 1 MiB"
            case .mmapFailed(let m): return "cannot map guest memory: \(m)"
            case .fileError(let m): return m
            }
        }
    }

    /// Host address of guest absolute 0.
    public let origin: UnsafeMutableRawPointer
    /// Size in bytes; valid absolute addresses are 0 ..< size.
    public let size: UInt64
    /// Highest valid guest absolute address (MSL).
    public var limit: UInt64 { size - 1 }
    private let mappedLength: Int

    public init(_ backing: Backing) throws {
        let size: UInt64
        var fd: Int32 = -1
        switch backing {
        case .anonymous(let s): size = s
        case .file(let path, let s):
            size = s
            fd = open(path, O_RDWR | O_CREAT, 0o644)
            if fd < 0 { throw SetupError.fileError("cannot open memory file \(path): \(String(cString: strerror(errno)))") }
            if ftruncate(fd, off_t(s)) != 0 {
                close(fd)
                throw SetupError.fileError("cannot size memory file \(path): \(String(cString: strerror(errno)))")
            }
        }
        guard size >= 1 << 20, size % (1 << 20) == 0, size <= 1 << 42 else { throw SetupError.badSize(size) }
        // One guard page beyond the limit: a 16-byte access at the last valid
        // address may touch at most 15 bytes past it before the check fails.
        let length = Int(size) + 4096
        let flags = fd >= 0 ? MAP_SHARED : (MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE)
        let p = mmap(nil, length, PROT_READ | PROT_WRITE, flags, fd, 0)
        if fd >= 0 { close(fd) }
        guard let p, p != MAP_FAILED else { throw SetupError.mmapFailed(String(cString: strerror(errno))) }
        origin = p
        self.size = size
        mappedLength = length
    }

    deinit { munmap(origin, mappedLength) }

    /// True if the `length` bytes at absolute `address` all exist.
    @inline(__always)
    public func contains(_ address: UInt64, length: UInt64 = 1) -> Bool {
        address < size && length <= size - address
    }

    /// Host pointer for an absolute address; the caller has checked `contains`.
    @inline(__always)
    public func host(_ address: UInt64) -> UnsafeMutableRawPointer { origin + Int(address) }

    // Big-endian accessors by absolute address, for the monitor (SCLP, loaders,
    // channel programs). They return nil / false when the range does not exist.
    public func load<T: FixedWidthInteger>(_ address: UInt64, as: T.Type = T.self) -> T? {
        guard contains(address, length: UInt64(MemoryLayout<T>.size)) else { return nil }
        return T(bigEndian: host(address).loadUnaligned(as: T.self))
    }

    @discardableResult
    public func store<T: FixedWidthInteger>(_ value: T, at address: UInt64) -> Bool {
        guard contains(address, length: UInt64(MemoryLayout<T>.size)) else { return false }
        host(address).storeBytes(of: value.bigEndian, toByteOffset: 0, as: T.self)
        return true
    }

    public func read(_ address: UInt64, count: Int) -> [UInt8]? {
        guard count >= 0, contains(address, length: UInt64(count)) else { return nil }
        return [UInt8](UnsafeRawBufferPointer(start: host(address), count: count))
    }

    @discardableResult
    public func write(_ bytes: [UInt8], at address: UInt64) -> Bool {
        guard contains(address, length: UInt64(bytes.count)) else { return false }
        bytes.withUnsafeBytes { host(address).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        return true
    }
}
