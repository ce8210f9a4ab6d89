package sema

import "github.com/huntbook/huntbook/table"

// timeFuncs are the datetime and timespan functions (now and ago are
// folded by the checker from the query's clock).
func timeFuncs() []*Function {
	dt, ts, i, l, s := table.DateTime, table.TimeSpan, table.Int, table.Long, table.String
	part := func(name string, t table.Type) *Function { return fnT(name, t, p(PDateTime)) }
	fs := []*Function{
		part("dayofweek", ts), part("dayofmonth", i), part("dayofyear", i), part("hourofday", i),
		part("weekofyear", i), part("week_of_year", i), part("monthofyear", i), part("getyear", i), part("getmonth", i),
		fnT("datetime_add", dt, p(PString), p(PInt), p(PDateTime)).constArgs(0),
		fnT("datetime_diff", l, p(PString), p(PDateTime), p(PDateTime)).constArgs(0),
		fnT("datetime_part", i, p(PString), p(PDateTime)).constArgs(0),
		fnT("datepart", i, p(PString), p(PDateTime)).constArgs(0),
		fnT("format_datetime", s, p(PDateTime), p(PString)).named(NameFirstArg, "").constArgs(1),
		fnT("format_timespan", s, p(PTimeSpan), p(PString)).named(NameFirstArg, "").constArgs(1),
		fnT("make_datetime", dt, p(PNum), p(PNum), p(PNum), opt(PNum), opt(PNum), opt(PNum)).named(NameOnlyArg, ""),
		fnT("make_timespan", ts, p(PInt), p(PInt), opt(PNum), opt(PNum)), // seconds may be real (55.123)
		fnT("unixtime_seconds_todatetime", dt, p(PNum)),
		fnT("unixtime_milliseconds_todatetime", dt, p(PNum)),
		fnT("unixtime_microseconds_todatetime", dt, p(PNum)),
		fnT("unixtime_nanoseconds_todatetime", dt, p(PNum)),
		fnT("datetime_utc_to_local", dt, p(PDateTime), p(PString)),
		fnT("datetime_local_to_utc", dt, p(PDateTime), p(PString)),
	}
	for _, unit := range []string{"day", "week", "month", "year"} {
		start := fnT("startof"+unit, dt, p(PDateTime), opt(PInt))
		if unit == "day" {
			start.named(NameFirstArg, "")
		}
		fs = append(fs, start, fnT("endof"+unit, dt, p(PDateTime), opt(PInt)))
	}
	return fs
}
