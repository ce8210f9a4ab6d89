package sema

import (
	"fmt"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// Partition limits: Kusto's legacy strategy (the default) allows 64
// partitions; native and shuffle allow many more, but each partition is a
// union leg in the SQL, so huntbook stops at maxPartitions.
const (
	legacyPartitions = 64
	maxPartitions    = 256
)

// partition checks `partition [hints] by Column (Subquery)` and the
// legacy `{ SubqueryWithSource }` form. The partition values are read from
// the data (through the prober) and the subquery is checked once per
// value, over the input's rows with that value, the results unioned in
// value order (a null partition last). In the braces form the subquery
// has its own source and sees Column as the partition's value.
func (c *checker) partition(op *syntax.PartitionOp, in Tabular, sc *scope) Tabular {
	limit := c.partitionLimit(op)
	if op.Scope != nil {
		c.unsupported(op.Scope, "partition ... in (...)")
	}
	id, ok := op.By.(*syntax.Ident)
	if !ok {
		c.errorf(op.By, "partition by needs a column name")
	}
	i := columnIndex(in.Schema(), id.Name)
	if i < 0 {
		c.errorf(id, "unknown column '%s'%s", id.Name, didYouMean(id.Name, columnNames(in.Schema())))
	}
	col := in.Schema()[i]
	if col.Type == table.Dynamic {
		c.errorf(id, "partition by a dynamic column is not supported; convert it with tostring() first")
	}
	c.refs++
	shared := &Ref{Name: fmt.Sprintf("partition_%d", c.refs), Query: in, Materialized: true}
	// grouped SQL when the subquery allows it; the legacy strategy's
	// 64-partition limit is checked against the data when there is data
	if t, ok := c.partitionGroups(op, shared, col, sc); ok {
		if limit <= legacyPartitions && c.opts.Probe != nil {
			c.partitionValues(op, shared, col, limit)
		}
		return t
	}
	values := c.partitionValues(op, shared, col, limit)
	ref := &ColumnRef{Name: col.Name, T: col.Type}
	var legs []unionLeg
	for _, v := range values {
		var pred Expr
		if v == nil {
			pred = &Call{Fn: opFunc("isnull"), Args: []Expr{ref}, T: table.Bool}
		} else {
			pred = &Call{Fn: opFunc("=="), Args: []Expr{ref, &Literal{T: col.Type, Value: v}}, T: table.Bool}
		}
		legs = append(legs, unionLeg{t: c.partitionLeg(op, &Filter{In: shared, Pred: pred}, col, v, sc)})
	}
	if len(legs) == 0 {
		// no partitions, no rows; the subquery over an empty input gives
		// the schema (and rows of its own, as count does: dropped)
		none := &Filter{In: shared, Pred: &Literal{T: table.Bool, Value: false}}
		leg := c.partitionLeg(op, none, col, nil, sc)
		legs = append(legs, unionLeg{t: &Take{In: leg, N: &Literal{T: table.Long, Value: int64(0)}}})
	}
	cols, maps := unionColumns(legs, false)
	u := &Union{Maps: maps, out: cols}
	for _, l := range legs {
		u.Inputs = append(u.Inputs, l.t)
		u.Sources = append(u.Sources, "")
	}
	return u
}

// partitionLimit reads the hints: the strategy sets the partition limit;
// the other hints (materialized, concurrency, spread, shufflekey) only
// tune Kusto's execution and are ignored.
func (c *checker) partitionLimit(op *syntax.PartitionOp) int {
	limit := legacyPartitions
	for _, p := range op.Params {
		name := strings.ToLower(p.Name.Name)
		switch {
		case name == "hint.strategy":
			switch strings.ToLower(paramWord(p)) {
			case "legacy":
			case "native", "shuffle":
				limit = maxPartitions
			default:
				c.errorf(p, "partition hint.strategy must be legacy, native or shuffle, not '%s'", paramWord(p))
			}
		case strings.HasPrefix(name, "hint."):
		default:
			c.errorf(p, "unknown partition parameter '%s'", p.Name.Name)
		}
	}
	return limit
}

// partitionValues lists the distinct values of the partition column,
// with nil for a null partition.
func (c *checker) partitionValues(op *syntax.PartitionOp, in Tabular, col table.Column, limit int) []any {
	if c.opts.Probe == nil {
		c.needsData(op, "partition runs its subquery once per value of '"+col.Name+"' in the data")
	}
	ref := &ColumnRef{Name: col.Name, T: col.Type}
	values, err := c.opts.Probe.Distinct(c.ctx, in, ref, limit+1)
	if err != nil {
		c.errorf(op, "partition: %v", err)
	}
	if len(values) > limit {
		// a limit of huntbook's, not an error in the query: isfuzzy must not
		// drop the leg
		panic(bailout{c.newError(op.By, true, fmt.Sprintf(
			"partition by '%s': more than %d distinct values (huntbook's limit for this strategy)", col.Name, limit))})
	}
	if col.Type != table.String {
		isnull := &Call{Fn: opFunc("isnull"), Args: []Expr{ref}, T: table.Bool}
		nulls, err := c.opts.Probe.Distinct(c.ctx, in, isnull, 2)
		if err != nil {
			c.errorf(op, "partition: %v", err)
		}
		for _, n := range nulls {
			if n == true {
				values = append(values, nil)
			}
		}
	}
	return values
}

// partitionLeg checks the subquery for one partition.
func (c *checker) partitionLeg(op *syntax.PartitionOp, part Tabular, col table.Column, v any, sc *scope) Tabular {
	if !op.Braces {
		return c.subquery(op.Subquery, part, sc)
	}
	inner := newScope(sc)
	inner.bind(col.Name, &symbol{scalar: &Literal{T: col.Type, Value: v}})
	return c.tabular(op.Subquery, inner)
}
