package syntax

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tokString renders tokens as "Kind:text" for comparison.
func tokString(toks []Token) string {
	var parts []string
	for _, t := range toks {
		if t.Kind == EOF {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s:%s", t.Kind, t.Text))
	}
	return strings.Join(parts, " ")
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"T | where x == 1", `identifier:T |:| identifier:where identifier:x ==:== number:1`},
		{"a!=b<>c<=d>=e=~f!~g=>h", `identifier:a !=:!= identifier:b <>:<> identifier:c <=:<= identifier:d >=:>= identifier:e =~:=~ identifier:f !~:!~ identifier:g =>:=> identifier:h`},
		{"1..5", `number:1 ..:.. number:5`},
		{"1.5 2. 1e3 1.5e-3 0x1F 12", `number:1.5 number:2. number:1e3 number:1.5e-3 number:0x1F number:12`},
		{"1d 1.5h 10ms 10microsecond 1tick 5min 2days", `timespan literal:1d timespan literal:1.5h timespan literal:10ms timespan literal:10microsecond timespan literal:1tick timespan literal:5min timespan literal:2days`},
		{"1st_col 1x", `identifier:1st_col identifier:1x`},
		{"project-away mv-expand make-series top-nested graph-match", `identifier:project-away identifier:mv-expand identifier:make-series identifier:top-nested identifier:graph-match`},
		{"project - away project-awayx", `identifier:project -:- identifier:away identifier:project -:- identifier:awayx`},
		{"hint.strategy=shuffle x.hint.y", `identifier:hint.strategy =:= identifier:shuffle identifier:x .:. identifier:hint .:. identifier:y`},
		{"a in~ (b) !in~ !in !has !contains_cs !between !x", `identifier:a identifier:in~ (:( identifier:b ):) identifier:!in~ identifier:!in identifier:!has identifier:!contains_cs identifier:!between !:! identifier:x`},
		{"a matches  regex b", `identifier:a identifier:matches regex identifier:b`},
		{"true False TRUE truex", `bool literal:true bool literal:False bool literal:TRUE identifier:truex`},
		{"datetime(2020-01-01 10:00) int(null) guid(x) datetime (1)", `literal:datetime(2020-01-01 10:00) literal:int(null) literal:guid(x) identifier:datetime (:( number:1 ):)`},
		{`'a' "b" @'c' @"d""e" h'f' H"g" h@'i'`, `string literal:'a' string literal:"b" string literal:@'c' string literal:@"d""e" string literal:h'f' string literal:H"g" string literal:h@'i'`},
		{"```multi\nline```", "string literal:```multi\nline```"},
		{`'a\'b' "c\"d"`, `string literal:'a\'b' string literal:"c\"d"`},
		{"$left.a ['x y']", `identifier:$left .:. identifier:a [:[ string literal:'x y' ]:]`},
		{"x // comment\ny", `identifier:x comment:// comment identifier:y`},
		{"naïve été", `identifier:naïve identifier:été`},
	}
	for _, tc := range tests {
		toks, errs := Tokenize(tc.in)
		if len(errs) > 0 {
			t.Errorf("Tokenize(%q): %v", tc.in, errs)
		}
		if diff := cmp.Diff(tc.want, tokString(toks)); diff != "" {
			t.Errorf("Tokenize(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestTokenizeErrors(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		atEOF   bool
		illegal string
	}{
		{"'abc", "1:5: string literal not terminated", false, "'abc"},
		{"\"a\nb", "1:3: string literal not terminated (use ``` for a multi-line string)", false, "\"a"},
		{"```abc", "1:7: multi-line string literal not terminated: expected ```", true, "```abc"},
		{"datetime(2020", `1:14: expected ")" to close datetime literal`, true, "datetime(2020"},
		{"#", `1:1: unexpected character "#"`, false, "#"},
	}
	for _, tc := range tests {
		toks, errs := Tokenize(tc.in)
		if len(errs) != 1 {
			t.Fatalf("Tokenize(%q): got %d errors, want 1", tc.in, len(errs))
		}
		if errs[0].Error() != tc.want || errs[0].AtEOF != tc.atEOF {
			t.Errorf("Tokenize(%q) error = %q (atEOF %v), want %q (atEOF %v)", tc.in, errs[0], errs[0].AtEOF, tc.want, tc.atEOF)
		}
		if toks[0].Kind != Illegal || toks[0].Text != tc.illegal {
			t.Errorf("Tokenize(%q) first token = %v %q, want illegal %q", tc.in, toks[0].Kind, toks[0].Text, tc.illegal)
		}
	}
}

func TestSpansCoverSource(t *testing.T) {
	src := "let x = 1; T | where a has 'b' // c\n| take x"
	toks, _ := Tokenize(src)
	for _, tk := range toks {
		if tk.Kind == EOF || tk.Text == "matches regex" {
			continue
		}
		if got := src[tk.Span.Start:tk.Span.End]; got != tk.Text {
			t.Errorf("token %v: span text %q != token text %q", tk.Kind, got, tk.Text)
		}
	}
}

func TestLineIndex(t *testing.T) {
	src := "ab\ncdé\n\nx"
	idx := NewLineIndex(src)
	tests := []struct {
		off  int
		want Position
	}{
		{0, Position{1, 1}}, {2, Position{1, 3}}, {3, Position{2, 1}}, {7, Position{2, 4}},
		{8, Position{3, 1}}, {9, Position{4, 1}}, {100, Position{4, 2}}, {-1, Position{1, 1}},
	}
	for _, tc := range tests {
		if got := idx.Position(tc.off); got != tc.want {
			t.Errorf("Position(%d) = %v, want %v", tc.off, got, tc.want)
		}
		if tc.off >= 0 && tc.off <= len(src) {
			if back := idx.Offset(tc.want); back != tc.off {
				t.Errorf("Offset(%v) = %d, want %d", tc.want, back, tc.off)
			}
		}
	}
}

func TestIsKeyword(t *testing.T) {
	for _, w := range []string{"where", "project-away", "by", "has", "!in~", "datetime", "true", "mv-expand", "summarize"} {
		if !IsKeyword(w) {
			t.Errorf("IsKeyword(%q) = false", w)
		}
	}
	for _, w := range []string{"Computer", "TimeGenerated", "x", "strcat"} {
		if IsKeyword(w) {
			t.Errorf("IsKeyword(%q) = true", w)
		}
	}
}
