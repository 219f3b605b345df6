import XCTest
@testable import SIE

/// Tests of the general-instructions family. Expected values are worked out
/// from the Principles of Operation rules (results, condition codes,
/// exceptions), not by running our own code.
///
/// Most behaviours run in batches: one guest run executes many independent
/// steps; after each, %r1-%r3 and the condition code are logged to storage
/// (the cc is captured with LOCR, which leaves it unchanged). Steps that raise
/// program interruptions run in `trapBatch`, where the program new PSW is
/// pointed past each step so that one run records many interruptions.
final class GeneralTests: XCTestCase {
    /// %r1/%r2 before a step unless the step says otherwise.
    static let P: UInt64 = 0xAAAA_AAAA_AAAA_AAAA
    /// P's high word with a low word: what a 32-bit result leaves in %r1.
    static func H(_ low: UInt64) -> UInt64 { 0xAAAA_AAAA_0000_0000 | low }

    /// Data at 0x20000 (the steps address it through %r9).
    static let data: [UInt64] = [
        0x8899_AABB_CCDD_EEFF,  // 0x00
        0x0123_4567_89AB_CDEF,  // 0x08
        0x7FFF_FFFF_FFFF_FFFF,  // 0x10
        0x8000_0000_0000_0000,  // 0x18
        0x0000_0000_0000_0000,  // 0x20
        0xFFFF_FFFF_FFFF_FFFF,  // 0x28
        0x0000_0010_FFFF_FFF0,  // 0x30: words 16, -16
        0x0010_FFF0_7FFF_8000,  // 0x38: halfwords 16, -16, 0x7FFF, 0x8000
        0x7FFF_FFFF_8000_0000,  // 0x40: words max, min
        0x0000_0000_0000_0001,  // 0x48
        0x0000_0000_0000_0002,  // 0x50
        0xFFFF_FFFF_FFFF_FFFE,  // 0x58
    ]
    static let dataBase: UInt64 = 0x20000
    /// Each step gets a zeroed 32-byte scratch area at 0x21000 + 32*i in %r10.
    static let scratchBase: UInt64 = 0x21000
    static let logBase: UInt64 = 0x30000

    struct Step {
        let asm: String
        let regs: [Int: UInt64]
        let r1: UInt64?
        let r2: UInt64?
        let r3: UInt64?
        let cc: UInt8?
    }
    static func S(_ asm: String, _ regs: [Int: UInt64] = [:], r1: UInt64? = nil, r2: UInt64? = nil, r3: UInt64? = nil,
                  cc: UInt8? = nil) -> Step {
        Step(asm: asm, regs: regs, r1: r1, r2: r2, r3: r3, cc: cc)
    }

    static func loadReg(_ r: Int, _ v: UInt64) -> String {
        "llihf %r\(r),\(v >> 32)\niilf %r\(r),\(v & 0xFFFF_FFFF)\n"
    }

    /// Runs the steps in one guest run and checks each step's expectations.
    /// Steps may use %r1-%r8 and %r10 (scratch area); %r9 is the data base.
    func batch(_ steps: [Step], file: StaticString = #filePath, line: UInt = #line,
               setup: @escaping (VirtualCPU) -> Void = { _ in }) throws {
        var src = " lghi %r11,0\n lghi %r12,1\n lghi %r13,2\n lghi %r14,3\n"
        src += " llilf %r15,\(GeneralTests.logBase)\n llilf %r9,\(GeneralTests.dataBase)\n"
        for (i, s) in steps.enumerated() {
            var regs = s.regs
            if regs[1] == nil { regs[1] = GeneralTests.P }
            if regs[2] == nil { regs[2] = GeneralTests.P }
            for (r, v) in regs.sorted(by: { $0.key < $1.key }) { src += GeneralTests.loadReg(r, v) }
            src += "llilf %r10,\(GeneralTests.scratchBase + UInt64(32 * i))\n"
            src += s.asm + "\n"
            src += "locr %r0,%r11,8\nlocr %r0,%r12,4\nlocr %r0,%r13,2\nlocr %r0,%r14,1\n"
            src += "stg %r1,\(32 * i)(%r15)\nstg %r2,\(32 * i + 8)(%r15)\nstg %r3,\(32 * i + 16)(%r15)\n"
            src += "sty %r0,\(32 * i + 24)(%r15)\n"
        }
        let run = try G.run(src) { cpu, mem in
            for (k, v) in GeneralTests.data.enumerated() { mem.store(v, at: GeneralTests.dataBase + UInt64(8 * k)) }
            setup(cpu)
        }
        XCTAssertTrue(run.finished, "batch stopped: code \(run.programCode) at \(run.oldPSW)", file: file, line: line)
        if !run.finished { return }
        for (i, s) in steps.enumerated() {
            let at = GeneralTests.logBase + UInt64(32 * i)
            let what = "step \(i): \(s.asm.replacingOccurrences(of: "\n", with: "; "))"
            if let v = s.r1 { XCTAssertEqual(hex(run.load(at)), hex(v), "r1 after " + what, file: file, line: line) }
            if let v = s.r2 { XCTAssertEqual(hex(run.load(at + 8)), hex(v), "r2 after " + what, file: file, line: line) }
            if let v = s.r3 { XCTAssertEqual(hex(run.load(at + 16)), hex(v), "r3 after " + what, file: file, line: line) }
            if let c = s.cc {
                XCTAssertEqual(run.load(at + 24, as: UInt32.self), UInt32(c), "cc after " + what, file: file, line: line)
            }
        }
    }

    func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }

    /// GuestRun with an end marker the harness can find: it looks the end of
    /// the snippet up with `nm`, which does not list its local `.L` label, so
    /// on its own it takes the section size, which gas pads to 8 bytes.
    static func run(_ source: String, setup: @escaping (VirtualCPU, GuestMemory) -> Void = { _, _ in }) throws -> GuestRun {
        try GuestRun(".Lbase:\n" + source + "\ngeneral.Lend_of_snippet:", setup: setup)
    }

    /// Sets the fixed-point-overflow mask bit (PSW bit 20).
    static func overflowMaskOn(_ cpu: VirtualCPU) { cpu.mask |= 1 << 43 }

    // MARK: - Decoding: every row of the table, from the assembler

    static let samples = """
        l %r1,4(%r2,%r3)
        ly %r1,-4(%r2,%r3)
        lg %r1,8(%r2,%r3)
        lgf %r1,8(%r2,%r3)
        lgfr %r1,%r2
        lh %r1,4(%r2,%r3)
        lhy %r1,4(%r2,%r3)
        lhr %r1,%r2
        lgh %r1,4(%r2,%r3)
        lghr %r1,%r2
        lb %r1,4(%r2,%r3)
        lbr %r1,%r2
        lgb %r1,4(%r2,%r3)
        lgbr %r1,%r2
        llc %r1,4(%r2,%r3)
        llcr %r1,%r2
        llgc %r1,4(%r2,%r3)
        llgcr %r1,%r2
        llh %r1,4(%r2,%r3)
        llhr %r1,%r2
        llgh %r1,4(%r2,%r3)
        llghr %r1,%r2
        llgf %r1,4(%r2,%r3)
        llgfr %r1,%r2
        llgt %r1,4(%r2,%r3)
        llgtr %r1,%r2
        lhi %r1,-2
        lghi %r1,-2
        lgfi %r1,-2
        llihf %r1,2
        llilf %r1,2
        llihh %r1,2
        llihl %r1,2
        llilh %r1,2
        llill %r1,2
        iihf %r1,2
        iilf %r1,2
        iihh %r1,2
        iihl %r1,2
        iilh %r1,2
        iill %r1,2
        ic %r1,4(%r2,%r3)
        icy %r1,4(%r2,%r3)
        icm %r1,5,4(%r3)
        icmy %r1,5,4(%r3)
        icmh %r1,5,4(%r3)
        lm %r1,%r2,4(%r3)
        lmy %r1,%r2,4(%r3)
        lmg %r1,%r2,4(%r3)
        lmh %r1,%r2,4(%r3)
        la %r1,4(%r2,%r3)
        lay %r1,4(%r2,%r3)
        larl %r1,.+8
        lt %r1,4(%r2,%r3)
        ltg %r1,4(%r2,%r3)
        ltr %r1,%r2
        ltgr %r1,%r2
        ltgf %r1,4(%r2,%r3)
        ltgfr %r1,%r2
        lpr %r1,%r2
        lpgr %r1,%r2
        lpgfr %r1,%r2
        lnr %r1,%r2
        lngr %r1,%r2
        lngfr %r1,%r2
        lcr %r1,%r2
        lcgr %r1,%r2
        lcgfr %r1,%r2
        lrv %r1,4(%r2,%r3)
        lrvr %r1,%r2
        lrvg %r1,4(%r2,%r3)
        lrvgr %r1,%r2
        lrvh %r1,4(%r2,%r3)
        strv %r1,4(%r2,%r3)
        strvg %r1,4(%r2,%r3)
        strvh %r1,4(%r2,%r3)
        lrl %r1,.+8
        lgrl %r1,.+8
        lgfrl %r1,.+8
        llgfrl %r1,.+8
        lhrl %r1,.+8
        lghrl %r1,.+8
        llhrl %r1,.+8
        llghrl %r1,.+8
        strl %r1,.+8
        stgrl %r1,.+8
        sthrl %r1,.+8
        lr %r1,%r2
        lgr %r1,%r2
        st %r1,4(%r2,%r3)
        sty %r1,4(%r2,%r3)
        stg %r1,4(%r2,%r3)
        sth %r1,4(%r2,%r3)
        sthy %r1,4(%r2,%r3)
        stc %r1,4(%r2,%r3)
        stcy %r1,4(%r2,%r3)
        stcm %r1,5,4(%r3)
        stcmy %r1,5,4(%r3)
        stcmh %r1,5,4(%r3)
        stm %r1,%r2,4(%r3)
        stmy %r1,%r2,4(%r3)
        stmg %r1,%r2,4(%r3)
        stmh %r1,%r2,4(%r3)
        mvi 4(%r3),200
        mviy 4(%r3),200
        mvhhi 4(%r3),-2
        mvhi 4(%r3),-2
        mvghi 4(%r3),-2
        a %r1,4(%r2,%r3)
        ay %r1,4(%r2,%r3)
        ar %r1,%r2
        ag %r1,4(%r2,%r3)
        agr %r1,%r2
        agf %r1,4(%r2,%r3)
        agfr %r1,%r2
        ah %r1,4(%r2,%r3)
        ahy %r1,4(%r2,%r3)
        ahi %r1,-2
        aghi %r1,-2
        afi %r1,-2
        agfi %r1,-2
        al %r1,4(%r2,%r3)
        aly %r1,4(%r2,%r3)
        alr %r1,%r2
        alg %r1,4(%r2,%r3)
        algr %r1,%r2
        algf %r1,4(%r2,%r3)
        algfr %r1,%r2
        alfi %r1,2
        algfi %r1,2
        alc %r1,4(%r2,%r3)
        alcr %r1,%r2
        alcg %r1,4(%r2,%r3)
        alcgr %r1,%r2
        asi 4(%r3),-2
        agsi 4(%r3),-2
        alsi 4(%r3),-2
        algsi 4(%r3),-2
        s %r1,4(%r2,%r3)
        sy %r1,4(%r2,%r3)
        sr %r1,%r2
        sg %r1,4(%r2,%r3)
        sgr %r1,%r2
        sgf %r1,4(%r2,%r3)
        sgfr %r1,%r2
        sh %r1,4(%r2,%r3)
        shy %r1,4(%r2,%r3)
        sl %r1,4(%r2,%r3)
        sly %r1,4(%r2,%r3)
        slr %r1,%r2
        slg %r1,4(%r2,%r3)
        slgr %r1,%r2
        slgf %r1,4(%r2,%r3)
        slgfr %r1,%r2
        slfi %r1,2
        slgfi %r1,2
        slb %r1,4(%r2,%r3)
        slbr %r1,%r2
        slbg %r1,4(%r2,%r3)
        slbgr %r1,%r2
        m %r2,4(%r2,%r3)
        mr %r2,%r3
        mfy %r2,4(%r2,%r3)
        mh %r1,4(%r2,%r3)
        mhy %r1,4(%r2,%r3)
        mhi %r1,-2
        mghi %r1,-2
        ms %r1,4(%r2,%r3)
        msy %r1,4(%r2,%r3)
        msr %r1,%r2
        msg %r1,4(%r2,%r3)
        msgr %r1,%r2
        msgf %r1,4(%r2,%r3)
        msgfr %r1,%r2
        msfi %r1,-2
        msgfi %r1,-2
        ml %r2,4(%r2,%r3)
        mlr %r2,%r3
        mlg %r2,4(%r2,%r3)
        mlgr %r2,%r3
        d %r2,4(%r2,%r3)
        dr %r2,%r3
        dl %r2,4(%r2,%r3)
        dlr %r2,%r3
        dlg %r2,4(%r2,%r3)
        dlgr %r2,%r3
        dsg %r2,4(%r2,%r3)
        dsgr %r2,%r3
        dsgf %r2,4(%r2,%r3)
        dsgfr %r2,%r3
        c %r1,4(%r2,%r3)
        cy %r1,4(%r2,%r3)
        cr %r1,%r2
        cg %r1,4(%r2,%r3)
        cgr %r1,%r2
        cgf %r1,4(%r2,%r3)
        cgfr %r1,%r2
        ch %r1,4(%r2,%r3)
        chy %r1,4(%r2,%r3)
        chi %r1,-2
        cghi %r1,-2
        cfi %r1,-2
        cgfi %r1,-2
        cl %r1,4(%r2,%r3)
        cly %r1,4(%r2,%r3)
        clr %r1,%r2
        clg %r1,4(%r2,%r3)
        clgr %r1,%r2
        clgf %r1,4(%r2,%r3)
        clgfr %r1,%r2
        clfi %r1,2
        clgfi %r1,2
        cli 4(%r3),200
        cliy 4(%r3),200
        chhsi 4(%r3),-2
        chsi 4(%r3),-2
        cghsi 4(%r3),-2
        clhhsi 4(%r3),65534
        clfhsi 4(%r3),65534
        clghsi 4(%r3),65534
        crl %r1,.+8
        cgrl %r1,.+8
        cgfrl %r1,.+8
        chrl %r1,.+8
        cghrl %r1,.+8
        clrl %r1,.+8
        clgrl %r1,.+8
        clgfrl %r1,.+8
        clhrl %r1,.+8
        clghrl %r1,.+8
        clm %r1,5,4(%r3)
        clmy %r1,5,4(%r3)
        clmh %r1,5,4(%r3)
        ark %r1,%r2,%r3
        agrk %r1,%r2,%r3
        ahik %r1,%r2,-2
        aghik %r1,%r2,-2
        alrk %r1,%r2,%r3
        algrk %r1,%r2,%r3
        alhsik %r1,%r2,-2
        alghsik %r1,%r2,-2
        srk %r1,%r2,%r3
        sgrk %r1,%r2,%r3
        slrk %r1,%r2,%r3
        slgrk %r1,%r2,%r3
        ahhhr %r1,%r2,%r3
        ahhlr %r1,%r2,%r3
        aih %r1,-2
        alhhhr %r1,%r2,%r3
        alhhlr %r1,%r2,%r3
        alsih %r1,-2
        alsihn %r1,-2
        shhhr %r1,%r2,%r3
        shhlr %r1,%r2,%r3
        slhhhr %r1,%r2,%r3
        slhhlr %r1,%r2,%r3
        chhr %r1,%r2
        chlr %r1,%r2
        chf %r1,4(%r2,%r3)
        cih %r1,-2
        clhhr %r1,%r2
        clhlr %r1,%r2
        clhf %r1,4(%r2,%r3)
        clih %r1,2
        lbh %r1,4(%r2,%r3)
        lhh %r1,4(%r2,%r3)
        lfh %r1,4(%r2,%r3)
        llch %r1,4(%r2,%r3)
        llhh %r1,4(%r2,%r3)
        stch %r1,4(%r2,%r3)
        sthh %r1,4(%r2,%r3)
        stfh %r1,4(%r2,%r3)
        loc %r1,4(%r3),5
        locg %r1,4(%r3),5
        locr %r1,%r2,5
        locgr %r1,%r2,5
        stoc %r1,4(%r3),5
        stocg %r1,4(%r3),5
        mc 4(%r3),5
        """

    /// Each sample assembles to bytes that decode to the row of the same
    /// mnemonic, and every row has a sample.
    func testEveryRowDecodesFromTheAssembler() throws {
        let lines = GeneralTests.samples.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let out = try Assembler.assemble(lines.joined(separator: "\n"))
        let set = InstructionSet.shared
        var offset = 0
        var seen = Set<String>()
        for line in lines {
            let mnemonic = String(line.split(separator: " ")[0]).uppercased()
            let length = instructionLength(firstByte: out.bytes[offset])
            var raw: UInt64 = 0
            for k in 0..<length { raw = raw << 8 | UInt64(out.bytes[offset + k]) }
            raw <<= UInt64(8 * (6 - length))
            XCTAssertEqual(set.definition(forRaw: raw)?.mnemonic, mnemonic, line)
            seen.insert(mnemonic)
            offset += length
        }
        for d in generalInstructions { XCTAssertTrue(seen.contains(d.mnemonic), "no sample for \(d.mnemonic)") }
        XCTAssertEqual(Set(generalInstructions.map(\.mnemonic)).count, generalInstructions.count, "duplicate mnemonic")
    }
}

