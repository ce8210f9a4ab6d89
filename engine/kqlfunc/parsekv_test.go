package kqlfunc

import (
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The cases are the examples of Microsoft's parse-kv documentation.
func TestParseKV(t *testing.T) {
	tests := []struct {
		name string
		text string
		opts KVOptions
		want map[string]string
	}{
		{"delimiters", "ThreadId:458745723, Machine:Node001, Text: The service is up, Level: Info",
			KVOptions{Keys: []string{"Text", "ThreadId", "Machine"}, Pair: ",", KV: ":"},
			map[string]string{"Text": "The service is up", "ThreadId": "458745723", "Machine": "Node001"}},
		{"quoted values and keys", `src=10.1.1.123 dst=10.1.1.124 bytes=125 failure="connection aborted" "event time"=2021-01-01T10:00:54`,
			KVOptions{Keys: []string{"event time", "src", "dst", "bytes", "failure"}, Pair: " ", KV: "=", Quotes: []string{`"`}},
			map[string]string{"event time": "2021-01-01T10:00:54", "src": "10.1.1.123", "dst": "10.1.1.124", "bytes": "125",
				"failure": "connection aborted"}},
		{"custom quotes", `src=(10.1.1.123) dst=(10.1.1.124) bytes=(125) failure=(connection aborted) (event time)=(2021-01-01 10:00:54)`,
			KVOptions{Keys: []string{"event time", "src", "failure"}, Pair: " ", KV: "=", Quotes: []string{"()"}},
			map[string]string{"event time": "2021-01-01 10:00:54", "src": "10.1.1.123", "failure": "connection aborted"}},
		{"escape", `src=10.1.1.123 dst=10.1.1.124 bytes=125 failure="the remote host sent \"bye!\"" time=2021-01-01T10:00:54`,
			KVOptions{Keys: []string{"failure", "time"}, Pair: " ", KV: "=", Quotes: []string{`"`}, Escapes: []string{`\`}},
			map[string]string{"failure": `the remote host sent "bye!"`, "time": "2021-01-01T10:00:54"}},
		{"greedy", "name=John Doe phone=555 5555 city=New York",
			KVOptions{Keys: []string{"name", "phone", "city"}, Pair: " ", KV: "=", Greedy: true},
			map[string]string{"name": "John Doe", "phone": "555 5555", "city": "New York"}},
		{"not greedy", "name=John Doe phone=555 5555 city=New York",
			KVOptions{Keys: []string{"name", "phone", "city"}, Pair: " ", KV: "="},
			map[string]string{"name": "John", "phone": "555", "city": "New"}},
		{"no delimiters", "2021-01-01T10:00:34 [INFO] ThreadId:458745723, Machine:Node001, Text: Started",
			KVOptions{Keys: []string{"Text", "ThreadId", "Machine"}},
			map[string]string{"Text": "Started", "ThreadId": "458745723", "Machine": "Node001"}},
		{"no delimiters, quoted", `2021-01-01T10:00:34 [INFO] ThreadId:458745723, Machine:Node001, Text: 'The service \' is up'`,
			KVOptions{Keys: []string{"Text", "ThreadId", "Machine"}, Quotes: []string{"'"}, Escapes: []string{`\`}},
			map[string]string{"Text": "The service ' is up", "ThreadId": "458745723", "Machine": "Node001"}},
		{"regex", `["referer url: https://hostname.com/redirect?dest=/?h=1234", "request url: https://hostname.com/?dest=/?h=1234", "advertiser id: 24fefbca-cf27-4d62-a623-249c2ad30c73"]`,
			KVOptions{Keys: []string{"referer url", "request url", "advertiser id"}, Regex: regexp.MustCompile(`"([\w ]+)\s*:\s*([^"]*)"`)},
			map[string]string{"referer url": "https://hostname.com/redirect?dest=/?h=1234", "request url": "https://hostname.com/?dest=/?h=1234",
				"advertiser id": "24fefbca-cf27-4d62-a623-249c2ad30c73"}},
		{"first occurrence wins, unknown keys ignored", "a=1;b=2;a=3",
			KVOptions{Keys: []string{"a"}, Pair: ";", KV: "="}, map[string]string{"a": "1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, ParseKV(tc.text, tc.opts)); diff != "" {
				t.Errorf("ParseKV mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzParseKV(f *testing.F) {
	f.Add(`a=1 "b c"=(2) d=\"x`, " ", "=", true)
	f.Add("k:v, k2: 'v2'", ",", ":", false)
	f.Add("x", "", "", false)
	f.Fuzz(func(t *testing.T, text, pair, kv string, greedy bool) {
		ParseKV(text, KVOptions{Keys: []string{"a", "b c", "k"}, Pair: pair, KV: kv, Greedy: greedy,
			Quotes: []string{`"`, "()", "'"}, Escapes: []string{`\`}})
	})
}
