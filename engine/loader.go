package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// loadBatch is how many rows a TableLoader buffers before handing them to
// the connection's goroutine: one channel round trip per batch, not per row.
const loadBatch = 2048

// Loader writes rows into several tables in one transaction: nothing is
// visible before Commit, and Rollback (or any failure) leaves every table as
// it was. Ingestion uses it because one input file may feed several tables
// (a Windows event log splits into SecurityEvent, WindowsEvent and Event)
// and rows of different tables arrive interleaved.
//
// database/sql only lends a driver connection inside Conn.Raw's callback, so
// a goroutine holds that callback open and serves the loader's requests;
// the caller's Append calls stay push-style. A Loader is used from one
// goroutine.
type Loader struct {
	db     *DB
	ctx    context.Context
	conn   *sql.Conn
	reqs   chan loadReq
	served chan error
	tables map[string]*TableLoader
	failed error
	done   bool
	stage  string // staging directory of a staged load (stage.go), else ""
	// stageRows is how many rows a staging file holds (tests lower it).
	stageRows int
}

// TableLoader appends the rows of one table of a Loader.
type TableLoader struct {
	l       *Loader
	name    string
	schema  []table.Column // the caller's columns, in row order
	shape   []table.Column // columns the table must have (schema's first)
	mode    LoadMode
	ddl     []string // statements that shape the table, run on prepare
	pending [][]any
	rows    int64
	app     *duckdb.Appender // owned by the connection goroutine
	stage   *tableStage      // set instead of app in a staged load
	// inserting is the reply of the staging file being inserted while the
	// next one is written, nil when none is in flight (insertStagedAsync).
	inserting chan error
}

// loadReq is one request to the connection goroutine; exactly one field
// set besides reply.
type loadReq struct {
	prepare *TableLoader
	flush   *TableLoader
	batch   [][]any
	run     func(driver.Conn) error
	reply   chan error
}

// BeginLoad starts a transaction for loading. The caller must end it with
// Commit or Rollback.
func (db *DB) BeginLoad(ctx context.Context) (*Loader, error) {
	return db.beginLoad(ctx, "")
}

// BeginStagedLoad is BeginLoad for bulk loads: rows go through Parquet
// files in a new directory under tmpDir (os.TempDir() when ""), inserted
// with read_parquet in the load's transaction (see stage.go). Commit and
// Rollback remove the directory. A table with a column type the staging
// cannot write loads through the appender as usual.
func (db *DB) BeginStagedLoad(ctx context.Context, tmpDir string) (*Loader, error) {
	dir, err := os.MkdirTemp(tmpDir, "huntbook-load-")
	if err != nil {
		return nil, err
	}
	l, err := db.beginLoad(ctx, dir)
	if err != nil {
		os.RemoveAll(dir)
	}
	return l, err
}

func (db *DB) beginLoad(ctx context.Context, stage string) (*Loader, error) {
	c, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, classify(ctx, err)
	}
	if _, err := c.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		c.Close()
		return nil, classify(ctx, err)
	}
	l := &Loader{db: db, ctx: ctx, conn: c, reqs: make(chan loadReq), served: make(chan error, 1),
		tables: map[string]*TableLoader{}, stage: stage, stageRows: stageFileRows}
	go l.serve()
	return l, nil
}

// serve owns the driver connection for the loader's lifetime.
func (l *Loader) serve() {
	l.served <- l.conn.Raw(func(dc any) error {
		conn := dc.(driver.Conn)
		for req := range l.reqs {
			req.reply <- l.handle(conn, req)
		}
		return nil
	})
}

