package exec_test

// Comparing a result with a documented output table. The docs' cells are
// markdown text written by people, so both sides are normalised:
//
//   - column names lose backticks and markdown escapes (series\_sum);
//     columns are matched by name when both
//     sides have the same set of names (docs sometimes reorder them), else
//     by position, and the differing header is reported separately (the
//     docs' headers are hand-written: result for print_0, typos);
//   - a cell written as code (`[1,2]`) loses its backticks;
//   - an empty cell matches null or the empty string; (null) matches a
//     null of a type other than string;
//   - numbers match with a relative tolerance of 1e-5, or when the result
//     rounds to the documented digits (docs round), thousands separators
//     removed; true/false ignore case;
//   - datetimes are parsed in the docs' spellings and compared as instants;
//     timespans are compared in Kusto's text form, fractions trimmed;
//   - dynamic cells are compared as JSON values (numbers with tolerance),
//     `<br>` and spacing ignored;
//   - rows compare in order when the query sorts (sort/order by/top),
//     as multisets otherwise.

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/huntbook/huntbook/table"
)

var sortsRows = regexp.MustCompile(`\b(sort|order)\s+by\b|\|\s*top\b|\brow_number\s*\(|\bserialize\b`)

// compareDocTable returns "" when the result matches the documented table,
// else a short description of the first difference. header describes a
// difference of column names alone: the columns were then matched by
// position and the rows may still agree.
func compareDocTable(e docExample, got *table.Table) (diff, header string) {
	if len(e.Columns) != len(got.Columns) {
		return fmt.Sprintf("columns %v, want %v", columnNames(got.Columns), e.Columns), ""
	}
	order, header := matchColumns(e.Columns, got.Columns)
	return compareRows(e, got, order), header
}

