package rpc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	mathbig "math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/internal/fixtures"
)

// The conformance runner: ethereum/execution-apis' tests/ replayed against
// a node started, as hive's rpc-compat simulator starts a client, on
// tests/genesis.json with tests/chain.rlp imported. Each .io file is a
// sequence of ">> request" and "<< response" lines; a test passes when every
// response matches hive's way: the whole JSON, key order ignored, numbers
// compared as numbers, and error.message dropped on both sides when both
// are errors. A "// speconly" test's values are the client's own, so only
// its shape is compared: a result where one is expected, an error where
// one is expected (checking the result against the OpenRPC schema is still
// to do). Tests run in file order against one chain; state a test changes
// (a pooled transaction, a mined block) is reverted after it.
//
// testdata/conformance-known-failures.txt names every test that does not
// pass yet, with its reason. A test failing that is not listed is a
// regression and fails; a listed test that passes fails too, so the list
// only shrinks: delete its line.

const knownFailuresFile = "testdata/conformance-known-failures.txt"

func TestConformanceExecutionAPIs(t *testing.T) {
	dir := fixtures.Dir(t, "execution-apis/tests")
	genesis, err := os.ReadFile(filepath.Join(dir, "genesis.json"))
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := os.ReadFile(filepath.Join(dir, "chain.rlp"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := chain.ParseGethGenesis(genesis)
	if err != nil {
		t.Fatal(err)
	}
	c, err := chain.New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ImportRLP(blocks); err != nil {
		t.Fatal(err)
	}
	// A hive client does not mine on its own: a sent transaction waits in
	// the pool, as the suite's expectations assume.
	c.SetAutomine(false)
	srv := NewServer(c, Options{ClientVersion: "goevm/conformance"})
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { hs.Close(); srv.Close(); c.Close() })

	known := readKnownFailures(t)
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.io"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	type count struct{ pass, total int }
	perMethod := map[string]*count{}
	var failures, shapeOnly []string
	for _, f := range files {
		name := filepath.ToSlash(must(filepath.Rel(dir, f)))
		method := filepath.Base(filepath.Dir(f))
		if perMethod[method] == nil {
			perMethod[method] = &count{}
		}
		perMethod[method].total++
		snap := c.Snapshot()
		why, specOnly := runIOFile(hs.URL, f)
		if ok, err := c.Revert(snap); !ok || err != nil {
			t.Fatalf("%s: reverting to the imported chain: %v %v", name, ok, err)
		}
		reason, listed := known[name]
		delete(known, name)
		if why == "" {
			perMethod[method].pass++
			if specOnly {
				shapeOnly = append(shapeOnly, name)
			}
		}
		switch {
		case why == "" && listed:
			t.Errorf("%s passes now (listed: %s): delete its line from %s", name, reason, knownFailuresFile)
		case why != "" && !listed:
			t.Errorf("%s: regression (not in %s): %s", name, knownFailuresFile, why)
		}
		if why != "" {
			failures = append(failures, name+"  "+why)
		}
	}
	for name := range known {
		t.Errorf("%s is listed in %s but no such test exists: delete its line", name, knownFailuresFile)
	}

	methods := make([]string, 0, len(perMethod))
	pass, total := 0, 0
	for m, n := range perMethod {
		methods = append(methods, m)
		pass, total = pass+n.pass, total+n.total
	}
	sort.Strings(methods)
	var b strings.Builder
	fmt.Fprintf(&b, "execution-apis conformance: %d of %d tests pass (%d of them speconly, compared by shape only)\n", pass, total, len(shapeOnly))
	for _, m := range methods {
		fmt.Fprintf(&b, "  %-40s %3d / %d\n", m, perMethod[m].pass, perMethod[m].total)
	}
	t.Log(b.String())
	if os.Getenv("GOEVM_CONFORMANCE_FAILURES") != "" {
		// Every failing test with its first difference, for updating the
		// list: GOEVM_CONFORMANCE_FAILURES=1 go test ./rpc -run Conformance -v
		t.Log("failing:\n" + strings.Join(failures, "\n"))
		t.Log("passing speconly tests (shape only):\n" + strings.Join(shapeOnly, "\n"))
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// readKnownFailures reads the list: "method/test.io  reason" per line, #
// comments and blank lines ignored.
func readKnownFailures(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile(knownFailuresFile)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, " ")
		if reason = strings.TrimSpace(reason); reason == "" {
			t.Fatalf("%s:%d: %s has no reason", knownFailuresFile, i+1, name)
		}
		out[name] = reason
	}
	return out
}

// runIOFile replays one test and returns "" if every response matches, or
// the first difference, and whether the test is speconly.
func runIOFile(url, path string) (string, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return err.Error(), false
	}
	specOnly := false
	var lastResp []byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "// speconly"):
			specOnly = true
		case strings.HasPrefix(line, ">>"):
			resp, err := http.Post(url, "application/json", strings.NewReader(strings.TrimSpace(line[2:])))
			if err != nil {
				return err.Error(), specOnly
			}
			lastResp, err = io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return err.Error(), specOnly
			}
		case strings.HasPrefix(line, "<<"):
			if why := compareResponse(lastResp, []byte(strings.TrimSpace(line[2:])), specOnly); why != "" {
				return why, specOnly
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err.Error(), specOnly
	}
	return "", specOnly
}

