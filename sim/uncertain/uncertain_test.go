package uncertain

import (
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

func f(v float64) *float64 { return &v }

func draws(t *testing.T, s Spec, n int, lhs bool) []float64 {
	t.Helper()
	d, probs := New(s)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	smp, err := NewSampler([]*Dist{d}, Options{Seed: 3, Draws: n, LHS: lhs})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float64, n)
	v := make([]float64, 1)
	for j := range out {
		smp.Draw(j, v)
		out[j] = v[0]
	}
	return out
}

// TestMoments: sample means and standard deviations against the
// distributions' own (analytic) ones, within five standard errors.
func TestMoments(t *testing.T) {
	const n = 40_000
	cases := []struct {
		name     string
		spec     Spec
		mean, sd float64 // by hand, from the formulas of each distribution
	}{
		{"normal", Spec{Dist: "normal", Mean: f(0.03), SD: f(0.01)}, 0.03, 0.01},
		// lognormal by its value's mean and sd: they come back.
		{"lognormal", Spec{Dist: "lognormal", Mean: f(2), SD: f(0.5)}, 2, 0.5},
		// uniform(a, b): (a+b)/2, (b−a)/√12.
		{"uniform", Spec{Dist: "uniform", Min: f(1), Max: f(3)}, 2, 2 / math.Sqrt(12)},
		// triangular(a, c, b): (a+b+c)/3, √((a²+b²+c²−ab−ac−bc)/18).
		{"triangular", Spec{Dist: "triangular", Min: f(0.5), Mode: f(0.9), Max: f(1.2)}, (0.5 + 0.9 + 1.2) / 3,
			math.Sqrt((0.25 + 0.81 + 1.44 - 0.45 - 0.6 - 1.08) / 18)},
		// pert(a, m, b): (a + 4m + b)/6; α = 1+4(m−a)/(b−a) = 3, β = 3:
		// sd = (b−a)√(αβ/((α+β)²(α+β+1))) = 2√(9/(36·7)).
		{"pert", Spec{Dist: "pert", Min: f(0), Mode: f(1), Max: f(2)}, 1, 2 * math.Sqrt(9.0/(36*7))},
		// beta(2, 5): 2/7, √(10/(49·8)).
		{"beta", Spec{Dist: "beta", Alpha: f(2), Beta: f(5)}, 2.0 / 7, math.Sqrt(10.0 / (49 * 8))},
		// discrete {0: 0.25, 1: 0.75}: 0.75, √(0.75·0.25).
		{"discrete", Spec{Dist: "discrete", Values: []float64{0, 1}, Weights: []float64{0.25, 0.75}}, 0.75, math.Sqrt(0.75 * 0.25)},
		// a standard normal truncated to 0..∞: √(2/π), √(1 − 2/π).
		{"truncated normal", Spec{Dist: "normal", Mean: f(0), SD: f(1), Min: f(0)}, math.Sqrt(2 / math.Pi), math.Sqrt(1 - 2/math.Pi)},
		{"fixed", Spec{Dist: "fixed", Value: f(7)}, 7, 0},
	}
	for _, c := range cases {
		for _, lhs := range []bool{false, true} {
			x := draws(t, c.spec, n, lhs)
			mean, sd := stat.MeanStdDev(x, nil)
			se := c.sd / math.Sqrt(n)
			if math.Abs(mean-c.mean) > 5*se+1e-12 {
				t.Errorf("%s (lhs %v): mean %v, want %v ± %v", c.name, lhs, mean, c.mean, 5*se)
			}
			if math.Abs(sd-c.sd) > 0.02*c.sd+1e-12 {
				t.Errorf("%s (lhs %v): sd %v, want %v", c.name, lhs, sd, c.sd)
			}
		}
	}
}

// TestLognormalPercentiles: a lognormal given by p10 and p90 has them.
func TestLognormalPercentiles(t *testing.T) {
	d, probs := New(Spec{Dist: "lognormal", P10: f(0.5), P90: f(2)})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if q := d.Quantile(0.1); math.Abs(q-0.5) > 1e-9 {
		t.Errorf("P10 %v", q)
	}
	if q := d.Quantile(0.9); math.Abs(q-2) > 1e-9 {
		t.Errorf("P90 %v", q)
	}
}

// TestLatinHypercube: each of the n strata of each parameter holds exactly
// one draw.
func TestLatinHypercube(t *testing.T) {
	const n = 1000
	d, _ := New(Spec{Dist: "uniform", Min: f(0), Max: f(1)})
	smp, _ := NewSampler([]*Dist{d, d}, Options{Seed: 9, Draws: n, LHS: true})
	v := make([]float64, 2)
	for p := 0; p < 2; p++ {
		seen := make([]bool, n)
		for j := 0; j < n; j++ {
			smp.Draw(j, v)
			k := int(v[p] * n)
			if seen[k] {
				t.Fatalf("param %d: stratum %d twice", p, k)
			}
			seen[k] = true
		}
	}
}

