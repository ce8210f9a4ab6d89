// The result grid: a virtual scroller over a result held by the server.
// Only the rows on screen exist in the DOM and only the pages around them
// are fetched; sort, filters and search are applied by the server, so a
// result of any size scrolls the same. Very tall results scale the
// scrollbar (browsers cap an element's height) and map it back to rows.
import { api } from "./api";
import { clear, copyText, formatCount, h, toast } from "./dom";
import { parseFilter } from "./gridfilter";
import type { Column, ColumnFilter, PageQuery, ResultInfo, SortKey } from "./types";

const ROW_H = 26;
const PAGE = 200;
const MAX_SCROLL_PX = 8_000_000;
const BODY_ROWS = 14;

export interface GridActions {
  // addFilter appends `| where Col == value` (or != with exclude) to the
  // cell's query.
  addFilter(col: Column, value: unknown, exclude: boolean): void;
}

function widthOf(c: Column): number {
  const base = { datetime: 215, timespan: 120, bool: 70, int: 90, long: 110, real: 110, decimal: 110, guid: 290, dynamic: 260, string: 220 }[c.type] ?? 180;
  return Math.max(base, Math.min(320, c.name.length * 8 + 40));
}

// cellText is how a value shows in a grid cell (the JSON form the server
// sends: datetimes as Kusto text, dynamic as JSON).
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

export class Grid {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rowsEl: HTMLElement;
  private readonly head: HTMLElement;
  private readonly status: HTMLElement;
  private readonly detail: HTMLElement;
  private readonly widths: number[];
  private sort: SortKey[] = [];
  private filters = new Map<string, ColumnFilter>();
  private search = "";
  private total: number;
  private pages = new Map<number, unknown[][]>();
  private pending = new Map<number, Promise<void>>();
  private generation = 0;
  private selected: { row: number; col: number } | null = null;
  private renderQueued = false;

  constructor(private readonly nb: string, private readonly info: ResultInfo, private readonly actions: GridActions) {
    this.total = info.rows;
    this.widths = info.columns.map(widthOf);
    const width = this.widths.reduce((a, b) => a + b, 48);
    this.head = h("div", { class: "grid-head", role: "row" });
    this.spacer = h("div", { class: "grid-spacer" });
    this.rowsEl = h("div", { class: "grid-rows", role: "rowgroup" });
    this.body = h("div", { class: "grid-body", tabindex: "0", "aria-label": "result rows" }, this.spacer, this.rowsEl);
    this.status = h("span", { class: "grid-count" });
    this.detail = h("div", { class: "grid-detail", hidden: true });
    this.spacer.style.width = `${width}px`;
    this.rowsEl.style.width = `${width}px`;
    this.head.style.width = `${width}px`;
    const searchBox = h("input", {
      type: "search", class: "grid-search", placeholder: "Search all columns", "aria-label": "search the result",
    });
    let t = 0;
    searchBox.addEventListener("input", () => {
      window.clearTimeout(t);
      t = window.setTimeout(() => { this.search = searchBox.value; this.reload(); }, 250);
    });
    const csv = h("a", { class: "btn small", href: "#", download: "", title: "Download the rows as CSV (sorted and filtered as shown)" }, "CSV");
    csv.addEventListener("click", () => { csv.setAttribute("href", api.csvURL(this.nb, this.info.id, this.viewQuery())); });
    const headWrap = h("div", { class: "grid-headwrap" }, this.head);
    this.el = h("div", { class: "grid", role: "table", "aria-rowcount": String(this.total) },
      h("div", { class: "grid-toolbar" }, this.status, searchBox, csv),
      headWrap, this.body, this.detail);
    this.body.style.height = `${Math.min(BODY_ROWS, Math.max(this.total, 1)) * ROW_H + 16}px`;
    this.body.addEventListener("scroll", () => { headWrap.scrollLeft = this.body.scrollLeft; this.queueRender(); });
    this.body.addEventListener("keydown", (e) => this.onKey(e));
    // Rows are laid out for the visible height: draw again when it changes
    // (a grid shown from a hidden tab, a resized window).
    new ResizeObserver(() => this.queueRender()).observe(this.body);
    this.renderHead();
    this.layout();
  }

  private viewQuery(): Omit<PageQuery, "offset" | "limit"> {
    return { sort: this.sort, filters: [...this.filters.values()], search: this.search };
  }

