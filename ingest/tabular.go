package ingest

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace/schema"
)

// A survey is the first pass over a CSV or JSON input: its columns, the
// tables its records go to and the kinds of values of each column.
type survey struct {
	in     *input
	format Format
	delim  rune
	header csvHeader
	keys   map[string]int // JSON: key -> column
	names  []string       // column names by index
	groups map[string]*group
	order  []string // group keys in order of first record
}

// group is the records of one input bound for one table: all of them, or
// those whose Type (or $table) column names that table.
type group struct {
	route string // the Type value, or "" for records without one
	stats []colStats
	table string
	cols  []plannedColumn
}

type colStats struct {
	mask             kindMask
	seen, structured bool
	plain            bool // a non-empty value that is not a JSON object or array
	fromJSON         bool
}

// plannedColumn is a column of the group's table and where its values come
// from: the first non-empty of the file columns, or a constant.
type plannedColumn struct {
	col      table.Column
	sources  []int
	constant any
}

const maxGroups = 64

func (s *survey) column(name string) int {
	if i, ok := s.keys[name]; ok {
		return i
	}
	s.keys[name] = len(s.names)
	s.names = append(s.names, name)
	return len(s.names) - 1
}

// routeOf names the table a record's $table or Type column gives: a
// catalog table or a custom (_CL) table; "" otherwise.
func (s *survey) routeOf(r *record) string {
	for _, key := range []string{"$table", "Type"} {
		v := s.value(r, key)
		if v == "" {
			continue
		}
		if schema.Has(v) || strings.HasSuffix(v, "_CL") && isIdent(v) {
			return v
		}
	}
	return ""
}

func (s *survey) value(r *record, name string) string {
	if r.obj != nil {
		v, _ := r.obj[name].(string)
		return v
	}
	if i, ok := s.keys[name]; ok && i < len(r.cells) {
		return r.cells[i]
	}
	return ""
}

