import Foundation
import Glibc
import SIE

/// How the guest machine is built.
public struct MachineConfiguration: Sendable {
    public var kernel: String
    public var initrd: String?
    public var commandLine: String?
    public var cpus: Int = 1
    public var memorySize: UInt64 = 512 << 20
    public var memoryFile: String?
    public var timeout: Double?
    public var trace = false
    public var interactiveConsole = true
    public init(kernel: String) { self.kernel = kernel }
}

/// How the machine ended, and the process exit status for it.
public enum MachineExit: Equatable, Sendable {
    /// All CPUs stopped, or the guest quiesced: a clean power-off.
    case poweredOff
    /// Disabled wait or a CPU that can no longer run.
    case guestPanic(String)
    case timeout
    case interrupted
    case hostError(String)

    public var status: Int32 {
        switch self {
        case .poweredOff: return 0
        case .hostError: return 1
        case .guestPanic: return 2
        case .timeout: return 124
        case .interrupted: return 130
        }
    }

    public var message: String? {
        switch self {
        case .poweredOff: return nil
        case .guestPanic(let m): return "s390host: guest stopped: \(m)"
        case .timeout: return "s390host: timeout: guest still running, stopped"
        case .interrupted: return "s390host: interrupted"
        case .hostError(let m): return "s390host: \(m)"
        }
    }
}

/// The monitor: builds the VM, runs one host thread per vCPU looping on
/// `sie()`, and handles the intercepts the SIE layer hands out.
public final class Machine: @unchecked Sendable {
    public let configuration: MachineConfiguration
    public let vm: VirtualMachine
    let console: Console
    let sclp: SCLP
    let channels = ChannelSubsystem()
    var vcpus: [VCPU] = []
    let lock = NSCondition()
    private var exitReason: MachineExit?

    public init(_ config: MachineConfiguration) throws {
        configuration = config
        guard config.cpus >= 1, config.cpus <= 64 else {
            throw MachineError.configuration("--cpus must be between 1 and 64 (got \(config.cpus))")
        }
        let backing: GuestMemory.Backing = config.memoryFile.map { .file(path: $0, size: config.memorySize) }
            ?? .anonymous(size: config.memorySize)
        vm = try VirtualMachine(memory: backing)
        // S390HOST_FACILITIES=hex,hex,... replaces the facility list: only for
        // comparing traces with another emulator that advertises more.
        if let list = ProcessInfo.processInfo.environment["S390HOST_FACILITIES"] {
            vm.model.facilities = list.split(separator: ",").compactMap { UInt64($0, radix: 16) }
        }
        console = Console(readsInput: config.interactiveConsole)
        sclp = SCLP(vm: vm, console: console, cpuCount: config.cpus)
        let loaded = try ImageLoader.load(kernel: config.kernel, initrd: config.initrd,
                                          commandLine: config.commandLine, into: vm.memory)
        for i in 0..<config.cpus {
            let cpu = try vm.addCPU(address: UInt16(i))
            if config.trace {
                cpu.trace = { line in FileHandle.standardError.write(Data("cpu\(i) \(line)\n".utf8)) }
                // S390HOST_TRACE=registers adds the GPRs (for diffing against QEMU's -d cpu).
                cpu.traceRegisters = ProcessInfo.processInfo.environment["S390HOST_TRACE"] == "registers"
            }
            // S390HOST_LOG=program prints every program interruption (debugging aid).
            if ProcessInfo.processInfo.environment["S390HOST_LOG"] == "program" {
                cpu.programInterruptionLog = { line in FileHandle.standardError.write(Data("cpu\(i) \(line)\n".utf8)) }
            }
            vcpus.append(VCPU(cpu: cpu))
        }
        // CPU 0 starts at the entry in 64-bit mode, as after initial CPU reset.
        vcpus[0].cpu.block.psw = PSW(mask: 0x0000_0001_8000_0000, address: loaded.entry)
        vcpus[0].operating = true
    }

    public enum MachineError: Error, CustomStringConvertible {
        case configuration(String)
        public var description: String {
            switch self { case .configuration(let m): return m }
        }
    }

    /// Runs the guest until it powers off, panics, times out or is interrupted.
    /// One line per vCPU: where it is (for timeouts and interruptions).
    public var cpuStates: String {
        vcpus.map { v in
            let b = v.cpu.block
            return "CPU \(v.cpu.address): \(v.operating ? "operating" : "stopped"), PSW \(b.psw), \(v.cpu.instructionCount) instructions"
        }.joined(separator: "\n")
    }

