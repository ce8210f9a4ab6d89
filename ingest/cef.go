package ingest

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/huntbook/huntbook/table"
)

// cefRecord is one parsed CEF event.
type cefRecord struct {
	syslog  syslogRecord // the header before "CEF:", when there was one
	version string
	header  [6]string // vendor, product, version, event class id, name, severity
	ext     []cefPair // extension fields in order
}

type cefPair struct{ key, value string }

var errNotCEF = errors.New(`not a CEF line (expected "CEF:Version|Vendor|Product|Version|ID|Name|Severity|Extension")`)

// parseCEF reads "[syslog header ]CEF:0|Vendor|Product|Version|ID|Name|Severity|k=v k2=v2".
// Header fields escape | and \ with a backslash; extension values escape
// =, \, and write newlines as \n and \r.
func parseCEF(line string, clock refClock) (cefRecord, error) {
	var r cefRecord
	line = strings.TrimRight(line, "\r\n")
	i := strings.Index(line, "CEF:")
	if i < 0 {
		return r, errNotCEF
	}
	if prefix := strings.TrimSpace(line[:i]); prefix != "" {
		sl, err := parseSyslog(prefix, clock)
		if err != nil {
			return r, errors.New("bad syslog header before CEF: " + err.Error())
		}
		r.syslog = sl
	}
	fields, rest, ok := splitCEFHeader(line[i+4:])
	if !ok {
		return r, errNotCEF
	}
	r.version = fields[0]
	copy(r.header[:], fields[1:])
	r.ext = parseCEFExtension(rest)
	return r, nil
}

// splitCEFHeader cuts the seven header fields at unescaped pipes.
func splitCEFHeader(s string) (fields [7]string, rest string, ok bool) {
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '|' || s[i+1] == '\\'):
			b.WriteByte(s[i+1])
			i++
		case c == '|':
			fields[n] = b.String()
			b.Reset()
			n++
			if n == 7 {
				return fields, s[i+1:], true
			}
		default:
			b.WriteByte(c)
		}
	}
	return fields, "", false
}

// parseCEFExtension splits "k=v k2=v two" into pairs: a value runs until
// the space before the next unescaped "key=".
func parseCEFExtension(s string) []cefPair {
	var (
		out   []cefPair
		keyAt = -1 // start of the current key
		valAt = -1 // start of the current value
	)
	flush := func(end int) {
		if keyAt >= 0 {
			out = append(out, cefPair{key: s[keyAt : valAt-1], value: unescapeCEF(strings.TrimRight(s[valAt:end], " "))})
		}
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++ // skip the escaped character
		case '=':
			k := i
			for k > 0 && isCEFKeyChar(s[k-1]) {
				k--
			}
			if k == i || (k > 0 && s[k-1] != ' ') {
				continue // "=" inside a value
			}
			end := k
			if keyAt >= 0 && end > valAt {
				end-- // the space before the key
			} else if keyAt >= 0 {
				continue
			}
			flush(end)
			keyAt, valAt = k, i+1
		}
	}
	flush(len(s))
	return out
}

func isCEFKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-' || c == '[' || c == ']'
}

