import XCTest
@testable import SIE

final class HarnessTests: XCTestCase {
    func testLoadRegister() throws {
        let run = try GuestRun("""
            lgr %r2,%r3
            lr %r4,%r3
        """) { cpu, _ in cpu.r[3] = 0x1122_3344_5566_7788; cpu.r[4] = 0xAAAA_AAAA_0000_0000 }
        XCTAssertTrue(run.finished, "code \(run.programCode) at \(run.oldPSW)")
        XCTAssertEqual(run.r(2), 0x1122_3344_5566_7788)
        XCTAssertEqual(run.r(4), 0xAAAA_AAAA_5566_7788)
    }
}