// MARK: - Loads

extension GeneralTests {
    typealias G = GeneralTests

    func testLoads() throws {
        let r2: UInt64 = 0x1234_5678_8765_C321
        try batch([
            G.S("l %r1,0(%r9)", r1: G.H(0x8899_AABB)),
            G.S("ly %r1,-8(%r9,%r4)", [4: 8], r1: G.H(0x8899_AABB)),   // index + negative displacement
            G.S("lg %r1,8(%r9)", r1: 0x0123_4567_89AB_CDEF),
            G.S("lgf %r1,0(%r9)", r1: 0xFFFF_FFFF_8899_AABB),
            G.S("lgfr %r1,%r2", [2: r2], r1: 0xFFFF_FFFF_8765_C321),
            G.S("lh %r1,0(%r9)", r1: G.H(0xFFFF_8899)),
            G.S("lhy %r1,8(%r9)", r1: G.H(0x0123)),
            G.S("lhr %r1,%r2", [2: r2], r1: G.H(0xFFFF_C321)),
            G.S("lgh %r1,0(%r9)", r1: 0xFFFF_FFFF_FFFF_8899),
            G.S("lghr %r1,%r2", [2: r2], r1: 0xFFFF_FFFF_FFFF_C321),
            G.S("lb %r1,0(%r9)", r1: G.H(0xFFFF_FF88)),
            G.S("lbr %r1,%r2", [2: r2], r1: G.H(0x21)),
            G.S("lgb %r1,1(%r9)", r1: 0xFFFF_FFFF_FFFF_FF99),
            G.S("lgbr %r1,%r2", [2: 0x80], r1: 0xFFFF_FFFF_FFFF_FF80),
            G.S("llc %r1,0(%r9)", r1: G.H(0x88)),
            G.S("llcr %r1,%r2", [2: r2], r1: G.H(0x21)),
            G.S("llgc %r1,0(%r9)", r1: 0x88),
            G.S("llgcr %r1,%r2", [2: r2], r1: 0x21),
            G.S("llh %r1,0(%r9)", r1: G.H(0x8899)),
            G.S("llhr %r1,%r2", [2: r2], r1: G.H(0xC321)),
            G.S("llgh %r1,0(%r9)", r1: 0x8899),
            G.S("llghr %r1,%r2", [2: r2], r1: 0xC321),
            G.S("llgf %r1,0(%r9)", r1: 0x8899_AABB),
            G.S("llgfr %r1,%r2", [2: r2], r1: 0x8765_C321),
            G.S("llgt %r1,0(%r9)", r1: 0x0899_AABB),
            G.S("llgtr %r1,%r2", [2: r2], r1: 0x0765_C321),
            G.S("lhi %r1,-2", r1: G.H(0xFFFF_FFFE)),
            G.S("lghi %r1,-2", r1: 0xFFFF_FFFF_FFFF_FFFE),
            G.S("lgfi %r1,-0x12345678", r1: 0xFFFF_FFFF_EDCB_A988),
            G.S("llihf %r1,0x12345678", r1: 0x1234_5678_0000_0000),
            G.S("llilf %r1,0x87654321", r1: 0x8765_4321),
            G.S("llihh %r1,0x8234", r1: 0x8234_0000_0000_0000),
            G.S("llihl %r1,0x1234", r1: 0x0000_1234_0000_0000),
            G.S("llilh %r1,0x1234", r1: 0x1234_0000),
            G.S("llill %r1,0xF234", r1: 0xF234),
            G.S("iihf %r1,0x12345678", r1: 0x1234_5678_AAAA_AAAA),
            G.S("iilf %r1,0x12345678", r1: 0xAAAA_AAAA_1234_5678),
            G.S("iihh %r1,0x1234", r1: 0x1234_AAAA_AAAA_AAAA),
            G.S("iihl %r1,0x1234", r1: 0xAAAA_1234_AAAA_AAAA),
            G.S("iilh %r1,0x1234", r1: 0xAAAA_AAAA_1234_AAAA),
            G.S("iill %r1,0x1234", r1: 0xAAAA_AAAA_AAAA_1234),
            G.S("ic %r1,1(%r9)", r1: 0xAAAA_AAAA_AAAA_AA99),
            G.S("icy %r1,3(%r9)", r1: 0xAAAA_AAAA_AAAA_AABB),
            G.S("lr %r1,%r2", [2: r2], r1: G.H(0x8765_C321)),
            G.S("lgr %r1,%r2", [2: r2], r1: r2),
        ])
    }

