package engine

import (
	"database/sql/driver"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
	"sync"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding/delta"
	"github.com/parquet-go/parquet-go/encoding/rle"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// A staging file is encoded here, column by column into typed byte
// buffers, rather than through parquet-go's Writer: its column writers
// only take a parquet.Value per cell, and building, levelling and copying
// those values cost several times the encoding itself (docs/demo.md has
// the figures). The file is plain Parquet: uncompressed v1 data pages with
// RLE definition levels, byte arrays (strings, JSON, decimal text) in
// DELTA_LENGTH_BYTE_ARRAY, everything else PLAIN; no dictionary, no
// statistics, no page index. parquet-go still provides the format's
// metadata structures and their Thrift encoding, the level and length
// encoders, and the schema's logical types (stageNode).

// stagePageBytes is the size at which a column's data page is closed (at
// the end of a batch, so a page may be larger).
const stagePageBytes = 1 << 20

// stageMagic opens and closes a Parquet file.
const stageMagic = "PAR1"

// minNanoTime and maxNanoTime bound the datetimes a staged load can write:
// Parquet's TIMESTAMP(NANOS) is an int64 of nanoseconds since 1970.
var (
	minNanoTime = time.Unix(0, -1<<63)
	maxNanoTime = time.Unix(0, 1<<63-1)
)

// stageNode is the Parquet type of a column of KQL type t. Strings are
// required (a null string is ""); every other column is optional.
func stageNode(t table.Type) parquet.Node {
	var n parquet.Node
	switch t {
	case table.Bool:
		n = parquet.Leaf(parquet.BooleanType)
	case table.Int:
		n = parquet.Int(32)
	case table.Long, table.TimeSpan:
		n = parquet.Int(64)
	case table.Real:
		n = parquet.Leaf(parquet.DoubleType)
	case table.DateTime:
		n = parquet.TimestampAdjusted(parquet.Nanosecond, false)
	case table.GUID:
		n = parquet.UUID()
	default: // string, dynamic (JSON text), decimal (exact text)
		n = parquet.String()
	}
	if t == table.String {
		return parquet.Required(n)
	}
	return parquet.Optional(n)
}

// stageSchema is the Parquet schema of a staging file: leaf i is schema
// column i, named stageColumn(i).
func stageSchema(schema []table.Column) *parquet.Schema {
	g := parquet.Group{}
	for i, c := range schema {
		g[stageColumn(i)] = stageNode(c.Type)
	}
	return parquet.NewSchema("rows", g)
}

// stageFooterSchema lists the schema elements of a staging file's footer:
// the root, then one leaf per column, as parquet-go's writer describes them.
func stageFooterSchema(schema []table.Column) []format.SchemaElement {
	els := []format.SchemaElement{{Name: "rows", NumChildren: thrift.New(int32(len(schema)))}}
	for i, c := range schema {
		n := stageNode(c.Type)
		t := n.Type()
		el := format.SchemaElement{Name: stageColumn(i), Type: thrift.New(*t.PhysicalType())}
		if n.Optional() {
			el.RepetitionType = thrift.New(format.Optional)
		} else {
			el.RepetitionType = thrift.New(format.Required)
		}
		if lt := t.LogicalType(); lt != nil {
			el.LogicalType = *lt
		}
		if ct := t.ConvertedType(); ct != nil {
			el.ConvertedType = thrift.New(*ct)
		}
		if l := t.Length(); l > 0 {
			el.TypeLength = thrift.New(int32(l))
		}
		els = append(els, el)
	}
	return els
}

// stageCol accumulates one column of the open row group. Its values go
// into fixed-size blocks shared through stageBlocks rather than one
// growing slice: growing copied and cleared a row group's values several
// times, and a finished table's blocks serve the next one.
type stageCol struct {
	typ      table.Type
	optional bool
	encoding format.Encoding // of its values
	physical format.Type
	cur      []byte   // the block being filled, whole
	used     int      // its bytes filled
	start    int      // where the open page's values begin in cur
	segs     [][]byte // the open page's values in earlier blocks
	segBytes int      // their length
	blocks   []*[]byte
	defs     []byte  // definition levels of the open page (optional columns)
	lens     []int32 // lengths of the open page's byte arrays
	rows     int     // rows in the open page
	pages    []stagePage
}

// stagePage is a closed data page: its header and levels, then its values.
type stagePage struct {
	head []byte
	data [][]byte
}

// A column's values start in a small block, so that the many small tables
// of a load do not each hold a large block per column, and go on in large
// ones. A value larger than a large block gets a block of its own.
const (
	stageSmallBlock = 4 << 10
	stageLargeBlock = 64 << 10
)

var stageBlocks = [2]sync.Pool{
	{New: func() any { b := make([]byte, stageSmallBlock); return &b }},
	{New: func() any { b := make([]byte, stageLargeBlock); return &b }},
}

func newStageCols(schema []table.Column) []stageCol {
	cols := make([]stageCol, len(schema))
	for i, c := range schema {
		physical := *stageNode(c.Type).Type().PhysicalType()
		enc := format.Plain
		if physical == format.ByteArray {
			enc = format.DeltaLengthByteArray
		}
		cols[i] = stageCol{typ: c.Type, optional: c.Type != table.String, physical: physical, encoding: enc}
	}
	return cols
}

// add appends one cell. Strings, the bulk of a log table, take the
// shortest path; storeValue's conversions remain for other Go types.
func (c *stageCol) add(v any) error {
	if c.typ == table.String {
		s, ok := v.(string)
		if !ok && v != nil {
			if _, err := storeValue(c.typ, v); err != nil {
				return err
			}
			return fmt.Errorf("%T is not a string", v)
		}
		c.putByteArray(s)
		return nil
	}
	switch x := v.(type) {
	case nil:
		c.defs = append(c.defs, 0)
		return nil
	case int64:
		if c.typ == table.Long {
			c.defs = append(c.defs, 1)
			binary.LittleEndian.PutUint64(c.put(8), uint64(x))
			return nil
		}
	case int32:
		if c.typ == table.Int {
			c.defs = append(c.defs, 1)
			binary.LittleEndian.PutUint32(c.put(4), uint32(x))
			return nil
		}
	case time.Time:
		if c.typ == table.DateTime {
			return c.addTime(x)
		}
	case time.Duration:
		if c.typ == table.TimeSpan {
			c.defs = append(c.defs, 1)
			binary.LittleEndian.PutUint64(c.put(8), uint64(sqlrepr.Ticks(x)))
			return nil
		}
	}
	sv, err := storeValue(c.typ, v)
	if err != nil {
		return err
	}
	return c.addStored(sv)
}

// addStored appends a value in storeValue's form.
func (c *stageCol) addStored(sv driver.Value) error {
	switch x := sv.(type) {
	case nil:
		c.defs = append(c.defs, 0)
		return nil
	case time.Time:
		return c.addTime(x)
	case bool:
		b := byte(0)
		if x {
			b = 1
		}
		c.put(1)[0] = b // bit-packed when the page closes
	case int32:
		binary.LittleEndian.PutUint32(c.put(4), uint32(x))
	case int64:
		binary.LittleEndian.PutUint64(c.put(8), uint64(x))
	case float64:
		binary.LittleEndian.PutUint64(c.put(8), math.Float64bits(x))
	case json.RawMessage:
		c.putByteArray(string(x))
	case duckdb.UUID:
		copy(c.put(16), x[:])
	case *big.Int:
		c.putByteArray(scaledDecimalText(x))
	default:
		return errors.New("engine: no Parquet form for " + fmt.Sprintf("%T", sv))
	}
	c.defs = append(c.defs, 1)
	return nil
}

// addTime appends a datetime as nanoseconds; one outside KQL's range is
// null, as the appender stores it.
func (c *stageCol) addTime(t time.Time) error {
	if !sqlrepr.InDateTimeRange(t) {
		c.defs = append(c.defs, 0)
		return nil
	}
	if t.Before(minNanoTime) || t.After(maxNanoTime) { // not while KQL's range is TIMESTAMP_NS's
		return fmt.Errorf("datetime %v out of a staged load's range", t)
	}
	c.defs = append(c.defs, 1)
	binary.LittleEndian.PutUint64(c.put(8), uint64(t.UnixNano()))
	return nil
}

// put returns the next n bytes of the column's values to fill in.
func (c *stageCol) put(n int) []byte {
	if c.used+n > len(c.cur) {
		c.nextBlock(n)
	}
	b := c.cur[c.used : c.used+n]
	c.used += n
	return b
}

// nextBlock moves on to a new block with room for n bytes.
func (c *stageCol) nextBlock(n int) {
	if c.used > c.start {
		c.segs = append(c.segs, c.cur[c.start:c.used])
		c.segBytes += c.used - c.start
	}
	switch {
	case n > stageLargeBlock:
		c.cur = make([]byte, n)
	case len(c.blocks) == 0 && n <= stageSmallBlock:
		c.takeBlock(0)
	default:
		c.takeBlock(1)
	}
	c.start, c.used = 0, 0
}

// takeBlock makes a pooled block of size class k the current one.
func (c *stageCol) takeBlock(k int) {
	b := stageBlocks[k].Get().(*[]byte)
	c.blocks = append(c.blocks, b)
	c.cur = *b
}

// putByteArray appends a byte array: DELTA_LENGTH_BYTE_ARRAY stores the
// lengths together, delta-encoded, before the bytes. It is what
// parquet-go's writer chose, and a column of "" costs next to nothing
// where PLAIN's four-byte lengths doubled the files.
func (c *stageCol) putByteArray(s string) {
	c.lens = append(c.lens, int32(len(s)))
	if len(s) > 0 {
		copy(c.put(len(s)), s)
	}
}

// pageBytes is the size of the open page's values.
func (c *stageCol) pageBytes() int { return c.segBytes + c.used - c.start + 4*len(c.lens) }

// closePage turns the open page's values into a data page.
func (c *stageCol) closePage() error {
	if c.rows == 0 {
		return nil
	}
	data := append(c.segs, c.cur[c.start:c.used])
	switch {
	case c.typ == table.Bool:
		data = [][]byte{packBools(data)}
	case c.encoding == format.DeltaLengthByteArray:
		lens, err := (&delta.BinaryPackedEncoding{}).EncodeInt32(nil, c.lens)
		if err != nil {
			return err
		}
		data = append([][]byte{lens}, data...)
	}
	var levels []byte
	if c.optional {
		enc, err := (&rle.Encoding{BitWidth: 1}).EncodeLevels(nil, c.defs)
		if err != nil {
			return err
		}
		levels = binary.LittleEndian.AppendUint32(make([]byte, 0, 4+len(enc)), uint32(len(enc)))
		levels = append(levels, enc...)
	}
	size := len(levels)
	for _, d := range data {
		size += len(d)
	}
	if size > math.MaxInt32 {
		return fmt.Errorf("staged page of %d bytes is too large", size)
	}
	h := format.PageHeader{Type: format.DataPage, UncompressedPageSize: int32(size),
		CompressedPageSize: int32(size), DataPageHeader: thrift.New(format.DataPageHeader{
			NumValues: int32(c.rows), Encoding: c.encoding,
			DefinitionLevelEncoding: format.RLE, RepetitionLevelEncoding: format.RLE})}
	head, err := thrift.Marshal(new(thrift.CompactProtocol), &h)
	if err != nil {
		return err
	}
	c.pages = append(c.pages, stagePage{head: append(head, levels...), data: data})
	c.start, c.segs, c.segBytes, c.rows, c.defs, c.lens = c.used, nil, 0, 0, c.defs[:0], c.lens[:0]
	return nil
}

// packBools packs booleans held one per byte into PLAIN's bits, the first
// value in the lowest bit.
func packBools(data [][]byte) []byte {
	var out []byte
	var x, n byte
	for _, d := range data {
		for _, b := range d {
			x |= b << n
			if n++; n == 8 {
				out, x, n = append(out, x), 0, 0
			}
		}
	}
	if n > 0 {
		out = append(out, x)
	}
	return out
}

// resetChunk empties the column for the next row group, once its pages
// are written, and gives its blocks back.
func (c *stageCol) resetChunk() {
	for _, b := range c.blocks {
		if len(*b) == stageSmallBlock {
			stageBlocks[0].Put(b)
		} else {
			stageBlocks[1].Put(b)
		}
	}
	clear(c.blocks)
	clear(c.pages)
	c.blocks, c.pages, c.cur, c.start, c.used = c.blocks[:0], c.pages[:0], nil, 0, 0
}

// scaledDecimalText writes DECIMAL(38,18)'s scaled integer as exact decimal text.
func scaledDecimalText(q *big.Int) string {
	digits := new(big.Int).Abs(q).String()
	if len(digits) < 19 {
		digits = strings.Repeat("0", 19-len(digits)) + digits
	}
	sign := ""
	if q.Sign() < 0 {
		sign = "-"
	}
	return sign + digits[:len(digits)-18] + "." + digits[len(digits)-18:]
}
