package sema

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/kql/syntax"
)

// TestExternalDataPaths checks how storage URIs map to local paths, and
// that network URLs are refused before anything is read.
func TestExternalDataPaths(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "list one.csv")
	if err := os.WriteFile(file, []byte("a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		uri, want, err string
	}{
		{uri: file, want: file},
		{uri: "file://" + file, want: file},
		{uri: "file://localhost" + file, want: file},
		{uri: "file://" + strings.ReplaceAll(file, " ", "%20"), want: file},
		{uri: "http://example.com/x.csv", err: "1:26: huntbook is offline: externaldata reads local files only (a path or a file:// URL), not http:// URLs"},
		{uri: "HTTPS://example.com/x.csv", err: "not https:// URLs"},
		{uri: "wasbs://c@a.blob.core.windows.net/x.csv", err: "not wasbs:// URLs"},
		{uri: filepath.Join(dir, "missing.csv"), err: "no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.uri, func(t *testing.T) {
			src := "externaldata (x:string) [" + quoteKQL(tt.uri) + "]"
			script, err := syntax.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Analyze(context.Background(), script, src, Options{})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := res.Query.(*ExternalData).Paths
			if !reflect.DeepEqual(got, []string{tt.want}) {
				t.Errorf("got paths %q, want %q", got, tt.want)
			}
		})
	}
}

func quoteKQL(s string) string {
	return `@"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
