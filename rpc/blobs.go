package rpc

import (
	"crypto/sha256"
	"errors"
	"fmt"

	goethkzg "github.com/crate-crypto/go-eth-kzg"
	"github.com/goevm/goevm/evm/precompile"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

var errSidecar = errors.New("blob sidecar")

// unwrapBlobNetworkForm turns a blob transaction in its network form into
// the canonical form a block holds, after checking its sidecar as geth's
// pool does: each commitment hashes to its versioned hash, and the proofs
// prove the blobs. Two forms exist: EIP-4844's 0x03 || rlp([tx_payload_body,
// blobs, commitments, proofs]) with one proof per blob, and EIP-7594's
// (Osaka) with a wrapper version 1 after the body and 128 cell proofs per
// blob. Other transactions pass through.
func unwrapBlobNetworkForm(raw []byte) ([]byte, error) {
	if len(raw) < 2 || raw[0] != types.BlobTxType {
		return raw, nil
	}
	outer, rest, err := rlp.SplitList(raw[1:])
	if err != nil || len(rest) != 0 {
		return raw, nil // let the decoder report it
	}
	kind, _, after, err := rlp.Split(outer)
	if err != nil || kind != rlp.List {
		// The canonical form (the first field is the chain id, not a list):
		// blocks carry it, but a node needs the blobs to pass it on.
		return nil, fmt.Errorf("%w: missing: a blob transaction is sent in its network form, with blobs, commitments and proofs", errSidecar)
	}
	body := append([]byte{types.BlobTxType}, outer[:len(outer)-len(after)]...)
	cellProofs := false
	if k, v, r2, err := rlp.Split(after); err == nil && k == rlp.String {
		if len(v) != 1 || v[0] != 1 {
			return nil, fmt.Errorf("%w: wrapper version %x, want 1 (EIP-7594)", errSidecar, v)
		}
		cellProofs, after = true, r2
	}
	blobs, err := splitStrings(&after, "blobs", goethkzg.ScalarsPerBlob*goethkzg.SerializedScalarSize)
	if err != nil {
		return nil, err
	}
	commitments, err := splitStrings(&after, "commitments", 48)
	if err != nil {
		return nil, err
	}
	proofs, err := splitStrings(&after, "proofs", 48)
	if err != nil {
		return nil, err
	}
	if len(after) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the proofs", errSidecar, len(after))
	}
	tx, err := types.DecodeTx(body)
	if err != nil {
		return nil, err
	}
	n := len(tx.BlobHashes)
	wantProofs := n
	if cellProofs {
		wantProofs = n * goethkzg.CellsPerExtBlob
	}
	if len(blobs) != n || len(commitments) != n || len(proofs) != wantProofs {
		return nil, fmt.Errorf("%w: %d blobs, %d commitments and %d proofs for %d versioned hashes (want %d proofs)",
			errSidecar, len(blobs), len(commitments), len(proofs), n, wantProofs)
	}
	for i, c := range commitments {
		h := sha256.Sum256(c)
		h[0] = transition.BlobVersionKZG
		if types.Hash(h) != tx.BlobHashes[i] {
			return nil, fmt.Errorf("%w: commitment %d does not hash to versioned hash %s", errSidecar, i, tx.BlobHashes[i])
		}
	}
	if err := verifySidecar(blobs, commitments, proofs, cellProofs); err != nil {
		return nil, err
	}
	return body, nil
}

// splitStrings reads an RLP list of byte strings of one size from *b.
func splitStrings(b *[]byte, what string, size int) ([][]byte, error) {
	list, rest, err := rlp.SplitList(*b)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", errSidecar, what, err)
	}
	*b = rest
	var out [][]byte
	for len(list) > 0 {
		v, r, err := rlp.SplitString(list)
		if err != nil {
			return nil, fmt.Errorf("%w: %s[%d]: %w", errSidecar, what, len(out), err)
		}
		if len(v) != size {
			return nil, fmt.Errorf("%w: %s[%d] has %d bytes, want %d", errSidecar, what, len(out), len(v), size)
		}
		out, list = append(out, v), r
	}
	return out, nil
}

func verifySidecar(blobs, commitments, proofs [][]byte, cellProofs bool) error {
	if len(blobs) == 0 {
		return nil
	}
	ctx, err := precompile.KZG()
	if err != nil {
		return fmt.Errorf("%w: loading the KZG setup: %w", errSidecar, err)
	}
	bs := make([]*goethkzg.Blob, len(blobs))
	cs := make([]goethkzg.KZGCommitment, len(commitments))
	for i := range blobs {
		bs[i] = (*goethkzg.Blob)(blobs[i])
		copy(cs[i][:], commitments[i])
	}
	ps := make([]goethkzg.KZGProof, len(proofs))
	for i := range proofs {
		copy(ps[i][:], proofs[i])
	}
	if !cellProofs {
		if err := ctx.VerifyBlobKZGProofBatch(bs, cs, ps); err != nil {
			return fmt.Errorf("%w: invalid KZG proof: %w", errSidecar, err)
		}
		return nil
	}
	// EIP-7594: the blob's 128 cells, each with its proof.
	var cellCommitments []goethkzg.KZGCommitment
	var indices []uint64
	var cells []*goethkzg.Cell
	for i, b := range bs {
		cc, err := ctx.ComputeCells(b, 1)
		if err != nil {
			return fmt.Errorf("%w: blob %d: %w", errSidecar, i, err)
		}
		for j, c := range cc {
			cellCommitments = append(cellCommitments, cs[i])
			indices = append(indices, uint64(j))
			cells = append(cells, c)
		}
	}
	if err := ctx.VerifyCellKZGProofBatch(cellCommitments, indices, cells, ps); err != nil {
		return fmt.Errorf("%w: invalid KZG cell proof: %w", errSidecar, err)
	}
	return nil
}
