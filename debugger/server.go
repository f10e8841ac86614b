package debugger

import (
	"embed"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/goevm/goevm/asm"
	"github.com/goevm/goevm/trace"
)

//go:embed web
var webFiles embed.FS

// Session is what one debugger page shows: a trace, or the reason there is
// none, with what the run was given.
type Session struct {
	Title    string   // what is being debugged, one line
	Error    string   // why there is no trace (bad input, node unreachable, ...)
	Warnings []string // problems that leave the trace usable (bad --sources)
	Calldata []byte
	Trace    *Trace
	Sources  *Sources
}

// Server serves the page and the session's steps on demand, as JSON.
type Server struct {
	mu sync.RWMutex
	s  *Session
}

// NewServer returns a server for sess; Set replaces it later.
func NewServer(sess *Session) *Server { return &Server{s: sess} }

// Set replaces the session the page shows.
func (srv *Server) Set(sess *Session) {
	srv.mu.Lock()
	srv.s = sess
	srv.mu.Unlock()
}

func (srv *Server) session() *Session {
	srv.mu.RLock()
	defer srv.mu.RUnlock()
	return srv.s
}

// Handler serves the page at / and the API under /api/. It is meant to be
// mounted under any prefix with http.StripPrefix: every URL the page uses
// is relative.
func (srv *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	sub, _ := fs.Sub(webFiles, "web")
	mux.Handle("GET /", noCache(http.FileServerFS(sub)))
	mux.HandleFunc("GET /api/info", srv.info)
	mux.HandleFunc("GET /api/step", srv.step)
	mux.HandleFunc("GET /api/code", srv.code)
	mux.HandleFunc("GET /api/frames", srv.frames)
	mux.HandleFunc("GET /api/profile", srv.profile)
	mux.HandleFunc("GET /api/find", srv.find)
	mux.HandleFunc("GET /api/source", srv.source)
	return mux
}

// noCache makes the browser revalidate the page, so a rebuilt binary's
// page is the one shown.
func noCache(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		h.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}

func httpError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

type infoJSON struct {
	Title    string       `json:"title"`
	Error    string       `json:"error,omitempty"`
	Warnings []string     `json:"warnings,omitempty"`
	Steps    int          `json:"steps"`
	Frames   int          `json:"frames"`
	Calldata string       `json:"calldata"`
	Result   *resultJSON  `json:"result,omitempty"`
	Codes    []codeInfo   `json:"codes"`
	Sources  []sourceInfo `json:"sources"`
}

type resultJSON struct {
	Output  string `json:"output"`
	GasUsed string `json:"gasUsed"`
	Error   string `json:"error,omitempty"`
	Address string `json:"address,omitempty"`
	Note    string `json:"note,omitempty"`
}

type codeInfo struct {
	ID       int    `json:"id"`
	Address  string `json:"address"`
	Size     int    `json:"size"`
	Contract string `json:"contract,omitempty"`
}

type sourceInfo struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

func (srv *Server) info(w http.ResponseWriter, _ *http.Request) {
	s := srv.session()
	out := infoJSON{Title: s.Title, Error: s.Error, Warnings: s.Warnings, Calldata: "0x" + hex.EncodeToString(s.Calldata),
		Codes: []codeInfo{}, Sources: []sourceInfo{}}
	if t := s.Trace; t != nil {
		out.Steps, out.Frames = t.Len(), len(t.Frames)
		r := t.Result
		out.Result = &resultJSON{Output: "0x" + hex.EncodeToString(r.Output), GasUsed: strconv.FormatUint(r.GasUsed, 10), Error: r.Error, Note: r.Note}
		if r.Address != nil {
			out.Result.Address = r.Address.Hex()
		}
		for _, c := range t.Codes {
			ci := codeInfo{ID: c.ID, Address: c.Address.Hex(), Size: len(c.Bytes)}
			if c.Source != nil {
				ci.Contract = c.Source.contract
			}
			out.Codes = append(out.Codes, ci)
		}
	}
	if s.Sources != nil {
		for _, f := range s.Sources.Files {
			out.Sources = append(out.Sources, sourceInfo{ID: f.ID, Name: f.Name})
		}
	}
	writeJSON(w, out)
}

// traceOr answers 404 when the session has no trace.
func (srv *Server) traceOr(w http.ResponseWriter) *Trace {
	s := srv.session()
	if s.Trace == nil {
		msg := s.Error
		if msg == "" {
			msg = "nothing was traced"
		}
		httpError(w, http.StatusNotFound, msg)
		return nil
	}
	return s.Trace
}

