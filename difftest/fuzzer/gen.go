package fuzzer

import (
	"math/rand/v2"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Well-known addresses of a generated world.
var (
	// Contracts holds the generated contracts; they call each other.
	Contracts = func() []types.Address {
		var out []types.Address
		for i := 1; i <= 5; i++ {
			out = append(out, types.BytesToAddress([]byte{0xc0, 0xde, byte(i)}))
		}
		return out
	}()
	Sender  = KeyAddrs[0]
	nobody  = types.BytesToAddress([]byte{0xde, 0xad})
	poorEOA = types.BytesToAddress([]byte{0xee, 0x01}) // an EOA holding 1 wei
)

// precompileAddrs are every precompile of any fork (0x01-0x11, 0x100).
var precompileAddrs = func() []types.Address {
	var out []types.Address
	for i := 1; i <= 0x11; i++ {
		out = append(out, types.BytesToAddress([]byte{byte(i)}))
	}
	return append(out, types.BytesToAddress([]byte{0x01, 0x00}))
}()

// Gen draws cases from a seeded stream: the same seed gives the same cases.
type Gen struct {
	r *rand.Rand
	// x draws what was added to the generators later (gen_amsterdam.go),
	// so r's draws, and the programs a seed gave before, stay as they were.
	x *rand.Rand
}

// NewGen returns a generator for seed.
func NewGen(seed uint64) *Gen {
	return &Gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), x: rand.New(rand.NewPCG(seed^0x8024, seed+0x7843))}
}

// Generator names, chosen per case.
const (
	GenRaw        = "raw"
	GenStructured = "structured"
)

// Case draws one case. kind is GenRaw or GenStructured.
func (g *Gen) Case(kind string) *Case {
	c := &Case{Pre: map[types.Address]*Account{}}
	big := new(uint256.Int).Exp(uint256.NewInt(10), uint256.NewInt(24))
	c.Pre[Sender] = &Account{Balance: types.U256{Int: *big}, Nonce: uint64(g.r.IntN(3))}
	for _, k := range KeyAddrs[1:] {
		if g.r.IntN(3) > 0 {
			a := &Account{Balance: g.balance(), Nonce: uint64(g.r.IntN(2))}
			if g.r.IntN(4) == 0 { // already delegated (EIP-7702 designator)
				a.Code = append([]byte{0xef, 0x01, 0x00}, g.pick(Contracts).Bytes()...)
			}
			c.Pre[k] = a
		}
	}
	c.Pre[poorEOA] = &Account{Balance: u256(1)}
	for _, addr := range Contracts {
		a := &Account{Balance: g.balance(), Nonce: uint64(g.r.IntN(2))}
		if kind == GenRaw {
			a.Code = g.rawCode()
		} else {
			a.Code = g.program(0)
		}
		if g.r.IntN(2) == 0 {
			a.Storage = map[types.Hash]types.Hash{}
			for range g.r.IntN(4) + 1 {
				a.Storage[types.BytesToHash([]byte{byte(g.r.IntN(8))})] = types.BytesToHash([]byte{byte(g.r.IntN(3) + 1)})
			}
		}
		c.Pre[addr] = a
	}
	g.oddAccounts(c)
	c.Block = g.block()
	c.Tx = g.tx(c, kind)
	if g.r.IntN(4) == 0 {
		g.moreTxs(c, kind)
	}
	return c
}

// moreTxs adds one or two transactions after the first, from the same
// sender, often to what the first one created: what crosses the
// transaction boundary (EIP-6780 self-destruct of a contract created
// earlier, EIP-1153 transient storage reset, original storage values for
// SSTORE pricing, warm sets cleared, nonces) is then compared too.
func (g *Gen) moreTxs(c *Case, kind string) {
	nonce := c.Pre[Sender].Nonce
	for range g.r.IntN(2) + 1 {
		nonce++
		t := g.tx(c, kind)
		t.Nonce = nonce
		t.Auths = nil
		if t.Type == 4 {
			t.Type = 2
		}
		if g.r.IntN(2) == 0 && t.To != nil {
			// A contract created by the first transaction: by a contract's
			// CREATE, or by the sender's creation transaction.
			creator := g.pick(Contracts)
			at := crypto.CreateAddress(creator, c.Pre[creator].Nonce)
			if g.r.IntN(3) == 0 {
				at = crypto.CreateAddress(Sender, c.Pre[Sender].Nonce)
			}
			t.To = &at
		}
		c.Next = append(c.Next, t)
	}
}

