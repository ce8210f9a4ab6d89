package exec

import (
	"strings"
	"testing"
)

// TestMergeSchemasTypes: columns whose types differ are an error naming
// the column, not a guessed reduction.
func TestMergeSchemasTypes(t *testing.T) {
	rows := [][]any{
		{"Uri", int32(0), "System.String", "string"},
		{"HttpStatus", int32(1), "System.Int32", "int"},
		{"Uri", int32(0), "System.String", "string"},
		{"HttpStatus", int32(1), "System.String", "string"},
	}
	_, err := mergeSchemas(rows, []int{0, 1, 2, 3}, true)
	if err == nil || !strings.Contains(err.Error(), "column 'HttpStatus' is int in one schema and string in another") {
		t.Fatalf("err = %v, want the HttpStatus type conflict", err)
	}
	merged, err := mergeSchemas(rows[:2], []int{0, 1, 2, 3}, true)
	if err != nil || len(merged) != 2 || merged[1].name != "HttpStatus" {
		t.Fatalf("one schema merged to %v, %v", merged, err)
	}
}
