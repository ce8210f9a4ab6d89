package exec

import (
	"context"
	"fmt"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// prober answers the analyser's questions about data (the columns of
// bag_unpack, the values of pivot) by running the input in the engine.
type prober struct{ x *Executor }

func (p *prober) Distinct(ctx context.Context, in sema.Tabular, e sema.Expr, limit int) ([]any, error) {
	q := plan.Optimize(plan.BuildDistinct(in, e, limit))
	var res *engine.Result
	err := p.x.withPlugins(ctx, q, func(text string) (err error) {
		res, err = p.x.db.Query(ctx, engine.Query{SQL: text, Schema: []table.Column{{Name: "v", Type: q.Root.Schema()[0].Type}}}, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("probing the data: %w", wrapEngine(err))
	}
	out := make([]any, 0, len(res.Table.Rows))
	for _, r := range res.Table.Rows {
		out = append(out, r[0])
	}
	return out, nil
}
