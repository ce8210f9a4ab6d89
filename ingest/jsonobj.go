package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// parseJSONObject decodes one JSON object exactly as encoding/json does
// into map[string]any with UseNumber (numbers as json.Number, invalid UTF-8
// and lone surrogates as U+FFFD, the last of duplicate keys wins), several
// times faster: JSON lines are read twice, and decoding dominated the
// benchmark. FuzzJSONObject checks it against encoding/json.
func parseJSONObject(b []byte) (map[string]any, error) {
	p := jsonParser{b: b}
	p.space()
	if p.i >= len(p.b) || p.b[p.i] != '{' {
		if p.i >= len(p.b) {
			return nil, errors.New("bad JSON: unexpected end of JSON input")
		}
		v, err := p.value(0)
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i != len(p.b) {
			return nil, p.errorf("invalid character %q after top-level value", p.b[p.i])
		}
		return nil, fmt.Errorf("a JSON %s, not an object", jsonTypeName(v))
	}
	v, err := p.object(0, 16)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.b) {
		return nil, p.errorf("invalid character %q after top-level value", p.b[p.i])
	}
	return v, nil
}

const maxJSONDepth = 10000 // encoding/json's limit

type jsonParser struct {
	b []byte
	i int
}

func (p *jsonParser) errorf(format string, args ...any) error {
	return fmt.Errorf("bad JSON at byte %d: %s", p.i+1, fmt.Sprintf(format, args...))
}

func (p *jsonParser) eof() error { return errors.New("bad JSON: unexpected end of JSON input") }

func (p *jsonParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (any, error) {
	p.space()
	if p.i >= len(p.b) {
		return nil, p.eof()
	}
	switch c := p.b[p.i]; {
	case c == '{':
		return p.object(depth, 0)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	default:
		return nil, p.errorf("invalid character %q looking for beginning of value", c)
	}
}

func (p *jsonParser) literal(word string) error {
	if len(p.b)-p.i < len(word) {
		if string(p.b[p.i:]) == word[:len(p.b)-p.i] {
			return p.eof()
		}
		return p.errorf("invalid literal")
	}
	if string(p.b[p.i:p.i+len(word)]) != word {
		return p.errorf("invalid literal")
	}
	p.i += len(word)
	return nil
}

// object reads an object; hint sizes the map (records have many keys,
// nested objects few).
func (p *jsonParser) object(depth, hint int) (map[string]any, error) {
	if depth >= maxJSONDepth {
		return nil, p.errorf("exceeded max depth")
	}
	p.i++ // {
	m := make(map[string]any, hint)
	p.space()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return m, nil
	}
	for {
		p.space()
		if p.i >= len(p.b) {
			return nil, p.eof()
		}
		if p.b[p.i] != '"' {
			return nil, p.errorf("invalid character %q looking for beginning of object key string", p.b[p.i])
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.b) {
			return nil, p.eof()
		}
		if p.b[p.i] != ':' {
			return nil, p.errorf("invalid character %q after object key", p.b[p.i])
		}
		p.i++
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m[k] = v
		p.space()
		if p.i >= len(p.b) {
			return nil, p.eof()
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return m, nil
		default:
			return nil, p.errorf("invalid character %q after object key:value pair", p.b[p.i])
		}
	}
}

func (p *jsonParser) array(depth int) ([]any, error) {
	if depth >= maxJSONDepth {
		return nil, p.errorf("exceeded max depth")
	}
	p.i++ // [
	out := []any{}
	p.space()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return out, nil
	}
	for {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.space()
		if p.i >= len(p.b) {
			return nil, p.eof()
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return out, nil
		default:
			return nil, p.errorf("invalid character %q after array element", p.b[p.i])
		}
	}
}

func (p *jsonParser) number() (any, error) {
	start := p.i
	digits := func() int {
		n := 0
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.b[p.i] == '-' {
		p.i++
	}
	if p.i >= len(p.b) {
		return nil, p.eof()
	}
	if p.b[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return nil, p.errorf("invalid character %q in numeric literal", p.b[p.i])
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if p.i >= len(p.b) {
			return nil, p.eof()
		}
		if digits() == 0 {
			return nil, p.errorf("invalid character %q after decimal point in numeric literal", p.b[p.i])
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if p.i >= len(p.b) {
			return nil, p.eof()
		}
		if digits() == 0 {
			return nil, p.errorf("invalid character %q in exponent of numeric literal", p.b[p.i])
		}
	}
	return json.Number(p.b[start:p.i]), nil
}

// str reads a string; the common case (no escapes, valid UTF-8) is one
// scan and one copy.
func (p *jsonParser) str() (string, error) {
	p.i++ // "
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := string(p.b[start:p.i])
			p.i++
			return s, nil
		case c == '\\' || c >= utf8.RuneSelf:
			return p.strSlow(start)
		case c < 0x20:
			return "", p.errorf("invalid character %q in string literal", c)
		}
		p.i++
	}
	return "", p.eof()
}

func (p *jsonParser) strSlow(start int) (string, error) {
	buf := append(make([]byte, 0, p.i-start+16), p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return string(buf), nil
		case c < 0x20:
			return "", p.errorf("invalid character %q in string literal", c)
		case c == '\\':
			var err error
			if buf, err = p.escape(buf); err != nil {
				return "", err
			}
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			p.i++
		default:
			r, size := utf8.DecodeRune(p.b[p.i:])
			if r == utf8.RuneError && size == 1 {
				buf = utf8.AppendRune(buf, utf8.RuneError)
			} else {
				buf = append(buf, p.b[p.i:p.i+size]...)
			}
			p.i += size
		}
	}
	return "", p.eof()
}

func (p *jsonParser) escape(buf []byte) ([]byte, error) {
	p.i++ // backslash
	if p.i >= len(p.b) {
		return nil, p.eof()
	}
	c := p.b[p.i]
	p.i++
	switch c {
	case '"', '\\', '/':
		return append(buf, c), nil
	case 'b':
		return append(buf, '\b'), nil
	case 'f':
		return append(buf, '\f'), nil
	case 'n':
		return append(buf, '\n'), nil
	case 'r':
		return append(buf, '\r'), nil
	case 't':
		return append(buf, '\t'), nil
	case 'u':
		r, err := p.hex4()
		if err != nil {
			return nil, err
		}
		if utf16.IsSurrogate(r) {
			if p.i+6 <= len(p.b) && p.b[p.i] == '\\' && p.b[p.i+1] == 'u' {
				save := p.i
				p.i += 2
				r2, err := p.hex4()
				if err != nil {
					return nil, err
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					return utf8.AppendRune(buf, dec), nil
				}
				p.i = save
			}
			r = utf8.RuneError
		}
		return utf8.AppendRune(buf, r), nil
	}
	p.i--
	return nil, p.errorf("invalid character %q in string escape code", c)
}

func (p *jsonParser) hex4() (rune, error) {
	if p.i+4 > len(p.b) {
		for _, c := range p.b[p.i:] {
			if !isHex(c) {
				return 0, p.errorf("invalid character %q in \\u hexadecimal character escape", c)
			}
		}
		return 0, p.eof()
	}
	n, err := strconv.ParseUint(string(p.b[p.i:p.i+4]), 16, 32)
	if err != nil {
		return 0, p.errorf("invalid \\u escape")
	}
	p.i += 4
	return rune(n), nil
}
