package main

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
)

// --trace-check runs the cases through the traced interpreter loop with
// hooks that do nothing: the post roots stay the fixtures' (stExample's
// cases all pass untraced), and the hooks saw the steps.
func TestStateTestTraceCheck(t *testing.T) {
	dir := fixtures.Dir(t, "ethereum-tests/GeneralStateTests/stExample")
	var out, errOut bytes.Buffer
	if code := dispatch([]string{"statetest", "--trace-check", dir}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out.String(), errOut.String())
	}
	if !regexp.MustCompile(`^[1-9][0-9]* passed, 0 failed\n$`).MatchString(out.String()) {
		t.Errorf("stdout %q, want only a summary of passes", out.String())
	}
	m := regexp.MustCompile(`--trace-check: (\d+) steps traced`).FindStringSubmatch(errOut.String())
	if m == nil {
		t.Fatalf("stderr %q: no step count", errOut.String())
	}
	if n, _ := strconv.Atoi(m[1]); n == 0 {
		t.Errorf("no step traced: the hooks did not reach the traced loop")
	}
}
