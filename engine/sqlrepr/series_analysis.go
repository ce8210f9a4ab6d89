package sqlrepr

import (
	"encoding/json"
	"strconv"

	ts "github.com/huntbook/huntbook/secops/timeseries"
	"github.com/huntbook/huntbook/table"
)

// analysisFuncs are the filters, fits, decompositions and detectors, and
// the bag forms of the multi-column ones.
func analysisFuncs() []seriesFunc {
	d := table.Dynamic
	withSeries := func(f func(s ts.Series, ints bool, a seriesArgs) any) func(seriesArgs) any {
		return func(a seriesArgs) any {
			s, ints, ok := a.series(0)
			if !ok {
				return nil
			}
			return f(s, ints, a)
		}
	}
	return []seriesFunc{
		{"series_fir", d, withSeries(fir)},
		{"series_iir", d, withSeries(iir)},
		{"series_outliers", d, withSeries(outliers)},
		{"series_seasonal", d, withSeries(func(s ts.Series, _ bool, a seriesArgs) any {
			return json.RawMessage(jsonSeries(ts.Seasonal(s, a.integer(1, ts.SeasonalityAuto)), false))
		})},
		{"series_decompose_forecast", d, withSeries(forecast)},
		{"series_stats_dynamic", d, withSeries(func(s ts.Series, _ bool, a seriesArgs) any { return statsBag(s, a) })},
		{"series_fit_line_dynamic", d, withSeries(func(s ts.Series, _ bool, _ seriesArgs) any { return fitLineBag(s) })},
		{"series_fit_2lines_dynamic", d, withSeries(func(s ts.Series, _ bool, _ seriesArgs) any { return fit2LinesBag(s, true) })},
		{SeriesBag("series_stats"), d, withSeries(func(s ts.Series, _ bool, a seriesArgs) any { return statsBag(s, a) })},
		{SeriesBag("series_fit_line"), d, withSeries(func(s ts.Series, _ bool, _ seriesArgs) any { return fitLineBag(s) })},
		{SeriesBag("series_fit_2lines"), d, withSeries(func(s ts.Series, _ bool, _ seriesArgs) any { return fit2LinesBag(s, false) })},
		{SeriesBag("series_decompose"), d, withSeries(decomposeBag)},
		{SeriesBag("series_decompose_anomalies"), d, withSeries(anomaliesBag)},
		{SeriesBag("series_periods_detect"), d, withSeries(periodsDetectBag)},
		{SeriesBag("series_periods_validate"), d, withSeries(periodsValidateBag)},
		{SeriesBag("series_fit_poly"), d, withSeries(fitPolyBag)},
		{SeriesBag("series_fft"), d, fftBag(false)},
		{SeriesBag("series_ifft"), d, fftBag(true)},
	}
}

func fir(s ts.Series, _ bool, a seriesArgs) any {
	filter, _, ok := a.series(1)
	if !ok {
		return nil
	}
	out, err := ts.FIR(s, filter, a.boolean(2, ts.FIRDefaultNormalize(filter)), a.boolean(3, false))
	if err != nil {
		return nil
	}
	return json.RawMessage(jsonSeries(out, false))
}

func iir(s ts.Series, _ bool, a seriesArgs) any {
	num, _, ok1 := a.series(1)
	den, _, ok2 := a.series(2)
	if !ok1 || !ok2 {
		return nil
	}
	out, err := ts.IIR(s, num, den)
	if err != nil {
		return nil
	}
	return json.RawMessage(jsonSeries(out, false))
}

func outliers(s ts.Series, _ bool, a seriesArgs) any {
	o := ts.DefaultOutliers()
	o.Kind = ts.OutlierKind(a.str(1, string(ts.CTukey)))
	if v, _, ok := number(a.at(2)); ok {
		o.IgnoreVal = &v
	}
	o.MinPercentile, o.MaxPercentile = a.num(3, 10), a.num(4, 90)
	out, err := ts.Outliers(s, o)
	if err != nil {
		return nil
	}
	return json.RawMessage(jsonSeries(out, false))
}

// decomposeOptions reads seasonality, trend, test points and the
// seasonality threshold from the given argument positions (-1: absent).
func decomposeOptions(a seriesArgs, season, trend, test, threshold int) ts.DecomposeOptions {
	o := ts.DefaultDecompose()
	o.Seasonality = a.integer(season, ts.SeasonalityAuto)
	o.Trend = ts.Trend(a.str(trend, string(ts.TrendAvg)))
	if test >= 0 {
		o.TestPoints = a.integer(test, 0)
	}
	o.SeasonalityThreshold = a.num(threshold, 0.6)
	return o
}

func forecast(s ts.Series, _ bool, a seriesArgs) any {
	out, err := ts.DecomposeForecast(s, a.integer(1, 0), decomposeOptions(a, 2, 3, -1, 4))
	if err != nil {
		return nil
	}
	return json.RawMessage(jsonSeries(out, false))
}

