package sema_test

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/huntbook/huntbook/kql/sema"
	"github.com/huntbook/huntbook/kql/syntax"
)

// funcCatalog is the test catalog plus stored functions.
type funcCatalog struct {
	testCatalog
	funcs map[string]string
}

func (c funcCatalog) Function(name string) (string, bool) {
	src, ok := c.funcs[name]
	return src, ok
}

func (c funcCatalog) FunctionNames() []string {
	var out []string
	for n := range c.funcs {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

var storedCatalog = funcCatalog{testCatalog: catalog, funcs: map[string]string{
	// a parser in the style of Sentinel's: every parameter has a default
	"imLogon": `(starttime:datetime=datetime(null), users:dynamic=dynamic([]), eventid:int=4624) {
SecurityEvent
| where EventID == eventid
| where isnull(starttime) or TimeGenerated >= starttime
| where array_length(users) == 0 or Account has_any (users)
| project TimeGenerated, ActorUsername = Account, Dvc = Computer, EventCount = int(1)
}`,
	"needsArg": `(id:int) { SecurityEvent | where EventID == id }`,
	"scalarFn": `(x:long=1) { x * 2 }`,
	"broken": `(n:long=1) {
SecurityEvent
| project Acount
}`,
	"unparsable":    `(n:long=1) { SecurityEvent | where }`,
	"SecurityEvent": `() { print x = 1 }`, // shadowed by the table
	// stored functions call each other, but do not see the query's lets
	"imFailedLogon": `(starttime:datetime=datetime(null)) { imLogon(starttime=starttime, eventid=4625) | extend EventResult = 'Failure' }`,
	"usesQueryLet":  `() { SecurityEvent | where EventID == threshold }`,
}}

func analyzeStored(src string) (*sema.Result, error) {
	script, err := syntax.Parse(src)
	if err != nil {
		return nil, err
	}
	return sema.Analyze(context.Background(), script, src, sema.Options{
		Catalog: storedCatalog, Now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	})
}

// TestStoredFunctionCalls checks the ways a query calls a stored function
// and the schema it gets.
func TestStoredFunctionCalls(t *testing.T) {
	logon := []string{"TimeGenerated:datetime", "ActorUsername:string", "Dvc:string", "EventCount:int"}
	tests := []struct {
		name, src string
		want      []string
	}{
		{"bare name, as a table", `imLogon`, logon},
		{"bare name in a pipeline", `imLogon | where ActorUsername has "admin" | project Dvc`, []string{"Dvc:string"}},
		{"empty parentheses", `imLogon()`, logon},
		{"named arguments", `imLogon(starttime=ago(1d), users=dynamic(["admin"]))`, logon},
		{"positional arguments", `imLogon(ago(1d), dynamic(["admin"]), 4625)`, logon},
		{"argument converted to the parameter's type", `imLogon(eventid=4625)`, logon},
		{"in a union", `union imLogon, (imLogon(eventid=4625))`, logon},
		{"in a join", `imLogon | join kind=inner (imLogon(eventid=4634)) on Dvc | project Dvc`, []string{"Dvc:string"}},
		{"in a let", `let l = imLogon; l | count`, []string{"Count:long"}},
		{"with a required parameter", `needsArg(4624) | project EventID`, []string{"EventID:int"}},
		{"a scalar stored function", `print v = scalarFn(), w = scalarFn(3)`, []string{"v:long", "w:long"}},
		{"a let shadows it", `let imLogon = datatable(a:int)[1]; imLogon`, []string{"a:int"}},
		{"a table shadows it", `SecurityEvent | project EventID`, []string{"EventID:int"}},
		{"one calling another", `imFailedLogon(ago(1h)) | project ActorUsername, EventResult`, []string{"ActorUsername:string", "EventResult:string"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := analyzeStored(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range res.Query.Schema() {
				got = append(got, c.Name+":"+c.Type.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("schema (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStoredFunctionErrors pins the errors of calls: positioned in the
// caller's query, and for a mistake inside a definition the analyst
// cannot see, positioned at the call with the place in the definition.
func TestStoredFunctionErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown parameter", `imLogon(user="x")`, "1:1: imLogon() has no parameter 'user'"},
		{"too many arguments", `imLogon(ago(1d), dynamic([]), 1, 2)`, "1:34: too many arguments for imLogon(): it takes 3"},
		{"argument of the wrong type", `imLogon(starttime="x")`, "1:19: "},
		{"bare name of a function with a required parameter", `needsArg | count`, "1:1: 'needsArg' is a function; call it as needsArg(...)"},
		{"missing argument", `needsArg()`, "1:1: missing argument 'id' of needsArg()"},
		{"error inside the definition", "let x = 1;\nbroken | count",
			"2:1: in stored function 'broken' (at 3:11 of its definition): unknown column 'Acount' (did you mean 'Account'?)"},
		{"definition that does not parse", `unparsable`, "stored function 'unparsable' does not parse"},
		{"typo suggests the function", `imLogn | count`, "1:1: unknown table 'imLogn' (did you mean 'imLogon'?)"},
		{"scalar function as a table", `scalarFn() | count`, "returns a scalar"},
		{"a stored function does not see the query's lets", "let threshold = 4624;\nusesQueryLet",
			"2:1: in stored function 'usesQueryLet' (at 1:39 of its definition): unknown column 'threshold'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := analyzeStored(tt.src)
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestWithoutFunctionCatalog: a catalog that stores no functions leaves
// names unknown, as before.
func TestWithoutFunctionCatalog(t *testing.T) {
	script, _ := syntax.Parse(`imLogon`)
	_, err := sema.Analyze(context.Background(), script, `imLogon`, sema.Options{Catalog: catalog})
	if err == nil || !strings.Contains(err.Error(), "unknown table 'imLogon'") {
		t.Errorf("got %v", err)
	}
}
