package syntax

import "sort"

// OperatorWords lists the words that start a tabular operator (where,
// summarize, project-away, ...), sorted: what an editor offers after `|`.
func OperatorWords() []string {
	out := make([]string, 0, len(operatorWords))
	for w := range operatorWords {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}
