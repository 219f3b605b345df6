/// The instruction set is the union of these family tables, one file each.
/// Each family file holds its table and the semantics it references
/// (kept together so the compiler can inline them).
extension InstructionSet {
    static let families: [[InstructionDefinition]] = [
        generalInstructions,
        logicalInstructions,
        branchInstructions,
        stringInstructions,
        interlockedInstructions,
        decimalInstructions,
        floatInstructions,
        extendedFloatInstructions,
        controlInstructions,
        accessRegisterInstructions,
        storageManagementInstructions,
    ]
}
