// The notebook view: the cells, the toolbar, command and edit mode with
// JupyterLab's keys, and the edit stream to the server (source changes
// batched, every change acknowledged, "saved" shown only once the server
// says the save is durable).
import type { KeyBinding } from "@codemirror/view";
import { api } from "./api";
import { CellView, type CellHost } from "./cell";
import { Connection } from "./conn";
import { clear, h, toast } from "./dom";
import { showShortcuts } from "./shortcuts";
import { Sidebar } from "./sidebar";
import type { CellState, CellType, Completions, Diagnostic, Edit, NotebookState, SessionEvent } from "./types";

const SOURCE_DEBOUNCE_MS = 400;

function newCellID(): string {
  const b = new Uint8Array(4);
  crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}

export class NotebookView implements CellHost {
  readonly el: HTMLElement;
  private readonly cellsEl: HTMLElement;
  private readonly saveEl: HTMLElement;
  private readonly kernelEl: HTMLElement;
  private readonly titleEl: HTMLInputElement;
  private readonly conn: Connection;
  private readonly sidebar: Sidebar;
  private cells: CellView[] = [];
  private selected = 0;
  private pendingSource = new Map<string, string>();
  private sourceTimer = 0;
  private outbox: Edit[] = [];
  private sending: Promise<void> = Promise.resolve();
  private acked = 0;
  private saved = 0;
  private saveError = "";
  private online = false;
  private lastKey = { key: "", at: 0 };
  private deleted: { st: CellState; index: number } | null = null;
  private clipboard: { type: CellType; source: string } | null = null;
  private readonly onKey = (e: KeyboardEvent) => this.commandKey(e);
  private readonly onUnload = (e: BeforeUnloadEvent) => { if (this.dirty()) e.preventDefault(); };

  constructor(readonly nbId: string) {
    this.cellsEl = h("main", { class: "cells", "aria-label": "cells" });
    this.saveEl = h("span", { class: "save-state", role: "status", "aria-live": "polite" }, "Connecting…");
    this.kernelEl = h("span", { class: "kernel-state", title: "session state" }, "");
    this.titleEl = h("input", { class: "nb-title", "aria-label": "notebook name", spellcheck: "false" });
    this.titleEl.addEventListener("change", () => void this.rename());
    this.sidebar = new Sidebar(nbId, { insert: (text) => this.insertIntoSelected(text), newCell: (q) => this.insertCell(this.selected + 1, "code", q) });
    const btn = (label: string, title: string, fn: () => void, cls = "btn") => h("button", { class: cls, title, onclick: fn as EventListener }, label);
    const toolbar = h("header", { class: "toolbar" },
      h("a", { class: "brand", href: "#/", title: "All notebooks" }, "huntbook"),
      this.titleEl,
      h("div", { class: "toolbar-actions", role: "toolbar", "aria-label": "notebook actions" },
        btn("▶ Run", "Run the selected cell (Shift+Enter)", () => void this.run(this.current(), "next")),
        btn("▶▶ Run all", "Run every code cell", () => void this.runAll()),
        btn("■ Interrupt", "Interrupt the running query (I, I)", () => void this.interrupt()),
        btn("↻ Restart", "Forget let bindings and results (0, 0)", () => void this.restart()),
        btn("+ Code", "Insert a code cell below (B)", () => this.insertCell(this.selected + 1, "code")),
        btn("+ Markdown", "Insert a markdown cell below", () => this.insertCell(this.selected + 1, "markdown")),
        btn("◐", "Switch between light and dark theme", toggleTheme, "btn icon"),
        btn("?", "Keyboard shortcuts (H)", showShortcuts, "btn icon")),
      this.kernelEl, this.saveEl);
    this.el = h("div", { class: "nb-page" }, toolbar, h("div", { class: "nb-body" }, this.sidebar.el, this.cellsEl));
    this.conn = new Connection(nbId, {
      snapshot: (nb) => this.load(nb),
      event: (ev) => this.event(ev),
      edits: (edits) => { for (const e of edits) this.applyRemote(e); },
      connected: (up, why) => { this.online = up; if (!up && why) toast(why); this.showSave(); },
    });
    document.addEventListener("keydown", this.onKey);
    window.addEventListener("beforeunload", this.onUnload);
  }

