package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/goevm/goevm/chain"
)

// stateFlags are goevm node's --load-state and --dump-state, anvil's: the
// state (every account's balance, nonce, code and storage, and the head's
// block context) read at start-up, the chain then continuing from the
// dumped block's number and time (chain.LoadState), and written on shutdown (SIGINT or
// SIGTERM), in chain.DumpState's JSON (anvil's SerializableState without
// block history; anvil_dumpState's gzip form loads too).
type stateFlags struct {
	load, dump string
}

func (s *stateFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.load, "load-state", "", "state dump (anvil's format) to merge into the chain at start-up")
	fs.StringVar(&s.dump, "dump-state", "", "file (or directory, for DIR/state.json) to write the state to on shutdown")
}

// statePath is anvil's: a directory stands for state.json inside it.
func statePath(p string) string {
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		return filepath.Join(p, "state.json")
	}
	return p
}

// loadInto runs --load-state.
func (s *stateFlags) loadInto(c *chain.Chain, stdout io.Writer) error {
	if s.load == "" {
		return nil
	}
	path := statePath(s.load)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := chain.DumpReader(f)
	if err != nil {
		return err
	}
	blk, err := c.LoadState(r)
	if err != nil {
		return err
	}
	head := c.Head()
	if blk != nil {
		fmt.Fprintf(stdout, "Loaded state from %s (dumped at block %d); head %d %s\n", path, blk.Number, head.Header.Number, head.Hash())
	} else {
		fmt.Fprintf(stdout, "Loaded state from %s; head %d %s\n", path, head.Header.Number, head.Hash())
	}
	return nil
}

// dumpFrom runs --dump-state: the dump goes to a temporary file beside the
// target, renamed over it once complete, so a failed or interrupted dump
// never replaces a good one with half a file.
func (s *stateFlags) dumpFrom(c *chain.Chain, stdout io.Writer) (err error) {
	if s.dump == "" {
		return nil
	}
	path := statePath(s.dump)
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := c.DumpState(tmp); err != nil {
		return err
	}
	if err := errors.Join(tmp.Sync(), tmp.Close()); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Dumped state to %s\n", path)
	return nil
}
