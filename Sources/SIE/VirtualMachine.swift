import Synchronization
import Glibc
import CGuestAtomics

/// A guest machine: its main storage, storage keys, VM-wide (floating)
/// interrupts and its vCPUs. Created by the monitor; each vCPU is driven by
/// its own host thread calling `sie()`.
public final class VirtualMachine: @unchecked Sendable {
    public let memory: GuestMemory
    public var model = MachineModel() {
        didSet { installed = InstalledFacilities(model) }
    }
    /// The facilities the instruction semantics test, from `model`.
    private(set) var installed = InstalledFacilities(MachineModel())
    public var frameCount: Int { Int(memory.size >> 12) }

    /// Storage key per 4 KiB frame: ACC (4 bits) F R C, bits as in ISKE.
    let storageKeys: UnsafeMutablePointer<UInt8>
    /// Per frame: some vCPU holds decoded instructions for it, so stores to
    /// it must go through the slow path and invalidate them.
    let frameHasCode: UnsafeMutablePointer<UInt8>
    /// Per frame: bumped whenever its contents change while it holds code.
    let codeGeneration: UnsafeMutablePointer<UInt32>

    /// Host dirty tracking, one bit per frame: "changed since the monitor
    /// last harvested". Kept apart from the guest's change bits (the role of
    /// the PGSTE host bits in the original design): the guest never sees it.
    let hostDirty: UnsafeMutablePointer<UInt64>

    private let cpuLock = Mutex<[UInt16: VirtualCPU]>([:])
    /// vCPUs by address, for lock-free lookups on the SIGP path. Entries
    /// are written under `cpuLock` and never removed while the VM runs.
    let cpuByAddress: UnsafeMutablePointer<VirtualCPU?> = {
        let p = UnsafeMutablePointer<VirtualCPU?>.allocate(capacity: 64)
        p.initialize(repeating: nil, count: 64)
        return p
    }()
    /// Floating interrupts (service signal, I/O), shared by all vCPUs.
    let floating = FloatingInterrupts()
    /// Raises attention on vCPUs when their timers fire.
    private(set) lazy var ticker = Ticker(vm: self)

    public init(memory backing: GuestMemory.Backing) throws {
        memory = try GuestMemory(backing)
        let frames = Int(memory.size >> 12)
        storageKeys = .allocate(capacity: frames); storageKeys.initialize(repeating: 0, count: frames)
        frameHasCode = .allocate(capacity: frames); frameHasCode.initialize(repeating: 0, count: frames)
        codeGeneration = .allocate(capacity: frames); codeGeneration.initialize(repeating: 0, count: frames)
        hostDirty = .allocate(capacity: (frames + 63) / 64); hostDirty.initialize(repeating: 0, count: (frames + 63) / 64)
    }

    deinit {
        ticker.stopped.store(true, ordering: .releasing)
        cpuByAddress.deinitialize(count: 64); cpuByAddress.deallocate()
        storageKeys.deallocate(); frameHasCode.deallocate(); codeGeneration.deallocate(); hostDirty.deallocate()
    }

    public enum CPUError: Error, CustomStringConvertible {
        case duplicateAddress(UInt16), badAddress(UInt16)
        public var description: String {
            switch self {
            case .duplicateAddress(let a): return "CPU address \(a) is already in use"
            case .badAddress(let a): return "CPU address \(a) is out of range (0-63)"
            }
        }
    }

    /// Creates a vCPU in the stopped, initial-reset state.
    public func addCPU(address: UInt16) throws -> VirtualCPU {
        guard address < 64 else { throw CPUError.badAddress(address) }
        return try cpuLock.withLock { cpus in
            guard cpus[address] == nil else { throw CPUError.duplicateAddress(address) }
            let cpu = VirtualCPU(vm: self, address: address)
            cpus[address] = cpu
            cpuByAddress[Int(address)] = cpu
            return cpu
        }
    }

    public func removeCPU(_ cpu: VirtualCPU) {
        cpuLock.withLock { _ = $0.removeValue(forKey: cpu.address) }
    }

    public func cpu(at address: UInt16) -> VirtualCPU? {
        cpuLock.withLock { $0[address] }
    }

    public var cpus: [VirtualCPU] {
        cpuLock.withLock { Array($0.values).sorted { $0.address < $1.address } }
    }

    // MARK: Floating interrupts

    /// Makes a service-signal external interruption pending (SCLP completion).
    public func injectServiceSignal(parameter: UInt32) {
        floating.addServiceSignal(parameter)
        wakeAll()
    }

    func wakeAll() {
        for cpu in cpus { cpu.requestAttention(); cpu.wake() }
    }

    // MARK: Host dirty tracking

    @inline(__always) func noteHostDirty(frame: Int) {
        _ = guest_or64(hostDirty + (frame >> 6), 1 << UInt64(frame & 63))
    }

    /// Returns the frames changed since the last harvest and starts a new
    /// period. Write translations are dropped on every vCPU so that the next
    /// store to any page is seen again.
    public func harvestDirtyFrames() -> [Int] {
        var frames: [Int] = []
        for cpu in cpus { cpu.requestTLBFlush() }
        for w in 0..<(frameCount + 63) / 64 {
            var bits = guest_xchg64(hostDirty + w, 0)
            while bits != 0 {
                let b = bits.trailingZeroBitCount
                frames.append(w * 64 + b)
                bits &= bits - 1
            }
        }
        return frames
    }

    // MARK: Storage changed by the monitor

    /// The monitor changed guest storage behind the CPUs' back (SCLP
    /// responses, channel-program data): drop decoded code for those frames.
    public func storageChanged(absolute address: UInt64, length: Int) {
        guard length > 0, memory.contains(address, length: UInt64(length)) else { return }
        var frame = Int(address >> 12)
        let last = Int((address + UInt64(length) - 1) >> 12)
        while frame <= last {
            if frameHasCode[frame] != 0 { invalidateCode(frame: frame) }
            frame += 1
        }
    }

    /// Decoded instructions of `frame` are stale on every vCPU.
    func invalidateCode(frame: Int) {
        frameHasCode[frame] = 0
        codeGeneration[frame] &+= 1
    }

    /// First decode of `frame` by some vCPU: from now on stores to it must
    /// take the slow path on every vCPU, so drop their write translations.
    func markCodeFrame(_ frame: Int) {
        frameHasCode[frame] = 1
        for cpu in cpus { cpu.dropWriteTranslations(frame: frame) }
    }
}
