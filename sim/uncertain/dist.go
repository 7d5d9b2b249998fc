// Package uncertain holds the probability distributions of a scenario's
// uncertain values, the sampling of draws (plain Monte Carlo or Latin
// hypercube, one random stream per draw) and the imposing of rank
// correlations (Iman–Conover).
//
// Every distribution is sampled by its inverse CDF: a draw's uniform u in
// (0, 1) becomes Q(F(min) + u × (F(max) − F(min))), so truncation to
// min..max, Latin hypercube strata and the reordering of Iman–Conover work
// alike for all of them. The CDFs and quantiles are gonum's (stat/distuv).
package uncertain

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// Spec is a distribution as a scenario file writes it, for one path in
// [uncertainty.params]:
//
//	normal      mean, sd
//	lognormal   mean and sd of the value, or p10 and p90
//	uniform     min, max
//	triangular  min, mode, max
//	pert        min, mode, max (a Beta scaled to min..max, λ = 4)
//	beta        alpha, beta, and optionally low, high (default 0..1)
//	discrete    values, weights (summing to 1)
//	fixed       value
//
// min and max truncate normal, lognormal, beta and discrete; for uniform,
// triangular and pert they are the support.
type Spec struct {
	Dist    string    `toml:"dist"`
	Min     *float64  `toml:"min"`
	Mode    *float64  `toml:"mode"`
	Max     *float64  `toml:"max"`
	Mean    *float64  `toml:"mean"`
	SD      *float64  `toml:"sd"`
	P10     *float64  `toml:"p10"`
	P90     *float64  `toml:"p90"`
	Alpha   *float64  `toml:"alpha"`
	Beta    *float64  `toml:"beta"`
	Low     *float64  `toml:"low"`
	High    *float64  `toml:"high"`
	Values  []float64 `toml:"values"`
	Weights []float64 `toml:"weights"`
	Value   *float64  `toml:"value"`
}

// Kinds are the distributions a Spec may name.
var Kinds = []string{"beta", "discrete", "fixed", "lognormal", "normal", "pert", "triangular", "uniform"}

// Problem is what is wrong with a Spec: the key it concerns ("sd", or ""
// for the whole) and a message.
type Problem struct {
	Key, Msg string
}

// Dist is a distribution ready to sample.
type Dist struct {
	kind   string
	cdf    func(float64) float64
	quant  func(float64) float64
	lo, hi float64 // the CDF at the truncation bounds
	fixed  float64
	// discrete
	values, cum []float64
	// Mean is the mean of what is drawn (after a truncation); Min and Max
	// bound what it can take.
	Mean, Min, Max float64
}

// z90 is the standard normal's 90th percentile.
const z90 = 1.2815515655446004

