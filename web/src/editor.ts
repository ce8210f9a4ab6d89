// The cell editor: CodeMirror 6 with the KQL mode, bracket matching,
// completion and diagnostics from the server, and the run keys.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { linter, lintKeymap, setDiagnostics, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap, placeholder, drawSelection, highlightActiveLine, type KeyBinding } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
import { kqlLanguage } from "./kql-lang";
import type { Completions, Diagnostic } from "./types";

export interface EditorHooks {
  kql: boolean;
  onChange: (source: string) => void;
  complete?: (source: string, pos: number) => Promise<Completions>;
  diagnose?: (source: string) => Promise<Diagnostic[]>;
  keys: KeyBinding[];
  onFocus: () => void;
}

function nonce(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? "";
}

const kindType: Record<string, string> = {
  table: "class", column: "property", function: "function", operator: "keyword", keyword: "keyword", variable: "variable",
};

export function createEditor(parent: HTMLElement, doc: string, hooks: EditorHooks): EditorView {
  const ext: Extension[] = [
    EditorView.cspNonce.of(nonce()),
    history(), drawSelection(), highlightActiveLine(), indentOnInput(), bracketMatching(), closeBrackets(),
    EditorView.lineWrapping,
    syntaxHighlighting(classHighlighter),
    keymap.of([...hooks.keys, ...closeBracketsKeymap, ...completionKeymap, ...lintKeymap, ...historyKeymap, indentWithTab, ...defaultKeymap]),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) hooks.onChange(u.state.doc.toString());
      if (u.focusChanged && u.view.hasFocus) hooks.onFocus();
    }),
    EditorView.contentAttributes.of({ "aria-label": hooks.kql ? "KQL query" : "Markdown text" }),
  ];
  if (hooks.kql) {
    ext.push(kqlLanguage, placeholder("SecurityEvent | where TimeGenerated > ago(1d) | take 10"));
    if (hooks.complete) {
      const complete = hooks.complete;
      ext.push(autocompletion({
        activateOnTyping: true,
        override: [async (ctx: CompletionContext): Promise<CompletionResult | null> => {
          const word = ctx.matchBefore(/[\w.$-]*/);
          if (!ctx.explicit && (!word || word.from === word.to) && !/[|(,\s]$/.test(ctx.state.sliceDoc(0, ctx.pos))) return null;
          const res = await complete(ctx.state.doc.toString(), ctx.pos);
          if (ctx.aborted || res.items.length === 0) return null;
          return {
            from: res.from, to: res.to,
            options: res.items.map((it) => ({
              label: it.label, type: kindType[it.kind] ?? "text", detail: it.detail,
              info: it.doc, apply: it.insert || it.label,
            })),
            validFor: /^[\w$]*$/,
          };
        }],
      }));
    }
    if (hooks.diagnose) {
      const diagnose = hooks.diagnose;
      ext.push(linter(async (view) => {
        const src = view.state.doc.toString();
        if (src.trim() === "") return [];
        return toCm(await diagnose(src), view.state.doc.length);
      }, { delay: 400 }));
    }
  } else {
    ext.push(placeholder("Markdown: # Heading, *emphasis*, `code`, lists, tables"));
  }
  return new EditorView({ state: EditorState.create({ doc, extensions: ext }), parent });
}

export function toCm(ds: Diagnostic[], len: number): CmDiagnostic[] {
  return ds.map((d) => {
    const from = Math.min(Math.max(0, d.from), len);
    return { from, to: Math.min(Math.max(from, d.to), len), severity: d.severity, message: d.message };
  });
}

// showError underlines an execution error at its line:col (byte columns,
// as the Go parser counts) until the next edit.
export function showError(view: EditorView, line: number, col: number, endLine: number | undefined, endCol: number | undefined, message: string): void {
  const doc = view.state.doc;
  const pos = (l: number, c: number): number => {
    const ln = doc.line(Math.min(Math.max(1, l), doc.lines));
    const bytes = new TextEncoder().encode(ln.text);
    const prefix = new TextDecoder().decode(bytes.slice(0, Math.max(0, c - 1)));
    return ln.from + Math.min(prefix.length, ln.length);
  };
  const from = pos(line, col);
  let to = endLine && endCol ? pos(endLine, endCol) : from + 1;
  if (to <= from) to = Math.min(from + 1, doc.length);
  view.dispatch(setDiagnostics(view.state, [{ from, to, severity: "error", message }]));
}

export function setSource(view: EditorView, src: string): void {
  if (view.state.doc.toString() === src) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: src } });
}

export function insertAtCursor(view: EditorView, text: string): void {
  const { from, to } = view.state.selection.main;
  view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length } });
  view.focus();
}
