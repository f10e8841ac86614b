; ADD MUL SUB DIV SDIV MOD SMOD ADDMOD MULMOD EXP SIGNEXTEND, edge values
PUSH 3 PUSH 5 ADD
PUSH 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff PUSH 1 ADD
PUSH 7 PUSH 6 MUL
PUSH 10 PUSH 3 SUB
PUSH 0 PUSH 10 DIV
PUSH 3 PUSH 10 DIV
PUSH 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff6 PUSH 3 SWAP1 SDIV
PUSH 0 PUSH 9 SDIV
PUSH 4 PUSH 10 MOD
PUSH 0 PUSH 10 MOD
PUSH 3 PUSH 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8 SMOD
PUSH 8 PUSH 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff PUSH 2 ADDMOD
PUSH 0 PUSH 1 PUSH 2 ADDMOD
PUSH 12 PUSH 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff DUP1 MULMOD
PUSH 2 PUSH 10 EXP
PUSH 0x1000 PUSH 3 EXP            ; two exponent bytes: EIP-160 repriced these
PUSH 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff PUSH 2 EXP
PUSH 0xff PUSH 0 SIGNEXTEND
PUSH 0x7f PUSH 0 SIGNEXTEND
PUSH 0x8000 PUSH 40 SIGNEXTEND
STOP
