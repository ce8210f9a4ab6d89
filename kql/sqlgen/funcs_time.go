package sqlgen

// timeSQL translates the datetime functions (startof*/endof*, formats and
// conversions are in the registry).
func timeSQL() map[string]translation {
	return map[string]translation{
		"dayofweek":    simple("(CAST(dayofweek($1) AS BIGINT) * 864000000000)"),
		"dayofmonth":   simple("CAST(day($1) AS INTEGER)"),
		"dayofyear":    simple("CAST(dayofyear($1) AS INTEGER)"),
		"hourofday":    simple("CAST(hour($1) AS INTEGER)"),
		"monthofyear":  simple("CAST(month($1) AS INTEGER)"),
		"getmonth":     simple("CAST(month($1) AS INTEGER)"),
		"getyear":      simple("CAST(year($1) AS INTEGER)"),
		"week_of_year": simple("CAST(weekofyear($1) AS INTEGER)"),
	}
}

// seriesSQL translates the series functions.
func seriesSQL() map[string]translation { return map[string]translation{} }

// ipSQL translates the IP functions the registry does not cover.
func ipSQL() map[string]translation { return map[string]translation{} }
