package render

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/table"
)

var t0 = time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)

func hours(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }

// seriesNames lists the chart's series with their points as "x=y" pairs.
func summarize(c *Chart) map[string][]float64 {
	out := map[string][]float64{}
	for _, s := range c.Series {
		for _, p := range s.Points {
			out[s.Name] = append(out[s.Name], p.X, p.Y)
		}
	}
	return out
}

func ms(h int) float64 { return float64(hours(h).UnixMilli()) }

func TestBuildChartRules(t *testing.T) {
	cols := []table.Column{{Name: "T", Type: table.DateTime}, {Name: "Host", Type: table.String}, {Name: "User", Type: table.String}, {Name: "n", Type: table.Long}, {Name: "r", Type: table.Real}}
	rows := [][]any{
		{hours(1), "a", "u1", int64(3), 1.5},
		{hours(0), "b", "u2", int64(5), nil},
		{hours(0), "a", "u1", int64(2), 0.5},
	}
	tests := []struct {
		name  string
		vis   table.Visualization
		x     AxisKind
		want  map[string][]float64
		stack string
	}{
		{"first string column is the series; other strings ignored; all numeric are y",
			table.Visualization{Kind: "timechart"}, AxisTime,
			map[string][]float64{"a:n": {ms(0), 2, ms(1), 3}, "a:r": {ms(0), 0.5, ms(1), 1.5}, "b:n": {ms(0), 5}, "b:r": {ms(0), math.NaN()}}, ""},
		{"ycolumns and series properties",
			table.Visualization{Kind: "timechart", YColumns: []string{"n"}, Series: []string{"User"}}, AxisTime,
			map[string][]float64{"u1": {ms(0), 2, ms(1), 3}, "u2": {ms(0), 5}}, ""},
		{"two series columns combine",
			table.Visualization{Kind: "linechart", YColumns: []string{"n"}, Series: []string{"Host", "User"}}, AxisTime,
			map[string][]float64{"a, u1": {ms(0), 2, ms(1), 3}, "b, u2": {ms(0), 5}}, ""},
		{"accumulate adds each value to its predecessors",
			table.Visualization{Kind: "timechart", YColumns: []string{"n"}, Accumulate: true}, AxisTime,
			map[string][]float64{"a": {ms(0), 2, ms(1), 5}, "b": {ms(0), 5}}, ""},
		{"columnchart x is categories in first-seen order",
			table.Visualization{Kind: "columnchart", XColumn: "Host", YColumns: []string{"n"}, Mode: "stacked"}, AxisCategory,
			map[string][]float64{"u1": {0, 3, 0, 2}, "u2": {1, 5}}, "stacked"},
		{"stackedareachart is a stacked area chart",
			table.Visualization{Kind: "stackedareachart", YColumns: []string{"n"}, Series: []string{"Host"}}, AxisTime,
			map[string][]float64{"a": {ms(0), 2, ms(1), 3}, "b": {ms(0), 5}}, "stacked"},
		{"unstacked is the default",
			table.Visualization{Kind: "areachart", YColumns: []string{"n"}, Series: []string{"Host"}, Mode: "unstacked"}, AxisTime,
			map[string][]float64{"a": {ms(0), 2, ms(1), 3}, "b": {ms(0), 5}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.vis
			c, err := BuildChart(&table.Table{Columns: cols, Rows: rows, Visualization: &v}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if c.X.Kind != tt.x || c.Stack != tt.stack {
				t.Errorf("x kind %q stack %q, want %q %q", c.X.Kind, c.Stack, tt.x, tt.stack)
			}
			if diff := cmp.Diff(tt.want, summarize(c), cmp.Comparer(func(a, b float64) bool {
				return a == b || math.IsNaN(a) && math.IsNaN(b)
			})); diff != "" {
				t.Errorf("series (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBuildChartAxes(t *testing.T) {
	tb := &table.Table{
		Columns: []table.Column{{Name: "x", Type: table.Long}, {Name: "y", Type: table.Real}},
		Rows:    [][]any{{int64(10), 1.0}, {int64(1), 100.0}},
		Visualization: &table.Visualization{Kind: "linechart", XAxis: "log", YAxis: "log", YMin: json.Number("0.5"), YMax: "1000",
			Title: "T", XTitle: "X!", Legend: "hidden"},
	}
	c, err := BuildChart(tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := 0.5, 1000.0
	want := &Chart{Kind: "linechart", Title: "T", Legend: false,
		X:      Axis{Kind: AxisLog, Title: "X!", Column: "x"},
		Y:      Axis{Kind: AxisLog, Title: "y", Column: "y", Min: &lo, Max: &hi},
		Series: []Series{{Name: "y", Column: "y", Points: []Point{{1, 100}, {10, 1}}}},
	}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestBuildChartErrors(t *testing.T) {
	str := table.Column{Name: "s", Type: table.String}
	num := table.Column{Name: "n", Type: table.Long}
	tm := table.Column{Name: "t", Type: table.DateTime}
	tests := []struct {
		cols []table.Column
		vis  table.Visualization
		want string
	}{
		{[]table.Column{str, num}, table.Visualization{Kind: "timechart"}, "render timechart: timechart needs a datetime column for its x-axis"},
		{[]table.Column{str, num}, table.Visualization{Kind: "anomalychart"}, "render anomalychart: anomalychart needs a datetime column for its x-axis"},
		{[]table.Column{tm, str}, table.Visualization{Kind: "timechart"}, "render timechart: timechart needs a numeric column for its y-axis"},
		{[]table.Column{tm, str}, table.Visualization{Kind: "linechart", YColumns: []string{"s"}}, `render linechart: ycolumns: "s" is a string column, not a numeric one`},
		{[]table.Column{tm, num}, table.Visualization{Kind: "linechart", XColumn: "zz"}, `render linechart: xcolumn "zz" is not a column of the result`},
		{[]table.Column{tm, num}, table.Visualization{Kind: "linechart", Series: []string{"zz"}}, `render linechart: series "zz" is not a column of the result`},
		{[]table.Column{str}, table.Visualization{Kind: "piechart"}, "render piechart: piechart needs a numeric column for its y-axis"},
		{[]table.Column{str}, table.Visualization{Kind: "timeline"}, "render timeline: timeline needs a datetime column"},
		{[]table.Column{tm, str}, table.Visualization{Kind: "timeline", Properties: map[string]string{"groupcolumn": "g"}}, `render timeline: groupcolumn "g" is not a column of the result`},
		{[]table.Column{str, num}, table.Visualization{Kind: "ladderchart"}, "render ladderchart: ladderchart needs label columns followed by two datetime columns (start, end)"},
		{[]table.Column{str}, table.Visualization{Kind: "processtree"}, "render processtree: processtree needs the columns ProcessKey and ParentKey (as evaluate process_tree() adds)"},
		{[]table.Column{num}, table.Visualization{Kind: "card"}, "render card: card needs at least one row"},
		{[]table.Column{num}, table.Visualization{Kind: "3Dchart"}, "render 3dchart: huntbook does not draw this visualization"},
	}
	for _, tt := range tests {
		v := tt.vis
		_, err := BuildChart(&table.Table{Columns: tt.cols, Visualization: &v}, Options{})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error %v\nwant %s", tt.vis.Kind, err, tt.want)
		}
		if !IsChartError(err) {
			t.Errorf("%s: not a ChartError", tt.vis.Kind)
		}
	}
}

// TestChartImageHTML: a chart without a vega-lite spec carries its SVG as
// an <img> in text/html too (nbconvert before 7 strips inline SVG), and a
// title that is hostile stays inside the alt attribute.
func TestChartImageHTML(t *testing.T) {
	tb := &table.Table{
		Columns:       []table.Column{{Name: "T", Type: table.DateTime}, {Name: "Host", Type: table.String}},
		Rows:          [][]any{{hours(0), "WS1"}, {hours(1), "WS2"}},
		Visualization: &table.Visualization{Kind: "timeline", Title: `"><script>alert(1)</script>`},
	}
	b, err := Render(tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{MIMESVG, MIMEHTML, MIMEText}, keys(b)); diff != "" {
		t.Errorf("timeline bundle keys (-want +got):\n%s", diff)
	}
	h := b[MIMEHTML].(string)
	m := regexp.MustCompile(`^<img class="hb-chart" alt="([^"<>]*)" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)">$`).FindStringSubmatch(h)
	if m == nil {
		t.Fatalf("timeline HTML %q", h)
	}
	if want := "timeline: &#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"; m[1] != want {
		t.Errorf("alt %q, want %q", m[1], want)
	}
	svg, err := base64.StdEncoding.DecodeString(m[2])
	if err != nil || string(svg) != b[MIMESVG] {
		t.Errorf("the <img> does not hold the bundle's SVG (%v)", err)
	}
	// A chart with a vega-lite spec keeps text/html out: JupyterLab would
	// prefer it to the interactive chart.
	tb.Rows = [][]any{{hours(0), int64(1)}}
	tb.Columns[1] = table.Column{Name: "n", Type: table.Long}
	tb.Visualization = &table.Visualization{Kind: "timechart"}
	if b, _ := Render(tb, Options{}); b[MIMEHTML] != nil || b[MIMEVegaLite] == nil {
		t.Errorf("timechart bundle has %v", keys(b))
	}
}

func TestRenderBundles(t *testing.T) {
	tb := &table.Table{
		Columns: []table.Column{{Name: "T", Type: table.DateTime}, {Name: "n", Type: table.Long}},
		Rows:    [][]any{{hours(0), int64(1)}, {hours(1), int64(2)}},
	}
	b, err := Render(tb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := b[MIMEHTML]; !ok || len(b) != 2 {
		t.Errorf("plain table bundle has %v", keys(b))
	}
	tb.Visualization = &table.Visualization{Kind: "timechart"}
	b, err = Render(tb, Options{ChartJSON: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{MIMEChart, MIMEVegaLite, MIMESVG, MIMEText}, keys(b)); diff != "" {
		t.Errorf("chart bundle keys (-want +got):\n%s", diff)
	}
	// The bundle goes into a notebook: it must survive a save and load.
	nb := notebook.New()
	c := notebook.NewCell(notebook.Code, "T | render timechart")
	c.Outputs = []*notebook.Output{{Type: notebook.DisplayData, Data: b}}
	nb.Cells = append(nb.Cells, c)
	data, err := notebook.Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	back, err := notebook.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Cells[0].Outputs[0].Data[MIMESVG]; got != b[MIMESVG] {
		t.Error("SVG changed through the notebook")
	}
	tb.Visualization = &table.Visualization{Kind: "timechart", XColumn: "missing"}
	b, err = Render(tb, Options{})
	if !IsChartError(err) || b[MIMEHTML] == nil {
		t.Errorf("failed chart: err %v, bundle %v", err, keys(b))
	}
}

func keys(b notebook.MIMEBundle) []string {
	var out []string
	for k := range b {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// hostile values land in every text position of every kind.
func TestHostileTextStaysInert(t *testing.T) {
	const evil = `</text><script>alert(1)</script><!--]]>&x;"'` + "\x00\x01\ufffe"
	cols := []table.Column{{Name: "TimeGenerated", Type: table.DateTime}, {Name: evil, Type: table.String}, {Name: "ProcessKey", Type: table.String},
		{Name: "ParentKey", Type: table.String}, {Name: "CommandLine", Type: table.String}, {Name: evil + "n", Type: table.Long}}
	rows := [][]any{{hours(0), evil, "k1", "", evil, int64(1)}, {hours(1), evil + "2", "k2", "k1", evil, int64(2)}}
	for _, kind := range []string{"timechart", "linechart", "areachart", "stackedareachart", "columnchart", "barchart", "piechart",
		"scatterchart", "anomalychart", "card", "timeline", "processtree"} {
		v := &table.Visualization{Kind: kind, Title: evil, XTitle: evil, YTitle: evil, Properties: map[string]string{"groupcolumn": evil}}
		b, err := Render(&table.Table{Columns: cols, Rows: rows, Visualization: v}, Options{})
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		svg := b[MIMESVG].(string)
		assertWellFormed(t, svg)
		if strings.Contains(svg, "<script") || strings.Contains(svg, "<!--") {
			t.Errorf("%s: SVG carries the payload unescaped", kind)
		}
		if txt := b[MIMEText].(string); strings.ContainsAny(txt, "\x00\x01") {
			t.Errorf("%s: text table carries control characters", kind)
		}
	}
	h := HTML(&table.Table{Columns: cols, Rows: rows}, Options{})
	if strings.Contains(h, "<script") || !strings.Contains(h, "&lt;script&gt;") {
		t.Errorf("HTML table not escaped: %s", h)
	}
}

func TestTextTable(t *testing.T) {
	tb := &table.Table{
		Columns: []table.Column{{Name: "Host", Type: table.String}, {Name: "n", Type: table.Long}},
		Rows:    [][]any{{"ws1", int64(5)}, {"a\nb", int64(12345)}, {"x", nil}},
	}
	want := "Host      n\n----  -----\nws1       5\na b   12345\n… 998 more rows\n"
	if diff := cmp.Diff(want, Text(tb, Options{MaxTextRows: 2, TotalRows: 1000})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestNiceTicks(t *testing.T) {
	s := linearScale(3, 97, 5, nil, nil)
	var got []string
	for _, tk := range s.ticks {
		got = append(got, tk.label)
	}
	if diff := cmp.Diff([]string{"0", "20", "40", "60", "80", "100"}, got); diff != "" {
		t.Errorf("linear ticks (-want +got):\n%s", diff)
	}
	tests := []struct {
		span time.Duration
		want string
	}{
		{90 * time.Second, "00:00:15"},
		{3 * time.Hour, "Mar 4 00:00"},
		{10 * 24 * time.Hour, "Mar 4"},
		{400 * 24 * time.Hour, "Apr 2024"},
		{20 * 365 * 24 * time.Hour, "2030"},
	}
	for _, tt := range tests {
		s := timeScale(ms(0), ms(0)+float64(tt.span.Milliseconds()), 6, nil, nil)
		if len(s.ticks) < 2 || len(s.ticks) > 12 {
			t.Errorf("span %v: %d ticks", tt.span, len(s.ticks))
			continue
		}
		found := false
		for _, tk := range s.ticks {
			found = found || tk.label == tt.want
		}
		if !found {
			t.Errorf("span %v: ticks %v lack %q", tt.span, s.ticks, tt.want)
		}
	}
	if got := formatNumber(1500000, 500000); got != "1.5M" {
		t.Errorf("formatNumber = %q", got)
	}
}

func TestPointJSON(t *testing.T) {
	b, _ := json.Marshal([]Point{{1, 2.5}, {3, math.NaN()}})
	if string(b) != "[[1,2.5],[3,null]]" {
		t.Errorf("got %s", b)
	}
	var back []Point
	if err := json.Unmarshal(b, &back); err != nil || back[0] != (Point{1, 2.5}) || !math.IsNaN(back[1].Y) {
		t.Errorf("round trip: %v %v", back, err)
	}
}

func TestProcessTreeTruncatesAndSurvivesCycles(t *testing.T) {
	cols := []table.Column{{Name: "ProcessKey", Type: table.String}, {Name: "ParentKey", Type: table.String}, {Name: "ProcessName", Type: table.String}}
	var rows [][]any
	for i := range 1000 {
		parent := ""
		if i > 0 {
			parent = fmt.Sprint((i - 1) / 3)
		}
		rows = append(rows, []any{fmt.Sprint(i), parent, `C:\Windows\p.exe`})
	}
	rows = append(rows, []any{"c1", "c2", "a.exe"}, []any{"c2", "c1", "b.exe"}) // a parent cycle
	tb := &table.Table{Columns: cols, Rows: rows, Visualization: &table.Visualization{Kind: "processtree"}}
	c, err := BuildChart(tb, Options{MaxTreeNodes: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Tree.Nodes) != 100 || c.Tree.Total != 1002 || c.Notes[0] != "showing 100 of 1002 processes" {
		t.Errorf("nodes %d total %d notes %v", len(c.Tree.Nodes), c.Tree.Total, c.Notes)
	}
	if n := c.Tree.Nodes[1]; n.Depth != 1 || n.Parent != "0" || n.Name != "p.exe" {
		t.Errorf("second node %+v", n)
	}
	c, err = BuildChart(tb, Options{MaxTreeNodes: 5000})
	if err != nil || len(c.Tree.Nodes) != 1002 {
		t.Fatalf("cycle rows lost: %v %d", err, len(c.Tree.Nodes))
	}
	assertWellFormed(t, SVG(c, Options{}))
}

// TestJupyterAcceptsRenderedOutputs stores a bundle of every chart kind in a
// notebook and has Debian's nbformat validate it.
func TestJupyterAcceptsRenderedOutputs(t *testing.T) {
	if err := exec.Command("/usr/bin/python3", "-c", "import nbformat").Run(); err != nil {
		t.Skipf("skipping: /usr/bin/python3 cannot import nbformat (install python3-nbformat; make test does): %v", err)
	}
	files, _ := filepath.Glob("testdata/*.txtar")
	nb := notebook.New()
	for i, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		tb, opts := decodeTable(t, ar.Files[0].Data)
		opts.ChartJSON = true
		b, _ := Render(tb, opts)
		n := i + 1
		c := notebook.NewCell(notebook.Code, "// "+file)
		c.ExecutionCount = &n
		c.Outputs = []*notebook.Output{{Type: notebook.ExecuteResult, ExecutionCount: &n, Data: b, Metadata: notebook.Metadata{}}}
		nb.Cells = append(nb.Cells, c)
	}
	path := filepath.Join(t.TempDir(), "all.ipynb")
	if err := notebook.Save(path, nb); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("/usr/bin/python3", "-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "valid") {
		t.Fatalf("nbformat rejects rendered outputs: %v\n%s", err, out)
	}
}

// FuzzHostileText checks that any text in any position keeps every output
// well-formed and escaped.
func FuzzHostileText(f *testing.F) {
	f.Add("<script>alert(1)</script>", "timechart", 1.5)
	f.Add("\x00\xff\ufffe]]>", "piechart", -3.0)
	f.Add("a", "processtree", 0.0)
	f.Fuzz(func(t *testing.T, s, kind string, y float64) {
		cols := []table.Column{{Name: "TimeGenerated", Type: table.DateTime}, {Name: s, Type: table.String},
			{Name: "ProcessKey", Type: table.String}, {Name: "ParentKey", Type: table.String}, {Name: s + "y", Type: table.Real}}
		rows := [][]any{{hours(0), s, s, "", y}, {hours(1), "x" + s, "k", s, y * 2}}
		v := &table.Visualization{Kind: kind, Title: s, XTitle: s, Properties: map[string]string{"groupcolumn": s}}
		b, err := Render(&table.Table{Columns: cols, Rows: rows, Visualization: v}, Options{})
		if err != nil && !IsChartError(err) {
			t.Fatal(err)
		}
		if svg, ok := b[MIMESVG].(string); ok {
			assertWellFormed(t, svg)
		}
		if h, ok := b[MIMEHTML].(string); ok && strings.Contains(h, "<script") {
			t.Fatal("unescaped HTML")
		}
	})
}
