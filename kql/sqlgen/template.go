package sqlgen

import (
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
)

// expandTemplate fills $1, $2, ... (and $* for all) with argument SQL.
func expandTemplate(t string, args []string) string {
	f := sqlrepr.Func{Name: "template", SQL: t, Variadic: true}
	out, err := f.Expand(args...)
	if err != nil {
		fail("%v", err)
	}
	return out
}

// registryHas reports whether the engine registry has the function.
func registryHas(name string) bool { return len(sqlrepr.Lookup(name)) > 0 }

// join joins SQL parts.
func join(parts []string, sep string) string { return strings.Join(parts, sep) }

func itoa(i int) string { return strconv.Itoa(i) }

// sqlrepr_quote quotes an identifier.
func sqlrepr_quote(name string) string { return sqlrepr.QuoteIdent(name) }
