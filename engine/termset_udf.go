package engine

import (
	"context"
	"database/sql"
	"fmt"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

// termSetUDF is has_any / has_all over a needle list given as JSON text.
// The generic adapter would decode the list on every row; this one builds
// the kqlfunc.TermSet once, at bind time when the list is a constant (the
// usual IoC list), or once per distinct list otherwise.
//
// It returns 't' or 'f' as VARCHAR, compared in the kql_has_any macro: a
// string result can be written through DuckDB's vector writer, while a
// BOOLEAN result would force the row-by-row path that copies the whole
// needle list out of DuckDB for every row.
type termSetUDF struct {
	all bool // has_all instead of has_any
}

type termSetKey struct{}

func (u termSetUDF) Config() duckdb.ScalarFuncConfig {
	v, _ := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{v, v}, ResultTypeInfo: v, SpecialNullHandling: true}
}

func (u termSetUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{ScalarBinder: u.bind, ChunkContextExecutor: u.exec}
}

func (u termSetUDF) bind(ctx context.Context, args []duckdb.ScalarUDFArg) (context.Context, error) {
	if len(args) == 2 && args[1].Foldable {
		text, _ := args[1].Value.(string)
		set, err := termSetOf(text, args[1].Value == nil)
		if err != nil {
			return nil, err
		}
		return context.WithValue(ctx, termSetKey{}, set), nil
	}
	return ctx, nil
}

// termSetOf builds the set of a JSON needle list; null is the empty list.
func termSetOf(text string, null bool) (*kqlfunc.TermSet, error) {
	if null {
		return kqlfunc.NewTermSet(nil), nil
	}
	list, err := table.ParseDynamic(text)
	if err != nil {
		return nil, fmt.Errorf("has_any/has_all needles: %w", err)
	}
	return kqlfunc.NewTermSet(kqlfunc.StringList(list)), nil
}

func (u termSetUDF) exec(ctx context.Context, st *duckdb.ChunkIteratorState) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("has_any/has_all: internal error: %v", r)
		}
	}()
	chunk := st.GetInputChunk()
	hv, err := chunk.GetVector(0)
	if err != nil {
		return err
	}
	nv, err := chunk.GetVector(1)
	if err != nil {
		return err
	}
	hay, err := duckdb.GetVectorView[string](hv)
	if err != nil {
		return err
	}
	lists, err := duckdb.GetVectorView[string](nv)
	if err != nil {
		return err
	}
	out, err := duckdb.GetVectorWriter[string](st.GetResultVector())
	if err != nil {
		return err
	}
	bound, _ := ctx.Value(termSetKey{}).(*kqlfunc.TermSet)
	var cache rowSetCache
	for row := range hay.Len() {
		h, _, err := hay.GetValueBorrowed(row) // a null haystack reads as ""
		if err != nil {
			return err
		}
		set := bound
		if set == nil {
			text, ok, err := lists.GetValueBorrowed(row)
			if err != nil {
				return err
			}
			if set, err = cache.get(text, !ok); err != nil {
				return err
			}
		}
		match := set.Any(h)
		if u.all {
			match = set.All(h)
		}
		res := "f"
		if match {
			res = "t"
		}
		if err := out.Set(row, res); err != nil {
			return err
		}
	}
	return nil
}

// rowSetCache keeps the set of the previous row's needle list (within one
// chunk), so a list that does not change is parsed once.
type rowSetCache struct {
	text  string
	null  bool
	set   *kqlfunc.TermSet
	valid bool
}

func (c *rowSetCache) get(text string, null bool) (*kqlfunc.TermSet, error) {
	if c.valid && c.null == null && c.text == text {
		return c.set, nil
	}
	set, err := termSetOf(text, null)
	if err != nil {
		return nil, err
	}
	*c = rowSetCache{text: text, null: null, set: set, valid: true}
	return set, nil
}

// registerTermSetUDFs registers kql_has_any_set and kql_has_all_set.
func registerTermSetUDFs(c *sql.Conn) error {
	for name, u := range map[string]termSetUDF{"kql_has_any_set": {}, "kql_has_all_set": {all: true}} {
		if err := duckdb.RegisterScalarUDF(c, name, u); err != nil {
			return fmt.Errorf("engine: register UDF %s: %w", name, err)
		}
	}
	return nil
}
