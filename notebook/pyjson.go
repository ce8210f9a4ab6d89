package notebook

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pyWriter writes JSON the way Python's json.dumps(indent=1, sort_keys=True,
// separators=(",", ": "), ensure_ascii=False) does, which is what Jupyter
// uses for .ipynb files. encoding/json differs in escaping (<, >, &, U+2028)
// and float formatting, which would rewrite every notebook it touched.
type pyWriter struct {
	buf []byte
}

func (w *pyWriter) newline(depth int) {
	w.buf = append(w.buf, '\n')
	for range depth {
		w.buf = append(w.buf, ' ')
	}
}

func (w *pyWriter) value(v any, depth int) error {
	switch x := v.(type) {
	case nil:
		w.buf = append(w.buf, "null"...)
	case bool:
		w.buf = strconv.AppendBool(w.buf, x)
	case string:
		w.str(x)
	case json.Number:
		w.buf = append(w.buf, x...)
	case int:
		w.buf = strconv.AppendInt(w.buf, int64(x), 10)
	case int64:
		w.buf = strconv.AppendInt(w.buf, x, 10)
	case float64:
		w.buf = append(w.buf, pyFloat(x)...)
	case []any:
		return w.list(x, depth)
	case map[string]any:
		return w.object(x, depth)
	case Metadata:
		return w.object(x, depth)
	case MIMEBundle:
		return w.object(x, depth)
	default:
		n, err := normalize(x)
		if err != nil {
			return fmt.Errorf("cannot encode %T: %w", v, err)
		}
		return w.value(n, depth)
	}
	return nil
}

func (w *pyWriter) list(x []any, depth int) error {
	if len(x) == 0 {
		w.buf = append(w.buf, "[]"...)
		return nil
	}
	w.buf = append(w.buf, '[')
	for i, e := range x {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.newline(depth + 1)
		if err := w.value(e, depth+1); err != nil {
			return err
		}
	}
	w.newline(depth)
	w.buf = append(w.buf, ']')
	return nil
}

func (w *pyWriter) object(x map[string]any, depth int) error {
	if len(x) == 0 {
		w.buf = append(w.buf, "{}"...)
		return nil
	}
	keys := make([]string, 0, len(x))
	for k := range x {
		keys = append(keys, k)
	}
	// Python sorts by code point; UTF-8 byte order is the same order.
	slices.Sort(keys)
	w.buf = append(w.buf, '{')
	for i, k := range keys {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.newline(depth + 1)
		w.str(k)
		w.buf = append(w.buf, ": "...)
		if err := w.value(x[k], depth+1); err != nil {
			return err
		}
	}
	w.newline(depth)
	w.buf = append(w.buf, '}')
	return nil
}

// str escapes as Python's json module with ensure_ascii=False: only the
// quote, the backslash and control characters.
func (w *pyWriter) str(s string) {
	w.buf = append(w.buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			if c < utf8.RuneSelf {
				w.buf = append(w.buf, c)
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				w.buf = append(w.buf, "\ufffd"...)
			} else {
				w.buf = append(w.buf, s[i:i+n]...)
			}
			i += n
			continue
		}
		switch c {
		case '"':
			w.buf = append(w.buf, `\"`...)
		case '\\':
			w.buf = append(w.buf, `\\`...)
		case '\n':
			w.buf = append(w.buf, `\n`...)
		case '\r':
			w.buf = append(w.buf, `\r`...)
		case '\t':
			w.buf = append(w.buf, `\t`...)
		case '\b':
			w.buf = append(w.buf, `\b`...)
		case '\f':
			w.buf = append(w.buf, `\f`...)
		default:
			w.buf = append(w.buf, fmt.Sprintf(`\u%04x`, c)...)
		}
		i++
	}
	w.buf = append(w.buf, '"')
}

// pyFloat formats a float as Python's repr: the shortest round-tripping
// digits, scientific notation below 1e-4 and from 1e16, ".0" on integral
// values.
func pyFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, expText, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expText)
	if f != 0 && (exp < -4 || exp >= 16) {
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		return fmt.Sprintf("%se%s%02d", mant, sign, exp)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".") {
		s += ".0"
	}
	return s
}