func unescapeCEF(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case '=', '\\', '|':
			b.WriteByte(s[i])
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// cefColumns maps CEF extension keys (short and full names) to
// CommonSecurityLog columns, as Sentinel's CEF connector does.
var cefColumns = map[string]string{
	"act": "DeviceAction", "deviceAction": "DeviceAction", "app": "ApplicationProtocol",
	"applicationProtocol": "ApplicationProtocol", "cat": "DeviceEventCategory", "deviceEventCategory": "DeviceEventCategory",
	"cnt": "EventCount", "baseEventCount": "EventCount", "dvc": "DeviceAddress", "deviceAddress": "DeviceAddress",
	"dvchost": "DeviceName", "deviceHostName": "DeviceName", "dvcmac": "DeviceMacAddress", "deviceMacAddress": "DeviceMacAddress",
	"dvcpid": "ProcessID", "deviceProcessId": "ProcessID", "dst": "DestinationIP", "destinationAddress": "DestinationIP",
	"dhost": "DestinationHostName", "destinationHostName": "DestinationHostName", "dmac": "DestinationMACAddress",
	"destinationMacAddress": "DestinationMACAddress", "dntdom": "DestinationNTDomain", "destinationNtDomain": "DestinationNTDomain",
	"dpid": "DestinationProcessId", "destinationProcessId": "DestinationProcessId", "dproc": "DestinationProcessName",
	"destinationProcessName": "DestinationProcessName", "dpt": "DestinationPort", "destinationPort": "DestinationPort",
	"duid": "DestinationUserID", "destinationUserId": "DestinationUserID", "duser": "DestinationUserName",
	"destinationUserName": "DestinationUserName", "dpriv": "DestinationUserPrivileges",
	"destinationUserPrivileges": "DestinationUserPrivileges", "destinationDnsDomain": "DestinationDnsDomain",
	"destinationServiceName": "DestinationServiceName", "destinationTranslatedAddress": "DestinationTranslatedAddress",
	"destinationTranslatedPort": "DestinationTranslatedPort", "deviceDirection": "CommunicationDirection",
	"deviceDnsDomain": "DeviceDnsDomain", "deviceExternalId": "DeviceExternalID", "deviceFacility": "DeviceFacility",
	"deviceInboundInterface": "DeviceInboundInterface", "deviceNtDomain": "DeviceNtDomain",
	"deviceOutboundInterface": "DeviceOutboundInterface", "devicePayloadId": "DevicePayloadId",
	"deviceProcessName": "ProcessName", "deviceTranslatedAddress": "DeviceTranslatedAddress", "dtz": "DeviceTimeZone",
	"deviceTimeZone": "DeviceTimeZone", "end": "EndTime", "endTime": "EndTime", "externalId": "ExtID",
	"fileCreateTime": "FileCreateTime", "fileHash": "FileHash", "fileId": "FileID", "fileModificationTime": "FileModificationTime",
	"filePath": "FilePath", "filePermission": "FilePermission", "fileType": "FileType", "fname": "FileName", "fileName": "FileName",
	"fsize": "FileSize", "fileSize": "FileSize", "in": "ReceivedBytes", "bytesIn": "ReceivedBytes", "msg": "Message",
	"message": "Message", "oldFileCreateTime": "OldFileCreateTime", "oldFileHash": "OldFileHash", "oldFileId": "OldFileID",
	"oldFileModificationTime": "OldFileModificationTime", "oldFileName": "OldFileName", "oldFilePath": "OldFilePath",
	"oldFilePermission": "OldFilePermission", "oldFileSize": "OldFileSize", "oldFileType": "OldFileType", "out": "SentBytes",
	"bytesOut": "SentBytes", "outcome": "EventOutcome", "eventOutcome": "EventOutcome", "proto": "Protocol",
	"transportProtocol": "Protocol", "reason": "Reason", "request": "RequestURL", "requestUrl": "RequestURL",
	"requestClientApplication": "RequestClientApplication", "requestContext": "RequestContext", "requestCookies": "RequestCookies",
	"requestMethod": "RequestMethod", "rt": "ReceiptTime", "receiptTime": "ReceiptTime", "shost": "SourceHostName",
	"sourceHostName": "SourceHostName", "smac": "SourceMACAddress", "sourceMacAddress": "SourceMACAddress",
	"sntdom": "SourceNTDomain", "sourceNtDomain": "SourceNTDomain", "sourceDnsDomain": "SourceDnsDomain",
	"sourceServiceName": "SourceServiceName", "sourceTranslatedAddress": "SourceTranslatedAddress",
	"sourceTranslatedPort": "SourceTranslatedPort", "spid": "SourceProcessId", "sourceProcessId": "SourceProcessId",
	"spriv": "SourceUserPrivileges", "sourceUserPrivileges": "SourceUserPrivileges", "sproc": "SourceProcessName",
	"sourceProcessName": "SourceProcessName", "spt": "SourcePort", "sourcePort": "SourcePort", "src": "SourceIP",
	"sourceAddress": "SourceIP", "start": "StartTime", "startTime": "StartTime", "suid": "SourceUserID",
	"sourceUserId": "SourceUserID", "suser": "SourceUserName", "sourceUserName": "SourceUserName", "type": "EventType",
	"flexDate1": "FlexDate1", "flexDate1Label": "FlexDate1Label", "flexNumber1": "FlexNumber1",
	"flexNumber1Label": "FlexNumber1Label", "flexNumber2": "FlexNumber2", "flexNumber2Label": "FlexNumber2Label",
	"flexString1": "FlexString1", "flexString1Label": "FlexString1Label", "flexString2": "FlexString2",
	"flexString2Label": "FlexString2Label", "deviceCustomDate1": "DeviceCustomDate1", "deviceCustomDate1Label": "DeviceCustomDate1Label",
	"deviceCustomDate2": "DeviceCustomDate2", "deviceCustomDate2Label": "DeviceCustomDate2Label",
}

// cefCustomColumn maps the numbered custom keys (cs1..cs6, cn1..cn3,
// cfp1..cfp4, c6a1..c6a4 and their Label forms).
func cefCustomColumn(key string) (string, bool) {
	label := strings.HasSuffix(key, "Label")
	k := strings.TrimSuffix(key, "Label")
	for _, c := range []struct {
		prefix, column string
		max            byte
	}{{"cs", "DeviceCustomString", '6'}, {"cn", "DeviceCustomNumber", '3'}, {"cfp", "DeviceCustomFloatingPoint", '4'},
		{"c6a", "DeviceCustomIPv6Address", '4'}} {
		if len(k) == len(c.prefix)+1 && strings.HasPrefix(k, c.prefix) && k[len(k)-1] >= '1' && k[len(k)-1] <= c.max {
			col := c.column + k[len(k)-1:]
			if label {
				col += "Label"
			}
			return col, true
		}
	}
	return "", false
}

// cefRow maps a CEF record into CommonSecurityLog's columns. Extension
// values that do not fit their typed column go to AdditionalExtensions
// with the keys no column takes, as "key=value" joined by ";".
func cefRow(r cefRecord, cols *colIndex, row []any, ref time.Time) {
	h := r.header
	cols.set(row, "DeviceVendor", h[0])
	cols.set(row, "DeviceProduct", h[1])
	cols.set(row, "DeviceVersion", h[2])
	cols.set(row, "DeviceEventClassID", h[3])
	cols.set(row, "Activity", h[4])
	cols.set(row, "LogSeverity", h[5])
	cols.set(row, "Computer", r.syslog.host)
	cols.set(row, "Type", "CommonSecurityLog")
	var extra []string
	var received time.Time
	for _, p := range r.ext {
		col, ok := cefColumns[p.key]
		if !ok {
			col, ok = cefCustomColumn(p.key)
		}
		if !ok {
			extra = append(extra, p.key+"="+p.value)
			continue
		}
		ty := cols.typeOf(col)
		var v any
		var err error
		if ty == table.DateTime {
			t, ok := parseCEFTime(p.value)
			if !ok {
				extra = append(extra, p.key+"="+p.value)
				continue
			}
			v = t
		} else if v, err = convertText(ty, p.value); err != nil {
			extra = append(extra, p.key+"="+p.value)
			continue
		}
		cols.set(row, col, v)
		if col == "ReceiptTime" {
			received, _ = parseCEFTime(p.value)
		}
	}
	cols.set(row, "AdditionalExtensions", strings.Join(extra, ";"))
	switch {
	case !received.IsZero():
		cols.set(row, "TimeGenerated", received)
	case r.syslog.hasTime:
		cols.set(row, "TimeGenerated", r.syslog.time)
	default:
		cols.set(row, "TimeGenerated", ticks(ref))
	}
}

// parseCEFTime reads CEF's time forms: milliseconds since the epoch,
// "MMM dd yyyy HH:mm:ss[.SSS]" and the datetime forms parseDateTime reads.
func parseCEFTime(s string) (time.Time, bool) {
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil && ms > 0 {
		return ticks(time.UnixMilli(ms)), true
	}
	if t, ok := parseDateTime(s); ok {
		return t, true
	}
	for _, layout := range []string{"Jan 02 2006 15:04:05", "Jan 02 2006 15:04:05.000", "Jan 2 2006 15:04:05", "Jan 02 2006 15:04:05 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			return ticks(t), true
		}
	}
	return time.Time{}, false
}
