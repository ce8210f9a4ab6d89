// Package beacon flags connections that repeat at a regular interval, the
// signature of malware calling home ("beaconing"), from the timestamps (and
// optionally the sizes) of the connections between one source and one
// destination.
//
// Two views of the same timestamps are combined, because each fails alone:
//
//   - Interval statistics. The median interval estimates the beat; an
//     interval within a tolerance of one to a few beats is "on beat" (a
//     longer one means the implant missed beats, which sleep, a closed
//     laptop or a dropped packet cause), and the coefficient of variation
//     of the beat-normalised intervals measures the jitter that implants add
//     on purpose. These tolerate missed beats but are fooled by a few stray
//     connections.
//   - A periodogram of the connection counts binned at an eighth of the
//     median interval: the share of spectral power at the strongest
//     frequency and its harmonics measures how periodic the whole series is,
//     and the peak gives an independent period estimate.
//
// Score weighs on-beat share 0.4, tightness (1 − jitter/0.5) 0.3, spectral
// share 0.2 and, when sizes are given, size regularity (1 − CV of bytes)
// 0.1 (the weights are renormalised without sizes). A pair is a beacon when
// it has at least MinEvents connections and a score of at least Threshold.
//
// # KQL surface
//
// The engine exposes [Detect] as
//
//	T | evaluate beacon_detect(TimeColumn, SourceColumn, DestinationColumn [, BytesColumn]
//	        [, min_events=6] [, tolerance=0.15] [, threshold=0.7])
//
// with one row per (source, destination) pair, best score first:
//
//	Source, Destination      string
//	Count                    long      connections (bursts within 1 s count once)
//	FirstSeen, LastSeen      datetime
//	MedianInterval           timespan
//	MeanInterval             timespan  mean of the beat-normalised on-beat intervals
//	Jitter                   real      their coefficient of variation
//	OnBeatShare              real      share of intervals within tolerance of 1..4 beats
//	MissedBeats              long
//	Period                   timespan  periodogram estimate
//	SpectralShare            real
//	BytesCV                  real      null without a bytes column
//	Score                    real      0..1
//	IsBeacon                 bool
package beacon

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/cmplx"
	"slices"
	"sort"
	"time"

	"gonum.org/v1/gonum/dsp/fourier"
)

// ErrOptions reports unusable options.
var ErrOptions = errors.New("beacon")

// Options tune the detector.
type Options struct {
	// MinEvents is the fewest connections a beacon can show.
	MinEvents int
	// Tolerance is how far, as a fraction of the median interval, an
	// interval may be from a whole number of beats and still be on beat.
	Tolerance float64
	// MaxMissedBeats is how many consecutive missed beats an interval may
	// span and still be on beat.
	MaxMissedBeats int
	// BurstGap merges connections closer than it into one (a beacon that
	// resolves DNS and then connects makes two).
	BurstGap time.Duration
	// Threshold is the score a beacon needs.
	Threshold float64
}

// DefaultOptions returns the defaults the KQL plugin uses.
func DefaultOptions() Options {
	return Options{MinEvents: 6, Tolerance: 0.15, MaxMissedBeats: 3, BurstGap: time.Second, Threshold: 0.7}
}

func (o Options) validate() error {
	if o.MinEvents < 3 || o.Tolerance <= 0 || o.Tolerance >= 0.5 || o.MaxMissedBeats < 0 || o.BurstGap < 0 || o.Threshold < 0 || o.Threshold > 1 {
		return fmt.Errorf("%w: need min_events >= 3, 0 < tolerance < 0.5, threshold in [0, 1] (got %+v)", ErrOptions, o)
	}
	return nil
}

// Result describes the timing of one series of connections.
type Result struct {
	Count          int
	First, Last    time.Time
	MedianInterval time.Duration
	MeanInterval   time.Duration
	Jitter         float64
	OnBeatShare    float64
	MissedBeats    int
	Period         time.Duration
	SpectralShare  float64
	BytesCV        float64 // NaN without sizes
	Score          float64
	IsBeacon       bool
}

// Analyze scores one series of connection times. bytes, when not nil, holds
// each connection's size (NaN for unknown). times need not be sorted.
func Analyze(times []time.Time, bytes []float64, o Options) (Result, error) {
	if err := o.validate(); err != nil {
		return Result{}, err
	}
	if bytes != nil && len(bytes) != len(times) {
		return Result{}, fmt.Errorf("%w: %d sizes for %d times", ErrOptions, len(bytes), len(times))
	}
	ts := beats(times, o.BurstGap)
	r := Result{Count: len(ts), BytesCV: cv(bytes), Jitter: math.NaN()}
	if len(ts) > 0 {
		r.First, r.Last = ts[0], ts[len(ts)-1]
	}
	if len(ts) < 3 {
		return r, nil
	}
	iv := make([]float64, len(ts)-1)
	for i := range iv {
		iv[i] = float64(ts[i+1].Sub(ts[i]))
	}
	med := median(iv)
	r.MedianInterval = time.Duration(med)
	r.intervalStats(iv, med, o)
	r.Period, r.SpectralShare = periodogram(ts, med)
	r.score(o)
	return r, nil
}

