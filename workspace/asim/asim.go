// Package asim holds huntbook's own versions of the Advanced Security
// Information Model (ASIM) normalisation functions that Microsoft Sentinel
// ships (imProcessCreate, _Im_Authentication, _Im_Dns, ...), written from
// the ASIM schema documentation as KQL function definitions over the
// Sentinel / Defender tables huntbook knows. The workspace catalog serves
// them as stored functions (sema.FunctionCatalog), so real hunting queries
// that call them compile and run over whatever tables hold data.
//
// Each parser projects every source table onto the schema's documented
// field names (EventType, EventResult, EventProduct, EventVendor, ...) and
// takes the schema's documented filtering parameters, all with defaults,
// so a query may name the parser like a table.
package asim

import "sort"

// Parser is one normalising function and the names it is known by.
type Parser struct {
	// Names are the function's names: the unifying parser (_Im_X), its
	// workspace alias (imX) and the ASim forms, as Sentinel names them.
	Names []string
	// Schema is the ASIM schema the parser normalises to.
	Schema string
	// Tables are the source tables the parser reads.
	Tables []string
	// Source is the KQL function definition: `(params) { body }`.
	Source string
}

// Parsers lists every parser, in schema order.
func Parsers() []Parser {
	return []Parser{
		processEvent, processCreate, processTerminate, authentication, networkSession,
		dns, fileEvent, registryEvent, webSession,
	}
}

// index maps every function name to its parser's source.
func index() map[string]string {
	m := map[string]string{}
	for _, p := range Parsers() {
		for _, n := range p.Names {
			m[n] = p.Source
		}
	}
	return m
}

// byName is index(), built once: the checker asks for every name it
// cannot resolve otherwise, built-in function names included. Never
// modified.
var byName = index()

// Function returns the definition of the named parser (case-sensitive,
// as Sentinel's function names are).
func Function(name string) (string, bool) {
	src, ok := byName[name]
	return src, ok
}

// Names lists every function name, sorted.
func Names() []string {
	out := make([]string, 0, len(byName))
	for n := range byName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
