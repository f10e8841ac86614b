package debugger

import "sort"

// Profile is where the gas went: per opcode, per frame and per instruction.
type Profile struct {
	Total   uint64     `json:"total"`
	ByOp    []OpGas    `json:"byOp"`
	ByFrame []FrameGas `json:"byFrame"`
	TopPCs  []PCGas    `json:"topPCs"`
}

// OpGas is the gas all steps of one opcode used themselves.
type OpGas struct {
	Op    string `json:"op"`
	Gas   uint64 `json:"gas"`
	Count int    `json:"count"`
}

// FrameGas is a frame's gas: Self by its own steps, Total with its callees.
type FrameGas struct {
	Frame int    `json:"frame"`
	Self  uint64 `json:"self"`
	Total uint64 `json:"total"`
}

// PCGas is one instruction of one code and the gas its steps used.
type PCGas struct {
	Code  int    `json:"code"`
	PC    uint64 `json:"pc"`
	Op    string `json:"op"`
	Gas   uint64 `json:"gas"`
	Count int    `json:"count"`
}

// selfGas is the gas each step used itself: the drop in its frame's gas up
// to the frame's next step (or the frame's end), less what callees opened
// by the step used. Unlike the step's cost this charges a call only for
// what it kept, and a failing step for the gas its failure burned.
func selfGas(t *Trace) []uint64 {
	n := len(t.steps)
	next := make([]int32, n)
	for i := range next {
		next[i] = -1
	}
	for i := range t.steps {
		if p := t.steps[i].prevInFrame; p >= 0 {
			next[p] = int32(i)
		}
	}
	child := make([]uint64, n)
	for _, f := range t.Frames {
		if f.EnterStep >= 0 {
			child[f.EnterStep] += f.GasUsed
		}
	}
	out := make([]uint64, n)
	for i := range t.steps {
		s := &t.steps[i]
		var after uint64
		if j := next[i]; j >= 0 {
			after = t.steps[j].gas
		} else {
			f := &t.Frames[s.frame]
			if f.Exited && f.GasUsed <= f.Gas {
				after = f.Gas - f.GasUsed
			} else {
				after = s.gas - min(s.cost, s.gas)
			}
		}
		used := int64(s.gas) - int64(after) - int64(child[i])
		if used > 0 {
			out[i] = uint64(used)
		}
	}
	return out
}

func buildProfile(t *Trace) *Profile {
	p := &Profile{}
	self := selfGas(t)
	byOp := map[string]*OpGas{}
	type pcKey struct {
		code int
		pc   uint64
	}
	byPC := map[pcKey]*PCGas{}
	frameSelf := make([]uint64, len(t.Frames))
	for i := range t.steps {
		s := &t.steps[i]
		name := t.opName(i)
		o := byOp[name]
		if o == nil {
			o = &OpGas{Op: name}
			byOp[name] = o
		}
		o.Gas += self[i]
		o.Count++
		frameSelf[s.frame] += self[i]
		k := pcKey{t.Frames[s.frame].Code, s.pc}
		pc := byPC[k]
		if pc == nil {
			pc = &PCGas{Code: k.code, PC: k.pc, Op: name}
			byPC[k] = pc
		}
		pc.Gas += self[i]
		pc.Count++
	}
	for _, o := range byOp {
		p.ByOp = append(p.ByOp, *o)
	}
	sort.Slice(p.ByOp, func(a, b int) bool {
		if p.ByOp[a].Gas != p.ByOp[b].Gas {
			return p.ByOp[a].Gas > p.ByOp[b].Gas
		}
		return p.ByOp[a].Op < p.ByOp[b].Op
	})
	for _, pc := range byPC {
		p.TopPCs = append(p.TopPCs, *pc)
	}
	sort.Slice(p.TopPCs, func(a, b int) bool {
		x, y := p.TopPCs[a], p.TopPCs[b]
		if x.Gas != y.Gas {
			return x.Gas > y.Gas
		}
		if x.Code != y.Code {
			return x.Code < y.Code
		}
		return x.PC < y.PC
	})
	if len(p.TopPCs) > 20 {
		p.TopPCs = p.TopPCs[:20]
	}
	for _, f := range t.Frames {
		// A frame's total is what the exit hook says it used; frames that
		// never exited (the run stopped) count their steps.
		total := f.GasUsed
		if !f.Exited {
			total = frameSelf[f.ID]
		}
		p.ByFrame = append(p.ByFrame, FrameGas{Frame: f.ID, Self: frameSelf[f.ID], Total: total})
		if f.Parent < 0 {
			p.Total += total
		}
	}
	return p
}
