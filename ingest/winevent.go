package ingest

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// winEvent is a Windows event in a form common to the JSON shippers and
// EVTX: the System part as fields, the event data as ordered pairs.
type winEvent struct {
	time                            time.Time
	hasTime                         bool
	channel, provider, computer     string
	eventID                         int64
	task, level, version, opcode    any // int32 or nil
	keywords, recordID, correlation string
	userSID                         string
	userName                        string // DOMAIN\user from the shipper's SID lookup, when it did one
	processID, threadID             any    // int32 or nil
	message                         string
	data                            []kv
}

type kv struct {
	k string
	v any
}

// isWindowsRecord tells a Windows event written by Winlogbeat, NXLog or the
// OTRF datasets from other JSON: an event id plus a channel and a host, in
// flat or Winlogbeat form.
func isWindowsRecord(m map[string]any) bool {
	if w, ok := m["winlog"].(map[string]any); ok {
		_, ch := w["channel"]
		return ch
	}
	if _, ok := m["log_name"]; ok {
		_, id := m["event_id"]
		return id
	}
	_, id := m["EventID"]
	_, ch := m["Channel"]
	_, host := m["Hostname"]
	_, comp := m["Computer"]
	return id && ch && (host || comp)
}

// winEventFromJSON normalises a Winlogbeat (6.x and later) or flat
// (NXLog, OTRF) record.
func winEventFromJSON(m map[string]any) (winEvent, error) {
	if w, ok := m["winlog"].(map[string]any); ok {
		return fromWinlogbeat(m, w)
	}
	if _, ok := m["log_name"]; ok {
		return fromWinlogbeat(m, m)
	}
	return fromFlat(m)
}

// nxlogEnvelope are the keys of a flat record that describe the event
// rather than hold its event data.
var nxlogEnvelope = map[string]bool{
	"EventID": true, "Channel": true, "Hostname": true, "Computer": true, "SourceName": true, "ProviderGuid": true,
	"EventTime": true, "EventReceivedTime": true, "@timestamp": true, "@version": true, "host": true, "port": true,
	"tags": true, "Keywords": true, "Severity": true, "SeverityValue": true, "EventType": true, "Opcode": true,
	"OpcodeValue": true, "RecordNumber": true, "ExecutionProcessID": true, "ThreadID": true, "Task": true,
	"Category": true, "Version": true, "SourceModuleName": true, "SourceModuleType": true, "Message": true,
	"ERROR_EVT_UNRESOLVED": true, "TimeCreated": true, "ActivityID": true, "RelatedActivityID": true, "Level": true,
	"type": true, "beat": true, "agent": true, "ecs": true, "log": true, "event": true,
}

var nxlogEnvelopeWithUser = withKeys(nxlogEnvelope, "UserID", "AccountName", "AccountType", "Domain")

func fromFlat(m map[string]any) (winEvent, error) {
	e := winEvent{
		channel:  canonicalChannel(str(m["Channel"])),
		provider: str(m["SourceName"]),
		computer: firstStr(m, "Hostname", "Computer"),
		message:  str(m["Message"]),
	}
	id, ok := toInt(m["EventID"])
	if !ok {
		return e, fmt.Errorf("EventID %v is not a number", m["EventID"])
	}
	e.eventID = id
	e.task = optInt(m["Task"])
	e.version = optInt(m["Version"])
	e.opcode = optInt(m["OpcodeValue"])
	e.level = optInt(m["Level"])
	if e.level == nil {
		e.level = nxlogLevel(m["SeverityValue"])
	}
	e.keywords = keywordsText(m["Keywords"])
	e.recordID = str(m["RecordNumber"])
	e.correlation = str(m["ActivityID"])
	e.processID = optInt(m["ExecutionProcessID"])
	e.threadID = optInt(m["ThreadID"])
	// NXLog resolves the event's user SID into UserID, AccountName,
	// AccountType and Domain; without UserID those names are event data
	// (7045 has an AccountName of its own).
	envelope := nxlogEnvelope
	if sid := str(m["UserID"]); sid != "" {
		e.userSID = sid
		if u := str(m["AccountName"]); u != "" {
			e.userName = joinAccount(str(m["Domain"]), u)
		}
		envelope = nxlogEnvelopeWithUser
	}
	e.time, e.hasTime = flatTime(m)
	for _, k := range sortedKeys(m) {
		if !envelope[k] {
			e.data = append(e.data, kv{k, m[k]})
		}
	}
	return e, nil
}

// flatTime finds the event time of a flat record. NXLog's EventTime is
// the collector's local time without a zone; its offset is recovered from
// EventReceivedTime (local) against @timestamp (UTC, stamped on receipt).
func flatTime(m map[string]any) (time.Time, bool) {
	if t, ok := timeField(m["TimeCreated"]); ok {
		return t, true
	}
	ev, evOK := timeField(m["EventTime"])
	at, atOK := timeField(m["@timestamp"])
	if recv, ok := timeField(m["EventReceivedTime"]); ok && evOK && atOK {
		offset := recv.Sub(at).Round(15 * time.Minute)
		if offset.Abs() <= 14*time.Hour {
			return ev.Add(-offset), true
		}
	}
	if atOK {
		return at, true
	}
	return ev, evOK
}

func timeField(v any) (time.Time, bool) {
	switch x := v.(type) {
	case string:
		return parseDateTime(strings.TrimSpace(x))
	case map[string]any: // {"SystemTime": "..."}
		return timeField(x["SystemTime"])
	}
	return time.Time{}, false
}

