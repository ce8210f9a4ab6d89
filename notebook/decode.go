package notebook

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// ParseError is why bytes are not a notebook huntbook can open. Line and Col
// (1-based) locate a JSON syntax error; Path locates a structural one
// ("cells[3].source").
type ParseError struct {
	Line, Col int
	Path      string
	Msg       string
}

func (e *ParseError) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
	case e.Path != "":
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	}
	return e.Msg
}

// cellIDPattern is nbformat 4.5's rule for cell ids.
var cellIDPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

// NewCellID returns a fresh cell id as Jupyter makes them: eight random hex
// digits.
func NewCellID() string {
	var b [4]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

// Parse decodes an nbformat 4.x notebook. Older minor versions are upgraded
// to 4.5 as Jupyter does (cells get ids); invalid or duplicate cell ids are
// replaced. A v3 notebook, a JSON document that is not a notebook and bad
// JSON are errors of type *ParseError.
func Parse(data []byte) (*Notebook, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	root, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	obj, ok := root.(map[string]any)
	if !ok {
		return nil, &ParseError{Msg: "not a Jupyter notebook: the document is not a JSON object"}
	}
	d := decoder{}
	nb := d.notebook(obj)
	if d.err != nil {
		return nil, d.err
	}
	nb.repairIDs()
	return nb, nil
}

// decodeJSON reads exactly one JSON value with numbers kept as json.Number.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, syntaxError(data, err, dec.InputOffset())
	}
	if _, err := dec.Token(); err != io.EOF {
		off := dec.InputOffset()
		line, col := lineCol(data, off)
		return nil, &ParseError{Line: line, Col: col, Msg: "invalid JSON: data after the top-level value"}
	}
	return v, nil
}

func syntaxError(data []byte, err error, off int64) error {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset > 0 {
		off = se.Offset - 1 // Offset counts the offending byte; point at it
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		off = int64(len(data))
		err = errors.New("unexpected end of JSON input")
	}
	line, col := lineCol(data, off)
	return &ParseError{Line: line, Col: col, Msg: "invalid JSON: " + err.Error()}
}

// lineCol converts a byte offset into a 1-based line and column (in bytes).
func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// decoder converts the decoded JSON tree into the model, keeping the first
// structural error with its path.
type decoder struct {
	err *ParseError
}

func (d *decoder) fail(path, format string, args ...any) {
	if d.err == nil {
		d.err = &ParseError{Path: path, Msg: fmt.Sprintf(format, args...)}
	}
}

func (d *decoder) notebook(obj map[string]any) *Notebook {
	nb := &Notebook{}
	if _, ok := obj["worksheets"]; ok {
		d.fail("", "notebook format 3 is not supported: open and save it with Jupyter to upgrade it to format 4")
		return nb
	}
	major, ok := obj["nbformat"]
	if !ok {
		d.fail("", "not a Jupyter notebook: no nbformat field")
		return nb
	}
	nb.Format = d.integer("nbformat", major)
	if d.err == nil && nb.Format != FormatMajor {
		d.fail("nbformat", "notebook format %d is not supported (huntbook reads format 4)", nb.Format)
	}
	nb.FormatMinor = d.integer("nbformat_minor", obj["nbformat_minor"])
	nb.Metadata = d.metadata("metadata", obj["metadata"])
	cells, ok := obj["cells"].([]any)
	if !ok {
		d.fail("cells", "missing or not a list")
		return nb
	}
	for i, c := range cells {
		nb.Cells = append(nb.Cells, d.cell(fmt.Sprintf("cells[%d]", i), c))
	}
	nb.Extra = extra(obj, "nbformat", "nbformat_minor", "metadata", "cells")
	return nb
}

func (d *decoder) integer(path string, v any) int {
	n, ok := v.(json.Number)
	if !ok {
		d.fail(path, "missing or not a number")
		return 0
	}
	i, err := n.Int64()
	if err != nil || i < 0 || i > 1<<31 {
		d.fail(path, "not a valid integer: %s", n)
	}
	return int(i)
}

func (d *decoder) optInteger(path string, v any) *int {
	if v == nil {
		return nil
	}
	i := d.integer(path, v)
	return &i
}

func (d *decoder) metadata(path string, v any) Metadata {
	if v == nil {
		return Metadata{}
	}
	m, ok := v.(map[string]any)
	if !ok {
		d.fail(path, "not a JSON object")
		return nil
	}
	return m
}

