package exec_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/table"
	"github.com/huntbook/huntbook/workspace/asim"
	"github.com/huntbook/huntbook/workspace/schema"
)

// sentinelCompileFloor is the measured fraction of ../shared/corpus/
// sentinel-queries.jsonl that compiles (parse, sema, plan, sqlgen) against
// the workspace catalog, rounded down: a ratchet, raised as support grows.
const sentinelCompileFloor = 0.802

type sentinelQuery struct {
	Path  string `json:"path"`
	Query string `json:"query"`
}

// schemaCatalog is the workspace's catalog of Sentinel tables.
type schemaCatalog struct{}

func (schemaCatalog) Table(name string) ([]table.Column, bool) {
	s, ok := schema.Table(name)
	return s.Columns, ok
}

func (schemaCatalog) TableNames() []string { return schema.Names() }

// Function serves the ASIM parsers, as the workspace catalog does.
func (schemaCatalog) Function(name string) (string, bool) { return asim.Function(name) }

func (schemaCatalog) FunctionNames() []string { return asim.Names() }

// TestConformanceSentinelCompile compiles every real-world Sentinel query
// without running it (the tables are empty here): what it measures is how
// much of real hunting KQL the compiler accepts.
func TestConformanceSentinelCompile(t *testing.T) {
	queries := readJSONL[sentinelQuery](t, "sentinel-queries.jsonl")
	x := exec.New(nil, exec.WithCatalog(schemaCatalog{}))
	reasons := map[string]int{}
	ok := 0
	for _, q := range queries {
		err := compileSentinel(x, q.Query)
		if err == nil {
			ok++
			continue
		}
		reasons[errorKind(err.Error())]++
	}
	rate := float64(ok) / float64(len(queries))
	report := fmt.Sprintf("sentinel queries %d  compile %d (%.1f%%)\n%s", len(queries), ok, 100*rate, topReasons(reasons, 40))
	t.Log("\n" + report)
	if *conformanceOut != "" {
		if err := os.WriteFile(*conformanceOut+".sentinel", []byte(report), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if rate < sentinelCompileFloor {
		t.Errorf("Sentinel compile rate %.4f (%d/%d) is below the floor %.4f", rate, ok, len(queries), sentinelCompileFloor)
	}
}

func compileSentinel(x *exec.Executor, q string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = x.Compile(ctx, q, nil, exec.RunOptions{Now: docNow})
	return err
}

var (
	errPosition = regexp.MustCompile(`^\d+:\d+: `)
	errQuoted   = regexp.MustCompile(`'[^']*'|"[^"]*"`)
)

// errorKind turns an error into its kind: position and quoted names
// dropped, so "unknown table 'X'" counts once per kind.
func errorKind(msg string) string {
	msg = strings.SplitN(msg, "\n", 2)[0]
	msg = errPosition.ReplaceAllString(msg, "")
	if strings.HasPrefix(msg, "unknown function") || strings.HasPrefix(msg, "unknown table") || strings.Contains(msg, "not supported") {
		return msg // keep the name: which functions and tables are missing
	}
	return errQuoted.ReplaceAllString(msg, "X")
}

func topReasons(reasons map[string]int, n int) string {
	type kv struct {
		k string
		v int
	}
	list := make([]kv, 0, len(reasons))
	for k, v := range reasons {
		list = append(list, kv{k, v})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].v != list[j].v {
			return list[i].v > list[j].v
		}
		return list[i].k < list[j].k
	})
	var b strings.Builder
	for i, e := range list {
		if i == n {
			break
		}
		fmt.Fprintf(&b, "%5d  %s\n", e.v, e.k)
	}
	return b.String()
}
