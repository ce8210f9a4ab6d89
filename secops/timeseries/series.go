package timeseries

import "math"

// Series is a numeric array in which NaN marks a null element (see the
// package documentation).
type Series []float64

// Null is the value of a missing element.
var Null = math.NaN()

// IsNull reports whether v is a missing element.
func IsNull(v float64) bool { return v != v }

// Const returns a series of n copies of v: the engine broadcasts a scalar
// argument of an element-wise function with it.
func Const(v float64, n int) Series {
	s := make(Series, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// Placeholder reports whether v stands for a missing value given a KQL
// missing_value_placeholder argument: a NaN placeholder (Kusto's default
// double(null)) matches nulls, any other placeholder matches itself.
func Placeholder(v, placeholder float64) bool {
	if IsNull(placeholder) {
		return IsNull(v)
	}
	return v == placeholder
}

// valid returns the non-null elements of s.
func valid(s Series) []float64 {
	out := make([]float64, 0, len(s))
	for _, v := range s {
		if !IsNull(v) {
			out = append(out, v)
		}
	}
	return out
}

// hasNull reports whether any element of s is null.
func hasNull(s Series) bool {
	for _, v := range s {
		if IsNull(v) {
			return true
		}
	}
	return false
}

// interpolated returns s with nulls replaced by linear interpolation and the
// edges by the nearest value, the input the decomposition functions learn
// from. An all-null series becomes all zeros.
func interpolated(s Series) Series {
	if !hasNull(s) {
		return s
	}
	return FillLinear(s, FillLinearOptions{Placeholder: Null, FillEdges: true})
}
