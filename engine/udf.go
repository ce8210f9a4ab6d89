package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// registerUDFs registers every Go UDF sqlrepr lists.
func registerUDFs(c *sql.Conn, jsonType duckdb.TypeInfo) error {
	for _, spec := range sqlrepr.UDFs() {
		f, err := newScalarUDF(spec, jsonType)
		if err != nil {
			return err
		}
		if err := duckdb.RegisterScalarUDF(c, spec.Name, f); err != nil {
			return fmt.Errorf("engine: register UDF %s: %w", spec.Name, err)
		}
	}
	return nil
}

// scalarUDF adapts a plain Go function to DuckDB's scalar UDF interface.
type scalarUDF struct {
	spec   sqlrepr.UDF
	config duckdb.ScalarFuncConfig
	call   func(args []any) any // Go values in, engine value (nil = NULL) out
	// str1 is set for func(string) string: the vectorised path that reads
	// and writes DuckDB's strings without a copy or a box per row.
	str1 func(string) string
}

func newScalarUDF(spec sqlrepr.UDF, jsonType duckdb.TypeInfo) (*scalarUDF, error) {
	u := &scalarUDF{spec: spec}
	in := make([]duckdb.TypeInfo, len(spec.Args))
	for i, t := range spec.Args {
		info, err := udfTypeInfo(t, nil)
		if err != nil {
			return nil, fmt.Errorf("engine: UDF %s: %w", spec.Name, err)
		}
		in[i] = info
	}
	out, err := udfTypeInfo(spec.Result, jsonType)
	if err != nil {
		return nil, fmt.Errorf("engine: UDF %s: %w", spec.Name, err)
	}
	u.config = duckdb.ScalarFuncConfig{InputTypeInfos: in, ResultTypeInfo: out,
		SpecialNullHandling: spec.Null == sqlrepr.NullAware}
	if f, ok := spec.Fn.(func(string) string); ok && spec.Null != sqlrepr.NullAware {
		u.str1 = f
	}
	if u.call, err = adaptCall(spec); err != nil {
		return nil, err
	}
	return u, nil
}

// udfTypeInfo is the DuckDB type a UDF parameter or result of KQL type t
// has. Dynamic parameters are VARCHAR (JSON converts to it implicitly and
// the engine decodes with json.Number); dynamic results are JSON.
func udfTypeInfo(t table.Type, jsonType duckdb.TypeInfo) (duckdb.TypeInfo, error) {
	var dt duckdb.Type
	switch t {
	case table.Bool:
		dt = duckdb.TYPE_BOOLEAN
	case table.Int:
		dt = duckdb.TYPE_INTEGER
	case table.Long, table.TimeSpan:
		dt = duckdb.TYPE_BIGINT
	case table.Real:
		dt = duckdb.TYPE_DOUBLE
	case table.String:
		dt = duckdb.TYPE_VARCHAR
	case table.DateTime:
		dt = duckdb.TYPE_TIMESTAMP_NS
	case table.GUID:
		dt = duckdb.TYPE_UUID
	case table.Dynamic:
		if jsonType != nil {
			return jsonType, nil
		}
		dt = duckdb.TYPE_VARCHAR
	default:
		return nil, fmt.Errorf("no UDF type for %v", t)
	}
	return duckdb.NewTypeInfo(dt)
}

func (u *scalarUDF) Config() duckdb.ScalarFuncConfig { return u.config }

func (u *scalarUDF) Executor() duckdb.ScalarFuncExecutor {
	if u.str1 != nil {
		return duckdb.ScalarFuncExecutor{ChunkContextExecutor: u.execString}
	}
	return duckdb.ScalarFuncExecutor{ChunkContextExecutor: u.execRows}
}

// execString runs a func(string) string over a chunk through borrowed
// string views; DuckDB sets the rows with a null input to null afterwards.
func (u *scalarUDF) execString(_ context.Context, st *duckdb.ChunkIteratorState) (err error) {
	defer u.recoverPanic(&err)
	vec, err := st.GetInputChunk().GetVector(0)
	if err != nil {
		return err
	}
	view, err := duckdb.GetVectorView[string](vec)
	if err != nil {
		return err
	}
	w, err := duckdb.GetVectorWriter[string](st.GetResultVector())
	if err != nil {
		return err
	}
	for row := range view.Len() {
		s, ok, err := view.GetValueBorrowed(row)
		if err != nil {
			return err
		}
		if ok {
			if err := w.Set(row, u.str1(s)); err != nil {
				return err
			}
		}
	}
	return nil
}

