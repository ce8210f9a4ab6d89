// Package schema is the catalog of the Microsoft Sentinel, Log Analytics and
// Microsoft Defender tables huntbook knows by name: their real column names,
// column order and KQL types.
//
// The catalog lets ingest type the columns of a Sentinel export, lets demo
// generate rows that real hunting queries accept unchanged, and lets the
// query checker resolve names in an empty workspace. Table names are case
// sensitive, as in Kusto.
//
// Every table has TimeGenerated (datetime) and Type (string); the Defender
// advanced-hunting tables also have Timestamp, as Sentinel keeps both.
// Columns follow the Azure Monitor Logs table reference and, for Defender
// XDR tables, the advanced-hunting schema pages, plus the columns real
// exports carry that the reference omits (TenantId, MG, the
// underscore-suffixed OfficeActivity duplicates). The billing columns
// _BilledSize and _IsBillable are left out: no query filters on them and
// huntbook bills nothing.
package schema

import (
	"fmt"
	"slices"
	"strings"

	"github.com/huntbook/huntbook/table"
)

// Schema is one table of the catalog. Values returned by this package are
// copies: changing them does not change the catalog.
type Schema struct {
	Name        string
	Description string // one line
	Columns     []table.Column
}

// Index returns the position of the named column (exact, case-sensitive
// match, as Kusto resolves names), or -1.
func (s Schema) Index(name string) int {
	for i, c := range s.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// Column returns the named column.
func (s Schema) Column(name string) (table.Column, bool) {
	if i := s.Index(name); i >= 0 {
		return s.Columns[i], true
	}
	return table.Column{}, false
}

// catalog is built once from the spec texts and never modified afterwards;
// accessors hand out copies.
var catalog = mustBuild(specs())

// specs lists the spec texts of every table, one per group file.
func specs() []string {
	var all []string
	all = append(all, windowsSpecs...)
	all = append(all, entraSpecs...)
	all = append(all, cloudSpecs...)
	all = append(all, sentinelSpecs...)
	all = append(all, networkSpecs...)
	all = append(all, defenderSpecs...)
	all = append(all, defenderXDRSpecs...)
	all = append(all, azureSpecs...)
	all = append(all, multicloudSpecs...)
	return all
}

// Table returns the schema of the named table.
func Table(name string) (Schema, bool) {
	i, ok := slices.BinarySearchFunc(catalog, name, func(s Schema, n string) int { return strings.Compare(s.Name, n) })
	if !ok {
		return Schema{}, false
	}
	return clone(catalog[i]), true
}

// Has reports whether the catalog has the named table, without copying
// its schema.
func Has(name string) bool {
	_, ok := slices.BinarySearchFunc(catalog, name, func(s Schema, n string) int { return strings.Compare(s.Name, n) })
	return ok
}

// Lookup finds a table ignoring case, for command-line flags and file names
// where people type "securityevent"; it returns the canonical schema.
func Lookup(name string) (Schema, bool) {
	for _, s := range catalog {
		if strings.EqualFold(s.Name, name) {
			return clone(s), true
		}
	}
	return Schema{}, false
}

// Tables returns every table of the catalog, sorted by name.
func Tables() []Schema {
	out := make([]Schema, len(catalog))
	for i, s := range catalog {
		out[i] = clone(s)
	}
	return out
}

// Names returns the table names of the catalog, sorted.
func Names() []string {
	out := make([]string, len(catalog))
	for i, s := range catalog {
		out[i] = s.Name
	}
	return out
}

func clone(s Schema) Schema {
	s.Columns = slices.Clone(s.Columns)
	return s
}

// mustBuild parses the specs; a malformed spec is a programming error caught
// by the package's tests, so it panics at start-up.
func mustBuild(texts []string) []Schema {
	out := make([]Schema, 0, len(texts))
	for _, t := range texts {
		s, err := parseSpec(t)
		if err != nil {
			panic(err)
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Schema) int { return strings.Compare(a.Name, b.Name) })
	for i := 1; i < len(out); i++ {
		if out[i].Name == out[i-1].Name {
			panic(fmt.Sprintf("schema: table %s defined twice", out[i].Name))
		}
	}
	return out
}

// parseSpec reads one table spec: the table name on the first line, its
// one-line description on the second, then its columns separated by white
// space, each "Name" (a string column) or "Name:type" with a KQL type name.
func parseSpec(text string) (Schema, error) {
	lines := strings.SplitN(strings.TrimSpace(text), "\n", 3)
	if len(lines) < 3 {
		return Schema{}, fmt.Errorf("schema: spec %.40q needs a name, a description and columns", text)
	}
	s := Schema{Name: strings.TrimSpace(lines[0]), Description: strings.TrimSpace(lines[1])}
	if s.Name == "" || strings.ContainsAny(s.Name, " \t") {
		return Schema{}, fmt.Errorf("schema: bad table name %q", s.Name)
	}
	seen := map[string]string{}
	for _, field := range strings.Fields(lines[2]) {
		name, typeName, typed := strings.Cut(field, ":")
		ty := table.String
		if typed {
			var ok bool
			if ty, ok = table.ParseType(typeName); !ok {
				return Schema{}, fmt.Errorf("schema: %s.%s: unknown type %q", s.Name, name, typeName)
			}
		}
		// DuckDB folds identifier case, so two columns that differ only in
		// case could not live in one table.
		if prev, dup := seen[strings.ToLower(name)]; dup {
			return Schema{}, fmt.Errorf("schema: %s: column %s duplicates %s", s.Name, name, prev)
		}
		seen[strings.ToLower(name)] = name
		s.Columns = append(s.Columns, table.Column{Name: name, Type: ty})
	}
	return s, nil
}
