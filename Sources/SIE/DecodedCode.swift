import Glibc

/// A predecoded instruction: its semantics and its bits. `raw` holds the
/// instruction in bits 0-47 (see InstructionFormat), its length in bits
/// 48-51 and, in bits 56-63, the length again if the slot is cached and the
/// instruction ends before the end of its page (else 0). A slot with length
/// 0 is not decoded yet.
///
/// The instruction loop reads `raw >> 56` only: a nonzero value says "run
/// it on the shortest path" and is the step to the next slot, one shift
/// after the load (the next slot's address is on the loop's critical path).
struct Slot {
    var semantics: Semantics
    var raw: UInt64

    static let lengthShift: UInt64 = 48
    static let inPageShift: UInt64 = 56
    static let empty = Slot(semantics: operationException, raw: 0)
}

/// One vCPU's decoded instructions, one array of 2048 slots (one per
/// halfword) per absolute 4 KiB frame, decoded lazily. A frame's slots are
/// valid while the VM's code generation of the frame equals the one recorded
/// here; any store to the frame bumps the VM's generation.
final class DecodedCode {
    let pages: UnsafeMutablePointer<UnsafeMutablePointer<Slot>?>
    let generation: UnsafeMutablePointer<UInt32>
    let frames: Int
    static let slotsPerPage = 2048

    init(frames: Int) {
        self.frames = frames
        pages = .allocate(capacity: frames)
        pages.initialize(repeating: nil, count: frames)
        generation = .allocate(capacity: frames)
        generation.initialize(repeating: 0, count: frames)
    }

    deinit {
        for i in 0..<frames { pages[i]?.deallocate() }
        pages.deallocate()
        generation.deallocate()
    }

    /// The slots of `frame`, emptied if the frame changed since they were made.
    @inline(__always)
    func slots(frame: Int, currentGeneration: UInt32) -> UnsafeMutablePointer<Slot> {
        if let p = pages[frame] {
            if generation[frame] == currentGeneration { return p }
            p.update(repeating: Slot.empty, count: DecodedCode.slotsPerPage)
            generation[frame] = currentGeneration
            return p
        }
        let p = UnsafeMutablePointer<Slot>.allocate(capacity: DecodedCode.slotsPerPage)
        p.initialize(repeating: Slot.empty, count: DecodedCode.slotsPerPage)
        pages[frame] = p
        generation[frame] = currentGeneration
        return p
    }
}

extension InstructionSet {
    /// Decodes the instruction whose bits are `raw` into a slot.
    @inline(__always)
    func slot(for raw: UInt64) -> Slot {
        let n = lookup(raw)
        let length = UInt64(instructionLength(firstByte: UInt8(truncatingIfNeeded: raw >> 40)))
        let semantics = privileged[n] ? privilegedGate : semanticsByIndex[n]
        return Slot(semantics: semantics, raw: raw | length << Slot.lengthShift)
    }
}
