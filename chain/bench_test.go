package chain

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// benchAddr is the i-th filler account of a large genesis: spread over
// the address space like real ones (keccak of i).
func benchAddr(i int) types.Address {
	h := crypto.Keccak256(binary.BigEndian.AppendUint64(nil, uint64(i)))
	return types.BytesToAddress(h[12:])
}

// benchCPU is the process's CPU time (user and system, all threads: Pebble's
// background work included). On a shared machine, CPU time per op is
// steadier than wall time.
func benchCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchChain is an in-memory chain whose genesis holds the dev account and
// accounts filler accounts of 1 wei each.
func benchChain(tb testing.TB, accounts int) (*Chain, types.Address) {
	tb.Helper()
	from, err := crypto.ToAddress(devKey)
	if err != nil {
		tb.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.GenesisTime = 1_700_000_000
	cfg.Alloc = make(map[types.Address]GenesisAccount, accounts+1)
	for i := 0; i < accounts; i++ {
		cfg.Alloc[benchAddr(i)] = GenesisAccount{Balance: *uint256.NewInt(1)}
	}
	cfg.Alloc[from] = GenesisAccount{Balance: *uint256.MustFromDecimal("10000000000000000000000")}
	c, err := New(cfg, "")
	if err != nil {
		tb.Fatal(err)
	}
	return c, from
}

// benchTransfer is a signed EIP-1559 transfer of 1 wei from the dev account.
func benchTransfer(tb testing.TB, c *Chain, from types.Address, nonce uint64, to types.Address) *PendingTx {
	tx := &types.Transaction{Type: types.DynamicFeeTxType, ChainID: *uint256.NewInt(c.cfg.ChainID), Nonce: nonce, Gas: 21_000, To: &to, Value: *uint256.NewInt(1)}
	tx.GasFeeCap = *uint256.NewInt(100_000_000_000)
	tx.GasTipCap = *uint256.NewInt(1)
	key, err := crypto.ToPrivateKey(devKey)
	if err != nil {
		tb.Fatal(err)
	}
	if err := types.LatestSigner(c.cfg.ChainID).SignTx(tx, key); err != nil {
		tb.Fatal(err)
	}
	raw, err := tx.MarshalBinary()
	if err != nil {
		tb.Fatal(err)
	}
	return &PendingTx{Tx: tx, Raw: raw, Hash: tx.Hash(), From: from}
}

// settle finishes the one-off work a genesis leaves behind, so that it is
// not charged to the blocks timed after it: the garbage of building the
// allocation, and the store's flush and compactions of the genesis batch.
func settle(tb testing.TB, c *Chain) {
	start := time.Now()
	if err := c.store.db.Flush(); err != nil {
		tb.Fatal(err)
	}
	for c.store.db.Metrics().Compact.NumInProgress > 0 {
		time.Sleep(10 * time.Millisecond)
	}
	runtime.GC()
	tb.Logf("settled in %s", time.Since(start))
}

// BenchmarkMineTransfer mines a block of one signed ETH transfer (sent
// with automine, as eth_sendRawTransaction does) on a state of the dev
// account and the system contracts only, and on one with 1,000,000 more
// accounts. The bound: the second no more than twice the first.
// Each size's chain is built once (the genesis time is logged) and keeps
// growing across the benchmark's rounds. Besides the mean wall time it
// reports the median block (p50-ns/op) and CPU time per block (cpu-ns/op):
// on a shared machine the mean is dominated by the few blocks during which
// other processes held the cores. The large genesis takes tens of
// seconds, so run it on purpose only (-short skips it):
//
//	go test ./chain -run '^$' -bench MineTransfer -benchtime 2000x -count 3
func BenchmarkMineTransfer(b *testing.B) {
	for _, accounts := range []int{0, 1_000_000} {
		var c *Chain
		var from types.Address
		var nonce uint64
		b.Run(fmt.Sprintf("accounts=%d", accounts), func(b *testing.B) {
			if accounts > 0 && testing.Short() {
				b.Skip("a large genesis: not with -short")
			}
			if c == nil {
				start, cpu := time.Now(), benchCPU(b)
				c, from = benchChain(b, accounts)
				b.Logf("genesis of %d accounts: %s (%s CPU)", accounts, time.Since(start), benchCPU(b)-cpu)
				settle(b, c)
			}
			to := benchAddr(accounts / 2) // an existing account in the large state
			txs := make([]*PendingTx, b.N)
			for i := range txs {
				txs[i] = benchTransfer(b, c, from, nonce, to)
				nonce++
			}
			b.ResetTimer()
			cpu0 := benchCPU(b)
			durs := make([]time.Duration, 0, len(txs))
			for _, tx := range txs {
				t0 := time.Now()
				m, err := c.SendTransaction(tx)
				durs = append(durs, time.Since(t0))
				if err != nil || m == nil || len(m.Block.Transactions) != 1 {
					b.Fatalf("block %v: %v", m, err)
				}
			}
			b.ReportMetric(float64(benchCPU(b)-cpu0)/float64(b.N), "cpu-ns/op")
			slices.Sort(durs)
			b.ReportMetric(float64(durs[len(durs)/2]), "p50-ns/op")
		})
		if c != nil {
			c.Close()
		}
	}
}
