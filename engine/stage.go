package engine

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"

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
	offset    int64 // bytes written to the open file
	err       error // the first write error of the open file
	cols      []stageCol
	groups    []format.RowGroup // the open file's finished row groups
	limit     int               // rows per file (stageFileRows; less in tests)
	rows      int               // rows in the open file
	groupRows int               // rows in the open row group
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
	s.offset, s.err = 0, nil
	if s.cols == nil {
		s.cols = newStageCols(s.schema)
	}
	s.groups = s.groups[:0]
	s.rows, s.groupRows = 0, 0
	s.emit([]byte(stageMagic))
	return s.err
}

// emit writes b to the open file, keeping the first error for seal.
func (s *tableStage) emit(b []byte) {
	if s.err != nil {
		return
	}
	n, err := s.buf.Write(b)
	s.offset += int64(n)
	s.err = err
}

// write adds a batch of rows to the open file (opening one if needed). It
// reads the batch row by row, in memory order, appending each cell to its
// column's buffer: a column-by-column pass over the rows touched every
// row's cache lines once per column.
func (s *tableStage) write(batch [][]any, firstRow int64) error {
	if s.path == "" {
		if err := s.open(); err != nil {
			return err
		}
	}
	cols := s.cols
	for i, r := range batch {
		for k := range cols {
			if err := cols[k].add(r[k]); err != nil {
				return fmt.Errorf("row %d: column %q: %w", firstRow+int64(i)+1, s.schema[k].Name, err)
			}
		}
	}
	for k := range cols {
		c := &cols[k]
		c.rows += len(batch)
		if c.pageBytes() >= stagePageBytes {
			if err := c.closePage(); err != nil {
				return err
			}
		}
	}
	s.rows += len(batch)
	s.groupRows += len(batch)
	if s.groupRows >= min(stageRowGroup, s.limit) {
		return s.flushRowGroup()
	}
	return nil
}

// flushRowGroup writes the open row group's column chunks to the file.
func (s *tableStage) flushRowGroup() error {
	if s.groupRows == 0 {
		return s.err
	}
	rg := format.RowGroup{NumRows: int64(s.groupRows), FileOffset: s.offset,
		Columns: make([]format.ColumnChunk, len(s.cols))}
	for k := range s.cols {
		c := &s.cols[k]
		if err := c.closePage(); err != nil {
			return err
		}
		start := s.offset
		for _, p := range c.pages {
			s.emit(p.head)
			for _, d := range p.data {
				s.emit(d)
			}
		}
		size := s.offset - start
		rg.Columns[k] = format.ColumnChunk{FileOffset: start, MetaData: format.ColumnMetaData{
			Type: c.physical, Encoding: []format.Encoding{c.encoding, format.RLE},
			PathInSchema: []string{stageColumn(k)}, Codec: format.Uncompressed,
			NumValues: int64(s.groupRows), TotalUncompressedSize: size, TotalCompressedSize: size,
			DataPageOffset: start}}
		rg.TotalByteSize += size
		c.resetChunk()
	}
	rg.TotalCompressedSize = rg.TotalByteSize
	s.groups = append(s.groups, rg)
	s.groupRows = 0
	return s.err
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
	err := s.flushRowGroup()
	if err == nil {
		err = s.writeFooter()
	}
	if err == nil {
		err = s.buf.Flush()
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	// The column buffers hold a row group of the table. A full file is
	// sealed because more rows came, and the next file reuses them; the
	// last, partial one is sealed by Commit, after which they are garbage.
	if s.rows < s.limit {
		s.cols = nil
	}
	s.groups, s.buf, s.f = nil, nil, nil
	return path, err
}

// writeFooter writes the file metadata and the closing magic.
func (s *tableStage) writeFooter() error {
	meta := format.FileMetaData{Version: 1, Schema: stageFooterSchema(s.schema),
		NumRows: int64(s.rows), RowGroups: s.groups, CreatedBy: "huntbook staged load"}
	b, err := thrift.Marshal(new(thrift.CompactProtocol), &meta)
	if err != nil {
		return err
	}
	s.emit(b)
	s.emit(binary.LittleEndian.AppendUint32(nil, uint32(len(b))))
	s.emit([]byte(stageMagic))
	return s.err
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
