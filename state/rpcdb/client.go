package rpcdb

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Client is a JSON-RPC 2.0 client over HTTP. It is safe for concurrent use.
type Client struct {
	url     string
	http    *http.Client
	retries int
	id      atomic.Uint64
	posts   atomic.Int64
}

// Options tune a Client.
type Options struct {
	// Timeout bounds one attempt: the request and its whole answer.
	// Zero means DefaultTimeout.
	Timeout time.Duration
	// Retries is how many times a request is sent again after a failure
	// that may pass: the node unreachable, a timeout, or HTTP 429 or 5xx.
	// A JSON-RPC error or a malformed answer is not retried: the node
	// would answer the same again.
	Retries int
}

// DefaultTimeout is a Client's per-attempt timeout unless Options set one.
const DefaultTimeout = 30 * time.Second

// Dial returns a client for url with the default timeout and no retries.
// Nothing is sent until the first call.
func Dial(url string) *Client { return DialOptions(url, Options{}) }

// DialOptions returns a client for url tuned by o.
func DialOptions(url string, o Options) *Client {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	return &Client{url: url, http: &http.Client{Timeout: o.Timeout}, retries: max(o.Retries, 0)}
}

// URL is the node's address.
func (c *Client) URL() string { return c.url }

// Posts is the number of HTTP requests sent so far, retries included; a
// batch is one.
func (c *Client) Posts() int64 { return c.posts.Load() }

// Sentinel errors a failed call wraps, for errors.Is. A JSON-RPC error the
// node answered with is an *Error (errors.As).
var (
	// ErrUnreachable: no answer, the connection failed.
	ErrUnreachable = errors.New("node unreachable")
	// ErrTimeout: no complete answer within the timeout.
	ErrTimeout = errors.New("node timed out")
	// ErrBadAnswer: an answer that is not the JSON-RPC the request asked
	// for (an HTTP error page, malformed JSON, a result of the wrong shape).
	ErrBadAnswer = errors.New("malformed answer")
)

// Error is an error object a node answered with.
type Error struct {
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (e *Error) Error() string { return fmt.Sprintf("%s (code %d)", e.Message, e.Code) }

// maxResponse bounds one answer: a block with its transactions fits
// comfortably, a misbehaving server cannot exhaust memory.
const maxResponse = 256 << 20

// response is one JSON-RPC answer as it arrives.
type response struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *Error          `json:"error"`
}

// Call sends method(params...) and decodes the result into result (which
// may be nil). A JSON null result leaves result untouched and reports
// found false; callers that must have a value check it.
func (c *Client) Call(ctx context.Context, result any, method string, params ...any) (found bool, err error) {
	id := c.id.Add(1)
	body, err := json.Marshal(request(id, method, params))
	if err != nil {
		return false, fmt.Errorf("%s: %w", method, err)
	}
	raw, err := c.post(ctx, body)
	if err != nil {
		return false, fmt.Errorf("%s: %w", method, err)
	}
	var msg response
	if err := json.Unmarshal(raw, &msg); err != nil {
		return false, fmt.Errorf("%s: %w: %s answered %s: %w", method, ErrBadAnswer, c.url, excerpt(raw), err)
	}
	return decodeResult(method, &msg, result)
}

func request(id uint64, method string, params []any) map[string]any {
	if params == nil {
		params = []any{}
	}
	return map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params}
}

func decodeResult(method string, msg *response, result any) (bool, error) {
	if msg.Error != nil {
		return false, fmt.Errorf("%s: %w", method, msg.Error)
	}
	if len(msg.Result) == 0 || string(msg.Result) == "null" {
		return false, nil
	}
	if result != nil {
		if err := json.Unmarshal(msg.Result, result); err != nil {
			return true, fmt.Errorf("%s: %w: result %s: %w", method, ErrBadAnswer, excerpt(msg.Result), err)
		}
	}
	return true, nil
}

// BatchElem is one call of a batch: Method and Params in; Result (decoded
// into, may be nil), Found and Err out.
type BatchElem struct {
	Method string
	Params []any
	Result any
	Found  bool
	Err    error
}

