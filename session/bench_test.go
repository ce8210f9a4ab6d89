package session_test

import (
	"context"
	"testing"

	"github.com/huntbook/huntbook/session"
	"github.com/huntbook/huntbook/session/sessiontest"
)

// The aggregation a hunt would bind with a tabular let: heavy enough that
// recomputing it per cell shows.
const heavy = "range x from 1 to 3000000 step 1 | extend k = x % 1000 | summarize c = count(), s = sum(x) by k"

// BenchmarkReuseTabularLet reads a tabular let bound by an earlier cell
// (materialised once), next to BenchmarkRecomputeQuery, which runs the
// same query inline in every cell.
//
//	go test ./session -run - -bench 'TabularLet|Recompute' -benchtime 20x
func BenchmarkReuseTabularLet(b *testing.B) {
	s := benchSession(b)
	if _, err := s.Execute(context.Background(), "let agg = "+heavy+";"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Execute(context.Background(), "agg | where c > 0 | summarize sum(s)"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRecomputeQuery(b *testing.B) {
	s := benchSession(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Execute(context.Background(), heavy+" | where c > 0 | summarize sum(s)"); err != nil {
			b.Fatal(err)
		}
	}
}

func benchSession(b *testing.B) *session.Session {
	ws := sessiontest.Workspace(b)
	s, err := session.New(ws, session.Options{Now: sessiontest.Now, JournalPath: "-"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}
