package session_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/session"
	"github.com/huntbook/huntbook/session/sessiontest"
	"github.com/huntbook/huntbook/table"
)

func newSessionWith(t *testing.T, opts session.Options) *session.Session {
	t.Helper()
	opts.Now = sessiontest.Now
	s, err := session.New(sessiontest.Workspace(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestResultSetLimit(t *testing.T) {
	tests := []struct {
		name    string
		limit   int64 // Options.TruncationMaxRecords
		cell    string
		rows    int64
		limited bool
		first   string // first value of the result's last row read with Page
	}{
		{"under the limit", 10, "range x from 1 to 10 step 1", 10, false, "10"},
		{"over the limit", 10, "range x from 1 to 25 step 1", 10, true, "10"},
		{"order is kept", 3, "range x from 1 to 9 step 1 | sort by x desc", 3, true, "7"},
		{"set truncationmaxrecords", 10, "set truncationmaxrecords = 4;\nrange x from 1 to 25 step 1", 4, true, "4"},
		{"set truncationmaxrecords above", 10, "set truncationmaxrecords = 100; range x from 1 to 25 step 1", 25, false, "25"},
		{"set notruncation", 10, "set notruncation;\nrange x from 1 to 25 step 1", 25, false, "25"},
		{"set notruncation = false", 10, "set notruncation = false; range x from 1 to 25 step 1", 10, true, "10"},
		{"named and rendered", 5, "range x from 1 to 25 step 1 | as xs | render linechart", 5, true, "5"},
		{"no limit", -1, "range x from 1 to 25 step 1", 25, false, "25"},
		{"other set statements", 10, "set query_now = datetime(2024-01-01); range x from 1 to 3 step 1", 3, false, "3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSessionWith(t, session.Options{TruncationMaxRecords: tt.limit, MaxRows: 1000})
			e, err := s.Execute(context.Background(), tt.cell)
			if err != nil {
				t.Fatal(err)
			}
			if e.Rows != tt.rows || e.Limited != tt.limited || int64(len(e.Table.Rows)) != tt.rows {
				t.Fatalf("rows %d (table %d), limited %v; want %d, %v", e.Rows, len(e.Table.Rows), e.Limited, tt.rows, tt.limited)
			}
			warned := strings.Contains(strings.Join(e.Warnings, "\n"), "set notruncation;")
			if warned != tt.limited {
				t.Errorf("warnings %q, want a truncation warning: %v", e.Warnings, tt.limited)
			}
			page, err := s.Page(context.Background(), e, 0, 1000)
			if err != nil {
				t.Fatal(err)
			}
			if int64(len(page.Rows)) != tt.rows {
				t.Fatalf("stored rows %d, want %d", len(page.Rows), tt.rows)
			}
			if got := table.FormatValue(page.Rows[len(page.Rows)-1][0]); got != tt.first {
				t.Errorf("last stored row %s, want %s", got, tt.first)
			}
			count, err := s.Execute(context.Background(), "_ | count")
			if err != nil {
				t.Fatal(err)
			}
			if got := count.Table.Rows[0][0]; got != tt.rows {
				t.Errorf("_ | count = %v, want %d", got, tt.rows)
			}
		})
	}
}

func TestResultSetLimitWarningText(t *testing.T) {
	s := newSession(t)
	e, err := s.Execute(context.Background(), "range x from 1 to 500001 step 1")
	if err != nil {
		t.Fatal(err)
	}
	want := "the result was truncated to 500,000 rows (the result-set limit); add `set truncationmaxrecords = N;` before the query to change the limit, or `set notruncation;` to remove it"
	if e.Rows != 500_000 || len(e.Warnings) != 1 || e.Warnings[0] != want {
		t.Errorf("rows %d, warnings %q", e.Rows, e.Warnings)
	}
}

func TestResultSetLimitErrors(t *testing.T) {
	tests := []struct {
		cell, pos, msg string
	}{
		{"set truncationmaxrecords = 'many'; Events", "1:28", "set truncationmaxrecords takes a whole number"},
		{"set truncationmaxrecords = -3; Events", "1:28", "set truncationmaxrecords takes a whole number"},
		{"set truncationmaxrecords; Events", "1:1", "set truncationmaxrecords takes a whole number"},
		{"set notruncation = 1; Events", "1:20", "set notruncation takes true or false"},
		{"set query_bin_auto_size; Events", "1:1", "set query_bin_auto_size needs a value"},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			s := newSessionWith(t, session.Options{TruncationMaxRecords: 2})
			_, err := s.Execute(context.Background(), tt.cell)
			var se *sema.Error
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T), want a *sema.Error", err, err)
			}
			if se.Pos.String() != tt.pos || !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("error %s: %s, want %s: ...%s...", se.Pos, se.Msg, tt.pos, tt.msg)
			}
		})
	}
}

// The editor underlines a bad request option before the cell runs.
func TestDiagnoseSetOptions(t *testing.T) {
	s := newSession(t)
	got, err := s.Diagnose(context.Background(), "set truncationmaxrecords = 'lots';\nEvents")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Line != 1 || got[0].Column != 28 || !strings.Contains(got[0].Message, "whole number") {
		t.Errorf("diagnostics %+v", got)
	}
	if got, _ := s.Diagnose(context.Background(), "set notruncation;\nEvents"); len(got) != 0 {
		t.Errorf("diagnostics of a valid cell %+v", got)
	}
}
