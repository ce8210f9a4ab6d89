package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace"
)

// serveChildEnv makes the test binary run `huntbook ARGS...` (the
// arguments one a line in the variable) instead of the tests: the kill
// test's server is a real process it can kill -9.
const serveChildEnv = "HUNTBOOK_TEST_CHILD_ARGS"

func runChildIfAsked() {
	args, ok := os.LookupEnv(serveChildEnv)
	if !ok {
		return
	}
	os.Exit(Run(context.Background(), strings.Split(args, "\n"), os.Stdout, os.Stderr))
}

// smallWorkspace makes a workspace with one table, Events, of n rows.
func smallWorkspace(t *testing.T, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ws")
	ctx := context.Background()
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	cols := []table.Column{{Name: "TimeGenerated", Type: table.DateTime}, {Name: "Computer", Type: table.String}, {Name: "EventID", Type: table.Long}}
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	rows := iter.Seq2[[]any, error](func(yield func([]any, error) bool) {
		for i := range n {
			if !yield([]any{start.Add(time.Duration(i) * time.Minute), fmt.Sprintf("WS%d", i%5), int64(4624 + i%3)}, nil) {
				return
			}
		}
	})
	if _, err := ws.DB.Load(ctx, "Events", cols, engine.Replace, rows); err != nil {
		t.Fatal(err)
	}
	return dir
}

// wsClient speaks the notebook WebSocket protocol of docs/api.md.
type wsClient struct {
	t    *testing.T
	c    *websocket.Conn
	seq  int64
	msgs chan map[string]any
}

func dialNotebook(t *testing.T, base, token, id string) *wsClient {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	url := "ws" + strings.TrimPrefix(base, "http") + "/api/notebooks/" + id + "/ws"
	c, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: http.Header{"Authorization": {"token " + token}}})
	if err != nil {
		t.Fatal(err)
	}
	c.SetReadLimit(64 << 20)
	w := &wsClient{t: t, c: c, msgs: make(chan map[string]any, 1024)}
	go func() {
		defer close(w.msgs)
		for {
			_, data, err := c.Read(context.Background())
			if err != nil {
				return
			}
			var m map[string]any
			if json.Unmarshal(data, &m) == nil {
				w.msgs <- m
			}
		}
	}()
	return w
}

func (w *wsClient) send(msg map[string]any) int64 {
	w.t.Helper()
	w.seq++
	msg["seq"] = w.seq
	data, _ := json.Marshal(msg)
	if err := w.c.Write(context.Background(), websocket.MessageText, data); err != nil {
		w.t.Fatal(err)
	}
	return w.seq
}

