package ioc

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// MSTICPy's IoCExtract tests (tests/transform/test_ioc_extractor.py) check
// how many distinct observables of each type a set of inputs yields. The
// cases below are our own inputs built to exercise the same things, with
// MSTICPy's expected counts. Where we deliberately differ, msticpy holds
// MSTICPy's count and the comment says why.

// countByType counts the distinct observables of each type, as MSTICPy's
// string-input extract does (a set per type).
func countByType(ms []Match) map[Type]int {
	out := map[Type]int{}
	for _, m := range Unique(ms) {
		out[m.Type]++
	}
	return out
}

// includePaths is MSTICPy's include_paths=True: the defaults plus Windows
// paths (Linux paths only when named).
var includePaths = append(DefaultTypes(), WindowsPath)

func TestMSTICPyEquivalents(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		types []Type
		want  map[Type]int // counts checked; types not listed must be 0
	}{
		{"ipv4", `c:\apps\tools\scanner -target:198.51.100.23`, includePaths,
			map[Type]int{IPv4: 1, WindowsPath: 1}},
		// MSTICPy expects 3: its regular expression misses the
		// IPv4-mapped form, which is a valid IPv6 address; its IPv4 part
		// is reported as ipv4 by both.
		{"ipv6 list", `c:\apps\tools\scanner -ip6:(2001:0db8:0a0b:0000:0000:12f0:0000:0001,
			2001:db8:a0b:0:0:12f0:0:1,2001:db8:a0b::12f0:0:1,::ffff:198.51.100.200)`, includePaths,
			map[Type]int{IPv6: 4, IPv4: 1, WindowsPath: 1}},
		{"urls with user@host:port", `c:\apps\tools\fetch /u:https://cdn.example.fr/dl?a=1&b=2
			/u:https://operator@files.example.de:8443/dl?a=1&b=2"<more text`, includePaths,
			map[Type]int{URL: 2, DNS: 2, WindowsPath: 1}},
		{"url with address in path", `curl 'https://www.example.net/lookup/ip/203.0.113.77/details/'`, includePaths,
			map[Type]int{URL: 1, DNS: 1, IPv4: 1}},
		{"windows paths", `c:\apps\tools\copier -from:"..\other\input" -to:"\\fileshare\drop"`, includePaths,
			map[Type]int{WindowsPath: 3}},
		{"linux paths", `/usr/bin/env --conf:./local.cfg --exec:/usr/bin/env --out:../../result`, []Type{LinuxPath},
			map[Type]int{LinuxPath: 3}},
		{"md5 delimited", `1a79a4d60de6718e8e5b326e338ae533x -h=1a79a4d60de6718e8e5b326e338ae534x -h=1a79a4d60de6718e8e5b326e338ae535`, nil,
			map[Type]int{MD5: 3}},
		{"sha1 delimited", `0a4d55a8d778e5022fab701977c5d840bbc486d0x -h=0a4d55a8d778e5022fab701977c5d840bbc486d1x -h=0a4d55a8d778e5022fab701977c5d840bbc486d2`, nil,
			map[Type]int{SHA1: 3}},
		{"sha256 delimited", `9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08x -h=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a09x
			-h=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0a`, nil,
			map[Type]int{SHA256: 3}},
		{"domain with country tld", `the host mail.server.fr answered`, nil, map[Type]int{DNS: 1}},
		{"domain with unknown tld", `the host mail.server.notatld answered`, nil, map[Type]int{}},
		{"short domain", `visit example.org today`, nil, map[Type]int{DNS: 1}},
		{"three-label domain", `posted on forum.example.com yesterday`, nil, map[Type]int{DNS: 1}},
		{"email bare", `mail ops@example.com now`, nil, map[Type]int{Email: 1, DNS: 1}},
		{"email in angle brackets", `From Ops <ops@example.com> now`, nil, map[Type]int{Email: 1, DNS: 1}},
		{"email with trailing comment", `ops@example.com (Ops Team)> now`, nil, map[Type]int{Email: 1, DNS: 1}},
		{"email subdomain", `to ops@mx.example.net> now`, nil, map[Type]int{Email: 1, DNS: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := countByType(Extract(tt.in, tt.types...))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("counts (-want +got):\n%s\nmatches: %q", diff, brief(Extract(tt.in, tt.types...)))
			}
		})
	}
}