// beats sorts the times and merges bursts closer than gap.
func beats(times []time.Time, gap time.Duration) []time.Time {
	ts := slices.Clone(times)
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	out := ts[:0]
	for _, t := range ts {
		if len(out) > 0 && t.Sub(out[len(out)-1]) < gap {
			continue
		}
		out = append(out, t)
	}
	return out
}

// intervalStats fills the on-beat share, missed beats and jitter.
func (r *Result) intervalStats(iv []float64, med float64, o Options) {
	var norm []float64
	for _, d := range iv {
		k := math.Round(d / med)
		if k < 1 || k > float64(o.MaxMissedBeats+1) || math.Abs(d-k*med) > o.Tolerance*med {
			continue
		}
		norm = append(norm, d/k)
		r.MissedBeats += int(k) - 1
	}
	r.OnBeatShare = float64(len(norm)) / float64(len(iv))
	if len(norm) < 2 {
		return
	}
	var mean float64
	for _, v := range norm {
		mean += v
	}
	mean /= float64(len(norm))
	var ss float64
	for _, v := range norm {
		ss += (v - mean) * (v - mean)
	}
	r.MeanInterval = time.Duration(mean)
	r.Jitter = math.Sqrt(ss/float64(len(norm)-1)) / mean
}

// maxBins bounds the periodogram's length.
const maxBins = 1 << 17

// periodogram bins connection counts at an eighth of the median interval
// and returns the strongest period and the share of power at it and its
// harmonics.
func periodogram(ts []time.Time, med float64) (time.Duration, float64) {
	span := float64(ts[len(ts)-1].Sub(ts[0]))
	step := med / 8
	if span/step > maxBins {
		step = span / maxBins
	}
	if step <= 0 {
		return 0, 0
	}
	used := int(span/step) + 1
	// Zero-pad to a power of two: FFTPACK is O(n²) on a prime length.
	n := 1
	for n < used {
		n <<= 1
	}
	x := make([]float64, n)
	for _, t := range ts {
		x[int(float64(t.Sub(ts[0]))/step)]++
	}
	mean := float64(len(ts)) / float64(used)
	for i := range x[:used] {
		x[i] -= mean
	}
	coef := fourier.NewFFT(n).Coefficients(nil, x)
	power := make([]float64, len(coef))
	var total float64
	for k := 1; k < len(coef); k++ {
		a := cmplx.Abs(coef[k])
		power[k] = a * a
		total += power[k]
	}
	// Periods from half the median interval to half the span.
	best := -1
	for k := 2; k < len(power) && k <= n/4; k++ {
		if best < 0 || power[k] > power[best] {
			best = k
		}
	}
	if best < 0 || total == 0 {
		return 0, 0
	}
	var harm float64
	for h := best; h < len(power); h += best {
		for j := max(1, h-1); j <= min(len(power)-1, h+1); j++ {
			harm += power[j]
		}
	}
	return time.Duration(float64(n) * step / float64(best)), math.Min(1, harm/total)
}

func (r *Result) score(o Options) {
	tight := 0.0
	if !math.IsNaN(r.Jitter) {
		tight = math.Max(0, 1-r.Jitter/0.5)
	}
	s, w := 0.4*r.OnBeatShare+0.3*tight+0.2*r.SpectralShare, 0.9
	if !math.IsNaN(r.BytesCV) {
		s += 0.1 * math.Max(0, 1-r.BytesCV)
		w = 1
	}
	r.Score = s / w
	r.IsBeacon = r.Count >= o.MinEvents && r.Score >= o.Threshold
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// cv is the coefficient of variation of the known values (NaN with fewer
// than two or a zero mean).
func cv(v []float64) float64 {
	var n, sum float64
	for _, x := range v {
		if !math.IsNaN(x) {
			n++
			sum += x
		}
	}
	if n < 2 || sum == 0 {
		return math.NaN()
	}
	mean := sum / n
	var ss float64
	for _, x := range v {
		if !math.IsNaN(x) {
			ss += (x - mean) * (x - mean)
		}
	}
	return math.Sqrt(ss/(n-1)) / math.Abs(mean)
}

// Flow is one connection.
type Flow struct {
	Source, Destination string
	Time                time.Time
	Bytes               float64 // NaN when unknown
}

// PairResult is the verdict on one (source, destination) pair.
type PairResult struct {
	Source, Destination string
	Result
}

// Detect groups flows by (source, destination) and analyses every pair,
// best score first (ties by source, destination). withBytes says whether
// Flow.Bytes is meaningful. It checks ctx between pairs.
func Detect(ctx context.Context, flows []Flow, withBytes bool, o Options) ([]PairResult, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	type pair struct{ s, d string }
	groups := map[pair][]int{}
	for i, f := range flows {
		p := pair{f.Source, f.Destination}
		groups[p] = append(groups[p], i)
	}
	out := make([]PairResult, 0, len(groups))
	for p, idx := range groups {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("beacon: %w", err)
		}
		ts := make([]time.Time, len(idx))
		var bs []float64
		if withBytes {
			bs = make([]float64, len(idx))
		}
		for j, i := range idx {
			ts[j] = flows[i].Time
			if withBytes {
				bs[j] = flows[i].Bytes
			}
		}
		r, err := Analyze(ts, bs, o)
		if err != nil {
			return nil, err
		}
		out = append(out, PairResult{Source: p.s, Destination: p.d, Result: r})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].Destination < out[j].Destination
	})
	return out, nil
}
