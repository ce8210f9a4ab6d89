// The notebook list: open, create, rename, delete.
import { api } from "./api";
import { h, toast } from "./dom";
import { toggleTheme } from "./notebook";
import type { NotebookInfo } from "./types";

export async function renderList(root: HTMLElement): Promise<void> {
  const list = h("ul", { class: "nb-list", "aria-label": "notebooks" });
  const name = h("input", { class: "new-name", placeholder: "New notebook name", "aria-label": "new notebook name" });
  const create = async (e: Event) => {
    e.preventDefault();
    const n = name.value.trim() || `Untitled ${new Date().toISOString().slice(0, 16).replace("T", " ")}`.replace(/:/g, "-");
    try {
      const info = await api.createNotebook(n);
      location.hash = `#/nb/${encodeURIComponent(info.id)}`;
    } catch (err) { toast(`Cannot create: ${(err as Error).message}`); }
  };
  const form = h("form", { class: "new-form", onsubmit: create as EventListener }, name, h("button", { class: "btn primary", type: "submit" }, "New notebook"));
  root.replaceChildren(h("div", { class: "list-page" },
    h("header", { class: "toolbar" }, h("span", { class: "brand" }, "huntbook"), h("span", { class: "muted" }, "threat-hunting notebooks"),
      h("div", { class: "toolbar-actions" }, h("button", { class: "btn icon", title: "Switch theme", onclick: toggleTheme as EventListener }, "◐"))),
    h("main", { class: "list-main" }, h("h1", {}, "Notebooks"), form, list)));
  let nbs: NotebookInfo[];
  try { nbs = await api.notebooks(); } catch (e) {
    list.replaceChildren(h("li", { class: "error-text" }, (e as Error).message));
    return;
  }
  if (nbs.length === 0) list.appendChild(h("li", { class: "muted" }, "No notebooks yet: create one."));
  for (const nb of nbs) {
    const rename = async () => {
      const n = window.prompt("New name", nb.name);
      if (!n) return;
      try { await api.renameNotebook(nb.id, n); void renderList(root); } catch (e) { toast((e as Error).message); }
    };
    const del = async () => {
      if (!window.confirm(`Delete the notebook "${nb.name}"? Its file is removed.`)) return;
      try { await api.deleteNotebook(nb.id); void renderList(root); } catch (e) { toast((e as Error).message); }
    };
    list.appendChild(h("li", { class: "nb-item" },
      h("a", { href: `#/nb/${encodeURIComponent(nb.id)}`, class: "nb-link" }, nb.name),
      nb.demo ? h("span", { class: "badge" }, "demo") : null,
      h("span", { class: "muted nb-mod" }, nb.modified ? new Date(nb.modified).toLocaleString() : ""),
      h("button", { class: "btn small", onclick: rename as EventListener }, "Rename"),
      h("button", { class: "btn small danger", onclick: del as EventListener }, "Delete")));
  }
}
