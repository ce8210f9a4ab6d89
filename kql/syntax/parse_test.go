package syntax

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// canonicalCases map query text to its canonical form. Every input also
// goes through the print→parse fixpoint test.
var canonicalCases = []struct {
	name, in, want string
}{
	// Statements.
	{"let scalar", "let x = 5; T | take x", "let x = 5;\nT\n| take x"},
	{"let tabular", "let t = T | where a > 1; t", "let t = T\n| where a > 1;\nt"},
	{"let function", "let f = (a:long, b:string = 'd') { a * 2 }; print f(1)",
		"let f = (a:long, b:string = \"d\") { a * 2 };\nprint f(1)"},
	{"let function body lets", "let f = (T:(*)) { let n = 1; T | take n }; f(U)",
		"let f = (T:(*)) { let n = 1; T | take n };\nf(U)"},
	{"let tabular schema param", "let f = (T:(a:int, b:string, *)) { T }; f(U)",
		"let f = (T:(a:int, b:string, *)) { T };\nf(U)"},
	{"let view", "let v = view () { T | take 1 }; v", "let v = view () { T | take 1 };\nv"},
	{"let no params", "let f = () { 1 }; print f()", "let f = () { 1 };\nprint f()"},
	{"let materialize", "let m = materialize(T | summarize count() by a); m",
		"let m = materialize(T | summarize count() by a);\nm"},
	{"declare query_parameters", "declare query_parameters(n:long = 10, s:string); T | take n",
		"declare query_parameters(n:long = 10, s:string);\nT\n| take n"},
	{"set", "set querytrace; set truncationmaxrecords = 100; T", "set querytrace;\nset truncationmaxrecords = 100;\nT"},
	{"alias", `alias database db = cluster("c").database("d"); db.T`,
		"alias database db = cluster(\"c\").database(\"d\");\ndb.T"},
	{"restrict", "restrict access to (T, U*); T", "restrict access to (T, U*);\nT"},
	{"declare pattern", `declare pattern app = (id:string)[ev:string] { ("a").["b"] = { T }; ("c").["d"] = { U | take 1 }; }; app("a").["b"]`,
		"declare pattern app = (id:string)[ev:string] { (\"a\").[\"b\"] = { T }; (\"c\").[\"d\"] = { U | take 1 }; };\napp(\"a\").b"},
	{"declare pattern bare", "declare pattern p; p", "declare pattern p;\np"},
	{"several queries", "T; U", "T;\nU"},
	{"trailing semicolons", "let x = 1;;", "let x = 1"},

	// Literals.
	{"long", "print 5, 0x1F, 9223372036854775807", "print 5, 31, 9223372036854775807"},
	{"real", "print 1.5, 1e3, 2., 1.5e-3, real(nan), real(+inf), double(-inf), real(2)",
		"print 1.5, 1000.0, 2.0, 0.0015, real(nan), real(+inf), real(-inf), 2.0"},
	{"int and decimal", "print int(5), int(-5), decimal(1.50), long(-3)", "print int(5), int(-5), decimal(1.50), long(-3)"},
	{"typed nulls", "print int(null), long(null), real(null), bool(null), datetime(null), time(null), guid(null), decimal(null), dynamic(null)",
		"print int(null), long(null), real(null), bool(null), datetime(null), timespan(null), guid(null), decimal(null), dynamic(null)"},
	{"bools", "print true, False, TRUE, bool(false)", "print true, false, true, false"},
	{"datetimes", "print datetime(2015-12-31 23:59:59.9), datetime(2015-12-31), datetime('2019-01-01T10:00:00Z'), datetime(Sat, 8 Nov 14 15:05:02 GMT), datetime(01/16/2022 00:00:00), datetime(2025, 6, 14)",
		"print datetime(2015-12-31T23:59:59.9000000Z), datetime(2015-12-31T00:00:00.0000000Z), datetime(2019-01-01T10:00:00.0000000Z), datetime(2014-11-08T15:05:02.0000000Z), datetime(2022-01-16T00:00:00.0000000Z), datetime(2025-06-14T00:00:00.0000000Z)"},
	{"datetime now", "print datetime()", "print now()"},
	{"timespans", "print 1d, 2h, 30m, 10s, 100ms, 10microsecond, 1tick, 1.5h, 0.1s, 5min, 2days",
		"print 1d, 2h, 30m, 10s, 100ms, 10microsecond, 1tick, 90m, 100ms, 5m, 2d"},
	{"time literals", "print time(1.02:03:04), time(00:01:00), time(2), time(15 seconds), timespan(1d), time(-1d)",
		"print 93784s, 1m, 2d, 15s, 1d, time(-1.00:00:00)"},
	{"guid", "print guid(74BE27DE-1E4E-49D9-B579-FE0B331D3642)", "print guid(74be27de-1e4e-49d9-b579-fe0b331d3642)"},
	{"strings", `print 'a"b', "c'd", @'C:\x', @"say ""hi""", 'tab\t', "uni\u00e9"`,
		`print "a\"b", "c'd", "C:\\x", "say \"hi\"", "tab\t", "unié"`},
	{"obfuscated", `print h'secret', H"x", h@'y'`, `print h"secret", h"x", h"y"`},
	{"spliced strings", "print 'a' \"b\" // comment\n @'c'", `print "abc"`},
	{"multi-line string", "print ```line1\nline2```", `print "line1\nline2"`},
	{"dynamic", `print dynamic({'b': [1, -2.5, "x", true, null], "a": {}}), dynamic([]), dynamic(datetime(2020-01-01))`,
		`print dynamic({"a": {}, "b": [1, -2.5, "x", true, null]}), dynamic([]), dynamic("2020-01-01T00:00:00.0000000Z")`},
	{"negative number is unary", "print -5, - x, -(1)", "print -5, -x, -(1)"},

	// Expressions and precedence.
	{"and or", "T | where a or b and c", "T\n| where a or b and c"},
	{"parens kept", "T | where (a or b) and c", "T\n| where (a or b) and c"},
	{"string ops bind tighter than arithmetic", "print a + b has c", "print a + b has c"},
	{"negated and cs operators", "T | where a !has 'x' and b has_cs 'y' and c !contains_cs 'z' and d !startswith 'w' and e endswith_cs 'v' and f !hassuffix 'u' and g hasprefix_cs 't'",
		"T\n| where a !has \"x\" and b has_cs \"y\" and c !contains_cs \"z\" and d !startswith \"w\" and e endswith_cs \"v\" and f !hassuffix \"u\" and g hasprefix_cs \"t\""},
	{"old spellings", "T | where a notcontains 'x' or b containscs 'y' or c <> d", "T\n| where a !contains \"x\" or b contains_cs \"y\" or c != d"},
	{"equality operators", "T | where a =~ 'x' and b !~ 'y' and c == d and e != f", "T\n| where a =~ \"x\" and b !~ \"y\" and c == d and e != f"},
	{"in family", "T | where a in (1, 2) and b !in ('x') and c in~ ('y') and d !in~ ('z') and e has_any ('p', 'q') and f has_all (g)",
		"T\n| where a in (1, 2) and b !in (\"x\") and c in~ (\"y\") and d !in~ (\"z\") and e has_any (\"p\", \"q\") and f has_all (g)"},
	{"in subquery", "T | where a in (U | project a)", "T\n| where a in (U | project a)"},
	{"between", "T | where t between (ago(1d) .. now()) and x !between (1 .. 5)", "T\n| where t between (ago(1d) .. now()) and x !between (1 .. 5)"},
	{"matches regex", `T | where a matches regex @"^\d+$"`, `T` + "\n" + `| where a matches regex "^\\d+$"`},
	{"like", "T | where a like 'x%' or b notlike 'y'", "T\n| where a like \"x%\" or b notlike \"y\""},
	{"arithmetic", "print 1 + 2 * 3 - 4 / 5 % 6", "print 1 + 2 * 3 - 4 / 5 % 6"},
	{"unary plus", "print +x", "print +x"},
	{"dynamic access", "T | extend a = d.x.y, b = d['k'], c = arr[0], e = arr[-1], f = d.['a b']",
		"T\n| extend a = d.x.y, b = d[\"k\"], c = arr[0], e = arr[-1], f = d.['a b']"},
	{"bracketed names", "T | project ['My Column'], [\"x\"], ['by'], ['where']", "T\n| project ['My Column'], x, ['by'], ['where']"},
	{"calls", "print strcat('a', 'b'), now(), pack_all(), count()", `print strcat("a", "b"), now(), pack_all(), count()`},
	{"named args", "print f(x = 1, 2)", "print f(x = 1, 2)"},
	{"star arguments", "T | summarize arg_max(t, *), take_any(*) by a", "T\n| summarize arg_max(t, *), take_any(*) by a"},
	{"star search", `T | where * has "x"`, "T\n| where * has \"x\""},
	{"column_ifexists", "T | extend x = column_ifexists('c', 0)", "T\n| extend x = column_ifexists(\"c\", 0)"},
	{"toscalar pipeline", "print toscalar(T | count)", "print toscalar(T | count)"},
	{"entity path", `cluster('c').database('d').T | take 1`, "cluster(\"c\").database(\"d\").T\n| take 1"},
	{"table function", `table('T') | take 1`, "table(\"T\")\n| take 1"},
	{"typeof", "T | mv-expand x to typeof(long)", "T\n| mv-expand x to typeof(long)"},
	{"left right", "T | join (U) on $left.a == $right.b", "T\n| join (U) on $left.a == $right.b"},
	{"hint member outside params", "print hint.x", "print hint.x"},
	{"search colon", `search Col:"x"`, `search Col:"x"`},
	{"count column", "T | where count > 1 | extend c = count", "T\n| where count > 1\n| extend c = count"},
	{"keyword as source name", "let f = (x:long) { x }; ['count']", "let f = (x:long) { x };\n['count']"},

	// Tabular operators.
	{"where filter", "T | filter a == 1", "T\n| where a == 1"},
	{"where assign", "T | where a = 1", "T\n| where a = 1"},
	{"extend multi names", "T | extend (a, b) = f(x)", "T\n| extend (a, b) = f(x)"},
	{"project-away", "T | project-away a, b*, *Id, c*d", "T\n| project-away a, b*, *Id, c*d"},
	{"project-keep", "T | project-keep a, b*", "T\n| project-keep a, b*"},
	{"project-rename", "T | project-rename x = a, y = b", "T\n| project-rename x = a, y = b"},
	{"project-reorder", "T | project-reorder b asc, a*, c granny-desc", "T\n| project-reorder b asc, a*, c granny-desc"},
	{"summarize", "T | summarize c = count(), dcount(a) by bin(t, 1h), b", "T\n| summarize c = count(), dcount(a) by bin(t, 1h), b"},
	{"summarize hints", "T | summarize hint.strategy=shuffle hint.shufflekey=a count() by a", "T\n| summarize hint.strategy=shuffle hint.shufflekey=a count() by a"},
	{"summarize by only", "T | summarize by a", "T\n| summarize by a"},
	{"summarize aggs only", "T | summarize count()", "T\n| summarize count()"},
	{"distinct", "T | distinct a, b", "T\n| distinct a, b"},
	{"distinct star", "T | distinct *", "T\n| distinct *"},
	{"count", "T | count", "T\n| count"},
	{"take limit", "T | take 5 | limit 6", "T\n| take 5\n| take 6"},
	{"top", "T | top 5 by a desc nulls last", "T\n| top 5 by a desc nulls last"},
	{"sort order", "T | sort by a asc, b desc nulls first | order by c", "T\n| sort by a asc, b desc nulls first\n| sort by c"},
	{"sample", "T | sample 10 | sample-distinct 5 of a", "T\n| sample 10\n| sample-distinct 5 of a"},
	{"serialize", "T | serialize | serialize r = row_number()", "T\n| serialize\n| serialize r = row_number()"},
	{"print", "print x = 1, 2", "print x = 1, 2"},
	{"range", "range x from 1 to 10 step 1", "range x from 1 to 10 step 1"},
	{"as", "T | as hint.materialized=true X", "T\n| as hint.materialized=true X"},
	{"consume getschema", "T | consume decodeblocks=true | getschema", "T\n| consume decodeblocks=true\n| getschema"},
	{"render", "T | render timechart with (title='x', ycolumns=a, b, ysplit=panels)", "T\n| render timechart with (title=\"x\", ycolumns=a, b, ysplit=panels)"},
	{"render legacy", "T | render columnchart kind=stacked title='t'", "T\n| render columnchart with (kind=stacked, title=\"t\")"},
	{"top-hitters", "T | top-hitters 5 of a by b", "T\n| top-hitters 5 of a by b"},
	{"top-nested", "T | top-nested 3 of a with others = 'Other' by c = count() desc, top-nested of b by sum(x)",
		"T\n| top-nested 3 of a with others = \"Other\" by c = count() desc, top-nested of b by sum(x)"},
	{"make-series", "T | make-series n = count() default = 0 on t from ago(1d) to now() step 1h by a",
		"T\n| make-series n = count() default = 0 on t from ago(1d) to now() step 1h by a"},
	{"make-series in range", "T | make-series kind=nonempty avg(x) on t in range(datetime(2020-01-01), datetime(2020-01-02), 1h)",
		"T\n| make-series kind=nonempty avg(x) on t from datetime(2020-01-01T00:00:00.0000000Z) to datetime(2020-01-02T00:00:00.0000000Z) step 1h"},
	{"join", "T | join kind=leftouter hint.strategy=broadcast (U | where x) on a, $left.b == $right.c",
		"T\n| join kind=leftouter hint.strategy=broadcast (U | where x) on a, $left.b == $right.c"},
	{"join bare right", "T | join kind=inner U on a", "T\n| join kind=inner U on a"},
	{"join where", "T | join (U) where $left.a < $right.b", "T\n| join (U) where $left.a < $right.b"},
	{"lookup", "T | lookup kind=leftouter (U) on Key", "T\n| lookup kind=leftouter (U) on Key"},
	{"union", "union withsource=Src isfuzzy=true T, (U | take 1), Event*, table('x')",
		"union withsource=Src isfuzzy=true T, (U | take 1), Event*, table(\"x\")"},
	{"union piped", "T | union kind=outer U", "T\n| union kind=outer U"},
	{"evaluate", "T | evaluate bag_unpack(d) : (a:int, *)", "T\n| evaluate bag_unpack(d) : (a:int, *)"},
	{"evaluate hint", "T | evaluate hint.distribution=per_node autocluster(0.6, weight_column = w)",
		"T\n| evaluate hint.distribution=per_node autocluster(0.6, weight_column = w)"},
	{"invoke", "T | invoke f(1)", "T\n| invoke f(1)"},
	{"find", "find withsource=S in (T, U*) where a == 1 project a, b:string, pack_all()",
		"find withsource=S in (T, U*) where a == 1 project a, b:string, pack_all()"},
	{"find smart", "find 'x' project-smart", "find where \"x\" project-smart"},
	{"search", "search kind=case_sensitive in (T) 'x' | take 1", "search kind=case_sensitive in (T) \"x\"\n| take 1"},
	{"search star", `T | search * has "x"`, "T\n| search * has \"x\""},
	{"parse", `T | parse kind=regex flags=Ui m with "a=" x:long ", " * "b" y`,
		"T\n| parse kind=regex flags=Ui m with \"a=\" x:long \", \" * \"b\" y"},
	{"parse-where", `T | parse-where m with * "a" x`, "T\n| parse-where m with * \"a\" x"},
	{"parse-kv", `T | parse-kv m as (a:string, b:long) with (pair_delimiter=',', kv_delimiter='=')`,
		"T\n| parse-kv m as (a:string, b:long) with (pair_delimiter=\",\", kv_delimiter=\"=\")"},
	{"mv-expand", "T | mv-expand bagexpansion=array with_itemindex=i a, b = c to typeof(string) limit 10",
		"T\n| mv-expand bagexpansion=array with_itemindex=i a, b = c to typeof(string) limit 10"},
	{"mvexpand alias", "T | mvexpand a", "T\n| mv-expand a"},
	{"mv-apply", "T | mv-apply x = arr to typeof(long) on (summarize s = sum(x) | take 1)",
		"T\n| mv-apply x = arr to typeof(long) on (summarize s = sum(x) | take 1)"},
	{"fork", "T | fork (take 1) two = (where a | count)", "T\n| fork (take 1) two = (where a | count)"},
	{"facet", "T | facet by a, b with (take 3)", "T\n| facet by a, b with (take 3)"},
	{"facet operator", "T | facet by a with top 3 by b", "T\n| facet by a with (top 3 by b)"},
	{"partition", "T | partition hint.strategy=native by a (top 1 by b)", "T\n| partition hint.strategy=native by a (top 1 by b)"},
	{"partition braces", "T | partition by a { U | take 1 }", "T\n| partition by a { U | take 1 }"},
	{"scan", "T | scan with_match_id=m order by t partition by u declare (s:long = 0) with (step a: x == 1 => s = 1; step b optional output=last: x == 2;)",
		"T\n| scan with_match_id=m order by t partition by u declare (s:long = 0) with (step a: x == 1 => s = 1; step b optional output=last: x == 2;)"},
	{"reduce", "T | reduce by m with threshold=0.1, characters=','", "T\n| reduce by m with threshold=0.1, characters=\",\""},
	{"datatable", "datatable(a:int, b:string, c:dynamic) [1, 'x', dynamic([1]), -2, h'y', dynamic(null),]",
		"datatable(a:int, b:string, c:dynamic) [1, \"x\", dynamic([1]), -2, h\"y\", dynamic(null)]"},
	{"externaldata", "externaldata (a:string) [h@'https://x/y.csv'] with (format='csv', ignoreFirstRecord=true)",
		"externaldata(a:string) [h\"https://x/y.csv\"] with (format=\"csv\", ignoreFirstRecord=true)"},
	{"assert-schema", "T | assert-schema (a:int, b:string)", "T\n| assert-schema (a:int, b:string)"},

	// Graph operators.
	{"make-graph", "E | make-graph s --> t with N on id, M on id2", "E\n| make-graph s --> t with N on id, M on id2"},
	{"make-graph node id", "E | make-graph s --> t with_node_id=n", "E\n| make-graph s --> t with_node_id=n"},
	{"graph-match", "G | graph-match cycles=none (a)-[e*1..3]->(b)<-[f]-(c)--(d)-->()<--(x) where a.n == 1 project a.n, y = b.m",
		"G\n| graph-match cycles=none (a)-[e*1..3]->(b)<-[f]-(c)--(d)-->()<--(x) where a.n == 1 project a.n, y = b.m"},
	{"graph-shortest-paths", "G | graph-shortest-paths output=all (a)-[e*1..5]->(b) where a.x == 1 project b",
		"G\n| graph-shortest-paths output=all (a)-[e*1..5]->(b) where a.x == 1 project b"},
	{"graph-to-table", "G | graph-to-table nodes as N with_node_id=id, edges as E with_source_id=s",
		"G\n| graph-to-table nodes as N with_node_id=id, edges as E with_source_id=s"},
	{"graph-to-table edges first", "G | graph-to-table edges with_target_id=t as E", "G\n| graph-to-table edges as E with_target_id=t"},
	{"graph-mark-components", "G | graph-mark-components kind=weak with_component_id=c", "G\n| graph-mark-components kind=weak with_component_id=c"},

	// Layout.
	{"comments", "// head\nT // tail\n| take 1 // end", "T\n| take 1"},
	{"nested pipeline stays inline", "T | join (U | where a | project b) on b", "T\n| join (U | where a | project b) on b"},
}

