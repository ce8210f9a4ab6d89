// Builds the notebook UI into dist/ (embedded by the Go binary), or with
// --tests the unit tests of the pure modules into dist-test/ for node --test.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";

const tests = process.argv.includes("--tests");

if (tests) {
  rmSync("dist-test", { recursive: true, force: true });
  const entries = readdirSync("src").filter((f) => f.endsWith(".test.ts")).map((f) => "src/" + f);
  await esbuild.build({
    entryPoints: entries, outdir: "dist-test", bundle: true, platform: "node",
    format: "esm", outExtension: { ".js": ".mjs" }, logLevel: "warning",
  });
} else {
  for (const f of readdirSync("dist")) if (f !== "README") rmSync("dist/" + f, { recursive: true, force: true });
  mkdirSync("dist", { recursive: true });
  const result = await esbuild.build({
    entryPoints: { app: "src/main.ts" }, outdir: "dist", bundle: true, minify: true, splitting: true,
    chunkNames: "chunk-[hash]",
    format: "esm", target: ["chrome110", "firefox110", "safari16"], metafile: true,
    legalComments: "linked", logLevel: "warning", loader: { ".css": "css" },
  });
  copyFileSync("src/index.html", "dist/index.html");
  writeFileSync("meta.json", JSON.stringify(result.metafile));
  const out = result.metafile.outputs;
  for (const [name, o] of Object.entries(out)) console.log(`${name}  ${(o.bytes / 1024).toFixed(0)} KiB`);
}
