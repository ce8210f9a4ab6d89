package demo

import (
	"encoding/hex"
	"math"
	"math/rand/v2"
	"time"
)

// Every random choice comes from a PCG stream derived from the seed and a
// key naming what the stream is for (the organisation, one table's hour, one
// story). Streams never share state, so adding a table or changing the volume
// of one does not shift the values of another, and chunks can be generated
// in any order with identical results.

// mix64 is SplitMix64's finaliser: a bijective avalanche of a 64-bit word.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// streamKey folds a seed and a sequence of keys into two words for a PCG.
func streamKey(seed int64, name string, nums ...int) (uint64, uint64) {
	h := mix64(uint64(seed))
	for i := 0; i < len(name); i++ { // FNV-1a over the name, then mixed
		h = (h ^ uint64(name[i])) * 0x100000001b3
	}
	h = mix64(h)
	for _, n := range nums {
		h = mix64(h ^ uint64(int64(n)))
	}
	return h, mix64(h ^ 0x5851f42d4c957f2d)
}

// rng is a deterministic random source with the helpers the generators use.
type rng struct {
	*rand.Rand
}

// newRNG returns the stream named by name and nums under seed.
func newRNG(seed int64, name string, nums ...int) *rng {
	a, b := streamKey(seed, name, nums...)
	return &rng{rand.New(rand.NewPCG(a, b))}
}

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.Float64() < p }

// between returns an integer in [lo, hi].
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// normal returns a normally distributed value with mean mu and deviation sd.
func (r *rng) normal(mu, sd float64) float64 { return mu + sd*r.NormFloat64() }

// expDur returns an exponentially distributed duration with the given mean.
func (r *rng) expDur(mean time.Duration) time.Duration {
	return time.Duration(r.ExpFloat64() * float64(mean))
}

// durIn returns a duration uniformly distributed in [lo, hi), rounded to a
// tick (100 ns) as Kusto stores them.
func (r *rng) durIn(lo, hi time.Duration) time.Duration {
	if hi <= lo {
		return lo
	}
	d := lo + time.Duration(r.Int64N(int64(hi-lo)))
	return d - d%100
}

// pick returns a uniformly chosen element of xs.
func pick[T any](r *rng, xs []T) T { return xs[r.IntN(len(xs))] }

// guid returns a random version-4 GUID in lower-case 8-4-4-4-12 form.
func (r *rng) guid() string {
	var b [16]byte
	u1, u2 := r.Uint64(), r.Uint64()
	for i := 0; i < 8; i++ {
		b[i] = byte(u1 >> (8 * i))
		b[8+i] = byte(u2 >> (8 * i))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return formatGUID(b)
}

func formatGUID(b [16]byte) string {
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:36], b[10:16])
	return string(s[:])
}

// hexString returns n random lower-case hex digits (hash values, device ids).
func (r *rng) hexString(n int) string {
	b := make([]byte, (n+1)/2)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return hex.EncodeToString(b)[:n]
}

// weighted is a fixed discrete distribution over items.
type weighted[T any] struct {
	items []T
	cum   []float64
}

// newWeighted builds a distribution; weights need not sum to one.
func newWeighted[T any](items []T, weights []float64) weighted[T] {
	if len(items) != len(weights) || len(items) == 0 {
		panic("demo: newWeighted needs one positive weight per item")
	}
	w := weighted[T]{items: items, cum: make([]float64, len(weights))}
	total := 0.0
	for i, x := range weights {
		total += x
		w.cum[i] = total
	}
	return w
}

// pick draws one item.
func (w weighted[T]) pick(r *rng) T {
	x := r.Float64() * w.cum[len(w.cum)-1]
	lo, hi := 0, len(w.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if w.cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return w.items[lo]
}

// poisson draws a Poisson-distributed count with the given mean (Knuth's
// method for small means, a rounded normal approximation for large ones).
func (r *rng) poisson(mean float64) int {
	if mean <= 0 {
		return 0
	}
	if mean > 30 {
		n := int(math.Round(r.normal(mean, math.Sqrt(mean))))
		return max(n, 0)
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}
