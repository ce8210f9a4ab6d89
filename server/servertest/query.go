package servertest

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/huntbook/huntbook/table"
)

// The fake backend understands a sliver of KQL, enough for the browser
// tests: a table name followed by where, take, project, sort, summarize
// count() by, render and a test-only `sleep N` (seconds, interruptible).
// The real session compiles full KQL; nothing here is meant to grow.

// queryError is a positioned error (byte offsets into the query).
type queryError struct {
	msg      string
	from, to int
}

func (e *queryError) Error() string { return e.msg }

// segment is one pipeline stage and where it starts in the source.
type segment struct {
	text string
	off  int
}

func splitPipeline(src string) []segment {
	var segs []segment
	start, quote := 0, byte(0)
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '|':
			segs = append(segs, segment{src[start:i], start})
			start = i + 1
		}
	}
	return append(segs, segment{src[start:], start})
}

// trimmed returns the segment's text without surrounding space and comment
// lines, with its offset moved past the leading space.
func (s segment) trimmed() segment {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s.text, "\n") {
		if i := strings.Index(line, "//"); i >= 0 && !strings.ContainsAny(line[:i], `"'`) {
			line = line[:i] + strings.Repeat(" ", len(line)-i-1) + line[len(line)-1:]
		}
		b.WriteString(line)
	}
	text := b.String()
	lead := len(text) - len(strings.TrimLeft(text, " \t\r\n"))
	return segment{strings.TrimSpace(text), s.off + lead}
}

