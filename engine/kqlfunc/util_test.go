package kqlfunc

import (
	"testing"
	"unicode/utf8"

	"github.com/huntbook/huntbook/table"
)

func utf8Valid(s string) bool { return utf8.ValidString(s) }

func mustDynamic(t testing.TB, s string) any {
	t.Helper()
	v, err := table.ParseDynamic(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
