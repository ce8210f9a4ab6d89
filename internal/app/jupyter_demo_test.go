package app

import (
	"context"
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/kernel"
	"github.com/huntbook/huntbook/notebook"
	"github.com/huntbook/huntbook/render"
)

// TestRealKernelDemoSecurityNotebook generates a small demo organisation
// with the real binary, runs the security-analytics demo notebook under
// nbconvert with the real kernel, and checks that the process trees and
// the timeline reach nbconvert's HTML as the SVGs package render draws.
func TestRealKernelDemoSecurityNotebook(t *testing.T) {
	requireNbconvert(t)
	root := t.TempDir()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	bin := buildHuntbook(t)
	ws := filepath.Join(root, "ws")
	gen := exec.CommandContext(ctx, bin, "demo", "--dir", ws, "--seed", "3", "--days", "7", "--events", "60000", "--end", "2025-09-10T06:00:00Z")
	gen.Env = privateJupyterEnv(root)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("huntbook demo: %v\n%s", err, out)
	}
	if err := kernel.InstallSpec(filepath.Join(root, "data", "kernels", kernel.SpecName), kernel.NewSpec(bin, ws)); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(ws, "notebooks", "Investigation - security analytics.ipynb")
	cmd := exec.CommandContext(ctx, "jupyter-nbconvert", "--to", "notebook", "--execute", in, "--output", "executed", "--output-dir", root)
	cmd.Env = privateJupyterEnv(root)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nbconvert --execute: %v\n%s", err, out)
	}
	got, err := notebook.Load(filepath.Join(root, "executed.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	// Every code cell ran without an error; the render cells carry an SVG.
	var svgs []string
	for _, c := range got.Cells {
		if c.Type != notebook.Code {
			continue
		}
		bundle := onlyBundle(t, c)
		if strings.Contains(c.Source, "| render ") {
			svg, _ := bundle[render.MIMESVG].(string)
			if !strings.HasPrefix(strings.TrimSpace(svg), "<svg") {
				t.Errorf("cell %q has no SVG: %v", c.Source, keys(bundle))
			}
			svgs = append(svgs, svg)
		}
	}
	if len(svgs) != 3 {
		t.Fatalf("%d render cells, want 2 process trees and a timeline", len(svgs))
	}

	cmd = exec.CommandContext(ctx, "jupyter-nbconvert", "--to", "html", filepath.Join(root, "executed.ipynb"), "--output-dir", root)
	cmd.Env = privateJupyterEnv(root)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nbconvert --to html: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(root, "executed.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	// The SVGs as package render draws them: the process trees' titles,
	// elbow connectors from a parent to its children and bold process
	// names; the timeline's title and a lane per host.
	treeMarks := []string{
		"<title>Processes on the alerted machine, an hour either side of the alert</title>",
		"<title>What the implant started</title>",
		`fill="none" stroke="#afb8c1" stroke-width="1.2"/>`,
		`font-weight="600">WINWORD.EXE</text>`,
		`font-weight="600">powershell.exe</text>`,
		`font-weight="600">procdump64.exe</text>`,
	}
	timelineMarks := []string{
		"<title>The intrusion, host by host</title>",
		`text-anchor="end" font-size="12">bastion01</text>`,
	}
	all := strings.Join(svgs, "\n")
	for _, want := range append(treeMarks, timelineMarks...) {
		if !strings.Contains(all, want) {
			t.Errorf("the executed notebook's SVGs lack %q", want)
		}
	}
	// nbconvert's page shows each chart's text/html, the SVG as an <img>
	// (nbconvert before 7 strips the elements of inline SVG outputs,
	// jupyter/nbconvert#1849): the drawings are the executed notebook's.
	imgs := regexp.MustCompile(`<img class="hb-chart" alt="[^"]*" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)">`).FindAllStringSubmatch(page, -1)
	if len(imgs) != 3 {
		t.Fatalf("nbconvert's HTML shows %d charts, want the 2 process trees and the timeline", len(imgs))
	}
	for i, m := range imgs {
		svg, err := base64.StdEncoding.DecodeString(m[1])
		if err != nil || string(svg) != svgs[i] {
			t.Errorf("chart %d of nbconvert's HTML is not the executed notebook's SVG (%v)", i+1, err)
		}
	}
	for _, want := range []string{"alt=\"processtree: What the implant started\"", "alt=\"timeline: The intrusion, host by host\""} {
		if !strings.Contains(page, want) {
			t.Errorf("nbconvert's HTML lacks %s", want)
		}
	}
	timeline := svgs[2]
	if n := len(regexp.MustCompile(`<circle [^>]*r="4.5"`).FindAllString(timeline, -1)); n < 8 {
		t.Errorf("the timeline draws %d events, want the intrusion's (at least 8)", n)
	}
}
