package decode

import (
	"context"
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The MSTICPy data sets under ../shared are real process and audit logs:
// a recall check (the encoded PowerShell command line MSTICPy's alert
// tests plant, auditd's hex-encoded process titles) and a precision check
// (thousands of ordinary command lines full of hashes, GUIDs and paths
// that must decode to almost nothing).

func msticpyData(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			t.Fatal("go.mod not found above the package")
		}
		dir = filepath.Dir(dir)
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(shared); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("skipping: %s is absent (the shared corpora live next to the checkout)", shared)
	}
	return filepath.Join(shared, "datasets", "msticpy")
}

// cells returns the distinct cells of a CSV file of the data set.
func cells(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("shared data set present but unreadable: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes, r.FieldsPerRecord = true, -1
	recs, err := r.ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("%s: bad CSV (%d records): %v", path, len(recs), err)
	}
	seen := map[string]bool{}
	var out []string
	for _, rec := range recs {
		for _, c := range rec {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

func TestMSTICPyEncodedCommand(t *testing.T) {
	path := filepath.Join(msticpyData(t), "tests", "testdata", "processes_on_host.csv")
	found := false
	for _, c := range cells(t, path) {
		if !strings.Contains(c, "-enc JAB0") {
			continue
		}
		res, err := Unpack(context.Background(), c, Limits{})
		if err != nil || len(res.Steps) != 1 {
			t.Fatalf("%q: %v, steps %q", c, err, summary(res.Steps))
		}
		s := res.Steps[0]
		if strings.Join(s.Chain, ">") != "base64>utf16le" || !strings.Contains(s.Text, "('Invoke'+'-Expression')") {
			t.Errorf("%q decoded to %q", c, summary(res.Steps))
		}
		found = true
	}
	if !found {
		t.Fatal("the encoded command line is missing from the data set")
	}
}

func TestMSTICPyAuditdProctitle(t *testing.T) {
	path := filepath.Join(msticpyData(t), "tests", "testdata", "linux_events.csv")
	hexTitle := regexp.MustCompile(`proctitle=((?:[0-9A-F]{2}){8,})`)
	n := 0
	for _, c := range cells(t, path) {
		titles := hexTitle.FindAllStringSubmatch(c, -1)
		if titles == nil {
			continue
		}
		res, _ := Unpack(context.Background(), c, Limits{})
		decoded := map[string]bool{}
		for _, s := range res.Steps {
			if s.FileType == "text" && !strings.Contains(s.Text, "\x00") {
				decoded[s.Encoded] = true
			}
		}
		for _, m := range titles {
			n++
			if !decoded[m[1]] {
				t.Errorf("proctitle %q not decoded to text: %q", m[1], summary(res.Steps))
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d hex process titles found: data set changed?", n)
	}
	t.Logf("%d hex process titles decoded", n)
}

func TestMSTICPyPrecision(t *testing.T) {
	data := msticpyData(t)
	for _, tc := range []struct {
		file     string
		maxSteps int
	}{
		{"tests/testdata/mde_proc_cs1.csv", 30},
		{"tests/testdata/processes_on_host.csv", 2},
		{"tests/testdata/az_net_flows.csv", 0},
		{"tests/testdata/syslog_data.csv", 0},
		{"docs/notebooks/data/process_tree.csv", 1},
	} {
		cs := cells(t, filepath.Join(data, tc.file))
		steps := 0
		for _, c := range cs {
			res, err := Unpack(context.Background(), c, Limits{})
			if err != nil {
				t.Errorf("%s: %q: %v", tc.file, c, err)
			}
			for _, s := range res.Steps {
				if s.FileType == "data" && len(s.Encoded) < 64 {
					t.Errorf("%s: %q decoded as short unknown binary", tc.file, s.Encoded)
				}
			}
			steps += len(res.Steps)
		}
		if steps > tc.maxSteps {
			t.Errorf("%s: %d steps in %d cells, want at most %d", tc.file, steps, len(cs), tc.maxSteps)
		}
		t.Logf("%s: %d cells, %d steps", tc.file, len(cs), steps)
	}
}
