package sqlgen

import (
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/table"
)

// calendarSQL translates the datetime functions that take a part name
// (datetime_add, datetime_diff, datetime_part), the unixtime conversions
// and make_datetime / make_timespan. Timespans are BIGINT ticks (100 ns);
// datetimes TIMESTAMP_NS, handled through epoch_ns so no tick is lost.
func calendarSQL() map[string]translation {
	return map[string]translation{
		"datetime_add":                     outOfRangeNull(datetimeAdd),
		"datetime_diff":                    datetimeDiff,
		"datetime_part":                    datetimePart,
		"unixtime_seconds_todatetime":      unixTime(10_000_000),
		"unixtime_milliseconds_todatetime": unixTime(10_000),
		"unixtime_microseconds_todatetime": unixTime(10),
		"unixtime_nanoseconds_todatetime":  unixTimeNanos,
		"make_datetime":                    outOfRangeNull(makeDateTime),
		"make_timespan":                    outOfRangeNull(makeTimeSpan),
	}
}

// outOfRangeNull makes a result that overflows (a date past the range,
// ticks past 64 bits) null, as Kusto's invalid results are, instead of a
// DuckDB error that fails the query.
func outOfRangeNull(t translation) translation {
	return func(g *gen, c *sema.Call, s *scope) string { return "try(" + t(g, c, s) + ")" }
}

// fixedTicks are the parts of constant length, in ticks.
var fixedTicks = map[string]int64{
	"week": 7 * 864_000_000_000, "day": 864_000_000_000, "hour": 36_000_000_000,
	"minute": 600_000_000, "second": 10_000_000, "millisecond": 10_000, "microsecond": 10,
}

// partName is the constant part argument, lower-cased (Kusto accepts any
// case); anything else stops generation with a clear error.
func partName(c *sema.Call) string {
	if lit, ok := c.Args[0].(*sema.Literal); ok {
		if s, ok := lit.Value.(string); ok {
			return strings.ToLower(s)
		}
	}
	fail("%s needs a constant part name", c.Fn.Name)
	return ""
}

func ticksOf(dt string) string { return "(epoch_ns(" + dt + ") // 100)" }

func ticksToDateTime(ticks string) string { return "make_timestamp_ns((" + ticks + ") * 100)" }

// datetimeAdd is datetime_add(part, amount, dt). Calendar parts shift by
// months the way .NET's AddMonths does (the day is clamped to the month's
// end), computed at microsecond precision and applied as a tick delta so
// the datetime keeps its last digit.
func datetimeAdd(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	part, n, dt := partName(c), "CAST("+a[1]+" AS BIGINT)", a[2]
	if part == "nanosecond" { // datetimes hold ticks: whole ticks only
		return ticksToDateTime(ticksOf(dt) + " + kql_floor(" + n + ", 100) // 100")
	}
	if t, ok := fixedTicks[part]; ok {
		return ticksToDateTime(ticksOf(dt) + " + " + n + " * " + strconv.FormatInt(t, 10))
	}
	months := map[string]string{"year": "12", "quarter": "3", "month": "1"}[part]
	if months == "" {
		fail("datetime_add: unknown part %q", part)
	}
	us := "CAST(" + dt + " AS TIMESTAMP)"
	shifted := "(" + us + " + to_months(CAST(" + n + " * " + months + " AS INTEGER)))"
	return "make_timestamp_ns(epoch_ns(" + dt + ") + (epoch_us(" + shifted + ") - epoch_us(" + us + ")) * 1000)"
}

// datetimeDiff is datetime_diff(part, dt1, dt2): the number of part
// boundaries between them (calendar parts compare year/quarter/month
// numbers; weeks start on Sunday; fixed parts floor both ends first).
func datetimeDiff(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	part, x, y := partName(c), a[1], a[2]
	switch part {
	case "year":
		return "CAST(year(" + x + ") - year(" + y + ") AS BIGINT)"
	case "quarter":
		return "CAST((year(" + x + ") * 4 + quarter(" + x + ")) - (year(" + y + ") * 4 + quarter(" + y + ")) AS BIGINT)"
	case "month":
		return "CAST((year(" + x + ") * 12 + month(" + x + ")) - (year(" + y + ") * 12 + month(" + y + ")) AS BIGINT)"
	case "nanosecond":
		return "((" + ticksOf(x) + " - " + ticksOf(y) + ") * 100)"
	}
	t, ok := fixedTicks[part]
	if !ok {
		fail("datetime_diff: unknown part %q", part)
	}
	step := strconv.FormatInt(t, 10)
	shift := "0"
	if part == "week" {
		shift = strconv.FormatInt(4*fixedTicks["day"], 10) // 1970-01-01 was a Thursday
	}
	floor := func(dt string) string { return "kql_floor(" + ticksOf(dt) + " + " + shift + ", " + step + ")" }
	return "((" + floor(x) + " - " + floor(y) + ") // " + step + ")"
}

