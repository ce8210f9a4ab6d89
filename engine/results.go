package engine

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// ResultTable is the SQL reference of the named result name, for SQL that
// reads a result kept earlier (a notebook cell's, a plugin's output).
func ResultTable(name string) string {
	return resultsCatalog + ".main." + sqlrepr.QuoteIdent(name)
}

// Materialize runs q and keeps its result under name (replacing any result
// of that name), in the engine's in-memory results catalog shared by all
// connections; DuckDB spills it to TempDir under memory pressure. Each
// column is stored in its KQL type's representation with the type recorded,
// so Page and Table read it back exactly.
func (db *DB) Materialize(ctx context.Context, name string, q Query) (TableInfo, error) {
	if name == "" {
		return TableInfo{}, fmt.Errorf("engine: a result needs a name")
	}
	ctx, cancel := db.withTimeout(ctx)
	defer cancel()
	err := db.inTx(ctx, func(c *sql.Conn) error {
		text := "CREATE OR REPLACE TABLE " + ResultTable(name) + " AS " + storeSQL(q.SQL, q.Schema)
		if _, err := c.ExecContext(ctx, text, q.Args...); err != nil {
			return err
		}
		return commentColumns(ctx, c, ResultTable(name), q.Schema)
	})
	if err != nil {
		return TableInfo{}, classify(ctx, err)
	}
	return db.result(ctx, name)
}

// storeSQL casts every column of the query to its stored representation:
// strings are never null, dynamic values are JSON.
func storeSQL(sqlText string, schema []table.Column) string {
	if schema == nil {
		return sqlText
	}
	var b strings.Builder
	b.WriteString("SELECT ")
	for i, c := range schema {
		if i > 0 {
			b.WriteString(", ")
		}
		ref := "#" + strconv.Itoa(i+1)
		switch c.Type {
		case table.String:
			ref = "coalesce(CAST(" + ref + " AS VARCHAR), '')"
		case table.Dynamic:
			ref = "to_json(" + ref + ")"
		default:
			ref = "CAST(" + ref + " AS " + sqlrepr.DuckType(c.Type) + ")"
		}
		b.WriteString(ref + " AS " + sqlrepr.QuoteIdent(c.Name))
	}
	b.WriteString(" FROM (\n" + strings.TrimRight(strings.TrimSpace(sqlText), ";") + "\n) AS hb_q")
	return b.String()
}

// commentColumns records the KQL type of each column of a table.
func commentColumns(ctx context.Context, c *sql.Conn, ref string, schema []table.Column) error {
	for _, col := range schema {
		stmt := "COMMENT ON COLUMN " + ref + "." + sqlrepr.QuoteIdent(col.Name) +
			" IS " + sqlrepr.QuoteString(sqlrepr.ColumnComment(col.Type))
		if _, err := c.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return nil
}

// result describes a named result only (Table would let a database table
// of the same name shadow it).
func (db *DB) result(ctx context.Context, name string) (TableInfo, error) {
	infos, err := db.describe(ctx, name)
	if err != nil {
		return TableInfo{}, err
	}
	for _, info := range infos {
		if info.Result {
			return info, nil
		}
	}
	return TableInfo{}, fmt.Errorf("engine: %w: result %q", ErrNoTable, name)
}

// Page reads rows [offset, offset+limit) of a named result in the order it
// was stored. Reading a page costs the page, not the rows before it.
func (db *DB) Page(ctx context.Context, name string, offset, limit int64) (*table.Table, error) {
	info, err := db.result(ctx, name)
	if err != nil {
		return nil, err
	}
	if offset < 0 || limit < 0 {
		return nil, fmt.Errorf("engine: negative page offset or size")
	}
	q := Query{
		SQL:  "SELECT * FROM " + ResultTable(name) + " WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid",
		Args: []any{offset, offset + limit}, Schema: info.Columns,
	}
	res, err := db.Query(ctx, q, 0)
	if err != nil {
		return nil, err
	}
	return res.Table, nil
}

// Drop forgets a named result; dropping a missing one is not an error.
func (db *DB) Drop(ctx context.Context, name string) error {
	return db.Exec(ctx, "DROP TABLE IF EXISTS "+ResultTable(name))
}

// inTx runs fn on one connection inside a transaction, committing when fn
// succeeds and rolling back otherwise.
func (db *DB) inTx(ctx context.Context, fn func(c *sql.Conn) error) error {
	c, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	if err := fn(c); err != nil {
		// The rollback must run even when ctx is done.
		_, _ = c.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return err
	}
	if _, err := c.ExecContext(ctx, "COMMIT"); err != nil {
		_, _ = c.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return err
	}
	return nil
}
