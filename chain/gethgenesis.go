package chain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// ErrGenesis wraps every problem with a genesis file.
var ErrGenesis = errors.New("invalid genesis")

// gethGenesis is geth's genesis.json. Numbers are kept raw: geth accepts
// hex strings, decimal strings and (in config) JSON numbers.
type gethGenesis struct {
	Config        map[string]json.RawMessage `json:"config"`
	Nonce         json.RawMessage            `json:"nonce"`
	Timestamp     json.RawMessage            `json:"timestamp"`
	ExtraData     string                     `json:"extraData"`
	GasLimit      json.RawMessage            `json:"gasLimit"`
	Difficulty    json.RawMessage            `json:"difficulty"`
	MixHash       string                     `json:"mixHash"`
	Coinbase      string                     `json:"coinbase"`
	BaseFee       json.RawMessage            `json:"baseFeePerGas"`
	ExcessBlobGas json.RawMessage            `json:"excessBlobGas"`
	BlobGasUsed   json.RawMessage            `json:"blobGasUsed"`
	SlotNumber    json.RawMessage            `json:"slotNumber"` // EIP-7843
	ParentHash    string                     `json:"parentHash"`
	Number        json.RawMessage            `json:"number"`
	Alloc         map[string]gethAccount     `json:"alloc"`
}

type gethAccount struct {
	Balance json.RawMessage   `json:"balance"`
	Nonce   json.RawMessage   `json:"nonce"`
	Code    string            `json:"code"`
	Storage map[string]string `json:"storage"`
}

type gethBlobParams struct {
	Target         json.RawMessage `json:"target"`
	Max            json.RawMessage `json:"max"`
	UpdateFraction json.RawMessage `json:"baseFeeUpdateFraction"`
}

// blockForks are geth's block-numbered forks in order; eip155Block and
// eip158Block are both Spurious Dragon to goevm.
var blockForks = []struct {
	field string
	fork  fork.Fork
}{
	{"homesteadBlock", fork.Homestead},
	{"eip150Block", fork.TangerineWhistle},
	{"eip155Block", fork.SpuriousDragon},
	{"eip158Block", fork.SpuriousDragon},
	{"byzantiumBlock", fork.Byzantium},
	{"constantinopleBlock", fork.Constantinople},
	{"petersburgBlock", fork.Petersburg},
	{"istanbulBlock", fork.Istanbul},
	{"muirGlacierBlock", fork.MuirGlacier},
	{"berlinBlock", fork.Berlin},
	{"londonBlock", fork.London},
	{"arrowGlacierBlock", fork.ArrowGlacier},
	{"grayGlacierBlock", fork.GrayGlacier},
	{"mergeNetsplitBlock", fork.Paris},
}

// timeForks are the timestamped forks, in the order geth requires their
// times to be (params.ChainConfig.CheckConfigForkOrder: Amsterdam after
// BPO2, before BPO3). The blob-parameter-only forks BPO1-BPO5 run the
// rules of the fork before them; what they change is the blob schedule,
// which their blobSchedule entry gives (see Config.BlobSchedule). A named
// fork after Prague has no blobSchedule entry of its own (geth's
// BlobScheduleConfig has none for Osaka or Amsterdam and ignores one): it
// keeps the parameters of the last BPO fork, or Prague's.
var timeForks = []struct {
	field, blobName string
	fork            fork.Fork
}{
	{"shanghaiTime", "", fork.Shanghai},
	{"cancunTime", "cancun", fork.Cancun},
	{"pragueTime", "prague", fork.Prague},
	{"osakaTime", "", fork.Osaka}, // geth v1.17's BlobScheduleConfig has no osaka entry: one is ignored
	{"bpo1Time", "bpo1", fork.Osaka},
	{"bpo2Time", "bpo2", fork.Osaka},
	{"amsterdamTime", "", fork.Amsterdam},
	{"bpo3Time", "bpo3", fork.Osaka},
	{"bpo4Time", "bpo4", fork.Osaka},
	{"bpo5Time", "bpo5", fork.Osaka},
}

