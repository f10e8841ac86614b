package fork

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// SplitEIPs splits extra EIPs off a fork name written as geth's t8n and
// state tests take it, "Berlin+3855+3860": base is "Berlin", eips are
// 3855 and 3860. A name without '+' comes back whole with no EIPs. Each
// extra must be an EIP goevm implements (in the index, see EIPs), as geth
// accepts only EIPs it has an activator for.
func SplitEIPs(name string) (base string, eips []int, err error) {
	base, rest, found := strings.Cut(name, "+")
	if !found {
		return name, nil, nil
	}
	for _, s := range strings.Split(rest, "+") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return "", nil, fmt.Errorf("fork name %q: %q after '+' is not an EIP number", name, s)
		}
		if _, ok := LookupEIP(n); !ok {
			return "", nil, fmt.Errorf("fork name %q: %w: EIP-%d", name, ErrUnknownEIP, n)
		}
		eips = append(eips, n)
	}
	return base, eips, nil
}

// ErrUnknownEIP is an extra EIP in a fork name that goevm does not implement.
var ErrUnknownEIP = errors.New("EIP not implemented by goevm")

// ParseRules reads a fork name with optional extra EIPs ("Prague",
// "Berlin+3855") and returns the rules: the fork's, with the extras enabled.
func ParseRules(name string) (Rules, error) {
	base, eips, err := SplitEIPs(name)
	if err != nil {
		return Rules{}, err
	}
	f, err := Parse(base)
	if err != nil {
		return Rules{}, err
	}
	r := f.Rules()
	if len(eips) > 0 {
		r.Enable(eips...)
	}
	return r, nil
}
