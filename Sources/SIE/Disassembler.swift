import Foundation

/// Turns instruction bits into assembler text exactly as GNU objdump
/// (`s390x-linux-gnu-objdump -d`, binutils 2.40) prints it, derived from the
/// instruction table: each row's operand syntax is its `syntax` string, or the
/// default syntax of its format.
///
/// ## Syntax strings
///
/// A syntax string is one or more forms separated by `" | "`. A form is an
/// optional lowercase mnemonic (pattern) followed by the operands in assembler
/// order, separated by commas: `"R1,R3,D2(B2)"`, `"cefbra F1,M3,R2,M4"`.
/// Operands name PoP fields of the row's format by their number:
///
/// - `R1` general register (`%r1`), `F1` floating-point register (`%f1`),
///   `A1` access register (`%a1`), `C1` control register (`%c1`);
/// - `M3` mask, `U2` unsigned immediate, `I2` signed immediate (decimal);
/// - `J2` relative-immediate operand (halfwords from the instruction), printed
///   as the target address;
/// - `D2(X2,B2)`, `D2(B2)`, `D1(L1,B1)` (length code + 1), `D1(R1,B1)`: storage
///   operands; index 0 is omitted, base 0 is omitted when nothing precedes it
///   in the parentheses.
///
/// Modifiers after an operand: `?` optional (trailing optional operands that
/// are zero are not printed); `:z` (any lowercase suffix) the field is a flag
/// bit, a reserved bit and a value (RISBG I4): when the flag is one and the
/// reserved bit zero, the suffix goes to the mnemonic and only the value is
/// printed.
///
/// The mnemonic pattern may hold a condition placeholder taking the form's
/// mask operand into the mnemonic (the mask is then not printed):
/// `{b}` branch conditions (all 16 masks; 0 is `nop` replacing a leading `b`,
/// 15 the empty string), `{o}` on-condition (masks 1-14), `{c}` compare
/// conditions (masks 2, 4, 6, 8, 10, 12: h, l, ne, e, nl, nh). Masks without
/// a name print the bare pattern and the mask operand.
///
/// With several forms, the first form is used for which every field that
/// the other forms name and it does not is zero (`"F1,R2 | cefbra F1,M3,R2,M4"`:
/// `cefbr` when M3 and M4 are zero). A form without a mnemonic uses the row's.
public enum Disassembler {
    /// `raw` is the instruction left-aligned in 48 bits; `address` (if known)
    /// turns relative operands into absolute targets as objdump prints them.
    public static func text(raw: UInt64, length: Int, address: UInt64? = nil) -> String {
        let raw = raw & 0xFFFF_FFFF_FFFF
        let i = InstructionSet.shared.lookup(raw)
        guard i != 0 else {
            return String(format: ".long 0x%llx", raw >> UInt64(8 * (6 - length)))
        }
        return syntaxes[i - 1].text(raw, address: address)
    }

    /// The parsed syntax of every table row, by table index.
    static let syntaxes: [Syntax] = InstructionSet.shared.definitions.map { Syntax($0) }

    /// The bits of `raw` that the row's operands (in any of its forms) come from.
    static func operandBits(ofRow index: Int) -> UInt64 { syntaxes[index].fieldBits }

