/// Binary floating point in the extended (128-bit) format.
let extendedFloatInstructions: [InstructionDefinition] = [
]
