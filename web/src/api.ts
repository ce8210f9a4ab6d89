// HTTP calls of the API. The token cookie travels by itself (same origin).
import type {
  Chart, HistoryEntry, NotebookInfo, NotebookState, Page, PageQuery, WorkspaceInfo,
} from "./types";

export class ApiError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: {} };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)["Content-Type"] = "application/json";
  }
  const res = await fetch(path, init);
  if (!res.ok) {
    let msg = res.statusText;
    try { msg = ((await res.json()) as { error?: string }).error ?? msg; } catch { /* not JSON */ }
    throw new ApiError(res.status, msg);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

const enc = encodeURIComponent;

export const api = {
  workspace: () => call<WorkspaceInfo>("GET", "/api/workspace"),
  notebooks: () => call<NotebookInfo[]>("GET", "/api/notebooks"),
  createNotebook: (name: string) => call<NotebookInfo>("POST", "/api/notebooks", { name }),
  renameNotebook: (id: string, name: string) => call<NotebookInfo>("PATCH", `/api/notebooks/${enc(id)}`, { name }),
  deleteNotebook: (id: string) => call<void>("DELETE", `/api/notebooks/${enc(id)}`),
  snapshot: (id: string) => call<NotebookState>("GET", `/api/notebooks/${enc(id)}`),
  page: (nb: string, rid: string, q: PageQuery) =>
    call<Page>("GET", `/api/notebooks/${enc(nb)}/results/${enc(rid)}/page?q=${enc(JSON.stringify(q))}`),
  chart: (nb: string, rid: string) =>
    call<{ chart?: Chart; error?: string }>("GET", `/api/notebooks/${enc(nb)}/results/${enc(rid)}/chart`),
  csvURL: (nb: string, rid: string, q: Omit<PageQuery, "offset" | "limit">) =>
    `/api/notebooks/${enc(nb)}/results/${enc(rid)}/csv?q=${enc(JSON.stringify(q))}`,
  history: (q: { notebook?: string; search?: string; limit?: number }) => {
    const p = new URLSearchParams();
    if (q.notebook) p.set("notebook", q.notebook);
    if (q.search) p.set("q", q.search);
    if (q.limit) p.set("limit", String(q.limit));
    return call<HistoryEntry[]>("GET", `/api/history?${p}`);
  },
  markdown: (source: string) => call<{ html: string }>("POST", "/api/markdown", { source }),
};
