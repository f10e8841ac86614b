package state

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// The hot accounts (Memory.hot) never outlive the accounts entry they
// stand for: after each way an entry is replaced or dropped, what get
// returns is what the map (or a copy reading the frozen map) holds.
func TestHotAccountsNeverStale(t *testing.T) {
	a, b := types.Address{0xaa}, types.Address{0xbb}
	m := New()
	m.AddBalance(a, uint256.NewInt(10))
	m.AddBalance(b, uint256.NewInt(20))
	m.Finalise(true)

	// CreateAccount replaces the object; reverting brings the old one back.
	m.GetBalance(a) // hot
	snap := m.Snapshot()
	m.CreateAccount(a)
	m.SetNonce(a, 7)
	m.RevertToSnapshot(snap)
	if n := m.GetNonce(a); n != 0 {
		t.Fatalf("nonce after reverting a re-creation: %d, want 0", n)
	}
	m.AddBalance(a, uint256.NewInt(1))
	if got := m.accounts[a].balance.Uint64(); got != 11 {
		t.Fatalf("balance in the map after a write through get: %d, want 11", got)
	}

	// An account added and reverted is gone.
	c := types.Address{0xcc}
	snap = m.Snapshot()
	m.AddBalance(c, uint256.NewInt(1))
	m.RevertToSnapshot(snap)
	if m.Exist(c) {
		t.Fatal("reverted new account still exists")
	}

	// Copy freezes the accounts: a write to m after it must not reach the copy.
	m.GetBalance(a)
	m.GetBalance(b)
	m.Finalise(true)
	cp := m.Copy()
	m.AddBalance(a, uint256.NewInt(100))
	if got := balanceOf(cp, a); got != 11 {
		t.Fatalf("copy's balance changed by the parent's write: %d, want 11", got)
	}
	if got := balanceOf(m, a); got != 111 {
		t.Fatalf("parent's balance: %d, want 111", got)
	}
	m.Finalise(true)

	// Finalise deletes a touched empty account.
	m.SubBalance(b, uint256.NewInt(20))
	if !m.Exist(b) {
		t.Fatal("b gone before Finalise")
	}
	m.Finalise(true)
	if m.Exist(b) {
		t.Fatal("empty touched account survives Finalise")
	}

	// The touch cache: a touch reverted, then made again, is recorded.
	d := types.Address{0xdd}
	m.AddBalance(d, uint256.NewInt(0)) // creates and touches an empty account
	snap = m.Snapshot()
	m.Touch(d)
	m.RevertToSnapshot(snap)
	m.Finalise(true)
	if m.Exist(d) {
		t.Fatal("touched empty account survives Finalise")
	}
	e := types.Address{0xee}
	m.SetBalance(e, new(uint256.Int)) // touches e in an outer snapshot
	snap = m.Snapshot()
	m.RevertToSnapshot(0) // drops e and its touch
	m.AddBalance(e, new(uint256.Int))
	m.Finalise(true)
	if m.Exist(e) {
		t.Fatal("empty account touched again after a revert survives Finalise")
	}
}

// Every write of an accounts entry or a new accounts map goes through
// setAccount, dropAccount or resetHot (memory.go), and every removal from
// touched clears the hot accounts' touched marks: a write elsewhere would leave hot stale.
func TestHotAccountsWritesGoThroughHelpers(t *testing.T) {
	write := regexp.MustCompile(`m\.accounts\[[^\]]*\]\s*=[^=]|delete\(m\.accounts|m\.accounts\s*=[^=]|clear\(m\.accounts`)
	touched := regexp.MustCompile(`delete\(m\.touched|clear\(m\.touched|m\.touched\s*=[^=]`)
	files, _ := os.ReadDir(".")
	for _, f := range files {
		name := f.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		for i, l := range lines {
			next := ""
			if i+1 < len(lines) {
				next = lines[i+1]
			}
			if write.MatchString(l) && !strings.Contains(next, "m.resetHot()") && !strings.Contains(lines[i-1], "func (m *Memory) setAccount") && !strings.Contains(lines[i-1], "func (m *Memory) dropAccount") {
				t.Errorf("%s:%d writes accounts without forgetting the hot accounts: %s", name, i+1, strings.TrimSpace(l))
			}
			if touched.MatchString(l) && !strings.Contains(next, "m.untouchHot()") {
				t.Errorf("%s:%d drops touched entries without untouchHot: %s", name, i+1, strings.TrimSpace(l))
			}
		}
	}
}

func balanceOf(m *Memory, addr types.Address) uint64 {
	b := m.GetBalance(addr)
	return b.Uint64()
}
