package timeseries

import (
	"errors"
	"fmt"
)

// ErrDecompose reports arguments the decomposition functions do not accept.
var ErrDecompose = errors.New("series_decompose")

// Trend selects the trend component of a decomposition.
type Trend string

// The documented trend kinds.
const (
	TrendAvg     Trend = "avg"     // the average of the deseasonalized series
	TrendLinefit Trend = "linefit" // a least-squares line through it
	TrendNone    Trend = "none"    // no trend component
)

// Seasonality values with a special meaning.
const (
	SeasonalityAuto = -1 // detect the period with series_periods_detect
	SeasonalityNone = 0  // no seasonal component
)

// DecomposeOptions are the optional arguments series_decompose,
// series_decompose_anomalies and series_decompose_forecast share.
type DecomposeOptions struct {
	// Seasonality is the period in bins, SeasonalityAuto or SeasonalityNone.
	Seasonality int
	Trend       Trend
	// TestPoints is the number of trailing points left out of learning
	// (the points a forecast predicts).
	TestPoints int
	// SeasonalityThreshold is the score a detected period needs (Kusto: 0.6).
	SeasonalityThreshold float64
}

// DefaultDecompose returns Kusto's defaults: detected seasonality, avg
// trend, no test points, threshold 0.6.
func DefaultDecompose() DecomposeOptions {
	return DecomposeOptions{Seasonality: SeasonalityAuto, Trend: TrendAvg, SeasonalityThreshold: 0.6}
}

// Decomposition is the result of series_decompose. Period is the
// seasonal period used (0 for none), which the engine does not return but
// tests and charts use.
type Decomposition struct {
	Baseline, Seasonal, Trend, Residual Series
	Period                              int
}

// Decompose implements series_decompose in the documented order: the
// seasonal component is the median of the learning points in the same
// phase, the trend is fitted to the series minus its seasonal component,
// baseline = seasonal + trend and residual = series − baseline. Null
// elements are interpolated for learning and get a null residual. This
// reproduces Kusto's baselines in MSTICPy's time_series.csv to the unit
// (the file's values are truncated to integers).
func Decompose(s Series, o DecomposeOptions) (Decomposition, error) {
	n := len(s)
	learn := n - o.TestPoints
	if o.TestPoints < 0 || (n > 0 && learn < 1) {
		return Decomposition{}, fmt.Errorf("%w: test_points %d does not leave a point to learn from in a series of %d",
			ErrDecompose, o.TestPoints, n)
	}
	switch o.Trend {
	case TrendAvg, TrendLinefit, TrendNone:
	case "":
		o.Trend = TrendAvg
	default:
		return Decomposition{}, fmt.Errorf("%w: unknown trend %q (want avg, linefit or none)", ErrDecompose, o.Trend)
	}
	x := interpolated(s)
	d := Decomposition{Seasonal: make(Series, n), Trend: make(Series, n), Baseline: make(Series, n), Residual: make(Series, n)}
	if n == 0 {
		return d, nil
	}
	d.Period = o.Seasonality
	if o.Seasonality == SeasonalityAuto {
		d.Period = autoPeriod(x[:learn], o.SeasonalityThreshold)
	}
	if d.Period > 0 {
		d.Seasonal = seasonalComponent(x[:learn], d.Period, n)
	} else {
		d.Period = 0
	}
	deseason := make(Series, learn)
	for i := range deseason {
		deseason[i] = x[i] - d.Seasonal[i]
	}
	switch o.Trend {
	case TrendAvg:
		copy(d.Trend, Const(meanValid(deseason), n))
	case TrendLinefit:
		fit := FitLine(deseason)
		for i := range d.Trend {
			d.Trend[i] = fit.Interception + fit.Slope*float64(i+1)
		}
	}
	for i := range d.Baseline {
		d.Baseline[i] = d.Seasonal[i] + d.Trend[i]
		d.Residual[i] = s[i] - d.Baseline[i] // null stays null
	}
	return d, nil
}

