package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/server"
)

func (ui *uiServer) getJSON(t *testing.T, method, path, body string, out any) int {
	t.Helper()
	res := ui.do(t, req{method: method, path: path, body: body, auth: "header"})
	data, _ := io.ReadAll(res.Body)
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, data)
		}
	}
	return res.StatusCode
}

func TestNotebookEndpoints(t *testing.T) {
	ui := startUI(t, testAssets)
	var info server.NotebookInfo
	if st := ui.getJSON(t, "POST", "/api/notebooks", `{"name":" Case 42 "}`, &info); st != 201 || info.Name != "Case 42" {
		t.Fatalf("create: %d %+v", st, info)
	}
	var e map[string]string
	if st := ui.getJSON(t, "POST", "/api/notebooks", `{"name":"Case 42"}`, &e); st != 400 || !strings.Contains(e["error"], "exists") {
		t.Errorf("duplicate create: %d %v", st, e)
	}
	if st := ui.getJSON(t, "PATCH", "/api/notebooks/"+url.PathEscape(info.ID), `{"name":"Case 43"}`, &info); st != 200 || info.Name != "Case 43" {
		t.Errorf("rename: %d %+v", st, info)
	}
	var list []server.NotebookInfo
	ui.getJSON(t, "GET", "/api/notebooks", "", &list)
	if len(list) != 1 || list[0].Name != "Case 43" || list[0].ID != info.ID {
		t.Errorf("list %+v", list)
	}
	var ws server.WorkspaceInfo
	ui.getJSON(t, "GET", "/api/workspace", "", &ws)
	if len(ws.Tables) != 4 || ws.Tables[2].Name != "Big" || ws.Tables[2].Rows != 1_000_000 {
		t.Errorf("workspace %+v", ws.Tables)
	}
	if st := ui.getJSON(t, "DELETE", "/api/notebooks/"+url.PathEscape(info.ID), "", nil); st != 204 {
		t.Errorf("delete: %d", st)
	}
	if st := ui.getJSON(t, "GET", "/api/notebooks/"+url.PathEscape(info.ID), "", &e); st != 404 {
		t.Errorf("snapshot of a deleted notebook: %d %v", st, e)
	}
}

func TestMarkdownSanitised(t *testing.T) {
	ui := startUI(t, testAssets)
	var out map[string]string
	ui.getJSON(t, "POST", "/api/markdown", `{"source":"# T\n<script>alert(1)</script><img src=x onerror=alert(2)>[a](javascript:alert(3))"}`, &out)
	h := out["html"]
	for _, bad := range []string{"<script", "onerror", `href="javascript:`} {
		if strings.Contains(h, bad) {
			t.Errorf("markdown HTML keeps %q: %s", bad, h)
		}
	}
	if !strings.Contains(h, "<h1") {
		t.Errorf("markdown not rendered: %s", h)
	}
}

// wsClient speaks the notebook protocol for tests.
type wsClient struct {
	t   *testing.T
	c   *websocket.Conn
	seq int64
	in  chan map[string]any
}

func (ui *uiServer) dial(t *testing.T, id string) *wsClient {
	t.Helper()
	u := "ws" + strings.TrimPrefix(ui.base, "http") + "/api/notebooks/" + url.PathEscape(id) + "/ws"
	c, _, err := websocket.Dial(context.Background(), u, &websocket.DialOptions{HTTPHeader: http.Header{"Authorization": {"token " + ui.srv.Token()}}})
	if err != nil {
		t.Fatal(err)
	}
	c.SetReadLimit(64 << 20)
	w := &wsClient{t: t, c: c, in: make(chan map[string]any, 1000)}
	go func() {
		for {
			_, data, err := c.Read(context.Background())
			if err != nil {
				close(w.in)
				return
			}
			var m map[string]any
			_ = json.Unmarshal(data, &m)
			w.in <- m
		}
	}()
	t.Cleanup(func() { c.Close(websocket.StatusNormalClosure, "") })
	return w
}

func (w *wsClient) send(msg map[string]any) int64 {
	w.seq++
	msg["seq"] = w.seq
	data, _ := json.Marshal(msg)
	if err := w.c.Write(context.Background(), websocket.MessageText, data); err != nil {
		w.t.Fatal(err)
	}
	return w.seq
}