// datetimePart is datetime_part(part, dt) as an int.
func datetimePart(g *gen, c *sema.Call, s *scope) string {
	dt := g.args(c, s)[1]
	part := partName(c)
	subsecond := "(((epoch_ns(" + dt + ") % 1000000000) + 1000000000) % 1000000000)"
	exprs := map[string]string{
		"year": "year(" + dt + ")", "quarter": "quarter(" + dt + ")", "month": "month(" + dt + ")",
		"week_of_year": "weekofyear(" + dt + ")", "day": "day(" + dt + ")", "dayofyear": "dayofyear(" + dt + ")",
		"hour": "hour(" + dt + ")", "minute": "minute(" + dt + ")", "second": "second(" + dt + ")",
		"millisecond": subsecond + " // 1000000", "microsecond": subsecond + " // 1000", "nanosecond": subsecond,
	}
	e, ok := exprs[part]
	if !ok {
		fail("datetime_part: unknown part %q", part)
	}
	return "CAST(" + e + " AS INTEGER)"
}

// unixTime converts a count of units since 1970 (perTick ticks each) to a
// datetime; a real count is rounded to the tick.
func unixTime(perTick int64) translation {
	return func(g *gen, c *sema.Call, s *scope) string {
		x := g.args(c, s)[0]
		k := strconv.FormatInt(perTick, 10)
		if c.Args[0].Type() == table.Real || c.Args[0].Type() == table.Decimal {
			return ticksToDateTime("CAST(round(CAST(" + x + " AS DOUBLE) * " + k + ") AS BIGINT)")
		}
		return ticksToDateTime("CAST(" + x + " AS BIGINT) * " + k)
	}
}

// unixTimeNanos truncates to the tick; integer counts stay integers (a
// double cannot hold today's nanosecond counts exactly).
func unixTimeNanos(g *gen, c *sema.Call, s *scope) string {
	x := g.args(c, s)[0]
	if c.Args[0].Type() == table.Real || c.Args[0].Type() == table.Decimal {
		return ticksToDateTime("CAST(floor(CAST(" + x + " AS DOUBLE) / 100) AS BIGINT)")
	}
	return ticksToDateTime("kql_floor(CAST(" + x + " AS BIGINT), 100) // 100")
}

// makeDateTime is make_datetime(y, m, d[, h, min[, sec]]): null for an
// invalid date, as Kusto gives; seconds may carry a fraction (to the tick).
func makeDateTime(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	part := func(i int) string {
		if i < len(a) {
			return "CAST(" + a[i] + " AS BIGINT)"
		}
		return "0"
	}
	sec := "0"
	if len(a) == 6 {
		sec = "CAST(round(CAST(" + a[5] + " AS DOUBLE) * 10000000) AS BIGINT)"
	}
	base := "try(make_timestamp(" + part(0) + ", " + part(1) + ", " + part(2) + ", " + part(3) + ", " + part(4) + ", 0.0))"
	return "make_timestamp_ns(epoch_us(" + base + ") * 1000 + " + sec + " * 100)"
}

// makeTimeSpan is make_timespan(h, m), (h, m, s) or (d, h, m, s), in ticks.
func makeTimeSpan(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	units := map[int][]int64{
		2: {36_000_000_000, 600_000_000},
		3: {36_000_000_000, 600_000_000, 10_000_000},
		4: {864_000_000_000, 36_000_000_000, 600_000_000, 10_000_000},
	}[len(a)]
	parts := make([]string, len(a))
	for i, x := range a {
		parts[i] = "CAST(" + x + " AS BIGINT) * " + strconv.FormatInt(units[i], 10)
		if t := c.Args[i].Type(); t == table.Real || t == table.Decimal {
			parts[i] = "CAST(round(CAST(" + x + " AS DOUBLE) * " + strconv.FormatInt(units[i], 10) + ") AS BIGINT)"
		}
	}
	return "(" + strings.Join(parts, " + ") + ")"
}

// binAtSQL is bin_at(value, size, fixed): value's bin when bins are
// aligned to fixed, for numbers and timespans; datetimes use the
// registry's macro.
func binAtSQL() map[string]translation {
	return map[string]translation{"bin_at": binAt}
}

func binAt(g *gen, c *sema.Call, s *scope) string {
	a := g.args(c, s)
	switch c.T {
	case table.DateTime:
		return g.registry(c, s)
	case table.TimeSpan, table.Long, table.Int:
		v, size, fixed := "CAST("+a[0]+" AS BIGINT)", "CAST("+a[1]+" AS BIGINT)", "CAST("+a[2]+" AS BIGINT)"
		out := "(kql_floor(" + v + " - " + fixed + ", " + size + ") + " + fixed + ")"
		if c.T == table.Int {
			out = "CAST(" + out + " AS INTEGER)"
		}
		return out
	}
	v, size, fixed := "CAST("+a[0]+" AS DOUBLE)", "CAST("+a[1]+" AS DOUBLE)", "CAST("+a[2]+" AS DOUBLE)"
	return "(kql_bin_real(" + v + " - " + fixed + ", " + size + ") + " + fixed + ")"
}
