package types

import (
	"encoding/json"
	"fmt"
)

// U256 embeds uint256.Int, whose own MarshalJSON/UnmarshalJSON would be
// promoted and take precedence over U256's text methods. uint256's decoder
// rejects the leading zeros fixtures write ("0x00"), so route JSON through
// the text methods explicitly.

// UnmarshalJSON reads a JSON string with UnmarshalText.
func (q *U256) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("quantity: %w", err)
	}
	return q.UnmarshalText([]byte(s))
}

// MarshalJSON writes the quantity as a JSON string of 0x-prefixed hex.
func (q U256) MarshalJSON() ([]byte, error) {
	t, _ := q.MarshalText()
	return json.Marshal(string(t))
}
