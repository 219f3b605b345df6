import Glibc
import Synchronization

/// The guest console on the host terminal: output bytes go to stdout as
/// they come; input bytes from stdin are queued for SCLP Read Event Data.
/// When stdin is a terminal it is put in raw mode (restored on every exit)
/// and Ctrl-A x quits, like QEMU.
public final class Console: @unchecked Sendable {
    private let input = Mutex<[UInt8]>([])
    private var savedTerminal = termios()
    private var isRaw = false
    /// Called (from the input thread) when input arrives or the user quits.
    var onInput: (() -> Void)?
    var onQuit: (() -> Void)?
    private let readsInput: Bool

    init(readsInput: Bool) {
        self.readsInput = readsInput
    }

    func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { buf in
            var off = 0
            while off < buf.count {
                let n = Glibc.write(1, buf.baseAddress! + off, buf.count - off)
                if n <= 0 { if errno == EINTR { continue }; return }
                off += n
            }
        }
    }

    var hasInput: Bool { input.withLock { !$0.isEmpty } }

    func readInput(max: Int) -> [UInt8] {
        input.withLock { q in
            let n = Swift.min(max, q.count)
            let out = Array(q.prefix(n))
            q.removeFirst(n)
            return out
        }
    }

    /// Starts reading stdin on a background thread.
    func start() {
        guard readsInput else { return }
        if isatty(0) != 0 {
            tcgetattr(0, &savedTerminal)
            var raw = savedTerminal
            cfmakeraw(&raw)
            raw.c_oflag |= tcflag_t(OPOST | ONLCR)
            tcsetattr(0, TCSANOW, &raw)
            isRaw = true
        }
        let thread = Thread { [weak self] in self?.readLoop() }
        thread.start()
    }

    private func readLoop() {
        var escape = false
        var buf = [UInt8](repeating: 0, count: 256)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress!, 256) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            var bytes: [UInt8] = []
            for b in buf[0..<n] {
                if isRaw {
                    if escape {
                        escape = false
                        if b == UInt8(ascii: "x") { onQuit?(); return }
                        if b != 0x01 { bytes.append(0x01) }
                    } else if b == 0x01 {
                        escape = true
                        continue
                    }
                }
                bytes.append(b)
            }
            if !bytes.isEmpty {
                input.withLock { $0 += bytes }
                onInput?()
            }
        }
    }

    /// Puts the terminal back as it was.
    public func restore() {
        if isRaw { tcsetattr(0, TCSANOW, &savedTerminal); isRaw = false }
    }
}

import Foundation
