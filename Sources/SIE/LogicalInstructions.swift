/// Logical instructions.
let logicalInstructions: [InstructionDefinition] = [
]