// unsupported are config fields that change what blocks do in ways goevm
// does not implement; a file that sets them is refused rather than run
// wrongly.
var unsupported = map[string]string{
	"bogotaTime": "goevm does not implement Bogota",
	"ubtTime":    "goevm has no unified binary trie (EIP-7864)",
	"verkleTime": "goevm has no Verkle trees",
}

// ParseGethGenesis reads a geth genesis.json into a Config: the chain id,
// the fork schedule (by block up to the Merge, by timestamp after it), the
// blob schedule, the genesis header fields and the allocation. The genesis
// block it makes has geth's hash for the same file.
func ParseGethGenesis(data []byte) (Config, error) {
	var g gethGenesis
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&g); err != nil {
		return Config{}, fmt.Errorf("%w: %w", ErrGenesis, err)
	}
	if g.Config == nil {
		return Config{}, fmt.Errorf("%w: no config object", ErrGenesis)
	}
	cfg := Config{Fork: fork.Frontier, Alloc: map[types.Address]GenesisAccount{}, Genesis: &GenesisHeader{}}
	var err error
	if cfg.ChainID, err = configUint(g.Config, "chainId"); err != nil {
		return Config{}, err
	}
	if cfg.ChainID == 0 {
		return Config{}, fmt.Errorf("%w: config.chainId is missing or zero", ErrGenesis)
	}
	for field, why := range unsupported {
		if v, ok := g.Config[field]; ok && string(v) != "null" {
			return Config{}, fmt.Errorf("%w: config.%s: %s", ErrGenesis, field, why)
		}
	}
	if err := parseSchedule(&g, &cfg); err != nil {
		return Config{}, err
	}
	// The DAO hard fork (EIP-779) at daoForkBlock, on the side that took
	// it (daoForkSupport). Without support geth only refuses the fork's
	// extra data in those blocks; goevm does not check that.
	if n, ok, err := optionalConfigUint(g.Config, "daoForkBlock"); err != nil {
		return Config{}, err
	} else if ok && string(g.Config["daoForkSupport"]) == "true" {
		cfg.DAOForkBlock = &n
	}
	if err := parseHeader(&g, &cfg); err != nil {
		return Config{}, err
	}
	if raw, ok := g.Config["depositContractAddress"]; ok && string(raw) != "null" {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return Config{}, fmt.Errorf("%w: config.depositContractAddress: %w", ErrGenesis, err)
		}
		a, err := types.HexToAddress(with0x(s))
		if err != nil {
			return Config{}, fmt.Errorf("%w: config.depositContractAddress: %w", ErrGenesis, err)
		}
		cfg.DepositContract = &a
	}
	for k, a := range g.Alloc {
		addr, err := types.HexToAddress(with0x(k))
		if err != nil {
			return Config{}, fmt.Errorf("%w: alloc key %q: %w", ErrGenesis, k, err)
		}
		acc, err := a.toAccount()
		if err != nil {
			return Config{}, fmt.Errorf("%w: alloc %s: %w", ErrGenesis, addr, err)
		}
		cfg.Alloc[addr] = acc
	}
	return cfg, nil
}

