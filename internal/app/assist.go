package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/server"
	"github.com/huntbook/huntbook/session"
)

// Diagnose checks a cell's source, as typed, against the catalog and the
// session's bindings without running it.
func (s *Session) Diagnose(ctx context.Context, cellID, source string) ([]server.Diagnostic, error) {
	out := []server.Diagnostic{}
	if typ := s.CellType(cellID); strings.TrimSpace(source) == "" || typ != "" && typ != notebook.Code {
		return out, nil
	}
	diags, err := s.sess.Diagnose(ctx, source)
	if err != nil {
		return nil, err
	}
	for _, d := range diags {
		from := min(max(d.Start, 0), len(source))
		to := max(d.End, from+1)
		sev := "error"
		if d.Unsupported {
			sev = "warning"
		}
		out = append(out, server.Diagnostic{From: from, To: to, Severity: sev, Message: d.Message})
	}
	return out, nil
}

// Complete proposes what can be typed at the position: the session's
// answer (tables, columns of the pipeline's input, operators, functions,
// bound names and results).
func (s *Session) Complete(ctx context.Context, req server.CompletionRequest) (*server.Completions, error) {
	pos := min(max(req.Pos, 0), len(req.Source))
	for pos > 0 && pos < len(req.Source) && !utf8.RuneStart(req.Source[pos]) {
		pos--
	}
	c, err := s.sess.Complete(ctx, req.Source, pos)
	if err != nil {
		return nil, err
	}
	out := &server.Completions{From: c.Start, To: max(c.End, pos), Items: []server.Completion{}}
	for _, it := range c.Items {
		item := server.Completion{Label: it.Label, Kind: it.Kind, Detail: it.Detail, Insert: quoteName(it.Label, it.Kind)}
		if it.Kind == session.KindResult {
			item.Kind = "variable"
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// quoteName brackets a column name that is not an identifier.
func quoteName(name, kind string) string {
	if kind != session.KindColumn {
		return ""
	}
	for i := 0; i < len(name); i++ {
		if !isWordByte(name[i]) {
			return "['" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(name) + "']"
		}
	}
	return ""
}