// execRows runs the function row by row.
func (u *scalarUDF) execRows(_ context.Context, st *duckdb.ChunkIteratorState) (err error) {
	defer u.recoverPanic(&err)
	args := make([]any, len(u.spec.Args))
	for row, err := range st.Rows() {
		if err != nil {
			return err
		}
		for i, t := range u.spec.Args {
			v, err := goArg(t, *row.GetValuePtr(i))
			if err != nil {
				return fmt.Errorf("%s argument %d: %w", u.spec.Name, i+1, err)
			}
			args[i] = v
		}
		if err := row.SetResult(u.call(args)); err != nil {
			return fmt.Errorf("%s: %w", u.spec.Name, err)
		}
	}
	return nil
}

// recoverPanic turns a panic in Go code called from DuckDB's threads into
// a query error: unrecovered, it would kill the process.
func (u *scalarUDF) recoverPanic(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: internal error: %v", u.spec.Name, r)
	}
}

// goArg converts a DuckDB argument to the Go value of its KQL type.
// Null strings read as "" (strings are never null in KQL).
func goArg(t table.Type, v driver.Value) (any, error) {
	switch t {
	case table.String:
		if v == nil {
			return "", nil
		}
	case table.TimeSpan:
		if v == nil {
			return nil, nil
		}
		return sqlrepr.Duration(v.(int64)), nil
	case table.Dynamic:
		if v == nil {
			return nil, nil
		}
		return table.ParseDynamic(v.(string))
	case table.GUID:
		return toGUID(v)
	}
	return v, nil
}

// engineValue converts a Go result to what the driver writes for the
// result type; ok false (from a (T, bool) function) is null.
func engineValue(t table.Type, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case time.Duration:
		return sqlrepr.Ticks(x)
	case time.Time:
		if !sqlrepr.InDateTimeRange(x) {
			return nil
		}
		return x
	}
	if t == table.Dynamic {
		return json.RawMessage(kqlfunc.MarshalJSON(v))
	}
	return v
}

// adaptCall returns a caller for spec.Fn: direct calls for the common
// signatures, reflection for the rest (slower, still correct).
func adaptCall(spec sqlrepr.UDF) (func(args []any) any, error) {
	res := spec.Result
	switch f := spec.Fn.(type) {
	case func(string) string:
		return func(a []any) any { return f(a[0].(string)) }, nil
	case func(string, string) string:
		return func(a []any) any { return f(a[0].(string), a[1].(string)) }, nil
	case func(string) bool:
		return func(a []any) any { return f(a[0].(string)) }, nil
	case func(string, string) bool:
		return func(a []any) any { return f(a[0].(string), a[1].(string)) }, nil
	case func(string) any:
		return func(a []any) any { return engineValue(res, f(a[0].(string))) }, nil
	case func(any) any:
		return func(a []any) any { return engineValue(res, f(a[0])) }, nil
	}
	return reflectCall(spec)
}

func reflectCall(spec sqlrepr.UDF) (func(args []any) any, error) {
	fv := reflect.ValueOf(spec.Fn)
	ft := fv.Type()
	if ft.Kind() != reflect.Func || ft.NumIn() != len(spec.Args) || ft.NumOut() < 1 || ft.NumOut() > 2 ||
		ft.NumOut() == 2 && ft.Out(1).Kind() != reflect.Bool {
		return nil, fmt.Errorf("engine: UDF %s: Go function %v does not fit %d arguments and a result", spec.Name, ft, len(spec.Args))
	}
	return func(a []any) any {
		in := make([]reflect.Value, len(a))
		for i, v := range a {
			if v == nil {
				if ft.In(i).Kind() != reflect.Interface {
					return nil // a null the function cannot see: the result is null
				}
				in[i] = reflect.Zero(ft.In(i))
			} else {
				in[i] = reflect.ValueOf(v).Convert(ft.In(i))
			}
		}
		out := fv.Call(in)
		if len(out) == 2 && !out[1].Bool() {
			return nil
		}
		return engineValue(spec.Result, out[0].Interface())
	}, nil
}