func parseSchedule(g *gethGenesis, cfg *Config) error {
	var lastBlock uint64
	lastField := ""
	add := func(f fork.Fork, block, time *uint64) {
		if (block != nil && *block == 0) || (time != nil && *time == 0) {
			cfg.Fork = f // in force from genesis
			return
		}
		cfg.Schedule = append(cfg.Schedule, transition.Activation{Fork: f, Block: block, Time: time})
	}
	_, hasNetsplit := g.Config["mergeNetsplitBlock"]
	for _, bf := range blockForks {
		n, ok, err := optionalConfigUint(g.Config, bf.field)
		if err != nil {
			return err
		}
		if bf.fork == fork.Paris && !ok {
			// Without mergeNetsplitBlock, the Merge is at genesis when the
			// terminal total difficulty is zero; a chain that crosses it
			// later would need total difficulty tracking goevm lacks.
			ttd, hasTTD, err := optionalConfigU256(g.Config, "terminalTotalDifficulty")
			if err != nil {
				return err
			}
			if hasTTD && ttd.IsZero() {
				n, ok = 0, true
			} else if hasTTD && !hasNetsplit {
				return fmt.Errorf("%w: config.terminalTotalDifficulty %s without mergeNetsplitBlock: goevm switches to Paris at a block number; add mergeNetsplitBlock", ErrGenesis, ttd.Dec())
			}
		}
		if !ok {
			continue
		}
		if n < lastBlock {
			return fmt.Errorf("%w: config.%s %d is before config.%s %d", ErrGenesis, bf.field, n, lastField, lastBlock)
		}
		lastBlock, lastField = n, bf.field
		if bf.field == "eip155Block" {
			continue // eip158Block places Spurious Dragon; they must agree
		}
		if bf.field == "eip158Block" {
			if n155, ok155, _ := optionalConfigUint(g.Config, "eip155Block"); ok155 && n155 != n {
				return fmt.Errorf("%w: config.eip155Block %d and eip158Block %d differ: goevm's Spurious Dragon brings both", ErrGenesis, n155, n)
			}
		}
		add(bf.fork, &n, nil)
	}

	schedule := map[string]json.RawMessage{}
	if raw, ok := g.Config["blobSchedule"]; ok && string(raw) != "null" {
		if err := json.Unmarshal(raw, &schedule); err != nil {
			return fmt.Errorf("%w: config.blobSchedule: %w", ErrGenesis, err)
		}
	}
	var lastTime uint64
	lastField = ""
	for _, tf := range timeForks {
		t, ok, err := optionalConfigUint(g.Config, tf.field)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if t < lastTime {
			return fmt.Errorf("%w: config.%s %d is before config.%s %d", ErrGenesis, tf.field, t, lastField, lastTime)
		}
		lastTime, lastField = t, tf.field
		isBPO := strings.HasPrefix(tf.blobName, "bpo")
		if _, osaka := g.Config["osakaTime"]; (isBPO || tf.fork > fork.Osaka) && !osaka {
			return fmt.Errorf("%w: config.%s without config.osakaTime: the BPO forks and Amsterdam follow Osaka", ErrGenesis, tf.field)
		}
		if !isBPO {
			add(tf.fork, nil, &t)
		}
		if tf.blobName == "" {
			continue
		}
		raw, ok := schedule[tf.blobName]
		if !ok {
			if isBPO {
				return fmt.Errorf("%w: config.%s needs config.blobSchedule.%s: a blob-parameter-only fork is its blob parameters", ErrGenesis, tf.field, tf.blobName)
			}
			continue // the fork's own parameters
		}
		p, err := parseBlobParams(raw, tf.blobName)
		if err != nil {
			return err
		}
		cfg.BlobSchedule = append(cfg.BlobSchedule, BlobActivation{Name: tf.blobName, Time: t, Params: p})
	}
	// Without a BPO fork or an entry that differs from the fork's own, the
	// schedule changes nothing; dropping it keeps the shared
	// transition.ChainConfig in use. (A BPO fork stays even with Osaka's
	// parameters: it is still a fork to EIP-2124's fork id.)
	if !slices.ContainsFunc(cfg.BlobSchedule, func(b BlobActivation) bool {
		return strings.HasPrefix(b.Name, "bpo") || b.Params != transition.BlobParamsFor(forkOfBlobName(b.Name))
	}) {
		cfg.BlobSchedule = nil
	}
	return nil
}

