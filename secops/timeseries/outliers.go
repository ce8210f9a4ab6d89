package timeseries

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// ErrOutliers reports arguments series_outliers does not accept.
var ErrOutliers = errors.New("series_outliers")

// OutlierKind selects the fence of series_outliers and of
// series_decompose_anomalies' ad_method.
type OutlierKind string

// The two documented kinds.
const (
	Tukey  OutlierKind = "tukey"  // traditional Tukey: 25th/75th percentiles
	CTukey OutlierKind = "ctukey" // custom Tukey: 10th/90th by default, adjustable
)

// OutlierOptions are series_outliers' optional arguments.
type OutlierOptions struct {
	Kind OutlierKind
	// IgnoreVal, when not nil, marks missing elements besides null.
	IgnoreVal *float64
	// MinPercentile and MaxPercentile bound the normal range for ctukey,
	// each in [2, 98]; Kusto's defaults are 10 and 90.
	MinPercentile, MaxPercentile float64
}

// DefaultOutliers returns Kusto's defaults: ctukey over 10..90.
func DefaultOutliers() OutlierOptions {
	return OutlierOptions{Kind: CTukey, MinPercentile: 10, MaxPercentile: 90}
}

// ctukeyScale is the width of Kusto's ctukey unit relative to the
// 10th–90th percentile range: score = (x − P90) / ((P90 − P10) / 2.7726…).
// Microsoft does not document the constant. It was measured on the one
// published Kusto output we have, MSTICPy's time_series.csv (840 points of
// series_decompose_anomalies): with the residuals recomputed from its
// baseline, every non-zero score fits this formula to 1e-10 relative, and
// the zero band is exactly [P10, P90] with linearly interpolated
// percentiles. Its closed form is unknown (it is close to, but not, 4·ln 2).
const ctukeyScale = 2.7726056055080

// z returns the standard normal quantile of p (0 < p < 1).
func z(p float64) float64 { return math.Sqrt2 * math.Erfinv(2*p-1) }

// fenceUnit returns the distance that one score unit stands for. Tukey's
// traditional test scores in units of the interquartile range, so a score
// of 1.5 is Tukey's fence. For ctukey with percentiles other than 10/90 the
// measured 10/90 scale is carried over in proportion to the normal
// distribution's quantile spread, an assumption: Kusto does not say.
func fenceUnit(kind OutlierKind, lo, hi, pmin, pmax float64) float64 {
	if kind == Tukey {
		return hi - lo
	}
	c := ctukeyScale * (z(pmax/100) - z(pmin/100)) / (z(0.9) - z(0.1))
	return (hi - lo) / c
}

// Outliers implements series_outliers: 0 for an element inside the normal
// range [Plow, Phigh], (x−Phigh)/unit above it and (x−Plow)/unit below it,
// so that ±1.5 is the conventional anomaly threshold. Null and ignored
// elements score 0, as Kusto documents.
func Outliers(s Series, o OutlierOptions) (Series, error) {
	if o.Kind == "" {
		o.Kind = CTukey
	}
	switch o.Kind {
	case Tukey:
		o.MinPercentile, o.MaxPercentile = 25, 75
	case CTukey:
		if o.MinPercentile == 0 && o.MaxPercentile == 0 {
			o.MinPercentile, o.MaxPercentile = 10, 90
		}
		if o.MinPercentile < 2 || o.MaxPercentile > 98 || o.MinPercentile >= o.MaxPercentile {
			return nil, fmt.Errorf("%w: percentiles must satisfy 2 <= min < max <= 98, got %g and %g",
				ErrOutliers, o.MinPercentile, o.MaxPercentile)
		}
	default:
		return nil, fmt.Errorf("%w: unknown kind %q (want \"tukey\" or \"ctukey\")", ErrOutliers, o.Kind)
	}
	ignore := func(v float64) bool { return IsNull(v) || (o.IgnoreVal != nil && v == *o.IgnoreVal) }
	return outlierScores(s, len(s), ignore, o), nil
}

// outlierScores scores every element of s against the percentiles of its
// first learn elements (series_decompose_anomalies leaves test points out of
// the learning).
func outlierScores(s Series, learn int, ignore func(float64) bool, o OutlierOptions) Series {
	sorted := make([]float64, 0, learn)
	for _, v := range s[:learn] {
		if !ignore(v) {
			sorted = append(sorted, v)
		}
	}
	out := make(Series, len(s))
	if len(sorted) == 0 {
		return out
	}
	slices.Sort(sorted)
	lo := percentileSorted(sorted, o.MinPercentile)
	hi := percentileSorted(sorted, o.MaxPercentile)
	unit := fenceUnit(o.Kind, lo, hi, o.MinPercentile, o.MaxPercentile)
	if unit == 0 {
		// Most values are equal (a count that is usually 0): fall back to
		// the mean absolute deviation from the median so that a spike in a
		// flat series still scores, instead of dividing by zero.
		unit = meanAbsDev(sorted)
	}
	for i, v := range s {
		switch {
		case ignore(v) || unit == 0:
			out[i] = 0
		case v > hi:
			out[i] = (v - hi) / unit
		case v < lo:
			out[i] = (v - lo) / unit
		}
	}
	return out
}

func meanAbsDev(sorted []float64) float64 {
	m := percentileSorted(sorted, 50)
	var t float64
	for _, v := range sorted {
		t += math.Abs(v - m)
	}
	return t / float64(len(sorted))
}