func intParam(r *http.Request, name string, def int64) (int64, bool) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil
}

func (srv *Server) step(w http.ResponseWriter, r *http.Request) {
	t := srv.traceOr(w)
	if t == nil {
		return
	}
	i, ok := intParam(r, "i", 0)
	mem, ok2 := intParam(r, "mem", -1)
	if !ok || !ok2 || i < 0 || i >= int64(t.Len()) {
		httpError(w, http.StatusBadRequest, "step out of range: the trace has "+strconv.Itoa(t.Len())+" steps")
		return
	}
	writeJSON(w, t.View(int(i), mem))
}

type instrJSON struct {
	PC   int    `json:"pc"`
	Op   string `json:"op"`
	Imm  string `json:"imm,omitempty"`
	Line int    `json:"line,omitempty"` // source line, with --sources
	File int    `json:"file,omitempty"`
}

func (srv *Server) code(w http.ResponseWriter, r *http.Request) {
	t := srv.traceOr(w)
	if t == nil {
		return
	}
	id, ok := intParam(r, "id", 0)
	if !ok || id < 0 || id >= int64(len(t.Codes)) {
		httpError(w, http.StatusBadRequest, "no such code")
		return
	}
	c := t.Codes[id]
	out := struct {
		ID       int         `json:"id"`
		Address  string      `json:"address"`
		Hash     string      `json:"hash"`
		Contract string      `json:"contract,omitempty"`
		Instrs   []instrJSON `json:"instrs"`
	}{ID: c.ID, Address: c.Address.Hex(), Hash: c.Hash.Hex()}
	if c.Source != nil {
		out.Contract = c.Source.contract
	}
	out.Instrs = make([]instrJSON, len(c.Instrs))
	for i, in := range c.Instrs {
		j := instrJSON{PC: in.Offset, Op: in.Op.String()}
		if !in.Defined() {
			j.Op = "INVALID(0x" + hex.EncodeToString([]byte{byte(in.Op)}) + ")"
		}
		if in.BadImmediate { // EIP-8024: the next byte is an instruction
			j.Op = "INVALID_" + j.Op
		}
		if len(in.Imm) > 0 { // PUSHn's data in hex, EIP-8024's depths in decimal
			j.Imm = strings.TrimPrefix(asm.Mnemonic(in), in.Op.String()+" ")
		}
		if c.Source != nil {
			if loc := c.Source.at(i); loc != nil {
				j.Line, j.File = loc.Line, loc.File
			}
		}
		out.Instrs[i] = j
	}
	writeJSON(w, out)
}

// KindName is the opcode name of a frame kind.
func KindName(k byte) string {
	switch k {
	case trace.KindCreate:
		return "CREATE"
	case trace.KindCall:
		return "CALL"
	case trace.KindCallCode:
		return "CALLCODE"
	case trace.KindDelegateCall:
		return "DELEGATECALL"
	case trace.KindCreate2:
		return "CREATE2"
	case trace.KindStaticCall:
		return "STATICCALL"
	case trace.KindSelfdestruct:
		return "SELFDESTRUCT"
	}
	return "0x" + strconv.FormatUint(uint64(k), 16)
}

type frameJSON struct {
	ID       int    `json:"id"`
	Parent   int    `json:"parent"`
	Depth    int    `json:"depth"`
	Kind     string `json:"kind"`
	From     string `json:"from"`
	To       string `json:"to"`
	CodeAddr string `json:"codeAddress"`
	Code     int    `json:"code"`
	Gas      string `json:"gas"`
	GasUsed  string `json:"gasUsed"`
	SelfGas  string `json:"selfGas"`
	Value    string `json:"value"`
	Input    string `json:"input"`
	Output   string `json:"output"`
	Error    string `json:"error,omitempty"`
	Reverted bool   `json:"reverted"`
	First    int    `json:"first"`
	Last     int    `json:"last"`
	Enter    int    `json:"enter"`
	Steps    int    `json:"steps"`
}

// shortHex keeps call data and outputs readable in the call tree.
func shortHex(b []byte) string {
	const max = 260
	if len(b) > max {
		return "0x" + hex.EncodeToString(b[:max]) + "…"
	}
	return "0x" + hex.EncodeToString(b)
}

