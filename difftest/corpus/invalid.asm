; the designated INVALID instruction
PUSH 1 INVALID
