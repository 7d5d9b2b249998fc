package deal

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
)

// twoParties: A and B (turnover € 1,000,000 each) pay into a wallet for
// x (cost € 10,000 a year, two years, no discounting, no growth), which
// saves A € 15,000 and B € 1,000 a year. Without the wallet x does not run:
// everyone's net is 0 (the status quo). With it, A gains 2 × (15,000 −
// c_A) and B 2 × (1,000 − c_B), c = rate × 1,000,000, and c_A + c_B ≥
// 10,000 funds x.
const twoParties = `[region]
first_year = 2026
horizon = 2
discount_rate = 0
[[party]]
id = "a"
name = "A"
kind = "insurer"
turnover = 1_000_000
[[party]]
id = "b"
name = "B"
kind = "municipality"
turnover = 1_000_000
[[party]]
id = "w"
kind = "social_work"
[[initiative]]
id = "x"
provider = "w"
cost = 10_000
savings = { a = %d, b = 1_000 }
[[instrument]]
type = "wallet"
id = "pot"
contributors = ["a", "b"]
funds = ["x"]
`

func parse(t *testing.T, savingsA int) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Parse("two.toml", []byte(fmt.Sprintf(twoParties, savingsA)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func rateOf(r *Result, id string) float64 { return r.party(id).Rate }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-7 }

// TestTwoPartiesByHand: with A's rate at most 0.98 % and B's gain at
// least € 1,600 over the two years (c_B ≤ 200), c_A ≤ 9,800 leaves c_B =
// 200: rates 0.98 % and 0.02 %; the run verifies it: x funded, A gains
// 2 × 5,200 = 10,400, B exactly 1,600.
func TestTwoPartiesByHand(t *testing.T) {
	r, err := Solve(parse(t, 15_000), Options{Wallet: "pot", Bounds: map[string][2]float64{"a": {0, 0.0098}}, Floors: map[string]float64{"b": 1_600}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Infeasible != "" || !r.Verified {
		t.Fatalf("no verified deal: %+v", r)
	}
	if !near(rateOf(r, "a"), 0.0098) || !near(rateOf(r, "b"), 0.0002) {
		t.Errorf("rates %v and %v, want 0.0098 and 0.0002", rateOf(r, "a"), rateOf(r, "b"))
	}
	if a, b := r.party("a"), r.party("b"); math.Abs(a.Net-10_400) > 0.01 || math.Abs(b.Net-1_600) > 0.01 || !b.Binding || a.AtBound != "high" {
		t.Errorf("A nets %v (want 10,400, at its bound), B %v (want 1,600, its floor binding)", a.Net, b.Net)
	}
}

// TestMaxMinByHand: the most equal outcome maximises the smaller gain per
// euro of turnover: B's gain 2 × (1,000 − c_B) is largest at c_B = 0, and
// A pays all 10,000 (gain 2 × 5,000 = 10,000 ≥ B's 2,000).
func TestMaxMinByHand(t *testing.T) {
	r, err := Solve(parse(t, 15_000), Options{Wallet: "pot", Objective: MaxMin})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Verified || !near(rateOf(r, "a"), 0.01) || !near(rateOf(r, "b"), 0) {
		t.Errorf("rates %v and %v, want 0.01 and 0 (verified %v)", rateOf(r, "a"), rateOf(r, "b"), r.Verified)
	}
	// With savings of 1,000 a year each, the 10,000 a year cost both
	// more than they save together (4,000 against 20,000 over two years):
	// no deal leaves both at their status quo.
	poor, err := Solve(parse(t, 1_000), Options{Wallet: "pot", Objective: MaxMin})
	if err != nil {
		t.Fatal(err)
	}
	if poor.Infeasible != "floor" {
		t.Fatalf("savings below the cost: %+v", poor)
	}
}

// TestSymmetricEqual: two equal parties (savings 6,000 each, cost 10,000)
// share the cost equally under max-min: 0.5 % each, each gaining
// 2 × 1,000.
func TestSymmetricEqual(t *testing.T) {
	src := strings.Replace(fmt.Sprintf(twoParties, 6_000), "b = 1_000", "b = 6_000", 1)
	s, err := scenarios.Parse("sym.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Solve(s, Options{Wallet: "pot", Objective: MaxMin})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Verified || !near(rateOf(r, "a"), 0.005) || !near(rateOf(r, "b"), 0.005) {
		t.Errorf("rates %v and %v, want 0.005 each", rateOf(r, "a"), rateOf(r, "b"))
	}
}

// TestLeastTiesShared: under the least contribution the two equal parties
// of TestSymmetricEqual can split the 10,000 a year any way up to 6,000
// each; the tie is broken by the most equal gain: 0.5 % each again, not a
// corner where one pays 6,000 and ends at its status quo.
func TestLeastTiesShared(t *testing.T) {
	src := strings.Replace(fmt.Sprintf(twoParties, 6_000), "b = 1_000", "b = 6_000", 1)
	s, err := scenarios.Parse("sym.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Solve(s, Options{Wallet: "pot"})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Verified || !near(rateOf(r, "a"), 0.005) || !near(rateOf(r, "b"), 0.005) || math.Abs(r.TotalPV-20_000) > 0.01 {
		t.Errorf("rates %v and %v (total %v), want 0.005 each (20,000 over two years)", rateOf(r, "a"), rateOf(r, "b"), r.TotalPV)
	}
}

// TestTiesSharedWithABystander: TestLeastTiesShared with a third
// contributor c that saves nothing: it pays nothing in any deal that
// leaves it at its status quo, so its gain (0) is the smallest in every
// one; the tie between a and b is still broken by their gains (leximin):
// 0.5 % each under both objectives, not a corner at 0.6 % / 0.4 %.
func TestTiesSharedWithABystander(t *testing.T) {
	src := strings.Replace(fmt.Sprintf(twoParties, 6_000), "b = 1_000", "b = 6_000", 1)
	src = strings.Replace(src, `contributors = ["a", "b"]`, `contributors = ["a", "b", "c"]`, 1)
	src = strings.Replace(src, "[[initiative]]", "[[party]]\nid = \"c\"\nkind = \"municipality\"\nturnover = 1_000_000\n[[initiative]]", 1)
	s, err := scenarios.Parse("three.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, objective := range []string{Least, MaxMin} {
		r, err := Solve(s, Options{Wallet: "pot", Objective: objective})
		if err != nil {
			t.Fatal(err)
		}
		if !r.Verified || !near(rateOf(r, "a"), 0.005) || !near(rateOf(r, "b"), 0.005) || rateOf(r, "c") != 0 {
			t.Errorf("%s: rates %v, %v and %v; want 0.005, 0.005 and 0", objective, rateOf(r, "a"), rateOf(r, "b"), rateOf(r, "c"))
		}
	}
}

// TestNoTurnover: contributors without turnover (and an initiative that
// costs nothing) leave nothing to share: the least deal is rates of 0,
// verified; the tie-break has nothing to divide by and stays out.
func TestNoTurnover(t *testing.T) {
	src := strings.ReplaceAll(fmt.Sprintf(twoParties, 15_000), "turnover = 1_000_000", "turnover = 0")
	src = strings.Replace(src, "cost = 10_000", "cost = 0", 1)
	s, err := scenarios.Parse("zero.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Solve(s, Options{Wallet: "pot"})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Verified || rateOf(r, "a") != 0 || rateOf(r, "b") != 0 {
		t.Errorf("verified %v, rates %v and %v; want a verified deal at 0", r.Verified, rateOf(r, "a"), rateOf(r, "b"))
	}
}

// TestFloorHoldsAtMillions: TestTwoPartiesByHand at the scale of a region:
// turnovers of € 2 bn, a cost of € 20 M a year, savings of € 15 M each;
// A at most 0.5 % (€ 10 M a year) leaves B € 10 M a year, and B's floor
// of € 10 M over the two years binds exactly (2 × (15 − 10) M). The deal
// is verified: a hair above the program's rates would take B two cents
// below its floor, so the rates as they are are tried first.
func TestFloorHoldsAtMillions(t *testing.T) {
	src := strings.ReplaceAll(fmt.Sprintf(twoParties, 15_000_000), "turnover = 1_000_000", "turnover = 2_000_000_000")
	src = strings.Replace(strings.Replace(src, "cost = 10_000", "cost = 20_000_000", 1), "b = 1_000", "b = 15_000_000", 1)
	s, err := scenarios.Parse("big.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Solve(s, Options{Wallet: "pot", Bounds: map[string][2]float64{"a": {0, 0.005}}, Floors: map[string]float64{"b": 10_000_000}})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Verified || !near(rateOf(r, "a"), 0.005) || !near(rateOf(r, "b"), 0.005) || math.Abs(r.party("b").Net-10_000_000) > 0.01 {
		t.Errorf("verified %v, rates %v and %v, B nets %v; want 0.5 %% each and B at 10,000,000", r.Verified, rateOf(r, "a"), rateOf(r, "b"), r.party("b").Net)
	}
}

// TestScaleFree: a deal does not depend on the unit of money. The same
// region in euros and in ten-thousands of euros (every turnover, cost and
// saving × 10,000; six years, discounting at 8 %, turnovers growing by
// +15 % and −10 % a year, so that no rate is a corner by symmetry) gets
// the same rates under both objectives, and both gains grow 10,000-fold.
func TestScaleFree(t *testing.T) {
	const src = `[region]
first_year = 2026
horizon = 6
discount_rate = 0.08
[[party]]
id = "a"
kind = "insurer"
turnover = %d
growth = 0.15
[[party]]
id = "b"
kind = "municipality"
turnover = %d
growth = -0.10
[[party]]
id = "w"
kind = "social_work"
[[initiative]]
id = "x"
provider = "w"
cost = %d
savings = { a = %d, b = %d }
[[instrument]]
type = "wallet"
id = "pot"
contributors = ["a", "b"]
funds = ["x"]
`
	deal := func(f int, objective string) *Result {
		s, err := scenarios.Parse("scale.toml", []byte(fmt.Sprintf(src, 2_000_000*f, 1_000_000*f, 10_000*f, 9_000*f, 6_000*f)))
		if err != nil {
			t.Fatal(err)
		}
		r, err := Solve(s, Options{Wallet: "pot", Objective: objective})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for _, objective := range []string{Least, MaxMin} {
		small, big := deal(1, objective), deal(10_000, objective)
		for _, id := range []string{"a", "b"} {
			rs, rb := rateOf(small, id), rateOf(big, id)
			ns, nb := small.party(id).Net, big.party(id).Net
			if !small.Verified || !big.Verified || math.Abs(rs-rb) > 1e-9 || math.Abs(nb-10_000*ns) > 1e-6*big.TotalPV+1 {
				t.Errorf("%s, %s: rate %v and net %v in euros, rate %v and net %v at ×10,000 (verified %v, %v)", objective, id, rs, ns, rb, nb, small.Verified, big.Verified)
			}
		}
	}
}

// TestInfeasibleSaysWhy: B cannot gain 2,100 (at most 2 × 1,000 when it
// pays nothing): its floor falls short by 100; and at most 0.1 % a party
// raises 2,000 of the 10,000 a year: a gap remains (8,000 in 2026 alone).
func TestInfeasibleSaysWhy(t *testing.T) {
	r, err := Solve(parse(t, 15_000), Options{Wallet: "pot", Floors: map[string]float64{"b": 2_100}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Infeasible != "floor" || math.Abs(r.Shortfall["b"]-100) > 0.01 {
		t.Errorf("B's floor: %q, shortfall %v, want 100", r.Infeasible, r.Shortfall)
	}
	r, err = Solve(parse(t, 15_000), Options{Wallet: "pot", MaxRate: 0.001})
	if err != nil {
		t.Fatal(err)
	}
	if r.Infeasible != "funding" || r.GapAtMax < 8_000 {
		t.Errorf("funding at 0.1 %%: %q, gap %v", r.Infeasible, r.GapAtMax)
	}
}

// TestBadTerms: an unknown wallet, a bound with LOW > HIGH, a floor of a
// party not at the table are problems with a suggestion.
func TestBadTerms(t *testing.T) {
	s := parse(t, 15_000)
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{Wallet: "pott"}, `did you mean "pot"?`},
		{Options{Wallet: "pot", Bounds: map[string][2]float64{"a": {0.02, 0.01}}}, "is not a range of rates"},
		{Options{Wallet: "pot", Floors: map[string]float64{"c": 1}}, `"c" is not a party at the table`},
		{Options{Wallet: "pot", Bounds: map[string][2]float64{"w": {0, 0.01}}}, `"w" does not contribute`},
	} {
		if _, err := Solve(s, c.o); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.o, err, c.want)
		}
	}
}

// TestRealisticExample: on the built-in example the phase-out converts a
// quarter of Zorgverzekeraar A's freed legacy money into the wallet;
// without the wallet A keeps it, so no rates bring A back to its status
// quo; the best achievable deal funds everything (verified) and leaves
// every other party at or above its status quo.
func TestRealisticExample(t *testing.T) {
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Solve(s, Options{Wallet: "portemonnee"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Infeasible != "floor" || r.Shortfall["zv-a"] <= 0 || len(r.Shortfall) != 1 {
		t.Fatalf("want zv-a's status quo out of reach: %q %v", r.Infeasible, r.Shortfall)
	}
	if r.MaxGap >= cent {
		t.Errorf("the best deal leaves a gap of %v", r.MaxGap)
	}
	for _, p := range r.Parties {
		if p.ID != "zv-a" && p.Net < p.Floor-cent {
			t.Errorf("%s nets %v, below its status quo %v", p.ID, p.Net, p.Floor)
		}
		// No rate of the simplex's dust (1e-12, 4e-10 once): a rate a
		// table can write down, or none.
		if p.Rate != 0 && p.Rate < rateDust {
			t.Errorf("%s pays a rate of %v", p.ID, p.Rate)
		}
	}
}

// TestSidePaymentsByHand: in the two-party case with a wallet at 0.5 %
// each (c = 5,000 a year), A nets 2 × (15,000 − 5,000) = 20,000 and B
// 2 × (1,000 − 5,000) = −8,000, against 0 for both without the wallet:
// A pays B 8,000 (PV, no discounting), which leaves A 12,000 and B 0.
func TestSidePaymentsByHand(t *testing.T) {
	src := strings.Replace(fmt.Sprintf(twoParties, 15_000), `funds = ["x"]`, "funds = [\"x\"]\nrate = 0.005", 1)
	s, err := scenarios.Parse("side.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := SidePayments(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]SideParty{}
	for _, p := range r.Parties {
		got[p.ID] = p
	}
	if r.Infeasible || math.Abs(got["a"].Payment+8_000) > 0.01 || math.Abs(got["b"].Payment-8_000) > 0.01 ||
		math.Abs(got["a"].After-12_000) > 0.01 || math.Abs(r.Moved-8_000) > 0.01 {
		t.Errorf("side payments %+v", r)
	}
	// B asking for 13,000 more than the gains cover: short by 1,000.
	r, err = SidePayments(s, map[string]float64{"b": 13_000})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Infeasible || math.Abs(r.Short-1_000) > 0.01 {
		t.Errorf("a floor beyond the gains: %+v", r)
	}
}

// TestMaxGap: two parties saving 6,000 a year each, at most 0.4 % each,
// raise 8,000 of the 10,000 a year: no full funding; allowing a gap of
// 2,000 a year the deal takes the 8,000 (both at their highest rate), and
// the run shows that gap, within the allowance (x then runs at 80 %: each
// saves 4,800 a year and pays 4,000, still above 0).
func TestMaxGap(t *testing.T) {
	src := strings.Replace(fmt.Sprintf(twoParties, 6_000), "b = 1_000", "b = 6_000", 1)
	s, err := scenarios.Parse("gap.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if r, err := Solve(s, Options{Wallet: "pot", MaxRate: 0.004}); err != nil || r.Infeasible != "funding" {
		t.Fatalf("without a gap allowed: %v %+v", err, r)
	}
	r, err := Solve(s, Options{Wallet: "pot", MaxRate: 0.004, MaxGap: 2_000})
	if err != nil {
		t.Fatal(err)
	}
	if r.Infeasible != "" || !r.Verified || math.Abs(r.MaxGap-2_000) > 0.01 || !near(rateOf(r, "a"), 0.004) || !near(rateOf(r, "b"), 0.004) {
		t.Errorf("%q verified %v, gap %v (want 2,000), rates %v and %v (want 0.004)", r.Infeasible, r.Verified, r.MaxGap, rateOf(r, "a"), rateOf(r, "b"))
	}
}

// TestCapAndOthersFloor: a cap keeps the model linear below it (B's cap of
// 2,000 a year bounds its rate at 0.2 %; A pays the other 8,000); a floor a
// party outside the wallet cannot reach is given up, with its shortfall,
// for the others' best deal (not a table of zeros); a gap allowed and a
// floor together name the floor.
func TestCapAndOthersFloor(t *testing.T) {
	src := strings.Replace(fmt.Sprintf(twoParties, 15_000), `funds = ["x"]`, "funds = [\"x\"]\ncap = { b = 2_000 }", 1)
	s, err := scenarios.Parse("cap.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Solve(s, Options{Wallet: "pot", Objective: MaxMin})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Verified || r.party("b").Rate > 0.002+1e-9 {
		t.Errorf("with a cap: verified %v, B's rate %v (at most 0.002)", r.Verified, r.party("b").Rate)
	}
	r, err = Solve(parse(t, 15_000), Options{Wallet: "pot", Floors: map[string]float64{"w": 5}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Infeasible != "floor" || math.Abs(r.Shortfall["w"]-5) > 0.01 || r.MaxGap >= cent || rateOf(r, "a")+rateOf(r, "b") < 0.01-1e-9 {
		t.Errorf("a floor outside the wallet: %q %v, gap %v, rates %v %v", r.Infeasible, r.Shortfall, r.MaxGap, rateOf(r, "a"), rateOf(r, "b"))
	}
	r, err = Solve(parse(t, 15_000), Options{Wallet: "pot", MaxRate: 0.004, MaxGap: 2_000, Floors: map[string]float64{"b": 3_000}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Infeasible != "floor" || r.Shortfall["b"] <= 0 {
		t.Errorf("a gap allowed and B's floor: %q %v", r.Infeasible, r.Shortfall)
	}
}