// oddAccounts adds, now and then, the accounts where the rules have corner
// cases: empty accounts (EIP-161 deletes them when touched; 0x03 is the
// spec's RIPEMD160 exception), and accounts sitting where a contract's next
// CREATE will land (EIP-684 collisions: nonce or code). An account with
// only storage there is left out: EIP-7610 makes that a collision and
// goevm follows it, geth v1.17 does not (testdata/regressions has the
// case); such a pre-state cannot occur on mainnet.
func (g *Gen) oddAccounts(c *Case) {
	if g.r.IntN(3) == 0 {
		for range g.r.IntN(3) + 1 {
			a := g.pick(append([]types.Address{nobody, types.BytesToAddress([]byte{0x03})}, precompileAddrs...))
			c.Pre[a] = &Account{}
		}
	}
	if g.r.IntN(4) == 0 {
		creator := g.pick(Contracts)
		at := crypto.CreateAddress(creator, c.Pre[creator].Nonce)
		a := &Account{}
		if g.r.IntN(2) == 0 {
			a.Nonce = 1
		} else {
			a.Code = []byte{opSTOP}
		}
		if g.r.IntN(2) == 0 {
			a.Storage = map[types.Hash]types.Hash{{31: 1}: {31: 1}}
		}
		c.Pre[at] = a
	}
}

func (g *Gen) pick(as []types.Address) types.Address { return as[g.r.IntN(len(as))] }

func (g *Gen) balance() types.U256 {
	switch g.r.IntN(4) {
	case 0:
		return u256(0)
	case 1:
		return u256(uint64(g.r.IntN(1000)))
	}
	return u256(1_000_000_000_000_000_000)
}

func (g *Gen) block() Block {
	b := Block{
		Number:   uint64(g.r.IntN(1000) + 1),
		Time:     uint64(g.r.IntN(1 << 20)),
		GasLimit: 30_000_000,
	}
	b.Difficulty = u256(uint64(g.r.IntN(1 << 20)))
	for i := range b.PrevRandao {
		b.PrevRandao[i] = byte(g.r.IntN(256))
	}
	switch g.r.IntN(4) {
	case 0:
		b.Coinbase = Contracts[g.r.IntN(len(Contracts))]
	case 1:
		b.Coinbase = types.BytesToAddress([]byte{0xcb})
	case 2:
		b.Coinbase = nobody
	}
	b.BaseFee = u256(uint64(g.r.IntN(8)))
	b.BlobBaseFee = u256(1)
	// EIP-7843's slot, derived rather than drawn (the draws stay as they
	// were): past 32 bits and unlike the number and the time, so SLOTNUM
	// reading either shows.
	b.SlotNumber = 1<<32 + b.Time/12
	return b
}