// forkOfBlobName is the fork a blobSchedule key belongs to; the BPO forks
// have no parameters of their own to compare with.
func forkOfBlobName(name string) fork.Fork {
	switch name {
	case "cancun":
		return fork.Cancun
	case "prague":
		return fork.Prague
	}
	return fork.Osaka // osaka itself, and the BPO forks, which start from Osaka's
}

func parseBlobParams(raw json.RawMessage, name string) (transition.BlobParams, error) {
	var bp gethBlobParams
	if err := json.Unmarshal(raw, &bp); err != nil {
		return transition.BlobParams{}, fmt.Errorf("%w: config.blobSchedule.%s: %w", ErrGenesis, name, err)
	}
	var p transition.BlobParams
	for _, f := range []struct {
		field string
		raw   json.RawMessage
		dst   *uint64
	}{{"target", bp.Target, &p.Target}, {"max", bp.Max, &p.Max}, {"baseFeeUpdateFraction", bp.UpdateFraction, &p.UpdateFraction}} {
		v, ok, err := parseUint(f.raw)
		if err != nil || !ok {
			return p, fmt.Errorf("%w: config.blobSchedule.%s.%s: want a number (%v)", ErrGenesis, name, f.field, err)
		}
		*f.dst = v
	}
	if p.Max == 0 || p.UpdateFraction == 0 || p.Target > p.Max {
		return p, fmt.Errorf("%w: config.blobSchedule.%s: want max > 0, target <= max and baseFeeUpdateFraction > 0", ErrGenesis, name)
	}
	if name != "cancun" && name != "prague" {
		// An Osaka-era entry: the comparison above treats Osaka's own
		// per-transaction cap as part of the fork's parameters.
		p.MaxPerTx = transition.BlobParamsFor(fork.Osaka).MaxPerTx
	}
	return p, nil
}

func parseHeader(g *gethGenesis, cfg *Config) error {
	h := cfg.Genesis
	var err error
	num := func(field string, raw json.RawMessage) (uint64, bool) {
		if err != nil {
			return 0, false
		}
		v, ok, e := parseUint(raw)
		if e != nil {
			err = fmt.Errorf("%w: %s: %w", ErrGenesis, field, e)
		}
		return v, ok
	}
	if n, ok := num("number", g.Number); ok && n != 0 {
		return fmt.Errorf("%w: number %d: a genesis block is block 0", ErrGenesis, n)
	}
	h.Nonce, _ = num("nonce", g.Nonce)
	cfg.GenesisTime, _ = num("timestamp", g.Timestamp)
	// geth refuses a file without gasLimit or difficulty; so does goevm,
	// rather than guess a block geth would not make.
	var hasLimit bool
	cfg.GasLimit, hasLimit = num("gasLimit", g.GasLimit)
	if err == nil && !hasLimit {
		return fmt.Errorf("%w: gasLimit is required", ErrGenesis)
	}
	if cfg.GasLimit == 0 {
		cfg.GasLimit = 4712388 // geth's GenesisGasLimit for a zero one
	}
	if v, ok := num("excessBlobGas", g.ExcessBlobGas); ok {
		h.ExcessBlobGas = &v
	}
	if v, ok := num("blobGasUsed", g.BlobGasUsed); ok {
		h.BlobGasUsed = &v
	}
	if v, ok := num("slotNumber", g.SlotNumber); ok {
		h.SlotNumber = &v
	}
	if err != nil {
		return err
	}
	cfg.BaseFee = fork.InitialBaseFee
	if v, ok, e := parseU256(g.BaseFee); e != nil {
		return fmt.Errorf("%w: baseFeePerGas: %w", ErrGenesis, e)
	} else if ok {
		if !v.IsUint64() {
			return fmt.Errorf("%w: baseFeePerGas %s does not fit 64 bits", ErrGenesis, v.Dec())
		}
		cfg.BaseFee = v.Uint64()
	}
	if v, ok, e := parseU256(g.Difficulty); e != nil {
		return fmt.Errorf("%w: difficulty: %w", ErrGenesis, e)
	} else if ok {
		h.Difficulty = *v
	} else {
		return fmt.Errorf("%w: difficulty is required", ErrGenesis)
	}
	if h.ExtraData, err = optionalHex(g.ExtraData); err != nil {
		return fmt.Errorf("%w: extraData: %w", ErrGenesis, err)
	}
	for _, f := range []struct {
		field, s string
		dst      *types.Hash
	}{{"mixHash", g.MixHash, &h.MixHash}, {"parentHash", g.ParentHash, &h.ParentHash}} {
		if f.s == "" {
			continue
		}
		if *f.dst, err = types.HexToHash(with0x(f.s)); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrGenesis, f.field, err)
		}
	}
	if g.Coinbase != "" {
		if cfg.Coinbase, err = types.HexToAddress(with0x(g.Coinbase)); err != nil {
			return fmt.Errorf("%w: coinbase: %w", ErrGenesis, err)
		}
	}
	return nil
}

