package demo

import (
	"testing"

	"github.com/huntbook/huntbook/workspace/schema"
)

// TestColumnsMatchCatalog checks that every column a generator declares
// exists in the workspace catalog with the same type, so the demo tables
// have exactly the real tables' schemas.
func TestColumnsMatchCatalog(t *testing.T) {
	for _, spec := range newTableCols().specs() {
		cat, ok := schema.Table(spec.name)
		if !ok {
			if spec.name != GroundTruthTable {
				t.Errorf("%s: not in the workspace catalog", spec.name)
			}
			continue
		}
		for _, m := range bindColumns(spec.cols, cat.Columns) {
			t.Errorf("%s.%s", spec.name, m)
		}
	}
}
