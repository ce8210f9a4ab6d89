// Wire types of huntbook's API (docs/api.md); they mirror package server.

export type KqlType =
  | "bool" | "int" | "long" | "real" | "decimal" | "string"
  | "datetime" | "timespan" | "dynamic" | "guid";

export interface Column { name: string; type: KqlType }

export interface TableInfo { name: string; rows: number; description?: string; columns: Column[] }
export interface WorkspaceInfo { name: string; tables: TableInfo[] }

export interface NotebookInfo { id: string; name: string; modified: string; demo?: boolean }

export type CellType = "code" | "markdown" | "raw";
export type CellStatus = "" | "queued" | "running" | "done" | "error" | "interrupted";

export interface Visualization { kind: string; title?: string; [k: string]: unknown }

export interface ResultInfo {
  id: string; name?: string; columns: Column[]; rows: number;
  partial?: boolean; totalRows?: number; visualization?: Visualization;
}

export interface QueryError { message: string; line?: number; col?: number; endLine?: number; endCol?: number }

export interface Output {
  type: "result" | "html" | "text" | "error";
  result?: ResultInfo; html?: string; text?: string; error?: QueryError;
}

export interface CellState {
  id: string; type: CellType; source: string; metadata?: Record<string, unknown>;
  executionCount?: number; status?: CellStatus; outputs: Output[]; html?: string;
}

export interface NotebookState { id: string; name: string; version: number; saved: number; cells: CellState[] }

export type EditOp = "insert" | "delete" | "move" | "source" | "type" | "metadata";
export interface Edit {
  op: EditOp; cellId: string; index?: number; cellType?: CellType; source?: string;
  metadata?: Record<string, unknown>;
}

export interface SessionEvent {
  type: "status" | "saved" | "saveFailed" | "kernel";
  cellId?: string; status?: CellStatus; started?: string; elapsed?: number;
  executionCount?: number; rows?: number; outputs?: Output[];
  version?: number; state?: string; message?: string;
}

export interface SortKey { column: string; desc?: boolean }
export type FilterOp = "contains" | "notcontains" | "eq" | "ne" | "lt" | "le" | "gt" | "ge" | "empty" | "notempty";
export interface ColumnFilter { column: string; op: FilterOp; value?: string }
export interface PageQuery { offset: number; limit: number; sort?: SortKey[]; filters?: ColumnFilter[]; search?: string }
export interface Page { offset: number; total: number; rows: unknown[][] }

export interface Completion { label: string; kind: string; detail?: string; doc?: string; insert?: string }
export interface Completions { from: number; to: number; items: Completion[] }
export interface Diagnostic { from: number; to: number; severity: "error" | "warning" | "info"; message: string }

export interface HistoryEntry {
  id: string; time: string; notebookId?: string; notebookName?: string; cellId?: string;
  query: string; elapsed: number; rows: number; error?: string;
}

// The chart model of docs/render.md.
export interface Axis { kind: "time" | "linear" | "log" | "category"; title?: string; column?: string; min?: number; max?: number }
export interface Series {
  name: string; column: string; points: [number, number | null][];
  anomalies?: { x: number; y: number; dir: number }[];
}
export interface TimelineEvent { lane: number; start: number; end?: number; label?: string; row: number }
export interface TreeNode {
  key: string; parent?: string; depth: number; name: string; commandLine?: string;
  host?: string; time?: number; children: number; row: number;
}
export interface Chart {
  kind: string; title?: string; stack?: string; ysplit?: string; legend: boolean;
  x: Axis; y: Axis; categories?: string[]; series?: Series[];
  card?: { label: string; value: string }[];
  timeline?: { lanes: string[]; events: TimelineEvent[] };
  tree?: { total: number; nodes: TreeNode[] };
  notes?: string[];
}
