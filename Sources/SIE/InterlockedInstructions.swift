/// Interlocked instructions.
let interlockedInstructions: [InstructionDefinition] = [
]
