// Package web holds the browser notebook's TypeScript source (src/), its
// esbuild build (build.mjs) and, once built, the bundle in dist/ that the
// Go binary embeds. The bundle is not committed: `make build` runs npm ci
// and the build first; a binary built without it serves a page saying so.
package web

import (
	"embed"
	"io/fs"
)

//go:embed dist
var dist embed.FS

// Assets returns the built UI (index.html, app.js, app.css, ...) rooted at
// dist/. Without a build it holds only the placeholder, and the server
// answers with its "not built" page.
func Assets() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // dist is embedded at compile time; Sub cannot fail
	}
	return sub
}
