import { test } from "node:test";
import assert from "node:assert/strict";
import { StringStream } from "@codemirror/language";
import { token, type State } from "./kql-lang";

// tokens runs the KQL mode over lines and returns [text, style] pairs.
function tokens(...lines: string[]): [string, string | null][] {
  const state: State = { inTripleString: false, afterPipe: false };
  const out: [string, string | null][] = [];
  for (const line of lines) {
    const s = new StringStream(line, 4, 2);
    while (!s.eol()) {
      const style = token(s, state);
      const text = s.current();
      if (text.trim() !== "") out.push([text, style]);
      s.start = s.pos;
    }
  }
  return out;
}

test("pipeline", () => {
  assert.deepEqual(tokens(`SecurityEvent | where EventID == 4688 and Account has "adm" // x`), [
    ["SecurityEvent", "variableName"], ["|", "operator"], ["where", "keyword"], ["EventID", "variableName"],
    ["==", "operator"], ["4688", "number"], ["and", "keyword"], ["Account", "variableName"], ["has", "keyword"],
    ['"adm"', "string"], ["// x", "comment"],
  ]);
});

test("literals", () => {
  assert.deepEqual(tokens(`print ago(1d), 30m, @"C:\\x", h'secret', ['Odd Name'], true, datetime(2024-01-01)`), [
    ["print", "keyword"], ["ago", "function(variableName)"], ["(", null], ["1d", "number"], [")", null], [",", null],
    ["30m", "number"], [",", null], ['@"C:\\x"', "string"], [",", null], ["h'secret'", "string"], [",", null],
    ["['Odd Name']", "variableName.special"], [",", null], ["true", "atom"], [",", null],
    ["datetime", "typeName"], ["(", null], ["2024", "number"], ["-", "operator"], ["01", "number"], ["-", "operator"], ["01", "number"], [")", null],
  ]);
});

test("hyphenated operators and multi-line strings", () => {
  assert.deepEqual(tokens("T | project-away A | mv-expand B", "| extend x = a-b, s = ```one", "two```"), [
    ["T", "variableName"], ["|", "operator"], ["project-away", "keyword"], ["A", "variableName"], ["|", "operator"],
    ["mv-expand", "keyword"], ["B", "variableName"], ["|", "operator"], ["extend", "keyword"], ["x", "variableName"],
    ["=", "operator"], ["a", "variableName"], ["-", "operator"], ["b", "variableName"], [",", null], ["s", "variableName"],
    ["=", "operator"], ["```one", "string"], ["two```", "string"],
  ]);
});
