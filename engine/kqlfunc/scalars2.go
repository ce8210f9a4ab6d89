package kqlfunc

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"hash/adler32"
	"hash/crc32"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // datetime_utc_to_local needs the IANA zones on any host
	"unicode/utf8"
)

// ArraySplit is array_split(array, indexes): the array cut before each
// index (negative ones count from the end, all clamped to the array and
// to the index before). indexes is a number or an array of numbers.
func ArraySplit(arr, indexes any) (any, bool) {
	a, ok := arr.([]any)
	if !ok {
		return nil, false
	}
	var cuts []any
	switch x := indexes.(type) {
	case []any:
		cuts = x
	case nil:
		return nil, false
	default:
		cuts = []any{x}
	}
	out := []any{}
	prev := 0
	for _, c := range cuts {
		i, ok := wholeNumber(c)
		if !ok {
			return nil, false
		}
		if i < 0 {
			i += int64(len(a))
		}
		cut := int(min(max(i, int64(prev)), int64(len(a))))
		out = append(out, append([]any{}, a[prev:cut]...))
		prev = cut
	}
	return append(out, append([]any{}, a[prev:]...)), true
}

// wholeNumber reads a JSON number that is an integer.
func wholeNumber(v any) (int64, bool) {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, true
		}
		f, err := x.Float64()
		if err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return int64(f), true
		}
	case int64:
		return x, true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
	}
	return 0, false
}

// maxRepeat bounds repeat()'s array, so one call cannot exhaust memory.
const maxRepeat = 1 << 20

// Repeat is repeat(value, count): count copies of value; a negative count
// is null, zero an empty array.
func Repeat(value any, count int64) (any, bool) {
	if count < 0 || count > maxRepeat {
		return nil, false
	}
	out := make([]any, count)
	for i := range out {
		out[i] = value
	}
	return out, true
}

// Base64EncodeFromArray is base64_encode_fromarray: the base64 of an
// array of byte values; null when it is not an array of 0..255.
func Base64EncodeFromArray(arr any) (string, bool) {
	a, ok := arr.([]any)
	if !ok {
		return "", false
	}
	b := make([]byte, len(a))
	for i, e := range a {
		v, ok := wholeNumber(e)
		if !ok || v < 0 || v > 255 {
			return "", false
		}
		b[i] = byte(v)
	}
	return base64.StdEncoding.EncodeToString(b), true
}

// ParseCSV is parse_csv: the fields of the first CSV record of the text
// (quotes escape commas, line breaks and doubled quotes).
func ParseCSV(s string) any {
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	rec, err := r.Read()
	if err != nil || len(rec) == 0 {
		return []any{""}
	}
	out := make([]any, len(rec))
	for i, f := range rec {
		out[i] = f
	}
	return out
}

// UnicodeCodepointsFromString is unicode_codepoints_from_string: the
// code points of the text.
func UnicodeCodepointsFromString(s string) any {
	out := []any{}
	for _, r := range s {
		out = append(out, int64(r))
	}
	return out
}

// IsUTF8 is isutf8.
func IsUTF8(s string) bool { return utf8.ValidString(s) }

// deflateStored is the raw deflate of b, as zlib writes it: compressed
// when that is shorter, otherwise stored blocks (Kusto's documented
// outputs of short strings are stored blocks, which this reproduces
// byte for byte; compressed output decodes the same but its bits may
// differ from Kusto's).
func deflateStored(b []byte) []byte {
	var c bytes.Buffer
	w, _ := flate.NewWriter(&c, flate.DefaultCompression)
	w.Write(b)
	w.Close()
	stored := len(b) + 5*(len(b)/65535+1)
	if c.Len() < stored {
		return c.Bytes()
	}
	var out bytes.Buffer
	for first := true; first || len(b) > 0; first = false {
		n := min(len(b), 65535)
		final := byte(0)
		if n == len(b) {
			final = 1
		}
		out.Write([]byte{final, byte(n), byte(n >> 8), ^byte(n), ^byte(n >> 8)})
		out.Write(b[:n])
		b = b[n:]
	}
	return out.Bytes()
}

