package spectest

import (
	_ "embed"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

//go:embed skiplist.tsv
var skipListTSV string

// SkipList is the checked-in list of known failing cases, each with a reason.
type SkipList struct {
	entries []skipEntry
}

type skipEntry struct {
	file, test, fork string
	index            int // -1 for any
	reason           string
}

// LoadSkipList parses the embedded skiplist.tsv.
func LoadSkipList() (*SkipList, error) { return ParseSkipList(skipListTSV) }

// ParseSkipList parses a skip list: tab-separated file, test, fork, index,
// reason; "*" matches anything; lines starting with '#' are comments.
func ParseSkipList(text string) (*SkipList, error) {
	var s SkipList
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("skiplist line %d: %d columns, want 5", n+1, len(f))
		}
		e := skipEntry{file: filepath.ToSlash(f[0]), test: f[1], fork: f[2], index: -1, reason: f[4]}
		if f[3] != "*" {
			i, err := strconv.Atoi(f[3])
			if err != nil {
				return nil, fmt.Errorf("skiplist line %d: index %q: %w", n+1, f[3], err)
			}
			e.index = i
		}
		s.entries = append(s.entries, e)
	}
	return &s, nil
}

// Reason returns why the case is skipped, or "" if it is not on the list.
// file is relative to the fixtures root.
func (s *SkipList) Reason(file, test, fork string, index int) string {
	file = filepath.ToSlash(file)
	for _, e := range s.entries {
		if (e.file == "*" || e.file == file) && (e.test == "*" || e.test == test) &&
			(e.fork == "*" || e.fork == fork) && (e.index < 0 || e.index == index) {
			return e.reason
		}
	}
	return ""
}
