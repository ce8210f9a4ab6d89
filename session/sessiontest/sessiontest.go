// Package sessiontest builds the small workspace the tests of session, its
// adapters and the commands over it share: one table, Events, whose rows
// are fixed so tests can state exact results.
package sessiontest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace"
)

// Base is the time of the first event; event i is i hours later.
var Base = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)

// Now is a clock for sessions over the test workspace: a day after Base.
func Now() time.Time { return Base.Add(24 * time.Hour) }

// Users are the accounts of the events, in turn: event i belongs to
// Users[i%3].
var Users = []string{"alice", "bob", "carol"}

// EventCount is the number of rows of Events.
const EventCount = 12

// EventColumns is the schema of Events.
var EventColumns = []table.Column{
	{Name: "TimeGenerated", Type: table.DateTime},
	{Name: "User", Type: table.String},
	{Name: "Count", Type: table.Long},
	{Name: "Host", Type: table.String},
}

// Create makes a workspace in dir (created) holding Events: event i has
// TimeGenerated Base+i h, User Users[i%3], Count i, Host "host-(i%2)".
func Create(ctx context.Context, dir string) error {
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{Create: true})
	if err != nil {
		return err
	}
	rows := func(yield func([]any, error) bool) {
		for i := 0; i < EventCount; i++ {
			row := []any{Base.Add(time.Duration(i) * time.Hour), Users[i%3], int64(i), fmt.Sprintf("host-%d", i%2)}
			if !yield(row, nil) {
				return
			}
		}
	}
	if _, err := ws.DB.Load(ctx, "Events", EventColumns, engine.Create, rows); err != nil {
		ws.Close()
		return err
	}
	return ws.Close()
}

// Workspace creates the test workspace in a temporary directory, opens it
// and closes it when the test ends.
func Workspace(t testing.TB) *workspace.Workspace {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ws")
	if err := Create(ctx, dir); err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Open(ctx, dir, workspace.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}