// handle runs one request on the connection goroutine.
func (l *Loader) handle(conn driver.Conn, req loadReq) error {
	switch {
	case req.prepare != nil:
		t := req.prepare
		if err := t.plan(conn); err != nil {
			return &planError{err}
		}
		ex := conn.(driver.ExecerContext)
		for _, stmt := range t.ddl {
			if _, err := ex.ExecContext(l.ctx, stmt, nil); err != nil {
				return err
			}
		}
		if t.stage != nil {
			return nil
		}
		// Appending only the row's columns lets DuckDB fill the table's
		// other columns with their defaults, far cheaper than passing
		// empty values through cgo.
		names := make([]string, len(t.schema))
		for i, c := range t.schema {
			names[i] = c.Name
		}
		app, err := duckdb.NewAppenderWithColumns(conn, workspaceCatalog, "main", t.name, names)
		if err != nil {
			return err
		}
		t.app = app
		return nil
	case req.flush != nil:
		return req.flush.write(l.ctx, req.batch)
	default:
		return req.run(conn)
	}
}

// call sends a request to the connection goroutine and waits for its answer.
func (l *Loader) call(req loadReq) error {
	req.reply = make(chan error, 1)
	l.reqs <- req
	return <-req.reply
}

// Table begins loading a table: Create fails when it exists; Replace swaps
// its content and schema; Append creates it when missing, otherwise adds
// the columns it lacks and fails on a column whose KQL type differs. A
// table is begun at most once per Loader.
//
// Rows carry the columns of schema, in order. extra are further columns
// the table must have (a catalog's columns the data does not fill); rows
// leave them at their defaults: "" for strings, null otherwise.
func (l *Loader) Table(name string, schema []table.Column, mode LoadMode, extra ...table.Column) (*TableLoader, error) {
	if err := l.usable(); err != nil {
		return nil, err
	}
	if len(schema) == 0 {
		return nil, fmt.Errorf("engine: load %q: empty schema", name)
	}
	if _, dup := l.tables[name]; dup {
		return nil, fmt.Errorf("engine: load %q: table begun twice in one load", name)
	}
	t := &TableLoader{l: l, name: name, schema: schema, shape: withExtra(schema, extra), mode: mode}
	if l.stage != "" && stageable(schema) {
		t.stage = &tableStage{dir: l.stage, name: name, schema: schema, limit: l.stageRows}
	}
	if err := l.call(loadReq{prepare: t}); err != nil {
		var pe *planError
		if errors.As(err, &pe) {
			return nil, l.fail(pe.err)
		}
		return nil, l.fail(fmt.Errorf("load %q: %w", name, err))
	}
	l.tables[name] = t
	return t, nil
}

// Append adds one row (values in the order of the schema given to Table).
// The row is copied; the caller may reuse the slice.
func (t *TableLoader) Append(row []any) error {
	if err := t.l.usable(); err != nil {
		return err
	}
	if len(row) != len(t.schema) {
		return t.l.fail(fmt.Errorf("load %q: row %d: %w: %d values for %d columns",
			t.name, t.rows+int64(len(t.pending))+1, ErrSchema, len(row), len(t.schema)))
	}
	t.pending = append(t.pending, append([]any(nil), row...))
	if len(t.pending) >= loadBatch {
		return t.flush()
	}
	return nil
}

// AppendOwned adds rows like Append without copying them: the loader keeps
// the slices, so the caller must not change them afterwards. A caller that
// already copies its rows into batches saves a copy of every value.
func (t *TableLoader) AppendOwned(rows [][]any) error {
	if err := t.l.usable(); err != nil {
		return err
	}
	for i, row := range rows {
		if len(row) != len(t.schema) {
			return t.l.fail(fmt.Errorf("load %q: row %d: %w: %d values for %d columns",
				t.name, t.Rows()+int64(i)+1, ErrSchema, len(row), len(t.schema)))
		}
	}
	t.pending = append(t.pending, rows...)
	if len(t.pending) >= loadBatch {
		return t.flush()
	}
	return nil
}

// Rows is the number of rows appended so far.
func (t *TableLoader) Rows() int64 { return t.rows + int64(len(t.pending)) }

