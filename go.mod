module github.com/goevm/goevm

go 1.26.8

require (
	github.com/consensys/gnark-crypto v0.22.0
	github.com/crate-crypto/go-eth-kzg v1.5.0
	github.com/decred/dcrd/dcrec/secp256k1/v4 v4.4.1
	github.com/holiman/uint256 v1.3.2
	golang.org/x/crypto v0.58.0
)

require (
	github.com/bits-and-blooms/bitset v1.25.0 // indirect
	golang.org/x/sync v0.23.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
)
