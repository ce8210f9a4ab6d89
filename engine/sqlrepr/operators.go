package sqlrepr

// opMacros are the arithmetic and dynamic-access operators whose Kusto
// meaning differs from the plain SQL operator.
func opMacros() []Macro {
	return []Macro{
		// Kusto's % is never negative: -14 % 12 is 10 and 14 % -12 is 2
		// (numerical-operators.md); SQL's % takes the dividend's sign.
		{Name: "kql_mod", Params: []string{"a", "b"},
			Body: "CASE WHEN b = 0 THEN NULL ELSE ((a % b) + abs(b)) % abs(b) END"},
		// Integer division truncates toward zero, as DuckDB's // does;
		// dividing by zero is null rather than an error.
		{Name: "kql_idiv", Params: []string{"a", "b"}, Body: "CASE WHEN b = 0 THEN NULL ELSE a // b END"},
		// d[key] and d[i] with a computed key or index (literal ones become
		// a constant JSON path in sqlgen).
		{Name: "kql_json_get", Params: []string{"j", "k"},
			Body: `json_extract(j, '$."' || replace(replace(k, '\', '\\'), '"', '\"') || '"')`},
		{Name: "kql_json_at", Params: []string{"j", "i"},
			Body: "json_extract(j, CASE WHEN i < 0 THEN '$[#' || CAST(i AS VARCHAR) || ']' ELSE '$[' || CAST(i AS VARCHAR) || ']' END)"},
	}
}
