package spectest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/goevm/goevm/types"
)

// DecodeJSON is json.Unmarshal for fixture files and t8n inputs whose error names the
// field: encoding/json reports a bad hex value (an error from UnmarshalText)
// without saying where it was, so on a *types.ParseError the document is
// walked for the offending string and its path ("add11.transaction.sender",
// "blocks[2].transactions[0].value") is put in front of the message.
func DecodeJSON(raw []byte, v any) error {
	err := json.Unmarshal(raw, v)
	if err == nil {
		return nil
	}
	var pe *types.ParseError
	if errors.As(err, &pe) {
		if path := findString(raw, pe.Input); path != "" {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	var se *json.SyntaxError
	if len(raw) >= 3 && bytes.Equal(raw[:3], []byte("\xef\xbb\xbf")) && errors.As(err, &se) {
		return fmt.Errorf("the file starts with a UTF-8 byte order mark, which JSON does not allow: %w", err)
	}
	return err
}

// findString returns the path of the first string value (in key order)
// equal to s, or "" if there is none.
func findString(raw []byte, s string) string {
	var doc any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if d.Decode(&doc) != nil {
		return ""
	}
	path, _ := walkFor(doc, s, "")
	return path
}

func walkFor(v any, s, path string) (string, bool) {
	switch x := v.(type) {
	case string:
		return path, x == s
	case []any:
		for i, e := range x {
			if p, ok := walkFor(e, s, path+"["+strconv.Itoa(i)+"]"); ok {
				return p, true
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			name := k
			if len(k) > 48 {
				name = types.Quote(k)
			}
			if path != "" {
				name = path + "." + name
			}
			if k == s {
				return name + " (the key)", true
			}
			if p, ok := walkFor(x[k], s, name); ok {
				return p, true
			}
		}
	}
	return "", false
}
