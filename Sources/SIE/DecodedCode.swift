import Glibc

/// A predecoded instruction: its semantics and its bits. `raw` holds the
/// instruction in bits 0-47 (see InstructionFormat), its length in bits
/// 48-51 (0: not decoded yet) and in bits 56-62 the dispatch key of a slot
/// cached for the instruction loop's shortest path (`DispatchKey`): 0 when
/// the slot is not cached or its instruction reaches the end of the page;
/// `FastOp.call` + the length in halfwords (61-63) for a call of
/// `semantics`; any other for an inline operation.
///
/// The loop switches on the key alone: one jump table, no bounds check.
struct Slot {
    var semantics: Semantics
    var raw: UInt64

    static let lengthShift: UInt64 = 48
    static let keyShift: UInt64 = 56
    static let empty = Slot(semantics: operationException, raw: 0)
}

/// The dispatch key as the loop switches on it: exactly 128 cases, declared
/// in key order, so that an exhaustive switch over it is one jump table
/// without a bounds check (which also lets the compiler copy the dispatch to
/// the end of each operation). The loop converts a key with unsafeBitCast;
/// InstructionSet's initializer checks that case order and key agree.
enum DispatchKey: UInt8 {
    case edge
    case brc, brct, brctg, lgr, lr, llgfr, lgfr, lhi, lghi, aghi, ahi, ar, agr, sr, sgr, clr, clgr, cr, cgr, chi
    case cghi, clfi, la, larl, l, lg, st, stg, stc, llgc, cli, mvi, ltr, ltgr, ldr, agrk, sgrk, srl, sll, sllg
    case srlg, ly, ag, llgf, ngr, ogr, xgr, ld, std, laB, lB, stB, stcB
    case ldgr, lgdr, adbr, sdbr, mdbr, ddbr, kdb
    case call1, call2, call3
    // 64-89
    case xr, nr, or, xrk, nrk, ork, xgrk, ngrk, ogrk, a, sg, lh, sth, ic, llc, sra, rll, rllg, clrj, clgrj
    case cg, clg, lgf, lgh, llgh, lrv
    // 90-113
    case msr, llhr, lhr, llghr, iilf, lgfi, llilf, llill, nilf, n, nill, oill, tmll, alr, algr, algfr, slr, slgr
    case mvhhi, mvhi, mvghi, cij, cgij, clij
    // 114-127: not assigned (the count must be a power of two)
    case u114, u115, u116, u117, u118, u119, u120, u121, u122, u123, u124, u125, u126, u127

    static let mask: UInt64 = 127

    static func check() {
        precondition(MemoryLayout<DispatchKey>.size == 1)
        for k in 0...Int(mask) { precondition(unsafeBitCast(UInt8(k), to: DispatchKey.self).rawValue == UInt8(k)) }
        precondition(DispatchKey.call1.rawValue == UInt8(FastOp.call + 1))
    }
}