    func testLoadAndTestAndSignChanges() throws {
        let min32: UInt64 = 0x8000_0000, min64: UInt64 = 0x8000_0000_0000_0000
        try batch([
            G.S("lt %r1,0(%r9)", r1: G.H(0x8899_AABB), cc: 1),
            G.S("lt %r1,0x20(%r9)", r1: G.H(0), cc: 0),
            G.S("lt %r1,8(%r9)", r1: G.H(0x0123_4567), cc: 2),
            G.S("ltg %r1,0(%r9)", r1: 0x8899_AABB_CCDD_EEFF, cc: 1),
            G.S("ltg %r1,0x20(%r9)", r1: 0, cc: 0),
            G.S("ltg %r1,8(%r9)", r1: 0x0123_4567_89AB_CDEF, cc: 2),
            G.S("ltgf %r1,0xc(%r9)", r1: 0xFFFF_FFFF_89AB_CDEF, cc: 1),
            G.S("ltgf %r1,8(%r9)", r1: 0x0123_4567, cc: 2),
            G.S("ltgf %r1,0x20(%r9)", r1: 0, cc: 0),
            G.S("ltr %r1,%r2", [2: 0x1234_5678_0000_0000], r1: G.H(0), cc: 0),
            G.S("ltr %r1,%r2", [2: 0xFFFF_FFFF], r1: G.H(0xFFFF_FFFF), cc: 1),
            G.S("ltr %r1,%r1", [1: G.H(5)], r1: G.H(5), cc: 2),
            G.S("ltgr %r1,%r2", [2: 0x1234_5678_0000_0000], r1: 0x1234_5678_0000_0000, cc: 2),
            G.S("ltgr %r1,%r2", [2: 0], r1: 0, cc: 0),
            G.S("ltgr %r1,%r2", [2: min64], r1: min64, cc: 1),
            G.S("ltgfr %r1,%r2", [2: 0x1_8000_0000], r1: 0xFFFF_FFFF_8000_0000, cc: 1),
            G.S("ltgfr %r1,%r2", [2: 0x1_0000_0000], r1: 0, cc: 0),
            G.S("ltgfr %r1,%r2", [2: 0x7FFF_FFFF], r1: 0x7FFF_FFFF, cc: 2),
            G.S("lpr %r1,%r2", [2: 0xFFFF_FFFB], r1: G.H(5), cc: 2),
            G.S("lpr %r1,%r2", [2: 0xFFFF_FFFF_0000_0000], r1: G.H(0), cc: 0),
            G.S("lpr %r1,%r2", [2: 7], r1: G.H(7), cc: 2),
            G.S("lpr %r1,%r2", [2: min32], r1: G.H(min32), cc: 3),                 // overflow, mask off
            G.S("lpgr %r1,%r2", [2: min64], r1: min64, cc: 3),
            G.S("lpgr %r1,%r2", [2: 0xFFFF_FFFF_FFFF_FFF9], r1: 7, cc: 2),
            G.S("lpgr %r1,%r2", [2: 0], r1: 0, cc: 0),
            G.S("lpgfr %r1,%r2", [2: min32], r1: min32, cc: 2),                    // no overflow in 64 bits
            G.S("lpgfr %r1,%r2", [2: 0xFFFF_FFFF_0000_0000], r1: 0, cc: 0),
            G.S("lnr %r1,%r2", [2: 5], r1: G.H(0xFFFF_FFFB), cc: 1),
            G.S("lnr %r1,%r2", [2: 0xFFFF_FFFD], r1: G.H(0xFFFF_FFFD), cc: 1),
            G.S("lnr %r1,%r2", [2: min32], r1: G.H(min32), cc: 1),
            G.S("lnr %r1,%r2", [2: 0x5_0000_0000], r1: G.H(0), cc: 0),
            G.S("lngr %r1,%r2", [2: 5], r1: 0xFFFF_FFFF_FFFF_FFFB, cc: 1),
            G.S("lngr %r1,%r2", [2: 0], r1: 0, cc: 0),
            G.S("lngfr %r1,%r2", [2: 0xFFFF_FFFF_0000_0005], r1: 0xFFFF_FFFF_FFFF_FFFB, cc: 1),
            G.S("lcr %r1,%r2", [2: 5], r1: G.H(0xFFFF_FFFB), cc: 1),
            G.S("lcr %r1,%r2", [2: 0xFFFF_FFFB], r1: G.H(5), cc: 2),
            G.S("lcr %r1,%r2", [2: 0x1_0000_0000], r1: G.H(0), cc: 0),
            G.S("lcr %r1,%r2", [2: min32], r1: G.H(min32), cc: 3),
            G.S("lcgr %r1,%r2", [2: min64], r1: min64, cc: 3),
            G.S("lcgr %r1,%r2", [2: 1], r1: 0xFFFF_FFFF_FFFF_FFFF, cc: 1),
            G.S("lcgr %r1,%r2", [2: 0], r1: 0, cc: 0),
            G.S("lcgfr %r1,%r2", [2: min32], r1: min32, cc: 2),
            G.S("lcgfr %r1,%r2", [2: 3], r1: 0xFFFF_FFFF_FFFF_FFFD, cc: 1),
        ])
    }

