package spectest

import (
	"fmt"
	"strconv"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// T8nEnv is t8n's env.json: the block being built and what it needs of its
// parent to derive the fields the caller leaves out.
type T8nEnv struct {
	Coinbase         *types.Address        `json:"currentCoinbase"`
	GasLimit         string                `json:"currentGasLimit"`
	Number           string                `json:"currentNumber"`
	Timestamp        string                `json:"currentTimestamp"`
	Difficulty       string                `json:"currentDifficulty"`
	Random           *types.Hash           `json:"currentRandom"`
	BaseFee          string                `json:"currentBaseFee"`
	ExcessBlobGas    string                `json:"currentExcessBlobGas"`
	SlotNumber       string                `json:"slotNumber"` // EIP-7843, geth's t8n name
	ParentDifficulty string                `json:"parentDifficulty"`
	ParentTimestamp  string                `json:"parentTimestamp"`
	ParentBaseFee    string                `json:"parentBaseFee"`
	ParentGasUsed    string                `json:"parentGasUsed"`
	ParentGasLimit   string                `json:"parentGasLimit"`
	ParentUncleHash  *types.Hash           `json:"parentUncleHash"`
	ParentExcessBlob string                `json:"parentExcessBlobGas"`
	ParentBlobUsed   string                `json:"parentBlobGasUsed"`
	ParentBeaconRoot *types.Hash           `json:"parentBeaconBlockRoot"`
	ParentHash       *types.Hash           `json:"parentHash"`
	BlockHashes      map[string]types.Hash `json:"blockHashes"`
	Ommers           []t8nOmmer            `json:"ommers"`
	Withdrawals      []*types.Withdrawal   `json:"withdrawals"`
}

type t8nOmmer struct {
	Delta   uint64        `json:"delta"`
	Address types.Address `json:"address"`
}

// derived are the env values t8n computed rather than read, reported back
// in result.json.
type derived struct {
	difficulty    *types.U256
	baseFee       *types.U256
	excessBlobGas *types.Uint64
	// missingHash is the first block number BLOCKHASH asked for that
	// env.blockHashes lacks (t8n then fails with exit code 4).
	missingHash *uint64
}

// blockEnv turns env.json into a block environment on network net (its
// configuration at the block's number and time), deriving the
// difficulty (before Paris), base fee (London) and excess blob gas (Cancun)
// from the parent fields when the current ones are missing. Errors name the
// env field at fault.
func (e *T8nEnv) blockEnv(net *Network) (*transition.BlockEnv, *derived, error) {
	var d derived
	if e.Coinbase == nil {
		return nil, nil, fmt.Errorf("env: missing field currentCoinbase")
	}
	gasLimit, err := t8nGasLimit(e.GasLimit)
	if err != nil {
		return nil, nil, fmt.Errorf("env currentGasLimit: %w", err)
	}
	number, err := reqUint64("currentNumber", e.Number)
	if err != nil {
		return nil, nil, err
	}
	time, err := reqUint64("currentTimestamp", e.Timestamp)
	if err != nil {
		return nil, nil, err
	}
	cfg := net.ConfigAt(number, time)
	f := cfg.ForkAt(number, time)
	env := &transition.BlockEnv{
		Config: cfg, Fork: f, Coinbase: *e.Coinbase, Number: number, Time: time, GasLimit: gasLimit,
		ParentBeaconRoot: e.ParentBeaconRoot,
	}
	parent, err := e.parentHeader(f, number)
	if err != nil {
		return nil, nil, err
	}

	if f < fork.Paris {
		switch {
		case e.Difficulty != "":
			if err := parseU256(&env.Difficulty, e.Difficulty); err != nil {
				return nil, nil, fmt.Errorf("env currentDifficulty: %w", err)
			}
			d.difficulty = &types.U256{Int: env.Difficulty}
		case e.ParentDifficulty != "":
			hasOmmers := e.ParentUncleHash != nil && *e.ParentUncleHash != transition.EmptyOmmersHash
			env.Difficulty = *transition.CalcDifficulty(f, number, time, parent.Time, &parent.Difficulty, hasOmmers)
			d.difficulty = &types.U256{Int: env.Difficulty}
		default:
			return nil, nil, fmt.Errorf("env: currentDifficulty or parentDifficulty needed before Paris")
		}
	} else {
		if e.Random == nil {
			return nil, nil, fmt.Errorf("env: missing field currentRandom (required from Paris)")
		}
		env.PrevRandao = *e.Random
	}

	if f >= fork.London {
		switch {
		case e.BaseFee != "":
			v, err := types.ParseU256(e.BaseFee)
			if err != nil {
				return nil, nil, fmt.Errorf("env currentBaseFee: %w", err)
			}
			env.BaseFee = v
		case parent.BaseFee != nil:
			env.BaseFee = transition.CalcBaseFee(parent)
			d.baseFee = &types.U256{Int: *env.BaseFee}
		default:
			return nil, nil, fmt.Errorf("env: currentBaseFee or parentBaseFee needed from London")
		}
	}

	if f >= fork.Cancun {
		var excess uint64
		if e.ExcessBlobGas != "" {
			if excess, err = types.ParseUint64(e.ExcessBlobGas); err != nil {
				return nil, nil, fmt.Errorf("env currentExcessBlobGas: %w", err)
			}
		} else {
			excess = transition.CalcExcessBlobGas(f, cfg.BlobParamsAt(f), parent)
			v := types.Uint64(excess)
			d.excessBlobGas = &v
		}
		env.ExcessBlobGas = &excess
	}

	if e.SlotNumber != "" { // EIP-7843's SLOTNUM; 0 when not given, as geth's t8n
		if env.SlotNumber, err = types.ParseUint64(e.SlotNumber); err != nil {
			return nil, nil, fmt.Errorf("env slotNumber: %w", err)
		}
	}

	if f >= fork.Shanghai {
		env.Withdrawals = e.Withdrawals
		if env.Withdrawals == nil {
			env.Withdrawals = []*types.Withdrawal{}
		}
	}
	for _, o := range e.Ommers {
		env.Ommers = append(env.Ommers, transition.OmmerReward{Delta: o.Delta, Coinbase: o.Address})
	}

	hashes := make(map[uint64]types.Hash, len(e.BlockHashes))
	for k, h := range e.BlockHashes {
		n, err := types.ParseUint64(k)
		if err != nil {
			return nil, nil, fmt.Errorf("env blockHashes key %q: %w", k, err)
		}
		hashes[n] = h
	}
	env.GetHash = func(n uint64) types.Hash {
		h, ok := hashes[n]
		if !ok && d.missingHash == nil {
			d.missingHash = &n
		}
		return h
	}
	switch {
	case e.ParentHash != nil:
		env.ParentHash = *e.ParentHash
	case number > 0:
		env.ParentHash = hashes[number-1]
	}
	return env, &d, nil
}

// parentHeader gathers the parent fields env.json gives into a header, for
// the derivation rules that take a parent.
func (e *T8nEnv) parentHeader(f fork.Fork, number uint64) (*types.Header, error) {
	p := &types.Header{}
	if number > 0 {
		p.Number = number - 1
	}
	var err error
	if p.Time, err = optUint64(e.ParentTimestamp); err != nil {
		return nil, fmt.Errorf("env parentTimestamp: %w", err)
	}
	if e.ParentDifficulty != "" {
		if err := parseU256(&p.Difficulty, e.ParentDifficulty); err != nil {
			return nil, fmt.Errorf("env parentDifficulty: %w", err)
		}
	}
	if e.ParentBaseFee != "" {
		if p.BaseFee, err = types.ParseU256(e.ParentBaseFee); err != nil {
			return nil, fmt.Errorf("env parentBaseFee: %w", err)
		}
	}
	if p.GasUsed, err = optUint64(e.ParentGasUsed); err != nil {
		return nil, fmt.Errorf("env parentGasUsed: %w", err)
	}
	if p.GasLimit, err = optUint64(e.ParentGasLimit); err != nil {
		return nil, fmt.Errorf("env parentGasLimit: %w", err)
	}
	if e.ParentExcessBlob != "" || e.ParentBlobUsed != "" {
		excess, err := optUint64(e.ParentExcessBlob)
		if err != nil {
			return nil, fmt.Errorf("env parentExcessBlobGas: %w", err)
		}
		used, err := optUint64(e.ParentBlobUsed)
		if err != nil {
			return nil, fmt.Errorf("env parentBlobGasUsed: %w", err)
		}
		p.ExcessBlobGas, p.BlobGasUsed = &excess, &used
	}
	return p, nil
}

func reqUint64(field, s string) (uint64, error) {
	if s == "" {
		return 0, fmt.Errorf("env: missing field %s", field)
	}
	v, err := types.ParseUint64(s)
	if err != nil {
		return 0, fmt.Errorf("env %s: %w", field, err)
	}
	return v, nil
}

// t8nGasLimit reads currentGasLimit, which t8n requires, as a state test's
// (parseGasLimit: state tests have limits beyond 64 bits).
func t8nGasLimit(s string) (uint64, error) {
	if s == "" {
		return 0, fmt.Errorf("missing")
	}
	return parseGasLimit(s)
}

// decimalKey is how blockHashes keys are written.
func decimalKey(n uint64) string { return strconv.FormatUint(n, 10) }
