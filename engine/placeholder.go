package engine

import (
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// A placeholder is a column a table has but no row has filled: a Loader's
// extra columns (the catalog columns a demo or an ingested file does not
// fill). It is a virtual generated column whose value is the column's
// empty value ("" for a string, null otherwise), so it costs nothing per
// row: storing an empty value in each of SecurityEvent's 145 unfilled
// columns was about a sixth of the CPU of loading the demo organisation.
//
// Queries read it like any other column. A later load whose rows carry it
// turns it into a stored column (reconcile): DuckDB cannot write a
// generated column, and cannot add one to an existing table, so a table
// only gains placeholders when it is created.
//
// The generation expression carries placeholderMarker so that tableColumns
// tells placeholders apart from generated columns made outside the engine,
// which a load must not replace; DuckDB folds the constant CASE away.
const placeholderMarker = "huntbook:placeholder"

func placeholderDef(col table.Column) string {
	empty := "NULL"
	if col.Type == table.String {
		empty = "''"
	}
	return sqlrepr.QuoteIdent(col.Name) + " " + sqlrepr.DuckType(col.Type) +
		" GENERATED ALWAYS AS (CASE WHEN false THEN " + sqlrepr.QuoteString(placeholderMarker) +
		" ELSE " + empty + " END) VIRTUAL"
}

// isPlaceholder reports whether a column_default of duckdb_columns() is a
// placeholder's generation expression.
func isPlaceholder(columnDefault string) bool {
	return strings.Contains(columnDefault, "'"+placeholderMarker+"'")
}
