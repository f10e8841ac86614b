// Package asm reads and writes EVM bytecode as text: a disassembler that
// knows the shape of compiler output (constructor and runtime sections, the
// Solidity/Vyper CBOR metadata trailer), and a small assembler with labels.
//
// Opcode names and immediate sizes come from the evm package's metadata
// table; this package keeps no table of its own.
//
// The disassembler's text output assembles back to the same bytes:
// Assemble(Listing(code)) == code for every input.
package asm
