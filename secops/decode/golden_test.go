package decode

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata")

// TestGolden unpacks the input section of each testdata/*.txtar file, real
// looking command lines and log lines, and compares the decoded text and
// the steps with the file's text and steps sections (go test -update
// rewrites them).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string]string{}
			for _, f := range ar.Files {
				sections[f.Name] = string(f.Data)
			}
			in := strings.TrimSuffix(sections["input"], "\n")
			res, err := Unpack(context.Background(), in, Limits{})
			if err != nil {
				t.Fatalf("Unpack: %v", err)
			}
			checkSteps(t, in, res)
			got := map[string]string{"text": res.Text + "\n", "steps": goldenSteps(res.Steps)}
			if *update {
				ar.Files = []txtar.File{{Name: "input", Data: []byte(in + "\n")},
					{Name: "text", Data: []byte(got["text"])}, {Name: "steps", Data: []byte(got["steps"])}}
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"text", "steps"} {
				if diff := cmp.Diff(sections[name], got[name]); diff != "" {
					t.Errorf("%s (-want +got):\n%s", name, diff)
				}
			}
		})
	}
}

// goldenSteps renders steps one field per line, strings quoted.
func goldenSteps(steps []Step) string {
	var b strings.Builder
	for _, s := range steps {
		fmt.Fprintf(&b, "step %d parent %d depth %d chain %s type %s size %d offset %d-%d\n",
			s.Index, s.Parent, s.Depth, strings.Join(s.Chain, ">"), s.FileType, s.Size, s.Start, s.End)
		for _, f := range []struct{ k, v string }{{"member", s.Member}, {"text", s.Text}, {"md5", s.MD5},
			{"sha1", s.SHA1}, {"sha256", s.SHA256}, {"limit", s.Limit}, {"error", s.Error}} {
			if f.v != "" {
				fmt.Fprintf(&b, "  %s: %q\n", f.k, f.v)
			}
		}
	}
	return b.String()
}
