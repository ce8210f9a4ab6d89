package exec_test

import (
	"context"
	"testing"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/exec"
)

// BenchmarkReshape times the reshaping operators end to end over 100,000
// generated rows (go test ./engine/exec -run XXX -bench Reshape).
func BenchmarkReshape(b *testing.B) {
	queries := map[string]string{
		"mv-expand": `range x from 1 to 100000 step 1 | extend d = pack_array(x, x + 1, x + 2) | mv-expand d | count`,
		"parse": `range x from 1 to 100000 step 1 | extend s = strcat("user=u", x, " id=", x, " rest")
			| parse s with "user=" u " id=" id:long " " rest | summarize sum(id)`,
		"parse-kv": `range x from 1 to 100000 step 1 | extend s = strcat("a=", x, ";b=", x * 2)
			| parse-kv s as (a:long, b:long) with (pair_delimiter=";", kv_delimiter="=") | summarize sum(b)`,
		"make-series": `range x from 1 to 100000 step 1 | extend t = datetime(2024-01-01) + x * 1m, k = x % 50
			| make-series count(), avg(x) on t step 1h by k | count`,
		"series_decompose_anomalies": `range x from 1 to 100000 step 1 | extend t = datetime(2024-01-01) + x * 1m, k = x % 20
			| make-series c = count() on t step 10m by k | extend (flag, score, baseline) = series_decompose_anomalies(c) | count`,
	}
	ctx := context.Background()
	db, err := engine.Open(ctx, engine.Options{QueryTimeout: time.Minute})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	x := exec.New(db)
	for name, q := range queries {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := x.Run(ctx, q, nil, exec.RunOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
