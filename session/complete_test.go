package session_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/session"
)

func TestComplete(t *testing.T) {
	s := newSession(t)
	rowsOf(t, s, "let limitN = 3; let recent = Events | where Count > 8;", "Events | take 1 | as one")
	tests := []struct {
		name string
		src  string // | marks the cursor
		want []string
		kind string
		none []string
	}{
		{"operator after pipe", "Events | su‸", []string{"summarize"}, session.KindOperator, nil},
		{"hyphenated operator", "Events | project-a‸", []string{"project-away"}, session.KindOperator, nil},
		{"table at start", "Ev‸", []string{"Events"}, session.KindTable, nil},
		{"bound table at start", "rec‸", []string{"recent"}, session.KindResult, nil},
		{"named result at start", "on‸", []string{"one"}, session.KindResult, nil},
		{"column after where", "Events | where Us‸", []string{"User"}, session.KindColumn, nil},
		{"column of extend", "Events | extend Doubled = Count * 2 | where Dou‸", []string{"Doubled"}, session.KindColumn, nil},
		{"column of project", "Events | project Host | where ‸", []string{"Host"}, session.KindColumn, []string{"User"}},
		{"column in second statement", "let x = 1; Events | summarize n = count() by User | where n‸", []string{"n"}, session.KindColumn, nil},
		{"column of cell let", "let y = Events | project Host, Count; y | where Co‸", []string{"Count"}, session.KindColumn, nil},
		{"column inside join subquery", "Events | join (Events | project H2 = Host | where H‸", []string{"H2"}, session.KindColumn, []string{"Host"}},
		{"scalar let", "Events | take lim‸", []string{"limitN"}, session.KindVariable, nil},
		{"function", "Events | extend x = tolow‸", []string{"tolower"}, session.KindFunction, nil},
		{"table after join", "Events | join kind=inner Ev‸", []string{"Events"}, session.KindTable, nil},
		{"inside a string", "Events | where User == \"Us‸", nil, "", []string{"User", "Events"}},
		{"inside a comment", "Events // where Us‸", nil, "", []string{"User", "Events"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cursor := strings.Index(tt.src, "‸")
			src := strings.Replace(tt.src, "‸", "", 1)
			c, err := s.Complete(context.Background(), src, cursor)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, it := range c.Items {
				got[it.Label] = it.Kind
			}
			for _, w := range tt.want {
				if got[w] != tt.kind {
					t.Errorf("%q: kind %q, want %q (items %v)", w, got[w], tt.kind, c.Items)
				}
			}
			for _, n := range tt.none {
				if _, ok := got[n]; ok {
					t.Errorf("%q offered", n)
				}
			}
			word := src[c.Start:c.End]
			if !strings.HasSuffix(src[:cursor], word) {
				t.Errorf("replaced range %d:%d (%q) is not the word before the cursor", c.Start, c.End, word)
			}
		})
	}
}

func TestDiagnose(t *testing.T) {
	s := newSession(t)
	rowsOf(t, s, "let known = 1;")
	tests := []struct {
		name string
		src  string
		want []session.Diagnostic
	}{
		{"clean", "Events | where Count > known", nil},
		{"syntax", "Events | where (Count > 1", []session.Diagnostic{
			{Start: 25, End: 25, Line: 1, Column: 26, Message: `expected ")", found end of input`}}},
		{"unknown column", "Events\n| where Cuont > 1", []session.Diagnostic{
			{Start: 15, End: 20, Line: 2, Column: 9, Message: "unknown column 'Cuont'"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Diagnose(context.Background(), tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestInspect(t *testing.T) {
	s := newSession(t)
	rowsOf(t, s, "let k = 42; let f = (n: long) { n + 1 };", "Events | take 3 | as three")
	tests := []struct {
		src    string
		cursor int
		want   string // a line of the description
	}{
		{"Events | take 1", 2, "Events: table, 12 rows"},
		{"Events | take 1", 2, "  User: string"},
		{"three", 5, "three: result, 3 rows, from execution 2"},
		{"print k", 6, "k: long = 42 (let)"},
		{"print f(1)", 6, "f: function (let)"},
		{"print tolower('A')", 8, "  tolower(string)"},
		{"Events | summarize", 12, "summarize: tabular operator"},
	}
	for _, tt := range tests {
		got, found, err := s.Inspect(context.Background(), tt.src, tt.cursor)
		if err != nil || !found || !strings.Contains(got, tt.want) {
			t.Errorf("Inspect(%q, %d) = %q, %v, %v; want a line %q", tt.src, tt.cursor, got, found, err, tt.want)
		}
	}
	if _, found, _ := s.Inspect(context.Background(), "nothing_here", 3); found {
		t.Error("unknown word found")
	}
}
