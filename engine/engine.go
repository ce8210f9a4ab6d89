// Package engine is huntbook's only door to DuckDB. It opens a database
// (in memory or a file) with extension autoloading off and resource limits
// on, runs SQL under a context with typed results, keeps named result tables,
// bulk-loads rows atomically, runs Go-side tabular plugins, and registers the
// Go functions and SQL macros that give DuckDB Kusto's semantics.
//
// The SQL it runs comes from kql/sqlgen; how KQL values are represented in
// DuckDB, and the functions and macros SQL may call, are described by the
// engine/sqlrepr package and docs/sql-representation.md.
package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/huntbook/huntbook/engine/sqlrepr"
)

// Options configure a database.
type Options struct {
	// Path is the database file; "" opens a private in-memory database.
	Path string
	// ReadOnly opens the file without write access.
	ReadOnly bool
	// MemoryLimit caps DuckDB's memory in bytes. 0 means DuckDB's default
	// (80% of RAM). Operators that can spill go to TempDir past the limit;
	// the others fail with ErrMemoryLimit.
	MemoryLimit int64
	// Threads is the number of DuckDB worker threads; 0 means one per core.
	Threads int
	// TempDir is where DuckDB spills. "" means DuckDB's default: <Path>.tmp
	// beside a file database, and no spilling for an in-memory one.
	TempDir string
	// QueryTimeout bounds every query run through this DB; 0 means none.
	// A shorter deadline on the caller's context still wins.
	QueryTimeout time.Duration
	// MaxConns bounds the connections (and so the concurrent queries and
	// open cursors); 0 means 4, and less than 2 means 2 (a plugin reads its
	// input on one connection while it writes its output on another).
	MaxConns int
	// RowGroupSize is the number of rows per row group of the tables this
	// DB writes (a multiple of 2048); 0 means DuckDB's 122,880. A load
	// smaller than a row group is copied into the write-ahead log at commit
	// and compressed by a later checkpoint, on one thread; a load of at
	// least one row group is compressed as it is inserted. Bulk loads of
	// many mid-sized tables (the demo) go faster with smaller row groups.
	RowGroupSize int
}

// DB is an open DuckDB database. It is safe for concurrent use.
type DB struct {
	sql     *sql.DB
	conn    *duckdb.Connector
	opts    Options
	jsonTyp duckdb.TypeInfo // DuckDB's JSON type, needed to declare UDF results
	// ready is set once the UDFs exist: macros that call UDFs can only be
	// created after them, so the first (setup) connection creates its own.
	ready atomic.Bool
}

// The DuckDB instance is in memory; the workspace (a file, or another
// in-memory database) is attached as workspaceCatalog and made the default
// of every connection. The instance's own catalog holds named results and
// plugin outputs: shared by every connection (TEMP tables are per
// connection), never written to the workspace file, and writable even when
// the workspace is opened read-only.
const (
	workspaceCatalog = "ws"
	resultsCatalog   = "memory"
)

