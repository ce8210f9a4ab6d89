package sema

import (
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/secops/ioc"
	"github.com/huntbook/huntbook/secops/proctree"
	"github.com/huntbook/huntbook/table"
)

// IocExtractConfig is `evaluate ioc_extract(Column [, types])`: one row
// per distinct indicator found in Column, with the source row's columns.
type IocExtractConfig struct {
	Column string
	// Types restricts the indicator types; nil means ioc.DefaultTypes.
	Types []ioc.Type
}

// IocExtractColumns are the columns ioc_extract appends.
var IocExtractColumns = []table.Column{
	{Name: "IoCType", Type: table.String},
	{Name: "Observable", Type: table.String},
	{Name: "Written", Type: table.String},
	{Name: "Within", Type: table.String},
}

func (c *checker) iocExtract(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 1, 2)
	col := c.pluginColumn(a.pos[0], in, "the first argument of ioc_extract()")
	cfg := &IocExtractConfig{Column: col.Name}
	if len(a.pos) > 1 {
		names := c.pluginStrings(a.pos[1], sc, "the types argument of ioc_extract()")
		types, err := ioc.ParseTypes(names...)
		if err != nil {
			c.errorf(a.pos[1], "ioc_extract(): %v", err)
		}
		cfg.Types = types
	}
	return &Plugin{In: in, Name: "ioc_extract", Config: cfg, out: withColumns(in.Schema(), IocExtractColumns)}
}

// DecodeUnpackConfig is `evaluate decode_unpack(Column)`: one row per
// decoded fragment of Column (recursively), with the source row's columns.
type DecodeUnpackConfig struct {
	Column string
}

// DecodeUnpackColumns are the columns decode_unpack appends (see
// secops/decode's package documentation).
var DecodeUnpackColumns = []table.Column{
	{Name: "Step", Type: table.Long},
	{Name: "Parent", Type: table.Long},
	{Name: "Depth", Type: table.Long},
	{Name: "Encoding", Type: table.String},
	{Name: "FileType", Type: table.String},
	{Name: "Member", Type: table.String},
	{Name: "Decoded", Type: table.String},
	{Name: "Size", Type: table.Long},
	{Name: "MD5", Type: table.String},
	{Name: "SHA1", Type: table.String},
	{Name: "SHA256", Type: table.String},
	{Name: "Encoded", Type: table.String},
	{Name: "Offset", Type: table.Long},
	{Name: "Limit", Type: table.String},
}

func (c *checker) decodeUnpack(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 1, 1)
	col := c.pluginColumn(a.pos[0], in, "the argument of decode_unpack()")
	return &Plugin{In: in, Name: "decode_unpack", Config: &DecodeUnpackConfig{Column: col.Name},
		out: withColumns(in.Schema(), DecodeUnpackColumns)}
}

// ProcessTreeConfig is `evaluate process_tree()`: the input's process
// creation events as a forest (see secops/proctree), schema detected from
// the column names at check time.
type ProcessTreeConfig struct {
	Schema proctree.Schema
}

func (c *checker) processTree(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 0, 0)
	schema, err := proctree.DetectSchema(columnNames(in.Schema()))
	if err != nil {
		c.errorf(op.Call, "process_tree(): %v", err)
	}
	return &Plugin{In: in, Name: "process_tree", Config: &ProcessTreeConfig{Schema: schema},
		out: withColumns(in.Schema(), proctree.OutputColumns)}
}

// NarrowConfig is `evaluate narrow()`: every cell of the input as a row
// (Row, Column, Value), Value as text.
type NarrowConfig struct{}

// NarrowColumns is narrow's output.
var NarrowColumns = []table.Column{
	{Name: "Row", Type: table.Long},
	{Name: "Column", Type: table.String},
	{Name: "Value", Type: table.String},
}

func (c *checker) narrow(op *syntax.EvaluateOp, a *pluginArgs, in Tabular, sc *scope) Tabular {
	c.pluginArity(a, 0, 0)
	return &Plugin{In: in, Name: "narrow", Config: &NarrowConfig{}, out: NarrowColumns}
}
