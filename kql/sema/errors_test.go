package sema_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/table"
)

// testCatalog holds one small SecurityEvent-like table.
type testCatalog map[string][]table.Column

func (c testCatalog) Table(name string) ([]table.Column, bool) {
	cols, ok := c[name]
	return cols, ok
}

func (c testCatalog) TableNames() []string {
	out := make([]string, 0, len(c))
	for n := range c {
		out = append(out, n)
	}
	return out
}

var catalog = testCatalog{"SecurityEvent": {
	{Name: "TimeGenerated", Type: table.DateTime},
	{Name: "Computer", Type: table.String},
	{Name: "Account", Type: table.String},
	{Name: "EventID", Type: table.Int},
	{Name: "Data", Type: table.Dynamic},
}}

func analyze(src string) error {
	script, err := syntax.Parse(src)
	if err != nil {
		return err
	}
	_, err = sema.Analyze(context.Background(), script, src, sema.Options{
		Catalog: catalog, Now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	})
	return err
}

// TestPositionedErrors pins the text and position of sema's errors: names
// with suggestions, argument counts and types, operator typing, and
// features named as unsupported where they are written.
func TestPositionedErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown column with did-you-mean", `SecurityEvent | where Acount == "x"`, "1:23: unknown column 'Acount' (did you mean 'Account'?)"},
		{"unknown column in project", `SecurityEvent | project Computer, Accont`, "1:35: unknown column 'Accont' (did you mean 'Account'?)"},
		{"order int and string", `SecurityEvent | where EventID > "4624"`, "1:23: cannot compare int with string (operator >)"},
		{"compare datetime with string", `SecurityEvent | where TimeGenerated == "x"`, "1:23: cannot compare datetime with string (operator ==)"},
		{"too few arguments", `SecurityEvent | extend x = substring(Account)`, "1:28: substring() takes 2 to 3 arguments, got 1"},
		{"reduce unsupported at its position", `SecurityEvent | reduce by Account`, "1:17: the reduce operator is not supported yet"},
		{"mv-expand of a string", `SecurityEvent | mv-expand Account`, "1:27: mv-expand needs a dynamic array or property bag, got string"},
		{"fork unsupported at its position", `SecurityEvent | fork (take 1)`, "1:17: the fork operator is not supported yet"},
		{"wrong argument type", `SecurityEvent | where TimeGenerated > ago("x")`, "1:43: ago() takes a timespan, got string"},
		{"bin needs its size", `SecurityEvent | summarize count() by bin(TimeGenerated)`, "1:38: bin() takes 2 arguments, got 1"},
		{"unknown table with did-you-mean", `SecurityEvnt | take 1`, "1:1: unknown table 'SecurityEvnt' (did you mean 'SecurityEvent'?)"},
		{"unknown function", `SecurityEvent | extend y = nosuch(1)`, "1:28: unknown function 'nosuch'"},
		{"aggregate outside summarize", `SecurityEvent | summarize max(Account) | extend z = max(Account)`, "1:53: the aggregate max() is only allowed in summarize, make-series and similar operators"},
		{"datetime plus long", `print datetime(2020-01-01) + 1`, "1:7: operator + cannot combine datetime and long"},
		{"unknown sort column", `SecurityEvent | sort by Nope`, "1:25: unknown column 'Nope'"},
		{"int plus string", `SecurityEvent | where toint(Account) + "a" > 1`, "1:23: operator + cannot combine int and string"},
		{"user function argument type", `let f = (a:long) { a + 1 }; print f("x")`, "1:37: expected a value of type long, got string"},
		{"project-away unknown column", `SecurityEvent | top 5 by Account | project-away Nope`, "1:49: unknown column 'Nope' in project-away"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := analyze(tt.src)
			if err == nil {
				t.Fatalf("%s: no error, want %q", tt.src, tt.want)
			}
			var serr *sema.Error
			if !errors.As(err, &serr) {
				t.Fatalf("%s: error %q is not positioned (%T)", tt.src, err, err)
			}
			if got := strings.SplitN(err.Error(), "\n", 2)[0]; got != tt.want {
				t.Errorf("%s:\n got %q\nwant %q", tt.src, got, tt.want)
			}
			if unsupported := strings.Contains(tt.want, "not supported"); sema.IsUnsupported(err) != unsupported {
				t.Errorf("%s: IsUnsupported = %v, want %v", tt.src, !unsupported, unsupported)
			}
		})
	}
}

func TestValidQueriesHaveNoError(t *testing.T) {
	for _, src := range []string{
		`SecurityEvent | where Account has "admin" | summarize count() by bin(TimeGenerated, 1h), Computer`,
		`SecurityEvent | extend n = toint(EventID) + 1 | project n, Account`,
		`let f = (a:long, b:long = 2) { a * b }; print f(3)`,
		`SecurityEvent | where Data.a == "x" | top 5 by TimeGenerated`,
	} {
		if err := analyze(src); err != nil {
			t.Errorf("%s: %v", src, err)
		}
	}
}
