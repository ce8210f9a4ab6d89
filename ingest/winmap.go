package ingest

import (
	"fmt"
	"strings"

	"github.com/huntbook/huntbook/table"
)

// winTable routes an event by channel, as Sentinel's agents store them:
// Security to SecurityEvent, the classic System and Application logs to
// Event, every other channel (Sysmon, PowerShell, WMI, ...) to WindowsEvent.
func winTable(channel string) string {
	switch channel {
	case "Security":
		return "SecurityEvent"
	case "System", "Application":
		return "Event"
	}
	return "WindowsEvent"
}

// winReserved are SecurityEvent columns the envelope fills; event data
// fields of the same name do not overwrite them.
var winReserved = map[string]bool{
	"TimeGenerated": true, "Computer": true, "EventID": true, "Channel": true, "Task": true, "Level": true,
	"Activity": true, "Account": true, "AccountType": true, "EventData": true, "EventSourceName": true,
	"Type": true, "TenantId": true, "SourceSystem": true, "LogonTypeName": true,
}

// hexFields are the Security event data fields Windows renders in hex;
// EVTX gives them as numbers.
var hexFields = map[string]bool{
	"SubjectLogonId": true, "TargetLogonId": true, "TargetLinkedLogonId": true, "NewProcessId": true,
	"ProcessId": true, "LogonID": true, "CallerProcessId": true,
}

// winRow fills row (in the columns of cols, the table winTable chose) from
// an event.
func winRow(e winEvent, tableName string, cols *colIndex, row []any) {
	if e.hasTime {
		cols.set(row, "TimeGenerated", e.time)
	}
	cols.set(row, "Computer", e.computer)
	cols.set(row, "Type", tableName)
	switch tableName {
	case "SecurityEvent":
		securityRow(e, cols, row)
	case "Event":
		eventRow(e, cols, row)
	default:
		windowsEventRow(e, cols, row)
	}
}

func securityRow(e winEvent, cols *colIndex, row []any) {
	cols.set(row, "EventID", int32(e.eventID))
	cols.set(row, "Channel", e.channel)
	cols.set(row, "EventSourceName", e.provider)
	cols.set(row, "Task", e.task)
	if e.level != nil {
		cols.set(row, "Level", fmt.Sprint(e.level))
	}
	cols.set(row, "Activity", activity(e))
	cols.set(row, "EventData", eventDataXML(e.data))
	data := map[string]string{}
	for _, f := range e.data {
		col, ok := cols.fold(f.k)
		if !ok || winReserved[col] {
			continue
		}
		text := str(f.v)
		if hexFields[col] {
			if n, isNum := toInt(f.v); isNum && !isString(f.v) {
				text = fmt.Sprintf("0x%x", n)
			}
		}
		data[col] = text
		if v, err := convertText(cols.typeOf(col), text); err == nil {
			cols.set(row, col, v)
		}
	}
	user, domain := data["TargetUserName"], data["TargetDomainName"]
	if user == "" || user == "-" {
		user, domain = data["SubjectUserName"], data["SubjectDomainName"]
	}
	if user != "" && user != "-" {
		cols.set(row, "Account", joinAccount(domain, user))
		if strings.HasSuffix(user, "$") {
			cols.set(row, "AccountType", "Machine")
		} else {
			cols.set(row, "AccountType", "User")
		}
	}
	if lt, ok := toInt(data["LogonType"]); ok {
		if name, known := logonTypeNames[lt]; known {
			cols.set(row, "LogonTypeName", fmt.Sprintf("%d - %s", lt, name))
		}
	}
}

func isString(v any) bool { _, ok := v.(string); return ok }

// activity is Sentinel's "4624 - An account was successfully logged on."
// from the rendered message's first line, or the built-in titles.
func activity(e winEvent) string {
	title := ""
	if e.message != "" {
		title, _, _ = strings.Cut(e.message, "\n")
		title = strings.TrimSpace(title)
	}
	if title == "" {
		title = securityTitles[e.eventID]
	}
	if title == "" {
		return fmt.Sprint(e.eventID)
	}
	return fmt.Sprintf("%d - %s", e.eventID, title)
}

