// KQL quoting for text the UI writes into a query ("add as filter"): every
// value becomes a literal of its column's type, every name an identifier
// or a bracketed ['name'].
import type { KqlType } from "./types";

const KEYWORDS = new Set([
  "and", "or", "not", "by", "on", "with", "let", "in", "has", "contains", "where", "project", "extend",
  "summarize", "sort", "order", "take", "limit", "top", "join", "union", "render", "as", "asc", "desc",
  "true", "false", "null", "between", "print", "range", "datatable", "to", "step", "kind", "of", "typeof",
]);

export function quoteName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toLowerCase())) return name;
  return "['" + name.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "']";
}

export function quoteString(s: string): string {
  return '"' + s.replace(/[\\"\n\r\t]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c]!) + '"';
}

// literal writes a value of a result (in its JSON form) as a KQL literal.
export function literal(type: KqlType, v: unknown): string {
  if (v === null || v === undefined) return "null";
  switch (type) {
    case "bool": return v ? "true" : "false";
    case "int": case "long": return String(v);
    case "real": {
      if (typeof v === "string") return v === "NaN" ? "real(nan)" : v.startsWith("-") ? "real(-inf)" : "real(+inf)";
      return Number.isInteger(v) && !String(v).includes("e") ? `${v}.0` : String(v);
    }
    case "decimal": return `decimal(${v})`;
    case "datetime": return `datetime(${v})`;
    case "timespan": return `timespan(${v})`;
    case "guid": return `guid(${v})`;
    case "dynamic": return quoteString(JSON.stringify(v));
    default: return quoteString(String(v));
  }
}

// filterClause is the `where` that keeps (or, with exclude, drops) the
// rows whose column has this value.
export function filterClause(col: string, type: KqlType, v: unknown, exclude = false): string {
  const name = quoteName(col);
  if (v === null || v === undefined || (type === "string" && v === "")) {
    const fn = type === "string" ? "isempty" : "isnull";
    return exclude ? `where not(${fn}(${name}))` : `where ${fn}(${name})`;
  }
  const op = exclude ? "!=" : "==";
  if (type === "dynamic") return `where tostring(${name}) ${op} ${literal(type, v)}`;
  return `where ${name} ${op} ${literal(type, v)}`;
}

// appendClause adds `| clause` to a query, before a final render operator
// so the chart still draws.
export function appendClause(query: string, clause: string): string {
  const q = query.replace(/\s+$/, "");
  const m = /\n?\s*\|\s*render\b[^|]*$/.exec(q);
  if (m) return q.slice(0, m.index) + `\n| ${clause}` + q.slice(m.index);
  return q + `\n| ${clause}`;
}