// next waits for the first message matching pred, skipping others.
func (w *wsClient) next(what string, pred func(map[string]any) bool) map[string]any {
	w.t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case m, ok := <-w.in:
			if !ok {
				w.t.Fatalf("connection closed waiting for %s", what)
			}
			if pred(m) {
				return m
			}
		case <-timeout:
			w.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func (w *wsClient) answer(seq int64) map[string]any {
	w.t.Helper()
	return w.next("answer", func(m map[string]any) bool { return m["seq"] == float64(seq) })
}

func isType(typ string) func(map[string]any) bool {
	return func(m map[string]any) bool { return m["type"] == typ }
}

func TestWebSocketSession(t *testing.T) {
	ui := startUI(t, testAssets)
	info, err := ui.backend.CreateNotebook(context.Background(), "S")
	if err != nil {
		t.Fatal(err)
	}
	w := ui.dial(t, info.ID)
	snap := w.next("snapshot", isType("snapshot"))
	first := snap["notebook"].(map[string]any)["cells"].([]any)[0].(map[string]any)["id"].(string)

	// Edits are acknowledged with a version, and saved afterwards.
	ack := w.answer(w.send(map[string]any{"type": "edit", "edits": []map[string]any{
		{"op": "source", "cellId": first, "source": "Big | where Host == \"WS5.contoso.local\""},
		{"op": "insert", "cellId": "md000001", "index": 1, "cellType": "markdown", "source": "# Notes"},
	}}))
	v := ack["version"].(float64)
	saved := w.next("saved", isType("saved"))
	if saved["version"].(float64) < v {
		t.Errorf("saved %v before version %v", saved["version"], v)
	}
	nb, err := notebook.Load(filepath.Join(ui.dir, "S.ipynb"))
	if err != nil || len(nb.Cells) != 2 || nb.Cells[1].Source != "# Notes" {
		t.Fatalf("file after save: %v %+v", err, nb)
	}
	if bad := w.answer(w.send(map[string]any{"type": "edit", "edits": []map[string]any{{"op": "source", "cellId": "nope"}}})); bad["type"] != "error" {
		t.Errorf("edit of an unknown cell: %v", bad)
	}

	// Execution streams queued, running, done with the result.
	w.send(map[string]any{"type": "execute", "cells": []string{first}})
	var statuses []string
	done := w.next("done", func(m map[string]any) bool {
		if m["type"] == "status" {
			statuses = append(statuses, m["status"].(string))
		}
		return m["status"] == "done"
	})
	if d := cmp.Diff([]string{"queued", "running", "done"}, statuses); d != "" {
		t.Errorf("statuses (-want +got):\n%s", d)
	}
	if done["rows"].(float64) != 250000 {
		t.Errorf("rows %v", done["rows"])
	}
	res := done["outputs"].([]any)[0].(map[string]any)["result"].(map[string]any)
	rid := res["id"].(string)

	checkResultEndpoints(t, ui, info.ID, rid)

	// Completion and diagnostics count UTF-16 units in the browser.
	src := "// é😀\nSecurityEvent | where Acc"
	comp := w.answer(w.send(map[string]any{"type": "complete", "cellId": first, "source": src, "pos": len([]rune(src)) + 1}))
	if comp["from"].(float64) != float64(len([]rune(src))+1-3) || comp["to"].(float64) != float64(len([]rune(src))+1) {
		t.Errorf("completion range %v-%v", comp["from"], comp["to"])
	}
	diag := w.answer(w.send(map[string]any{"type": "diagnose", "cellId": first, "source": "// 😀\nNope | take 1"}))
	ds := diag["diagnostics"].([]any)
	if len(ds) != 1 || ds[0].(map[string]any)["from"].(float64) != 6 || ds[0].(map[string]any)["to"].(float64) != 10 {
		t.Errorf("diagnostics %v", ds)
	}

	// History from the journal.
	var hist []server.HistoryEntry
	ui.getJSON(t, "GET", "/api/history?q=where+host", "", &hist)
	if len(hist) != 1 || hist[0].Rows != 250000 || hist[0].NotebookName != "S" {
		t.Errorf("history %+v", hist)
	}
}

func TestWebSocketOtherTabs(t *testing.T) {
	ui := startUI(t, testAssets)
	info, _ := ui.backend.CreateNotebook(context.Background(), "Tabs")
	a, b := ui.dial(t, info.ID), ui.dial(t, info.ID)
	a.next("snapshot", isType("snapshot"))
	b.next("snapshot", isType("snapshot"))
	a.answer(a.send(map[string]any{"type": "edit", "edits": []map[string]any{{"op": "insert", "cellId": "abcd0001", "index": 0, "source": "Evil"}}}))
	got := b.next("edits", isType("edits"))
	if e := got["edits"].([]any)[0].(map[string]any); e["cellId"] != "abcd0001" {
		t.Errorf("other tab got %v", got)
	}
	// Execution events reach every tab, with outputs sanitised.
	a.answer(a.send(map[string]any{"type": "execute", "cells": []string{"abcd0001"}}))
	if m := b.next("done in other tab", func(m map[string]any) bool { return m["status"] == "done" }); m["rows"].(float64) != 3 {
		t.Errorf("other tab: %v", m)
	}
}

func TestChartEndpoint(t *testing.T) {
	ui := startUI(t, testAssets)
	info, _ := ui.backend.CreateNotebook(context.Background(), "C")
	w := ui.dial(t, info.ID)
	w.next("snapshot", isType("snapshot"))
	w.answer(w.send(map[string]any{"type": "edit", "edits": []map[string]any{
		{"op": "insert", "cellId": "c0000001", "index": 0, "source": `SecurityEvent | summarize count() by EventID | render piechart with (title="<b>ids</b>")`},
		{"op": "insert", "cellId": "c0000002", "index": 1, "source": `SecurityEvent | take 3`},
	}}))
	w.answer(w.send(map[string]any{"type": "execute", "cells": []string{"c0000001", "c0000002"}}))
	rids := []string{}
	for range 2 {
		m := w.next("done", func(m map[string]any) bool { return m["status"] == "done" })
		rids = append(rids, m["outputs"].([]any)[0].(map[string]any)["result"].(map[string]any)["id"].(string))
	}
	var pie struct {
		Chart struct {
			Kind       string   `json:"kind"`
			Title      string   `json:"title"`
			Categories []string `json:"categories"`
		} `json:"chart"`
		Error string `json:"error"`
	}
	ui.getJSON(t, "GET", "/api/notebooks/"+info.ID+"/results/"+rids[0]+"/chart", "", &pie)
	if pie.Chart.Kind != "piechart" || pie.Chart.Title != "<b>ids</b>" || len(pie.Chart.Categories) != 4 {
		t.Errorf("pie %+v", pie)
	}
	var none struct{ Error string }
	ui.getJSON(t, "GET", "/api/notebooks/"+info.ID+"/results/"+rids[1]+"/chart", "", &none)
	if none.Error == "" {
		t.Error("a result without render has no chart error")
	}
}

func TestStoredHTMLSanitised(t *testing.T) {
	nb := notebook.New()
	c := notebook.NewCell(notebook.Code, "x")
	c.Outputs = []*notebook.Output{{Type: notebook.DisplayData, Data: notebook.MIMEBundle{"text/html": `<b>ok</b><script>alert(1)</script><img src=x onerror=alert(1)>`}, Metadata: notebook.Metadata{}}}
	md := notebook.NewCell(notebook.Markdown, "<iframe src=javascript:alert(1)></iframe>**bold**")
	nb.Cells = append(nb.Cells, c, md)
	ui := startUI(t, testAssets, func(dir string) {
		if err := notebook.Save(filepath.Join(dir, "X.ipynb"), nb); err != nil {
			t.Fatal(err)
		}
	})
	var st struct {
		Cells []struct {
			HTML    string `json:"html"`
			Outputs []struct {
				HTML string `json:"html"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	ui.getJSON(t, "GET", "/api/notebooks/X", "", &st)
	var htmls []string
	for _, c := range st.Cells {
		htmls = append(htmls, c.HTML)
		for _, o := range c.Outputs {
			htmls = append(htmls, o.HTML)
		}
	}
	want := []string{"", "<b>ok</b>", "**bold**"} // the iframe line is an HTML block: dropped with its tag
	if d := cmp.Diff(want, htmls); d != "" {
		t.Errorf("sanitised HTML (-want +got):\n%s", d)
	}
}

// checkResultEndpoints pages, filters and downloads the result of
// `Big | where Host == "WS5.contoso.local"`.
func checkResultEndpoints(t *testing.T, ui *uiServer, nbID, rid string) {
	t.Helper()
	base := "/api/notebooks/" + url.PathEscape(nbID) + "/results/" + rid
	pageTests := []struct {
		name  string
		q     server.PageQuery
		total int64
		first []any
	}{
		{"first page", server.PageQuery{Limit: 2}, 250000, []any{0.0, "2024-03-04T00:00:00.0000000Z", "WS5.contoso.local", 0.0}},
		{"deep page", server.PageQuery{Offset: 200000, Limit: 1}, 250000, []any{800000.0, "2024-03-13T06:13:20.0000000Z", "WS5.contoso.local", 0.0}},
		{"sort desc", server.PageQuery{Limit: 1, Sort: []server.SortKey{{Column: "Id", Desc: true}}}, 250000, []any{999996.0, "2024-03-15T13:46:36.0000000Z", "WS5.contoso.local", 68324.0}},
		{"filter gt", server.PageQuery{Limit: 1, Filters: []server.ColumnFilter{{Column: "Id", Op: server.FilterGe, Value: "999990"}}}, 2, []any{999992.0, "2024-03-15T13:46:32.0000000Z", "WS5.contoso.local", 36648.0}},
		{"filter datetime", server.PageQuery{Limit: 1, Filters: []server.ColumnFilter{{Column: "TimeGenerated", Op: server.FilterLt, Value: "2024-03-04T00:00:08Z"}}}, 2, []any{0.0, "2024-03-04T00:00:00.0000000Z", "WS5.contoso.local", 0.0}},
		{"search", server.PageQuery{Limit: 1, Search: "99999"}, 2, []any{999992.0, "2024-03-15T13:46:32.0000000Z", "WS5.contoso.local", 36648.0}},
	}
	for _, tt := range pageTests {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := json.Marshal(tt.q)
			var p struct {
				Total int64   `json:"total"`
				Rows  [][]any `json:"rows"`
			}
			if st := ui.getJSON(t, "GET", base+"/page?q="+url.QueryEscape(string(q)), "", &p); st != 200 {
				t.Fatalf("status %d", st)
			}
			if p.Total != tt.total || len(p.Rows) == 0 {
				t.Fatalf("total %d rows %d, want total %d", p.Total, len(p.Rows), tt.total)
			}
			if d := cmp.Diff(tt.first, p.Rows[0]); d != "" {
				t.Errorf("first row (-want +got):\n%s", d)
			}
		})
	}
	var e map[string]string
	if st := ui.getJSON(t, "GET", base+"/page?q="+url.QueryEscape(`{"filters":[{"column":"Id","op":"gt","value":"x"}]}`), "", &e); st != 400 {
		t.Errorf("bad filter value: %d %v", st, e)
	}
	if st := ui.getJSON(t, "GET", "/api/notebooks/"+url.PathEscape(nbID)+"/results/r999/page", "", &e); st != 404 {
		t.Errorf("unknown result: %d", st)
	}

	// CSV of the filtered view.
	q := url.QueryEscape(`{"filters":[{"column":"Id","op":"ge","value":"999990"}]}`)
	csvRes := ui.do(t, req{method: "GET", path: base + "/csv?q=" + q, auth: "header"})
	body, _ := io.ReadAll(csvRes.Body)
	wantCSV := "Id,TimeGenerated,Host,Bytes\n" +
		"999992,2024-03-15T13:46:32.0000000Z,WS5.contoso.local,36648\n" +
		"999996,2024-03-15T13:46:36.0000000Z,WS5.contoso.local,68324\n"
	if d := cmp.Diff(wantCSV, string(body)); d != "" {
		t.Errorf("csv (-want +got):\n%s", d)
	}
	if cd := csvRes.Header.Get("Content-Disposition"); cd != `attachment; filename=_1.csv` {
		t.Errorf("Content-Disposition %q", cd)
	}

}

func TestWebSocketInterruptRestart(t *testing.T) {
	ui := startUI(t, testAssets)
	info, _ := ui.backend.CreateNotebook(context.Background(), "I")
	w := ui.dial(t, info.ID)
	w.next("snapshot", isType("snapshot"))
	w.answer(w.send(map[string]any{"type": "edit", "edits": []map[string]any{
		{"op": "insert", "cellId": "s0000001", "index": 0, "source": "Evil | sleep 60"},
		{"op": "insert", "cellId": "s0000002", "index": 1, "source": "Evil"},
	}}))
	w.send(map[string]any{"type": "execute", "cells": []string{"s0000001", "s0000002"}})
	w.next("running", func(m map[string]any) bool { return m["status"] == "running" })
	w.send(map[string]any{"type": "interrupt"}) // events may come before the ack
	got := map[string]string{}
	for len(got) < 2 {
		m := w.next("interrupted", func(m map[string]any) bool { return m["status"] == "interrupted" })
		got[m["cellId"].(string)] = m["status"].(string)
	}
	w.send(map[string]any{"type": "restart"})
	w.next("restarting", func(m map[string]any) bool { return m["type"] == "kernel" && m["state"] == "restarting" })
	// The session still runs cells after a restart.
	w.send(map[string]any{"type": "execute", "cells": []string{"s0000002"}})
	if m := w.next("done", func(m map[string]any) bool { return m["status"] == "done" }); m["rows"].(float64) != 3 {
		t.Errorf("after restart: %v", m)
	}
}
