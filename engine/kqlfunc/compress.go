package kqlfunc

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
)

// gzip and zlib compression to base64, as Kusto writes it.

// deflateStored is the raw deflate of b, as zlib writes it: compressed
// when that is shorter, otherwise stored blocks (Kusto's documented
// outputs of short strings are stored blocks, which this reproduces
// byte for byte; compressed output decodes the same but its bits may
// differ from Kusto's).
func deflateStored(b []byte) []byte {
	var c bytes.Buffer
	w, _ := flate.NewWriter(&c, flate.DefaultCompression)
	w.Write(b)
	w.Close()
	stored := len(b) + 5*(len(b)/65535+1)
	if c.Len() < stored {
		return c.Bytes()
	}
	var out bytes.Buffer
	for first := true; first || len(b) > 0; first = false {
		n := min(len(b), 65535)
		final := byte(0)
		if n == len(b) {
			final = 1
		}
		out.Write([]byte{final, byte(n), byte(n >> 8), ^byte(n), ^byte(n >> 8)})
		out.Write(b[:n])
		b = b[n:]
	}
	return out.Bytes()
}

// GzipCompressToBase64 is gzip_compress_to_base64_string.
func GzipCompressToBase64(s string) string {
	out := []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}
	out = append(out, deflateStored([]byte(s))...)
	out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE([]byte(s)))
	out = binary.LittleEndian.AppendUint32(out, uint32(len(s)))
	return base64.StdEncoding.EncodeToString(out)
}

// ZlibCompressToBase64 is zlib_compress_to_base64_string.
func ZlibCompressToBase64(s string) string {
	out := []byte{0x78, 0x01}
	out = append(out, deflateStored([]byte(s))...)
	out = binary.BigEndian.AppendUint32(out, adler32.Checksum([]byte(s)))
	return base64.StdEncoding.EncodeToString(out)
}
