package server

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/huntbook/huntbook/table"
)

// TableResult is a Result over a table held in memory: small results, and
// the stored rows of a result restored from a notebook file. It keeps the
// view (row order after filter, search and sort) it computed last, since the
// grid asks for the neighbouring pages of one view as the analyst scrolls.
type TableResult struct {
	info ResultInfo
	tbl  *table.Table

	mu       sync.Mutex
	viewKey  string
	viewRows []int32 // indexes into tbl.Rows; nil means all rows in order
	texts    [][]string
}

// NewTableResult returns a Result over t. info.Columns and info.Rows are
// taken from t.
func NewTableResult(info ResultInfo, t *table.Table) *TableResult {
	info.Columns = t.Columns
	info.Rows = int64(len(t.Rows))
	if info.Visualization == nil {
		info.Visualization = t.Visualization
	}
	return &TableResult{info: info, tbl: t}
}

// Info describes the result.
func (r *TableResult) Info() ResultInfo { return r.info }

// Table returns the table the result reads.
func (r *TableResult) Table() *table.Table { return r.tbl }

// Page returns a page of the view q selects.
func (r *TableResult) Page(ctx context.Context, q PageQuery) (*Page, error) {
	view, err := r.view(ctx, q)
	if err != nil {
		return nil, err
	}
	total := int64(len(r.tbl.Rows))
	if view != nil {
		total = int64(len(view))
	}
	p := &Page{Offset: q.Offset, Total: total, Rows: [][]any{}}
	if q.Offset < 0 || q.Limit < 0 {
		return nil, fmt.Errorf("%w: negative offset or limit", ErrInvalid)
	}
	for i := q.Offset; i < total && i < q.Offset+int64(q.Limit); i++ {
		idx := int(i)
		if view != nil {
			idx = int(view[i])
		}
		p.Rows = append(p.Rows, r.tbl.Rows[idx])
	}
	return p, nil
}

// view returns the row order of the query's view, computing and caching it
// when the query differs from the last one.
func (r *TableResult) view(ctx context.Context, q PageQuery) ([]int32, error) {
	if len(q.Sort) == 0 && len(q.Filters) == 0 && q.Search == "" {
		return nil, nil
	}
	key, _ := json.Marshal(PageQuery{Sort: q.Sort, Filters: q.Filters, Search: q.Search})
	r.mu.Lock()
	defer r.mu.Unlock()
	if string(key) == r.viewKey {
		return r.viewRows, nil
	}
	rows, err := r.computeView(ctx, q)
	if err != nil {
		return nil, err
	}
	r.viewKey, r.viewRows = string(key), rows
	return rows, nil
}

func (r *TableResult) computeView(ctx context.Context, q PageQuery) ([]int32, error) {
	preds, err := r.predicates(q)
	if err != nil {
		return nil, err
	}
	sortCols := make([]int, len(q.Sort))
	for i, k := range q.Sort {
		if sortCols[i] = r.tbl.ColumnIndex(k.Column); sortCols[i] < 0 {
			return nil, fmt.Errorf("%w: no column %q to sort by", ErrInvalid, k.Column)
		}
	}
	rows := make([]int32, 0, len(r.tbl.Rows))
	for i, row := range r.tbl.Rows {
		if i%65536 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if keepRow(row, preds) {
			rows = append(rows, int32(i))
		}
	}
	if len(sortCols) > 0 {
		keys := sortKeys(ctx, r.tbl.Rows, sortCols, q.Sort)
		if keys == nil {
			return nil, ctx.Err()
		}
		slices.SortStableFunc(rows, func(a, b int32) int {
			for _, k := range keys {
				if d := k.compare(a, b); d != 0 {
					return d
				}
			}
			return 0
		})
	}
	return rows, nil
}

// rowPred is one condition on a row.
type rowPred func(row []any) bool

func keepRow(row []any, preds []rowPred) bool {
	for _, p := range preds {
		if !p(row) {
			return false
		}
	}
	return true
}

