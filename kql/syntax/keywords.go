package syntax

import "time"

// typedLitWords are the type keywords that, immediately followed by '(',
// start a literal whose parenthesized text is raw (not tokenized):
// datetime(2020-01-01 10:00), time(1.02:03:04), guid(...), int(null).
var typedLitWords = map[string]bool{
	"bool": true, "int": true, "long": true, "real": true, "double": true, "decimal": true,
	"datetime": true, "date": true, "time": true, "timespan": true, "guid": true,
}

// boolWords are the spellings of the bool literals.
var boolWords = map[string]bool{
	"true": true, "True": true, "TRUE": true, "false": true, "False": true, "FALSE": true,
}

// bangWords are the negated operator words lexed as one token.
var bangWords = map[string]bool{
	"!between": true, "!contains": true, "!contains_cs": true, "!endswith": true, "!endswith_cs": true,
	"!has": true, "!has_cs": true, "!hasprefix": true, "!hasprefix_cs": true, "!hassuffix": true,
	"!hassuffix_cs": true, "!in": true, "!in~": true, "!startswith": true, "!startswith_cs": true,
}

// hyphenWords lists, by the word before the first hyphen, the hyphenated
// keywords the lexer joins into one token (longest first).
var hyphenWords = map[string][]string{
	"project": {"project-reorder", "project-rename", "project-smart", "project-away", "project-keep"},
	"mv":      {"mv-expand", "mv-apply"},
	"make":    {"make-series", "make-graph"},
	"parse":   {"parse-where", "parse-kv"},
	"sample":  {"sample-distinct"},
	"top":     {"top-hitters", "top-nested"},
	"graph":   {"graph-mark-components", "graph-shortest-paths", "graph-to-table", "graph-match", "graph-merge"},
	"granny":  {"granny-desc", "granny-asc"},
	"assert":  {"assert-schema"},
}

// timeSpanUnits maps every unit suffix of a timespan literal to its length.
var timeSpanUnits = map[string]time.Duration{
	"d": 24 * time.Hour, "day": 24 * time.Hour, "days": 24 * time.Hour,
	"h": time.Hour, "hr": time.Hour, "hrs": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"m": time.Minute, "min": time.Minute, "minute": time.Minute, "minutes": time.Minute,
	"s": time.Second, "sec": time.Second, "second": time.Second, "seconds": time.Second,
	"ms": time.Millisecond, "milli": time.Millisecond, "millis": time.Millisecond,
	"millisec": time.Millisecond, "millisecond": time.Millisecond, "milliseconds": time.Millisecond,
	"micro": time.Microsecond, "micros": time.Microsecond, "microsec": time.Microsecond,
	"microsecond": time.Microsecond, "microseconds": time.Microsecond,
	"nano": time.Nanosecond, "nanos": time.Nanosecond, "nanosec": time.Nanosecond,
	"nanosecond": time.Nanosecond, "nanoseconds": time.Nanosecond,
	"tick": 100 * time.Nanosecond, "ticks": 100 * time.Nanosecond,
}

// operatorWords are the words that start a tabular operator. At the start
// of a pipe expression such a word is an operator, not a name (count and
// range only when not followed by '(').
var operatorWords = map[string]bool{
	"as": true, "consume": true, "count": true, "distinct": true, "evaluate": true, "extend": true,
	"facet": true, "filter": true, "find": true, "fork": true, "getschema": true, "invoke": true,
	"join": true, "limit": true, "lookup": true, "make-series": true, "mv-apply": true, "mvapply": true,
	"mv-expand": true, "mvexpand": true, "order": true, "parse": true, "parse-kv": true, "parse-where": true,
	"partition": true, "print": true, "project": true, "project-away": true, "project-keep": true,
	"project-rename": true, "project-reorder": true, "range": true, "reduce": true, "render": true,
	"sample": true, "sample-distinct": true, "scan": true, "search": true, "serialize": true,
	"sort": true, "summarize": true, "take": true, "top": true, "top-hitters": true, "top-nested": true,
	"union": true, "where": true, "make-graph": true, "graph-match": true, "graph-shortest-paths": true,
	"graph-to-table": true, "graph-mark-components": true, "assert-schema": true,
}

// reservedWords can never be bare names: the printer brackets a name that
// is one of them (['by']), and the parser does not take them as names where
// they end a list or start a clause.
var reservedWords = map[string]bool{
	"and": true, "or": true, "by": true, "on": true, "with": true, "of": true, "where": true,
	"let": true, "set": true, "declare": true, "alias": true, "restrict": true, "in": true,
	"in~": true, "!in": true, "!in~": true, "between": true, "!between": true,
	"has": true, "has_cs": true, "hasprefix": true, "hasprefix_cs": true, "hassuffix": true,
	"hassuffix_cs": true, "contains": true, "contains_cs": true, "containscs": true, "notcontains": true,
	"notcontainscs": true, "startswith": true, "startswith_cs": true, "endswith": true,
	"endswith_cs": true, "matches regex": true, "like": true, "likecs": true, "notlike": true,
	"notlikecs": true, "has_any": true, "has_all": true, "asc": true, "desc": true, "nulls": true,
	"to": true, "from": true, "step": true, "limit": true, "default": true, "project": true,
	"project-away": true, "project-smart": true, "granny-asc": true, "granny-desc": true,
	"datatable": true, "externaldata": true, "external_data": true, "dynamic": true, "typeof": true,
	"view": true, "materialize": true, "toscalar": true, "others": true, "output": true,
	"optional": true, "declare_pattern": true, "kind": true, "true": true, "false": true,
	"True": true, "False": true, "TRUE": true, "FALSE": true,
}

// IsKeyword reports whether a word has a special meaning somewhere in KQL:
// an operator, clause, operator-word or literal keyword. Editors use it for
// highlighting; KQL keywords are contextual, so a keyword may still be a
// name in some places.
func IsKeyword(word string) bool {
	return reservedWords[word] || operatorWords[word] || bangWords[word] || typedLitWords[word] ||
		boolWords[word] || word == "not" || word == "null"
}
