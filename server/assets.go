package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// nonceMarker is replaced in index.html by the response's CSP nonce; the UI
// reads it from <meta name="csp-nonce"> and hands it to the editor, whose
// theme is a <style> element.
const nonceMarker = "__CSP_NONCE__"

// notBuiltPage is served when the binary was built without the web bundle.
const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>huntbook</title></head>
<body><h1>The notebook UI is not built</h1>
<p>This huntbook binary was built without its web bundle. Run <code>make build</code> (or <code>make run</code>)
in the huntbook checkout: it runs <code>npm ci</code> and the esbuild build, then embeds the result.</p>
<p>The API under <code>/api/</code> works without it.</p></body></html>
`

// assets is the built UI: index.html as a template for the nonce, and
// every other file with its ETag.
type assets struct {
	index []byte
	files map[string]asset
}

type asset struct {
	data []byte
	gz   []byte // data gzipped, when that is smaller
	etag string
	ctyp string
}

// loadAssets reads the bundle into memory (it is a few hundred KB, and
// reading once lets every response carry a strong ETag).
func loadAssets(fsys fs.FS) (*assets, error) {
	if fsys == nil {
		return nil, nil
	}
	index, err := fs.ReadFile(fsys, "index.html")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("server: web assets: %w", err)
	}
	a := &assets{index: index, files: map[string]asset{}}
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "index.html" {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ctyp := mime.TypeByExtension(path.Ext(p))
		if ctyp == "" {
			ctyp = "application/octet-stream"
		}
		a.files["/static/"+p] = asset{data: data, gz: gzipped(data), etag: `"` + hex.EncodeToString(sum[:8]) + `"`, ctyp: ctyp}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("server: web assets: %w", err)
	}
	return a, nil
}

func (s *Server) serveIndex(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if s.assets == nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(notBuiltPage))
		return
	}
	page := bytes.ReplaceAll(s.assets.index, []byte(nonceMarker), []byte(nonceFrom(r.Context())))
	_, _ = w.Write(page)
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	if s.assets == nil {
		http.NotFound(w, r)
		return
	}
	a, ok := s.assets.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("ETag", a.etag)
	w.Header().Set("Cache-Control", "no-cache")
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, a.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", a.ctyp)
	w.Header().Set("Vary", "Accept-Encoding")
	if a.gz != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(a.gz)
		return
	}
	_, _ = w.Write(a.data)
}

// gzipped compresses an asset once at start-up (the bundle is ~1 MB of
// JavaScript, a third of that gzipped); nil when it does not pay.
func gzipped(data []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(data)
	_ = zw.Close()
	if buf.Len() >= len(data)*9/10 {
		return nil
	}
	return buf.Bytes()
}

type nonceKey struct{}

func newNonce() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return base64.RawStdEncoding.EncodeToString(b[:])
}

func withNonce(ctx context.Context, nonce string) context.Context {
	return context.WithValue(ctx, nonceKey{}, nonce)
}

func nonceFrom(ctx context.Context) string {
	n, _ := ctx.Value(nonceKey{}).(string)
	return n
}
