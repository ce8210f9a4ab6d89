// Mounts a result's chart: ECharts for the plotted kinds, DOM for cards
// and process trees.
import { BarChart, CustomChart, LineChart, PieChart, ScatterChart } from "echarts/charts";
import { DataZoomComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { api } from "./api";
import { echartsOption, panelColumns, type Theme } from "./charts";
import { h } from "./dom";
import { renderProcessTree } from "./proctree";
import type { Chart } from "./types";

echarts.use([LineChart, BarChart, PieChart, ScatterChart, CustomChart, GridComponent, TooltipComponent,
  LegendComponent, DataZoomComponent, TitleComponent, CanvasRenderer]);

function theme(): Theme {
  const cs = getComputedStyle(document.documentElement);
  const v = (n: string) => cs.getPropertyValue(n).trim();
  return { text: v("--fg"), muted: v("--muted"), grid: v("--border"), bg: v("--bg") };
}

// Charts whose box is still in the page; one observer disposes the others
// when cells re-render.
const live = new Map<echarts.ECharts, HTMLElement>();
const resizer = new ResizeObserver(() => { for (const c of live.keys()) c.resize(); });
let sweeper: MutationObserver | null = null;

function track(chart: echarts.ECharts, box: HTMLElement): void {
  live.set(chart, box);
  resizer.observe(box);
  sweeper ??= new MutationObserver(() => {
    for (const [c, b] of live) if (!b.isConnected) { live.delete(c); resizer.unobserve(b); c.dispose(); }
  });
  sweeper.observe(document.body, { childList: true, subtree: true });
}

export async function mountChart(host: HTMLElement, nb: string, rid: string): Promise<void> {
  host.replaceChildren(h("p", { class: "muted" }, "Drawing the chart…"));
  let res: { chart?: Chart; error?: string };
  try {
    res = await api.chart(nb, rid);
  } catch (e) {
    host.replaceChildren(h("p", { class: "error-text" }, `chart: ${(e as Error).message}`));
    return;
  }
  if (!res.chart) {
    host.replaceChildren(h("p", { class: "error-text" }, res.error ?? "no chart"));
    return;
  }
  drawChart(host, res.chart);
}

export function drawChart(host: HTMLElement, c: Chart): void {
  host.replaceChildren();
  host.dataset["kind"] = c.kind;
  if (c.kind === "card") {
    host.append(h("div", { class: "cards" }, (c.card ?? []).map((cv) =>
      h("div", { class: "card-tile" }, h("div", { class: "card-value" }, cv.value), h("div", { class: "card-label" }, cv.label)))));
  } else if (c.kind === "processtree") {
    host.append(renderProcessTree(c));
  } else {
    const opt = echartsOption(c, theme());
    const tall = c.kind === "timeline" || c.kind === "ladderchart";
    const lanes = c.timeline?.lanes.length ?? 0;
    const box = h("div", { class: "chart-canvas", role: "img", "aria-label": `${c.kind}${c.title ? ": " + c.title : ""}` });
    const panels = panelColumns(c).length;
    box.style.height = `${tall ? Math.max(220, 90 + lanes * 28) : panels ? 110 + panels * 174 : 380}px`;
    host.append(box);
    const chart = echarts.init(box, undefined, { renderer: "canvas" });
    chart.setOption(opt ?? {});
    track(chart, box);
  }
  for (const n of c.notes ?? []) host.append(h("p", { class: "muted chart-note" }, n));
}