/// Instructions the instruction loop runs inline (decode-time
/// specialisation of the hottest simple instructions: no call, no PSW
/// stores unless the instruction can raise an exception; the BFP ones only
/// on the host fast path, else through the call). Their semantics there
/// must equal their table rows'. Note that a slot's first execution (it is
/// decoded then) goes through the table: a test snippet that runs an
/// instruction once checks the table only. Compare both by running code
/// twice with `FastOp.enabled` on and off. EXECUTE and tracing always use
/// the table. Each constant is its dispatch key; the loop knows each one's
/// length.
enum FastOp {
    static let brc = UInt64(DispatchKey.brc.rawValue)
    static let brct = UInt64(DispatchKey.brct.rawValue)
    static let brctg = UInt64(DispatchKey.brctg.rawValue)
    static let lgr = UInt64(DispatchKey.lgr.rawValue)
    static let lr = UInt64(DispatchKey.lr.rawValue)
    static let llgfr = UInt64(DispatchKey.llgfr.rawValue)
    static let lgfr = UInt64(DispatchKey.lgfr.rawValue)
    static let lhi = UInt64(DispatchKey.lhi.rawValue)
    static let lghi = UInt64(DispatchKey.lghi.rawValue)
    static let aghi = UInt64(DispatchKey.aghi.rawValue)
    static let ahi = UInt64(DispatchKey.ahi.rawValue)
    static let ar = UInt64(DispatchKey.ar.rawValue)
    static let agr = UInt64(DispatchKey.agr.rawValue)
    static let sr = UInt64(DispatchKey.sr.rawValue)
    static let sgr = UInt64(DispatchKey.sgr.rawValue)
    static let clr = UInt64(DispatchKey.clr.rawValue)
    static let clgr = UInt64(DispatchKey.clgr.rawValue)
    static let cr = UInt64(DispatchKey.cr.rawValue)
    static let cgr = UInt64(DispatchKey.cgr.rawValue)
    static let chi = UInt64(DispatchKey.chi.rawValue)
    static let cghi = UInt64(DispatchKey.cghi.rawValue)
    static let clfi = UInt64(DispatchKey.clfi.rawValue)
    static let la = UInt64(DispatchKey.la.rawValue)
    static let larl = UInt64(DispatchKey.larl.rawValue)
    static let l = UInt64(DispatchKey.l.rawValue)
    static let lg = UInt64(DispatchKey.lg.rawValue)
    static let st = UInt64(DispatchKey.st.rawValue)
    static let stg = UInt64(DispatchKey.stg.rawValue)
    static let stc = UInt64(DispatchKey.stc.rawValue)
    static let llgc = UInt64(DispatchKey.llgc.rawValue)
    static let cli = UInt64(DispatchKey.cli.rawValue)
    static let mvi = UInt64(DispatchKey.mvi.rawValue)
    static let ltr = UInt64(DispatchKey.ltr.rawValue)
    static let ltgr = UInt64(DispatchKey.ltgr.rawValue)
    static let ldr = UInt64(DispatchKey.ldr.rawValue)
    static let agrk = UInt64(DispatchKey.agrk.rawValue)
    static let sgrk = UInt64(DispatchKey.sgrk.rawValue)
    static let srl = UInt64(DispatchKey.srl.rawValue)
    static let sll = UInt64(DispatchKey.sll.rawValue)
    static let sllg = UInt64(DispatchKey.sllg.rawValue)
    static let srlg = UInt64(DispatchKey.srlg.rawValue)
    static let ly = UInt64(DispatchKey.ly.rawValue)
    static let ag = UInt64(DispatchKey.ag.rawValue)
    static let llgf = UInt64(DispatchKey.llgf.rawValue)
    static let ngr = UInt64(DispatchKey.ngr.rawValue)
    static let ogr = UInt64(DispatchKey.ogr.rawValue)
    static let xgr = UInt64(DispatchKey.xgr.rawValue)
    static let ld = UInt64(DispatchKey.ld.rawValue)
    static let std = UInt64(DispatchKey.std.rawValue)
    static let ldgr = UInt64(DispatchKey.ldgr.rawValue)
    static let lgdr = UInt64(DispatchKey.lgdr.rawValue)
    static let adbr = UInt64(DispatchKey.adbr.rawValue)
    static let sdbr = UInt64(DispatchKey.sdbr.rawValue)
    static let mdbr = UInt64(DispatchKey.mdbr.rawValue)
    static let ddbr = UInt64(DispatchKey.ddbr.rawValue)
    static let kdb = UInt64(DispatchKey.kdb.rawValue)
    static let laB = UInt64(DispatchKey.laB.rawValue)
    static let lB = UInt64(DispatchKey.lB.rawValue)
    static let stB = UInt64(DispatchKey.stB.rawValue)
    static let stcB = UInt64(DispatchKey.stcB.rawValue)
    static let xr = UInt64(DispatchKey.xr.rawValue)
    static let nr = UInt64(DispatchKey.nr.rawValue)
    static let or = UInt64(DispatchKey.or.rawValue)
    static let xrk = UInt64(DispatchKey.xrk.rawValue)
    static let nrk = UInt64(DispatchKey.nrk.rawValue)
    static let ork = UInt64(DispatchKey.ork.rawValue)
    static let xgrk = UInt64(DispatchKey.xgrk.rawValue)
    static let ngrk = UInt64(DispatchKey.ngrk.rawValue)
    static let ogrk = UInt64(DispatchKey.ogrk.rawValue)
    static let a = UInt64(DispatchKey.a.rawValue)
    static let sg = UInt64(DispatchKey.sg.rawValue)
    static let lh = UInt64(DispatchKey.lh.rawValue)
    static let sth = UInt64(DispatchKey.sth.rawValue)
    static let ic = UInt64(DispatchKey.ic.rawValue)
    static let llc = UInt64(DispatchKey.llc.rawValue)
    static let sra = UInt64(DispatchKey.sra.rawValue)
    static let rll = UInt64(DispatchKey.rll.rawValue)
    static let rllg = UInt64(DispatchKey.rllg.rawValue)
    static let clrj = UInt64(DispatchKey.clrj.rawValue)
    static let clgrj = UInt64(DispatchKey.clgrj.rawValue)
    static let cg = UInt64(DispatchKey.cg.rawValue)
    static let clg = UInt64(DispatchKey.clg.rawValue)
    static let lgf = UInt64(DispatchKey.lgf.rawValue)
    static let lgh = UInt64(DispatchKey.lgh.rawValue)
    static let llgh = UInt64(DispatchKey.llgh.rawValue)
    static let lrv = UInt64(DispatchKey.lrv.rawValue)
    static let msr = UInt64(DispatchKey.msr.rawValue)
    static let llhr = UInt64(DispatchKey.llhr.rawValue)
    static let lhr = UInt64(DispatchKey.lhr.rawValue)
    static let llghr = UInt64(DispatchKey.llghr.rawValue)
    static let iilf = UInt64(DispatchKey.iilf.rawValue)
    static let lgfi = UInt64(DispatchKey.lgfi.rawValue)
    static let llilf = UInt64(DispatchKey.llilf.rawValue)
    static let llill = UInt64(DispatchKey.llill.rawValue)
    static let nilf = UInt64(DispatchKey.nilf.rawValue)
    static let n = UInt64(DispatchKey.n.rawValue)
    static let nill = UInt64(DispatchKey.nill.rawValue)
    static let oill = UInt64(DispatchKey.oill.rawValue)
    static let tmll = UInt64(DispatchKey.tmll.rawValue)
    static let alr = UInt64(DispatchKey.alr.rawValue)
    static let algr = UInt64(DispatchKey.algr.rawValue)
    static let algfr = UInt64(DispatchKey.algfr.rawValue)
    static let slr = UInt64(DispatchKey.slr.rawValue)
    static let slgr = UInt64(DispatchKey.slgr.rawValue)
    static let mvhhi = UInt64(DispatchKey.mvhhi.rawValue)
    static let mvhi = UInt64(DispatchKey.mvhi.rawValue)
    static let mvghi = UInt64(DispatchKey.mvghi.rawValue)
    static let cij = UInt64(DispatchKey.cij.rawValue)
    static let cgij = UInt64(DispatchKey.cgij.rawValue)
    static let clij = UInt64(DispatchKey.clij.rawValue)

