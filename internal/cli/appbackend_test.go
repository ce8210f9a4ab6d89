package cli

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/huntbook/huntbook/demo"
	"github.com/huntbook/huntbook/internal/app"
	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/workspace"
)

// demoEnd is the end of the test demo data; the demo notebooks must not
// depend on it (they never read the clock).
var demoEnd = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

var sharedDemo struct {
	once sync.Once
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	runChildIfAsked()
	code := m.Run()
	if sharedDemo.dir != "" {
		os.RemoveAll(filepath.Dir(sharedDemo.dir))
	}
	os.Exit(code)
}

// testDemoWorkspace generates a small demo workspace once for the package's
// tests (a week, 100k events: every story is in it) and returns its
// directory, shared: callers must not change its tables.
func testDemoWorkspace(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("generates a demo workspace (about 10 s)")
	}
	sharedDemo.once.Do(func() {
		base, err := os.MkdirTemp("", "huntbook-cli-demo-")
		if err != nil {
			sharedDemo.err = err
			return
		}
		sharedDemo.dir = filepath.Join(base, "demo")
		_, sharedDemo.err = generateDemo(context.Background(), sharedDemo.dir,
			demo.Config{Seed: 1, Days: 7, Events: 100_000, End: demoEnd})
	})
	if sharedDemo.err != nil {
		t.Fatalf("demo workspace: %v", sharedDemo.err)
	}
	return sharedDemo.dir
}

// eventLog collects a session's events for a test.
type eventLog struct {
	mu     sync.Mutex
	events []server.Event
	signal chan struct{}
}

func newEventLog() *eventLog { return &eventLog{signal: make(chan struct{}, 1)} }

func (l *eventLog) add(e server.Event) {
	l.mu.Lock()
	l.events = append(l.events, e)
	l.mu.Unlock()
	select {
	case l.signal <- struct{}{}:
	default:
	}
}

// final waits until every cell has a final status and returns those events.
func (l *eventLog) final(t *testing.T, cells []string, timeout time.Duration) map[string]server.Event {
	t.Helper()
	deadline := time.After(timeout)
	for {
		l.mu.Lock()
		got := map[string]server.Event{}
		for _, e := range l.events {
			if e.Type == server.EventStatus && (e.Status == server.StatusDone || e.Status == server.StatusError || e.Status == server.StatusInterrupted) {
				got[e.CellID] = e
			}
		}
		l.mu.Unlock()
		if len(got) >= len(cells) {
			return got
		}
		select {
		case <-l.signal:
		case <-deadline:
			t.Fatalf("cells not finished after %s: %d of %d", timeout, len(got), len(cells))
		}
	}
}

// TestDemoNotebooksRun runs every cell of every demo notebook, top to
// bottom as Run all does, on a generated demo workspace and requires no
// error and a result from every query cell.
func TestDemoNotebooksRun(t *testing.T) {
	dir := testDemoWorkspace(t)
	ctx := context.Background()
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	b, err := app.NewBackend(ws, app.BackendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close(ctx)
	list, err := b.Notebooks(ctx)
	if err != nil || len(list) < 2 {
		t.Fatalf("notebooks %v, %v", list, err)
	}
	for _, info := range list {
		if !info.Demo {
			continue
		}
		t.Run(info.Name, func(t *testing.T) {
			log := newEventLog()
			s, err := b.Open(ctx, info.ID, log.add)
			if err != nil {
				t.Fatal(err)
			}
			snap, err := s.Snapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			code := map[string]string{}
			for _, c := range snap.Cells {
				ids = append(ids, c.ID)
				if c.Type == notebook.Code {
					code[c.ID] = c.Source
				}
			}
			if err := s.Execute(ctx, ids); err != nil {
				t.Fatal(err)
			}
			final := log.final(t, ids, 5*time.Minute)
			for _, id := range ids {
				e := final[id]
				if e.Status != server.StatusDone {
					msg := ""
					if len(e.Outputs) > 0 && e.Outputs[0].Error != nil {
						msg = e.Outputs[0].Error.Message
					}
					t.Errorf("cell %s: %s: %s\n%s", id, e.Status, msg, code[id])
					continue
				}
				if src, ok := code[id]; ok && e.Rows == 0 && len(e.Outputs) > 0 {
					t.Errorf("cell %s found nothing in the demo data:\n%s", id, src)
				}
			}
		})
	}
}

// TestServeDemoInstallsMissingNotebooks: serving a demo workspace whose
// notebooks folder is empty (made before the demo notebooks existed) adds
// them; one with notebooks is left as it is.
func TestServeDemoInstallsMissingNotebooks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	ctx := context.Background()
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	ws.Close()
	t.Setenv("HUNTBOOK_DEMO_DIR", dir)
	if _, err := ensureDemoWorkspace(ctx, ServeConfig{Demo: true}); err != nil {
		t.Fatal(err)
	}
	nbDir := filepath.Join(dir, workspace.NotebooksDir)
	have, _ := filepath.Glob(filepath.Join(nbDir, "*.ipynb"))
	if len(have) < 3 {
		t.Fatalf("demo notebooks after serve --demo: %v", have)
	}
	if err := os.Remove(have[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := ensureDemoWorkspace(ctx, ServeConfig{Demo: true}); err != nil {
		t.Fatal(err)
	}
	if again, _ := filepath.Glob(filepath.Join(nbDir, "*.ipynb")); len(again) != len(have)-1 {
		t.Errorf("a deleted demo notebook came back: %v", again)
	}
}
