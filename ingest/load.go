package ingest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace/schema"
)

// emitColumn says how to fill one column of a target from a survey group.
type emitColumn struct {
	sources  []int
	constant any
	ty       table.Type
}

type emitPlan struct {
	t    *target
	cols []emitColumn
	row  []any
}

// loadTabular is the second pass over a CSV or JSON input: every record is
// converted to its table's column types and loaded.
func (l *loader) loadTabular(p *plan) error {
	s := p.survey
	plans := map[string]*emitPlan{}
	for key, g := range s.groups {
		plans[key] = newEmitPlan(l.targets[g.table], g)
	}
	n := 0
	return l.readTabular(p, func(r *record) error {
		if n++; n%4096 == 0 {
			if err := l.ctxErr(); err != nil {
				return err
			}
		}
		ep := plans[s.routeOf(r)]
		if ep == nil {
			return l.problem(p.in.name, r.line, "record names a table the first pass did not see")
		}
		if reason := ep.fill(s, r); reason != "" {
			return l.problem(p.in.name, r.line, reason)
		}
		return l.append(ep.t, ep.row, p.in)
	}, func(line int64, reason string) error { return l.problem(p.in.name, line, reason) })
}

func newEmitPlan(t *target, g *group) *emitPlan {
	ep := &emitPlan{t: t, cols: make([]emitColumn, len(t.cols)), row: make([]any, len(t.cols))}
	for j, c := range t.cols {
		ep.cols[j].ty = c.Type
	}
	for _, pc := range g.cols {
		if j := t.index(pc.col.Name); j >= 0 {
			ep.cols[j].sources = pc.sources
			ep.cols[j].constant = pc.constant
		}
	}
	return ep
}

// fill converts a record into ep.row; it returns why the record is
// malformed, or "".
func (ep *emitPlan) fill(s *survey, r *record) string {
	for j, c := range ep.cols {
		v := nullOf(c.ty)
		if c.constant != nil {
			v = c.constant
		}
		for _, i := range c.sources {
			var (
				got any
				err error
				ok  bool
			)
			if r.obj != nil {
				raw := r.obj[s.names[i]]
				if ok = !isEmptyJSON(raw); ok {
					got, err = convertJSON(c.ty, raw)
				}
			} else if i < len(r.cells) {
				if ok = strings.TrimSpace(r.cells[i]) != ""; ok {
					got, err = convertText(c.ty, r.cells[i])
				}
			}
			if err != nil {
				return fmt.Sprintf("column %s: %v", ep.t.cols[j].Name, err)
			}
			if ok {
				v = got
				break
			}
		}
		ep.row[j] = v
	}
	return ""
}

func isEmptyJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	}
	return false
}

// fixedWriter loads rows built in a catalog table's column order into a
// target whose columns may differ (a --table override, or extra columns
// another input added).
type fixedWriter struct {
	t   *target
	ci  *colIndex
	pos []int
	buf []any
	out []any
}

func (l *loader) fixedWriter(name string) *fixedWriter {
	s, _ := schema.Table(name)
	t := l.targets[l.fixedName(name)]
	w := &fixedWriter{t: t, ci: newColIndex(s.Columns), pos: make([]int, len(s.Columns)), buf: make([]any, len(s.Columns)), out: make([]any, len(t.cols))}
	for i, c := range s.Columns {
		w.pos[i] = t.index(c.Name)
	}
	return w
}

// row returns the cleared row to fill.
func (w *fixedWriter) row() []any {
	w.ci.blank(w.buf)
	return w.buf
}

func (l *loader) writeFixed(w *fixedWriter, in *input) error {
	for j, c := range w.t.cols {
		w.out[j] = nullOf(c.Type)
	}
	for i, v := range w.buf {
		if j := w.pos[i]; j >= 0 {
			w.out[j] = coerce(v, w.ci.cols[i].Type, w.t.cols[j].Type)
		}
	}
	return l.append(w.t, w.out, in)
}

// coerce converts a value of one column type to another where inputs
// widened a column.
func coerce(v any, from, to table.Type) any {
	if from == to {
		return v
	}
	if v == nil || v == "" && from == table.String {
		return nullOf(to)
	}
	switch to {
	case table.String:
		return table.FormatValue(v)
	case table.Real:
		switch x := v.(type) {
		case int32:
			return float64(x)
		case int64:
			return float64(x)
		}
	case table.Long:
		if x, ok := v.(int32); ok {
			return int64(x)
		}
	case table.Dynamic:
		switch v.(type) {
		case string, bool, json.Number, map[string]any, []any:
			return v
		}
		return table.FormatValue(v)
	}
	return nullOf(to)
}

