package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// SchemaMergeConfig is `evaluate schema_merge([PreserveOrder])` over the
// rows of several getschema outputs, in order: one merged schema in
// getschema's columns.
type SchemaMergeConfig struct {
	PreserveOrder bool
}

// SchemaColumns are getschema's (and schema_merge's) columns.
var SchemaColumns = []table.Column{
	{Name: "ColumnName", Type: table.String},
	{Name: "ColumnOrdinal", Type: table.Int},
	{Name: "DataType", Type: table.String},
	{Name: "ColumnType", Type: table.String},
}

func (c *checker) schemaMerge(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 0, 1, "PreserveOrder")
	cfg := &SchemaMergeConfig{PreserveOrder: true}
	if e := a.arg(0, "PreserveOrder"); e != nil {
		cfg.PreserveOrder, _ = c.pluginConst(e, sc, table.Bool, "PreserveOrder").(bool)
	}
	cols := in.Schema()
	for _, want := range SchemaColumns {
		i := columnIndex(cols, want.Name)
		if i < 0 {
			c.errorf(op.Call, "schema_merge() reads getschema's output: the input has no column '%s'", want.Name)
		}
		if got := cols[i].Type; got != want.Type && !(want.Type == table.Int && got == table.Long) {
			c.errorf(op.Call, "schema_merge() reads getschema's output: '%s' is %s, not %s", want.Name, got, want.Type)
		}
	}
	return &Plugin{In: in, Name: "schema_merge", Config: cfg, out: SchemaColumns}
}
