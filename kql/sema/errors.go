package sema

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
)

// Error is one positioned semantic error: an unknown name, a type
// mismatch, a misused operator, or a feature huntbook does not implement.
type Error struct {
	Span syntax.Span     // the offending node
	Pos  syntax.Position // line:col of Span.Start in the analysed text
	Msg  string
	// Unsupported marks errors about features huntbook does not implement
	// (as opposed to mistakes in the query).
	Unsupported bool
	// NeedsData marks errors that only say the query's shape depends on
	// its data (the columns of bag_unpack and pivot, the partitions of
	// partition): running the query, which lets the checker probe the
	// data, compiles it. The query itself may well be right.
	NeedsData bool
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// IsUnsupported reports whether err is (or wraps) an Error about a feature
// huntbook does not implement yet.
func IsUnsupported(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Unsupported
}

// NeedsData reports whether err is (or wraps) an Error that only says the
// query cannot be compiled without reading its data.
func NeedsData(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.NeedsData
}

// bailout carries the first error out of the checker's recursion; Analyze
// recovers it. The checker stops at the first error: later ones are
// usually consequences of it.
type bailout struct{ err *Error }

// errorf stops the analysis with a positioned error.
func (c *checker) errorf(n syntax.Node, format string, args ...any) {
	panic(bailout{c.newError(n, false, fmt.Sprintf(format, args...))})
}

// unsupported stops the analysis with a "not supported yet" error naming
// the feature.
func (c *checker) unsupported(n syntax.Node, feature string) {
	panic(bailout{c.newError(n, true, feature+" is not supported yet")})
}

// needsData stops an analysis without a prober where the query's shape
// depends on its data; what names the construct and why.
func (c *checker) needsData(n syntax.Node, what string) {
	e := c.newError(n, false, what+": the query's shape depends on the data, so it compiles only when it runs")
	e.NeedsData = true
	panic(bailout{e})
}

func (c *checker) newError(n syntax.Node, unsupported bool, msg string) *Error {
	var sp syntax.Span
	if n != nil {
		sp = n.Range()
	}
	return &Error{Span: sp, Pos: c.lines.Position(sp.Start), Msg: msg, Unsupported: unsupported}
}

// didYouMean suggests the candidate closest to name, when one is close
// enough to be a plausible typo: a case-insensitive match first, then the
// smallest edit distance within a third of the name's length.
func didYouMean(name string, candidates []string) string {
	for _, c := range candidates {
		if strings.EqualFold(c, name) && c != name {
			return fmt.Sprintf(" (did you mean '%s'?)", c)
		}
	}
	best, bestD := "", 0
	limit := max(1, len(name)/3)
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	for _, c := range sorted {
		d := editDistance(strings.ToLower(name), strings.ToLower(c))
		if d <= limit && (best == "" || d < bestD) {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean '%s'?)", best)
}

// editDistance is the Levenshtein distance between a and b in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
