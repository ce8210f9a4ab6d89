package sessions

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

const sharedDir = "../../../shared"

// exchangeEvents reads MSTICPy's demo input for its anomalous-sequence
// notebook: Exchange Online admin cmdlets with their parameters.
func exchangeEvents(t testing.TB) (keys []string, times []time.Time, cmds []Cmd) {
	t.Helper()
	if _, err := os.Stat(sharedDir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent: skipping the test on MSTICPy's Exchange demo data", sharedDir)
	}
	f, err := os.Open(filepath.Join(sharedDir, "datasets/msticpy/docs/notebooks/data/demo_exchange_data.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, r := range recs[1:] {
		ts, err := time.Parse(time.RFC3339, r[col["TimeGenerated"]])
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, r[col["UserId"]]+"|"+r[col["ClientIP"]])
		times = append(times, ts)
		cmds = append(cmds, Cmd{Name: r[col["Operation"]], Params: ParamsFromDynamic(r[col["Parameters"]])})
	}
	return keys, times, cmds
}

// The MSTICPy notebook's pipeline: sessions per (UserId, ClientIP) of at
// most 20 minutes with gaps of at most 2 minutes, each model kind, windows
// of 3. The checks are the notebook's findings: the rarest sessions are the
// rare administrative actions, and richer models separate more.
func TestExchangeDemo(t *testing.T) {
	keys, times, events := exchangeEvents(t)
	ss, err := Sessionize(keys, times, Limits{MaxSession: 20 * time.Minute, MaxGap: 2 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	sessions := make([][]Cmd, len(ss))
	for i, s := range ss {
		for _, e := range s.Events {
			sessions[i] = append(sessions[i], events[e])
		}
	}
	t.Logf("demo_exchange_data.csv: %d events, %d sessions", len(events), len(sessions))
	for _, kind := range []Kind{CommandsOnly, CommandsParams, CommandsParamsValues} {
		m, err := Train(sessions, kind)
		if err != nil {
			t.Fatal(err)
		}
		scores, err := m.ScoreAll(context.Background(), sessions, 3)
		if err != nil {
			t.Fatal(err)
		}
		order := make([]int, 0, len(scores))
		for i, s := range scores {
			if !math.IsNaN(s.Likelihood) {
				if s.Likelihood <= 0 || s.Likelihood > 1 {
					t.Fatalf("%s: session %d likelihood %v", kind, i, s.Likelihood)
				}
				order = append(order, i)
			}
		}
		sort.Slice(order, func(a, b int) bool { return scores[order[a]].Likelihood < scores[order[b]].Likelihood })
		var top []string
		for _, i := range order[:3] {
			w := sessions[i][scores[i].WindowStart : scores[i].WindowStart+scores[i].WindowLen]
			var ns []string
			for _, c := range w {
				ns = append(ns, c.Name)
			}
			top = append(top, fmt.Sprintf("%.3g %v", scores[i].Likelihood, ns))
		}
		t.Logf("%s: %d scored; rarest: %s", kind, len(order), strings.Join(top, "; "))
		// The most common session is a run of Set-ConditionalAccessPolicy:
		// it must not be among the rarest.
		for _, i := range order[:5] {
			if allSame(sessions[i], "Set-ConditionalAccessPolicy") {
				t.Errorf("%s: a routine Set-ConditionalAccessPolicy session is among the rarest", kind)
			}
		}
	}
}

func allSame(s []Cmd, name string) bool {
	for _, c := range s {
		if c.Name != name {
			return false
		}
	}
	return true
}

func TestParamsFromDynamic(t *testing.T) {
	tests := []struct {
		in   any
		want map[string]string
	}{
		{`[{"Name":"Identity","Value":"x"},{"Name":"Enabled","Value":true}]`, map[string]string{"Identity": "x", "Enabled": "true"}},
		{map[string]any{"Force": nil, "Count": 3.0}, map[string]string{"Force": "", "Count": "3"}},
		{[]any{map[string]any{"Value": "no name"}, "junk"}, nil},
		{"not json", nil},
		{nil, nil},
	}
	for _, tt := range tests {
		got := ParamsFromDynamic(tt.in)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("ParamsFromDynamic(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzParamsFromDynamic(f *testing.F) {
	f.Add(`[{"Name":"Identity","Value":"x"}]`)
	f.Add(`{"a":{"b":[1,2]}}`)
	f.Fuzz(func(t *testing.T, s string) {
		for k := range ParamsFromDynamic(s) {
			if k == "" {
				t.Fatal("empty parameter name")
			}
		}
	})
}

// syntheticEvents returns n admin events over users, a few commands each
// with parameters, spread over a day.
func syntheticEvents(n, users int) ([]string, []time.Time, []Cmd) {
	r := rand.New(rand.NewPCG(5, 6))
	cmdNames := []string{"Get-Mailbox", "Set-Mailbox", "Set-User", "New-InboxRule", "Get-User", "Add-MailboxPermission"}
	t0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	keys, times, cmds := make([]string, n), make([]time.Time, n), make([]Cmd, n)
	for i := range n {
		keys[i] = fmt.Sprintf("user%04d@contoso.com", r.IntN(users))
		times[i] = t0.Add(time.Duration(r.Int64N(int64(24 * time.Hour))))
		c := cmdNames[r.IntN(len(cmdNames))]
		p := map[string]string{"Identity": fmt.Sprintf("mbx%d", r.IntN(500))}
		if r.IntN(4) == 0 {
			p["Confirm"] = []string{"true", "false"}[r.IntN(2)]
		}
		cmds[i] = Cmd{Name: c, Params: p}
	}
	return keys, times, cmds
}

func BenchmarkSessionAnomalies100k(b *testing.B) {
	keys, times, events := syntheticEvents(100_000, 300)
	b.ReportAllocs()
	for b.Loop() {
		ss, err := Sessionize(keys, times, Limits{MaxSession: 20 * time.Minute, MaxGap: 2 * time.Minute})
		if err != nil {
			b.Fatal(err)
		}
		sessions := make([][]Cmd, len(ss))
		for i, s := range ss {
			for _, e := range s.Events {
				sessions[i] = append(sessions[i], events[e])
			}
		}
		m, _ := Train(sessions, CommandsParamsValues)
		if _, err := m.ScoreAll(context.Background(), sessions, 3); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(keys))*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
