import Glibc
import Synchronization

/// The TOD clock, the CPU timer and the clock comparator (PoP chapter 4).
/// The guest TOD is the host's time of day in TOD format plus the vCPU's
/// epoch. Both timer interruptions are level-triggered: they are pending
/// while the condition holds (TOD > comparator; CPU timer negative).
enum TOD {
    /// Seconds from 1900-01-01 (the TOD epoch) to 1970-01-01.
    static let unixEpochOffset: UInt64 = 2_208_988_800

    /// Host time in TOD format (bit 51 = 1 microsecond).
    static func host() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let micros = (UInt64(ts.tv_sec) + unixEpochOffset) &* 1_000_000 &+ UInt64(ts.tv_nsec) / 1000
        let fraction = (UInt64(ts.tv_nsec) % 1000) * 4096 / 1000
        return micros << 12 | fraction
    }

    /// TOD units to nanoseconds (4096 units = 1 µs).
    static func nanoseconds(_ units: UInt64) -> UInt64 {
        units > UInt64.max / 1000 ? UInt64.max : units * 1000 / 4096
    }
}

extension VirtualCPU {
    /// The guest's TOD clock value; strictly increasing per CPU as STCK requires.
    func guestTOD() -> UInt64 {
        var t = TOD.host() &+ epoch
        if t <= lastTOD { t = lastTOD &+ 1 }
        lastTOD = t
        return t
    }

    /// Current CPU-timer value.
    var currentCPUTimer: Int64 {
        get { cpuTimer &- Int64(bitPattern: TOD.host() &- cpuTimerSetAt) }
        set { cpuTimer = newValue; cpuTimerSetAt = TOD.host(); timersChanged() }
    }

    var clockComparatorPending: Bool { TOD.host() &+ epoch > clockComparator }
    var cpuTimerPending: Bool { currentCPUTimer < 0 }

    /// Recomputes when the next timer condition arises, for the VM's ticker
    /// (which raises attention then) and for enabled waits.
    func timersChanged() {
        var next = UInt64.max
        if cr[0] & ExternalCode.clockComparatorSubmask != 0 {
            next = min(next, clockComparator &- epoch)
        }
        if cr[0] & ExternalCode.cpuTimerSubmask != 0 {
            next = min(next, cpuTimer < 0 ? 0 : cpuTimerSetAt &+ UInt64(cpuTimer))
        }
        nextTimerEvent.store(next, ordering: .releasing)
        vm.ticker.ensureRunning()
    }

    /// Nanoseconds until the next timer event, nil if none.
    var nanosecondsToTimerEvent: UInt64? {
        let next = nextTimerEvent.load(ordering: .acquiring)
        if next == UInt64.max { return nil }
        let now = TOD.host()
        return next <= now ? 0 : TOD.nanoseconds(next - now)
    }
}

/// One thread per VM that raises attention on vCPUs whose timer condition
/// has arisen, so a running vCPU takes the interruption without reading the
/// clock in its instruction loop. It sleeps until the earliest deadline of
/// any vCPU, and is woken when a deadline changes.
final class Ticker: @unchecked Sendable {
    private let started = Atomic<Bool>(false)
    private weak var vm: VirtualMachine?
    private let sleeper = Sleeper()
    let stopped = Atomic<Bool>(false)

    init(vm: VirtualMachine) { self.vm = vm }

    /// A deadline changed: start the thread if needed and let it recompute.
    func ensureRunning() {
        if !started.load(ordering: .relaxed), !started.exchange(true, ordering: .acquiringAndReleasing) {
            let thread = Thread { [self] in self.loop() }
            thread.start()
        }
        sleeper.wake()
    }

    private func loop() {
        while !stopped.load(ordering: .acquiring) {
            guard let vm else { return }
            let now = TOD.host()
            var earliest = UInt64.max
            for n in 0..<64 {
                guard let cpu = vm.cpuByAddress[n] else { continue }
                let next = cpu.nextTimerEvent.load(ordering: .acquiring)
                if next <= now {
                    // Raise attention once per passed deadline; the vCPU
                    // recomputes its deadline when it takes the interruption
                    // or changes the timer, which wakes us again.
                    cpu.requestAttention()
                    cpu.wake()
                } else {
                    earliest = min(earliest, next)
                }
            }
            // Deadlines in the past stay pending (level-triggered) until the
            // guest changes them: look again in a millisecond at most.
            let wait = earliest == .max ? 1_000_000 : min(TOD.nanoseconds(earliest - now), 1_000_000)
            sleeper.sleep(nanoseconds: max(wait, 20_000))
        }
    }
}

import Foundation
