import XCTest
@testable import SIE

/// Host dirty tracking is the monitor's own record of changed frames, kept
/// apart from the guest's change bits (the PGSTE's role in the original design).
final class DirtyTrackingTests: XCTestCase {
    func testHarvestSeesStoresAndLeavesGuestChangeBitsAlone() throws {
        let run = try GuestRun("""
            lghi %r1,0x20
            sllg %r1,%r1,12
            mvi 0(%r1),1            # frame 0x20
            lghi %r2,0x31
            sllg %r2,%r2,12
            stg %r2,8(%r2)          # frame 0x31
            lg %r3,0(%r1)           # a fetch only: not dirty
            iske %r4,%r1
        """)
        XCTAssertTrue(run.finished, "code \(run.programCode) at \(run.oldPSW)")
        let first = Set(run.vm.harvestDirtyFrames())
        XCTAssertTrue(first.contains(0x20))
        XCTAssertTrue(first.contains(0x31))
        // Harvesting starts a new period and does not touch the guest's view.
        XCTAssertEqual(run.vm.harvestDirtyFrames(), [])
        XCTAssertEqual(run.r(4) & 0x06, 0x06, "ISKE shows reference and change after the store")
        XCTAssertEqual(run.vm.storageKeys[0x20] & 0x06, 0x06, "harvest leaves the guest's R/C bits")
    }

    func testStoreAfterHarvestIsSeenAgainThroughTheTLB() throws {
        // The same page stored twice, with a harvest in between: the second
        // store must be recorded although the first filled the write TLB.
        let vm = try VirtualMachine(memory: .anonymous(size: 4 << 20))
        let cpu = try vm.addCPU(address: 0)
        cpu.loadPSW(PSW(mask: 0x0000_0001_8000_0000, address: 0x10000))
        try cpu.store64(1, 0x40000)
        XCTAssertEqual(vm.harvestDirtyFrames(), [0x40])
        cpu.flushIfRequested()      // what the vCPU does at its next block boundary
        try cpu.store64(2, 0x40008)
        XCTAssertEqual(vm.harvestDirtyFrames(), [0x40])
    }
}
