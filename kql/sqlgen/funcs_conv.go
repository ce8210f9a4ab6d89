package sqlgen

import (
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// convSQL translates the conversion functions. A value that does not
// convert gives null, never an error: strings parse strictly (an integer
// conversion of "12.5" is null, as .NET's TryParse), reals truncate
// toward zero, dynamic values convert by their JSON type.
func convSQL() map[string]translation {
	return map[string]translation{
		"tolong":     toInteger("BIGINT"),
		"toint":      toInteger("INTEGER"),
		"toreal":     toReal,
		"todouble":   toReal,
		"todecimal":  toDecimal,
		"tobool":     toBool,
		"toboolean":  toBool,
		"todatetime": toDateTime,
		"totimespan": toTimeSpan,
		"totime":     toTimeSpan,
		"toguid":     toGUID,
		"todynamic":  toDynamic,
		"toobject":   toDynamic,
		"parse_json": toDynamic,
		"parsejson":  toDynamic,
		"gettype":    getType,
		"tohex":      toHex,
	}
}

func toInteger(sqlType string) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		x := g.expr(c.Args[0], s)
		return integerOf(x, c.Args[0].Type(), sqlType)
	}
}

// integerOf converts SQL of KQL type t to an integer SQL type.
func integerOf(x string, t table.Type, sqlType string) string {
	switch t {
	case table.Int, table.Long:
		return "TRY_CAST(" + x + " AS " + sqlType + ")"
	case table.Real, table.Decimal:
		return "TRY_CAST(trunc(" + x + ") AS " + sqlType + ")"
	case table.Bool:
		return "CAST(" + x + " AS " + sqlType + ")"
	case table.String:
		return "TRY_CAST(CASE WHEN regexp_full_match(trim(" + x + "), '[+-]?[0-9]+') THEN trim(" + x + ") END AS " + sqlType + ")"
	case table.DateTime:
		return "TRY_CAST(kql_dt_to_ticks(" + x + ") AS " + sqlType + ")"
	case table.TimeSpan:
		return "TRY_CAST(" + x + " AS " + sqlType + ")"
	case table.Dynamic:
		return "TRY_CAST(CASE json_type(" + x + ") WHEN 'BIGINT' THEN CAST(" + x + " AS VARCHAR) WHEN 'UBIGINT' THEN CAST(" + x + " AS VARCHAR)" +
			" WHEN 'DOUBLE' THEN CAST(TRY_CAST(trunc(CAST(" + x + " AS DOUBLE)) AS BIGINT) AS VARCHAR)" +
			" WHEN 'BOOLEAN' THEN CASE WHEN CAST(" + x + " AS BOOLEAN) THEN '1' ELSE '0' END" +
			" WHEN 'VARCHAR' THEN CASE WHEN regexp_full_match(trim(" + x + "->>'$'), '[+-]?[0-9]+') THEN trim(" + x + "->>'$') END END AS " + sqlType + ")"
	}
	return "CAST(NULL AS " + sqlType + ")"
}

func toReal(g *gen, c *sema.Call, s *scope) string {
	return realOf(g.expr(c.Args[0], s), c.Args[0].Type())
}

// realOf converts SQL of KQL type t to DOUBLE.
func realOf(x string, t table.Type) string {
	switch t {
	case table.Real:
		return x
	case table.Int, table.Long, table.Decimal, table.Bool, table.TimeSpan:
		return "CAST(" + x + " AS DOUBLE)"
	case table.String:
		return "TRY_CAST(trim(" + x + ") AS DOUBLE)"
	case table.DateTime:
		return "CAST(kql_dt_to_ticks(" + x + ") AS DOUBLE)"
	case table.Dynamic:
		return "TRY_CAST(CASE json_type(" + x + ") WHEN 'VARCHAR' THEN trim(" + x + "->>'$') WHEN 'BOOLEAN' THEN CASE WHEN CAST(" + x + " AS BOOLEAN) THEN '1' ELSE '0' END" +
			" WHEN 'BIGINT' THEN CAST(" + x + " AS VARCHAR) WHEN 'UBIGINT' THEN CAST(" + x + " AS VARCHAR) WHEN 'DOUBLE' THEN CAST(" + x + " AS VARCHAR) END AS DOUBLE)"
	}
	return "CAST(NULL AS DOUBLE)"
}

func toDecimal(g *gen, c *sema.Call, s *scope) string {
	x := g.expr(c.Args[0], s)
	switch c.Args[0].Type() {
	case table.Decimal:
		return x
	case table.String:
		return "TRY_CAST(trim(" + x + ") AS DECIMAL(38,18))"
	case table.Dynamic:
		return "TRY_CAST(kql_tostring_dynamic(" + x + ") AS DECIMAL(38,18))"
	}
	return "TRY_CAST(" + realOf(x, c.Args[0].Type()) + " AS DECIMAL(38,18))"
}

