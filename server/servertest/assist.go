package servertest

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/huntbook/huntbook/server"
)

var operators = []string{"where", "take", "limit", "project", "sort", "order", "summarize", "render", "extend", "join", "count"}
var functions = []string{"count()", "ago()", "bin()", "now()", "tostring()", "parse_json()"}

// Complete proposes tables at the start, operators after a pipe, and
// columns and functions elsewhere.
func (s *Session) Complete(ctx context.Context, req server.CompletionRequest) (*server.Completions, error) {
	src := req.Source[:min(max(req.Pos, 0), len(req.Source))]
	from := len(src)
	for from > 0 && isWordByte(src[from-1]) {
		from--
	}
	out := &server.Completions{From: from, To: req.Pos}
	before := strings.TrimRight(src[:from], " \t\r\n")
	tabs, list := s.b.tabs.get()
	switch {
	case before == "":
		for _, name := range list {
			out.Items = append(out.Items, server.Completion{Label: name, Kind: "table", Detail: fmt.Sprintf("%d rows", len(tabs[name].Rows))})
		}
	case strings.HasSuffix(before, "|"):
		for _, op := range operators {
			out.Items = append(out.Items, server.Completion{Label: op, Kind: "operator"})
		}
	default:
		first := strings.Fields(splitPipeline(req.Source)[0].text)
		if len(first) > 0 && tabs[first[0]] != nil {
			for _, c := range tabs[first[0]].Columns {
				out.Items = append(out.Items, server.Completion{Label: c.Name, Kind: "column", Detail: c.Type.String(), Insert: quoteName(c.Name)})
			}
		}
		for _, f := range functions {
			out.Items = append(out.Items, server.Completion{Label: strings.TrimSuffix(f, "()"), Kind: "function", Detail: f, Insert: f})
		}
	}
	return out, nil
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func quoteName(name string) string {
	for i := 0; i < len(name); i++ {
		if !isWordByte(name[i]) {
			return "['" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(name) + "']"
		}
	}
	return ""
}

// Diagnose checks the table name and the operators.
func (s *Session) Diagnose(ctx context.Context, cellID, source string) ([]server.Diagnostic, error) {
	tabs, _ := s.b.tabs.get()
	var out []server.Diagnostic
	segs := splitPipeline(source)
	for i, seg := range segs {
		seg = seg.trimmed()
		word := ""
		if f := strings.Fields(seg.text); len(f) > 0 {
			word = f[0]
		}
		switch {
		case word == "":
			if i > 0 || len(segs) > 1 {
				out = append(out, server.Diagnostic{From: seg.off, To: seg.off + 1, Severity: "error", Message: "expected an operator"})
			}
		case i == 0 && tabs[word] == nil:
			out = append(out, server.Diagnostic{From: seg.off, To: seg.off + len(word), Severity: "error", Message: fmt.Sprintf("unknown table %q", word)})
		case i > 0 && !slices.Contains(operators, word) && word != "sleep":
			out = append(out, server.Diagnostic{From: seg.off, To: seg.off + len(word), Severity: "error", Message: fmt.Sprintf("unknown operator %q", word)})
		}
	}
	return out, nil
}
