; A countdown that writes memory each round and runs out of gas (run it
; with --gas 700): a long trace that ends in a fault.
PUSH1 200
loop:
  PUSH1 1 SWAP1 SUB
  DUP1 DUP1 MSTORE
  DUP1 PUSH @loop JUMPI
STOP
