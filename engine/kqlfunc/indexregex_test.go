package kqlfunc

import "testing"

func TestIndexOfRegex(t *testing.T) {
	tests := []struct {
		s, re                    string
		start, length, occurence int64
		want                     int64
		ok                       bool
	}{
		// the documented examples of indexof_regex()
		{"abcabc", "a.c", 0, -1, 1, 0, true},
		{"abcabcdefg", "a.c", 0, 9, 2, 3, true},
		{"abcabc", "a.c", 1, -1, 2, -1, true},
		{"ababaa", "a.a", 0, -1, 2, -1, true},
		{"abcabc", "a|ab", -1, -1, 1, 0, false},
		// runes, not bytes
		{"ééabc", "b", 0, -1, 1, 3, true},
		{"abc", "(", 0, -1, 1, 0, false},
	}
	for _, tt := range tests {
		got, ok := IndexOfRegex(tt.s, tt.re, tt.start, tt.length, tt.occurence)
		if got != tt.want || ok != tt.ok {
			t.Errorf("IndexOfRegex(%q, %q, %d, %d, %d) = %d, %v; want %d, %v", tt.s, tt.re, tt.start, tt.length, tt.occurence, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPunycode(t *testing.T) {
	// the documented examples of punycode_from_string()
	for in, want := range map[string]string{"académie-française": "acadmie-franaise-npb1a", "艺术": "cqv902d"} {
		if got := PunycodeFromString(in); got != want {
			t.Errorf("PunycodeFromString(%q) = %q, want %q", in, got, want)
		}
		if back := PunycodeToString(want); back != in {
			t.Errorf("PunycodeToString(%q) = %q, want %q", want, back, in)
		}
	}
}
