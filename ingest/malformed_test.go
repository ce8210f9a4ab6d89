package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gzipBytes(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func zipBytes(files map[string][]byte) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, data := range files {
		f, _ := w.Create(name)
		f.Write(data)
	}
	w.Close()
	return b.Bytes()
}

// manyLines is JSON lines that do not compress to nothing.
func manyLines(n int) []byte {
	var b bytes.Buffer
	r := rand.New(rand.NewPCG(3, 4))
	for i := range n {
		fmt.Fprintf(&b, "{\"i\":%d,\"v\":\"%x\"}\n", i, r.Uint64())
	}
	return b.Bytes()
}

func half(b []byte) []byte { return b[:len(b)/2] }

func garbage(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

// TestMalformedFatal: inputs that cannot be ingested give a clear error,
// and the sink is aborted with nothing committed.
func TestMalformedFatal(t *testing.T) {
	long := `{"a":"` + strings.Repeat("x", 5000) + `"}` + "\n"
	jsonl := []byte("{\"a\":1}\n{\"a\":2}\n")
	tests := []struct {
		name, file string
		data       []byte
		opts       Options
		want       string
	}{
		{"truncated JSON array", "t.json", []byte("[\n{\"a\":1},\n{\"a\":"), Options{}, "line 3: JSON ends too early (truncated?)"},
		{"bad JSON in array", "t.json", []byte("[\n{\"a\":1},\n{\"a\" 2}\n]"), Options{}, "line 3: bad JSON"},
		{"binary garbage", "blob.bin", garbage(4096), Options{}, "binary data in no format"},
		{"binary garbage as .json", "blob.json", append([]byte("{"), garbage(4096)...), Options{}, "binary data"},
		{"empty file", "empty.csv", nil, Options{}, "empty file"},
		{"blank file", "blank.json", []byte(" \n\n\t "), Options{}, "empty file (only white space)"},
		{"header only", "h.csv", []byte("a,b,c\n"), Options{}, "no records in the input"},
		{"huge JSON line", "h.jsonl", []byte(`{"a":1}` + "\n" + long), Options{MaxRecordBytes: 1024}, "line 2: record too large"},
		{"huge CSV field", "h.csv", []byte("a,b\n1,\"" + strings.Repeat("y", 200<<10) + "\"\n"), Options{MaxRecordBytes: 1024}, "record too large"},
		{"huge syslog line", "h.log", []byte("<13>Jan  2 03:04:05 host app: " + strings.Repeat("z", 5000) + "\n"), Options{MaxRecordBytes: 1024}, "line 1: record too large"},
		{"huge JSON array element", "h.json", []byte("[" + strings.Repeat(`{"a":"`+strings.Repeat("q", 300<<10)+`"},`, 2) + "{}]"), Options{MaxRecordBytes: 1024}, "record too large"},
		{"all lines bad", "bad.jsonl", []byte("nope\n{bad\n[1]\n"), Options{}, "no valid records (3 malformed)"},
		{"truncated gzip", "t.jsonl.gz", half(gzipBytes(manyLines(2000))), Options{}, "gzip data is truncated"},
		{"truncated zip", "t.zip", zipBytes(map[string][]byte{"a.jsonl": jsonl})[:40], Options{}, "not a readable zip archive"},
		{"zip with nothing usable", "n.zip", zipBytes(map[string][]byte{"blob.bin": garbage(2048), "empty.csv": nil}), Options{}, "nothing usable in the input"},
		{"empty zip", "e.zip", zipBytes(nil), Options{}, "holds no files"},
		{"UTF-16 text", "u.csv", []byte("\xff\xfea\x00,\x00b\x00"), Options{}, "UTF-16 text is not supported"},
		{"unknown text", "notes.txt", []byte("just some words\nmore words\n"), Options{}, "cannot tell the format"},
		{"evtx without header", "x.evtx", []byte("not an event log at all"), Options{}, "without the EVTX header"},
		{"strict bad line", "s.jsonl", []byte("{\"a\":1}\n{oops\n{\"a\":3}\n"), Options{Strict: true}, "s.jsonl:2: bad JSON"},
		{"strict wrong type", "w.csv", []byte("TimeGenerated,EventID,Computer,Account,NewProcessName,CommandLine\n2021-01-01T00:00:00Z,4688,PC,D\\u,a.exe,a\n2021-01-01T00:00:01Z,abc,PC,D\\u,b.exe,b\n"), Options{Strict: true}, `w.csv:3: column EventID: cannot read "abc" as int`},
		{"strict wrong field count", "c.csv", []byte("a,b,c\n1,2,3\n4,5\n"), Options{Strict: true}, "c.csv:3: has 2 fields, the header has 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), tt.file, tt.data)
			s := newMemSink()
			_, err := Ingest(context.Background(), s, []string{p}, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v; want it to contain %q", err, tt.want)
			}
			if s.committed || !s.aborted {
				t.Errorf("committed %v, aborted %v; want an aborted ingest", s.committed, s.aborted)
			}
		})
	}
}

