// Command opsuite writes a suite of one-pattern benchmark contracts in the
// evm-benchmarks state-test format: each repeats one short instruction
// sequence (PUSH1 POP, DUP1 POP, a chain of JUMPs, ...) as straight-line
// code to about 16,000 instructions, so that running it in
// ../shared/tools/bench-anchors.sh times goevm against evmone's baseline
// interpreter instruction by instruction, where the evm-benchmarks cases
// time whole programs.
//
//	go run ./cmd/opsuite -o /tmp/opsuite
//	ANCHORS=$HOME/anchors GOEVM_BIN=... BENCH_DIR=/tmp/opsuite ROUNDS=5 ../shared/tools/bench-anchors.sh
//
// What it measured, and when, is in bench/LOOP.md.
//
// The post-state hashes are placeholders: the bench tools check gas, not
// state roots, and goevm statetest would reject these files.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

// pattern is one benchmark: code run once, then body repeated.
type pattern struct {
	name, prefix, body string
	reps               int
}

func patterns() []pattern {
	return []pattern{
		{"push1_pop", "", "600150", 6000},                         // PUSH1 1 POP
		{"dup1_pop", "6001", "8050", 8000},                        // DUP1 POP
		{"swap1", "60016002", "90", 16000},                        // SWAP1
		{"dup1_add", "6001", "8001", 8000},                        // DUP1 ADD: a dependent chain
		{"push1_add", "6001", "600101", 6000},                     // PUSH1 1 ADD (fused in goevm)
		{"dup1_or", "60018016", "8017", 7000},                     // DUP1 OR
		{"dup1_mul", "6003", "8002", 8000},                        // DUP1 MUL
		{"mstore0", "6000", "808052", 6000},                       // DUP1 DUP1 MSTORE at offset 0
		{"mload0", "6000", "805150", 6000},                        // DUP1 MLOAD POP at offset 0
		{"shl_const", "6001", "60011b", 6000},                     // PUSH1 1 SHL (fused in goevm)
		{"calldataload", "", "60003550", 5000},                    // PUSH1 0 CALLDATALOAD POP
		{"jumpi_not_taken", "", "600061000057", 3500},             // PUSH1 0 PUSH2 0 JUMPI
		{"jump_chain", "", jumpChain("5b61%04x56", 4000), 1},      // JUMPDEST PUSH2 next JUMP
		{"jumpi_taken", "", jumpChain("5b600161%04x57", 3000), 1}, // JUMPDEST PUSH1 1 PUSH2 next JUMPI
	}
}

// jumpChain repeats step n times, each instance's %04x the offset just
// past it (where the next begins with a JUMPDEST), and ends with the
// JUMPDEST the last one jumps to.
func jumpChain(step string, n int) string {
	var b strings.Builder
	size := len(fmt.Sprintf(step, 0)) / 2
	for i := range n {
		fmt.Fprintf(&b, step, (i+1)*size)
	}
	return b.String() + "5b"
}

const (
	sender   = "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"
	contract = "0xbe7c43a580000000000000000000000000000001"
	zero32   = "0x0000000000000000000000000000000000000000000000000000000000000000"
)

// stateTest is the file for one pattern, the fields the evm-benchmarks
// files have (evmone-bench, gethbench and goevm bench read them).
func stateTest(p pattern) map[string]any {
	code := "0x" + p.prefix + strings.Repeat(p.body, p.reps) + "00"
	return map[string]any{p.name: map[string]any{
		"_info": map[string]any{"comment": "goevm bench/cmd/opsuite", "labels": map[string]string{"0": "empty"}},
		"env": map[string]string{
			"currentBaseFee": "0x01", "currentCoinbase": sender, "currentDifficulty": "0x01",
			"currentGasLimit": "0x3b9aca00", "currentNumber": "0x01", "currentRandom": zero32[:len(zero32)-1] + "1",
			"currentTimestamp": "0x61a8d289", "previousHash": zero32,
		},
		"pre": map[string]any{
			sender:   map[string]any{"balance": "0x3b9aca00", "code": "0x", "nonce": "0x00", "storage": map[string]string{}},
			contract: map[string]any{"balance": "0x00", "code": code, "nonce": "0x00", "storage": map[string]string{}},
		},
		"transaction": map[string]any{
			"data": []string{"0x"}, "gasLimit": []string{"0x3b9aca00"}, "gasPrice": "0x01", "nonce": "0x00",
			"secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8",
			"sender":    sender, "to": contract, "value": []string{"0x00"},
		},
		"post": map[string]any{"London": []any{map[string]any{
			"hash": zero32, "logs": zero32, "indexes": map[string]int{"data": 0, "gas": 0, "value": 0},
		}}},
	}}
}

func main() {
	out := flag.String("o", "", "folder to write the suite into (as OUT/micro/NAME.json)")
	flag.Parse()
	if *out == "" {
		log.Fatal("opsuite: -o is required")
	}
	dir := filepath.Join(*out, "micro")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, p := range patterns() {
		if n := len(p.prefix+strings.Repeat(p.body, p.reps))/2 + 1; n > 24576 {
			log.Fatalf("opsuite: %s is %d bytes, over EIP-170's 24576", p.name, n)
		}
		data, err := json.MarshalIndent(stateTest(p), "", " ")
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p.name+".json"), data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("opsuite: %d cases in %s\n", len(patterns()), dir)
}
