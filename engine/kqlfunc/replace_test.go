package kqlfunc

import "testing"

func TestReplaceStrings(t *testing.T) {
	msg := "A magic trick can turn a cat into a dog"
	ex := "This is an example of using replace_strings()"
	tests := []struct {
		text              string
		lookups, rewrites []any
		want              string
	}{
		// the documented examples of replace_strings()
		{msg, []any{"cat", "dog"}, []any{"dog", "pigeon"}, "A magic trick can turn a dog into a pigeon"},
		{msg, []any{"turn", " into a dog"}, []any{"disappear", ""}, "A magic trick can disappear a cat"},
		{ex, []any{"This", "is"}, []any{"This", "was"}, "This was an example of using replace_strings()"},
		{ex, []any{"is", "This"}, []any{"was", "This"}, "Thwas was an example of using replace_strings()"},
		{ex, []any{"This", "is"}, []any{int64(12345), "was"}, "This was an example of using replace_strings()"},
		// edges
		{"aaa", []any{"", "a"}, []any{"x", "b"}, "bbb"},
		{"abc", nil, nil, "abc"},
	}
	for _, tt := range tests {
		if got := ReplaceStrings(tt.text, tt.lookups, tt.rewrites); got != tt.want {
			t.Errorf("ReplaceStrings(%q, %v, %v) = %q, want %q", tt.text, tt.lookups, tt.rewrites, got, tt.want)
		}
	}
}

func TestDecompressBase64(t *testing.T) {
	// the documented examples
	if got := GzipDecompressBase64("H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA=="); got != "1234567890qwertyuiop" {
		t.Errorf("gzip = %q", got)
	}
	if got := ZlibDecompressBase64("eJwLSS0uUSguKcrMS1cwNDIGACxqBQ4="); got != "Test string 123" {
		t.Errorf("zlib = %q", got)
	}
	for _, bad := range []string{"x0x0x0", "", "aGVsbG8="} {
		if GzipDecompressBase64(bad) != "" || ZlibDecompressBase64(bad) != "" {
			t.Errorf("%q: want empty", bad)
		}
	}
}
