package app

import (
	"context"
	"fmt"
	"sync"

	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/session"
)

// maxViewRows is the largest result the grid can sort, filter or search:
// such a view is computed in memory. Plain paging works at any size.
const maxViewRows = 500_000

// engineResult is a cell's result, kept in the engine by the session.
// Pages in stored order are read from the engine, so a 10M-row result never
// leaves it whole; a sorted, filtered or searched view loads the result
// once (up to maxViewRows) and keeps it for the neighbouring pages.
type engineResult struct {
	sess *session.Session
	exe  *session.Execution
	info server.ResultInfo

	mu     sync.Mutex
	loaded *server.TableResult
}

func (r *engineResult) Info() server.ResultInfo { return r.info }

// Page returns a page of the result's view.
func (r *engineResult) Page(ctx context.Context, q server.PageQuery) (*server.Page, error) {
	if q.Offset < 0 || q.Limit < 0 {
		return nil, fmt.Errorf("%w: negative offset or limit", server.ErrInvalid)
	}
	if len(q.Sort) == 0 && len(q.Filters) == 0 && q.Search == "" {
		t, err := r.sess.Page(ctx, r.exe, q.Offset, int64(q.Limit))
		if err != nil {
			return nil, fmt.Errorf("result %s: %w", r.info.Name, err)
		}
		return &server.Page{Offset: q.Offset, Total: r.info.Rows, Rows: nonNilRows(t.Rows)}, nil
	}
	full, err := r.inMemory(ctx)
	if err != nil {
		return nil, err
	}
	return full.Page(ctx, q)
}

func nonNilRows(rows [][]any) [][]any {
	if rows == nil {
		return [][]any{}
	}
	return rows
}

// inMemory loads the whole result for sorting and filtering.
func (r *engineResult) inMemory(ctx context.Context) (*server.TableResult, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.loaded != nil {
		return r.loaded, nil
	}
	if r.info.Rows > maxViewRows {
		return nil, fmt.Errorf("%w: sorting, filtering and searching work on results of up to %d rows; this one has %d: add sort, where or take to the query",
			server.ErrInvalid, maxViewRows, r.info.Rows)
	}
	t, err := r.sess.Page(ctx, r.exe, 0, r.info.Rows)
	if err != nil {
		return nil, fmt.Errorf("result %s: %w", r.info.Name, err)
	}
	r.loaded = server.NewTableResult(r.info, t)
	return r.loaded, nil
}
