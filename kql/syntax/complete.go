package syntax

import "errors"

// Completeness is CheckComplete's verdict on a query text.
type Completeness uint8

// Completeness values.
const (
	// Complete: the text parses.
	Complete Completeness = iota
	// Incomplete: the text is a valid beginning that more input could
	// finish: an open bracket or ``` string, a trailing | or operator
	// keyword, `let x =` with nothing after it.
	Incomplete
	// Invalid: the text has an error that more input cannot fix.
	Invalid
)

func (c Completeness) String() string {
	switch c {
	case Complete:
		return "complete"
	case Incomplete:
		return "incomplete"
	}
	return "invalid"
}

// CheckComplete tells whether src is a complete query, an unfinished one,
// or a wrong one; a notebook kernel's is_complete and an editor's "run on
// Enter" use it.
func CheckComplete(src string) Completeness {
	_, err := Parse(src)
	if err == nil {
		return Complete
	}
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		return Invalid
	}
	for _, e := range list {
		if !e.AtEOF {
			return Invalid
		}
	}
	return Incomplete
}