func TestCanonical(t *testing.T) {
	for _, tc := range canonicalCases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(tc.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.in, err)
			}
			if diff := cmp.Diff(tc.want, s.String()); diff != "" {
				t.Errorf("canonical form (-want +got):\n%s", diff)
			}
		})
	}
}

// errorCases map invalid text to its errors, one "line:col: message" each.
var errorCases = []struct {
	name, in string
	want     []string
}{
	{"missing expression", "T | where", []string{`1:10: expected expression, found end of input`}},
	{"unknown operator", "T | frobnicate x", []string{`1:5: expected query operator, found "frobnicate"`}},
	{"recovery reports several", "T | where and | extend = 1 | take",
		[]string{`1:11: expected expression, found "and"`, `1:24: expected expression, found "="`, `1:34: expected expression, found end of input`}},
	{"unclosed paren", "print (1 + 2", []string{`1:13: expected ")", found end of input`}},
	{"missing semicolon", "let x = 1 T", []string{`1:11: expected ";" or "|", found "T"`}},
	{"unterminated string", "print 'abc\n", []string{`1:11: string literal not terminated (use ` + "```" + ` for a multi-line string)`}},
	{"bad datetime", "print datetime(2020-13-01)", []string{`1:7: invalid datetime literal: unrecognized datetime "2020-13-01"`}},
	{"bad long", "print 99999999999999999999", []string{`1:7: integer literal 99999999999999999999 out of range`}},
	{"non-associative equality", "print a == b == c", []string{`1:14: expected ";" or "|", found "=="`}},
	{"join without on", "T | join U", []string{`1:11: expected "on", found end of input`}},
	{"illegal character", "print 1 # 2", []string{`1:9: unexpected character "#"`}},
	{"second line column", "T\n| where x ==\n| take 1", []string{`3:1: expected expression, found "|"`}},
	{"columns count runes", "print 'é' ==", []string{`1:13: expected expression, found end of input`}},
	{"has with a list", `T | where a has ("x", "y")`, []string{`1:21: expected ")", found ","`}},
}