// New checks a Spec and returns its distribution, or every problem of it.
func New(s Spec) (*Dist, []Problem) {
	var probs []Problem
	bad := func(key, format string, args ...any) {
		probs = append(probs, Problem{key, fmt.Sprintf(format, args...)})
	}
	need := func(key string, v *float64) float64 {
		if v == nil {
			bad(key, "missing: a %s distribution needs %s", s.Dist, key)
			return math.NaN()
		}
		return *v
	}
	d := &Dist{kind: s.Dist, Min: math.Inf(-1), Max: math.Inf(1)}
	truncates := true
	switch s.Dist {
	case "normal":
		mu, sd := need("mean", s.Mean), need("sd", s.SD)
		if !(sd > 0) && s.SD != nil {
			bad("sd", "%g: a normal distribution needs sd > 0", sd)
		}
		n := distuv.Normal{Mu: mu, Sigma: sd}
		d.cdf, d.quant, d.Mean = n.CDF, n.Quantile, mu
	case "lognormal":
		var mu, sigma float64
		switch {
		case s.P10 != nil || s.P90 != nil:
			p10, p90 := need("p10", s.P10), need("p90", s.P90)
			if !(p10 > 0 && p90 > p10) {
				bad("", "a lognormal distribution by percentiles needs 0 < p10 < p90 (got %g, %g)", p10, p90)
			}
			mu, sigma = (math.Log(p10)+math.Log(p90))/2, (math.Log(p90)-math.Log(p10))/(2*z90)
		default:
			mean, sd := need("mean", s.Mean), need("sd", s.SD)
			if s.Mean != nil && s.SD != nil && !(mean > 0 && sd > 0) {
				bad("", "a lognormal distribution needs mean > 0 and sd > 0 (got %g, %g); or give p10 and p90", mean, sd)
			}
			sigma = math.Sqrt(math.Log1p(sd * sd / (mean * mean)))
			mu = math.Log(mean) - sigma*sigma/2
		}
		ln := distuv.LogNormal{Mu: mu, Sigma: sigma}
		d.cdf, d.quant, d.Mean, d.Min = ln.CDF, ln.Quantile, ln.Mean(), 0
	case "uniform":
		lo, hi := need("min", s.Min), need("max", s.Max)
		if !(lo < hi) && s.Min != nil && s.Max != nil {
			bad("", "a uniform distribution needs min < max (got %g, %g)", lo, hi)
		}
		u := distuv.Uniform{Min: lo, Max: hi}
		d.cdf, d.quant, d.Mean, d.Min, d.Max = u.CDF, u.Quantile, (lo+hi)/2, lo, hi
		truncates = false
	case "triangular", "pert":
		lo, mode, hi := need("min", s.Min), need("mode", s.Mode), need("max", s.Max)
		if !(lo <= mode && mode <= hi && lo < hi) && s.Min != nil && s.Mode != nil && s.Max != nil {
			bad("mode", "a %s distribution needs min <= mode <= max and min < max (got %g, %g, %g)", s.Dist, lo, mode, hi)
			break
		}
		d.Min, d.Max = lo, hi
		truncates = false
		if len(probs) > 0 {
			break
		}
		if s.Dist == "triangular" {
			t := distuv.NewTriangle(lo, hi, mode, nil)
			d.cdf, d.quant, d.Mean = t.CDF, t.Quantile, t.Mean()
			break
		}
		a, b := 1+4*(mode-lo)/(hi-lo), 1+4*(hi-mode)/(hi-lo)
		d.scaledBeta(a, b, lo, hi)
	case "beta":
		a, b := need("alpha", s.Alpha), need("beta", s.Beta)
		lo, hi := 0.0, 1.0
		if s.Low != nil {
			lo = *s.Low
		}
		if s.High != nil {
			hi = *s.High
		}
		if (s.Alpha != nil && !(a > 0)) || (s.Beta != nil && !(b > 0)) {
			bad("", "a beta distribution needs alpha > 0 and beta > 0 (got %g, %g)", a, b)
		}
		if !(lo < hi) {
			bad("high", "a beta distribution needs low < high (got %g, %g)", lo, hi)
		}
		if len(probs) == 0 {
			d.scaledBeta(a, b, lo, hi)
		}
	case "discrete":
		d.discrete(s, bad)
	case "fixed":
		d.fixed = need("value", s.Value)
		d.Mean, d.Min, d.Max = d.fixed, d.fixed, d.fixed
		truncates = false
	case "":
		bad("dist", "missing: the distribution, one of %s", strings.Join(Kinds, ", "))
		return nil, probs
	default:
		bad("dist", "unknown distribution %q (one of %s)", s.Dist, strings.Join(Kinds, ", "))
		return nil, probs
	}
	if len(probs) > 0 {
		return nil, probs
	}
	d.lo, d.hi = 0, 1
	if truncates && d.cdf != nil {
		if s.Min != nil {
			x := *s.Min
			if d.kind == "discrete" { // keep a value at min itself
				x = math.Nextafter(x, math.Inf(-1))
			}
			d.lo, d.Min = d.cdf(x), math.Max(d.Min, *s.Min)
		}
		if s.Max != nil {
			d.hi, d.Max = d.cdf(*s.Max), math.Min(d.Max, *s.Max)
		}
		if s.Min != nil && s.Max != nil && *s.Min >= *s.Max {
			return nil, []Problem{{"max", fmt.Sprintf("the truncation needs min < max (got %g, %g)", *s.Min, *s.Max)}}
		}
		if !(d.hi-d.lo > 1e-12) {
			return nil, []Problem{{"", fmt.Sprintf("the truncation to %g..%g leaves (almost) no probability", d.Min, d.Max)}}
		}
		if s.Min != nil || s.Max != nil {
			// The mean of what is drawn: ∫ Q(u) du over the truncation, by
			// the midpoint rule on 4096 points.
			const n = 4096
			m := 0.0
			for k := 0; k < n; k++ {
				m += d.Sample((float64(k) + 0.5) / n)
			}
			d.Mean = m / n
		}
	}
	return d, nil
}

