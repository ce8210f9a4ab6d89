package kqlfunc

import (
	"testing"
	"time"
)

func TestArraySplit(t *testing.T) {
	// the documented examples of array_split(), and clamping
	tests := []struct {
		arr  string
		idx  any
		want string
	}{
		{`[1,2,3,4,5]`, int64(2), `[[1,2],[3,4,5]]`},
		{`[1,2,3,4,5]`, mustDynamic(t, `[1,3]`), `[[1],[2,3],[4,5]]`},
		{`[1,2,3,4,5]`, int64(-2), `[[1,2,3],[4,5]]`},
		{`[1,2,3]`, mustDynamic(t, `[5,1]`), `[[1,2,3],[],[]]`},
	}
	for _, tt := range tests {
		got, ok := ArraySplit(mustDynamic(t, tt.arr), tt.idx)
		if !ok || MarshalJSON(got) != tt.want {
			t.Errorf("ArraySplit(%s, %v) = %s, %v; want %s", tt.arr, tt.idx, MarshalJSON(got), ok, tt.want)
		}
	}
	if _, ok := ArraySplit("x", int64(1)); ok {
		t.Error("ArraySplit of a non-array is not null")
	}
}

func TestCompressToBase64(t *testing.T) {
	// the documented outputs for "1234567890qwertyuiop" (stored blocks)
	if got := GzipCompressToBase64("1234567890qwertyuiop"); got != "H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==" {
		t.Errorf("gzip: %s", got)
	}
	if got := ZlibCompressToBase64("1234567890qwertyuiop"); got != "eAEBFADr/zEyMzQ1Njc4OTBxd2VydHl1aW9wOAkGdw==" {
		t.Errorf("zlib: %s", got)
	}
	for _, s := range []string{"", "x", string(make([]byte, 70000)), "abcabcabcabcabcabcabcabc"} {
		if back := GzipDecompressBase64(GzipCompressToBase64(s)); back != s {
			t.Errorf("gzip round trip of %d bytes gave %d bytes", len(s), len(back))
		}
		if back := ZlibDecompressBase64(ZlibCompressToBase64(s)); back != s {
			t.Errorf("zlib round trip of %d bytes gave %d bytes", len(s), len(back))
		}
	}
}

