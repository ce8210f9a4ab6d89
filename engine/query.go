package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// Query is one SQL statement and the KQL schema of its result.
type Query struct {
	// SQL is a single SELECT (or any statement returning rows).
	SQL string
	// Args are bound to the statement's $1, $2, ... (or ?) placeholders.
	Args []any
	// Schema names and types the result columns, in order. The SQL must
	// produce exactly these columns in the representation
	// docs/sql-representation.md fixes; the names given here win over the
	// SQL's own. nil means: infer names and types from DuckDB's.
	Schema []table.Column
}

// Result is a query result held whole.
type Result struct {
	Table *table.Table
	// Truncated reports that the query had more rows than the cap; Table
	// holds the first ones.
	Truncated bool
}

// Query runs q and returns at most maxRows rows of its result (0 means no
// cap). The engine asks DuckDB for one row past the cap, so a truncated
// result costs no more than the rows it shows.
func (db *DB) Query(ctx context.Context, q Query, maxRows int) (*Result, error) {
	cur, err := db.openCursor(ctx, q, maxRows)
	if err != nil {
		return nil, err
	}
	defer cur.Close()
	res := &Result{Table: &table.Table{Columns: cur.Columns(), Rows: [][]any{}}}
	for {
		row, err := cur.next()
		if errors.Is(err, io.EOF) {
			return res, nil
		}
		if err != nil {
			return nil, err
		}
		if maxRows > 0 && len(res.Table.Rows) == maxRows {
			res.Truncated = true
			return res, nil
		}
		res.Table.Rows = append(res.Table.Rows, row)
	}
}

