package fuzzer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/goevm/goevm/fork"
)

// Regression is a minimised difference kept as a test case.
type Regression struct {
	Fork string `json:"fork"`
	// Diff and Trace are what the fuzzer saw when it found the case.
	Diff  string `json:"diff"`
	Trace string `json:"trace,omitempty"`
	// Note says what the difference was and how it was resolved: the fix
	// commit for a goevm bug, or the spec reference when geth is wrong.
	Note string `json:"note,omitempty"`
	// GethWrong marks a difference where goevm follows the spec and geth
	// does not: the replay then expects a difference of kind GethWrong.
	GethWrong string `json:"gethWrong,omitempty"`
	Case      *Case  `json:"case"`
}

// WriteRegression writes r into dir under a name derived from its content
// and returns the path.
func WriteRegression(dir string, r *Regression) (string, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	kind := Kind(r.Diff)
	if kind == "" {
		kind = "normalised" // agrees now: a known, documented departure taken out
	}
	path := filepath.Join(dir, fmt.Sprintf("%s-%s-%s.json", r.Fork, kind, hex.EncodeToString(sum[:4])))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return path, os.WriteFile(path, append(b, '\n'), 0o644)
}

// LoadRegression reads a regression file.
func LoadRegression(path string) (*Regression, fork.Fork, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	var r Regression
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	f, err := fork.Parse(r.Fork)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	if r.Case == nil {
		return nil, 0, fmt.Errorf("%s: no case", path)
	}
	return &r, f, nil
}
