package transition

import (
	"fmt"

	"github.com/goevm/goevm/fork"
)

// HeaderFieldError is a header whose shape does not match its fork: a field
// a later fork introduces is present too early (a London baseFeePerGas in
// a Berlin block, a Shanghai withdrawalsRoot before Shanghai), or one the
// fork requires is missing. It matches ErrHeaderFields under errors.Is.
// Fixtures name these by field and direction (ethereum/tests'
// IMPORT_IMPOSSIBLE_SHANGHAI for an early withdrawalsRoot,
// IMPORT_IMPOSSIBLE_LEGACY for a London block without a base fee, ...), so
// the fields are kept.
type HeaderFieldError struct {
	Field   string    // the header field's JSON name, e.g. "withdrawalsRoot"
	Present bool      // true: present before From; false: missing from From on
	From    fork.Fork // the fork that introduces the field
	At      fork.Fork // the block's fork
}

func (e *HeaderFieldError) Error() string {
	if e.Present {
		return fmt.Sprintf("%v: %s present at %v (it arrives with %v)", ErrHeaderFields, e.Field, e.At, e.From)
	}
	return fmt.Sprintf("%v: %s missing at %v", ErrHeaderFields, e.Field, e.At)
}

func (e *HeaderFieldError) Unwrap() error { return ErrHeaderFields }
