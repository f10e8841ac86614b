package debugger

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Sources is Solidity source and source maps from solc's standard-JSON
// output, to map instructions of the code that ran to source lines.
type Sources struct {
	Files     []SourceFile `json:"files"`
	Warnings  []string     `json:"warnings,omitempty"`
	contracts []solcContract
}

// SourceFile is one source file, by solc's source id.
type SourceFile struct {
	ID         int    `json:"id"`
	Name       string `json:"name"`
	Text       string `json:"text"`
	lineStarts []int
}

type solcContract struct {
	name               string // file:Name
	runtime, creation  []byte
	runtimeMap, create string
	immutables         [][2]int // start, length in runtime
}

// SrcLoc is the source range an instruction belongs to.
type SrcLoc struct {
	File     int    `json:"file"`
	Line     int    `json:"line"` // 1-based; 0 when the text is unknown
	Col      int    `json:"col"`
	EndLine  int    `json:"endLine"`
	Start    int    `json:"start"`
	Length   int    `json:"length"`
	Jump     string `json:"jump,omitempty"`
	Contract string `json:"contract"`
}

type srcEntry struct {
	s, l, f int32
	j       byte
}

// codeSource is the source map of one code, an entry per instruction.
type codeSource struct {
	contract string
	files    []SourceFile
	entries  []srcEntry
	code     *Code
}

// solc's output, the parts read here. A Hardhat or Foundry build-info file
// ({"input": ..., "output": ...}) carries the sources' text as well.
type solcOutput struct {
	Errors []struct {
		Severity         string `json:"severity"`
		FormattedMessage string `json:"formattedMessage"`
		Message          string `json:"message"`
	} `json:"errors"`
	Sources map[string]struct {
		ID int `json:"id"`
	} `json:"sources"`
	Contracts map[string]map[string]struct {
		EVM struct {
			Bytecode         solcBytecode `json:"bytecode"`
			DeployedBytecode solcBytecode `json:"deployedBytecode"`
		} `json:"evm"`
	} `json:"contracts"`
}

type solcBytecode struct {
	Object              string                       `json:"object"`
	SourceMap           string                       `json:"sourceMap"`
	ImmutableReferences map[string][]json.RawMessage `json:"immutableReferences"`
}

// LoadSources reads solc's standard-JSON output (or a build-info file
// holding input and output). Source text comes from the build-info's input
// or, failing that, from the files named, relative to path's folder or the
// working directory.
func LoadSources(path string, raw []byte) (*Sources, error) {
	var top struct {
		Input *struct {
			Sources map[string]struct {
				Content string `json:"content"`
			} `json:"sources"`
		} `json:"input"`
		Output *json.RawMessage `json:"output"`
	}
	if err := json.Unmarshal(raw, &top); err != nil {
		return nil, jsonErr(path, raw, err)
	}
	body := raw
	if top.Output != nil {
		body = *top.Output
	}
	var out solcOutput
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, jsonErr(path, raw, err)
	}
	var solcErrs []string
	for _, e := range out.Errors {
		if e.Severity == "error" {
			msg := strings.TrimSpace(e.FormattedMessage)
			if msg == "" {
				msg = e.Message
			}
			solcErrs = append(solcErrs, msg)
		}
	}
	if len(out.Contracts) == 0 {
		if len(solcErrs) > 0 {
			return nil, fmt.Errorf("%s: solc reported errors: %s", path, strings.Join(solcErrs, "; "))
		}
		return nil, fmt.Errorf("%s: no \"contracts\" in it: expected the output of solc --standard-json", path)
	}
	s := &Sources{}
	for name, src := range out.Sources {
		f := SourceFile{ID: src.ID, Name: name}
		if top.Input != nil {
			f.Text = top.Input.Sources[name].Content
		}
		if f.Text == "" {
			f.Text = readSourceText(path, name)
		}
		if f.Text == "" {
			s.Warnings = append(s.Warnings, fmt.Sprintf("source %s: text not found (not in the file, nor on disk)", name))
		}
		f.lineStarts = lineStarts(f.Text)
		s.Files = append(s.Files, f)
	}
	sort.Slice(s.Files, func(a, b int) bool { return s.Files[a].ID < s.Files[b].ID })
	for file, cs := range out.Contracts {
		for name, c := range cs {
			sc := solcContract{name: file + ":" + name, runtimeMap: c.EVM.DeployedBytecode.SourceMap, create: c.EVM.Bytecode.SourceMap}
			// Unlinked library placeholders make the object invalid hex;
			// such code cannot have run as it is, so it is left unmatched.
			sc.runtime, _ = hex.DecodeString(strings.TrimPrefix(c.EVM.DeployedBytecode.Object, "0x"))
			sc.creation, _ = hex.DecodeString(strings.TrimPrefix(c.EVM.Bytecode.Object, "0x"))
			for _, refs := range c.EVM.DeployedBytecode.ImmutableReferences {
				for _, r := range refs {
					var ref struct{ Start, Length int }
					if json.Unmarshal(r, &ref) == nil {
						sc.immutables = append(sc.immutables, [2]int{ref.Start, ref.Length})
					}
				}
			}
			if sc.runtimeMap == "" && sc.create == "" {
				continue
			}
			s.contracts = append(s.contracts, sc)
		}
	}
	sort.Slice(s.contracts, func(a, b int) bool { return s.contracts[a].name < s.contracts[b].name })
	if len(s.contracts) == 0 {
		return nil, fmt.Errorf("%s: no contract has a source map: ask solc for evm.bytecode.sourceMap and evm.deployedBytecode.sourceMap in outputSelection", path)
	}
	return s, nil
}

