package sqlgen

import "github.com/huntbook/huntbook/kql/plan"

func (g *gen) series(n *plan.Series) *rel {
	fail("make-series is not translated yet")
	return nil
}