func eventRow(e winEvent, cols *colIndex, row []any) {
	cols.set(row, "EventID", int32(e.eventID))
	cols.set(row, "EventLog", e.channel)
	cols.set(row, "Source", e.provider)
	cols.set(row, "EventCategory", e.task)
	setLevel(e, cols, row)
	cols.set(row, "RenderedDescription", e.message)
	cols.set(row, "EventData", eventDataXML(e.data))
	cols.set(row, "UserName", e.userName)
	var params strings.Builder
	for _, f := range e.data {
		params.WriteString("<Param>")
		xmlEscape(&params, str(f.v))
		params.WriteString("</Param>")
	}
	cols.set(row, "ParameterXml", params.String())
}

func windowsEventRow(e winEvent, cols *colIndex, row []any) {
	cols.set(row, "EventID", int32(e.eventID))
	cols.set(row, "Channel", e.channel)
	cols.set(row, "Provider", e.provider)
	cols.set(row, "Task", e.task)
	cols.set(row, "Version", e.version)
	cols.set(row, "Opcode", optText(e.opcode))
	cols.set(row, "Keywords", e.keywords)
	cols.set(row, "EventRecordId", e.recordID)
	cols.set(row, "Correlation", e.correlation)
	cols.set(row, "SystemProcessId", e.processID)
	cols.set(row, "SystemThreadId", e.threadID)
	cols.set(row, "SystemUserId", e.userSID)
	setLevel(e, cols, row)
	data := make(map[string]any, len(e.data))
	for _, f := range e.data {
		data[f.k] = dynamicField(f.v)
	}
	cols.set(row, "EventData", data)
}

// dynamicField keeps objects and arrays and writes scalars as strings, as
// Sentinel's WindowsEvent.EventData holds them.
func dynamicField(v any) any {
	switch x := v.(type) {
	case nil, string:
		return x
	case map[string]any, []any:
		return x
	}
	return str(v)
}

func optText(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func setLevel(e winEvent, cols *colIndex, row []any) {
	if l, ok := e.level.(int32); ok {
		cols.set(row, "EventLevel", l)
		cols.set(row, "EventLevelName", levelNames[l])
	}
}

// eventDataXML writes the event data as Sentinel's SecurityEvent and Event
// tables hold it, so parse_xml and extract queries work unchanged.
func eventDataXML(data []kv) string {
	var b strings.Builder
	b.WriteString(`<EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">`)
	for _, f := range data {
		b.WriteString(`<Data Name="`)
		xmlEscape(&b, f.k)
		b.WriteString(`">`)
		xmlEscape(&b, str(f.v))
		b.WriteString(`</Data>`)
	}
	b.WriteString(`</EventData>`)
	return b.String()
}

func xmlEscape(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
}

// colIndex addresses the columns of a fixed-schema table by name.
type colIndex struct {
	cols  []table.Column
	index map[string]int
	folds map[string]string // lower-case name -> name
}

func newColIndex(cols []table.Column) *colIndex {
	c := &colIndex{cols: cols, index: make(map[string]int, len(cols)), folds: make(map[string]string, len(cols))}
	for i, col := range cols {
		c.index[col.Name] = i
		c.folds[strings.ToLower(col.Name)] = col.Name
	}
	return c
}

// set stores a value; a name outside the table is a programming error.
func (c *colIndex) set(row []any, name string, v any) {
	i, ok := c.index[name]
	if !ok {
		panic("ingest: no column " + name)
	}
	if v == nil {
		row[i] = nullOf(c.cols[i].Type)
		return
	}
	row[i] = v
}

func (c *colIndex) typeOf(name string) table.Type { return c.cols[c.index[name]].Type }

// fold finds a column ignoring case.
func (c *colIndex) fold(name string) (string, bool) {
	if _, ok := c.index[name]; ok {
		return name, true
	}
	n, ok := c.folds[strings.ToLower(name)]
	return n, ok
}

// blank resets a row to nulls.
func (c *colIndex) blank(row []any) {
	for i, col := range c.cols {
		row[i] = nullOf(col.Type)
	}
}
