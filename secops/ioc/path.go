package ioc

import "strings"

// File paths are the noisiest indicator type (MSTICPy extracts them only on
// request, and so does DefaultTypes). The scanners below therefore accept a
// path only where one starts: a drive ("C:\"), a UNC or device prefix
// ("\\host\share", "\\.\pipe\x", "\\?\C:\", "\??\C:\"), a relative prefix
// (".\", "..\", "./", "../", "~/"), an environment variable ("%TEMP%\"), or
// a separator right after white space, a quote or an '=' ("\Windows\x",
// "/etc/passwd"). A separator that follows a word is not a start, so
// registry keys ("HKLM\SOFTWARE\..."), accounts ("CONTOSO\bob") and command
// switches ("/c") are not paths.

// winStop reports the characters that end a Windows path in running text:
// the characters Windows forbids in names, plus the separators command
// lines put between arguments (';', '&', ',', '=', '\”, '`').
func winStop(c byte) bool {
	if c < ' ' || c == 0x7f {
		return true
	}
	switch c {
	case '/', ':', '*', '?', '"', '<', '>', '|', ';', '&', ',', '=', '\'', '`':
		return true
	}
	return false
}

// startBoundary reports whether a path may start after c (0 at the start of
// the text).
func startBoundary(c byte) bool {
	return c == 0 || isSpace(c) || strings.IndexByte("\"'=(,;<>|&[{", c) >= 0
}

