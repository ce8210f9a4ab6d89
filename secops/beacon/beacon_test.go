package beacon

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

var t0 = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)

// beaconTimes returns a beacon with the given sleep over span: each sleep
// is shortened by up to jitter (Cobalt Strike's model), a share of beats is
// missed, and noise stray connections are added at random times.
func beaconTimes(r *rand.Rand, sleep, span time.Duration, jitter, missed float64, noise int) []time.Time {
	var ts []time.Time
	for t := t0; t.Before(t0.Add(span)); {
		if r.Float64() >= missed {
			ts = append(ts, t)
		}
		t = t.Add(time.Duration(float64(sleep) * (1 - jitter*r.Float64())))
	}
	for range noise {
		ts = append(ts, t0.Add(time.Duration(r.Int64N(int64(span)))))
	}
	return ts
}

// poissonTimes returns connections at random with the given mean gap.
func poissonTimes(r *rand.Rand, mean, span time.Duration) []time.Time {
	var ts []time.Time
	for t := t0; t.Before(t0.Add(span)); t = t.Add(time.Duration(r.ExpFloat64() * float64(mean))) {
		ts = append(ts, t)
	}
	return ts
}

// burstyTimes returns browsing-like traffic: sessions of 5-40 requests a
// fraction of a second to a few seconds apart, sessions at random.
func burstyTimes(r *rand.Rand, sessions int, span time.Duration) []time.Time {
	var ts []time.Time
	for range sessions {
		t := t0.Add(time.Duration(r.Int64N(int64(span))))
		for range 5 + r.IntN(36) {
			ts = append(ts, t)
			t = t.Add(time.Duration((0.2 + 4*r.Float64()) * float64(time.Second)))
		}
	}
	return ts
}

func TestAnalyze(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	tests := []struct {
		name   string
		times  []time.Time
		beacon bool
		period time.Duration // 0: not checked
	}{
		{"60s beacon, 5% jitter, a day", beaconTimes(r, time.Minute, 24*time.Hour, 0.05, 0, 0), true, time.Minute},
		{"60s beacon, 10% beats missed", beaconTimes(r, time.Minute, 24*time.Hour, 0.05, 0.10, 0), true, time.Minute},
		{"5 min sleep, 20% jitter (Cobalt Strike)", beaconTimes(r, 5*time.Minute, 48*time.Hour, 0.20, 0.05, 0), true, 0},
		{"1 h beacon, 30% beats missed, 3% strays", beaconTimes(r, time.Hour, 14*24*time.Hour, 0.02, 0.3, 10), true, time.Hour},
		{"10 s beacon, no jitter", beaconTimes(r, 10*time.Second, 2*time.Hour, 0, 0, 0), true, 10 * time.Second},
		{"random, mean 60 s", poissonTimes(r, time.Minute, 24*time.Hour), false, 0},
		{"random, mean 1 h", poissonTimes(r, time.Hour, 14*24*time.Hour), false, 0},
		{"bursty browsing", burstyTimes(r, 40, 24*time.Hour), false, 0},
		{"five beats only", beaconTimes(r, time.Minute, 5*time.Minute, 0, 0, 0), false, 0},
	}
	for _, tt := range tests {
		res, err := Analyze(tt.times, nil, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-40s n=%5d median=%-8v jitter=%.3f onbeat=%.2f spectral=%.2f period=%-8v score=%.2f",
			tt.name, res.Count, res.MedianInterval.Round(time.Second), res.Jitter, res.OnBeatShare, res.SpectralShare,
			res.Period.Round(time.Second), res.Score)
		if res.IsBeacon != tt.beacon {
			t.Errorf("%s: IsBeacon = %v (score %.2f), want %v", tt.name, res.IsBeacon, res.Score, tt.beacon)
		}
		if tt.period > 0 && math.Abs(float64(res.Period-tt.period)) > 0.1*float64(tt.period) {
			t.Errorf("%s: periodogram period %v, want %v", tt.name, res.Period, tt.period)
		}
	}
}

func TestBytesAndBursts(t *testing.T) {
	var ts []time.Time
	var bs []float64
	for i := range 100 {
		at := t0.Add(time.Duration(i) * time.Minute)
		ts = append(ts, at, at.Add(200*time.Millisecond)) // DNS then HTTPS: one beat
		bs = append(bs, 320, 4100)
	}
	res, err := Analyze(ts, bs, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if res.Count != 100 || res.MedianInterval != time.Minute || !res.IsBeacon {
		t.Errorf("bursts not merged: %+v", res)
	}
	if math.IsNaN(res.BytesCV) {
		t.Error("BytesCV not computed")
	}
	if _, err := Analyze(ts, bs[:3], DefaultOptions()); !errors.Is(err, ErrOptions) {
		t.Errorf("mismatched sizes: %v", err)
	}
	bad := DefaultOptions()
	bad.Tolerance = 0.7
	if _, err := Analyze(ts, nil, bad); !errors.Is(err, ErrOptions) {
		t.Errorf("tolerance 0.7: %v", err)
	}
}

func TestDetect(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	var flows []Flow
	add := func(src, dst string, ts []time.Time) {
		for _, at := range ts {
			flows = append(flows, Flow{Source: src, Destination: dst, Time: at, Bytes: math.NaN()})
		}
	}
	add("10.0.0.5", "203.0.113.7", beaconTimes(r, 5*time.Minute, 24*time.Hour, 0.1, 0.05, 2))
	add("10.0.0.5", "www.example.com", burstyTimes(r, 30, 24*time.Hour))
	add("10.0.0.9", "update.example.net", poissonTimes(r, 20*time.Minute, 24*time.Hour))
	got, err := Detect(context.Background(), flows, false, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Destination != "203.0.113.7" || !got[0].IsBeacon || got[1].IsBeacon || got[2].IsBeacon {
		for _, p := range got {
			t.Logf("%s → %s score %.2f beacon %v", p.Source, p.Destination, p.Score, p.IsBeacon)
		}
		t.Error("want only the C2 pair flagged, first")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Detect(ctx, flows, false, DefaultOptions()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func BenchmarkDetect(b *testing.B) {
	r := rand.New(rand.NewPCG(15, 16))
	var flows []Flow
	for i := range 200 {
		var ts []time.Time
		if i%20 == 0 {
			ts = beaconTimes(r, time.Minute, 24*time.Hour, 0.1, 0.05, 5)
		} else {
			ts = poissonTimes(r, 3*time.Minute, 24*time.Hour)
		}
		for _, at := range ts {
			flows = append(flows, Flow{Source: fmt.Sprint("10.0.0.", i%50), Destination: fmt.Sprint("d", i), Time: at, Bytes: 500})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Detect(context.Background(), flows, true, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(flows))*float64(b.N)/b.Elapsed().Seconds(), "flows/s")
}

// FuzzAnalyze feeds arbitrary timestamps (duplicates, huge spans, one
// instant) through the detector: no panic, scores within [0, 1].
func FuzzAnalyze(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, uint16(60))
	f.Add([]byte{0, 0, 0, 0, 255, 255}, uint16(1))
	f.Fuzz(func(t *testing.T, gaps []byte, unit uint16) {
		ts := []time.Time{t0}
		for _, g := range gaps {
			ts = append(ts, ts[len(ts)-1].Add(time.Duration(g)*time.Duration(unit)*time.Second))
		}
		res, err := Analyze(ts, nil, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if res.Score < 0 || res.Score > 1 || math.IsNaN(res.Score) {
			t.Fatalf("score %v for %d times", res.Score, len(ts))
		}
	})
}
