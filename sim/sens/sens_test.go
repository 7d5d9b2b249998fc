package sens

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

func TestBrent(t *testing.T) {
	cases := []struct {
		name string
		f    func(float64) float64
		a, b float64
		root float64 // known in closed form
	}{
		{"x² − 2", func(x float64) float64 { return x*x - 2 }, 0, 2, math.Sqrt2},
		{"cos x − x", func(x float64) float64 { return math.Cos(x) - x }, 0, 1, 0.7390851332151607}, // the Dottie number
		{"linear", func(x float64) float64 { return 3*x - 1 }, -10, 10, 1.0 / 3},
		{"steep", func(x float64) float64 { return math.Exp(20*x) - 1e6 }, 0, 2, math.Log(1e6) / 20},
	}
	for _, c := range cases {
		f := func(x float64) (float64, error) { return c.f(x), nil }
		x, _, err := Brent(f, c.a, c.b, c.f(c.a), c.f(c.b), 1e-14)
		if err != nil || math.Abs(x-c.root) > 1e-12 {
			t.Errorf("%s: %v (%v), want %v", c.name, x, err, c.root)
		}
	}
	if _, _, err := Brent(func(x float64) (float64, error) { return x*x + 1, nil }, -1, 1, 2, 2, 1e-12); !errors.Is(err, ErrNoBracket) {
		t.Errorf("no bracket: %v", err)
	}
}

// sensTOML goes after testdata/scenarios/buyer.toml, whose figures are easy by hand
// (no discounting, no indexation; zv saves savings_scale × savings.zv a
// year for 5 years on x), with this appended: the transformation funds
// pay x in full; a wallet of zv's turnover (1e9) funds a second initiative
// y of 100 000 a year; zv may buy the first (kruis) when its ratio 1.5 ×
// scale reaches 1.
const sensTOML = `
[[initiative]]
id = "y"
provider = "wz"
cost = 100_000
[[instrument]]
type = "transformation_funds"
id = "tf"
until = 2030
funds = { x = 100_000 }
[[instrument]]
type = "cross_purchase"
id = "kruis"
buyer = "zv"
initiative = "x"
[[instrument]]
type = "wallet"
id = "pot"
rate = 0.00001
contributors = ["zv"]
funds = ["y"]
`

func model(t *testing.T, varied ...string) *sim.Model {
	t.Helper()
	base, err := os.ReadFile(filepath.Join("..", "..", "testdata", "scenarios", "buyer.toml"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Parse("buyer.toml", append(base, sensTOML...))
	if err != nil {
		t.Fatal(err)
	}
	m, err := sim.Compile(s, varied...)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestTornadoByHand: zv's saved money over the horizon is 5 × 150 000 ×
// scale = 750 000 × scale, and 5 × savings.zv at scale 1; its turnover
// moves it not at all (the wallet's contribution is paid, not saved).
// Scale 0.5..1.5 swings 750 000, savings.zv 100 000..200 000 swings
// 500 000, turnover 0.9e9..1.1e9 swings 0: that order, widest first.
func TestTornadoByHand(t *testing.T) {
	ranges := []Range{
		{Path: "party.zv.turnover", Low: 0.9e9, High: 1.1e9},
		{Path: "initiative.x.savings.zv", Low: 100_000, High: 200_000},
		{Path: "initiative.x.savings_scale", Low: 0.5, High: 1.5},
	}
	m := model(t, ranges[0].Path, ranges[1].Path, ranges[2].Path)
	e := NewEvaluator(m, m.OutcomeIndex("party.zv.saved"))
	bars, err := OneWay(context.Background(), e, ranges, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		path         string
		atLow, swing float64
	}{{"initiative.x.savings_scale", 375_000, 750_000}, {"initiative.x.savings.zv", 500_000, 500_000}, {"party.zv.turnover", 750_000, 0}}
	for i, w := range want {
		b := bars[i]
		if b.Path != w.path || math.Abs(b.AtLow-w.atLow) > 1e-6 || math.Abs(b.Swing-w.swing) > 1e-6 {
			t.Errorf("bar %d: %s at low %v, swing %v; want %s, %v, %v", i, b.Path, b.AtLow, b.Swing, w.path, w.atLow, w.swing)
		}
		if len(b.Spider) != 5 {
			t.Errorf("%s: %d spider points", b.Path, len(b.Spider))
		}
	}
}

// TestBreakEvenClosedForm: the buyer's ratio is linear in the scale, 1.5
// at scale 1, so it reaches the threshold 1 at 1 / 1.5.
func TestBreakEvenClosedForm(t *testing.T) {
	m := model(t, "initiative.x.savings_scale")
	e := NewEvaluator(m, m.OutcomeIndex("purchase.kruis.ratio"))
	sol, err := Solve(context.Background(), e, 0, 0, 100, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(sol.Value-1/1.5) > 1e-10 || sol.Runs > 20 {
		t.Errorf("break-even %v in %d runs, want %v", sol.Value, sol.Runs, 1/1.5)
	}
	// The decision itself is a step: bisection finds the same scale.
	e = NewEvaluator(m, m.OutcomeIndex("purchase.kruis.closes"))
	sol, err = Solve(context.Background(), e, 0, 0, 100, 1, true)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(sol.Value-1/1.5) > 1e-9 || !sol.Step || sol.Outcome != 1 {
		t.Errorf("closes from %v (step %v, outcome %v), want %v", sol.Value, sol.Step, sol.Outcome, 1/1.5)
	}
}

// TestMinRateByHand: y needs 100 000 a year; the wallet raises rate ×
// 1e9. A gap year is one with a gap of a euro or more (as in the tables),
// so by hand the lowest rate without one is (100 000 − 1) / 1e9.
func TestMinRateByHand(t *testing.T) {
	m := model(t, "instrument.pot.rate")
	e := NewEvaluator(m, m.OutcomeIndex("initiative.y.gap_years"))
	sol, err := Solve(context.Background(), e, 0, 0, 1, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	if want := (100_000 - 1) / 1e9; math.Abs(sol.Value-want) > 1e-12 || sol.Outcome != 0 {
		t.Errorf("min rate %v (gap years %v), want %v", sol.Value, sol.Outcome, want)
	}
}

func TestNoRoot(t *testing.T) {
	m := model(t, "initiative.x.savings_scale")
	e := NewEvaluator(m, m.OutcomeIndex("purchase.kruis.ratio"))
	_, err := Solve(context.Background(), e, 0, 0, 0.5, 1, false)
	var nr *NoRoot
	if !errors.As(err, &nr) || nr.AtLow != 0 || math.Abs(nr.AtHigh-0.75) > 1e-12 {
		t.Fatalf("got %v, want no root with the ratio 0 at 0 and 0.75 at 0.5", err)
	}
}
