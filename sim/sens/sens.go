// Package sens answers an adviser's questions after a stress test with a
// compiled model: which single value moves an outcome most (one-way
// sensitivity: a tornado, and a spider of percentiles), how two values
// act together (a two-way grid), and at which value an outcome reaches a
// target (break-even, by Brent's method, or by bisection where the
// outcome is a step).
package sens

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/regiosim/regiosim/sim"
)

// Evaluator runs one model for one figure with some values changed.
type Evaluator struct {
	m      *sim.Model
	st     *sim.State
	sink   sim.OutcomeSink
	values []float64
	pick   func(outcomes []float64) float64
	Runs   int // how many runs it made
}

// NewEvaluator evaluates outcome (an index of m.Outcomes()) of model m.
func NewEvaluator(m *sim.Model, outcome int) *Evaluator {
	return NewEvaluatorOf(m, func(v []float64) float64 { return v[outcome] })
}

// NewEvaluatorOf evaluates a figure made of a run's outcomes (the gap
// years of a wallet's initiatives added up, say).
func NewEvaluatorOf(m *sim.Model, pick func(outcomes []float64) float64) *Evaluator {
	return &Evaluator{m: m, st: m.NewState(), values: m.Base(), pick: pick}
}

// At runs the model with slot i at v (the others at their base values)
// and returns the outcome.
func (e *Evaluator) At(i int, v float64) (float64, error) {
	copy(e.values, e.m.Base())
	e.values[i] = v
	return e.run()
}

// AtTwo is At for two slots at once.
func (e *Evaluator) AtTwo(i int, vi float64, j int, vj float64) (float64, error) {
	copy(e.values, e.m.Base())
	e.values[i], e.values[j] = vi, vj
	return e.run()
}

// Base is the outcome with every slot at its base value.
func (e *Evaluator) Base() (float64, error) {
	copy(e.values, e.m.Base())
	return e.run()
}

// fit rounds a point to a whole number where slot i takes whole numbers
// (a window, a year).
func (e *Evaluator) fit(i int, x float64) float64 {
	if e.m.Slots()[i].Range.Whole {
		return math.Round(x)
	}
	return x
}

func (e *Evaluator) run() (float64, error) {
	e.Runs++
	if err := e.st.Run(e.values, &e.sink); err != nil {
		return 0, err
	}
	return e.pick(e.sink.Values), nil
}

// Range is a param's low and high value for a sensitivity analysis.
type Range struct {
	Path      string
	Low, High float64
	// Points, when set, are the values of a spider (P10 … P90); else five
	// points evenly from Low to High.
	Points []float64
}

// Bar is one param of a tornado.
type Bar struct {
	Path          string
	Low, High     float64 // the param's values
	AtLow, AtHigh float64 // the outcome there
	Swing         float64 // |AtHigh − AtLow|
	Spider        []float64
	SpiderX       []float64 // the param's values of the spider points
}

// OneWay sets each range's param (slot i of the model is ranges[i]) to
// its low and its high value, all others at their base value, and sorts
// the bars widest first (ties in the order given). With spider, each
// param is also run at its spider points.
func OneWay(ctx context.Context, e *Evaluator, ranges []Range, spider bool) ([]Bar, error) {
	bars := make([]Bar, len(ranges))
	for i, r := range ranges {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		lo, err := e.At(i, r.Low)
		if err != nil {
			return nil, err
		}
		hi, err := e.At(i, r.High)
		if err != nil {
			return nil, err
		}
		b := Bar{Path: r.Path, Low: r.Low, High: r.High, AtLow: lo, AtHigh: hi, Swing: math.Abs(hi - lo)}
		if spider {
			pts := r.Points
			if len(pts) == 0 {
				for k := 0; k < 5; k++ {
					pts = append(pts, r.Low+(r.High-r.Low)*float64(k)/4)
				}
			}
			for _, x := range pts {
				x = e.fit(i, x)
				y, err := e.At(i, x)
				if err != nil {
					return nil, err
				}
				b.Spider, b.SpiderX = append(b.Spider, y), append(b.SpiderX, x)
			}
		}
		bars[i] = b
	}
	slices.SortStableFunc(bars, func(a, b Bar) int {
		switch {
		case a.Swing > b.Swing:
			return -1
		case a.Swing < b.Swing:
			return 1
		}
		return 0
	})
	return bars, nil
}

