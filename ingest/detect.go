package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Format is the kind of an input.
type Format int

// The formats Ingest reads.
const (
	FormatUnknown   Format = iota
	FormatCSV              // delimited text with a header line
	FormatJSON             // a JSON array of objects, or concatenated objects
	FormatJSONLines        // one JSON object per line
	FormatWindows          // Windows events as JSON (Winlogbeat, NXLog, OTRF)
	FormatEVTX             // Windows .evtx
	FormatSyslog           // RFC 3164 / RFC 5424 lines
	FormatCEF              // CEF lines, with or without a syslog header
	FormatParquet          // read by the engine, not here
)

var formatNames = [...]string{"unknown", "csv", "json", "jsonl", "windows-json", "evtx", "syslog", "cef", "parquet"}

func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// sniffSize is how much of an input detection looks at.
const sniffSize = 64 << 10

// Detect tells the format of a file (for an archive, of its first member)
// without reading it all, so a caller can route Parquet to the engine.
func Detect(path string) (Format, error) {
	ins, closeAll, err := expand([]string{path})
	if err != nil {
		return FormatUnknown, err
	}
	defer closeAll()
	f, _, err := detect(ins[0])
	return f, err
}

// detect reads the start of an input and tells its format. For CSV it also
// returns the delimiter.
func detect(in *input) (Format, rune, error) {
	rc, err := in.open(nil)
	if err != nil {
		return FormatUnknown, 0, err
	}
	defer rc.Close()
	buf := make([]byte, sniffSize)
	n, err := io.ReadFull(rc, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return FormatUnknown, 0, err
	}
	return sniff(in.name, in.inner, buf[:n], n < sniffSize)
}

// sniff decides the format from the first bytes and the file name.
func sniff(name, inner string, b []byte, whole bool) (Format, rune, error) {
	ext := strings.ToLower(filepath.Ext(inner))
	switch {
	case len(b) == 0:
		return FormatUnknown, 0, fmt.Errorf("%s: empty file", name)
	case bytes.HasPrefix(b, []byte("PAR1")):
		return FormatParquet, 0, nil
	case bytes.HasPrefix(b, []byte("ElfFile\x00")):
		return FormatEVTX, 0, nil
	case isZip(b) || isGzip(b):
		return FormatUnknown, 0, fmt.Errorf("%s: nested archives are not read; extract the inner archive first", name)
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		return FormatUnknown, 0, fmt.Errorf("%s: UTF-16 text is not supported; save the file as UTF-8", name)
	case ext == ".parquet":
		return FormatUnknown, 0, fmt.Errorf("%s: .parquet file without the Parquet magic number", name)
	case ext == ".evtx":
		return FormatUnknown, 0, fmt.Errorf("%s: .evtx file without the EVTX header (not an event log, or corrupt)", name)
	}
	text := bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if looksBinary(text, whole) {
		return FormatUnknown, 0, fmt.Errorf("%s: binary data in no format huntbook reads", name)
	}
	trimmed := bytes.TrimLeft(text, " \t\r\n")
	if len(trimmed) == 0 {
		return FormatUnknown, 0, fmt.Errorf("%s: empty file (only white space)", name)
	}
	switch trimmed[0] {
	case '[':
		return FormatJSON, 0, nil
	case '{':
		first, _, _ := bytes.Cut(trimmed, []byte("\n"))
		if json.Valid(bytes.TrimSpace(first)) {
			return FormatJSONLines, 0, nil
		}
		return FormatJSON, 0, nil
	}
	switch ext {
	case ".jsonl", ".ndjson":
		return FormatJSONLines, 0, nil
	case ".json":
		return FormatJSON, 0, nil
	}
	line := firstLine(trimmed)
	if f := sniffLine(line); f != FormatUnknown && ext != ".csv" && ext != ".tsv" {
		return f, 0, nil
	}
	if d := sniffDelimiter(line, ext); d != 0 {
		return FormatCSV, d, nil
	}
	return FormatUnknown, 0, fmt.Errorf("%s: cannot tell the format (not CSV, JSON, syslog, CEF, EVTX or Parquet)", name)
}

// looksBinary reports NUL bytes or broken UTF-8 in the sample (a cut at the
// end of a partial sample is allowed).
func looksBinary(b []byte, whole bool) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	if !whole { // drop a character the sample cut in two
		for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
			if utf8.RuneStart(b[i]) {
				if !utf8.FullRune(b[i:]) {
					b = b[:i]
				}
				break
			}
		}
	}
	bad := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		b = b[size:]
	}
	return bad > 0
}

func firstLine(b []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, len(b)+1), len(b)+1)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			return l
		}
	}
	return ""
}

// sniffLine recognises a CEF or syslog line.
func sniffLine(line string) Format {
	if i := strings.Index(line, "CEF:"); i >= 0 && (i == 0 || isCEFPrefix(line[:i])) {
		return FormatCEF
	}
	if _, err := parseSyslog(line, refClock{}); err == nil {
		return FormatSyslog
	}
	return FormatUnknown
}

// isCEFPrefix accepts what may stand before "CEF:": a syslog header.
func isCEFPrefix(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || strings.HasPrefix(s, "<") || len(s) > 0 && s[len(s)-1] != ','
}

// sniffDelimiter picks the CSV delimiter that occurs most often in the
// header line outside quotes; .tsv means tab.
func sniffDelimiter(line, ext string) rune {
	if ext == ".tsv" {
		return '\t'
	}
	counts := map[rune]int{}
	inQuote := false
	for _, r := range line {
		switch {
		case r == '"':
			inQuote = !inQuote
		case !inQuote && (r == ',' || r == '\t' || r == ';' || r == '|'):
			counts[r]++
		}
	}
	best, bestN := rune(0), 0
	for _, d := range []rune{',', '\t', ';', '|'} {
		if counts[d] > bestN {
			best, bestN = d, counts[d]
		}
	}
	if best == 0 && ext == ".csv" {
		return ',' // a one-column CSV file
	}
	return best
}
