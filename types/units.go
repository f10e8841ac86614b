package types

import (
	"strings"

	"github.com/holiman/uint256"
)

// Decimals of the usual units of ether, for FormatUnits.
const (
	GweiDecimals  = 9
	EtherDecimals = 18
)

// FormatEther writes an amount of wei in ether, as ethers' formatEther
// does: every significant decimal, trailing zeros dropped, at least one
// decimal ("1.0", "0.000000000000000001", "1.5").
func FormatEther(wei *uint256.Int) string { return FormatUnits(wei, EtherDecimals) }

// FormatGwei writes an amount of wei in gwei, like FormatEther.
func FormatGwei(wei *uint256.Int) string { return FormatUnits(wei, GweiDecimals) }

// FormatUnits writes v divided by 10^decimals in decimal, as ethers'
// formatUnits does (FormatEther). decimals of 0 writes v as an integer.
func FormatUnits(v *uint256.Int, decimals uint) string {
	digits := v.Dec()
	if decimals == 0 {
		return digits
	}
	if uint(len(digits)) <= decimals {
		digits = strings.Repeat("0", int(decimals)-len(digits)+1) + digits
	}
	whole, frac := digits[:uint(len(digits))-decimals], digits[uint(len(digits))-decimals:]
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		frac = "0"
	}
	return whole + "." + frac
}
