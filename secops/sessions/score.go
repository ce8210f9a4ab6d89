package sessions

import (
	"context"
	"fmt"
	"math"
)

// Score is the verdict on one session.
type Score struct {
	// Likelihood of the rarest window (NaN when the session, with its end
	// token, is shorter than the window).
	Likelihood float64
	// GeoMean is Likelihood^(1/window), a per-step likelihood.
	GeoMean float64
	// WindowStart indexes the rarest window's first command; -1 with NaN.
	WindowStart int
	// WindowLen is the number of the session's commands in the window (the
	// last window of a session ends with the end token, which is not one).
	WindowLen int
}

// RarestWindow scores one session: the likelihood of each sliding window of
// window commands, the session followed by the end token; the first window
// starts from the start token (P(first | start)), the others from the prior
// of their first command. With geoMean each likelihood is raised to
// 1/window before the minimum is taken. This is MSTICPy's
// rarest_window_session with use_start_end_tokens.
func (m *Model) RarestWindow(session []Cmd, window int, geoMean bool) (Score, error) {
	if window < 1 {
		return Score{}, fmt.Errorf("%w: window must be at least 1, got %d", ErrOptions, window)
	}
	ids := make([]int, len(session)+1)
	pp := make([]float64, len(session)+1)
	for i, c := range session {
		ids[i] = m.cmd(c.Name)
		pp[i] = m.paramsProb(ids[i], c.Params)
	}
	ids[len(session)], pp[len(session)] = tokEnd, 1
	best := Score{Likelihood: math.NaN(), GeoMean: math.NaN(), WindowStart: -1}
	for i := 0; i+window <= len(ids); i++ {
		var lik float64
		if i == 0 {
			lik = m.trans(tokStart, ids[0]) * pp[0]
		} else {
			lik = m.prior(ids[i]) * pp[i]
		}
		for j := i + 1; j < i+window; j++ {
			lik *= m.trans(ids[j-1], ids[j]) * pp[j]
		}
		cmp := lik
		if geoMean {
			cmp = math.Pow(lik, 1/float64(window))
		}
		if best.WindowStart < 0 || cmp < best.Likelihood {
			best = Score{Likelihood: cmp, WindowStart: i, WindowLen: min(window, len(session)-i)}
		}
	}
	if best.WindowStart >= 0 {
		best.GeoMean = math.Pow(best.Likelihood, 1/float64(window))
		if geoMean {
			best.GeoMean = best.Likelihood
		}
	}
	return best, nil
}

// ScoreAll scores every session with window-length windows and plain
// likelihoods, MSTICPy's score_sessions. It checks ctx every 1024 sessions.
func (m *Model) ScoreAll(ctx context.Context, sessions [][]Cmd, window int) ([]Score, error) {
	out := make([]Score, len(sessions))
	for i, s := range sessions {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("sessions: %w", err)
			}
		}
		sc, err := m.RarestWindow(s, window, false)
		if err != nil {
			return nil, err
		}
		out[i] = sc
	}
	return out, nil
}
