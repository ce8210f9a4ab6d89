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
//	  per bin: Count and Dcount over the lookback window ending with the bin
//	activity_metrics(IdColumn, TimelineColumn, [Start, End,] Window [, dim...])
//	  per window: dcount_values, dcount_newvalues (not in the previous
//	  window), retention_rate and churn_rate against the previous window
//	new_activity_metrics(IdColumn, TimelineColumn, Start, End, Window [, dim...])
//	  per cohort window (the IDs first seen in it) and later window: the
//	  cohort's size, how many of it were seen again, and the rates
//	active_users_count(IdColumn, TimelineColumn, Start, End, LookbackWindow, Period, ActivePeriodsCount, Bin [, dim...])
//	  per bin: the distinct IDs with an appearance in it that is active,
//	  seen in at least ActivePeriodsCount distinct Periods of the
//	  LookbackWindow ending with it
//	activity_engagement(IdColumn, TimelineColumn, [Start, End,] InnerWindow, OuterWindow [, dim...])
//	  per inner window: distinct IDs in it, in the outer window ending with
//	  it, and their ratio
//
// The output is the timeline column (each window's start), the
// dimensions, then the plugin's figures (activity_metrics and
// activity_engagement put the dimensions last, new_activity_metrics has
// two timeline columns), as Kusto's documentation gives them.
type ActivityConfig struct {
	Plugin     string
	ID, Time   string
	Start, End time.Time
	// Step is the window width; Calendar ("week", "month", "year")
	// replaces it with calendar windows.
	Step     time.Duration
	Calendar string
	// Lookback is sliding_window_counts' window and activity_engagement's
	// outer window.
	Lookback time.Duration
	Dims     []string
	// Cohort limits new_activity_metrics to the cohort of the window
	// starting then (zero: every cohort).
	Cohort time.Time
	// StartCol and EndCol name the hidden input columns holding Start and
	// End when they are constant expressions rather than literals.
	StartCol, EndCol string
	hidden           []NamedExpr
	// Period and MinPeriods are active_users_count's.
	Period     time.Duration
	MinPeriods int
	// FromData: no Start and End were given; they are the data's first
	// and last times.
	FromData bool
}

// activityFigures are the columns each activity plugin adds.
var activityFigures = map[string][]table.Column{
	"activity_counts_metrics": {{Name: "count", Type: table.Long}, {Name: "dcount", Type: table.Long},
		{Name: "new_dcount", Type: table.Long}, {Name: "aggregated_dcount", Type: table.Long}},
	"sliding_window_counts": {{Name: "Count", Type: table.Long}, {Name: "Dcount", Type: table.Long}},
	"activity_metrics": {{Name: "dcount_values", Type: table.Long}, {Name: "dcount_newvalues", Type: table.Long},
		{Name: "retention_rate", Type: table.Real}, {Name: "churn_rate", Type: table.Real}},
	"new_activity_metrics": {{Name: "dcount_new_values", Type: table.Long}, {Name: "dcount_retained_values", Type: table.Long},
		{Name: "dcount_churn_values", Type: table.Real}, {Name: "retention_rate", Type: table.Real}, {Name: "churn_rate", Type: table.Real}},
	"active_users_count": {{Name: "dcount", Type: table.Long}},
	"activity_engagement": {{Name: "dcount_activities_inner", Type: table.Long}, {Name: "dcount_activities_outer", Type: table.Long},
		{Name: "activity_ratio", Type: table.Real}},
}

// dimsLast lists the plugins whose output has the dimensions after the
// figures.
var dimsLast = map[string]bool{"activity_metrics": true, "activity_engagement": true}

func (c *checker) activityMetrics(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 3, -1)
	cfg, next := c.activityOptionalPeriod(a, in, sc, "activity_metrics")
	cfg.Step, cfg.Calendar = c.activityStep(a.pos[next], sc, "activity_metrics()")
	return c.activityPlugin(a, in, cfg, next+1)
}

func (c *checker) newActivityMetrics(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 5, -1)
	cfg := c.activityBase(a, in, sc, "new_activity_metrics")
	cfg.Step, cfg.Calendar = c.activityStep(a.pos[4], sc, "new_activity_metrics()")
	dims := 5
	if len(a.pos) > 5 && !c.isInputColumn(a.pos[5], in) {
		x := c.scalar(a.pos[5], sc, nil)
		lit, ok := x.(*Literal)
		cohort, isTime := lit.Value.(time.Time)
		if !ok || !isTime {
			c.errorf(a.pos[5], "the cohort of new_activity_metrics() must be a datetime constant")
		}
		cfg.Cohort, dims = cohort, 6
	}
	if len(a.pos) > dims && !c.isInputColumn(a.pos[len(a.pos)-1], in) {
		c.unsupported(a.pos[len(a.pos)-1], "new_activity_metrics() with a lookback table")
	}
	return c.activityPlugin(a, in, cfg, dims)
}

func (c *checker) activeUsersCount(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 8, -1)
	cfg := c.activityBase(a, in, sc, "active_users_count")
	cfg.Lookback = c.activityDuration(a.pos[4], sc, "the lookback window of active_users_count()")
	cfg.Period = c.activityDuration(a.pos[5], sc, "the period of active_users_count()")
	cfg.MinPeriods = c.pluginCount(a.pos[6], sc, "the active periods count of active_users_count()")
	cfg.Step = c.activityDuration(a.pos[7], sc, "the bin of active_users_count()")
	return c.activityPlugin(a, in, cfg, 8)
}