// TestMSTICPyDefanged mirrors MSTICPy's defanged cases: each input must
// yield (or not) an observable of the type, and with defang matching off
// none of the defanged addresses is found.
func TestMSTICPyDefanged(t *testing.T) {
	tests := []struct {
		typ  Type
		in   string
		want bool
	}{
		{IPv4, `c:\apps\scanner -target:198[.]51.100.23`, true},
		{IPv4, `c:\apps\scanner -target:198[.]51[.]100[.]23`, true},
		{IPv4, `c:\apps\scanner -target:198.51[.]100[.]23`, true},
		{IPv4, `c:\apps\scanner -target:198.51[.]100[.]org`, false},
		{URL, `curl 'hXXps://intel.example.com/ip/198.51.100.23/info/'`, true},
		{URL, `curl 'ftp://intel[.]example.com/ip/198.51.100.23/info/'`, true},
		{URL, `curl 'ftp://intel[.]example[.]com/ip/198.51.100.23/info/'`, true},
		{URL, `curl 'sftp://intel[.]example.com/ip/198.51.100.23/info/'`, true},
		{URL, `curl 'ftps://intel[.]example.com/ip/198.51.100.23/info/'`, true},
		{URL, `curl 'fXp://intel[.]example.com/ip/198.51.100.23/info/'`, true},
		{URL, `curl 'sfXp://intel.example.com/ip/198.51.100.23/info/'`, true},
		{URL, `curl 'fXps://intel[.]example.com/ip/198.51.100.23/info/'`, true},
		{URL, `curl 'file://intel[.]example.com/ip/198.51.100.23/info/'`, true},
		{URL, `curl 'telnet://intel[.]example.com/ip/198.51.100.23/info/'`, true},
		{DNS, `the host mail[.]server.fr answered`, true},
		{DNS, `the host mail.server[.]fr answered`, true},
		{DNS, `the host mail[.]server[.]fr answered`, true},
		{Email, `write to ops@mail[.]server.fr today`, true},
		{Email, `write to ops[AT]mail[.]server.fr today`, true},
		{Email, `write to ops@mail.server.fr today`, true},
	}
	for _, tt := range tests {
		got := len(Extract(tt.in, tt.typ)) > 0
		if got != tt.want {
			t.Errorf("Extract(%q, %s) found = %v, want %v (%q)", tt.in, tt.typ, got, tt.want, brief(Extract(tt.in, Types()...)))
		}
		if tt.typ == IPv4 {
			if ms := ExtractWith(tt.in, Options{Types: []Type{IPv4}, NoDefang: true}); len(ms) != 0 {
				t.Errorf("NoDefang %q: %q, want nothing", tt.in, brief(ms))
			}
		}
	}
}

// TestMSTICPyDataFrame mirrors MSTICPy's data-frame tests: the cases above
// as rows, counting distinct observables per row and summing over rows.
func TestMSTICPyDataFrame(t *testing.T) {
	rows := []string{
		`c:\apps\tools\scanner -target:198.51.100.23`,
		`c:\apps\tools\scanner -ip6:(2001:0db8:0a0b:0000:0000:12f0:0000:0001, 2001:db8:a0b:0:0:12f0:0:1,2001:db8:a0b::12f0:0:1,::ffff:198.51.100.200)`,
		`c:\apps\tools\fetch /u:https://cdn.example.fr/dl?a=1&b=2 /u:https://operator@files.example.de:8443/dl?a=1&b=2"<more`,
		`c:\apps\tools\copier -from:"..\other\input" -to:"\\fileshare\drop"`,
		`/usr/bin/env --conf:./local.cfg --exec:/usr/bin/env --out:../../result`,
		`1a79a4d60de6718e8e5b326e338ae533x -h=1a79a4d60de6718e8e5b326e338ae534x -h=1a79a4d60de6718e8e5b326e338ae535`,
		`0a4d55a8d778e5022fab701977c5d840bbc486d0x -h=0a4d55a8d778e5022fab701977c5d840bbc486d1x -h=0a4d55a8d778e5022fab701977c5d840bbc486d2`,
		`9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08x -h=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a09x -h=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0a`,
		`curl 'https://www.example.net/lookup/ip/203.0.113.77/details/'`,
	}
	sum := func(types []Type) map[Type]int {
		total := map[Type]int{}
		for _, r := range rows {
			for typ, n := range countByType(Extract(r, types...)) {
				total[typ] += n
			}
		}
		return total
	}
	// MSTICPy: ipv6 3 (see the ipv6 case above).
	want := map[Type]int{IPv4: 3, IPv6: 4, URL: 3, DNS: 3, WindowsPath: 6, MD5: 3, SHA1: 3, SHA256: 3}
	if diff := cmp.Diff(want, sum(includePaths)); diff != "" {
		t.Errorf("include_paths (-want +got):\n%s", diff)
	}
	// MSTICPy counts 8 Linux paths here: its pattern also matches pieces
	// of the URLs and switches ("/u:https:"); the three real ones are ours.
	want = map[Type]int{IPv4: 3, IPv6: 4, URL: 3, LinuxPath: 3, MD5: 3, SHA1: 3, SHA256: 3}
	if diff := cmp.Diff(want, sum([]Type{IPv4, IPv6, URL, LinuxPath, MD5, SHA1, SHA256})); diff != "" {
		t.Errorf("explicit types with linux_path (-want +got):\n%s", diff)
	}
	want = map[Type]int{IPv4: 3, URL: 3, MD5: 3}
	if diff := cmp.Diff(want, sum([]Type{IPv4, URL, MD5})); diff != "" {
		t.Errorf("ipv4, url, md5 (-want +got):\n%s", diff)
	}
}
