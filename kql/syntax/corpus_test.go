package syntax

import (
	"bufio"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusQuery is one query of a ../shared corpus file.
type corpusQuery struct {
	Name  string
	Query string
}

// readCorpus reads the "query" of every line of a JSON Lines corpus under
// ../shared/corpus. It skips the test when ../shared is absent and fails it
// when the file is there but unreadable.
func readCorpus(t testing.TB, file string) []corpusQuery {
	t.Helper()
	shared := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(shared); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("corpus not available: %s is absent (it lives next to the checkout)", shared)
	}
	path := filepath.Join(shared, "corpus", file)
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("corpus present but unreadable: %v", err)
	}
	defer f.Close()
	var out []corpusQuery
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		var rec struct {
			Path   string `json:"path"`
			Source string `json:"source"`
			Query  string `json:"query"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		name := rec.Path
		if name == "" {
			name = rec.Source
		}
		out = append(out, corpusQuery{Name: name + "#" + itoa(line), Query: rec.Query})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	if len(out) == 0 {
		t.Fatalf("corpus %s is empty", path)
	}
	return out
}

func itoa(i int) string {
	var b [20]byte
	n := len(b)
	for {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			return string(b[n:])
		}
	}
}

// checkCorpus parses every query, reports the parse rate and each failure,
// checks that every parsed query prints to text that parses to the same
// tree, and fails below the minimum rate.
func checkCorpus(t *testing.T, file string, minRate float64) {
	qs := readCorpus(t, file)
	var failures []string
	for _, q := range qs {
		s, err := Parse(q.Query)
		if err != nil {
			first := strings.SplitN(err.Error(), "\n", 2)[0]
			failures = append(failures, q.Name+": "+first)
			continue
		}
		if diff := roundTripDiff(s); diff != "" {
			t.Errorf("%s: print→parse changed the tree:\n%s", q.Name, diff)
		}
	}
	ok := len(qs) - len(failures)
	rate := float64(ok) / float64(len(qs))
	t.Logf("%s: parsed %d/%d (%.2f%%)", file, ok, len(qs), 100*rate)
	for _, f := range failures {
		t.Logf("  FAIL %s", f)
	}
	if rate < minRate {
		t.Errorf("%s: parse rate %.2f%% is below %.2f%%", file, 100*rate, 100*minRate)
	}
}

func TestSentinelCorpus(t *testing.T) { checkCorpus(t, "sentinel-queries.jsonl", 0.99) }

func TestDocExamplesCorpus(t *testing.T) { checkCorpus(t, "kql-doc-examples.jsonl", 0.99) }
