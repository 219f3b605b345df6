/// What this machine says about itself: the CPU model (STIDP, STSI) and
/// the facility list (STFL, STFLE). Advertise only what is implemented:
/// every facility bit switches on code paths in the guest.
public struct MachineModel: Sendable {
    /// IBM z196 (2817): the model Debian's z10-built kernel and z196-tuned
    /// user space expect.
    public var machineType: UInt16 = 0x2817
    /// Facility bits (bit n is 1 << (63 - n % 64) of doubleword n / 64).
    public var facilities: [UInt64]

    public static let facilityNumbers: [Int] = [
        0,  // N3 instructions in z/Architecture mode
        1,  // z/Architecture installed
        2,  // z/Architecture active
        3,  // DAT-enhancement (IDTE, CSPG)
        4,  // IDTE selective clearing of region entries
        7,  // STFLE
        8,  // enhanced DAT 1: 1 MB segment frames, PFMF, multiple-block SSKE
        10, // conditional SSKE
        14, // nonquiescing key-setting (SSKE, PFMF; done quiescing, which is allowed)
        18, // long displacement
        19, // long displacement, high performance
        21, // extended immediate
        25, // store clock fast
        27, // MVCOS
        32, // compare-and-swap-and-store
        33, // compare-and-swap-and-store 2
        34, // general-instructions extension
        35, // execute extensions (EXRL)
        37, // floating-point extension
        41, // floating-point-support enhancement
        45, // distinct operands, high word, load/store on condition, interlocked access 1, popcount
    ]

    public init() {
        var f: [UInt64] = [0, 0]
        for n in MachineModel.facilityNumbers { f[n / 64] |= 1 << UInt64(63 - n % 64) }
        facilities = f
    }

    public func hasFacility(_ n: Int) -> Bool {
        n / 64 < facilities.count && facilities[n / 64] & (1 << UInt64(63 - n % 64)) != 0
    }

    /// STIDP: version 0, a CPU identification that includes the CPU
    /// address, the machine type, format 1 (bit 48).
    func cpuID(address: UInt16) -> UInt64 {
        UInt64(0x10_0000 | UInt32(address)) << 32 | UInt64(machineType) << 16 | 0x8000
    }
}

/// Facilities whose presence changes what an instruction does (rather than
/// whether it exists), read on the instructions' paths.
struct InstalledFacilities {
    let enhancedDAT1: Bool
    let conditionalSSKE: Bool
    let nonquiescingKeySetting: Bool

    init(_ model: MachineModel) {
        enhancedDAT1 = model.hasFacility(8)
        conditionalSSKE = model.hasFacility(10)
        nonquiescingKeySetting = model.hasFacility(14)
    }
}
