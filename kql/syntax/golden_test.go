package syntax

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// TestGolden parses the query of each testdata/*.txtar file and compares
// the canonical form, the errors and the AST dump with the file's other
// sections. go test ./kql/syntax -update rewrites them.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			query := section(ar, "query")
			got := goldenSections(query)
			if *update {
				ar.Files = append([]txtar.File{{Name: "query", Data: []byte(query)}}, got...)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, f := range got {
				if diff := cmp.Diff(section(ar, f.Name), string(f.Data)); diff != "" {
					t.Errorf("section %s (-want +got):\n%s", f.Name, diff)
				}
			}
		})
	}
}

// goldenSections returns what the golden file records for a query: the
// canonical form (or the errors) and the tree.
func goldenSections(query string) []txtar.File {
	s, err := Parse(query)
	var out []txtar.File
	if err != nil {
		out = append(out, txtar.File{Name: "errors", Data: []byte(err.Error() + "\n")})
	} else {
		out = append(out, txtar.File{Name: "canonical", Data: []byte(s.String() + "\n")})
	}
	return append(out, txtar.File{Name: "ast", Data: []byte(Dump(s))})
}

func section(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

// goldenQueries returns the query of every golden file.
func goldenQueries(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	var qs []string
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		qs = append(qs, section(ar, "query"))
	}
	return qs
}

// TestFixpoint checks, for every test input that parses, that printing and
// parsing again gives an equal tree and that printing is then stable.
func TestFixpoint(t *testing.T) {
	inputs := goldenQueries(t)
	for _, tc := range canonicalCases {
		inputs = append(inputs, tc.in)
	}
	for _, tc := range errorCases {
		inputs = append(inputs, tc.in)
	}
	for _, in := range inputs {
		s, err := Parse(in)
		if err != nil {
			continue
		}
		if diff := roundTripDiff(s); diff != "" {
			t.Errorf("%q: %s", in, diff)
			continue
		}
		s2, _ := Parse(s.String())
		if a, b := s.String(), s2.String(); a != b {
			t.Errorf("%q: printing is not stable:\n%s\n---\n%s", in, a, b)
		}
	}
}