  destroy(): void {
    this.flushSource();
    document.removeEventListener("keydown", this.onKey);
    window.removeEventListener("beforeunload", this.onUnload);
    this.conn.close();
    for (const c of this.cells) c.destroy();
  }

  private load(nb: NotebookState): void {
    const focusedID = this.cells[this.selected]?.id;
    for (const c of this.cells) c.destroy();
    clear(this.cellsEl);
    this.titleEl.value = nb.name;
    document.title = `${nb.name} · huntbook`;
    this.cells = nb.cells.map((st) => new CellView(st.id, st, this));
    for (const c of this.cells) this.cellsEl.appendChild(this.wrap(c));
    this.acked = Math.max(this.acked, nb.version);
    this.saved = Math.max(this.saved, nb.saved);
    // Edits typed while offline go out again on top of the fresh snapshot.
    for (const e of this.outbox) this.applyRemote(e);
    for (const [id, src] of this.pendingSource) this.cell(id)?.setSource(src);
    if (this.outbox.length) this.pump();
    if (this.cells.length === 0) this.insertCell(0, "code");
    const i = focusedID ? this.cells.findIndex((c) => c.id === focusedID) : 0;
    this.select(Math.max(0, i));
    this.showSave();
  }

  // wrap adds the per-cell action bar.
  private wrap(c: CellView): HTMLElement {
    const bar = h("div", { class: "cell-actions", role: "toolbar", "aria-label": "cell actions" },
      h("button", { class: "btn icon", title: "Run (Shift+Enter)", "aria-label": "run cell", onclick: (() => void this.run(c, "stay")) as EventListener }, "▶"),
      h("button", { class: "btn icon", title: "Move up", "aria-label": "move cell up", onclick: (() => this.move(c, -1)) as EventListener }, "↑"),
      h("button", { class: "btn icon", title: "Move down", "aria-label": "move cell down", onclick: (() => this.move(c, 1)) as EventListener }, "↓"),
      h("button", { class: "btn icon", title: "Delete (D, D)", "aria-label": "delete cell", onclick: (() => this.deleteCell(c)) as EventListener }, "✕"));
    c.el.querySelector(".cell-gutter")!.appendChild(bar);
    c.el.addEventListener("mousedown", () => this.select(this.cells.indexOf(c), false));
    return c.el;
  }

  private cell(id: string): CellView | undefined { return this.cells.find((c) => c.id === id); }
  private current(): CellView { return this.cells[this.selected]!; }

  private select(i: number, scroll = true): void {
    if (i < 0 || i >= this.cells.length) return;
    this.cells[this.selected]?.el.classList.remove("selected");
    this.selected = i;
    const c = this.cells[i]!;
    c.el.classList.add("selected");
    if (scroll) c.el.scrollIntoView({ block: "nearest" });
  }

  private commandMode(): void {
    const c = this.current();
    if (c.type === "markdown" && c.editingMarkdown) void c.renderMarkdown();
    c.el.focus();
  }

  // ---- CellHost ----

  changed(cell: CellView, source: string): void {
    this.pendingSource.set(cell.id, source);
    window.clearTimeout(this.sourceTimer);
    this.sourceTimer = window.setTimeout(() => this.flushSource(), SOURCE_DEBOUNCE_MS);
    this.showSave();
  }

  focused(cell: CellView): void { this.select(this.cells.indexOf(cell), false); }

