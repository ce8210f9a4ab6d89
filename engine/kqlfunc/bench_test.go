package kqlfunc

import "testing"

const benchLine = `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe -NoProfile -ExecutionPolicy Bypass -EncodedCommand SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA`

// BenchmarkHasGo is the Go definition of has, the cost a Go UDF adds to.
func BenchmarkHasGo(b *testing.B) {
	b.SetBytes(int64(len(benchLine)))
	for b.Loop() {
		Has(benchLine, "mimikatz")
	}
}

func BenchmarkParseCommandLine(b *testing.B) {
	b.SetBytes(int64(len(benchLine)))
	for b.Loop() {
		ParseCommandLine(benchLine, "windows")
	}
}

func BenchmarkParseIPv4(b *testing.B) {
	for b.Loop() {
		ParseIPv4("192.168.10.200/24")
	}
}

func BenchmarkParseURL(b *testing.B) {
	for b.Loop() {
		ParseURL("https://user:pw@www.example.com:8443/a/b/c.php?q=1&r=two#frag")
	}
}
