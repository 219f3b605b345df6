/// Branch instructions.
let branchInstructions: [InstructionDefinition] = [
]
