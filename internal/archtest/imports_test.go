// Package archtest holds tests about the shape of the code base itself.
package archtest

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/huntbook/huntbook"

// layers gives every package of the module its rank in DESIGN.md's data
// flow. A package may import only packages of a strictly lower rank, so the
// arrows point one way and siblings (kernel and server, ingest and demo) stay
// independent. A package missing from this table fails the test: placing a
// new package is a design decision, taken here.
var layers = map[string]int{
	"table":                       0,
	"kql/syntax":                  1,
	"secops":                      1, // and every package below secops/
	"workspace/schema":            1,
	"workspace/asim":              1, // the ASIM parsers as KQL text, no project imports
	"notebook":                    1,
	"kql/sema":                    2,
	"render":                      2,
	"kql/plan":                    3,
	"kql/sqlgen":                  4,
	"engine":                      5,
	"engine/kqlfunc":              1, // plain Go KQL functions, no DuckDB
	"engine/sqlrepr":              2, // the SQL representation contract sqlgen consults, no DuckDB
	"engine/benchdata":            3, // benchmark workload as SQL text, no DuckDB
	"engine/exec":                 6, // KQL → sema → plan → sqlgen → engine; sessions build on it
	"workspace":                   6,
	"ingest":                      7,
	"demo":                        7,
	"session":                     8,
	"session/sessiontest":         9, // test fixture: a small workspace with fixed rows
	"kernel":                      9,
	"kernel/internal/fakesession": 10, // test fixture: a scripted kernel.Session
	"kernel/internal/testkernel":  11, // test fixture: a kernel binary serving the fake
	"server":                      9,
	"web":                         9,
	"server/servertest":           10, // the fake Backend of the server and UI tests
	"internal/browsertest":        1,  // test fixture: headless Chromium for the UI tests, no project imports
	"internal/app":                10, // the programs' wiring: the server backend and the kernel over session, workspace, notebooks
	"internal/cli":                11,
	"cmd/huntbook":                12,
	"internal/archtest":           13,
}

// rank finds the layer of a package path relative to the module root. The
// longest matching prefix wins, so secops/ioc takes the rank of secops.
func rank(rel string) (int, bool) {
	best, found := -1, false
	bestLen := -1
	for prefix, r := range layers {
		if (rel == prefix || strings.HasPrefix(rel, prefix+"/")) && len(prefix) > bestLen {
			best, found, bestLen = r, true, len(prefix)
		}
	}
	return best, found
}

// packageImports parses the non-test Go files of every directory under root
// and returns the module-relative directory → imported paths.
func packageImports(t *testing.T, root string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[rel] = append(out[rel], p)
		}
		if _, ok := out[rel]; !ok {
			out[rel] = nil
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestImportDirection(t *testing.T) {
	pkgs := packageImports(t, filepath.Join("..", ".."))
	dirs := make([]string, 0, len(pkgs))
	for d := range pkgs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		from, ok := rank(dir)
		if !ok {
			t.Errorf("package %s is not placed in the layer table of %s; add it there (see DESIGN.md)", dir, "internal/archtest")
			continue
		}
		for _, imp := range pkgs[dir] {
			if strings.HasPrefix(imp, "github.com/duckdb/") && dir != "engine" && !strings.HasPrefix(dir, "engine/") {
				t.Errorf("%s imports %s: only engine may import DuckDB", dir, imp)
			}
			rel, inModule := strings.CutPrefix(imp, module+"/")
			if !inModule {
				continue
			}
			to, ok := rank(rel)
			if !ok {
				continue // reported when the imported package itself is visited
			}
			if to >= from {
				t.Errorf("%s (layer %d) imports %s (layer %d): imports must point to lower layers", dir, from, rel, to)
			}
		}
	}
}

func TestRank(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"secops/ioc", 1, true},
		{"kql/sema", 2, true},
		{"workspace/schema", 1, true},
		{"workspace", 6, true},
		{"kqlx", 0, false},
	}
	for _, tt := range tests {
		got, ok := rank(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("rank(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