// TestImanConover: the target rank correlations are reached (within
// 0.03 for 5 000 draws) and each parameter keeps its values.
func TestImanConover(t *testing.T) {
	const n = 5000
	a, _ := New(Spec{Dist: "triangular", Min: f(0.5), Mode: f(0.9), Max: f(1.2)})
	b, _ := New(Spec{Dist: "lognormal", Mean: f(1), SD: f(0.3)})
	c, _ := New(Spec{Dist: "uniform", Min: f(0), Max: f(10)})
	target := mat.NewSymDense(3, []float64{1, 0.6, -0.3, 0.6, 1, 0, -0.3, 0, 1})
	plain, _ := NewSampler([]*Dist{a, b, c}, Options{Seed: 5, Draws: n})
	corr, err := NewSampler([]*Dist{a, b, c}, Options{Seed: 5, Draws: n, Correlation: target})
	if err != nil {
		t.Fatal(err)
	}
	cols := [2][3][]float64{}
	v := make([]float64, 3)
	for s, smp := range []*Sampler{plain, corr} {
		for p := range cols[s] {
			cols[s][p] = make([]float64, n)
		}
		for j := 0; j < n; j++ {
			smp.Draw(j, v)
			for p := range v {
				cols[s][p][j] = v[p]
			}
		}
	}
	for p := 0; p < 3; p++ {
		x, y := slices.Clone(cols[0][p]), slices.Clone(cols[1][p])
		slices.Sort(x)
		slices.Sort(y)
		if !slices.Equal(x, y) {
			t.Errorf("param %d: its values changed", p)
		}
	}
	for i := 0; i < 3; i++ {
		for j := i + 1; j < 3; j++ {
			rho := stat.Correlation(rank(cols[1][i]), rank(cols[1][j]), nil)
			if math.Abs(rho-target.At(i, j)) > 0.03 {
				t.Errorf("rank correlation %d,%d: %v, want %v", i, j, rho, target.At(i, j))
			}
		}
	}
}

func rank(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		}
		return 0
	})
	out := make([]float64, len(x))
	for r, i := range idx {
		out[i] = float64(r)
	}
	return out
}

func TestCorrelationProblems(t *testing.T) {
	params := []string{"a", "b", "c"}
	cases := []struct {
		pairs map[string]map[string]float64
		want  string
	}{
		{map[string]map[string]float64{"a": {"b": 1.2}}, "outside -1..1"},
		{map[string]map[string]float64{"a": {"b": 0.5}, "b": {"a": 0.4}}, "not symmetric"},
		{map[string]map[string]float64{"a": {"a": 0.5}}, "itself"},
		// a~b and a~c strongly positive but b~c strongly negative: no such matrix.
		{map[string]map[string]float64{"a": {"b": 0.9, "c": 0.9}, "b": {"c": -0.9}}, "cannot hold together"},
	}
	for _, c := range cases {
		_, probs := CorrelationMatrix(params, c.pairs)
		if len(probs) == 0 || !strings.Contains(probs[0].Msg, c.want) {
			t.Errorf("%v: got %v, want %q", c.pairs, probs, c.want)
		}
	}
	if m, probs := CorrelationMatrix(params, map[string]map[string]float64{"a": {"b": 0.5}, "b": {"a": 0.5}}); len(probs) > 0 || m.At(1, 0) != 0.5 {
		t.Errorf("a pair given both ways alike: %v", probs)
	}
}

// TestOutside: the chance of leaving a range.
func TestOutside(t *testing.T) {
	d, _ := New(Spec{Dist: "normal", Mean: f(0), SD: f(1)})
	// By hand: Φ(−1.96) ≈ 0.025 on each side.
	if got := d.Outside(-1.96, 1.96); math.Abs(got-0.05) > 0.001 {
		t.Errorf("outside ±1.96: %v", got)
	}
	tr, _ := New(Spec{Dist: "normal", Mean: f(0), SD: f(1), Min: f(0), Max: f(1)})
	if got := tr.Outside(0, 1); got != 0 {
		t.Errorf("truncated to the range: %v", got)
	}
}

// TestTruncatedMean: the mean of a truncated distribution is that of what
// is drawn: a standard normal cut at 0 has mean √(2/π) (by hand).
func TestTruncatedMean(t *testing.T) {
	d, _ := New(Spec{Dist: "normal", Mean: f(0), SD: f(1), Min: f(0)})
	if math.Abs(d.Mean-math.Sqrt(2/math.Pi)) > 1e-3 {
		t.Errorf("mean %v, want %v", d.Mean, math.Sqrt(2/math.Pi))
	}
}

func TestTooFewDrawsForCorrelation(t *testing.T) {
	a, _ := New(Spec{Dist: "uniform", Min: f(0), Max: f(1)})
	target := mat.NewSymDense(2, []float64{1, 0.5, 0.5, 1})
	if _, err := NewSampler([]*Dist{a, a}, Options{Draws: 2, Correlation: target}); err == nil {
		t.Error("2 draws for 2 correlated values: no error")
	}
}