// Open opens the database the options describe and prepares it for KQL:
// extension autoinstall and autoload are off (json, parquet and icu are
// built in), limits are applied, the results catalog is attached, the Go
// UDFs are registered and every connection gets the engine's macros.
func Open(ctx context.Context, opts Options) (*DB, error) {
	if opts.RowGroupSize < 0 || opts.RowGroupSize%rowGroupQuantum != 0 {
		return nil, fmt.Errorf("engine: row group size %d is not a positive multiple of %d", opts.RowGroupSize, rowGroupQuantum)
	}
	dsn, err := opts.dsn()
	if err != nil {
		return nil, err
	}
	db := &DB{opts: opts}
	connector, err := duckdb.NewConnector(dsn, db.initConn)
	if err != nil {
		return nil, fmt.Errorf("engine: open %q: %w", opts.Path, err)
	}
	db.sql, db.conn = sql.OpenDB(connector), connector
	maxConns := opts.MaxConns
	switch {
	case maxConns <= 0:
		maxConns = 4
	case maxConns < 2:
		maxConns = 2
	}
	db.sql.SetMaxOpenConns(maxConns)
	db.sql.SetMaxIdleConns(maxConns)
	db.sql.SetConnMaxIdleTime(0)
	if err := db.setup(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// dsn turns the options into DuckDB's connection string. Settings given
// here apply when the database starts, before any SQL can run.
func (o Options) dsn() (string, error) {
	q := url.Values{}
	q.Set("autoinstall_known_extensions", "false")
	q.Set("autoload_known_extensions", "false")
	q.Set("allow_community_extensions", "false")
	if o.ReadOnly && o.Path == "" {
		return "", errors.New("engine: a read-only database needs a file")
	}
	if o.MemoryLimit < 0 || o.Threads < 0 {
		return "", errors.New("engine: negative memory limit or thread count")
	}
	if o.MemoryLimit > 0 {
		q.Set("memory_limit", strconv.FormatInt(max(o.MemoryLimit/1024, 1), 10)+"KiB")
	}
	if o.Threads > 0 {
		q.Set("threads", strconv.Itoa(o.Threads))
	}
	switch {
	case o.TempDir != "":
		q.Set("temp_directory", o.TempDir)
	case o.Path != "":
		q.Set("temp_directory", o.Path+".tmp")
	}
	return ":memory:?" + q.Encode(), nil
}

// initConn runs on every new connection: the macros are TEMP objects,
// which DuckDB keeps per connection.
func (db *DB) initConn(execer driver.ExecerContext) error {
	if !db.ready.Load() {
		return nil
	}
	if _, err := execer.ExecContext(context.Background(), "USE "+workspaceCatalog, nil); err != nil {
		return fmt.Errorf("engine: use workspace: %w", err)
	}
	return createMacros(execer)
}

func createMacros(execer driver.ExecerContext) error {
	for _, m := range sqlrepr.Macros() {
		if _, err := execer.ExecContext(context.Background(), m.CreateSQL(), nil); err != nil {
			return fmt.Errorf("engine: create macro %s: %w", m.Name, err)
		}
	}
	return nil
}

// setup attaches the results catalog and registers the UDFs. UDFs live in
// DuckDB's system catalog, so registering them once serves every connection.
func (db *DB) setup(ctx context.Context) error {
	c, err := db.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("engine: connect: %w", err)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, db.opts.attachSQL()); err != nil {
		return fmt.Errorf("engine: open %q: %w", db.opts.Path, err)
	}
	if _, err := c.ExecContext(ctx, "USE "+workspaceCatalog); err != nil {
		return fmt.Errorf("engine: use workspace: %w", err)
	}
	if db.jsonTyp, err = jsonTypeInfo(ctx, c); err != nil {
		return err
	}
	if err := registerUDFs(c, db.jsonTyp); err != nil {
		return err
	}
	if err := registerTermSetUDFs(c); err != nil {
		return err
	}
	db.ready.Store(true)
	return c.Raw(func(dc any) error { return createMacros(dc.(driver.ExecerContext)) })
}

// rowGroupQuantum is DuckDB's vector size: a row group holds whole vectors.
const rowGroupQuantum = 2048

// attachSQL attaches the workspace database.
func (o Options) attachSQL() string {
	if o.Path == "" {
		return "ATTACH ':memory:' AS " + workspaceCatalog
	}
	text := "ATTACH " + sqlrepr.QuoteString(o.Path) + " AS " + workspaceCatalog
	switch {
	case o.ReadOnly:
		text += " (READ_ONLY)"
	case o.RowGroupSize > 0:
		text += fmt.Sprintf(" (ROW_GROUP_SIZE %d)", o.RowGroupSize)
	}
	return text
}

// jsonTypeInfo obtains DuckDB's JSON type: the driver can only describe a
// type alias it was handed by DuckDB, so ask a prepared statement for one.
func jsonTypeInfo(ctx context.Context, c *sql.Conn) (duckdb.TypeInfo, error) {
	var info duckdb.TypeInfo
	err := c.Raw(func(dc any) error {
		stmt, err := dc.(driver.ConnPrepareContext).PrepareContext(ctx, "SELECT CAST(NULL AS JSON)")
		if err != nil {
			return err
		}
		defer stmt.Close()
		info, err = stmt.(*duckdb.Stmt).ColumnTypeInfo(0)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("engine: JSON type: %w", err)
	}
	return info, nil
}

// Close drops the named results and closes the database.
func (db *DB) Close() error {
	err := db.sql.Close()
	if cerr := db.conn.Close(); err == nil {
		err = cerr
	}
	return err
}

// Exec runs SQL that returns no rows (DDL, INSERT, SET, ...).
func (db *DB) Exec(ctx context.Context, sqlText string, args ...any) error {
	ctx, cancel := db.withTimeout(ctx)
	defer cancel()
	if _, err := db.sql.ExecContext(ctx, sqlText, args...); err != nil {
		return classify(ctx, err)
	}
	return nil
}

// withTimeout applies Options.QueryTimeout to ctx.
func (db *DB) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if db.opts.QueryTimeout > 0 {
		return context.WithTimeout(ctx, db.opts.QueryTimeout)
	}
	return context.WithCancel(ctx)
}
