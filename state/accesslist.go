package state

import "github.com/goevm/goevm/types"

// The EIP-2929 warm sets. They live for one transaction and are journaled,
// so a reverted frame's warm-ups are forgotten.

func (m *Memory) AddressInAccessList(addr types.Address) bool {
	_, ok := m.accessAddrs[addr]
	return ok
}

func (m *Memory) SlotInAccessList(addr types.Address, slot types.Hash) (addressOk, slotOk bool) {
	_, addressOk = m.accessAddrs[addr]
	_, slotOk = m.accessSlots[slotKey{addr, slot}]
	return addressOk, slotOk
}

func (m *Memory) AddAddressToAccessList(addr types.Address) {
	if _, ok := m.accessAddrs[addr]; ok {
		return
	}
	m.accessAddrs[addr] = struct{}{}
	m.journal = append(m.journal, change{kind: chAccessAddr, addr: addr})
}

// AddSlotToAccessList warms the slot and, if needed, its address too.
func (m *Memory) AddSlotToAccessList(addr types.Address, slot types.Hash) {
	m.AddAddressToAccessList(addr)
	sk := slotKey{addr, slot}
	if _, ok := m.accessSlots[sk]; ok {
		return
	}
	m.accessSlots[sk] = struct{}{}
	m.journal = append(m.journal, change{kind: chAccessSlot, addr: addr, key: slot})
}
