package exec

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/secops/beacon"
	"github.com/huntbook/huntbook/secops/sessions"
	"github.com/huntbook/huntbook/table"
)

// beaconDetect is `evaluate beacon_detect(...)`: the flows are read whole
// (a pair's verdict needs all its connections), scored by secops/beacon,
// and written one row per pair, best score first.
func beaconDetect(cfg *sema.BeaconDetectConfig, out []table.Column) engine.PluginFunc {
	return func(ctx context.Context, in *engine.Cursor, sink *engine.Sink) error {
		cols, err := columnsOf(in, cfg.Time, cfg.Source, cfg.Destination, cfg.Bytes)
		if err != nil {
			return err
		}
		var flows []beacon.Flow
		err = eachRow(ctx, in, func(row []any) error {
			tm, ok := row[cols[0]].(time.Time)
			if !ok {
				return nil // a connection without a time has no place in a series
			}
			f := beacon.Flow{Source: table.FormatValue(row[cols[1]]), Destination: table.FormatValue(row[cols[2]]),
				Time: tm, Bytes: math.NaN()}
			if cols[3] >= 0 {
				f.Bytes = toFloat(row[cols[3]])
			}
			flows = append(flows, f)
			return nil
		})
		if err != nil {
			return err
		}
		pairs, err := beacon.Detect(ctx, flows, cfg.Bytes != "", cfg.Options)
		if err != nil {
			return err
		}
		if err := sink.Begin(out); err != nil {
			return err
		}
		for _, p := range pairs {
			if err := sink.Append(beaconRow(p)); err != nil {
				return err
			}
		}
		return nil
	}
}

func beaconRow(p beacon.PairResult) []any {
	return []any{p.Source, p.Destination, int64(p.Count), timeOrNull(p.First), timeOrNull(p.Last),
		p.MedianInterval, p.MeanInterval, realOrNull(p.Jitter), realOrNull(p.OnBeatShare), int64(p.MissedBeats),
		p.Period, realOrNull(p.SpectralShare), realOrNull(p.BytesCV), realOrNull(p.Score), p.IsBeacon}
}

// sessionAnomalies is `evaluate session_anomalies(...)`: the events are
// cut into sessions per key, a Markov model is trained on all of them, and
// each session is scored by its rarest window (secops/sessions).
func sessionAnomalies(cfg *sema.SessionAnomaliesConfig, out []table.Column) engine.PluginFunc {
	return func(ctx context.Context, in *engine.Cursor, sink *engine.Sink) error {
		t, err := readAll(ctx, in)
		if err != nil {
			return err
		}
		ev, err := sessionEvents(in, t, cfg)
		if err != nil {
			return err
		}
		sess, err := sessions.Sessionize(ev.keys, ev.times, cfg.Limits)
		if err != nil {
			return err
		}
		cmds := make([][]sessions.Cmd, len(sess))
		for i, s := range sess {
			for _, e := range s.Events {
				cmds[i] = append(cmds[i], ev.cmds[e])
			}
		}
		model, err := sessions.Train(cmds, cfg.Model)
		if err != nil {
			return err
		}
		scores, err := model.ScoreAll(ctx, cmds, cfg.Window)
		if err != nil {
			return err
		}
		if err := sink.Begin(out); err != nil {
			return err
		}
		for i, s := range sess {
			if err := sink.Append(sessionRow(ev, s, cmds[i], scores[i])); err != nil {
				return err
			}
		}
		return nil
	}
}

// sessionInput is the events of session_anomalies in the shapes
// secops/sessions takes; rows without a time are left out.
type sessionInput struct {
	rows  [][]any // the rows kept, parallel to the slices below
	keys  []string
	times []time.Time
	cmds  []sessions.Cmd
	key   []int // the key columns' indexes
}

func sessionEvents(in *engine.Cursor, t *table.Table, cfg *sema.SessionAnomaliesConfig) (*sessionInput, error) {
	cols, err := columnsOf(in, append([]string{cfg.Time, cfg.Command, cfg.Params}, cfg.Keys...)...)
	if err != nil {
		return nil, err
	}
	ev := &sessionInput{key: cols[3:]}
	for _, row := range t.Rows {
		tm, ok := row[cols[0]].(time.Time)
		if !ok {
			continue
		}
		parts := make([]string, len(ev.key))
		for i, k := range ev.key {
			parts[i] = table.FormatValue(row[k])
		}
		cmd := sessions.Cmd{Name: table.FormatValue(row[cols[1]])}
		if cols[2] >= 0 {
			cmd.Params = sessions.ParamsFromDynamic(row[cols[2]])
		}
		ev.rows = append(ev.rows, row)
		ev.keys = append(ev.keys, strings.Join(parts, "\x1f"))
		ev.times = append(ev.times, tm)
		ev.cmds = append(ev.cmds, cmd)
	}
	return ev, nil
}

func sessionRow(ev *sessionInput, s sessions.Session, cmds []sessions.Cmd, sc sessions.Score) []any {
	first := ev.rows[s.Events[0]]
	row := make([]any, 0, len(ev.key)+len(sema.SessionAnomaliesColumns))
	for _, k := range ev.key {
		row = append(row, first[k])
	}
	names := make([]any, len(cmds))
	for i, c := range cmds {
		names[i] = c.Name
	}
	var window any
	var windowIndex any
	if sc.WindowStart >= 0 {
		window, windowIndex = names[sc.WindowStart:sc.WindowStart+sc.WindowLen], int64(sc.WindowStart)
	}
	return append(row, s.Start, s.End, int64(len(s.Events)), names, window, windowIndex,
		realOrNull(sc.Likelihood), realOrNull(sc.GeoMean))
}

// columnsOf finds input columns by name; "" gives -1.
func columnsOf(in *engine.Cursor, names ...string) ([]int, error) {
	out := make([]int, len(names))
	for i, n := range names {
		out[i] = -1
		if n == "" {
			continue
		}
		c, err := columnOf(in, n)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case int32:
		return float64(x)
	case float64:
		return x
	}
	return math.NaN()
}

// realOrNull turns NaN and infinities (undefined statistics) into null.
func realOrNull(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return f
}

func timeOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}