func (c *checker) activityEngagement(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 4, -1)
	cfg, next := c.activityOptionalPeriod(a, in, sc, "activity_engagement")
	if len(a.pos) < next+2 {
		c.errorf(a.call, "activity_engagement() needs an inner and an outer window")
	}
	cfg.Step = c.activityDuration(a.pos[next], sc, "the inner window of activity_engagement()")
	cfg.Lookback = c.activityDuration(a.pos[next+1], sc, "the outer window of activity_engagement()")
	if cfg.Lookback < cfg.Step {
		c.errorf(a.pos[next+1], "the outer window of activity_engagement() is shorter than the inner one")
	}
	return c.activityPlugin(a, in, cfg, next+2)
}

// activityOptionalPeriod reads the ID and timeline columns and, when the
// next two arguments are datetimes, the period; it returns the index of
// the argument after them.
func (c *checker) activityOptionalPeriod(a *pluginArgs, in Tabular, sc *scope, plugin string) (*ActivityConfig, int) {
	if len(a.pos) > 3 {
		x := c.scalar(a.pos[2], sc, &rowCtx{cols: in.Schema()})
		if lit, ok := x.(*Literal); ok && lit.T == table.DateTime {
			return c.activityBase(a, in, sc, plugin), 4
		}
	}
	cfg := &ActivityConfig{Plugin: plugin, FromData: true}
	cfg.ID = c.pluginColumn(a.pos[0], in, "the ID column of "+plugin+"()").Name
	cfg.Time = c.pluginTimeColumn(a.pos[1], in, "the timeline column of "+plugin+"()")
	return cfg, 2
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

// isInputColumn reports whether an argument names a column of the input.
func (c *checker) isInputColumn(e syntax.Expr, in Tabular) bool {
	id, ok := unparen(e).(*syntax.Ident)
	return ok && columnIndex(in.Schema(), id.Name) >= 0
}

// activityBase reads the ID and timeline columns and the period.
func (c *checker) activityBase(a *pluginArgs, in Tabular, sc *scope, plugin string) *ActivityConfig {
	cfg := &ActivityConfig{Plugin: plugin}
	cfg.ID = c.pluginColumn(a.pos[0], in, "the ID column of "+plugin+"()").Name
	cfg.Time = c.pluginTimeColumn(a.pos[1], in, "the timeline column of "+plugin+"()")
	cfg.Start, cfg.StartCol = c.activityTime(cfg, a.pos[2], sc, "start")
	cfg.End, cfg.EndCol = c.activityTime(cfg, a.pos[3], sc, "end")
	if cfg.StartCol == "" && cfg.EndCol == "" && cfg.End.Before(cfg.Start) {
		c.errorf(a.pos[3], "the end of %s() is before its start", plugin)
	}
	return cfg
}

// activityTime reads the start or end of the period: a datetime
// constant, or a constant expression (EndDate - 1tick) the input computes
// in a hidden column.
func (c *checker) activityTime(cfg *ActivityConfig, e syntax.Expr, sc *scope, what string) (time.Time, string) {
	x := c.scalar(e, sc, nil)
	if x.Type() != table.DateTime || !rowFree(x) {
		c.errorf(e, "the %s of %s() must be a datetime constant", what, cfg.Plugin)
	}
	if lit, ok := x.(*Literal); ok {
		if t, ok := lit.Value.(time.Time); ok {
			return t, ""
		}
		c.errorf(e, "the %s of %s() is null", what, cfg.Plugin)
	}
	name := hiddenColumn(cfg.Plugin, what)
	cfg.hidden = append(cfg.hidden, NamedExpr{Name: name, Expr: x})
	return time.Time{}, name
}

// activityPlugin adds the dimensions from argument dims on and builds
// the plugin node.
func (c *checker) activityPlugin(a *pluginArgs, in Tabular, cfg *ActivityConfig, dims int) Tabular {
	out := []table.Column{{Name: cfg.Time, Type: table.DateTime}}
	if cfg.Plugin == "new_activity_metrics" {
		out = []table.Column{{Name: "from_" + cfg.Time, Type: table.DateTime}, {Name: "to_" + cfg.Time, Type: table.DateTime}}
	}
	var dimCols []table.Column
	for _, d := range a.pos[dims:] {
		col := c.pluginColumn(d, in, "a dimension of "+cfg.Plugin+"()")
		cfg.Dims = append(cfg.Dims, col.Name)
		dimCols = append(dimCols, col)
	}
	if dimsLast[cfg.Plugin] {
		out = withColumns(withColumns(out, activityFigures[cfg.Plugin]), dimCols)
	} else {
		out = withColumns(withColumns(out, dimCols), activityFigures[cfg.Plugin])
	}
	if len(cfg.hidden) > 0 {
		in = withHidden(in, cfg.hidden...)
	}
	return &Plugin{In: in, Name: cfg.Plugin, Config: cfg, out: out}
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

// rowFree reports an expression that reads no column and no subquery
// and calls nothing volatile: the same value on every row.
func rowFree(e Expr) bool {
	ok := true
	Walk(e, func(x Expr) bool {
		switch x := x.(type) {
		case *ColumnRef, *Subquery:
			ok = false
		case *Call:
			if x.Fn.Kind == KindAggregate || x.Fn.Kind == KindWindow || x.Fn.Volatile {
				ok = false
			}
		}
		return ok
	})
	return ok
}
