package timeseries

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var approx = cmpopts.EquateApprox(1e-9, 1e-9)
var nans = cmpopts.EquateNaNs()

func TestBinaryLengthsAndNulls(t *testing.T) {
	tests := []struct {
		name string
		op   BinaryOp
		a, b Series
		want Series
	}{
		{"shorter operand padded with null", Add, Series{1, 2, 3}, Series{10}, Series{11, null, null}},
		{"null propagates", Multiply, Series{1, null, 3}, Series{2, 2, 2}, Series{2, null, 6}},
		{"division by zero is Inf, 0/0 null", Divide, Series{1, 0}, Series{0, 0}, Series{math.Inf(1), null}},
		{"scalar broadcast", Subtract, Series{5, 6}, Const(1, 2), Series{4, 5}},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, Binary(tt.op, tt.a, tt.b), nans); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
	if got := Compare(Less, Series{1, null}, Series{2, 2, 2}); !cmp.Equal(got, []NullBool{BoolTrue, BoolNull, BoolNull}) {
		t.Errorf("Compare with nulls = %v", got)
	}
}

func TestOpNames(t *testing.T) {
	for i := range unaryNames {
		op, ok := ParseUnaryOp(UnaryOp(i).String())
		if !ok || op != UnaryOp(i) {
			t.Errorf("unary %d does not round-trip", i)
		}
	}
	if _, ok := ParseBinaryOp("divide"); !ok {
		t.Error("divide not found")
	}
	if op, ok := ParseCmpOp("not_equals"); !ok || op != NotEquals {
		t.Error("not_equals not found")
	}
	if _, ok := ParseUnaryOp("nope"); ok {
		t.Error("unknown name accepted")
	}
}

func TestStatsNonFinite(t *testing.T) {
	s := Series{3, null, 1, math.Inf(1), 2}
	if got := Stats(s, false); !IsNull(got.Avg) || got.MinIdx != -1 {
		t.Errorf("Stats(ignore=false) = %+v, want all null", got)
	}
	got := Stats(s, true)
	want := SeriesStats{Min: 1, MinIdx: 2, Max: 3, MaxIdx: 0, Avg: 2, Variance: 1, Stdev: 1, Sum: 6, Len: 3}
	if d := cmp.Diff(want, got, approx); d != "" {
		t.Errorf("Stats(ignore=true) (-want +got):\n%s", d)
	}
}

func TestFillForward(t *testing.T) {
	got := FillForward(Series{null, 1, null, null, 4, -1}, Null)
	if d := cmp.Diff(Series{null, 1, 1, 1, 4, -1}, got, nans); d != "" {
		t.Error(d)
	}
	got = FillForward(Series{5, -1, -1, 7}, -1)
	if d := cmp.Diff(Series{5, 5, 5, 7}, got); d != "" {
		t.Errorf("placeholder -1: %s", d)
	}
}

func TestFit2Lines(t *testing.T) {
	// A rise then a fall: the documented example's shape, made exact.
	s := Series{1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1}
	f := Fit2Lines(s)
	// Splits 5 and 6 both fit exactly (the peak lies on both lines); the
	// first wins.
	if f.SplitIdx != 5 || !closeTo(f.RSquare, 1, 1e-12) {
		t.Fatalf("split %d rsquare %v, want split 5 rsquare 1", f.SplitIdx, f.RSquare)
	}
	want := SegmentFit{RSquare: 1, Slope: 1, Interception: 0, Variance: 2.5, RVariance: 0}
	if d := cmp.Diff(want, f.Left, approx); d != "" {
		t.Errorf("left (-want +got):\n%s", d)
	}
	if !closeTo(f.Right.Slope, -1, 1e-12) || !closeTo(f.Right.Interception, 12, 1e-12) {
		t.Errorf("right = %+v, want slope -1 interception 12", f.Right)
	}
	if d := diffSeries(f.LineFit, s, 1e-12); d != "" {
		t.Error(d)
	}
	// The documented example's series breaks at its peak (12 at index 5).
	doc := Fit2Lines(Series{1, 2.2, 2.5, 4.7, 5.0, 12, 10.3, 10.3, 9, 8.3, 6.2})
	if doc.Left.Slope <= 0 || doc.Right.Slope >= 0 || doc.RSquare < FitLine(Series{1, 2.2, 2.5, 4.7, 5.0, 12, 10.3, 10.3, 9, 8.3, 6.2}).RSquare {
		t.Errorf("documented series: %+v", doc)
	}
}

