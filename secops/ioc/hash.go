package ioc

// scanHashes finds runs of exactly 32, 40 or 64 hexadecimal digits
// delimited by non-hex characters (or the ends of the text): MD5, SHA1 and
// SHA256 digests. As in MSTICPy, only hex digits delimit, so
// "hash=<md5>hash" is a digest followed by a word; a longer hex run is not
// cut into digests.
func (x *extractor) scanHashes() {
	s := x.s
	for i := 0; i < len(s); {
		if !isHex(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isHex(s[j]) {
			j++
		}
		var t kind
		switch j - i {
		case 32:
			t = kMD5
		case 40:
			t = kSHA1
		case 64:
			t = kSHA256
		}
		if t != kNone && hasLetterAndDigit(s[i:j]) {
			x.add(cand{typ: t, start: i, end: j})
		}
		i = j
	}
}

// hasLetterAndDigit rejects runs that are all digits or all letters: a
// 32-digit number or "aaaa...a" filler is not a digest, while a real digest
// of 32 or more hex digits almost surely mixes both.
func hasLetterAndDigit(s string) bool {
	var d, l bool
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			d = true
		} else {
			l = true
		}
		if d && l {
			return true
		}
	}
	return false
}
