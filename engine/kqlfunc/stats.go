package kqlfunc

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// Statistical functions: the beta distribution and Welch's t-test.

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
