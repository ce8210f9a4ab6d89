package notebook

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Marshal encodes the notebook exactly as Jupyter's nbformat.write does:
// JSON indented by one space with sorted keys, non-ASCII text written as is,
// sources and text outputs split into lists of lines, transient metadata
// dropped, and a final newline. A notebook written by Jupyter and read by
// Parse marshals back to the same bytes.
func Marshal(nb *Notebook) ([]byte, error) {
	tree, err := nb.tree()
	if err != nil {
		return nil, err
	}
	w := pyWriter{buf: make([]byte, 0, 4096)}
	if err := w.value(tree, 0); err != nil {
		return nil, fmt.Errorf("notebook: %w", err)
	}
	w.buf = append(w.buf, '\n')
	return w.buf, nil
}

// tree builds the JSON tree of the notebook as Jupyter would write it.
func (nb *Notebook) tree() (map[string]any, error) {
	major, minor := nb.Format, nb.FormatMinor
	if major == 0 {
		major = FormatMajor
	}
	if minor < FormatMinor {
		minor = FormatMinor
	}
	cells := make([]any, len(nb.Cells))
	for i, c := range nb.Cells {
		ct, err := c.tree()
		if err != nil {
			return nil, fmt.Errorf("notebook: cell %d: %w", i, err)
		}
		cells[i] = ct
	}
	out := withExtra(nb.Extra)
	out["cells"] = cells
	out["metadata"] = without(nb.Metadata, "orig_nbformat", "orig_nbformat_minor", "signature")
	out["nbformat"] = major
	out["nbformat_minor"] = minor
	return out, nil
}

func (c *Cell) tree() (map[string]any, error) {
	if c.ID == "" {
		return nil, fmt.Errorf("cell has no id")
	}
	out := withExtra(c.Extra)
	out["id"] = c.ID
	out["cell_type"] = string(c.Type)
	out["metadata"] = without(c.Metadata, "trusted")
	out["source"] = splitLines(c.Source)
	switch c.Type {
	case Code:
		if c.ExecutionCount != nil {
			out["execution_count"] = *c.ExecutionCount
		} else {
			out["execution_count"] = nil
		}
		outs := make([]any, len(c.Outputs))
		for i, o := range c.Outputs {
			outs[i] = o.tree()
		}
		out["outputs"] = outs
	case Markdown, Raw:
	default:
		return nil, fmt.Errorf("unknown cell type %q", c.Type)
	}
	if c.Attachments != nil {
		att := make(map[string]any, len(c.Attachments))
		for name, b := range c.Attachments {
			att[name] = b.tree()
		}
		out["attachments"] = att
	}
	return out, nil
}

func (o *Output) tree() map[string]any {
	out := withExtra(o.Extra)
	out["output_type"] = string(o.Type)
	switch o.Type {
	case ExecuteResult, DisplayData:
		out["data"] = o.Data.tree()
		out["metadata"] = without(o.Metadata)
		if o.Type == ExecuteResult {
			if o.ExecutionCount != nil {
				out["execution_count"] = *o.ExecutionCount
			} else {
				out["execution_count"] = nil
			}
		}
	case Stream:
		out["name"] = o.Name
		out["text"] = splitLines(o.Text)
	case Error:
		out["ename"] = o.EName
		out["evalue"] = o.EValue
		tb := make([]any, len(o.Traceback))
		for i, s := range o.Traceback {
			tb[i] = s
		}
		out["traceback"] = tb
	}
	return out
}

// tree splits text data into lines as nbformat does (text/*, SVG and
// JavaScript); base64 images and JSON data stay as they are.
func (b MIMEBundle) tree() map[string]any {
	out := make(map[string]any, len(b))
	for mime, v := range b {
		if s, ok := v.(string); ok && splitMIME(mime) {
			out[mime] = splitLines(s)
			continue
		}
		out[mime] = v
	}
	return out
}

func splitMIME(mime string) bool {
	return strings.HasPrefix(mime, "text/") || mime == "image/svg+xml" || mime == "application/javascript"
}

func withExtra(extra map[string]any) map[string]any {
	out := make(map[string]any, len(extra)+8)
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// without returns a shallow copy of m minus the keys, never nil (Jupyter
// writes an empty object for missing metadata).
func without(m Metadata, keys ...string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	for _, k := range keys {
		delete(out, k)
	}
	return out
}

// splitLines splits text as Python's str.splitlines(keepends=True), which is
// how nbformat stores multiline strings.
func splitLines(s string) []any {
	lines := []any{}
	start := 0
	for i := 0; i < len(s); {
		n := lineBreakLen(s, i)
		if n == 0 {
			i++
			continue
		}
		lines = append(lines, s[start:i+n])
		i += n
		start = i
	}
	if start < len(s) {
		lines = append(lines, s[start:])
	}
	return lines
}

// lineBreakLen returns the length in bytes of the line break Python
// recognises at s[i], or 0.
func lineBreakLen(s string, i int) int {
	switch s[i] {
	case '\r':
		if i+1 < len(s) && s[i+1] == '\n' {
			return 2
		}
		return 1
	case '\n', '\v', '\f', 0x1c, 0x1d, 0x1e:
		return 1
	case 0xc2: // U+0085 NEL
		if i+1 < len(s) && s[i+1] == 0x85 {
			return 2
		}
	case 0xe2: // U+2028, U+2029
		if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9) {
			return 3
		}
	}
	return 0
}

// normalize turns any Go value that is not already a plain JSON tree (typed
// slices and maps from callers) into one, through encoding/json.
func normalize(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return decodeJSON(b)
}