func decomposeBag(s ts.Series, _ bool, a seriesArgs) any {
	d, err := ts.Decompose(s, decomposeOptions(a, 1, 2, 3, 4))
	if err != nil {
		return nil
	}
	b := &jsonBag{}
	b.add("baseline", jsonSeries(d.Baseline, false)).add("seasonal", jsonSeries(d.Seasonal, false))
	b.add("trend", jsonSeries(d.Trend, false)).add("residual", jsonSeries(d.Residual, false))
	return b.raw()
}

func anomaliesBag(s ts.Series, _ bool, a seriesArgs) any {
	o := ts.DefaultAnomalies()
	o.Threshold = a.num(1, 1.5)
	o.DecomposeOptions = decomposeOptions(a, 2, 3, 4, 6)
	o.Method = ts.OutlierKind(a.str(5, string(ts.CTukey)))
	r, err := ts.DecomposeAnomalies(s, o)
	if err != nil {
		return nil
	}
	b := &jsonBag{}
	b.add("ad_flag", jsonInts(r.Flags)).add("ad_score", jsonSeries(r.Scores, false)).add("baseline", jsonSeries(r.Baseline, false))
	return b.raw()
}

func periodsDetectBag(s ts.Series, _ bool, a seriesArgs) any {
	p, sc := ts.PeriodsDetect(s, a.num(1, 0), a.num(2, 0), a.integer(3, 1))
	b := &jsonBag{}
	b.add("periods", jsonSeries(p, false)).add("scores", jsonSeries(sc, false))
	return b.raw()
}

func periodsValidateBag(s ts.Series, _ bool, a seriesArgs) any {
	var periods []float64
	for i := 1; i < len(a); i++ {
		periods = append(periods, a.num(i, 0))
	}
	sc := ts.PeriodsValidate(s, periods...)
	b := &jsonBag{}
	b.add("periods", jsonSeries(periods, false)).add("scores", jsonSeries(sc, false))
	return b.raw()
}

func fitPolyBag(y ts.Series, _ bool, a seriesArgs) any {
	x, _, _ := a.series(1)
	r, err := ts.FitPoly(y, x, a.integer(2, 1))
	if err != nil {
		return nil
	}
	b := &jsonBag{}
	b.add("rsquare", jsonReal(r.RSquare)).add("coefficients", jsonSeries(r.Coefficients, false))
	b.add("variance", jsonReal(r.Variance)).add("rvariance", jsonReal(r.RVariance)).add("poly_fit", jsonSeries(r.PolyFit, false))
	return b.raw()
}

func statsBag(s ts.Series, a seriesArgs) any {
	st := ts.Stats(s, a.boolean(1, false))
	idx := func(i int) string {
		if i < 0 {
			return "null"
		}
		return strconv.Itoa(i)
	}
	b := &jsonBag{}
	b.add("min", jsonReal(st.Min)).add("min_idx", idx(st.MinIdx)).add("max", jsonReal(st.Max)).add("max_idx", idx(st.MaxIdx))
	b.add("avg", jsonReal(st.Avg)).add("stdev", jsonReal(st.Stdev)).add("variance", jsonReal(st.Variance))
	b.add("sum", jsonReal(st.Sum)).add("len", strconv.Itoa(st.Len))
	return b.raw()
}

func fitLineBag(s ts.Series) any {
	f := ts.FitLine(s)
	b := &jsonBag{}
	b.add("rsquare", jsonReal(f.RSquare)).add("slope", jsonReal(f.Slope)).add("variance", jsonReal(f.Variance))
	b.add("rvariance", jsonReal(f.RVariance)).add("interception", jsonReal(f.Interception)).add("line_fit", jsonSeries(f.LineFit, false))
	return b.raw()
}

// fit2LinesBag is the series_fit_2lines result: nested right/left bags
// for series_fit_2lines_dynamic, flat right_*/left_* properties for the
// column form.
func fit2LinesBag(s ts.Series, nested bool) any {
	f := ts.Fit2Lines(s)
	b := &jsonBag{}
	b.add("rsquare", jsonReal(f.RSquare)).add("split_idx", strconv.Itoa(f.SplitIdx)).add("variance", jsonReal(f.Variance))
	b.add("rvariance", jsonReal(f.RVariance)).add("line_fit", jsonSeries(f.LineFit, false))
	for _, side := range []struct {
		name string
		seg  ts.SegmentFit
	}{{"right", f.Right}, {"left", f.Left}} {
		seg := &jsonBag{}
		seg.add("rsquare", jsonReal(side.seg.RSquare)).add("slope", jsonReal(side.seg.Slope))
		seg.add("interception", jsonReal(side.seg.Interception)).add("variance", jsonReal(side.seg.Variance))
		seg.add("rvariance", jsonReal(side.seg.RVariance))
		if nested {
			b.add(side.name, string(seg.raw()))
			continue
		}
		for _, p := range seg.parts {
			b.parts = append(b.parts, `"`+side.name+"_"+p[1:])
		}
	}
	return b.raw()
}
