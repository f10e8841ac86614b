;! input 0xaabbccdd
; RETURN the call data, echoed through memory
CALLDATASIZE PUSH 0 PUSH 0 CALLDATACOPY
CALLDATASIZE PUSH 0 RETURN
