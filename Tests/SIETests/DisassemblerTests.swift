import Foundation
import XCTest
@testable import SIE

/// The disassembler against GNU objdump, for every row of the instruction
/// table: each row is encoded with its operand fields (those its syntax names)
/// filled with every nibble value 0-15 and with pseudo-random values, all
/// encodings go into one object file, `s390x-linux-gnu-objdump -d` decodes it
/// once, and every line must equal `Disassembler.text(raw:length:address:)`.
final class DisassemblerTests: XCTestCase {
    /// Rows objdump does not decode, with the reason. Their encodings are still
    /// disassembled (the text must not be empty) but not compared.
    static let notInObjdump: [String: String] = [
        "SERVC": "SCLP service call: not in the Principles of Operation, so not in binutils",
        "CHSC": "channel-subsystem call: not in the Principles of Operation, so not in binutils",
    ]

    struct Case { let row: Int; let raw: UInt64; let length: Int; let address: UInt64 }

    /// Encodings of every row: opcode bits plus operand bits.
    static func encodings() -> (cases: [Case], problems: [String]) {
        let set = InstructionSet.shared
        var cases: [Case] = []
        var problems: [String] = []
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random() -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return seed >> 16
        }
        var address: UInt64 = 0
        for (n, d) in set.definitions.enumerated() {
            let (first, ext) = d.opcodeBytes
            var opcode = UInt64(first) << 40, opcodeBits: UInt64 = 0xFF << 40
            switch set.extensionKind[Int(first)] {
            case .none: break
            case .byteAt8: opcode |= UInt64(ext) << 32; opcodeBits |= 0xFF << 32
            case .nibbleAt12: opcode |= UInt64(ext) << 32; opcodeBits |= 0xF << 32
            case .byteAt40: opcode |= UInt64(ext); opcodeBits |= 0xFF
            }
            let length = instructionLength(firstByte: first)
            let lengthBits: UInt64 = (1 << UInt64(8 * length) - 1) << UInt64(8 * (6 - length))
            let used = Disassembler.operandBits(ofRow: n)
            if used & opcodeBits != 0 || used & ~lengthBits != 0 || opcodeBits & ~lengthBits != 0 {
                problems.append("\(d.mnemonic) (\(d.opcode), \(d.format)): operand fields overlap the opcode or exceed the length \(length)")
                continue
            }
            var patterns: [UInt64] = (0..<16).map { UInt64($0) * 0x1111_1111_1111 }
            for _ in 0..<8 { patterns.append(random()) }
            var seen = Set<UInt64>()
            for p in patterns {
                let raw = opcode | (p & used)
                guard seen.insert(raw).inserted else { continue }
                cases.append(Case(row: n, raw: raw, length: length, address: address))
                address += UInt64(length)
            }
        }
        return (cases, problems)
    }

    func testEveryRowMatchesObjdump() throws {
        let set = InstructionSet.shared
        let (cases, problems) = DisassemblerTests.encodings()
        XCTAssertEqual(problems, [], "table rows whose format does not fit their opcode")

        // One object file with every encoding.
        var source = ".text\n"
        for c in cases {
            let bytes = (0..<c.length).map { String(format: "0x%02llx", (c.raw >> UInt64(40 - 8 * $0)) & 0xFF) }
            source += ".byte " + bytes.joined(separator: ",") + "\n"
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("s390host-disasm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("all.s"), obj = dir.appendingPathComponent("all.o")
        try source.write(to: src, atomically: true, encoding: .utf8)
        try Assembler.run("s390x-linux-gnu-as", ["-m64", "-o", obj.path, src.path])
        let listing = try Assembler.run("s390x-linux-gnu-objdump", ["-d", obj.path])

        // "   a:\t07 05             \tnopr\t%r5" → address 0xa, text "nopr\t%r5".
        var objdump: [UInt64: String] = [:]
        for line in listing.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].hasSuffix(":"),
                  let a = UInt64(parts[0].dropLast().trimmingCharacters(in: .whitespaces), radix: 16) else { continue }
            objdump[a] = parts[2].trimmingCharacters(in: .whitespaces)
        }

        var mismatches: [String] = []
        var mismatchedRows = Set<String>()
        var perRow: [Int: Int] = [:]
        for c in cases {
            let d = set.definitions[c.row]
            let ours = Disassembler.text(raw: c.raw, length: c.length, address: c.address)
            let theirs = objdump[c.address] ?? "(no instruction at this address)"
            if DisassemblerTests.notInObjdump[d.mnemonic] != nil {
                XCTAssertFalse(ours.isEmpty || ours.hasPrefix(".long"), d.mnemonic)
                XCTAssertTrue(theirs.hasPrefix(".long"), "objdump now decodes \(d.mnemonic) (\(theirs)): compare it")
                continue
            }
            if ours != theirs {
                mismatchedRows.insert(d.mnemonic)
                perRow[c.row, default: 0] += 1
                if perRow[c.row]! <= 3 {
                    let hex = String(c.raw >> UInt64(8 * (6 - c.length)), radix: 16)
                    mismatches.append("\(d.mnemonic) \(d.format) \(hex): ours \"\(ours)\" objdump \"\(theirs)\"")
                }
            }
        }
        XCTAssertTrue(mismatches.isEmpty, """
            \(mismatchedRows.count) rows differ from objdump (\(perRow.values.reduce(0, +)) of \(cases.count) encodings):
            \(mismatches.joined(separator: "\n"))
            """)
        // Every row is covered.
        XCTAssertEqual(Set(cases.map(\.row)).count, set.definitions.count - problems.count)
    }

    /// Text of a few well-known instructions, independent of objdump.
    func testKnownTexts() {
        func text(_ bytes: [UInt8], at address: UInt64 = 0x1000) -> String {
            var raw: UInt64 = 0
            for b in bytes { raw = raw << 8 | UInt64(b) }
            raw <<= UInt64(8 * (6 - bytes.count))
            return Disassembler.text(raw: raw, length: bytes.count, address: address)
        }
        XCTAssertEqual(text([0x98, 0x13, 0x50, 0x08]), "lm\t%r1,%r3,8(%r5)")
        XCTAssertEqual(text([0x89, 0x10, 0x50, 0x08]), "sll\t%r1,8(%r5)")
        XCTAssertEqual(text([0xA7, 0x74, 0x00, 0x04]), "jne\t0x1008")
        XCTAssertEqual(text([0x07, 0xFE]), "br\t%r14")
        XCTAssertEqual(text([0x07, 0x00]), "nopr")
        XCTAssertEqual(text([0x47, 0x33, 0x00, 0x08]), "bnle\t8(%r3,%r0)")
        XCTAssertEqual(text([0xEB, 0xFD, 0x5F, 0xF8, 0xFF, 0x6A]), "asi\t-8(%r5),-3")
        XCTAssertEqual(text([0xE5, 0x55, 0x50, 0x08, 0xFF, 0xFF]), "clhhsi\t8(%r5),65535")
        XCTAssertEqual(text([0xB9, 0xF2, 0x70, 0x12]), "locrne\t%r1,%r2")
        XCTAssertEqual(text([0xB9, 0xF2, 0xF0, 0x12]), "locr\t%r1,%r2,15")
        XCTAssertEqual(text([0xEC, 0x12, 0x00, 0x04, 0x80, 0x76]), "crje\t%r1,%r2,0x1008")
        XCTAssertEqual(text([0xEC, 0x12, 0x03, 0x84, 0x05, 0x55]), "risbgz\t%r1,%r2,3,4,5")
        XCTAssertEqual(text([0xB3, 0x94, 0x50, 0x12]), "cefbra\t%f1,5,%r2,0")
        XCTAssertEqual(text([0xB3, 0x94, 0x00, 0x12]), "cefbr\t%f1,%r2")
        XCTAssertEqual(text([0xB2, 0x21, 0x30, 0x12]), "ipte\t%r1,%r2,%r3")
        XCTAssertEqual(text([0xB9, 0xE1, 0x80, 0x12]), "popcnt\t%r1,%r2,8")
        XCTAssertEqual(text([0xC8, 0x24, 0x50, 0x08, 0x60, 0x10]), "lpd\t%r2,8(%r5),16(%r6)")
        XCTAssertEqual(text([0xB3, 0x0A, 0x00, 0x12]), "aebr\t%f1,%f2")
    }
}
