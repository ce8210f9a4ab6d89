package kqlfunc

import (
	"encoding/base64"
	"encoding/csv"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Text functions done in Go: versions, IDNA domains, byte arrays, CSV records, code points and byte sizes.

// versionPartDigits is the width of each of the four parts of a version
// in parse_version's decimal: 1.2.3.4 is 1 00000002 00000003 00000004.
const versionPartDigits = 8

// ParseVersion is parse_version: a version of one to four dot-separated
// parts, each of at most eight digits, as the decimal that orders
// versions, in its decimal text. ok is false (null) for anything else.
func ParseVersion(s string) (string, bool) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) > 4 {
		return "", false
	}
	n := new(big.Int)
	scale := big.NewInt(100_000_000)
	for i := range 4 {
		n.Mul(n, scale)
		if i >= len(parts) {
			continue
		}
		p := parts[i]
		if p == "" || len(p) > versionPartDigits || strings.Trim(p, "0123456789") != "" {
			return "", false
		}
		v, _ := strconv.ParseInt(p, 10, 64)
		n.Add(n, big.NewInt(v))
	}
	return n.String(), true
}

// isDomainDot reports the label separators of IDNA (RFC 3490 3.1): the
// full stop and its ideographic and full-width forms.
func isDomainDot(r rune) bool { return r == '.' || r == '\u3002' || r == '\uff0e' || r == '\uff61' }

// PunycodeDomainToString is punycode_domain_to_string: every label of a
// domain name that is not ASCII becomes xn-- and its Punycode; labels are
// joined with '.'. "" when a label does not encode.
func PunycodeDomainToString(s string) string {
	labels := strings.FieldsFunc(s, isDomainDot)
	if s == "" || len(labels) != strings.Count(s, ".")+countOtherDots(s)+1 {
		return ""
	}
	for i, l := range labels {
		if isASCII(l) {
			continue
		}
		enc := PunycodeFromString(l)
		if enc == "" {
			return ""
		}
		labels[i] = "xn--" + enc
	}
	return strings.Join(labels, ".")
}

// PunycodeDomainFromString is punycode_domain_from_string: every xn--
// label of a domain name decoded from Punycode. "" when a label does not
// decode.
func PunycodeDomainFromString(s string) string {
	if s == "" {
		return ""
	}
	labels := strings.Split(s, ".")
	for i, l := range labels {
		if len(l) < 4 || !strings.EqualFold(l[:4], "xn--") {
			continue
		}
		dec := PunycodeToString(l[4:])
		if dec == "" {
			return ""
		}
		labels[i] = dec
	}
	return strings.Join(labels, ".")
}

func countOtherDots(s string) int {
	n := 0
	for _, r := range s {
		if r != '.' && isDomainDot(r) {
			n++
		}
	}
	return n
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
