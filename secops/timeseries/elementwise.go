package timeseries

import (
	"fmt"
	"math"
)

// UnaryOp is an element-wise function of one series.
type UnaryOp int

// The unary series functions, named after their KQL function series_<name>.
const (
	Abs UnaryOp = iota
	Acos
	Asin
	Atan
	Ceiling
	Cos
	Exp
	Floor
	Log
	Sign
	Sin
	Sqrt
	Tan
)

var unaryNames = [...]string{"abs", "acos", "asin", "atan", "ceiling", "cos", "exp", "floor", "log", "sign", "sin", "sqrt", "tan"}

var unaryFuncs = [...]func(float64) float64{
	math.Abs, math.Acos, math.Asin, math.Atan, math.Ceil, math.Cos, math.Exp, math.Floor, math.Log, sign,
	math.Sin, math.Sqrt, math.Tan,
}

func sign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return v // 0 and -0
}

// String returns the KQL suffix of the operation (series_<String>).
func (op UnaryOp) String() string {
	if int(op) < len(unaryNames) {
		return unaryNames[op]
	}
	return fmt.Sprintf("UnaryOp(%d)", int(op))
}

// ParseUnaryOp maps a KQL suffix (the part after series_) to its operation.
func ParseUnaryOp(name string) (UnaryOp, bool) {
	for i, n := range unaryNames {
		if n == name {
			return UnaryOp(i), true
		}
	}
	return 0, false
}