  private renderHead(): void {
    clear(this.head);
    this.head.appendChild(h("div", { class: "grid-th grid-rownum", role: "columnheader" }, "#"));
    this.info.columns.forEach((c, i) => {
      const s = this.sort.find((k) => k.column === c.name);
      const arrow = s ? (s.desc ? " ▼" : " ▲") : "";
      const btn = h("button", {
        class: "grid-sort", title: `Sort by ${c.name} (${c.type}); shift-click adds a key`,
        onclick: ((e: MouseEvent) => this.toggleSort(c.name, e.shiftKey)) as EventListener,
      }, h("span", { class: "grid-colname" }, c.name), h("span", { class: "grid-type" }, c.type), arrow);
      const f = h("input", {
        class: "grid-filter", placeholder: "filter", "aria-label": `filter ${c.name}`,
        title: "text: contains · !text: not · =v !=v <v >v <=v >=v · (empty)",
        value: this.filters.has(c.name) ? this.filterText(c.name) : undefined,
      });
      let t = 0;
      f.addEventListener("input", () => {
        window.clearTimeout(t);
        t = window.setTimeout(() => {
          const pf = parseFilter(c.name, f.value);
          if (pf) this.filters.set(c.name, pf); else this.filters.delete(c.name);
          this.reload();
        }, 300);
      });
      const grip = h("div", { class: "grid-grip", title: "Drag to resize", "aria-hidden": "true" });
      grip.addEventListener("pointerdown", (e) => this.startResize(e, i, th));
      const th = h("div", { class: "grid-th", role: "columnheader", "aria-sort": s ? (s.desc ? "descending" : "ascending") : "none" }, btn, f, grip);
      th.style.width = `${this.widths[i]}px`;
      this.head.appendChild(th);
    });
  }

  // startResize drags a column's right edge; the rows follow on release
  // (and live, through the next frame's render).
  private startResize(e: PointerEvent, i: number, th: HTMLElement): void {
    e.preventDefault();
    const x0 = e.clientX, w0 = this.widths[i]!;
    const move = (ev: PointerEvent) => {
      this.widths[i] = Math.max(50, w0 + ev.clientX - x0);
      th.style.width = `${this.widths[i]}px`;
      const width = `${this.widths.reduce((a, b) => a + b, 48)}px`;
      this.head.style.width = this.spacer.style.width = this.rowsEl.style.width = width;
      this.queueRender();
    };
    const up = () => { window.removeEventListener("pointermove", move); window.removeEventListener("pointerup", up); };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  }

  private filterText(col: string): string {
    const f = this.filters.get(col)!;
    const sym: Record<string, string> = { contains: "", notcontains: "!", eq: "=", ne: "!=", lt: "<", le: "<=", gt: ">", ge: ">=" };
    if (f.op === "empty") return "(empty)";
    if (f.op === "notempty") return "!(empty)";
    return (sym[f.op] ?? "") + (f.value ?? "");
  }

  private toggleSort(col: string, add: boolean): void {
    const cur = this.sort.find((k) => k.column === col);
    const next: SortKey | null = !cur ? { column: col, desc: false } : !cur.desc ? { column: col, desc: true } : null;
    const others = add ? this.sort.filter((k) => k.column !== col) : [];
    this.sort = next ? [...others, next] : others;
    this.renderHead();
    this.reload();
  }

  private reload(): void {
    this.generation++;
    this.pages.clear();
    this.pending.clear();
    this.selected = null;
    this.detail.hidden = true;
    this.body.scrollTop = 0;
    void this.fetchPage(0).then(() => this.layout());
  }

  private scrollHeight(): number { return Math.min(this.total * ROW_H, MAX_SCROLL_PX); }

  private layout(): void {
    this.spacer.style.height = `${this.scrollHeight()}px`;
    this.el.setAttribute("aria-rowcount", String(this.total));
    const filtered = this.filters.size > 0 || this.search !== "";
    this.status.textContent = filtered
      ? `${formatCount(this.total)} of ${formatCount(this.info.rows)} rows`
      : `${formatCount(this.total)} rows`;
    this.queueRender();
  }

