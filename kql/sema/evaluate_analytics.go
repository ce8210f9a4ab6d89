package sema

import (
	"strings"
	"time"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/secops/beacon"
	"github.com/huntbook/huntbook/secops/sessions"
	"github.com/huntbook/huntbook/table"
)

// BeaconDetectConfig is `evaluate beacon_detect(TimeColumn, SourceColumn,
// DestinationColumn [, BytesColumn] [, min_events=6] [, tolerance=0.15]
// [, threshold=0.7])`: one row per (source, destination) pair, scored by
// secops/beacon.
type BeaconDetectConfig struct {
	Time, Source, Destination string
	// Bytes is the size column, "" when none.
	Bytes   string
	Options beacon.Options
}

// BeaconDetectColumns is beacon_detect's output (see secops/beacon).
var BeaconDetectColumns = []table.Column{
	{Name: "Source", Type: table.String},
	{Name: "Destination", Type: table.String},
	{Name: "Count", Type: table.Long},
	{Name: "FirstSeen", Type: table.DateTime},
	{Name: "LastSeen", Type: table.DateTime},
	{Name: "MedianInterval", Type: table.TimeSpan},
	{Name: "MeanInterval", Type: table.TimeSpan},
	{Name: "Jitter", Type: table.Real},
	{Name: "OnBeatShare", Type: table.Real},
	{Name: "MissedBeats", Type: table.Long},
	{Name: "Period", Type: table.TimeSpan},
	{Name: "SpectralShare", Type: table.Real},
	{Name: "BytesCV", Type: table.Real},
	{Name: "Score", Type: table.Real},
	{Name: "IsBeacon", Type: table.Bool},
}

func (c *checker) beaconDetect(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 3, 4, "min_events", "tolerance", "threshold")
	cfg := &BeaconDetectConfig{Options: beacon.DefaultOptions()}
	cfg.Time = c.pluginTimeColumn(a.pos[0], in, "the time column of beacon_detect()")
	cfg.Source = c.pluginColumn(a.pos[1], in, "the source column of beacon_detect()").Name
	cfg.Destination = c.pluginColumn(a.pos[2], in, "the destination column of beacon_detect()").Name
	if len(a.pos) > 3 {
		col := c.pluginColumn(a.pos[3], in, "the bytes column of beacon_detect()")
		if !col.Type.IsNumeric() {
			c.errorf(a.pos[3], "the bytes column of beacon_detect() must be numeric, '%s' is %s", col.Name, col.Type)
		}
		cfg.Bytes = col.Name
	}
	if e := a.arg(-1, "min_events"); e != nil {
		cfg.Options.MinEvents = int(c.pluginNumber(e, sc, "min_events"))
	}
	if e := a.arg(-1, "tolerance"); e != nil {
		cfg.Options.Tolerance = c.pluginNumber(e, sc, "tolerance")
	}
	if e := a.arg(-1, "threshold"); e != nil {
		cfg.Options.Threshold = c.pluginNumber(e, sc, "threshold")
	}
	if _, err := beacon.Analyze(nil, nil, cfg.Options); err != nil {
		c.errorf(op.Call, "beacon_detect(): %v", err)
	}
	return &Plugin{In: in, Name: "beacon_detect", Config: cfg, out: BeaconDetectColumns}
}

// SessionAnomaliesConfig is `evaluate session_anomalies(TimeColumn,
// CommandColumn [, ParamsColumn] [, key=Column ...] [, max_session=20m]
// [, max_gap=2m] [, window=3] [, model='cmds_params_values'])`: one row
// per session, scored by secops/sessions.
type SessionAnomaliesConfig struct {
	Time, Command string
	// Params is the parameters column, "" when none.
	Params string
	Keys   []string
	Limits sessions.Limits
	Window int
	Model  sessions.Kind
}

