package state

import (
	"encoding/binary"
	"testing"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// bigState is n accounts with a balance, a nonce and slots storage slots each.
func bigState(n, slots int) *Memory {
	m := New()
	for i := 0; i < n; i++ {
		var addr types.Address
		binary.BigEndian.PutUint64(addr[12:], uint64(i)*0x9e3779b97f4a7c15)
		m.SetBalance(addr, uint256.NewInt(uint64(i)+1))
		m.SetNonce(addr, uint64(i%7))
		for s := 0; s < slots; s++ {
			m.SetState(addr, types.Hash{31: byte(s)}, types.Hash{0: byte(i), 31: byte(s + 1)})
		}
	}
	m.Commit()
	return m
}

// BenchmarkStateRoot100kCold hashes 100k accounts with 3 slots each from
// scratch: every storage root and the account trie.
func BenchmarkStateRoot100kCold(b *testing.B) {
	m := bigState(100_000, 3)
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		for _, a := range m.accounts {
			a.rootValid, a.addrHashed = false, false
		}
		m.IntermediateRoot(true)
	}
	reportCPU(b, start)
}

// BenchmarkStateRoot100kWarm re-hashes after one transaction changed one
// account: cached storage roots are reused.
func BenchmarkStateRoot100kWarm(b *testing.B) {
	m := bigState(100_000, 3)
	m.IntermediateRoot(true)
	addr := m.Addresses()[0]
	v := types.Hash{}
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		v[0]++
		m.SetState(addr, types.Hash{1}, v)
		m.IntermediateRoot(true)
	}
	reportCPU(b, start)
}

// BenchmarkJournaledWrites measures a snapshot, ten storage writes and a
// revert: the hot path of a reverting call.
func BenchmarkJournaledWrites(b *testing.B) {
	m := bigState(1, 0)
	addr := m.Addresses()[0]
	b.ReportAllocs()
	for b.Loop() {
		s := m.Snapshot()
		for i := byte(0); i < 10; i++ {
			m.SetState(addr, types.Hash{31: i}, types.Hash{31: i + 1})
		}
		m.AddBalance(addr, uint256.NewInt(1))
		m.RevertToSnapshot(s)
	}
}
