package sessions

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func names(ns ...string) []Cmd {
	out := make([]Cmd, len(ns))
	for i, n := range ns {
		out[i] = Cmd{Name: n}
	}
	return out
}

// A model small enough to check by hand. Vocabulary: start, end, a, b and
// the unknown token (V = 5). Row start after smoothing: a 2+1, b 0+1,
// end 0+1, unk 0+1, so P(a|start) = 3/6; P(b|a) = (1+1)/(2+4) = 1/3;
// P(end|b) = (1+1)/(1+4) = 0.4. Smoothed unigram counts: start 2+4,
// end 2+4, a 2+8, b 1+8, unk 0+8, total 39.
func TestHandComputedModel(t *testing.T) {
	m, err := Train([][]Cmd{names("a", "b"), names("a")}, CommandsOnly)
	if err != nil {
		t.Fatal(err)
	}
	got3, _ := m.RarestWindow(names("a", "b"), 3, false)
	want3 := Score{Likelihood: 0.5 * (1.0 / 3) * 0.4, GeoMean: math.Cbrt(0.5 * (1.0 / 3) * 0.4), WindowStart: 0, WindowLen: 2}
	approx := cmpopts.EquateApprox(1e-12, 0)
	if d := cmp.Diff(want3, got3, approx); d != "" {
		t.Errorf("window 3 (-want +got):\n%s", d)
	}
	// Window 2: [start→a, a→b] = 1/6; [b, end] = P(b) P(end|b) = 9/39 · 0.4.
	got2, _ := m.RarestWindow(names("a", "b"), 2, false)
	if !approxEq(got2.Likelihood, 9.0/39*0.4) || got2.WindowStart != 1 || got2.WindowLen != 1 {
		t.Errorf("window 2 = %+v, want likelihood %v at 1", got2, 9.0/39*0.4)
	}
	// An unseen command takes the unknown token's probabilities.
	gotU, _ := m.RarestWindow(names("zzz"), 2, false)
	if !approxEq(gotU.Likelihood, 1.0/6*0.25) { // P(unk|start) P(end|unk) = 1/6 · 1/4
		t.Errorf("unknown command = %+v, want %v", gotU, 1.0/24)
	}
	// Too short a session has no window.
	if s, _ := m.RarestWindow(names("a"), 3, false); !math.IsNaN(s.Likelihood) || s.WindowStart != -1 {
		t.Errorf("short session = %+v", s)
	}
	if _, err := m.RarestWindow(names("a"), 0, false); !errors.Is(err, ErrOptions) {
		t.Errorf("window 0: %v", err)
	}
}

func approxEq(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Abs(b) }

func TestParamsProbability(t *testing.T) {
	// Set-Mailbox is always run with Identity; once with ForwardingSmtpAddress.
	var train [][]Cmd
	for i := range 30 {
		p := map[string]string{"Identity": "user" + string(rune('a'+i%26))}
		if i == 0 {
			p["ForwardingSmtpAddress"] = "smtp:x@evil.example"
		}
		train = append(train, []Cmd{{Name: "Set-Mailbox", Params: p}})
	}
	m, _ := Train(train, CommandsParams)
	usual, _ := m.RarestWindow([]Cmd{{Name: "Set-Mailbox", Params: map[string]string{"Identity": "u"}}}, 2, false)
	fwd, _ := m.RarestWindow([]Cmd{{Name: "Set-Mailbox", Params: map[string]string{"Identity": "u", "ForwardingSmtpAddress": "smtp:y"}}}, 2, false)
	if !(fwd.Likelihood < usual.Likelihood) {
		t.Errorf("forwarding %v not rarer than usual %v", fwd.Likelihood, usual.Likelihood)
	}
	// Identity's values are free-form (26 distinct): not modelled.
	mv, _ := Train(train, CommandsParamsValues)
	if mv.model[mv.paramID["Identity"]] {
		t.Error("free-form Identity values are modelled")
	}
}

