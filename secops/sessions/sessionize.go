package sessions

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// ErrOptions reports unusable options.
var ErrOptions = errors.New("sessions")

// Limits bound a session, as MSTICPy's sessionize_data does: a new session
// starts when the key changes, when the gap to the previous event exceeds
// MaxGap, or when the session would last longer than MaxSession.
type Limits struct {
	MaxSession time.Duration
	MaxGap     time.Duration
}

// Session is a run of events of one key.
type Session struct {
	Key        string
	Start, End time.Time
	// Events are indexes into the sessionized input, in time order.
	Events []int
}

// Sessionize cuts events into sessions. keys[i] and times[i] describe
// event i (a key joins the identifying columns, for example user and IP).
// Sessions come out ordered by key, then start time; events with equal
// times keep their input order.
func Sessionize(keys []string, times []time.Time, l Limits) ([]Session, error) {
	if len(keys) != len(times) {
		return nil, fmt.Errorf("%w: %d keys for %d times", ErrOptions, len(keys), len(times))
	}
	if l.MaxSession <= 0 || l.MaxGap <= 0 {
		return nil, fmt.Errorf("%w: max session length and max gap must be positive (got %v, %v)", ErrOptions, l.MaxSession, l.MaxGap)
	}
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		i, j := idx[a], idx[b]
		if keys[i] != keys[j] {
			return keys[i] < keys[j]
		}
		return times[i].Before(times[j])
	})
	var out []Session
	for n, i := range idx {
		if n > 0 {
			cur := &out[len(out)-1]
			prev := idx[n-1]
			gap := times[i].Sub(times[prev])
			if keys[i] == keys[prev] && gap <= l.MaxGap && times[i].Sub(cur.Start) <= l.MaxSession {
				cur.Events = append(cur.Events, i)
				cur.End = times[i]
				continue
			}
		}
		out = append(out, Session{Key: keys[i], Start: times[i], End: times[i], Events: []int{i}})
	}
	return out, nil
}
