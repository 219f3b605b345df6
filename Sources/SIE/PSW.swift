/// The program-status word in z/Architecture format (128 bits).
public struct PSW: Equatable, Sendable, CustomStringConvertible {
    public var mask: UInt64
    public var address: UInt64
    public init(mask: UInt64, address: UInt64) { self.mask = mask; self.address = address }

    // Mask bits (bit n of the PSW is 1 << (63 - n) of `mask`).
    public static let per: UInt64 = 1 << 62            // bit 1
    public static let dat: UInt64 = 1 << 58            // bit 5
    public static let io: UInt64 = 1 << 57             // bit 6
    public static let external: UInt64 = 1 << 56       // bit 7
    public static let keyMask: UInt64 = 0xF << 52      // bits 8-11
    public static let zeroBit12: UInt64 = 1 << 51      // bit 12 must be 0 in z/Architecture
    public static let machineCheck: UInt64 = 1 << 50   // bit 13
    public static let wait: UInt64 = 1 << 49           // bit 14
    public static let problemState: UInt64 = 1 << 48   // bit 15
    public static let asMask: UInt64 = 3 << 46         // bits 16-17: address-space control
    public static let ccMask: UInt64 = 3 << 44         // bits 18-19
    public static let programMask: UInt64 = 0xF << 40  // bits 20-23
    public static let extendedAddressing: UInt64 = 1 << 32  // bit 31 (EA)
    public static let basicAddressing: UInt64 = 1 << 31     // bit 32 (BA)

    public var conditionCode: UInt8 { UInt8((mask >> 44) & 3) }
    public var key: UInt8 { UInt8((mask >> 52) & 0xF) }
    public var isWait: Bool { mask & PSW.wait != 0 }
    /// Enabled for some interruption class that can end a wait.
    public var isEnabledForWakeup: Bool { mask & (PSW.io | PSW.external | PSW.machineCheck) != 0 }

    public var description: String {
        String(format: "%016llx %016llx", mask, address)
    }
}

import Foundation
