package syntax

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/huntbook/huntbook/table"
)

// unquote decodes the text of a String token: '...', "...", @'...',
// @"...", ```...```, each optionally prefixed with h/H (obfuscated).
func unquote(raw string) (val string, obfuscated bool, err error) {
	s := raw
	if s != "" && (s[0] == 'h' || s[0] == 'H') {
		obfuscated = true
		s = s[1:]
	}
	if strings.HasPrefix(s, "```") && len(s) >= 6 && strings.HasSuffix(s, "```") {
		return s[3 : len(s)-3], obfuscated, nil
	}
	verbatim := false
	if s != "" && s[0] == '@' {
		verbatim = true
		s = s[1:]
	}
	if len(s) < 2 || (s[0] != '\'' && s[0] != '"') || s[len(s)-1] != s[0] {
		return "", obfuscated, errors.New("malformed string literal")
	}
	q, body := s[0], s[1:len(s)-1]
	if verbatim {
		return strings.ReplaceAll(body, string([]byte{q, q}), string(q)), obfuscated, nil
	}
	if strings.IndexByte(body, '\\') < 0 {
		return body, obfuscated, nil
	}
	val, err = unescape(body)
	return val, obfuscated, err
}

// unescape resolves the backslash escapes of a regular string literal.
func unescape(body string) (string, error) {
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(body) {
			return "", errors.New("string literal ends with a backslash")
		}
		i++
		switch e := body[i]; e {
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case 'x', 'u', 'U':
			n := 2
			if e == 'u' {
				n = 4
			} else if e == 'U' {
				n = 8
			}
			if i+n >= len(body) {
				return "", fmt.Errorf("invalid escape \\%c in string literal", e)
			}
			v, err := strconv.ParseUint(body[i+1:i+1+n], 16, 32)
			if err != nil || v > utf8.MaxRune {
				return "", fmt.Errorf("invalid escape \\%c in string literal", e)
			}
			if e == 'x' {
				b.WriteByte(byte(v))
			} else {
				b.WriteRune(rune(v))
			}
			i += n
		default:
			if e < '0' || e > '7' {
				// Kusto's own scanner rejects unknown escapes, but real
				// queries (regexes in particular) contain them and the
				// service runs them: keep the backslash and the character.
				b.WriteByte('\\')
				b.WriteByte(e)
				continue
			}
			j := i
			for j < len(body) && j < i+3 && body[j] >= '0' && body[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(body[i:j], 8, 16)
			b.WriteByte(byte(v))
			i = j - 1
		}
	}
	return b.String(), nil
}

// parseLong decodes a Long token (decimal or 0x hex).
func parseLong(text string) (int64, error) {
	if len(text) > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') {
		u, err := strconv.ParseUint(text[2:], 16, 64)
		if err != nil {
			return 0, fmt.Errorf("integer literal %s out of range", text)
		}
		return int64(u), nil
	}
	v, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("integer literal %s out of range", text)
	}
	return v, nil
}

// parseReal decodes a Real token.
func parseReal(text string) (float64, error) {
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("malformed real literal %s", text)
	}
	return f, nil
}

// parseTimeSpanLit decodes a TimeSpan token such as 1d, 1.5h, 10ms.
func parseTimeSpanLit(text string) (time.Duration, error) {
	i := 0
	for i < len(text) && (isDigit(text[i]) || text[i] == '.') {
		i++
	}
	unit, ok := timeSpanUnits[text[i:]]
	if !ok {
		return 0, fmt.Errorf("unknown timespan unit in %s", text)
	}
	return scaleDuration(text[:i], unit)
}

// scaleDuration multiplies a decimal number (digits[.digits]) by a unit,
// exactly for the integer part, and truncates the result to whole ticks.
func scaleDuration(num string, unit time.Duration) (time.Duration, error) {
	intPart, frac, _ := strings.Cut(num, ".")
	n, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil || (n != 0 && int64(unit) > math.MaxInt64/n) {
		return 0, fmt.Errorf("timespan %s out of range", num)
	}
	d := time.Duration(n) * unit
	if frac != "" {
		f, err := strconv.ParseFloat("0."+frac, 64)
		if err != nil {
			return 0, fmt.Errorf("malformed timespan %s", num)
		}
		extra := time.Duration(math.Round(f * float64(unit)))
		if d > math.MaxInt64-extra {
			return 0, fmt.Errorf("timespan %s out of range", num)
		}
		d += extra
	}
	return d - d%table.Tick, nil
}

// ParseTimeSpan parses the text of a time(...) / timespan(...) literal:
// a number with a unit (2d, 1.5h, 15 seconds), a bare number of days (2),
// or [-][d.]hh:mm[:ss[.fffffff]] (0.12:34:56.7). The result is truncated
// to whole ticks. The engine's totimespan() accepts the same forms.
func ParseTimeSpan(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = strings.TrimSpace(s[1:])
	}
	d, err := parseUnsignedTimeSpan(s)
	if err != nil {
		return 0, err
	}
	if neg {
		d = -d
	}
	return d, nil
}