func toBool(g *gen, c *sema.Call, s *scope) string {
	x := g.expr(c.Args[0], s)
	return boolOf(x, c.Args[0].Type())
}

// boolOf converts SQL of KQL type t to BOOLEAN: "true"/"false" in any case
// and numbers (non-zero is true); anything else is null.
func boolOf(x string, t table.Type) string {
	switch t {
	case table.Bool:
		return x
	case table.Int, table.Long, table.Real, table.Decimal:
		return "(" + x + " <> 0)"
	case table.String:
		return "CASE lower(trim(" + x + ")) WHEN 'true' THEN true WHEN 'false' THEN false WHEN '1' THEN true WHEN '0' THEN false END"
	case table.Dynamic:
		return "CASE json_type(" + x + ") WHEN 'BOOLEAN' THEN CAST(" + x + " AS BOOLEAN)" +
			" WHEN 'VARCHAR' THEN CASE lower(trim(" + x + "->>'$')) WHEN 'true' THEN true WHEN 'false' THEN false WHEN '1' THEN true WHEN '0' THEN false END" +
			" WHEN 'BIGINT' THEN CAST(" + x + " AS BIGINT) <> 0 WHEN 'DOUBLE' THEN CAST(" + x + " AS DOUBLE) <> 0 END"
	}
	return "CAST(NULL AS BOOLEAN)"
}

func toDateTime(g *gen, c *sema.Call, s *scope) string {
	x := g.expr(c.Args[0], s)
	switch c.Args[0].Type() {
	case table.DateTime:
		return x
	case table.String:
		return "kql_todatetime(" + x + ")"
	case table.Int, table.Long:
		return "kql_ticks_to_dt(" + x + ")"
	case table.Dynamic:
		return "kql_todatetime(kql_tostring_dynamic(" + x + "))"
	}
	return "CAST(NULL AS TIMESTAMP_NS)"
}

func toTimeSpan(g *gen, c *sema.Call, s *scope) string {
	x := g.expr(c.Args[0], s)
	switch c.Args[0].Type() {
	case table.TimeSpan:
		return x
	case table.String:
		return "kql_totimespan(" + x + ")"
	case table.Int, table.Long:
		return "CAST(" + x + " AS BIGINT)"
	case table.Real, table.Decimal:
		return "TRY_CAST(trunc(" + x + ") AS BIGINT)"
	case table.Dynamic:
		return "kql_totimespan(kql_tostring_dynamic(" + x + "))"
	}
	return "CAST(NULL AS BIGINT)"
}

func toGUID(g *gen, c *sema.Call, s *scope) string {
	x := g.expr(c.Args[0], s)
	switch c.Args[0].Type() {
	case table.GUID:
		return x
	case table.String:
		return "TRY_CAST(" + x + " AS UUID)"
	case table.Dynamic:
		return "TRY_CAST(kql_tostring_dynamic(" + x + ") AS UUID)"
	}
	return "CAST(NULL AS UUID)"
}

func toDynamic(g *gen, c *sema.Call, s *scope) string {
	x := g.expr(c.Args[0], s)
	switch c.Args[0].Type() {
	case table.Dynamic:
		return x
	case table.String:
		return "kql_parse_json(" + x + ")"
	}
	return jsonOfSQL(x, c.Args[0].Type())
}

// getType names the type of a value; for dynamic values, the JSON type.
func getType(g *gen, c *sema.Call, s *scope) string {
	t := c.Args[0].Type()
	if t != table.Dynamic {
		return sqlString(t.String())
	}
	x := g.expr(c.Args[0], s)
	// a JSON integer in int's range is an int, as Kusto's gettype(parse_json('1')) shows
	isInt := "CASE WHEN TRY_CAST(" + x + " AS BIGINT) BETWEEN -2147483648 AND 2147483647 THEN 'int' ELSE 'long' END"
	return "CASE json_type(" + x + ") WHEN 'VARCHAR' THEN 'string' WHEN 'BIGINT' THEN " + isInt + " WHEN 'UBIGINT' THEN " + isInt + "" +
		" WHEN 'DOUBLE' THEN 'real' WHEN 'BOOLEAN' THEN 'bool' WHEN 'OBJECT' THEN 'dictionary' WHEN 'ARRAY' THEN 'array'" +
		" ELSE 'null' END"
}

// toHex writes a long in hexadecimal (two's complement for negatives),
// zero-padded to a minimum length.
func toHex(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	x := "CAST(" + a[0] + " AS BIGINT)"
	if c.Args[0].Type() == table.Int {
		x = "(" + x + " & 4294967295)" // an int prints as its 32 bits
	}
	hex := "lower(ltrim(hex(" + x + "), '0'))"
	hex = "CASE WHEN " + x + " = 0 THEN '0' ELSE " + hex + " END"
	if len(a) == 2 {
		return "lpad(" + hex + ", CAST(greatest(CAST(" + a[1] + " AS BIGINT), length(" + hex + ")) AS INTEGER), '0')"
	}
	return hex
}
