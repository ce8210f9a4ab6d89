package session_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/session"
)

func TestEviction(t *testing.T) {
	tests := []struct {
		name     string
		opts     session.Options
		cells    []string
		released []int // execution numbers whose results are released
		kept     []int
	}{
		{"keep the last two", session.Options{KeepResults: 2},
			[]string{"print 1", "print 2", "print 3", "print 4"}, []int{1, 2}, []int{3, 4}},
		{"named results stay", session.Options{KeepResults: 1},
			[]string{"print 1 | as one", "print 2", "print 3", "one | take 1"}, []int{2, 3}, []int{1, 4}},
		{"a renamed result becomes unnamed", session.Options{KeepResults: 1},
			[]string{"print 1 | as one", "print 2 | as one", "print 3"}, []int{1}, []int{2, 3}},
		{"row budget", session.Options{ResultRowBudget: 25},
			[]string{"range x from 1 to 10 step 1", "range x from 1 to 10 step 1", "range x from 1 to 10 step 1"}, []int{1}, []int{2, 3}},
		{"the last result stays over budget", session.Options{ResultRowBudget: 5},
			[]string{"range x from 1 to 10 step 1", "range x from 1 to 10 step 1"}, []int{1}, []int{2}},
		{"the last result stays through a let cell", session.Options{ResultRowBudget: 1},
			[]string{"range x from 1 to 10 step 1", "let a = 1;", "let b = 2;"}, nil, []int{1}},
		{"no limits", session.Options{KeepResults: -1, ResultRowBudget: -1},
			[]string{"print 1", "print 2", "print 3"}, nil, []int{1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSessionWith(t, tt.opts)
			for _, c := range tt.cells {
				if _, err := s.Execute(context.Background(), c); err != nil {
					t.Fatalf("%s: %v", c, err)
				}
			}
			byN := map[int]*session.Execution{}
			for _, e := range s.History() {
				byN[e.N] = e
			}
			for _, n := range tt.released {
				e := byN[n]
				if !s.Released(e) {
					t.Errorf("_%d not released", n)
				}
				_, err := s.Page(context.Background(), e, 0, 10)
				want := fmt.Sprintf("result _%d was released to save memory; re-run cell %d", n, n)
				if !errors.Is(err, session.ErrReleased) || err.Error() != want {
					t.Errorf("page of _%d: %v", n, err)
				}
				if slices.Contains(s.Names().Tables, fmt.Sprintf("_%d", n)) {
					t.Errorf("_%d still bound", n)
				}
			}
			for _, n := range tt.kept {
				if s.Released(byN[n]) {
					t.Errorf("_%d released", n)
				}
				if _, err := s.Page(context.Background(), byN[n], 0, 10); err != nil {
					t.Errorf("page of _%d: %v", n, err)
				}
				if !slices.Contains(s.Names().Tables, fmt.Sprintf("_%d", n)) {
					t.Errorf("_%d not bound: %v", n, s.Names().Tables)
				}
			}
		})
	}
}

// A query reading a released result gets an error naming it and saying what
// to do, with the caret on the name.
func TestReleasedResultInQuery(t *testing.T) {
	s := newSessionWith(t, session.Options{KeepResults: 1})
	for _, c := range []string{"print a = 1", "print a = 2", "print a = 3"} {
		if _, err := s.Execute(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.Execute(context.Background(), "print 0\n| join kind=inner (_1) on a")
	var se *sema.Error
	if !errors.As(err, &se) {
		t.Fatalf("error %v (%T), want a *sema.Error", err, err)
	}
	if se.Pos.String() != "2:20" || se.Msg != "result _1 was released to save memory; re-run cell 1" {
		t.Errorf("error %s: %s", se.Pos, se.Msg)
	}
	// A name that was never bound keeps the analyser's own error.
	_, err = s.Execute(context.Background(), "_99 | count")
	if err == nil || strings.Contains(err.Error(), "released") {
		t.Errorf("_99: %v", err)
	}
	// Restart forgets what was released along with everything else.
	if err := s.Restart(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Execute(context.Background(), "print 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Execute(context.Background(), "_1 | count"); err != nil {
		t.Errorf("_1 after restart: %v", err)
	}
}

// Released results leave the engine: the session holds at most KeepResults
// unnamed result tables however long the hunt.
func TestEvictionDropsTables(t *testing.T) {
	s := newSessionWith(t, session.Options{KeepResults: 3})
	for i := 0; i < 12; i++ {
		if _, err := s.Execute(context.Background(), fmt.Sprintf("range x from 1 to %d step 1", 100+i)); err != nil {
			t.Fatal(err)
		}
	}
	tables, err := s.Workspace().DB.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	results := 0
	for _, info := range tables {
		if info.Result && strings.HasPrefix(info.Name, "hb_"+s.ID()+"_") {
			results++
		}
	}
	if results != 3 {
		t.Errorf("%d result tables in the engine, want 3", results)
	}
}
