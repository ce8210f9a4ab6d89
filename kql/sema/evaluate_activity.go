package sema

import (
	"strings"
	"time"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// ActivityConfig is one of the user-analytics plugins over an ID column
// and a datetime timeline cut into windows from Start to End:
//
//	activity_counts_metrics(IdColumn, TimelineColumn, Start, End, Step [, dim...])
//	  per window: count, dcount, new_dcount (IDs never seen in an earlier
//	  window), aggregated_dcount (IDs seen from the first window on)
//	sliding_window_counts(IdColumn, TimelineColumn, Start, End, LookbackWindow, Bin [, dim...])
//	  per bin: Count and dcount over the lookback window ending with the bin
//
// The output is the timeline column (each window's start), the
// dimensions, then the plugin's figures.
type ActivityConfig struct {
	Plugin     string
	ID, Time   string
	Start, End time.Time
	// Step is the window width; Calendar ("week", "month", "year")
	// replaces it with calendar windows.
	Step     time.Duration
	Calendar string
	// Lookback is sliding_window_counts' window.
	Lookback time.Duration
	Dims     []string
}

// activityFigures are the columns each activity plugin adds.
var activityFigures = map[string][]table.Column{
	"activity_counts_metrics": {{Name: "count", Type: table.Long}, {Name: "dcount", Type: table.Long},
		{Name: "new_dcount", Type: table.Long}, {Name: "aggregated_dcount", Type: table.Long}},
	"sliding_window_counts": {{Name: "Count", Type: table.Long}, {Name: "dcount", Type: table.Long}},
}

func (c *checker) activityCountsMetrics(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 5, -1)
	cfg := c.activityBase(a, in, sc, "activity_counts_metrics")
	cfg.Step, cfg.Calendar = c.activityStep(a.pos[4], sc, "activity_counts_metrics()")
	return c.activityPlugin(a, in, cfg, 5)
}

func (c *checker) slidingWindowCounts(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 6, -1)
	cfg := c.activityBase(a, in, sc, "sliding_window_counts")
	cfg.Lookback = c.activityDuration(a.pos[4], sc, "the lookback window of sliding_window_counts()")
	cfg.Step = c.activityDuration(a.pos[5], sc, "the bin of sliding_window_counts()")
	return c.activityPlugin(a, in, cfg, 6)
}

// activityBase reads the ID and timeline columns and the period.
func (c *checker) activityBase(a *pluginArgs, in Tabular, sc *scope, plugin string) *ActivityConfig {
	cfg := &ActivityConfig{Plugin: plugin}
	cfg.ID = c.pluginColumn(a.pos[0], in, "the ID column of "+plugin+"()").Name
	cfg.Time = c.pluginTimeColumn(a.pos[1], in, "the timeline column of "+plugin+"()")
	var ok bool
	if cfg.Start, ok = c.pluginConst(a.pos[2], sc, table.DateTime, "the start of "+plugin+"()").(time.Time); !ok {
		c.errorf(a.pos[2], "the start of %s() must be a datetime", plugin)
	}
	if cfg.End, ok = c.pluginConst(a.pos[3], sc, table.DateTime, "the end of "+plugin+"()").(time.Time); !ok {
		c.errorf(a.pos[3], "the end of %s() must be a datetime", plugin)
	}
	if cfg.End.Before(cfg.Start) {
		c.errorf(a.pos[3], "the end of %s() is before its start", plugin)
	}
	return cfg
}

// activityPlugin adds the dimensions from argument dims on and builds
// the plugin node.
func (c *checker) activityPlugin(a *pluginArgs, in Tabular, cfg *ActivityConfig, dims int) Tabular {
	out := []table.Column{{Name: cfg.Time, Type: table.DateTime}}
	for _, d := range a.pos[dims:] {
		col := c.pluginColumn(d, in, "a dimension of "+cfg.Plugin+"()")
		cfg.Dims = append(cfg.Dims, col.Name)
		out = append(out, col)
	}
	return &Plugin{In: in, Name: cfg.Plugin, Config: cfg, out: withColumns(out, activityFigures[cfg.Plugin])}
}

// activityStep reads a window: a positive timespan, or 'week', 'month'
// or 'year' for calendar windows.
func (c *checker) activityStep(e syntax.Expr, sc *scope, plugin string) (time.Duration, string) {
	x := c.scalar(e, sc, nil)
	lit, ok := x.(*Literal)
	if !ok {
		c.errorf(e, "the window of %s must be a constant", plugin)
	}
	switch v := lit.Value.(type) {
	case time.Duration:
		if v <= 0 {
			c.errorf(e, "the window of %s must be positive", plugin)
		}
		return v, ""
	case string:
		switch s := strings.ToLower(v); s {
		case "week", "month", "year":
			return 0, s
		}
		c.errorf(e, "the window of %s must be a timespan or 'week', 'month' or 'year', got '%s'", plugin, v)
	}
	c.errorf(e, "the window of %s must be a timespan or 'week', 'month' or 'year', got %s", plugin, lit.T)
	return 0, ""
}

func (c *checker) activityDuration(e syntax.Expr, sc *scope, what string) time.Duration {
	d, ok := c.pluginConst(e, sc, table.TimeSpan, what).(time.Duration)
	if !ok || d <= 0 {
		c.errorf(e, "%s must be a positive timespan", what)
	}
	return d
}
