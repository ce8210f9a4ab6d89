package exec

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// dcountIntersect is `evaluate dcount_intersect(hll_1, hll_2, ...)`: the
// input row, then s_i, the number of values common to hll_1 ... hll_i+1
// (exact: huntbook's hll digests are sets, see kqlfunc/digest.go).
func dcountIntersect(cfg *sema.DcountIntersectConfig, out []table.Column) engine.PluginFunc {
	return func(ctx context.Context, in *engine.Cursor, sink *engine.Sink) error {
		cols, err := columnsOf(in, cfg.Columns...)
		if err != nil {
			return err
		}
		if err := sink.Begin(out); err != nil {
			return err
		}
		return eachRow(ctx, in, func(row []any) error {
			extra := make([]any, len(cols))
			var digests []any
			for i, c := range cols {
				digests = append(digests, row[c])
				extra[i] = kqlfunc.HLLIntersect(digests)
			}
			return sink.Append(extended(row, extra...))
		})
	}
}

// activityRecord is one input row of an activity plugin.
type activityRecord struct {
	id   string
	time time.Time
}

// activity runs the activity plugins: the rows are split by dimensions,
// and each group's records are counted per window.
func activity(cfg *sema.ActivityConfig, out []table.Column) engine.PluginFunc {
	return func(ctx context.Context, in *engine.Cursor, sink *engine.Sink) error {
		cols, err := columnsOf(in, append([]string{cfg.ID, cfg.Time}, cfg.Dims...)...)
		if err != nil {
			return err
		}
		t, err := readAll(ctx, in)
		if err != nil {
			return err
		}
		if cfg.FromData {
			cfg = periodOfData(cfg, t.Rows, cols[1])
		}
		if cfg, err = periodOfColumns(cfg, in, t.Rows); err != nil {
			return err
		}
		windows := activityWindows(cfg)
		if err := sink.Begin(out); err != nil {
			return err
		}
		for _, g := range groups(t.Rows, cols[2:]) {
			var recs []activityRecord
			for _, row := range g {
				tm, ok := row[cols[1]].(time.Time)
				if !ok {
					continue
				}
				recs = append(recs, activityRecord{table.FormatValue(row[cols[0]]), tm})
			}
			var dims []any
			for _, d := range cols[2:] {
				dims = append(dims, g[0][d])
			}
			lead, rows := 1, activityRows(cfg, recs, windows)
			if cfg.Plugin == "new_activity_metrics" {
				lead = 2
			}
			for _, r := range rows {
				row := append(append(append([]any{}, r[:lead]...), dims...), r[lead:]...)
				if dimsLast(cfg.Plugin) {
					row = append(append([]any{}, r...), dims...)
				}
				if err := sink.Append(row); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// activityRows computes one group's rows: the timeline value(s), then
// the plugin's figures.
func activityRows(cfg *sema.ActivityConfig, recs []activityRecord, windows []time.Time) [][]any {
	switch cfg.Plugin {
	case "activity_counts_metrics":
		return countsMetrics(recs, windows)
	case "sliding_window_counts":
		return slidingCounts(recs, windows, cfg.Lookback)
	case "activity_metrics":
		return activityMetrics(recs, windows)
	case "new_activity_metrics":
		return newActivityMetrics(recs, windows, cfg.Cohort)
	case "activity_engagement":
		return engagement(recs, windows, cfg.Lookback)
	case "active_users_count":
		return activeUsers(recs, windows, cfg)
	}
	return nil
}

func dimsLast(plugin string) bool {
	return plugin == "activity_metrics" || plugin == "activity_engagement"
}

// periodOfData fills Start and End from the data's first and last times
// (the start floored to the window, as bin() would).
func periodOfData(cfg *sema.ActivityConfig, rows [][]any, col int) *sema.ActivityConfig {
	c := *cfg
	first := true
	for _, row := range rows {
		tm, ok := row[col].(time.Time)
		if !ok {
			continue
		}
		if first || tm.Before(c.Start) {
			c.Start = tm
		}
		if first || tm.After(c.End) {
			c.End = tm
		}
		first = false
	}
	if c.Step > 0 {
		ticks := c.Start.UnixNano()/100 + unixEpochTicks
		step := int64(c.Step / 100)
		c.Start = time.Unix(0, (floorDiv(ticks, step)*step-unixEpochTicks)*100).UTC()
	}
	return &c
}

// periodOfColumns reads Start and End from their hidden columns (the
// same constant on every row).
func periodOfColumns(cfg *sema.ActivityConfig, in *engine.Cursor, rows [][]any) (*sema.ActivityConfig, error) {
	if cfg.StartCol == "" && cfg.EndCol == "" || len(rows) == 0 {
		return cfg, nil
	}
	c := *cfg
	for _, f := range []struct {
		col string
		dst *time.Time
	}{{cfg.StartCol, &c.Start}, {cfg.EndCol, &c.End}} {
		if f.col == "" {
			continue
		}
		i, err := columnOf(in, f.col)
		if err != nil {
			return nil, err
		}
		t, ok := rows[0][i].(time.Time)
		if !ok {
			return nil, fmt.Errorf("the period of %s() is null", cfg.Plugin)
		}
		*f.dst = t
	}
	if c.End.Before(c.Start) {
		return nil, fmt.Errorf("the end of %s() is before its start", cfg.Plugin)
	}
	return &c, nil
}

// activityWindows are the window starts from Start to End (inclusive),
// and one more: the end of the last window.
func activityWindows(cfg *sema.ActivityConfig) []time.Time {
	start := cfg.Start
	switch cfg.Calendar {
	case "week":
		start = time.Date(start.Year(), start.Month(), start.Day()-int(start.Weekday()), 0, 0, 0, 0, time.UTC)
	case "month":
		start = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	case "year":
		start = time.Date(start.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	next := func(t time.Time) time.Time {
		switch cfg.Calendar {
		case "week":
			return t.AddDate(0, 0, 7)
		case "month":
			return t.AddDate(0, 1, 0)
		case "year":
			return t.AddDate(1, 0, 0)
		}
		return t.Add(cfg.Step)
	}
	var out []time.Time
	for w := start; !w.After(cfg.End) && len(out) < maxActivityWindows; w = next(w) {
		out = append(out, w)
	}
	return append(out, next(out[len(out)-1]))
}

// maxActivityWindows bounds the windows of one run (a 1s step over a
// year is a mistake, not an analysis).
const maxActivityWindows = 1 << 20

// windowOf is the index of the window holding t, or -1.
func windowOf(windows []time.Time, t time.Time) int {
	i, found := slices.BinarySearchFunc(windows, t, func(w, t time.Time) int { return w.Compare(t) })
	if !found {
		i--
	}
	if i < 0 || i >= len(windows)-1 {
		return -1
	}
	return i
}

// countsMetrics is activity_counts_metrics for one group: per window with
// records, count, dcount, new_dcount and aggregated_dcount.
func countsMetrics(recs []activityRecord, windows []time.Time) [][]any {
	byWindow := make([][]string, len(windows)-1)
	for _, r := range recs {
		if w := windowOf(windows, r.time); w >= 0 {
			byWindow[w] = append(byWindow[w], r.id)
		}
	}
	seen := map[string]bool{}
	var out [][]any
	for w, ids := range byWindow {
		if len(ids) == 0 {
			continue
		}
		distinct := map[string]bool{}
		fresh := 0
		for _, id := range ids {
			if distinct[id] {
				continue
			}
			distinct[id] = true
			if !seen[id] {
				fresh++
			}
		}
		for id := range distinct {
			seen[id] = true
		}
		out = append(out, []any{windows[w], int64(len(ids)), int64(len(distinct)), int64(fresh), int64(len(seen))})
	}
	return out
}

// slidingCounts is sliding_window_counts for one group: per bin, the
// records and distinct IDs of the lookback window that ends with the bin.
func slidingCounts(recs []activityRecord, windows []time.Time, lookback time.Duration) [][]any {
	byTime := sortedByTime(recs)
	var out [][]any
	for w := 0; w < len(windows)-1; w++ {
		in := between(byTime, windows[w+1].Add(-lookback), windows[w+1])
		if len(in) == 0 {
			continue
		}
		distinct := map[string]bool{}
		for _, r := range in {
			distinct[r.id] = true
		}
		out = append(out, []any{windows[w], int64(len(in)), int64(len(distinct))})
	}
	return out
}

// sortedByTime is a copy of the records in time order.
func sortedByTime(recs []activityRecord) []activityRecord {
	out := slices.Clone(recs)
	slices.SortStableFunc(out, func(a, b activityRecord) int { return a.time.Compare(b.time) })
	return out
}

// between is the records (in time order) with from <= time < end.
func between(byTime []activityRecord, from, end time.Time) []activityRecord {
	lo, _ := slices.BinarySearchFunc(byTime, from, func(r activityRecord, t time.Time) int { return r.time.Compare(t) })
	hi, _ := slices.BinarySearchFunc(byTime, end, func(r activityRecord, t time.Time) int { return r.time.Compare(t) })
	if hi < lo {
		return nil
	}
	return byTime[lo:hi]
}

// idSets are the distinct IDs of each window.
func idSets(recs []activityRecord, windows []time.Time) []map[string]bool {
	sets := make([]map[string]bool, len(windows)-1)
	for i := range sets {
		sets[i] = map[string]bool{}
	}
	for _, r := range recs {
		if w := windowOf(windows, r.time); w >= 0 {
			sets[w][r.id] = true
		}
	}
	return sets
}

// activityMetrics is activity_metrics for one group: per window with
// IDs, its distinct IDs, those not in the previous window, and the
// retention and churn rates against the previous window (NaN for the
// first: no customers at the beginning of the period).
func activityMetrics(recs []activityRecord, windows []time.Time) [][]any {
	sets := idSets(recs, windows)
	var out [][]any
	for w, ids := range sets {
		if len(ids) == 0 {
			continue
		}
		var prev map[string]bool
		if w > 0 {
			prev = sets[w-1]
		}
		fresh := 0
		for id := range ids {
			if !prev[id] {
				fresh++
			}
		}
		returned := float64(len(ids) - fresh)
		before := float64(len(prev))
		out = append(out, []any{windows[w], int64(len(ids)), int64(fresh), returned / before, (before - returned) / before})
	}
	return out
}

// newActivityMetrics is new_activity_metrics for one group: per cohort
// (the IDs first seen in a window, counting every earlier window) and
// each window from the cohort's on: the IDs of that window seen in no
// window up to the cohort's, how many of the cohort were seen in it and
// how many were not, and the rates. An empty window still gives its
// rows; a window where no ID is new gives no cohort.
func newActivityMetrics(recs []activityRecord, windows []time.Time, cohortOnly time.Time) [][]any {
	sets := idSets(recs, windows)
	seen := map[string]bool{}
	var out [][]any
	for from, ids := range sets {
		cohort := map[string]bool{}
		for id := range ids {
			if !seen[id] {
				cohort[id] = true
			}
			seen[id] = true
		}
		n := float64(len(cohort))
		if n == 0 || !cohortOnly.IsZero() && !windows[from].Equal(cohortOnly) {
			continue
		}
		for to := from; to < len(sets); to++ {
			retained, fresh := 0, 0
			for id := range sets[to] {
				if cohort[id] {
					retained++
				}
				if !seen[id] {
					fresh++
				}
			}
			if to == from {
				fresh = len(cohort) // the cohort itself is what is new
			}
			churned := n - float64(retained)
			out = append(out, []any{windows[from], windows[to], int64(fresh), int64(retained), churned,
				float64(retained) / n, churned / n})
		}
	}
	return out
}

// engagement is activity_engagement for one group: per inner window, its
// distinct IDs, those of the outer window ending with it, and the ratio.
func engagement(recs []activityRecord, windows []time.Time, outer time.Duration) [][]any {
	sets := idSets(recs, windows)
	byTime := sortedByTime(recs)
	var out [][]any
	for w := range sets {
		all := map[string]bool{}
		for _, r := range between(byTime, windows[w+1].Add(-outer), windows[w+1]) {
			all[r.id] = true
		}
		if len(all) == 0 {
			continue
		}
		out = append(out, []any{windows[w], int64(len(sets[w])), int64(len(all)), float64(len(sets[w])) / float64(len(all))})
	}
	return out
}

// activeUsers is active_users_count for one group: per bin, the distinct
// IDs with an active appearance in it. An appearance at t is active when
// the ID was seen in at least MinPeriods distinct periods of (t -
// Lookback, t]; appearances before Start count toward the lookback.
func activeUsers(recs []activityRecord, windows []time.Time, cfg *sema.ActivityConfig) [][]any {
	byID := map[string][]time.Time{}
	for _, r := range recs {
		byID[r.id] = append(byID[r.id], r.time)
	}
	active := make([]map[string]bool, len(windows)-1)
	for id, times := range byID {
		slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
		for i, t := range times {
			w := windowOf(windows, t)
			if w < 0 {
				continue
			}
			periods := map[int64]bool{}
			// the lookback (t - Lookback, t]: this appearance and the
			// earlier ones after its start (equal times count too)
			for j := i; j >= 0 && times[j].After(t.Add(-cfg.Lookback)); j-- {
				periods[floorDiv(times[j].UnixNano()/100+unixEpochTicks, int64(cfg.Period/100))] = true
			}
			for j := i + 1; j < len(times) && times[j].Equal(t); j++ {
				periods[floorDiv(times[j].UnixNano()/100+unixEpochTicks, int64(cfg.Period/100))] = true
			}
			if len(periods) >= cfg.MinPeriods {
				if active[w] == nil {
					active[w] = map[string]bool{}
				}
				active[w][id] = true
			}
		}
	}
	var out [][]any
	for w, ids := range active {
		if len(ids) > 0 {
			out = append(out, []any{windows[w], int64(len(ids))})
		}
	}
	return out
}
