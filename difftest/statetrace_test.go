package difftest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/eth/tracers/logger"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/tests"
	"github.com/goevm/goevm/internal/fixtures"
)

// stateTraceFiles are state tests whose traces cover refunds (SSTORE in
// every metering era, SELFDESTRUCT before and after London), reverts,
// nested calls and creates, static calls and memory growth; each is traced
// under the forks of its folder that it has cases for.
var stateTraceFiles = []string{
	"stExample/add11.json",
	"stRefundTest/refund_CallA.json",
	"stRefundTest/refundSuicide50procentCap.json",
	"stRevertTest/RevertOpcodeReturn.json",
	"stSStoreTest/sstore_0to0toX.json",
	"stCallCodes/callcall_00.json",
	"stCreateTest/CREATE_ContractSuicideDuringInit.json",
	"stMemoryTest/mem32kb+32.json",
	"stStaticCall/static_callToCallCodeOpCodeCheck.json",
}

// stateTraceDirs are the fixture folders holding those files, with the
// forks to trace in each: today's tests, and the legacy ones filled for
// the forks before Istanbul.
var stateTraceDirs = []struct {
	dir   string
	forks []string
}{
	{"ethereum-tests/GeneralStateTests", []string{"Cancun"}},
	{"legacytests/Constantinople/GeneralStateTests", []string{"Frontier", "Homestead", "Byzantium", "Constantinople"}},
}

// TestStateTracesAgree compares "goevm statetest --trace" with what geth's
// "evm statetest --trace" writes to stderr (its JSON logger on each case,
// then a {"stateRoot": ...} line), byte for byte.
func TestStateTracesAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("builds goevm and runs state tests")
	}
	bin := buildGoevm(t)
	for _, d := range stateTraceDirs {
		dir := fixtures.Dir(t, d.dir)
		for _, name := range stateTraceFiles {
			path := filepath.Join(dir, name)
			if _, err := os.Stat(path); err != nil {
				continue // not in this folder
			}
			for _, f := range d.forks {
				t.Run(d.dir+"/"+name+"/"+f, func(t *testing.T) {
					theirs, n := gethStateTrace(t, path, f)
					if n == 0 {
						t.Skipf("no %s cases", f)
					}
					cmd := exec.Command(bin, "statetest", "--trace", "--fork", f, path)
					var stdout, stderr bytes.Buffer
					cmd.Stdout, cmd.Stderr = &stdout, &stderr
					if err := cmd.Run(); err != nil {
						t.Fatalf("goevm statetest: %v\n%s%s", err, stdout.String(), stderr.String())
					}
					compareTraces(t, stderr.Bytes(), theirs)
				})
			}
		}
	}
}

// gethStateTrace runs every case of the file under forkName, in index
// order, as geth's "evm statetest --trace" does, and returns its stderr
// and the number of cases.
func gethStateTrace(t *testing.T, path, forkName string) ([]byte, int) {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var byName map[string]tests.StateTest
	if err := json.Unmarshal(src, &byName); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	n := 0
	for _, test := range byName {
		var subs []tests.StateSubtest
		for _, st := range test.Subtests() {
			if st.Fork == forkName {
				subs = append(subs, st)
			}
		}
		for i := range subs {
			st := tests.StateSubtest{Fork: forkName, Index: i}
			n++
			cfg := vm.Config{Tracer: logger.NewJSONLogger(&logger.Config{}, &out)}
			test.Run(st, cfg, false, rawdb.HashScheme, func(err error, state *tests.StateTestState) {
				if state.StateDB != nil {
					root := state.StateDB.IntermediateRoot(params.Rules{})
					fmt.Fprintf(&out, "{\"stateRoot\": \"%#x\"}\n", root)
				}
			})
		}
	}
	return out.Bytes(), n
}
