// Command opcounts counts the instructions, adjacent pairs and triples in
// EIP-3155 traces, as a share of all instructions run: how evm/fuse.go's
// superinstructions were chosen (bench/LOOP.md).
//
//	go run ./cmd/goevm statetest --trace ../shared/fixtures/evm-benchmarks/benchmarks/main/swap_math.json 2>/tmp/swap.jsonl
//	cd bench && go run ./cmd/opcounts /tmp/swap.jsonl
//
// Pairs and triples do not cross the end of a trace (a line without an
// "opName"). Some traces are large (snailtracer's is 14 GB), so it reads
// line by line.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"slices"
	"strings"
)

func main() {
	top := flag.Int("n", 20, "how many of each to print")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: opcounts [-n N] TRACE.jsonl...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	for _, path := range flag.Args() {
		if err := count(path, *top); err != nil {
			log.Fatalf("opcounts: %v", err)
		}
	}
}

func count(path string, top int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	seqs, total, err := tally(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if total == 0 {
		return fmt.Errorf("%s: no instructions (want EIP-3155 lines with \"opName\")", path)
	}
	fmt.Printf("%s: %d instructions\n", path, total)
	for n, m := range seqs {
		var shares []string
		for _, k := range mostCommon(m, top) {
			shares = append(shares, fmt.Sprintf("%s %.1f%%", k, 100*float64(m[k])/float64(total)))
		}
		fmt.Printf("  %s: %s\n", []string{"singles", "pairs", "triples"}[n], strings.Join(shares, ", "))
	}
	return nil
}

// tally counts the instructions of an EIP-3155 trace, and the sequences of
// one, two and three of them.
func tally(r io.Reader) (seqs [3]map[string]int, total int, err error) {
	seqs = [3]map[string]int{{}, {}, {}}
	var window []string // the last up to three instructions
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20) // a line holds the whole stack
	for sc.Scan() {
		op, ok := opName(sc.Bytes())
		if !ok {
			window = window[:0]
			continue
		}
		total++
		window = append(window, op)
		if len(window) > 3 {
			window = window[1:]
		}
		for n := 1; n <= len(window); n++ {
			seqs[n-1][strings.Join(window[len(window)-n:], " ")]++
		}
	}
	return seqs, total, sc.Err()
}

// opName is the value of the line's "opName" field.
func opName(line []byte) (string, bool) {
	const key = `"opName":"`
	i := bytes.Index(line, []byte(key))
	if i < 0 {
		return "", false
	}
	rest := line[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return "", false
	}
	return string(rest[:j]), true
}

// mostCommon gives the n keys of m with the highest counts.
func mostCommon(m map[string]int, n int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(m[b], m[a]), strings.Compare(a, b))
	})
	return keys[:min(n, len(keys))]
}
