package timeseries

import (
	"math"
	"math/cmplx"
	"slices"
	"sort"

	"gonum.org/v1/gonum/dsp/fourier"
)

// The period detector follows AUTOPERIOD (Vlachos, Yu and Castelli, "On
// periodicity detection and structural periodic similarity", SDM 2005):
// peaks of the periodogram propose candidate periods, and the
// autocorrelation function confirms each one on a "hill" around it and
// scores it. Either test alone misleads: the periodogram leaks power into
// neighbouring bins and cannot tell long periods apart, while the
// autocorrelation is high at every multiple of a true period. Microsoft
// documents the interface (periods of at least 4 points and at most half the
// series, scores in [0, 1]) but not the algorithm; the choices below were
// checked against every published output (see periods_test.go).
const (
	minPeriodPoints = 4
	// peakPower is how many times the mean periodogram power a peak must
	// reach to propose a period; under white noise an ordinate exceeds it
	// with probability e^-3 ≈ 5%.
	peakPower = 3.0
	// maxCandidates bounds the peaks examined, keeping detection O(n log n).
	maxCandidates = 24
)

// spectrum holds what period detection needs of one series: the
// periodogram of the detrended series zero-padded to m points (finer than
// the n/k grid, so candidate periods fall between integer bins), and its
// autocorrelation, both from one FFT (Wiener–Khinchin).
type spectrum struct {
	n         int
	m         int
	power     []float64 // |X(k)|², k = 0..m/2
	meanPower float64
	acov      []float64 // autocovariance sums Σ d[i]d[i+lag], lag = 0..n-1
}

func newSpectrum(s Series) *spectrum {
	x := interpolated(s)
	n := len(x)
	d := detrend(x)
	m := 1
	for m < 2*n {
		m <<= 1
	}
	buf := make([]float64, m)
	copy(buf, d)
	fft := fourier.NewFFT(m)
	coef := fft.Coefficients(nil, buf)
	sp := &spectrum{n: n, m: m, power: make([]float64, len(coef))}
	for k, c := range coef {
		a := cmplx.Abs(c)
		sp.power[k] = a * a
		if k > 0 {
			sp.meanPower += sp.power[k]
		}
		coef[k] = complex(sp.power[k], 0)
	}
	sp.meanPower /= float64(len(coef) - 1)
	seq := fft.Sequence(nil, coef)
	sp.acov = seq[:n]
	return sp
}

// detrend removes the least-squares line, so that a trend does not pass for
// a very long period.
func detrend(x Series) Series {
	fit := FitLine(x)
	out := make(Series, len(x))
	for i, v := range x {
		out[i] = v - fit.LineFit[i]
	}
	return out
}

// acf returns the autocorrelation at an integer lag with the unbiased
// normalisation (each lag's sum divided by its own number of pairs), so that
// a perfectly repeating series scores 1 at any lag up to n/2; the biased
// estimate would cap a period of n/2 at 0.5.
func (sp *spectrum) acf(lag int) float64 {
	if lag <= 0 || lag >= sp.n || sp.acov[0] == 0 {
		return 0
	}
	return (sp.acov[lag] / float64(sp.n-lag)) / (sp.acov[0] / float64(sp.n))
}

// acfAt interpolates the autocorrelation at a fractional lag.
func (sp *spectrum) acfAt(p float64) float64 {
	f := math.Floor(p)
	a := sp.acf(int(f))
	if p == f {
		return a
	}
	return a + (sp.acf(int(f)+1)-a)*(p-f)
}

// powerAt returns the largest periodogram ordinate within half an original
// frequency bin of the given period.
func (sp *spectrum) powerAt(period float64) float64 {
	k := float64(sp.m) / period
	w := float64(sp.m) / float64(sp.n) / 2
	lo, hi := int(math.Floor(k-w)), int(math.Ceil(k+w))
	best := 0.0
	for j := max(lo, 1); j <= hi && j < len(sp.power); j++ {
		best = max(best, sp.power[j])
	}
	return best
}

// supported reports whether the periodogram has power at the period or at
// one of its harmonics that is itself a detectable period (at least four
// points), so that a weekly period is supported by a daily rhythm.
func (sp *spectrum) supported(p float64) bool {
	for h := 1; p/float64(h) >= minPeriodPoints; h++ {
		if sp.powerAt(p/float64(h)) >= peakPower*sp.meanPower {
			return true
		}
	}
	return false
}

// candidate is a confirmed period with its score.
type candidate struct {
	lag   int
	score float64
}

// PeriodsDetect implements series_periods_detect(s, min_period, max_period,
// num_periods). It returns num_periods periods (in bins) and their scores in
// [0, 1], best first, padded with zeros when fewer periods are found. A
// period must span at least 4 points, and the series must hold it more
// than twice over.
func PeriodsDetect(s Series, minPeriod, maxPeriod float64, numPeriods int) (periods, scores []float64) {
	periods = make([]float64, max(numPeriods, 0))
	scores = make([]float64, len(periods))
	found := detectPeriods(s, minPeriod, maxPeriod, numPeriods)
	for i, c := range found {
		periods[i], scores[i] = float64(c.lag), c.score
	}
	return periods, scores
}

