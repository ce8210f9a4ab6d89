package sqlgen

import (
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// moreSQL translates functions whose SQL adapts the arguments before the
// registry's overload.
func moreSQL() map[string]translation {
	return map[string]translation{
		"hash_md5":    hashOfText("hash_md5"),
		"hash_sha1":   hashOfText("hash_sha1"),
		"hash_sha256": hashOfText("hash_sha256"),

		"bag_pack_columns":     bagPack,
		"pack_all":             packAll,
		"has_any_ipv4":         anyOfList("has_any_ipv4"),
		"has_any_ipv4_prefix":  anyOfList("has_any_ipv4_prefix"),
		"ipv4_is_in_any_range": anyOfList("ipv4_is_in_any_range"),
		"ipv6_is_in_any_range": anyOfList("ipv6_is_in_any_range"),
	}
}

// anyOfList calls f(text, list) where the list is either one dynamic
// array or the string arguments after the text, packed into a JSON array
// (has_any_ipv4(text, "1.2.3.4", "5.6.7.8")).
func anyOfList(name string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		a := g.args(c, s)
		list := a[1]
		if len(c.Args) != 2 || c.Args[1].Type() != table.Dynamic {
			for i, e := range c.Args[1:] {
				if e.Type() == table.Dynamic {
					fail("%s: a dynamic array must be the only list argument", name)
				}
				a[i+1] = textOf(a[i+1], e.Type())
			}
			list = "json_array(" + join(a[1:], ", ") + ")"
		}
		return registryExpand(name, []table.Type{table.String, table.Dynamic}, a[0], list)
	}
}

// hashOfText hashes the argument's KQL string form: Kusto's digest of a
// datetime is the digest of its tostring() text
// (hash_md5(datetime(2020-01-01)) is md5("2020-01-01T00:00:00.0000000Z")).
func hashOfText(name string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		x := textOf(g.expr(c.Args[0], s), c.Args[0].Type())
		return registryExpand(name, []table.Type{table.String}, x)
	}
}

// packAll is pack_all(ignore, name1, col1, ...) as sema resolves it: the
// row's bag, without null and empty values when ignore is true.
func packAll(g *gen, c *sema.Call, s *scope) string {
	var parts []string
	for i := 1; i+1 < len(c.Args); i += 2 {
		parts = append(parts, g.expr(c.Args[i], s), g.jsonOf(c.Args[i+1], s))
	}
	bag := "json_object(" + join(parts, ", ") + ")"
	if lit, ok := c.Args[0].(*sema.Literal); ok && lit.Value == false {
		return bag
	}
	return "CASE WHEN " + g.expr(c.Args[0], s) + " THEN kql_bag_drop_empty(" + bag + ") ELSE " + bag + " END"
}
