package app

import (
	"context"
	"errors"
	"strings"

	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/server"
)

// tabularOperators are proposed after a pipe.
var tabularOperators = []string{"where", "project", "project-away", "project-rename", "project-reorder", "extend",
	"summarize", "sort by", "order by", "top", "take", "limit", "count", "distinct", "render", "serialize",
	"join", "union", "lookup", "mv-expand", "parse", "make-series", "evaluate", "as", "getschema", "sample"}

// Diagnose checks a cell's source against the catalog and the session's
// let bindings, as typed, without running it.
func (s *Session) Diagnose(ctx context.Context, cellID, source string) ([]server.Diagnostic, error) {
	s.mu.Lock()
	env := s.env
	s.mu.Unlock()
	out := []server.Diagnostic{}
	if strings.TrimSpace(source) == "" {
		return out, nil
	}
	_, err := s.b.x.Compile(ctx, source, env, exec.RunOptions{Now: s.b.opts.Now})
	if err == nil {
		return out, nil
	}
	var list syntax.ErrorList
	var one *syntax.Error
	var se *sema.Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			out = append(out, diagnostic(e.Span, e.Msg, len(source)))
		}
	case errors.As(err, &one):
		out = append(out, diagnostic(one.Span, one.Msg, len(source)))
	case errors.As(err, &se):
		out = append(out, diagnostic(se.Span, se.Msg, len(source)))
	default:
		return nil, err // the engine failed, not the query
	}
	return out, nil
}

func diagnostic(sp syntax.Span, msg string, n int) server.Diagnostic {
	from := min(max(sp.Start, 0), n)
	to := min(max(sp.End, from+1), max(n, from+1))
	return server.Diagnostic{From: from, To: to, Severity: "error", Message: msg}
}

// Complete proposes, at the start of a statement, the workspace's tables
// and the session's names; after a pipe, the tabular operators; elsewhere
// the columns of the tables the cell names, the let names and functions.
func (s *Session) Complete(ctx context.Context, req server.CompletionRequest) (*server.Completions, error) {
	pos := min(max(req.Pos, 0), len(req.Source))
	src := req.Source[:pos]
	from := pos
	for from > 0 && isWordByte(src[from-1]) {
		from--
	}
	out := &server.Completions{From: from, To: pos, Items: []server.Completion{}}
	before := strings.TrimRight(src[:from], " \t\r\n")
	info, err := s.b.Workspace(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	scalars, tables, funcs := s.env.Names()
	s.mu.Unlock()
	switch {
	case before == "" || strings.HasSuffix(before, ";"):
		for _, t := range info.Tables {
			out.Items = append(out.Items, server.Completion{Label: t.Name, Kind: "table", Detail: t.Description})
		}
		for _, n := range tables {
			out.Items = append(out.Items, server.Completion{Label: n, Kind: "variable", Detail: "let (table)"})
		}
		out.Items = append(out.Items, server.Completion{Label: "let", Kind: "keyword"}, server.Completion{Label: "print", Kind: "keyword"})
	case strings.HasSuffix(before, "|"):
		for _, op := range tabularOperators {
			out.Items = append(out.Items, server.Completion{Label: op, Kind: "operator"})
		}
	default:
		out.Items = append(out.Items, columnItems(info, req.Source)...)
		for _, n := range append(scalars, funcs...) {
			out.Items = append(out.Items, server.Completion{Label: n, Kind: "variable", Detail: "let"})
		}
		for _, f := range sema.Functions() {
			if isWordByte(f.Name[0]) {
				out.Items = append(out.Items, server.Completion{Label: f.Name, Kind: "function", Insert: f.Name + "()"})
			}
		}
	}
	return out, nil
}

// columnItems are the columns of every workspace table the source names.
func columnItems(info *server.WorkspaceInfo, src string) []server.Completion {
	var items []server.Completion
	seen := map[string]bool{}
	for _, t := range info.Tables {
		if !strings.Contains(src, t.Name) {
			continue
		}
		for _, c := range t.Columns {
			if seen[c.Name] {
				continue
			}
			seen[c.Name] = true
			items = append(items, server.Completion{Label: c.Name, Kind: "column", Detail: c.Type.String(), Insert: quoteName(c.Name)})
		}
	}
	return items
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// quoteName brackets a column name that is not an identifier.
func quoteName(name string) string {
	for i := 0; i < len(name); i++ {
		if !isWordByte(name[i]) {
			return "['" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(name) + "']"
		}
	}
	return ""
}