// SessionAnomaliesColumns are the columns session_anomalies adds after
// the key columns (see secops/sessions).
var SessionAnomaliesColumns = []table.Column{
	{Name: "SessionStart", Type: table.DateTime},
	{Name: "SessionEnd", Type: table.DateTime},
	{Name: "Events", Type: table.Long},
	{Name: "Commands", Type: table.Dynamic},
	{Name: "RarestWindow", Type: table.Dynamic},
	{Name: "RarestWindowIndex", Type: table.Long},
	{Name: "Likelihood", Type: table.Real},
	{Name: "GeoMeanLikelihood", Type: table.Real},
}

func (c *checker) sessionAnomalies(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 2, 3, "key", "max_session", "max_gap", "window", "model")
	cfg := &SessionAnomaliesConfig{Limits: sessions.Limits{MaxSession: 20 * time.Minute, MaxGap: 2 * time.Minute},
		Window: 3, Model: sessions.CommandsOnly}
	cfg.Time = c.pluginTimeColumn(a.pos[0], in, "the time column of session_anomalies()")
	cfg.Command = c.pluginColumn(a.pos[1], in, "the command column of session_anomalies()").Name
	if len(a.pos) > 2 {
		cfg.Params = c.pluginColumn(a.pos[2], in, "the parameters column of session_anomalies()").Name
		cfg.Model = sessions.CommandsParamsValues
	}
	var keyCols []table.Column
	for _, na := range a.all {
		if strings.EqualFold(na.Name.Name, "key") {
			col := c.pluginColumn(na.Value, in, "a session key")
			cfg.Keys = append(cfg.Keys, col.Name)
			keyCols = append(keyCols, col)
		}
	}
	c.sessionOptions(op, a, sc, cfg)
	return &Plugin{In: in, Name: "session_anomalies", Config: cfg, out: withColumns(keyCols, SessionAnomaliesColumns)}
}

// sessionOptions reads the named options of session_anomalies.
func (c *checker) sessionOptions(op *syntax.EvaluateOp, a *pluginArgs, sc *scope, cfg *SessionAnomaliesConfig) {
	if e := a.arg(-1, "max_session"); e != nil {
		cfg.Limits.MaxSession, _ = c.pluginConst(e, sc, table.TimeSpan, "max_session").(time.Duration)
	}
	if e := a.arg(-1, "max_gap"); e != nil {
		cfg.Limits.MaxGap, _ = c.pluginConst(e, sc, table.TimeSpan, "max_gap").(time.Duration)
	}
	if cfg.Limits.MaxSession <= 0 || cfg.Limits.MaxGap <= 0 {
		c.errorf(op.Call, "session_anomalies(): max_session and max_gap must be positive")
	}
	if e := a.arg(-1, "window"); e != nil {
		cfg.Window = int(c.pluginNumber(e, sc, "window"))
		if cfg.Window < 2 {
			c.errorf(e, "window must be at least 2")
		}
	}
	if e := a.arg(-1, "model"); e != nil {
		name, _ := c.pluginConst(e, sc, table.String, "model").(string)
		kind, err := sessions.ParseKind(name)
		if err != nil {
			c.errorf(e, "session_anomalies(): %v", err)
		}
		if kind != sessions.CommandsOnly && cfg.Params == "" {
			c.errorf(e, "session_anomalies(): the model %s needs a parameters column", name)
		}
		cfg.Model = kind
	}
}

// pluginTimeColumn resolves a datetime column argument.
func (c *checker) pluginTimeColumn(e syntax.Expr, in Tabular, what string) string {
	col := c.pluginColumn(e, in, what)
	if col.Type != table.DateTime {
		c.errorf(e, "%s must be a datetime column, '%s' is %s", what, col.Name, col.Type)
	}
	return col.Name
}

// pluginNumber reads a constant number.
func (c *checker) pluginNumber(e syntax.Expr, sc *scope, what string) float64 {
	x := c.scalar(e, sc, nil)
	lit, ok := x.(*Literal)
	if !ok || lit.Value == nil {
		c.errorf(e, "%s must be a constant number", what)
	}
	switch v := lit.Value.(type) {
	case int64:
		return float64(v)
	case int32:
		return float64(v)
	case float64:
		return v
	}
	c.errorf(e, "%s must be a number, got %s", what, lit.T)
	return 0
}
