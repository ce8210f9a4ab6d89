// Entry point: a hash router between the notebook list (#/) and a notebook
// (#/nb/ID).
import "./style.css";
import { renderList } from "./list";
import { NotebookView } from "./notebook";

let current: NotebookView | null = null;

function route(): void {
  const root = document.getElementById("app")!;
  current?.destroy();
  current = null;
  const m = /^#\/nb\/(.+)$/.exec(location.hash);
  if (m) {
    current = new NotebookView(decodeURIComponent(m[1]!));
    root.replaceChildren(current.el);
    (window as unknown as { huntbook: unknown }).huntbook = { notebook: current };
  } else {
    void renderList(root);
  }
}

const saved = localStorage.getItem("huntbook-theme");
if (saved) document.documentElement.dataset["theme"] = saved;
window.addEventListener("hashchange", route);
route();