func jsonErr(path string, raw []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(raw[:se.Offset], []byte("\n"))
		return fmt.Errorf("%s:%d: not valid JSON: %w", path, line, err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

func readSourceText(jsonPath, name string) string {
	for _, p := range []string{filepath.Join(filepath.Dir(jsonPath), name), name} {
		if b, err := os.ReadFile(p); err == nil {
			return string(b)
		}
	}
	return ""
}

func lineStarts(text string) []int {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// position turns a byte offset into a 1-based line and column.
func (f *SourceFile) position(off int) (line, col int) {
	if f.Text == "" || off < 0 || off > len(f.Text) {
		return 0, 0
	}
	l := sort.SearchInts(f.lineStarts, off+1) - 1
	return l + 1, off - f.lineStarts[l] + 1
}

// decodeSourceMap expands solc's compressed source map: entries s:l:f:j:m
// split by ';', an empty field repeating the entry before.
func decodeSourceMap(m string) ([]srcEntry, error) {
	if m == "" {
		return nil, nil
	}
	parts := strings.Split(m, ";")
	out := make([]srcEntry, len(parts))
	cur := srcEntry{s: -1, l: -1, f: -1, j: '-'}
	for i, p := range parts {
		fields := strings.Split(p, ":")
		for k, fv := range fields {
			if fv == "" {
				continue
			}
			switch k {
			case 0, 1, 2:
				n, err := strconv.ParseInt(fv, 10, 32)
				if err != nil {
					return nil, fmt.Errorf("source map entry %d: field %d: %w", i, k, err)
				}
				switch k {
				case 0:
					cur.s = int32(n)
				case 1:
					cur.l = int32(n)
				default:
					cur.f = int32(n)
				}
			case 3:
				cur.j = fv[0]
			}
		}
		out[i] = cur
	}
	return out, nil
}

// Attach matches the trace's codes with the contracts' bytecode (runtime
// code with its immutables masked, or initcode by prefix since constructor
// arguments follow it) and keeps the source map of each match. It returns
// the names of the contracts matched.
func (s *Sources) Attach(t *Trace) ([]string, error) {
	var matched []string
	for _, c := range t.Codes {
		for _, sc := range s.contracts {
			var m string
			switch {
			case sc.runtimeMap != "" && sameRuntime(c.Bytes, sc.runtime, sc.immutables):
				m = sc.runtimeMap
			case sc.create != "" && len(sc.creation) > 0 && bytes.HasPrefix(c.Bytes, sc.creation):
				m = sc.create
			default:
				continue
			}
			entries, err := decodeSourceMap(m)
			if err != nil {
				return matched, fmt.Errorf("contract %s: %w", sc.name, err)
			}
			c.Source = &codeSource{contract: sc.name, files: s.Files, entries: entries, code: c}
			matched = append(matched, sc.name)
			break
		}
	}
	return matched, nil
}

func sameRuntime(code, runtime []byte, immutables [][2]int) bool {
	if len(runtime) == 0 || len(code) != len(runtime) {
		return false
	}
	if len(immutables) == 0 {
		return bytes.Equal(code, runtime)
	}
	masked := bytes.Clone(code)
	for _, r := range immutables {
		if r[0] >= 0 && r[0]+r[1] <= len(masked) {
			copy(masked[r[0]:r[0]+r[1]], runtime[r[0]:r[0]+r[1]])
		}
	}
	return bytes.Equal(masked, runtime)
}

// sourceAt is the source range of the instruction at pc, nil if unmapped.
func (c *Code) sourceAt(pc uint64) *SrcLoc {
	if c.Source == nil {
		return nil
	}
	return c.Source.at(c.instrIndex(pc))
}

func (cs *codeSource) at(idx int) *SrcLoc {
	if idx < 0 || idx >= len(cs.entries) {
		return nil
	}
	e := cs.entries[idx]
	if e.f < 0 || e.s < 0 {
		return nil
	}
	loc := &SrcLoc{File: int(e.f), Start: int(e.s), Length: int(e.l), Contract: cs.contract}
	if e.j != '-' {
		loc.Jump = string(e.j)
	}
	for i := range cs.files {
		if cs.files[i].ID == int(e.f) {
			loc.Line, loc.Col = cs.files[i].position(int(e.s))
			loc.EndLine, _ = cs.files[i].position(int(e.s + max(e.l, 0)))
			return loc
		}
	}
	// A file id solc generated (its Yul helpers): no user source.
	return nil
}
