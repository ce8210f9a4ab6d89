package sema

import (
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// ExternalData reads local files (`externaldata`). The engine reads Raw
// (strings: one per declared column for the delimited formats, the line
// or the whole file for txt and raw; one dynamic record for JSON), and
// Cols convert them to the declared types with KQL's conversion rules
// (a value that does not convert is null).
type ExternalData struct {
	Format            string // csv, tsv, scsv, psv, json, txt or raw
	Paths             []string
	IgnoreFirstRecord bool
	Raw               []table.Column
	Cols              []NamedExpr
}

func (n *ExternalData) Schema() []table.Column { return namedCols(n.Cols) }
func (*ExternalData) tabularNode()             {}

// externalFormats maps the format names externaldata accepts to the
// reader that implements them (multijson reads like json: the reader
// takes objects on one line or spread over several, and arrays of them).
var externalFormats = map[string]string{
	"csv": "csv", "tsv": "tsv", "scsv": "scsv", "psv": "psv",
	"json": "json", "multijson": "json", "txt": "txt", "raw": "raw",
}

// externalData checks `externaldata (cols) [uris] with (props)`. huntbook
// is offline: only local files (paths or file:// URLs) are read.
func (c *checker) externalData(e *syntax.ExternalData, sc *scope) Tabular {
	n := &ExternalData{}
	var decl []table.Column
	for _, col := range e.Columns {
		decl = append(decl, table.Column{Name: col.Name.Name, Type: c.typeRef(col.Type)})
	}
	if len(decl) == 0 {
		c.errorf(e, "externaldata needs at least one column")
	}
	if len(e.URIs) == 0 {
		c.errorf(e, "externaldata needs at least one file")
	}
	for _, u := range e.URIs {
		n.Paths = append(n.Paths, c.externalPath(u, sc))
	}
	formatNode := c.externalProps(e, n)
	if n.Format == "" {
		n.Format = formatFromExtension(n.Paths[0])
	}
	c.externalColumns(formatNode, n, decl)
	return n
}

// externalProps reads the with (...) properties. Properties that change
// how records map to columns (ingestionMapping, zipPattern, ...) are
// errors: ignoring them would give wrong columns.
func (c *checker) externalProps(e *syntax.ExternalData, n *ExternalData) syntax.Node {
	var formatNode syntax.Node = e
	for _, p := range e.With {
		v := p.Value()
		lit, ok := v.(*syntax.Literal)
		switch strings.ToLower(p.Name.Name) {
		case "format":
			s, isStr := literalString(lit, ok)
			if id, isIdent := v.(*syntax.Ident); isIdent {
				s, isStr = id.Name, true
			}
			f, known := externalFormats[strings.ToLower(s)]
			if !isStr || !known {
				c.errorf(p, "unknown externaldata format '%s' (expected csv, tsv, scsv, psv, json, multijson, txt or raw)", s)
			}
			n.Format, formatNode = f, p
		case "ignorefirstrecord":
			var b, isBool bool
			if ok {
				b, isBool = lit.Value.(bool)
			}
			if !isBool {
				c.errorf(p, "ignoreFirstRecord must be true or false")
			}
			n.IgnoreFirstRecord = b
		default:
			c.unsupported(p, "the externaldata property '"+p.Name.Name+"'")
		}
	}
	return formatNode
}

func literalString(lit *syntax.Literal, ok bool) (string, bool) {
	if !ok || lit == nil {
		return "", false
	}
	s, isStr := lit.Value.(string)
	return s, isStr
}

// formatFromExtension is Kusto's rule when no format is given: the file
// extension names it, CSV otherwise.
func formatFromExtension(path string) string {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(strings.TrimSuffix(path, ".gz"))), ".")
	if f, ok := externalFormats[ext]; ok {
		return f
	}
	return "csv"
}

// externalColumns sets the raw columns the reader yields and the
// conversions to the declared columns.
func (c *checker) externalColumns(at syntax.Node, n *ExternalData, decl []table.Column) {
	switch n.Format {
	case "json":
		raw := &ColumnRef{Name: "record", T: table.Dynamic}
		n.Raw = []table.Column{{Name: "record", Type: table.Dynamic}}
		for _, col := range decl {
			prop := &Call{Fn: opFunc("[]"), Args: []Expr{raw, &Literal{T: table.String, Value: col.Name}}, T: table.Dynamic}
			n.Cols = append(n.Cols, NamedExpr{Name: col.Name, Expr: c.convert(prop, col.Type)})
		}
		return
	case "txt", "raw":
		if len(decl) != 1 {
			c.errorf(at, "format=%s reads one column per record, not %d", n.Format, len(decl))
		}
	}
	for i, col := range decl {
		name := "c" + strconv.Itoa(i)
		n.Raw = append(n.Raw, table.Column{Name: name, Type: table.String})
		n.Cols = append(n.Cols, NamedExpr{Name: col.Name, Expr: c.convert(&ColumnRef{Name: name, T: table.String}, col.Type)})
	}
}

// externalPath checks one storage URI: a string constant naming a local
// file, as a path or a file:// URL. Anything with another scheme (https,
// abfss, ...) is refused: huntbook never fetches from the network.
func (c *checker) externalPath(u syntax.Expr, sc *scope) string {
	s, isStr := c.constString(c.scalar(u, sc, nil))
	if !isStr {
		c.errorf(u, "an externaldata URI must be a constant string")
	}
	path := s
	if scheme, rest, found := strings.Cut(s, ":"); found && isScheme(scheme) {
		if !strings.EqualFold(scheme, "file") {
			// an unsupported-class error: union isfuzzy=true must not drop
			// the leg (its rows exist, huntbook cannot fetch them)
			panic(bailout{c.newError(u, true, "huntbook is offline: externaldata reads local files only (a path or a file:// URL), not "+
				strings.ToLower(scheme)+":// URLs")})
		}
		// file:///abs, file://localhost/abs, and the lenient
		// file://relative and file:relative
		rest = strings.TrimPrefix(rest, "//")
		rest = strings.TrimPrefix(rest, "localhost/")
		if strings.HasPrefix(s[len(scheme)+1:], "//localhost/") {
			rest = "/" + rest
		}
		p, err := url.PathUnescape(rest)
		if err != nil {
			c.errorf(u, "bad file URL: %v", err)
		}
		path = p
	}
	if strings.ContainsAny(path, "*?[") {
		c.errorf(u, "externaldata reads files by name; wildcards are not supported")
	}
	if strings.HasSuffix(strings.ToLower(path), ".zip") {
		c.unsupported(u, "externaldata over zip archives")
	}
	if st, err := os.Stat(path); err != nil {
		c.errorf(u, "externaldata cannot read '%s': %v", path, unwrapPathError(err))
	} else if st.IsDir() {
		c.errorf(u, "externaldata cannot read '%s': it is a directory", path)
	}
	return path
}

// isScheme reports whether s looks like a URL scheme (letters, digits,
// + - .; starting with a letter), so that C:\ or a plain path is not one.
func isScheme(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return false
		}
	}
	return true
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