func TestValuesModelled(t *testing.T) {
	var train [][]Cmd
	for i := range 40 {
		v := "true"
		if i%10 == 0 {
			v = "false"
		}
		train = append(train, []Cmd{{Name: "Set-AdminAuditLogConfig", Params: map[string]string{"AdminAuditLogEnabled": v}}})
	}
	m, _ := Train(train, CommandsParamsValues)
	if !m.model[m.paramID["AdminAuditLogEnabled"]] {
		t.Fatal("a two-valued parameter seen 40 times is not modelled")
	}
	on, _ := m.RarestWindow([]Cmd{{Name: "Set-AdminAuditLogConfig", Params: map[string]string{"AdminAuditLogEnabled": "true"}}}, 2, false)
	off, _ := m.RarestWindow([]Cmd{{Name: "Set-AdminAuditLogConfig", Params: map[string]string{"AdminAuditLogEnabled": "false"}}}, 2, false)
	odd, _ := m.RarestWindow([]Cmd{{Name: "Set-AdminAuditLogConfig", Params: map[string]string{"AdminAuditLogEnabled": "maybe"}}}, 2, false)
	if !(odd.Likelihood < off.Likelihood && off.Likelihood < on.Likelihood) {
		t.Errorf("likelihoods unseen %v, rare %v, usual %v: want increasing", odd.Likelihood, off.Likelihood, on.Likelihood)
	}
}

func TestSessionize(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	at := func(m float64) time.Time { return t0.Add(time.Duration(m * float64(time.Minute))) }
	keys := []string{"alice", "bob", "alice", "alice", "alice", "alice", "bob"}
	times := []time.Time{at(0), at(1), at(1.5), at(5), at(6), at(26.5), at(2)}
	got, err := Sessionize(keys, times, Limits{MaxSession: 20 * time.Minute, MaxGap: 2 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	want := []Session{
		{Key: "alice", Start: at(0), End: at(1.5), Events: []int{0, 2}},  // 3.5 min gap follows
		{Key: "alice", Start: at(5), End: at(6), Events: []int{3, 4}},    // then a 20.5 min gap
		{Key: "alice", Start: at(26.5), End: at(26.5), Events: []int{5}}, //
		{Key: "bob", Start: at(1), End: at(2), Events: []int{1, 6}},      // input order does not matter
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("sessions (-want +got):\n%s", d)
	}
	// A steady stream is cut by the maximum session length.
	var k []string
	var ts []time.Time
	for i := range 30 {
		k = append(k, "svc")
		ts = append(ts, at(float64(i)))
	}
	got, _ = Sessionize(k, ts, Limits{MaxSession: 10 * time.Minute, MaxGap: 2 * time.Minute})
	if len(got) != 3 || len(got[0].Events) != 11 {
		t.Errorf("30 one-minute events in 10-minute sessions: %d sessions, first of %d", len(got), len(got[0].Events))
	}
	if _, err := Sessionize(k, ts[:3], Limits{time.Minute, time.Minute}); !errors.Is(err, ErrOptions) {
		t.Errorf("mismatched lengths: %v", err)
	}
}

// Linux shell sessions: a population of admins running the usual commands
// and one session that downloads and runs a payload.
func TestLinuxSessions(t *testing.T) {
	usual := [][]string{
		{"ssh", "sudo", "systemctl", "journalctl", "exit"},
		{"ssh", "ls", "cd", "cat", "exit"},
		{"ssh", "sudo", "apt-get", "apt-get", "exit"},
		{"ssh", "top", "ps", "kill", "exit"},
	}
	var train [][]Cmd
	for i := range 200 {
		train = append(train, names(usual[i%len(usual)]...))
	}
	evil := names("ssh", "cd", "wget", "chmod", "nohup", "history", "exit")
	train = append(train, evil)
	m, _ := Train(train, CommandsOnly)
	scores, err := m.ScoreAll(context.Background(), train, 3)
	if err != nil {
		t.Fatal(err)
	}
	worst := 0
	for i, s := range scores {
		if s.Likelihood < scores[worst].Likelihood {
			worst = i
		}
	}
	if worst != len(train)-1 || scores[worst].WindowStart < 1 {
		t.Errorf("rarest session %d (%+v), want the payload session %d", worst, scores[worst], len(train)-1)
	}
}

func TestParseKind(t *testing.T) {
	for _, k := range []Kind{CommandsOnly, CommandsParams, CommandsParamsValues} {
		if got, err := ParseKind(k.String()); err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k, got, err)
		}
	}
	if _, err := ParseKind("markov"); !errors.Is(err, ErrOptions) {
		t.Errorf("unknown kind: %v", err)
	}
}
