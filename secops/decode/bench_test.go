package decode

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// commandLines builds n realistic process command lines and log lines; one
// in 50 carries an encoded payload (PowerShell -enc, gzip+base64, hex
// shellcode), the rest are ordinary: paths, switches, GUIDs, digests.
func commandLines(b *testing.B, n int) []string {
	r := rand.New(rand.NewPCG(3, 5))
	payloads := []string{
		`powershell.exe -nop -w hidden -enc ` + psEnc(cradle),
		`powershell -c "IEX(New-Object IO.StreamReader(New-Object IO.Compression.GzipStream([IO.MemoryStream][Convert]::FromBase64String('` + b64(gz(b, []byte(cradle))) + `'),0))).ReadToEnd()"`,
		`rundll32.exe javascript:"\..\mshtml,RunHTMLApplication ";x="` + escapedHexOf(shellcode(64)) + `"`,
	}
	ordinary := []func() string{
		func() string {
			return fmt.Sprintf(`"C:\Program Files\Google\Chrome\Application\chrome.exe" --type=renderer --field-trial-handle=%d,%d --lang=en-US --device-scale-factor=1 --num-raster-threads=4 --enable-main-frame-before-activation --renderer-client-id=%d /prefetch:1`, r.IntN(9999), r.IntN(999999), r.IntN(99))
		},
		func() string {
			return fmt.Sprintf(`C:\Windows\system32\svchost.exe -k netsvcs -p -s Schedule {%08x-%04x-4%03x-8%03x-%012x}`, r.Uint32(), r.IntN(65536), r.IntN(4096), r.IntN(4096), r.Uint64()&0xffffffffffff)
		},
		func() string {
			return fmt.Sprintf(`Sysmon EID 1 Image=C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe Hashes=MD5=%016x%016x,SHA256=%016x%016x%016x%016x ParentImage=C:\Windows\explorer.exe`, r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64())
		},
		func() string {
			return fmt.Sprintf(`%s sshd[%d]: Accepted publickey for deploy from 10.%d.%d.%d port %d ssh2: RSA SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8`, "web01", r.IntN(65535), r.IntN(256), r.IntN(256), r.IntN(256), 1024+r.IntN(60000))
		},
		func() string {
			return fmt.Sprintf(`/usr/lib/x86_64-linux-gnu/libexec/tracker-miner-fs-3 --initial-sleep=%d --dbus-address=unix:path=/run/user/1000/bus`, r.IntN(30))
		},
	}
	lines := make([]string, n)
	for i := range lines {
		if r.IntN(50) == 0 {
			lines[i] = payloads[r.IntN(len(payloads))]
		} else {
			lines[i] = ordinary[r.IntN(len(ordinary))]()
		}
	}
	return lines
}

func BenchmarkUnpack(b *testing.B) {
	text := strings.Join(commandLines(b, 25000), "\n")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := Unpack(context.Background(), text, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnpackRows unpacks line by line, as decode_unpack does per row.
func BenchmarkUnpackRows(b *testing.B) {
	lines := commandLines(b, 25000)
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	b.SetBytes(int64(n))
	ctx := context.Background()
	for b.Loop() {
		for _, l := range lines {
			Unpack(ctx, l, Limits{})
		}
	}
}
