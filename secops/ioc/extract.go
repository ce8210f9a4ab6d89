package ioc

import (
	"slices"
	"sort"
	"strings"
)

// Match is one indicator found in a text.
type Match struct {
	Type Type
	// Value is the observable to pivot on: refanged ("evil[.]com" gives
	// "evil.com", "hxxp" gives "http"), otherwise exactly as written.
	Value string
	// Text is the indicator as written in the input: equal to Value unless
	// the indicator was defanged or was found by URL-decoding.
	Text string
	// Start and End are the byte offsets of Text in the input. For a match
	// found in the decoded form of a URL they are the URL's offsets.
	Start, End int
	// Within is the type of the outermost indicator that contains this
	// one (a URL's host, an IP address in a URL's path, the domain of an
	// e-mail address), or "" for a top-level indicator.
	Within Type
	// Decoded is true when the match exists only in the percent-decoded
	// form of the enclosing URL.
	Decoded bool
}

// Defanged reports whether the indicator was written in a defanged form.
func (m Match) Defanged() bool { return !m.Decoded && m.Text != m.Value }

// Options tunes ExtractWith. The zero value extracts DefaultTypes the way
// Extract does.
type Options struct {
	// Types restricts the result to these types; empty means DefaultTypes.
	Types []Type
	// NoDefang matches only literal indicators, as MSTICPy's
	// IoCExtract(defanged=False) does: "1[.]2[.]3[.]4" is then no address.
	NoDefang bool
	// TopLevel drops every match that lies inside another indicator (a
	// URL's host, the domain of an e-mail address, ...).
	TopLevel bool
}

// maxDecodeDepth bounds the re-scanning of percent-decoded URLs: a URL
// encoded inside a URL encoded inside a URL is still found, but an
// adversarial input cannot make the extractor recurse without end.
const maxDecodeDepth = 3

// Extract returns the indicators of the given types (DefaultTypes when
// none are given) found in text, in order of their position. Every
// occurrence is returned; Unique keeps one per observable.
func Extract(text string, types ...Type) []Match {
	return ExtractWith(text, Options{Types: types})
}

// ExtractWith is Extract with options.
func ExtractWith(text string, opt Options) []Match {
	want := setOf(opt.Types)
	if len(opt.Types) == 0 {
		want = setOf(DefaultTypes())
	}
	all := extract(text, opt.NoDefang, 0)
	out := all[:0]
	for _, m := range all {
		if want.has(m.Type) && (!opt.TopLevel || m.Within == "") {
			out = append(out, m)
		}
	}
	return out
}

// Unique keeps the first match of each (Type, Value) pair, in order. It is
// what MSTICPy's extract returns per input row (a set per type).
func Unique(ms []Match) []Match {
	type key struct {
		t Type
		v string
	}
	seen := make(map[key]bool, len(ms))
	var out []Match
	for _, m := range ms {
		k := key{m.Type, m.Value}
		if !seen[k] {
			seen[k] = true
			out = append(out, m)
		}
	}
	return out
}

// ByType groups the distinct values of ms by type name, each list in order
// of first appearance: the shape of extract_iocs' dynamic result.
func ByType(ms []Match) map[string][]string {
	out := map[string][]string{}
	for _, m := range Unique(ms) {
		out[string(m.Type)] = append(out[string(m.Type)], m.Value)
	}
	return out
}

// cand is a match while scanning, with offsets into the refanged text. It
// holds no pointers (see kind).
type cand struct {
	start, end int
	val        int32 // 1 + index in extractor.values of a Value that differs from the span; 0 if none
	typ        kind
	// sub marks a host reported by an enclosing scanner (a URL's or a UNC
	// path's host): kept even where a bare name would be dropped.
	sub bool
}

// extractor holds the state of one scan over a refanged text.
type extractor struct {
	s        string
	noDefang bool
	cands    []cand
	values   []string
	names    map[string]bool // validDomain results, names repeat in logs
}

func (x *extractor) add(c cand) { x.cands = append(x.cands, c) }

// value stores v for a candidate's val field.
func (x *extractor) value(v string) int32 {
	x.values = append(x.values, v)
	return int32(len(x.values))
}

// extract runs every scanner and resolves overlaps. All types are always
// scanned: whether a host name is reported can depend on a path or URL
// around it even when paths or URLs are not asked for.
func extract(text string, noDefang bool, depth int) []Match {
	r := refanged{s: text}
	if !noDefang {
		r = refang(text)
	}
	x := &extractor{s: r.s, noDefang: noDefang, cands: make([]cand, 0, 4+len(r.s)/128)}
	var runs [9]int // where each scanner's candidates start and end
	for k := range 8 {
		x.scan(k)
		runs[k+1] = len(x.cands)
	}
	x.cands = sortRuns(x.cands, runs[:])
	ms := x.resolve(&r, text)
	if depth < maxDecodeDepth {
		ms = addDecoded(ms, noDefang, depth)
	}
	return ms
}

// scan runs the k-th scanner.
func (x *extractor) scan(k int) {
	switch k {
	case 0:
		x.scanHashes()
	case 1:
		x.scanIPv4()
	case 2:
		x.scanIPv6()
	case 3:
		x.scanDNS()
	case 4:
		x.scanEmail()
	case 5:
		x.scanURLs()
	case 6:
		x.scanWindowsPaths()
	case 7:
		x.scanLinuxPaths()
	}
}

