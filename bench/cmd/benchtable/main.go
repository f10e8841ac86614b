// Command benchtable summarises `go test -bench BenchmarkEVM` output from
// the bench module: per case the median goevm and geth times (wall ns/op
// and process CPU ns/op), the geth/goevm ratio of each, the median
// allocations, and the geometric mean of the ratios over each set.
//
//	go run ./cmd/benchtable results.txt
package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// sample is one benchmark line's metrics.
type sample map[string]float64

// key is set/case; impl is goevm or geth.
type series struct {
	set, name string
	by        map[string][]sample // impl -> samples
}

func main() {
	in := io.Reader(os.Stdin)
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer f.Close()
		in = f
	}
	order, all, err := parse(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if len(order) == 0 {
		fmt.Fprintln(os.Stderr, "benchtable: no BenchmarkEVM lines")
		os.Exit(1)
	}
	print(os.Stdout, order, all)
}

func parse(r io.Reader) ([]string, map[string]*series, error) {
	var order []string
	all := map[string]*series{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "BenchmarkEVM/") {
			continue
		}
		name := fields[0][len("BenchmarkEVM/"):]
		if i := strings.LastIndex(name, "-"); i > 0 {
			name = name[:i] // GOMAXPROCS suffix
		}
		i := strings.LastIndex(name, "/impl=")
		if i < 0 {
			continue
		}
		impl, full := name[i+len("/impl="):], name[:i]
		set, caseName, _ := strings.Cut(full, "/")
		s := sample{}
		for j := 2; j+1 < len(fields); j += 2 {
			v, err := strconv.ParseFloat(fields[j], 64)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", fields[0], err)
			}
			s[fields[j+1]] = v
		}
		se := all[full]
		if se == nil {
			se = &series{set: set, name: caseName, by: map[string][]sample{}}
			all[full] = se
			order = append(order, full)
		}
		se.by[impl] = append(se.by[impl], s)
	}
	return order, all, sc.Err()
}

func median(xs []sample, unit string) float64 {
	var v []float64
	for _, s := range xs {
		if x, ok := s[unit]; ok {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN()
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func print(w io.Writer, order []string, all map[string]*series) {
	fmt.Fprintln(w, "| set | case | goevm ns/op | geth ns/op | geth/goevm | goevm cpu-ns/op | geth cpu-ns/op | geth/goevm (cpu) | goevm allocs/op | geth allocs/op | runs |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	type acc struct {
		logWall, logCPU float64
		n               int
		slower          []string
	}
	sets := map[string]*acc{}
	var setOrder []string
	for _, k := range order {
		s := all[k]
		ours, theirs := s.by["goevm"], s.by["geth"]
		if len(ours) == 0 || len(theirs) == 0 {
			continue
		}
		ow, tw := median(ours, "ns/op"), median(theirs, "ns/op")
		oc, tc := median(ours, "cpu-ns/op"), median(theirs, "cpu-ns/op")
		fmt.Fprintf(w, "| %s | %s | %s | %s | %.2f | %s | %s | %.2f | %.0f | %.0f | %d |\n", s.set, s.name,
			dur(ow), dur(tw), tw/ow, dur(oc), dur(tc), tc/oc, median(ours, "allocs/op"), median(theirs, "allocs/op"), min(len(ours), len(theirs)))
		a := sets[s.set]
		if a == nil {
			a = &acc{}
			sets[s.set] = a
			setOrder = append(setOrder, s.set)
		}
		a.logWall += math.Log(tw / ow)
		a.logCPU += math.Log(tc / oc)
		a.n++
		if tc/oc < 1 || tw/ow < 1 {
			a.slower = append(a.slower, s.name)
		}
	}
	fmt.Fprintln(w)
	for _, set := range setOrder {
		a := sets[set]
		fmt.Fprintf(w, "%s: geometric mean of geth/goevm over %d cases: %.2f (wall), %.2f (cpu)", set, a.n,
			math.Exp(a.logWall/float64(a.n)), math.Exp(a.logCPU/float64(a.n)))
		if len(a.slower) > 0 {
			fmt.Fprintf(w, "; goevm slower in wall or cpu median: %s", strings.Join(a.slower, ", "))
		}
		fmt.Fprintln(w)
	}
}

// dur formats nanoseconds with a unit that keeps 3-4 significant digits.
func dur(ns float64) string {
	switch {
	case math.IsNaN(ns):
		return "-"
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}
