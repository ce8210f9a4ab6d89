package proctree

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huntbook/huntbook/table"
)

const sharedDir = "../../../shared"

// readSharedTable reads a CSV under ../shared/datasets into a table of
// string columns (what ingest produces before typing), skipping when
// ../shared is absent and failing when it is present but broken.
func readSharedTable(t testing.TB, rel string) *table.Table {
	t.Helper()
	if _, err := os.Stat(sharedDir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent: skipping the test against MSTICPy's data", sharedDir)
	}
	f, err := os.Open(filepath.Join(sharedDir, "datasets", rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.LazyQuotes = true // MSTICPy's files keep bare quotes inside quoted command lines
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	tb := &table.Table{}
	for i, h := range recs[0] {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		if h == "" {
			h = "Index" // pandas' unnamed index column
		}
		tb.Columns = append(tb.Columns, table.Column{Name: h, Type: table.String})
	}
	for _, r := range recs[1:] {
		row := make([]any, len(r))
		for i, v := range r {
			row[i] = v
		}
		tb.Rows = append(tb.Rows, row)
	}
	return tb
}

// checkInvariants verifies what every tree must satisfy: each row maps to a
// node, parents precede children in drawing order, a parent's creation
// time is not after its child's, a linked parent has the child's parent
// pid on the child's host, and depths and paths agree with the links.
func checkInvariants(t *testing.T, tr *Tree, in *table.Table) {
	t.Helper()
	if len(tr.RowNode) != len(in.Rows) {
		t.Fatalf("%d rows mapped, want %d", len(tr.RowNode), len(in.Rows))
	}
	for i, n := range tr.Nodes {
		if n.Parent < 0 {
			if !n.IsRoot || n.Depth != 0 || n.ParentKey != "" {
				t.Errorf("root %s: IsRoot %v depth %d parent %q", n.Key, n.IsRoot, n.Depth, n.ParentKey)
			}
			continue
		}
		p := tr.Nodes[n.Parent]
		switch {
		case n.Parent >= i:
			t.Errorf("%s drawn before its parent %s", n.Key, p.Key)
		case p.Key != n.ParentKey || n.Depth != p.Depth+1 || n.Path != p.Path+"/"+n.Key:
			t.Errorf("%s: parent key %q depth %d path %q; parent %s depth %d", n.Key, n.ParentKey, n.Depth, n.Path, p.Key, p.Depth)
		case !p.Time.IsZero() && !n.Time.IsZero() && p.Time.After(n.Time):
			t.Errorf("%s created at %v before its parent %s at %v", n.Key, n.Time, p.Key, p.Time)
		// A GUID link (Sysmon) is authoritative even when pids or hosts of
		// malformed events disagree.
		case tr.Schema.Kind != Sysmon1 && (n.ParentPID >= 0 && p.PID >= 0 && p.PID != n.ParentPID || p.Host != n.Host):
			t.Errorf("%s (ppid %d on %s) linked to %s", n.Key, n.ParentPID, n.Host, p.Key)
		}
		if p.IsLeaf {
			t.Errorf("%s has a child but IsLeaf", p.Key)
		}
	}
}

func stats(tr *Tree) (roots, inferred, maxDepth int) {
	for _, n := range tr.Nodes {
		if n.IsRoot {
			roots++
		}
		if n.Inferred {
			inferred++
		}
		maxDepth = max(maxDepth, n.Depth)
	}
	return
}
