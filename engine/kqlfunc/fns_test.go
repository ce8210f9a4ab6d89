package kqlfunc

import (
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestArraySortMany(t *testing.T) {
	tests := []struct {
		in        string
		asc, last bool
		want      string
	}{
		// the documented examples of array_sort_asc/desc with two arrays
		{`[[1,3,4,5,2],["a","b","c","d","e"]]`, true, true, `[[1,2,3,4,5],["a","e","b","c","d"]]`},
		{`[[1,3,4,5,2],["a","b","c","d","e"]]`, false, true, `[[5,4,3,2,1],["d","c","b","e","a"]]`},
		{`[[null,2,1],["n","b","a"]]`, true, false, `[[null,1,2],["n","a","b"]]`},
		{`[[2,1],["x"]]`, true, true, `[[1,2],null]`},
		{`["nope",[1]]`, true, true, `[null,null]`},
	}
	for _, tt := range tests {
		got := ArraySortMany(mustDynamic(t, tt.in), tt.asc, tt.last)
		if want := mustDynamic(t, tt.want); !reflect.DeepEqual(got, want) {
			t.Errorf("ArraySortMany(%s, %v, %v) = %s, want %s", tt.in, tt.asc, tt.last, MarshalJSON(got), tt.want)
		}
	}
}

func TestParseVersion(t *testing.T) {
	// the documented examples of parse_version(), and what makes null
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"0.0.0.5", "5", true},
		{"0.0.7.0", "700000000", true},
		{"0.0.3", "300000000", true},
		{"0.2", "20000000000000000", true},
		{"0.1.2.0", "10000000200000000", true},
		{"1.2.3.4", "1000000020000000300000004", true},
		{"1", "1000000000000000000000000", true},
		{"99999999.99999999.99999999.99999999", "99999999999999999999999999999999", true},
		{"123456789", "", false},
		{"1.2.3.4.5", "", false},
		{"1..2", "", false},
		{"a.b", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseVersion(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseVersion(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPunycodeDomain(t *testing.T) {
	// the documented examples of punycode_domain_to_string (it encodes)
	// and punycode_domain_from_string (it decodes)
	enc := map[string]string{
		"Lê Lợi。Thuận Thiên。com":     "xn--L Li-gpa4517b.xn--Thun Thin-s4a7194f.com",
		"Riðill｡Skáldskaparmál｡org":  "xn--Riill-jta.xn--Skldskaparml-dbbj.org",
		"Kaledvoulc'h.Artorījos.edu": "Kaledvoulc'h.xn--Artorjos-ejb.edu",
		"":                           "",
	}
	for in, want := range enc {
		if got := PunycodeDomainToString(in); got != want {
			t.Errorf("PunycodeDomainToString(%q) = %q, want %q", in, got, want)
		}
	}
	dec := map[string]string{
		"xn--Ge-mia.Bulg.edu":                         "Gáe.Bulg.edu",
		"xn--Lin-8na.Celtchair.org":                   "Lúin.Celtchair.org",
		"xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com": "Rúyì.Jīngū.Bàng.com",
		"": "",
	}
	for in, want := range dec {
		if got := PunycodeDomainFromString(in); got != want {
			t.Errorf("PunycodeDomainFromString(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBeta(t *testing.T) {
	// the documented examples of beta_cdf, beta_pdf and beta_inv
	near := func(got, want float64) bool { return math.Abs(got-want) <= 1e-12*math.Max(1, math.Abs(want)) }
	if got := BetaCDF(0.9, 10, 20); !near(got, 0.999999999999959) {
		t.Errorf("BetaCDF(0.9, 10, 20) = %v", got)
	}
	if got := BetaPDF(0.5, 10, 20); !near(got, 0.746176019310951) {
		t.Errorf("BetaPDF(0.5, 10, 20) = %v", got)
	}
	if got, ok := BetaInv(0.1, 10, 20); !ok || !near(got, 0.226415022388749) {
		t.Errorf("BetaInv(0.1, 10, 20) = %v, %v", got, ok)
	}
	for _, x := range []float64{1.5, -10} {
		if !math.IsNaN(BetaCDF(x, 10, 20)) || !math.IsNaN(BetaPDF(x, 10, 20)) {
			t.Errorf("beta_cdf/pdf(%v, 10, 20) is not NaN", x)
		}
	}
	if !math.IsNaN(BetaCDF(0.1, -1, 20)) || !math.IsNaN(BetaPDF(0.1, -1, 20)) {
		t.Error("a negative alpha does not give NaN")
	}
	if _, ok := BetaInv(1.5, 10, 20); ok {
		t.Error("BetaInv(1.5, ...) is not null")
	}
	if got, ok := BetaInv(0.1, -1, 20); !ok || !math.IsNaN(got) {
		t.Errorf("BetaInv(0.1, -1, 20) = %v, %v; want NaN", got, ok)
	}
}

func TestWelchTest(t *testing.T) {
	// welch_test's documented example (Wikipedia's first Welch example):
	// p = 0.021
	p := WelchTest(20.82, 7.867428571428571, 15, 22.986666666666668, 3.812666666666668, 15)
	if math.Abs(p-0.021378) > 1e-5 {
		t.Errorf("WelchTest = %v, want 0.0214", p)
	}
	if !math.IsNaN(WelchTest(1, 1, 1, 2, 1, 5)) {
		t.Error("a count below 2 does not give NaN")
	}
}

// FuzzParseVersion checks that parse_version never panics, gives digits
// only, and orders two versions of the same shape as their parts do.
func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"1.2.3.4", "0.0.7.0", "1", "99999999.1", "1..2", "a"} {
		f.Add(s, uint32(3))
	}
	f.Fuzz(func(t *testing.T, s string, bump uint32) {
		v, ok := ParseVersion(s)
		if !ok {
			return
		}
		if strings.Trim(v, "0123456789") != "" || v == "" {
			t.Fatalf("ParseVersion(%q) = %q, not a number", s, v)
		}
		a, _ := new(big.Int).SetString(v, 10)
		w, ok := ParseVersion(strings.TrimSpace(s) + "." + strconv.Itoa(int(bump%1000)))
		if !ok {
			return // already four parts
		}
		b, _ := new(big.Int).SetString(w, 10)
		if b.Cmp(a) < 0 {
			t.Fatalf("ParseVersion(%q + part) = %s < %s", s, w, v)
		}
	})
}

// FuzzParseCSV checks that parse_csv never panics and always gives at
// least one field.
func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{`a,"b,c"`, "x\ny", `"unterminated`, ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if arr, ok := ParseCSV(s).([]any); !ok || len(arr) == 0 {
			t.Fatalf("ParseCSV(%q) = %v", s, ParseCSV(s))
		}
	})
}
