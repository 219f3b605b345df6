/// Float instructions.
let floatInstructions: [InstructionDefinition] = [
]
