package kqlfunc

import (
	"fmt"
	"strings"
	"testing"
)

func TestTermSet(t *testing.T) {
	haystacks := []string{"North America", `C:\Windows\System32\cmd.exe /c whoami`, "x.foobar", "-encodedcommand",
		"evil.com/path", "ÄBC-def", "", "a--b"}
	sets := [][]string{
		{"america", "whoami"}, {"cmd.exe", "md.exe"}, {".foo", "foo."}, {"-enc"}, {"evil.com", "EVIL"},
		{"äbc"}, {"--"}, {""}, {"x", "foobar"}, {}, {"/c", "system32", "whoami"},
	}
	for _, h := range haystacks {
		for _, needles := range sets {
			s := NewTermSet(needles)
			if got, want := s.Any(h), HasAny(h, needles); got != want {
				t.Errorf("Any(%q, %q) = %v, want %v", h, needles, got, want)
			}
			if got, want := s.All(h), HasAll(h, needles); got != want {
				t.Errorf("All(%q, %q) = %v, want %v", h, needles, got, want)
			}
		}
	}
}

func FuzzTermSet(f *testing.F) {
	f.Add("C:\\Windows\\cmd.exe /c whoami", "cmd.exe,/c,who")
	f.Add("a.b-c", ".b,b-,")
	f.Fuzz(func(t *testing.T, h, list string) {
		needles := strings.Split(list, ",")
		s := NewTermSet(needles)
		if got, want := s.Any(h), HasAny(h, needles); got != want {
			t.Fatalf("Any(%q, %q) = %v, want %v", h, needles, got, want)
		}
		if got, want := s.All(h), HasAll(h, needles); got != want {
			t.Fatalf("All(%q, %q) = %v, want %v", h, needles, got, want)
		}
	})
}

// BenchmarkTermSet: has_any over 10,000 needles costs about what one does.
func BenchmarkTermSet(b *testing.B) {
	for _, n := range []int{1, 100, 10000} {
		needles := make([]string, n)
		for i := range needles {
			needles[i] = fmt.Sprintf("ioc%05dx", i)
		}
		s := NewTermSet(needles)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(benchLine)))
			for b.Loop() {
				s.Any(benchLine)
			}
		})
	}
}
