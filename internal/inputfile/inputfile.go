// Package inputfile reads the files the goevm commands are given (fixtures,
// code, t8n inputs) with the two checks a file from anywhere needs: it must
// be a regular file (not a directory, a device such as /dev/zero, or a
// named pipe, which could block or never end), and it must not be larger
// than a cap, so a wrong path fails at once with a message instead of
// reading gigabytes and dying out of memory.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// DefaultMaxSize is the largest file read unless a command's --max-input
// flag raises it: 64 MiB, over ten times the largest shared fixture
// (3.7 MB, an EIP-7623 state test) and any contract's code in hex.
const DefaultMaxSize = 64 << 20

// Sentinel errors, wrapped with the file's name and what was found.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("file larger than the input size limit")
	// ErrEmpty: no command has a use for an empty input file; it is almost
	// always a wrong path or a redirect that failed.
	ErrEmpty = errors.New("file is empty")
)

// Read returns the contents of the regular file at path, refusing other
// kinds of file, empty files and files over max bytes (max <= 0 means
// DefaultMaxSize).
// The kind is checked before the file is opened, since opening a named
// pipe blocks until a writer appears.
func Read(path string, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxSize
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := checkInfo(path, info, max); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Check again what was opened: the path may have changed in between.
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := checkInfo(path, info, max); err != nil {
		return nil, err
	}
	// A file growing while read still stops at the cap.
	data, err := readCapped(f, path, max)
	if err == nil && len(data) == 0 {
		return nil, fmt.Errorf("%s: %w", path, ErrEmpty)
	}
	return data, err
}

// ReadAll reads a stream (stdin) to its end, failing once it passes max
// bytes (max <= 0 means DefaultMaxSize) or if it is empty; name is used in
// the errors.
func ReadAll(r io.Reader, name string, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxSize
	}
	data, err := readCapped(r, name, max)
	if err == nil && len(data) == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrEmpty)
	}
	return data, err
}

func readCapped(r io.Reader, name string, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: %w (more than %s; raise it with --max-input)", name, ErrTooLarge, FormatSize(max))
	}
	return data, nil
}

func checkInfo(path string, info fs.FileInfo, max int64) error {
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: %w (%s)", path, ErrNotRegular, kind(info.Mode()))
	}
	if info.Size() > max {
		return fmt.Errorf("%s: %w (%s, limit %s; raise it with --max-input)", path, ErrTooLarge, FormatSize(info.Size()), FormatSize(max))
	}
	return nil
}

// kind names a file mode that is not a regular file.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "mode " + m.String()
}

// ParseSize reads a byte count for --max-input: a decimal number with an
// optional binary suffix K, M or G (KiB, MiB, GiB also accepted).
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSuffix(t, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("size %q: want a positive number of bytes, optionally with K, M or G", s)
	}
	return n * mult, nil
}

// FormatSize prints a byte count the way ParseSize reads it, exactly.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + "G"
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "M"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + "K"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// Flag is a --max-input flag value (flag.Value), DefaultMaxSize unless set.
type Flag struct{ N int64 }

// NewFlag returns a Flag holding DefaultMaxSize.
func NewFlag() *Flag { return &Flag{N: DefaultMaxSize} }

func (f *Flag) String() string {
	if f == nil || f.N == 0 {
		return FormatSize(DefaultMaxSize)
	}
	return FormatSize(f.N)
}

// Set parses a size.
func (f *Flag) Set(s string) error {
	n, err := ParseSize(s)
	if err != nil {
		return err
	}
	f.N = n
	return nil
}

// Usage is the help text for the --max-input flag.
const Usage = "largest input `size` read, in bytes or with a K, M or G suffix"
