// The notebook's WebSocket: requests numbered by seq and answered with the
// same seq; snapshots, session events and other tabs' edits pushed by the
// server. It reconnects by itself; the server then sends a fresh snapshot.
import type { Edit, NotebookState, SessionEvent } from "./types";

export interface ConnHandlers {
  snapshot(nb: NotebookState): void;
  event(ev: SessionEvent): void;
  edits(edits: Edit[], version: number): void;
  connected(up: boolean, why?: string): void;
}

interface Waiter { resolve(v: Record<string, unknown>): void; reject(e: Error): void }

export class Connection {
  private ws: WebSocket | null = null;
  private seq = 0;
  private waiters = new Map<number, Waiter>();
  private retry = 500;
  private closed = false;

  constructor(private readonly nbId: string, private readonly h: ConnHandlers) {
    this.open();
  }

  get up(): boolean { return this.ws?.readyState === WebSocket.OPEN; }

  private open(): void {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${proto}//${location.host}/api/notebooks/${encodeURIComponent(this.nbId)}/ws`);
    this.ws = ws;
    ws.onopen = () => { this.retry = 500; };
    ws.onmessage = (m) => this.receive(JSON.parse(String(m.data)) as Record<string, unknown>);
    ws.onclose = (e) => {
      for (const w of this.waiters.values()) w.reject(new Error("connection lost"));
      this.waiters.clear();
      this.h.connected(false, e.reason);
      if (this.closed) return;
      window.setTimeout(() => this.open(), this.retry);
      this.retry = Math.min(this.retry * 2, 8000);
    };
  }

  private receive(m: Record<string, unknown>): void {
    const seq = typeof m["seq"] === "number" ? m["seq"] : 0;
    switch (m["type"]) {
      case "snapshot":
        this.h.connected(true);
        this.h.snapshot(m["notebook"] as NotebookState);
        return;
      case "edits":
        this.h.edits(m["edits"] as Edit[], m["version"] as number);
        return;
      case "status": case "saved": case "saveFailed": case "kernel":
        this.h.event(m as unknown as SessionEvent);
        return;
    }
    const w = this.waiters.get(seq);
    if (!w) {
      if (m["type"] === "error") console.warn("huntbook:", m["message"]);
      return;
    }
    this.waiters.delete(seq);
    if (m["type"] === "error") w.reject(new Error(String(m["message"])));
    else w.resolve(m);
  }

  // request sends a message and resolves with its answer.
  request<T = Record<string, unknown>>(msg: Record<string, unknown>): Promise<T> {
    if (!this.up) return Promise.reject(new Error("not connected"));
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiters.set(seq, { resolve: resolve as (v: Record<string, unknown>) => void, reject });
      this.ws!.send(JSON.stringify({ ...msg, seq }));
    });
  }

  close(): void {
    this.closed = true;
    this.ws?.close();
  }
}
