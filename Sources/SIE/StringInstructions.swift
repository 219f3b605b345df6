/// String instructions.
let stringInstructions: [InstructionDefinition] = [
]
