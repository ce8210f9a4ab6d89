package engine

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// TableInfo describes a stored table or a named result.
type TableInfo struct {
	Name    string
	Columns []table.Column
	Rows    int64
	// Result is true for a named result (see Materialize), false for a
	// table of the database itself.
	Result bool
}

// Tables lists the database's tables and the named results, sorted by
// name, with their KQL columns and row counts.
func (db *DB) Tables(ctx context.Context) ([]TableInfo, error) {
	return db.describe(ctx, "")
}

// Table describes one table or named result; ErrNoTable when there is none.
// A table of the database shadows a result of the same name.
func (db *DB) Table(ctx context.Context, name string) (TableInfo, error) {
	infos, err := db.describe(ctx, name)
	if err != nil {
		return TableInfo{}, err
	}
	if len(infos) == 0 {
		return TableInfo{}, fmt.Errorf("engine: %w: %q", ErrNoTable, name)
	}
	return infos[0], nil
}

// describe reads duckdb_columns() of the main database and the results
// catalog; name "" means every table. The KQL type comes from the column
// comment the engine writes, or is inferred from the DuckDB type.
func (db *DB) describe(ctx context.Context, name string) ([]TableInfo, error) {
	ctx, cancel := db.withTimeout(ctx)
	defer cancel()
	rows, err := db.sql.QueryContext(ctx, `
		SELECT c.database_name = '`+resultsCatalog+`' AS result, c.table_name, c.column_name, c.data_type, c.comment
		FROM duckdb_columns() c
		WHERE c.schema_name = 'main' AND NOT c.internal
		  AND c.database_name IN ('`+workspaceCatalog+`', '`+resultsCatalog+`')
		  AND ($1 = '' OR c.table_name = $1)
		ORDER BY result, c.table_name, c.column_index`, name)
	if err != nil {
		return nil, classify(ctx, err)
	}
	defer rows.Close()
	var out []TableInfo
	for rows.Next() {
		var result bool
		var tname, cname, dtype string
		var comment sql.NullString
		if err := rows.Scan(&result, &tname, &cname, &dtype, &comment); err != nil {
			return nil, classify(ctx, err)
		}
		if len(out) == 0 || out[len(out)-1].Name != tname || out[len(out)-1].Result != result {
			out = append(out, TableInfo{Name: tname, Result: result})
		}
		cur := &out[len(out)-1]
		cur.Columns = append(cur.Columns, table.Column{Name: cname, Type: columnType(comment.String, dtype)})
	}
	if err := rows.Err(); err != nil {
		return nil, classify(ctx, err)
	}
	for i := range out {
		ref := sqlrepr.QuoteIdent(out[i].Name)
		if out[i].Result {
			ref = ResultTable(out[i].Name)
		}
		if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM "+ref).Scan(&out[i].Rows); err != nil {
			return nil, classify(ctx, err)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// columnType is a stored column's KQL type: from the comment the engine
// writes, else inferred from the DuckDB type; nested or exotic types read
// as JSON (dynamic).
func columnType(comment, duckType string) table.Type {
	if t, ok := sqlrepr.ParseColumnComment(comment); ok {
		return t
	}
	if t, ok := sqlrepr.InferType(duckType); ok {
		return t
	}
	return table.Dynamic
}