func detectPeriods(s Series, minPeriod, maxPeriod float64, num int) []candidate {
	n := len(s)
	lagMin := max(minPeriodPoints, int(math.Ceil(minPeriod)))
	lagMax := min(int(math.Floor(maxPeriod)), (n-1)/2)
	if num <= 0 || lagMin > lagMax {
		return nil
	}
	sp := newSpectrum(s)
	if sp.acov[0] == 0 {
		return nil // a straight line has no period
	}
	var found []candidate
	for _, k := range sp.peaks(lagMin, lagMax) {
		if c, ok := sp.climb(k, lagMin, lagMax); ok {
			found = append(found, c)
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].score != found[j].score {
			return found[i].score > found[j].score
		}
		return found[i].lag < found[j].lag
	})
	var kept []candidate
	for _, c := range found {
		if !redundant(c, kept) {
			kept = append(kept, c)
		}
		if len(kept) == num {
			break
		}
	}
	return kept
}

// peaks returns the padded-spectrum indexes of significant local maxima
// whose period lies in [lagMin, lagMax] (give or take one original bin),
// strongest first.
func (sp *spectrum) peaks(lagMin, lagMax int) []int {
	w := sp.m / sp.n
	kLo := max(1, sp.m/(lagMax+1)-w)
	kHi := min(len(sp.power)-2, sp.m/lagMin+w)
	var ks []int
	for k := kLo; k <= kHi; k++ {
		p := sp.power[k]
		if p > sp.power[k-1] && p >= sp.power[k+1] && p >= peakPower*sp.meanPower {
			ks = append(ks, k)
		}
	}
	slices.SortFunc(ks, func(a, b int) int {
		switch {
		case sp.power[a] > sp.power[b]:
			return -1
		case sp.power[a] < sp.power[b]:
			return 1
		}
		return a - b
	})
	if len(ks) > maxCandidates {
		ks = ks[:maxCandidates]
	}
	return ks
}

// climb looks for the autocorrelation maximum among the lags the spectral
// peak k can stand for (its period give or take one original frequency
// bin) and accepts it if it is a hill, not just the edge of a slope.
func (sp *spectrum) climb(k, lagMin, lagMax int) (candidate, bool) {
	w := float64(sp.m) / float64(sp.n)
	lo := int(math.Floor(float64(sp.m) / (float64(k) + w)))
	hi := lagMax
	if float64(k) > w {
		hi = int(math.Ceil(float64(sp.m) / (float64(k) - w)))
	}
	lo, hi = max(lo, lagMin), min(hi, lagMax)
	best, bestACF := -1, math.Inf(-1)
	for lag := lo; lag <= hi; lag++ {
		if a := sp.acf(lag); a > bestACF {
			best, bestACF = lag, a
		}
	}
	if best < 0 || bestACF <= 0 {
		return candidate{}, false
	}
	if sp.acf(best-1) > bestACF || sp.acf(best+1) > bestACF {
		return candidate{}, false
	}
	return candidate{lag: best, score: min(bestACF, 1)}, true
}

// redundant reports whether c repeats a better-scoring period already kept
// or is one of its multiples: a series with a daily rhythm also repeats
// every two days, which is no news. A multiple that repeats better than its
// divisor (a weekly pattern over a weaker daily one) was sorted first and is
// kept.
func redundant(c candidate, kept []candidate) bool {
	for _, k := range kept {
		if c.lag == k.lag {
			return true
		}
		m := math.Round(float64(c.lag) / float64(k.lag))
		if m >= 2 && math.Abs(float64(c.lag)-m*float64(k.lag)) <= math.Max(1, 0.02*float64(c.lag)) {
			return true
		}
	}
	return false
}

// PeriodsValidate implements series_periods_validate(s, p1, p2, ...): the
// score of each given period, 0 when it is shorter than 4 points or longer
// than half the series (as Kusto documents), or when the periodogram shows
// no power at it or at a harmonic of at least 4 points. A fractional period
// is scored by interpolating the autocorrelation.
func PeriodsValidate(s Series, periods ...float64) []float64 {
	scores := make([]float64, len(periods))
	n := float64(len(s))
	var sp *spectrum
	for i, p := range periods {
		if IsNull(p) || p < minPeriodPoints || p > n/2 {
			continue
		}
		if sp == nil {
			sp = newSpectrum(s)
		}
		if sp.acov[0] == 0 || !sp.supported(p) {
			continue
		}
		scores[i] = math.Max(0, math.Min(1, sp.acfAt(p)))
	}
	return scores
}