func parseUnsignedTimeSpan(s string) (time.Duration, error) {
	bad := fmt.Errorf("malformed timespan %q", s)
	if strings.Contains(s, ":") {
		return parseClockSpan(s)
	}
	i := 0
	for i < len(s) && (isDigit(s[i]) || s[i] == '.') {
		i++
	}
	if i == 0 || strings.Count(s[:i], ".") > 1 {
		return 0, bad
	}
	unitText := strings.TrimSpace(s[i:])
	if unitText == "" {
		return scaleDuration(s[:i], 24*time.Hour)
	}
	unit, ok := timeSpanUnits[unitText]
	if !ok {
		return 0, bad
	}
	return scaleDuration(s[:i], unit)
}

// parseClockSpan parses [d.]hh:mm[:ss[.fffffff]].
func parseClockSpan(s string) (time.Duration, error) {
	bad := fmt.Errorf("malformed timespan %q", s)
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, bad
	}
	var days int64
	hours := parts[0]
	if d, h, ok := strings.Cut(parts[0], "."); ok {
		v, err := strconv.ParseInt(d, 10, 64)
		if err != nil || v > 106751 {
			return 0, bad
		}
		days, hours = v, h
	}
	h, err1 := strconv.Atoi(hours)
	m, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 || len(parts[1]) != 2 {
		return 0, bad
	}
	d := time.Duration(days)*24*time.Hour + time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
	if len(parts) == 3 {
		sec, frac, _ := strings.Cut(parts[2], ".")
		sv, err := strconv.Atoi(sec)
		if err != nil || sv < 0 || sv > 59 || len(sec) != 2 {
			return 0, bad
		}
		d += time.Duration(sv) * time.Second
		if frac != "" {
			fd, err := fractionDuration(frac)
			if err != nil {
				return 0, bad
			}
			d += fd
		}
	}
	return d, nil
}

// fractionDuration turns the digits after a decimal point of seconds into
// a duration truncated to ticks (7 digits).
func fractionDuration(frac string) (time.Duration, error) {
	for i := 0; i < len(frac); i++ {
		if !isDigit(frac[i]) {
			return 0, errors.New("bad fraction")
		}
	}
	if len(frac) > 7 {
		frac = frac[:7]
	}
	frac += strings.Repeat("0", 7-len(frac))
	v, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, err
	}
	return time.Duration(v) * table.Tick, nil
}

// parseGUID checks the 8-4-4-4-12 form (braces allowed) and returns the
// lower-case canonical text.
func parseGUID(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) == 38 && s[0] == '{' && s[37] == '}' {
		s = s[1:37]
	}
	if len(s) != 36 {
		return "", fmt.Errorf("malformed guid %q", s)
	}
	for i := 0; i < 36; i++ {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if s[i] != '-' {
				return "", fmt.Errorf("malformed guid %q", s)
			}
		} else if !isHexDigit(s[i]) {
			return "", fmt.Errorf("malformed guid %q", s)
		}
	}
	return strings.ToLower(s), nil
}

// isDecimalText reports whether s is a decimal number: [+-]digits[.digits][e[+-]digits].
func isDecimalText(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	i := scanDigits(s, 0)
	j := i
	if j < len(s) && s[j] == '.' {
		j = scanDigits(s, j+1)
	}
	if j == 0 || (i == 0 && j == 1) {
		return false
	}
	if e, ok := scanExponent(s, j); ok {
		j = e
	}
	return j == len(s)
}

// typedLiteral decodes a TypedLit token such as int(null), real(-1.5),
// datetime(2020-01-01), time(1.02:03:04), guid(...). It returns the literal
// type and Go value (nil for null).
func typedLiteral(text string) (table.Type, any, error) {
	open := strings.IndexByte(text, '(')
	kw, inner := text[:open], strings.TrimSpace(text[open+1:len(text)-1])
	typ, _ := table.ParseType(kw)
	if inner == "null" {
		return typ, nil, nil
	}
	v, err := typedValue(typ, inner)
	if err != nil {
		return typ, nil, fmt.Errorf("invalid %s literal: %v", typ, err)
	}
	return typ, v, nil
}

func typedValue(typ table.Type, inner string) (any, error) {
	switch typ {
	case table.Bool:
		switch strings.ToLower(inner) {
		case "true", "1":
			return true, nil
		case "false", "0":
			return false, nil
		}
		return nil, fmt.Errorf("%q is not a bool", inner)
	case table.Int:
		v, err := strconv.ParseInt(inner, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("%q is not an int", inner)
		}
		return int32(v), nil
	case table.Long:
		v, err := strconv.ParseInt(inner, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a long", inner)
		}
		return v, nil
	case table.Real:
		return parseRealText(inner)
	case table.Decimal:
		if !isDecimalText(inner) {
			return nil, fmt.Errorf("%q is not a decimal", inner)
		}
		return strings.TrimPrefix(inner, "+"), nil
	case table.DateTime:
		return ParseDateTime(inner)
	case table.TimeSpan:
		return ParseTimeSpan(inner)
	case table.GUID:
		return parseGUID(inner)
	}
	return nil, errors.New("unknown literal type")
}

// parseRealText parses the inside of real(...): a number, nan, inf, +inf, -inf.
func parseRealText(s string) (float64, error) {
	switch strings.ToLower(s) {
	case "nan":
		return math.NaN(), nil
	case "inf", "+inf":
		return math.Inf(1), nil
	case "-inf":
		return math.Inf(-1), nil
	}
	if !isDecimalText(s) {
		return 0, fmt.Errorf("%q is not a real", s)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("%q is not a real", s)
	}
	return f, nil
}