// compareResponse compares got with want as hive does.
func compareResponse(got, want []byte, specOnly bool) string {
	var g, w map[string]any
	if err := decodeNumbers(got, &g); err != nil {
		return fmt.Sprintf("response is not a JSON object: %v: %s", err, clip(string(got)))
	}
	if err := decodeNumbers(want, &w); err != nil {
		return fmt.Sprintf("expected response does not parse: %v", err)
	}
	ge, gErr := g["error"].(map[string]any)
	we, wErr := w["error"].(map[string]any)
	if gErr && fmt.Sprint(ge["code"]) == "-32601" && (!wErr || fmt.Sprint(we["code"]) != "-32601") {
		return "method not implemented: " + fmt.Sprint(ge["message"])
	}
	if gErr && wErr {
		delete(ge, "message")
		delete(we, "message")
	}
	if specOnly {
		_, gRes := g["result"]
		_, wRes := w["result"]
		if gRes != wRes || gErr != wErr {
			return fmt.Sprintf("speconly: got %s, want a response of the shape of %s", clip(string(got)), clip(string(want)))
		}
		return ""
	}
	if path, ok := jsonEqual(g, w, ""); !ok {
		return fmt.Sprintf("differs at %s: got %s, want %s", path, clip(at(g, path)), clip(at(w, path)))
	}
	return ""
}

func decodeNumbers(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}

// jsonEqual compares decoded JSON, numbers as numbers, and returns the path
// of the first difference.
func jsonEqual(a, b any, path string) (string, bool) {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			return path, false
		}
		keys := map[string]bool{}
		for k := range av {
			keys[k] = true
		}
		for k := range bv {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			x, inA := av[k]
			y, inB := bv[k]
			if inA != inB {
				return path + "." + k + " (present in one only)", false
			}
			if p, ok := jsonEqual(x, y, path+"."+k); !ok {
				return p, false
			}
		}
		return "", true
	case []any:
		bv, ok := b.([]any)
		if !ok || len(av) != len(bv) {
			return path + " (length)", false
		}
		for i := range av {
			if p, ok := jsonEqual(av[i], bv[i], fmt.Sprintf("%s[%d]", path, i)); !ok {
				return p, false
			}
		}
		return "", true
	case json.Number:
		bv, ok := b.(json.Number)
		if !ok {
			return path, false
		}
		x, _, err1 := mathbig.ParseFloat(string(av), 10, 256, mathbig.ToNearestEven)
		y, _, err2 := mathbig.ParseFloat(string(bv), 10, 256, mathbig.ToNearestEven)
		if err1 != nil || err2 != nil || x.Cmp(y) != 0 {
			return path, false
		}
		return "", true
	}
	if !reflect.DeepEqual(a, b) {
		return path, false
	}
	return "", true
}

// at is the value at a path jsonEqual returned (".a.b[2]"), as JSON, or
// "(absent)".
func at(v any, path string) string {
	path, _, _ = strings.Cut(path, " ")
	for path != "" {
		switch {
		case path[0] == '.':
			end := strings.IndexAny(path[1:], ".[")
			key := path[1:]
			if end >= 0 {
				key, path = path[1:end+1], path[end+1:]
			} else {
				path = ""
			}
			m, ok := v.(map[string]any)
			if !ok {
				return "(absent)"
			}
			if v, ok = m[key]; !ok {
				return "(absent)"
			}
		case path[0] == '[':
			end := strings.IndexByte(path, ']')
			var i int
			fmt.Sscan(path[1:end], &i)
			path = path[end+1:]
			l, ok := v.([]any)
			if !ok || i >= len(l) {
				return "(absent)"
			}
			v = l[i]
		default:
			return "(bad path)"
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func clip(s string) string {
	if len(s) > 100 {
		return s[:100] + "..."
	}
	return s
}
