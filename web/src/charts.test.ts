import { test } from "node:test";
import assert from "node:assert/strict";
import { echartsOption, panelColumns } from "./charts";
import type { Chart } from "./types";

const theme = { text: "#000", muted: "#555", grid: "#ccc", bg: "#fff" };

function chart(over: Partial<Chart>): Chart {
  return {
    kind: "timechart", legend: true, x: { kind: "time" }, y: { kind: "linear" },
    series: [
      { name: "a", column: "count_", points: [[0, 1], [1000, null]] },
      { name: "b", column: "bytes", points: [[0, 2]], anomalies: [{ x: 0, y: 2, dir: -1 }] },
    ],
    ...over,
  };
}

test("timechart: lines on a time axis with zoom, anomalies as markers", () => {
  const o = echartsOption(chart({}), theme) as Record<string, any>;
  assert.equal(o["xAxis"].type, "time");
  assert.deepEqual(o["series"].map((s: any) => s.type), ["line", "line", "scatter"]);
  assert.equal(o["series"][2].data[0].symbol, "diamond");
  assert.ok(o["dataZoom"]);
});

test("stacked100 columns are shares", () => {
  const c = chart({ kind: "columnchart", stack: "stacked100", x: { kind: "category" }, categories: ["x", "y"],
    series: [{ name: "a", column: "n", points: [[0, 1], [1, 3]] }, { name: "b", column: "n", points: [[0, 3], [1, 1]] }] });
  const o = echartsOption(c, theme) as Record<string, any>;
  assert.deepEqual(o["series"][0].data, [[0, 25], [1, 75]]);
  assert.equal(o["series"][0].stack, "total");
  assert.deepEqual(o["xAxis"].data, ["x", "y"]);
});

test("barchart is horizontal, pie has named slices", () => {
  const bar = echartsOption(chart({ kind: "barchart", x: { kind: "category" }, categories: ["p", "q"] }), theme) as Record<string, any>;
  assert.equal(bar["yAxis"].type, "category");
  const pie = echartsOption(chart({ kind: "piechart", categories: ["p", "q"], series: [{ name: "n", column: "n", points: [[0, 5], [1, 7]] }] }), theme) as Record<string, any>;
  assert.deepEqual(pie["series"][0].data, [{ name: "p", value: 5 }, { name: "q", value: 7 }]);
});

test("ysplit=panels draws one grid per y column", () => {
  const c = chart({ ysplit: "panels" });
  assert.deepEqual(panelColumns(c), ["count_", "bytes"]);
  const o = echartsOption(c, theme) as Record<string, any>;
  assert.equal(o["grid"].length, 2);
  assert.deepEqual(o["series"].map((s: any) => s.yAxisIndex), [0, 1, 1]);
});

test("tooltips escape result text", () => {
  const c = chart({ series: [{ name: "<img src=x onerror=alert(1)>", column: "n", points: [[0, 1]] }] });
  const o = echartsOption(c, theme) as Record<string, any>;
  const html = o["tooltip"].formatter([{ seriesName: c.series![0]!.name, value: [0, 1] }]);
  assert.ok(!html.includes("<img"), html);
  assert.ok(html.includes("&#60;img"), html);
});

test("timeline axis leaves room for the first and last events", () => {
  const events = [{ lane: 0, start: 1_000_000_000, row: 0 }, { lane: 1, start: 1_000_500_000, end: 1_001_000_000, row: 1 }];
  const tl = echartsOption(chart({ kind: "timeline", timeline: { lanes: ["a", "b"], events } }), theme) as Record<string, any>;
  assert.equal(tl["xAxis"].type, "time");
  assert.equal(tl["xAxis"].min, 1_000_000_000 - 60_000);
  assert.equal(tl["xAxis"].max, 1_001_000_000 + 60_000);
  const wide = echartsOption(chart({ kind: "timeline", timeline: { lanes: ["a"], events: [{ lane: 0, start: 0, row: 0 }, { lane: 0, start: 86_400_000, row: 1 }] } }), theme) as Record<string, any>;
  assert.equal(wide["xAxis"].min, -0.02 * 86_400_000);
  assert.equal(wide["xAxis"].max, 1.02 * 86_400_000);
  const empty = echartsOption(chart({ kind: "timeline", timeline: { lanes: [], events: [] } }), theme) as Record<string, any>;
  assert.equal(empty["xAxis"].min, undefined);
});

test("timeline lanes and card/processtree are not ECharts", () => {
  const tl = echartsOption(chart({ kind: "timeline", timeline: { lanes: ["WS5"], events: [{ lane: 0, start: 0, row: 0 }] } }), theme) as Record<string, any>;
  assert.deepEqual(tl["yAxis"].data, ["WS5"]);
  assert.equal(echartsOption(chart({ kind: "card" }), theme), null);
  assert.equal(echartsOption(chart({ kind: "processtree" }), theme), null);
});