func (t *TableLoader) flush() error {
	if len(t.pending) == 0 {
		return nil
	}
	batch := t.pending
	t.pending = nil
	var err error
	if t.stage != nil {
		err = t.stageBatch(batch)
	} else {
		err = t.l.call(loadReq{flush: t, batch: batch})
	}
	if err != nil {
		return t.l.fail(fmt.Errorf("load %q: %w", t.name, err))
	}
	t.rows += int64(len(batch))
	return nil
}

// stageBatch writes a batch into the table's staging file, inserting the
// file once it is full.
func (t *TableLoader) stageBatch(batch [][]any) error {
	if err := t.l.ctx.Err(); err != nil {
		return err
	}
	if err := t.stage.write(batch, t.rows); err != nil {
		return err
	}
	if t.stage.full() {
		return t.insertStagedAsync()
	}
	return nil
}

// insertStagedAsync seals the open staging file and has the connection
// goroutine insert it while the caller goes on writing the next one, so
// that generating a big table and DuckDB's insert of its rows overlap
// instead of taking turns. At most one insert is in flight per table: the
// next seal waits for it, which also bounds the staging files on disk.
func (t *TableLoader) insertStagedAsync() error {
	if err := t.awaitInsert(); err != nil {
		return err
	}
	path, err := t.stage.seal()
	if path == "" || err != nil {
		if path != "" {
			os.Remove(path)
		}
		return err
	}
	t.inserting = make(chan error, 1)
	t.l.reqs <- loadReq{reply: t.inserting, run: t.insertFile(path)}
	return nil
}

// awaitInsert waits for the insert in flight, if any, and returns its error.
func (t *TableLoader) awaitInsert() error {
	if t.inserting == nil {
		return nil
	}
	err := <-t.inserting
	t.inserting = nil
	return err
}

// insertStaged inserts the open staging file, if any, after the one in
// flight, and waits for both.
func (t *TableLoader) insertStaged() error {
	if err := t.insertStagedAsync(); err != nil {
		return err
	}
	return t.awaitInsert()
}

// insertFile inserts a sealed staging file on the connection goroutine
// and removes it.
func (t *TableLoader) insertFile(path string) func(driver.Conn) error {
	return func(conn driver.Conn) error {
		defer os.Remove(path)
		_, err := conn.(driver.ExecerContext).ExecContext(t.l.ctx, t.stage.insertSQL(path), nil)
		return err
	}
}

// Commit makes every table's rows visible at once and returns the row
// count per table.
func (l *Loader) Commit() (map[string]int64, error) {
	if err := l.usable(); err != nil {
		l.Rollback()
		return nil, err
	}
	for _, t := range l.tables {
		err := t.flush()
		if err == nil && t.stage != nil {
			if err = t.insertStaged(); err != nil {
				err = l.fail(fmt.Errorf("load %q: %w", t.name, err))
			}
		}
		if err != nil {
			l.Rollback()
			return nil, err
		}
	}
	if err := l.finish(true); err != nil {
		return nil, classify(l.ctx, fmt.Errorf("load commit: %w", err))
	}
	counts := make(map[string]int64, len(l.tables))
	for name, t := range l.tables {
		counts[name] = t.rows
	}
	return counts, nil
}

// Rollback discards everything the loader wrote. It is safe to call after a
// failure and after Commit (then it does nothing).
func (l *Loader) Rollback() error {
	if l.done {
		return nil
	}
	return l.finish(false)
}

// finish closes the appenders, commits or rolls back, and releases the
// connection.
func (l *Loader) finish(commit bool) error {
	l.done = true
	for _, t := range l.tables { // the connection is needed below
		t.awaitInsert()
	}
	err := l.call(loadReq{run: func(conn driver.Conn) error { return l.end(conn, commit) }})
	close(l.reqs)
	if rawErr := <-l.served; err == nil {
		err = rawErr
	}
	l.conn.Close()
	if l.stage != "" {
		for _, t := range l.tables {
			if t.stage != nil {
				t.stage.discard()
			}
		}
		if rmErr := os.RemoveAll(l.stage); err == nil && commit {
			err = rmErr
		}
	}
	return err
}

