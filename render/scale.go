package render

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// tick is one labelled position on an axis.
type tick struct {
	v     float64
	label string
}

// scale maps data values to pixels along one axis.
type scale struct {
	kind       AxisKind
	lo, hi     float64 // data domain (log10 of it for log axes)
	p0, p1     float64 // pixel range
	ticks      []tick
	categories int
}

func (s *scale) pos(v float64) float64 {
	switch s.kind {
	case AxisLog:
		if v <= 0 {
			return math.NaN()
		}
		v = math.Log10(v)
	case AxisCategory:
		// Band centre.
		w := (s.p1 - s.p0) / float64(max(1, s.categories))
		return s.p0 + w*(v+0.5)
	}
	if s.hi == s.lo {
		return (s.p0 + s.p1) / 2
	}
	return s.p0 + (v-s.lo)/(s.hi-s.lo)*(s.p1-s.p0)
}

// floor is the lowest value the axis shows: where bars and areas start.
func (s *scale) floor() float64 {
	if s.kind == AxisLog {
		return math.Pow(10, s.lo)
	}
	return s.lo
}

// band is the pixel width of one category.
func (s *scale) band() float64 {
	return math.Abs(s.p1-s.p0) / float64(max(1, s.categories))
}

// niceStep returns a 1, 2, 2.5 or 5 × 10^k step giving about n intervals.
func niceStep(span float64, n int) float64 {
	if span <= 0 || math.IsNaN(span) || math.IsInf(span, 0) {
		return 1
	}
	raw := span / float64(max(1, n))
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}

// linearScale extends [lo, hi] to nice round ends and places ticks on them.
func linearScale(lo, hi float64, n int, fixedLo, fixedHi *float64) *scale {
	if fixedLo != nil {
		lo = *fixedLo
	}
	if fixedHi != nil {
		hi = *fixedHi
	}
	if lo == hi {
		lo, hi = lo-1, hi+1
		if lo < 0 && lo+1 >= 0 {
			lo = 0
		}
	}
	step := niceStep(hi-lo, n)
	if fixedLo == nil {
		lo = math.Floor(lo/step) * step
	}
	if fixedHi == nil {
		hi = math.Ceil(hi/step) * step
	}
	s := &scale{kind: AxisLinear, lo: lo, hi: hi}
	first := math.Ceil(lo/step-1e-9) * step
	for v := first; v <= hi+step*1e-9; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		s.ticks = append(s.ticks, tick{v, formatNumber(v, step)})
		if len(s.ticks) > 50 {
			break
		}
	}
	return s
}

// logScale spans whole decades and ticks each one (or every few when there
// are many).
func logScale(lo, hi float64) *scale {
	if lo <= 0 {
		lo = hi / 1000
	}
	if hi <= 0 {
		lo, hi = 1, 10
	}
	a, b := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	if a == b {
		b++
	}
	s := &scale{kind: AxisLog, lo: a, hi: b}
	every := math.Max(1, math.Ceil((b-a)/8))
	for e := a; e <= b; e += every {
		s.ticks = append(s.ticks, tick{math.Pow(10, e), formatNumber(math.Pow(10, e), math.Pow(10, e))})
	}
	return s
}

// formatNumber writes a tick value with as many decimals as the step needs
// and SI suffixes for big values (12k, 3.5M).
func formatNumber(v, step float64) string {
	av := math.Abs(v)
	for _, u := range []struct {
		div float64
		sfx string
	}{{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}} {
		if av >= u.div && math.Abs(step) >= u.div/1000 {
			return trimZeros(strconv.FormatFloat(v/u.div, 'f', decimals(step/u.div), 64)) + u.sfx
		}
	}
	return trimZeros(strconv.FormatFloat(v, 'f', decimals(step), 64))
}

