package demo

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"testing"
)

// TestStreamingLarge generates DEMO_BIG_EVENTS rows into a counting sink
// and reports the peak heap, to show large runs stream in bounded memory
// (a manual check: go test -run StreamingLarge with DEMO_BIG_EVENTS=10000000).
func TestStreamingLarge(t *testing.T) {
	n, _ := strconv.ParseInt(os.Getenv("DEMO_BIG_EVENTS"), 10, 64)
	if n == 0 {
		t.Skip("set DEMO_BIG_EVENTS to run")
	}
	s := &memWatchSink{}
	st, err := Generate(context.Background(), Config{Seed: 1, End: testEnd, Events: n}, s)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("rows %d (asked %d), peak heap in use %d MB", st.Rows, n, s.peak>>20)
}

type memWatchSink struct {
	countSink
	peak uint64
}

func (s *memWatchSink) AppendRow(r []any) error {
	if s.rows%500_000 == 0 {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		if m.HeapInuse > s.peak && os.Getenv("DEMO_HEAP_PROFILE") != "" {
			f, _ := os.Create(os.Getenv("DEMO_HEAP_PROFILE"))
			pprof.WriteHeapProfile(f)
			f.Close()
		}
		s.peak = max(s.peak, m.HeapInuse)
	}
	return s.countSink.AppendRow(r)
}
