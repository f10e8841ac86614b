package fuzzer

import (
	"fmt"
	"sync"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Keys are the secret keys of the accounts that can sign EIP-7702
// authorizations. The first is also the transaction sender's.
var Keys = func() [][]byte {
	var out [][]byte
	for i := 1; i <= 3; i++ {
		k := make([]byte, 32)
		k[31] = byte(i)
		k[0] = 0x45 // keep the keys away from the trivially small ones
		out = append(out, k)
	}
	return out
}()

// KeyAddrs are the addresses of Keys.
var KeyAddrs = func() []types.Address {
	out := make([]types.Address, len(Keys))
	for i, k := range Keys {
		a, err := crypto.ToAddress(k)
		if err != nil {
			panic(err)
		}
		out[i] = a
	}
	return out
}()

// signedAuth is an authorization with its signature.
type signedAuth struct {
	Auth
	YParity uint8
	R, S    uint256.Int
}

// Authorizations draw from a small space, so signatures are cached: signing
// dominates the cost of a set-code case otherwise.
var sigCache sync.Map // Auth -> signedAuth

func (a Auth) sign() (signedAuth, error) {
	if v, ok := sigCache.Load(a); ok {
		return v.(signedAuth), nil
	}
	if a.Key < 0 || a.Key >= len(Keys) {
		return signedAuth{}, fmt.Errorf("authorization key %d out of range", a.Key)
	}
	ta := types.Authorization{ChainID: *uint256.NewInt(a.ChainID), Address: a.Address, Nonce: a.Nonce}
	key, err := crypto.ToPrivateKey(Keys[a.Key])
	if err != nil {
		return signedAuth{}, err
	}
	sig, err := crypto.Sign(ta.SigningHash(), key)
	if err != nil {
		return signedAuth{}, err
	}
	s := signedAuth{Auth: a, YParity: sig[64]}
	s.R.SetBytes(sig[:32])
	s.S.SetBytes(sig[32:64])
	sigCache.Store(a, s)
	return s, nil
}
