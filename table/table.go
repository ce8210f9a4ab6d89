package table

// Column is one named, typed column of a result.
type Column struct {
	Name string `json:"name"`
	Type Type   `json:"type"`
}

// Table is a query result: a schema, its rows and an optional visualization.
// Rows[i][j] holds the value of Columns[j] in the Go representation the
// package documentation fixes.
type Table struct {
	Columns       []Column
	Rows          [][]any
	Visualization *Visualization
}

// ColumnIndex returns the index of the column with the given name, or -1.
func (t *Table) ColumnIndex(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// Visualization is the hint a `render` operator attaches to a result: the
// chart kind and the properties of its `with (...)` clause. Field names follow
// the KQL property names; Properties keeps any property without a field of
// its own (for example groupcolumn of a timeline) as written.
type Visualization struct {
	Kind           string            `json:"kind"` // timechart, barchart, piechart, table, processtree, timeline, ...
	Title          string            `json:"title,omitempty"`
	XColumn        string            `json:"xcolumn,omitempty"`
	YColumns       []string          `json:"ycolumns,omitempty"`
	Series         []string          `json:"series,omitempty"`
	AnomalyColumns []string          `json:"anomalycolumns,omitempty"`
	XTitle         string            `json:"xtitle,omitempty"`
	YTitle         string            `json:"ytitle,omitempty"`
	XAxis          string            `json:"xaxis,omitempty"`  // linear | log
	YAxis          string            `json:"yaxis,omitempty"`  // linear | log
	Legend         string            `json:"legend,omitempty"` // visible | hidden
	YSplit         string            `json:"ysplit,omitempty"` // none | axes | panels
	Accumulate     bool              `json:"accumulate,omitempty"`
	Mode           string            `json:"mode,omitempty"` // the `kind` property: default, stacked, stacked100, unstacked, map
	XMin           any               `json:"xmin,omitempty"`
	XMax           any               `json:"xmax,omitempty"`
	YMin           any               `json:"ymin,omitempty"`
	YMax           any               `json:"ymax,omitempty"`
	Properties     map[string]string `json:"properties,omitempty"`
}