  keys(cell: CellView): KeyBinding[] {
    return [
      { key: "Shift-Enter", run: () => { void this.run(cell, "next"); return true; } },
      { key: "Mod-Enter", run: () => { void this.run(cell, "stay"); return true; } },
      { key: "Alt-Enter", run: () => { void this.run(cell, "insert"); return true; } },
      { key: "Escape", run: () => { this.commandMode(); return true; } },
      { key: "Mod-s", run: () => { void this.save(); return true; }, preventDefault: true },
    ];
  }

  complete(cell: CellView, source: string, pos: number): Promise<Completions> {
    return this.conn.request<Completions>({ type: "complete", cellId: cell.id, source, pos });
  }

  async diagnose(cell: CellView, source: string): Promise<Diagnostic[]> {
    try {
      const r = await this.conn.request<{ diagnostics: Diagnostic[] }>({ type: "diagnose", cellId: cell.id, source });
      return r.diagnostics;
    } catch { return []; }
  }

  // ---- edits ----

  private flushSource(): void {
    window.clearTimeout(this.sourceTimer);
    if (this.pendingSource.size === 0) return;
    const edits: Edit[] = [...this.pendingSource].map(([cellId, source]) => ({ op: "source", cellId, source }));
    this.pendingSource.clear();
    this.send(edits);
  }

  private send(edits: Edit[]): void {
    this.outbox.push(...edits);
    this.showSave();
    this.pump();
  }

  // pump sends the outbox in order, one batch at a time; a batch that does
  // not reach the server stays for the next connection.
  private pump(): void {
    this.sending = this.sending.then(async () => {
      if (this.outbox.length === 0 || !this.conn.up) return;
      const batch = this.outbox.slice();
      try {
        const ack = await this.conn.request<{ version: number }>({ type: "edit", edits: batch });
        this.outbox.splice(0, batch.length);
        this.acked = Math.max(this.acked, ack.version);
      } catch (e) {
        if (this.conn.up) { this.outbox.splice(0, batch.length); toast(`Edit refused: ${(e as Error).message}`); }
      }
      this.showSave();
    });
  }

  private dirty(): boolean {
    return this.pendingSource.size > 0 || this.outbox.length > 0 || this.saved < this.acked;
  }

  private showSave(): void {
    let text = "All changes saved", cls = "saved";
    if (this.saveError) { text = `Save failed: ${this.saveError}`; cls = "failed"; }
    else if (!this.online) { text = this.dirty() ? "Offline · unsaved changes kept in this tab" : "Offline"; cls = "offline"; }
    else if (this.dirty()) { text = "Saving…"; cls = "saving"; }
    this.saveEl.textContent = text;
    this.saveEl.className = `save-state ${cls}`;
    this.el?.setAttribute("data-save", cls);
  }

  async save(): Promise<void> {
    this.flushSource();
    await this.sending;
    try {
      const r = await this.conn.request<{ version: number }>({ type: "save" });
      this.saved = Math.max(this.saved, r.version);
      this.saveError = "";
    } catch (e) { this.saveError = (e as Error).message; }
    this.showSave();
  }

  private event(ev: SessionEvent): void {
    switch (ev.type) {
      case "saved": this.saved = Math.max(this.saved, ev.version ?? 0); this.saveError = ""; break;
      case "saveFailed": this.saveError = ev.message ?? "unknown error"; break;
      case "kernel": this.kernelEl.textContent = ev.state === "idle" ? "" : ev.state ?? ""; this.kernelEl.dataset["state"] = ev.state ?? ""; break;
      case "status": {
        this.cell(ev.cellId ?? "")?.event(ev);
        if (ev.status === "done" || ev.status === "error") this.sidebar.historyChanged();
        break;
      }
    }
    this.showSave();
  }

