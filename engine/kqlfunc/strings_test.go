package kqlfunc

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTrim(t *testing.T) {
	tests := []struct{ fn, re, in, want string }{
		{"trim", "--", "--https://bing.com--", "https://bing.com"},
		{"trim", `[^\w]+`, "-  Te st1// $", "Te st1"},
		{"trim", `\s+`, "    Hello, world!    ", "Hello, world!"},
		{"trim_start", "https://", "https://bing.com", "bing.com"},
		{"trim_start", `[^\w]+`, "-  Te st1// $", "Te st1// $"},
		{"trim_end", ".com", "bing.com", "bing"},
		{"trim_end", `[^\w]+`, "-  Te st1// $", "-  Te st1"},
		{"trim_end", "ab", "xabab", "x"},
		{"trim", "(", "(x(", "(x("}, // bad regex: unchanged
	}
	fns := map[string]func(string, string) string{"trim": Trim, "trim_start": TrimStart, "trim_end": TrimEnd}
	for _, tt := range tests {
		if got := fns[tt.fn](tt.re, tt.in); got != tt.want {
			t.Errorf("%s(%q, %q) = %q, want %q", tt.fn, tt.re, tt.in, got, tt.want)
		}
	}
}

func TestSplitStrcat(t *testing.T) {
	if diff := cmp.Diff([]any{"a", "", "b"}, Split("a__b", "_")); diff != "" {
		t.Error(diff)
	}
	if diff := cmp.Diff([]any{""}, Split("", "_")); diff != "" {
		t.Error(diff)
	}
	if diff := cmp.Diff([]any{"aa", "cc"}, Split("aabbcc", "bb")); diff != "" {
		t.Error(diff)
	}
	arr := mustDynamic(t, `[1,"b",{"c":2},null,true]`)
	if got := StrcatArray(arr, "-"); got != `1-b-{"c":2}--true` {
		t.Errorf("StrcatArray = %q", got)
	}
}

func TestCountof(t *testing.T) {
	tests := []struct {
		text, search, kind string
		want               int64
	}{
		{"aaa", "a", "", 3},
		{"aaaa", "aa", "", 3},
		{"aaaa", "aa", "normal", 3},
		{"aaaa", "aa", "regex", 2},
		{"abcabc", "a.c", "regex", 2},
		{"ababa", "ab", "normal", 2},
		{"ababa", "aba", "", 2},
		{"ababa", "aba", "regex", 1},
		{"abc", "", "", 0},
	}
	for _, tt := range tests {
		if got, ok := Countof(tt.text, tt.search, tt.kind); !ok || got != tt.want {
			t.Errorf("countof(%q, %q, %q) = %d, %v; want %d", tt.text, tt.search, tt.kind, got, ok, tt.want)
		}
	}
}

func TestIndexOf(t *testing.T) {
	tests := []struct {
		s, lookup                 string
		start, length, occurrence int64
		want                      int64
		null                      bool
	}{
		{"abcdefg", "cde", 0, -1, 1, 2, false},
		{"abcdefg", "cde", 1, 4, 1, 2, false},
		{"abcdefg", "cde", 1, 2, 1, -1, false},
		{"abcdefg", "cde", 3, 4, 1, -1, false},
		{"abcdefg", "cde", -5, -1, 1, 2, false},
		{"1234567", "5", 1, 4, 1, 4, false},
		{"abcdefg", "cde", 2, -1, 1, 2, false},
		{"abcdefgabcdefg", "cde", 1, 10, 2, 9, false},
		{"abcdefgabcdefg", "cde", 1, -1, 3, -1, false},
		{"Hello, world!", "lo", 0, -1, 1, 3, false},
		{"Hello, world, hello!", "lo", 5, -1, 1, 17, false},
		{"héllo", "l", 0, -1, 1, 2, false},
		{"abc", "b", 0, -2, 1, 0, true},
		{"abc", "b", 0, -1, -1, 0, true},
	}
	for _, tt := range tests {
		got, ok := IndexOf(tt.s, tt.lookup, tt.start, tt.length, tt.occurrence)
		if ok == tt.null || (ok && got != tt.want) {
			t.Errorf("indexof(%q, %q, %d, %d, %d) = %d, %v", tt.s, tt.lookup, tt.start, tt.length, tt.occurrence, got, ok)
		}
	}
}
