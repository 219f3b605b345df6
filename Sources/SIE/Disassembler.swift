import Foundation

/// Turns instruction bits into assembler text in the syntax of GNU objdump
/// (`s390x-linux-gnu-objdump -d`), derived from the instruction table's formats.
public enum Disassembler {
    /// `raw` is the instruction left-aligned in 48 bits; `address` (if known)
    /// turns relative operands into absolute targets as objdump prints them.
    public static func text(raw: UInt64, length: Int, address: UInt64? = nil) -> String {
        guard let d = InstructionSet.shared.definition(forRaw: raw) else {
            return String(format: ".long 0x%llx", raw >> UInt64(8 * (6 - length)))
        }
        let ops = operands(d.format, raw, address: address)
        let m = d.mnemonic.lowercased()
        return ops.isEmpty ? m : m + "\t" + ops.joined(separator: ",")
    }

    static func reg(_ n: Int) -> String { "%r\(n)" }
    static func freg(_ n: Int) -> String { "%f\(n)" }
    static func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
    static func sdec(_ v: Int64) -> String { String(v) }

    static func addr(_ d: Int64, _ x: Int, _ b: Int) -> String {
        if x == 0 && b == 0 { return "\(d)" }
        if x == 0 { return "\(d)(\(reg(b)))" }
        return "\(d)(\(reg(x)),\(reg(b)))"
    }
    static func addrLen(_ d: Int64, _ l: Int, _ b: Int) -> String {
        "\(d)(\(l),\(reg(b)))"
    }
    static func rel(_ raw: UInt64, imm: Int64, address: UInt64?) -> String {
        if let a = address { return hex(a &+ UInt64(bitPattern: imm * 2)) }
        return sdec(imm * 2)
    }

