// Package finance holds the business-case arithmetic shared by the engine
// and the instruments: present values, the benefit–cost test, payback and
// the internal rate of return. Cash flows are yearly, the first year not
// discounted.
package finance

import "math"

// PresentValue discounts a yearly series to its first year:
//
//	PV = Σ_k cf_k / (1+d)^k
//
// (a spreadsheet's CF_0 + NPV(d, CF_1…CF_n)).
func PresentValue(cf []float64, d float64) float64 {
	pv, f := 0.0, 1.0
	for _, v := range cf {
		pv += v / f // f = (1+d)^k, built by multiplication: exact to about k ulps
		f *= 1 + d
	}
	return pv
}

// Ratio is benefit / cost, both at present value; ok is false when there is
// no cost to compare with (the ratio is then reported as 0, never as an
// infinity).
func Ratio(benefit, cost float64) (ratio float64, ok bool) {
	if cost > 0 {
		return benefit / cost, true
	}
	return 0, false
}

// Payback returns the first index at which the cumulative discounted net
// cash flow is >= 0, or −1 when it never is within the series.
func Payback(net []float64, d float64) int {
	cum, f := 0.0, 1.0
	for k, v := range net {
		cum += v / f
		if cum >= -1e-9 {
			return k
		}
		f *= 1 + d
	}
	return -1
}

// IRR returns the internal rate of return of a yearly series: the rate r
// at which its present value is zero. ok is false when the series has no
// sign change (no such rate) or no root lies between −99.99 % and 10 000 %.
// With several roots the one nearest to zero (in log(1+r)) is returned.
func IRR(cf []float64) (r float64, ok bool) {
	if !signChange(cf) {
		return 0, false
	}
	npv := func(t float64) float64 { return PresentValue(cf, math.Expm1(t)) }
	// Walk out from r = 0 in steps even in t = log(1+r), both ways at once,
	// and bisect the first bracket found.
	const step, up, down = 0.05, 4.62, -9.21 // 1+r from about 101 down to 0.0001
	f0 := npv(0)
	if f0 == 0 {
		return 0, true
	}
	hiT, hiF, loT, loF := 0.0, f0, 0.0, f0
	for hiT < up || loT > down {
		if hiT < up {
			t := hiT + step
			f := npv(t)
			if f == 0 || f*hiF < 0 {
				return math.Expm1(bisect(npv, hiT, t, hiF)), true
			}
			hiT, hiF = t, f
		}
		if loT > down {
			t := loT - step
			f := npv(t)
			if f == 0 || f*loF < 0 {
				return math.Expm1(bisect(npv, t, loT, f)), true
			}
			loT, loF = t, f
		}
	}
	return 0, false
}

func bisect(f func(float64) float64, a, b, fa float64) float64 {
	for i := 0; i < 200 && b-a > 1e-15*(1+math.Abs(a)); i++ {
		m := (a + b) / 2
		fm := f(m)
		if fm == 0 {
			return m
		}
		if (fm < 0) == (fa < 0) {
			a, fa = m, fm
		} else {
			b = m
		}
	}
	return (a + b) / 2
}

func signChange(cf []float64) bool {
	pos, neg := false, false
	for _, v := range cf {
		pos = pos || v > 0
		neg = neg || v < 0
	}
	return pos && neg
}
