package timeseries

import (
	"math"
	"slices"
)

// SeriesStats is the result of series_stats / series_stats_dynamic. MinIdx
// and MaxIdx are positions in the input (first occurrence); Variance and
// Stdev are the sample (n-1) statistics, as Kusto documents. A field is null
// (NaN, or -1 for the indexes) when it is undefined.
type SeriesStats struct {
	Min, Max       float64
	MinIdx, MaxIdx int
	Avg            float64
	Variance       float64
	Stdev          float64
	Sum            float64
	Len            int
}

// Stats implements series_stats(s, ignoreNonfinite). With ignoreNonfinite
// false a series holding a null or ±Inf gives all-null statistics, as Kusto
// documents; with true those elements are skipped (Len counts the rest).
func Stats(s Series, ignoreNonfinite bool) SeriesStats {
	st := SeriesStats{Min: Null, Max: Null, MinIdx: -1, MaxIdx: -1, Avg: Null, Variance: Null, Stdev: Null, Sum: Null}
	var n int
	var sum float64
	for i, v := range s {
		if IsNull(v) || math.IsInf(v, 0) {
			if !ignoreNonfinite {
				return SeriesStats{Min: Null, Max: Null, MinIdx: -1, MaxIdx: -1, Avg: Null, Variance: Null, Stdev: Null, Sum: Null, Len: len(s)}
			}
			continue
		}
		if n == 0 || v < st.Min {
			st.Min, st.MinIdx = v, i
		}
		if n == 0 || v > st.Max {
			st.Max, st.MaxIdx = v, i
		}
		n++
		sum += v
	}
	st.Len = n
	if n == 0 {
		return st
	}
	st.Sum = sum
	st.Avg = sum / float64(n)
	if n > 1 {
		var ss float64
		for _, v := range s {
			if !IsNull(v) && !math.IsInf(v, 0) {
				d := v - st.Avg
				ss += d * d
			}
		}
		st.Variance = ss / float64(n-1)
		st.Stdev = math.Sqrt(st.Variance)
	}
	return st
}

// percentileSorted returns the p-th percentile (0..100) of sorted values by
// linear interpolation between closest ranks, the definition that reproduces
// Kusto's series_outliers fences (checked on MSTICPy's time_series.csv,
// where the zero-score band ends exactly at these values).
func percentileSorted(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 {
		return Null
	}
	k := float64(n-1) * p / 100
	f := math.Floor(k)
	i := int(f)
	if i >= n-1 {
		return sorted[n-1]
	}
	return sorted[i] + (sorted[i+1]-sorted[i])*(k-f)
}

// median returns the median of the non-null values of s (null when none).
func median(vals []float64) float64 {
	v := valid(vals)
	if len(v) == 0 {
		return Null
	}
	slices.Sort(v)
	return percentileSorted(v, 50)
}
