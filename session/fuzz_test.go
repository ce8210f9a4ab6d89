package session_test

import (
	"testing"

	"github.com/huntbook/huntbook/kql/syntax"
	"github.com/huntbook/huntbook/session"
)

// FuzzInferLiteral: whatever an analyst types after -p, the literal
// injected into the parameters cell parses as one KQL expression, and a
// parameters cell that parsed still parses with the override applied (no
// override text can break out of its literal and inject query text).
func FuzzInferLiteral(f *testing.F) {
	for _, s := range []string{"42", "3.5", "true", "1h", "2024-01-01", "datetime(2024-01-01)", `"x"`, `a"b`, `\`, "x; T | take 1", "dynamic([1])", "'", "1e400", "-0", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		lit := session.InferLiteral(v)
		if _, err := syntax.ParseExpr(lit); err != nil {
			t.Fatalf("InferLiteral(%q) = %q does not parse: %v", v, lit, err)
		}
		src, _, _, err := session.ApplyParameters("let p = 'default';\nlet q = 1;", map[string]string{"p": v, "q": v, "r": v})
		if err != nil {
			t.Fatal(err)
		}
		script, err := syntax.Parse(src)
		if err != nil {
			t.Fatalf("cell with %q does not parse:\n%s\n%v", v, src, err)
		}
		if n := len(script.Stmts); n != 3 {
			t.Fatalf("cell with %q has %d statements, want 3:\n%s", v, n, src)
		}
	})
}
