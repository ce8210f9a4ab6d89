package session

import (
	"testing"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
)

func TestTakeSplice(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Events", "Events | take 6"},
		{"Events | where x > 1 // note", "Events | where x > 1 | take 6 // note"},
		{"Events | as x", "Events | take 6 | as x"},
		{"Events | as x\n| render piechart", "Events | take 6 | as x\n| render piechart"},
		{"let a = 1;\nunion T, U | render table", "let a = 1;\nunion T, U | take 6 | render table"},
		{"let a = Events;", "let a = Events;"},
	}
	for _, tt := range tests {
		lim, err := cellLimit(tt.src, 5)
		if err != nil {
			t.Fatal(err)
		}
		if got := lim.text(tt.src); got != tt.want {
			t.Errorf("%q: spliced %q, want %q", tt.src, got, tt.want)
		}
	}
}

// An error the analyser reports after the splice points at the cell's own text.
func TestUnshiftError(t *testing.T) {
	src := "Events\n| as x | render piechart"
	lim, err := cellLimit(src, 5)
	if err != nil {
		t.Fatal(err)
	}
	spliced := lim.text(src)
	at := len(spliced) - len("piechart")
	in := &sema.Error{Span: syntax.Span{Start: at, End: len(spliced)}, Msg: "bad"}
	out := lim.unshift(in, src).(*sema.Error)
	if got := src[out.Span.Start:out.Span.End]; got != "piechart" || out.Pos.String() != "2:17" {
		t.Errorf("unshifted to %q at %s", got, out.Pos)
	}
	before := &sema.Error{Span: syntax.Span{Start: 0, End: 6}, Msg: "bad"}
	if lim.unshift(before, src) != before {
		t.Error("an error before the splice moved")
	}
}
