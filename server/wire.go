package server

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/huntbook/huntbook/notebook"
)

// wireCell is a cell as the browser gets it: a markdown cell carries its
// rendered, sanitised HTML.
type wireCell struct {
	*CellState
	HTML string `json:"html,omitempty"`
}

type wireNotebookState struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Version int64      `json:"version"`
	Saved   int64      `json:"saved"`
	Cells   []wireCell `json:"cells"`
}

// wireNotebook prepares a snapshot for the browser: markdown rendered and
// every HTML output sanitised (the notebook may come from anyone).
func (s *Server) wireNotebook(st *NotebookState) *wireNotebookState {
	out := &wireNotebookState{ID: st.ID, Name: st.Name, Version: st.Version, Saved: st.Saved, Cells: make([]wireCell, len(st.Cells))}
	for i, c := range st.Cells {
		cp := *c
		cp.Outputs = s.sanitizeOutputs(c.Outputs)
		wc := wireCell{CellState: &cp}
		if c.Type == notebook.Markdown {
			wc.HTML = s.san.Markdown(c.Source, c.Attachments)
		}
		out.Cells[i] = wc
	}
	return out
}

func (s *Server) sanitizeOutputs(outs []Output) []Output {
	res := make([]Output, len(outs))
	for i, o := range outs {
		if o.HTML != "" {
			o.HTML = s.san.HTML(o.HTML)
		}
		res[i] = o
	}
	return res
}

// wireEvent is an event as the browser gets it.
func (s *Server) wireEvent(ev Event) Event {
	if ev.Outputs != nil {
		ev.Outputs = s.sanitizeOutputs(ev.Outputs)
	}
	return ev
}

// Browsers count positions in UTF-16 code units, the Go parser in bytes:
// these convert at the API boundary so neither side has to.

// utf16ToByte converts a UTF-16 offset into s to a byte offset, clamped to
// the string.
func utf16ToByte(s string, pos int) int {
	units := 0
	for i, r := range s {
		if units >= pos {
			return i
		}
		units += runeUnits(r)
	}
	return len(s)
}

// byteToUTF16 converts a byte offset into s to a UTF-16 offset (an offset
// inside a rune becomes the rune's start).
func byteToUTF16(s string, off int) int {
	off = min(max(off, 0), len(s))
	units := 0
	for i := 0; i < off; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if i+size > off {
			break // an offset inside a rune counts from the rune's start
		}
		units += runeUnits(r)
		i += size
	}
	return units
}

// runeUnits is the UTF-16 length of a rune; an invalid byte decodes to
// U+FFFD, one unit, as in the browser.
func runeUnits(r rune) int {
	return max(utf16.RuneLen(r), 1)
}
