package sqlrepr

import (
	"context"

	"github.com/huntbook/huntbook/secops/decode"
	"github.com/huntbook/huntbook/secops/ioc"
	"github.com/huntbook/huntbook/table"
)

// The security analytics of secops/ as scalar KQL functions: Go UDFs over
// the plain Go packages (their package documentation is the contract).
func secopsUDFs() []UDF {
	s, d := table.String, table.Dynamic
	return []UDF{
		{Name: "kql_extract_iocs", Args: []table.Type{s}, Result: d, Null: NullAware, Fn: ExtractIoCs},
		{Name: "kql_extract_iocs_types", Args: []table.Type{s, d}, Result: d, Null: NullAware, Fn: ExtractIoCsOfTypes},
		{Name: "kql_base64_unpack", Args: []table.Type{s}, Result: s, Null: NullAware, Fn: Base64Unpack},
	}
}

func secopsFuncs() []Func {
	s, d := table.String, table.Dynamic
	note := "secops/ioc: ByType(Extract(text, types...)); a bag from type name to its distinct observables"
	return []Func{
		{Name: "extract_iocs", Args: []table.Type{s}, Result: d, SQL: "kql_extract_iocs($1)", Impl: ImplUDF, Null: NullAware, Note: note},
		{Name: "extract_iocs", Args: []table.Type{s, d}, Result: d, SQL: "kql_extract_iocs_types($1, $2)", Impl: ImplUDF, Null: NullAware,
			Note: note + "; types is a dynamic array of names or a comma-separated string"},
		{Name: "extract_iocs", Args: []table.Type{s, s}, Result: d, SQL: "kql_extract_iocs_types($1, to_json($2))", Impl: ImplUDF, Null: NullAware,
			Note: note + "; types as one comma-separated string"},
		{Name: "base64_unpack", Args: []table.Type{s}, Result: s, SQL: "kql_base64_unpack($1)", Impl: ImplUDF, Null: NullAware,
			Note: "secops/decode: Unpack(text).Text, every encoded fragment replaced by its decoded form, recursively, within the default limits"},
	}
}

// ExtractIoCs is extract_iocs(text): the default indicator types.
func ExtractIoCs(text string) any {
	return iocBag(ioc.Extract(text))
}

// ExtractIoCsOfTypes is extract_iocs(text, types). Unknown type names give
// null: a UDF cannot raise a positioned error, and sema checks constant
// type lists before the query runs.
func ExtractIoCsOfTypes(text string, types any) (any, bool) {
	var names []string
	switch v := types.(type) {
	case string:
		names = []string{v}
	case []any:
		for _, el := range v {
			s, ok := el.(string)
			if !ok {
				return nil, false
			}
			names = append(names, s)
		}
	case nil:
	default:
		return nil, false
	}
	ts, err := ioc.ParseTypes(names...)
	if err != nil {
		return nil, false
	}
	return iocBag(ioc.Extract(text, ts...)), true
}

func iocBag(ms []ioc.Match) any {
	out := map[string]any{}
	for typ, values := range ioc.ByType(ms) {
		arr := make([]any, len(values))
		for i, v := range values {
			arr[i] = v
		}
		out[typ] = arr
	}
	return out
}

// Base64Unpack is base64_unpack(text): the text with its encoded fragments
// decoded. A limit reached leaves its message in the text (decode's rule),
// so the function never fails.
func Base64Unpack(text string) string {
	res, _ := decode.Unpack(context.Background(), text, decode.Limits{})
	return res.Text
}
