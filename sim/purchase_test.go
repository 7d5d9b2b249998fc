package sim

import (
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"gonum.org/v1/gonum/floats/scalar"
)

// purchaseRun runs testdata/scenarios/purchase.toml (see its comment)
// with the instruments of more, the values of set set by path.
func purchaseRun(t *testing.T, more string, set map[string]any) *Result {
	t.Helper()
	return runScenario(t, fixture(t, "purchase.toml", more, set))
}

func purchase(id, initiative, extra string) string {
	return "[[instrument]]\ntype = \"cross_purchase\"\nid = \"" + id + "\"\nbuyer = \"zv\"\ninitiative = \"" + initiative + "\"\n" + extra
}

func TestCrossPurchaseDecisions(t *testing.T) {
	r := purchaseRun(t, purchase("kx", "x", "")+purchase("ky", "y", "window = 2\n")+purchase("kz", "z", ""), nil)
	want := map[string]struct {
		ratio  float64
		closes bool
	}{
		// By hand: x saves zv 4 × 120 = 480 against 4 × 100 = 400: 1.2.
		"kx": {1.2, true},
		// y saves nothing in its first two years (lag 2): 0 / 200.
		"ky": {0, false},
		// z saves zv 4 × 30 = 120 against 400: 0.3.
		"kz": {0.3, false},
	}
	for _, d := range r.Purchases {
		w := want[d.Instrument]
		if !scalar.EqualWithinAbs(d.Ratio, w.ratio, 1e-12) || d.Closes != w.closes {
			t.Errorf("%s: ratio %v closes %v; want %v %v", d.Instrument, d.Ratio, d.Closes, w.ratio, w.closes)
		}
	}
	// A closed case: the buyer pays what is unfunded, 100 a year; its net
	// is 4 × (120 − 100) = 80.
	checkSeries(t, "x funded", initiative(t, r, "x").Funded, 100, 100, 100, 100)
	// Cases that do not close pay nothing.
	checkSeries(t, "y funded", initiative(t, r, "y").Funded, 0, 0, 0, 0)
	checkSeries(t, "z funded", initiative(t, r, "z").Funded, 0, 0, 0, 0)
	if zv := party(t, r, "zv"); !eq(zv.Total.Net, 80) {
		t.Errorf("zv net %v, want 80", zv.Total.Net)
	}
}

func TestCrossPurchaseShareDecisionYearAndDiscount(t *testing.T) {
	r := purchaseRun(t, purchase("kx", "x", "share = 0.5\ndecision_year = 2027\nwindow = 2\n"), map[string]any{"region.discount_rate": 0.1})
	d := r.Purchases[0]
	// By hand at 10 % to 2027: savings 120 + 120/1.1 = 229.0909…; cost
	// 0.5 × (100 + 100/1.1) = 95.4545…; ratio 2.4.
	if !scalar.EqualWithinRel(d.PVSavings, 120+120/1.1, 1e-12) || !scalar.EqualWithinRel(d.PVCost, 0.5*(100+100/1.1), 1e-12) ||
		!scalar.EqualWithinRel(d.Ratio, 2.4, 1e-12) || !d.Closes {
		t.Errorf("decision %+v; want PV savings 229.09, cost 95.45, ratio 2.4, closes", d)
	}
	// From 2027 on the buyer pays half of what is unfunded.
	checkSeries(t, "x funded", initiative(t, r, "x").Funded, 0, 50, 50, 50)
	checkSeries(t, "x coverage", initiative(t, r, "x").Coverage, 0, 0.5, 0.5, 0.5)
}

