package demo

import (
	"os"
	"testing"
	"time"
)

// TestGoldenRows pins every row of a few runs (values and their Go types,
// in order, table by table) to a hash, so a change meant to make the
// generator cheaper cannot change what it generates. A change meant to
// change the rows updates the hashes (DEMO_GOLDEN=1 prints them).
func TestGoldenRows(t *testing.T) {
	for _, c := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"seed1", Config{Seed: 1, End: testEnd, Events: 150_000}, "1f76609df337104fe22254dedd3a178bfca6b5e6d03ee9b7ea9a851c638ea254"},
		{"seed1-compact", Config{Seed: 1, End: testEnd, Events: 150_000, Compact: true}, "055dd8dfe9f5cae81d463966253686adfe963e43b99d1f48ab680bd68e5573dc"},
		{"seed7-short", Config{Seed: 7, End: time.Date(2025, 3, 30, 3, 0, 0, 0, time.UTC), Days: 9, Events: 60_000}, "f2bf9c0f3b24b1574d7589d3c7fb84f0b39863669fa9c3b4e2f5117078f7f01c"},
	} {
		got, rows := hashRun(t, c.cfg)
		if os.Getenv("DEMO_GOLDEN") != "" {
			t.Logf("%s: %d rows, %s", c.name, rows, got)
		}
		if got != c.want {
			t.Errorf("%s: rows hash %s, want %s", c.name, got, c.want)
		}
	}
}

// TestGoldenDefault is TestGoldenRows for the default run (1M rows, a
// few seconds), with DEMO_GOLDEN_DEFAULT=1.
func TestGoldenDefault(t *testing.T) {
	if os.Getenv("DEMO_GOLDEN_DEFAULT") == "" {
		t.Skip("set DEMO_GOLDEN_DEFAULT=1 to hash the default run")
	}
	got, rows := hashRun(t, Config{Seed: 1, End: testEnd})
	const want = "f877a6908e0c08508b2d9ecefe2e2403f93643c8732b82544ed54e15b3ae0306"
	t.Logf("default run: %d rows, %s", rows, got)
	if got != want {
		t.Errorf("rows hash %s, want %s", got, want)
	}
}
