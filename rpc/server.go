package rpc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// Limits bound what one client can make the server hold.
type Limits struct {
	MaxBody  int64 // bytes in one HTTP body or WebSocket message
	MaxBatch int   // requests in one batch
	// MaxSubscriptions bounds one WebSocket connection's subscriptions.
	MaxSubscriptions int
}

// DefaultLimits fit a blob transaction with its sidecar (EIP-4844: up to
// 6 blobs of 128 KiB, hex-encoded, plus proofs) with room to spare; the
// batch bound is geth's default (BatchRequestLimit 1000).
var DefaultLimits = Limits{MaxBody: 32 << 20, MaxBatch: 1000, MaxSubscriptions: 256}

// Access says which web pages may reach the server. A request whose Host
// header names neither an IP address nor localhost nor one of VHosts is
// refused (geth's --http.vhosts: it stops DNS rebinding from reaching the
// unlocked dev accounts); "*" accepts any. Browser origins get CORS headers
// when they are local pages (http(s)://localhost or a loopback address, any
// port) or listed in CORS; "*" allows every origin.
type Access struct {
	VHosts []string
	CORS   []string
}

type request struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
}

type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result,omitempty"`
	Error   *Error          `json:"error,omitempty"`
}

// MarshalJSON writes "result": null for a null result, which omitempty
// would drop; a response has exactly one of result and error.
func (r response) MarshalJSON() ([]byte, error) {
	id := r.ID
	if len(id) == 0 {
		id = json.RawMessage("null")
	}
	if r.Error != nil {
		return json.Marshal(struct {
			JSONRPC string          `json:"jsonrpc"`
			ID      json.RawMessage `json:"id"`
			Error   *Error          `json:"error"`
		}{"2.0", id, r.Error})
	}
	return json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Result  any             `json:"result"`
	}{"2.0", id, r.Result})
}

// ServeHTTP answers JSON-RPC over HTTP POST, upgrades WebSocket requests
// on the same port, and answers CORS preflights.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		http.Error(w, "invalid host specified", http.StatusForbidden)
		return
	}
	if origin := r.Header.Get("Origin"); origin != "" && s.originAllowed(origin) {
		w.Header().Set("Access-Control-Allow-Origin", origin)
		w.Header().Set("Access-Control-Allow-Methods", "POST, GET, OPTIONS")
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type, Authorization")
		w.Header().Set("Vary", "Origin")
	}
	switch {
	case r.Method == http.MethodOptions:
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodGet && strings.EqualFold(r.Header.Get("Upgrade"), "websocket"):
		s.serveWebSocket(w, r)
	case r.Method == http.MethodGet:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "goevm JSON-RPC: POST JSON-RPC 2.0 requests here, or connect a WebSocket.\n")
	case r.Method == http.MethodPost:
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.limits.MaxBody))
		if err != nil {
			writeJSON(w, response{Error: errorf(codeLimitExceeded, "request body over %d bytes", s.limits.MaxBody)})
			return
		}
		out := s.handleMessage(r.Context(), body, nil)
		w.Header().Set("Content-Type", "application/json")
		w.Write(out)
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	b, _ := json.Marshal(v)
	w.Write(b)
}

// handleMessage answers one message: a request or a batch. conn is the
// WebSocket connection it came on (nil over HTTP), for subscriptions.
func (s *Server) handleMessage(ctx context.Context, body []byte, conn *wsConn) []byte {
	body = bytes.TrimSpace(body)
	if len(body) > 0 && body[0] == '[' {
		var batch []json.RawMessage
		if err := json.Unmarshal(body, &batch); err != nil {
			return mustJSON(response{Error: errorf(codeParse, "parse error: %v", err)})
		}
		if len(batch) == 0 {
			return mustJSON(response{Error: errorf(codeInvalidRequest, "empty batch")})
		}
		if len(batch) > s.limits.MaxBatch {
			return mustJSON(response{Error: errorf(codeLimitExceeded, "batch of %d requests, limit %d", len(batch), s.limits.MaxBatch)})
		}
		out := make([]response, 0, len(batch))
		for _, raw := range batch {
			if r, ok := s.handleOne(ctx, raw, conn); ok {
				out = append(out, r)
			}
		}
		if len(out) == 0 {
			return nil // a batch of notifications gets no answer
		}
		return mustJSON(out)
	}
	r, ok := s.handleOne(ctx, body, conn)
	if !ok {
		return nil
	}
	return mustJSON(r)
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(response{Error: errorf(codeInternal, "encoding the response: %v", err)})
	}
	return b
}

