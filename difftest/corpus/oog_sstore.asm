;! gas 2400
; SSTORE with little gas left (EIP-2200's 2300 sentry from Istanbul on)
PUSH 1 PUSH 0 SSTORE
STOP