// await returns the first message for which ok holds.
func (w *wsClient) await(what string, ok func(m map[string]any) bool) map[string]any {
	w.t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case m, open := <-w.msgs:
			if !open {
				w.t.Fatalf("connection closed waiting for %s", what)
			}
			if m["type"] == "error" {
				w.t.Fatalf("waiting for %s: error %v", what, m["message"])
			}
			if ok(m) {
				return m
			}
		case <-deadline:
			w.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func num(v any) int64 {
	f, _ := v.(float64)
	return int64(f)
}

// TestServeKill9 edits and runs a notebook on a real `huntbook serve`
// process, kills it with SIGKILL once the server acknowledged the changes
// as saved, and finds every change and the execution's output in the file.
func TestServeKill9(t *testing.T) {
	dir := smallWorkspace(t, 1000)
	const token = "kill-test-token-0123456789"
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), serveChildEnv+"="+strings.Join([]string{"serve", "--workspace", dir, "--no-browser", "--token", token}, "\n"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	defer func() {
		if !killed {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	}()
	base := readServeURL(t, stdout, &stderr)

	req, _ := http.NewRequest("POST", base+"/api/notebooks", strings.NewReader(`{"name":"Crash"}`))
	req.Header.Set("Authorization", "token "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var info struct{ ID string }
	_ = json.NewDecoder(resp.Body).Decode(&info)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || info.ID == "" {
		t.Fatalf("create notebook: %s %+v", resp.Status, info)
	}

	w := dialNotebook(t, base, token, info.ID)
	snap := w.await("snapshot", func(m map[string]any) bool { return m["type"] == "snapshot" })
	cells := snap["notebook"].(map[string]any)["cells"].([]any)
	first := cells[0].(map[string]any)["id"].(string)

	// A query, run: its output is saved with the execution.
	query := "Events\n| summarize Logons = count() by Computer\n| sort by Computer asc"
	seq := w.send(map[string]any{"type": "edit", "edits": []map[string]any{{"op": "source", "cellId": first, "source": query}}})
	w.await("edit ack", func(m map[string]any) bool { return m["type"] == "ack" && num(m["seq"]) == seq })
	w.send(map[string]any{"type": "execute", "cells": []string{first}})
	w.await("execution", func(m map[string]any) bool {
		return m["type"] == "status" && m["cellId"] == first && (m["status"] == "done" || m["status"] == "error")
	})
	// Typing afterwards: a new cell, acknowledged as saved within seconds.
	seq = w.send(map[string]any{"type": "edit", "edits": []map[string]any{
		{"op": "insert", "cellId": "typed-later", "index": 1, "cellType": "markdown", "source": "Notes typed *after* the run"}}})
	ack := w.await("insert ack", func(m map[string]any) bool { return m["type"] == "ack" && num(m["seq"]) == seq })
	version := num(ack["version"])
	start := time.Now()
	w.await("saved", func(m map[string]any) bool { return m["type"] == "saved" && num(m["version"]) >= version })
	t.Logf("edit acknowledged as saved after %v", time.Since(start).Round(time.Millisecond))

	// More typing, not waited for: the kill lands in the middle of it,
	// perhaps in the middle of a save. The file must still be whole.
	for i := range 20 {
		w.send(map[string]any{"type": "edit", "edits": []map[string]any{
			{"op": "source", "cellId": "typed-later", "source": fmt.Sprintf("Notes typed *after* the run, take %d", i)}}})
		time.Sleep(time.Duration(i%4) * 15 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: nothing runs after it
		t.Fatal(err)
	}
	killed = true
	_ = cmd.Wait()

	nb, err := notebook.Load(filepath.Join(dir, workspace.NotebooksDir, "Crash.ipynb"))
	if err != nil {
		t.Fatalf("after kill -9: %v", err)
	}
	if len(nb.Cells) != 2 || nb.Cells[0].Source != query || !strings.HasPrefix(nb.Cells[1].Source, "Notes typed *after* the run") {
		t.Fatalf("after kill -9 the cells are %+v", nb.Cells)
	}
	c := nb.Cells[0]
	if c.ExecutionCount == nil || len(c.Outputs) != 1 || c.Outputs[0].Type != notebook.ExecuteResult {
		t.Fatalf("after kill -9 the executed cell has count %v, outputs %+v", c.ExecutionCount, c.Outputs)
	}
	html, _ := c.Outputs[0].Data["text/html"].(string)
	if !strings.Contains(html, "WS0") || !strings.Contains(html, "200") {
		t.Errorf("saved output lacks the result (WS0, 200 logons):\n%s", html)
	}
	left, _ := filepath.Glob(filepath.Join(dir, workspace.NotebooksDir, "*.ipynb"))
	if len(left) != 1 {
		t.Errorf("notebooks after kill -9: %v, want only Crash.ipynb", left)
	}
}

var serveURL = regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)

// readServeURL reads the server's address from its banner.
func readServeURL(t *testing.T, stdout interface{ Read([]byte) (int, error) }, stderr *bytes.Buffer) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u := serveURL.FindString(sc.Text()); u != "" {
				found <- strings.TrimSuffix(u, "/")
			}
		}
	}()
	select {
	case u := <-found:
		return u
	case <-time.After(60 * time.Second):
		t.Fatalf("the server printed no URL; stderr:\n%s", stderr.String())
		return ""
	}
}