func runQuery(ctx context.Context, tabs map[string]*table.Table, src string) (*table.Table, error) {
	segs := splitPipeline(src)
	first := segs[0].trimmed()
	if first.text == "" {
		return nil, &queryError{"expected a table name", first.off, first.off + 1}
	}
	name := strings.Fields(first.text)[0]
	t, ok := tabs[name]
	if !ok {
		return nil, &queryError{fmt.Sprintf("unknown table %q", name), first.off, first.off + len(name)}
	}
	for _, seg := range segs[1:] {
		seg = seg.trimmed()
		var err error
		if t, err = applyOperator(ctx, t, seg); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func applyOperator(ctx context.Context, t *table.Table, seg segment) (*table.Table, error) {
	op, rest, _ := strings.Cut(seg.text, " ")
	rest = strings.TrimSpace(rest)
	bad := func(msg string) error { return &queryError{msg, seg.off, seg.off + len(seg.text)} }
	switch op {
	case "where":
		return where(t, rest, bad)
	case "take", "limit":
		n, err := strconv.Atoi(rest)
		if err != nil {
			return nil, bad("take needs a number")
		}
		out := *t
		out.Rows = t.Rows[:min(n, len(t.Rows))]
		return &out, nil
	case "project":
		return project(t, rest, bad)
	case "sort", "order":
		return sortBy(t, rest, bad)
	case "summarize":
		return summarize(t, rest, bad)
	case "render":
		return renderAs(t, rest), nil
	case "sleep":
		secs, _ := strconv.ParseFloat(rest, 64)
		select {
		case <-time.After(time.Duration(secs * float64(time.Second))):
			return t, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return nil, &queryError{fmt.Sprintf("unknown operator %q", op), seg.off, seg.off + len(op)}
}

var whereRE = regexp.MustCompile(`^(\['(?:[^'\\]|\\.)*'\]|\w+)\s*(==|!=|=~|contains|has|>=|<=|>|<)\s*(.+)$`)

func where(t *table.Table, rest string, bad func(string) error) (*table.Table, error) {
	m := whereRE.FindStringSubmatch(rest)
	if m == nil {
		return nil, bad("where: expected Column op value")
	}
	col := t.ColumnIndex(unbracket(m[1]))
	if col < 0 {
		return nil, bad(fmt.Sprintf("where: unknown column %s", m[1]))
	}
	want, err := literal(m[3])
	if err != nil {
		return nil, bad("where: " + err.Error())
	}
	out := &table.Table{Columns: t.Columns}
	for _, row := range t.Rows {
		if matches(row[col], m[2], want) {
			out.Rows = append(out.Rows, row)
		}
	}
	return out, nil
}

func matches(v any, op, want string) bool {
	text := table.FormatValue(v)
	if n, err := strconv.ParseFloat(want, 64); err == nil {
		if x, err := strconv.ParseFloat(text, 64); err == nil {
			return cmpHolds(op, cmp.Compare(x, n))
		}
	}
	switch op {
	case "contains", "has":
		return strings.Contains(strings.ToLower(text), strings.ToLower(want))
	case "=~":
		return strings.EqualFold(text, want)
	}
	return cmpHolds(op, strings.Compare(text, want))
}

func cmpHolds(op string, d int) bool {
	switch op {
	case "==", "=~", "contains", "has":
		return d == 0
	case "!=":
		return d != 0
	case ">":
		return d > 0
	case "<":
		return d < 0
	case ">=":
		return d >= 0
	}
	return d <= 0
}

// literal reads a KQL string literal ("...", '...', @"...") or a number.
func literal(s string) (string, error) {
	s = strings.TrimSpace(s)
	if v, ok := strings.CutPrefix(s, "@"); ok && len(v) >= 2 {
		return v[1 : len(v)-1], nil
	}
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		var b strings.Builder
		for i := 1; i < len(s)-1; i++ {
			if s[i] == '\\' && i+1 < len(s)-1 {
				i++
				switch s[i] {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				default:
					b.WriteByte(s[i])
				}
				continue
			}
			b.WriteByte(s[i])
		}
		return b.String(), nil
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s, nil
	}
	if s == "true" || s == "false" {
		return s, nil
	}
	return "", fmt.Errorf("cannot read the value %s", s)
}

func unbracket(name string) string {
	if v, ok := strings.CutPrefix(name, "['"); ok {
		v = strings.TrimSuffix(v, "']")
		return strings.NewReplacer(`\'`, `'`, `\\`, `\`).Replace(v)
	}
	return name
}

func project(t *table.Table, rest string, bad func(string) error) (*table.Table, error) {
	var idx []int
	out := &table.Table{}
	for _, name := range strings.Split(rest, ",") {
		name = strings.TrimSpace(name)
		c := t.ColumnIndex(name)
		if c < 0 {
			return nil, bad(fmt.Sprintf("project: unknown column %s", name))
		}
		idx = append(idx, c)
		out.Columns = append(out.Columns, t.Columns[c])
	}
	for _, row := range t.Rows {
		r := make([]any, len(idx))
		for i, c := range idx {
			r[i] = row[c]
		}
		out.Rows = append(out.Rows, r)
	}
	return out, nil
}

func sortBy(t *table.Table, rest string, bad func(string) error) (*table.Table, error) {
	f := strings.Fields(strings.TrimPrefix(rest, "by "))
	if len(f) == 0 {
		return nil, bad("sort: expected by Column")
	}
	c := t.ColumnIndex(f[0])
	if c < 0 {
		return nil, bad("sort: unknown column " + f[0])
	}
	desc := len(f) < 2 || f[1] != "asc"
	out := &table.Table{Columns: t.Columns, Rows: slices.Clone(t.Rows)}
	slices.SortStableFunc(out.Rows, func(a, b []any) int {
		d := strings.Compare(table.FormatValue(a[c]), table.FormatValue(b[c]))
		if x, ok := a[c].(int64); ok {
			d = cmp.Compare(x, b[c].(int64))
		}
		if desc {
			return -d
		}
		return d
	})
	return out, nil
}

var binRE = regexp.MustCompile(`^bin\((\w+),\s*(\d+)([smhd])\)$`)

// summarize supports `count() by key, ...` where a key is a column or
// bin(Column, N[smhd]).
func summarize(t *table.Table, rest string, bad func(string) error) (*table.Table, error) {
	agg, by, ok := strings.Cut(rest, " by ")
	if strings.TrimSpace(agg) != "count()" || !ok {
		return nil, bad("summarize: the fake backend knows only count() by ...")
	}
	type key struct {
		col int
		bin time.Duration
	}
	var keys []key
	out := &table.Table{}
	for _, k := range splitTopLevel(by) {
		k = strings.TrimSpace(k)
		var kk key
		if m := binRE.FindStringSubmatch(k); m != nil {
			n, _ := strconv.Atoi(m[2])
			unit := map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour}[m[3]]
			k, kk.bin = m[1], time.Duration(n)*unit
		}
		if kk.col = t.ColumnIndex(k); kk.col < 0 {
			return nil, bad("summarize: unknown column " + k)
		}
		keys = append(keys, kk)
		out.Columns = append(out.Columns, t.Columns[kk.col])
	}
	out.Columns = append(out.Columns, table.Column{Name: "count_", Type: table.Long})
	groups := map[string]int{}
	for _, row := range t.Rows {
		vals := make([]any, len(keys)+1)
		var id strings.Builder
		for i, k := range keys {
			v := row[k.col]
			if tm, ok := v.(time.Time); ok && k.bin > 0 {
				v = tm.Truncate(k.bin)
			}
			vals[i] = v
			id.WriteString(table.FormatValue(v) + "\x00")
		}
		g, ok := groups[id.String()]
		if !ok {
			g = len(out.Rows)
			groups[id.String()] = g
			vals[len(keys)] = int64(0)
			out.Rows = append(out.Rows, vals)
		}
		out.Rows[g][len(keys)] = out.Rows[g][len(keys)].(int64) + 1
	}
	return out, nil
}

var titleRE = regexp.MustCompile(`title\s*=\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')`)

func renderAs(t *table.Table, rest string) *table.Table {
	kind, with, _ := strings.Cut(rest, " ")
	v := &table.Visualization{Kind: kind}
	if m := titleRE.FindStringSubmatch(with); m != nil {
		v.Title, _ = literal(m[1])
	}
	out := *t
	out.Visualization = v
	return &out
}

// splitTopLevel splits on commas outside parentheses.
func splitTopLevel(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i, c := range s {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}
