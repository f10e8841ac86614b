;! gas 200000
; Steps geth prices in ways a trace shows: a CALL with more value than the
; receiver holds (refused: a frame that used no gas, "insufficient balance
; for transfer"), CREATE in a static call ("out of gas: write protection"),
; EXP short of its stack (geth gives it no constant gas: gasCost 0), and
; MSTORE at an offset beyond 2^64 (a bare "gas uint64 overflow").
; The receiver calls itself; the input word chooses what the callee does.
PUSH 0 CALLDATALOAD DUP1 PUSH 1 EQ PUSH @create JUMPI PUSH 2 EQ PUSH @exp JUMPI
PUSH 0 PUSH 0 PUSH 0 PUSH 0 PUSH 0x56bc75e2d63100000 PUSH 0xbeef PUSH 10000 CALL POP
PUSH 1 PUSH 0 MSTORE
PUSH 0 PUSH 0 PUSH 32 PUSH 0 ADDRESS PUSH 50000 STATICCALL POP
PUSH 2 PUSH 0 MSTORE
PUSH 0 PUSH 0 PUSH 32 PUSH 0 ADDRESS PUSH 30000 STATICCALL POP
PUSH 1 PUSH 0x10000000000000000 MSTORE
STOP
create:
JUMPDEST PUSH 0 PUSH 0 PUSH 0 CREATE STOP
exp:
JUMPDEST PUSH 1 EXP STOP
