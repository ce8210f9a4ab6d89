package render

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/huntbook/huntbook/table"
)

// Timeline is the model of `render timeline` and `render ladderchart`:
// events on a time axis, one lane per group.
type Timeline struct {
	Lanes  []string `json:"lanes"`
	Events []Event  `json:"events"`
}

// Event is one mark (End unset) or interval on a lane. Times are
// milliseconds since the epoch; Row is the event's row in the result, for
// the browser's hover details.
type Event struct {
	Lane  int      `json:"lane"`
	Start float64  `json:"start"`
	End   *float64 `json:"end,omitempty"`
	Label string   `json:"label,omitempty"`
	Row   int      `json:"row"`
}

// maxLanes keeps a timeline legible; further groups are counted in a note.
const maxLanes = 40

// buildTimeline applies huntbook's timeline rules: the time is xcolumn or
// the first datetime column; an optional end time is the endcolumn property;
// the lane is the groupcolumn property, else the first series column, else
// one lane; the label is the labelcolumn property, else the first string
// column that is not the group.
func buildTimeline(c *Chart, t *table.Table, v *table.Visualization) error {
	ti := slices.IndexFunc(t.Columns, func(col table.Column) bool { return col.Type == table.DateTime })
	if v.XColumn != "" {
		i, err := columnRef(t, c.Kind, "xcolumn", v.XColumn)
		if err != nil {
			return err
		}
		ti = i
	}
	if ti < 0 || t.Columns[ti].Type != table.DateTime {
		return chartErr(c.Kind, "timeline needs a datetime column")
	}
	end, group, lbl := -1, -1, -1
	var err error
	if name := property(v, "endcolumn"); name != "" {
		if end, err = columnRef(t, c.Kind, "endcolumn", name); err != nil {
			return err
		}
	}
	if name := property(v, "groupcolumn"); name != "" {
		if group, err = columnRef(t, c.Kind, "groupcolumn", name); err != nil {
			return err
		}
	} else if len(v.Series) > 0 {
		if group, err = columnRef(t, c.Kind, "series", v.Series[0]); err != nil {
			return err
		}
	}
	if name := property(v, "labelcolumn"); name != "" {
		if lbl, err = columnRef(t, c.Kind, "labelcolumn", name); err != nil {
			return err
		}
	} else {
		lbl = slices.IndexFunc(t.Columns, func(col table.Column) bool { return col.Type == table.String })
		if lbl == group {
			lbl = -1
			for i, col := range t.Columns {
				if col.Type == table.String && i != group {
					lbl = i
					break
				}
			}
		}
	}
	c.X = Axis{Kind: AxisTime, Column: t.Columns[ti].Name, Title: orDefault(v.XTitle, t.Columns[ti].Name)}
	if group >= 0 {
		c.Y = Axis{Kind: AxisCategory, Column: t.Columns[group].Name, Title: orDefault(v.YTitle, t.Columns[group].Name)}
	}
	laneOf := func(row []any) string {
		if group < 0 {
			return ""
		}
		return label(row[group])
	}
	c.Timeline = collectEvents(c, t, ti, end, lbl, laneOf)
	return nil
}

// property reads a render property without a field of its own.
func property(v *table.Visualization, name string) string {
	for k, val := range v.Properties {
		if strings.EqualFold(k, name) {
			return val
		}
	}
	return ""
}

func collectEvents(c *Chart, t *table.Table, start, end, lbl int, laneOf func([]any) string) *Timeline {
	tl := &Timeline{Lanes: []string{}, Events: []Event{}}
	lanes := map[string]int{}
	dropped := map[string]bool{}
	for ri, row := range t.Rows {
		s, ok := timeOf(row[start])
		if !ok {
			continue
		}
		name := laneOf(row)
		li, ok := lanes[name]
		if !ok {
			if len(tl.Lanes) >= maxLanes {
				dropped[name] = true
				continue
			}
			li = len(tl.Lanes)
			lanes[name] = li
			tl.Lanes = append(tl.Lanes, name)
		}
		ev := Event{Lane: li, Start: s, Row: ri}
		if end >= 0 {
			if e, ok := timeOf(row[end]); ok && e >= s {
				ev.End = &e
			}
		}
		if lbl >= 0 {
			ev.Label = label(row[lbl])
		}
		tl.Events = append(tl.Events, ev)
	}
	sort.SliceStable(tl.Events, func(a, b int) bool { return tl.Events[a].Start < tl.Events[b].Start })
	if len(dropped) > 0 {
		c.Notes = append(c.Notes, fmt.Sprintf("showing the first %d of %d groups", maxLanes, maxLanes+len(dropped)))
	}
	return tl
}

// buildLadder follows Kusto's ladderchart: the last two columns are the
// start and end of each interval, the other columns name its lane.
func buildLadder(c *Chart, t *table.Table, v *table.Visualization) error {
	n := len(t.Columns)
	if n < 3 || t.Columns[n-2].Type != table.DateTime || t.Columns[n-1].Type != table.DateTime {
		return chartErr(c.Kind, "ladderchart needs label columns followed by two datetime columns (start, end)")
	}
	c.X = Axis{Kind: AxisTime, Column: t.Columns[n-2].Name, Title: orDefault(v.XTitle, "")}
	keys := make([]int, n-2)
	for i := range keys {
		keys[i] = i
	}
	laneOf := func(row []any) string { return seriesKey(row, keys) }
	c.Timeline = collectEvents(c, t, n-2, n-1, -1, laneOf)
	return nil
}
