package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"iter"
	"math/big"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/google/uuid"

	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// LoadMode says what Load does with an existing table.
type LoadMode uint8

const (
	// Create makes a new table; it fails if one of that name exists.
	Create LoadMode = iota + 1
	// Append adds rows, creating the table when it does not exist. An
	// existing table must have the schema's columns and types.
	Append
	// Replace swaps the table's content (and schema) for the rows.
	Replace
)

// Load writes rows, in the Go representation the table package fixes, into
// the named table of the database, all in one transaction: when a row is
// bad, rows yields an error, or ctx ends, nothing changes and the table is
// as it was. It uses DuckDB's Appender and returns the number of rows. In
// Append mode an existing table gains the columns it lacks; a column whose
// KQL type differs is an ErrSchema error. BeginLoad loads several tables in
// one transaction.
func (db *DB) Load(ctx context.Context, name string, schema []table.Column, mode LoadMode, rows iter.Seq2[[]any, error]) (int64, error) {
	l, err := db.BeginLoad(ctx)
	if err != nil {
		return 0, err
	}
	defer l.Rollback()
	t, err := l.Table(name, schema, mode)
	if err != nil {
		return 0, err
	}
	for row, err := range rows {
		if err == nil {
			err = t.Append(row)
		}
		if err == nil && t.Rows()%4096 == 0 {
			err = ctx.Err()
		}
		if err != nil {
			return 0, classify(ctx, fmt.Errorf("load %q: row %d: %w", name, t.Rows()+1, err))
		}
	}
	counts, err := l.Commit()
	if err != nil {
		return 0, err
	}
	return counts[name], nil
}

// createTable creates (or replaces) a table with the schema's columns, each
// typed and commented with its KQL type.
func createTable(ctx context.Context, c *sql.Conn, ref string, schema []table.Column, replace bool) error {
	for _, stmt := range createTableDDL(ref, schema, len(schema), replace) {
		if _, err := c.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return nil
}

// appendRows feeds rows to an Appender on c's open transaction.
func appendRows(ctx context.Context, c *sql.Conn, catalog, name string, schema []table.Column, rows iter.Seq2[[]any, error]) (int64, error) {
	var n int64
	err := c.Raw(func(dc any) error {
		app, err := duckdb.NewAppender(dc.(driver.Conn), catalog, "main", name)
		if err != nil {
			return err
		}
		vals := make([]driver.Value, len(schema))
		for row, err := range rows {
			if err == nil {
				err = rowValues(schema, row, vals)
			}
			if err == nil && n%4096 == 0 {
				err = ctx.Err()
			}
			if err == nil {
				err = app.AppendRow(vals...)
			}
			if err != nil {
				_ = app.Clear()
				_ = app.Close()
				return fmt.Errorf("row %d: %w", n+1, err)
			}
			n++
		}
		return app.CloseWithCancel(ctx)
	})
	return n, err
}

// rowValues converts one row to the Appender's values.
func rowValues(schema []table.Column, row []any, out []driver.Value) error {
	if len(row) != len(schema) {
		return fmt.Errorf("%w: %d values for %d columns", ErrSchema, len(row), len(schema))
	}
	for i, col := range schema {
		v, err := storeValue(col.Type, row[i])
		if err != nil {
			return fmt.Errorf("column %q: %w", col.Name, err)
		}
		out[i] = v
	}
	return nil
}

// storeValue converts a Go value of KQL type t to what the Appender writes
// into a column of DuckType(t).
func storeValue(t table.Type, v any) (driver.Value, error) {
	if v == nil {
		if t == table.String {
			return "", nil
		}
		return nil, nil
	}
	switch t {
	case table.Bool, table.Real, table.String:
		if ok := sameKind(t, v); ok {
			return v, nil
		}
	case table.Int:
		if i, ok := integer(v); ok && int64(int32(i)) == i {
			return int32(i), nil
		}
	case table.Long:
		if i, ok := integer(v); ok {
			return i, nil
		}
	case table.Decimal:
		return decimalValue(v)
	case table.DateTime:
		if tm, ok := v.(time.Time); ok {
			if !sqlrepr.InDateTimeRange(tm) {
				return nil, nil
			}
			return tm.UTC(), nil
		}
	case table.TimeSpan:
		if d, ok := v.(time.Duration); ok {
			return sqlrepr.Ticks(d), nil
		}
	case table.Dynamic:
		return json.RawMessage(kqlfunc.MarshalJSON(v)), nil
	case table.GUID:
		if s, ok := v.(string); ok {
			u, err := uuid.Parse(s)
			if err != nil {
				return nil, err
			}
			return duckdb.UUID(u), nil
		}
	}
	return nil, fmt.Errorf("%T is not a Go value of KQL type %v", v, t)
}

func sameKind(t table.Type, v any) bool {
	switch v.(type) {
	case bool:
		return t == table.Bool
	case float64:
		return t == table.Real
	case string:
		return t == table.String
	}
	return false
}

// decimalValue scales a decimal's text to DECIMAL(38,18)'s integer.
func decimalValue(v any) (driver.Value, error) {
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("%T is not a decimal's text", v)
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "/") {
		return nil, fmt.Errorf("bad decimal %q", s)
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)))
	q := new(big.Int).Quo(r.Num(), r.Denom())
	if q.BitLen() > 126 {
		return nil, fmt.Errorf("decimal %q out of range", s)
	}
	return q, nil
}
