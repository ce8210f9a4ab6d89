package demo

import "strings"

// eventData renders event fields the way the EventData column of
// SecurityEvent and Event holds them: the event's XML data section. kv
// alternates names and values.
func eventData(kv ...string) string {
	var b strings.Builder
	b.Grow(96 + 48*len(kv))
	b.WriteString(`<EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">`)
	for i := 0; i+1 < len(kv); i += 2 {
		b.WriteString("\n  <Data Name=\"")
		b.WriteString(kv[i])
		b.WriteString(`">`)
		xmlEscape(&b, kv[i+1])
		b.WriteString("</Data>")
	}
	b.WriteString("\n</EventData>")
	return b.String()
}

func xmlEscape(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteByte(s[i])
		}
	}
}