    /// The syntax of a format's rows when they don't give one.
    static func defaultSyntax(_ f: InstructionFormat) -> String {
        switch f {
        case .E: return ""
        case .I: return "U1"
        case .IE: return "U1,U2"
        case .MII: return "M1,J2,J3"
        case .SMI: return "M1,J2,D3(B3)"
        case .RR, .RRE: return "R1,R2"
        case .RRD: return "R1,R3,R2"
        case .RRFa: return "R1,R2,R3"
        case .RRFb: return "R1,R3,R2"
        case .RRFc: return "R1,R2,M3"
        case .RRFd: return "R1,R2,M4"
        case .RRFe: return "R1,M3,R2"
        case .RXa, .RXE, .RXYa: return "R1,D2(X2,B2)"
        case .RXb, .RXYb: return "M1,D2(X2,B2)"
        case .RXF: return "R1,R3,D2(X2,B2)"
        case .RSa, .RSYa: return "R1,R3,D2(B2)"
        case .RSb, .RSYb: return "R1,M3,D2(B2)"
        case .RSI: return "R1,R3,J2"
        case .RSLa: return "D1(L1,B1)"
        case .RSLb: return "R1,D2(L2,B2),M3"
        case .RIa, .RILa: return "R1,I2"
        case .RIb, .RILb: return "R1,J2"
        case .RIc, .RILc: return "M1,J2"
        case .RIEa: return "R1,I2,M3"
        case .RIEb: return "R1,R2,M3,J4"
        case .RIEc: return "R1,I2,M3,J4"
        case .RIEd: return "R1,R3,I2"
        case .RIEe: return "R1,R3,J2"
        case .RIEf: return "R1,R2,U3,U4,U5"
        case .RIEg: return "R1,I2,M3"
        case .RIS: return "R1,I2,M3,D4(B4)"
        case .RRS: return "R1,R2,M3,D4(B4)"
        case .S: return "D2(B2)"
        case .SI, .SIY: return "D1(B1),U2"
        case .SIL: return "D1(B1),I2"
        case .SSa: return "D1(L1,B1),D2(B2)"
        case .SSb: return "D1(L1,B1),D2(L2,B2)"
        case .SSc: return "D1(L1,B1),D2(B2),U3"
        case .SSd: return "D1(R1,B1),D2(B2),R3"
        case .SSe: return "R1,R3,D2(B2),D4(B4)"
        case .SSf: return "D1(B1),D2(L2,B2)"
        case .SSE: return "D1(B1),D2(B2)"
        case .SSF: return "D1(B1),D2(B2),R3"
        }
    }

    /// Where a format's fields are: "n" is operand n's register, mask,
    /// immediate or length field; "Dn", "Xn", "Bn" its displacement, index and
    /// base. Each entry is name@bit[:width] (width 4 unless given; a 20-bit
    /// displacement is DL at 20-31 with DH at 32-39).
    static func layout(_ f: InstructionFormat) -> String {
        let rx = "1@8 X2@12 B2@16 D2@20:12", rxy = "1@8 X2@12 B2@16 D2@20:20"
        let rs = "1@8 3@12 B2@16 D2@20:12", rsy = "1@8 3@12 B2@16 D2@20:20"
        let ss = "B1@16 D1@20:12 B2@32 D2@36:12"
        switch f {
        case .E: return ""
        case .I: return "1@8:8"
        case .IE: return "1@24 2@28"
        case .MII: return "1@8 2@12:12 3@24:24"
        case .SMI: return "1@8 B3@16 D3@20:12 2@32:16"
        case .RR: return "1@8 2@12"
        case .RRE: return "1@24 2@28"
        case .RRD: return "1@16 3@24 2@28"
        case .RRFa, .RRFb, .RRFc, .RRFd, .RRFe: return "3@16 4@20 1@24 2@28"
        case .RXa, .RXb: return rx
        case .RXE: return rx + " 3@32"
        case .RXF: return "3@8 X2@12 B2@16 D2@20:12 1@32"
        case .RXYa, .RXYb: return rxy
        case .RSa, .RSb: return rs
        case .RSYa, .RSYb: return rsy
        case .RSI: return "1@8 3@12 2@16:16"
        case .RSLa: return "1@8 B1@16 D1@20:12"
        case .RSLb: return "2@8:8 B2@16 D2@20:12 1@32 3@36"
        case .RIa, .RIb, .RIc: return "1@8 2@16:16"
        case .RILa, .RILb, .RILc: return "1@8 2@16:32"
        case .RIEa: return "1@8 2@16:16 3@32"
        case .RIEb: return "1@8 2@12 4@16:16 3@32"
        case .RIEc: return "1@8 3@12 4@16:16 2@32:8"
        case .RIEd, .RIEe, .RIEg: return "1@8 3@12 2@16:16"
        case .RIEf: return "1@8 2@12 3@16:8 4@24:8 5@32:8"
        case .RIS: return "1@8 3@12 B4@16 D4@20:12 2@32:8"
        case .RRS: return "1@8 2@12 B4@16 D4@20:12 3@32"
        case .S: return "B2@16 D2@20:12"
        case .SI: return "2@8:8 B1@16 D1@20:12"
        case .SIY: return "2@8:8 B1@16 D1@20:20"
        case .SIL: return "B1@16 D1@20:12 2@32:16"
        case .SSa: return "1@8:8 " + ss
        case .SSf: return "2@8:8 " + ss
        case .SSb: return "1@8 2@12 " + ss
        case .SSc, .SSd: return "1@8 3@12 " + ss
        case .SSe: return "1@8 3@12 B2@16 D2@20:12 B4@32 D4@36:12"
        case .SSF: return "3@8 " + ss
        case .SSE: return ss
        }
    }
}

