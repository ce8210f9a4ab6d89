package sqlgen

import (
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/kql/plan"
)

// fileRead reads externaldata files with DuckDB's readers, one file per
// branch of a UNION ALL numbered by file and by record, so the rows come
// out file by file in file order (Kusto's order for one file; for
// several it gives none). Every raw column is text (JSON for the JSON
// formats); the Project above converts to the declared types.
func (g *gen) fileRead(n *plan.FileRead) *rel {
	branches := make([]string, len(n.Paths))
	for i, p := range n.Paths {
		branches[i] = "SELECT " + strconv.Itoa(i) + " AS __f, * FROM (" + fileRecords(n, p) + ")"
		if n.IgnoreFirstRecord && !isDelimited(n.Format) {
			branches[i] += " WHERE __r > 1"
		}
	}
	cols := make([]string, len(n.Cols))
	for i := range n.Cols {
		cols[i] = "c" + strconv.Itoa(i)
	}
	body := "SELECT " + strings.Join(cols, ", ") + " FROM (" + strings.Join(branches, " UNION ALL ") + ") ORDER BY __f, __r"
	return g.emit(body, n.Cols, false)
}

func isDelimited(format string) bool {
	_, ok := delimiters[format]
	return ok
}

// delimiters of the delimited formats; all quote with " and escape a
// quote by doubling it (RFC 4180).
var delimiters = map[string]string{"csv": ",", "tsv": "\t", "scsv": ";", "psv": "|"}

// fileRecords is a query over one file yielding __r (the record number,
// from 1) and the raw columns c0, c1, ...
func fileRecords(n *plan.FileRead, path string) string {
	file := sqlrepr.QuoteString(path)
	// text without the byte order mark some editors write first
	const content = "CASE WHEN starts_with(content, chr(65279)) THEN substr(content, 2) ELSE content END"
	switch n.Format {
	case "json":
		return "SELECT row_number() OVER () AS __r, json AS c0 FROM read_json_objects(" + file + ", format = 'auto')"
	case "raw":
		return "SELECT 1 AS __r, " + content + " AS c0 FROM read_text(" + file + ")"
	case "txt":
		// lines without their terminators; a final line break does not
		// start an empty record
		lines := "CASE WHEN t = '' THEN [] ELSE regexp_split_to_array(regexp_replace(t, '\\r?\\n$', ''), '\\r?\\n') END"
		return "SELECT unnest(generate_series(1, len(l))) AS __r, unnest(l) AS c0 FROM (SELECT " + lines + " AS l FROM (SELECT " +
			content + " AS t FROM read_text(" + file + ")))"
	}
	types := make([]string, len(n.Cols))
	reads := make([]string, len(n.Cols))
	for i := range n.Cols {
		c := "c" + strconv.Itoa(i)
		types[i] = "'" + c + "': 'VARCHAR'"
		reads[i] = "coalesce(" + c + ", '') AS " + c
	}
	header := "false"
	if n.IgnoreFirstRecord {
		header = "true"
	}
	return "SELECT row_number() OVER () AS __r, " + strings.Join(reads, ", ") + " FROM read_csv(" + file +
		", columns = {" + strings.Join(types, ", ") + "}, delim = " + sqlrepr.QuoteString(delimiters[n.Format]) +
		", quote = '\"', escape = '\"', header = " + header + ", auto_detect = false, null_padding = true, strict_mode = false)"
}
