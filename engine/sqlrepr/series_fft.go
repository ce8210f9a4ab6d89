package sqlrepr

import (
	"encoding/json"
	"math"

	ts "github.com/huntbook/huntbook/secops/timeseries"
	"gonum.org/v1/gonum/dsp/fourier"
)

// fftBag is the bag form of series_fft(real [, imaginary]) and, when
// inverse, series_ifft: {"real": [...], "imag": [...]}. The forward
// transform is unnormalized and the inverse divides by the length, so one
// undoes the other. A null element counts as 0; the imaginary series is
// zero when absent, and must have the real one's length.
func fftBag(inverse bool) func(seriesArgs) any {
	return func(a seriesArgs) any {
		re, _, ok := a.series(0)
		if !ok {
			return nil
		}
		im := make(ts.Series, len(re))
		if a.at(1) != nil {
			s, _, ok := a.series(1)
			if !ok || len(s) != len(re) {
				return nil
			}
			im = s
		}
		seq := make([]complex128, len(re))
		for i := range re {
			seq[i] = complex(zeroIfNull(re[i]), zeroIfNull(im[i]))
		}
		out := seq
		if len(seq) > 0 {
			t := fourier.NewCmplxFFT(len(seq))
			if inverse {
				out = t.Sequence(nil, seq)
				for i := range out {
					out[i] /= complex(float64(len(out)), 0)
				}
			} else {
				out = t.Coefficients(nil, seq)
			}
		}
		reOut, imOut := make(ts.Series, len(out)), make(ts.Series, len(out))
		for i, c := range out {
			reOut[i], imOut[i] = real(c), imag(c)
		}
		return json.RawMessage(`{"real":` + jsonSeries(reOut, false) + `,"imag":` + jsonSeries(imOut, false) + `}`)
	}
}

func zeroIfNull(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}
