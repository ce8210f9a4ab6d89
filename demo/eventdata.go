package demo

import "strings"

// eventData renders event fields the way the EventData column of
// SecurityEvent and Event holds them: the event's XML data section. kv
// alternates names and values.
func eventData(kv ...string) string {
	const head, dataOpen, dataClose, tail = `<EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">`,
		"\n  <Data Name=\"", "</Data>", "\n</EventData>"
	n := len(head) + len(tail) // the exact size unless a value needs escaping
	for i := 0; i+1 < len(kv); i += 2 {
		n += len(dataOpen) + len(kv[i]) + len(`">`) + len(kv[i+1]) + len(dataClose)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(head)
	for i := 0; i+1 < len(kv); i += 2 {
		b.WriteString(dataOpen)
		b.WriteString(kv[i])
		b.WriteString(`">`)
		xmlEscape(&b, kv[i+1])
		b.WriteString(dataClose)
	}
	b.WriteString(tail)
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
