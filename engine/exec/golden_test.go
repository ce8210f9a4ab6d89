package exec_test

// The golden runner: every testdata/golden/*.txtar file holds one or more
// cases, each a run of sections
//
//	-- query --   the KQL text (required; starts a new case)
//	-- now --     optional: the datetime now()/ago() read (RFC 3339)
//	-- want --    the result, in the form below
//	-- error --   or: the error text (positioned errors as line:col: message)
//
// A want is CSV (RFC 4180) whose header cells are `name:kqltype`, so a case
// pins the KQL types as well as the values; cells are table.FormatValue's
// text (datetimes with 7 fraction digits, timespans as [d.]hh:mm:ss[.f],
// dynamic as compact JSON, null as an empty cell). A result carrying a
// render hint adds a first line `# render: {json}`.
//
// Rows compare in order: a case whose query does not sort must make its
// order explicit (sort/order/top) or produce a single row, unless its file
// comment says otherwise. `go test ./engine/exec -run Golden -update`
// rewrites wants and errors from the current output; review the diff
// against Microsoft's documentation before committing it.

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
	"golang.org/x/tools/txtar"
)

// The -update flag: package exec's own tests define one already (the
// plugin goldens) and a test binary holds both packages, so it is defined
// here only when missing; either way -update rewrites these wants too.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the wants of the golden files")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// goldenNow is the clock of a case without a `now` section.
var goldenNow = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

type goldenCase struct {
	query, now    string
	want, errText string
	hasWant       bool
	hasErr        bool
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	db := sharedDB(t)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runGoldenFile(t, db, file)
		})
	}
}

var (
	dbOnce sync.Once
	dbVal  *engine.DB
	dbErr  error
)

// sharedDB is one in-memory database for every test of the package.
func sharedDB(t *testing.T) *engine.DB {
	t.Helper()
	dbOnce.Do(func() {
		dbVal, dbErr = engine.Open(context.Background(), engine.Options{QueryTimeout: time.Minute, Threads: 1})
	})
	if dbErr != nil {
		t.Fatal(dbErr)
	}
	return dbVal
}

func runGoldenFile(t *testing.T, db *engine.DB, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ar := txtar.Parse(data)
	cases, err := parseCases(ar)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	x := exec.New(db)
	changed := false
	for i := range cases {
		c := &cases[i]
		got, gotErr := runCase(x, c)
		name := fmt.Sprintf("%d", i+1)
		if updating() {
			if gotErr != "" {
				c.hasWant, c.hasErr, c.errText = false, true, gotErr
			} else {
				c.hasWant, c.hasErr, c.want = true, false, got
			}
			changed = true
			continue
		}
		t.Run(name, func(t *testing.T) {
			switch {
			case c.hasErr && gotErr == "":
				t.Errorf("query:\n%s\nwant error %q, got result:\n%s", c.query, c.errText, got)
			case c.hasErr && strings.TrimSpace(c.errText) != gotErr:
				t.Errorf("query:\n%s\nwant error:\n%s\ngot error:\n%s", c.query, c.errText, gotErr)
			case !c.hasErr && gotErr != "":
				t.Errorf("query:\n%s\nunexpected error: %s", c.query, gotErr)
			case !c.hasErr && c.want != got:
				t.Errorf("query:\n%s\nwant:\n%s\ngot:\n%s", c.query, c.want, got)
			}
		})
	}
	if changed {
		if err := os.WriteFile(file, txtar.Format(formatCases(ar.Comment, cases)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func parseCases(ar *txtar.Archive) ([]goldenCase, error) {
	var cases []goldenCase
	for _, f := range ar.Files {
		if f.Name == "query" {
			cases = append(cases, goldenCase{query: string(f.Data)})
			continue
		}
		if len(cases) == 0 {
			return nil, fmt.Errorf("section %q before the first query", f.Name)
		}
		c := &cases[len(cases)-1]
		switch f.Name {
		case "now":
			c.now = strings.TrimSpace(string(f.Data))
		case "want":
			c.want, c.hasWant = string(f.Data), true
		case "error":
			c.errText, c.hasErr = string(f.Data), true
		default:
			return nil, fmt.Errorf("unknown section %q", f.Name)
		}
	}
	for i, c := range cases {
		if c.hasWant == c.hasErr && !updating() {
			return nil, fmt.Errorf("case %d: needs exactly one of want or error", i+1)
		}
	}
	return cases, nil
}

func formatCases(comment []byte, cases []goldenCase) *txtar.Archive {
	ar := &txtar.Archive{Comment: comment}
	for _, c := range cases {
		ar.Files = append(ar.Files, txtar.File{Name: "query", Data: []byte(c.query)})
		if c.now != "" {
			ar.Files = append(ar.Files, txtar.File{Name: "now", Data: []byte(c.now + "\n")})
		}
		if c.hasErr {
			ar.Files = append(ar.Files, txtar.File{Name: "error", Data: []byte(strings.TrimSpace(c.errText) + "\n")})
		} else {
			ar.Files = append(ar.Files, txtar.File{Name: "want", Data: []byte(c.want)})
		}
	}
	return ar
}

// runCase runs one case and returns its result text or its error text.
func runCase(x *exec.Executor, c *goldenCase) (string, string) {
	now := goldenNow
	if c.now != "" {
		t, err := syntax.ParseDateTime(c.now)
		if err != nil {
			return "", "bad now: " + err.Error()
		}
		now = t
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := x.Run(ctx, c.query, nil, exec.RunOptions{Now: now})
	if err != nil {
		return "", errorText(err)
	}
	if res.Table == nil {
		return "", "no result table"
	}
	return formatTable(res.Table), ""
}

func errorText(err error) string {
	var list syntax.ErrorList
	if errors.As(err, &list) {
		lines := make([]string, len(list))
		for i, e := range list {
			lines[i] = e.Error()
		}
		return strings.Join(lines, "\n")
	}
	return err.Error()
}

// formatTable writes a result as a want: typed CSV header, rows, and the
// render hint if any.
func formatTable(t *table.Table) string {
	var b strings.Builder
	if t.Visualization != nil {
		j, _ := json.Marshal(t.Visualization)
		fmt.Fprintf(&b, "# render: %s\n", j)
	}
	w := csv.NewWriter(&b)
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c.Name + ":" + c.Type.String()
	}
	_ = w.Write(head)
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = table.FormatValue(v)
		}
		_ = w.Write(cells)
	}
	w.Flush()
	return b.String()
}
