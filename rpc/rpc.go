// Package rpc serves a chain over JSON-RPC 2.0 (HTTP and WebSocket on one
// port): the eth_, net_, web3_ namespaces with geth's field names and error
// codes, and the evm_/anvil_/hardhat_ methods test frameworks use. It
// translates and validates; the chain package decides, and holds no JSON.
package rpc

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// Options configure a Server.
type Options struct {
	// Keys are the unlocked dev accounts, in eth_accounts order.
	Keys   []*secp256k1.PrivateKey
	Limits Limits
	Access Access
	// Log receives one readable line per mined transaction and per
	// notable event; nil discards them.
	Log io.Writer
	// ClientVersion answers web3_clientVersion.
	ClientVersion string
}

// Server is a JSON-RPC server over one chain. It is safe for concurrent use.
type Server struct {
	chain    *chain.Chain
	keys     map[types.Address]*secp256k1.PrivateKey
	accounts []types.Address
	methods  map[string]methodFunc
	limits   Limits
	access   Access
	version  string
	filters  *filterSet

	logMu   sync.Mutex
	log     io.Writer
	logDone chan struct{}
}

type callCtx struct {
	ctx  context.Context
	conn *wsConn
}

type methodFunc func(c *callCtx, a args) (any, error)

// NewServer makes a server for c.
func NewServer(c *chain.Chain, opts Options) *Server {
	s := &Server{
		chain: c, keys: map[types.Address]*secp256k1.PrivateKey{}, methods: map[string]methodFunc{},
		limits: opts.Limits, access: opts.Access, version: opts.ClientVersion, log: opts.Log,
	}
	if s.limits.MaxBody == 0 {
		s.limits = DefaultLimits
	}
	for _, k := range opts.Keys {
		a := crypto.KeyAddress(k)
		s.keys[a] = k
		s.accounts = append(s.accounts, a)
	}
	s.filters = newFilterSet(s)
	if s.log != nil {
		s.logDone = make(chan struct{})
		go s.logBlocks()
	}
	s.registerEth()
	s.registerBlocks()
	s.registerCall()
	s.registerSimulate()
	s.registerSend()
	s.registerFilters()
	s.registerFees()
	s.registerProof()
	s.registerDebugRaw()
	s.registerDebugTrace()
	s.registerConfig()
	s.registerStorageValues()
	s.registerCapabilities()
	s.registerDev()
	return s
}

// Close stops the server's background work (filter expiry).
func (s *Server) Close() {
	s.filters.close()
	if s.logDone != nil {
		close(s.logDone)
	}
}

func (s *Server) logf(format string, args ...any) {
	if s.log == nil {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.log, format+"\n", args...)
}
