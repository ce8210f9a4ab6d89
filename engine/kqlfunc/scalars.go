package kqlfunc

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mathext"
)

// ArraySortMany is array_sort_asc/desc(a1, a2, ...), given as one array of
// arrays: a1 sorted, and every other array reordered the way a1 was. An
// array whose length differs from a1's (or that is not an array) gives
// null in its place; a1 not an array gives null for every place.
func ArraySortMany(arrays any, asc, nullsLast bool) any {
	outer, _ := arrays.([]any)
	out := make([]any, len(outer))
	if len(outer) == 0 {
		return out
	}
	keys, ok := outer[0].([]any)
	if !ok {
		return out
	}
	order := sortOrder(keys, asc, nullsLast)
	for i, a := range outer {
		if arr, ok := a.([]any); ok && len(arr) == len(keys) {
			out[i] = permute(arr, order)
		}
	}
	return out
}

// versionPartDigits is the width of each of the four parts of a version
// in parse_version's decimal: 1.2.3.4 is 1 00000002 00000003 00000004.
const versionPartDigits = 8

// ParseVersion is parse_version: a version of one to four dot-separated
// parts, each of at most eight digits, as the decimal that orders
// versions, in its decimal text. ok is false (null) for anything else.
func ParseVersion(s string) (string, bool) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) > 4 {
		return "", false
	}
	n := new(big.Int)
	scale := big.NewInt(100_000_000)
	for i := range 4 {
		n.Mul(n, scale)
		if i >= len(parts) {
			continue
		}
		p := parts[i]
		if p == "" || len(p) > versionPartDigits || strings.Trim(p, "0123456789") != "" {
			return "", false
		}
		v, _ := strconv.ParseInt(p, 10, 64)
		n.Add(n, big.NewInt(v))
	}
	return n.String(), true
}

// isDomainDot reports the label separators of IDNA (RFC 3490 3.1): the
// full stop and its ideographic and full-width forms.
func isDomainDot(r rune) bool { return r == '.' || r == '\u3002' || r == '\uff0e' || r == '\uff61' }

// PunycodeDomainToString is punycode_domain_to_string: every label of a
// domain name that is not ASCII becomes xn-- and its Punycode; labels are
// joined with '.'. "" when a label does not encode.
func PunycodeDomainToString(s string) string {
	labels := strings.FieldsFunc(s, isDomainDot)
	if s == "" || len(labels) != strings.Count(s, ".")+countOtherDots(s)+1 {
		return ""
	}
	for i, l := range labels {
		if isASCII(l) {
			continue
		}
		enc := PunycodeFromString(l)
		if enc == "" {
			return ""
		}
		labels[i] = "xn--" + enc
	}
	return strings.Join(labels, ".")
}

// PunycodeDomainFromString is punycode_domain_from_string: every xn--
// label of a domain name decoded from Punycode. "" when a label does not
// decode.
func PunycodeDomainFromString(s string) string {
	if s == "" {
		return ""
	}
	labels := strings.Split(s, ".")
	for i, l := range labels {
		if len(l) < 4 || !strings.EqualFold(l[:4], "xn--") {
			continue
		}
		dec := PunycodeToString(l[4:])
		if dec == "" {
			return ""
		}
		labels[i] = dec
	}
	return strings.Join(labels, ".")
}

func countOtherDots(s string) int {
	n := 0
	for _, r := range s {
		if r != '.' && isDomainDot(r) {
			n++
		}
	}
	return n
}

// betaParamsBad reports Kusto's domain of the beta distribution's
// parameters: alpha and beta in (0, 10000].
func betaParamsBad(alpha, beta float64) bool {
	return !(alpha > 0 && alpha <= 10000 && beta > 0 && beta <= 10000)
}

// BetaCDF is beta_cdf(x, alpha, beta): the regularized incomplete beta
// function; NaN outside x in [0, 1] or the parameters' domain.
func BetaCDF(x, alpha, beta float64) float64 {
	if x < 0 || x > 1 || betaParamsBad(alpha, beta) || math.IsNaN(x) {
		return math.NaN()
	}
	return mathext.RegIncBeta(alpha, beta, x)
}

// BetaPDF is beta_pdf(x, alpha, beta): the beta density; NaN outside
// x in (0, 1) or for a parameter <= 0.
func BetaPDF(x, alpha, beta float64) float64 {
	if !(x > 0 && x < 1) || !(alpha > 0 && beta > 0) {
		return math.NaN()
	}
	lg := func(v float64) float64 { r, _ := math.Lgamma(v); return r }
	logB := lg(alpha) + lg(beta) - lg(alpha+beta)
	return math.Exp((alpha-1)*math.Log(x) + (beta-1)*math.Log1p(-x) - logB)
}

// BetaInv is beta_inv(p, alpha, beta): the x whose beta_cdf is p. As the
// documented example shows, p outside (0, 1] is null and a parameter
// <= 0 is NaN.
func BetaInv(p, alpha, beta float64) (float64, bool) {
	if !(p > 0 && p <= 1) {
		return 0, false
	}
	if betaParamsBad(alpha, beta) {
		return math.NaN(), true
	}
	return mathext.InvRegIncBeta(alpha, beta, p), true
}

// WelchTest is welch_test(mean1, variance1, count1, mean2, variance2,
// count2): the two-sided p-value of Welch's t-test, from Student's t
// distribution with the Welch–Satterthwaite degrees of freedom. NaN when
// a count is below 2 or both variances are zero.
func WelchTest(m1, v1, n1, m2, v2, n2 float64) float64 {
	if n1 < 2 || n2 < 2 || v1 < 0 || v2 < 0 {
		return math.NaN()
	}
	s1, s2 := v1/n1, v2/n2
	if s1+s2 == 0 {
		return math.NaN()
	}
	t := (m1 - m2) / math.Sqrt(s1+s2)
	df := (s1 + s2) * (s1 + s2) / (s1*s1/(n1-1) + s2*s2/(n2-1))
	return mathext.RegIncBeta(df/2, 0.5, df/(df+t*t))
}
