package demo

import (
	"context"
	"testing"
	"time"
)

var testEnd = time.Date(2025, 11, 20, 14, 30, 0, 0, time.UTC)

func TestSmoke(t *testing.T) {
	s := newMemSink()
	st, err := Generate(context.Background(), Config{Seed: 1, End: testEnd}, s)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", st)
	se := s.tables["SecurityEvent"]
	for _, row := range se.Rows[:5] {
		for i, v := range row {
			if v != "" && v != nil {
				t.Logf("%s=%v", se.Columns[i].Name, v)
			}
		}
	}
}
