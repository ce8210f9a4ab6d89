package syntax

import (
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// treeOpts compares trees ignoring spans (printing moves text around) and
// treating NaN as equal to itself.
var treeOpts = cmp.Options{cmpopts.IgnoreTypes(Span{}), cmpopts.EquateNaNs()}

// roundTripDiff prints the tree and parses the text again; it returns a
// description of any difference, or "".
func roundTripDiff(s *Script) string {
	text := s.String()
	s2, err := Parse(text)
	if err != nil {
		return "canonical text does not parse: " + err.Error() + "\n--- text:\n" + text
	}
	if d := cmp.Diff(s, s2, treeOpts); d != "" {
		return d + "\n--- text:\n" + text
	}
	return ""
}
