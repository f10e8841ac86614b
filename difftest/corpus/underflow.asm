; ADD with one item
PUSH 1 ADD
