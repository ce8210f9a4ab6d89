package app

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/huntbook/huntbook/server"
)

// maxHistory is how many executions the history panel can page through;
// the file keeps them all.
const maxHistory = 10000

// journal is the execution history: one JSON line per execution appended
// to a file of the workspace, and the latest entries in memory.
type journal struct {
	mu      sync.Mutex
	f       *os.File
	entries []server.HistoryEntry
	seq     int
}

func openJournal(path string) (*journal, error) {
	j := &journal{}
	if data, err := os.ReadFile(path); err == nil {
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
		for sc.Scan() {
			var h server.HistoryEntry
			if json.Unmarshal(sc.Bytes(), &h) == nil { // a torn last line (crash) is skipped
				j.add(h)
			}
		}
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	j.f = f
	return j, nil
}

func (j *journal) add(h server.HistoryEntry) {
	j.seq++
	if h.ID == "" {
		h.ID = fmt.Sprint(j.seq)
	}
	j.entries = append(j.entries, h)
	if len(j.entries) > maxHistory {
		j.entries = append([]server.HistoryEntry(nil), j.entries[len(j.entries)-maxHistory/2:]...)
	}
}

// record appends an execution; a failed write is not an execution error.
func (j *journal) record(h server.HistoryEntry) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	h.ID = fmt.Sprintf("%d-%d", h.Time.UnixNano(), j.seq)
	j.add(h)
	if line, err := json.Marshal(h); err == nil && j.f != nil {
		_, _ = j.f.Write(append(line, '\n'))
	}
}

func (j *journal) query(q server.HistoryQuery) []server.HistoryEntry {
	j.mu.Lock()
	defer j.mu.Unlock()
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	search := strings.ToLower(q.Search)
	out := []server.HistoryEntry{}
	for i := len(j.entries) - 1; i >= 0 && len(out) < limit; i-- {
		h := j.entries[i]
		if q.NotebookID != "" && h.NotebookID != q.NotebookID ||
			search != "" && !strings.Contains(strings.ToLower(h.Query), search) ||
			!q.Before.IsZero() && !h.Time.Before(q.Before) {
			continue
		}
		out = append(out, h)
	}
	return out
}

func (j *journal) close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	return err
}
