package exec_test

import (
	"strings"
	"testing"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/sema"
)

// TestSeriesFunctionsHaveSQL checks that every series_* function (and
// internal bag function) the checker accepts has an engine translation.
func TestSeriesFunctionsHaveSQL(t *testing.T) {
	n := 0
	for _, f := range sema.Functions() {
		if !strings.HasPrefix(f.Name, "series_") && !strings.HasSuffix(f.Name, "#bag") {
			continue
		}
		n++
		if len(sqlrepr.Lookup(f.Name)) == 0 {
			t.Errorf("%s has no SQL in the engine registry", f.Name)
		}
	}
	if n < 40 {
		t.Errorf("only %d series functions found", n)
	}
}
