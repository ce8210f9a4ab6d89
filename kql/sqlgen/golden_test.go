package sqlgen_test

// Golden tests of the compiler's middle: each testdata/*.txtar holds cases
// of `-- query --` followed by `-- plan --` (plan.Format of the optimised
// plan) and `-- sql --` (the DuckDB SQL). `go test ./kql/sqlgen -update`
// rewrites them. Besides pinning the shape of the SQL, the cases show that
// query text reaches SQL only as correctly quoted literals and identifiers.

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/kql/plan"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/sqlgen"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/*.txtar")

type catalog map[string][]table.Column

func (c catalog) Table(name string) ([]table.Column, bool) {
	cols, ok := c[name]
	return cols, ok
}

func (c catalog) TableNames() []string {
	var out []string
	for n := range c {
		out = append(out, n)
	}
	return out
}

var testCatalog = catalog{
	"SecurityEvent": {
		{Name: "TimeGenerated", Type: table.DateTime},
		{Name: "Account", Type: table.String},
		{Name: "EventID", Type: table.Int},
	},
	`odd "name"`: {
		{Name: `col"1`, Type: table.String},
		{Name: "with space", Type: table.Long},
	},
}

func compile(t *testing.T, src string) (string, string) {
	t.Helper()
	script, err := syntax.Parse(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	an, err := sema.Analyze(context.Background(), script, src, sema.Options{
		Catalog: testCatalog, Now: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	q := plan.Optimize(plan.Build(an.Query))
	text, err := sqlgen.Generate(q, sqlgen.Options{})
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return plan.Format(q), text + "\n"
}

func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ar := txtar.Parse(data)
			out := &txtar.Archive{Comment: ar.Comment}
			for i, f := range ar.Files {
				if f.Name != "query" {
					continue
				}
				planText, sql := compile(t, string(f.Data))
				out.Files = append(out.Files, f,
					txtar.File{Name: "plan", Data: []byte(planText)},
					txtar.File{Name: "sql", Data: []byte(sql)})
				if *update {
					continue
				}
				want := map[string]string{}
				for _, g := range ar.Files[i+1:] {
					if g.Name == "query" {
						break
					}
					want[g.Name] = string(g.Data)
				}
				if want["plan"] != planText {
					t.Errorf("query:\n%s\nplan:\n%s\nwant:\n%s", f.Data, planText, want["plan"])
				}
				if want["sql"] != sql {
					t.Errorf("query:\n%s\nsql:\n%s\nwant:\n%s", f.Data, sql, want["sql"])
				}
			}
			if *update {
				if err := os.WriteFile(file, txtar.Format(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestQuotingNeverLeaksQueryText checks that hostile literal text appears
// in the SQL only inside a quoted literal: the SQL with every quoted
// literal removed contains none of the payload.
func TestQuotingNeverLeaksQueryText(t *testing.T) {
	for _, src := range []string{
		`print x = "a'; DROP TABLE t; --"`,
		`print x = @"back\slash'quote"`,
		`print x = 'it''s'`,
		`SecurityEvent | where Account has "'); DROP TABLE t; --"`,
		`SecurityEvent | where Account matches regex @"'\\\); DROP TABLE t; --"`, // a valid regex: \\ and \)
		`print x = "\u0027); DROP TABLE t; --"`,
		"SecurityEvent | extend [\"x'); DROP TABLE t; --\"] = 1",
	} {
		_, sql := compile(t, src)
		if stripped := stripQuoted(sql); strings.Contains(stripped, "DROP TABLE") {
			t.Errorf("%s: payload outside a quoted literal in\n%s", src, sql)
		}
	}
}

// stripQuoted removes SQL string literals ('...', a quote doubled inside) and
// quoted identifiers ("..." with "" escapes).
func stripQuoted(sql string) string {
	var b strings.Builder
	for i := 0; i < len(sql); i++ {
		q := sql[i]
		if q != '\'' && q != '"' {
			b.WriteByte(q)
			continue
		}
		for i++; i < len(sql); i++ {
			if sql[i] == q {
				if i+1 < len(sql) && sql[i+1] == q {
					i++
					continue
				}
				break
			}
		}
	}
	return b.String()
}