// nxlogLevel maps NXLog's SeverityValue (1 debug .. 5 critical) to the
// Windows level (5 verbose, 4 information, 3 warning, 2 error, 1 critical).
func nxlogLevel(v any) any {
	n, ok := toInt(v)
	if !ok || n < 1 || n > 5 {
		return nil
	}
	return int32([]int{0, 5, 4, 3, 2, 1}[n])
}

func fromWinlogbeat(m, w map[string]any) (winEvent, error) {
	e := winEvent{
		channel:     canonicalChannel(firstStr(w, "channel", "log_name")),
		provider:    firstStr(w, "provider_name", "source_name"),
		computer:    firstStr(w, "computer_name"),
		message:     str(m["message"]),
		recordID:    firstStr(w, "record_id", "record_number"),
		correlation: str(w["activity_id"]),
		keywords:    keywordsText(w["keywords"]),
		version:     optInt(w["version"]),
		task:        optInt(w["task"]),
		opcode:      optInt(w["opcode"]),
	}
	if e.computer == "" {
		if h, ok := m["host"].(map[string]any); ok {
			e.computer = str(h["name"])
		}
	}
	id, ok := toInt(w["event_id"])
	if !ok {
		if ev, isMap := m["event"].(map[string]any); isMap {
			id, ok = toInt(ev["code"])
		}
	}
	if !ok {
		return e, fmt.Errorf("winlog event_id %v is not a number", w["event_id"])
	}
	e.eventID = id
	if p, ok := w["process"].(map[string]any); ok {
		e.processID = optInt(p["pid"])
		if t, ok := p["thread"].(map[string]any); ok {
			e.threadID = optInt(t["id"])
		}
	} else {
		e.processID, e.threadID = optInt(w["process_id"]), optInt(w["thread_id"])
	}
	if u, ok := w["user"].(map[string]any); ok {
		e.userSID = str(u["identifier"])
		if n := str(u["name"]); n != "" {
			e.userName = joinAccount(str(u["domain"]), n)
		}
	}
	e.level = winlogbeatLevel(m, w)
	e.time, e.hasTime = timeField(m["@timestamp"])
	for _, part := range []string{"event_data", "user_data"} {
		if d, ok := w[part].(map[string]any); ok {
			for _, k := range sortedKeys(d) {
				e.data = append(e.data, kv{k, d[k]})
			}
		}
	}
	return e, nil
}

func winlogbeatLevel(m, w map[string]any) any {
	text := str(w["level"])
	if l, ok := m["log"].(map[string]any); ok && text == "" {
		text = str(l["level"])
	}
	switch strings.ToLower(text) {
	case "critical":
		return int32(1)
	case "error":
		return int32(2)
	case "warning":
		return int32(3)
	case "information", "info":
		return int32(4)
	case "verbose":
		return int32(5)
	}
	return nil
}

// canonicalChannel spells the well-known channels as Windows does (NXLog
// sometimes writes "security").
func canonicalChannel(c string) string {
	for _, known := range []string{"Security", "System", "Application", "Microsoft-Windows-Sysmon/Operational",
		"Windows PowerShell", "Microsoft-Windows-PowerShell/Operational"} {
		if strings.EqualFold(c, known) {
			return known
		}
	}
	return c
}

func keywordsText(v any) string {
	switch x := v.(type) {
	case json.Number:
		if n, err := strconv.ParseInt(x.String(), 10, 64); err == nil {
			return fmt.Sprintf("0x%x", uint64(n))
		}
		if n, err := strconv.ParseUint(x.String(), 10, 64); err == nil {
			return fmt.Sprintf("0x%x", n)
		}
		return x.String()
	case []any:
		parts := make([]string, 0, len(x))
		for _, p := range x {
			parts = append(parts, str(p))
		}
		return strings.Join(parts, ",")
	}
	return str(v)
}

// str renders a scalar JSON value as text ("" for null); objects and arrays
// become compact JSON.
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case uint64:
		return strconv.FormatUint(x, 10)
	}
	if n, ok := goInt(v); ok {
		return strconv.FormatInt(n, 10)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func firstStr(m map[string]any, keys ...string) string {
	for _, k := range keys {
		if s := str(m[k]); s != "" {
			return s
		}
	}
	return ""
}

// toInt reads an integer from a JSON number, a Go number or decimal text.
func toInt(v any) (int64, bool) {
	switch x := v.(type) {
	case json.Number:
		n, err := strconv.ParseInt(x.String(), 10, 64)
		return n, err == nil
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		return n, err == nil
	case float64:
		return int64(x), x == math.Trunc(x) && math.Abs(x) < 1<<53
	case uint64:
		return int64(x), x <= math.MaxInt64
	}
	return goInt(v)
}

// goInt reads the Go integer types the EVTX parser produces.
func goInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int8:
		return int64(x), true
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case uint:
		return int64(x), uint64(x) <= math.MaxInt64
	case uint8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint32:
		return int64(x), true
	}
	return 0, false
}

// optInt is an int32 column value, or nil when absent or not a number.
func optInt(v any) any {
	n, ok := toInt(v)
	if !ok || n < math.MinInt32 || n > math.MaxInt32 {
		return nil
	}
	return int32(n)
}

func joinAccount(domain, user string) string {
	if domain == "" || domain == "-" {
		return user
	}
	return domain + `\` + user
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func withKeys(base map[string]bool, keys ...string) map[string]bool {
	out := make(map[string]bool, len(base)+len(keys))
	for k, v := range base {
		out[k] = v
	}
	for _, k := range keys {
		out[k] = true
	}
	return out
}
