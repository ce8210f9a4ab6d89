import { test } from "node:test";
import assert from "node:assert/strict";
import { appendClause, filterClause, quoteName, quoteString } from "./kqlquote";
import { parseFilter } from "./gridfilter";

test("quoteName", () => {
  const cases: [string, string][] = [
    ["Computer", "Computer"], ["Event ID", "['Event ID']"], ["where", "['where']"],
    ["O'Brien\\x", "['O\\'Brien\\\\x']"], ["1st", "['1st']"],
  ];
  for (const [in_, want] of cases) assert.equal(quoteName(in_), want);
});

test("quoteString", () => {
  assert.equal(quoteString('a"b\\c\nd'), '"a\\"b\\\\c\\nd"');
});

test("filterClause", () => {
  const cases: [Parameters<typeof filterClause>, string][] = [
    [["Account", "string", "CONTOSO\\O'Brien"], 'where Account == "CONTOSO\\\\O\'Brien"'],
    [["EventID", "int", 4624], "where EventID == 4624"],
    [["T", "datetime", "2024-03-04T00:00:00.0000000Z"], "where T == datetime(2024-03-04T00:00:00.0000000Z)"],
    [["D", "timespan", "01:00:00", true], "where D != timespan(01:00:00)"],
    [["X", "dynamic", { a: 1 }], 'where tostring(X) == "{\\"a\\":1}"'],
    [["S", "string", ""], "where isempty(S)"],
    [["N", "long", null, true], "where not(isnull(N))"],
    [["R", "real", 2], "where R == 2.0"],
    [["R", "real", "NaN"], "where R == real(nan)"],
    [["Event ID", "bool", true], "where ['Event ID'] == true"],
  ];
  for (const [args, want] of cases) assert.equal(filterClause(...args), want);
});

test("appendClause", () => {
  assert.equal(appendClause("T | take 5\n", "where A == 1"), "T | take 5\n| where A == 1");
  assert.equal(appendClause("T\n| summarize count() by A\n| render piechart", "where A == 1"),
    "T\n| summarize count() by A\n| where A == 1\n| render piechart");
});

test("parseFilter", () => {
  assert.deepEqual(parseFilter("c", " "), null);
  assert.deepEqual(parseFilter("c", "abc"), { column: "c", op: "contains", value: "abc" });
  assert.deepEqual(parseFilter("c", ">= 10"), { column: "c", op: "ge", value: "10" });
  assert.deepEqual(parseFilter("c", "!=x"), { column: "c", op: "ne", value: "x" });
  assert.deepEqual(parseFilter("c", "!x"), { column: "c", op: "notcontains", value: "x" });
  assert.deepEqual(parseFilter("c", "(empty)"), { column: "c", op: "empty" });
  assert.deepEqual(parseFilter("c", "="), null);
});