// compareRows compares the documented rows with the result's, whose
// columns order maps documented columns to.
func compareRows(e docExample, got *table.Table, order []int) string {
	if len(e.Rows) != len(got.Rows) {
		return fmt.Sprintf("%d rows, want %d", len(got.Rows), len(e.Rows))
	}
	cells := func(row []any) []any {
		out := make([]any, len(order))
		for i, j := range order {
			out[i] = row[j]
		}
		return out
	}
	types := make([]table.Type, len(order))
	for i, j := range order {
		types[i] = got.Columns[j].Type
	}
	if sortsRows.MatchString(e.Query) {
		for i, want := range e.Rows {
			if d := rowDiff(want, cells(got.Rows[i]), types); d != "" {
				return fmt.Sprintf("row %d: %s", i+1, d)
			}
		}
		return ""
	}
	used := make([]bool, len(got.Rows))
	for i, want := range e.Rows {
		found := false
		for j, row := range got.Rows {
			if !used[j] && rowDiff(want, cells(row), types) == "" {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return fmt.Sprintf("documented row %d %q not in the result (first result row %v)", i+1, want, firstRow(got, order))
		}
	}
	return ""
}

func firstRow(got *table.Table, order []int) []string {
	if len(got.Rows) == 0 {
		return nil
	}
	out := make([]string, len(order))
	for i, j := range order {
		out[i] = table.FormatValue(got.Rows[0][j])
	}
	return out
}

func cleanName(s string) string {
	return strings.TrimSpace(strings.NewReplacer("`", "", `\_`, "_").Replace(s))
}

// uncode removes the backticks of a cell the docs format as inline code.
func uncode(s string) string {
	if len(s) >= 2 && strings.HasPrefix(s, "`") && strings.HasSuffix(s, "`") {
		return strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// matchColumns maps documented columns to result columns (as many of
// each) by name, or by position with a description of the header
// difference when the names differ.
func matchColumns(want []string, got []table.Column) ([]int, string) {
	byName := map[string]int{}
	for i, c := range got {
		byName[c.Name] = i
	}
	order := make([]int, len(want))
	for i, w := range want {
		j, ok := byName[cleanName(w)]
		if !ok {
			for i := range order {
				order[i] = i
			}
			return order, fmt.Sprintf("columns %v, want %v", columnNames(got), want)
		}
		order[i] = j
	}
	return order, ""
}

func columnNames(cols []table.Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

func rowDiff(want []string, got []any, types []table.Type) string {
	for i := range want {
		if !cellMatches(want[i], got[i], types[i]) {
			return fmt.Sprintf("column %d: %q, want %q", i+1, table.FormatValue(got[i]), want[i])
		}
	}
	return ""
}

var htmlNoise = strings.NewReplacer("<br>", "\n", "<br/>", "\n", "<br />", "\n", "&nbsp;", " ", "&lt;", "<", "&gt;", ">", "&amp;", "&")

func cellMatches(want string, got any, typ table.Type) bool {
	want = uncode(strings.TrimSpace(htmlNoise.Replace(want)))
	if want == "(null)" && got == nil && typ != table.String {
		return true // a null number, datetime, ... as some pages write it
	}
	if want == "" {
		return got == nil || got == "" || isEmptyDynamic(got)
	}
	if got == nil {
		return false
	}
	text := table.FormatValue(got)
	if text == want {
		return true
	}
	switch typ {
	case table.Bool:
		return strings.EqualFold(text, want)
	case table.Int, table.Long, table.Real, table.Decimal:
		return numberMatches(want, text)
	case table.DateTime:
		return dateTimeMatches(want, got)
	case table.TimeSpan:
		return trimFraction(text) == trimFraction(want)
	case table.Dynamic:
		return dynamicMatches(want, got)
	case table.String, table.GUID:
		return strings.Join(strings.Fields(text), " ") == strings.Join(strings.Fields(want), " ")
	}
	return false
}

func isEmptyDynamic(v any) bool {
	return v == nil
}

func numberMatches(want, got string) bool {
	// the docs write infinities as .NET Core prints them
	want = strings.NewReplacer("∞", "Infinity").Replace(want)
	w, err1 := strconv.ParseFloat(strings.ReplaceAll(want, ",", ""), 64)
	g, err2 := strconv.ParseFloat(got, 64)
	if err1 != nil || err2 != nil {
		return strings.EqualFold(want, got)
	}
	return floatsMatch(w, g, decimals(want))
}

// decimals is the number of digits after the point in a documented number.
func decimals(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 && !strings.ContainsAny(s, "eE") {
		return len(s) - i - 1
	}
	return -1
}

func floatsMatch(w, g float64, digits int) bool {
	if math.IsNaN(w) || math.IsNaN(g) {
		return math.IsNaN(w) && math.IsNaN(g)
	}
	if w == g || math.Abs(w-g) <= 1e-5*math.Max(math.Abs(w), math.Abs(g)) {
		return true
	}
	if digits >= 0 && digits < 15 {
		p := math.Pow(10, float64(digits))
		return math.Abs(math.Round(g*p)-math.Round(w*p)) <= 1
	}
	return false
}

var docTimeLayouts = []string{
	"2006-01-02 15:04:05.9999999", "2006-01-02T15:04:05.9999999Z", "2006-01-02T15:04:05.9999999",
	"2006-01-02 15:04:05", "2006-01-02T15:04:05Z", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02",
	"1/2/2006 3:04:05 PM", "1/2/2006, 3:04:05.000 PM", "1/2/2006 3:04:05.000 PM", "1/2/2006",
}

func dateTimeMatches(want string, got any) bool {
	g, ok := got.(time.Time)
	if !ok {
		return false
	}
	w := strings.TrimSuffix(strings.TrimSpace(want), " UTC")
	for _, layout := range docTimeLayouts {
		if t, err := time.Parse(layout, w); err == nil {
			return t.Equal(g.UTC()) || t.Equal(g.UTC().Truncate(time.Millisecond)) && !strings.Contains(w, ".")
		}
	}
	return false
}

func trimFraction(s string) string {
	if i := strings.LastIndexByte(s, '.'); i > strings.LastIndexByte(s, ':') && i >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	return strings.TrimPrefix(s, "0.")
}

func dynamicMatches(want string, got any) bool {
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		// some docs write JSON with single quotes
		if err := json.Unmarshal([]byte(strings.ReplaceAll(want, "'", `"`)), &w); err != nil {
			return looseDynamicMatch(want, got)
		}
	}
	b, err := json.Marshal(table.JSONValue(got))
	if err != nil {
		return false
	}
	var g any
	if err := json.Unmarshal([]byte(table.FormatValue(got)), &g); err != nil {
		_ = json.Unmarshal(b, &g)
	}
	return jsonEqual(w, g)
}

func jsonEqual(w, g any) bool {
	switch wv := w.(type) {
	case float64:
		gv, ok := g.(float64)
		return ok && floatsMatch(wv, gv, -1)
	case []any:
		gv, ok := g.([]any)
		if !ok || len(gv) != len(wv) {
			return false
		}
		for i := range wv {
			if !jsonEqual(wv[i], gv[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		gv, ok := g.(map[string]any)
		if !ok || len(gv) != len(wv) {
			return false
		}
		for k, v := range wv {
			if !jsonEqual(v, gv[k]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(w, g)
}

// looseDynamicMatch compares a documented dynamic cell that is not JSON
// (strings printed without quotes: [yes, no]) with the result's text,
// ignoring quotes and spacing.
func looseDynamicMatch(want string, got any) bool {
	if s, ok := got.(string); ok && s == want {
		return true
	}
	loose := strings.NewReplacer(`"`, "", "'", "", " ", "", "\t", "", "\n", "")
	return loose.Replace(want) == loose.Replace(table.FormatValue(got))
}
