import ArgumentParser
import Foundation
import Monitor
import SIE

@main
struct S390Host: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "s390host",
        abstract: "Run an IBM Z (s390x) guest: a Linux kernel image or a bare-metal ELF program.",
        discussion: """
        The guest console is the SCLP console (Linux: console=ttysclp0) on stdin/stdout. \
        When stdin is a terminal, press Ctrl-A x to quit. SIGTERM asks the guest to \
        shut down (SCLP signal quiesce; Linux runs its shutdown) and stops it after 30 s.

        Exit status: 0 the guest powered off (all CPUs stopped, or quiesced); \
        1 a host-side error (unreadable or malformed image, out of memory); 64 a bad option; \
        2 the guest stopped in a disabled wait or can no longer run (panic); \
        124 --timeout expired; 130 interrupted (Ctrl-C, Ctrl-A x).
        """)

    @Option(name: .long, help: ArgumentHelp("Kernel image (Linux \"S390EP\" image) or s390x ELF program to boot.", valueName: "FILE"))
    var kernel: String

    @Option(name: .long, help: ArgumentHelp("Initial RAM disk, placed above the kernel; its address and size go in the Linux parameter area.", valueName: "FILE"))
    var initrd: String?

    @Option(name: .long, help: ArgumentHelp("Kernel command line (written at 0x10480).", valueName: "STRING"))
    var append: String?

    @Option(name: .long, help: "Number of virtual CPUs, 1 to 64.")
    var cpus: Int = 1

    @Option(name: .long, help: ArgumentHelp("Guest memory: a number with an optional K, M, G or T suffix (no suffix: MiB). A multiple of 1 MiB, at least 1 MiB.", valueName: "SIZE"))
    var memory: String = "512M"

    @Option(name: .customLong("memory-file"), help: ArgumentHelp("Back guest memory with this file (created or resized to the memory size) instead of anonymous memory.", valueName: "PATH"))
    var memoryFile: String?

    @Option(name: .long, help: ArgumentHelp("Stop the guest after this many seconds (exit status 124).", valueName: "SECONDS"))
    var timeout: Double?

    @Flag(name: .long, help: "Print every executed instruction, disassembled, with its address (to stderr).")
    var trace = false

    func validate() throws {
        guard (1...64).contains(cpus) else { throw ValidationError("--cpus must be between 1 and 64 (got \(cpus))") }
        guard S390Host.parseSize(memory) != nil else {
            throw ValidationError("--memory \(memory): expected a size such as 512M or 2G, a multiple of 1 MiB and at least 1 MiB")
        }
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    static func parseSize(_ s: String) -> UInt64? {
        var digits = s.uppercased()
        var unit: UInt64 = 1 << 20
        if let last = digits.last, !last.isNumber {
            switch last {
            case "K": unit = 1 << 10
            case "M": unit = 1 << 20
            case "G": unit = 1 << 30
            case "T": unit = 1 << 40
            default: return nil
            }
            digits.removeLast()
        }
        guard let n = UInt64(digits), n > 0, n <= (1 << 42) / unit else { return nil }
        let bytes = n * unit
        guard bytes >= 1 << 20, bytes % (1 << 20) == 0 else { return nil }
        return bytes
    }

    func run() throws {
        var config = MachineConfiguration(kernel: kernel)
        config.initrd = initrd
        config.commandLine = append
        config.cpus = cpus
        config.memorySize = S390Host.parseSize(memory)!
        config.memoryFile = memoryFile
        config.timeout = timeout
        config.trace = trace
        let machine: Machine
        do {
            machine = try Machine(config)
        } catch {
            FileHandle.standardError.write(Data("s390host: \(error)\n".utf8))
            throw ExitCode(1)
        }
        #if arch(arm64)
        if cpus > 1 {
            // See docs/architecture.md, "Threads and memory ordering".
            FileHandle.standardError.write(Data(("s390host: warning: on an arm64 host, guest stores between vCPUs are not "
                + "ordered as z/Architecture requires; use --cpus 1 for exact results\n").utf8))
        }
        #endif
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { machine.halt(.interrupted) }
        interrupt.resume()
        // SIGTERM: ask the guest to shut down (SCLP signal quiesce).
        signal(SIGTERM, SIG_IGN)
        let terminate = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        terminate.setEventHandler { machine.requestShutdown() }
        terminate.resume()
        let exit = machine.run()
        if let message = exit.message {
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        if exit == .timeout || exit == .interrupted {
            FileHandle.standardError.write(Data((machine.cpuStates + "\n").utf8))
        }
        throw ExitCode(exit.status)
    }
}
