package kqlfunc

// TermSet matches many has needles at once in one pass over a haystack:
// has_any and has_all over IoC lists of any length. RE2 alternations stop
// being linear past a few hundred needles (the DFA runs out of memory and
// RE2 falls back to its NFA), a hash of terms does not.
//
// Each needle is filed under its first term (lower-case); the haystack's
// terms are looked up one by one and each candidate is verified in place,
// so the cost is the haystack's length plus the candidates, whatever the
// number of needles. Needles without a letter or digit fall back to a scan.
type TermSet struct {
	byFirst map[string][]setNeedle
	lens    [256]bool   // lengths of the first terms (255: longer), to skip lookups
	scan    []setNeedle // needles with no term: plain has per haystack
	count   int
	empty   bool // an empty needle matches everything
}

type setNeedle struct {
	text   string
	offset int // byte offset of the first term inside the needle
	index  int
}

// NewTermSet prepares the needles for Any and All.
func NewTermSet(needles []string) *TermSet {
	s := &TermSet{byFirst: map[string][]setNeedle{}, count: len(needles)}
	for i, n := range needles {
		if n == "" {
			s.empty = true
			continue
		}
		j := 0
		for j < len(n) && !isTermByte(n[j]) {
			j++
		}
		if j == len(n) {
			s.scan = append(s.scan, setNeedle{text: n, index: i})
			continue
		}
		k := j
		for k < len(n) && isTermByte(n[k]) {
			k++
		}
		key := string(appendLower(nil, n[j:k]))
		s.lens[min(k-j, 255)] = true
		s.byFirst[key] = append(s.byFirst[key], setNeedle{text: n, offset: j, index: i})
	}
	return s
}

// Any reports whether haystack has at least one needle (has_any).
func (s *TermSet) Any(haystack string) bool {
	if s.empty {
		return true
	}
	found := false
	s.each(haystack, func(int) bool { found = true; return false })
	return found
}

// All reports whether haystack has every needle (has_all); an empty set
// matches.
func (s *TermSet) All(haystack string) bool {
	need := s.count
	seen := make([]bool, s.count)
	if s.empty {
		for i := range s.count {
			seen[i] = true // every empty needle matches; count them once below
		}
		need = 0
		for _, list := range s.byFirst {
			for _, n := range list {
				seen[n.index] = false
				need++
			}
		}
		for _, n := range s.scan {
			seen[n.index] = false
			need++
		}
	}
	if need == 0 {
		return true
	}
	s.each(haystack, func(i int) bool {
		if !seen[i] {
			seen[i] = true
			need--
		}
		return need > 0
	})
	return need == 0
}

// each calls match with the index of every needle found (possibly more
// than once) until match returns false.
func (s *TermSet) each(h string, match func(index int) bool) {
	has := termOps["has"]
	for _, n := range s.scan {
		if has.Match(h, n.text) && !match(n.index) {
			return
		}
	}
	var buf [64]byte
	for i := 0; i < len(h); {
		if !isTermByte(h[i]) {
			i++
			continue
		}
		j := i
		for j < len(h) && isTermByte(h[j]) {
			j++
		}
		if !s.lens[min(j-i, 255)] {
			i = j
			continue
		}
		key := appendLower(buf[:0], h[i:j])
		for _, n := range s.byFirst[string(key)] {
			if s.verify(h, i-n.offset, n.text) && !match(n.index) {
				return
			}
		}
		i = j
	}
}

// verify checks a needle whose first term sits at a term start of h.
func (s *TermSet) verify(h string, start int, needle string) bool {
	if start < 0 {
		return false
	}
	has := termOps["has"]
	end, ok := has.matchAt(h, start, needle)
	if !ok {
		return false
	}
	return !isTermByte(needle[len(needle)-1]) || end == len(h) || !isTermByte(h[end])
}

func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		dst = append(dst, lowerASCII(s[i]))
	}
	return dst
}
