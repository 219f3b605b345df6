import Foundation
import SIE

/// The service-call logical processor: the guest's SERVC requests (PoP
/// SERVC; QEMU hw/s390x/sclp.c and event-facility.c document the layouts).
/// Requests complete synchronously; each is followed by a service-signal
/// external interruption whose parameter is the SCCB address.
final class SCLP {
    enum Command {
        static let readSCPInfo: UInt32 = 0x0002_0001
        static let readSCPInfoForced: UInt32 = 0x0012_0001
        static let readCPUInfo: UInt32 = 0x0001_0001
        static let writeEventMask: UInt32 = 0x0078_0005
        static let writeEventData: UInt32 = 0x0076_0005
        static let readEventData: UInt32 = 0x0077_0005
    }
    enum Response {
        static let normalRead: UInt16 = 0x0010
        static let normalCompletion: UInt16 = 0x0020
        static let boundaryViolation: UInt16 = 0x0100
        static let invalidCommand: UInt16 = 0x01F0
        static let insufficientLength: UInt16 = 0x0300
        static let invalidFunction: UInt16 = 0x40F0
        static let noEventBuffers: UInt16 = 0x60F0
        static let invalidSelectionMask: UInt16 = 0x70F0
        static let inconsistentLengths: UInt16 = 0x72F0
        static let eventBufferSyntax: UInt16 = 0x73F0
        static let invalidMaskLength: UInt16 = 0x74F0
    }
    enum EventType {
        static let operatorCommand: UInt8 = 0x01
        static let message: UInt8 = 0x02
        static let vt220: UInt8 = 0x1A
        static let signalQuiesce: UInt8 = 0x1D
    }

    let memory: GuestMemory
    let vm: VirtualMachine
    let console: Console
    let cpuCount: Int
    /// Event types the guest wants to receive (its "cp receive mask").
    private(set) var guestReceiveMask: UInt32 = 0
    private var quiescePending = false

    init(vm: VirtualMachine, console: Console, cpuCount: Int) {
        self.vm = vm
        self.memory = vm.memory
        self.console = console
        self.cpuCount = cpuCount
    }

    /// Mask bit for event type `t` in a 32-bit event mask.
    static func maskBit(_ t: UInt8) -> UInt32 { 1 << (32 - UInt32(t)) }
    /// Types we accept from the guest and types we can send to it.
    static let receivable = maskBit(EventType.message) | maskBit(EventType.vt220)
    static let sendable = maskBit(EventType.vt220) | maskBit(EventType.signalQuiesce)

    /// Result of a SERVC: a program-interruption code, or completion.
    enum Outcome { case done, program(ProgramCode) }

    func serviceCall(command: UInt32, sccb: UInt64, prefix: UInt64) -> Outcome {
        // Program exceptions first, in QEMU's order: an SCCB outside storage;
        // one not 8-byte aligned, above 2 GiB, in the low 8 KiB or the prefix
        // area; a length below 8.
        guard memory.contains(sccb) else { return .program(.addressing) }
        guard sccb & ~0x7FFF_FFF8 == 0, sccb & ~0x1FFF != 0, sccb & ~0x1FFF != prefix else {
            return .program(.specification)
        }
        guard let length: UInt16 = memory.load(sccb) else { return .program(.addressing) }
        guard length >= 8 else { return .program(.specification) }
        // Then response codes: an unknown command before an SCCB that
        // crosses a 4 KiB boundary (QEMU's order).
        var response: UInt16
        let code = command & 0xFFFF_00FF
        if !SCLP.known(code) {
            response = Response.invalidCommand
        } else if (sccb & 0xFFF) + UInt64(length) > 4096 {
            response = Response.boundaryViolation
        } else if !memory.contains(sccb, length: UInt64(length)) {
            return .program(.addressing)
        } else {
            switch code {
            case Command.readSCPInfo, Command.readSCPInfoForced: response = readSCPInfo(sccb, length)
            case Command.readCPUInfo: response = readCPUInfo(sccb, length)
            case Command.writeEventMask: response = writeEventMask(sccb, length)
            case Command.writeEventData: response = writeEventData(sccb, length)
            default: response = readEventData(sccb, length)
            }
        }
        memory.store(response, at: sccb + 6)
        if SCLP.logging {
            FileHandle.standardError.write(Data(String(format: "sclp: command %08x sccb %llx response %04x\r\n", command, sccb, response).utf8))
        }
        vm.storageChanged(absolute: sccb, length: Int(length))
        vm.injectServiceSignal(parameter: UInt32(sccb) | (eventPending ? 1 : 0))
        return .done
    }

