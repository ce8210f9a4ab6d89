package server

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// contentSecurityPolicy allows only the server's own scripts and
// connections: no inline script, no eval, no plugins, no framing. Styles
// may come from the server's files and from <style> elements carrying the
// page's nonce (the editor injects its theme that way); style attributes in
// markup stay forbidden, so sanitised HTML cannot restyle the page.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-%s'; " +
	"img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
	"frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'"

// cookieName includes the port: cookies are not isolated by port, and two
// servers on one machine must not overwrite each other's.
func (s *Server) cookieName() string { return "huntbook-token-" + strconv.Itoa(s.port) }

// secure wraps the API with the checks every request passes, in order:
// security headers, Host (DNS rebinding), the token, then Origin for
// anything that changes state.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		nonce := newNonce()
		setSecurityHeaders(w.Header(), nonce)
		if !s.hostAllowed(r.Host) {
			forbidden(w, r, "unexpected Host header")
			return
		}
		if t := r.URL.Query().Get("token"); t != "" {
			s.acceptURLToken(w, r, t)
			return
		}
		if !s.authenticated(r) {
			forbidden(w, r, "missing or wrong token: open the URL that huntbook serve printed")
			return
		}
		if changesState(r) && !s.originAllowed(r) {
			forbidden(w, r, "cross-origin request refused")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
		next.ServeHTTP(w, r.WithContext(withNonce(r.Context(), nonce)))
	})
}

func setSecurityHeaders(h http.Header, nonce string) {
	h.Set("Content-Security-Policy", strings.Replace(contentSecurityPolicy, "%s", nonce, 1))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}

// acceptURLToken exchanges a valid ?token= for the cookie and redirects to
// the same URL without it, so the token leaves the address bar and history.
func (s *Server) acceptURLToken(w http.ResponseWriter, r *http.Request, token string) {
	if !s.tokenOK(token) {
		forbidden(w, r, "wrong token")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		forbidden(w, r, "the URL token is for opening pages; API calls send the cookie or an Authorization header")
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(), Value: s.token, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteStrictMode,
	})
	u := *r.URL
	q := u.Query()
	q.Del("token")
	u.RawQuery = q.Encode()
	u.Scheme, u.Host = "", ""
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
}

func (s *Server) authenticated(r *http.Request) bool {
	if c, err := r.Cookie(s.cookieName()); err == nil && s.tokenOK(c.Value) {
		return true
	}
	if a, ok := strings.CutPrefix(r.Header.Get("Authorization"), "token "); ok && s.tokenOK(strings.TrimSpace(a)) {
		return true
	}
	return false
}

func (s *Server) tokenOK(t string) bool {
	return subtle.ConstantTimeCompare([]byte(t), []byte(s.token)) == 1
}

// hostAllowed guards against DNS rebinding: a page on evil.example whose
// name resolves to 127.0.0.1 sends Host: evil.example.
func (s *Server) hostAllowed(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return false
	}
	if port != strconv.Itoa(s.port) {
		return false
	}
	return s.hosts[strings.ToLower(strings.Trim(host, "[]"))]
}

// changesState is every request a cross-site page must not be able to make:
// anything but GET and HEAD, and the WebSocket upgrade (a GET through which
// everything can be changed).
func changesState(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return true
	}
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

// originAllowed accepts a request whose Origin is this server under one of
// its accepted names. A request without Origin comes from a program, not a
// page (browsers send Origin on every POST and WebSocket), and passed the
// token check already.
func (s *Server) originAllowed(r *http.Request) bool {
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "http" || u.Path != "" {
		return false
	}
	return s.hostAllowed(u.Host)
}

func forbidden(w http.ResponseWriter, r *http.Request, msg string) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSONError(w, http.StatusForbidden, msg)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusForbidden)
	_, _ = w.Write([]byte("403 forbidden: " + msg + "\n"))
}