    func testByteReversedLoadsAndStores() throws {
        let r2: UInt64 = 0x1234_5678_8765_C321
        try batch([
            G.S("lrv %r1,0(%r9)", r1: G.H(0xBBAA_9988)),
            G.S("lrvr %r1,%r2", [2: r2], r1: G.H(0x21C3_6587)),
            G.S("lrvg %r1,0(%r9)", r1: 0xFFEE_DDCC_BBAA_9988),
            G.S("lrvgr %r1,%r2", [2: r2], r1: 0x21C3_6587_7856_3412),
            G.S("lrvh %r1,0(%r9)", r1: 0xAAAA_AAAA_AAAA_9988),
            G.S("strv %r2,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x21C3_6587_0000_0000),
            G.S("strvg %r2,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x21C3_6587_7856_3412),
            G.S("strvh %r2,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x21C3_0000_0000_0000),
        ])
    }

    /// Relative-long operands: `.Lbase` is the first byte of the snippet,
    /// loaded at 0x10000, so `.Lbase+0x10000` is 0x20000.
    func testRelativeLong() throws {
        let r2: UInt64 = 0x1234_5678_8765_C321
        try batch([
            G.S("lrl %r1,.Lbase+0x10000", r1: G.H(0x8899_AABB)),
            G.S("lgrl %r1,.Lbase+0x10000", r1: 0x8899_AABB_CCDD_EEFF),
            G.S("lgfrl %r1,.Lbase+0x10000", r1: 0xFFFF_FFFF_8899_AABB),
            G.S("llgfrl %r1,.Lbase+0x10004", r1: 0xCCDD_EEFF),
            G.S("lhrl %r1,.Lbase+0x10000", r1: G.H(0xFFFF_8899)),
            G.S("lhrl %r1,.Lbase+0x10008", r1: G.H(0x0123)),
            G.S("lghrl %r1,.Lbase+0x10002", r1: 0xFFFF_FFFF_FFFF_AABB),
            G.S("llhrl %r1,.Lbase+0x10002", r1: G.H(0xAABB)),
            G.S("llghrl %r1,.Lbase+0x10006", r1: 0xEEFF),
            G.S("strl %r2,.Lbase+0x10100\nlg %r1,0x100(%r9)", [2: r2], r1: 0x8765_C321_0000_0000),
            G.S("stgrl %r2,.Lbase+0x10108\nlg %r1,0x108(%r9)", [2: r2], r1: r2),
            G.S("sthrl %r2,.Lbase+0x10112\nlg %r1,0x110(%r9)", [2: r2], r1: 0x0000_C321_0000_0000),
            G.S("larl %r1,.Lbase+0x10000", r1: 0x20000),
            G.S("larl %r1,.Lbase-0x100", r1: 0xFF00),
        ])
    }

    func testInsertAndCompareUnderMask() throws {
        try batch([
            G.S("icm %r1,15,0(%r9)", r1: G.H(0x8899_AABB), cc: 1),
            G.S("icm %r1,5,8(%r9)", r1: G.H(0xAA01_AA23), cc: 2),
            G.S("icm %r1,0,0(%r9)", r1: G.P, cc: 0),
            G.S("icm %r1,6,0x20(%r9)", r1: G.H(0xAA00_00AA), cc: 0),
            G.S("icm %r1,7,0(%r9)", r1: G.H(0xAA88_99AA), cc: 1),
            G.S("icm %r1,1,0xf(%r9)", r1: G.H(0xAAAA_AAEF), cc: 1),
            G.S("icmy %r1,8,0(%r9)", r1: G.H(0x88AA_AAAA), cc: 1),
            G.S("icmy %r1,14,0x8(%r9)", r1: G.H(0x0123_45AA), cc: 2),
            G.S("icmh %r1,3,8(%r9)", r1: 0xAAAA_0123_AAAA_AAAA, cc: 2),
            G.S("icmh %r1,15,0x20(%r9)", r1: 0x0000_0000_AAAA_AAAA, cc: 0),
            G.S("clm %r1,15,0(%r9)", [1: 0x8899_AABB], cc: 0),
            G.S("clm %r1,12,0(%r9)", [1: 0x0123_4567], cc: 1),           // 01 23 < 88 99
            G.S("clm %r1,3,0(%r9)", [1: 0x0123_4567], cc: 1),            // 45 67 < 88 99
            G.S("clm %r1,9,8(%r9)", [1: 0x0100_0023], cc: 0),            // 01 23 = 01 23
            G.S("clm %r1,0,0(%r9)", [1: 0x0123_4567], cc: 0),
            G.S("clmy %r1,2,0x10(%r9)", [1: 0x0000_8000], cc: 2),        // 80 > 7F
            G.S("clmy %r1,7,0x10(%r9)", [1: 0x007F_FFFF], cc: 0),
            G.S("clmh %r1,10,0(%r9)", [1: 0x8800_AA00_0000_0000], cc: 2),  // 88 AA > 88 99
            G.S("clmh %r1,4,0(%r9)", [1: 0x0088_0000_0000_0000], cc: 0),
        ])
    }

    func testLoadMultipleAndHighWordLoads() throws {
        try batch([
            G.S("lm %r1,%r2,0(%r9)", r1: G.H(0x8899_AABB), r2: G.H(0xCCDD_EEFF)),
            G.S("lmy %r1,%r3,4(%r9)", [3: 0], r1: G.H(0xCCDD_EEFF), r2: G.H(0x0123_4567), r3: 0x89AB_CDEF),
            G.S("lmg %r1,%r2,0(%r9)", r1: 0x8899_AABB_CCDD_EEFF, r2: 0x0123_4567_89AB_CDEF),
            G.S("lmh %r1,%r2,0(%r9)", r1: 0x8899_AABB_AAAA_AAAA, r2: 0xCCDD_EEFF_AAAA_AAAA),
            G.S("lm %r1,%r1,8(%r9)", r1: G.H(0x0123_4567), r2: G.P),
            G.S("lbh %r1,0(%r9)", r1: 0xFFFF_FF88_AAAA_AAAA),
            G.S("lbh %r1,8(%r9)", r1: 0x0000_0001_AAAA_AAAA),
            G.S("lhh %r1,0(%r9)", r1: 0xFFFF_8899_AAAA_AAAA),
            G.S("lfh %r1,0(%r9)", r1: 0x8899_AABB_AAAA_AAAA),
            G.S("llch %r1,0(%r9)", r1: 0x0000_0088_AAAA_AAAA),
            G.S("llhh %r1,0(%r9)", r1: 0x0000_8899_AAAA_AAAA),
        ])
    }
}

// MARK: - Stores

extension GeneralTests {
    func testStores() throws {
        let r2: UInt64 = 0x1234_5678_8765_C321, r3: UInt64 = 0x0F1E_2D3C_4B5A_6978
        // Each step stores into its zeroed scratch area (%r10) and reads it back.
        try batch([
            G.S("st %r2,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x8765_C321_0000_0000),
            G.S("sty %r2,1(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x0087_65C3_2100_0000),
            G.S("stg %r2,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: r2),
            G.S("sth %r2,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0xC321_0000_0000_0000),
            G.S("sthy %r2,2(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x0000_C321_0000_0000),
            G.S("stc %r2,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x2100_0000_0000_0000),
            G.S("stcy %r2,7(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x21),
            G.S("stcm %r2,5,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x6521_0000_0000_0000),
            G.S("stcm %r2,14,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x8765_C300_0000_0000),
            G.S("stcm %r2,0,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0),
            G.S("stcmy %r2,15,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x8765_C321_0000_0000),
            G.S("stcmh %r2,9,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x1278_0000_0000_0000),
            G.S("stm %r2,%r3,0(%r10)\nlg %r1,0(%r10)", [2: r2, 3: r3], r1: 0x8765_C321_4B5A_6978),
            G.S("stmy %r2,%r2,4(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x8765_C321),
            G.S("stmg %r2,%r3,0(%r10)\nlg %r1,0(%r10)\nlg %r2,8(%r10)", [2: r2, 3: r3], r1: r2, r2: r3),
            G.S("stmh %r2,%r3,0(%r10)\nlg %r1,0(%r10)", [2: r2, 3: r3], r1: 0x1234_5678_0F1E_2D3C),
            G.S("mvi 0(%r10),0xc8\nlg %r1,0(%r10)", r1: 0xC800_0000_0000_0000),
            G.S("mviy 1(%r10),0x7f\nlg %r1,0(%r10)", r1: 0x007F_0000_0000_0000),
            G.S("mvhhi 0(%r10),-2\nlg %r1,0(%r10)", r1: 0xFFFE_0000_0000_0000),
            G.S("mvhi 0(%r10),-2\nlg %r1,0(%r10)", r1: 0xFFFF_FFFE_0000_0000),
            G.S("mvhi 0(%r10),0x7fff\nlg %r1,0(%r10)", r1: 0x0000_7FFF_0000_0000),
            G.S("mvghi 0(%r10),-2\nlg %r1,0(%r10)", r1: 0xFFFF_FFFF_FFFF_FFFE),
            G.S("stch %r2,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x7800_0000_0000_0000),
            G.S("sthh %r2,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x5678_0000_0000_0000),
            G.S("stfh %r2,0(%r10)\nlg %r1,0(%r10)", [2: r2], r1: 0x1234_5678_0000_0000),
        ])
    }

    /// LM/STM wrap from %r15 to %r0 and may cross a page.
    func testMultipleWrapAndPageCrossing() throws {
        let run = try G.run("""
            stmg %r14,%r1,0(%r2)
            lmg %r15,%r0,0x10(%r3)
            stm %r4,%r7,0(%r8)
            lm %r10,%r13,0(%r8)
            lmh %r5,%r5,0(%r8)
        """) { cpu, mem in
            cpu.r[14] = 0xE; cpu.r[15] = 0xF; cpu.r[0] = 0x100; cpu.r[1] = 0x101
            cpu.r[2] = 0x20000; cpu.r[3] = 0x22000
            mem.store(UInt64(0x1111_2222_3333_4444), at: 0x22010)
            mem.store(UInt64(0x5555_6666_7777_8888), at: 0x22018)
            for k in 4...7 { cpu.r[k] = 0xFFFF_FFFF_0000_0000 | UInt64(k) }
            cpu.r[8] = 0x20FF8                          // 16 bytes across 0x21000
        }
        XCTAssertTrue(run.finished, "code \(run.programCode) at \(run.oldPSW)")
        XCTAssertEqual(run.load(0x20000, as: UInt64.self), 0xE)
        XCTAssertEqual(run.load(0x20008, as: UInt64.self), 0xF)
        XCTAssertEqual(run.load(0x20010, as: UInt64.self), 0x100)
        XCTAssertEqual(run.load(0x20018, as: UInt64.self), 0x101)
        XCTAssertEqual(run.r(15), 0x1111_2222_3333_4444)
        XCTAssertEqual(run.r(0), 0x5555_6666_7777_8888)
        XCTAssertEqual(run.bytes(0x20FF8, 16), [0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 6, 0, 0, 0, 7])
        XCTAssertEqual(run.r(10), 4); XCTAssertEqual(run.r(11), 5); XCTAssertEqual(run.r(12), 6); XCTAssertEqual(run.r(13), 7)
        XCTAssertEqual(run.r(5), 0x0000_0004_0000_0005)
    }

}

// MARK: - Add and subtract

extension GeneralTests {
    static let setCC0 = "cr %r8,%r8\n"                 // cc 0: borrow for SLB, no carry for ALC
    static let setCC2 = "llilf %r8,1\nclr %r8,%r11\n"  // cc 2: carry for ALC, no borrow for SLB
    static let setCC1 = "lhi %r8,-1\nltr %r8,%r8\n"    // cc 1
    static let setCC3 = "llilf %r8,0xffffffff\nalr %r8,%r8\n"  // cc 3

    func testAddSigned() throws {
        let H = G.H
        try batch([
            G.S("ar %r1,%r2", [1: H(1), 2: 2], r1: H(3), cc: 2),
            G.S("ar %r1,%r2", [1: H(0xFFFF_FFFF), 2: 1], r1: H(0), cc: 0),
            G.S("ar %r1,%r2", [1: H(0xFFFF_FFFB), 2: 2], r1: H(0xFFFF_FFFD), cc: 1),
            G.S("ar %r1,%r2", [1: H(0x7FFF_FFFF), 2: 1], r1: H(0x8000_0000), cc: 3),
            G.S("ar %r1,%r2", [1: H(0x8000_0000), 2: 0x8000_0000], r1: H(0), cc: 3),
            G.S("ar %r1,%r1", [1: H(0x4000_0000)], r1: H(0x8000_0000), cc: 3),
            G.S("a %r1,0x30(%r9)", [1: H(5)], r1: H(0x15), cc: 2),
            G.S("ay %r1,0x34(%r9)", [1: H(5)], r1: H(0xFFFF_FFF5), cc: 1),
            G.S("ag %r1,0x10(%r9)", [1: 1], r1: 0x8000_0000_0000_0000, cc: 3),
            G.S("agr %r1,%r2", [1: 5, 2: 0xFFFF_FFFF_FFFF_FFFB], r1: 0, cc: 0),
            G.S("agr %r1,%r2", [1: 0x8000_0000_0000_0000, 2: 0xFFFF_FFFF_FFFF_FFFF], r1: 0x7FFF_FFFF_FFFF_FFFF, cc: 3),
            G.S("agf %r1,0x34(%r9)", [1: 5], r1: 0xFFFF_FFFF_FFFF_FFF5, cc: 1),
            G.S("agfr %r1,%r2", [1: 0x7FFF_FFFF_FFFF_FFFF, 2: 0x1234_5678_0000_0001], r1: 0x8000_0000_0000_0000, cc: 3),
            G.S("agfr %r1,%r2", [1: 0x1_0000_0000, 2: 0x8000_0000], r1: 0x8000_0000, cc: 2),
            G.S("ah %r1,0x3a(%r9)", [1: H(0x10)], r1: H(0), cc: 0),
            G.S("ahy %r1,0x3c(%r9)", [1: H(0x7FFF_8001)], r1: H(0x8000_0000), cc: 3),
            G.S("ahi %r1,-1", [1: H(0)], r1: H(0xFFFF_FFFF), cc: 1),
            G.S("aghi %r1,-1", [1: 0x8000_0000_0000_0000], r1: 0x7FFF_FFFF_FFFF_FFFF, cc: 3),
            G.S("aghi %r1,0x7fff", [1: 1], r1: 0x8000, cc: 2),
            G.S("afi %r1,0x7fffffff", [1: H(1)], r1: H(0x8000_0000), cc: 3),
            G.S("afi %r1,-0x80000000", [1: H(0x8000_0000)], r1: H(0), cc: 3),
            G.S("agfi %r1,-0x80000000", [1: 0], r1: 0xFFFF_FFFF_8000_0000, cc: 1),
        ])
    }

    func testAddLogical() throws {
        let H = G.H
        try batch([
            G.S("alr %r1,%r2", [1: H(0xFFFF_FFFF), 2: 1], r1: H(0), cc: 2),
            G.S("alr %r1,%r2", [1: H(1), 2: 1], r1: H(2), cc: 1),
            G.S("alr %r1,%r2", [1: H(0), 2: 0xFFFF_FFFF_0000_0000], r1: H(0), cc: 0),
            G.S("alr %r1,%r2", [1: H(0xFFFF_FFFF), 2: 2], r1: H(1), cc: 3),
            G.S("al %r1,0x40(%r9)", [1: H(0x8000_0002)], r1: H(1), cc: 3),
            G.S("aly %r1,0x30(%r9)", [1: H(1)], r1: H(17), cc: 1),
            G.S("alg %r1,0x28(%r9)", [1: 1], r1: 0, cc: 2),
            G.S("algr %r1,%r2", [1: 0xFFFF_FFFF_FFFF_FFFF, 2: 2], r1: 1, cc: 3),
            G.S("algf %r1,0x34(%r9)", [1: 0x10], r1: 0x1_0000_0000, cc: 1),
            G.S("algfr %r1,%r2", [1: 0xFFFF_FFFF_FFFF_FFFF, 2: 0x1234_5678_0000_0001], r1: 0, cc: 2),
            G.S("alfi %r1,0xffffffff", [1: H(1)], r1: H(0), cc: 2),
            G.S("algfi %r1,0xffffffff", [1: 1], r1: 0x1_0000_0000, cc: 1),
            G.S(G.setCC0 + "alcr %r1,%r2", [1: H(1), 2: 2], r1: H(3), cc: 1),
            G.S(G.setCC2 + "alcr %r1,%r2", [1: H(0xFFFF_FFFF), 2: 0], r1: H(0), cc: 2),
            G.S(G.setCC3 + "alcr %r1,%r2", [1: H(0xFFFF_FFFE), 2: 1], r1: H(0), cc: 2),
            G.S(G.setCC1 + "alcr %r1,%r2", [1: H(0xFFFF_FFFE), 2: 1], r1: H(0xFFFF_FFFF), cc: 1),
            G.S(G.setCC2 + "alc %r1,0x30(%r9)", [1: H(1)], r1: H(18), cc: 1),
            G.S(G.setCC2 + "alcg %r1,0x28(%r9)", [1: 0], r1: 0, cc: 2),
            G.S(G.setCC1 + "alcgr %r1,%r2", [1: 5, 2: 6], r1: 11, cc: 1),
            G.S(G.setCC3 + "alcgr %r1,%r2", [1: 5, 2: 6], r1: 12, cc: 1),
            G.S(G.setCC3 + "alcgr %r1,%r2", [1: 0xFFFF_FFFF_FFFF_FFFF, 2: 0xFFFF_FFFF_FFFF_FFFF], r1: 0xFFFF_FFFF_FFFF_FFFF, cc: 3),
        ])
    }

    func testAddImmediateToStorage() throws {
        try batch([
            G.S("mvhi 0(%r10),5\nasi 0(%r10),-7\nlgf %r1,0(%r10)", r1: 0xFFFF_FFFF_FFFF_FFFE, cc: 1),
            G.S("iilf %r3,0x7fffffff\nst %r3,0(%r10)\nasi 0(%r10),1\nllgf %r1,0(%r10)", r1: 0x8000_0000, cc: 3),
            G.S("mvhi 0(%r10),-1\nasi 1(%r10),1\nlg %r1,0(%r10)", r1: 0xFFFF_FFFF_0100_0000, cc: 1), // unaligned: -256 + 1
            G.S("mvghi 0(%r10),2\nagsi 0(%r10),-2\nlg %r1,0(%r10)", r1: 0, cc: 0),
            G.S("mvghi 0(%r10),-1\nagsi 0(%r10),127\nlg %r1,0(%r10)", r1: 126, cc: 2),
            G.S("agsi 4(%r10),-128\nlg %r1,4(%r10)", r1: 0xFFFF_FFFF_FFFF_FF80, cc: 1),
            G.S("mvhi 0(%r10),5\nalsi 0(%r10),-1\nllgf %r1,0(%r10)", r1: 4, cc: 3),
            G.S("mvhi 0(%r10),1\nalsi 0(%r10),-1\nllgf %r1,0(%r10)", r1: 0, cc: 2),
            G.S("alsi 0(%r10),1\nllgf %r1,0(%r10)", r1: 1, cc: 1),
            G.S("algsi 4(%r10),1\nlg %r1,4(%r10)", r1: 1, cc: 1),
            G.S("mvghi 0(%r10),-1\nalgsi 0(%r10),1\nlg %r1,0(%r10)", r1: 0, cc: 2),
            G.S("algsi 0(%r10),0\nlg %r1,0(%r10)", r1: 0, cc: 0),
        ])
    }

    func testSubtract() throws {
        let H = G.H
        try batch([
            G.S("sr %r1,%r2", [1: H(5), 2: 3], r1: H(2), cc: 2),
            G.S("sr %r1,%r2", [1: H(3), 2: 5], r1: H(0xFFFF_FFFE), cc: 1),
            G.S("sr %r1,%r2", [1: H(0x8000_0000), 2: 1], r1: H(0x7FFF_FFFF), cc: 3),
            G.S("sr %r1,%r1", [1: H(0x8000_0000)], r1: H(0), cc: 0),
            G.S("s %r1,0x30(%r9)", [1: H(16)], r1: H(0), cc: 0),
            G.S("sy %r1,0x44(%r9)", [1: H(0)], r1: H(0x8000_0000), cc: 3),
            G.S("sg %r1,0x48(%r9)", [1: 0x8000_0000_0000_0000], r1: 0x7FFF_FFFF_FFFF_FFFF, cc: 3),
            G.S("sgr %r1,%r2", [1: 1, 2: 2], r1: 0xFFFF_FFFF_FFFF_FFFF, cc: 1),
            G.S("sgf %r1,0x34(%r9)", [1: 0], r1: 16, cc: 2),
            G.S("sgfr %r1,%r2", [1: 0x10, 2: 0xFFFF_FFFF_0000_0010], r1: 0, cc: 0),
            G.S("sh %r1,0x3e(%r9)", [1: H(0)], r1: H(0x8000), cc: 2),
            G.S("shy %r1,0x38(%r9)", [1: H(0x8000_0005)], r1: H(0x7FFF_FFF5), cc: 3),
            G.S("slr %r1,%r2", [1: H(5), 2: 3], r1: H(2), cc: 3),
            G.S("slr %r1,%r2", [1: H(3), 2: 5], r1: H(0xFFFF_FFFE), cc: 1),
            G.S("slr %r1,%r2", [1: H(5), 2: 5], r1: H(0), cc: 2),
            G.S("sl %r1,0x30(%r9)", [1: H(0x20)], r1: H(0x10), cc: 3),
            G.S("sly %r1,0x40(%r9)", [1: H(0)], r1: H(0x8000_0001), cc: 1),
            G.S("slg %r1,0x48(%r9)", [1: 0], r1: 0xFFFF_FFFF_FFFF_FFFF, cc: 1),
            G.S("slgr %r1,%r2", [1: 7, 2: 7], r1: 0, cc: 2),
            G.S("slgf %r1,0x34(%r9)", [1: 0x1_0000_0000], r1: 0x10, cc: 3),
            G.S("slgfr %r1,%r2", [1: 0x10, 2: 0xFFFF_FFFF_0000_0011], r1: 0xFFFF_FFFF_FFFF_FFFF, cc: 1),
            G.S("slfi %r1,1", [1: H(1)], r1: H(0), cc: 2),
            G.S("slgfi %r1,0xffffffff", [1: 0x1_0000_0000], r1: 1, cc: 3),
            G.S(G.setCC0 + "slbr %r1,%r2", [1: H(5), 2: 3], r1: H(1), cc: 3),
            G.S(G.setCC1 + "slbr %r1,%r2", [1: H(5), 2: 5], r1: H(0xFFFF_FFFF), cc: 1),
            G.S(G.setCC2 + "slbr %r1,%r2", [1: H(5), 2: 5], r1: H(0), cc: 2),
            G.S(G.setCC0 + "slbr %r1,%r2", [1: H(0), 2: 0xFFFF_FFFF], r1: H(0), cc: 0),  // zero with borrow
            G.S(G.setCC0 + "slb %r1,0x4c(%r9)", [1: H(0)], r1: H(0xFFFF_FFFE), cc: 1),
            G.S(G.setCC0 + "slbg %r1,0x48(%r9)", [1: 1], r1: 0xFFFF_FFFF_FFFF_FFFF, cc: 1),
            G.S(G.setCC2 + "slbg %r1,0x48(%r9)", [1: 1], r1: 0, cc: 2),
            G.S(G.setCC3 + "slbgr %r1,%r2", [1: 0x10, 2: 1], r1: 0xF, cc: 3),
        ])
    }

    func testDistinctOperands() throws {
        let H = G.H
        try batch([
            G.S("ark %r1,%r2,%r3", [2: 5, 3: 7], r1: H(12), cc: 2),
            G.S("ark %r1,%r2,%r3", [2: 0x7FFF_FFFF, 3: 1], r1: H(0x8000_0000), cc: 3),
            G.S("agrk %r1,%r2,%r3", [2: 0xFFFF_FFFF_FFFF_FFFB, 3: 5], r1: 0, cc: 0),
            G.S("ahik %r1,%r3,-7", [3: 7], r1: H(0), cc: 0),
            G.S("ahik %r1,%r3,1", [3: 0x7FFF_FFFF], r1: H(0x8000_0000), cc: 3),
            G.S("aghik %r1,%r3,-8", [3: 7], r1: 0xFFFF_FFFF_FFFF_FFFF, cc: 1),
            G.S("alrk %r1,%r2,%r3", [2: 0xFFFF_FFFF, 3: 1], r1: H(0), cc: 2),
            G.S("algrk %r1,%r2,%r3", [2: 1, 3: 1], r1: 2, cc: 1),
            G.S("alhsik %r1,%r3,-1", [3: 1], r1: H(0), cc: 2),
            G.S("alhsik %r1,%r3,1", [3: 1], r1: H(2), cc: 1),
            G.S("alghsik %r1,%r3,-1", [3: 0], r1: 0xFFFF_FFFF_FFFF_FFFF, cc: 1),
            G.S("alghsik %r1,%r3,-1", [3: 2], r1: 1, cc: 3),
            G.S("srk %r1,%r2,%r3", [2: 5, 3: 7], r1: H(0xFFFF_FFFE), cc: 1),
            G.S("sgrk %r1,%r2,%r3", [2: 0x8000_0000_0000_0000, 3: 1], r1: 0x7FFF_FFFF_FFFF_FFFF, cc: 3),
            G.S("slrk %r1,%r2,%r3", [2: 7, 3: 5], r1: H(2), cc: 3),
            G.S("slgrk %r1,%r2,%r3", [2: 5, 3: 7], r1: 0xFFFF_FFFF_FFFF_FFFE, cc: 1),
            G.S("slgrk %r1,%r2,%r2", [2: 5], r1: 0, cc: 2),
        ])
    }

    func testHighWord() throws {
        let L: UInt64 = 0xAAAA_AAAA        // low word of P, unchanged by high-word operations
        try batch([
            G.S("ahhhr %r1,%r2,%r3", [2: 0x5_0000_0000, 3: 0x3_0000_0000], r1: 0x8_0000_0000 | L, cc: 2),
            G.S("ahhhr %r1,%r2,%r3", [2: 0x7FFF_FFFF_0000_0000, 3: 0x1_0000_0000], r1: 0x8000_0000_0000_0000 | L, cc: 3),
            G.S("ahhlr %r1,%r2,%r3", [2: 0x5_0000_0000, 3: 0xFFFF_FFFB], r1: L, cc: 0),
            G.S("aih %r1,-1", [1: L], r1: 0xFFFF_FFFF_0000_0000 | L, cc: 1),
            G.S("aih %r1,1", [1: 0x7FFF_FFFF_0000_0000 | L], r1: 0x8000_0000_0000_0000 | L, cc: 3),
            G.S("alhhhr %r1,%r2,%r3", [2: 0xFFFF_FFFF_0000_0000, 3: 0x1_0000_0000], r1: L, cc: 2),
            G.S("alhhlr %r1,%r2,%r3", [2: 0x1_0000_0000, 3: 1], r1: 0x2_0000_0000 | L, cc: 1),
            G.S("alsih %r1,-1", [1: 0x5_0000_0000 | L], r1: 0x4_0000_0000 | L, cc: 3),
            G.S("alsih %r1,-1", [1: L], r1: 0xFFFF_FFFF_0000_0000 | L, cc: 1),
            G.S(G.setCC0 + "alsihn %r1,-1", [1: L], r1: 0xFFFF_FFFF_0000_0000 | L, cc: 0),   // cc unchanged
            G.S("shhhr %r1,%r2,%r3", [2: 0x3_0000_0000, 3: 0x5_0000_0000], r1: 0xFFFF_FFFE_0000_0000 | L, cc: 1),
            G.S("shhlr %r1,%r2,%r3", [2: 0x8000_0000_0000_0000, 3: 1], r1: 0x7FFF_FFFF_0000_0000 | L, cc: 3),
            G.S("slhhhr %r1,%r2,%r3", [2: 0x5_0000_0000, 3: 0x5_0000_0000], r1: L, cc: 2),
            G.S("slhhlr %r1,%r2,%r3", [2: 0x3_0000_0000, 3: 5], r1: 0xFFFF_FFFE_0000_0000 | L, cc: 1),
            G.S("slhhlr %r1,%r2,%r3", [2: 0x5_0000_0000, 3: 3], r1: 0x2_0000_0000 | L, cc: 3),
            G.S("chhr %r1,%r2", [1: 0xFFFF_FFFF_0000_0000, 2: 0x1_0000_0000], cc: 1),
            G.S("chlr %r1,%r2", [1: 0x1_0000_0000, 2: 0xFFFF_FFFF], cc: 2),
            G.S("chf %r1,0x30(%r9)", [1: 0x10_0000_0000], cc: 0),
            G.S("cih %r1,-1", [1: 0xFFFF_FFFE_0000_0000], cc: 1),
            G.S("clhhr %r1,%r2", [1: 0xFFFF_FFFF_0000_0000, 2: 0x1_0000_0000], cc: 2),
            G.S("clhlr %r1,%r2", [1: 0x1_0000_0000, 2: 1], cc: 0),
            G.S("clhf %r1,0x40(%r9)", [1: 0], cc: 1),
            G.S("clih %r1,0x7fffffff", [1: 0x8000_0000_0000_0000], cc: 2),
        ])
    }
}

// MARK: - Multiply and divide

extension GeneralTests {
    func testMultiply() throws {
        let H = G.H
        try batch([
            // Pairs: %r2 (even) gets the high part, %r3 the low part (bits 32-63 for the 32-bit forms).
            G.S("mr %r2,%r5", [3: H(0xFFFF_FFFE), 5: 3], r2: H(0xFFFF_FFFF), r3: H(0xFFFF_FFFA)),
            G.S("m %r2,0x40(%r9)", [3: H(0x7FFF_FFFF)], r2: H(0x3FFF_FFFF), r3: H(1)),
            G.S("mfy %r2,0x44(%r9)", [3: H(0x8000_0000)], r2: H(0x4000_0000), r3: H(0)),
            G.S("mr %r2,%r3", [3: H(0xFFFF_FFFF)], r2: H(0), r3: H(1)),        // R2 = R1+1: squares
            G.S(G.setCC1 + "mh %r1,0x3a(%r9)", [1: H(3)], r1: H(0xFFFF_FFD0), cc: 1),   // cc unchanged
            G.S("mhy %r1,0x3e(%r9)", [1: H(0x10000)], r1: H(0x8000_0000)),
            G.S("mhi %r1,-3", [1: H(7)], r1: H(0xFFFF_FFEB)),
            G.S("mghi %r1,-3", [1: 7], r1: 0xFFFF_FFFF_FFFF_FFEB),
            G.S(G.setCC1 + "msr %r1,%r2", [1: H(0x10000), 2: 0x10000], r1: H(0), cc: 1),
            G.S("ms %r1,0x30(%r9)", [1: H(3)], r1: H(48)),
            G.S("msy %r1,0x34(%r9)", [1: H(3)], r1: H(0xFFFF_FFD0)),
            G.S("msfi %r1,-2", [1: H(0x7FFF_FFFF)], r1: H(2)),
            G.S("msgr %r1,%r2", [1: 0x1_0000_0000, 2: 0x1_0000_0001], r1: 0x1_0000_0000),
            G.S("msg %r1,0x58(%r9)", [1: 5], r1: 0xFFFF_FFFF_FFFF_FFF6),
            G.S("msgfr %r1,%r2", [1: 3, 2: 0x1234_5678_FFFF_FFFF], r1: 0xFFFF_FFFF_FFFF_FFFD),
            G.S("msgf %r1,0x30(%r9)", [1: 0xFFFF_FFFF_FFFF_FFFF], r1: 0xFFFF_FFFF_FFFF_FFF0),
            G.S("msgfi %r1,-0x10000", [1: 0x10000], r1: 0xFFFF_FFFF_0000_0000),
            G.S("mlr %r2,%r5", [3: H(0xFFFF_FFFF), 5: 0xFFFF_FFFF], r2: H(0xFFFF_FFFE), r3: H(1)),
            G.S("ml %r2,0x34(%r9)", [3: H(2)], r2: H(1), r3: H(0xFFFF_FFE0)),
            G.S("mlgr %r2,%r5", [3: 0xFFFF_FFFF_FFFF_FFFF, 5: 0xFFFF_FFFF_FFFF_FFFF], r2: 0xFFFF_FFFF_FFFF_FFFE, r3: 1),
            G.S("mlg %r2,0x58(%r9)", [3: 2], r2: 1, r3: 0xFFFF_FFFF_FFFF_FFFC),
        ])
    }

    func testDivide() throws {
        let H = G.H
        try batch([
            // Remainder to the even register, quotient to the odd one.
            G.S("dr %r2,%r5", [2: H(0), 3: H(100), 5: 7], r2: H(2), r3: H(14)),
            G.S("dr %r2,%r5", [2: H(0xFFFF_FFFF), 3: H(0xFFFF_FF9C), 5: 7], r2: H(0xFFFF_FFFE), r3: H(0xFFFF_FFF2)),
            G.S("dr %r2,%r5", [2: H(0), 3: H(100), 5: 0xFFFF_FFF9], r2: H(2), r3: H(0xFFFF_FFF2)),
            G.S("d %r2,0x34(%r9)", [2: H(0), 3: H(0x8000_0000)], r2: H(0), r3: H(0xF800_0000)),
            G.S("d %r2,0x34(%r9)", [2: H(8), 3: H(0)], r2: H(0), r3: H(0x8000_0000)),   // 2^35 / -16 = -2^31 fits
            G.S("dlr %r2,%r5", [2: H(1), 3: H(0), 5: 2], r2: H(0), r3: H(0x8000_0000)),
            G.S("dl %r2,0x30(%r9)", [2: H(0xF), 3: H(0xFFFF_FFFF)], r2: H(0xF), r3: H(0xFFFF_FFFF)),
            G.S("dlgr %r2,%r5", [2: 1, 3: 0, 5: 2], r2: 0, r3: 0x8000_0000_0000_0000),
            G.S("dlg %r2,8(%r9)", [2: 0, 3: 0xFFFF_FFFF_FFFF_FFFF], r2: 0xF0, r3: 0xE1),
            G.S("dsgr %r2,%r5", [3: 0xFFFF_FFFF_FFFF_FF9C, 5: 7], r2: 0xFFFF_FFFF_FFFF_FFFE, r3: 0xFFFF_FFFF_FFFF_FFF2),
            G.S("dsg %r2,0x58(%r9)", [3: 0x8000_0000_0000_0001], r2: 0xFFFF_FFFF_FFFF_FFFF, r3: 0x3FFF_FFFF_FFFF_FFFF),
            G.S("dsgfr %r2,%r5", [3: 100, 5: 0x1234_5678_FFFF_FFF9], r2: 2, r3: 0xFFFF_FFFF_FFFF_FFF2),
            G.S("dsgf %r2,0x34(%r9)", [3: 0x100], r2: 0, r3: 0xFFFF_FFFF_FFFF_FFF0),
            G.S("dsgr %r2,%r5", [3: 0x8000_0000_0000_0000, 5: 1], r2: 0, r3: 0x8000_0000_0000_0000),
        ])
    }

}

// MARK: - Compare

extension GeneralTests {
    func testCompare() throws {
        let H = G.H
        try batch([
            G.S("cr %r1,%r2", [1: H(5), 2: 3], cc: 2),
            G.S("cr %r1,%r2", [1: H(3), 2: 5], cc: 1),
            G.S("cr %r1,%r2", [1: H(3), 2: 3], cc: 0),
            G.S("cr %r1,%r2", [1: H(0xFFFF_FFFF), 2: 1], cc: 1),
            G.S("c %r1,0x30(%r9)", [1: H(16)], cc: 0),
            G.S("cy %r1,0x34(%r9)", [1: H(0)], cc: 2),
            G.S("cg %r1,0x18(%r9)", [1: 0], cc: 2),
            G.S("cgr %r1,%r2", [1: 0xFFFF_FFFF_FFFF_FFFF, 2: 1], cc: 1),
            G.S("cgf %r1,0x34(%r9)", [1: 0xFFFF_FFFF_FFFF_FFF0], cc: 0),
            G.S("cgfr %r1,%r2", [1: 0x8000_0000, 2: 0x8000_0000], cc: 2),
            G.S("ch %r1,0x3e(%r9)", [1: H(0xFFFF_8000)], cc: 0),
            G.S("chy %r1,0x3c(%r9)", [1: H(0x8000)], cc: 2),
            G.S("chi %r1,-1", [1: H(0xFFFF_FFFE)], cc: 1),
            G.S("cghi %r1,-1", [1: 0xFFFF_FFFF], cc: 2),
            G.S("cfi %r1,0x7fffffff", [1: H(0x8000_0000)], cc: 1),
            G.S("cgfi %r1,-0x80000000", [1: 0xFFFF_FFFF_8000_0000], cc: 0),
            G.S("clr %r1,%r2", [1: H(0xFFFF_FFFF), 2: 1], cc: 2),
            G.S("cl %r1,0x40(%r9)", [1: H(0x8000_0000)], cc: 2),
            G.S("cly %r1,0x44(%r9)", [1: H(1)], cc: 1),
            G.S("clg %r1,0x18(%r9)", [1: 1], cc: 1),
            G.S("clgr %r1,%r2", [1: 7, 2: 7], cc: 0),
            G.S("clgf %r1,0x34(%r9)", [1: 0xFFFF_FFFF_FFFF_FFF0], cc: 2),
            G.S("clgfr %r1,%r2", [1: 0xFFFF_FFFF, 2: 0xFFFF_FFFF], cc: 0),
            G.S("clfi %r1,0xffffffff", [1: H(0x7FFF_FFFF)], cc: 1),
            G.S("clgfi %r1,0xffffffff", [1: 0x1_0000_0000], cc: 2),
            G.S("cli 0(%r9),0x88", cc: 0),
            G.S("cli 0(%r9),0x89", cc: 1),
            G.S("cliy 1(%r9),0x10", cc: 2),
            G.S("chhsi 0x3e(%r9),-32768", cc: 0),
            G.S("chhsi 0x38(%r9),-1", cc: 2),
            G.S("chsi 0x34(%r9),-15", cc: 1),
            G.S("cghsi 0x18(%r9),0", cc: 1),
            G.S("cghsi 0x58(%r9),-2", cc: 0),
            G.S("clhhsi 0x3e(%r9),0xffff", cc: 1),
            G.S("clfhsi 0x34(%r9),0xffff", cc: 2),
            G.S("clfhsi 0x30(%r9),0x8000", cc: 1),     // immediate is not sign-extended
            G.S("clghsi 0x48(%r9),1", cc: 0),
            G.S("clghsi 0x18(%r9),0xffff", cc: 2),
            G.S("crl %r1,.Lbase+0x10000", [1: H(0x8899_AABB)], cc: 0),
            G.S("crl %r1,.Lbase+0x10000", [1: H(0)], cc: 2),
            G.S("cgrl %r1,.Lbase+0x10000", [1: 0], cc: 2),
            G.S("cgfrl %r1,.Lbase+0x10000", [1: 0xFFFF_FFFF_8899_AABB], cc: 0),
            G.S("chrl %r1,.Lbase+0x10000", [1: H(0xFFFF_8899)], cc: 0),
            G.S("cghrl %r1,.Lbase+0x10000", [1: 0], cc: 2),
            G.S("clrl %r1,.Lbase+0x10000", [1: H(0)], cc: 1),
            G.S("clgrl %r1,.Lbase+0x10000", [1: 0xFFFF_FFFF_FFFF_FFFF], cc: 2),
            G.S("clgfrl %r1,.Lbase+0x10000", [1: 0x8899_AABB], cc: 0),
            G.S("clhrl %r1,.Lbase+0x10000", [1: H(0x8899)], cc: 0),
            G.S("clghrl %r1,.Lbase+0x10000", [1: 0x8898], cc: 1),
        ])
    }
}

// MARK: - Load/store on condition, load address

extension GeneralTests {
    /// A false condition makes no access: the operand address is beyond
    /// storage (%r8) and no addressing exception is recognized.
    func testLoadStoreOnCondition() throws {
        let r2: UInt64 = 0x1234_5678_9ABC_DEF0
        try batch([
            G.S(G.setCC0 + "locr %r1,%r2,8", [2: r2], r1: G.H(0x9ABC_DEF0), cc: 0),
            G.S(G.setCC0 + "locr %r1,%r2,7", [2: r2], r1: G.P, cc: 0),
            G.S(G.setCC0 + "locgr %r1,%r2,8", [2: r2], r1: r2),
            G.S(G.setCC1 + "locgr %r1,%r2,6", [2: r2], r1: r2, cc: 1),
            G.S(G.setCC3 + "locgr %r1,%r2,14", [2: r2], r1: G.P, cc: 3),
            G.S(G.setCC3 + "locr %r1,%r2,1", [2: r2], r1: G.H(0x9ABC_DEF0)),
            G.S(G.setCC0 + "loc %r1,0(%r9),8", r1: G.H(0x8899_AABB)),
            G.S(G.setCC0 + "loc %r1,0(%r8),7", [8: 0x50_0000], r1: G.P),
            G.S(G.setCC2 + "locg %r1,0(%r9),2", r1: 0x8899_AABB_CCDD_EEFF),
            G.S(G.setCC2 + "locg %r1,0(%r8),13", [8: 0x50_0000], r1: G.P),
            G.S(G.setCC0 + "stoc %r2,0(%r10),8\nlg %r1,0(%r10)", [2: r2], r1: 0x9ABC_DEF0_0000_0000),
            G.S(G.setCC0 + "stoc %r2,0(%r8),7\nlg %r1,0(%r10)", [2: r2, 8: 0x50_0000], r1: 0),
            G.S(G.setCC1 + "stocg %r2,0(%r10),4\nlg %r1,0(%r10)", [2: r2], r1: r2),
            G.S(G.setCC1 + "stocg %r2,0(%r8),11\nlg %r1,0(%r10)", [2: r2, 8: 0x50_0000], r1: 0),
        ])
    }

    func testLoadAddress64() throws {
        try batch([
            G.S("la %r1,4(%r2,%r3)", [2: 0x100, 3: 0x200], r1: 0x304),
            G.S("la %r1,0xfff", r1: 0xFFF),
            G.S("la %r1,1(%r2)", [2: 0xFFFF_FFFF_FFFF_FFFF], r1: 0),
            G.S("lay %r1,-1(%r2)", [2: 0x100], r1: 0xFF),
            G.S("lay %r1,-0x80000(%r2,%r3)", [2: 0x1_0000_0000, 3: 0], r1: 0xFFF8_0000),
        ])
    }

    /// In the 24-bit mode the address replaces bits 40-63 and zeroes 32-39;
    /// in the 31-bit mode bits 33-63 and bit 32; bits 0-31 stay.
    func testLoadAddressWrap24And31() throws {
        let H = G.H
        try batch([
            G.S("la %r1,1(%r2)", [2: 0xAAAA_AAAA_12FF_FFFF], r1: H(0)),
            G.S("la %r1,0x10(%r2,%r3)", [2: 0x00FF_FFF0, 3: 0x100], r1: H(0x100)),
            G.S("lay %r1,-1(%r2)", [2: 0], r1: H(0x00FF_FFFF)),
            G.S("larl %r1,.Lbase-0x10002", r1: H(0x00FF_FFFE)),
        ]) { cpu in cpu.loadPSW(PSW(mask: 0, address: GuestRun.origin)) }
        try batch([
            G.S("la %r1,1(%r2)", [2: 0x7FFF_FFFF], r1: H(0)),
            G.S("la %r1,1(%r2)", [2: 0x1234_5678_8000_0000], r1: H(1)),
            G.S("lay %r1,-1(%r2)", [2: 0], r1: H(0x7FFF_FFFF)),
            G.S("larl %r1,.Lbase-0x10002", r1: H(0x7FFF_FFFE)),
        ]) { cpu in cpu.loadPSW(PSW(mask: PSW.basicAddressing, address: GuestRun.origin)) }
    }
}

// MARK: - Exceptions

extension GeneralTests {
    /// Logical carries and single-length multiplies are never overflows,
    /// whatever the mask says.
    func testNoOverflowInterruptionForLogicalOrMultiply() throws {
        let run = try G.run("""
            alr %r1,%r2
            algr %r3,%r3
            slr %r4,%r2
            msgr %r5,%r5
            msr %r6,%r6
            mhi %r6,0x7fff
        """) { cpu, _ in
            cpu.r[1] = 0xFFFF_FFFF; cpu.r[2] = 1; cpu.r[3] = 0x8000_0000_0000_0000; cpu.r[4] = 0
            cpu.r[5] = 0x1_0000_0001; cpu.r[6] = 0x10000
            G.overflowMaskOn(cpu)
        }
        XCTAssertTrue(run.finished, "code \(run.programCode) at \(run.oldPSW)")
        XCTAssertEqual(run.r(1), 0)
        XCTAssertEqual(run.r(3), 0)
        XCTAssertEqual(run.r(4), 0xFFFF_FFFF)
        XCTAssertEqual(run.r(5), 0x2_0000_0001)
        XCTAssertEqual(run.r(6), 0)
        XCTAssertEqual(run.cc, 1)   // from SLR: nonzero with borrow
    }
}

// MARK: - Exceptions, many per guest run

extension GeneralTests {
    /// A step that may raise a program interruption (in its last line). Before it runs, the
    /// program new PSW is pointed at the code after it, so the batch goes on;
    /// the interruption code, ILC and old PSW are logged with %r1-%r8.
    struct Trap {
        let asm: String
        let regs: [Int: UInt64]
        /// Expected interruption code (0: none) and instruction length.
        let code: UInt16
        let length: UInt64
        /// Expected registers afterwards (after `after` ran).
        let expect: [Int: UInt64]
        /// Expected cc in the old PSW (with an interruption) or current (without).
        let cc: UInt8?
        /// Code run after the step (to read storage back into registers).
        let after: String
    }
    static func T(_ asm: String, _ regs: [Int: UInt64] = [:], code: UInt16, length: UInt64, after: String = "",
                  expect: [Int: UInt64] = [:], cc: UInt8? = nil) -> Trap {
        Trap(asm: asm, regs: regs, code: code, length: length, expect: expect, cc: cc, after: after)
    }

    /// Runs the steps in one guest run. The program new PSW is 64-bit mode,
    /// enabled for fixed-point overflow when `overflowMask` (which the current
    /// PSW then also is).
    func trapBatch(_ steps: [Trap], overflowMask: Bool = false, file: StaticString = #filePath, line: UInt = #line,
                   setup: @escaping (VirtualCPU, GuestMemory) -> Void = { _, _ in }) throws {
        let slot = 128
        var src = " lghi %r11,0\n lghi %r12,1\n lghi %r13,2\n lghi %r14,3\n"
        src += " llilf %r15,\(G.logBase)\n llilf %r9,\(G.dataBase)\n"
        for (i, s) in steps.enumerated() {
            for (r, v) in s.regs.sorted(by: { $0.key < $1.key }) { src += G.loadReg(r, v) }
            src += "llilf %r10,\(G.scratchBase + UInt64(32 * i))\n"
            src += "larl %r0,.Lnext\(i)\nstg %r0,0x1d8\nmvhi 0x8c,0\n"
            // After the step, an interruption is fatal again (0xDEAD0 holds no
            // code: the loop of operation exceptions ends the run).
            // Earlier lines of a step prepare; the last one is the instruction tested.
            let lines = s.asm.split(separator: "\n")
            src += lines.dropLast().joined(separator: "\n") + "\n.Lins\(i):\n" + lines.last! + "\n.Lnext\(i):\nllilf %r0,0xdead0\nstg %r0,0x1d8\n" + s.after + "\n"
            src += "locr %r0,%r11,8\nlocr %r0,%r12,4\nlocr %r0,%r13,2\nlocr %r0,%r14,1\n"
            src += "sty %r0,\(slot * i + 64)(%r15)\n"
            src += "stmg %r1,%r8,\(slot * i)(%r15)\n"
            src += "l %r0,0x8c\nsty %r0,\(slot * i + 68)(%r15)\n"
            src += "lg %r0,0x150\nstg %r0,\(slot * i + 72)(%r15)\n"
            src += "lg %r0,0x158\nstg %r0,\(slot * i + 80)(%r15)\n"
            src += "larl %r0,.Lins\(i)\nstg %r0,\(slot * i + 88)(%r15)\n"
        }
        // Back to the harness's disabled wait for the end of the snippet.
        src += "llihf %r0,0x20001\niilf %r0,0x80000000\nstg %r0,0x1d0\nllilf %r0,0xdead0\nstg %r0,0x1d8\n"
        let newMask: UInt64 = overflowMask ? 0x0000_0801_8000_0000 : 0x0000_0001_8000_0000
        let run = try G.run(src) { cpu, mem in
            for (k, v) in G.data.enumerated() { mem.store(v, at: G.dataBase + UInt64(8 * k)) }
            mem.store(newMask, at: 0x1D0)
            if overflowMask { G.overflowMaskOn(cpu) }
            setup(cpu, mem)
        }
        XCTAssertTrue(run.finished, "trap batch stopped: code \(run.programCode) at \(run.oldPSW)", file: file, line: line)
        if !run.finished { return }
        for (i, s) in steps.enumerated() {
            let at = G.logBase + UInt64(slot * i)
            let what = "step \(i): \(s.asm.replacingOccurrences(of: "\n", with: "; "))"
            let word: UInt32 = run.load(at + 68)
            let code = UInt16(word & 0xFFFF), ilc = UInt16(word >> 16)
            let oldMask: UInt64 = run.load(at + 72), oldAddress: UInt64 = run.load(at + 80), ins: UInt64 = run.load(at + 88)
            XCTAssertEqual(code, s.code, "interruption code of " + what, file: file, line: line)
            if s.code != 0 && code == s.code {
                XCTAssertEqual(UInt64(ilc), s.length, "ILC of " + what, file: file, line: line)
                let nullified = ProgramCode.nullifies(s.code)
                XCTAssertEqual(oldAddress, ins + (nullified ? 0 : s.length), "old PSW address of " + what, file: file, line: line)
                if let c = s.cc { XCTAssertEqual(UInt8((oldMask >> 44) & 3), c, "cc in old PSW of " + what, file: file, line: line) }
            } else if s.code == 0, let c = s.cc {
                XCTAssertEqual(run.load(at + 64, as: UInt32.self), UInt32(c), "cc after " + what, file: file, line: line)
            }
            for (r, v) in s.expect.sorted(by: { $0.key < $1.key }) {
                XCTAssertEqual(hex(run.load(at + UInt64(8 * (r - 1)))), hex(v), "r\(r) after " + what, file: file, line: line)
            }
        }
    }

    /// Fixed-point divide (code 9) is suppressing: registers unchanged, the
    /// old PSW past the instruction.
    func testDivideExceptions() throws {
        let pair: [Int: UInt64] = [2: 0x2222, 3: 0x3333]
        func T9(_ asm: String, _ regs: [Int: UInt64], _ length: UInt64) -> Trap {
            G.T(asm, regs, code: 9, length: length, expect: [2: regs[2]!, 3: regs[3]!])
        }
        try trapBatch([
            T9("dr %r2,%r5", [2: 0, 3: 100, 5: 0], 2),                              // zero divisor
            T9("dr %r2,%r5", [2: 1, 3: 0, 5: 1], 2),                                // quotient 2^32
            T9("d %r2,0x30(%r9)", [2: 0x10, 3: 0], 4),                             // 2^36 / 16 = 2^32
            T9("dr %r2,%r5", [2: 0x8000_0000, 3: 0, 5: 0xFFFF_FFFF], 2),            // -2^63 / -1
            T9("dr %r2,%r5", [2: 0xFFFF_FFFF_FFFF_FFF8, 3: 0, 5: 0xFFFF_FFF0], 2),  // -2^35 / -16 = 2^31
            T9("dlr %r2,%r5", [2: 1, 3: 0, 5: 1], 4),
            T9("dl %r2,0x20(%r9)", [2: 0, 3: 5], 6),
            T9("dlgr %r2,%r5", [2: 5, 3: 0, 5: 5], 4),
            T9("dlg %r2,0x20(%r9)", [2: 0, 3: 5], 6),
            T9("dsgr %r2,%r5", [2: 0, 3: 0x8000_0000_0000_0000, 5: 0xFFFF_FFFF_FFFF_FFFF], 4),
            T9("dsg %r2,0x20(%r9)", [2: 0, 3: 5], 6),
            T9("dsgfr %r2,%r5", [2: 0, 3: 0x8000_0000_0000_0000, 5: 0xFFFF_FFFF], 4),
            T9("dsgf %r2,0x20(%r9)", [2: 0, 3: 5], 6),
            // Boundaries that do fit.
            G.T("dlr %r2,%r5", [2: 0, 3: 0xFFFF_FFFF, 5: 1], code: 0, length: 4, expect: [2: 0, 3: 0xFFFF_FFFF]),
            G.T("dlgr %r2,%r5", [2: 4, 3: 0, 5: 5], code: 0, length: 4, expect: [2: 4, 3: 0xCCCC_CCCC_CCCC_CCCC]),
            G.T("dsgr %r2,%r5", pair.merging([5: 0xFFFF_FFFF_FFFF_FFFF]) { $1 }, code: 0, length: 4,
                expect: [2: 0, 3: 0xFFFF_FFFF_FFFF_CCCD]),
        ])
    }

    /// The pair instructions need an even R1: specification exception
    /// (code 6), recognized before the storage operand is accessed (%r8
    /// points beyond storage, which would be an addressing exception).
    func testOddPairIsSpecificationException() throws {
        // The assembler refuses odd pairs, so these are spelled with .insn.
        let cases: [(String, String, UInt64)] = [
            ("MR", ".insn rr,0x1c00,%r3,%r4", 2), ("M", ".insn rx,0x5c000000,%r3,0(%r8)", 4),
            ("MFY", ".insn rxy,0xe3000000005c,%r1,0(%r8)", 6), ("MLR", ".insn rre,0xb9960000,%r5,%r4", 4),
            ("ML", ".insn rxy,0xe30000000096,%r5,0(%r8)", 6), ("MLGR", ".insn rre,0xb9860000,%r7,%r4", 4),
            ("MLG", ".insn rxy,0xe30000000086,%r7,0(%r8)", 6), ("DR", ".insn rr,0x1d00,%r3,%r4", 2),
            ("D", ".insn rx,0x5d000000,%r5,0(%r8)", 4), ("DLR", ".insn rre,0xb9970000,%r1,%r4", 4),
            ("DL", ".insn rxy,0xe30000000097,%r1,0(%r8)", 6), ("DLGR", ".insn rre,0xb9870000,%r3,%r4", 4),
            ("DLG", ".insn rxy,0xe30000000087,%r3,0(%r8)", 6), ("DSGR", ".insn rre,0xb90d0000,%r5,%r4", 4),
            ("DSG", ".insn rxy,0xe3000000000d,%r5,0(%r8)", 6), ("DSGFR", ".insn rre,0xb91d0000,%r7,%r4", 4),
            ("DSGF", ".insn rxy,0xe3000000001d,%r7,0(%r8)", 6),
        ]
        let regs: [Int: UInt64] = [1: 0x11, 2: 0x22, 3: 0x33, 4: 0x44, 5: 0x55, 6: 0x66, 7: 0x77, 8: 0x50_0000]
        try trapBatch(cases.map { G.T($0.1, regs, code: 6, length: $0.2, expect: regs) })
        // The spellings are the instructions meant.
        let code = try Assembler.assemble(cases.map(\.1).joined(separator: "\n")).bytes
        var offset = 0
        for (mnemonic, asm, length) in cases {
            var raw: UInt64 = 0
            for k in 0..<6 { raw = raw << 8 | UInt64(k < length ? code[offset + k] : 0) }
            XCTAssertEqual(InstructionSet.shared.definition(forRaw: raw)?.mnemonic, mnemonic, asm)
            offset += Int(length)
        }
    }

    /// Fixed-point overflow with the mask bit on: the result is stored, cc 3,
    /// then a program interruption (code 8) with the PSW past the instruction.
    func testFixedPointOverflowInterruption() throws {
        let min64: UInt64 = 0x8000_0000_0000_0000
        try trapBatch([
            G.T("ar %r1,%r2", [1: 0x7FFF_FFFF, 2: 1], code: 8, length: 2, expect: [1: 0x8000_0000], cc: 3),
            G.T("agr %r1,%r2", [1: min64, 2: min64], code: 8, length: 4, expect: [1: 0], cc: 3),
            G.T("ahi %r1,1", [1: 0x5_7FFF_FFFF], code: 8, length: 4, expect: [1: 0x5_8000_0000], cc: 3),
            G.T("sgr %r1,%r2", [1: 0, 2: min64], code: 8, length: 4, expect: [1: min64], cc: 3),
            G.T("lpr %r1,%r2", [1: 0, 2: 0x8000_0000], code: 8, length: 2, expect: [1: 0x8000_0000], cc: 3),
            G.T("lcgr %r1,%r2", [1: 0, 2: min64], code: 8, length: 4, expect: [1: min64], cc: 3),
            G.T("srk %r1,%r2,%r3", [1: 0, 2: 0x8000_0000, 3: 1], code: 8, length: 4, expect: [1: 0x7FFF_FFFF], cc: 3),
            G.T("aghik %r1,%r3,-1", [1: 0, 3: min64], code: 8, length: 6, expect: [1: min64 - 1], cc: 3),
            G.T("aih %r1,-1", [1: min64], code: 8, length: 6, expect: [1: 0x7FFF_FFFF_0000_0000], cc: 3),
            G.T("shhlr %r1,%r2,%r3", [1: 0, 2: min64, 3: 1], code: 8, length: 4, expect: [1: 0x7FFF_FFFF_0000_0000], cc: 3),
            G.T("iilf %r1,0x7fffffff\nst %r1,0(%r10)\nasi 0(%r10),1", code: 8, length: 6,
                after: "llgf %r1,0(%r10)", expect: [1: 0x8000_0000], cc: 3),
            G.T("mvghi 4(%r10),-1\nllihf %r1,0x80000000\nstg %r1,4(%r10)\nagsi 4(%r10),-1", code: 8, length: 6,
                after: "lg %r1,4(%r10)", expect: [1: 0x7FFF_FFFF_FFFF_FFFF], cc: 3),
            // Logical operations and single-length multiplies never overflow.
            G.T("alr %r1,%r2", [1: 0xFFFF_FFFF, 2: 1], code: 0, length: 2, expect: [1: 0], cc: 2),
            G.T("slgr %r1,%r2", [1: 0, 2: 1], code: 0, length: 4, expect: [1: 0xFFFF_FFFF_FFFF_FFFF], cc: 1),
            G.T("msgr %r1,%r1", [1: 0x1_0000_0001], code: 0, length: 4, expect: [1: 0x2_0000_0001]),
            G.T("alsi 0(%r10),-1", code: 0, length: 6, cc: 1),
        ], overflowMask: true)
    }

    /// Access exceptions (an operand beyond the 4 MiB machine: addressing,
    /// code 5) suppress the instruction; multiple loads/stores check the whole
    /// operand first. A zero mask: ICM and CLM still access one byte, STCM
    /// accesses nothing.
    func testAddressingExceptions() throws {
        let end: UInt64 = 4 << 20
        let regs: [Int: UInt64] = [1: 0x1111, 2: 0x2222, 3: end - 8, 4: end]
        try trapBatch([
            G.T("l %r1,0(%r4)", regs, code: 5, length: 4, expect: [1: 0x1111]),
            G.T("lg %r1,4(%r3)", regs, code: 5, length: 6, expect: [1: 0x1111]),
            G.T("stg %r1,4(%r3)", regs, code: 5, length: 6, after: "lg %r1,0(%r3)", expect: [1: 0xA1A1_A1A1_A2A2_A2A2]),
            G.T("stmg %r1,%r2,0(%r3)", regs, code: 5, length: 6, after: "lg %r1,0(%r3)", expect: [1: 0xA1A1_A1A1_A2A2_A2A2]),
            G.T("stm %r1,%r2,4(%r3)", regs, code: 5, length: 4, after: "lg %r1,0(%r3)", expect: [1: 0xA1A1_A1A1_A2A2_A2A2]),
            G.T("lmg %r1,%r2,0(%r3)", regs, code: 5, length: 6, expect: [1: 0x1111, 2: 0x2222]),
            G.T("lmh %r1,%r2,4(%r3)", regs, code: 5, length: 6, expect: [1: 0x1111, 2: 0x2222]),
            G.T("asi 0(%r4),1", regs, code: 5, length: 6),
            G.T("algsi 0(%r3),1", regs, code: 0, length: 6, after: "lg %r1,0(%r3)", expect: [1: 0xA1A1_A1A1_A2A2_A2A3]),
            G.T("icm %r1,0,0(%r4)", regs, code: 5, length: 4),
            G.T("clmy %r1,0,0(%r4)", regs, code: 5, length: 6),
            G.T("stcm %r1,0,0(%r4)", regs, code: 0, length: 4),
            G.T("icm %r1,3,7(%r3)", regs, code: 5, length: 4, expect: [1: 0x1111]),
            G.T("stcmh %r1,7,6(%r3)", regs, code: 5, length: 6, after: "lg %r1,0(%r3)", expect: [1: 0xA1A1_A1A1_A2A2_A2A3]),
        ]) { _, mem in mem.store(UInt64(0xA1A1_A1A1_A2A2_A2A2), at: end - 8) }
    }

    /// LRL-type operands must be aligned (specification exception, code 6,
    /// recognized before the access); the halfword forms are always aligned.
    func testRelativeLongAlignment() throws {
        let r: [Int: UInt64] = [1: 0x1111]
        try trapBatch([
            G.T("lrl %r1,.Lbase+0x10002", r, code: 6, length: 6, expect: r),
            G.T("lgrl %r1,.Lbase+0x10004", r, code: 6, length: 6, expect: r),
            G.T("lgfrl %r1,.Lbase+0x10002", r, code: 6, length: 6, expect: r),
            G.T("llgfrl %r1,.Lbase+0x3f0002", r, code: 6, length: 6, expect: r),   // also beyond storage
            G.T("strl %r1,.Lbase+0x10006", r, code: 6, length: 6),
            G.T("stgrl %r1,.Lbase+0x1000c", r, code: 6, length: 6),
            G.T("crl %r1,.Lbase+0x1000a", r, code: 6, length: 6),
            G.T("cgrl %r1,.Lbase+0x10004", r, code: 6, length: 6),
            G.T("cgfrl %r1,.Lbase+0x1000a", r, code: 6, length: 6),
            G.T("clrl %r1,.Lbase+0x10002", r, code: 6, length: 6),
            G.T("clgrl %r1,.Lbase+0x1000c", r, code: 6, length: 6),
            G.T("clgfrl %r1,.Lbase+0x10006", r, code: 6, length: 6),
            G.T("lgrl %r1,.Lbase+0x3f0000", r, code: 5, length: 6, expect: r),     // aligned, beyond storage
            G.T("lghrl %r1,.Lbase+0x1003e", code: 0, length: 6, expect: [1: 0xFFFF_FFFF_FFFF_8000]),
            G.T("sthrl %r1,.Lbase+0x10102", [1: 0x8001], code: 0, length: 6, after: "lg %r1,0x100(%r9)",
                expect: [1: 0x0000_8001_0000_0000]),
        ])
    }
}

extension GeneralTests {
    /// The same rules seen through the harness's own interruption record
    /// (a cross-check of `trapBatch`).
    func testInterruptionsThroughHarness() throws {
        let fpo = try G.run("lhi %r3,1\nar %r1,%r2") { cpu, _ in
            cpu.r[1] = 0x7FFF_FFFF; cpu.r[2] = 1; G.overflowMaskOn(cpu)
        }
        XCTAssertEqual(fpo.programCode, 8)
        XCTAssertEqual(fpo.ilc, 2)
        XCTAssertEqual(fpo.oldPSW.address, GuestRun.origin + 6)
        XCTAssertEqual(fpo.cc, 3)
        XCTAssertEqual(fpo.r(1), 0x8000_0000)

        let addressing = try G.run("lmg %r1,%r2,0(%r3)") { cpu, _ in
            cpu.r[1] = 0x1111; cpu.r[2] = 0x2222; cpu.r[3] = (4 << 20) - 8
        }
        XCTAssertEqual(addressing.programCode, 5)
        XCTAssertEqual(addressing.ilc, 6)
        XCTAssertEqual(addressing.oldPSW.address, GuestRun.origin + 6)
        XCTAssertEqual(addressing.r(1), 0x1111)
        XCTAssertEqual(addressing.r(2), 0x2222)
    }
}

extension GeneralTests {
    /// MONITOR CALL: no-op while the class's CR8 mask bit (48 + class) is off;
    /// otherwise a monitor-event interruption (0x0040) after the completed
    /// instruction, class at 148-149, first-operand address at 176-183.
    func testMonitorCall() throws {
        let off = try GuestRun("mc 0x123,1")
        XCTAssertTrue(off.finished)

        let on = try GuestRun("lghi %r2,1\nmc 0x123,1") { cpu, _ in cpu.cr[8] = 1 << (63 - 49) }
        XCTAssertEqual(on.programCode, 0x40)
        XCTAssertEqual(on.ilc, 4)
        XCTAssertEqual(on.oldPSW.address, GuestRun.origin + 8)
        XCTAssertEqual(on.load(0x94, as: UInt16.self), 1)
        XCTAssertEqual(on.load(0xB0, as: UInt64.self), 0x123)

        // Another class's mask bit does not enable class 1.
        let other = try GuestRun("mc 0x123,1") { cpu, _ in cpu.cr[8] = 0xFFFF & ~(1 << (63 - 49)) }
        XCTAssertTrue(other.finished)

        // Class 15 with base and displacement; the code is the full 64-bit address.
        let c15 = try GuestRun("mc 0x10(%r3),15") { cpu, _ in cpu.cr[8] = 1; cpu.r[3] = 0xABCD_0000_0000_0000 }
        XCTAssertEqual(c15.programCode, 0x40)
        XCTAssertEqual(c15.load(0x94, as: UInt16.self), 15)
        XCTAssertEqual(c15.load(0xB0, as: UInt64.self), 0xABCD_0000_0000_0010)

        // 24-bit mode: the address wraps to 24 bits, zeros on the left.
        let wrap = try GuestRun("sam24\nmc 0x10(%r3),2") { cpu, _ in cpu.cr[8] = 1 << (63 - 50); cpu.r[3] = 0xFFFF_FFFF_FFFF_FFF8 }
        XCTAssertEqual(wrap.programCode, 0x40)
        XCTAssertEqual(wrap.load(0xB0, as: UInt64.self), 8)

        // I2 bits 8-11 not zero: specification, even with the class disabled.
        let spec = try GuestRun("mc 0,0x11")
        XCTAssertEqual(spec.programCode, 6)
        XCTAssertEqual(spec.ilc, 4)
        XCTAssertEqual(spec.oldPSW.address, GuestRun.origin + 4)
    }
}