func (srv *Server) frames(w http.ResponseWriter, _ *http.Request) {
	t := srv.traceOr(w)
	if t == nil {
		return
	}
	out := make([]frameJSON, len(t.Frames))
	for i, f := range t.Frames {
		out[i] = frameJSON{ID: f.ID, Parent: f.Parent, Depth: f.Depth, Kind: KindName(f.Kind), From: f.From.Hex(), To: f.To.Hex(),
			CodeAddr: f.CodeAddr.Hex(), Code: f.Code, Gas: strconv.FormatUint(f.Gas, 10), GasUsed: strconv.FormatUint(f.GasUsed, 10),
			SelfGas: strconv.FormatUint(t.profile.ByFrame[i].Self, 10), Value: f.Value.Dec(), Input: shortHex(f.Input), Output: shortHex(f.Output),
			Error: f.Err, Reverted: f.Reverted, First: f.FirstStep, Last: f.LastStep, Enter: f.EnterStep, Steps: f.Steps}
	}
	writeJSON(w, out)
}

func (srv *Server) profile(w http.ResponseWriter, _ *http.Request) {
	t := srv.traceOr(w)
	if t == nil {
		return
	}
	writeJSON(w, t.profile)
}

func (srv *Server) source(w http.ResponseWriter, r *http.Request) {
	s := srv.session()
	id, _ := intParam(r, "id", 0)
	if s.Sources != nil {
		for _, f := range s.Sources.Files {
			if f.ID == int(id) {
				writeJSON(w, f)
				return
			}
		}
	}
	httpError(w, http.StatusNotFound, "no such source")
}

// find answers where the next (dir=1) or previous (dir=-1) step of a kind
// is: call (a frame's first step), return, revert (a frame's last step,
// ended well or not), break (a pc in pcs or an opcode in ops), line (a
// different source line). index is -1 when there is none.
func (srv *Server) find(w http.ResponseWriter, r *http.Request) {
	t := srv.traceOr(w)
	if t == nil {
		return
	}
	from, ok := intParam(r, "from", 0)
	dir, ok2 := intParam(r, "dir", 1)
	if !ok || !ok2 || from < 0 || from >= int64(t.Len()) || (dir != 1 && dir != -1) {
		httpError(w, http.StatusBadRequest, "bad from or dir")
		return
	}
	q := r.URL.Query()
	var match func(i int) bool
	switch what := q.Get("what"); what {
	case "call", "return", "revert":
		marks := make(map[int]bool)
		for _, f := range t.Frames {
			switch {
			case f.FirstStep < 0:
			case what == "call" && f.Parent >= 0:
				marks[f.FirstStep] = true
			case what == "return" && !f.Reverted:
				marks[f.LastStep] = true
			case what == "revert" && f.Reverted:
				marks[f.LastStep] = true
			}
		}
		match = func(i int) bool { return marks[i] }
	case "break":
		pcs := map[uint64]bool{}
		ops := map[string]bool{}
		for p := range strings.SplitSeq(q.Get("pcs"), ",") {
			if p = strings.TrimSpace(p); p != "" {
				if n, err := strconv.ParseUint(p, 0, 64); err == nil {
					pcs[n] = true
				}
			}
		}
		for o := range strings.SplitSeq(q.Get("ops"), ",") {
			if o = strings.ToUpper(strings.TrimSpace(o)); o != "" {
				ops[o] = true
			}
		}
		match = func(i int) bool { return pcs[t.steps[i].pc] || ops[t.opName(i)] }
	case "line":
		here := t.lineOf(int(from))
		match = func(i int) bool {
			l := t.lineOf(i)
			return l.ok && l != here
		}
	default:
		httpError(w, http.StatusBadRequest, "what: one of call, return, revert, break, line")
		return
	}
	found := -1
	for i := int(from + dir); i >= 0 && i < t.Len(); i += int(dir) {
		if match(i) {
			found = i
			break
		}
	}
	writeJSON(w, map[string]int{"index": found})
}

type lineKey struct {
	ok         bool
	frame      int32
	file, line int
}

// lineOf is the source line step i belongs to; a step in another frame is
// another line even if the text is the same (a recursive call).
func (t *Trace) lineOf(i int) lineKey {
	s := &t.steps[i]
	f := &t.Frames[s.frame]
	if f.Code < 0 {
		return lineKey{}
	}
	loc := t.Codes[f.Code].sourceAt(s.pc)
	if loc == nil || loc.Line == 0 {
		return lineKey{}
	}
	return lineKey{ok: true, frame: s.frame, file: loc.File, line: loc.Line}
}
