package sqlrepr

import (
	"github.com/huntbook/huntbook/engine/kqlfunc"
	"github.com/huntbook/huntbook/table"
)

// The datetime arithmetic works on epoch nanoseconds: DuckDB's INTERVAL
// arithmetic on TIMESTAMP_NS returns a microsecond TIMESTAMP, which would
// drop Kusto's last tick digit. Ticks are 100 ns; timespans are BIGINT ticks.
func timeMacros() []Macro {
	return []Macro{
		// floor(x / step) * step for integers, correct below zero; null for
		// a step that is not positive (Kusto's bin gives null there too).
		{Name: "kql_floor", Params: []string{"x", "step"},
			Body: "CASE WHEN step > 0 THEN x - (((x % step) + step) % step) END"},
		{Name: "kql_bin_real", Params: []string{"x", "step"},
			Body: "CASE WHEN step > 0 THEN floor(x / step) * step END"},
		{Name: "kql_dt_add", Params: []string{"dt", "ticks"}, Body: "make_timestamp_ns(epoch_ns(dt) + ticks * 100)"},
		{Name: "kql_dt_diff", Params: []string{"a", "b"}, Body: "(epoch_ns(a) - epoch_ns(b)) // 100"},
		{Name: "kql_bin_dt", Params: []string{"dt", "ticks"}, Body: "make_timestamp_ns(kql_floor(epoch_ns(dt), ticks * 100))"},
		{Name: "kql_bin_at_dt", Params: []string{"dt", "ticks", "origin"},
			Body: "kql_dt_add(kql_bin_dt(kql_dt_add(dt, -kql_dt_diff(origin, TIMESTAMP_NS '1970-01-01')), ticks), kql_dt_diff(origin, TIMESTAMP_NS '1970-01-01'))"},
		{Name: "kql_dt_to_ticks", Params: []string{"dt"}, Body: "epoch_ns(dt) // 100 + 621355968000000000"},
		// ticks outside TIMESTAMP_NS's range (about 1677-2262) are null
		{Name: "kql_ticks_to_dt", Params: []string{"ticks"},
			Body: "CASE WHEN ticks BETWEEN 529122247631452242 AND 713589688368547758 THEN make_timestamp_ns((ticks - 621355968000000000) * 100) END"},
		// an offset past the datetime range gives null (try), not an error
		{Name: "kql_startofday", Params: []string{"dt", "n"}, Body: "try(CAST(date_trunc('day', dt) + to_days(CAST(n AS INTEGER)) AS TIMESTAMP_NS))"},
		{Name: "kql_startofweek", Params: []string{"dt", "n"},
			Body: "try(CAST(date_trunc('day', dt) - to_days(CAST(dayofweek(dt) AS INTEGER)) + to_days(CAST(7 * n AS INTEGER)) AS TIMESTAMP_NS))"},
		{Name: "kql_startofmonth", Params: []string{"dt", "n"}, Body: "try(CAST(date_trunc('month', dt) + to_months(CAST(n AS INTEGER)) AS TIMESTAMP_NS))"},
		{Name: "kql_startofyear", Params: []string{"dt", "n"}, Body: "try(CAST(date_trunc('year', dt) + to_years(CAST(n AS INTEGER)) AS TIMESTAMP_NS))"},
		{Name: "kql_endofday", Params: []string{"dt", "n"}, Body: "kql_dt_add(kql_startofday(dt, n + 1), -1)"},
		{Name: "kql_endofweek", Params: []string{"dt", "n"}, Body: "kql_dt_add(kql_startofweek(dt, n + 1), -1)"},
		{Name: "kql_endofmonth", Params: []string{"dt", "n"}, Body: "kql_dt_add(kql_startofmonth(dt, n + 1), -1)"},
		{Name: "kql_endofyear", Params: []string{"dt", "n"}, Body: "kql_dt_add(kql_startofyear(dt, n + 1), -1)"},
		{Name: "kql_tostring_bool", Params: []string{"b"}, Body: "CASE WHEN b THEN 'true' WHEN NOT b THEN 'false' ELSE '' END"},
		{Name: "kql_tostring_decimal", Params: []string{"d"},
			Body: "coalesce(rtrim(rtrim(CAST(d AS VARCHAR), '0'), '.'), '')"},
	}
}

func timeUDFs() []UDF {
	s, dt, ts := table.String, table.DateTime, table.TimeSpan
	return []UDF{
		{Name: "kql_format_datetime", Args: []table.Type{dt, s}, Result: s, Null: NullPropagates, Fn: kqlfunc.FormatDateTime},
		{Name: "kql_format_timespan", Args: []table.Type{ts, s}, Result: s, Null: NullPropagates, Fn: kqlfunc.FormatTimeSpan},
		{Name: "kql_todatetime", Args: []table.Type{s}, Result: dt, Null: NullAware, Fn: kqlfunc.ParseDateTime},
		{Name: "kql_totimespan", Args: []table.Type{s}, Result: ts, Null: NullAware, Fn: kqlfunc.ParseTimeSpan},
		{Name: "kql_tostring_real", Args: []table.Type{table.Real}, Result: s, Null: NullPropagates, Fn: kqlfunc.RealToString},
		{Name: "kql_tostring_datetime", Args: []table.Type{dt}, Result: s, Null: NullPropagates, Fn: kqlfunc.DateTimeToString},
		{Name: "kql_tostring_timespan", Args: []table.Type{ts}, Result: s, Null: NullPropagates, Fn: kqlfunc.TimeSpanToString},
	}
}

