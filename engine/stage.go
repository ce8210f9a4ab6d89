package engine

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unsafe"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/parquet-go/parquet-go"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// A staged load (DB.BeginStagedLoad) writes each table's rows into Parquet
// files in Go and has DuckDB insert them with read_parquet inside the load's
// transaction: DuckDB then reads whole vectors instead of taking one cgo
// call per value through the appender, which was the bulk of the demo's
// load cost (docs/demo.md). A file holds at most stageFileRows rows and is
// inserted and deleted as soon as it is full, so neither memory nor the
// staging directory grows with the size of a load.
const (
	stageRowGroup = 122880 // DuckDB's row group size
	stageFileRows = 4 * stageRowGroup
)

// minNanoTime and maxNanoTime bound the datetimes a staged load can write:
// Parquet's TIMESTAMP(NANOS) is an int64 of nanoseconds since 1970.
var (
	minNanoTime = time.Unix(0, -1<<63)
	maxNanoTime = time.Unix(0, 1<<63-1)
)

// tableStage writes the rows of one table into the current staging file.
// It is used from the loader's caller goroutine; only the insert runs on
// the connection goroutine.
type tableStage struct {
	dir       string
	name      string
	schema    []table.Column
	seq       int
	path      string // the open file, "" when none
	f         *os.File
	buf       *bufio.Writer
	w         *parquet.Writer
	limit     int // rows per file (stageFileRows; less in tests)
	rows      int // rows in the open file
	groupRows int // rows in the open row group
	row       parquet.Row
}

// stageable reports whether every column type has a Parquet form here.
func stageable(schema []table.Column) bool {
	for _, c := range schema {
		if c.Type == table.Invalid || c.Type > table.GUID {
			return false
		}
	}
	return true
}

// stageColumn names the Parquet column of schema position i. Parquet
// groups order their fields by name, so zero-padded names keep the leaf
// index equal to the position.
func stageColumn(i int) string { return fmt.Sprintf("c%05d", i) }

