package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// record is one tabular record: CSV cells aligned with the header, or a
// JSON object.
type record struct {
	line  int64
	cells []string
	obj   map[string]any
}

// errStop ends a read early without error.
var errStop = errors.New("stop")

// recordFunc receives a record; bad receives a malformed one. Either may
// return an error to end the read (errStop ends it quietly).
type (
	recordFunc func(r *record) error
	badFunc    func(line int64, reason string) error
)

// csvHeader is a CSV file's cleaned header.
type csvHeader struct {
	names     []string
	dropFirst bool // the first column is a pandas index without a name
	width     int  // fields per record in the file
}

// cleanHeader strips the BOM and the portal's " [UTC]" suffixes, drops a
// leading unnamed index column, names empty headers Column<N> (as Kusto
// names unnamed columns) and makes duplicates unique.
func cleanHeader(raw []string) csvHeader {
	h := csvHeader{width: len(raw)}
	if len(raw) > 0 {
		raw[0] = strings.TrimPrefix(raw[0], "\ufeff")
	}
	if len(raw) > 1 && strings.TrimSpace(raw[0]) == "" {
		h.dropFirst = true
		raw = raw[1:]
	}
	seen := map[string]int{}
	for i, name := range raw {
		name = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(name), " [UTC]"))
		if name == "" {
			name = fmt.Sprintf("Column%d", i+1)
		}
		key := strings.ToLower(name)
		if n := seen[key]; n > 0 {
			seen[key] = n + 1
			name = fmt.Sprintf("%s_%d", name, n)
			key = strings.ToLower(name)
		}
		seen[key]++
		h.names = append(h.names, name)
	}
	return h
}

// readCSV reads a CSV input record by record. The first record is the
// header; records with another number of fields are malformed.
func readCSV(r io.Reader, delim rune, maxRecord int, onHeader func(csvHeader), fn recordFunc, bad badFunc) error {
	lr := &limitedReader{r: r, max: maxRecord, slack: 64 << 10}
	cr := csv.NewReader(bufio.NewReaderSize(lr, 64<<10))
	cr.Comma = delim
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	raw, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("no header line")
		}
		return fmt.Errorf("header: %w", err)
	}
	h := cleanHeader(append([]string(nil), raw...))
	if onHeader != nil {
		onHeader(h)
	}
	rec := &record{}
	for {
		lr.reset()
		fields, err := cr.Read()
		line, _ := cr.FieldPos(0)
		var pe *csv.ParseError
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case errors.Is(err, ErrRecordTooLarge):
			return fmt.Errorf("line %d: %w", line, err)
		case errors.As(err, &pe):
			if err := bad(int64(pe.StartLine), pe.Err.Error()); err != nil {
				return err
			}
			continue
		case err != nil:
			return err
		}
		if len(fields) == 1 && fields[0] == "" && h.width > 1 {
			continue // a blank line
		}
		if len(fields) != h.width {
			if err := bad(int64(line), fmt.Sprintf("has %d fields, the header has %d", len(fields), h.width)); err != nil {
				return err
			}
			continue
		}
		if h.dropFirst {
			fields = fields[1:]
		}
		rec.line, rec.cells = int64(line), fields
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// readJSONLines reads one JSON object per line; a line that is not one is
// malformed, and the read goes on with the next line.
func readJSONLines(r io.Reader, maxRecord int, fn recordFunc, bad badFunc) error {
	rec := &record{}
	return eachLineBytes(r, maxRecord, func(line int64, b []byte) error {
		return jsonLine(bytes.TrimSpace(b), line, rec, fn, bad)
	})
}

func jsonLine(b []byte, line int64, rec *record, fn recordFunc, bad badFunc) error {
	if len(b) == 0 {
		return nil
	}
	if line == 1 {
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	}
	obj, err := decodeObject(b)
	if err != nil {
		return bad(line, err.Error())
	}
	rec.line, rec.obj = line, obj
	return fn(rec)
}

