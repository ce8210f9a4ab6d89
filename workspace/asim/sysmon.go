package asim

import (
	"regexp"
	"strings"
)

// Sysmon reaches Log Analytics two ways: the Azure Monitor agent's
// WindowsEvent table, whose EventData is a dynamic bag, and the legacy
// agent's Event table, whose EventData is the event's XML text. A parser
// writes its Sysmon source once, as `let Sysmon = SYSMON | where ...;`
// reading event data fields as F(Name), and withSysmon makes it the two
// sources SysmonNew and SysmonLegacy, each with its table's name as Type.

// sysmonField is a field reference F(Name) in a Sysmon source.
var sysmonField = regexp.MustCompile(`\bF\((\w+)\)`)

// xmlField reads <Data Name="Name">value</Data> from the XML text and
// decodes XML's five predefined entities (&amp; last, so "&amp;lt;" stays
// "&lt;").
const xmlField = `replace_string(replace_string(replace_string(replace_string(replace_string(` +
	`extract(@'<Data Name="${1}">([^<]*)</Data>', 1, EventData), ` +
	`'&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&apos;', "'"), '&amp;', '&')`

// withSysmon expands a parser's Sysmon source (see above); a text without
// one is returned as it is.
func withSysmon(src string) string {
	const head = "let Sysmon = SYSMON\n"
	start := strings.Index(src, head)
	if start < 0 {
		return src
	}
	end := start + strings.Index(src[start:], ";\n") + 2
	leg := src[start+len(head) : end]
	typed := func(table string) string {
		return strings.Replace(leg, "project TimeGenerated, Type,", "project TimeGenerated, Type = '"+table+"',", 1)
	}
	modern := "let SysmonNew = WindowsEvent\n | where Provider == 'Microsoft-Windows-Sysmon'\n" +
		sysmonField.ReplaceAllString(typed("WindowsEvent"), "tostring(EventData.${1})")
	legacy := "let SysmonLegacy = Event\n | where Source == 'Microsoft-Windows-Sysmon'\n" +
		sysmonField.ReplaceAllString(typed("Event"), xmlField)
	return src[:start] + modern + legacy + src[end:]
}