func TestFitPoly(t *testing.T) {
	x := Series{-2, -1, 0, 1, 2, 3}
	y := make(Series, len(x))
	for i, v := range x {
		y[i] = 2*v*v - 3*v + 1
	}
	f, err := FitPoly(y, x, 2)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]float64{2, -3, 1}, f.Coefficients, approx); d != "" {
		t.Errorf("coefficients (-want +got):\n%s", d)
	}
	if !closeTo(f.RSquare, 1, 1e-12) || !closeTo(f.RVariance, 0, 1e-12) {
		t.Errorf("rsquare %v rvariance %v", f.RSquare, f.RVariance)
	}
	// Degree 1 over the default x equals series_fit_line (the docs' example 2).
	s := Series{2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30}
	p, _ := FitPoly(s, nil, 1)
	l := FitLine(s)
	if d := cmp.Diff([]float64{l.Slope, l.Interception, l.RSquare}, []float64{p.Coefficients[0], p.Coefficients[1], p.RSquare}, approx); d != "" {
		t.Errorf("poly(1) vs line (-line +poly):\n%s", d)
	}
	for _, bad := range []struct {
		y, x Series
		deg  int
	}{{s, nil, 0}, {s, Series{1}, 1}, {Series{1, 2}, nil, 3}} {
		if _, err := FitPoly(bad.y, bad.x, bad.deg); !errors.Is(err, ErrPolyFit) {
			t.Errorf("FitPoly(%v, %v, %d) error = %v", bad.y, bad.x, bad.deg, err)
		}
	}
}

func TestFIR(t *testing.T) {
	val := Series{0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 40, 100, 40, 20, 10, 0, 0, 0, 0, 0, 0, 0, 0}
	ma, _ := FIR(val, []float64{1, 1, 1, 1, 1}, true, false)
	centered, _ := FIR(val, []float64{1, 1, 1, 1, 1}, true, true)
	// The docs: the trailing average's peak lags by (5-1)/2 = 2 bins, the
	// centered one stays in place.
	if argmax(ma) != 14 || argmax(centered) != 12 || !closeTo(ma[14], 44, 1e-12) {
		t.Errorf("moving average peaks at %d (%v) and %d, want 14 (44) and 12", argmax(ma), ma[14], argmax(centered))
	}
	diff, _ := FIR(Series{0, 0, 0, 0, 2, 2, 2, 2, 3, 3, 3, 3}, []float64{1, -1}, false, false)
	if d := cmp.Diff(Series{0, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0}, diff); d != "" {
		t.Errorf("difference filter (-want +got):\n%s", d)
	}
	if _, err := FIR(val, []float64{1, -1}, true, false); !errors.Is(err, ErrFilter) {
		t.Errorf("normalizing a negative filter: err = %v", err)
	}
	if !FIRDefaultNormalize([]float64{1, 2}) || FIRDefaultNormalize([]float64{1, -1}) {
		t.Error("FIRDefaultNormalize")
	}
}

func argmax(s Series) int {
	b := 0
	for i, v := range s {
		if v > s[b] {
			b = i
		}
	}
	return b
}

func TestOutliersTukey(t *testing.T) {
	s := Series{30, 28, 5, 27, 31, 38, 29, 80, 25, 37, 30}
	got, err := Outliers(s, OutlierOptions{Kind: Tukey})
	if err != nil {
		t.Fatal(err)
	}
	// Q1 = 27.5, Q3 = 34 (linear interpolation); one unit is the IQR 6.5.
	want := Series{0, 0, (5 - 27.5) / 6.5, (27 - 27.5) / 6.5, 0, (38 - 34) / 6.5, 0, (80 - 34) / 6.5, (25 - 27.5) / 6.5, (37 - 34) / 6.5, 0}
	if d := diffSeries(got, want, 1e-12); d != "" {
		t.Error(d)
	}
	if _, err := Outliers(s, OutlierOptions{Kind: CTukey, MinPercentile: 1, MaxPercentile: 90}); !errors.Is(err, ErrOutliers) {
		t.Errorf("min_percentile 1: err = %v", err)
	}
	if _, err := Outliers(s, OutlierOptions{Kind: "zscore"}); !errors.Is(err, ErrOutliers) {
		t.Errorf("unknown kind: err = %v", err)
	}
	flat := Series{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9}
	sc, _ := Outliers(flat, DefaultOutliers())
	if sc[11] < 1.5 || sc[0] != 0 {
		t.Errorf("a spike in a flat series scores %v", sc)
	}
	withNull, _ := Outliers(Series{1, null, 2, 3, 100}, DefaultOutliers())
	if withNull[1] != 0 {
		t.Errorf("null scores %v, want 0", withNull[1])
	}
	minus1 := -1.0
	o := DefaultOutliers()
	o.IgnoreVal = &minus1
	ign, _ := Outliers(Series{-1, 5, 5, 5, 5, 5, 5, 5, 5, 5}, o)
	if ign[0] != 0 {
		t.Errorf("ignore_val -1 scores %v, want 0", ign[0])
	}
}

