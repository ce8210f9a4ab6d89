package exec

import (
	"context"
	"fmt"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// BagSlots lists the top-level keys of the bags e holds over in, with the
// KQL types of their non-null values, from DuckDB's json_each.
func (p *prober) BagSlots(ctx context.Context, in sema.Tabular, e sema.Expr, limit int) ([]sema.BagSlot, error) {
	q := plan.Optimize(plan.BuildColumn(in, e))
	var res *engine.Result
	err := p.x.withPlugins(ctx, q, func(text string) (err error) {
		slotSQL := "SELECT k.key, json_type(k.value) FROM (" + text + ") AS s, json_each(s.v) AS k " +
			"WHERE json_type(s.v) = 'OBJECT' GROUP BY ALL ORDER BY 1, 2"
		// Eight JSON types at most per key.
		res, err = p.x.db.Query(ctx, engine.Query{SQL: slotSQL,
			Schema: []table.Column{{Name: "key", Type: table.String}, {Name: "type", Type: table.String}}}, 8*limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("probing the data: %w", wrapEngine(err))
	}
	var out []sema.BagSlot
	for _, r := range res.Table.Rows {
		key, jt := r[0].(string), r[1].(string)
		if len(out) == 0 || out[len(out)-1].Key != key {
			if len(out) == limit {
				break
			}
			out = append(out, sema.BagSlot{Key: key})
		}
		if t, ok := jsonKQLType(jt); ok {
			s := &out[len(out)-1]
			s.Types = append(s.Types, t)
		}
	}
	return out, nil
}

// jsonKQLType maps a DuckDB JSON type to the KQL type of a dynamic value
// of that type; JSON null has none.
func jsonKQLType(jt string) (table.Type, bool) {
	switch jt {
	case "BIGINT", "UBIGINT":
		return table.Long, true
	case "DOUBLE":
		return table.Real, true
	case "VARCHAR":
		return table.String, true
	case "BOOLEAN":
		return table.Bool, true
	case "NULL":
		return table.Invalid, false
	}
	return table.Dynamic, true
}
