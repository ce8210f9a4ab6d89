// Package notebook is huntbook's model of a Jupyter notebook file (nbformat
// 4.5): cells with their sources, tags and outputs as MIME bundles, read from
// any nbformat 4.x file and written byte for byte the way Jupyter writes it,
// so notebooks move between huntbook, JupyterLab, VS Code and nbconvert
// without churn. Keys huntbook does not know (other tools' metadata, future
// fields) are kept and written back unchanged.
//
// The package also owns what every consumer of notebook content needs to stay
// safe and durable: atomic saves (Save), the HTML sanitiser and markdown
// renderer shared by the server and the report (Sanitizer, RenderMarkdown),
// and the one-file HTML report (ExportHTML).
package notebook

import (
	"slices"
	"strings"
)

// The nbformat version huntbook writes.
const (
	FormatMajor = 4
	FormatMinor = 5
)

// Language facts of KQL as a Jupyter kernel advertises them; the kernel's
// kernel_info reply and new notebooks use the same values.
const (
	KernelName        = "huntbook"
	KernelDisplayName = "KQL (huntbook)"
	LanguageName      = "kql"
	LanguageMIMEType  = "text/x-kql"
	LanguageExtension = ".kql"
	// CodeMirrorMode names the editor mode front ends look up for KQL.
	CodeMirrorMode = "kql"
)

// ParametersTag marks the cell whose `let` statements a headless run
// overrides, as papermill does.
const ParametersTag = "parameters"

// CellType is the kind of a cell.
type CellType string

// The cell types of nbformat 4.
const (
	Code     CellType = "code"
	Markdown CellType = "markdown"
	Raw      CellType = "raw"
)

// OutputType is the kind of a code cell output.
type OutputType string

// The output types of nbformat 4.
const (
	ExecuteResult OutputType = "execute_result"
	DisplayData   OutputType = "display_data"
	Stream        OutputType = "stream"
	Error         OutputType = "error"
)

// Notebook is one .ipynb document.
type Notebook struct {
	Format      int // nbformat; always 4 after Parse
	FormatMinor int // nbformat_minor; at least 5 after Parse
	Metadata    Metadata
	Cells       []*Cell
	// Extra holds top-level keys other than nbformat, nbformat_minor,
	// metadata and cells, as decoded JSON values.
	Extra map[string]any
}

// Metadata is a JSON object of metadata as decoded JSON values (numbers are
// json.Number so they are written back exactly as read).
type Metadata map[string]any

// Cell is one cell. Outputs and ExecutionCount belong to code cells,
// Attachments to markdown and raw cells.
type Cell struct {
	ID             string
	Type           CellType
	Source         string
	Metadata       Metadata
	Outputs        []*Output
	ExecutionCount *int
	Attachments    map[string]MIMEBundle
	Extra          map[string]any
}

// Output is one output of a code cell. Which fields are meaningful depends on
// Type: Data and Metadata for execute_result and display_data (and
// ExecutionCount for execute_result), Name and Text for stream, EName, EValue
// and Traceback for error.
type Output struct {
	Type           OutputType
	ExecutionCount *int
	Data           MIMEBundle
	Metadata       Metadata
	Name           string // stdout or stderr
	Text           string
	EName          string
	EValue         string
	Traceback      []string
	Extra          map[string]any
}

// MIMEBundle maps a MIME type to its data: a string for text types (and
// base64 for binary images), a decoded JSON value for JSON types
// (application/json and application/*+json).
type MIMEBundle map[string]any

// IsJSONMIME reports whether data of the MIME type is stored as JSON rather
// than as text, by nbformat's rule.
func IsJSONMIME(mime string) bool {
	return mime == "application/json" ||
		(strings.HasPrefix(mime, "application/") && strings.HasSuffix(mime, "+json"))
}

// New returns an empty notebook set up for the huntbook kernel.
func New() *Notebook {
	return &Notebook{
		Format:      FormatMajor,
		FormatMinor: FormatMinor,
		Metadata: Metadata{
			"kernelspec": map[string]any{
				"name":         KernelName,
				"display_name": KernelDisplayName,
				"language":     LanguageName,
			},
			"language_info": LanguageInfo(),
		},
	}
}

// LanguageInfo returns the language_info metadata of KQL notebooks.
func LanguageInfo() map[string]any {
	return map[string]any{
		"name":            LanguageName,
		"mimetype":        LanguageMIMEType,
		"file_extension":  LanguageExtension,
		"codemirror_mode": CodeMirrorMode,
	}
}

// NewCell returns a cell of the given type with a fresh id.
func NewCell(typ CellType, source string) *Cell {
	c := &Cell{ID: NewCellID(), Type: typ, Source: source, Metadata: Metadata{}}
	return c
}

// Tags returns the cell's metadata.tags (nil when it has none).
func (c *Cell) Tags() []string {
	raw, _ := c.Metadata["tags"].([]any)
	var tags []string
	for _, t := range raw {
		if s, ok := t.(string); ok {
			tags = append(tags, s)
		}
	}
	return tags
}

// HasTag reports whether the cell carries the tag.
func (c *Cell) HasTag(tag string) bool {
	return slices.Contains(c.Tags(), tag)
}

// SetTag adds (on) or removes (off) a tag, keeping the others in order.
func (c *Cell) SetTag(tag string, on bool) {
	tags := c.Tags()
	has := slices.Contains(tags, tag)
	switch {
	case on && !has:
		tags = append(tags, tag)
	case !on && has:
		tags = slices.DeleteFunc(tags, func(s string) bool { return s == tag })
	default:
		return
	}
	if c.Metadata == nil {
		c.Metadata = Metadata{}
	}
	if len(tags) == 0 {
		delete(c.Metadata, "tags")
		return
	}
	list := make([]any, len(tags))
	for i, t := range tags {
		list[i] = t
	}
	c.Metadata["tags"] = list
}

// ParametersCell returns the index of the first cell tagged "parameters", or
// -1 when there is none.
func (nb *Notebook) ParametersCell() int {
	for i, c := range nb.Cells {
		if c.HasTag(ParametersTag) {
			return i
		}
	}
	return -1
}

// CellByID returns the index of the cell with the id, or -1.
func (nb *Notebook) CellByID(id string) int {
	for i, c := range nb.Cells {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// Title returns the notebook's title: metadata.title when set, else the text
// of the first markdown heading, else "".
func (nb *Notebook) Title() string {
	if t, ok := nb.Metadata["title"].(string); ok && t != "" {
		return t
	}
	for _, c := range nb.Cells {
		if c.Type != Markdown {
			continue
		}
		for line := range strings.SplitSeq(c.Source, "\n") {
			line = strings.TrimSpace(line)
			if strings.HasPrefix(line, "#") {
				return strings.TrimSpace(strings.TrimLeft(line, "#"))
			}
		}
	}
	return ""
}
