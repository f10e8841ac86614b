package main

import (
	"bytes"
	"debug/buildinfo"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionOf(t *testing.T) {
	rev := "0123456789abcdef0123456789abcdef01234567"
	for _, c := range []struct {
		bi   debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "false"}}}, "(devel) 0123456789ab"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}}, "(devel) 0123456789ab-dirty"},
		{debug.BuildInfo{Main: debug.Module{Version: "v0.3.0"}}, "v0.3.0"}, // go install ...@v0.3.0 stamps no VCS
		// Go 1.24 on makes the version from the commit: not named twice.
		{debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261206150713-0123456789ab+dirty"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}}, "v0.0.0-20261206150713-0123456789ab+dirty"},
		{debug.BuildInfo{}, "(devel)"},
	} {
		if got := versionOf(&c.bi); got != c.want {
			t.Errorf("versionOf = %q, want %q", got, c.want)
		}
	}
	if got := clientVersion(); !strings.HasPrefix(got, "HardhatNetwork/2.26.0/goevm/") {
		t.Errorf("clientVersion %q", got)
	}
}

// TestVersionFromBuild builds goevm from this checkout with VCS stamping
// on (some set-ups turn it off in GOFLAGS), as "go build" in a clone does,
// and checks that "goevm version" and the node's web3_clientVersion carry
// the commit the go command stamped, a commit git knows.
func TestVersionFromBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the goevm binary")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git: the go command cannot stamp the commit")
	}
	bin := filepath.Join(t.TempDir(), "goevm")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Skipf("go build -buildvcs=true (not a git checkout?): %v\n%s", err, out)
	}
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	var rev string
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" {
			rev = s.Value
		}
	}
	if err := exec.Command("git", "rev-parse", "--verify", "--quiet", rev+"^{commit}").Run(); len(rev) < 12 || err != nil {
		t.Fatalf("stamped revision %q is not a commit of this repository (%v)", rev, err)
	}
	commit := rev[:12]

	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "goevm ") || !strings.Contains(string(out), commit) {
		t.Errorf("goevm version: %q, want the commit %s", out, commit)
	}
	raw, err := startNode(t, bin).try("web3_clientVersion")
	if err != nil {
		t.Fatal(err)
	}
	var v string
	if err := json.Unmarshal(bytes.TrimSpace(raw), &v); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(v, "HardhatNetwork/2.26.0/goevm/") || !strings.Contains(v, commit) {
		t.Errorf("web3_clientVersion %q, want the commit %s", v, commit)
	}
}
