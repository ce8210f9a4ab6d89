package kqlfunc

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/huntbook/huntbook/table"
)

// RealToString is tostring() of a real in .NET's form: the shortest text
// that reads back, in exponent form ("1E+21", "1E-05") outside
// [1e-5, 1e15), and NaN, Infinity, -Infinity.
func RealToString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	abs := math.Abs(f)
	if abs >= 1e-4 && abs < 1e15 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(f, 'E', -1, 64) // 1E+21, 1.5E-07
	mant, exp, _ := strings.Cut(s, "E")
	sign := exp[0]
	digits := strings.TrimLeft(exp[1:], "0")
	if len(digits) < 2 {
		digits = strings.Repeat("0", 2-len(digits)) + digits
	}
	return mant + "E" + string(sign) + digits
}

// DateTimeToString is tostring() of a datetime: ISO 8601 UTC with seven
// fraction digits.
func DateTimeToString(t time.Time) string { return table.FormatDateTime(t) }

// TimeSpanToString is tostring() of a timespan: [-][d.]hh:mm:ss[.fffffff].
func TimeSpanToString(d time.Duration) string { return table.FormatTimeSpan(d) }
