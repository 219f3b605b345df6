/// Control instructions.
let controlInstructions: [InstructionDefinition] = [
]