func TestParseCSV(t *testing.T) {
	tests := map[string]string{
		`aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1` + "\n" + `line2"`: `["aa","b,b,b","cc","Escaping quotes: \"Title\"","line1\nline2"]`,
		"record1,a,b,c\nrecord2,x,y,z":                                        `["record1","a","b","c"]`,
		"":                                                                    `[""]`,
	}
	for in, want := range tests {
		if got := MarshalJSON(ParseCSV(in)); got != want {
			t.Errorf("ParseCSV(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestTimeZones(t *testing.T) {
	// the documented example of datetime_utc_to_local()
	utc := time.Date(2022, 7, 11, 22, 18, 48, 467862000, time.UTC)
	for tz, want := range map[string]string{"US/Pacific": "2022-07-11T15:18:48.467862Z", "Australia/Canberra": "2022-07-12T08:18:48.467862Z"} {
		got, ok := DateTimeUTCToLocal(utc, tz)
		if !ok || got.Format(time.RFC3339Nano) != want {
			t.Errorf("DateTimeUTCToLocal(%s) = %v, %v; want %s", tz, got, ok, want)
		}
		back, ok := DateTimeLocalToUTC(got, tz)
		if !ok || !back.Equal(utc) {
			t.Errorf("DateTimeLocalToUTC(%v, %s) = %v", got, tz, back)
		}
	}
	// the documented DST examples of datetime_local_to_utc: a skipped wall
	// clock takes the offset after the change; the others as usual
	for local, want := range map[string]string{
		"2022-03-27T01:00:00Z": "2022-03-27T00:00:00Z", "2022-03-27T02:00:00Z": "2022-03-27T00:00:00Z",
		"2022-03-27T03:00:00Z": "2022-03-27T01:00:00Z", "2022-03-27T04:00:00Z": "2022-03-27T02:00:00Z",
	} {
		in, _ := time.Parse(time.RFC3339, local)
		if got, ok := DateTimeLocalToUTC(in, "Europe/Brussels"); !ok || got.Format(time.RFC3339) != want {
			t.Errorf("DateTimeLocalToUTC(%s, Europe/Brussels) = %v, want %s", local, got, want)
		}
	}
	if _, ok := DateTimeUTCToLocal(utc, "Nowhere/City"); ok {
		t.Error("an unknown zone is not null")
	}
}

func TestRepeatAndBytes(t *testing.T) {
	if got, ok := Repeat(int64(1), 3); !ok || MarshalJSON(got) != "[1,1,1]" {
		t.Errorf("Repeat(1, 3) = %s", MarshalJSON(got))
	}
	if _, ok := Repeat(int64(1), -1); ok {
		t.Error("Repeat with a negative count is not null")
	}
	if got, ok := Base64EncodeFromArray(mustDynamic(t, `[75,117,115,116,111]`)); !ok || got != "S3VzdG8=" {
		t.Errorf("Base64EncodeFromArray = %q, %v", got, ok)
	}
	if _, ok := Base64EncodeFromArray(mustDynamic(t, `[1,256]`)); ok {
		t.Error("a value over 255 is not null")
	}
}

func TestWindowSessions(t *testing.T) {
	// row_window_session's documented example in minutes: a session ends
	// 60 after its start or 5 after the previous row, or on a restart
	got := WindowSessions(mustDynamic(t, `[600,660,616,618,810,690]`), mustDynamic(t, `[false,false,true,false,true,true]`), 60, 5)
	if MarshalJSON(got) != `[600,660,616,616,810,690]` {
		t.Errorf("WindowSessions = %s", MarshalJSON(got))
	}
	got = WindowSessions(mustDynamic(t, `[1,null,2,3,10]`), mustDynamic(t, `[]`), 60, 5)
	if MarshalJSON(got) != `[1,null,2,2,10]` {
		t.Errorf("WindowSessions with a null = %s", MarshalJSON(got))
	}
}

func TestFormatBytes(t *testing.T) {
	// the documented examples of format_bytes()
	tests := []struct {
		size      float64
		precision int64
		units     string
		want      string
	}{
		{564, 0, "", "564 Bytes"},
		{10332, 1, "", "10.1 KB"},
		{20010332, 0, "", "19 MB"},
		{20010332, 2, "", "19.08 MB"},
		{20010332, 0, "KB", "19541 KB"},
		{1, 0, "XB", ""},
	}
	for _, tt := range tests {
		if got := FormatBytes(tt.size, tt.precision, tt.units); got != tt.want {
			t.Errorf("FormatBytes(%v, %d, %q) = %q, want %q", tt.size, tt.precision, tt.units, got, tt.want)
		}
	}
}

func TestParseUserAgent(t *testing.T) {
	// the documented examples of parse_user_agent()
	got, ok := ParseUserAgent("Mozilla/5.0 (Windows; U; en-US) AppleWebKit/531.9 (KHTML, like Gecko) AdobeAIR/2.5.1", "browser")
	want := `{"Browser":{"Family":"AdobeAIR","MajorVersion":"2","MinorVersion":"5","Patch":"1"}}`
	if !ok || MarshalJSON(got) != want {
		t.Errorf("ParseUserAgent(browser) = %s, want %s", MarshalJSON(got), want)
	}
	ua := "Mozilla/5.0 (SymbianOS/9.2; U; Series60/3.1 NokiaN81-3/10.0.032 Profile/MIDP-2.0 Configuration/CLDC-1.1 ) AppleWebKit/413 (KHTML, like Gecko) Safari/4"
	got, ok = ParseUserAgent(ua, mustDynamic(t, `["browser","os","device"]`))
	want = `{"Browser":{"Family":"Nokia OSS Browser","MajorVersion":"3","MinorVersion":"1","Patch":""},` +
		`"Device":{"Brand":"Nokia","Family":"Nokia N81","Model":"N81-3"},` +
		`"OperatingSystem":{"Family":"Symbian OS","MajorVersion":"9","MinorVersion":"2","Patch":"","PatchMinor":""}}`
	if !ok || MarshalJSON(got) != want {
		t.Errorf("ParseUserAgent(all) = %s, want %s", MarshalJSON(got), want)
	}
	if _, ok := ParseUserAgent(ua, "engine"); ok {
		t.Error("an unknown target is not null")
	}
}