  // firstRow maps the scroll position to the first visible row (scaled when
  // the result is taller than the browser allows).
  private firstRow(): number {
    const view = this.body.clientHeight;
    const max = this.scrollHeight() - view;
    const rowsInView = Math.floor(view / ROW_H);
    if (this.total * ROW_H <= MAX_SCROLL_PX || max <= 0) return Math.floor(this.body.scrollTop / ROW_H);
    return Math.round((this.body.scrollTop / max) * Math.max(0, this.total - rowsInView));
  }

  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => { this.renderQueued = false; this.renderRows(); });
  }

  private renderRows(): void {
    const first = this.firstRow();
    const n = Math.ceil(this.body.clientHeight / ROW_H) + 2;
    const exact = this.total * ROW_H <= MAX_SCROLL_PX;
    const top = exact ? first * ROW_H : this.body.scrollTop;
    this.rowsEl.style.transform = `translateY(${top}px)`;
    clear(this.rowsEl);
    for (let r = first; r < Math.min(this.total, first + n); r++) {
      this.rowsEl.appendChild(this.renderRow(r));
    }
    for (const p of new Set([Math.floor(first / PAGE), Math.floor((first + n) / PAGE)])) {
      if (p * PAGE < this.total) void this.fetchPage(p);
    }
  }

  private renderRow(r: number): HTMLElement {
    const page = this.pages.get(Math.floor(r / PAGE));
    const row = page?.[r % PAGE];
    const el = h("div", { class: "grid-tr" + (r % 2 ? " odd" : ""), role: "row", "aria-rowindex": String(r + 1), "data-row": String(r) });
    el.appendChild(h("div", { class: "grid-td grid-rownum", role: "rowheader" }, formatCount(r + 1)));
    this.info.columns.forEach((c, i) => {
      const v = row?.[i];
      const text = row ? cellText(v) : "…";
      const td = h("div", {
        class: `grid-td t-${c.type}` + (v === null ? " null" : "") + (this.selected?.row === r && this.selected.col === i ? " sel" : ""),
        role: "cell", title: text.length > 40 ? text.slice(0, 1000) : undefined,
      }, text);
      td.style.width = `${this.widths[i]}px`;
      td.addEventListener("click", () => this.select(r, i));
      td.addEventListener("contextmenu", (e) => { e.preventDefault(); this.select(r, i); });
      el.appendChild(td);
    });
    return el;
  }

  // fetchPage loads a page of the current view once; callers share the
  // request in flight.
  private fetchPage(p: number): Promise<void> {
    if (this.pages.has(p)) return Promise.resolve();
    const inFlight = this.pending.get(p);
    if (inFlight) return inFlight;
    const gen = this.generation;
    const req = (async () => {
      try {
        const page = await api.page(this.nb, this.info.id, { offset: p * PAGE, limit: PAGE, ...this.viewQuery() });
        if (gen !== this.generation) return;
        this.pages.set(p, page.rows);
        if (page.total !== this.total) { this.total = page.total; this.layout(); }
        this.queueRender();
      } catch (e) {
        if (gen === this.generation) this.status.textContent = `error: ${(e as Error).message}`;
      } finally {
        if (gen === this.generation) this.pending.delete(p);
      }
    })();
    this.pending.set(p, req);
    return req;
  }

  private rowAt(r: number): unknown[] | undefined {
    return this.pages.get(Math.floor(r / PAGE))?.[r % PAGE];
  }

  private select(r: number, c: number): void {
    this.selected = { row: r, col: c };
    this.queueRender();
    this.body.focus({ preventScroll: true });
    const show = () => {
      const row = this.rowAt(r);
      if (row && this.selected?.row === r && this.selected.col === c) this.showDetail(r, c, row);
    };
    if (this.rowAt(r)) show();
    else void this.fetchPage(Math.floor(r / PAGE)).then(show);
  }

  private showDetail(r: number, c: number, row: unknown[]): void {
    const col = this.info.columns[c]!;
    const v = row[c];
    const rowObj = Object.fromEntries(this.info.columns.map((cc, i) => [cc.name, row[i]]));
    let shown = cellText(v);
    if (typeof v === "object" && v !== null) shown = JSON.stringify(v, null, 2);
    else if (typeof v === "string" && /^\s*[[{]/.test(v)) {
      try { shown = JSON.stringify(JSON.parse(v), null, 2); } catch { /* not JSON */ }
    }
    clear(this.detail);
    this.detail.hidden = false;
    const btn = (label: string, title: string, fn: () => void) =>
      h("button", { class: "btn small", title, onclick: fn as EventListener }, label);
    this.detail.append(
      h("div", { class: "grid-detail-head" },
        h("span", { class: "grid-detail-name" }, `${col.name} `, h("span", { class: "grid-type" }, col.type), ` · row ${formatCount(r + 1)}`),
        btn("Copy value", "Copy the cell's value", () => { void copyText(cellText(v)).then(() => toast("Value copied")); }),
        btn("Copy row", "Copy the row as JSON", () => { void copyText(JSON.stringify(rowObj)).then(() => toast("Row copied as JSON")); }),
        btn("Add as filter", `Append | where ${col.name} == value to the query`, () => this.actions.addFilter(col, v, false)),
        btn("Exclude", `Append | where ${col.name} != value to the query`, () => this.actions.addFilter(col, v, true)),
        btn("✕", "Close", () => { this.detail.hidden = true; })),
      h("pre", { class: "grid-detail-value" + (col.type === "dynamic" ? " json" : "") }, shown));
  }

  private onKey(e: KeyboardEvent): void {
    const s = this.selected;
    if (!s) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      e.stopPropagation();
      const r = Math.min(Math.max(0, s.row + m[0]), this.total - 1);
      const c = Math.min(Math.max(0, s.col + m[1]), this.info.columns.length - 1);
      const first = this.firstRow();
      const visible = Math.floor(this.body.clientHeight / ROW_H) - 1;
      if (r < first || r > first + visible) this.body.scrollTop += (r - s.row) * ROW_H;
      this.select(r, c);
    } else if ((e.ctrlKey || e.metaKey) && e.key === "c") {
      const row = this.rowAt(s.row);
      if (row) void copyText(cellText(row[s.col])).then(() => toast("Value copied"));
      e.stopPropagation();
    } else if (e.key === "Escape") {
      this.detail.hidden = true;
    }
  }

  // scrollToRow moves the view so row r is at the top (tests, keyboard).
  scrollToRow(r: number): void {
    const max = this.scrollHeight() - this.body.clientHeight;
    if (this.total * ROW_H <= MAX_SCROLL_PX) this.body.scrollTop = r * ROW_H;
    else this.body.scrollTop = (r / Math.max(1, this.total - Math.floor(this.body.clientHeight / ROW_H))) * max;
  }
}
