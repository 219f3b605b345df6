import XCTest
@testable import SIE

/// Stores into instructions the CPU has already decoded: the decoded copy
/// must be dropped and the stored instruction run (PoP: a CPU sees its own
/// stores into the instruction stream for the instructions that follow).
/// Each snippet runs the patched instruction once before the store, so its
/// slot is decoded and cached when the store comes.
final class SelfModifyingCodeTests: XCTestCase {
    private func run(_ source: String, file: StaticString = #filePath, line: UInt = #line) throws -> GuestRun {
        let run = try GuestRun(source)
        XCTAssertTrue(run.finished, "interrupted: code \(run.programCode) at \(run.oldPSW)", file: file, line: line)
        return run
    }

    /// MVHHI into the immediate of an instruction the loop has just run.
    func testStoreIntoInstructionJustRun() throws {
        let r = try run("""
            lghi %r3,3
            larl %r6,.Lp
        .Lloop:
        .Lp: ahi %r4,1
            mvhhi 2(%r6),16
            brct %r3,.Lloop
        """)
        XCTAssertEqual(r.r(4), 1 + 16 + 16)
    }

    /// A store into the next sequential instruction, in the same block.
    func testStoreIntoNextInstruction() throws {
        let r = try run("""
            lghi %r3,2
            larl %r6,.Ln
        .Lloop:
            chi %r3,1
            jne .Lskip
            mvhhi 2(%r6),7
        .Lskip:
        .Ln: lghi %r4,1
            agr %r5,%r4
            brct %r3,.Lloop
        """)
        XCTAssertEqual(r.r(5), 1 + 7)
    }

    /// A storage-to-storage move (MVC) that rewrites a whole instruction.
    func testMoveCharactersOverInstruction() throws {
        let r = try run("""
            lghi %r3,2
            larl %r6,.Lp
            larl %r7,.Lnew
        .Lloop:
        .Lp: lghi %r4,1
            agr %r5,%r4
            mvc 0(4,%r6),0(%r7)
            brct %r3,.Lloop
            j .Lout
        .Lnew: lghi %r4,100
        .Lout:
        """)
        XCTAssertEqual(r.r(5), 1 + 100)
    }

    /// Code on a page that was written (so the TLB held a write entry for
    /// it) before it was first run: the first decode must take that entry
    /// away, or the later store would go unseen.
    func testStoreAfterPageBecameCode() throws {
        let r = try run("""
            larl %r6,.Lfn
            lghi %r3,2
        .Lloop:
            mvhi 8(%r6),0
            brasl %r14,.Lfn
            agr %r5,%r2
            mvhhi 2(%r6),5
            brct %r3,.Lloop
            j .Lout
            .balign 4096
        .Lfn: lghi %r2,1
            br %r14
            .balign 8
            .long 0
        .Lout:
        """)
        XCTAssertEqual(r.r(5), 1 + 5)
    }

    /// A store done as the target of EXECUTE RELATIVE LONG.
    func testExecutedStoreIntoCode() throws {
        let r = try run("""
            lghi %r3,2
            larl %r6,.Lp
            lghi %r8,9
        .Lloop:
        .Lp: lghi %r4,1
            agr %r5,%r4
            exrl 0,.Lsth
            brct %r3,.Lloop
            j .Lout
        .Lsth: sth %r8,2(%r6)
        .Lout:
        """)
        XCTAssertEqual(r.r(5), 1 + 9)
    }
}