// autoPeriod returns the best detected period whose score reaches
// threshold, or 0.
func autoPeriod(x Series, threshold float64) int {
	found := detectPeriods(x, minPeriodPoints, float64(len(x))/2, 1)
	if len(found) == 0 || found[0].score < threshold {
		return 0
	}
	return found[0].lag
}

// seasonalComponent returns n values of the per-phase medians of x.
func seasonalComponent(x Series, period, n int) Series {
	phase := make([]float64, period)
	buf := make([]float64, 0, len(x)/period+1)
	for p := range phase {
		buf = buf[:0]
		for i := p; i < len(x); i += period {
			buf = append(buf, x[i])
		}
		phase[p] = median(buf)
		if IsNull(phase[p]) {
			phase[p] = 0
		}
	}
	out := make(Series, n)
	for i := range out {
		out[i] = phase[i%period]
	}
	return out
}

// Seasonal implements series_seasonal(s, period): the per-phase medians for
// a positive period; with SeasonalityAuto the period detected with Kusto's
// documented threshold of 0.7; zeros when no period is found or for any
// other value.
func Seasonal(s Series, period int) Series {
	x := interpolated(s)
	if period == SeasonalityAuto {
		period = autoPeriod(x, 0.7)
	}
	if period <= 0 || len(x) == 0 {
		return make(Series, len(s))
	}
	return seasonalComponent(x, period, len(x))
}

// AnomalyOptions are series_decompose_anomalies' optional arguments.
type AnomalyOptions struct {
	DecomposeOptions
	// Threshold is Tukey's k: a score beyond ±Threshold is an anomaly.
	Threshold float64
	// Method is the ad_method: CTukey (default) or Tukey.
	Method OutlierKind
}

// DefaultAnomalies returns Kusto's defaults: threshold 1.5, detected
// seasonality, avg trend, no test points, ctukey, seasonality threshold 0.6.
func DefaultAnomalies() AnomalyOptions {
	return AnomalyOptions{DecomposeOptions: DefaultDecompose(), Threshold: 1.5, Method: CTukey}
}

// Anomalies is the result of series_decompose_anomalies: Flags holds +1, -1
// or 0 per point (ad_flag), Scores the outlier score of the residual
// (ad_score), Baseline the decomposition baseline.
type Anomalies struct {
	Flags    []int
	Scores   Series
	Baseline Series
	Period   int
}

// DecomposeAnomalies implements series_decompose_anomalies: the residual of
// [Decompose] scored with [Outliers] (percentiles from the learning points
// only) and flagged where the score passes ±Threshold. A null input point
// scores 0 and is not flagged.
func DecomposeAnomalies(s Series, o AnomalyOptions) (Anomalies, error) {
	d, err := Decompose(s, o.DecomposeOptions)
	if err != nil {
		return Anomalies{}, err
	}
	if o.Method == "" {
		o.Method = CTukey
	}
	oo := OutlierOptions{Kind: o.Method, MinPercentile: 10, MaxPercentile: 90}
	if o.Method == Tukey {
		oo.MinPercentile, oo.MaxPercentile = 25, 75
	} else if o.Method != CTukey {
		return Anomalies{}, fmt.Errorf("%w: unknown ad_method %q (want ctukey or tukey)", ErrDecompose, o.Method)
	}
	learn := len(s) - o.TestPoints
	a := Anomalies{
		Scores:   outlierScores(d.Residual, learn, IsNull, oo),
		Baseline: d.Baseline,
		Flags:    make([]int, len(s)),
		Period:   d.Period,
	}
	for i, sc := range a.Scores {
		switch {
		case sc > o.Threshold:
			a.Flags[i] = 1
		case sc < -o.Threshold:
			a.Flags[i] = -1
		}
	}
	return a, nil
}

// DecomposeForecast implements series_decompose_forecast(s, points, ...):
// the baseline of a decomposition that learns from all but the last points
// elements, which is the forecast for them (and the fit for the rest).
func DecomposeForecast(s Series, points int, o DecomposeOptions) (Series, error) {
	o.TestPoints = points
	d, err := Decompose(s, o)
	if err != nil {
		return nil, err
	}
	return d.Baseline, nil
}
