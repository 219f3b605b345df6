/// Decimal instructions.
let decimalInstructions: [InstructionDefinition] = [
]