// Unary implements series_abs, series_acos, ... : op applied to every
// element; nulls stay null and out-of-domain elements (log of a negative
// number) become null, as Kusto's NaN is printed as null.
func Unary(op UnaryOp, s Series) Series {
	f := unaryFuncs[op]
	out := make(Series, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}

// BinaryOp is an element-wise arithmetic function of two series.
type BinaryOp int

// The binary arithmetic series functions.
const (
	Add BinaryOp = iota
	Subtract
	Multiply
	Divide
	Pow
)

var binaryNames = [...]string{"add", "subtract", "multiply", "divide", "pow"}

func (op BinaryOp) String() string {
	if int(op) < len(binaryNames) {
		return binaryNames[op]
	}
	return fmt.Sprintf("BinaryOp(%d)", int(op))
}

// ParseBinaryOp maps a KQL suffix to its operation.
func ParseBinaryOp(name string) (BinaryOp, bool) {
	for i, n := range binaryNames {
		if n == name {
			return BinaryOp(i), true
		}
	}
	return 0, false
}

func (op BinaryOp) apply(a, b float64) float64 {
	switch op {
	case Add:
		return a + b
	case Subtract:
		return a - b
	case Multiply:
		return a * b
	case Divide:
		return a / b
	default:
		return math.Pow(a, b)
	}
}

// at returns s[i], or null past the end: Kusto pads the shorter operand of
// an element-wise function with nulls.
func at(s Series, i int) float64 {
	if i < len(s) {
		return s[i]
	}
	return Null
}

// Binary implements series_add, series_subtract, series_multiply,
// series_divide and series_pow. The result is as long as the longer operand;
// an element missing from either operand yields null. A scalar operand is
// broadcast by the caller with [Const].
func Binary(op BinaryOp, a, b Series) Series {
	n := max(len(a), len(b))
	out := make(Series, n)
	for i := range out {
		x, y := at(a, i), at(b, i)
		if IsNull(x) || IsNull(y) {
			out[i] = Null
			continue
		}
		out[i] = op.apply(x, y)
	}
	return out
}

// CmpOp is an element-wise comparison.
type CmpOp int

// The comparison series functions.
const (
	Greater CmpOp = iota
	GreaterEquals
	Less
	LessEquals
	Equals
	NotEquals
)

var cmpNames = [...]string{"greater", "greater_equals", "less", "less_equals", "equals", "not_equals"}

func (op CmpOp) String() string {
	if int(op) < len(cmpNames) {
		return cmpNames[op]
	}
	return fmt.Sprintf("CmpOp(%d)", int(op))
}

// ParseCmpOp maps a KQL suffix to its comparison.
func ParseCmpOp(name string) (CmpOp, bool) {
	for i, n := range cmpNames {
		if n == name {
			return CmpOp(i), true
		}
	}
	return 0, false
}

// NullBool is a three-valued boolean element: the output of the comparison
// functions, where a null operand gives a null result.
type NullBool int8

// The values of a NullBool.
const (
	BoolNull  NullBool = -1
	BoolFalse NullBool = 0
	BoolTrue  NullBool = 1
)

func boolOf(b bool) NullBool {
	if b {
		return BoolTrue
	}
	return BoolFalse
}

// Compare implements series_greater, series_greater_equals, series_less,
// series_less_equals, series_equals and series_not_equals, with the same
// length and null rules as [Binary].
func Compare(op CmpOp, a, b Series) []NullBool {
	n := max(len(a), len(b))
	out := make([]NullBool, n)
	for i := range out {
		x, y := at(a, i), at(b, i)
		if IsNull(x) || IsNull(y) {
			out[i] = BoolNull
			continue
		}
		var r bool
		switch op {
		case Greater:
			r = x > y
		case GreaterEquals:
			r = x >= y
		case Less:
			r = x < y
		case LessEquals:
			r = x <= y
		case Equals:
			r = x == y
		default:
			r = x != y
		}
		out[i] = boolOf(r)
	}
	return out
}

// Sum implements series_sum: the sum of the non-null elements.
func Sum(s Series) float64 {
	var t float64
	for _, v := range s {
		if !IsNull(v) {
			t += v
		}
	}
	return t
}

// Product implements series_product: the product of the non-null elements
// (1 for an empty series).
func Product(s Series) float64 {
	t := 1.0
	for _, v := range s {
		if !IsNull(v) {
			t *= v
		}
	}
	return t
}

// Magnitude implements series_magnitude: the Euclidean norm of the non-null
// elements.
func Magnitude(s Series) float64 {
	var t float64
	for _, v := range s {
		if !IsNull(v) {
			t += v * v
		}
	}
	return math.Sqrt(t)
}

// DotProduct implements series_dot_product: the sum of the element-wise
// products over the positions where both series have a value (a scalar
// operand is broadcast with [Const] first).
func DotProduct(a, b Series) float64 {
	var t float64
	for i := range min(len(a), len(b)) {
		if !IsNull(a[i]) && !IsNull(b[i]) {
			t += a[i] * b[i]
		}
	}
	return t
}

// CosineSimilarity implements series_cosine_similarity: a·b / (|a| |b|),
// null when either vector has zero length or the lengths differ.
func CosineSimilarity(a, b Series) float64 {
	if len(a) != len(b) {
		return Null
	}
	na, nb := Magnitude(a), Magnitude(b)
	if na == 0 || nb == 0 {
		return Null
	}
	return DotProduct(a, b) / (na * nb)
}

// PearsonCorrelation implements series_pearson_correlation over the
// positions where both series have a value; null when the series differ in
// length or either has zero variance.
func PearsonCorrelation(a, b Series) float64 {
	if len(a) != len(b) {
		return Null
	}
	var n, ma, mb float64
	for i := range a {
		if !IsNull(a[i]) && !IsNull(b[i]) {
			n++
			ma += a[i]
			mb += b[i]
		}
	}
	if n < 2 {
		return Null
	}
	ma, mb = ma/n, mb/n
	var sab, saa, sbb float64
	for i := range a {
		if !IsNull(a[i]) && !IsNull(b[i]) {
			da, db := a[i]-ma, b[i]-mb
			sab += da * db
			saa += da * da
			sbb += db * db
		}
	}
	if saa == 0 || sbb == 0 {
		return Null
	}
	return sab / math.Sqrt(saa*sbb)
}
