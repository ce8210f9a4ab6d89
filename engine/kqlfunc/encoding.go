package kqlfunc

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// decodeBase64 accepts padded and unpadded standard base64.
func decodeBase64(s string) ([]byte, bool) {
	s = strings.TrimSpace(s)
	if b, err := base64.StdEncoding.DecodeString(s); err == nil {
		return b, true
	}
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	return b, err == nil
}

// Base64DecodeToString is base64_decode_tostring(s): null (ok false) when
// s is not base64 or the bytes are not UTF-8.
func Base64DecodeToString(s string) (string, bool) {
	b, ok := decodeBase64(s)
	if !ok || !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}

// Base64DecodeToArray is base64_decode_toarray(s): the bytes as an array
// of numbers; null when s is not base64.
func Base64DecodeToArray(s string) (any, bool) {
	b, ok := decodeBase64(s)
	if !ok {
		return nil, false
	}
	out := make([]any, len(b))
	for i, c := range b {
		out[i] = json.Number(strconv.Itoa(int(c)))
	}
	return out, true
}

// XXHash64 is hash_xxhash64(s) (and hash(s)) of a string: XXH64 with seed 0
// over its UTF-8 bytes, as a long.
func XXHash64(s string) int64 { return int64(xxhash.Sum64String(s)) }

// XXHash64Long hashes a long's 8 little-endian bytes.
func XXHash64Long(v int64) int64 {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(v))
	return int64(xxhash.Sum64(b[:]))
}

// DotNetEpochTicks is the .NET tick count of 1970-01-01: Kusto's datetime
// ticks count from 0001-01-01.
const DotNetEpochTicks = 621355968000000000

// XXHash64DateTime hashes a datetime as Kusto does: its .NET ticks as a
// long.
func XXHash64DateTime(t time.Time) int64 {
	return XXHash64Long(t.UnixNano()/100 + DotNetEpochTicks)
}

// HashMod applies hash's modulo argument: the hash as an unsigned number,
// so the result lies in [0, mod). ok is false for mod <= 0.
func HashMod(h, mod int64) (int64, bool) {
	if mod <= 0 {
		return 0, false
	}
	return int64(uint64(h) % uint64(mod)), true
}