func (d *Dist) scaledBeta(a, b, lo, hi float64) {
	bt := distuv.Beta{Alpha: a, Beta: b}
	w := hi - lo
	d.cdf = func(x float64) float64 {
		switch {
		case x <= lo:
			return 0
		case x >= hi:
			return 1
		}
		return bt.CDF((x - lo) / w)
	}
	d.quant = func(p float64) float64 { return lo + w*bt.Quantile(p) }
	d.Mean, d.Min, d.Max = lo+w*a/(a+b), lo, hi
}

func (d *Dist) discrete(s Spec, bad func(key, format string, args ...any)) {
	switch {
	case len(s.Values) == 0:
		bad("values", "missing: a discrete distribution needs values = [ … ] and weights = [ … ]")
		return
	case len(s.Weights) != len(s.Values):
		bad("weights", "%d weights for %d values", len(s.Weights), len(s.Values))
		return
	}
	type vw struct{ v, w float64 }
	var pts []vw
	sum := 0.0
	for i, w := range s.Weights {
		if !(w >= 0) {
			bad(fmt.Sprintf("weights[%d]", i), "%g: weights are 0 or more", w)
		}
		sum += w
		pts = append(pts, vw{s.Values[i], w})
	}
	if math.Abs(sum-1) > 1e-9 {
		bad("weights", "the weights add up to %g, not 1", sum)
		return
	}
	slices.SortStableFunc(pts, func(a, b vw) int {
		switch {
		case a.v < b.v:
			return -1
		case a.v > b.v:
			return 1
		}
		return 0
	})
	c := 0.0
	d.Mean = 0
	for _, p := range pts {
		c += p.w
		d.values = append(d.values, p.v)
		d.cum = append(d.cum, c)
		d.Mean += p.v * p.w
	}
	d.cum[len(d.cum)-1] = 1
	d.Min, d.Max = d.values[0], d.values[len(d.values)-1]
	d.cdf = func(x float64) float64 {
		i, _ := slices.BinarySearch(d.values, x)
		for i < len(d.values) && d.values[i] <= x {
			i++
		}
		if i == 0 {
			return 0
		}
		return d.cum[i-1]
	}
	d.quant = func(p float64) float64 {
		i, _ := slices.BinarySearch(d.cum, p)
		return d.values[min(i, len(d.values)-1)]
	}
}

// Sample turns a uniform u in (0, 1) into a value of the distribution,
// within its truncation.
func (d *Dist) Sample(u float64) float64 {
	if d.kind == "fixed" {
		return d.fixed
	}
	return d.quant(d.lo + u*(d.hi-d.lo))
}

// Quantile is the value at probability p of the (truncated) distribution.
func (d *Dist) Quantile(p float64) float64 { return d.Sample(p) }

// Outside returns the probability that a draw falls below lo or above hi
// (a path's valid range).
func (d *Dist) Outside(lo, hi float64) float64 {
	if d.kind == "fixed" {
		if d.fixed < lo || d.fixed > hi {
			return 1
		}
		return 0
	}
	mass := d.hi - d.lo
	below := (math.Min(math.Max(d.cdf(lo), d.lo), d.hi) - d.lo) / mass
	if lo <= d.Min {
		below = 0
	}
	above := (d.hi - math.Max(math.Min(d.cdf(hi), d.hi), d.lo)) / mass
	if hi >= d.Max {
		above = 0
	}
	return below + above
}
