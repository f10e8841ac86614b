package inputfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.json")
	if err := os.WriteFile(small, []byte(`{"a":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := Read(small, 0); err != nil || string(got) != `{"a":1}` {
		t.Fatalf("regular file: %q, %v", got, err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(empty, 0); !errors.Is(err, ErrEmpty) {
		t.Fatalf("empty file: %v, want %v", err, ErrEmpty)
	}
	// Exactly at the cap is read; one byte over is not.
	if _, err := Read(small, 7); err != nil {
		t.Errorf("7 bytes, limit 7: %v", err)
	}
	if _, err := Read(small, 6); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "--max-input") {
		t.Errorf("7 bytes, limit 6: %v", err)
	}

	for _, c := range []struct{ path, kind string }{
		{dir, "a directory"},
		{"/dev/zero", "a character device"},
		{"/dev/null", "a character device"},
	} {
		if _, err := os.Stat(c.path); err != nil {
			continue
		}
		start := time.Now()
		_, err := Read(c.path, 0)
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), c.kind) {
			t.Errorf("%s: %v, want %v (%s)", c.path, err, ErrNotRegular, c.kind)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: took %v", c.path, d)
		}
	}

	// A named pipe with no writer would block os.Open forever.
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err == nil {
		done := make(chan error, 1)
		go func() { _, err := Read(fifo, 0); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "named pipe") {
				t.Errorf("fifo: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("fifo: Read blocked")
		}
	}

	if _, err := Read(filepath.Join(dir, "missing"), 0); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestReadAllStopsAtTheCap(t *testing.T) {
	if got, err := ReadAll(strings.NewReader("abc"), "stdin", 3); err != nil || string(got) != "abc" {
		t.Errorf("3 bytes, limit 3: %q, %v", got, err)
	}
	if _, err := ReadAll(strings.NewReader(""), "stdin", 3); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty stdin: %v", err)
	}
	// An endless stream (stdin from /dev/zero) fails after max+1 bytes.
	endless := zeros{}
	if _, err := ReadAll(endless, "stdin", 1<<20); !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), "stdin: ") {
		t.Errorf("endless stream: %v", err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1": 1, "100": 100, "64M": 64 << 20, "2G": 2 << 30, "512K": 512 << 10, "3MiB": 3 << 20, " 7 ": 7} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "0", "-1", "1.5M", "M", "12T", "99999999999G", "0x10"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
	for _, n := range []int64{1, 1000, 1 << 10, 64 << 20, 3 << 30, 100_000_000} {
		s := FormatSize(n)
		if got, err := ParseSize(strings.TrimSuffix(s, " bytes")); err != nil || got != n {
			t.Errorf("FormatSize(%d) = %q, reads back as %d, %v", n, s, got, err)
		}
	}
	var f Flag
	if f.String() != "64M" || f.Set("1G") != nil || f.N != 1<<30 || !bytes.Equal([]byte(f.String()), []byte("1G")) {
		t.Errorf("Flag: %q %d", f.String(), f.N)
	}
}
