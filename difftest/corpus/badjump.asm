; JUMP to a byte that is no JUMPDEST, after a JUMPI not taken
PUSH 0 PUSH 0 JUMPI
PUSH 7 JUMP
STOP