/// One row's operand syntax, parsed from its syntax string.
struct Syntax {
    struct Field {
        let pos: Int, width: Int
        var bits: UInt64 { ((1 << UInt64(width)) - 1) << UInt64(48 - pos - width) }
        func value(_ raw: UInt64) -> UInt64 { (raw >> UInt64(48 - pos - width)) & ((1 << UInt64(width)) - 1) }
        func signed(_ raw: UInt64) -> Int64 {
            let v = value(raw)
            if width == 20 && pos == 20 {   // DL (12 bits) then DH (8 bits, signed)
                return Int64(Int8(truncatingIfNeeded: v)) << 12 | Int64(v >> 8)
            }
            return Int64(bitPattern: v << UInt64(64 - width)) >> Int64(64 - width)
        }
    }
    enum Kind: Character { case gpr = "R", fpr = "F", ar = "A", cr = "C", mask = "M", unsigned = "U", signed = "I", relative = "J", length = "L", index = "X" }
    enum Shape {
        case value(Kind, Field)
        case address(disp: Field, inner: (Kind, Field)?, base: Field)
    }
    struct Operand {
        let shape: Shape
        var optional = false
        /// The field's leftmost bits 10 select this mnemonic suffix.
        var flagSuffix: String? = nil
    }
    struct Form {
        var prefix: String
        /// Condition class ("b", "o", "c") and the mask operand it takes.
        var condition: Character?
        var conditionOperand = -1
        var suffix = ""
        var operands: [Operand] = []
        var bits: UInt64 = 0
    }

    let forms: [Form]
    let fieldBits: UInt64

    init(_ d: InstructionDefinition) {
        let source = d.syntax ?? Disassembler.defaultSyntax(d.format)
        var fields: [String: Field] = [:]
        for entry in Disassembler.layout(d.format).split(separator: " ") {
            let parts = entry.split(separator: "@")
            let pw = parts[1].split(separator: ":")
            fields[String(parts[0])] = Field(pos: Int(pw[0])!, width: pw.count > 1 ? Int(pw[1])! : 4)
        }
        func field(_ name: Substring) -> Field {
            guard let f = fields[String(name)] else {
                preconditionFailure("\(d.mnemonic): no field \(name) in format \(d.format) (syntax \"\(source)\")")
            }
            return f
        }
        var forms: [Form] = []
        for text in source.components(separatedBy: " | ") {
            var form = Form(prefix: d.mnemonic.lowercased())
            var ops = Substring(text)
            if let first = text.first, first.isLowercase || first == "{" {
                let mn = text.split(separator: " ", maxSplits: 1)
                ops = mn.count > 1 ? mn[1] : ""
                let pattern = mn[0]
                if let open = pattern.firstIndex(of: "{") {
                    let close = pattern.firstIndex(of: "}")!
                    if open != pattern.startIndex { form.prefix = String(pattern[..<open]) }
                    form.condition = pattern[pattern.index(after: open)]
                    form.suffix = String(pattern[pattern.index(after: close)...])
                } else {
                    form.prefix = String(pattern)
                }
            }
            // Split at commas outside parentheses.
            var tokens: [Substring] = []
            var depth = 0, start = ops.startIndex
            for i in ops.indices {
                if ops[i] == "(" { depth += 1 } else if ops[i] == ")" { depth -= 1 }
                else if ops[i] == "," && depth == 0 { tokens.append(ops[start..<i]); start = ops.index(after: i) }
            }
            if !ops.isEmpty { tokens.append(ops[start...]) }
            for var t in tokens {
                var op: Operand
                var optional = false, flagSuffix: String? = nil
                if t.hasSuffix("?") { optional = true; t = t.dropLast() }
                if let colon = t.firstIndex(of: ":") {
                    flagSuffix = String(t[t.index(after: colon)...]); t = t[..<colon]
                }
                if t.first == "D", let open = t.firstIndex(of: "(") {
                    let disp = field(t[..<open])
                    let inside = t[t.index(after: open)..<t.index(before: t.endIndex)].split(separator: ",")
                    let base = field(inside.last!)
                    var inner: (Kind, Field)? = nil
                    if inside.count == 2 {
                        guard let k = Kind(rawValue: inside[0].first!), [.index, .length, .gpr].contains(k) else {
                            preconditionFailure("\(d.mnemonic): bad address \(t)")
                        }
                        inner = (k, field(k == .index ? inside[0] : inside[0].dropFirst()))
                    }
                    op = Operand(shape: .address(disp: disp, inner: inner, base: base))
                    form.bits |= disp.bits | base.bits | (inner?.1.bits ?? 0)
                } else {
                    guard let k = Kind(rawValue: t.first!), k != .index, k != .length else {
                        preconditionFailure("\(d.mnemonic): bad operand \(t) in \"\(source)\"")
                    }
                    let f = field(t.dropFirst())
                    op = Operand(shape: .value(k, f))
                    form.bits |= f.bits
                }
                op.optional = optional
                op.flagSuffix = flagSuffix
                form.operands.append(op)
            }
            if let c = form.condition {
                let masks = form.operands.indices.filter { if case .value(.mask, _) = form.operands[$0].shape { return true }; return false }
                precondition("boc".contains(c) && masks.count == 1,
                             "\(d.mnemonic): a condition placeholder is {b}, {o} or {c} with exactly one mask operand")
                form.conditionOperand = masks[0]
            }
            forms.append(form)
        }
        self.forms = forms
        fieldBits = forms.reduce(0) { $0 | $1.bits }
    }