    static func known(_ code: UInt32) -> Bool {
        switch code {
        case Command.readSCPInfo, Command.readSCPInfoForced, Command.readCPUInfo,
             Command.writeEventMask, Command.writeEventData, Command.readEventData: return true
        default: return false
        }
    }

    /// Control-mask bit (byte 2): the SCLP may change the SCCB length.
    static let variableLength: UInt8 = 0x80

    /// S390HOST_LOG=sclp prints every SCLP request (debugging aid).
    static let logging = ProcessInfo.processInfo.environment["S390HOST_LOG"] == "sclp"

    /// Something waits to be read by the guest.
    var eventPending: Bool {
        (quiescePending && guestReceiveMask & SCLP.maskBit(EventType.signalQuiesce) != 0)
            || (console.hasInput && guestReceiveMask & SCLP.maskBit(EventType.vt220) != 0)
    }

    // MARK: Configuration

    private func readSCPInfo(_ sccb: UInt64, _ length: UInt16) -> UInt16 {
        let cpuOffset: UInt64 = 144
        guard UInt64(length) >= cpuOffset + UInt64(cpuCount) * 16 else { return Response.insufficientLength }
        clear(sccb + 8, Int(length) - 8)
        // Storage increments of 1 MiB: their number in rnmax, or in rnmax2
        // when it does not fit 16 bits (as QEMU reports them).
        let mib = memory.size >> 20
        memory.store(UInt16(mib < 0x10000 ? mib : 0), at: sccb + 8)
        memory.store(UInt8(1), at: sccb + 10)
        memory.store(UInt16(cpuCount), at: sccb + 16)
        memory.store(UInt16(cpuOffset), at: sccb + 18)
        memory.store(UInt64(0x0800_0000_0000_0000), at: sccb + 48)   // Read CPU Info available
        if mib >= 0x10000 { memory.store(UInt64(mib), at: sccb + 104) }
        memory.store(UInt16(cpuCount - 1), at: sccb + 120)
        for i in 0..<cpuCount {
            memory.store(UInt8(i), at: sccb + cpuOffset + UInt64(i) * 16)
        }
        return Response.normalRead
    }

    private func readCPUInfo(_ sccb: UInt64, _ length: UInt16) -> UInt16 {
        let offset: UInt64 = 24
        guard UInt64(length) >= offset + UInt64(cpuCount) * 16 else { return Response.insufficientLength }
        clear(sccb + 8, Int(length) - 8)
        memory.store(UInt16(cpuCount), at: sccb + 8)
        memory.store(UInt16(offset), at: sccb + 10)
        memory.store(UInt16(0), at: sccb + 12)
        memory.store(UInt16(offset + UInt64(cpuCount) * 16), at: sccb + 14)
        for i in 0..<cpuCount { memory.store(UInt8(i), at: sccb + offset + UInt64(i) * 16) }
        return Response.normalRead
    }

    private func clear(_ at: UInt64, _ count: Int) {
        if count > 0 { memory.write([UInt8](repeating: 0, count: count), at: at) }
    }

    // MARK: Event facility

    private func writeEventMask(_ sccb: UInt64, _ length: UInt16) -> UInt16 {
        guard let maskLength: UInt16 = memory.load(sccb + 10) else { return Response.insufficientLength }
        guard maskLength >= 1, maskLength <= 1021, UInt64(length) >= 12 + 4 * UInt64(maskLength) else {
            return Response.invalidMaskLength
        }
        let n = Int(maskLength)
        // Masks are bit strings of n bytes; we understand the first 4 bytes.
        func readMask(_ index: Int) -> UInt32 {
            let bytes = memory.read(sccb + 12 + UInt64(index * n), count: n) ?? []
            var v: UInt32 = 0
            for k in 0..<4 { v = v << 8 | UInt32(k < bytes.count ? bytes[k] : 0) }
            return v
        }
        func writeMask(_ index: Int, _ v: UInt32) {
            var bytes = [UInt8](repeating: 0, count: n)
            for k in 0..<min(4, n) { bytes[k] = UInt8(truncatingIfNeeded: v >> (24 - 8 * UInt32(k))) }
            memory.write(bytes, at: sccb + 12 + UInt64(index * n))
        }
        guestReceiveMask = readMask(0)
        writeMask(2, SCLP.receivable)
        writeMask(3, SCLP.sendable)
        return Response.normalCompletion
    }

