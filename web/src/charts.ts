// ECharts options from huntbook's chart model (docs/render.md): every
// render kind but card and processtree, which chartview draws as DOM. Text
// from the result reaches ECharts only as canvas text or through tooltip
// formatters that escape it.
import { escapeHTML } from "./dom";
import type { Chart, Series } from "./types";

// Okabe–Ito, as the SVG renderer uses: colour-blind safe.
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

export interface Theme { text: string; muted: string; grid: string; bg: string }

type Opt = Record<string, unknown>;

function fmtTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace(".000Z", "Z");
}

function fmtX(c: Chart, x: number): string {
  if (c.x.kind === "time") return fmtTime(x);
  if (c.x.kind === "category") return c.categories?.[x] ?? String(x);
  return String(x);
}

function axisType(kind: string): string {
  return kind === "time" ? "time" : kind === "log" ? "log" : kind === "category" ? "category" : "value";
}

function baseOption(c: Chart, t: Theme): Opt {
  return {
    animation: false,
    color: PALETTE,
    textStyle: { color: t.text, fontFamily: "inherit" },
    title: c.title ? { text: c.title, left: "center", textStyle: { color: t.text, fontSize: 14, fontWeight: 600 } } : undefined,
    legend: c.legend && (c.series?.length ?? 0) > 1
      ? { type: "scroll", bottom: 0, textStyle: { color: t.muted } } : undefined,
    tooltip: { trigger: "axis", confine: true, className: "chart-tip" },
  };
}

function axis(kind: string, title: string | undefined, t: Theme, extra: Opt = {}): Opt {
  return {
    type: axisType(kind), name: title, nameLocation: "middle", nameGap: 28,
    nameTextStyle: { color: t.muted }, axisLabel: { color: t.muted, hideOverlap: true },
    axisLine: { lineStyle: { color: t.grid } }, splitLine: { lineStyle: { color: t.grid, opacity: 0.5 } },
    scale: kind !== "category", ...extra,
  };
}

// percentages turns stacked series into shares of each x's total.
function percentages(series: Series[]): Series[] {
  const totals = new Map<number, number>();
  for (const s of series) for (const [x, y] of s.points) totals.set(x, (totals.get(x) ?? 0) + Math.abs(y ?? 0));
  return series.map((s) => ({ ...s, points: s.points.map(([x, y]) => [x, y === null ? null : (100 * y) / (totals.get(x) || 1)]) }));
}

function axisTooltip(c: Chart) {
  return (params: unknown): string => {
    const ps = (Array.isArray(params) ? params : [params]) as { seriesName: string; value: [number, number | null]; marker: string }[];
    if (ps.length === 0) return "";
    const head = escapeHTML(fmtX(c, ps[0]!.value[0]));
    const lines = ps.slice(0, 20).map((p) => `${escapeHTML(p.seriesName)}: <b>${escapeHTML(String(p.value[1] ?? "null"))}</b>`);
    return `<div>${head}</div>${lines.join("<br>")}`;
  };
}

function xySeries(c: Chart, t: Theme): Opt[] {
  const kind = c.kind;
  const area = kind === "areachart" || kind === "stackedareachart";
  const stacked = c.stack === "stacked" || c.stack === "stacked100" || kind === "stackedareachart";
  const series = c.stack === "stacked100" ? percentages(c.series ?? []) : c.series ?? [];
  const out: Opt[] = series.map((s) => {
    const dashed = /baseline/i.test(s.column);
    const o: Opt = { name: s.name, data: s.points, showSymbol: false, sampling: "lttb", connectNulls: false };
    if (kind === "scatterchart") return { ...o, type: "scatter", symbolSize: 6 };
    if (kind === "columnchart" || kind === "barchart") return { ...o, type: "bar", stack: stacked ? "total" : undefined, large: true };
    return {
      ...o, type: "line", stack: stacked ? "total" : undefined, areaStyle: area ? { opacity: 0.35 } : undefined,
      lineStyle: { width: 1.5, type: dashed ? "dashed" : "solid" },
    };
  });
  for (const s of series) {
    if (!s.anomalies?.length) continue;
    out.push({
      name: `${s.name} anomalies`, type: "scatter", symbolSize: 10, z: 5,
      itemStyle: { color: "#D55E00", borderColor: t.bg, borderWidth: 1 },
      data: s.anomalies.map((a) => ({ value: [a.x, a.y], symbol: a.dir > 0 ? "triangle" : "diamond", symbolRotate: a.dir > 0 ? 0 : 180 })),
    });
  }
  return out;
}