    /// Key base of the call path: + the length in halfwords.
    static let call: UInt64 = 60

    /// Off: every instruction runs through its table semantics (for tests
    /// that compare both; set before slots are decoded).
    nonisolated(unsafe) static var enabled = true

    /// The dispatch key of a cached in-page slot holding `raw` (length
    /// `length` bytes), whose table index is `n`.
    static func key(_ raw: UInt64, length: Int, index n: Int, set: InstructionSet) -> UInt64 {
        let op = n == 0 || set.privileged[n] || !enabled ? 0 : of(raw)
        return op != 0 ? op : call + UInt64(length >> 1)
    }

    /// The fast operation for the instruction in `raw`, 0 if none.
    static func of(_ raw: UInt64) -> UInt64 {
        let ext4 = raw >> 32 & 0xF, ext8 = raw >> 32 & 0xFF
        let noIndex = ext4 == 0             // RX: X2 (bits 12-15) is 0
        switch raw >> 40 & 0xFF {
        case 0xA7:
            switch ext4 {
            case 0x1: return tmll
            case 0x4: return brc
            case 0x6: return brct
            case 0x7: return brctg
            case 0x8: return lhi
            case 0x9: return lghi
            case 0xA: return ahi
            case 0xB: return aghi
            case 0xE: return chi
            case 0xF: return cghi
            default: return 0
            }
        case 0xB9:
            switch ext8 {
            case 0x02: return ltgr
            case 0x04: return lgr
            case 0x08: return agr
            case 0x09: return sgr
            case 0x14: return lgfr
            case 0x16: return llgfr
            case 0x20: return cgr
            case 0x21: return clgr
            case 0x80: return ngr
            case 0x81: return ogr
            case 0x82: return xgr
            case 0xE8: return agrk
            case 0xE9: return sgrk
            case 0x95: return llhr
            case 0x27: return lhr
            case 0x85: return llghr
            case 0x0A: return algr
            case 0x1A: return algfr
            case 0x0B: return slgr
            case 0xF4: return nrk
            case 0xF6: return ork
            case 0xF7: return xrk
            case 0xE4: return ngrk
            case 0xE6: return ogrk
            case 0xE7: return xgrk
            default: return 0
            }
        case 0xE3:
            switch raw & 0xFF {
            case 0x04: return lg
            case 0x08: return ag
            case 0x09: return sg
            case 0x14: return lgf
            case 0x15: return lgh
            case 0x1E: return lrv
            case 0x20: return cg
            case 0x21: return clg
            case 0x91: return llgh
            case 0x94: return llc
            case 0x16: return llgf
            case 0x24: return stg
            case 0x58: return ly
            case 0x90: return llgc
            default: return 0
            }
        case 0xEB:
            switch raw & 0xFF {
            case 0x0C: return srlg
            case 0x0D: return sllg
            case 0x1C: return rllg
            case 0x1D: return rll
            default: return 0
            }
        case 0xB3:
            switch ext8 {
            case 0xC1: return ldgr
            case 0xCD: return lgdr
            case 0x1A: return adbr
            case 0x1B: return sdbr
            case 0x1C: return mdbr
            case 0x1D: return ddbr
            default: return 0
            }
        case 0xED: return raw & 0xFF == 0x18 ? kdb : 0
        case 0xEC:
            switch raw & 0xFF {
            case 0x77: return clrj
            case 0x65: return clgrj
            case 0x7E: return cij
            case 0x7C: return cgij
            case 0x7F: return clij
            default: return 0
            }
        case 0xC0:
            switch ext4 {
            case 0x0: return larl
            case 0x1: return lgfi
            case 0x9: return iilf
            case 0xB: return nilf
            case 0xF: return llilf
            default: return 0
            }
        case 0xA5:
            switch ext4 {
            case 0x7: return nill
            case 0xB: return oill
            case 0xF: return llill
            default: return 0
            }
        case 0xE5:
            switch (raw >> 32) & 0xFFFF {
            case 0xE544: return mvhhi
            case 0xE54C: return mvhi
            case 0xE548: return mvghi
            default: return 0
            }
        case 0xB2: return ext8 == 0x52 ? msr : 0
        case 0x54: return n
        case 0x1E: return alr
        case 0x1F: return slr
        case 0xC2: return ext4 == 0xF ? clfi : 0
        case 0x12: return ltr
        case 0x14: return nr
        case 0x16: return or
        case 0x17: return xr
        case 0x40: return sth
        case 0x43: return ic
        case 0x48: return lh
        case 0x5A: return a
        case 0x8A: return sra
        case 0x15: return clr
        case 0x18: return lr
        case 0x19: return cr
        case 0x1A: return ar
        case 0x1B: return sr
        case 0x28: return ldr
        case 0x41: return noIndex ? laB : la
        case 0x42: return noIndex ? stcB : stc
        case 0x50: return noIndex ? stB : st
        case 0x58: return noIndex ? lB : l
        case 0x60: return std
        case 0x68: return ld
        case 0x88: return srl
        case 0x89: return sll
        case 0x92: return mvi
        case 0x95: return cli
        default: return 0
        }
    }
}