// decodeObject decodes one JSON object with numbers kept as json.Number.
func decodeObject(b []byte) (map[string]any, error) { return parseJSONObject(b) }

func jsonTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	}
	return "number"
}

// readJSONStream reads a JSON array of objects, or objects one after the
// other (pretty-printed). A syntax error cannot be skipped over, so it
// ends the read with an error that gives its line.
func readJSONStream(r io.Reader, maxRecord int, fn recordFunc, bad badFunc) error {
	lr := &limitedReader{r: r, max: maxRecord, slack: 64 << 10}
	lc := &lineCounter{r: lr}
	dec := json.NewDecoder(lc)
	dec.UseNumber()
	array := false
	if first := firstNonSpace(lc); first == '[' {
		if _, err := dec.Token(); err != nil {
			return lc.syntaxError(dec, err)
		}
		array = true
	}
	rec := &record{}
	for {
		lr.reset()
		if array && !dec.More() {
			if _, err := dec.Token(); err != nil {
				return lc.syntaxError(dec, err)
			}
			return nil
		}
		line := lc.lineAt(dec.InputOffset())
		var v any
		if err := dec.Decode(&v); err != nil {
			if !array && errors.Is(err, io.EOF) {
				return nil
			}
			return lc.syntaxError(dec, err)
		}
		obj, ok := v.(map[string]any)
		if !ok {
			if err := bad(line, fmt.Sprintf("a JSON %s, not an object", jsonTypeName(v))); err != nil {
				return err
			}
			continue
		}
		rec.line, rec.obj = line, obj
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// lineCounter remembers where lines start, to turn the decoder's byte
// offsets into line numbers. It keeps only the offsets of recent lines.
type lineCounter struct {
	r      io.Reader
	offset int64
	line   int64   // lines before starts[0]
	starts []int64 // offsets where recent lines start
	peeked []byte
}

func (c *lineCounter) Read(b []byte) (int, error) {
	if len(c.peeked) > 0 {
		n := copy(b, c.peeked)
		c.peeked = c.peeked[n:]
		return n, nil
	}
	n, err := c.r.Read(b)
	for i := 0; i < n; i++ {
		if b[i] == '\n' {
			c.starts = append(c.starts, c.offset+int64(i)+1)
		}
	}
	c.offset += int64(n)
	if len(c.starts) > 4096 {
		drop := len(c.starts) - 1024
		c.line += int64(drop)
		c.starts = append(c.starts[:0], c.starts[drop:]...)
	}
	return n, err
}

// lineAt is the 1-based line of a byte offset already read.
func (c *lineCounter) lineAt(off int64) int64 {
	n := c.line
	for _, s := range c.starts {
		if s > off {
			break
		}
		n++
	}
	return n + 1
}

func (c *lineCounter) syntaxError(dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	off := dec.InputOffset()
	if errors.As(err, &se) {
		off = se.Offset
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		end := c.lineAt(c.offset)
		if c.offset > 0 && len(c.starts) > 0 && c.starts[len(c.starts)-1] == c.offset {
			end-- // the file ends with a newline: its last line is the one before
		}
		return fmt.Errorf("line %d: JSON ends too early (truncated?)", end)
	}
	if errors.Is(err, ErrRecordTooLarge) {
		return err
	}
	return fmt.Errorf("line %d: bad JSON: %v", c.lineAt(off), err)
}

// firstNonSpace peeks at the first byte that is not white space or a BOM.
func firstNonSpace(c *lineCounter) byte {
	buf := make([]byte, 512)
	n, _ := io.ReadAtLeast(c, buf, 1)
	c.peeked = buf[:n]
	b := bytes.TrimLeft(bytes.TrimPrefix(buf[:n], []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(c.peeked) >= 3 && bytes.HasPrefix(c.peeked, []byte("\xef\xbb\xbf")) {
		c.peeked = c.peeked[3:]
	}
	if len(b) == 0 {
		return 0
	}
	return b[0]
}