    static let branchConditions = ["nop", "o", "h", "nle", "l", "nhe", "lh", "ne", "e", "nlh", "he", "nl", "le", "nh", "no", ""]
    static let compareConditions = [2: "h", 4: "l", 6: "ne", 8: "e", 10: "nl", 12: "nh"]

    func text(_ raw: UInt64, address: UInt64?) -> String {
        var form = forms[forms.count - 1]
        for f in forms where raw & (fieldBits & ~f.bits) == 0 { form = f; break }
        var mnemonic = form.prefix + form.suffix
        var skip = -1
        if let c = form.condition, case .value(_, let f) = form.operands[form.conditionOperand].shape {
            let m = Int(f.value(raw))
            let name: String?
            switch c {
            case "b": name = Syntax.branchConditions[m]
            case "o": name = m >= 1 && m <= 14 ? Syntax.branchConditions[m] : nil
            default: name = Syntax.compareConditions[m]
            }
            if let name {
                skip = form.conditionOperand
                mnemonic = name == "nop" && form.prefix == "b" ? name + form.suffix : form.prefix + name + form.suffix
            }
        }
        var texts: [String] = []
        var omittable: [Bool] = []   // optional and zero
        for (k, op) in form.operands.enumerated() where k != skip {
            switch op.shape {
            case .value(let kind, let f):
                var v = f.value(raw)
                if let s = op.flagSuffix, v >> UInt64(f.width - 2) == 0b10 {
                    mnemonic += s
                    v &= (1 << UInt64(f.width - 2)) - 1
                }
                omittable.append(op.optional && v == 0)
                texts.append(Syntax.render(kind, v, f, raw, address))
            case .address(let disp, let inner, let base):
                var s = disp.width == 20 ? String(disp.signed(raw)) : String(disp.value(raw))
                var parts: [String] = []
                if let (k, f) = inner {
                    let v = f.value(raw)
                    if !(k == .index && v == 0) { parts.append(k == .length ? String(v + 1) : "%r\(v)") }
                }
                let b = base.value(raw)
                if b != 0 || !parts.isEmpty { parts.append("%r\(b)") }
                if !parts.isEmpty { s += "(" + parts.joined(separator: ",") + ")" }
                omittable.append(false)
                texts.append(s)
            }
        }
        // Trailing optional operands that are zero are not printed.
        while omittable.last == true { omittable.removeLast(); texts.removeLast() }
        return texts.isEmpty ? mnemonic : mnemonic + "\t" + texts.joined(separator: ",")
    }

    static func render(_ kind: Kind, _ v: UInt64, _ f: Field, _ raw: UInt64, _ address: UInt64?) -> String {
        switch kind {
        case .gpr: return "%r\(v)"
        case .fpr: return "%f\(v)"
        case .ar: return "%a\(v)"
        case .cr: return "%c\(v)"
        case .mask, .unsigned, .index: return "\(v)"
        case .length: return "\(v + 1)"
        case .signed: return "\(f.signed(raw))"
        case .relative:
            let offset = f.signed(raw) * 2
            if let a = address { return "0x" + String(a &+ UInt64(bitPattern: offset), radix: 16) }
            return "\(offset)"
        }
    }
}