    public func run() -> MachineExit {
        console.onQuit = { [weak self] in self?.halt(.interrupted) }
        console.onInput = { [weak self] in
            guard let self else { return }
            if self.sclp.eventPending { self.vm.injectServiceSignal(parameter: 1) }
        }
        console.start()
        defer { console.restore() }
        if let t = configuration.timeout {
            let timer = Thread { [weak self] in
                Thread.sleep(forTimeInterval: t)
                self?.halt(.timeout)
            }
            timer.start()
        }
        var threads: [Thread] = []
        for v in vcpus {
            let t = Thread { [unowned self] in self.cpuLoop(v) }
            t.stackSize = 8 << 20
            threads.append(t)
            t.start()
        }
        lock.lock()
        while exitReason == nil || vcpus.contains(where: { !$0.finished }) { lock.wait() }
        let reason = exitReason!
        lock.unlock()
        for v in vcpus { vm.removeCPU(v.cpu) }
        return reason
    }

    /// Ends the machine: every vCPU leaves `sie()` and its thread ends.
    public func halt(_ reason: MachineExit) {
        lock.lock()
        if exitReason == nil { exitReason = reason }
        lock.broadcast()
        lock.unlock()
        for v in vcpus { v.cpu.requestStop() }
    }

    /// Asks the guest to shut down cleanly (SCLP signal quiesce, as on a
    /// real machine's "shutdown" request); halts it after `grace` seconds if
    /// it has not powered off by then.
    public func requestShutdown(grace: Double = 30) {
        sclp.requestQuiesce()
        let timer = Thread { [weak self] in
            Thread.sleep(forTimeInterval: grace)
            self?.halt(.guestPanic("did not shut down within \(Int(grace)) s of the quiesce request"))
        }
        timer.start()
    }

    var halted: Bool {
        lock.lock(); defer { lock.unlock() }
        return exitReason != nil
    }

    // MARK: vCPU threads

    private func cpuLoop(_ v: VCPU) {
        defer {
            lock.lock(); v.finished = true; lock.broadcast(); lock.unlock()
        }
        while true {
            lock.lock()
            while !v.operating && exitReason == nil { lock.wait() }
            let stop = exitReason != nil
            lock.unlock()
            if stop { return }
            let code = v.cpu.sie()
            if halted { return }
            handle(code, v)
        }
    }

    private func handle(_ code: InterceptCode, _ v: VCPU) {
        let cpu = v.cpu
        switch code {
        case .none:
            break
        case .instruction:
            handleInstruction(v)
        case .wait:
            let psw = cpu.block.psw
            if psw.address & 0xFFF == 0xFFF {
                halt(.poweredOff)   // the quiesce convention of Linux
            } else {
                halt(.guestPanic("disabled wait on CPU \(cpu.address), PSW \(psw)" + lastProgramInterruption(cpu)))
            }
        case .stop:
            lock.lock()
            let requested = v.stopRequested
            if requested { completeStopLocked(v) }
            lock.unlock()
            if requested { powerOffIfAllStopped() }
        case .validity:
            let reason = cpu.block.ipb >> 16
            if reason == UInt32(ValidityReason.programInterruptionLoop.rawValue) {
                halt(.guestPanic("program-interruption loop on CPU \(cpu.address), PSW \(cpu.block.psw)"))
            } else {
                halt(.guestPanic(String(format: "CPU %d state not valid (reason 0x%04x)", cpu.address, reason)))
            }
        }
    }

    /// The last program interruption recorded in the CPU's lowcore, which
    /// usually explains a disabled wait.
    func lastProgramInterruption(_ cpu: VirtualCPU) -> String {
        let lowcore = cpu.block.prefix
        let m = vm.memory
        guard let code: UInt16 = m.load(lowcore + 0x8E), code != 0,
              let mask: UInt64 = m.load(lowcore + 0x150), let address: UInt64 = m.load(lowcore + 0x158),
              let tec: UInt64 = m.load(lowcore + 0xA8) else { return "" }
        return String(format: "; last program interruption code 0x%04x, old PSW %016llx %016llx, TEC %016llx",
                      code, mask, address, tec)
    }

    /// With every CPU stopped the machine is powered off.
    func powerOffIfAllStopped() {
        lock.lock()
        let anyRunning = vcpus.contains { $0.operating }
        lock.unlock()
        if !anyRunning { halt(.poweredOff) }
    }
}

/// The monitor's view of one vCPU.
final class VCPU: @unchecked Sendable {
    let cpu: VirtualCPU
    var operating = false
    var finished = false
    // Guarded by Machine.lock. A stop another CPU asked for and this CPU's
    // thread has not carried out yet, and what to do when it does: store
    // status, a CPU reset (1) or an initial CPU reset (2).
    var stopRequested = false
    var storeStatusOnStop = false
    var resetOnStop: UInt8 = 0
    init(cpu: VirtualCPU) { self.cpu = cpu }
}
