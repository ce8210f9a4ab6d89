package kernel

// The protocol counts cursor positions in Unicode code points (since 5.2);
// Session works in byte offsets. These convert, clamping out-of-range values
// the way front ends occasionally send them (a cursor past the end).

// byteOffset returns the byte offset of code point n in s.
func byteOffset(s string, n int) int {
	if n <= 0 {
		return 0
	}
	i := 0
	for off := range s {
		if i == n {
			return off
		}
		i++
	}
	return len(s)
}

// runeOffset returns the code-point offset of byte offset b in s: the number of
// characters starting before b (a b inside a multi-byte character counts that
// character as passed).
func runeOffset(s string, b int) int {
	n := 0
	for off := range s {
		if off >= b {
			break
		}
		n++
	}
	return n
}
