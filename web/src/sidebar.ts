// The left panel: the workspace schema (tables → columns with types and
// row counts; clicking a name inserts it into the selected cell) and the
// query history from the journal.
import { api } from "./api";
import { clear, formatCount, formatElapsed, h } from "./dom";
import { quoteName } from "./kqlquote";
import type { HistoryEntry, WorkspaceInfo } from "./types";

export interface SidebarHost {
  insert(text: string): void;
  newCell(query: string): void;
}

export class Sidebar {
  readonly el: HTMLElement;
  private readonly schemaEl: HTMLElement;
  private readonly historyEl: HTMLElement;
  private readonly tabs: HTMLButtonElement[];
  private historyLoaded = false;
  private search = "";
  private onlyThis = false;

  constructor(private readonly nbId: string, private readonly host: SidebarHost) {
    this.schemaEl = h("div", { class: "side-pane", role: "tabpanel", id: "pane-schema", "aria-label": "schema" });
    this.historyEl = h("div", { class: "side-pane", role: "tabpanel", id: "pane-history", "aria-label": "query history", hidden: true });
    const tab = (label: string, pane: HTMLElement) => h("button", {
      class: "tab", role: "tab", "aria-controls": pane.id, onclick: (() => this.show(pane)) as EventListener,
    }, label);
    this.tabs = [tab("Schema", this.schemaEl), tab("History", this.historyEl)];
    this.el = h("aside", { class: "sidebar", "aria-label": "workspace" },
      h("div", { class: "side-tabs", role: "tablist" }, this.tabs), this.schemaEl, this.historyEl);
    this.tabs[0]!.setAttribute("aria-selected", "true");
    void this.loadSchema();
  }

  private show(pane: HTMLElement): void {
    for (const [i, p] of [this.schemaEl, this.historyEl].entries()) {
      p.hidden = p !== pane;
      this.tabs[i]!.setAttribute("aria-selected", String(p === pane));
    }
    if (pane === this.historyEl) void this.loadHistory();
  }

  private async loadSchema(): Promise<void> {
    let ws: WorkspaceInfo;
    try { ws = await api.workspace(); } catch (e) {
      this.schemaEl.replaceChildren(h("p", { class: "error-text" }, `schema: ${(e as Error).message}`));
      return;
    }
    const filter = h("input", { type: "search", class: "side-filter", placeholder: "Filter tables and columns", "aria-label": "filter schema" });
    const list = h("ul", { class: "schema", role: "tree" });
    const draw = () => {
      clear(list);
      const q = filter.value.trim().toLowerCase();
      for (const t of ws.tables) {
        const cols = t.columns.filter((c) => !q || t.name.toLowerCase().includes(q) || c.name.toLowerCase().includes(q));
        if (q && cols.length === 0) continue;
        const details = h("details", { open: q !== "" },
          h("summary", {},
            h("button", { class: "schema-name", title: `Insert ${t.name}`, onclick: ((e: Event) => { e.preventDefault(); this.host.insert(quoteName(t.name)); }) as EventListener }, t.name),
            h("span", { class: "schema-rows", title: "rows" }, formatCount(t.rows))),
          h("ul", {}, cols.map((c) => h("li", {},
            h("button", { class: "schema-col", title: `Insert ${c.name}`, onclick: (() => this.host.insert(quoteName(c.name))) as EventListener }, c.name),
            h("span", { class: "schema-type" }, c.type)))));
        list.appendChild(h("li", { role: "treeitem" }, details));
      }
    };
    filter.addEventListener("input", draw);
    draw();
    this.schemaEl.replaceChildren(h("div", { class: "side-title" }, ws.name), filter, list);
  }

  historyChanged(): void {
    if (!this.historyEl.hidden) void this.loadHistory();
    else this.historyLoaded = false;
  }

  private async loadHistory(): Promise<void> {
    if (!this.historyLoaded) {
      const search = h("input", { type: "search", class: "side-filter", placeholder: "Search queries", "aria-label": "search history", value: this.search });
      let t = 0;
      search.addEventListener("input", () => { window.clearTimeout(t); t = window.setTimeout(() => { this.search = search.value; void this.fillHistory(); }, 250); });
      const only = h("input", { type: "checkbox", checked: this.onlyThis });
      only.addEventListener("change", () => { this.onlyThis = only.checked; void this.fillHistory(); });
      this.historyEl.replaceChildren(search, h("label", { class: "side-check" }, only, " this notebook only"), h("ol", { class: "history" }));
      this.historyLoaded = true;
    }
    await this.fillHistory();
  }

  private async fillHistory(): Promise<void> {
    const list = this.historyEl.querySelector("ol")!;
    let entries: HistoryEntry[];
    try {
      entries = await api.history({ search: this.search, notebook: this.onlyThis ? this.nbId : undefined, limit: 200 });
    } catch (e) {
      list.replaceChildren(h("li", { class: "error-text" }, (e as Error).message));
      return;
    }
    clear(list);
    if (entries.length === 0) list.appendChild(h("li", { class: "muted" }, "No queries yet."));
    for (const e of entries) {
      const when = new Date(e.time);
      const meta = e.error ? `✗ ${e.error}` : `${formatCount(e.rows)} rows · ${formatElapsed(e.elapsed)}`;
      list.appendChild(h("li", { class: "history-item" + (e.error ? " failed" : "") },
        h("div", { class: "history-meta" },
          h("time", { datetime: e.time, title: when.toISOString() }, when.toLocaleTimeString()),
          e.notebookName ? h("span", { class: "history-nb" }, e.notebookName) : null),
        h("pre", { class: "history-query" }, e.query),
        h("div", { class: "history-foot" }, h("span", { class: "muted" }, meta),
          h("button", { class: "btn small", title: "Insert the query as a new cell below", onclick: (() => this.host.newCell(e.query)) as EventListener }, "Use"))));
    }
  }
}