// synthetic returns hourly points with a daily and weekly rhythm, a trend,
// noise and the given spikes, like the series_decompose documentation's.
func synthetic(n int, spikes map[int]float64) Series {
	r := rand.New(rand.NewPCG(1, 2))
	s := make(Series, n)
	for t := range s {
		weekend := (t/24)%7 >= 5
		base := 15.0
		if weekend {
			base = 5
		}
		h := float64(t%24) / 10
		s[t] = base - h*h + float64(t)/72 + 2*r.Float64()
		s[t] += spikes[t]
	}
	return s
}

func TestDecomposeFindsSpikes(t *testing.T) {
	spikes := map[int]float64{150: -8, 200: -8, 300: 8, 400: 8, 600: 8, 780: -8}
	s := synthetic(24*7*5, spikes)
	o := DefaultAnomalies()
	o.Trend = TrendLinefit
	// The per-phase median keeps a week's worth of trend, so the residual
	// carries a weekly sawtooth; k=3 ("far out") separates the ±8 spikes
	// from it.
	o.Threshold = 3
	a, err := DecomposeAnomalies(s, o)
	if err != nil {
		t.Fatal(err)
	}
	if a.Period != 168 {
		t.Errorf("period %d, want 168", a.Period)
	}
	for i, f := range a.Flags {
		want := 0
		if v, ok := spikes[i]; ok {
			want = int(math.Copysign(1, v))
		}
		if f != want {
			t.Errorf("point %d flagged %d (score %.2f), want %d", i, f, a.Scores[i], want)
		}
	}
}

func TestDecomposeForecast(t *testing.T) {
	s := synthetic(24*7*5, nil)
	const week = 24 * 7
	truth := make(Series, len(s))
	copy(truth, s)
	for i := len(s) - week; i < len(s); i++ {
		s[i] = null // make-series leaves the forecast week empty
	}
	o := DefaultDecompose()
	o.Trend = TrendLinefit
	f, err := DecomposeForecast(s, week, o)
	if err != nil {
		t.Fatal(err)
	}
	var mae float64
	for i := len(s) - week; i < len(s); i++ {
		mae += math.Abs(f[i] - truth[i])
	}
	mae /= week
	if mae > 1.5 { // the noise alone is uniform on [0, 2]
		t.Errorf("forecast mean absolute error %.2f, want <= 1.5", mae)
	}
	if _, err := DecomposeForecast(s, len(s), o); !errors.Is(err, ErrDecompose) {
		t.Errorf("forecasting every point: err = %v", err)
	}
}

func TestDecomposeOptions(t *testing.T) {
	s := Series{1, 2, 3, 4, 5, 6, 7, 8}
	d, err := Decompose(s, DecomposeOptions{Seasonality: SeasonalityNone, Trend: TrendLinefit})
	if err != nil {
		t.Fatal(err)
	}
	if d := diffSeries(d.Residual, make(Series, 8), 1e-12); d != "" {
		t.Errorf("a line leaves no residual: %s", d)
	}
	d, _ = Decompose(s, DecomposeOptions{Seasonality: SeasonalityNone, Trend: TrendNone})
	if diffSeries(d.Baseline, make(Series, 8), 0) != "" || diffSeries(d.Residual, s, 0) != "" {
		t.Error("no seasonality and no trend must return baseline 0 and residual x")
	}
	withNull := Series{1, 2, null, 4}
	d, _ = Decompose(withNull, DecomposeOptions{Trend: TrendAvg})
	if !IsNull(d.Residual[2]) || IsNull(d.Baseline[2]) {
		t.Errorf("null point: baseline %v residual %v", d.Baseline[2], d.Residual[2])
	}
	if _, err := Decompose(s, DecomposeOptions{Trend: "cubic"}); !errors.Is(err, ErrDecompose) {
		t.Errorf("unknown trend: err = %v", err)
	}
	if _, err := DecomposeAnomalies(s, AnomalyOptions{Method: "zscore"}); !errors.Is(err, ErrDecompose) {
		t.Errorf("unknown ad_method: err = %v", err)
	}
}

func TestPeriodsDetectHourly(t *testing.T) {
	s := synthetic(24*7*5, nil)
	p, sc := PeriodsDetect(s, 0.8*24, 1.2*168, 2)
	if p[0] != 168 || p[1] != 24 {
		t.Errorf("periods %v (scores %v), want [168 24]", p, sc)
	}
	noise := make(Series, 500)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range noise {
		noise[i] = r.NormFloat64()
	}
	if p, sc := PeriodsDetect(noise, 4, 250, 1); sc[0] >= 0.6 {
		t.Errorf("white noise: period %v with score %v passes the seasonality threshold", p, sc)
	}
	if p, _ := PeriodsDetect(Series{1, 2, 3}, 0, 10, 2); len(p) != 2 || p[0] != 0 {
		t.Errorf("too short: %v", p)
	}
	if v := PeriodsValidate(s, 168, 24, 2, 1000); v[0] < 0.6 || v[1] < 0.3 || v[2] != 0 || v[3] != 0 {
		t.Errorf("validate = %v", v)
	}
}