// Stream runs q and hands its rows to fn in batches of at most batchSize
// rows, so a result of any size passes through bounded Go memory. A batch
// is fn's to keep. An error from fn stops the query and is returned.
func (db *DB) Stream(ctx context.Context, q Query, batchSize int, fn func(batch *table.Table) error) error {
	cur, err := db.OpenCursor(ctx, q)
	if err != nil {
		return err
	}
	defer cur.Close()
	for {
		batch, err := cur.Next(batchSize)
		if len(batch.Rows) > 0 {
			if ferr := fn(batch); ferr != nil {
				return ferr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Cursor reads a query's result in batches. It holds a connection until
// Close; the query's context (and timeout) stays in force while it is open.
type Cursor struct {
	ctx     context.Context
	cancel  context.CancelFunc
	conn    *sql.Conn
	rows    *sql.Rows
	columns []table.Column
	convert []converter
	raw     []any
	ptrs    []any
}

// OpenCursor runs q and returns a cursor over its result.
func (db *DB) OpenCursor(ctx context.Context, q Query) (*Cursor, error) {
	return db.openCursor(ctx, q, 0)
}

// openCursor prepares q.SQL to learn its columns, checks them against the
// schema (or infers one), then runs it inside the engine's projection.
func (db *DB) openCursor(ctx context.Context, q Query, maxRows int) (*Cursor, error) {
	ctx, cancel := db.withTimeout(ctx)
	cur := &Cursor{ctx: ctx, cancel: cancel}
	var err error
	if cur.conn, err = db.sql.Conn(ctx); err != nil {
		cancel()
		return nil, classify(ctx, err)
	}
	schema, err := resultSchema(ctx, cur.conn, q)
	if err == nil {
		cur.rows, err = cur.conn.QueryContext(ctx, wrapSQL(q.SQL, schema, maxRows), q.Args...)
	}
	if err != nil {
		err = classify(ctx, err) // before Close cancels ctx
		cur.Close()
		return nil, err
	}
	cur.bind(schema)
	return cur, nil
}

// resultSchema returns q.Schema after checking it has as many columns as
// the SQL returns, or the schema inferred from DuckDB's types.
func resultSchema(ctx context.Context, c *sql.Conn, q Query) ([]table.Column, error) {
	var cols []table.Column
	var unknown string
	err := c.Raw(func(dc any) error {
		stmt, err := dc.(driver.ConnPrepareContext).PrepareContext(ctx, q.SQL)
		if err != nil {
			return err
		}
		defer stmt.Close()
		ds := stmt.(*duckdb.Stmt)
		if kind, err := ds.StatementType(); err != nil || kind != duckdb.STATEMENT_TYPE_SELECT {
			return fmt.Errorf("%w: not a SELECT (use Exec)", ErrSchema)
		}
		n, err := ds.ColumnCount()
		if err != nil {
			return err
		}
		for i := range n {
			name, _ := ds.ColumnName(i)
			info, err := ds.ColumnTypeInfo(i)
			t, ok := table.Invalid, false
			if err == nil {
				t, ok = kqlTypeOf(info)
			}
			if !ok && unknown == "" {
				unknown = name
			}
			cols = append(cols, table.Column{Name: name, Type: t})
		}
		return nil
	})
	switch {
	case err != nil:
		return nil, err
	case q.Schema != nil && len(q.Schema) != len(cols):
		return nil, fmt.Errorf("engine: %w: the SQL returns %d columns, the schema has %d", ErrSchema, len(cols), len(q.Schema))
	case q.Schema != nil:
		return q.Schema, nil
	case unknown != "":
		return nil, fmt.Errorf("engine: %w: column %q has no KQL type; give a schema", ErrSchema, unknown)
	}
	return cols, nil
}

// kqlTypeOf infers a KQL type from a DuckDB result type.
func kqlTypeOf(info duckdb.TypeInfo) (table.Type, bool) {
	if info.Alias() == "JSON" {
		return table.Dynamic, true
	}
	switch info.InternalType() {
	case duckdb.TYPE_LIST, duckdb.TYPE_STRUCT, duckdb.TYPE_MAP, duckdb.TYPE_ARRAY, duckdb.TYPE_UNION:
		return table.Dynamic, true
	case duckdb.TYPE_DECIMAL:
		return table.Decimal, true
	case duckdb.TYPE_ENUM:
		return table.String, true
	}
	return sqlrepr.InferType(duckTypeNames[info.InternalType()])
}

var duckTypeNames = map[duckdb.Type]string{
	duckdb.TYPE_BOOLEAN: "BOOLEAN", duckdb.TYPE_TINYINT: "TINYINT", duckdb.TYPE_SMALLINT: "SMALLINT",
	duckdb.TYPE_INTEGER: "INTEGER", duckdb.TYPE_BIGINT: "BIGINT", duckdb.TYPE_UTINYINT: "UTINYINT",
	duckdb.TYPE_USMALLINT: "USMALLINT", duckdb.TYPE_UINTEGER: "UINTEGER", duckdb.TYPE_UBIGINT: "UBIGINT",
	duckdb.TYPE_HUGEINT: "HUGEINT", duckdb.TYPE_FLOAT: "FLOAT", duckdb.TYPE_DOUBLE: "DOUBLE",
	duckdb.TYPE_VARCHAR: "VARCHAR", duckdb.TYPE_BLOB: "BLOB", duckdb.TYPE_TIMESTAMP: "TIMESTAMP",
	duckdb.TYPE_TIMESTAMP_S: "TIMESTAMP_S", duckdb.TYPE_TIMESTAMP_MS: "TIMESTAMP_MS",
	duckdb.TYPE_TIMESTAMP_NS: "TIMESTAMP_NS", duckdb.TYPE_TIMESTAMP_TZ: "TIMESTAMP WITH TIME ZONE",
	duckdb.TYPE_DATE: "DATE", duckdb.TYPE_INTERVAL: "INTERVAL", duckdb.TYPE_UUID: "UUID",
}

// wrapSQL puts the engine's final projection around the caller's SQL:
// dynamic columns leave DuckDB as JSON text (the driver would decode JSON
// into float64s, losing long precision), and a row cap becomes a LIMIT one
// past it. Columns are addressed by position so any names pass through.
func wrapSQL(sqlText string, schema []table.Column, maxRows int) string {
	var b strings.Builder
	b.WriteString("SELECT ")
	for i, c := range schema {
		if i > 0 {
			b.WriteString(", ")
		}
		ref := "#" + strconv.Itoa(i+1)
		if c.Type == table.Dynamic {
			ref = "CAST(to_json(" + ref + ") AS VARCHAR)"
		}
		b.WriteString(ref + " AS " + sqlrepr.QuoteIdent(c.Name))
	}
	b.WriteString(" FROM (\n")
	b.WriteString(strings.TrimRight(strings.TrimSpace(sqlText), ";"))
	b.WriteString("\n) AS hb_q")
	if maxRows > 0 {
		b.WriteString(" LIMIT " + strconv.Itoa(maxRows+1))
	}
	return b.String()
}

// bind picks a converter per column.
func (c *Cursor) bind(schema []table.Column) {
	c.columns = schema
	c.convert = make([]converter, len(schema))
	for i, col := range schema {
		c.convert[i] = converterFor(col.Type)
	}
	c.raw = make([]any, len(schema))
	c.ptrs = make([]any, len(schema))
	for i := range c.raw {
		c.ptrs[i] = &c.raw[i]
	}
}

// Columns is the result's schema.
func (c *Cursor) Columns() []table.Column { return c.columns }

// Next returns up to n rows (n <= 0 means 1000). At the end it returns the
// remaining rows, possibly none, with io.EOF.
func (c *Cursor) Next(n int) (*table.Table, error) {
	if n <= 0 {
		n = 1000
	}
	batch := &table.Table{Columns: c.columns, Rows: make([][]any, 0, min(n, 4096))}
	for len(batch.Rows) < n {
		row, err := c.next()
		if err != nil {
			return batch, err
		}
		batch.Rows = append(batch.Rows, row)
	}
	return batch, nil
}

// next reads and converts one row.
func (c *Cursor) next() ([]any, error) {
	if !c.rows.Next() {
		if err := c.rows.Err(); err != nil {
			return nil, classify(c.ctx, err)
		}
		if err := c.ctx.Err(); err != nil {
			return nil, classify(c.ctx, err)
		}
		return nil, io.EOF
	}
	if err := c.rows.Scan(c.ptrs...); err != nil {
		return nil, classify(c.ctx, err)
	}
	row := make([]any, len(c.raw))
	for i, v := range c.raw {
		out, err := c.convert[i](v)
		if err != nil {
			return nil, fmt.Errorf("engine: %w: column %q: %v", ErrSchema, c.columns[i].Name, err)
		}
		row[i] = out
	}
	return row, nil
}

// Close releases the cursor's connection.
func (c *Cursor) Close() error {
	var err error
	if c.rows != nil {
		err = c.rows.Close()
	}
	if c.conn != nil {
		if cerr := c.conn.Close(); err == nil {
			err = cerr
		}
	}
	c.cancel()
	return err
}