export function xyOption(c: Chart, t: Theme): Opt {
  const horizontal = c.kind === "barchart";
  const category = c.x.kind === "category";
  const x = axis(c.x.kind, c.x.title, t, {
    min: c.x.min, max: c.x.max, data: category ? c.categories : undefined,
  });
  const y = axis(c.y.kind, c.stack === "stacked100" ? "%" : c.y.title, t, { min: c.y.min, max: c.y.max, nameGap: 45 });
  const bottom = c.legend && (c.series?.length ?? 0) > 1 ? 64 : 40;
  const zoom = c.x.kind === "time" || c.x.kind === "linear";
  const opt: Opt = {
    ...baseOption(c, t),
    grid: { left: horizontal ? 140 : 64, right: 24, top: c.title ? 40 : 16, bottom: bottom + (zoom ? 30 : 0), containLabel: false },
    xAxis: horizontal ? y : x,
    yAxis: horizontal ? { ...x, inverse: true } : y,
    series: xySeries(c, t),
    dataZoom: zoom ? [{ type: "inside", xAxisIndex: 0 }, { type: "slider", xAxisIndex: 0, bottom: bottom - 28, height: 18 }] : undefined,
  };
  (opt["tooltip"] as Opt)["formatter"] = axisTooltip(c);
  if (c.kind === "scatterchart") (opt["tooltip"] as Opt)["trigger"] = "item";
  return opt;
}

export function pieOption(c: Chart, t: Theme): Opt {
  const s = c.series?.[0];
  const data = (s?.points ?? []).map(([x, y]) => ({ name: c.categories?.[x] ?? String(x), value: y ?? 0 }));
  return {
    ...baseOption(c, t),
    legend: c.legend ? { type: "scroll", orient: "vertical", right: 8, top: 30, textStyle: { color: t.muted } } : undefined,
    tooltip: {
      trigger: "item", confine: true,
      formatter: (p: { name: string; value: number; percent: number }) =>
        `${escapeHTML(p.name)}: <b>${escapeHTML(String(p.value))}</b> (${p.percent}%)`,
    },
    series: [{
      type: "pie", radius: ["35%", "70%"], center: ["40%", "55%"], data,
      label: { color: t.text, formatter: "{b}: {d}%" }, itemStyle: { borderColor: t.bg, borderWidth: 1 },
    }],
  };
}

// timelinePadding widens the time axis by 2 % of the events' span on
// each side: an event at the first or last instant sits on the grid's
// edge, where ECharts clips it away.
export function timelinePadding(events: { start: number; end?: number }[]): Opt {
  if (events.length === 0) return {};
  const lo = Math.min(...events.map((e) => e.start));
  const hi = Math.max(...events.map((e) => e.end ?? e.start));
  const pad = Math.max((hi - lo) * 0.02, 60_000);
  return { min: lo - pad, max: hi + pad };
}