// scanWindowsPaths finds Windows paths. Folder names may contain single
// spaces ("C:\Program Files\x.exe") when a later backslash follows; inside
// quotes the file name may contain spaces too. Doubled separators (escaped
// strings: "C:\\Users\\x") are accepted and kept as written.
func (x *extractor) scanWindowsPaths() {
	s := x.s
	done := 0
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '\\')
		if k < 0 {
			return
		}
		p := i + k
		i = p + 1
		if p < done || strings.HasPrefix(s[p:], `\??\`) {
			continue // the drive after an NT prefix starts the path
		}
		r, ok := x.winRoot(p)
		if !ok {
			continue
		}
		end, comps := winComponents(s, r)
		if comps < r.minComps || end <= r.first+1 {
			continue
		}
		done, i = end, end
		x.add(cand{typ: kWindowsPath, start: r.start, end: end})
		if r.host.typ != kNone {
			x.add(r.host)
		}
	}
}

// winStart describes where a Windows path starts.
type winStart struct {
	start    int  // offset of the path
	first    int  // offset of the separator before the first component
	minComps int  // components the path needs
	relative bool // ".\x": a command more often than a file, never quoted with spaces
	host     cand // a UNC path's host, when it is an address or a valid name
}

// winRoot classifies the backslash at p.
func (x *extractor) winRoot(p int) (winStart, bool) {
	s := x.s
	prev := before(s, p)
	switch {
	case prev == ':' && p >= 2 && isAlpha(s[p-2]) && !isAlnum(before(s, p-2)):
		start := p - 2
		for _, pre := range []string{`\??\`, `\\?\`, `\\.\`} {
			if strings.HasSuffix(s[:start], pre) {
				start -= len(pre)
			}
		}
		return winStart{start: start, first: p, minComps: 1}, true
	case at(s, p+1) == '\\' && prev != '\\' && !isWord(prev):
		return x.uncRoot(p)
	case prev == '.':
		d := p - 1
		for d > 0 && s[d-1] == '.' && p-d < 2 {
			d--
		}
		if c := before(s, d); !isWord(c) && c != '.' && c != '\\' && c != '/' {
			return winStart{start: d, first: p, minComps: 1, relative: true}, true
		}
	case prev == '%':
		if v := envVarStart(s, p-1); v >= 0 {
			return winStart{start: v, first: p, minComps: 1}, true
		}
	case startBoundary(prev):
		return winStart{start: p, first: p, minComps: 2}, true
	}
	return winStart{}, false
}

// uncRoot parses "\\host\" at p (any number of leading backslashes, for
// escaped strings). The device prefixes "\\.\" and "\\?\" count as hosts.
func (x *extractor) uncRoot(p int) (winStart, bool) {
	s := x.s
	h := p
	for h < len(s) && s[h] == '\\' {
		h++
	}
	e := h
	for e < len(s) && (isLabel(s[e]) || s[e] == '.' || s[e] == '$') {
		e++
	}
	if e == h && (at(s, h) == '.' || at(s, h) == '?') {
		e = h + 1
	}
	if e == h || at(s, e) != '\\' {
		return winStart{}, false
	}
	if e == h+1 && isAlpha(at(s, e+1)) && at(s, e+2) == ':' {
		return winStart{}, false // "\\?\C:\": the drive starts the path
	}
	r := winStart{start: p, first: e, minComps: 1}
	switch name := s[h:e]; {
	case validIPv4(name):
		r.host = cand{typ: kIPv4, start: h, end: e, sub: true}
	case validDomain(name):
		r.host = cand{typ: kDNS, start: h, end: e, sub: true}
	}
	return r, true
}

// envVarStart returns the start of "%NAME%" ending at offset pct, or -1.
func envVarStart(s string, pct int) int {
	for j := pct - 1; j >= 0 && pct-j <= 64; j-- {
		c := s[j]
		if c == '%' {
			if j == pct-1 || isWord(before(s, j)) {
				return -1
			}
			return j
		}
		if !isWord(c) && c != '(' && c != ')' {
			return -1
		}
	}
	return -1
}

// winComponents reads the components after the separator r.first and
// returns the end of the path and the number of components. A path right
// after a quote may have spaces in its file name too, if it runs to the
// closing quote.
func winComponents(s string, r winStart) (end, comps int) {
	quote := before(s, r.start)
	quoted := (quote == '"' || quote == '\'') && !r.relative
	end = r.first
	pos := r.first
	lastSpace := -1 // first space of the last component, in quoted mode
	for pos < len(s) && s[pos] == '\\' {
		q := pos
		for q < len(s) && s[q] == '\\' {
			q++
		}
		c := q
		lastSpace = -1
		okUntil := -1 // a backslash found ahead: spaces before it are inside a folder name
		for c < len(s) && !winStop(s[c]) && s[c] != '\\' {
			if s[c] == ' ' && c > okUntil {
				if quoted {
					if lastSpace < 0 {
						lastSpace = c
					}
				} else if okUntil = folderSpaces(s, c); okUntil < 0 {
					break
				}
			}
			c++
		}
		if c == q {
			break
		}
		comps++
		end, pos = c, c
	}
	if lastSpace >= 0 && at(s, end) != quote {
		end = lastSpace // the quote does not close here: the name ends at its first space
	}
	return trimPath(s, r.first, end), comps
}

// folderSpaces looks ahead from the space at c: when single spaces lead to
// a backslash (and the name does not end with a space) it returns that
// backslash's offset, else -1.
func folderSpaces(s string, c int) int {
	for j := c; j < len(s); j++ {
		switch {
		case s[j] == '\\':
			if s[j-1] == ' ' {
				return -1
			}
			return j
		case s[j] == ' ' && at(s, j+1) == ' ', winStop(s[j]):
			return -1
		}
	}
	return -1
}

// trimPath drops trailing dots, spaces and unbalanced closing parentheses
// ("(see C:\x\y.exe)"), keeping balanced ones ("C:\Program Files (x86)").
func trimPath(s string, first, end int) int {
	paren := strings.Count(s[first:end], "(") - strings.Count(s[first:end], ")")
	for end > first {
		switch s[end-1] {
		case '.', ' ':
		case ')':
			if paren >= 0 {
				return end
			}
			paren++
		default:
			return end
		}
		end--
	}
	return end
}

// scanLinuxPaths finds Unix paths: absolute ones of at least two
// components ("/bin/sh", not "/c"), and relative ones ("./x", "../x",
// "~/x"). Components are the characters of portable file names plus a few
// that real paths carry ("@%~,:=#+"), or any non-ASCII byte.
func (x *extractor) scanLinuxPaths() {
	s := x.s
	done := 0
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '/')
		if k < 0 {
			return
		}
		p := i + k
		i = p + 1
		if p < done {
			continue
		}
		start, minComps := linuxRoot(s, p)
		if start < 0 {
			continue
		}
		end, comps := p, 0
		for pos := p; pos < len(s) && s[pos] == '/'; {
			c := pos + 1
			for c < len(s) && (class[s[c]]&cLinux != 0 || s[c] >= 0x80) {
				c++
			}
			if c == pos+1 {
				break
			}
			comps++
			end, pos = c, c
		}
		for end > p && strings.IndexByte(".,:=#", s[end-1]) >= 0 {
			end--
		}
		if comps < minComps || end <= p+1 {
			continue
		}
		done, i = end, end
		x.add(cand{typ: kLinuxPath, start: start, end: end})
	}
}

// linuxRoot classifies the slash at p: the start of the path and the number
// of components it needs, or -1.
func linuxRoot(s string, p int) (start, minComps int) {
	prev := before(s, p)
	switch {
	case prev == '.':
		d := p - 1
		for d > 0 && s[d-1] == '.' && p-d < 2 {
			d--
		}
		if c := before(s, d); !isWord(c) && c != '.' && c != '/' && c != '\\' {
			return d, 1
		}
	case prev == '~':
		if c := before(s, p-1); !isWord(c) && c != '/' {
			return p - 1, 1
		}
	case prev == ':':
		// "--file:/etc/x" is a path; "http://" and "C:/" are not.
		if at(s, p+1) != '/' && !(isAlpha(before(s, p-1)) && !isAlnum(before(s, p-2))) {
			return p, 2
		}
	case startBoundary(prev):
		if at(s, p+1) != '/' {
			return p, 2
		}
	}
	return -1, 0
}
