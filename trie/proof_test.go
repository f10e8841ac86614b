package trie

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// proofTrie is a random trie and its contents. Short keys over few nibbles
// give deep shared paths, values at branches and embedded (<32-byte) nodes;
// 32-byte random keys give the shape of the state and storage tries.
func proofTrie(rng *rand.Rand, short bool, n int) (*Trie, map[string][]byte) {
	tr := New()
	want := map[string][]byte{}
	for i := 0; i < n; i++ {
		key := randomKey(rng, short)
		val := bytes.Repeat([]byte{byte(i + 1)}, 1+rng.IntN(40))
		tr.Put(key, val)
		want[string(key)] = val
		if rng.IntN(4) == 0 { // deletes reshape the trie (collapse, prepend)
			del := randomKey(rng, short)
			tr.Delete(del)
			delete(want, string(del))
		}
	}
	return tr, want
}

func randomKey(rng *rand.Rand, short bool) []byte {
	if !short {
		key := make([]byte, 32)
		for i := range key {
			key[i] = byte(rng.UintN(256))
		}
		return key
	}
	key := make([]byte, rng.IntN(4))
	for i := range key {
		key[i] = byte(rng.IntN(4)) * 0x11
	}
	return key
}

// TestProveVerifyRandom: in random tries every key's proof verifies to its
// value, absent keys' proofs verify to nil, and tampered proofs fail.
func TestProveVerifyRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for round := 0; round < 40; round++ {
		short := round%2 == 0
		tr, want := proofTrie(rng, short, 1+rng.IntN(300))
		root := tr.Hash()
		for k, v := range want {
			proof, err := tr.Prove([]byte(k))
			if err != nil {
				t.Fatal(err)
			}
			got, err := VerifyProof(root, []byte(k), proof)
			if err != nil || !bytes.Equal(got, v) {
				t.Fatalf("round %d key %x: got %x, %v; want %x", round, k, got, err, v)
			}
			checkTampered(t, rng, root, []byte(k), proof)
		}
		for i := 0; i < 50; i++ {
			key := randomKey(rng, short)
			if _, ok := want[string(key)]; ok {
				continue
			}
			proof, err := tr.Prove(key)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := VerifyProof(root, key, proof); err != nil || got != nil {
				t.Fatalf("round %d absent key %x: got %x, %v", round, key, got, err)
			}
			if len(proof) > 0 {
				checkTampered(t, rng, root, key, proof)
			}
		}
	}
}

// checkTampered changes a valid proof in ways that must all be refused.
func checkTampered(t *testing.T, rng *rand.Rand, root types.Hash, key []byte, proof [][]byte) {
	t.Helper()
	clone := func() [][]byte {
		out := make([][]byte, len(proof))
		for i, p := range proof {
			out[i] = bytes.Clone(p)
		}
		return out
	}
	flipped := clone()
	i := rng.IntN(len(flipped))
	flipped[i][rng.IntN(len(flipped[i]))] ^= 1 << rng.IntN(8)
	cases := map[string][][]byte{
		"flipped byte": flipped,
		"last dropped": clone()[:len(proof)-1],
		"extra node":   append(clone(), proof[0]),
	}
	if len(proof) > 1 {
		c := clone()
		c[0], c[1] = c[1], c[0]
		cases["swapped"] = c
	}
	for name, p := range cases {
		if v, err := VerifyProof(root, key, p); !errors.Is(err, ErrBadProof) {
			t.Fatalf("%s proof of %x accepted: %x, %v", name, key, v, err)
		}
	}
	var wrong types.Hash
	wrong[0] = 1
	if _, err := VerifyProof(wrong, key, proof); !errors.Is(err, ErrProofHash) {
		t.Fatalf("proof accepted against another root: %v", err)
	}
}

// TestProveEmptyAndTiny covers the empty trie (empty proof, valid only for
// the empty root) and a root shorter than 32 bytes, which is still listed.
func TestProveEmptyAndTiny(t *testing.T) {
	tr := New()
	proof, err := tr.Prove([]byte("k"))
	if err != nil || len(proof) != 0 {
		t.Fatalf("empty trie proof %x, %v", proof, err)
	}
	if v, err := VerifyProof(crypto.EmptyRootHash, []byte("k"), nil); v != nil || err != nil {
		t.Fatalf("empty proof of empty root: %x, %v", v, err)
	}
	tr.Put([]byte("k"), []byte("v"))
	proof, _ = tr.Prove([]byte("k"))
	if len(proof) != 1 || len(proof[0]) >= 32 {
		t.Fatalf("tiny trie proof %x", proof)
	}
	if v, err := VerifyProof(tr.Hash(), []byte("k"), proof); err != nil || string(v) != "v" {
		t.Fatalf("tiny root: %q, %v", v, err)
	}
	if _, err := VerifyProof(tr.Hash(), []byte("k"), nil); !errors.Is(err, ErrProofIncomplete) {
		t.Fatalf("empty proof of a non-empty root: %v", err)
	}
}

// TestProveLeavesTrieAlone: Prove on a trie with unhashed edits caches
// nothing (so concurrent readers do not race; run with -race), and the
// proof matches the root Hash computes afterwards.
func TestProveLeavesTrieAlone(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	tr, want := proofTrie(rng, false, 200)
	tr.Hash()
	var keys [][]byte
	for k := range want {
		keys = append(keys, []byte(k))
	}
	tr.Put(keys[0], []byte("changed")) // dirties a path
	want[string(keys[0])] = []byte("changed")
	var wg sync.WaitGroup
	proofs := make([][][]byte, len(keys))
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(keys); i += 4 {
				proofs[i], _ = tr.Prove(keys[i])
			}
		}()
	}
	wg.Wait()
	if tr.root.cachedRef() != nil {
		t.Fatal("Prove cached the root's reference")
	}
	root := tr.Hash()
	for i, k := range keys {
		if v, err := VerifyProof(root, k, proofs[i]); err != nil || !bytes.Equal(v, want[string(k)]) {
			t.Fatalf("key %x: %x, %v", k, v, err)
		}
	}
}

