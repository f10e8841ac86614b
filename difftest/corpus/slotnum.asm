; SLOTNUM (EIP-7843, Amsterdam): invalid before
SLOTNUM PUSH 0 SSTORE
STOP
