// Package sqlrepr is the contract between the SQL generator and the engine:
// how each KQL type is stored and computed in DuckDB, how KQL values are
// written as SQL literals, which SQL macros the engine defines on every
// connection, and the registry of KQL functions with the SQL that implements
// each one (a DuckDB built-in, an engine macro, or a Go UDF).
//
// It imports no database code, so kql/sqlgen can consult it without linking
// DuckDB; the engine registers what it describes. docs/sql-representation.md
// explains the decisions and the benchmarks behind them.
package sqlrepr

import (
	"fmt"
	"strings"

	"github.com/huntbook/huntbook/table"
)

// DecimalType is the DuckDB type of KQL decimal: 38 digits, 18 of them after
// the point. Kusto's decimal has 28-29 significant digits with a floating
// scale; a fixed scale of 18 keeps 20 integer digits.
const DecimalType = "DECIMAL(38,18)"

// duckTypes is the DuckDB column type of each KQL type.
var duckTypes = [...]string{
	table.Bool:     "BOOLEAN",
	table.Int:      "INTEGER",
	table.Long:     "BIGINT",
	table.Real:     "DOUBLE",
	table.Decimal:  DecimalType,
	table.String:   "VARCHAR",
	table.DateTime: "TIMESTAMP_NS", // 100 ns ticks fit; see docs/sql-representation.md
	table.TimeSpan: "BIGINT",       // ticks of 100 ns, never INTERVAL
	table.Dynamic:  "JSON",
	table.GUID:     "UUID",
}

// DuckType returns the DuckDB type that stores values of the KQL type t.
func DuckType(t table.Type) string {
	if t == table.Invalid || int(t) >= len(duckTypes) {
		panic(fmt.Sprintf("sqlrepr: no DuckDB type for %v", t))
	}
	return duckTypes[t]
}

// commentPrefix marks the column comment that records a column's KQL type.
const commentPrefix = "kql:"

// ColumnComment is the DuckDB column comment that records the KQL type of a
// stored column. DuckDB's types alone are ambiguous (a BIGINT is a long or a
// timespan), so every table the engine creates carries one per column, and
// the comment travels with the column inside the database file.
func ColumnComment(t table.Type) string { return commentPrefix + t.String() }

// ParseColumnComment returns the KQL type a column comment records.
func ParseColumnComment(comment string) (table.Type, bool) {
	name, ok := strings.CutPrefix(comment, commentPrefix)
	if !ok {
		return table.Invalid, false
	}
	return table.ParseType(name)
}

// InferType guesses the KQL type of a DuckDB column that carries no type
// comment (a table created outside the engine, or an ad-hoc SQL result),
// from the DuckDB type name as duckdb_columns() or the driver reports it.
// BIGINT reads as long, INTERVAL as timespan, nested types as dynamic.
func InferType(duckType string) (table.Type, bool) {
	u := strings.ToUpper(strings.TrimSpace(duckType))
	switch {
	case u == "BOOLEAN":
		return table.Bool, true
	case u == "TINYINT" || u == "SMALLINT" || u == "INTEGER" || u == "UTINYINT" || u == "USMALLINT":
		return table.Int, true
	case u == "BIGINT" || u == "UINTEGER" || u == "HUGEINT" || u == "UBIGINT" || u == "UHUGEINT":
		return table.Long, true
	case u == "DOUBLE" || u == "FLOAT":
		return table.Real, true
	case strings.HasPrefix(u, "DECIMAL"):
		return table.Decimal, true
	case u == "VARCHAR" || u == "BLOB" || u == "BIT" || strings.HasPrefix(u, "ENUM"):
		return table.String, true
	case strings.HasPrefix(u, "TIMESTAMP") || u == "DATE":
		return table.DateTime, true
	case u == "INTERVAL" || u == "TIME":
		return table.TimeSpan, true
	case u == "JSON" || strings.HasSuffix(u, "[]") || strings.HasPrefix(u, "STRUCT") ||
		strings.HasPrefix(u, "MAP") || strings.HasPrefix(u, "UNION") || strings.HasSuffix(u, "]"):
		return table.Dynamic, true
	case u == "UUID":
		return table.GUID, true
	}
	return table.Invalid, false
}

// QuoteIdent quotes a name as a DuckDB identifier ("a""b").
func QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteString quotes text as a DuckDB string literal ('it”s'). DuckDB
// string literals have no backslash escapes, so doubling the quote is the
// whole job.
func QuoteString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
