package server_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/coder/websocket"
	"github.com/google/go-cmp/cmp"
)

// testAssets is a stand-in bundle, so these tests do not need the build.
var testAssets = fstest.MapFS{
	"index.html": {Data: []byte(`<!doctype html><meta name="csp-nonce" content="__CSP_NONCE__"><script type="module" src="/static/app.js"></script>`)},
	"app.js":     {Data: []byte(`console.log("app")`)},
	"app.css":    {Data: []byte(`body{}`)},
}

// client is an HTTP client that does not follow redirects.
var client = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       30 * time.Second,
}

type req struct {
	method, path, body string
	headers            map[string]string
	auth               string // "cookie", "header", "bad", ""
	host               string // Host header override
}

func (ui *uiServer) do(t *testing.T, r req) *http.Response {
	t.Helper()
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	hr, err := http.NewRequest(r.method, ui.base+r.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if r.body != "" {
		hr.Header.Set("Content-Type", "application/json")
	}
	switch r.auth {
	case "cookie":
		hr.AddCookie(&http.Cookie{Name: "huntbook-token-" + port(ui), Value: ui.srv.Token()})
	case "header":
		hr.Header.Set("Authorization", "token "+ui.srv.Token())
	case "bad":
		hr.Header.Set("Authorization", "token nope")
	}
	for k, v := range r.headers {
		hr.Header.Set(k, v)
	}
	if r.host != "" {
		hr.Host = r.host
	}
	res, err := client.Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

func port(ui *uiServer) string {
	u, _ := url.Parse(ui.base)
	return u.Port()
}

func TestSecurityChecks(t *testing.T) {
	ui := startUI(t, testAssets)
	p := port(ui)
	tests := []struct {
		name string
		req  req
		want int
	}{
		{"no token", req{method: "GET", path: "/api/notebooks"}, 403},
		{"no token page", req{method: "GET", path: "/"}, 403},
		{"no token static", req{method: "GET", path: "/static/app.js"}, 403},
		{"wrong token", req{method: "GET", path: "/api/notebooks", auth: "bad"}, 403},
		{"wrong URL token", req{method: "GET", path: "/?token=nope"}, 403},
		{"cookie", req{method: "GET", path: "/api/notebooks", auth: "cookie"}, 200},
		{"header", req{method: "GET", path: "/api/notebooks", auth: "header"}, 200},
		{"URL token redirects", req{method: "GET", path: "/?token=test-token-0123456789"}, 303},
		{"URL token on POST", req{method: "POST", path: "/api/notebooks?token=test-token-0123456789", body: `{"name":"x"}`}, 403},
		{"localhost host", req{method: "GET", path: "/api/notebooks", auth: "cookie", host: "localhost:" + p}, 200},
		{"rebinding host", req{method: "GET", path: "/api/notebooks", auth: "cookie", host: "evil.example:" + p}, 403},
		{"host wrong port", req{method: "GET", path: "/api/notebooks", auth: "cookie", host: "127.0.0.1:1"}, 403},
		{"host without port", req{method: "GET", path: "/api/notebooks", auth: "cookie", host: "127.0.0.1"}, 403},
		{"foreign origin POST", req{method: "POST", path: "/api/notebooks", body: `{"name":"a"}`, auth: "cookie", headers: map[string]string{"Origin": "http://evil.example"}}, 403},
		{"null origin POST", req{method: "POST", path: "/api/notebooks", body: `{"name":"a"}`, auth: "cookie", headers: map[string]string{"Origin": "null"}}, 403},
		{"other port origin", req{method: "DELETE", path: "/api/notebooks/x", auth: "cookie", headers: map[string]string{"Origin": "http://127.0.0.1:1"}}, 403},
		{"cross-site fetch", req{method: "POST", path: "/api/markdown", body: `{}`, auth: "cookie", headers: map[string]string{"Sec-Fetch-Site": "cross-site"}}, 403},
		{"same origin POST", req{method: "POST", path: "/api/notebooks", body: `{"name":"a"}`, auth: "cookie", headers: map[string]string{"Origin": ui.base}}, 201},
		{"localhost origin", req{method: "POST", path: "/api/markdown", body: `{}`, auth: "cookie", headers: map[string]string{"Origin": "http://localhost:" + p}}, 200},
		{"program without origin", req{method: "POST", path: "/api/notebooks", body: `{"name":"b"}`, auth: "header"}, 201},
		{"body too large", req{method: "POST", path: "/api/markdown", body: `{"source":"` + strings.Repeat("x", 9<<20) + `"}`, auth: "header"}, 413},
		{"bad JSON", req{method: "POST", path: "/api/notebooks", body: `{`, auth: "header"}, 400},
		{"unknown endpoint", req{method: "GET", path: "/api/nope", auth: "header"}, 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ui.do(t, tt.req)
			if res.StatusCode != tt.want {
				b, _ := io.ReadAll(res.Body)
				t.Errorf("status %d, want %d: %s", res.StatusCode, tt.want, b)
			}
			// Every answer, refusals included, carries the headers.
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("CSP missing: %q", csp)
			}
		})
	}
}

