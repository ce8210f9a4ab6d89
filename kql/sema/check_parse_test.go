package sema

import (
	"testing"

	"github.com/huntbook/huntbook/table"
)

func TestParsePattern(t *testing.T) {
	str := func(n string) ParsePart { return ParsePart{Col: &table.Column{Name: n, Type: table.String}} }
	long := func(n string) ParsePart { return ParsePart{Col: &table.Column{Name: n, Type: table.Long}} }
	text := func(s string) ParsePart { return ParsePart{Text: s} }
	star := ParsePart{Wildcard: true}
	tests := []struct {
		name   string
		p      Parse
		want   string
		groups []int
	}{
		{"simple, last column takes the rest", Parse{Parts: []ParsePart{star, text("a.b="), str("x")}},
			`(?s)^.*?a\.b=(?P<__c0>.*?)$`, []int{1}},
		{"simple, typed, trailing text", Parse{Parts: []ParsePart{text("n="), long("n"), text(";"), star}},
			`(?s)^n=(?P<__c0>-?\d+);.*?`, []int{1}},
		{"relaxed falls back to any text", Parse{Kind: ParseRelaxed, Parts: []ParsePart{text("n="), long("n"), text(";")}},
			`(?s)^n=(?P<__c0>-?\d+|.*?);`, []int{1}},
		{"regex keeps user groups, flags", Parse{Kind: ParseRegex, Flags: "i", Parts: []ParsePart{text("(a|b)="), str("v"), text(`\)`)}},
			`(?i)(?:(a|b)=)(?P<__c0>.*)(?:\))`, []int{2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			re, groups := tc.p.Regex()
			if re != tc.want {
				t.Errorf("regex = %s, want %s", re, tc.want)
			}
			if len(groups) != len(tc.groups) || groups[0] != tc.groups[0] {
				t.Errorf("groups = %v, want %v", groups, tc.groups)
			}
		})
	}
}
