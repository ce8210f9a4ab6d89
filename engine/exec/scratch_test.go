package exec_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/table"
)

func TestScratchSQL(t *testing.T) {
	src := os.Getenv("SCRATCH_SQL")
	if src == "" {
		t.Skip()
	}
	db := sharedDB(t)
	for _, q := range strings.Split(src, ";;") {
		r, err := db.Query(context.Background(), engine.Query{SQL: q, Schema: []table.Column{{Name: "x", Type: table.String}}}, 10)
		if err != nil {
			t.Logf("%s\n  ERR %v", q, err)
			continue
		}
		t.Logf("%s\n  => %v", q, r.Table.Rows)
	}
}
