package trie

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/types"
)

type trieCase struct {
	In    json.RawMessage `json:"in"`
	Root  string          `json:"root"`
	Tests [][]string      `json:"tests"`      // trietestnextprev: [key, prev, next]
	Hex   bool            `json:"hexEncoded"` // keys and values are 0x-hex, as the decoder assumes anyway
}

// fixtureBytes decodes a fixture key or value: "0x…" is hex, anything else
// the raw string's bytes.
func fixtureBytes(t *testing.T, s string) []byte {
	if strings.HasPrefix(s, "0x") {
		b, err := hex.DecodeString(s[2:])
		if err != nil {
			t.Fatalf("bad hex %q: %v", s, err)
		}
		return b
	}
	return []byte(s)
}

// ops reads "in" as an ordered list of puts (nil value = delete); the
// any-order files give a map instead.
func ops(t *testing.T, raw json.RawMessage) [][2]*string {
	var list [][2]*string
	if err := json.Unmarshal(raw, &list); err == nil {
		return list
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("cannot read \"in\": %v", err)
	}
	for k, v := range m {
		list = append(list, [2]*string{&k, &v})
	}
	return list
}

func loadTrieFile(t *testing.T, name string) map[string]trieCase {
	dir := fixtures.Dir(t, "ethereum-tests/TrieTests")
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var cases map[string]trieCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return cases
}

func TestTrieFixtures(t *testing.T) {
	files := []struct {
		name   string
		secure bool
	}{
		{"trietest.json", false},
		{"trieanyorder.json", false},
		{"trietest_secureTrie.json", true},
		{"trieanyorder_secureTrie.json", true},
		{"hex_encoded_securetrie_test.json", true},
	}
	ran := 0
	for _, f := range files {
		for name, c := range loadTrieFile(t, f.name) {
			t.Run(f.name+"/"+name, func(t *testing.T) {
				want := types.MustHexToHash(c.Root)
				tr := New()
				final := map[string][]byte{} // what the trie should hold, for the builder
				for _, op := range ops(t, c.In) {
					key := fixtureBytes(t, *op[0])
					if f.secure {
						h := crypto.Keccak256(key)
						key = h[:]
					}
					if op[1] == nil {
						tr.Delete(key)
						delete(final, string(key))
						continue
					}
					val := fixtureBytes(t, *op[1])
					tr.Put(key, val)
					if len(val) == 0 {
						delete(final, string(key))
					} else {
						final[string(key)] = val
					}
				}
				if got := tr.Hash(); got != want {
					t.Errorf("trie root %s, want %s", got, want)
				}
				items := make([]KV, 0, len(final))
				for k, v := range final {
					items = append(items, KV{[]byte(k), v})
				}
				slices.SortFunc(items, func(a, b KV) int { return bytes.Compare(a.Key, b.Key) })
				got, err := SortedRoot(items)
				if err != nil || got != want {
					t.Errorf("builder root %s (%v), want %s", got, err, want)
				}
				for k, v := range final {
					if !bytes.Equal(tr.Get([]byte(k)), v) {
						t.Errorf("Get(%x) = %x, want %x", k, tr.Get([]byte(k)), v)
					}
				}
			})
			ran++
		}
	}

	// trietestnextprev: the ordered walk gives each key's neighbours.
	for name, c := range loadTrieFile(t, "trietestnextprev.json") {
		t.Run("trietestnextprev.json/"+name, func(t *testing.T) {
			var keys []string
			if err := json.Unmarshal(c.In, &keys); err != nil {
				t.Fatal(err)
			}
			tr := New()
			for _, k := range keys {
				tr.Put([]byte(k), []byte(k))
			}
			var ordered []string
			tr.ForEach(func(k, _ []byte) bool { ordered = append(ordered, string(k)); return true })
			for _, tc := range c.Tests {
				prev, next := "", ""
				for _, k := range ordered {
					if k < tc[0] {
						prev = k
					}
					if k > tc[0] && next == "" {
						next = k
					}
				}
				if prev != tc[1] || next != tc[2] {
					t.Errorf("around %q: prev %q next %q, want %q %q", tc[0], prev, next, tc[1], tc[2])
				}
			}
		})
		ran++
	}
	t.Logf("ran %d TrieTests cases", ran)
	if ran != 26 {
		t.Errorf("ran %d TrieTests cases, want 26", ran)
	}
}

func TestHexPrefixFixtures(t *testing.T) {
	dir := fixtures.Dir(t, "ethereum-tests/BasicTests")
	data, err := os.ReadFile(filepath.Join(dir, "hexencodetest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases map[string]struct {
		Raw  []int  `json:"seq"`
		Term bool   `json:"term"`
		Out  string `json:"out"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for name, c := range cases {
		nib := make([]byte, len(c.Raw))
		for i, v := range c.Raw {
			nib[i] = byte(v)
		}
		if got := hex.EncodeToString(HexPrefix(nib, c.Term)); got != c.Out {
			t.Errorf("%s: HP = %s, want %s", name, got, c.Out)
		}
	}
	t.Logf("ran %d hexencodetest cases", len(cases))
}