func timeFuncs() []Func {
	s, dt, ts := table.String, table.DateTime, table.TimeSpan
	str := func(t table.Type, sql, note string) Func {
		return Func{Name: "tostring", Args: []table.Type{t}, Result: s, SQL: "coalesce(" + sql + ", '')", Null: NullAware, Note: note}
	}
	fs := []Func{
		{Name: "format_datetime", Args: []table.Type{dt, s}, Result: s, SQL: "kql_format_datetime($1, $2)", Impl: ImplUDF,
			Null: NullPropagates, Note: "Kusto's .NET-style specifiers; strftime's differ and stop at microseconds"},
		{Name: "format_timespan", Args: []table.Type{ts, s}, Result: s, SQL: "kql_format_timespan($1, $2)", Impl: ImplUDF, Null: NullPropagates},
		{Name: "todatetime", Args: []table.Type{s}, Result: dt, SQL: "kql_todatetime($1)", Impl: ImplUDF, Null: NullAware,
			Note: "ISO 8601, RFC 1123/850/822, ANSI C and US forms; null for anything else. TRY_CAST is too lenient and too strict at once"},
		{Name: "todatetime", Args: []table.Type{dt}, Result: dt, SQL: "$1", Impl: ImplBuiltin, Null: NullPropagates},
		{Name: "totimespan", Args: []table.Type{s}, Result: ts, SQL: "kql_totimespan($1)", Impl: ImplUDF, Null: NullAware,
			Note: "[-][d.]hh:mm[:ss[.fffffff]] or a timespan literal such as 1.5h"},
		{Name: "totimespan", Args: []table.Type{ts}, Result: ts, SQL: "$1", Impl: ImplBuiltin, Null: NullPropagates},
		{Name: "bin", Args: []table.Type{dt, ts}, Result: dt, SQL: "kql_bin_dt($1, $2)", Impl: ImplMacro, Null: NullPropagates,
			Note: "floor on epoch ns, exact to the tick; time_bucket would return a microsecond TIMESTAMP"},
		{Name: "bin", Args: []table.Type{ts, ts}, Result: ts, SQL: "kql_floor($1, $2)", Impl: ImplMacro, Null: NullPropagates},
		{Name: "bin", Args: []table.Type{table.Long, table.Long}, Result: table.Long, SQL: "kql_floor($1, $2)", Impl: ImplMacro, Null: NullPropagates},
		{Name: "bin", Args: []table.Type{table.Real, table.Real}, Result: table.Real, SQL: "kql_bin_real($1, $2)", Impl: ImplMacro, Null: NullPropagates},
		{Name: "bin_at", Args: []table.Type{dt, ts, dt}, Result: dt, SQL: "kql_bin_at_dt($1, $2, $3)", Impl: ImplMacro, Null: NullPropagates},
		str(s, "$1", ""),
		str(table.Bool, "kql_tostring_bool($1)", ""),
		str(table.Int, "CAST($1 AS VARCHAR)", ""),
		str(table.Long, "CAST($1 AS VARCHAR)", ""),
		str(table.Real, "kql_tostring_real($1)", ".NET's shortest round-trip form, E+XX exponents outside [1e-4, 1e15)"),
		str(table.Decimal, "kql_tostring_decimal($1)", "the fixed scale's trailing zeros dropped"),
		str(dt, "kql_tostring_datetime($1)", "ISO 8601 with 7 fraction digits and Z"),
		str(ts, "kql_tostring_timespan($1)", "[-][d.]hh:mm:ss[.fffffff]"),
		str(table.Dynamic, "kql_tostring_dynamic($1)", "a JSON string gives its text; other values compact JSON; null \"\""),
		str(table.GUID, "CAST($1 AS VARCHAR)", "lower-case 8-4-4-4-12"),
	}
	for i := range fs {
		if fs[i].Impl == 0 {
			fs[i].Impl = ImplMacro
		}
	}
	for _, unit := range []string{"day", "week", "month", "year"} {
		fs = append(fs,
			Func{Name: "startof" + unit, Args: []table.Type{dt}, Result: dt, SQL: "kql_startof" + unit + "($1, 0)", Impl: ImplMacro, Null: NullPropagates,
				Note: "weeks start on Sunday as in Kusto (date_trunc's start on Monday)"},
			Func{Name: "startof" + unit, Args: []table.Type{dt, table.Long}, Result: dt, SQL: "kql_startof" + unit + "($1, $2)", Impl: ImplMacro, Null: NullPropagates},
			Func{Name: "endof" + unit, Args: []table.Type{dt}, Result: dt, SQL: "kql_endof" + unit + "($1, 0)", Impl: ImplMacro, Null: NullPropagates,
				Note: "the last tick of the period (…23:59:59.9999999)"},
			Func{Name: "endof" + unit, Args: []table.Type{dt, table.Long}, Result: dt, SQL: "kql_endof" + unit + "($1, $2)", Impl: ImplMacro, Null: NullPropagates},
		)
	}
	return fs
}