// TestVerifyProofRejectsMalformed: nodes that hash correctly but are not
// trie nodes.
func TestVerifyProofRejectsMalformed(t *testing.T) {
	for name, enc := range map[string][]byte{
		"string":        rlp.AppendString(nil, []byte("not a node")),
		"three items":   rlp.WrapList([]byte{0x01, 0x02, 0x03}),
		"bad hp flag":   rlp.WrapList(append(rlp.AppendString(nil, []byte{0x40}), 0x01)),
		"bad hp pad":    rlp.WrapList(append(rlp.AppendString(nil, []byte{0x21}), 0x01)),
		"bad child ref": rlp.WrapList(append(rlp.AppendString(nil, []byte{0x00}), rlp.AppendString(nil, []byte{1, 2, 3})...)),
	} {
		if _, err := VerifyProof(crypto.Keccak256(enc), []byte{0x12}, [][]byte{enc}); !errors.Is(err, ErrProofNode) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestVerifyGethProofs checks the proofs geth returned for the
// execution-apis test chain (tests/eth_getProof/*.io, responses recorded
// from geth): the account proof against the state root of the requested
// block, taken from the chain's own blocks (tests/chain.rlp), and the
// storage proofs against the account's storage root; the proven values
// must be the ones the response states.
func TestVerifyGethProofs(t *testing.T) {
	dir := fixtures.Dir(t, "execution-apis/tests")
	raw, err := os.ReadFile(filepath.Join(dir, "chain.rlp"))
	if err != nil {
		t.Fatal(err)
	}
	roots := map[string]types.Hash{}
	var latest types.Hash
	for rest := raw; len(rest) > 0; {
		_, _, more, err := rlp.Split(rest)
		if err != nil {
			t.Fatal(err)
		}
		blk, err := types.DecodeBlockRLP(rest[:len(rest)-len(more)])
		if err != nil {
			t.Fatal(err)
		}
		roots[blk.Hash().String()] = blk.Header.StateRoot
		latest, rest = blk.Header.StateRoot, more
	}
	files, _ := filepath.Glob(filepath.Join(dir, "eth_getProof", "*.io"))
	if len(files) == 0 {
		t.Fatal("no eth_getProof fixtures")
	}
	for _, f := range files {
		req, resp := readExchange(t, f)
		var params []json.RawMessage
		var res struct {
			Address      types.Address `json:"address"`
			AccountProof []types.Bytes `json:"accountProof"`
			Balance      string        `json:"balance"`
			CodeHash     types.Hash    `json:"codeHash"`
			Nonce        string        `json:"nonce"`
			StorageHash  types.Hash    `json:"storageHash"`
			StorageProof []struct {
				Key   string        `json:"key"`
				Value string        `json:"value"`
				Proof []types.Bytes `json:"proof"`
			} `json:"storageProof"`
		}
		if err := json.Unmarshal(req.Params, &params); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(resp.Result, &res); err != nil {
			t.Fatal(err)
		}
		root := latest // "latest" or no block: the chain's head
		if len(params) > 2 {
			var tag string
			_ = json.Unmarshal(params[2], &tag)
			if r, ok := roots[tag]; ok {
				root = r
			} else if tag != "latest" {
				t.Fatalf("%s: block %s not in chain.rlp", f, tag)
			}
		}
		key := crypto.Keccak256(res.Address[:])
		val, err := VerifyProof(root, key[:], bytesList(res.AccountProof))
		if err != nil {
			t.Fatalf("%s: account proof: %v", f, err)
		}
		acc, err := types.DecodeAccountRLP(val)
		if err != nil {
			t.Fatal(err)
		}
		if acc.Balance.Hex() != res.Balance || uint256.NewInt(acc.Nonce).Hex() != res.Nonce ||
			acc.CodeHash != res.CodeHash || acc.Root != res.StorageHash {
			t.Fatalf("%s: proven account %+v, response %+v", f, acc, res)
		}
		for _, sp := range res.StorageProof {
			slot := uint256.MustFromHex(sp.Key).Bytes32()
			k := crypto.Keccak256(slot[:])
			v, err := VerifyProof(res.StorageHash, k[:], bytesList(sp.Proof))
			if err != nil {
				t.Fatalf("%s: storage proof of %s: %v", f, sp.Key, err)
			}
			content, _, err := rlp.SplitString(v)
			if err != nil || new(uint256.Int).SetBytes(content).Hex() != sp.Value {
				t.Fatalf("%s: slot %s proven %x, response %s (%v)", f, sp.Key, v, sp.Value, err)
			}
		}
		t.Logf("%s: %d account proof nodes, %d storage proofs verified", filepath.Base(f), len(res.AccountProof), len(res.StorageProof))
	}
}

type exchange struct {
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
}

// readExchange reads an execution-apis .io file: "// comment" lines, a
// ">> request" line and a "<< response" line.
func readExchange(t *testing.T, path string) (req, resp exchange) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		line := sc.Text()
		var dst *exchange
		switch {
		case strings.HasPrefix(line, ">> "):
			dst = &req
		case strings.HasPrefix(line, "<< "):
			dst = &resp
		default:
			continue
		}
		if err := json.Unmarshal([]byte(line[3:]), dst); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return req, resp
}

func bytesList(in []types.Bytes) [][]byte {
	out := make([][]byte, len(in))
	for i, b := range in {
		out[i] = b
	}
	return out
}
