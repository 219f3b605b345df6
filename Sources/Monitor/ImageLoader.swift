import Foundation
import SIE

/// Loads what the guest boots: an s390x ELF program (by its program
/// headers) or a Linux kernel image ("S390EP" at 0x10008), plus an optional
/// initial RAM disk and command line in the Linux parameter area.
public enum ImageLoader {
    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String, String)
        case notS390(String, String)
        case doesNotFit(String, UInt64, UInt64)
        public var description: String {
            switch self {
            case .unreadable(let path, let why): return "cannot read \(path): \(why)"
            case .notS390(let path, let why): return "\(path) is not an s390x kernel or ELF program: \(why)"
            case .doesNotFit(let what, let end, let size):
                return "\(what) ends at 0x\(String(end, radix: 16)), beyond guest memory of \(size >> 20) MiB"
            }
        }
    }

    public struct Loaded {
        public var entry: UInt64
        public var isLinux: Bool
        public var kernelEnd: UInt64
    }

    public static let linuxEntry: UInt64 = 0x10000
    static let linuxMagicOffset = 0x10008
    static let initrdStartField: UInt64 = 0x10408
    static let initrdSizeField: UInt64 = 0x10410
    static let commandLineSizeField: UInt64 = 0x10430
    static let commandLineAddress: UInt64 = 0x10480
    static let legacyCommandLineSize = 896

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let why = FileManager.default.fileExists(atPath: path) ? "permission denied or not a regular file" : "no such file"
            throw LoadError.unreadable(path, why)
        }
        return [UInt8](data)
    }

    public static func load(kernel path: String, initrd: String?, commandLine: String?, into memory: GuestMemory) throws -> Loaded {
        let image = try readFile(path)
        var loaded: Loaded
        if image.count >= 4, image[0] == 0x7F, image[1] == 0x45, image[2] == 0x4C, image[3] == 0x46 {
            loaded = try loadELF(image, path: path, into: memory)
        } else if image.count > linuxMagicOffset + 6,
                  Array(image[linuxMagicOffset..<linuxMagicOffset + 6]) == Array("S390EP".utf8) {
            guard UInt64(image.count) <= memory.size else {
                throw LoadError.doesNotFit("kernel image", UInt64(image.count), memory.size)
            }
            memory.write(image, at: 0)
            loaded = Loaded(entry: linuxEntry, isLinux: true, kernelEnd: UInt64(image.count))
        } else {
            throw LoadError.notS390(path, "no ELF header and no \"S390EP\" signature at 0x10008")
        }
        if let initrd {
            let data = try readFile(initrd)
            // Above the kernel, at 8 MiB or the next MiB past the kernel.
            var at: UInt64 = 0x80_0000
            while at < loaded.kernelEnd + (1 << 20) { at += 1 << 20 }
            guard at + UInt64(data.count) <= memory.size else {
                throw LoadError.doesNotFit("initrd", at + UInt64(data.count), memory.size)
            }
            memory.write(data, at: at)
            if loaded.isLinux || loaded.entry == linuxEntry {
                memory.store(at, at: initrdStartField)
                memory.store(UInt64(data.count), at: initrdSizeField)
            }
        }
        if let commandLine, loaded.isLinux || loaded.entry == linuxEntry {
            let maxField: UInt64 = memory.load(commandLineSizeField) ?? 0
            let max = maxField == 0 ? legacyCommandLineSize : Int(min(maxField, 1 << 20))
            let bytes = Array(commandLine.utf8.prefix(max - 1)) + [0]
            memory.write(bytes, at: commandLineAddress)
        }
        return loaded
    }

    /// ELF64, big-endian, machine EM_S390 (22): PT_LOAD segments at their
    /// physical addresses, the rest of each segment (bss) zeroed.
    static func loadELF(_ f: [UInt8], path: String, into memory: GuestMemory) throws -> Loaded {
        func u16(_ o: Int) -> UInt64 { UInt64(f[o]) << 8 | UInt64(f[o + 1]) }
        func u32(_ o: Int) -> UInt64 { u16(o) << 16 | u16(o + 2) }
        func u64(_ o: Int) -> UInt64 { u32(o) << 32 | u32(o + 4) }
        guard f.count >= 64 else { throw LoadError.notS390(path, "truncated ELF header") }
        guard f[4] == 2 else { throw LoadError.notS390(path, "not a 64-bit ELF file") }
        guard f[5] == 2 else { throw LoadError.notS390(path, "not a big-endian ELF file") }
        guard u16(18) == 22 else { throw LoadError.notS390(path, "ELF machine \(u16(18)) is not s390 (22)") }
        let entry = u64(24)
        let phoff = Int(clamping: u64(32))
        let phentsize = Int(u16(54)), phnum = Int(u16(56))
        guard phentsize >= 56, phoff >= 0, phoff + phnum * phentsize <= f.count else {
            throw LoadError.notS390(path, "program headers lie outside the file")
        }
        var end: UInt64 = 0
        var segments = 0
        for i in 0..<phnum {
            let h = phoff + i * phentsize
            guard u32(h) == 1 else { continue }   // PT_LOAD
            let offset = u64(h + 8), paddr = u64(h + 24), filesz = u64(h + 32), memsz = u64(h + 40)
            guard filesz <= memsz, offset <= UInt64(f.count), filesz <= UInt64(f.count) - offset else {
                throw LoadError.notS390(path, "segment \(i) lies outside the file")
            }
            guard paddr <= memory.size, memsz <= memory.size - paddr else {
                throw LoadError.doesNotFit("segment \(i)", paddr &+ memsz, memory.size)
            }
            memory.write(Array(f[Int(offset)..<Int(offset + filesz)]), at: paddr)
            if memsz > filesz { memory.write([UInt8](repeating: 0, count: Int(memsz - filesz)), at: paddr + filesz) }
            end = max(end, paddr + memsz)
            segments += 1
        }
        guard segments > 0 else { throw LoadError.notS390(path, "no loadable segments") }
        return Loaded(entry: entry, isLinux: false, kernelEnd: end)
    }
}
