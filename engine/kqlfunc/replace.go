package kqlfunc

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"
	"io"
	"strings"
)

// maxDecompressed bounds what the decompression functions produce, so a
// small hostile input cannot expand into gigabytes.
const maxDecompressed = 64 << 20

// GzipDecompressBase64 is gzip_decompress_from_base64_string: "" for input
// that is not base64 of gzip data, as the docs show.
func GzipDecompressBase64(s string) string {
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return ""
	}
	r, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return ""
	}
	return readAllBounded(r)
}

// ZlibDecompressBase64 is zlib_decompress_from_base64_string.
func ZlibDecompressBase64(s string) string {
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return ""
	}
	r, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return ""
	}
	return readAllBounded(r)
}

func readAllBounded(r io.Reader) string {
	b, err := io.ReadAll(io.LimitReader(r, maxDecompressed+1))
	if err != nil || len(b) > maxDecompressed {
		return ""
	}
	return string(b)
}

// ReplaceStrings is replace_strings(text, lookups, rewrites): lookups are
// applied in array order, each to the text the earlier ones left
// unreplaced, so a replacement is never scanned again; the docs'
// examples fix this order ("is" before "This" turns "This" into
// "Thwas"). A lookup whose rewrite is not a string keeps its matches as
// they are (and still shields them from later lookups), as the docs'
// example with a number shows. Empty lookups are ignored.
func ReplaceStrings(text string, lookups, rewrites any) string {
	ls, _ := lookups.([]any)
	rs, _ := rewrites.([]any)
	type piece struct {
		s    string
		done bool
	}
	pieces := []piece{{s: text}}
	for i, l := range ls {
		look, ok := l.(string)
		if !ok || look == "" {
			continue
		}
		rewrite, isString := "", false
		if i < len(rs) {
			rewrite, isString = rs[i].(string)
		}
		var next []piece
		for _, p := range pieces {
			if p.done || !strings.Contains(p.s, look) {
				next = append(next, p)
				continue
			}
			parts := strings.Split(p.s, look)
			for j, part := range parts {
				if j > 0 {
					if isString {
						next = append(next, piece{s: rewrite, done: true})
					} else {
						next = append(next, piece{s: look, done: true})
					}
				}
				if part != "" {
					next = append(next, piece{s: part})
				}
			}
		}
		pieces = next
	}
	var b strings.Builder
	for _, p := range pieces {
		b.WriteString(p.s)
	}
	return b.String()
}
