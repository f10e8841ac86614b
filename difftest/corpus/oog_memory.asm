; memory expansion too dear
PUSH 1 PUSH 0xffffffff MSTORE
