; SELFDESTRUCT to a new beneficiary, carrying the balance
PUSH 0xbeef SELFDESTRUCT
