package sqlgen

import (
	"sync"

	"github.com/huntbook/huntbook/kql/sema"
)

// translation writes the SQL of one call. Functions absent from the
// table are translated by the engine registry (sqlrepr) from their
// argument types.
type translation func(g *gen, c *sema.Call, s *scope) string

var translationState struct {
	once sync.Once
	m    map[string]translation
}

// translations is the table of calls sqlgen writes itself, built once
// from the per-area tables and never modified afterwards.
func translations() map[string]translation {
	translationState.once.Do(func() {
		m := map[string]translation{}
		for _, group := range []map[string]translation{
			operatorSQL(), convSQL(), aggSQL(), windowSQL(), condSQL(), mathSQL(), stringSQL(),
			dynamicSQL(), timeSQL(), seriesSQL(), ipSQL(), calendarSQL(), binAtSQL(), arraySQL(), moreArraySQL(), moreSQL(), scalarSQL(), digestSQL(),
		} {
			for name, t := range group {
				if _, dup := m[name]; dup {
					panic("sqlgen: translation of " + name + " defined twice")
				}
				m[name] = t
			}
		}
		translationState.m = m
	})
	return translationState.m
}

// Translated reports whether sqlgen can write calls of the named function
// (its own table or the engine registry); the tests check every function
// sema knows.
func Translated(name string) bool {
	if _, ok := translations()[name]; ok {
		return true
	}
	if registryHas(name) {
		return true
	}
	if f, ok := sema.LookupFunction(name); ok && f.Canonical != "" {
		return Translated(f.Canonical)
	}
	return false
}

// simple is a translation from a template over the translated arguments:
// $1, $2, ... as in sqlrepr.
func simple(template string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		return expandTemplate(template, g.args(c, s))
	}
}
