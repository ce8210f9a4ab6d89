package timeseries

import "math"

// FillForward implements series_fill_forward: every missing element (see
// [Placeholder]) takes the last value before it; leading missing elements
// stay as they are.
func FillForward(s Series, placeholder float64) Series {
	out := make(Series, len(s))
	copy(out, s)
	have := false
	var last float64
	for i, v := range out {
		if Placeholder(v, placeholder) {
			if have {
				out[i] = last
			}
			continue
		}
		last, have = v, true
	}
	return out
}

// FillBackward implements series_fill_backward: every missing element takes
// the next value after it; trailing missing elements stay as they are.
func FillBackward(s Series, placeholder float64) Series {
	out := make(Series, len(s))
	copy(out, s)
	have := false
	var next float64
	for i := len(out) - 1; i >= 0; i-- {
		if Placeholder(out[i], placeholder) {
			if have {
				out[i] = next
			}
			continue
		}
		next, have = out[i], true
	}
	return out
}

// FillConst implements series_fill_const: every missing element becomes c.
func FillConst(s Series, c, placeholder float64) Series {
	out := make(Series, len(s))
	for i, v := range s {
		if Placeholder(v, placeholder) {
			out[i] = c
		} else {
			out[i] = v
		}
	}
	return out
}

// FillLinearOptions are the optional arguments of series_fill_linear.
type FillLinearOptions struct {
	// Placeholder marks missing elements (NaN = null, Kusto's default).
	// Start from DefaultFillLinear: in the zero value 0 is the placeholder.
	Placeholder float64
	// FillEdges replaces leading and trailing missing elements with the
	// nearest value (Kusto's default true).
	FillEdges bool
	// Constant fills a series that has no value at all (Kusto's default 0;
	// NaN keeps the nulls).
	Constant float64
	// Integer truncates interpolated values toward zero, as Kusto does for
	// arrays whose elements are all int or long (the documented example
	// turns 73.5 into 73 and 32.667 into 32).
	Integer bool
}

// DefaultFillLinear returns Kusto's defaults: null placeholder, edges
// filled, constant 0.
func DefaultFillLinear() FillLinearOptions {
	return FillLinearOptions{Placeholder: Null, FillEdges: true}
}

// FillLinear implements series_fill_linear: missing elements between two
// values are interpolated linearly by position.
func FillLinear(s Series, o FillLinearOptions) Series {
	out := make(Series, len(s))
	copy(out, s)
	prev := -1
	for i, v := range out {
		if Placeholder(v, o.Placeholder) {
			continue
		}
		if prev >= 0 && i-prev > 1 {
			a, b := out[prev], v
			for j := prev + 1; j < i; j++ {
				x := a + (b-a)*float64(j-prev)/float64(i-prev)
				if o.Integer {
					x = math.Trunc(x)
				}
				out[j] = x
			}
		}
		prev = i
	}
	if prev < 0 { // no value at all
		if !IsNull(o.Constant) || len(out) == 0 {
			return Const(o.Constant, len(out))
		}
		return out
	}
	if o.FillEdges {
		first := 0
		for Placeholder(out[first], o.Placeholder) {
			first++
		}
		for j := 0; j < first; j++ {
			out[j] = out[first]
		}
		for j := prev + 1; j < len(out); j++ {
			out[j] = out[prev]
		}
	}
	return out
}