// multiline reads nbformat's multiline string: a string or a list of strings
// that concatenate to it.
func (d *decoder) multiline(path string, v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		var b strings.Builder
		for i, part := range x {
			s, ok := part.(string)
			if !ok {
				d.fail(fmt.Sprintf("%s[%d]", path, i), "not a string")
				return ""
			}
			b.WriteString(s)
		}
		return b.String()
	}
	d.fail(path, "missing or not a string or list of strings")
	return ""
}

func (d *decoder) cell(path string, v any) *Cell {
	obj, ok := v.(map[string]any)
	if !ok {
		d.fail(path, "not a JSON object")
		return &Cell{}
	}
	c := &Cell{}
	typ, _ := obj["cell_type"].(string)
	c.Type = CellType(typ)
	switch c.Type {
	case Code, Markdown, Raw:
	default:
		d.fail(path+".cell_type", "unknown cell type %q", typ)
	}
	c.ID, _ = obj["id"].(string)
	c.Source = d.multiline(path+".source", obj["source"])
	c.Metadata = d.metadata(path+".metadata", obj["metadata"])
	known := []string{"id", "cell_type", "source", "metadata"}
	if c.Type == Code {
		c.ExecutionCount = d.optInteger(path+".execution_count", obj["execution_count"])
		outs, _ := obj["outputs"].([]any)
		for i, o := range outs {
			c.Outputs = append(c.Outputs, d.output(fmt.Sprintf("%s.outputs[%d]", path, i), o))
		}
		known = append(known, "execution_count", "outputs")
	}
	if att, ok := obj["attachments"].(map[string]any); ok {
		c.Attachments = map[string]MIMEBundle{}
		for name, b := range att {
			c.Attachments[name] = d.bundle(path+".attachments."+name, b)
		}
		known = append(known, "attachments")
	}
	c.Extra = extra(obj, known...)
	return c
}

func (d *decoder) output(path string, v any) *Output {
	obj, ok := v.(map[string]any)
	if !ok {
		d.fail(path, "not a JSON object")
		return &Output{}
	}
	typ, _ := obj["output_type"].(string)
	o := &Output{Type: OutputType(typ)}
	var known []string
	switch o.Type {
	case ExecuteResult, DisplayData:
		o.Data = d.bundle(path+".data", obj["data"])
		o.Metadata = d.metadata(path+".metadata", obj["metadata"])
		known = []string{"data", "metadata"}
		if o.Type == ExecuteResult {
			o.ExecutionCount = d.optInteger(path+".execution_count", obj["execution_count"])
			known = append(known, "execution_count")
		}
	case Stream:
		o.Name, _ = obj["name"].(string)
		o.Text = d.multiline(path+".text", obj["text"])
		known = []string{"name", "text"}
	case Error:
		o.EName, _ = obj["ename"].(string)
		o.EValue, _ = obj["evalue"].(string)
		tb, _ := obj["traceback"].([]any)
		for _, line := range tb {
			s, _ := line.(string)
			o.Traceback = append(o.Traceback, s)
		}
		known = []string{"ename", "evalue", "traceback"}
	default:
		d.fail(path+".output_type", "unknown output type %q", typ)
	}
	o.Extra = extra(obj, append(known, "output_type")...)
	return o
}

// bundle reads a MIME bundle: text types are multiline strings, JSON types
// are kept as decoded JSON.
func (d *decoder) bundle(path string, v any) MIMEBundle {
	obj, ok := v.(map[string]any)
	if !ok {
		if v != nil {
			d.fail(path, "not a JSON object")
		}
		return MIMEBundle{}
	}
	b := make(MIMEBundle, len(obj))
	for mime, data := range obj {
		switch data.(type) {
		case string, []any:
			if !IsJSONMIME(mime) {
				b[mime] = d.multiline(path+"."+mime, data)
				continue
			}
		}
		b[mime] = data
	}
	return b
}

// extra returns the keys of obj that are not in known, or nil.
func extra(obj map[string]any, known ...string) map[string]any {
	var out map[string]any
	for k, v := range obj {
		if slices.Contains(known, k) {
			continue
		}
		if out == nil {
			out = map[string]any{}
		}
		out[k] = v
	}
	return out
}

// repairIDs upgrades the notebook to 4.5: every cell gets a valid id unique
// in the notebook, as nbformat's upgrade and validate(repair) do.
func (nb *Notebook) repairIDs() {
	if nb.FormatMinor < FormatMinor {
		nb.FormatMinor = FormatMinor
	}
	seen := make(map[string]bool, len(nb.Cells))
	for _, c := range nb.Cells {
		for !cellIDPattern.MatchString(c.ID) || seen[c.ID] {
			c.ID = NewCellID()
		}
		seen[c.ID] = true
	}
}
