package hdwallet

import (
	"testing"
)

// FuzzParsePath checks that ParsePath never panics and that what it
// accepts prints back to a string it parses to the same path.
func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"m", "m/44'/60'/0'/0/0", "m/0H/1/2h", "m/2147483647'", "m//", "m/4294967296"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePath(s)
		if err != nil {
			return
		}
		again, err := ParsePath(p.String())
		if err != nil || len(again) != len(p) {
			t.Fatalf("%q -> %q -> %v, %v", s, p.String(), again, err)
		}
		for i := range p {
			if again[i] != p[i] {
				t.Fatalf("%q -> %q changed element %d", s, p.String(), i)
			}
		}
	})
}

// FuzzMnemonicToEntropy checks that decoding never panics and that every
// mnemonic it accepts encodes back to its canonical form.
func FuzzMnemonicToEntropy(f *testing.F) {
	f.Add(DefaultMnemonic)
	f.Add("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about")
	f.Add("zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote")
	f.Fuzz(func(t *testing.T, m string) {
		entropy, err := MnemonicToEntropy(m)
		if err != nil {
			return
		}
		back, err := EntropyToMnemonic(entropy)
		if err != nil {
			t.Fatalf("%q: entropy %x does not encode: %v", m, entropy, err)
		}
		if again, err := MnemonicToEntropy(back); err != nil || string(again) != string(entropy) {
			t.Fatalf("%q: round trip gave %q", m, back)
		}
	})
}
