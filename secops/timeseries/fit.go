package timeseries

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// LineFit is the result of series_fit_line. X runs over 1..n (the first
// element is at x=1, so Interception is the line's value at x=0, as in
// Kusto's documented example). Variance and RVariance divide by n-1.
type LineFit struct {
	RSquare      float64
	Slope        float64
	Variance     float64
	RVariance    float64
	Interception float64
	LineFit      Series
}

// sums accumulates the moments of a set of (x, y) points. Values are shifted
// by x0, y0 before they are summed so that long series of large numbers
// (bytes per hour) keep their precision.
type sums struct {
	n, x, y, xx, xy, yy float64
}

func (s *sums) add(x, y float64) {
	s.n++
	s.x += x
	s.y += y
	s.xx += x * x
	s.xy += x * y
	s.yy += y * y
}

func (s sums) sub(o sums) sums {
	return sums{s.n - o.n, s.x - o.x, s.y - o.y, s.xx - o.xx, s.xy - o.xy, s.yy - o.yy}
}

// line returns slope, intercept (in shifted coordinates), the residual and
// total sums of squares.
func (s sums) line() (slope, icept, sse, sst float64) {
	if s.n == 0 {
		return Null, Null, Null, Null
	}
	sxx := s.xx - s.x*s.x/s.n
	sxy := s.xy - s.x*s.y/s.n
	sst = s.yy - s.y*s.y/s.n
	if sst < 0 {
		sst = 0
	}
	if sxx == 0 {
		return 0, s.y / s.n, sst, sst
	}
	slope = sxy / sxx
	icept = (s.y - slope*s.x) / s.n
	sse = sst - slope*sxy
	if sse < 0 {
		sse = 0
	}
	return slope, icept, sse, sst
}

func rsquare(sse, sst float64) float64 {
	if sst == 0 {
		if sse == 0 {
			return 1
		}
		return 0
	}
	return 1 - sse/sst
}

func div(a, n float64) float64 {
	if n <= 0 {
		return Null
	}
	return a / n
}

// FitLine implements series_fit_line. Null elements are left out of the
// regression; LineFit still has a value at every position.
func FitLine(s Series) LineFit {
	y0 := meanValid(s)
	var m sums
	for i, v := range s {
		if !IsNull(v) {
			m.add(float64(i+1), v-y0)
		}
	}
	slope, icept, sse, sst := m.line()
	r := LineFit{
		RSquare:      rsquare(sse, sst),
		Slope:        slope,
		Variance:     div(sst, m.n-1),
		RVariance:    div(sse, m.n-1),
		Interception: icept + y0,
		LineFit:      make(Series, len(s)),
	}
	for i := range r.LineFit {
		r.LineFit[i] = r.Interception + slope*float64(i+1)
	}
	return r
}