func TestBusinessCaseReasons(t *testing.T) {
	s := fixture(t, "purchase.toml", purchase("ky", "y", "window = 2\n"), nil)
	// Closes: x for zv over the rest of the horizon, ratio 1.2 (by hand above).
	x, err := Case(s, CaseQuery{Initiative: "x", Buyer: "zv"})
	if err != nil {
		t.Fatal(err)
	}
	if !x.Closes || !scalar.EqualWithinAbs(x.BuyerRatio, 1.2, 1e-12) || x.Window != 4 {
		t.Errorf("x: closes %v ratio %v window %d; want true 1.2 4", x.Closes, x.BuyerRatio, x.Window)
	}
	// Society: savings 4 × 150 = 600 against 400: 1.5; the wrong-pocket
	// share is gem's 30 of 150: 20 %.
	if !scalar.EqualWithinAbs(x.SocietyRatio, 1.5, 1e-12) || !scalar.EqualWithinAbs(x.WrongPocket, 0.2, 1e-12) {
		t.Errorf("x: society ratio %v wrong pocket %v; want 1.5 and 0.2", x.SocietyRatio, x.WrongPocket)
	}
	// Net for zv is +20 every year: pays back in the first year; the
	// flows never change sign, so there is no IRR.
	if x.BuyerPayback == nil || *x.BuyerPayback != 2026 || x.BuyerIRR != nil {
		t.Errorf("x: payback %v irr %v; want 2026 and none", x.BuyerPayback, x.BuyerIRR)
	}

	// Fails only for its short window: y takes the cross-purchase's window
	// of 2 years (ratio 0); over 4 years savings 2 × 200 = 400 equal the
	// cost 400, so it would close within 4.
	y, err := Case(s, CaseQuery{Initiative: "y"})
	if err != nil {
		t.Fatal(err)
	}
	if y.Buyer != "zv" || y.Instrument != "ky" || y.Closes || y.ClosesWithin != 4 {
		t.Errorf("y: buyer %s instrument %s closes %v within %d; want zv ky false 4", y.Buyer, y.Instrument, y.Closes, y.ClosesWithin)
	}
	// -100, -100, +100, +100: an IRR of exactly 0 (by hand: the sum is 0).
	if y.BuyerIRR != nil {
		t.Errorf("y over 2 years: flows -100, -100 have no sign change; IRR %v", *y.BuyerIRR)
	}
	y4, _ := Case(s, CaseQuery{Initiative: "y", Window: 4})
	if y4.BuyerIRR == nil || !scalar.EqualWithinAbs(*y4.BuyerIRR, 0, 1e-9) {
		t.Errorf("y over 4 years: IRR %v, want 0", y4.BuyerIRR)
	}

	// Fails because most savings land elsewhere: z for zv saves 30 of 150
	// a year; 80 % lands with gem and zk (40 % each).
	z, err := Case(s, CaseQuery{Initiative: "z", Buyer: "zv"})
	if err != nil {
		t.Fatal(err)
	}
	if z.Closes || z.ClosesWithin != 0 || !scalar.EqualWithinAbs(z.WrongPocket, 0.8, 1e-12) {
		t.Errorf("z: closes %v within %d wrong pocket %v; want false 0 0.8", z.Closes, z.ClosesWithin, z.WrongPocket)
	}
	if len(z.Others) != 2 || z.Others[0].Kind != "care_office" || !scalar.EqualWithinAbs(z.Others[0].Share, 0.4, 1e-12) {
		t.Errorf("z: others %+v; want care_office 0.4 and municipality 0.4", z.Others)
	}
	// Without a buyer, the party that saves most: gem and zk tie at 60;
	// the first in id order (gem) wins.
	if d, _ := Case(s, CaseQuery{Initiative: "z"}); d.Buyer != "gem" {
		t.Errorf("default buyer %s, want gem", d.Buyer)
	}
}

func TestWrongPocketByHand(t *testing.T) {
	// x is funded by zv's cross-purchase (400 over the horizon) and saves
	// zv 480 and gem 120. Matched pro rata: zv bears 400 for savings of
	// zv 320 and gem 80; the 80 + 40 saved beyond the cost sit in "none".
	r := purchaseRun(t, purchase("kx", "x", ""), nil)
	wp := r.WrongPocket
	cell := func(b, s string) float64 { return wp.Values[indexIn(wp.Bearers, b)][indexIn(wp.Savers, s)] }
	for _, c := range []struct {
		b, s string
		v    float64
	}{{"zv", "zv", 320}, {"zv", "gem", 80}, {"none", "zv", 160}, {"none", "gem", 40}, {"zv", "none", 0}} {
		if got := cell(c.b, c.s); !eq(got, c.v) {
			t.Errorf("%s bears for %s: %v, want %v", c.b, c.s, got, c.v)
		}
	}
}

func indexIn(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	panic("no " + s)
}

func TestCompareDifferentParties(t *testing.T) {
	// Found in review: a party missing from an option showed a difference
	// of 0. By hand: the base's party "a" nets +10, the option lacks it
	// (counts as 0, so Δ = −10) and has "b" instead (+4, Δ = +4).
	a := &Result{Years: []int{2026}, Parties: []PartyResult{{ID: "a", PV: Summary{Net: 10}}}}
	b := &Result{Years: []int{2026}, Parties: []PartyResult{{ID: "b", PV: Summary{Net: 4}}}}
	c := Compare([]Option{{Name: "A", Result: a}, {Name: "B", Result: b}})
	o := c.Options[1]
	if len(o.Parties) != 2 || o.Parties[0].ID != "a" || !o.Parties[0].Absent || o.Parties[0].Delta.Net != -10 ||
		o.Parties[1].ID != "b" || o.Parties[1].Delta.Net != 4 || o.WorseOff != 1 {
		t.Errorf("got %+v", o.Parties)
	}
	if base := c.Options[0]; len(base.Parties) != 2 || !base.Parties[1].Absent {
		t.Errorf("the base lists %+v; want a, and b as absent", base.Parties)
	}
}

func TestPurchaseDecisionMatchesItsBusinessCase(t *testing.T) {
	// The run's decision and `business-case` must never disagree.
	for _, name := range scenarios.Examples() {
		s, _ := scenarios.Example(name)
		r, err := Run(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for n, d := range r.Purchases {
			bc := r.Cases[n]
			if bc == nil || bc.Closes != d.Closes || !scalar.EqualWithinRel(bc.BuyerRatio, d.Ratio, 1e-12) || bc.Window != d.Window {
				t.Errorf("%s %s: decision %+v, case %+v", name, d.Instrument, d, bc)
			}
		}
	}
}
