package render

import (
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/huntbook/huntbook/table"
)

// maxTextCell is the widest a text-table cell gets; longer values end in "…".
const maxTextCell = 60

// Text writes the result as an aligned text table, the first
// opts.MaxTextRows rows followed by "… N more rows" when there are more.
func Text(t *table.Table, opts Options) string {
	opts = opts.withDefaults()
	shown := min(len(t.Rows), opts.MaxTextRows)
	cells := make([][]string, 0, shown+1)
	head := make([]string, len(t.Columns))
	for j, c := range t.Columns {
		head[j] = textCell(c.Name)
	}
	cells = append(cells, head)
	for _, row := range t.Rows[:shown] {
		r := make([]string, len(t.Columns))
		for j := range t.Columns {
			if j < len(row) {
				r[j] = textCell(table.FormatValue(row[j]))
			}
		}
		cells = append(cells, r)
	}
	widths := make([]int, len(t.Columns))
	for _, r := range cells {
		for j, s := range r {
			widths[j] = max(widths[j], utf8.RuneCountInString(s))
		}
	}
	var b strings.Builder
	for i, r := range cells {
		writeTextRow(&b, r, widths, t.Columns)
		if i == 0 {
			for j, w := range widths {
				if j > 0 {
					b.WriteString("  ")
				}
				b.WriteString(strings.Repeat("-", w))
			}
			b.WriteByte('\n')
		}
	}
	if more := opts.total(t) - int64(shown); more > 0 {
		fmt.Fprintf(&b, "… %d more %s\n", more, plural(more, "row", "rows"))
	}
	return b.String()
}

func writeTextRow(b *strings.Builder, r []string, widths []int, cols []table.Column) {
	var line strings.Builder
	for j, s := range r {
		if j > 0 {
			line.WriteString("  ")
		}
		pad := strings.Repeat(" ", widths[j]-utf8.RuneCountInString(s))
		if cols[j].Type.IsNumeric() {
			line.WriteString(pad + s)
		} else {
			line.WriteString(s + pad)
		}
	}
	b.WriteString(strings.TrimRight(line.String(), " "))
	b.WriteByte('\n')
}

// textCell keeps a value on one line (control characters would break the
// table or a terminal) and within maxTextCell.
func textCell(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return '�'
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > maxTextCell {
		s = string([]rune(s)[:maxTextCell-1]) + "…"
	}
	return s
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// HTML writes the result as an HTML table of class hb-table (styled by the
// notebook report and the UI through classes only: their CSP forbids style
// attributes), with at most opts.MaxHTMLRows rows and a caption when rows
// are left out.
func HTML(t *table.Table, opts Options) string {
	opts = opts.withDefaults()
	shown := min(len(t.Rows), opts.MaxHTMLRows)
	var b strings.Builder
	b.Grow(64 * (shown + 1) * max(1, len(t.Columns)))
	b.WriteString("<table class=\"hb-table\">\n")
	if total := opts.total(t); int64(shown) < total {
		fmt.Fprintf(&b, "<caption>showing first %s of %s rows</caption>\n", groupDigits(int64(shown)), groupDigits(total))
	}
	b.WriteString("<thead><tr>")
	for _, c := range t.Columns {
		fmt.Fprintf(&b, "<th title=\"%s\">%s</th>", c.Type, html.EscapeString(c.Name))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, row := range t.Rows[:shown] {
		b.WriteString("<tr>")
		for j, c := range t.Columns {
			var v any
			if j < len(row) {
				v = row[j]
			}
			writeHTMLCell(&b, c.Type, v)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	return b.String()
}

func writeHTMLCell(b *strings.Builder, typ table.Type, v any) {
	switch {
	case v == nil:
		b.WriteString("<td class=\"null\"></td>")
		return
	case typ.IsNumeric():
		b.WriteString("<td class=\"num\">")
	case typ == table.Dynamic:
		b.WriteString("<td class=\"dyn\">")
	case typ == table.DateTime || typ == table.TimeSpan:
		b.WriteString("<td class=\"num\">")
	default:
		b.WriteString("<td>")
	}
	b.WriteString(html.EscapeString(table.FormatValue(v)))
	b.WriteString("</td>")
}

// groupDigits writes 1234567 as 1,234,567.
func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
