package kqlfunc

import (
	"net/url"
	"strings"
)

// ParseURL is parse_url(url): the parts of an absolute URL as a bag with
// Kusto's keys. Parts that are missing are "", and text that is no URL
// gives every key "" (Kusto does not fail).
func ParseURL(s string) any {
	out := map[string]any{"Scheme": "", "Host": "", "Port": "", "Path": "", "Username": "",
		"Password": "", "Query Parameters": map[string]any{}, "Fragment": ""}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return out
	}
	out["Scheme"] = u.Scheme
	out["Host"] = u.Hostname()
	out["Port"] = u.Port()
	// The docs show the path without its leading slash.
	out["Path"] = strings.TrimPrefix(u.EscapedPath(), "/")
	if u.User != nil {
		out["Username"] = u.User.Username()
		out["Password"], _ = u.User.Password()
	}
	out["Query Parameters"] = queryBag(u.RawQuery)
	out["Fragment"] = u.Fragment
	return out
}

// ParseURLQuery is parse_urlquery(query): {"Query Parameters": {...}}.
func ParseURLQuery(query string) any {
	return map[string]any{"Query Parameters": queryBag(strings.TrimPrefix(query, "?"))}
}

// queryBag decodes k=v&k=v pairs; a repeated key keeps its last value.
func queryBag(raw string) map[string]any {
	bag := map[string]any{}
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		bag[URLDecode(k)] = URLDecode(v)
	}
	return bag
}

// URLEncode is url_encode(s): UTF-8 bytes outside letters, digits and
// -_.!*() become %xx in lower-case hex and a space becomes '+', as .NET's
// HttpUtility.UrlEncode, which Kusto's documented results follow.
func URLEncode(s string) string { return urlEncode(s, "+") }

// URLEncodeComponent is url_encode_component(s): as url_encode but a space
// becomes %20.
func URLEncodeComponent(s string) string { return urlEncode(s, "%20") }

func urlEncode(s, space string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.!*()", c) >= 0:
			b.WriteByte(c)
		case c == ' ':
			b.WriteString(space)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// URLDecode is url_decode(s): %xx sequences and '+' (a space) decoded;
// malformed escapes stay as they are.
func URLDecode(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f' }

func unhex(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c | 0x20 - 'a' + 10
}