    static func operands(_ f: InstructionFormat, _ raw: UInt64, address: UInt64?) -> [String] {
        let dl = Int64(d20(raw))
        let dy = Int64(bitPattern: dl20dh32(raw))
        switch f {
        case .E: return []
        case .I: return ["\(Int((raw >> 32) & 0xFF))"]
        case .RR: return [reg(f8(raw)), reg(f12(raw))]
        case .RRE: return [reg(f24(raw)), reg(f28(raw))]
        case .RRD: return [reg(f16(raw)), reg(f24(raw)), reg(f28(raw))]
        case .RRFa, .RRFb: return [reg(f24(raw)), reg(f28(raw)), reg(f16(raw))]
        case .RRFc: return [reg(f24(raw)), reg(f28(raw)), "\(f16(raw))"]
        case .RRFd: return [reg(f24(raw)), reg(f28(raw)), "\(f20(raw))"]
        case .RRFe: return [reg(f24(raw)), "\(f16(raw))", reg(f28(raw))]
        case .RXa, .RXb: return [reg(f8(raw)), addr(dl, f12(raw), f16(raw))]
        case .RXE: return [reg(f8(raw)), addr(dl, f12(raw), f16(raw))]
        case .RXF: return [reg(f32(raw)), reg(f8(raw)), addr(dl, f12(raw), f16(raw))]
        case .RXYa, .RXYb: return [reg(f8(raw)), addr(dy, f12(raw), f16(raw))]
        case .RSa: return [reg(f8(raw)), addr(dl, 0, f16(raw))]
        case .RSb: return [reg(f8(raw)), "\(f12(raw))", addr(dl, 0, f16(raw))]
        case .RSYa: return [reg(f8(raw)), reg(f12(raw)), addr(dy, 0, f16(raw))]
        case .RSYb: return [reg(f8(raw)), "\(f12(raw))", addr(dy, 0, f16(raw))]
        case .RSI: return [reg(f8(raw)), reg(f12(raw)), rel(raw, imm: i16s(raw), address: address)]
        case .RSLa: return [addrLen(dl, f8(raw) + 1, f16(raw))]
        case .RSLb: return [reg(f32(raw)), addrLen(dl, Int((raw >> 32) & 0xFF) + 1, f16(raw)), "\(f36(raw))"]
        case .RIa: return [reg(f8(raw)), sdec(i16s(raw))]
        case .RIb: return [reg(f8(raw)), rel(raw, imm: i16s(raw), address: address)]
        case .RIc: return ["\(f8(raw))", rel(raw, imm: i16s(raw), address: address)]
        case .RILa: return [reg(f8(raw)), sdec(i32s(raw))]
        case .RILb: return [reg(f8(raw)), rel(raw, imm: i32s(raw), address: address)]
        case .RILc: return ["\(f8(raw))", rel(raw, imm: i32s(raw), address: address)]
        case .RIEa: return [reg(f8(raw)), sdec(i16s(raw)), "\(f32(raw))"]
        case .RIEb: return [reg(f8(raw)), reg(f12(raw)), "\(f32(raw))", rel(raw, imm: i16s(raw), address: address)]
        case .RIEc: return [reg(f8(raw)), sdec(i8at32s(raw)), "\(f12(raw))", rel(raw, imm: i16s(raw), address: address)]
        case .RIEd: return [reg(f8(raw)), reg(f12(raw)), sdec(i16s(raw))]
        case .RIEe: return [reg(f8(raw)), reg(f12(raw)), rel(raw, imm: i16s(raw), address: address)]
        case .RIEf: return [reg(f8(raw)), reg(f12(raw)), "\((raw >> 24) & 0xFF)", "\((raw >> 16) & 0xFF)", "\((raw >> 8) & 0xFF)"]
        case .RIEg: return [reg(f8(raw)), sdec(i16s(raw)), "\(f12(raw))"]
        case .RIS: return [reg(f8(raw)), sdec(i8at32s(raw)), "\(f12(raw))", addr(dl, 0, f16(raw))]
        case .RRS: return [reg(f8(raw)), reg(f12(raw)), "\(f32(raw))", addr(dl, 0, f16(raw))]
        case .S: return [addr(dl, 0, f16(raw))]
        case .SI: return [addr(dl, 0, f16(raw)), "\(i8at8(raw))"]
        case .SIY: return [addr(dy, 0, f16(raw)), "\(i8at8(raw))"]
        case .SIL: return [addr(dl, 0, f16(raw)), sdec(i32s16(raw))]
        case .SSa: return [addrLen(dl, Int((raw >> 32) & 0xFF) + 1, f16(raw)), addr(Int64(d36(raw)), 0, f32(raw))]
        case .SSb: return [addrLen(dl, f8(raw) + 1, f16(raw)), addrLen(Int64(d36(raw)), f12(raw) + 1, f32(raw))]
        case .SSc: return [addrLen(dl, f8(raw) + 1, f16(raw)), addr(Int64(d36(raw)), 0, f32(raw)), "\(f12(raw))"]
        case .SSd: return [addrLen(dl, 0, f16(raw)).replacingOccurrences(of: "(0,", with: "(\(reg(f8(raw))),"), addr(Int64(d36(raw)), 0, f32(raw)), reg(f12(raw))]
        case .SSe: return [reg(f8(raw)), reg(f12(raw)), addr(dl, 0, f16(raw)), addr(Int64(d36(raw)), 0, f32(raw))]
        case .SSf: return [addr(dl, 0, f16(raw)), addrLen(Int64(d36(raw)), Int((raw >> 32) & 0xFF) + 1, f32(raw))]
        case .SSE: return [addr(dl, 0, f16(raw)), addr(Int64(d36(raw)), 0, f32(raw))]
        case .SSF: return [addr(dl, 0, f16(raw)), addr(Int64(d36(raw)), 0, f32(raw)), reg(f8(raw))]
        case .IE: return ["\((raw >> 20) & 0xF)", "\((raw >> 16) & 0xF)"]
        case .MII, .SMI: return [hex(raw)]
        }
    }
}
