package exec_test

import (
	"testing"

	"github.com/huntbook/huntbook/table"
)

// TestDocCellNormalisation pins the markdown artefacts the comparer
// removes, and that it still tells different values apart.
func TestDocCellNormalisation(t *testing.T) {
	tests := []struct {
		want string
		got  any
		typ  table.Type
		ok   bool
	}{
		{"`10`", 10.0, table.Real, true},
		{"`[\"prop1\",\"a1\"]`", []any{"prop1", "a1"}, table.Dynamic, true},
		{"`System.String`", "System.String", table.String, true},
		{"`11`", 10.0, table.Real, false},
		{"`a", "`a", table.String, true},
		{"PipelineScheduler<br>", "PipelineScheduler\n", table.String, true},
		{"[1,2]", []any{1.0, 3.0}, table.Dynamic, false},
	}
	for _, tc := range tests {
		if got := cellMatches(tc.want, tc.got, tc.typ); got != tc.ok {
			t.Errorf("cellMatches(%q, %v) = %v, want %v", tc.want, tc.got, got, tc.ok)
		}
	}
	names := map[string]string{
		`series\_periods\_validate\_y\_periods`: "series_periods_validate_y_periods",
		"`arr`":                                 "arr",
		" x ":                                   "x",
	}
	for in, want := range names {
		if got := cleanName(in); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", in, got, want)
		}
	}
}