// end runs on the connection goroutine: it flushes (commit) or clears
// (rollback) every appender, then ends the transaction. A failing flush
// turns the commit into a rollback.
func (l *Loader) end(conn driver.Conn, commit bool) error {
	var first error
	for _, t := range l.tables {
		if t.app == nil {
			continue
		}
		var err error
		if commit && first == nil {
			err = t.app.CloseWithCancel(l.ctx)
		} else {
			_ = t.app.Clear()
			err = t.app.Close()
		}
		if err != nil && first == nil {
			first = fmt.Errorf("load %q: %w", t.name, err)
		}
	}
	if err := endTx(l.ctx, conn, commit && first == nil); err != nil && first == nil {
		first = err
	}
	return first
}

func (l *Loader) usable() error {
	switch {
	case l.done:
		return errors.New("engine: loader already committed or rolled back")
	case l.failed != nil:
		return fmt.Errorf("engine: loader failed earlier: %w", l.failed)
	}
	return nil
}

// fail records the first error; the loader then only accepts Rollback.
func (l *Loader) fail(err error) error {
	err = classify(l.ctx, err)
	if l.failed == nil {
		l.failed = err
	}
	return err
}

// endTx commits or rolls back on the driver connection. The rollback runs
// even when ctx is done.
func endTx(ctx context.Context, conn driver.Conn, commit bool) error {
	ex := conn.(driver.ExecerContext)
	if commit {
		_, err := ex.ExecContext(ctx, "COMMIT", nil)
		if err == nil {
			return nil
		}
		_, _ = ex.ExecContext(context.WithoutCancel(ctx), "ROLLBACK", nil)
		return err
	}
	_, err := ex.ExecContext(context.WithoutCancel(ctx), "ROLLBACK", nil)
	return err
}

// planError is a table the load cannot shape (exists, conflicting types).
type planError struct{ err error }

func (e *planError) Error() string { return e.err.Error() }

// plan works out the DDL that gives the table its shape. It reads the
// table on the loader's own connection: taking a second connection from
// the pool could wait forever while every pooled connection is a loader's.
func (t *TableLoader) plan(conn driver.Conn) error {
	existing, exists, err := tableColumns(t.l.ctx, conn, t.name)
	if err != nil {
		return err
	}
	ref := sqlrepr.QuoteIdent(t.name)
	switch mode := t.mode; {
	case mode == Create && exists:
		return fmt.Errorf("engine: load %q: table exists", t.name)
	case mode == Create, mode == Replace, mode == Append && !exists:
		t.ddl = createTableDDL(ref, t.shape, len(t.schema), mode == Replace)
		return nil
	case mode == Append:
		return t.reconcile(ref, existing)
	}
	return fmt.Errorf("engine: unknown load mode %d", t.mode)
}

// storedColumn is a column of a stored table as the loader sees it.
type storedColumn struct {
	table.Column
	placeholder bool // a virtual column no row has filled (see placeholderDef)
}

// tableColumns reads a stored table's columns and their KQL types through
// a driver connection.
func tableColumns(ctx context.Context, conn driver.Conn, name string) ([]storedColumn, bool, error) {
	rows, err := conn.(driver.QueryerContext).QueryContext(ctx, `
		SELECT column_name, data_type, comment, column_default FROM duckdb_columns()
		WHERE database_name = '`+workspaceCatalog+`' AND schema_name = 'main' AND NOT internal AND table_name = $1
		ORDER BY column_index`, []driver.NamedValue{{Ordinal: 1, Value: name}})
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	var cols []storedColumn
	vals := make([]driver.Value, 4)
	for {
		if err := rows.Next(vals); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, false, err
		}
		cname, _ := vals[0].(string)
		dtype, _ := vals[1].(string)
		comment, _ := vals[2].(string)
		def, _ := vals[3].(string)
		cols = append(cols, storedColumn{table.Column{Name: cname, Type: columnType(comment, dtype)}, isPlaceholder(def)})
	}
	return cols, len(cols) > 0, nil
}

