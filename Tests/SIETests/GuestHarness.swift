import Foundation
import XCTest
@testable import SIE

/// Runs a snippet of s390x assembler on a fresh one-CPU machine, without the
/// monitor: the snippet is assembled with Debian's `s390x-linux-gnu-as`,
/// loaded at 0x10000 and started in 64-bit supervisor state with DAT off.
/// Every new PSW in the lowcore is a disabled wait, so the first interruption
/// ends the run. The snippet is followed by `.short 0`, an invalid opcode: a
/// run that reaches it ends with an operation exception there ("finished").
struct GuestRun {
    static let origin: UInt64 = 0x10000
    let vm: VirtualMachine
    let cpu: VirtualCPU
    let intercept: InterceptCode
    /// Program-interruption code stored at 0x8E (0 if none).
    let programCode: UInt16
    /// ILC as stored at 0x8C (instruction length in bytes).
    let ilc: UInt16
    /// The program old PSW (0x150): where the guest was when it was interrupted.
    let oldPSW: PSW
    let endAddress: UInt64

    /// The snippet ran to its end without any other interruption.
    var finished: Bool { programCode == 1 && oldPSW.address == endAddress + 2 }
    /// Condition code at the end of the run.
    var cc: UInt8 { oldPSW.conditionCode }
    func r(_ n: Int) -> UInt64 { cpu.r[n] }
    func f(_ n: Int) -> UInt64 { cpu.f[n] }
    func load<T: FixedWidthInteger>(_ absolute: UInt64, as: T.Type = T.self) -> T { vm.memory.load(absolute)! }
    func bytes(_ absolute: UInt64, _ count: Int) -> [UInt8] { vm.memory.read(absolute, count: count)! }
    /// Data exception code stored at 0x93 (rightmost byte of the word at 0x90).
    var dxc: UInt8 { load(0x93, as: UInt8.self) }
    var tec: UInt64 { load(0xA8) }

    /// Assembles and runs `source`. `setup` may preset registers and storage.
    init(_ source: String, memory: UInt64 = 4 << 20, file: StaticString = #filePath, line: UInt = #line,
         setup: (VirtualCPU, GuestMemory) -> Void = { _, _ in }) throws {
        let code = try Assembler.assemble(source + "\n.Lend_of_snippet: .short 0\n")
        vm = try VirtualMachine(memory: .anonymous(size: memory))
        cpu = try vm.addCPU(address: 0)
        vm.memory.write(code.bytes, at: GuestRun.origin)
        endAddress = GuestRun.origin + UInt64(code.endOffset)
        let wait = PSW(mask: 0x0002_0001_8000_0000, address: 0xDEAD0)
        for newPSW in stride(from: UInt64(0x1A0), through: 0x1F0, by: 0x10) {
            vm.memory.store(wait.mask, at: newPSW)
            vm.memory.store(wait.address, at: newPSW + 8)
        }
        cpu.loadPSW(PSW(mask: 0x0000_0001_8000_0000, address: GuestRun.origin))
        setup(cpu, vm.memory)
        intercept = cpu.sie()
        programCode = vm.memory.load(0x8E)!
        ilc = vm.memory.load(0x8C)!
        oldPSW = PSW(mask: vm.memory.load(0x150)!, address: vm.memory.load(0x158)!)
    }
}

/// Debian's cross assembler, run at test time.
enum Assembler {
    struct Output { let bytes: [UInt8]; let endOffset: Int }
    enum Failure: Error { case tool(String) }

    static func assemble(_ source: String, march: String = "z196") throws -> Output {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("s390host-asm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("t.s"), obj = dir.appendingPathComponent("t.o")
        let bin = dir.appendingPathComponent("t.bin"), syms = dir.appendingPathComponent("t.sym")
        try (".text\n" + source + "\n").write(to: src, atomically: true, encoding: .utf8)
        try run("s390x-linux-gnu-as", ["-m64", "-march=\(march)", "-L", "-o", obj.path, src.path])
        try run("s390x-linux-gnu-objcopy", ["-O", "binary", "-j", ".text", obj.path, bin.path])
        let symOut = try run("s390x-linux-gnu-nm", [obj.path])
        _ = syms
        var end = 0
        for line in symOut.split(separator: "\n") where line.hasSuffix(".Lend_of_snippet") {
            end = Int(line.split(separator: " ")[0], radix: 16) ?? 0
        }
        let bytes = try [UInt8](Data(contentsOf: bin))
        if end == 0 { end = bytes.count - 2 }
        return Output(bytes: bytes, endOffset: end)
    }

    @discardableResult
    static func run(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationStatus != 0 {
            throw Failure.tool("\(tool) failed: \(String(decoding: e, as: UTF8.self))")
        }
        return String(decoding: o, as: UTF8.self)
    }
}
