package kernel

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFormatTraceback(t *testing.T) {
	code := "SecurityEvent\n| where\tFoo > 1\n| take 5"
	tests := []struct {
		name string
		err  *ExecError
		want []string
	}{
		{
			name: "positioned",
			err:  &ExecError{Name: "SemanticError", Value: "unknown column 'Foo'", Line: 2, Column: 9},
			want: []string{
				"\x1b[0;31mSemanticError\x1b[0m: unknown column 'Foo'",
				" --> line 2, column 9",
				"\x1b[1m2 |\x1b[0m | where Foo > 1",
				"  |         \x1b[0;32m^\x1b[0m",
			},
		},
		{
			name: "no position",
			err:  &ExecError{Name: "QueryError", Value: "out of memory"},
			want: []string{"\x1b[0;31mQueryError\x1b[0m: out of memory"},
		},
		{
			name: "line past the end is not quoted",
			err:  &ExecError{Name: "E", Value: "v", Line: 9, Column: 1},
			want: []string{"\x1b[0;31mE\x1b[0m: v"},
		},
		{
			name: "column past the end puts the caret after the line",
			err:  &ExecError{Name: "E", Value: "v", Line: 3, Column: 40},
			want: []string{
				"\x1b[0;31mE\x1b[0m: v",
				" --> line 3, column 40",
				"\x1b[1m3 |\x1b[0m | take 5",
				"  |         \x1b[0;32m^\x1b[0m",
			},
		},
		{
			name: "session's own traceback wins",
			err:  &ExecError{Name: "E", Value: "v", Line: 1, Column: 1, Traceback: []string{"custom"}},
			want: []string{"custom"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, formatTraceback(code, tt.err)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestAsExecError(t *testing.T) {
	plain := errors.New("disk full")
	tests := []struct {
		name      string
		err       error
		wantName  string
		wantValue string
	}{
		{"plain error", plain, "Error", "disk full"},
		{"wrapped ExecError", fmt.Errorf("running cell: %w", &ExecError{Name: "SyntaxError", Value: "expected ')'"}), "SyntaxError", "expected ')'"},
		{"ExecError without a name", &ExecError{Value: "v"}, "Error", "v"},
		{"context error", context.Canceled, "Error", "context canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := asExecError(tt.err)
			if e.Name != tt.wantName || e.Value != tt.wantValue {
				t.Errorf("asExecError = %q/%q, want %q/%q", e.Name, e.Value, tt.wantName, tt.wantValue)
			}
		})
	}
}
