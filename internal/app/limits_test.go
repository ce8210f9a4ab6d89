package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/kernel"
	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/server"
)

const wantTruncated = "the result was truncated to 3 rows (the result-set limit); " +
	"add `set truncationmaxrecords = N;` before the query to change the limit, or `set notruncation;` to remove it"

// The browser shows the truncation warning under the result, which has
// the limited row count.
func TestBackendResultSetLimit(t *testing.T) {
	b := newTestBackend(t, 100)
	ctx := context.Background()
	info, _ := b.CreateNotebook(ctx, "Limits")
	ev := newEvents()
	s, _ := b.Open(ctx, info.ID, ev.add)
	e := runCell(t, s, ev, "c1", "set truncationmaxrecords = 3;\nEvents | sort by Seq asc")
	if e.Status != server.StatusDone || e.Rows != 3 || len(e.Outputs) != 2 {
		t.Fatalf("status %s, rows %d, outputs %+v", e.Status, e.Rows, e.Outputs)
	}
	if o := e.Outputs[1]; o.Type != server.OutputText || o.Text != wantTruncated {
		t.Errorf("warning output %+v", o)
	}
	res, _ := s.Result(ctx, e.Outputs[0].Result.ID)
	page, err := res.Page(ctx, server.PageQuery{Limit: 10})
	if err != nil || page.Total != 3 || len(page.Rows) != 3 {
		t.Fatalf("page %+v, %v", page, err)
	}
}

// Paging a result the session released answers "not found" (a 404) with
// the session's explanation, both plain and sorted.
func TestBackendPagingReleasedResult(t *testing.T) {
	b := newTestBackendWith(t, 50, BackendOptions{SaveDelay: 50 * time.Millisecond, KeepResults: 1})
	ctx := context.Background()
	info, _ := b.CreateNotebook(ctx, "Evict")
	ev := newEvents()
	s, _ := b.Open(ctx, info.ID, ev.add)
	first := runCell(t, s, ev, "c1", "Events")
	res, _ := s.Result(ctx, first.Outputs[0].Result.ID)
	sorted := server.PageQuery{Limit: 5, Sort: []server.SortKey{{Column: "Seq", Desc: true}}}
	if _, err := res.Page(ctx, sorted); err != nil { // loads the sorted view in memory
		t.Fatal(err)
	}
	runCell(t, s, ev, "c2", "Events | take 2")
	runCell(t, s, ev, "c3", "Events | take 3")
	n := *first.ExecutionCount
	want := fmt.Sprintf("result _%d was released to save memory; re-run cell %d", n, n)
	for _, q := range []server.PageQuery{{Limit: 5}, sorted} {
		_, err := res.Page(ctx, q)
		if !errors.Is(err, server.ErrNotFound) || err.Error() != want {
			t.Errorf("page %+v of a released result: %v", q, err)
		}
	}
}

// Jupyter shows the warning as a stderr stream next to the result.
func TestKernelResultSetLimit(t *testing.T) {
	k, _ := newTestKernel(t)
	d, outs, err := run(t, k, "set truncationmaxrecords = 3; Events", 1)
	if err != nil {
		t.Fatal(err)
	}
	var streams []string
	for _, o := range outs {
		if st, ok := o.(*kernel.Stream); ok {
			streams = append(streams, st.Name+": "+st.Text)
		}
	}
	if len(streams) != 1 || streams[0] != "stderr: warning: "+wantTruncated+"\n" {
		t.Errorf("streams %q", streams)
	}
	// A header, a rule and the three rows.
	if text, _ := d.Data["text/plain"].(string); strings.Count(text, "\n") != 5 {
		t.Errorf("not 3 rows:\n%s", text)
	}
}

// `huntbook run` keeps the warning in the notebook as a stderr stream.
func TestRunNotebookResultSetLimit(t *testing.T) {
	k, _ := newTestKernel(t)
	nb := notebook.New()
	nb.Cells = append(nb.Cells, notebook.NewCell(notebook.Code, "set truncationmaxrecords = 3;\nEvents"))
	if err := RunNotebook(context.Background(), k.Session(), nb, RunOptions{}); err != nil {
		t.Fatal(err)
	}
	outs := nb.Cells[0].Outputs
	if len(outs) != 2 || outs[0].Type != notebook.Stream || outs[0].Text != "warning: "+wantTruncated+"\n" {
		t.Fatalf("outputs %+v", outs)
	}
}
