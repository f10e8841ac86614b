package fork

// AppendEIPs appends the EIPs in force, ascending, to dst: EIPs without
// the copy, for callers that build a cache key on the stack.
func (r *Rules) AppendEIPs(dst []int) []int { return append(dst, r.eips...) }
