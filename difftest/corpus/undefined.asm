; an undefined opcode (0x0c)
PUSH 1 .data 0x0c