// timelineOption draws lanes of events (points) and intervals with a
// custom series, zoomable and pannable on the time axis.
export function timelineOption(c: Chart, t: Theme): Opt {
  const tl = c.timeline ?? { lanes: [], events: [] };
  const data = tl.events.map((e) => ({ value: [e.lane, e.start, e.end ?? e.start, e.row], label: e.label ?? "" }));
  return {
    ...baseOption(c, t),
    tooltip: {
      trigger: "item", confine: true,
      formatter: (p: { data: { value: number[]; label: string } }) => {
        const [lane, start, end] = p.data.value as [number, number, number];
        const span = end > start ? ` → ${fmtTime(end)}` : "";
        return `<b>${escapeHTML(tl.lanes[lane] ?? "")}</b><br>${escapeHTML(fmtTime(start))}${escapeHTML(span)}<br>${escapeHTML(p.data.label)}`;
      },
    },
    grid: { left: 160, right: 24, top: c.title ? 40 : 16, bottom: 60 },
    xAxis: axis("time", c.x.title, t, timelinePadding(tl.events)),
    yAxis: { ...axis("category", undefined, t), data: tl.lanes.map((l) => l || "(all)"), inverse: true, axisLabel: { color: t.muted, width: 150, overflow: "truncate" } },
    dataZoom: [{ type: "inside", xAxisIndex: 0, filterMode: "weakFilter" }, { type: "slider", xAxisIndex: 0, bottom: 10, height: 18, filterMode: "weakFilter" }],
    series: [{
      type: "custom", encode: { x: [1, 2], y: 0 }, data,
      renderItem: (_params: unknown, api: { value(i: number): number; coord(v: number[]): number[]; size(v: number[]): number[]; visual(k: string): string }) => {
        const lane = api.value(0);
        const start = api.coord([api.value(1), lane]);
        const end = api.coord([api.value(2), lane]);
        const bandH = api.size([0, 1])[1]! * 0.5;
        const color = PALETTE[lane % PALETTE.length];
        if (end[0]! - start[0]! < 3) {
          return { type: "circle", shape: { cx: start[0], cy: start[1], r: 4 }, style: { fill: color } };
        }
        return { type: "rect", shape: { x: start[0], y: start[1]! - bandH / 2, width: end[0]! - start[0]!, height: bandH }, style: { fill: color, opacity: 0.8 } };
      },
    }],
  };
}

// panelColumns is the y columns drawn one panel each (ysplit=panels or
// axes with more than one y column); empty when the chart is one panel.
export function panelColumns(c: Chart): string[] {
  if ((c.ysplit !== "panels" && c.ysplit !== "axes") || c.kind === "columnchart" || c.kind === "barchart") return [];
  const cols = [...new Set((c.series ?? []).map((s) => s.column))];
  return cols.length > 1 ? cols : [];
}

const PANEL_H = 150;

// panelsOption draws one grid per y column, stacked, sharing the x zoom.
export function panelsOption(c: Chart, t: Theme, cols: string[]): Opt {
  const top0 = c.title ? 40 : 16;
  const grids = cols.map((_, i) => ({ left: 64, right: 24, top: top0 + i * (PANEL_H + 24), height: PANEL_H }));
  const xAxes = cols.map((_, i) => axis(c.x.kind, i === cols.length - 1 ? c.x.title : undefined, t, {
    gridIndex: i, min: c.x.min, max: c.x.max, data: c.x.kind === "category" ? c.categories : undefined,
    axisLabel: { color: t.muted, hideOverlap: true, show: i === cols.length - 1 },
  }));
  const yAxes = cols.map((col, i) => axis(c.y.kind, col, t, { gridIndex: i, nameGap: 45 }));
  const all = xySeries(c, t);
  const series = all.map((o, j) => {
    const src = c.series?.[j] ?? c.series?.find((s) => `${s.name} anomalies` === o["name"]);
    const i = Math.max(0, cols.indexOf(src?.column ?? cols[0]!));
    return { ...o, xAxisIndex: i, yAxisIndex: i };
  });
  const xIdx = cols.map((_, i) => i);
  const opt: Opt = {
    ...baseOption(c, t), grid: grids, xAxis: xAxes, yAxis: yAxes, series,
    dataZoom: [{ type: "inside", xAxisIndex: xIdx }, { type: "slider", xAxisIndex: xIdx, bottom: c.legend ? 36 : 8, height: 18 }],
    axisPointer: { link: [{ xAxisIndex: "all" }] },
  };
  (opt["tooltip"] as Opt)["formatter"] = axisTooltip(c);
  return opt;
}

export function echartsOption(c: Chart, t: Theme): Opt | null {
  const panels = panelColumns(c);
  if (panels.length) return panelsOption(c, t, panels);
  switch (c.kind) {
    case "piechart": return pieOption(c, t);
    case "timeline": case "ladderchart": return timelineOption(c, t);
    case "card": case "processtree": case "table": return null;
  }
  return xyOption(c, t);
}