// BatchCall sends the calls as one JSON-RPC batch: one HTTP round trip.
// The returned error is the batch's as a whole (the node unreachable, an
// answer that is not a batch); each call's own error is in its Err.
func (c *Client) BatchCall(ctx context.Context, calls []BatchElem) error {
	if len(calls) == 0 {
		return nil
	}
	reqs := make([]map[string]any, len(calls))
	byID := make(map[string]int, len(calls))
	for i := range calls {
		id := c.id.Add(1)
		reqs[i] = request(id, calls[i].Method, calls[i].Params)
		byID[strconv.FormatUint(id, 10)] = i
	}
	body, err := json.Marshal(reqs)
	if err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	raw, err := c.post(ctx, body)
	if err != nil {
		return fmt.Errorf("batch of %s: %w", calls[0].Method, err)
	}
	var msgs []response
	if err := json.Unmarshal(raw, &msgs); err != nil {
		var one response
		if json.Unmarshal(raw, &one) == nil && one.Error != nil {
			// A node that takes no batches answers one error for the
			// lot: ask it one call at a time instead.
			return c.oneByOne(ctx, calls)
		}
		return fmt.Errorf("batch of %s: %w: %s answered %s: %w", calls[0].Method, ErrBadAnswer, c.url, excerpt(raw), err)
	}
	answered := make([]bool, len(calls))
	for i := range msgs {
		idx, ok := byID[strings.Trim(string(msgs[i].ID), `"`)] // an id echoed as a string is the same id
		if !ok || answered[idx] {
			continue // an id the batch did not send, or twice: ignored
		}
		answered[idx] = true
		calls[idx].Found, calls[idx].Err = decodeResult(calls[idx].Method, &msgs[i], calls[idx].Result)
	}
	for i := range calls {
		if !answered[i] {
			calls[i].Err = fmt.Errorf("%s: %w: no answer to it in the batch", calls[i].Method, ErrBadAnswer)
		}
	}
	return nil
}

func (c *Client) oneByOne(ctx context.Context, calls []BatchElem) error {
	for i := range calls {
		calls[i].Found, calls[i].Err = c.Call(ctx, calls[i].Result, calls[i].Method, calls[i].Params...)
		if errors.Is(calls[i].Err, ErrUnreachable) || errors.Is(calls[i].Err, ErrTimeout) {
			return calls[i].Err
		}
	}
	return nil
}

// post sends body, again after failures that may pass, and returns the
// answer's body.
func (c *Client) post(ctx context.Context, body []byte) ([]byte, error) {
	var err error
	for attempt := 0; ; attempt++ {
		var raw []byte
		var retry bool
		raw, retry, err = c.postOnce(ctx, body)
		if err == nil || !retry || attempt >= c.retries {
			if err != nil && attempt > 0 {
				err = fmt.Errorf("%w (after %d attempts)", err, attempt+1)
			}
			return raw, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w (giving up retrying: %w)", err, ctx.Err())
		case <-time.After(time.Duration(attempt+1) * 100 * time.Millisecond):
		}
	}
}

func (c *Client) postOnce(ctx context.Context, body []byte) (raw []byte, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("Content-Type", "application/json")
	c.posts.Add(1)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, ctx.Err() == nil, c.transportError(err)
	}
	defer resp.Body.Close()
	raw, err = io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, ctx.Err() == nil, c.transportError(err)
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
		return nil, true, fmt.Errorf("%w: %s answered HTTP %s: %s", ErrBadAnswer, c.url, resp.Status, excerpt(raw))
	}
	return raw, false, nil
}

// transportError names a failed exchange: a timeout or no connection.
func (c *Client) transportError(err error) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return fmt.Errorf("%w: no answer from %s within %v: %w", ErrTimeout, c.url, c.http.Timeout, err)
	}
	return fmt.Errorf("%w: %s: %w", ErrUnreachable, c.url, err)
}

// excerpt quotes the start of an answer for an error message.
func excerpt(b []byte) string {
	const n = 120
	if len(b) > n {
		return strconv.Quote(string(b[:n])) + "..."
	}
	return strconv.Quote(string(b))
}
