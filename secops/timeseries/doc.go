// Package timeseries implements Kusto's series_* functions on plain float64
// slices, so that the engine can expose them to KQL as thin wrappers over
// dynamic arrays.
//
// # Nulls
//
// A [Series] is a []float64 in which NaN marks a missing (null) element.
// The engine converts a dynamic array to a Series by mapping every numeric
// element to its float64 value and every null, non-numeric or absent element
// to NaN, and converts back by writing NaN as null. A NaN computed by
// arithmetic (0/0) therefore also comes out as null, which is what Kusto
// prints for it in dynamic arrays. ±Inf are ordinary values. Functions that
// Kusto documents as "null in, null out" propagate NaN; the aggregating
// functions (series_sum, series_stats with ignore_nonfinite) skip it; the
// decomposition functions interpolate across it for learning and return
// null residuals and scores at missing points.
//
// Kusto keeps long arrays long for some functions (series_add of two long
// arrays, series_fill_linear on a long array). The functions here compute in
// float64; the engine restores the element type where Kusto does
// ([FillLinearOptions.Integer] covers the one case where the values differ).
//
// # KQL surface
//
// Each exported function names the KQL function it implements. The engine
// maps them as follows (arguments in KQL order, defaults in brackets):
//
//	series_abs/acos/asin/atan/ceiling/cos/exp/floor/log/sign/sin/sqrt/tan(s)  Unary(op, s) → dynamic
//	series_add/subtract/multiply/divide/pow(s1, s2)                      Binary(op, a, b) → dynamic (longer length; missing → null)
//	series_greater/greater_equals/less/less_equals/equals/not_equals      Compare(op, a, b) → dynamic of bool
//	series_sum/product/magnitude(s)                                      Sum, Product, Magnitude → real
//	series_dot_product/cosine_similarity/pearson_correlation(s1, s2)     DotProduct, CosineSimilarity, PearsonCorrelation → real
//	series_stats(s [,ignore_nonfinite=false])                            Stats → columns min real, min_idx long, max real,
//	                                                                     max_idx long, avg real, stdev real, variance real
//	series_stats_dynamic(s [,ignore_nonfinite])                          Stats → dynamic bag (same keys plus sum, len)
//	series_fill_backward/forward(s [,placeholder=null])                  FillBackward, FillForward → dynamic
//	series_fill_const(s, c [,placeholder=null])                          FillConst → dynamic
//	series_fill_linear(s [,placeholder=null [,fill_edges=true [,c=0]]])   FillLinear → dynamic
//	series_fir(s, filter [,normalize [,center=false]])                   FIR → dynamic
//	series_iir(s, numerators, denominators)                              IIR → dynamic
//	series_fit_line(s)                                                   FitLine → rsquare, slope, variance, rvariance real,
//	                                                                     interception real, line_fit dynamic
//	series_fit_2lines(s) / series_fit_2lines_dynamic(s)                  Fit2Lines → rsquare, split_idx long, variance, rvariance,
//	                                                                     line_fit, right_*/left_* (rsquare, slope, interception,
//	                                                                     variance, rvariance)
//	series_fit_poly(y [,x [,degree=1]])                                  FitPoly → rsquare real, coefficients dynamic,
//	                                                                     variance, rvariance real, poly_fit dynamic
//	series_outliers(s [,kind="ctukey" [,ignore_val [,min_pct=10 [,max_pct=90]]]])  Outliers → dynamic
//	series_periods_detect(s, min_period, max_period, num_periods)        PeriodsDetect → periods, scores dynamic
//	series_periods_validate(s, p1 [, p2 ...])                            PeriodsValidate → periods, scores dynamic
//	series_seasonal(s [,period=-1])                                      Seasonal → dynamic
//	series_decompose(s [,seasonality=-1 [,trend="avg" [,test_points=0 [,seasonality_threshold=0.6]]]])
//	                                                                     Decompose → baseline, seasonal, trend, residual dynamic
//	series_decompose_anomalies(s [,threshold=1.5 [,seasonality=-1 [,trend="avg" [,test_points=0
//	                           [,ad_method="ctukey" [,seasonality_threshold=0.6]]]]]])
//	                                                                     DecomposeAnomalies → ad_flag, ad_score, baseline dynamic
//	series_decompose_forecast(s, points [,seasonality=-1 [,trend="avg" [,seasonality_threshold=0.6]]])
//	                                                                     DecomposeForecast → dynamic
//
// Where Microsoft's documentation does not pin an algorithm down (the
// period detector, the ctukey score scale), the function's comment says what
// was chosen and how it was checked against Kusto's published outputs.
package timeseries
