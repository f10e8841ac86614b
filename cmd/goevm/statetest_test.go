package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
)

func TestStateTestJSONOutput(t *testing.T) {
	dir := fixtures.Dir(t, "ethereum-tests/GeneralStateTests/stExample")
	var out, errOut bytes.Buffer
	code := dispatch([]string{"statetest", "--json", "--run", "^add11$", dir}, &out, &errOut)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errOut.String())
	}
	if got := errOut.String(); got != "1 passed, 0 failed\n" {
		t.Errorf("stderr %q, want only the summary (no progress when not a terminal)", got)
	}
	body := out.String()
	var results []map[string]any
	if err := json.Unmarshal([]byte(body), &results); err != nil {
		t.Fatalf("JSON array: %v\n%s", err, body)
	}
	if len(results) != 1 {
		t.Fatalf("%d results, want 1", len(results))
	}
	r := results[0]
	// add11's only post entry (Cancun) names this root.
	want := map[string]any{"name": "add11", "fork": "Cancun", "index": 0.0, "pass": true,
		"stateRoot": "0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530", "error": ""}
	for k, v := range want {
		if r[k] != v {
			t.Errorf("%s = %v, want %v", k, r[k], v)
		}
	}
}

func TestStateTestFailureExitsOne(t *testing.T) {
	src := filepath.Join(fixtures.Dir(t, "ethereum-tests/GeneralStateTests/stExample"), "add11.json")
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	// Corrupt the expected root: the case must fail.
	bad := bytes.Replace(raw, []byte("0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530"),
		[]byte("0x0000000000000000000000000000000000000000000000000000000000000001"), 1)
	path := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"statetest", path}, &out, &errOut); code != exitFailed {
		t.Fatalf("exit %d, want %d; out %s", code, exitFailed, out.String())
	}
	if !strings.HasSuffix(out.String(), "0 passed, 1 failed\n") {
		t.Errorf("summary line wrong:\n%s", out.String())
	}
}

// TestStateTestUnknownForkFails: a post for a fork goevm does not know is a
// failure, exit 1, as in the Go test (spectest.TestStateTests), so a suite
// refreshed with a new fork cannot pass CI unnoticed.
func TestStateTestUnknownForkFails(t *testing.T) {
	src := filepath.Join(fixtures.Dir(t, "ethereum-tests/GeneralStateTests/stExample"), "add11.json")
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	renamed := bytes.Replace(raw, []byte(`"Cancun"`), []byte(`"NoSuchFork"`), 1)
	if bytes.Equal(renamed, raw) {
		t.Fatal("add11.json has no Cancun post to rename")
	}
	path := filepath.Join(t.TempDir(), "future.json")
	if err := os.WriteFile(path, renamed, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"statetest", path}, &out, &errOut); code != exitFailed {
		t.Fatalf("exit %d, want %d; out %s", code, exitFailed, out.String())
	}
	if !strings.Contains(out.String(), "FAIL add11 NoSuchFork/0") || !strings.HasSuffix(out.String(), "0 passed, 1 failed\n") {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestStateTestBadUsageExitsTwo(t *testing.T) {
	for _, args := range [][]string{
		{"statetest"},
		{"statetest", "--fork", "NoSuchFork", "x.json"},
		{"statetest", "--run", "(", "x.json"},
		{"statetest", "--no-such-flag"},
		{"statetest", filepath.Join(t.TempDir(), "missing.json")},
		{"no-such-command"},
	} {
		var out, errOut bytes.Buffer
		if code := dispatch(args, &out, &errOut); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
		if errOut.Len() == 0 {
			t.Errorf("%v: no message on stderr", args)
		}
	}
}

// TestStateTestBPOFork: a "BPO1" post runs (Osaka's rules, BPO1's blob
// schedule) instead of failing as an unknown fork; --fork BPO1 selects it
// by name, and --fork Osaka leaves it out (issue 17).
func TestStateTestBPOFork(t *testing.T) {
	src := filepath.Join(fixtures.Dir(t, "ethereum-tests/GeneralStateTests/stExample"), "add11.json")
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bpo1.json")
	if err := os.WriteFile(path, bytes.Replace(raw, []byte(`"Cancun"`), []byte(`"BPO1"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"statetest", path}, exitOK, "1 passed, 0 failed"},
		{[]string{"statetest", "--fork", "BPO1", path}, exitOK, "1 passed, 0 failed"},
		{[]string{"statetest", "--fork", "Osaka", path}, exitUsage, "no test has cases for --fork Osaka"},
		{[]string{"statetest", "--fork", "Amsterdam", path}, exitUsage, "no test has cases for --fork Amsterdam"},
	} {
		var out, errOut bytes.Buffer
		code := dispatch(tc.args, &out, &errOut)
		if code != tc.code || !strings.Contains(out.String()+errOut.String(), tc.want) {
			t.Errorf("%v: exit %d, %q %q; want %d and %q", tc.args[1:], code, out.String(), errOut.String(), tc.code, tc.want)
		}
	}
}
