package exec_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/engine/exec"
)

func TestScratchSentinel(t *testing.T) {
	pat := os.Getenv("SCRATCH_ERR")
	if pat == "" {
		t.Skip()
	}
	re := regexp.MustCompile(pat)
	x := exec.New(nil, exec.WithCatalog(schemaCatalog{}))
	n := 0
	for _, q := range readJSONL[sentinelQuery](t, "sentinel-queries.jsonl") {
		err := compileSentinel(x, q.Query)
		if err != nil && re.MatchString(err.Error()) && n < 12 {
			n++
			line := strings.SplitN(err.Error(), ":", 3)
			_ = line
			t.Logf("%s: %v\n%s\n", q.Path, err, snippet(q.Query, err.Error()))
		}
	}
}

func snippet(q, msg string) string {
	var l int
	parts := strings.SplitN(msg, ":", 3)
	if len(parts) < 3 {
		return ""
	}
	for i, c := range parts[0] {
		_ = i
		l = l*10 + int(c-'0')
	}
	lines := strings.Split(q, "\n")
	if l-1 < len(lines) && l >= 1 {
		return lines[l-1]
	}
	return ""
}