// GzipCompressToBase64 is gzip_compress_to_base64_string.
func GzipCompressToBase64(s string) string {
	out := []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}
	out = append(out, deflateStored([]byte(s))...)
	out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE([]byte(s)))
	out = binary.LittleEndian.AppendUint32(out, uint32(len(s)))
	return base64.StdEncoding.EncodeToString(out)
}

// ZlibCompressToBase64 is zlib_compress_to_base64_string.
func ZlibCompressToBase64(s string) string {
	out := []byte{0x78, 0x01}
	out = append(out, deflateStored([]byte(s))...)
	out = binary.BigEndian.AppendUint32(out, adler32.Checksum([]byte(s)))
	return base64.StdEncoding.EncodeToString(out)
}

var zoneCache sync.Map // name → *time.Location or nil

func zone(name string) *time.Location {
	if v, ok := zoneCache.Load(name); ok {
		loc, _ := v.(*time.Location)
		return loc
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" || strings.EqualFold(name, "local") {
		loc = nil
	}
	zoneCache.Store(name, loc)
	return loc
}

// DateTimeUTCToLocal is datetime_utc_to_local: the wall clock of the IANA
// zone at that UTC instant; null for an unknown zone.
func DateTimeUTCToLocal(t time.Time, tz string) (time.Time, bool) {
	loc := zone(tz)
	if loc == nil {
		return time.Time{}, false
	}
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC), true
}

// DateTimeLocalToUTC is datetime_local_to_utc: the UTC instant of a wall
// clock in the IANA zone; null for an unknown zone.
func DateTimeLocalToUTC(t time.Time, tz string) (time.Time, bool) {
	loc := zone(tz)
	if loc == nil {
		return time.Time{}, false
	}
	wall := t.UTC()
	guess := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), wall.Nanosecond(), loc)
	// a wall clock skipped by a DST change takes the offset after it, as
	// Kusto's documented example shows (02:00 Brussels on 2022-03-27 is
	// 00:00 UTC); elsewhere this is the zone's offset at that time
	_, offset := guess.Zone()
	return wall.Add(-time.Duration(offset) * time.Second), true
}

// byteUnits are format_bytes' units, each 1024 times the one before.
var byteUnits = []string{"Bytes", "KB", "MB", "GB", "TB", "PB", "EB"}

// FormatBytes is format_bytes(size, precision, units): the size in the
// given unit (or the largest unit it reaches, when units is ""),
// rounded to precision decimals, and the unit's name. An unknown unit
// gives "".
func FormatBytes(size float64, precision int64, units string) string {
	k := -1
	for i, u := range byteUnits {
		if strings.EqualFold(u, units) {
			k = i
		}
	}
	if units == "" {
		k = 0
		for k+1 < len(byteUnits) && math.Abs(size) >= math.Pow(1024, float64(k+1)) {
			k++
		}
	}
	if k < 0 || math.IsNaN(size) || math.IsInf(size, 0) {
		return ""
	}
	v := size / math.Pow(1024, float64(k))
	p := math.Pow(10, float64(min(max(precision, 0), 15)))
	v = math.Round(v*p) / p
	return strconv.FormatFloat(v, 'f', -1, 64) + " " + byteUnits[k]
}

// WindowSessions is row_window_session over a whole serialized input:
// given every row's value (ticks, or null) and restart flag in order, the
// start of each row's session. A row starts a session when there is no
// session yet (the first row, or the one after a null), when its restart
// flag is set, when it is maxFirst or more after the session's start, or
// maxNeighbor or more after the previous row. A null value gives null.
func WindowSessions(values, restarts any, maxFirst, maxNeighbor int64) any {
	vs, _ := values.([]any)
	rs, _ := restarts.([]any)
	out := make([]any, len(vs))
	var start, prev int64
	open := false
	for i, v := range vs {
		t, ok := wholeNumber(v)
		if !ok {
			open = false
			continue
		}
		restart := i < len(rs) && rs[i] == true
		if !open || restart || t >= start+maxFirst || t >= prev+maxNeighbor {
			start = t
		}
		prev, open = t, true
		out[i] = start
	}
	return out
}
