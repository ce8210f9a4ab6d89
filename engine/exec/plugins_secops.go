package exec

import (
	"context"
	"errors"
	"strings"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/secops/decode"
	"github.com/huntbook/huntbook/secops/ioc"
	"github.com/huntbook/huntbook/secops/proctree"
	"github.com/huntbook/huntbook/table"
)

// iocExtract is `evaluate ioc_extract(Column [, types])`: per input row,
// one row per distinct indicator, in order of first appearance (see
// secops/ioc's package documentation for the columns).
func iocExtract(cfg *sema.IocExtractConfig, out []table.Column) engine.PluginFunc {
	return func(ctx context.Context, in *engine.Cursor, sink *engine.Sink) error {
		col, err := columnOf(in, cfg.Column)
		if err != nil {
			return err
		}
		if err := sink.Begin(out); err != nil {
			return err
		}
		return eachRow(ctx, in, func(row []any) error {
			for _, m := range ioc.Unique(ioc.Extract(table.FormatValue(row[col]), cfg.Types...)) {
				if err := sink.Append(extended(row, string(m.Type), m.Value, m.Text, string(m.Within))); err != nil {
					return err
				}
			}
			return nil
		})
	}
}

// decodeUnpack is `evaluate decode_unpack(Column)`: per input row, one
// row per decoded fragment or archive member (see secops/decode's package
// documentation). A limit reached is reported in the Limit column of the
// step that reached it, never as a failed query.
func decodeUnpack(cfg *sema.DecodeUnpackConfig, out []table.Column) engine.PluginFunc {
	return func(ctx context.Context, in *engine.Cursor, sink *engine.Sink) error {
		col, err := columnOf(in, cfg.Column)
		if err != nil {
			return err
		}
		if err := sink.Begin(out); err != nil {
			return err
		}
		return eachRow(ctx, in, func(row []any) error {
			res, err := decode.Unpack(ctx, table.FormatValue(row[col]), decode.Limits{})
			if err != nil && !errors.Is(err, decode.ErrLimit) {
				return err
			}
			for _, s := range res.Steps {
				if err := sink.Append(extended(row, stepValues(s)...)); err != nil {
					return err
				}
			}
			return nil
		})
	}
}

// stepValues are the decode_unpack columns of one step.
func stepValues(s decode.Step) []any {
	problem := s.Limit
	if s.Error != "" {
		problem = s.Error
	}
	return []any{int64(s.Index), int64(s.Parent), int64(s.Depth), strings.Join(s.Chain, ">"), s.FileType,
		s.Member, s.Text, s.Size, s.MD5, s.SHA1, s.SHA256, s.Encoded, int64(s.Start), problem}
}

// processTree is `evaluate process_tree()`: the whole input is read (a
// tree needs every event), built into a forest by secops/proctree, and
// written in drawing order with the tree columns appended.
func processTree(cfg *sema.ProcessTreeConfig, out []table.Column) engine.PluginFunc {
	return func(ctx context.Context, in *engine.Cursor, sink *engine.Sink) error {
		t, err := readAll(ctx, in)
		if err != nil {
			return err
		}
		tree, err := proctree.Build(ctx, t)
		if err != nil {
			return err
		}
		if err := sink.Begin(out); err != nil {
			return err
		}
		for _, row := range tree.Table(t).Rows {
			if err := sink.Append(row); err != nil {
				return err
			}
		}
		return nil
	}
}

// narrow is `evaluate narrow()`: one row per cell, the row number
// (0-based), the column name and the value as text.
func narrow(out []table.Column) engine.PluginFunc {
	return func(ctx context.Context, in *engine.Cursor, sink *engine.Sink) error {
		cols := in.Columns()
		if err := sink.Begin(out); err != nil {
			return err
		}
		var n int64
		return eachRow(ctx, in, func(row []any) error {
			for i, c := range cols {
				if err := sink.Append([]any{n, c.Name, table.FormatValue(row[i])}); err != nil {
					return err
				}
			}
			n++
			return nil
		})
	}
}