func TestTokenCookie(t *testing.T) {
	ui := startUI(t, testAssets)
	res := ui.do(t, req{method: "GET", path: "/?token=test-token-0123456789&x=1"})
	if loc := res.Header.Get("Location"); loc != "/?x=1" {
		t.Errorf("redirect to %q, want /?x=1 (no token)", loc)
	}
	cs := res.Cookies()
	if len(cs) != 1 {
		t.Fatalf("cookies %v", cs)
	}
	c := cs[0]
	if c.Value != ui.srv.Token() || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" {
		t.Errorf("cookie %+v: want the token, HttpOnly, SameSite=Strict, Path=/", c)
	}
	if !strings.HasSuffix(c.Name, port(ui)) {
		t.Errorf("cookie name %q does not carry the port", c.Name)
	}
}

func TestSecurityHeaders(t *testing.T) {
	ui := startUI(t, testAssets)
	res := ui.do(t, req{method: "GET", path: "/", auth: "cookie"})
	body, _ := io.ReadAll(res.Body)
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "*"} {
		if strings.Contains(csp, bad) {
			t.Errorf("CSP %q allows %s", csp, bad)
		}
	}
	got := map[string]string{
		"X-Content-Type-Options": res.Header.Get("X-Content-Type-Options"),
		"Referrer-Policy":        res.Header.Get("Referrer-Policy"),
		"X-Frame-Options":        res.Header.Get("X-Frame-Options"),
	}
	want := map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("headers (-want +got):\n%s", d)
	}
	// The page's nonce is the CSP's.
	i := strings.Index(csp, "'nonce-")
	nonce := csp[i+7 : i+7+strings.IndexByte(csp[i+7:], '\'')]
	if !strings.Contains(string(body), `content="`+nonce+`"`) {
		t.Errorf("index.html does not carry the CSP nonce %s: %s", nonce, body)
	}
}

func TestNotBuiltPage(t *testing.T) {
	ui := startUI(t, nil)
	res := ui.do(t, req{method: "GET", path: "/", auth: "cookie"})
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "make build") {
		t.Errorf("status %d body %s: want 503 saying to run make build", res.StatusCode, body)
	}
}

func TestWebSocketOrigin(t *testing.T) {
	ui := startUI(t, testAssets)
	ctx := context.Background()
	info, err := ui.backend.CreateNotebook(ctx, "WS")
	if err != nil {
		t.Fatal(err)
	}
	wsURL := "ws" + strings.TrimPrefix(ui.base, "http") + "/api/notebooks/" + info.ID + "/ws"
	cookie := "huntbook-token-" + port(ui) + "=" + ui.srv.Token()
	tests := []struct {
		name    string
		headers http.Header
		ok      bool
	}{
		{"no token", http.Header{"Origin": {ui.base}}, false},
		{"foreign origin", http.Header{"Origin": {"http://evil.example"}, "Cookie": {cookie}}, false},
		{"same origin", http.Header{"Origin": {ui.base}, "Cookie": {cookie}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, res, err := websocket.Dial(ctx, wsURL, &websocket.DialOptions{HTTPHeader: tt.headers})
			if tt.ok {
				if err != nil {
					t.Fatalf("dial: %v", err)
				}
				c.Close(websocket.StatusNormalClosure, "")
				return
			}
			if err == nil {
				c.Close(websocket.StatusNormalClosure, "")
				t.Fatal("dial succeeded")
			}
			if res == nil || res.StatusCode != http.StatusForbidden {
				t.Errorf("refusal %v, want 403", res)
			}
		})
	}
}

func TestStaticAssets(t *testing.T) {
	big := strings.Repeat("console.log('huntbook');\n", 2000)
	ui := startUI(t, fstest.MapFS{"index.html": {Data: []byte("x")}, "app.js": {Data: []byte(big)}})
	tr := &http.Transport{DisableCompression: true}
	c := &http.Client{Transport: tr}
	get := func(h map[string]string) *http.Response {
		r, _ := http.NewRequest("GET", ui.base+"/static/app.js", nil)
		r.Header.Set("Authorization", "token "+ui.srv.Token())
		for k, v := range h {
			r.Header.Set(k, v)
		}
		res, err := c.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		return res
	}
	plain := get(nil)
	body, _ := io.ReadAll(plain.Body)
	if string(body) != big || plain.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Errorf("plain: %q %d bytes", plain.Header.Get("Content-Type"), len(body))
	}
	gz := get(map[string]string{"Accept-Encoding": "gzip"})
	zbody, _ := io.ReadAll(gz.Body)
	if gz.Header.Get("Content-Encoding") != "gzip" || len(zbody) >= len(big)/10 {
		t.Errorf("gzip: %q, %d bytes", gz.Header.Get("Content-Encoding"), len(zbody))
	}
	if res := get(map[string]string{"If-None-Match": plain.Header.Get("ETag")}); res.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d", res.StatusCode)
	}
}
