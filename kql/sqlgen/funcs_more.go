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