// TestMalformedRecordsSkipped: malformed records are counted and reported
// with file, line and reason, and the rest loads.
func TestMalformedRecordsSkipped(t *testing.T) {
	tests := []struct {
		name, file string
		data       string
		rows       int64
		problems   []string
	}{
		{"bad JSON line", "a.jsonl", "{\"a\":1}\n{\"a\":\n{\"a\":3}\n[1,2]\n", 2, []string{"a.jsonl:2: bad JSON", "a.jsonl:4: a JSON array, not an object"}},
		{"wrong field count", "b.csv", "x,y,z\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n", 2, []string{"b.csv:3: has 2 fields, the header has 3", "b.csv:4: has 4 fields, the header has 3"}},
		{"wrong type for a catalog column", "c.csv", "TimeGenerated,Computer,EventID,Account,LogonType,IpAddress\n" +
			"2021-01-01T00:00:00Z,PC1,4624,D\\u,3,10.0.0.1\n2021-01-01T00:00:01Z,PC1,4624,D\\u,three,10.0.0.1\n" +
			"not a time,PC1,4624,D\\u,3,10.0.0.1\n", 1, []string{`c.csv:3: column LogonType: cannot read "three" as int`, `c.csv:4: column TimeGenerated: cannot read "not a time" as datetime`}},
		{"bad syslog lines", "d.log", "<34>Oct 11 22:14:15 mymachine su: 'su root' failed\n<999>Oct 11 22:14:15 x y: z\nOct 11 22:14:16 mymachine sshd[42]: Accepted\n", 2, []string{"d.log:2: bad syslog PRI"}},
		{"bad CEF lines", "e.cef", "CEF:0|V|P|1|100|Name|5|src=10.0.0.1\nCEF:0|only|three\n", 1, []string{"e.cef:2: not a CEF line"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), tt.file, []byte(tt.data))
			s := newMemSink()
			rep, err := Ingest(context.Background(), s, []string{p}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !s.committed {
				t.Error("not committed")
			}
			var total int64
			for _, n := range rep.Rows {
				total += n
			}
			if total != tt.rows || rep.Rejected != int64(len(tt.problems)) {
				t.Errorf("rows %d rejected %d; want %d and %d", total, rep.Rejected, tt.rows, len(tt.problems))
			}
			for i, want := range tt.problems {
				if i >= len(rep.Problems) || !strings.HasPrefix(filepath.Base(rep.Problems[i].String()), want) {
					t.Errorf("problem %d = %v; want one starting %q", i, rep.Problems, want)
				}
			}
		})
	}
}

func TestParquetIsRouted(t *testing.T) {
	p := writeFile(t, t.TempDir(), "x.parquet", append([]byte("PAR1"), garbage(100)...))
	if f, err := Detect(p); err != nil || f != FormatParquet {
		t.Errorf("Detect = %v, %v", f, err)
	}
	s := newMemSink()
	_, err := Ingest(context.Background(), s, []string{p}, Options{})
	var pe *ParquetError
	if !errors.Is(err, ErrParquet) || !errors.As(err, &pe) || pe.Path != p {
		t.Errorf("error %v; want a ParquetError for %s", err, p)
	}
}

type failSink struct{ *memSink }

func TestSinkAndContextFailuresAbort(t *testing.T) {
	p := writeFile(t, t.TempDir(), "a.jsonl", []byte("{\"a\":1}\n"))
	s := newMemSink()
	s.failBegin = errors.New("disk full")
	if _, err := Ingest(context.Background(), s, []string{p}, Options{}); err == nil || !strings.Contains(err.Error(), "disk full") || !s.aborted {
		t.Errorf("error %v, aborted %v", err, s.aborted)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s = newMemSink()
	big := writeFile(t, t.TempDir(), "big.jsonl", bytes.Repeat([]byte("{\"a\":1}\n"), 20000))
	if _, err := Ingest(ctx, s, []string{big}, Options{}); !errors.Is(err, context.Canceled) || !s.aborted {
		t.Errorf("error %v, aborted %v", err, s.aborted)
	}
}

func readFileBytes(p string) ([]byte, error) { return os.ReadFile(p) }
