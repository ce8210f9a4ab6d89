package kqlfunc

import (
	"regexp"
	"testing"
)

// The examples of Kusto's string operators page plus boundary cases.
var termTests = []struct {
	op, haystack, needle string
	want                 bool
}{
	{"has", "North America", "america", true},
	{"has", "North America", "amer", false},
	{"has", "North America", "North America", true},
	{"has", "Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun", "c1db", true},
	{"has", "Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun", "KustoExplorer", false},
	{"has", "Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun", "4f9f-88ef", true},
	{"has", `C:\Windows\System32\cmd.exe /c whoami`, "cmd.exe", true},
	{"has", `C:\Windows\System32\cmd.exe /c whoami`, "md.exe", false},
	{"has", `C:\Windows\System32\cmd.exe /c whoami`, "WHOAMI", true},
	{"has", `C:\Windows\System32\cmd.exe /c whoami`, "/c", true},
	{"has", `C:\Windows\System32\cmd.exe /c whoami`, "\\system32\\", true},
	{"has", "user_name", "name", true}, // '_' is not a letter or digit
	{"has", "ÄBC-def", "äbc", true},
	{"has", "xÄBC", "äbc", true}, // 'Ä' is not an ASCII letter, so it starts no term of its own
	{"has", "aKelvin", "kelvin", false},
	{"has", "\u212Aelvin", "kelvin", false}, // Kelvin sign is not k
	{"has", "", "", true},
	{"has", "abc", "", true},
	{"has", "", "a", false},
	{"has_cs", "North America", "America", true},
	{"has_cs", "North America", "america", false},
	{"hasprefix", "North America", "ame", true},
	{"hasprefix", "North America", "orth", false},
	{"hasprefix_cs", "North America", "Ame", true},
	{"hasprefix_cs", "North America", "ame", false},
	{"hassuffix", "North America", "ica", true},
	{"hassuffix", "North America", "Amer", false},
	{"hassuffix_cs", "North America", "ica", true},
	{"hassuffix_cs", "North America", "ICA", false},
}

func TestTermMatch(t *testing.T) {
	for _, tt := range termTests {
		op, ok := LookupTermOp(tt.op)
		if !ok {
			t.Fatalf("no op %q", tt.op)
		}
		if got := op.Match(tt.haystack, tt.needle); got != tt.want {
			t.Errorf("%q %s %q = %v, want %v", tt.haystack, tt.op, tt.needle, got, tt.want)
		}
		re := regexp.MustCompile(op.Regex(tt.needle))
		if got := re.MatchString(tt.haystack); got != tt.want {
			t.Errorf("regex %s: %q %s %q = %v, want %v", re, tt.haystack, tt.op, tt.needle, got, tt.want)
		}
	}
}

func TestHasAnyAll(t *testing.T) {
	tests := []struct {
		haystack string
		needles  []string
		any, all bool
	}{
		{"this is an example", []string{"this", "example"}, true, true},
		{"this is an example", []string{"this", "examp"}, true, false},
		{"this is an example", []string{"his", "examp"}, false, false},
		{"anything", nil, false, true},
	}
	for _, tt := range tests {
		if got := HasAny(tt.haystack, tt.needles); got != tt.any {
			t.Errorf("HasAny(%q, %q) = %v", tt.haystack, tt.needles, got)
		}
		if got := HasAll(tt.haystack, tt.needles); got != tt.all {
			t.Errorf("HasAll(%q, %q) = %v", tt.haystack, tt.needles, got)
		}
		re := regexp.MustCompile(termOps["has"].AnyRegex(tt.needles))
		if got := re.MatchString(tt.haystack); got != tt.any {
			t.Errorf("AnyRegex %s on %q = %v", re, tt.haystack, got)
		}
	}
}

// FuzzTermRegex checks that the regex the SQL runs agrees with the Go
// definition for every operator.
func FuzzTermRegex(f *testing.F) {
	for _, tt := range termTests {
		f.Add(tt.haystack, tt.needle)
	}
	f.Fuzz(func(t *testing.T, haystack, needle string) {
		if !utf8Valid(haystack) || !utf8Valid(needle) {
			t.Skip() // DuckDB strings are valid UTF-8
		}
		for name, op := range termOps {
			want := op.Match(haystack, needle)
			re := regexp.MustCompile(op.Regex(needle))
			if got := re.MatchString(haystack); got != want {
				t.Fatalf("%q %s %q: Match %v, regex %s %v", haystack, name, needle, want, re, got)
			}
		}
	})
}
