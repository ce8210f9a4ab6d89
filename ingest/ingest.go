package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace/schema"
)

// plan is what Ingest learnt about an input before loading it.
type plan struct {
	in     *input
	format Format
	raw    Format // for FormatWindows: FormatJSON or FormatJSONLines
	delim  rune
	survey *survey // CSV and JSON
}

// passes is how often an input is read: twice for formats whose schema is
// inferred from the data.
func (p *plan) passes() int64 {
	if p.survey != nil {
		return 2
	}
	return 1
}

// Ingest reads the files into the sink's tables, all or nothing: it
// commits when every file was read (malformed records aside) and aborts on
// any other error, returning it. The report says what was loaded and what
// was rejected, also when the ingest failed.
func Ingest(ctx context.Context, sink Sink, paths []string, opts Options) (rep Report, err error) {
	if len(paths) == 0 {
		return Report{}, errors.New("ingest: no files")
	}
	l := newLoader(ctx, sink, opts)
	defer func() {
		if err != nil {
			if abortErr := sink.Abort(context.WithoutCancel(ctx)); abortErr != nil {
				err = fmt.Errorf("%w (and abort failed: %v)", err, abortErr)
			}
		}
		rep = l.report
	}()
	ins, closeAll, err := expand(paths)
	if err != nil {
		return rep, err
	}
	defer closeAll()
	plans, err := l.planAll(ins)
	if err != nil {
		return rep, err
	}
	for _, p := range plans {
		l.total += p.in.size * p.passes()
	}
	for _, p := range plans {
		if err := l.prepare(p); err != nil {
			return rep, err
		}
	}
	for _, p := range plans {
		if err := l.load(p); err != nil {
			return rep, err
		}
	}
	l.finishProgress()
	if len(l.report.Rows) == 0 {
		return rep, noRowsError(l.report)
	}
	if err := sink.Commit(ctx); err != nil {
		return rep, fmt.Errorf("commit: %w", err)
	}
	return rep, nil
}

func noRowsError(r Report) error {
	if len(r.Problems) > 0 {
		return fmt.Errorf("no valid records; first problem: %s", r.Problems[0])
	}
	return errors.New("no records in the input")
}

// planAll detects every input's format. A member of an archive that is in
// no known format is skipped with a note, unless no member is usable.
func (l *loader) planAll(ins []*input) ([]*plan, error) {
	var (
		plans   []*plan
		skipped []error
	)
	for _, in := range ins {
		p, err := l.planOne(in)
		var pq *ParquetError
		switch {
		case errors.As(err, &pq):
			return nil, err
		case err != nil && strings.Contains(in.name, "!"):
			skipped = append(skipped, err)
			l.note(in.name, "skipped: "+err.Error())
			continue
		case err != nil:
			return nil, err
		}
		plans = append(plans, p)
	}
	if len(plans) == 0 {
		return nil, fmt.Errorf("nothing usable in the input: %w", errors.Join(skipped...))
	}
	return plans, nil
}

func (l *loader) planOne(in *input) (*plan, error) {
	f, delim, err := detect(in)
	if err != nil {
		return nil, err
	}
	p := &plan{in: in, format: f, delim: delim}
	switch f {
	case FormatParquet:
		return nil, &ParquetError{Path: in.name}
	case FormatJSON, FormatJSONLines:
		windows, err := firstIsWindows(in, f, l.opts)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.name, err)
		}
		if windows {
			p.format, p.raw = FormatWindows, f
			return p, nil
		}
		fallthrough
	case FormatCSV:
		p.survey = &survey{in: in, format: f, delim: delim, keys: map[string]int{}, groups: map[string]*group{}}
	}
	return p, nil
}

// firstIsWindows tells from the first record whether a JSON input holds
// raw Windows events (and not a Sentinel export of them, which names its
// table in a Type column).
func firstIsWindows(in *input, f Format, opts Options) (bool, error) {
	windows := false
	err := readInput(in, f, 0, opts, nil, nil, func(r *record) error {
		if _, exported := r.obj["Type"]; !exported {
			windows = isWindowsRecord(r.obj)
		}
		return errStop
	}, func(int64, string) error { return nil })
	if errors.Is(err, errStop) {
		err = nil
	}
	return windows, err
}