func (r *TableResult) predicates(q PageQuery) ([]rowPred, error) {
	var preds []rowPred
	for _, f := range q.Filters {
		c := r.tbl.ColumnIndex(f.Column)
		if c < 0 {
			return nil, fmt.Errorf("%w: no column %q to filter", ErrInvalid, f.Column)
		}
		p, err := columnPredicate(c, r.tbl.Columns[c].Type, f)
		if err != nil {
			return nil, err
		}
		preds = append(preds, p)
	}
	if q.Search != "" {
		needle := strings.ToLower(q.Search)
		preds = append(preds, func(row []any) bool {
			for _, v := range row {
				if containsFold(table.FormatValue(v), needle) {
					return true
				}
			}
			return false
		})
	}
	return preds, nil
}

// containsFold reports whether s contains the lower-case needle, ignoring
// case (ASCII fast path; Unicode through ToLower).
func containsFold(s, lowerNeedle string) bool {
	return strings.Contains(strings.ToLower(s), lowerNeedle)
}

func columnPredicate(c int, typ table.Type, f ColumnFilter) (rowPred, error) {
	switch f.Op {
	case FilterContains, FilterNotContains:
		needle, want := strings.ToLower(f.Value), f.Op == FilterContains
		return func(row []any) bool { return containsFold(table.FormatValue(row[c]), needle) == want }, nil
	case FilterEmpty, FilterNotEmpty:
		want := f.Op == FilterEmpty
		return func(row []any) bool { return isEmptyValue(row[c]) == want }, nil
	case FilterEq, FilterNe, FilterLt, FilterLe, FilterGt, FilterGe:
		v, err := parseFilterValue(typ, f.Value)
		if err != nil {
			return nil, fmt.Errorf("%w: filter on %s: %v", ErrInvalid, f.Column, err)
		}
		return func(row []any) bool {
			if row[c] == nil || v == nil {
				return f.Op == FilterNe && (row[c] == nil) != (v == nil)
			}
			return opHolds(f.Op, compareValues(row[c], v, false))
		}, nil
	}
	return nil, fmt.Errorf("%w: unknown filter operation %q", ErrInvalid, f.Op)
}

func opHolds(op FilterOp, d int) bool {
	switch op {
	case FilterEq:
		return d == 0
	case FilterNe:
		return d != 0
	case FilterLt:
		return d < 0
	case FilterLe:
		return d <= 0
	case FilterGt:
		return d > 0
	}
	return d >= 0 // FilterGe
}

func isEmptyValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	}
	return false
}

// compareValues orders two values of one column: nulls first ascending and
// last descending (Kusto's sort), numbers by value, datetimes and timespans
// by time, anything else by its text.
func compareValues(a, b any, desc bool) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1 * sign(!desc)
	case b == nil:
		return 1 * sign(!desc)
	}
	d := compareNonNull(a, b)
	if desc {
		return -d
	}
	return d
}

func sign(pos bool) int {
	if pos {
		return 1
	}
	return -1
}

func compareNonNull(a, b any) int {
	switch x := a.(type) {
	case int64:
		if y, ok := b.(int64); ok {
			return cmp.Compare(x, y)
		}
	case int32:
		if y, ok := b.(int32); ok {
			return cmp.Compare(x, y)
		}
	case float64:
		if y, ok := b.(float64); ok {
			return cmp.Compare(x, y)
		}
	case time.Time:
		if y, ok := b.(time.Time); ok {
			return x.Compare(y)
		}
	case time.Duration:
		if y, ok := b.(time.Duration); ok {
			return cmp.Compare(x, y)
		}
	case bool:
		if y, ok := b.(bool); ok {
			return cmp.Compare(boolInt(x), boolInt(y))
		}
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y)
		}
	}
	if fa, ok := numberOf(a); ok {
		if fb, ok := numberOf(b); ok {
			return fa.Cmp(fb)
		}
	}
	return strings.Compare(table.FormatValue(a), table.FormatValue(b))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// numberOf reads any numeric value (a decimal's text, a json.Number of a
// dynamic) exactly enough to order it.
func numberOf(v any) (*big.Float, bool) {
	switch x := v.(type) {
	case int64:
		return new(big.Float).SetInt64(x), true
	case int32:
		return new(big.Float).SetInt64(int64(x)), true
	case float64:
		if x != x {
			return nil, false
		}
		return new(big.Float).SetFloat64(x), true
	case json.Number:
		f, _, err := big.ParseFloat(string(x), 10, 128, big.ToNearestEven)
		return f, err == nil
	case string:
		f, _, err := big.ParseFloat(x, 10, 128, big.ToNearestEven)
		return f, err == nil
	}
	return nil, false
}
