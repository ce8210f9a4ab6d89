package ingest

import (
	"strings"
	"testing"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		inner, text string
		want        Format
		delim       rune
		err         string
	}{
		{"a.csv", "a,b\n1,2\n", FormatCSV, ',', ""},
		{"a.csv", "\ufeffTimeGenerated [UTC];Computer\nx;y\n", FormatCSV, ';', ""},
		{"a.tsv", "a\tb\n", FormatCSV, '\t', ""},
		{"a.txt", "a|b|c\n", FormatCSV, '|', ""},
		{"ips.csv", "IPAddress\n1.2.3.4\n", FormatCSV, ',', ""},
		{"a.json", "[{\"a\":1}]", FormatJSON, 0, ""},
		{"a.json", "{\n  \"a\": 1\n}\n", FormatJSON, 0, ""},
		{"a.json", "{\"a\":1}\n{\"a\":2}\n", FormatJSONLines, 0, ""},
		{"a.log", "  \n{\"a\":1}\n", FormatJSONLines, 0, ""},
		{"x.ndjson", "garbage first\n", FormatJSONLines, 0, ""},
		{"messages", "Jan  9 03:04:05 web01 sshd[4242]: Failed password\n", FormatSyslog, 0, ""},
		{"a.log", "<165>1 2003-10-11T22:14:15.003Z host app - ID47 - msg\n", FormatSyslog, 0, ""},
		{"fw.log", "<134>Feb 12 10:00:00 fw01 CEF:0|V|P|1|1|N|1|src=1.2.3.4\n", FormatCEF, 0, ""},
		{"fw.txt", "CEF:0|V|P|1|1|N|1|\n", FormatCEF, 0, ""},
		{"x.parquet", "PAR1....", FormatParquet, 0, ""},
		{"x.bin", "ElfFile\x00rest", FormatEVTX, 0, ""},
		{"x.csv", "", FormatUnknown, 0, "empty file"},
		{"x.csv", "\xff\xfea\x00", FormatUnknown, 0, "UTF-16"},
		{"x.csv", "a,b\n\x00\x01", FormatUnknown, 0, "binary data"},
		{"x.txt", "PK\x03\x04inner", FormatUnknown, 0, "nested archives"},
		{"x.txt", "hello there\n", FormatUnknown, 0, "cannot tell the format"},
		{"x.parquet", "a,b\n", FormatUnknown, 0, "without the Parquet magic"},
	}
	for _, tt := range tests {
		f, d, err := sniff("in", tt.inner, []byte(tt.text), true)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("sniff(%s, %q) error %v; want %q", tt.inner, tt.text, err, tt.err)
			}
			continue
		}
		if err != nil || f != tt.want || d != tt.delim {
			t.Errorf("sniff(%s, %q) = %v, %q, %v; want %v, %q", tt.inner, tt.text, f, d, err, tt.want, tt.delim)
		}
	}
}

func TestSniffPartialUTF8(t *testing.T) {
	// A sample cut inside a multi-byte character is not binary.
	text := []byte("a,b\n" + strings.Repeat("é", 10))
	if _, _, err := sniff("in", "x.csv", text[:len(text)-1], false); err != nil {
		t.Error(err)
	}
}