// resolve orders the candidates, removes duplicates and same-span ties,
// works out which indicator each one lies within and applies the nesting
// rules, then maps offsets back to the original text.
func (x *extractor) resolve(r *refanged, text string) []Match {
	cs := dedupe(x.cands)
	out := make([]Match, 0, len(cs))
	var open []cand // candidates that may still enclose later ones
	for _, c := range cs {
		live := open[:0]
		for _, o := range open {
			if o.end > c.start {
				live = append(live, o)
			}
		}
		open = live
		within := kNone
		for _, o := range open { // outermost first: sorted by start, then longest
			if o.end >= c.end {
				within = o.typ
				break
			}
		}
		open = append(open, c)
		if within != kNone && dropNested(c, within) {
			continue
		}
		m := Match{Type: c.typ.Type(), Start: r.orig(c.start), End: r.orig(c.end)}
		if c.val > 0 {
			m.Value = x.values[c.val-1]
		} else {
			m.Value = x.s[c.start:c.end]
		}
		if within != kNone {
			m.Within = within.Type()
		}
		m.Text = text[m.Start:m.End]
		out = append(out, m)
	}
	return out
}

// candOrder sorts candidates by start, then longest first, then priority,
// so an enclosing candidate precedes what it encloses.
func candOrder(a, b cand) int {
	if a.start != b.start {
		return a.start - b.start
	}
	if a.end != b.end {
		return b.end - a.end
	}
	return a.typ.priority() - b.typ.priority()
}

// sortRuns sorts cs, which is the concatenation of the runs cs[runs[i]:
// runs[i+1]]. Each scanner emits its candidates almost in order, so sorting
// each run (usually a no-op check) and merging the runs pairwise beats
// sorting the whole slice.
func sortRuns(cs []cand, runs []int) []cand {
	if len(cs) < 32 {
		slices.SortStableFunc(cs, candOrder)
		return cs
	}
	for i := 0; i+1 < len(runs); i++ {
		if r := cs[runs[i]:runs[i+1]]; !slices.IsSortedFunc(r, candOrder) {
			slices.SortStableFunc(r, candOrder)
		}
	}
	buf := make([]cand, len(cs))
	for len(runs) > 2 {
		next := runs[:1]
		for i := 0; i+1 < len(runs); i += 2 {
			if i+2 >= len(runs) {
				copy(buf[runs[i]:], cs[runs[i]:runs[i+1]])
				next = append(next, runs[i+1])
				continue
			}
			mergeInto(buf[runs[i]:runs[i+2]], cs[runs[i]:runs[i+1]], cs[runs[i+1]:runs[i+2]])
			next = append(next, runs[i+2])
		}
		cs, buf, runs = buf, cs, next
	}
	return cs
}

// mergeInto merges the sorted a and b into dst (len(a)+len(b) long),
// taking from a on ties so the merge is stable.
func mergeInto(dst, a, b []cand) {
	i, j := 0, 0
	for k := range dst {
		if j >= len(b) || i < len(a) && candOrder(a[i], b[j]) <= 0 {
			dst[k] = a[i]
			i++
		} else {
			dst[k] = b[j]
			j++
		}
	}
}

// dedupe drops candidates claiming the same text as the one before them in
// sorted order (the higher priority type comes first); a host found both
// by the host-name scanner and as a URL's or UNC path's host keeps the
// latter's sub flag.
func dedupe(cs []cand) []cand {
	out := cs[:0]
	for _, c := range cs {
		if n := len(out); n > 0 && out[n-1].start == c.start && out[n-1].end == c.end {
			if out[n-1].typ == c.typ {
				out[n-1].sub = out[n-1].sub || c.sub
				if out[n-1].val == 0 {
					out[n-1].val = c.val
				}
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

// dropNested reports whether candidate c is noise inside an indicator of
// type outer. Host names inside file paths are file names ("payload.zip",
// "install.sh"), and paths inside URLs or addresses are their paths, not
// files; everything else nested is reported with Within set, as MSTICPy
// reports a URL's host and the addresses in its path.
func dropNested(c cand, outer kind) bool {
	switch c.typ {
	case kDNS:
		return !c.sub && (outer == kWindowsPath || outer == kLinuxPath)
	case kWindowsPath, kLinuxPath:
		return outer != c.typ
	}
	return false
}

// addDecoded appends what the percent-decoded forms of the URLs in ms
// reveal beyond ms itself.
func addDecoded(ms []Match, noDefang bool, depth int) []Match {
	type key struct {
		t Type
		v string
	}
	var seen map[key]bool
	n := len(ms)
	for i := 0; i < n; i++ {
		u := ms[i]
		if u.Type != URL || u.Decoded {
			continue
		}
		dec, ok := percentDecode(u.Value)
		if !ok {
			continue
		}
		if seen == nil {
			seen = make(map[key]bool, n)
			for _, m := range ms {
				seen[key{m.Type, m.Value}] = true
			}
		}
		for _, d := range extract(dec, noDefang, depth+1) {
			k := key{d.Type, d.Value}
			if seen[k] || d.Type == WindowsPath || d.Type == LinuxPath {
				continue
			}
			seen[k] = true
			ms = append(ms, Match{Type: d.Type, Value: d.Value, Text: d.Text,
				Start: u.Start, End: u.End, Within: URL, Decoded: true})
		}
	}
	if len(ms) > n {
		// A decoded match goes after the raw matches inside its URL.
		key := func(m Match) int {
			if m.Decoded {
				return 2 * m.End
			}
			return 2*m.Start + 1
		}
		sort.SliceStable(ms, func(i, j int) bool { return key(ms[i]) < key(ms[j]) })
	}
	return ms
}

// percentDecode decodes %XX escapes (not '+': it is data in paths and in
// base64 payloads). It reports false when s has no escape to decode.
func percentDecode(s string) (string, bool) {
	i := strings.IndexByte(s, '%')
	if i < 0 {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	changed := false
	for ; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			changed = true
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), changed
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