  // applyRemote applies an edit made elsewhere (another tab, or replayed
  // after a reconnect) to the view.
  private applyRemote(e: Edit): void {
    const i = this.cells.findIndex((c) => c.id === e.cellId);
    switch (e.op) {
      case "insert": if (i < 0) this.addView(e.index ?? this.cells.length, { id: e.cellId, type: e.cellType ?? "code", source: e.source ?? "", outputs: [] }); break;
      case "delete": if (i >= 0) { this.cells[i]!.destroy(); this.cells.splice(i, 1); this.select(Math.min(this.selected, this.cells.length - 1)); } break;
      case "move": if (i >= 0) this.moveView(i, e.index ?? i); break;
      case "source": if (i >= 0) this.cells[i]!.setSource(e.source ?? ""); break;
      case "type": if (i >= 0) this.cells[i]!.setType(e.cellType ?? "code"); break;
    }
  }

  private addView(index: number, st: CellState): CellView {
    const c = new CellView(st.id, st, this);
    const at = Math.min(Math.max(0, index), this.cells.length);
    this.cellsEl.insertBefore(this.wrap(c), this.cells[at]?.el ?? null);
    this.cells.splice(at, 0, c);
    return c;
  }

  private moveView(from: number, to: number): void {
    const [c] = this.cells.splice(from, 1);
    const at = Math.min(Math.max(0, to), this.cells.length);
    this.cells.splice(at, 0, c!);
    this.cellsEl.insertBefore(c!.el, this.cells[at + 1]?.el ?? null);
  }

  insertCell(index: number, type: CellType, source = ""): void {
    this.flushSource();
    const id = newCellID();
    const c = this.addView(index, { id, type, source, outputs: [] });
    this.send([{ op: "insert", cellId: id, index: this.cells.indexOf(c), cellType: type, source }]);
    this.select(this.cells.indexOf(c));
    c.focusEditor();
  }

  private deleteCell(c: CellView): void {
    this.flushSource();
    const i = this.cells.indexOf(c);
    if (i < 0) return;
    this.deleted = { st: { id: c.id, type: c.type, source: c.source, outputs: [] }, index: i };
    this.send([{ op: "delete", cellId: c.id }]);
    c.destroy();
    this.cells.splice(i, 1);
    if (this.cells.length === 0) this.insertCell(0, "code");
    this.select(Math.min(i, this.cells.length - 1));
    this.current().el.focus();
  }

  // copyCell keeps the cell for V (and cuts it with cut).
  private copyCell(c: CellView, cut: boolean): void {
    this.clipboard = { type: c.type, source: c.source };
    if (cut) this.deleteCell(c);
    toast(cut ? "Cell cut" : "Cell copied");
  }

  private pasteCell(above: boolean): void {
    if (!this.clipboard) return;
    this.insertCell(this.selected + (above ? 0 : 1), this.clipboard.type, this.clipboard.source);
    this.commandMode();
  }

  private undoDelete(): void {
    const d = this.deleted;
    if (!d) return;
    this.deleted = null;
    const c = this.addView(d.index, d.st);
    this.send([{ op: "insert", cellId: d.st.id, index: this.cells.indexOf(c), cellType: d.st.type, source: d.st.source }]);
    this.select(this.cells.indexOf(c));
  }

  private move(c: CellView, delta: number): void {
    const i = this.cells.indexOf(c);
    const to = i + delta;
    if (to < 0 || to >= this.cells.length) return;
    this.flushSource();
    this.moveView(i, to);
    this.send([{ op: "move", cellId: c.id, index: to }]);
    this.select(to);
  }

  private changeType(c: CellView, t: CellType): void {
    if (c.type === t) return;
    this.flushSource();
    c.setType(t);
    this.send([{ op: "type", cellId: c.id, cellType: t }]);
  }

  private insertIntoSelected(text: string): void {
    const c = this.current();
    if (c.type !== "code") return;
    c.insertText(text);
  }

  // ---- execution ----

  async run(c: CellView, then: "stay" | "next" | "insert"): Promise<void> {
    this.flushSource();
    const i = this.cells.indexOf(c);
    if (c.type === "markdown") void c.renderMarkdown();
    else if (c.type === "code") {
      await this.sending;
      this.conn.request({ type: "execute", cells: [c.id] }).catch((e: Error) => toast(`Run failed: ${e.message}`));
    }
    if (then === "insert") this.insertCell(i + 1, "code");
    else if (then === "next") {
      if (i + 1 >= this.cells.length) this.insertCell(i + 1, "code");
      else { this.select(i + 1); this.cells[i + 1]!.focusEditor(); }
    }
  }

