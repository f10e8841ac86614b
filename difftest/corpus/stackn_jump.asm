; EIP-8024: jump destinations are unchanged, so the JUMPDEST after DUPN is
; one (the EIP's 600456e65b); an invalid immediate (SWAPN 0x5b) halts
PUSH 4 JUMP
.data 0xe6
JUMPDEST
PUSH 0 PUSH 0
.data 0xe7
JUMPDEST
STOP
