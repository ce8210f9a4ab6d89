// A CodeMirror stream language for KQL: comments, the string forms
// ("", '', @"", ```...```), numbers with timespan suffixes, tabular
// operators, keywords, functions (a name before "("), types and bracketed
// names ['...']. Highlighting uses @lezer/highlight's tags, styled by
// app.css through classHighlighter's tok-* classes.
import { StreamLanguage, type StringStream } from "@codemirror/language";

const OPERATORS = new Set((
  "where filter project project-away project-keep project-rename project-reorder extend summarize " +
  "sort order take limit top top-nested count distinct join union lookup mv-expand mv-apply parse " +
  "parse-where parse-kv make-series render evaluate as invoke getschema search find sample " +
  "sample-distinct serialize partition fork facet scan print range datatable externaldata let " +
  "materialize reduce consume"
).split(" "));

const KEYWORDS = new Set((
  "by on with kind of to step from asc desc nulls first last and or not in has has_cs hasprefix " +
  "hassuffix has_any has_all contains contains_cs startswith startswith_cs endswith endswith_cs " +
  "matches regex between like inner outer leftouter rightouter fullouter leftanti rightanti " +
  "leftsemi rightsemi innerunique anti semi typeof set declare query_parameters alias pattern"
).split(" "));

const TYPES = new Set("bool boolean int long real double decimal string datetime date timespan time dynamic guid uniqueid".split(" "));
const ATOMS = new Set(["true", "false", "null"]);

export interface State { inTripleString: boolean; afterPipe: boolean }

export function token(stream: StringStream, state: State): string | null {
  if (state.inTripleString) {
    if (stream.skipTo("```")) { stream.pos += 3; state.inTripleString = false; } else stream.skipToEnd();
    return "string";
  }
  if (stream.eatSpace()) return null;
  if (stream.match("//")) { stream.skipToEnd(); return "comment"; }
  if (stream.match("```")) { state.inTripleString = true; return token(stream, state) ?? "string"; }
  if (stream.match(/^[hH]?@?"/, false) || stream.match(/^[hH]?@?'/, false)) {
    const verbatim = stream.match(/^[hH]?@/) !== null;
    if (!verbatim) stream.match(/^[hH](?=["'])/);
    const quote = stream.next()!;
    let c: string | void;
    while ((c = stream.next()) !== undefined) {
      if (c === "\\" && !verbatim) stream.next();
      else if (c === quote) break;
    }
    return "string";
  }
  if (stream.match(/^\[\s*'(?:[^'\\]|\\.)*'\s*\]/) || stream.match(/^\[\s*"(?:[^"\\]|\\.)*"\s*\]/)) return "variableName.special";
  if (stream.match(/^(?:0x[0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?:ms|microseconds?|ticks?|[dhms]|min|sec)?)\b/)) return "number";
  if (stream.match("|")) { state.afterPipe = true; return "operator"; }
  if (stream.match(/^(?:==|!=|=~|!~|<=|>=|<|>|=|\+|-|\*|\/|%|\.\.)/)) return "operator";
  const word = stream.match(/^[A-Za-z_][A-Za-z0-9_-]*/) as RegExpMatchArray | null;
  if (word) {
    let w = word[0];
    // A hyphenated name is an operator (project-away, mv-expand) or a minus.
    if (w.includes("-") && !OPERATORS.has(w) && !KEYWORDS.has(w)) {
      stream.backUp(w.length - w.indexOf("-"));
      w = w.slice(0, w.indexOf("-"));
    }
    const afterPipe = state.afterPipe;
    state.afterPipe = false;
    if ((afterPipe || w === "let" || w === "print" || w === "range" || w === "datatable") && OPERATORS.has(w)) return "keyword";
    if (OPERATORS.has(w) && stream.sol()) return "keyword";
    if (ATOMS.has(w)) return "atom";
    if (TYPES.has(w)) return "typeName";
    if (stream.match(/^\s*\(/, false)) return "function(variableName)";
    if (KEYWORDS.has(w) || OPERATORS.has(w)) return "keyword";
    return "variableName";
  }
  stream.next();
  state.afterPipe = false;
  return null;
}

export const kqlLanguage = StreamLanguage.define<State>({
  name: "kql",
  startState: () => ({ inTripleString: false, afterPipe: false }),
  copyState: (s) => ({ ...s }),
  token,
  languageData: { commentTokens: { line: "//" }, closeBrackets: { brackets: ["(", "[", "{", '"', "'"] } },
});