func (g *Gen) tx(c *Case, kind string) Tx {
	t := Tx{From: Sender, Nonce: c.Pre[Sender].Nonce, Type: uint8(g.r.IntN(5))}
	switch n := g.r.IntN(20); {
	case n < 13:
		to := g.pick(Contracts)
		t.To = &to
	case n < 15:
		to := g.pick(KeyAddrs[1:])
		t.To = &to
	case n < 16:
		to := g.pick(precompileAddrs)
		t.To = &to
		t.Data = g.precompileInput(to)
	case n < 17:
		t.To = &nobody
	default:
		if t.Type < 3 {
			t.Data = g.initcode(0, 0)
		} else {
			to := g.pick(Contracts)
			t.To = &to
		}
	}
	if t.Data == nil {
		t.Data = g.bytes(g.r.IntN(70))
	}
	t.GasPrice = u256(8 + uint64(g.r.IntN(4)))
	t.TipCap = u256(uint64(g.r.IntN(4)))
	switch g.r.IntN(6) {
	case 0:
		t.Value = u256(uint64(g.r.IntN(100)))
	case 1:
		t.Value = u256(1_000_000_000_000_000_000)
	}
	if t.Type >= 1 && g.r.IntN(2) == 0 {
		for range g.r.IntN(3) + 1 {
			e := types.AccessTuple{Address: g.address(), StorageKeys: []types.Hash{}}
			for range g.r.IntN(3) {
				e.StorageKeys = append(e.StorageKeys, types.BytesToHash([]byte{byte(g.r.IntN(8))}))
			}
			t.AccessList = append(t.AccessList, e)
		}
	}
	if t.Type == 4 {
		for range g.r.IntN(3) + 1 {
			t.Auths = append(t.Auths, g.auth(c, &t))
		}
	}
	if t.Type == 3 { // EIP-4844: version 0x01 hashes; the blob fee is burned
		for range g.r.IntN(3) + 1 {
			h := types.Hash{0: 0x01}
			for i := 1; i < len(h); i++ {
				h[i] = byte(g.r.IntN(256))
			}
			t.BlobHashes = append(t.BlobHashes, h)
		}
		t.BlobFeeCap = u256(uint64(1 + g.r.IntN(3)))
	}
	// Gas above a rough intrinsic cost (call data, creation, access list,
	// authorizations), so that most transactions are valid and run; now
	// and then right around it.
	intrinsic := uint64(21_000 + 16*len(t.Data) + 2*len(t.Data) + 25_000*len(t.Auths))
	if t.To == nil {
		intrinsic += 32_000
	}
	for _, e := range t.AccessList {
		intrinsic += 2400 + 1900*uint64(len(e.StorageKeys))
	}
	t.Gas = intrinsic + []uint64{5_000, 40_000, 150_000, 500_000, 1_000_000, 3_000_000}[g.r.IntN(6)]
	if g.r.IntN(50) == 0 {
		t.Gas = intrinsic - 2000 + uint64(g.r.IntN(4000)) // around the intrinsic cost
	}
	// Now and then gas above 2^24: EIP-8037 moves it into the state-gas
	// reservoir (before Amsterdam, EIP-7825 refuses the transaction, and
	// earlier forks just run with more gas). Drawn from the second source
	// so older seeds keep their cases.
	if g.x.IntN(10) == 0 {
		t.Gas += 1<<24 + uint64(g.x.IntN(1<<22))
	}
	return t
}

func (g *Gen) auth(c *Case, t *Tx) Auth {
	a := Auth{Key: g.r.IntN(len(Keys)), ChainID: ChainID}
	switch g.r.IntN(8) {
	case 0:
		a.ChainID = 0 // any chain
	case 1:
		a.ChainID = 2 // wrong chain: skipped
	}
	if acc := c.Pre[KeyAddrs[a.Key]]; acc != nil {
		a.Nonce = acc.Nonce
	}
	if a.Key == 0 {
		a.Nonce++ // the sender's nonce is bumped before authorizations run
	}
	for _, prev := range t.Auths {
		if prev.Key == a.Key {
			a.Nonce++ // assume the earlier one applied
		}
	}
	if g.r.IntN(8) == 0 {
		a.Nonce += uint64(g.r.IntN(3)) - 1 // often a wrong nonce
	}
	switch g.r.IntN(8) {
	case 0:
		a.Address = types.Address{} // clears a delegation
	case 1:
		a.Address = g.pick(precompileAddrs)
	case 2:
		a.Address = g.pick(KeyAddrs)
	default:
		a.Address = g.pick(Contracts)
	}
	return a
}

// address draws an address a program touches.
func (g *Gen) address() types.Address {
	switch g.r.IntN(12) {
	case 0, 1:
		return g.pick(precompileAddrs)
	case 2:
		return g.pick(KeyAddrs)
	case 3:
		return nobody
	case 4:
		return poorEOA
	case 5:
		var a types.Address
		for i := range a {
			a[i] = byte(g.r.IntN(256))
		}
		return a
	}
	return g.pick(Contracts)
}

func (g *Gen) bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		if g.r.IntN(3) > 0 {
			b[i] = byte(g.r.IntN(256))
		}
	}
	return b
}
