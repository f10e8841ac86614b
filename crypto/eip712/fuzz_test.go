package eip712

import "testing"

// FuzzParse feeds arbitrary bytes to Parse and hashes whatever parses: no
// input may panic, and a hash either succeeds or returns an error.
func FuzzParse(f *testing.F) {
	f.Add([]byte(mailJSON))
	f.Add([]byte(arraysJSON))
	f.Add([]byte(message("uint8[2][]", `[[1,2],[3,4]]`, "")))
	f.Add([]byte(`{"types":{},"primaryType":"EIP712Domain","domain":{"chainId":"0x1","salt":"0x00"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		td, err := Parse(data)
		if err != nil {
			return
		}
		_, _ = td.SigningHash()
		for name := range td.Types {
			_, _ = td.EncodeType(name)
		}
	})
}