// Tornado is a one-way sensitivity of one outcome.
type Tornado struct {
	Outcome sim.Outcome
	Base    float64 // the outcome with every value at its base
	Bars    []Bar
	Runs    int
}

// TwoWay is a two-way sensitivity of one outcome.
type TwoWay struct {
	Outcome sim.Outcome
	Grid    *Grid
	Runs    int
}

// Grid is a two-way sensitivity: the outcome at every pair of values.
type Grid struct {
	X, Y   Range
	XS, YS []float64
	Values [][]float64 // [y][x]
}

// Grid2 runs the model on an n × n grid of slots i and j over their
// ranges.
func Grid2(ctx context.Context, e *Evaluator, i int, x Range, j int, y Range, n int) (*Grid, error) {
	g := &Grid{X: x, Y: y}
	for k := 0; k < n; k++ {
		g.XS = append(g.XS, e.fit(i, x.Low+(x.High-x.Low)*float64(k)/float64(n-1)))
		g.YS = append(g.YS, e.fit(j, y.Low+(y.High-y.Low)*float64(k)/float64(n-1)))
	}
	for _, yv := range g.YS {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		row := make([]float64, n)
		for c, xv := range g.XS {
			v, err := e.AtTwo(i, xv, j, yv)
			if err != nil {
				return nil, err
			}
			row[c] = v
		}
		g.Values = append(g.Values, row)
	}
	return g, nil
}

// Solution is where an outcome reaches its target.
type Solution struct {
	Value   float64 // of the varied param
	Outcome float64 // the outcome there
	Runs    int
	Step    bool // found by bisection on a step outcome
}

// NoRoot is the answer when the outcome does not reach the target within
// the bracket.
type NoRoot struct {
	Low, High     float64
	AtLow, AtHigh float64
	Target        float64
}

func (n *NoRoot) Error() string {
	return fmt.Sprintf("the outcome does not reach %g between %g (where it is %g) and %g (where it is %g)",
		n.Target, n.Low, n.AtLow, n.High, n.AtHigh)
}

// Solve finds the value of slot i in [lo, hi] at which the outcome
// reaches target. A continuous outcome is solved by Brent's method to a
// relative tolerance of 1e-12; a step outcome (step: a yes/no or a count)
// by bisection, returning the value nearest to lo at which the outcome is
// on target's side (for a rising step, the lowest value at which it
// reaches the target).
func Solve(ctx context.Context, e *Evaluator, i int, lo, hi, target float64, step bool) (*Solution, error) {
	runs0 := e.Runs
	whole := e.m.Slots()[i].Range.Whole
	if whole { // whole numbers: look among them only
		lo, hi = math.Ceil(lo), math.Floor(hi)
		if lo > hi {
			return nil, fmt.Errorf("sens: no whole number between the bounds")
		}
		step = true
	}
	f := func(x float64) (float64, error) {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		y, err := e.At(i, x)
		return y - target, err
	}
	flo, err := f(lo)
	if err != nil {
		return nil, err
	}
	fhi, err := f(hi)
	if err != nil {
		return nil, err
	}
	if step {
		return bisectStep(f, lo, hi, flo, fhi, target, e, runs0, whole)
	}
	if flo == 0 {
		return &Solution{Value: lo, Outcome: target, Runs: e.Runs - runs0}, nil
	}
	if fhi == 0 {
		// The outcome may stay on the target past its crossing (a gap
		// that is 0 for every rate above some): the crossing is where it
		// first reaches it.
		return bisectStep(f, lo, hi, flo, fhi, target, e, runs0, false)
	}
	if (flo > 0) == (fhi > 0) {
		return nil, &NoRoot{lo, hi, flo + target, fhi + target, target}
	}
	x, fx, err := Brent(f, lo, hi, flo, fhi, 1e-12)
	if err != nil {
		return nil, err
	}
	return &Solution{Value: x, Outcome: fx + target, Runs: e.Runs - runs0}, nil
}

