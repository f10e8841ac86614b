package evm

import (
	"errors"
	"fmt"
)

// Consistency checks of the opcode table (opcodes.go) and of every jump
// table built from it, in the spirit of geth's validate(jumpTable): a
// mistake in a spec line fails at start-up, naming the opcode, instead of
// mispricing code silently. validateSpecs runs once at init; validateTable
// runs on each fork's table as newTable builds it.

// validateSpecs checks the fork-independent facts of every opcode.
func validateSpecs() error { return checkSpecs(&specs, &behaviours) }

// validateTable checks a jump table built by newTable from specs.
func validateTable(t *jumpTable) error { return checkTable(t, &specs) }

// checkSpecs checks an opcode table and the bodies registered for it.
func checkSpecs(specs *[256]OpSpec, behaviours *[256]behaviour) error {
	var errs []error
	bad := func(op OpCode, format string, args ...any) {
		errs = append(errs, fmt.Errorf("evm: opcode %#02x %s: %s", byte(op), specs[op].Name, fmt.Sprintf(format, args...)))
	}
	names := make(map[string]OpCode)
	keys := make(map[fastKey]OpCode)
	for i := range specs {
		op, s, b := OpCode(i), &specs[i], &behaviours[i]
		if s.Name == "" {
			if b.execute != nil || b.dynamicGas != nil || s.fast != kGeneric || len(s.Memory) > 0 {
				bad(op, "undefined byte has a body, a fast key or memory ranges")
			}
			continue
		}
		if prev, dup := names[s.Name]; dup {
			bad(op, "name already used by %#02x", byte(prev))
		}
		names[s.Name] = op
		if b.execute == nil {
			bad(op, "no body")
		}
		if want := immediateSize(op); s.Immediates != want {
			bad(op, "%d immediate bytes, want %d", s.Immediates, want)
		}
		// A stack of stackLimit items must be able to hold what it pushes
		// after popping (maxStack >= 0), and an opcode reads at most 17 deep.
		if s.Pops < 0 || s.Pushes < 0 || s.Pops > 17 || s.Pushes > 17 || s.Pushes > s.Pops+1 {
			bad(op, "stack %d in, %d out does not fit", s.Pops, s.Pushes)
		}
		if s.Halts && s.Pushes != 0 {
			bad(op, "halts but pushes %d", s.Pushes)
		}
		if len(s.Gas) == 0 || (s.Gas[0].EIP != 0 && s.Gas[0].EIP != s.EIP) {
			bad(op, "base-gas history must start at Frontier or at the opcode's EIP")
		}
		for j := 1; j < len(s.Gas); j++ {
			if s.Gas[j].EIP <= s.Gas[j-1].EIP {
				bad(op, "base-gas history not in ascending EIP order")
			}
		}
		for _, r := range s.Memory {
			if r.Offset < 0 || r.Offset >= s.Pops || r.Size >= s.Pops || (r.Size < 0 && r.Fixed == 0) {
				bad(op, "memory range %+v does not name its operands", r)
			}
		}
		// A body that jumps, halts or gives up the frame's gas to another
		// must not be run inline by the fast loop unless the loop ends the
		// block there itself (STOP, JUMP, JUMPI).
		if k := s.fast; k != kGeneric {
			if prev, dup := keys[k]; dup && k != kPushN {
				bad(op, "fast key shared with %v", prev)
			}
			keys[k] = op
			if b.dynamicGas != nil {
				bad(op, "has dynamic gas, which the fast loop's inline bodies do not charge")
			}
			if s.EndsBlock() && k != kStop && k != kJump && k != kJumpi {
				bad(op, "ends a block but the fast loop runs it inline")
			}
			for _, r := range s.Memory {
				if r.Size >= 0 {
					bad(op, "inline with a memory range of variable size")
				}
			}
		}
	}
	return errors.Join(errs...)
}

// immediateSize is the immediate size of PUSH1..PUSH32, 1 for EIP-8024's
// DUPN, SWAPN and EXCHANGE, 0 for every other opcode.
func immediateSize(op OpCode) int {
	switch {
	case op.IsPush():
		return int(op-PUSH1) + 1
	case op == DUPN || op == SWAPN || op == EXCHANGE:
		return 1
	}
	return 0
}

// checkTable checks a jump table built from specs: whatever reads or
// changes the gas left, or moves the pc, must end its basic block; memory
// sizes and stack bounds must agree with the spec.
func checkTable(t *jumpTable, specs *[256]OpSpec) error {
	var errs []error
	for i := range t {
		op, o, s := OpCode(i), &t[i], &specs[i]
		if o.execute == nil {
			errs = append(errs, fmt.Errorf("evm: opcode %#02x: no body", byte(op)))
			continue
		}
		if !o.standard {
			if o.inBlock {
				errs = append(errs, fmt.Errorf("evm: undefined opcode %#02x inside a block", byte(op)))
			}
			continue
		}
		if o.inBlock && (o.dynamicGas != nil || s.EndsBlock()) {
			errs = append(errs, fmt.Errorf("evm: %v has dynamic gas or ends a block but may sit inside one", op))
		}
		if (o.memorySize != nil) != (len(s.Memory) > 0) {
			errs = append(errs, fmt.Errorf("evm: %v: memory size function and memory ranges disagree", op))
		}
		if o.minStack != s.Pops || o.maxStack != stackLimit+s.Pops-s.Pushes || o.maxStack < o.minStack {
			errs = append(errs, fmt.Errorf("evm: %v: stack bounds %d..%d do not fit", op, o.minStack, o.maxStack))
		}
	}
	return errors.Join(errs...)
}
