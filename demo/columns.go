package demo

import (
	"fmt"
	"reflect"

	"github.com/huntbook/huntbook/table"
)

// col is the position of a column in the schema a table is emitted with.
// Each table's generator declares the columns it fills as a struct of col
// fields named like the columns, with the KQL type in a `kql` tag; binding
// the struct against the emitted schema fills in the positions, so the hot
// path indexes a row slice instead of looking names up.
type col int

// noCol marks a declared column the emitted schema lacks; values set on it
// are dropped (schema conformance tests make sure none is left).
const noCol col = -1

var colType = reflect.TypeFor[col]()

// declaredColumns lists the columns a col struct declares, in field order.
func declaredColumns(spec any) []table.Column {
	t := reflect.TypeOf(spec).Elem()
	out := make([]table.Column, 0, t.NumField())
	for _, f := range reflect.VisibleFields(t) {
		if f.Type != colType {
			continue
		}
		typ, ok := table.ParseType(f.Tag.Get("kql"))
		if !ok {
			panic(fmt.Sprintf("demo: column %s.%s has no valid kql tag", t.Name(), f.Name))
		}
		out = append(out, table.Column{Name: f.Name, Type: typ})
	}
	return out
}

// bindColumns sets every col field of spec (a pointer to a col struct) to the
// position of the same-named column in schema, or noCol. It returns the
// declared columns that are missing or typed differently in schema.
func bindColumns(spec any, schema []table.Column) []string {
	index := make(map[string]int, len(schema))
	for i, c := range schema {
		index[c.Name] = i
	}
	v := reflect.ValueOf(spec).Elem()
	t := v.Type()
	var mismatches []string
	for _, f := range reflect.VisibleFields(t) {
		if f.Type != colType {
			continue
		}
		field := v.FieldByIndex(f.Index)
		want, _ := table.ParseType(f.Tag.Get("kql"))
		j, ok := index[f.Name]
		switch {
		case !ok:
			field.SetInt(int64(noCol))
			mismatches = append(mismatches, fmt.Sprintf("%s: column missing", f.Name))
		case schema[j].Type != want:
			field.SetInt(int64(noCol))
			mismatches = append(mismatches, fmt.Sprintf("%s: declared %s, schema has %s", f.Name, want, schema[j].Type))
		default:
			field.SetInt(int64(j))
		}
	}
	return mismatches
}
