package fuzzer

// rawCode is random bytes, biased toward defined opcodes and short pushes
// so that some of it runs for a while.
func (g *Gen) rawCode() []byte {
	n := g.r.IntN(160)
	b := make([]byte, 0, n)
	for len(b) < n {
		switch g.r.IntN(8) {
		case 0:
			b = append(b, byte(g.r.IntN(256)))
		case 1: // a short push of a small value: offsets, sizes, addresses
			b = append(b, opPUSH1, byte(g.r.IntN(64)))
		case 2:
			b = append(b, opJUMPDEST)
		default:
			b = append(b, definedOps[g.r.IntN(len(definedOps))])
		}
	}
	return g.withAmsterdamOps(b)
}

// definedOps are the opcodes of Osaka other than pushes (Amsterdam's are
// added by withAmsterdamOps, from the generator's other source).
var definedOps = func() []byte {
	var out []byte
	for op := 0; op < 256; op++ {
		switch {
		case op <= 0x0b, op >= 0x10 && op <= 0x1e, op == 0x20, op >= 0x30 && op <= 0x4a,
			op >= 0x50 && op <= 0x5f, op >= 0x80 && op <= 0xa4, op >= 0xf0 && op <= 0xf5,
			op == 0xfa, op == 0xfd, op == 0xfe, op == 0xff:
			out = append(out, byte(op))
		}
	}
	return out
}()
