package kqlfunc

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseURL(t *testing.T) {
	got := ParseURL("scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment")
	want := mustDynamic(t, `{"Scheme":"scheme","Host":"host","Port":"1234","Path":"this/is/a/path","Username":"username",
		"Password":"password","Query Parameters":{"k1":"v1","k2":"v2"},"Fragment":"fragment"}`)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
	bad := ParseURL("not a url").(map[string]any)
	if bad["Scheme"] != "" || bad["Host"] != "" {
		t.Errorf("bad URL parsed: %v", bad)
	}
}

func TestParseURLQuery(t *testing.T) {
	got := ParseURLQuery("k1=v1&k2=v2&k3=v3")
	want := mustDynamic(t, `{"Query Parameters":{"k1":"v1","k2":"v2","k3":"v3"}}`)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
	got = ParseURLQuery("view=vs-2019&preserve-view=true&q=a%20b+c")
	want = mustDynamic(t, `{"Query Parameters":{"view":"vs-2019","preserve-view":"true","q":"a b c"}}`)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}

func TestURLEncodeDecode(t *testing.T) {
	tests := []struct{ fn, in, want string }{
		{"url_encode", "https://www.bing.com/hello world", "https%3a%2f%2fwww.bing.com%2fhello+world"},
		{"url_encode_component", "https://www.bing.com/hello world/", "https%3a%2f%2fwww.bing.com%2fhello%20world%2f"},
		{"url_encode", "ä", "%c3%a4"},
		{"url_decode", "https%3a%2f%2fwww.bing.com%2f", "https://www.bing.com/"},
		{"url_decode", "a+b%20c%zz%", "a b c%zz%"},
	}
	fns := map[string]func(string) string{"url_encode": URLEncode, "url_encode_component": URLEncodeComponent, "url_decode": URLDecode}
	for _, tt := range tests {
		if got := fns[tt.fn](tt.in); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.fn, tt.in, got, tt.want)
		}
	}
}

func TestParsePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{`C:\temp\file.txt`, `{"Scheme":"","RootPath":"C:","DirectoryPath":"C:\\temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""}`},
		{`temp\file.txt`, `{"Scheme":"","RootPath":"","DirectoryPath":"temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""}`},
		{`file://C:/temp/file.txt:some.exe`, `{"Scheme":"file","RootPath":"C:","DirectoryPath":"C:/temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":"some.exe"}`},
		{`\\shared\users\temp\file.txt.gz`, `{"Scheme":"","RootPath":"","DirectoryPath":"\\\\shared\\users\\temp","DirectoryName":"temp","Filename":"file.txt.gz","Extension":"gz","AlternateDataStreamName":""}`},
		{`/usr/lib/temp/file.txt`, `{"Scheme":"","RootPath":"","DirectoryPath":"/usr/lib/temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""}`},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(mustDynamic(t, tt.want), ParsePath(tt.in)); diff != "" {
			t.Errorf("parse_path(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseCommandLine(t *testing.T) {
	tests := []struct {
		in   string
		want []any
	}{
		{`echo "hello world!"`, []any{"echo", "hello world!"}},
		{`"C:\Program Files\a.exe" -x "a b" c\d`, []any{`C:\Program Files\a.exe`, "-x", "a b", `c\d`}},
		{`a.exe "a\"b" \\"c d" e\\\"f`, []any{"a.exe", `a"b`, `\c d`, `e\"f`}},
		{`a.exe "x""y"`, []any{"a.exe", `x"y`}},
		{"  ", []any{}},
		{"powershell.exe -enc  SQBFAFgA\t-nop", []any{"powershell.exe", "-enc", "SQBFAFgA", "-nop"}},
	}
	for _, tt := range tests {
		got, ok := ParseCommandLine(tt.in, "windows")
		if diff := cmp.Diff(any(tt.want), got); diff != "" || !ok {
			t.Errorf("parse_command_line(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	if _, ok := ParseCommandLine("x", "linux"); ok {
		t.Error("unknown parser accepted")
	}
}

func FuzzParseCommandLine(f *testing.F) {
	f.Add(`a.exe "a\"b" \\"c d" e\\\"f`)
	f.Fuzz(func(t *testing.T, s string) {
		if _, ok := ParseCommandLine(s, "windows"); !ok {
			t.Fatal("windows parser refused input")
		}
	})
}

func FuzzParseURLPath(f *testing.F) {
	for _, s := range []string{"scheme://u:p@h:1/p?a=b#f", `file://C:/temp/file.txt:ads`, `\\srv\share\x.gz`, "%zz+%41"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ParseURL(s)
		ParsePath(s)
		ParseURLQuery(s)
		if got := URLDecode(URLEncode(s)); utf8Valid(s) && got != s {
			t.Fatalf("url_decode(url_encode(%q)) = %q", s, got)
		}
	})
}