func decimals(step float64) int {
	step = math.Abs(step)
	if step == 0 || step >= 1 {
		return 0
	}
	return min(10, int(math.Ceil(-math.Log10(step)-1e-9))+1)
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

// timeStep is a candidate tick interval of a time axis.
type timeStep struct {
	d      time.Duration // fixed-length steps
	months int           // calendar steps (months, years)
	format string
}

var timeSteps = []timeStep{
	{d: time.Second, format: "15:04:05"}, {d: 2 * time.Second, format: "15:04:05"},
	{d: 5 * time.Second, format: "15:04:05"}, {d: 15 * time.Second, format: "15:04:05"},
	{d: 30 * time.Second, format: "15:04:05"}, {d: time.Minute, format: "15:04"},
	{d: 2 * time.Minute, format: "15:04"}, {d: 5 * time.Minute, format: "15:04"},
	{d: 15 * time.Minute, format: "15:04"}, {d: 30 * time.Minute, format: "15:04"},
	{d: time.Hour, format: "15:04"}, {d: 3 * time.Hour, format: "15:04"},
	{d: 6 * time.Hour, format: "15:04"}, {d: 12 * time.Hour, format: "15:04"},
	{d: 24 * time.Hour, format: "Jan 2"}, {d: 2 * 24 * time.Hour, format: "Jan 2"},
	{d: 7 * 24 * time.Hour, format: "Jan 2"}, {d: 14 * 24 * time.Hour, format: "Jan 2"},
	{months: 1, format: "Jan 2006"}, {months: 3, format: "Jan 2006"}, {months: 6, format: "Jan 2006"},
	{months: 12, format: "2006"}, {months: 24, format: "2006"}, {months: 60, format: "2006"},
	{months: 120, format: "2006"}, {months: 600, format: "2006"},
}

func (ts timeStep) approx() time.Duration {
	if ts.months > 0 {
		return time.Duration(ts.months) * 30 * 24 * time.Hour
	}
	return ts.d
}

// timeScale ticks a time domain (milliseconds) on round times: seconds,
// minutes, hours, days, weeks, months or years, whichever gives at most
// about n ticks. Sub-second spans fall back to plain numbers of ms.
func timeScale(lo, hi float64, n int, fixedLo, fixedHi *float64) *scale {
	if fixedLo != nil {
		lo = *fixedLo
	}
	if fixedHi != nil {
		hi = *fixedHi
	}
	if hi-lo < 1 {
		lo, hi = lo-30e3, hi+30e3
	}
	span := time.Duration((hi - lo) * 1e6)
	step := timeSteps[len(timeSteps)-1]
	for _, ts := range timeSteps {
		if span/ts.approx() <= time.Duration(n) {
			step = ts
			break
		}
	}
	s := &scale{kind: AxisTime, lo: lo, hi: hi}
	start := msTime(lo)
	t := floorTime(start, step)
	prevDay := ""
	for i := 0; i < 200; i++ {
		ms := float64(t.UnixNano()) / 1e6
		if ms > hi+1e-6 {
			break
		}
		if ms >= lo-1e-6 {
			l := t.Format(step.format)
			// Intraday ticks say the date when it changes.
			if step.months == 0 && step.d < 24*time.Hour {
				if day := t.Format("Jan 2"); day != prevDay {
					if prevDay != "" || t.Hour() == 0 && t.Minute() == 0 {
						l = day + " " + l
					}
					prevDay = day
				}
			}
			s.ticks = append(s.ticks, tick{ms, l})
		}
		if step.months > 0 {
			t = t.AddDate(0, step.months, 0)
		} else {
			t = t.Add(step.d)
		}
	}
	return s
}

func msTime(ms float64) time.Time {
	return time.Unix(0, int64(ms*1e6)).UTC()
}

// floorTime rounds down to the step's natural boundary (midnight, the first
// of a month or of a year, a Monday for weeks).
func floorTime(t time.Time, st timeStep) time.Time {
	if st.months > 0 {
		m := (int(t.Month()) - 1) / min(st.months, 12) * min(st.months, 12)
		y := t.Year()
		if st.months > 12 {
			years := st.months / 12
			y = y / years * years
			m = 0
		}
		return time.Date(y, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
	}
	if st.d >= 7*24*time.Hour {
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		back := (int(day.Weekday()) + 6) % 7
		return day.AddDate(0, 0, -back)
	}
	if st.d >= 24*time.Hour {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return t.Truncate(st.d)
}
