// Parses what the analyst types in a column's filter box into a
// ColumnFilter the server applies: "text" contains, "!text" does not
// contain, "=v" "!=v" "<v" "<=v" ">v" ">=v" compare, "(empty)" "!(empty)".
import type { ColumnFilter, FilterOp } from "./types";

const PREFIXES: [string, FilterOp][] = [
  ["!=", "ne"], ["<=", "le"], [">=", "ge"], ["==", "eq"], ["=", "eq"], ["<", "lt"], [">", "gt"], ["!", "notcontains"],
];

export function parseFilter(column: string, text: string): ColumnFilter | null {
  const t = text.trim();
  if (t === "") return null;
  if (t === "(empty)") return { column, op: "empty" };
  if (t === "!(empty)") return { column, op: "notempty" };
  for (const [p, op] of PREFIXES) {
    if (t.startsWith(p)) {
      const value = t.slice(p.length).trim();
      return value === "" ? null : { column, op, value };
    }
  }
  return { column, op: "contains", value: t };
}
