// The keyboard help (H in command mode, or the ? button).
import { h } from "./dom";

const KEYS: [string, string, string][] = [
  ["both", "Shift+Enter", "run, select the next cell"],
  ["both", "Ctrl+Enter", "run, stay"],
  ["both", "Alt+Enter", "run, insert a cell below"],
  ["both", "Ctrl+S", "save now"],
  ["edit", "Esc", "command mode"],
  ["edit", "Ctrl+Space", "completion"],
  ["command", "Enter", "edit the cell"],
  ["command", "↑ K / ↓ J", "select the previous / next cell"],
  ["command", "A / B", "insert a cell above / below"],
  ["command", "D, D / Z", "delete the cell / bring it back"],
  ["command", "C / X / V / Shift+V", "copy / cut / paste below / above"],
  ["command", "M / Y / R", "markdown / code / raw"],
  ["command", "I, I / 0, 0", "interrupt / restart the session"],
  ["command", "H", "this help"],
];

export function showShortcuts(): void {
  const dlg = h("dialog", { class: "shortcuts", "aria-label": "keyboard shortcuts" },
    h("h2", {}, "Keyboard shortcuts"),
    h("table", {}, h("tbody", {}, KEYS.map(([mode, key, what]) =>
      h("tr", {}, h("td", { class: "muted" }, mode), h("td", {}, h("kbd", {}, key)), h("td", {}, what))))),
    h("form", { method: "dialog" }, h("button", { class: "btn" }, "Close")));
  dlg.addEventListener("close", () => dlg.remove());
  document.body.appendChild(dlg);
  dlg.showModal();
}
