// One cell: its editor, its execution status and its outputs.
import { setDiagnostics } from "@codemirror/lint";
import type { KeyBinding, EditorView } from "@codemirror/view";
import { api } from "./api";
import { clear, formatCount, formatElapsed, h, setSafeHTML } from "./dom";
import { createEditor, insertAtCursor, setSource, showError } from "./editor";
import { Grid } from "./grid";
import { appendClause, filterClause } from "./kqlquote";
import type { CellState, CellStatus, CellType, Column, Completions, Diagnostic, Output, SessionEvent } from "./types";

export interface CellHost {
  nbId: string;
  changed(cell: CellView, source: string): void;
  focused(cell: CellView): void;
  keys(cell: CellView): KeyBinding[];
  complete(cell: CellView, source: string, pos: number): Promise<Completions>;
  diagnose(cell: CellView, source: string): Promise<Diagnostic[]>;
}

export class CellView {
  readonly el: HTMLElement;
  type: CellType;
  private editor: EditorView;
  private readonly editorBox: HTMLElement;
  private readonly rendered: HTMLElement;
  private readonly statusEl: HTMLElement;
  private readonly countEl: HTMLElement;
  private readonly outputsEl: HTMLElement;
  private remote = false;
  private timer = 0;
  private started = 0;
  private lastError: Output["error"] | null = null;
  status: CellStatus = "";

  constructor(readonly id: string, st: CellState, private readonly host: CellHost) {
    this.type = st.type;
    this.countEl = h("div", { class: "cell-count", "aria-hidden": "true" });
    this.statusEl = h("div", { class: "cell-status", role: "status", "aria-live": "polite" });
    this.outputsEl = h("div", { class: "cell-outputs" });
    this.editorBox = h("div", { class: "cell-editor" });
    this.rendered = h("div", { class: "markdown-body", tabindex: "-1" });
    this.rendered.addEventListener("dblclick", () => this.editMarkdown());
    this.el = h("section", { class: "cell", tabindex: "-1", "data-cell-id": id, "aria-label": "cell" },
      h("div", { class: "cell-gutter" }, this.countEl),
      h("div", { class: "cell-main" }, this.editorBox, this.rendered, this.statusEl, this.outputsEl));
    this.editor = this.makeEditor(st.source);
    this.applyType();
    if (st.executionCount) this.countEl.textContent = `[${st.executionCount}]`;
    if (st.type === "markdown") setSafeHTML(this.rendered, st.html ?? "");
    this.setStatus(st.status ?? "", {});
    this.renderOutputs(st.outputs);
  }

  private makeEditor(doc: string): EditorView {
    return createEditor(this.editorBox, doc, {
      kql: this.type === "code",
      keys: this.host.keys(this),
      onChange: (src) => {
        if (this.lastError) { this.editor.dispatch(setDiagnostics(this.editor.state, [])); this.lastError = null; }
        if (!this.remote) this.host.changed(this, src);
      },
      onFocus: () => this.host.focused(this),
      complete: (src, pos) => this.host.complete(this, src, pos),
      diagnose: (src) => this.host.diagnose(this, src),
    });
  }

  get source(): string { return this.editor.state.doc.toString(); }
  get editorView(): EditorView { return this.editor; }

  // setSource applies a change from another tab without echoing it back.
  setSource(src: string): void {
    this.remote = true;
    try { setSource(this.editor, src); } finally { this.remote = false; }
  }

  setType(t: CellType): void {
    if (t === this.type) return;
    const src = this.source;
    this.type = t;
    this.editor.destroy();
    clear(this.editorBox);
    this.editor = this.makeEditor(src);
    this.applyType();
    if (t === "markdown") { clear(this.outputsEl); this.setStatus("", {}); this.countEl.textContent = ""; void this.renderMarkdown(); }
  }

  private applyType(): void {
    this.el.classList.toggle("code", this.type === "code");
    this.el.classList.toggle("markdown", this.type === "markdown");
    this.el.classList.toggle("raw", this.type === "raw");
    this.rendered.hidden = this.type !== "markdown";
    this.editorBox.hidden = this.type === "markdown" && !this.el.classList.contains("editing-md");
  }

  get editingMarkdown(): boolean { return this.el.classList.contains("editing-md"); }

  editMarkdown(): void {
    if (this.type !== "markdown") return;
    this.el.classList.add("editing-md");
    this.editorBox.hidden = false;
    this.rendered.hidden = true;
    this.editor.focus();
  }

  async renderMarkdown(): Promise<void> {
    this.el.classList.remove("editing-md");
    this.editorBox.hidden = true;
    this.rendered.hidden = false;
    const { html } = await api.markdown(this.source);
    setSafeHTML(this.rendered, html || "<p class=\"muted\">Empty markdown cell: double-click to edit.</p>");
  }

