package demo

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGenerateConcurrentSameTables: each table's sink receives exactly the
// table Generate gives, and the stats agree.
func TestGenerateConcurrentSameTables(t *testing.T) {
	cfg := Config{Seed: 3, End: testEnd, Days: 7, Events: 20_000, Compact: true}
	want := newMemSink()
	wantSt, err := Generate(context.Background(), cfg, want)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	got := map[string]*memSink{}
	var order []string
	gotSt, err := GenerateConcurrent(context.Background(), cfg, 3, func(name string) Sink {
		mu.Lock()
		defer mu.Unlock()
		s := newMemSink()
		got[name] = s
		order = append(order, name)
		return s
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantSt, gotSt); diff != "" {
		t.Errorf("stats (-Generate +GenerateConcurrent):\n%s", diff)
	}
	if diff := cmp.Diff(want.order, order); diff != "" {
		t.Errorf("sinkFor order (-want +got):\n%s", diff)
	}
	for _, name := range want.order {
		s := got[name]
		if s == nil || len(s.order) != 1 || s.order[0] != name {
			t.Errorf("%s: its sink got tables %v", name, s.order)
			continue
		}
		if diff := cmp.Diff(want.tables[name], s.tables[name]); diff != "" {
			t.Errorf("%s (-Generate +GenerateConcurrent):\n%s", name, diff)
		}
	}
}

// failSink fails on its table's nth row.
type failSink struct {
	memSink
	n int
}

var errSinkFull = errors.New("sink full")

func (s *failSink) AppendRow(row []any) error {
	if s.n--; s.n == 0 {
		return errSinkFull
	}
	return s.memSink.AppendRow(row)
}

// TestGenerateConcurrentFails: a sink's error ends the run with that error
// (not the cancellation it causes in the other tables), and no sink is in
// use once GenerateConcurrent returns.
func TestGenerateConcurrentFails(t *testing.T) {
	cfg := Config{Seed: 3, End: testEnd, Days: 7, Events: 20_000, Compact: true}
	var mu sync.Mutex
	var sinks []*failSink
	_, err := GenerateConcurrent(context.Background(), cfg, 2, func(name string) Sink {
		mu.Lock()
		defer mu.Unlock()
		s := &failSink{memSink: *newMemSink(), n: -1}
		if len(sinks) == 1 { // the second table fails early
			s.n = 10
		}
		sinks = append(sinks, s)
		return s
	})
	if !errors.Is(err, errSinkFull) {
		t.Fatalf("error %v, want %v", err, errSinkFull)
	}
	if n := len(newTableCols().specs()); len(sinks) >= n {
		t.Errorf("the run went on to every table (%d) after a failure", n)
	}
}