// winWriters holds one fixedWriter per Windows table.
type winWriters map[string]*fixedWriter

func (l *loader) winWriters() winWriters {
	return winWriters{"SecurityEvent": l.fixedWriter("SecurityEvent"), "WindowsEvent": l.fixedWriter("WindowsEvent"), "Event": l.fixedWriter("Event")}
}

// loadEvent maps one normalised Windows event into its table.
func (l *loader) loadEvent(ws winWriters, e winEvent, in *input, line int64) error {
	if !e.hasTime {
		return l.problem(in.name, line, "Windows event without a time (no TimeCreated, EventTime or @timestamp)")
	}
	name := winTable(e.channel)
	w := ws[name]
	winRow(e, name, w.ci, w.row())
	if l.opts.Table != "" {
		w.ci.set(w.buf, "Type", w.t.name)
	}
	return l.writeFixed(w, in)
}

// loadWindowsJSON loads Winlogbeat / NXLog / OTRF JSON.
func (l *loader) loadWindowsJSON(p *plan) error {
	ws := l.winWriters()
	return readInput(p.in, p.raw, 0, l.opts, l.count, nil, func(r *record) error {
		e, err := winEventFromJSON(r.obj)
		if err != nil {
			return l.problem(p.in.name, r.line, err.Error())
		}
		return l.loadEvent(ws, e, p.in, r.line)
	}, func(line int64, reason string) error { return l.problem(p.in.name, line, reason) })
}

// refTime is the reference clock of line formats.
func (l *loader) refTime(in *input) time.Time {
	switch {
	case l.opts.Now != nil:
		return l.opts.Now()
	case !in.mtime.IsZero():
		return in.mtime
	}
	return time.Now()
}

// loadLines loads syslog or CEF lines.
func (l *loader) loadLines(p *plan) error {
	name := "Syslog"
	if p.format == FormatCEF {
		name = "CommonSecurityLog"
	}
	w := l.fixedWriter(name)
	ref := l.refTime(p.in)
	clock := refClock{ref: ref}
	rc, err := p.in.open(l.count)
	if err != nil {
		return err
	}
	defer closeQuietly(rc)
	return eachLine(rc, l.opts.maxRecord(), func(line int64, text string) error {
		if strings.TrimSpace(text) == "" {
			return nil
		}
		row := w.row()
		if p.format == FormatCEF {
			r, err := parseCEF(text, clock)
			if err != nil {
				return l.problem(p.in.name, line, err.Error())
			}
			cefRow(r, w.ci, row, ref)
		} else {
			r, err := parseSyslog(text, clock)
			if err != nil {
				return l.problem(p.in.name, line, err.Error())
			}
			syslogRow(r, w.ci, row)
		}
		if l.opts.Table != "" {
			w.ci.set(row, "Type", w.t.name)
		}
		return l.writeFixed(w, p.in)
	})
}

// eachLine calls fn for every line (without its end), failing on a line
// longer than max.
func eachLine(r io.Reader, max int, fn func(line int64, text string) error) error {
	return eachLineBytes(r, max, func(line int64, b []byte) error {
		text := strings.TrimRight(string(b), "\r\n")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		return fn(line, text)
	})
}

// eachLineBytes calls fn for every line; the slice is reused afterwards.
func eachLineBytes(r io.Reader, max int, fn func(line int64, b []byte) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		line int64
		buf  []byte
	)
	for {
		chunk, err := br.ReadSlice('\n')
		buf = append(buf[:0], chunk...)
		for errors.Is(err, bufio.ErrBufferFull) {
			if len(buf) > max {
				return fmt.Errorf("line %d: %w: longer than %d bytes", line+1, ErrRecordTooLarge, max)
			}
			chunk, err = br.ReadSlice('\n')
			buf = append(buf, chunk...)
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		if len(buf) > 0 {
			line++
			if len(buf) > max {
				return fmt.Errorf("line %d: %w: longer than %d bytes", line, ErrRecordTooLarge, max)
			}
			if e := fn(line, buf); e != nil {
				return e
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
	}
}