/// One vCPU's decoded instructions, one array of 2048 slots (one per
/// halfword) per absolute 4 KiB frame, decoded lazily. A frame's slots are
/// valid while the VM's code generation of the frame equals the one recorded
/// here; any store to the frame bumps the VM's generation.
final class DecodedCode {
    let pages: UnsafeMutablePointer<UnsafeMutablePointer<Slot>?>
    let generation: UnsafeMutablePointer<UInt32>
    let frames: Int
    static let slotsPerPage = 2048

    init(frames: Int) {
        self.frames = frames
        pages = .allocate(capacity: frames)
        pages.initialize(repeating: nil, count: frames)
        generation = .allocate(capacity: frames)
        generation.initialize(repeating: 0, count: frames)
    }

    deinit {
        for i in 0..<frames { pages[i]?.deallocate() }
        pages.deallocate()
        generation.deallocate()
    }

    /// The slots of `frame`, emptied if the frame changed since they were made.
    @inline(__always)
    func slots(frame: Int, currentGeneration: UInt32) -> UnsafeMutablePointer<Slot> {
        if let p = pages[frame] {
            if generation[frame] == currentGeneration { return p }
            p.update(repeating: Slot.empty, count: DecodedCode.slotsPerPage)
            generation[frame] = currentGeneration
            return p
        }
        let p = UnsafeMutablePointer<Slot>.allocate(capacity: DecodedCode.slotsPerPage)
        p.initialize(repeating: Slot.empty, count: DecodedCode.slotsPerPage)
        pages[frame] = p
        generation[frame] = currentGeneration
        return p
    }
}

extension InstructionSet {
    /// Decodes the instruction whose bits are `raw` into a slot.
    @inline(__always)
    func slot(for raw: UInt64) -> Slot {
        let n = lookup(raw)
        let length = UInt64(instructionLength(firstByte: UInt8(truncatingIfNeeded: raw >> 40)))
        let semantics = privileged[n] ? privilegedGate : semanticsByIndex[n]
        return Slot(semantics: semantics, raw: raw | length << Slot.lengthShift)
    }
}
