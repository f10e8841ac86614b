package debugger

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state/rpcdb"
	"github.com/goevm/goevm/types"
)

// NodeBrowser serves a node's recent transactions at / and the debugger
// for one at /tx/HASH/. It reads the node over JSON-RPC only, so a node
// can mount it (at /debug/, with http.StripPrefix) as well as goevm debug
// --rpc URL without --tx.
type NodeBrowser struct {
	url     string
	fork    fork.Fork
	prepare func(*Session) // adds --sources, say; may be nil

	mu       sync.Mutex
	sessions map[types.Hash]*Server
	order    []types.Hash
}

// keptSessions is how many traced transactions stay in memory; older ones
// are re-executed when opened again.
const keptSessions = 4

// NewNodeBrowser returns the browser for the node at url, which runs fork.
func NewNodeBrowser(url string, f fork.Fork, prepare func(*Session)) *NodeBrowser {
	return &NodeBrowser{url: url, fork: f, prepare: prepare, sessions: map[types.Hash]*Server{}}
}

func (b *NodeBrowser) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/style.css" {
		http.ServeFileFS(w, r, webFiles, "web/style.css")
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/tx/")
	if !ok {
		b.list(w, r)
		return
	}
	hash, sub, found := strings.Cut(rest, "/")
	if !found {
		// The page's URLs are relative: it must be served from a folder.
		http.Redirect(w, r, r.URL.Path+"/", http.StatusFound)
		return
	}
	h, err := types.HexToHash(hash)
	if err != nil {
		http.Error(w, "not a transaction hash: "+hash, http.StatusBadRequest)
		return
	}
	srv := b.session(r.Context(), h)
	r2 := r.Clone(r.Context())
	r2.URL.Path = "/" + sub
	srv.Handler().ServeHTTP(w, r2)
}

func (b *NodeBrowser) session(ctx context.Context, h types.Hash) *Server {
	b.mu.Lock()
	defer b.mu.Unlock()
	if s, ok := b.sessions[h]; ok {
		return s
	}
	// Traced while holding the lock: two tabs opening the same transaction
	// share one execution.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Minute)
	defer cancel()
	sess := TxSession(ctx, b.url, h.Hex(), b.fork)
	if b.prepare != nil {
		b.prepare(sess)
	}
	srv := NewServer(sess)
	if len(b.order) >= keptSessions {
		delete(b.sessions, b.order[0])
		b.order = b.order[1:]
	}
	b.sessions[h] = srv
	b.order = append(b.order, h)
	return srv
}

type txRow struct {
	Block    uint64
	Hash     string
	From, To string
	Status   string
	GasUsed  uint64
	Selector string
}

// recentTxs walks back from the newest block for up to n transactions,
// looking at no more than 256 blocks.
func recentTxs(ctx context.Context, c *rpcdb.Client, n int) ([]txRow, error) {
	var head types.Uint64
	if _, err := c.Call(ctx, &head, "eth_blockNumber"); err != nil {
		return nil, err
	}
	var rows []txRow
	for num, seen := uint64(head), 0; seen < 256 && len(rows) < n; num, seen = num-1, seen+1 {
		var blk struct {
			Transactions []struct {
				Hash  types.Hash     `json:"hash"`
				From  types.Address  `json:"from"`
				To    *types.Address `json:"to"`
				Input types.Bytes    `json:"input"`
			} `json:"transactions"`
		}
		q := "0x" + strconv.FormatUint(num, 16)
		if _, err := c.Call(ctx, &blk, "eth_getBlockByNumber", q, true); err != nil {
			return rows, err
		}
		var receipts []struct {
			Status  types.Uint64 `json:"status"`
			GasUsed types.Uint64 `json:"gasUsed"`
		}
		c.Call(ctx, &receipts, "eth_getBlockReceipts", q)
		for i := len(blk.Transactions) - 1; i >= 0 && len(rows) < n; i-- {
			tx := blk.Transactions[i]
			row := txRow{Block: num, Hash: tx.Hash.Hex(), From: tx.From.Hex(), To: "(create)", Status: "?"}
			if tx.To != nil {
				row.To = tx.To.Hex()
			}
			if len(tx.Input) >= 4 && tx.To != nil {
				row.Selector = fmt.Sprintf("0x%x", tx.Input[:4])
			}
			if i < len(receipts) {
				row.GasUsed = uint64(receipts[i].GasUsed)
				row.Status = "ok"
				if receipts[i].Status == 0 {
					row.Status = "reverted"
				}
			}
			rows = append(rows, row)
		}
		if num == 0 {
			break
		}
	}
	return rows, nil
}

var listPage = template.Must(template.New("list").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>goevm debug: {{.URL}}</title>
<link rel="stylesheet" href="{{.Base}}style.css">
<style>table{border-collapse:collapse;margin:10px} td,th{padding:2px 10px;text-align:left;font-family:ui-monospace,monospace;font-size:12px} tr.reverted td{color:#a00}</style>
</head><body>
<header><h1>goevm debug</h1><span>recent transactions on {{.URL}}</span></header>
{{if .Error}}<div class="banner error" data-testid="error">{{.Error}}</div>{{end}}
<table data-testid="transactions">
<tr><th>block</th><th>transaction</th><th>from</th><th>to</th><th>selector</th><th>gas used</th><th>status</th></tr>
{{range .Rows}}<tr class="{{.Status}}"><td>{{.Block}}</td><td><a href="{{$.Base}}tx/{{.Hash}}/" data-testid="tx-link">{{.Hash}}</a></td><td>{{.From}}</td><td>{{.To}}</td><td>{{.Selector}}</td><td>{{.GasUsed}}</td><td>{{.Status}}</td></tr>
{{else}}<tr><td colspan="7">no transactions in the last 256 blocks</td></tr>{{end}}
</table></body></html>
`))

func (b *NodeBrowser) list(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	rows, err := recentTxs(ctx, rpcdb.Dial(b.url), 50)
	data := struct {
		URL, Base, Error string
		Rows             []txRow
	}{URL: b.url, Rows: rows}
	// Relative links work at / and when mounted under a prefix.
	data.Base = "./"
	if err != nil {
		data.Error = err.Error()
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	listPage.Execute(w, data)
}