func isIdent(s string) bool {
	for _, r := range s {
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// observe adds a record to the survey.
func (s *survey) observe(r *record, route string) error {
	g, ok := s.groups[route]
	if !ok {
		if len(s.groups) >= maxGroups {
			return fmt.Errorf("records name more than %d tables in their Type column", maxGroups)
		}
		g = &group{route: route}
		s.groups[route] = g
		s.order = append(s.order, route)
	}
	if r.obj != nil {
		for k, v := range r.obj {
			i := s.column(k)
			g.grow(len(s.names))
			g.stats[i].addJSON(v)
		}
		return nil
	}
	g.grow(len(s.names))
	for i, c := range r.cells {
		g.stats[i].addText(c)
	}
	return nil
}

func (g *group) grow(n int) {
	for len(g.stats) < n {
		g.stats = append(g.stats, colStats{mask: kAll})
	}
}

func (c *colStats) addText(s string) {
	m := classifyText(s)
	if m == kAll {
		return // empty
	}
	c.seen = true
	c.mask &= m
	if m == kDynamic {
		c.structured = true
	} else {
		c.plain = true
	}
}

func (c *colStats) addJSON(v any) {
	m, structured, ok := classifyJSON(v)
	if !ok {
		return
	}
	c.seen, c.fromJSON = true, true
	c.mask &= m
	if structured {
		c.structured = true
	} else {
		c.plain = true
	}
}

// inferred is the type the values of a column call for: the most specific
// type every value reads as; JSON columns holding any object or array are
// dynamic; empty columns are strings.
func (c colStats) inferred() table.Type {
	switch {
	case !c.seen:
		return table.String
	case c.fromJSON && c.structured:
		return table.Dynamic
	}
	for _, k := range []struct {
		bit kindMask
		ty  table.Type
	}{{kBool, table.Bool}, {kLong, table.Long}, {kReal, table.Real}, {kDateTime, table.DateTime},
		{kTimeSpan, table.TimeSpan}, {kGUID, table.GUID}, {kDynamic, table.Dynamic}} {
		if c.mask&k.bit != 0 {
			return k.ty
		}
	}
	return table.String
}

// genericColumns appear in nearly every Log Analytics table, so they say
// nothing about which table a file holds.
var genericColumns = map[string]bool{
	"tenantid": true, "timegenerated": true, "type": true, "sourcesystem": true, "_resourceid": true,
	"_subscriptionid": true, "mg": true, "managementgroupname": true, "computer": true, "timecollected": true,
	"sourcecomputerid": true, "$table": true,
}

// matchCatalog finds the catalog table whose columns cover the file's
// best: at least 70% of its telling (non-generic) columns, and at least
// three of them. Between tables covering as many, the one whose column
// types fit the data better wins (SigninLogs over its non-interactive
// twin for JSON location details), then the smaller one.
func matchCatalog(names []string, inferred func(name string) table.Type) string {
	var telling []string
	for _, n := range names {
		if !genericColumns[strings.ToLower(n)] {
			telling = append(telling, n)
		}
	}
	best, bestHits, bestFit, bestSize := "", 0, 0, 0
	for _, s := range schema.Tables() {
		hits, fit := 0, 0
		for _, n := range telling {
			if j := catalogColumn(s, n); j >= 0 {
				hits++
				if inferred(n) == s.Columns[j].Type {
					fit++
				}
			}
		}
		if hits < 3 || float64(hits) < 0.7*float64(len(telling)) {
			continue
		}
		if hits > bestHits || hits == bestHits && (fit > bestFit || fit == bestFit && len(s.Columns) < bestSize) {
			best, bestHits, bestFit, bestSize = s.Name, hits, fit, len(s.Columns)
		}
	}
	return best
}

// typeSuffixes are what Log Analytics appends to a column whose type
// changed over time (an export then holds both, e.g. Status_dynamic and
// Status_string), and what pandas-era exports append (ReportId_long).
var typeSuffixes = []string{"_dynamic", "_string", "_long", "_int", "_real", "_double", "_bool", "_datetime", "_guid", "_timespan", "_d", "_s"}

// catalogColumn finds the catalog column a file column fills: same name,
// same name ignoring case, or the name with a type suffix.
func catalogColumn(s schema.Schema, name string) int {
	if i := s.Index(name); i >= 0 {
		return i
	}
	for i, c := range s.Columns {
		if strings.EqualFold(c.Name, name) {
			return i
		}
	}
	for _, suf := range typeSuffixes {
		if base, ok := strings.CutSuffix(name, suf); ok && base != "" {
			if i := s.Index(base); i >= 0 {
				return i
			}
		}
	}
	return -1
}

// tableNameFromPath makes a table name of a file name:
// "processes_on_host.pkl.csv" -> "processes_on_host".
func tableNameFromPath(name string) string {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	var b strings.Builder
	for _, r := range base {
		if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	out := b.String()
	if out == "" || unicode.IsDigit(rune(out[0])) {
		out = "T_" + out
	}
	return out
}

// plan decides each group's table and columns.
func (s *survey) plan(opts Options) error {
	for _, key := range s.order {
		g := s.groups[key]
		g.grow(len(s.names))
		present := s.presentNames(g)
		switch {
		case opts.Table != "":
			g.table = opts.Table
			if cs, ok := schema.Lookup(opts.Table); ok {
				g.table = cs.Name
			}
		case g.route != "":
			g.table = g.route
		default:
			g.table = matchCatalog(present, func(name string) table.Type { return g.stats[s.keys[name]].inferred() })
			if g.table == "" {
				g.table = s.closestRouted(present)
			}
			if g.table == "" {
				g.table = tableNameFromPath(s.in.inner)
			}
		}
		g.cols = s.planColumns(g)
	}
	return nil
}

// closestRouted picks, for records without a usable Type in a file whose
// other records name their tables, the named table sharing the most
// columns with them (a Sentinel export where a projection overwrote Type).
func (s *survey) closestRouted(present []string) string {
	best, bestHits := "", 0
	for _, key := range s.order {
		cs, ok := schema.Table(key)
		if !ok {
			continue
		}
		hits := 0
		for _, n := range present {
			if catalogColumn(cs, n) >= 0 {
				hits++
			}
		}
		if hits > bestHits {
			best, bestHits = key, hits
		}
	}
	return best
}

// presentNames are the columns that hold a value in some record of g.
func (s *survey) presentNames(g *group) []string {
	var out []string
	for i, n := range s.names {
		if g.stats[i].seen || s.format == FormatCSV {
			out = append(out, n)
		}
	}
	return out
}

// planColumns lays out a group's table: for a catalog table its columns
// (filled from file columns of the same name, of the same name ignoring
// case, or with a type suffix; Type defaults to the table name and
// TimeGenerated to Timestamp), then the file's other columns with inferred
// types; for another table the file's columns with inferred types.
func (s *survey) planColumns(g *group) []plannedColumn {
	order := s.columnOrder()
	cs, isCatalog := schema.Table(g.table)
	if !isCatalog {
		var out []plannedColumn
		for _, i := range order {
			if s.names[i] == "$table" || s.format != FormatCSV && !g.stats[i].seen {
				continue
			}
			out = append(out, plannedColumn{col: table.Column{Name: s.names[i], Type: g.stats[i].inferred()}, sources: []int{i}})
		}
		return out
	}
	out := make([]plannedColumn, len(cs.Columns))
	for j, c := range cs.Columns {
		out[j].col = c
	}
	used := make([]bool, len(s.names))
	for _, i := range order { // exact names first, then folded and suffixed
		if j := cs.Index(s.names[i]); j >= 0 {
			out[j].sources = append(out[j].sources, i)
			used[i] = true
		}
	}
	for _, i := range order {
		if used[i] || s.names[i] == "$table" {
			continue
		}
		if j := catalogColumn(cs, s.names[i]); j >= 0 {
			out[j].sources = append(out[j].sources, i)
			used[i] = true
			continue
		}
		if s.format != FormatCSV && !g.stats[i].seen {
			continue
		}
		out = append(out, plannedColumn{col: table.Column{Name: s.names[i], Type: g.stats[i].inferred()}, sources: []int{i}})
	}
	fillDefaults(cs, out)
	return out
}

// timeFallbacks name, per table, the column whose value Sentinel's
// TimeGenerated carries, for exports that left TimeGenerated out.
var timeFallbacks = map[string]string{
	"SigninLogs": "CreatedDateTime", "AADNonInteractiveUserSignInLogs": "CreatedDateTime",
	"AuditLogs": "ActivityDateTime", "OfficeActivity": "Start_Time", "CommonSecurityLog": "StartTime",
}

// fillDefaults sets Type to the table's name (whatever a file's Type
// column said: rows of a catalog table say which table they are in) and
// fills a missing TimeGenerated from the column that holds the event time
// (Timestamp in the Defender tables).
func fillDefaults(cs schema.Schema, out []plannedColumn) {
	if j := cs.Index("Type"); j >= 0 {
		out[j].sources, out[j].constant = nil, cs.Name
	}
	tg := cs.Index("TimeGenerated")
	if tg < 0 || len(out[tg].sources) > 0 {
		return
	}
	from := "Timestamp"
	if f, ok := timeFallbacks[cs.Name]; ok {
		from = f
	}
	if j := cs.Index(from); j >= 0 {
		out[tg].sources = out[j].sources
	}
}

// columnOrder is the file's column order: the header's for CSV; for JSON,
// whose objects do not keep key order here, TimeGenerated and Timestamp
// first, then by name.
func (s *survey) columnOrder() []int {
	idx := make([]int, len(s.names))
	for i := range idx {
		idx[i] = i
	}
	if s.format == FormatCSV {
		return idx
	}
	rank := func(n string) int {
		switch n {
		case "TimeGenerated":
			return 0
		case "Timestamp":
			return 1
		}
		return 2
	}
	slices.SortFunc(idx, func(a, b int) int {
		if ra, rb := rank(s.names[a]), rank(s.names[b]); ra != rb {
			return ra - rb
		}
		return strings.Compare(s.names[a], s.names[b])
	})
	return idx
}
