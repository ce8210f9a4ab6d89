package ioc

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The MSTICPy data set under ../shared holds docs/notebooks/data/ioc_df.csv,
// the output of IoCExtract (with include_paths) over the CommandLine column
// of process_tree.csv. The public process_tree.csv has some command lines
// redacted after that output was made, so rows whose command line contains
// "REDACTED" are skipped. The output also predates MSTICPy's TLD validation:
// its host names with invalid TLDs ("tsetup.1.exe") are skipped as current
// MSTICPy would. Everything else it found must be found here, except the
// deliberate differences listed in oracleDifferences.

// oracleDifferences maps an observable MSTICPy reported to the reason we do
// not report it.
var oracleDifferences = map[string]string{
	`\C:`:                              `split NT path; we report \??\C:\Windows\system32\conhost.exe whole`,
	`\Windows\system32\conhost.exe`:    `same NT path`,
	`.\reg  query add mscfile\\\\open`: `arguments after a double space are not a folder; we report .\reg`,
	`.\reg  add HKLM\KEY_LOCAL_MACHINE\...securityproviders\wdigest`:             `same; and the rest is a registry key`,
	`\system\CurrentControlSet\Control\Terminal`:                                 `registry key (HKLM\...), not a file path`,
	`\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Svchost\MyNastySvcHostConfig`: `registry key (HKLM\...), not a file path`,
	`\console`:                         `registry key (hkcu\console), not a file path`,
	`aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`: `filler without digits is not a digest`,
}

// sharedDir returns ../shared next to the checkout, or skips the test.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the package")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(shared); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("skipping: %s is absent (the shared corpora live next to the checkout)", shared)
	}
	return shared
}

// readCSV reads a CSV file with a header into maps keyed by column name.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("shared data set present but unreadable: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true // pandas writes some quotes inside fields bare
	recs, err := r.ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("%s: bad CSV (%d records): %v", path, len(recs), err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, name := range recs[0] {
			if i < len(r) {
				m[name] = r[i]
			}
		}
		out = append(out, m)
	}
	return out
}

func TestMSTICPyOracle(t *testing.T) {
	data := filepath.Join(sharedDir(t), "datasets", "msticpy", "docs", "notebooks", "data")
	procs := readCSV(t, filepath.Join(data, "process_tree.csv"))
	oracle := readCSV(t, filepath.Join(data, "ioc_df.csv"))

	found := map[int]map[string]bool{} // row -> "type value" we extract
	extracted := func(row int) map[string]bool {
		if found[row] == nil {
			found[row] = map[string]bool{}
			for _, m := range Unique(Extract(procs[row]["CommandLine"], includePaths...)) {
				found[row][string(m.Type)+" "+m.Value] = true
			}
		}
		return found[row]
	}
	var checked, matched, differences int
	for _, o := range oracle {
		row, err := strconv.Atoi(o["SourceIndex"])
		if err != nil || row < 0 || row >= len(procs) {
			t.Fatalf("oracle row %v: bad SourceIndex", o)
		}
		if strings.Contains(procs[row]["CommandLine"], "REDACTED") {
			continue
		}
		obs := strings.TrimRight(strings.TrimSpace(o["Observable"]), `"';`)
		if o["IoCType"] == string(DNS) && !validDomain(obs) {
			continue
		}
		checked++
		if reason, ok := oracleDifferences[obs]; ok {
			differences++
			t.Logf("row %d: %s %q: deliberate difference: %s", row, o["IoCType"], obs, reason)
			continue
		}
		if extracted(row)[o["IoCType"]+" "+obs] {
			matched++
			continue
		}
		t.Errorf("row %d %q: MSTICPy found %s %q, we did not; we found %v",
			row, procs[row]["CommandLine"], o["IoCType"], obs, extracted(row))
	}
	if checked < 60 {
		t.Fatalf("only %d oracle observables checked: data set changed?", checked)
	}
	t.Logf("MSTICPy oracle: %d observables checked, %d found, %d deliberate differences", checked, matched, differences)
}
