package kqlfunc

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math/bits"
	"strings"
)

// IPv4RangeToCIDRList is ipv4_range_to_cidr_list(start, end): the fewest
// CIDR blocks that cover the addresses from start to end inclusive, in
// address order. Null when either address is invalid or start > end.
func IPv4RangeToCIDRList(start, end string) (any, bool) {
	s, ok1 := parseIPv4(start)
	e, ok2 := parseIPv4(end)
	if !ok1 || !ok2 || s.addr > e.addr {
		return nil, false
	}
	out := []any{}
	lo, hi := uint64(s.addr), uint64(e.addr)
	for lo <= hi {
		// The largest block aligned at lo that stays within hi.
		size := uint64(1) << bits.TrailingZeros64(lo|1<<32)
		for size > hi-lo+1 {
			size >>= 1
		}
		prefix := 32 - bits.TrailingZeros64(size)
		out = append(out, fmt.Sprintf("%s/%d", dotted(uint32(lo)), prefix))
		lo += size
	}
	return out, true
}

func dotted(a uint32) string {
	return fmt.Sprintf("%d.%d.%d.%d", a>>24, a>>16&0xff, a>>8&0xff, a&0xff)
}

// IPv6IsInAnyRange is ipv6_is_in_any_range(ip, ranges): true when the
// address is in one of the ranges (an array or the listed strings); null
// when the address is invalid. Invalid ranges are skipped.
func IPv6IsInAnyRange(ip string, ranges any) (bool, bool) {
	if _, ok := parseIPv6(ip); !ok {
		return false, false
	}
	for _, r := range StringList(ranges) {
		if in, ok := IPv6IsInRange(ip, r); ok && in {
			return true, true
		}
	}
	return false, true
}

// guidByteOrder is the order .NET's Guid.ToByteArray writes the bytes of
// the GUID's text form: the first three groups little-endian.
var guidByteOrder = [16]int{3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15}

// Base64EncodeFromGUID is base64_encode_fromguid(guid), the GUID given as
// its text: base64 of its 16 bytes in .NET's byte order.
func Base64EncodeFromGUID(guid string) (string, bool) {
	text, err := hex.DecodeString(strings.ReplaceAll(guid, "-", ""))
	if err != nil || len(text) != 16 {
		return "", false
	}
	var raw [16]byte
	for i, j := range guidByteOrder {
		raw[i] = text[j]
	}
	return base64.StdEncoding.EncodeToString(raw[:]), true
}

// Base64DecodeToGUID is base64_decode_toguid(text): the GUID (as its
// text form) whose .NET byte array is the decoded base64; null unless
// the text decodes to exactly 16 bytes.
func Base64DecodeToGUID(text string) (string, bool) {
	raw, err := base64.StdEncoding.DecodeString(text)
	if err != nil || len(raw) != 16 {
		return "", false
	}
	var b [16]byte
	for i, j := range guidByteOrder {
		b[j] = raw[i]
	}
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], true
}