  focusEditor(): void {
    if (this.type === "markdown") this.editMarkdown();
    else this.editor.focus();
  }

  hasEditorFocus(): boolean { return this.editor.hasFocus; }

  insertText(text: string): void { insertAtCursor(this.editor, text); }

  // event applies a session event about this cell.
  event(ev: SessionEvent): void {
    if (ev.executionCount) this.countEl.textContent = `[${ev.executionCount}]`;
    this.setStatus(ev.status ?? "", ev);
    if (ev.outputs) this.renderOutputs(ev.outputs);
    else if (ev.status === "done") this.renderOutputs([]);
  }

  private setStatus(s: CellStatus, ev: Partial<SessionEvent>): void {
    this.status = s;
    window.clearInterval(this.timer);
    this.el.dataset["status"] = s;
    const text = (t: string, cls: string) => { this.statusEl.textContent = t; this.statusEl.className = `cell-status ${cls}`; };
    switch (s) {
      case "queued": text("queued", "queued"); this.countEl.textContent = "[*]"; break;
      case "running": {
        this.started = ev.started ? Date.parse(ev.started) : Date.now();
        this.countEl.textContent = "[*]";
        const tick = () => text(`running · ${formatElapsed(Math.max(0, Date.now() - this.started))}`, "running");
        tick();
        this.timer = window.setInterval(tick, 100);
        break;
      }
      case "done": {
        const rows = ev.rows !== undefined && this.type === "code" ? ` · ${formatCount(ev.rows)} rows` : "";
        text(ev.elapsed !== undefined ? `✓ ${formatElapsed(ev.elapsed)}${rows}` : "", "done");
        break;
      }
      case "error": text(ev.elapsed !== undefined ? `✗ error · ${formatElapsed(ev.elapsed)}` : "✗ error", "error"); break;
      case "interrupted": text("interrupted", "interrupted"); break;
      default: text("", "");
    }
  }

  renderOutputs(outs: Output[]): void {
    clear(this.outputsEl);
    for (const o of outs) this.outputsEl.appendChild(this.output(o));
  }

  private output(o: Output): HTMLElement {
    switch (o.type) {
      case "result": return this.resultOutput(o.result!);
      case "html": { const d = h("div", { class: "output-html" }); setSafeHTML(d, o.html ?? ""); return d; }
      case "text": return h("pre", { class: "output-text" }, o.text ?? "");
      case "error": {
        const e = o.error!;
        this.lastError = e;
        if (e.line && e.col) showError(this.editor, e.line, e.col, e.endLine, e.endCol, e.message);
        return h("pre", { class: "output-error", role: "alert" }, e.message);
      }
    }
  }

  private resultOutput(r: NonNullable<Output["result"]>): HTMLElement {
    const wrap = h("div", { class: "output-result" });
    const grid = new Grid(this.host.nbId, r, { addFilter: (c, v, ex) => this.addFilter(c, v, ex) });
    const vis = r.visualization && r.visualization.kind !== "table" ? r.visualization : null;
    const chartHost = h("div", { class: "chart-host" });
    if (r.partial) wrap.appendChild(h("p", { class: "muted" }, `Stored result: the first ${formatCount(r.rows)} of ${formatCount(r.totalRows ?? r.rows)} rows. Run the cell for all of them.`));
    if (!vis) { wrap.appendChild(grid.el); return wrap; }
    const tabs = h("div", { class: "output-tabs", role: "tablist" });
    const show = (chart: boolean) => {
      chartBtn.setAttribute("aria-selected", String(chart));
      tableBtn.setAttribute("aria-selected", String(!chart));
      chartHost.hidden = !chart;
      grid.el.hidden = chart;
    };
    const chartBtn = h("button", { role: "tab", class: "tab", onclick: (() => show(true)) as EventListener }, `Chart (${vis.kind})`);
    const tableBtn = h("button", { role: "tab", class: "tab", onclick: (() => show(false)) as EventListener }, "Table");
    tabs.append(chartBtn, tableBtn);
    wrap.append(tabs, chartHost, grid.el);
    show(true);
    // The charting code (ECharts, d3-hierarchy) is loaded on the first chart,
    // so a notebook of tables opens without it.
    void import("./chartview").then((m) => m.mountChart(chartHost, this.host.nbId, r.id));
    return wrap;
  }

  // addFilter appends a where clause for a grid value to the query.
  addFilter(col: Column, v: unknown, exclude: boolean): void {
    const q = appendClause(this.source, filterClause(col.name, col.type, v, exclude));
    setSource(this.editor, q);
    this.editor.focus();
  }

  destroy(): void {
    window.clearInterval(this.timer);
    this.editor.destroy();
    this.el.remove();
  }
}
