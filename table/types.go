// Package table is the columnar result type every part of huntbook shares:
// columns with KQL types, rows of Go values, and the visualization hint that a
// query's `render` operator attaches.
//
// The Go representation of each KQL type is fixed here so that the engine,
// the renderers, the notebook and the secops plugins agree without talking to
// each other:
//
//	bool      bool
//	int       int32
//	long      int64
//	real      float64
//	decimal   string (the decimal's canonical text, e.g. "1.50")
//	string    string (never nil: Kusto strings are never null, missing is "")
//	datetime  time.Time in UTC (100 ns resolution)
//	timespan  time.Duration (a multiple of 100 ns)
//	dynamic   a decoded JSON value: nil, bool, json.Number, string, []any, map[string]any
//	guid      string in lower-case 8-4-4-4-12 form
//
// A null value of any type except string is nil.
package table

import (
	"fmt"
	"strings"
)

// Type is a KQL scalar type.
type Type uint8

// The KQL scalar types. Invalid is the zero value and never appears in a
// valid schema.
const (
	Invalid Type = iota
	Bool
	Int
	Long
	Real
	Decimal
	String
	DateTime
	TimeSpan
	Dynamic
	GUID
)

var typeNames = [...]string{
	Invalid:  "invalid",
	Bool:     "bool",
	Int:      "int",
	Long:     "long",
	Real:     "real",
	Decimal:  "decimal",
	String:   "string",
	DateTime: "datetime",
	TimeSpan: "timespan",
	Dynamic:  "dynamic",
	GUID:     "guid",
}

// String returns the canonical KQL name of the type ("long", "datetime", ...).
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// typeAliases maps every spelling KQL accepts for a type to the type.
var typeAliases = map[string]Type{
	"bool": Bool, "boolean": Bool,
	"int": Int, "int32": Int,
	"long": Long, "int64": Long,
	"real": Real, "double": Real,
	"decimal":  Decimal,
	"string":   String,
	"datetime": DateTime, "date": DateTime,
	"timespan": TimeSpan, "time": TimeSpan,
	"dynamic": Dynamic,
	"guid":    GUID, "uuid": GUID, "uniqueid": GUID,
}

// ParseType returns the type a KQL type name (or one of its aliases, any
// case) denotes.
func ParseType(name string) (Type, bool) {
	t, ok := typeAliases[strings.ToLower(name)]
	return t, ok
}

// IsNumeric reports whether values of the type take part in arithmetic as
// numbers (int, long, real, decimal).
func (t Type) IsNumeric() bool {
	switch t {
	case Int, Long, Real, Decimal:
		return true
	}
	return false
}

// MarshalText writes the canonical type name, so a Type is a JSON string.
func (t Type) MarshalText() ([]byte, error) {
	if t == Invalid || int(t) >= len(typeNames) {
		return nil, fmt.Errorf("table: cannot marshal invalid type %d", uint8(t))
	}
	return []byte(t.String()), nil
}

// UnmarshalText accepts any name ParseType accepts.
func (t *Type) UnmarshalText(b []byte) error {
	v, ok := ParseType(string(b))
	if !ok {
		return fmt.Errorf("table: unknown type %q", b)
	}
	*t = v
	return nil
}
