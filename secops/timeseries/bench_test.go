package timeseries

import (
	"encoding/binary"
	"fmt"
	"math"
	"testing"
)

var benchSizes = []int{10_000, 100_000, 1_000_000}

func BenchmarkDecomposeAnomalies(b *testing.B) {
	for _, n := range benchSizes {
		s := synthetic(n, map[int]float64{n / 3: 20})
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			o := DefaultAnomalies()
			o.Trend = TrendLinefit
			b.SetBytes(int64(8 * n))
			for b.Loop() {
				if _, err := DecomposeAnomalies(s, o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPeriodsDetect(b *testing.B) {
	for _, n := range benchSizes {
		s := synthetic(n, nil)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(8 * n))
			for b.Loop() {
				PeriodsDetect(s, 4, float64(n)/2, 2)
			}
		})
	}
}

func BenchmarkFit2Lines(b *testing.B) {
	for _, n := range benchSizes {
		s := synthetic(n, nil)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(8 * n))
			for b.Loop() {
				Fit2Lines(s)
			}
		})
	}
}

func BenchmarkOutliers(b *testing.B) {
	s := synthetic(1_000_000, nil)
	b.SetBytes(int64(8 * len(s)))
	for b.Loop() {
		if _, err := Outliers(s, DefaultOutliers()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFIR(b *testing.B) {
	s := synthetic(1_000_000, nil)
	f := []float64{1, 1, 1, 1, 1}
	b.SetBytes(int64(8 * len(s)))
	for b.Loop() {
		if _, err := FIR(s, f, true, true); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzDecompose feeds arbitrary float64 series (NaN, Inf, huge and constant
// values included) through the decomposition and period functions: they
// must not panic and must keep the input's length.
func FuzzDecompose(f *testing.F) {
	f.Add([]byte{}, int8(-1))
	f.Add(binary.LittleEndian.AppendUint64(nil, math.Float64bits(math.NaN())), int8(3))
	seed := make([]byte, 0, 8*40)
	for i := range 40 {
		seed = binary.LittleEndian.AppendUint64(seed, math.Float64bits(float64(i%7)))
	}
	f.Add(seed, int8(-1))
	f.Fuzz(func(t *testing.T, data []byte, season int8) {
		s := make(Series, len(data)/8)
		for i := range s {
			s[i] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:]))
		}
		o := DefaultAnomalies()
		o.Seasonality = int(season)
		if o.Seasonality < -1 {
			o.Seasonality = -1
		}
		a, err := DecomposeAnomalies(s, o)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Scores) != len(s) || len(a.Flags) != len(s) {
			t.Fatalf("lengths %d/%d for %d points", len(a.Scores), len(a.Flags), len(s))
		}
		p, sc := PeriodsDetect(s, 0, float64(len(s)), 3)
		for i := range sc {
			if sc[i] < 0 || sc[i] > 1 || p[i] < 0 {
				t.Fatalf("period %v score %v out of range", p[i], sc[i])
			}
		}
		PeriodsValidate(s, 4, 7.5)
		Fit2Lines(s)
	})
}