func TestErrors(t *testing.T) {
	for _, tc := range errorCases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(tc.in)
			if s == nil {
				t.Fatal("Parse returned no tree")
			}
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want errors", tc.in)
			}
			got := strings.Split(err.Error(), "\n")
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	deep := strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000)
	if _, err := Parse("print " + deep); err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Errorf("deep nesting: err = %v, want a nesting error", err)
	}
	chain := "print 1" + strings.Repeat(" + 1", 5000)
	if _, err := Parse(chain); err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Errorf("long chain: err = %v, want a nesting error", err)
	}
	big := strings.Repeat(" ", MaxSourceSize+1)
	if _, err := Parse(big); err == nil || !strings.Contains(err.Error(), "more than the limit") {
		t.Errorf("huge input: err = %v, want a size error", err)
	}
	many := strings.Repeat("T | where and;", 50)
	_, err := Parse(many)
	var list ErrorList
	if !asErrorList(err, &list) || len(list) != maxErrors {
		t.Errorf("many errors: got %d errors, want %d", len(list), maxErrors)
	}
}

func asErrorList(err error, list *ErrorList) bool {
	l, ok := err.(ErrorList)
	*list = l
	return ok
}

func TestPartialTree(t *testing.T) {
	s, err := Parse("T | where a == | take 5")
	if err == nil {
		t.Fatal("want an error")
	}
	p := s.Stmts[0].(*ExprStmt).X.(*Pipeline)
	if len(p.Ops) != 2 {
		t.Fatalf("got %d operators, want 2 (recovery keeps the rest of the pipeline)", len(p.Ops))
	}
	if _, ok := p.Ops[1].(*TakeOp); !ok {
		t.Errorf("second operator is %T, want *TakeOp", p.Ops[1])
	}
	w := p.Ops[0].(*WhereOp).Predicate.(*Binary)
	if _, ok := w.Y.(*BadExpr); !ok {
		t.Errorf("missing operand is %T, want *BadExpr", w.Y)
	}
}

func TestCheckComplete(t *testing.T) {
	tests := []struct {
		in   string
		want Completeness
	}{
		{"T | take 1", Complete},
		{"let x = 1;", Complete},
		{"", Complete},
		{"T |", Incomplete},
		{"T | where", Incomplete},
		{"T | where (a", Incomplete},
		{"let x =", Incomplete},
		{"print ```abc", Incomplete},
		{"print datetime(2020", Incomplete},
		{"print [", Incomplete},
		{"T | where a ==", Incomplete},
		{"T | frob", Invalid},
		{"print 'abc", Invalid},
		{"print )", Invalid},
		{"T | where a == == b", Invalid},
	}
	for _, tc := range tests {
		if got := CheckComplete(tc.in); got != tc.want {
			t.Errorf("CheckComplete(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
