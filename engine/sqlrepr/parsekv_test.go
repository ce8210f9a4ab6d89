package sqlrepr

import (
	"encoding/json"
	"strconv"
	"testing"
)

func parseKVUDF(t testing.TB) func(text, opts string) any {
	for _, u := range parseKVUDFs() {
		if u.Name == "kql_parse_kv" {
			return u.Fn.(func(text, opts string) any)
		}
	}
	t.Fatal("no kql_parse_kv UDF")
	return nil
}

func TestParseKVUDF(t *testing.T) {
	fn := parseKVUDF(t)
	opts := `{"keys":["b","a"],"pair":";","kv":"=","quote":[],"escape":[]}`
	if got, _ := fn("a=1;b=x y;c=3", opts).(json.RawMessage); string(got) != `{"b":"x y","a":"1"}` {
		t.Errorf("got %s", got)
	}
	if got := fn("a=1", `{"keys":["a"],"regex":"("}`); got != nil {
		t.Errorf("a bad regex should give null, got %v", got)
	}
}

func BenchmarkParseKVUDF(b *testing.B) {
	fn := parseKVUDF(b)
	opts := `{"keys":["a","b"],"pair":";","kv":"=","quote":[],"escape":[]}`
	for i := 0; b.Loop(); i++ {
		fn("a="+strconv.Itoa(i)+";b="+strconv.Itoa(2*i), opts)
	}
}
