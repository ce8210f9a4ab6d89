// The interactive process tree of `render processtree`: d3-hierarchy
// builds the hierarchy from the chart model's nodes (key → parent); the tree
// is drawn as an outline whose branches collapse and expand, with each
// process's command line, host and time, and its details on selection.
import { stratify, type HierarchyNode } from "d3-hierarchy";
import { clear, copyText, h, toast } from "./dom";
import type { Chart, TreeNode } from "./types";

const ROOT = "\u0000root";

type Node = HierarchyNode<TreeNode>;

export function buildHierarchy(nodes: TreeNode[]): Node {
  const keys = new Set(nodes.map((n) => n.key));
  const all: TreeNode[] = [{ key: ROOT, depth: -1, name: "", children: 0, row: -1 }, ...nodes];
  return stratify<TreeNode>()
    .id((d) => d.key)
    .parentId((d) => (d.key === ROOT ? null : d.parent && keys.has(d.parent) ? d.parent : ROOT))(all);
}

export function renderProcessTree(c: Chart): HTMLElement {
  const nodes = c.tree?.nodes ?? [];
  const root = buildHierarchy(nodes);
  const collapsed = new Set<string>();
  const detail = h("div", { class: "ptree-detail", "aria-live": "polite" }, "Select a process to see its details.");
  const list = h("ul", { class: "ptree", role: "tree", "aria-label": c.title || "process tree" });
  const draw = (): void => {
    clear(list);
    for (const child of root.children ?? []) list.appendChild(item(child));
  };
  const item = (n: Node): HTMLElement => {
    const d = n.data;
    const kids = n.children ?? [];
    const open = !collapsed.has(d.key);
    const toggle = h("button", {
      class: "ptree-toggle", "aria-label": open ? "collapse" : "expand", disabled: kids.length === 0,
      onclick: (() => { if (open) collapsed.add(d.key); else collapsed.delete(d.key); draw(); }) as EventListener,
    }, kids.length === 0 ? "·" : open ? "▾" : "▸");
    const label = h("button", {
      class: "ptree-label", title: d.commandLine ?? d.name,
      onclick: (() => showDetail(d, n)) as EventListener,
    },
      h("span", { class: "ptree-name" }, d.name),
      d.commandLine ? h("span", { class: "ptree-cmd" }, d.commandLine) : null,
      !open && kids.length ? h("span", { class: "ptree-more" }, ` +${n.descendants().length - 1}`) : null);
    const li = h("li", { role: "treeitem", "aria-expanded": kids.length ? String(open) : undefined }, toggle, label);
    if (open && kids.length) li.appendChild(h("ul", { role: "group" }, kids.map(item)));
    return li;
  };
  const showDetail = (d: TreeNode, n: Node): void => {
    clear(detail);
    const when = d.time !== undefined ? new Date(d.time).toISOString() : "";
    detail.append(
      h("div", { class: "ptree-detail-name" }, d.name),
      h("dl", {},
        h("dt", {}, "Command line"), h("dd", {}, h("code", {}, d.commandLine ?? "")),
        h("dt", {}, "Host"), h("dd", {}, d.host ?? ""),
        h("dt", {}, "Time"), h("dd", {}, when),
        h("dt", {}, "Descendants"), h("dd", {}, String(n.descendants().length - 1)),
        h("dt", {}, "Result row"), h("dd", {}, String(d.row + 1))),
      h("button", { class: "btn small", onclick: (() => { void copyText(d.commandLine ?? d.name).then(() => toast("Command line copied")); }) as EventListener }, "Copy command line"));
  };
  draw();
  const bar = h("div", { class: "ptree-bar" },
    h("button", { class: "btn small", onclick: (() => { collapsed.clear(); draw(); }) as EventListener }, "Expand all"),
    h("button", { class: "btn small", onclick: (() => { for (const n of root.descendants()) if (n.depth >= 1 && n.children) collapsed.add(n.data.key); draw(); }) as EventListener }, "Collapse all"),
    c.tree && c.tree.total > nodes.length ? h("span", { class: "muted" }, `showing ${nodes.length} of ${c.tree.total} processes`) : null);
  return h("div", { class: "ptree-wrap" }, c.title ? h("div", { class: "chart-title" }, c.title) : null, bar, h("div", { class: "ptree-panes" }, list, detail));
}
