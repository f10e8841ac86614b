package rpc

import (
	"strings"
	"testing"
)

// TestStorageValuesBadInput: each malformed eth_getStorageValues request is
// refused with -32602 naming the problem. Good requests are checked by the
// conformance runner (execution-apis eth_getStorageValues/*.io).
func TestStorageValuesBadInput(t *testing.T) {
	n := newNode(t)
	slot := "0x" + strings.Repeat("0", 64)
	many := make([]string, maxStorageValues+1)
	for i := range many {
		many[i] = slot
	}
	a := "0x00000000000000000000000000000000000000aa"
	for _, tc := range []struct {
		params []any
		msg    string
	}{
		{[]any{map[string]any{}}, "empty request"},
		{[]any{map[string]any{"0x12": []string{slot}}}, "invalid argument 0"},
		{[]any{map[string]any{a: []string{"0x" + strings.Repeat("1", 66)}}}, "invalid argument 0"},
		{[]any{map[string]any{a: many}}, "more than 1024"},
		{[]any{map[string]any{a: []string{slot}, "0x" + strings.ToUpper(a[2:]): []string{slot}}}, "given twice"},
		{[]any{map[string]any{a: []string{slot}}, "latest", 1}, ""},
	} {
		n.fail(-32602, tc.msg, "eth_getStorageValues", tc.params...)
	}
}
