package exec

import (
	"context"
	"fmt"
	"slices"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// schemaEntry is one column of the merged schema.
type schemaEntry struct {
	name, dataType, columnType string
	firstOrdinal               int64
	outOfOrder                 bool
}

// schemaMerge is `evaluate schema_merge([PreserveOrder])`: the rows of
// the input's getschema outputs merged in order. A column new to the merge is inserted at its ordinal; with
// PreserveOrder, a column met again at another ordinal than in the first
// schema holding it is reported last with ordinal -1 and Kusto's
// "columns are out of order" error types. Columns whose types differ are
// a query error: Kusto's type reduction is not documented.
func schemaMerge(cfg *sema.SchemaMergeConfig, out []table.Column) engine.PluginFunc {
	return func(ctx context.Context, in *engine.Cursor, sink *engine.Sink) error {
		cols, err := columnsOf(in, "ColumnName", "ColumnOrdinal", "DataType", "ColumnType")
		if err != nil {
			return err
		}
		t, err := readAll(ctx, in)
		if err != nil {
			return err
		}
		merged, err := mergeSchemas(t.Rows, cols, cfg.PreserveOrder)
		if err != nil {
			return err
		}
		if err := sink.Begin(out); err != nil {
			return err
		}
		return writeMerged(sink, merged)
	}
}

func mergeSchemas(rows [][]any, cols []int, preserveOrder bool) ([]*schemaEntry, error) {
	var merged []*schemaEntry
	byName := map[string]*schemaEntry{}
	for _, row := range rows {
		name := table.FormatValue(row[cols[0]])
		ord := int64(toFloat(row[cols[1]]))
		dt, ct := table.FormatValue(row[cols[2]]), table.FormatValue(row[cols[3]])
		if e, ok := byName[name]; ok {
			if e.columnType != ct {
				return nil, fmt.Errorf("schema_merge(): column '%s' is %s in one schema and %s in another; huntbook does not reduce column types", name, e.columnType, ct)
			}
			if preserveOrder && ord != e.firstOrdinal {
				e.outOfOrder = true
			}
			continue
		}
		e := &schemaEntry{name: name, dataType: dt, columnType: ct, firstOrdinal: ord}
		byName[name] = e
		at := min(max(int(ord), 0), len(merged))
		merged = slices.Insert(merged, at, e)
	}
	return merged, nil
}

func writeMerged(sink *engine.Sink, merged []*schemaEntry) error {
	ord := int32(0)
	for _, e := range merged {
		if e.outOfOrder {
			continue
		}
		if err := sink.Append([]any{e.name, ord, e.dataType, e.columnType}); err != nil {
			return err
		}
		ord++
	}
	for _, e := range merged {
		if e.outOfOrder {
			const msg = "ERROR(columns are out of order)"
			if err := sink.Append([]any{e.name, int32(-1), "ERROR(unknown CSL type:" + msg + ")", msg}); err != nil {
				return err
			}
		}
	}
	return nil
}
