package rpc

import "github.com/goevm/goevm/types"

// eth_capabilities: what history the node can serve, for RPC routers. A
// goevm node is an archive: state, transactions, logs, receipts, blocks
// and state proofs from block 0, nothing ever pruned (so no
// deleteStrategy).

type capability struct {
	Disabled    bool     `json:"disabled"`
	OldestBlock quantity `json:"oldestBlock"`
}

type capabilities struct {
	Head struct {
		Number quantity   `json:"number"`
		Hash   types.Hash `json:"hash"`
	} `json:"head"`
	State       capability `json:"state"`
	Tx          capability `json:"tx"`
	Logs        capability `json:"logs"`
	Receipts    capability `json:"receipts"`
	Blocks      capability `json:"blocks"`
	StateProofs capability `json:"stateproofs"`
}

func (s *Server) registerCapabilities() {
	s.methods["eth_capabilities"] = noArgs(func(*callCtx, args) (any, error) {
		head := s.chain.Head()
		var c capabilities
		c.Head.Number, c.Head.Hash = quantity(head.Header.Number), head.Hash()
		return c, nil
	})
}
