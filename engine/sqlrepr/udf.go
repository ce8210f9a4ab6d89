package sqlrepr

import (
	"sort"
	"strings"

	"github.com/huntbook/huntbook/table"
)

// UDF is a Go function the engine registers in DuckDB under Name.
//
// Fn is a plain Go function whose parameters and result use the table
// package's Go value of each KQL type in Args and Result (string, int64,
// float64, bool, time.Time, time.Duration, any for dynamic). A second bool
// result, when present, false means null. Dynamic arguments arrive decoded
// from JSON; a dynamic result is encoded to JSON. The engine's adapter
// (engine/udf.go) lists the signatures it knows.
type UDF struct {
	Name   string
	Args   []table.Type
	Result table.Type
	Null   NullRule
	Fn     any
}

// Macro is an SQL macro the engine creates on every connection.
type Macro struct {
	Name   string
	Params []string
	Body   string
}

// CreateSQL is the statement that defines the macro on a connection.
func (m Macro) CreateSQL() string {
	return "CREATE OR REPLACE TEMP MACRO " + m.Name + "(" + strings.Join(m.Params, ", ") + ") AS " + m.Body
}

// UDFs returns every Go UDF the engine registers, sorted by name.
func UDFs() []UDF {
	var all []UDF
	for _, group := range [][]UDF{termUDFs(), stringUDFs(), urlUDFs(), encodingUDFs(),
		ipv4UDFs(), ipv6UDFs(), timeUDFs(), dynamicUDFs(), secopsUDFs(), seriesUDFs(), parseKVUDFs(),
		textCodecUDFs(), mathUDFs(), scalarUDFs(), digestUDFs(), geoUDFs()} {
		all = append(all, group...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	return all
}

// Macros returns every macro the engine creates, in creation order (a
// macro may call the ones before it).
func Macros() []Macro {
	var all []Macro
	for _, group := range [][]Macro{termMacros(), stringMacros(), timeMacros(), dynamicMacros(), opMacros()} {
		all = append(all, group...)
	}
	return all
}
