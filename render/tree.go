package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/huntbook/huntbook/table"
)

// Tree is the model of `render processtree`: the processes in depth-first
// order (roots first, children in row order), ready to draw as an indented
// tree.
type Tree struct {
	Nodes []TreeNode `json:"nodes"`
	// Total counts the processes of the result; more than len(Nodes) when
	// the tree was truncated.
	Total int `json:"total"`
}

// TreeNode is one process.
type TreeNode struct {
	Key         string   `json:"key"`
	Parent      string   `json:"parent,omitempty"`
	Depth       int      `json:"depth"`
	Name        string   `json:"name"`
	CommandLine string   `json:"commandLine,omitempty"`
	Host        string   `json:"host,omitempty"`
	Time        *float64 `json:"time,omitempty"`
	Children    int      `json:"children"`
	Row         int      `json:"row"`
}

// Column names evaluate process_tree() and the usual process schemas
// (4688, Sysmon 1, DeviceProcessEvents, auditd) use, in order of preference.
var (
	treeNameColumns = []string{"ProcessName", "NewProcessName", "FileName", "ProcessFileName", "Image", "Process", "exe", "ProcessFilePath", "FolderPath"}
	treeCmdColumns  = []string{"CommandLine", "ProcessCommandLine", "cmdline", "CmdLine"}
	treeHostColumns = []string{"Computer", "DeviceName", "Hostname", "Host"}
	treeTimeColumns = []string{"TimeGenerated", "TimeCreated", "Timestamp", "ProcessCreationTime", "EventTime", "UtcTime"}
)

func findColumn(t *table.Table, names []string) int {
	for _, n := range names {
		for i, c := range t.Columns {
			if strings.EqualFold(c.Name, n) {
				return i
			}
		}
	}
	return -1
}

// defaultMaxTreeNodes bounds the processes drawn: beyond a few hundred rows
// an indented tree stops being readable in a static picture.
const defaultMaxTreeNodes = 300

type treeCols struct{ key, parent, name, cmd, host, time int }

func buildTree(c *Chart, t *table.Table, opts Options) error {
	cols := treeCols{key: findColumn(t, []string{"ProcessKey"}), parent: findColumn(t, []string{"ParentKey"})}
	if cols.key < 0 || cols.parent < 0 {
		return chartErr(c.Kind, "processtree needs the columns ProcessKey and ParentKey (as evaluate process_tree() adds)")
	}
	cols.name, cols.cmd, cols.host = findColumn(t, treeNameColumns), findColumn(t, treeCmdColumns), findColumn(t, treeHostColumns)
	cols.time = findColumn(t, treeTimeColumns)
	if cols.time < 0 {
		cols.time = slices.IndexFunc(t.Columns, func(col table.Column) bool { return col.Type == table.DateTime })
	}
	byKey := map[string]int{}
	children := map[string][]int{}
	for i, row := range t.Rows {
		key := table.FormatValue(row[cols.key])
		if _, dup := byKey[key]; !dup {
			byKey[key] = i
		}
	}
	var roots []int
	for i, row := range t.Rows {
		key, parent := table.FormatValue(row[cols.key]), table.FormatValue(row[cols.parent])
		if byKey[key] != i {
			continue // a repeated key: draw the process once
		}
		if _, ok := byKey[parent]; !ok || parent == "" || parent == key {
			roots = append(roots, i)
			continue
		}
		children[parent] = append(children[parent], i)
	}
	limit := opts.MaxTreeNodes
	if limit <= 0 {
		limit = defaultMaxTreeNodes
	}
	tree := &Tree{Nodes: []TreeNode{}, Total: len(byKey)}
	visited := make([]bool, len(t.Rows))
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if visited[i] || len(tree.Nodes) >= limit {
			return
		}
		visited[i] = true
		key := table.FormatValue(t.Rows[i][cols.key])
		tree.Nodes = append(tree.Nodes, cols.node(t.Rows[i], i, depth, len(children[key])))
		for _, ch := range children[key] {
			walk(ch, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	// Rows in a parent cycle have no root; show them from their first row.
	for i := range t.Rows {
		if byKey[table.FormatValue(t.Rows[i][cols.key])] == i {
			walk(i, 0)
		}
	}
	if len(tree.Nodes) < tree.Total {
		c.Notes = append(c.Notes, fmt.Sprintf("showing %d of %d processes", len(tree.Nodes), tree.Total))
	}
	c.Tree = tree
	return nil
}

func (cols treeCols) node(row []any, i, depth, nchildren int) TreeNode {
	n := TreeNode{
		Key:      table.FormatValue(row[cols.key]),
		Parent:   table.FormatValue(row[cols.parent]),
		Depth:    depth,
		Children: nchildren,
		Row:      i,
	}
	if cols.name >= 0 {
		n.Name = baseName(table.FormatValue(row[cols.name]))
	}
	if cols.cmd >= 0 {
		n.CommandLine = table.FormatValue(row[cols.cmd])
	}
	if n.Name == "" {
		n.Name = n.Key
	}
	if cols.host >= 0 {
		n.Host = table.FormatValue(row[cols.host])
	}
	if cols.time >= 0 {
		if ms, ok := timeOf(row[cols.time]); ok {
			n.Time = &ms
		}
	}
	return n
}

// baseName strips a Windows or Unix directory from a process path.
func baseName(p string) string {
	if i := strings.LastIndexAny(p, `\/`); i >= 0 && i < len(p)-1 {
		return p[i+1:]
	}
	return p
}
