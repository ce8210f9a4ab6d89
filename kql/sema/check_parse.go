package sema

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// parse checks `parse [kind=simple|regex|relaxed] [flags=F] Source with
// Pattern` and parse-where. The extracted columns are added at the end
// (or replace an input column of the same name, in place).
func (c *checker) parse(op *syntax.ParseOp, in Tabular, sc *scope) Tabular {
	n := &Parse{In: in, Filter: op.Filter}
	c.parseParams(op, n)
	src := c.scalar(op.Source, sc, &rowCtx{cols: in.Schema()})
	if src.Type() != table.String {
		src = c.convert(src, table.String)
	}
	n.Source = src
	out := append([]table.Column(nil), in.Schema()...)
	seen := map[string]bool{}
	for _, el := range op.Pattern {
		part := c.parsePart(el, n.Kind)
		if part.Col != nil {
			if seen[part.Col.Name] {
				c.errorf(el, "column '%s' appears twice in the parse pattern", part.Col.Name)
			}
			seen[part.Col.Name] = true
			out = setColumn(out, part.Col.Name, part.Col.Type)
		}
		n.Parts = append(n.Parts, part)
	}
	if len(seen) == 0 {
		c.errorf(op, "the parse pattern extracts no column")
	}
	if _, err := regexp.Compile(n.pattern()); err != nil {
		c.errorf(op, "the parse pattern is not a valid regular expression: %v", err)
	}
	n.out = out
	return n
}

// parseParams reads kind= and flags=.
func (c *checker) parseParams(op *syntax.ParseOp, n *Parse) {
	for _, p := range op.Params {
		switch p.Name.Name {
		case "kind":
			word := ""
			if id, ok := p.Value().(*syntax.Ident); ok {
				word = id.Name
			}
			switch word {
			case "simple":
				n.Kind = ParseSimple
			case "regex":
				n.Kind = ParseRegex
			case "relaxed":
				n.Kind = ParseRelaxed
			default:
				c.errorf(p, "parse kind must be simple, regex or relaxed")
			}
		case "flags":
			word := ""
			switch x := p.Value().(type) {
			case *syntax.Ident:
				word = x.Name
			case *syntax.Literal:
				word, _ = x.Value.(string)
			}
			for _, r := range word {
				if !strings.ContainsRune("imsU", r) {
					c.errorf(p, "unknown regex flag '%c' (the flags are i, m, s and U)", r)
				}
			}
			n.Flags = word
		}
	}
	if n.Flags != "" && n.Kind != ParseRegex {
		c.errorf(op.Param("flags"), "flags= needs kind=regex")
	}
}

// parsePart checks one element of a parse pattern.
func (c *checker) parsePart(el syntax.Expr, kind ParseKind) ParsePart {
	switch el := el.(type) {
	case *syntax.Wildcard:
		return ParsePart{Wildcard: true}
	case *syntax.Literal:
		s, ok := el.Value.(string)
		if !ok {
			c.errorf(el, "a parse pattern holds strings, * and columns")
		}
		if kind == ParseRegex {
			if _, err := regexp.Compile(s); err != nil {
				c.errorf(el, "invalid regular expression: %v", err)
			}
		}
		return ParsePart{Text: s}
	case *syntax.ColumnDecl:
		t := table.String
		if el.Type != nil {
			t = c.typeRef(el.Type)
		}
		return ParsePart{Col: &table.Column{Name: el.Name.Name, Type: t}}
	}
	c.errorf(el, "a parse pattern holds strings, * and columns")
	return ParsePart{}
}

// captureRegex is the regex a typed column matches in the strict modes;
// other types take any text and convert it.
func captureRegex(t table.Type) string {
	switch t {
	case table.Int, table.Long:
		return `-?\d+`
	case table.Real, table.Decimal:
		return `-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?`
	}
	return `.*?`
}

// pattern is the regular expression of the parse: each column a named
// group __cN, `*` lazy (.*?). The simple and relaxed modes match from the
// start of the text (their strings are literal, `.` spans lines), string
// columns lazy, and a last column takes the rest of it; regex mode
// searches, with the user's flags, and its untyped-text columns are greedy
// (.*): the parse page's prose says .*? but its regex-mode tables (Kusto's
// real output) show `resourceName ','` taking text up to the last comma
// unless flags=U, and `lockTime ".*?releaseTime="` keeping the comma.
func (n *Parse) pattern() string {
	var b strings.Builder
	switch {
	case n.Kind == ParseRegex && n.Flags != "":
		b.WriteString("(?" + n.Flags + ")")
	case n.Kind != ParseRegex:
		b.WriteString("(?s)^")
	}
	k := 0
	for _, p := range n.Parts {
		switch {
		case p.Wildcard:
			b.WriteString(".*?")
		case p.Col != nil:
			re := captureRegex(p.Col.Type)
			if n.Kind == ParseRegex && re == ".*?" {
				re = ".*"
			}
			if n.Kind == ParseRelaxed && re != ".*?" {
				// relaxed: the typed form when it fits, else any text
				// (which then fails to convert and gives null)
				re += "|.*?"
			}
			b.WriteString("(?P<__c" + strconv.Itoa(k) + ">" + re + ")")
			k++
		case n.Kind == ParseRegex:
			b.WriteString("(?:" + p.Text + ")")
		default:
			b.WriteString(regexp.QuoteMeta(p.Text))
		}
	}
	if n.Kind != ParseRegex && len(n.Parts) > 0 && n.Parts[len(n.Parts)-1].Col != nil {
		// a column at the end takes the rest of the text
		b.WriteString("$")
	}
	return b.String()
}

// Regex returns the regular expression (RE2 syntax) the parse matches and,
// per extracted column in pattern order, its capture group number.
func (n *Parse) Regex() (string, []int) {
	re := n.pattern()
	compiled := regexp.MustCompile(re) // checked by the checker
	var groups []int
	k := 0
	for _, p := range n.Parts {
		if p.Col != nil {
			groups = append(groups, compiled.SubexpIndex("__c"+strconv.Itoa(k)))
			k++
		}
	}
	return re, groups
}
