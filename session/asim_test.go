package session_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestAsimFunctionsInCells: the workspace catalog's stored functions (the
// ASIM parsers) are callable from cells, from functions earlier cells
// bound, and yield to a cell's own let of the same name. The test
// workspace holds none of their source tables, so they read as empty.
func TestAsimFunctionsInCells(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  [][]string
	}{
		{"as a table", []string{"imProcessCreate | count"}, [][]string{{"0"}}},
		{"called with parameters", []string{"_Im_Dns(domain_has_any=dynamic(['example.com']), starttime=ago(1d)) | count"}, [][]string{{"0"}}},
		{"from a function of an earlier cell", []string{
			"let spray = (n:long) { imAuthentication | where EventResult == 'Failure' | summarize Users = dcount(TargetUsername) by SrcIpAddr | where Users > n };",
			"spray(5) | count"}, [][]string{{"0"}}},
		{"a let of the same name wins", []string{"let imDns = Events | take 2;", "imDns | count"}, [][]string{{"2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t)
			if diff := cmp.Diff(tt.want, rowsOf(t, s, tt.cells...)); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
	s := newSession(t)
	_, err := s.Execute(context.Background(), "Events\n| join (imAuthentication(user='x')) on $left.User == $right.TargetUsername")
	if err == nil || !strings.Contains(err.Error(), "2:9: imAuthentication() has no parameter 'user'") {
		t.Errorf("error %v, want it positioned at the call", err)
	}
}

// TestCompleteOffersAsimFunctions: at the start of a query the stored
// functions are offered with the tables.
func TestCompleteOffersAsimFunctions(t *testing.T) {
	s := newSession(t)
	c, err := s.Complete(context.Background(), "imProc", 6)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range c.Items {
		got = append(got, it.Label+"/"+it.Kind)
	}
	for _, want := range []string{"imProcessCreate/function", "imProcess/function"} {
		if !strings.Contains(strings.Join(got, " "), want) {
			t.Errorf("completions %v lack %s", got, want)
		}
	}
}