// readInput opens an input and reads its records with the reader of its
// format (CSV, JSON lines, or a JSON array / object stream). onHeader
// receives the CSV header.
func readInput(in *input, f Format, delim rune, opts Options, count func(int), onHeader func(csvHeader), fn recordFunc, bad badFunc) error {
	rc, err := in.open(count)
	if err != nil {
		return err
	}
	defer closeQuietly(rc)
	switch f {
	case FormatCSV:
		return readCSV(rc, delim, opts.maxRecord(), onHeader, fn, bad)
	case FormatJSONLines:
		return readJSONLines(rc, opts.maxRecord(), fn, bad)
	default:
		return readJSONStream(rc, opts.maxRecord(), fn, bad)
	}
}

// prepare runs the survey pass of a CSV or JSON input and registers the
// tables every input feeds, so each table's columns are complete before
// its first row.
func (l *loader) prepare(p *plan) error {
	l.file = p.in.name
	switch p.format {
	case FormatWindows, FormatEVTX:
		for _, name := range []string{"SecurityEvent", "WindowsEvent", "Event"} {
			l.registerFixed(name)
		}
		return nil
	case FormatSyslog:
		l.registerFixed("Syslog")
		return nil
	case FormatCEF:
		l.registerFixed("CommonSecurityLog")
		return nil
	}
	s := p.survey
	err := l.readTabular(p, func(r *record) error {
		if err := l.ctxErr(); err != nil {
			return err
		}
		return s.observe(r, s.routeOf(r))
	}, func(int64, string) error { return nil })
	if err != nil {
		return fmt.Errorf("%s: %w", p.in.name, err)
	}
	if err := s.plan(l.opts); err != nil {
		return fmt.Errorf("%s: %w", p.in.name, err)
	}
	for _, key := range s.order {
		g := s.groups[key]
		cols := make([]table.Column, len(g.cols))
		for i, c := range g.cols {
			cols[i] = c.col
		}
		l.register(g.table, cols)
	}
	return nil
}

// registerFixed declares a fixed-schema table (or the --table override
// with that table's columns).
func (l *loader) registerFixed(name string) {
	s, _ := schema.Table(name)
	if l.opts.Table != "" {
		l.register(l.fixedName(name), s.Columns)
		return
	}
	l.register(name, nil)
}

func (l *loader) fixedName(name string) string {
	if l.opts.Table == "" {
		return name
	}
	if s, ok := schema.Lookup(l.opts.Table); ok {
		return s.Name
	}
	return l.opts.Table
}

// readTabular reads a CSV or JSON input, keeping the CSV header in the
// survey.
func (l *loader) readTabular(p *plan, fn recordFunc, bad badFunc) error {
	s := p.survey
	return readInput(p.in, p.format, p.delim, l.opts, l.count, func(h csvHeader) {
		if s.names == nil {
			s.header = h
			for _, n := range h.names {
				s.column(n)
			}
		}
	}, fn, bad)
}

// load runs the loading pass of an input.
func (l *loader) load(p *plan) error {
	l.file = p.in.name
	l.report.Inputs = append(l.report.Inputs, InputReport{Name: p.in.name, Format: p.format, Rows: map[string]int64{}})
	var err error
	switch p.format {
	case FormatWindows:
		err = l.loadWindowsJSON(p)
	case FormatEVTX:
		err = l.loadEVTX(p)
	case FormatSyslog, FormatCEF:
		err = l.loadLines(p)
	default:
		err = l.loadTabular(p)
	}
	if err != nil {
		var se *StrictError
		if errors.As(err, &se) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return fmt.Errorf("%s: %w", p.in.name, err)
	}
	ir := l.report.Inputs[len(l.report.Inputs)-1]
	if len(ir.Rows) == 0 && ir.Rejected > 0 {
		return fmt.Errorf("%s: no valid records (%d malformed)", p.in.name, ir.Rejected)
	}
	return nil
}

// closeQuietly closes, for deferred cleanup where the read error matters
// more.
func closeQuietly(c io.Closer) { _ = c.Close() }
