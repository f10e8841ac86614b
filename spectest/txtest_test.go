package spectest

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
)

func TestTxTestsEthereumTests(t *testing.T) {
	runTxTestDir(t, fixtures.Dir(t, "ethereum-tests/TransactionTests"))
}

func TestTxTestsEEST(t *testing.T) {
	runTxTestDir(t, fixtures.Dir(t, "eest/transaction_tests"))
}

func runTxTestDir(t *testing.T, dir string) {
	var files, cases, failed int
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		files++
		tests, err := ReadTxTests(path)
		if err != nil {
			t.Errorf("%v", err)
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		for name, tt := range tests {
			// Under -v every rejection is logged with its reason.
			var logf func(string, ...any)
			if testing.Verbose() {
				logf = func(format string, args ...any) { t.Logf(rel+" "+name+": "+format, args...) }
			}
			n, errs := tt.Run(logf)
			cases += n
			for _, e := range errs {
				failed++
				t.Errorf("%s %s: %v", rel, name, e)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d files, %d cases, %d passed, %d failed", filepath.Base(dir), files, cases, cases-failed, failed)
}