func (a gethAccount) toAccount() (GenesisAccount, error) {
	var out GenesisAccount
	if v, ok, err := parseU256(a.Balance); err != nil {
		return out, fmt.Errorf("balance: %w", err)
	} else if !ok {
		return out, errors.New("balance is required") // as geth requires it
	} else {
		out.Balance = *v
	}
	n, _, err := parseUint(a.Nonce)
	if err != nil {
		return out, fmt.Errorf("nonce: %w", err)
	}
	out.Nonce = n
	if out.Code, err = optionalHex(a.Code); err != nil {
		return out, fmt.Errorf("code: %w", err)
	}
	if len(a.Storage) > 0 {
		out.Storage = make(map[types.Hash]types.Hash, len(a.Storage))
		for k, v := range a.Storage {
			kh, err := types.HexToHash(with0x(k))
			if err != nil {
				return out, fmt.Errorf("storage key %q: %w", k, err)
			}
			vh, err := types.HexToHash(with0x(v))
			if err != nil {
				return out, fmt.Errorf("storage %s: %w", kh, err)
			}
			out.Storage[kh] = vh
		}
	}
	return out, nil
}

func with0x(s string) string {
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		return s
	}
	return "0x" + s
}

func optionalHex(s string) ([]byte, error) {
	if s == "" || s == "0x" {
		return nil, nil
	}
	return types.DecodeHex(with0x(s))
}

// parseU256 reads a JSON number, or a string in hex (0x) or decimal, as
// geth's HexOrDecimal256 does; absent or null is ok=false.
func parseU256(raw json.RawMessage) (*uint256.Int, bool, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return nil, false, nil
	}
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, false, err
		}
	}
	v, err := types.ParseU256(s)
	if err != nil {
		return nil, false, err
	}
	return v, true, nil
}

func parseUint(raw json.RawMessage) (uint64, bool, error) {
	v, ok, err := parseU256(raw)
	if err != nil || !ok {
		return 0, ok, err
	}
	if !v.IsUint64() {
		return 0, false, fmt.Errorf("%s does not fit 64 bits", v.Dec())
	}
	return v.Uint64(), true, nil
}

func configUint(c map[string]json.RawMessage, field string) (uint64, error) {
	v, _, err := optionalConfigUint(c, field)
	return v, err
}

func optionalConfigUint(c map[string]json.RawMessage, field string) (uint64, bool, error) {
	v, ok, err := parseUint(c[field])
	if err != nil {
		return 0, false, fmt.Errorf("%w: config.%s: %w", ErrGenesis, field, err)
	}
	return v, ok, nil
}

func optionalConfigU256(c map[string]json.RawMessage, field string) (*uint256.Int, bool, error) {
	v, ok, err := parseU256(c[field])
	if err != nil {
		return nil, false, fmt.Errorf("%w: config.%s: %w", ErrGenesis, field, err)
	}
	return v, ok, nil
}