func meanValid(s Series) float64 {
	var t, n float64
	for _, v := range s {
		if !IsNull(v) {
			t += v
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return t / n
}

// SegmentFit describes one line of a two-line fit.
type SegmentFit struct {
	RSquare, Slope, Interception, Variance, RVariance float64
}

// TwoLineFit is the result of series_fit_2lines. The left line covers
// positions [0, SplitIdx) and the right line [SplitIdx, n); both use the
// series' global x = 1..n, so the two interceptions are comparable.
type TwoLineFit struct {
	RSquare     float64
	SplitIdx    int
	Variance    float64
	RVariance   float64
	LineFit     Series
	Left, Right SegmentFit
}

// Fit2Lines implements series_fit_2lines: of every split that leaves at
// least two points on each side, the one whose two least-squares lines
// leave the smallest total residual (the largest total r-square). Prefix
// sums make it O(n). Series of fewer than four points get a single line
// (SplitIdx 0, an empty left side).
func Fit2Lines(s Series) TwoLineFit {
	n := len(s)
	y0 := meanValid(s)
	prefix := make([]sums, n+1)
	for i, v := range s {
		prefix[i+1] = prefix[i]
		if !IsNull(v) {
			prefix[i+1].add(float64(i+1), v-y0)
		}
	}
	total := prefix[n]
	_, _, _, sst := total.line()
	best, bestSSE := 0, Null
	for k := 2; k <= n-2; k++ {
		l, r := prefix[k], total.sub(prefix[k])
		if l.n < 2 || r.n < 2 {
			continue
		}
		_, _, el, _ := l.line()
		_, _, er, _ := r.line()
		if IsNull(bestSSE) || el+er < bestSSE {
			best, bestSSE = k, el+er
		}
	}
	out := TwoLineFit{SplitIdx: best, Variance: div(sst, total.n-1), LineFit: make(Series, n)}
	left, right := prefix[best], total.sub(prefix[best])
	out.Left = segment(left, y0)
	out.Right = segment(right, y0)
	var sse float64
	for i := range out.LineFit {
		seg := out.Right
		if i < best {
			seg = out.Left
		}
		out.LineFit[i] = seg.Interception + seg.Slope*float64(i+1)
		if !IsNull(s[i]) {
			d := s[i] - out.LineFit[i]
			sse += d * d
		}
	}
	out.RSquare = rsquare(sse, sst)
	out.RVariance = div(sse, total.n-1)
	return out
}

func segment(m sums, y0 float64) SegmentFit {
	if m.n == 0 {
		return SegmentFit{Null, Null, Null, Null, Null}
	}
	slope, icept, sse, sst := m.line()
	return SegmentFit{
		RSquare:      rsquare(sse, sst),
		Slope:        slope,
		Interception: icept + y0,
		Variance:     div(sst, m.n-1),
		RVariance:    div(sse, m.n-1),
	}
}

// PolyFit is the result of series_fit_poly. Coefficients run from the
// highest power to the constant term, as Kusto returns them.
type PolyFit struct {
	RSquare      float64
	Coefficients []float64
	Variance     float64
	RVariance    float64
	PolyFit      Series
}

// ErrPolyFit reports arguments series_fit_poly cannot fit.
var ErrPolyFit = errors.New("series_fit_poly")

// FitPoly implements series_fit_poly(y, x, degree): least squares by QR
// decomposition of the Vandermonde matrix (numerically safer than the
// normal equations). x may be nil for Kusto's default 1..n. Points where x
// or y is null are left out of the fit.
func FitPoly(y, x Series, degree int) (PolyFit, error) {
	if degree < 1 {
		return PolyFit{}, fmt.Errorf("%w: degree must be at least 1, got %d", ErrPolyFit, degree)
	}
	if x == nil {
		x = make(Series, len(y))
		for i := range x {
			x[i] = float64(i + 1)
		}
	}
	if len(x) != len(y) {
		return PolyFit{}, fmt.Errorf("%w: x has %d elements, y has %d", ErrPolyFit, len(x), len(y))
	}
	var rows []int
	for i := range y {
		if !IsNull(y[i]) && !IsNull(x[i]) {
			rows = append(rows, i)
		}
	}
	if len(rows) <= degree {
		return PolyFit{}, fmt.Errorf("%w: %d points cannot determine a degree-%d polynomial", ErrPolyFit, len(rows), degree)
	}
	a := mat.NewDense(len(rows), degree+1, nil)
	b := mat.NewVecDense(len(rows), nil)
	for r, i := range rows {
		p := 1.0
		for c := degree; c >= 0; c-- {
			a.Set(r, c, p)
			p *= x[i]
		}
		b.SetVec(r, y[i])
	}
	var coef mat.VecDense
	if err := coef.SolveVec(a, b); err != nil {
		return PolyFit{}, fmt.Errorf("%w: %v", ErrPolyFit, err)
	}
	out := PolyFit{Coefficients: make([]float64, degree+1), PolyFit: make(Series, len(y))}
	for c := range out.Coefficients {
		out.Coefficients[c] = coef.AtVec(c)
	}
	for i := range y {
		out.PolyFit[i] = horner(out.Coefficients, x[i])
	}
	ym := meanValid(y)
	var sse, sst float64
	for _, i := range rows {
		d, e := y[i]-out.PolyFit[i], y[i]-ym
		sse += d * d
		sst += e * e
	}
	nn := float64(len(rows))
	out.RSquare = rsquare(sse, sst)
	out.Variance = div(sst, nn-1)
	out.RVariance = div(sse, nn-1)
	return out, nil
}

func horner(c []float64, x float64) float64 {
	var v float64
	for _, k := range c {
		v = v*x + k
	}
	return v
}