// handleOne answers one request; ok is false for a notification (no id).
func (s *Server) handleOne(ctx context.Context, raw json.RawMessage, conn *wsConn) (response, bool) {
	var req request
	if err := json.Unmarshal(raw, &req); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			return response{Error: errorf(codeParse, "parse error: %v", err)}, true
		}
		return response{Error: errorf(codeInvalidRequest, "invalid request: %v", err)}, true
	}
	if req.JSONRPC != "2.0" || req.Method == "" {
		return response{ID: req.ID, Error: errorf(codeInvalidRequest, `invalid request: want "jsonrpc": "2.0" and a "method"`)}, true
	}
	if len(req.ID) > 0 && req.ID[0] != '"' && req.ID[0] != '-' && (req.ID[0] < '0' || req.ID[0] > '9') && string(req.ID) != "null" {
		return response{Error: errorf(codeInvalidRequest, "invalid request: id must be a string, number or null")}, true
	}
	res, err := s.call(ctx, req.Method, req.Params, conn)
	if len(req.ID) == 0 {
		return response{}, false
	}
	if err != nil {
		return response{ID: req.ID, Error: asError(err)}, true
	}
	return response{ID: req.ID, Result: res}, true
}

// call runs a method with its params. A panic in a method is a bug; it is
// answered as an internal error rather than taking the server down.
func (s *Server) call(ctx context.Context, method string, params json.RawMessage, conn *wsConn) (res any, err error) {
	m, ok := s.methods[method]
	if !ok {
		return nil, errorf(codeMethodNotFound, "the method %s does not exist/is not available", method)
	}
	args, perr := splitParams(params)
	if perr != nil {
		return nil, perr
	}
	defer func() {
		if p := recover(); p != nil {
			s.logf("internal error in %s: %v", method, p)
			res, err = nil, errorf(codeInternal, "internal error in %s: %v", method, p)
		}
	}()
	return m(&callCtx{ctx: ctx, conn: conn}, args)
}

// Guard serves h behind the same Host check as the JSON-RPC endpoint, for
// pages served beside it (the node's /debug/ debugger).
func (s *Server) Guard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r.Host) {
			http.Error(w, "invalid host specified", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// hostAllowed is the vhosts check on the Host header.
func (s *Server) hostAllowed(host string) bool {
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.Trim(name, "[]")
	if name == "" || net.ParseIP(name) != nil || strings.EqualFold(name, "localhost") {
		return true
	}
	for _, v := range s.access.VHosts {
		if v == "*" || strings.EqualFold(v, name) {
			return true
		}
	}
	return false
}

func (s *Server) originAllowed(origin string) bool {
	for _, o := range s.access.CORS {
		if o == "*" || strings.EqualFold(o, origin) {
			return true
		}
	}
	u, err := url.Parse(origin)
	if err != nil {
		return false
	}
	h := u.Hostname()
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// wsConn is one WebSocket client: its writes are serialised, and it owns
// its subscriptions.
type wsConn struct {
	c    *websocket.Conn
	mu   sync.Mutex
	subs map[string]func()
}

func (w *wsConn) write(ctx context.Context, b []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return w.c.Write(ctx, websocket.MessageText, b)
}

func (s *Server) serveWebSocket(w http.ResponseWriter, r *http.Request) {
	// The Host check above already guards the dev accounts; browsers'
	// WebSocket origins are checked like CORS origins.
	c, err := websocket.Accept(w, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		return
	}
	if origin := r.Header.Get("Origin"); origin != "" && !s.originAllowed(origin) {
		c.Close(websocket.StatusPolicyViolation, "origin not allowed")
		return
	}
	c.SetReadLimit(s.limits.MaxBody)
	conn := &wsConn{c: c, subs: map[string]func(){}}
	ctx, cancel := context.WithCancel(r.Context())
	defer func() {
		cancel()
		conn.mu.Lock()
		for _, stop := range conn.subs {
			stop()
		}
		conn.mu.Unlock()
		c.CloseNow()
	}()
	for {
		_, msg, err := c.Read(ctx)
		if err != nil {
			return
		}
		out := s.handleMessage(ctx, msg, conn)
		if out == nil {
			continue
		}
		if err := conn.write(ctx, out); err != nil {
			return
		}
	}
}
