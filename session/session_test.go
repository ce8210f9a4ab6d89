package session_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/session"
	"github.com/huntbook/huntbook/session/sessiontest"
	"github.com/huntbook/huntbook/table"
)

func newSession(t *testing.T) *session.Session {
	t.Helper()
	ws := sessiontest.Workspace(t)
	s, err := session.New(ws, session.Options{Now: sessiontest.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// rowsOf runs cells in order and returns the text of the last cell's rows.
func rowsOf(t *testing.T, s *session.Session, cells ...string) [][]string {
	t.Helper()
	var last *session.Execution
	for i, c := range cells {
		e, err := s.Execute(context.Background(), c)
		if err != nil {
			t.Fatalf("cell %d %q: %v", i+1, c, err)
		}
		last = e
	}
	if last.Table == nil {
		return nil
	}
	var out [][]string
	for _, r := range last.Table.Rows {
		row := make([]string, len(r))
		for i, v := range r {
			row[i] = table.FormatValue(v)
		}
		out = append(out, row)
	}
	return out
}

func TestCellsShareBindings(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  [][]string
	}{
		{"scalar let", []string{"let threshold = 8;", "Events | where Count > threshold | count"}, [][]string{{"3"}}},
		{"scalar let computed", []string{"let since = ago(12h);", "Events | where TimeGenerated >= since | count"}, [][]string{{"0"}}},
		{"tabular let", []string{"let bob = Events | where User == 'bob';", "bob | summarize sum(Count)"}, [][]string{{"22"}}},
		{"function let", []string{"let f = (n: long) { n * 2 };", "print x = f(21)"}, [][]string{{"42"}}},
		{"last result _", []string{"Events | take 5", "_ | count"}, [][]string{{"5"}}},
		{"result by number", []string{"Events | where User == 'alice'", "print 1", "_1 | count"}, [][]string{{"4"}}},
		{"named result", []string{"Events | summarize n = count() by User | as perUser", "print 1", "perUser | where User == 'carol' | project n"}, [][]string{{"4"}}},
		{"named before render", []string{"Events | summarize n = sum(Count) by Host | as perHost | render piechart", "perHost | sort by Host asc | project n"}, [][]string{{"30"}, {"36"}}},
		{"let rebinding", []string{"let k = 1;", "let k = 3;", "print k"}, [][]string{{"3"}}},
		{"let and query in one cell", []string{"let u = 'carol'; Events | where User == u | count", "print u"}, [][]string{{"carol"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t)
			if diff := cmp.Diff(tt.want, rowsOf(t, s, tt.cells...)); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExecutionRecord(t *testing.T) {
	s := newSession(t)
	ctx := context.Background()
	if e, err := s.Execute(ctx, "let x = 1;"); err != nil || e.N != 1 || e.Table != nil || !cmp.Equal(e.Bound, []string{"x"}) {
		t.Fatalf("let cell: %+v, %v", e, err)
	}
	e, err := s.Execute(ctx, "Events | summarize c = count() by bin(TimeGenerated, 6h) | as perSixHours | render timechart")
	if err != nil {
		t.Fatal(err)
	}
	if e.N != 2 || e.Name != "perSixHours" || e.Rows != 2 || e.Truncated || e.Ref == "" {
		t.Errorf("execution = N %d name %q rows %d truncated %v ref %q", e.N, e.Name, e.Rows, e.Truncated, e.Ref)
	}
	if v := e.Table.Visualization; v == nil || v.Kind != "timechart" {
		t.Errorf("visualization = %+v, want timechart", v)
	}
	if got := s.Result("perSixHours"); got != e {
		t.Errorf("Result(perSixHours) = %v, want execution 2", got)
	}
	if got := s.Result("_2"); got != e {
		t.Errorf("Result(_2) = %v, want execution 2", got)
	}
	want := session.Names{Scalars: []string{"x"}, Tables: []string{"_", "_2", "perSixHours"}}
	if diff := cmp.Diff(want, s.Names()); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}

func TestLargeResultIsPaged(t *testing.T) {
	ws := sessiontest.Workspace(t)
	s, err := session.New(ws, session.Options{Now: sessiontest.Now, MaxRows: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	e, err := s.Execute(ctx, "Events | sort by Count asc")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Table.Rows) != 4 || e.Rows != sessiontest.EventCount || !e.Truncated {
		t.Fatalf("first page: %d rows of %d, truncated %v", len(e.Table.Rows), e.Rows, e.Truncated)
	}
	page, err := s.Page(ctx, e, 10, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Rows) != 2 || page.Rows[0][2] != int64(10) {
		t.Errorf("page [10,15) = %v", page.Rows)
	}
	// The whole result, not the first page, is what later cells read.
	if got := rowsOf(t, s, "_ | count"); !cmp.Equal(got, [][]string{{"12"}}) {
		t.Errorf("_ | count = %v", got)
	}
}

func TestErrorsArePositioned(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		line, col int
		kind      string
	}{
		{"syntax", "Events\n| where (Count > 1", 2, 19, "syntax"},
		{"unknown column", "Events\n| where Cuont > 1", 2, 9, "sema"},
		{"unknown table", "Evnts | take 1", 1, 1, "sema"},
		{"forgotten after restart-free session", "_7 | take 1", 1, 1, "sema"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t)
			e, err := s.Execute(context.Background(), tt.src)
			if err == nil {
				t.Fatal("no error")
			}
			if e == nil || e.Err == nil || e.N != 1 {
				t.Errorf("execution = %+v", e)
			}
			var list syntax.ErrorList
			var se *sema.Error
			switch {
			case tt.kind == "syntax" && !errors.As(err, &list), tt.kind == "sema" && !errors.As(err, &se):
				t.Errorf("error %v (%T) is not a %s error", err, err, tt.kind)
			}
			if l, c := session.ErrorPosition(err); l != tt.line || c != tt.col {
				t.Errorf("position = %d:%d, want %d:%d (%v)", l, c, tt.line, tt.col, err)
			}
		})
	}
}

func TestFailedCellKeepsEarlierBindings(t *testing.T) {
	s := newSession(t)
	ctx := context.Background()
	rowsOf(t, s, "let a = 5;", "Events | take 2")
	if _, err := s.Execute(ctx, "Events | where Nope == 1"); err == nil {
		t.Fatal("want an error")
	}
	if got := rowsOf(t, s, "_ | extend a | count"); !cmp.Equal(got, [][]string{{"2"}}) {
		t.Errorf("after a failed cell: %v", got)
	}
}

func TestMarkdownIsNotExecuted(t *testing.T) {
	s := newSession(t)
	e, err := s.Run(context.Background(), session.Cell{Source: "# Events | take 1", Markdown: true})
	if err != nil || e.N != 0 || e.Table != nil {
		t.Fatalf("markdown: %+v, %v", e, err)
	}
	if e, _ := s.Execute(context.Background(), "print 1"); e.N != 1 {
		t.Errorf("first code cell N = %d, want 1", e.N)
	}
}

func TestRestartDropsBindingsAndResults(t *testing.T) {
	s := newSession(t)
	ctx := context.Background()
	rowsOf(t, s, "let big = Events | where Count > 3;", "Events | take 3 | as three")
	before := resultTables(t, s)
	if len(before) != 2 {
		t.Fatalf("results before restart = %v, want the let and the cell result", before)
	}
	if err := s.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	if got := resultTables(t, s); len(got) != 0 {
		t.Errorf("results after restart = %v", got)
	}
	for _, q := range []string{"big | count", "three | count", "_ | count", "_2 | count"} {
		if _, err := s.Execute(ctx, q); err == nil {
			t.Errorf("%s after restart: no error", q)
		}
	}
	if e, _ := s.Execute(ctx, "print 1"); e.N != 5 {
		// four failed executions after the restart, then this one
		t.Errorf("N after restart = %d, want 5", e.N)
	}
}

func resultTables(t *testing.T, s *session.Session) []string {
	t.Helper()
	infos, err := s.Workspace().DB.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, i := range infos {
		if i.Result {
			out = append(out, i.Name)
		}
	}
	return out
}

func TestInterruptStopsQueryPromptly(t *testing.T) {
	s := newSession(t)
	const long = "range x from 1 to 5000000000 step 1 | summarize sum(x % 7), dcount(x)"
	tests := []struct {
		name string
		stop func(cancel context.CancelFunc)
	}{
		{"context", func(cancel context.CancelFunc) { cancel() }},
		{"Interrupt", func(context.CancelFunc) { s.Interrupt() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := make(chan error, 1)
			go func() { _, err := s.Execute(ctx, long); done <- err }()
			time.Sleep(300 * time.Millisecond)
			stopped := time.Now()
			tt.stop(cancel)
			select {
			case err := <-done:
				if !errors.Is(err, engine.ErrCanceled) && !errors.Is(err, context.Canceled) {
					t.Errorf("err = %v, want a cancellation", err)
				}
				if d := time.Since(stopped); d > 2*time.Second {
					t.Errorf("stopped after %v", d)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the query did not stop")
			}
		})
	}
	if got := rowsOf(t, s, "print 7"); !cmp.Equal(got, [][]string{{"7"}}) {
		t.Errorf("after interrupts: %v", got)
	}
}

func TestJournal(t *testing.T) {
	ws := sessiontest.Workspace(t)
	s, err := session.New(ws, session.Options{Now: sessiontest.Now, SnapshotRows: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	s.SetParameters(map[string]string{"who": "bob"})
	s.Run(ctx, session.Cell{Source: "let who = 'alice';", Parameters: true})
	s.Execute(ctx, "Events | where User == who | project Count | as counts")
	s.Execute(ctx, "Events | where Bad")
	entries, err := s.Journal(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 {
		t.Fatalf("%d entries, want 3", len(entries))
	}
	p, q, bad := entries[0], entries[1], entries[2]
	if p.Query != `let who = "bob";` || !cmp.Equal(p.Parameters, map[string]string{"who": `"bob"`}) {
		t.Errorf("parameters entry: query %q params %v", p.Query, p.Parameters)
	}
	if q.N != 2 || q.Name != "counts" || q.Rows != 4 || q.Session != s.ID() || time.Since(q.Start) > time.Minute || !q.Now.Equal(sessiontest.Now()) || q.Error != "" {
		t.Errorf("query entry = %+v", q)
	}
	if want := `{"columns":[{"name":"Count","type":"long"}],"rows":[[1],[4]],"visualization":null}`; string(q.Snapshot) != want {
		t.Errorf("snapshot = %s, want %s", q.Snapshot, want)
	}
	if bad.Error == "" || bad.Line != 1 || bad.Column != 16 || bad.Snapshot != nil {
		t.Errorf("error entry = %+v", bad)
	}
	last, _ := s.Journal(1)
	if len(last) != 1 || last[0].N != 3 {
		t.Errorf("Journal(1) = %+v", last)
	}
}

func TestParametersCell(t *testing.T) {
	tests := []struct {
		name      string
		overrides map[string]string
		want      [][]string
		warnings  int
	}{
		{"defaults", nil, [][]string{{"alice", "4", "1d"}}, 0},
		{"string", map[string]string{"who": "carol"}, [][]string{{"carol", "4", "1d"}}, 0},
		{"number string stays string", map[string]string{"who": "123"}, [][]string{{"123", "0", "1d"}}, 0},
		{"timespan", map[string]string{"window": "2h"}, [][]string{{"alice", "4", "02:00:00"}}, 0},
		{"unknown parameter injected", map[string]string{"extra": "5"}, [][]string{{"alice", "4", "1d"}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t)
			s.SetParameters(tt.overrides)
			ctx := context.Background()
			e, err := s.Run(ctx, session.Cell{Source: "let who = 'alice';\nlet window = 1d; // look-back", Parameters: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(e.Warnings) != tt.warnings {
				t.Errorf("warnings = %v", e.Warnings)
			}
			got := rowsOf(t, s, "Events | where User == who | summarize n = count() | extend who, window = format_timespan(window, 'd.hh:mm:ss')")
			want := tt.want
			if w := want[0][2]; w == "1d" {
				want = [][]string{{want[0][1], want[0][0], "1.00:00:00"}}
			} else {
				want = [][]string{{want[0][1], want[0][0], "0." + w}}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestInferLiteral(t *testing.T) {
	tests := []struct{ in, want string }{
		{"42", "42"},
		{"-7", "-7"},
		{"3.5", "real(3.5)"},
		{"1e3", "real(1000.0)"},
		{"true", "true"},
		{"False", "false"},
		{"1h", "1h"},
		{"1.02:03:04", "timespan(1.02:03:04)"},
		{"2024-03-01", "datetime(2024-03-01)"},
		{"2024-03-01T10:00:00Z", "datetime(2024-03-01T10:00:00Z)"},
		{"datetime(2024-03-01)", "datetime(2024-03-01)"},
		{`"quoted"`, `"quoted"`},
		{"dynamic(['a','b'])", "dynamic(['a','b'])"},
		{"alice", `"alice"`},
		{`C:\Temp\"x"`, `"C:\\Temp\\\"x\""`},
		{"powershell -enc", `"powershell -enc"`},
		{"", `""`},
	}
	for _, tt := range tests {
		if got := session.InferLiteral(tt.in); got != tt.want {
			t.Errorf("InferLiteral(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if _, err := syntax.ParseExpr(session.InferLiteral(tt.in)); err != nil {
			t.Errorf("InferLiteral(%q) does not parse: %v", tt.in, err)
		}
	}
}

func TestApplyParameters(t *testing.T) {
	src := "// parameters\nlet who = 'alice';\nlet n = 10;\nlet start = datetime(2024-01-01);"
	got, applied, warnings, err := session.ApplyParameters(src, map[string]string{"n": "3", "start": "2024-02-01", "new": "x"})
	if err != nil {
		t.Fatal(err)
	}
	want := "// parameters\nlet who = 'alice';\nlet n = 3;\nlet start = datetime(2024-02-01);\n// injected parameters\nlet new = \"x\";"
	if got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
	if diff := cmp.Diff(map[string]string{"n": "3", "start": "datetime(2024-02-01)", "new": `"x"`}, applied); diff != "" {
		t.Errorf("applied (-want +got):\n%s", diff)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `"new"`) {
		t.Errorf("warnings = %v", warnings)
	}
	if _, _, _, err := session.ApplyParameters("let x = (", map[string]string{"x": "1"}); err == nil {
		t.Error("a parameters cell that does not parse: no error")
	}
}

func TestConcurrentExecutionsAreSerialised(t *testing.T) {
	s := newSession(t)
	ctx := context.Background()
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func(i int) {
			_, err := s.Execute(ctx, fmt.Sprintf("print v = %d", i))
			errs <- err
		}(i)
	}
	for i := 0; i < 8; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	h := s.History()
	for i, e := range h {
		if e.N != i+1 {
			t.Errorf("history[%d].N = %d", i, e.N)
		}
	}
}

func TestCatalogTables(t *testing.T) {
	s := newSession(t)
	ctx := context.Background()
	// A Sentinel table the workspace knows but holds no data for reads as
	// empty, as in a fresh Sentinel workspace.
	if got := rowsOf(t, s, "SigninLogs | where ResultType != '0' | count"); !cmp.Equal(got, [][]string{{"0"}}) {
		t.Errorf("known empty table: %v", got)
	}
	// A table loaded while the session is open is seen by the next cell.
	rows := func(yield func([]any, error) bool) { yield([]any{"x"}, nil) }
	if _, err := s.Workspace().DB.Load(ctx, "Late_CL", []table.Column{{Name: "V", Type: table.String}}, engine.Create, rows); err != nil {
		t.Fatal(err)
	}
	if got := rowsOf(t, s, "Late_CL | count"); !cmp.Equal(got, [][]string{{"1"}}) {
		t.Errorf("table loaded after the session started: %v", got)
	}
	c, err := s.Complete(ctx, "Sig", 3)
	if err != nil || len(c.Items) == 0 || c.Items[0] != (session.CompletionItem{Label: "SigninLogs", Kind: session.KindTable, Detail: "no data"}) {
		t.Errorf("completion of a known empty table: %+v, %v", c.Items, err)
	}
	text, found, err := s.Inspect(ctx, "SigninLogs", 1)
	if err != nil || !found || !strings.Contains(text, "no data in this workspace") || !strings.Contains(text, "UserPrincipalName: string") {
		t.Errorf("inspect of a known empty table: %q, %v, %v", text, found, err)
	}
}
