package chain

import (
	"cmp"
	"encoding/binary"
	"hash/crc32"
	"math"
	"slices"
	"strings"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// ForkPoint is one activation after genesis, as EIP-2124's fork id and
// EIP-7910's eth_config count them: a fork, or a blob-parameter-only fork
// (BPO1-BPO5; Fork is then the fork whose rules it runs). Exactly one of
// Block and Time is set.
type ForkPoint struct {
	Name  string
	Fork  fork.Fork
	Block *uint64
	Time  *uint64
}

// ForkPoints lists the chain's activations after genesis in order: forks
// by block number, then by timestamp, BPO forks among the latter.
func (c *Chain) ForkPoints() []ForkPoint { return c.cfg.forkPoints() }

func (c *Config) forkPoints() []ForkPoint {
	var out []ForkPoint
	for _, a := range c.Schedule {
		out = append(out, ForkPoint{Name: a.Fork.String(), Fork: a.Fork, Block: a.Block, Time: a.Time})
	}
	// EIP-2124 counts the DAO fork's block (1,920,000 on mainnet) like a
	// fork's.
	if d := c.DAOForkBlock; d != nil && *d > 0 {
		b := *d
		out = append(out, ForkPoint{Name: "DAO", Fork: c.ForkAt(b, 0), Block: &b})
	}
	for _, b := range c.BlobSchedule {
		if strings.HasPrefix(b.Name, "bpo") {
			t := b.Time
			out = append(out, ForkPoint{Name: strings.ToUpper(b.Name), Fork: c.ForkAt(math.MaxUint64, t), Time: &t})
		}
	}
	slices.SortStableFunc(out, func(x, y ForkPoint) int {
		switch {
		case x.Block != nil && y.Block != nil:
			return cmp.Compare(*x.Block, *y.Block)
		case x.Block != nil:
			return -1
		case y.Block != nil:
			return 1
		}
		return cmp.Compare(*x.Time, *y.Time)
	})
	return out
}

// ForkID is EIP-2124's fork hash for a head with this number and
// timestamp: CRC32 of the genesis hash, extended by every activation block
// and time the head has passed (each once; times at or before genesis do
// not count, as they are in force from it). It matches geth's for the same
// genesis file, whose config fields it reads the same way.
func (c *Chain) ForkID(number, time uint64) [4]byte {
	gh, genesisTime, err := c.idGenesis()
	if err != nil {
		return [4]byte{}
	}
	return forkHash(gh, genesisTime, c.ForkPoints(), number, time)
}

// forkHash is EIP-2124's FORK_HASH for a chain with this genesis and
// these activations, at a head with this number and timestamp.
func forkHash(gh types.Hash, genesisTime uint64, points []ForkPoint, number, time uint64) [4]byte {
	var out [4]byte
	sum := crc32.ChecksumIEEE(gh[:])
	var last uint64
	seen := false
	add := func(v uint64) {
		if seen && v == last {
			return
		}
		seen, last = true, v
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], v)
		sum = crc32.Update(sum, crc32.IEEETable, b[:])
	}
	for _, p := range points {
		if p.Block != nil && *p.Block > 0 && *p.Block <= number {
			add(*p.Block)
		}
	}
	seen = false
	for _, p := range points {
		if p.Time != nil && *p.Time > genesisTime && *p.Time <= time {
			add(*p.Time)
		}
	}
	binary.BigEndian.PutUint32(out[:], sum)
	return out
}

// ForkConfig is one fork's settings as EIP-7910's eth_config reports them.
type ForkConfig struct {
	Point ForkPoint // zero Block and Time: in force from genesis
	Fork  fork.Fork
	Blobs transition.BlobParams
	ID    [4]byte
}

// ForkConfigsAt returns the fork configuration in force at time t, the next
// one scheduled by timestamp, and the last one scheduled; next and last are
// nil when nothing is scheduled after t. eth_config (EIP-7910) only knows
// timestamped forks: a chain still before its block-numbered forks reports
// the fork at the head's number.
func (c *Chain) ForkConfigsAt(number, t uint64) (current ForkConfig, next, last *ForkConfig) {
	at := func(p ForkPoint, number, time uint64) ForkConfig {
		return ForkConfig{Point: p, Fork: c.cfg.ForkAt(number, time), Blobs: c.cfg.BlobParamsAt(number, time), ID: c.ForkID(number, time)}
	}
	var cur ForkPoint
	var future []ForkPoint
	for _, p := range c.ForkPoints() {
		switch {
		case p.Block != nil && *p.Block <= number, p.Time != nil && *p.Time <= t:
			cur = p
		case p.Time != nil:
			future = append(future, p)
		}
	}
	current = at(cur, number, t)
	if len(future) > 0 {
		n := at(future[0], number, *future[0].Time)
		l := at(future[len(future)-1], number, *future[len(future)-1].Time)
		next, last = &n, &l
	}
	return current, next, last
}
