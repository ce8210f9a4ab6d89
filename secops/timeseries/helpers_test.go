package timeseries

import (
	"fmt"
	"math"
)

// closeTo reports whether got matches want within an absolute or relative
// tolerance; two nulls match.
func closeTo(got, want, tol float64) bool {
	if IsNull(want) || IsNull(got) {
		return IsNull(want) && IsNull(got)
	}
	d := math.Abs(got - want)
	return d <= tol || d <= tol*math.Abs(want)
}

// diffSeries describes the first differences between two series, or "".
func diffSeries(got, want []float64, tol float64) string {
	if len(got) != len(want) {
		return fmt.Sprintf("length %d, want %d (got %v)", len(got), len(want), got)
	}
	for i := range want {
		if !closeTo(got[i], want[i], tol) {
			return fmt.Sprintf("element %d = %v, want %v (got %v)", i, got[i], want[i], got)
		}
	}
	return ""
}

// null is a readable alias in tables of documented values.
var null = math.NaN()