// reconcile maps the shape onto an existing table: shared columns must
// agree on their KQL type, missing ones are added at the end. A placeholder
// column the rows carry becomes a stored one, at the end of the table (its
// earlier rows read as before: "" or null).
func (t *TableLoader) reconcile(ref string, existing []storedColumn) error {
	have := make(map[string]storedColumn, len(existing))
	for _, c := range existing {
		have[c.Name] = c
	}
	for i, c := range t.shape {
		old, ok := have[c.Name]
		switch {
		case !ok:
			t.ddl = append(t.ddl, addColumnDDL(ref, c)...)
		case old.Type != c.Type:
			return fmt.Errorf("engine: load %q: %w: column %q is %v in the table, %v in the data",
				t.name, ErrSchema, c.Name, old.Type, c.Type)
		case old.placeholder && i < len(t.schema):
			t.ddl = append(t.ddl, "ALTER TABLE "+ref+" DROP COLUMN "+sqlrepr.QuoteIdent(c.Name))
			t.ddl = append(t.ddl, addColumnDDL(ref, c)...)
		}
	}
	return nil
}

// withExtra is schema followed by the extra columns it lacks. A column in
// both keeps the schema's type (the data's); reconcile or the DDL then
// reports a conflict with the table, if any.
func withExtra(schema, extra []table.Column) []table.Column {
	if len(extra) == 0 {
		return schema
	}
	have := make(map[string]bool, len(schema))
	for _, c := range schema {
		have[c.Name] = true
	}
	out := append([]table.Column(nil), schema...)
	for _, c := range extra {
		if !have[c.Name] {
			out = append(out, c)
			have[c.Name] = true
		}
	}
	return out
}

// createTableDDL creates a table with the schema's columns, each typed and
// commented with its KQL type; string columns default to "". The first
// stored columns are stored, the others placeholders (see placeholderDef).
func createTableDDL(ref string, schema []table.Column, stored int, replace bool) []string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if replace {
		b.WriteString("OR REPLACE ")
	}
	b.WriteString("TABLE " + ref + " (")
	for i, col := range schema {
		if i > 0 {
			b.WriteString(", ")
		}
		if i < stored {
			b.WriteString(columnDef(col))
		} else {
			b.WriteString(placeholderDef(col))
		}
	}
	b.WriteString(")")
	stmts := []string{b.String()}
	for _, col := range schema {
		stmts = append(stmts, commentDDL(ref, col))
	}
	return stmts
}

func addColumnDDL(ref string, col table.Column) []string {
	return []string{"ALTER TABLE " + ref + " ADD COLUMN " + columnDef(col), commentDDL(ref, col)}
}

func columnDef(col table.Column) string {
	def := sqlrepr.QuoteIdent(col.Name) + " " + sqlrepr.DuckType(col.Type)
	if col.Type == table.String {
		def += " DEFAULT ''"
	}
	return def
}

func commentDDL(ref string, col table.Column) string {
	return "COMMENT ON COLUMN " + ref + "." + sqlrepr.QuoteIdent(col.Name) +
		" IS " + sqlrepr.QuoteString(sqlrepr.ColumnComment(col.Type))
}

// write appends a batch on the connection goroutine. The appender covers
// only the schema's columns; the table's others take their defaults.
func (t *TableLoader) write(ctx context.Context, batch [][]any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	vals := make([]driver.Value, len(t.schema))
	for i, row := range batch {
		for k, v := range row {
			sv, err := storeValue(t.schema[k].Type, v)
			if err != nil {
				return fmt.Errorf("row %d: column %q: %w", t.rows+int64(i)+1, t.schema[k].Name, err)
			}
			vals[k] = sv
		}
		if err := t.app.AppendRow(vals...); err != nil {
			return fmt.Errorf("row %d: %w", t.rows+int64(i)+1, err)
		}
	}
	return nil
}
