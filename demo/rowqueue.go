package demo

import "sync"

// pendingRow is a row waiting in an emitter's queue, its ordering key
// inline so that sifting compares without loading the row.
type pendingRow struct {
	ns  int64
	seq uint64
	r   *rowBuf
}

func (a *pendingRow) before(b *pendingRow) bool {
	if a.ns != b.ns {
		return a.ns < b.ns
	}
	return a.seq < b.seq
}

// rowQueue is a binary min-heap of rows by TimeGenerated, then insertion
// number (which makes the order total, so deterministic).
type rowQueue []pendingRow

func (q *rowQueue) push(r *rowBuf) {
	*q = append(*q, pendingRow{r.ns, r.seq, r})
	h := *q
	for j := len(h) - 1; j > 0; {
		i := (j - 1) / 2
		if !h[j].before(&h[i]) {
			break
		}
		h[i], h[j] = h[j], h[i]
		j = i
	}
}

// head is the first row's time; the queue must not be empty.
func (q rowQueue) head() int64 { return q[0].ns }

// pop removes and returns the first row.
func (q *rowQueue) pop() *rowBuf {
	h := *q
	n := len(h) - 1
	first := h[0].r
	h[0] = h[n]
	h[n] = pendingRow{}
	h = h[:n]
	for i := 0; ; {
		j := 2*i + 1
		if j >= n {
			break
		}
		if k := j + 1; k < n && h[k].before(&h[j]) {
			j = k
		}
		if !h[j].before(&h[i]) {
			break
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
	*q = h
	return first
}

// rowPool brings a table's rows and batch slices back from its writer,
// once written, to its producer, which reuses them: a table allocates only
// as many rows as it ever has in flight.
type rowPool struct {
	mu      sync.Mutex
	rows    []*rowBuf
	batches [][]*rowBuf
}

// put returns a written batch.
func (p *rowPool) put(batch []*rowBuf) {
	p.mu.Lock()
	p.rows = append(p.rows, batch...)
	p.batches = append(p.batches, batch[:0])
	p.mu.Unlock()
}

// swapRows hands over the returned rows in exchange for free, an empty
// slice whose array the pool fills next.
func (p *rowPool) swapRows(free []*rowBuf) []*rowBuf {
	p.mu.Lock()
	rows := p.rows
	p.rows = free[:0]
	p.mu.Unlock()
	return rows
}

// batch is an empty batch slice, a returned one when there is one.
func (p *rowPool) batch() []*rowBuf {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(p.batches)
	if n == 0 {
		return make([]*rowBuf, 0, 256)
	}
	b := p.batches[n-1]
	p.batches[n-1] = nil
	p.batches = p.batches[:n-1]
	return b
}