// bisectStep finds the boundary of a step outcome: the side of lo is
// "before" the target (the outcome below it for a rising step, above it
// for a falling one), the side of hi "at or past" it.
func bisectStep(f func(float64) (float64, error), lo, hi, flo, fhi, target float64, e *Evaluator, runs0 int, whole bool) (*Solution, error) {
	rising := flo < 0 || (flo == 0 && fhi > 0)
	reached := func(fx float64) bool {
		if rising {
			return fx >= 0
		}
		return fx <= 0
	}
	if reached(flo) {
		return &Solution{Value: lo, Outcome: flo + target, Runs: e.Runs - runs0, Step: true}, nil
	}
	if !reached(fhi) {
		return nil, &NoRoot{lo, hi, flo + target, fhi + target, target}
	}
	// Invariant: not reached at lo, reached at hi.
	for k := 0; k < 200 && hi-lo > 1e-12*math.Max(1, math.Abs(hi)); k++ {
		mid := lo + (hi-lo)/2
		if whole {
			if hi-lo <= 1 {
				break
			}
			mid = math.Floor(mid)
		}
		fm, err := f(mid)
		if err != nil {
			return nil, err
		}
		if reached(fm) {
			hi, fhi = mid, fm
		} else {
			lo = mid
		}
	}
	return &Solution{Value: hi, Outcome: fhi + target, Runs: e.Runs - runs0, Step: true}, nil
}

// ErrNoBracket is Brent's answer when f(a) and f(b) have the same sign.
var ErrNoBracket = errors.New("sens: the root is not bracketed")

// Brent finds a root of f in [a, b], given fa = f(a) and fb = f(b) of
// opposite signs, by Brent's method (inverse quadratic interpolation,
// secant steps and bisection; Brent 1973, "Algorithms for minimization
// without derivatives", ch. 4), to within tol × max(1, |x|). It returns
// the root and f there.
func Brent(f func(float64) (float64, error), a, b, fa, fb, tol float64) (x, fx float64, err error) {
	if (fa > 0) == (fb > 0) && fa != 0 && fb != 0 {
		return 0, 0, ErrNoBracket
	}
	if math.Abs(fa) < math.Abs(fb) {
		a, b, fa, fb = b, a, fb, fa
	}
	c, fc := a, fa
	d := b - a
	e := d
	for iter := 0; iter < 200; iter++ {
		if fb == 0 {
			return b, fb, nil
		}
		if (fb > 0) == (fc > 0) {
			c, fc = a, fa
			d = b - a
			e = d
		}
		if math.Abs(fc) < math.Abs(fb) {
			a, b, c = b, c, b
			fa, fb, fc = fb, fc, fb
		}
		t := 2*math.SmallestNonzeroFloat64 + tol*math.Max(1, math.Abs(b))
		m := (c - b) / 2
		if math.Abs(m) <= t {
			return b, fb, nil
		}
		if math.Abs(e) >= t && math.Abs(fa) > math.Abs(fb) {
			s := fb / fa
			var p, q float64
			if a == c { // secant
				p, q = 2*m*s, 1-s
			} else { // inverse quadratic interpolation
				qq, r := fa/fc, fb/fc
				p = s * (2*m*qq*(qq-r) - (b-a)*(r-1))
				q = (qq - 1) * (r - 1) * (s - 1)
			}
			if p > 0 {
				q = -q
			} else {
				p = -p
			}
			if 2*p < math.Min(3*m*q-math.Abs(t*q), math.Abs(e*q)) {
				e, d = d, p/q
			} else {
				d, e = m, m
			}
		} else {
			d, e = m, m
		}
		a, fa = b, fb
		if math.Abs(d) > t {
			b += d
		} else if m > 0 {
			b += t
		} else {
			b -= t
		}
		if fb, err = f(b); err != nil {
			return 0, 0, err
		}
	}
	return b, fb, nil
}