  private async runAll(): Promise<void> {
    this.flushSource();
    await this.sending;
    for (const c of this.cells) if (c.type === "markdown") void c.renderMarkdown();
    const ids = this.cells.filter((c) => c.type === "code" && c.source.trim() !== "").map((c) => c.id);
    this.conn.request({ type: "execute", cells: ids }).catch((e: Error) => toast(`Run failed: ${e.message}`));
  }

  private async interrupt(): Promise<void> {
    await this.conn.request({ type: "interrupt" }).catch((e: Error) => toast(e.message));
  }

  private async restart(): Promise<void> {
    if (!window.confirm("Restart the session? Let bindings and held results are forgotten; the notebook stays.")) return;
    await this.conn.request({ type: "restart" }).then(() => toast("Session restarted")).catch((e: Error) => toast(e.message));
  }

  private async rename(): Promise<void> {
    const name = this.titleEl.value.trim();
    try {
      const info = await api.renameNotebook(this.nbId, name);
      document.title = `${info.name} · huntbook`;
      toast(`Renamed to ${info.name}`);
    } catch (e) { toast(`Rename failed: ${(e as Error).message}`); }
  }

  // ---- command mode keys (JupyterLab's) ----

  private commandKey(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    if ((e.ctrlKey || e.metaKey) && e.key === "s") { e.preventDefault(); void this.save(); return; }
    if (t.closest(".cm-editor") || t.matches("input, textarea, select") || this.cells.length === 0) return;
    if (!t.closest(".cells") && t !== document.body) return;
    const c = this.current();
    const twice = (k: string) => {
      const yes = this.lastKey.key === k && Date.now() - this.lastKey.at < 700;
      this.lastKey = yes ? { key: "", at: 0 } : { key: k, at: Date.now() };
      return yes;
    };
    const handled = ((): boolean => {
      if (e.key === "Enter" && e.shiftKey) { void this.run(c, "next"); return true; }
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { void this.run(c, "stay"); return true; }
      if (e.key === "Enter" && e.altKey) { void this.run(c, "insert"); return true; }
      if (e.ctrlKey || e.metaKey || e.altKey) return false;
      switch (e.key) {
        case "Enter": c.focusEditor(); return true;
        case "ArrowUp": case "k": this.select(this.selected - 1); this.current().el.focus(); return true;
        case "ArrowDown": case "j": this.select(this.selected + 1); this.current().el.focus(); return true;
        case "a": this.insertCell(this.selected, "code"); this.commandMode(); return true;
        case "b": this.insertCell(this.selected + 1, "code"); this.commandMode(); return true;
        case "d": if (twice("d")) this.deleteCell(c); return true;
        case "z": this.undoDelete(); return true;
        case "c": this.copyCell(c, false); return true;
        case "x": this.copyCell(c, true); return true;
        case "v": this.pasteCell(false); return true;
        case "V": this.pasteCell(true); return true;
        case "m": this.changeType(c, "markdown"); return true;
        case "y": this.changeType(c, "code"); return true;
        case "r": this.changeType(c, "raw"); return true;
        case "i": if (twice("i")) void this.interrupt(); return true;
        case "0": if (twice("0")) void this.restart(); return true;
        case "h": showShortcuts(); return true;
      }
      return false;
    })();
    if (handled) e.preventDefault();
  }
}

export function toggleTheme(): void {
  const root = document.documentElement;
  const dark = root.dataset["theme"] ? root.dataset["theme"] === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
  root.dataset["theme"] = dark ? "light" : "dark";
  localStorage.setItem("huntbook-theme", root.dataset["theme"]);
}
