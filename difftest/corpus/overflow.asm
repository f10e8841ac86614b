; push until the stack holds 1024 items, then one more
top: PC PUSH @top JUMP