    private func writeEventData(_ sccb: UInt64, _ length: UInt16) -> UInt16 {
        guard memory.load(sccb + 2, as: UInt8.self) == 0 else { return Response.invalidFunction }
        // Check every buffer's length first; then handle them. A buffer
        // shorter than its header or running past the SCCB is a syntax
        // error (QEMU; it never reports 0x72F0).
        var events: [(at: UInt64, length: Int, type: UInt8)] = []
        var at = sccb + 8
        let end = sccb + UInt64(length)
        while at < end {
            guard at + 6 <= end, let len: UInt16 = memory.load(at), let type: UInt8 = memory.load(at + 2) else {
                return Response.eventBufferSyntax
            }
            guard len >= 6, at + UInt64(len) <= end else { return Response.eventBufferSyntax }
            events.append((at, Int(len), type))
            at += UInt64(len)
        }
        let hasVT220 = events.contains { $0.type == EventType.vt220 }
        var response = Response.normalCompletion
        for e in events {
            switch e.type {
            case EventType.vt220:
                if let bytes = memory.read(e.at + 6, count: e.length - 6) { console.write(bytes) }
            case EventType.message:
                // Line-mode output; a message also sent as VT220 in the same
                // request is printed once.
                if !hasVT220 { console.write(LineMode.text(of: memory, event: e.at, length: e.length)) }
            default:
                response = Response.invalidFunction
                continue
            }
            if let flags: UInt8 = memory.load(e.at + 3) { memory.store(flags | 0x80, at: e.at + 3) }
        }
        return response
    }

    private func readEventData(_ sccb: UInt64, _ length: UInt16) -> UInt16 {
        // QEMU: a full page only; function 0 reads what the guest receives,
        // function 1 what the selection mask (after the header) names.
        guard length == 4096 else { return Response.insufficientLength }
        var selection = guestReceiveMask
        switch memory.load(sccb + 2, as: UInt8.self) ?? 0 {
        case 0: break
        case 1:
            let mask = memory.load(sccb + 8, as: UInt32.self) ?? 0
            if guestReceiveMask == 0 || mask & ~guestReceiveMask != 0 { return Response.invalidSelectionMask }
            selection = mask
        default: return Response.invalidFunction
        }
        let at = sccb + 8
        let room = Int(length) - 8
        var stored = 0
        var response = Response.noEventBuffers
        if quiescePending, selection & SCLP.maskBit(EventType.signalQuiesce) != 0, room >= 6 + 4 {
            quiescePending = false
            memory.store(UInt16(10), at: at)
            memory.store(EventType.signalQuiesce, at: at + 2)
            memory.store(UInt8(0), at: at + 3)
            memory.store(UInt16(0), at: at + 4)
            memory.store(UInt16(0), at: at + 6)   // timeout
            memory.store(UInt8(0), at: at + 8)    // unit
            stored = 10
            response = Response.normalCompletion
        } else if selection & SCLP.maskBit(EventType.vt220) != 0, console.hasInput, room > 7 {
            // VT220 input: the event header, then 0x00 ("session data"), then the characters.
            let bytes = [0] + console.readInput(max: room - 7)
            memory.store(UInt16(6 + bytes.count), at: at)
            memory.store(EventType.vt220, at: at + 2)
            memory.store(UInt8(0), at: at + 3)
            memory.store(UInt16(0), at: at + 4)
            memory.write(bytes, at: at + 6)
            stored = 6 + bytes.count
            response = Response.normalCompletion
        }
        // With the variable-length bit the SCCB shrinks to what was stored
        // and the bit is reset (QEMU).
        if let control: UInt8 = memory.load(sccb + 5), control & SCLP.variableLength != 0 {
            memory.store(control & ~SCLP.variableLength, at: sccb + 5)
            memory.store(UInt16(8 + stored), at: sccb)
        }
        return response
    }

    /// The host asks the guest to shut down (SIGTERM): a signal-quiesce event.
    func requestQuiesce() {
        quiescePending = true
        vm.injectServiceSignal(parameter: 1)
    }
}

/// Line-mode (message) events: a message data block of objects, text in
/// EBCDIC in the message-text objects (type 4).
enum LineMode {
    static func text(of memory: GuestMemory, event: UInt64, length: Int) -> [UInt8] {
        var out: [UInt8] = []
        // Event header (6) + MDB header (length u16, type u16, tag u32,
        // revision u32) = 18; then objects: a general object (type 1) and
        // message-text objects (type 4: 10-byte header, then the text).
        guard length > 18 else { return out }
        var at = event + 18
        let end = event + UInt64(length)
        while at + 4 <= end {
            guard let len: UInt16 = memory.load(at), let type: UInt16 = memory.load(at + 2), len >= 4 else { break }
            if type == 4, let text = memory.read(at + 10, count: max(0, Int(len) - 10)) {
                out += text.map { EBCDIC.toASCII[Int($0)] } + [0x0A]
            }
            at += UInt64(len)
        }
        return out
    }
}
