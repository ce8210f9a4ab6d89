package timeseries

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const sharedDir = "../../../shared"

// readSharedCSV reads a CSV file under ../shared/datasets, skipping the test
// when ../shared is absent and failing when it is present but the file is
// missing or broken.
func readSharedCSV(t *testing.T, rel string) []map[string]string {
	t.Helper()
	if _, err := os.Stat(sharedDir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent: skipping the test against MSTICPy's data", sharedDir)
	}
	f, err := os.Open(filepath.Join(sharedDir, "datasets", rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	header := recs[0]
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	rows := make([]map[string]string, 0, len(recs)-1)
	for _, r := range recs[1:] {
		m := make(map[string]string, len(header))
		for i, h := range header {
			m[h] = r[i]
		}
		rows = append(rows, m)
	}
	return rows
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// MSTICPy's time-series hunt runs, in Log Analytics,
//
//	make-series TotalBytesSent=sum(...) ... step 1h
//	| extend (anomalies, score, baseline) = series_decompose_anomalies(TotalBytesSent, 3, -1, 'linefit')
//
// and time_series.csv is Kusto's answer for 840 hourly points. The test
// reproduces every baseline (Kusto's values were truncated to integers),
// every score and every flag.
func TestMSTICPyTimeSeries(t *testing.T) {
	rows := readSharedCSV(t, "msticpy/tests/testdata/time_series.csv")
	s := make(Series, len(rows))
	for i, r := range rows {
		s[i] = num(t, r["TotalBytesSent"])
	}
	o := DefaultAnomalies()
	o.Threshold = 3
	o.Trend = TrendLinefit
	got, err := DecomposeAnomalies(s, o)
	if err != nil {
		t.Fatal(err)
	}
	if got.Period != 168 {
		t.Errorf("detected period %d, want 168 (weekly in hourly bins)", got.Period)
	}
	var baseOK, scoreOK, flagOK int
	var maxScoreErr float64
	for i, r := range rows {
		if math.Abs(got.Baseline[i]-num(t, r["baseline"])) < 1 {
			baseOK++
		} else if baseOK+3 > i {
			t.Errorf("point %d (%s): baseline %.1f, Kusto %s", i, r["TimeGenerated"], got.Baseline[i], r["baseline"])
		}
		want := num(t, r["score"])
		e := math.Abs(got.Scores[i] - want)
		maxScoreErr = max(maxScoreErr, e)
		if e < 1e-6 {
			scoreOK++
		}
		if strconv.Itoa(got.Flags[i]) == r["anomalies"] {
			flagOK++
		}
	}
	n := len(rows)
	t.Logf("MSTICPy time_series.csv: baselines %d/%d, scores %d/%d (max abs error %.2g), flags %d/%d",
		baseOK, n, scoreOK, n, maxScoreErr, flagOK, n)
	if baseOK != n || scoreOK != n || flagOK != n {
		t.Errorf("not every point matches Kusto's output")
	}
}
