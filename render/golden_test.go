package render

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/huntbook/huntbook/table"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// jsonTable is the golden input: the JSON form of huntbook query
// --format json, plus render options.
type jsonTable struct {
	Columns       []table.Column       `json:"columns"`
	Rows          [][]any              `json:"rows"`
	Visualization *table.Visualization `json:"visualization"`
	Options       Options              `json:"options"`
}

// decodeTable reads the JSON result form back into Go values of each
// column's type.
func decodeTable(t testing.TB, data []byte) (*table.Table, Options) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var jt jsonTable
	if err := dec.Decode(&jt); err != nil {
		t.Fatalf("golden input: %v", err)
	}
	tb := &table.Table{Columns: jt.Columns, Visualization: jt.Visualization}
	for _, row := range jt.Rows {
		r := make([]any, len(row))
		for j, v := range row {
			r[j] = convertValue(t, jt.Columns[j].Type, v)
		}
		tb.Rows = append(tb.Rows, r)
	}
	return tb, jt.Options
}

func convertValue(t testing.TB, typ table.Type, v any) any {
	if v == nil {
		if typ == table.String {
			return ""
		}
		return nil
	}
	var err error
	switch typ {
	case table.Int:
		var n int64
		n, err = v.(json.Number).Int64()
		return int32(n)
	case table.Long:
		var n int64
		n, err = v.(json.Number).Int64()
		if err == nil {
			return n
		}
	case table.Real:
		if s, ok := v.(string); ok {
			f, _ := strconv.ParseFloat(strings.Replace(s, "Infinity", "Inf", 1), 64)
			return f
		}
		var f float64
		f, err = v.(json.Number).Float64()
		return f
	case table.Decimal:
		return fmt.Sprint(v)
	case table.DateTime:
		var tm time.Time
		tm, err = time.Parse(time.RFC3339Nano, v.(string))
		return tm.UTC()
	case table.TimeSpan:
		return parseTimeSpan(t, v.(string))
	}
	if err != nil {
		t.Fatalf("golden input value %v (%s): %v", v, typ, err)
	}
	return v
}

var timespanRE = regexp.MustCompile(`^(-)?(?:(\d+)\.)?(\d\d):(\d\d):(\d\d)(?:\.(\d{1,7}))?$`)

func parseTimeSpan(t testing.TB, s string) time.Duration {
	m := timespanRE.FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("bad timespan %q", s)
	}
	n := func(s string) time.Duration { v, _ := strconv.Atoi(s); return time.Duration(v) }
	d := n(m[2])*24*time.Hour + n(m[3])*time.Hour + n(m[4])*time.Minute + n(m[5])*time.Second
	if m[6] != "" {
		frac := (m[6] + "0000000")[:7]
		d += n(frac) * table.Tick
	}
	if m[1] == "-" {
		d = -d
	}
	return d
}

// TestGolden renders every testdata/*.txtar input and compares the text,
// HTML, chart model and SVG (or the error) with the archive's expectations.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var input []byte
			for _, f := range ar.Files {
				if f.Name == "input.json" {
					input = f.Data
				}
			}
			tb, opts := decodeTable(t, input)
			got := renderAll(t, tb, opts)
			checkGolden(t, file, ar, input, got)
		})
	}
}

// renderAll produces the golden sections for one input.
func renderAll(t *testing.T, tb *table.Table, opts Options) []txtar.File {
	b, err := Render(tb, opts)
	out := []txtar.File{{Name: "text", Data: []byte(b[MIMEText].(string))}}
	if h, ok := b[MIMEHTML].(string); ok {
		// A chart's HTML embeds its SVG (the svg section) in base64.
		if svg, ok := b[MIMESVG].(string); ok {
			h = strings.Replace(h, base64.StdEncoding.EncodeToString([]byte(svg)), "{base64 of the svg section}", 1) + "\n"
		}
		out = append(out, txtar.File{Name: "html", Data: []byte(h)})
	}
	if err != nil {
		if !IsChartError(err) {
			t.Fatalf("Render: %v", err)
		}
		return append(out, txtar.File{Name: "error", Data: []byte(err.Error() + "\n")})
	}
	if svg, ok := b[MIMESVG].(string); ok {
		assertWellFormed(t, svg)
		c, err := BuildChart(tb, opts)
		if err != nil {
			t.Fatal(err)
		}
		model, _ := json.MarshalIndent(c, "", " ")
		out = append(out, txtar.File{Name: "chart.json", Data: append(model, '\n')})
		vl := "none\n"
		if spec, ok := b[MIMEVegaLite].(map[string]any); ok {
			m, _ := json.Marshal(spec["mark"])
			vl = fmt.Sprintf("mark %s, %d data values\n", m, len(spec["data"].(map[string]any)["values"].([]any)))
			if _, layered := spec["layer"]; layered {
				vl = fmt.Sprintf("layered, %d data values\n", len(spec["data"].(map[string]any)["values"].([]any)))
			}
		}
		out = append(out, txtar.File{Name: "vegalite", Data: []byte(vl)})
		out = append(out, txtar.File{Name: "svg", Data: []byte(svg)})
	}
	return out
}

func checkGolden(t *testing.T, file string, ar *txtar.Archive, input []byte, got []txtar.File) {
	t.Helper()
	if *update {
		ar.Files = append([]txtar.File{{Name: "input.json", Data: input}}, got...)
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := map[string]string{}
	for _, f := range ar.Files[1:] {
		want[f.Name] = string(f.Data)
	}
	gotMap := map[string]string{}
	for _, f := range got {
		gotMap[f.Name] = string(f.Data)
	}
	if diff := cmp.Diff(want, gotMap); diff != "" {
		t.Errorf("%s differs (-want +got; go test ./render -update rewrites it):\n%s", file, diff)
	}
}

// assertWellFormed parses the SVG as XML from start to end.
func assertWellFormed(t testing.TB, svg string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	dec.Strict = true
	depth, root := 0, ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				root = el.Name.Local
			}
			depth++
			switch strings.ToLower(el.Name.Local) {
			case "script", "foreignobject", "iframe", "image", "use", "a", "style":
				t.Errorf("SVG contains <%s>", el.Name.Local)
			}
			for _, a := range el.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || a.Name.Local == "href" || a.Name.Local == "style" {
					t.Errorf("SVG attribute %s=%q", a.Name.Local, a.Value)
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if root != "svg" || depth != 0 {
		t.Fatalf("SVG root %q, depth %d", root, depth)
	}
}
