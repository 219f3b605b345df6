/// Stores into frames that hold decoded code, across vCPUs.
///
/// A store that reaches a frame with decoded code drops that code (the
/// frame's generation goes up) *before* the bytes are written: the check is
/// part of translating the address. Another vCPU that decodes the frame in
/// between would cache the old bytes under the new generation. So the CPU
/// that stored remembers the frame and raises its generation again once the
/// instruction has completed (at the next block boundary), when every byte
/// it wrote is in memory: any decode that raced with the store is then
/// stale and redone.
struct CodeStores {
    static let capacity = 4
    private var frames: (Int, Int, Int, Int) = (0, 0, 0, 0)
    private(set) var count = 0

    /// Remembers `frame`; false if full (the caller bumps the oldest now).
    mutating func append(_ frame: Int) -> Bool {
        switch count {
        case 0: frames.0 = frame
        case 1: frames.1 = frame
        case 2: frames.2 = frame
        case 3: frames.3 = frame
        default: return false
        }
        count += 1
        return true
    }

    /// The remembered frames, emptied.
    mutating func removeAll() -> (Int, Int, Int, Int, count: Int) {
        defer { count = 0 }
        return (frames.0, frames.1, frames.2, frames.3, count)
    }
}

extension VirtualCPU {
    /// A store into `frame`, which holds decoded code, is under way: drop the
    /// code now and again when the store is done.
    func noteCodeStore(frame: Int) {
        vm.invalidateCode(frame: frame)
        endBlock = true
        if !codeStores.append(frame) {
            // A long operation crossing many code frames: the earlier ones
            // are written by now (storage operands are processed in order).
            completeCodeStores()
            _ = codeStores.append(frame)
        }
    }

    /// Called between instructions: the stores noted are complete.
    @inline(__always) func completeCodeStoresIfAny() {
        if _slowPath(codeStores.count != 0) { completeCodeStores() }
    }

    private func completeCodeStores() {
        let f = codeStores.removeAll()
        if f.count > 0 { vm.invalidateCode(frame: f.0) }
        if f.count > 1 { vm.invalidateCode(frame: f.1) }
        if f.count > 2 { vm.invalidateCode(frame: f.2) }
        if f.count > 3 { vm.invalidateCode(frame: f.3) }
    }
}