func stageSchema(schema []table.Column) *parquet.Schema {
	g := parquet.Group{}
	for i, c := range schema {
		var n parquet.Node
		switch c.Type {
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
		if c.Type == table.String {
			g[stageColumn(i)] = parquet.Required(n) // null strings are ""
		} else {
			g[stageColumn(i)] = parquet.Optional(n)
		}
	}
	return parquet.NewSchema("rows", g)
}

// open starts the next staging file.
func (s *tableStage) open() error {
	s.seq++
	s.path = filepath.Join(s.dir, fmt.Sprintf("t%p-%d.parquet", s, s.seq))
	f, err := os.Create(s.path)
	if err != nil {
		s.path = ""
		return err
	}
	s.f = f
	s.buf = bufio.NewWriterSize(f, 1<<20)
	// Uncompressed, no page statistics: the file is read once, right away,
	// from the page cache; compressing it would only cost CPU twice.
	s.w = parquet.NewWriter(s.buf, stageSchema(s.schema),
		parquet.MaxRowsPerRowGroup(stageRowGroup), parquet.DataPageStatistics(false))
	s.rows, s.groupRows = 0, 0
	return nil
}

// write adds a batch of rows to the open file (opening one if needed),
// column by column: writing whole rows made parquet-go scatter every value
// into its column, which cost more than the values themselves.
func (s *tableStage) write(batch [][]any, firstRow int64) error {
	if s.path == "" {
		if err := s.open(); err != nil {
			return err
		}
	}
	writers := s.w.ColumnWriters()
	for k, c := range s.schema {
		s.row = s.row[:0]
		for i, r := range batch {
			pv, err := stageValue(c.Type, r[k])
			if err != nil {
				return fmt.Errorf("row %d: column %q: %w", firstRow+int64(i)+1, c.Name, err)
			}
			def := 1
			if c.Type == table.String || pv.IsNull() {
				def = 0
			}
			s.row = append(s.row, pv.Level(0, def, k))
		}
		if _, err := writers[k].WriteRowValues(s.row); err != nil {
			return err
		}
	}
	s.rows += len(batch)
	s.groupRows += len(batch)
	if s.groupRows >= min(stageRowGroup, s.limit) {
		s.groupRows = 0
		return s.w.Flush()
	}
	return nil
}

// full reports whether the open file should be inserted now.
func (s *tableStage) full() bool { return s.path != "" && s.rows >= s.limit }

// seal finishes the open file and returns its path ("" when none is open).
func (s *tableStage) seal() (string, error) {
	if s.path == "" {
		return "", nil
	}
	path := s.path
	s.path = ""
	err := s.w.Close()
	if err == nil {
		err = s.buf.Flush()
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	// The writer keeps its column buffers; a finished table must not.
	s.w, s.buf, s.f, s.row = nil, nil, nil, nil
	return path, err
}

// discard closes and removes the open file, if any.
func (s *tableStage) discard() {
	if s.path != "" {
		s.f.Close()
		os.Remove(s.path)
		s.path = ""
	}
}

// insertSQL inserts a staged file into the table's columns, casting the
// Parquet columns whose DuckDB type Parquet does not carry.
func (s *tableStage) insertSQL(path string) string {
	var cols, sel strings.Builder
	for i, c := range s.schema {
		if i > 0 {
			cols.WriteString(", ")
			sel.WriteString(", ")
		}
		cols.WriteString(sqlrepr.QuoteIdent(c.Name))
		switch c.Type {
		case table.DateTime, table.Dynamic, table.Decimal, table.GUID:
			sel.WriteString("CAST(" + stageColumn(i) + " AS " + sqlrepr.DuckType(c.Type) + ")")
		default:
			sel.WriteString(stageColumn(i))
		}
	}
	return "INSERT INTO " + sqlrepr.QuoteIdent(s.name) + " (" + cols.String() + ") SELECT " +
		sel.String() + " FROM read_parquet(" + sqlrepr.QuoteString(path) + ")"
}

// stageValue is storeValue's value in its Parquet form (see stageSchema).
func stageValue(t table.Type, v any) (parquet.Value, error) {
	switch x := v.(type) { // the common cases, without storeValue's boxing
	case string:
		if t == table.String {
			return parquet.ByteArrayValue(unsafe.Slice(unsafe.StringData(x), len(x))), nil
		}
	case int64:
		if t == table.Long {
			return parquet.Int64Value(x), nil
		}
	}
	sv, err := storeValue(t, v)
	if err != nil || sv == nil {
		if t == table.String {
			return parquet.ByteArrayValue(nil), err
		}
		return parquet.NullValue(), err
	}
	switch x := sv.(type) {
	case bool:
		return parquet.BooleanValue(x), nil
	case int32:
		return parquet.Int32Value(x), nil
	case int64:
		return parquet.Int64Value(x), nil
	case float64:
		return parquet.DoubleValue(x), nil
	case string:
		// The writer copies the bytes into its page buffer; the string is
		// never written through this slice.
		return parquet.ByteArrayValue(unsafe.Slice(unsafe.StringData(x), len(x))), nil
	case json.RawMessage:
		return parquet.ByteArrayValue(x), nil
	case time.Time:
		if x.Before(minNanoTime) || x.After(maxNanoTime) {
			return parquet.Value{}, fmt.Errorf("datetime %v out of a staged load's range", x)
		}
		return parquet.Int64Value(x.UnixNano()), nil
	case duckdb.UUID:
		return parquet.FixedLenByteArrayValue(append([]byte(nil), x[:]...)), nil
	case *big.Int:
		return parquet.ByteArrayValue([]byte(scaledDecimalText(x))), nil
	}
	return parquet.Value{}, errors.New("engine: no Parquet form for " + fmt.Sprintf("%T", sv))
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
