package timeseries

import (
	"errors"
	"fmt"
)

// ErrFilter reports filter coefficients series_fir or series_iir cannot use.
var ErrFilter = errors.New("series filter")

// FIRDefaultNormalize is series_fir's default for its normalize argument:
// true unless a coefficient is negative.
func FIRDefaultNormalize(filter []float64) bool {
	for _, c := range filter {
		if c < 0 {
			return false
		}
	}
	return true
}

// FIR implements series_fir(s, filter, normalize, center):
//
//	y[i] = Σ_k filter[k] · s[i-k+shift]
//
// where shift is 0 (the filter looks back from the current point, for
// streaming) or, with center, (len(filter)-1)/2 so that the output stays
// aligned with the input. Samples before the start or past the end count as
// 0; an output whose window touches a null is null. With normalize the
// coefficients are divided by their sum; Kusto returns null when normalize
// is asked for a filter with a negative coefficient, reported here as
// ErrFilter.
func FIR(s Series, filter []float64, normalize, center bool) (Series, error) {
	if len(filter) == 0 {
		return nil, fmt.Errorf("%w: series_fir needs at least one coefficient", ErrFilter)
	}
	f := filter
	if normalize {
		var sum float64
		for _, c := range filter {
			if c < 0 {
				return nil, fmt.Errorf("%w: series_fir cannot normalize a filter with negative coefficients", ErrFilter)
			}
			sum += c
		}
		if sum == 0 {
			return nil, fmt.Errorf("%w: series_fir cannot normalize coefficients that sum to 0", ErrFilter)
		}
		f = make([]float64, len(filter))
		for i, c := range filter {
			f[i] = c / sum
		}
	}
	shift := 0
	if center {
		shift = (len(f) - 1) / 2
	}
	out := make(Series, len(s))
	for i := range out {
		var acc float64
		for k, c := range f {
			j := i - k + shift
			if j < 0 || j >= len(s) {
				continue
			}
			acc += c * s[j] // a null sample makes acc NaN, i.e. null
		}
		out[i] = acc
	}
	return out, nil
}

// IIR implements series_iir(s, numerators, denominators), the direct-form
// recursive filter
//
//	a[0]·y[n] = Σ_i b[i]·x[n-i] − Σ_{j≥1} a[j]·y[n-j]
//
// with samples before the start taken as 0. Kusto's documented example
// (numerators [1], denominators [1,-1]) is a running sum. A null input
// sample is taken as 0, so one gap does not null the rest of the output;
// the output at that position is null.
func IIR(s Series, b, a []float64) (Series, error) {
	if len(b) == 0 || len(a) == 0 {
		return nil, fmt.Errorf("%w: series_iir needs numerator and denominator coefficients", ErrFilter)
	}
	if a[0] == 0 {
		return nil, fmt.Errorf("%w: series_iir's first denominator coefficient must not be 0", ErrFilter)
	}
	out := make(Series, len(s))
	y := make([]float64, len(s)) // the recursion state, never null
	for n := range s {
		var acc float64
		for i, c := range b {
			if n-i >= 0 && !IsNull(s[n-i]) {
				acc += c * s[n-i]
			}
		}
		for j := 1; j < len(a); j++ {
			if n-j >= 0 {
				acc -= a[j] * y[n-j]
			}
		}
		y[n] = acc / a[0]
		out[n] = y[n]
		if IsNull(s[n]) {
			out[n] = Null
		}
	}
	return out, nil
}
