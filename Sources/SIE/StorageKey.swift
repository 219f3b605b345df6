/// Bits of a storage key (one per 4 KiB frame), as ISKE returns them.
enum StorageKey {
    static let accessControl: UInt8 = 0xF0
    static let fetchProtection: UInt8 = 0x08
    static let reference: UInt8 = 0x04
    static let change: UInt8 = 0x02
}
