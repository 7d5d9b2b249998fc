package sim

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim/ledger"
)

// withBudget is the built-in realistic example with a regional budget
// appended (so applied last).
func withBudget(t *testing.T, budget string) *scenarios.Scenario {
	t.Helper()
	src, err := scenarios.ExampleSource("realistic")
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Parse("realistic+budget.toml", append(append(src, '\n'), budget...))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return s
}

func instrument(t *testing.T, r *Result, id string) (InstrumentResult, ledger.Account) {
	t.Helper()
	for n, in := range r.Instruments {
		if in.ID == id {
			return in, ledger.Account(len(r.Parties) + n)
		}
	}
	t.Fatalf("no instrument %s", id)
	return InstrumentResult{}, ledger.Outside
}

// budgetEntries sums the ledger's entries of kind Budget per year.
func budgetEntries(r *Result, check func(ledger.Entry)) Series {
	out := make(Series, len(r.Years))
	for _, en := range r.Ledger {
		if en.Kind == ledger.Budget {
			out[en.Year-r.Years[0]] += en.Amount
			check(en)
		}
	}
	return out
}

// A regional budget of 1 000 000 a year growing 2 % into the example's
// wallet: the wallet's pot receives 1 000 000 × 1.02^k in year k, from
// outside the region, by hand:
//
//	2026 1 000 000          2031 1 104 080.80320
//	2027 1 020 000          2032 1 126 162.419264
//	2028 1 040 400          2033 1 148 685.66764928
//	2029 1 061 208          2034 1 171 659.3810022656
//	2030 1 082 432.16       2035 1 195 092.568622310912
//
// and nothing else of the wallet changes (the example's wallet pays no
// interest): what comes in on top is exactly the shares.
func TestRegionalBudgetIntoWallet(t *testing.T) {
	want := Series{1_000_000, 1_020_000, 1_040_400, 1_061_208, 1_082_432.16,
		1_104_080.80320, 1_126_162.419264, 1_148_685.66764928, 1_171_659.3810022656, 1_195_092.568622310912}
	plain, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	before, err := Run(plain, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := withBudget(t, "[[instrument]]\ntype = \"regional_budget\"\nid = \"rb\"\namount = 1_000_000\ngrowth = 0.02\nto = \"portemonnee\"\n")
	r, err := Run(s, Options{}) // the run checks that money is conserved
	if err != nil {
		t.Fatal(err)
	}
	_, pot := instrument(t, r, "portemonnee")
	rb, _ := instrument(t, r, "rb")
	got := budgetEntries(r, func(en ledger.Entry) {
		if en.From != ledger.Outside || en.To != pot || en.Stream != "regiobudget" || r.Instruments[en.Instrument].ID != "rb" {
			t.Errorf("entry %+v: want from outside into the wallet's pot, stream regiobudget, by rb", en)
		}
	})
	checkSeries(t, "budget entries", got, want...)
	wBefore, _ := instrument(t, before, "portemonnee")
	wAfter, _ := instrument(t, r, "portemonnee")
	for k := range want {
		if d := wAfter.In[k] - wBefore.In[k]; math.Abs(d-want[k]) > 1e-6 {
			t.Errorf("%d: the wallet's pot receives %.6f more, want %.6f", r.Years[k], d, want[k])
		}
	}
	// The budget passes its shares on: in and out, no pot of its own.
	checkSeries(t, "rb in", rb.In, want...)
	checkSeries(t, "rb out", rb.Out, want...)
	checkSeries(t, "rb balance", rb.Balance, make(Series, len(want))...)
	// More money in the wallet never widens a gap.
	if r.Totals.Total.Gap > before.Totals.Total.Gap+1e-6 {
		t.Errorf("gap %v with the budget, %v without", r.Totals.Total.Gap, before.Totals.Total.Gap)
	}

	m, err := Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	out := runAll(t, m, m.NewState(), nil)
	if i := m.OutcomeIndex("regional_budget.rb.in"); i < 0 || !eq(out[i], want.Sum()) {
		t.Errorf("regional_budget.rb.in: index %d, want %.6f", i, want.Sum())
	}
	if i := m.OutcomeIndex("regional_budget.rb.closing_balance"); i >= 0 {
		t.Errorf("a budget paid into a wallet has no pot of its own, but an outcome %s", m.Outcomes()[i].Name)
	}
}

// A budget into a wallet a variant switches off pays nothing: the
// national government keeps its money.
func TestRegionalBudgetIntoDisabledWallet(t *testing.T) {
	s := withBudget(t, "[[instrument]]\ntype = \"regional_budget\"\nid = \"rb\"\namount = 1_000_000\nto = \"portemonnee\"\n")
	v, err := s.WithVariant(&scenarios.Variant{Name: "no wallet", Disable: []string{"portemonnee"}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(v, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := budgetEntries(r, func(ledger.Entry) {}); got.Sum() != 0 {
		t.Errorf("paid %v into a switched-off wallet", got)
	}
}

// budgetRegion: one initiative of 600 000 a year, ramped up over two
// years, growing 2.5 % a year, and nothing else to fund it.
const budgetRegion = `[region]
first_year = 2026
horizon = 3
indexation = 0.025
[[party]]
id = "rijk"
kind = "national"
[[party]]
id = "zv"
kind = "insurer"
[[party]]
id = "wz"
kind = "social_work"
[[initiative]]
id = "x"
provider = "wz"
cost = 600_000
start = 2026
ramp_years = 2
savings = { zv = 900_000 }
`

// A budget that funds an initiative itself keeps its own pot: 500 000 a
// year growing 2 %, by hand:
//
//	year  share    need               available  paid     carried
//	2026  500 000  600 000 × ½ = 300 000   500 000  300 000  200 000
//	2027  510 000  600 000 × 1.025 = 615 000  710 000  615 000   95 000
//	2028  520 200  600 000 × 1.025² = 630 375  615 200  615 200        0 (gap 15 175)
//
// With until = 2027 the 2028 share is not paid: the pot pays what it
// carried, 95 000.
func TestRegionalBudgetFundsItself(t *testing.T) {
	rb := "[[instrument]]\ntype = \"regional_budget\"\nid = \"rb\"\namount = 500_000\ngrowth = 0.02\nfunds = [\"x\"]\npayer = \"rijk\"\n"
	r := mustRun(t, budgetRegion+rb)
	in, pot := instrument(t, r, "rb")
	checkSeries(t, "in", in.In, 500_000, 510_000, 520_200)
	checkSeries(t, "out", in.Out, 300_000, 615_000, 615_200)
	checkSeries(t, "balance", in.Balance, 200_000, 95_000, 0)
	x := initiative(t, r, "x")
	checkSeries(t, "funded", x.Funded, 300_000, 615_000, 615_200)
	checkSeries(t, "gap", x.Gap, 0, 0, 15_175)
	checkSeries(t, "rijk paid", party(t, r, "rijk").Paid, 500_000, 510_000, 520_200)
	shares := budgetEntries(r, func(en ledger.Entry) {
		if en.From != 0 || en.To != pot {
			t.Errorf("entry %+v: want from rijk into the budget's own pot", en)
		}
	})
	checkSeries(t, "budget entries", shares, 500_000, 510_000, 520_200)
	funding := 0.0
	for _, en := range r.Ledger {
		if en.Kind == ledger.Funding {
			if en.From != pot {
				t.Errorf("funding %+v not from the budget's pot", en)
			}
			funding += en.Amount
		}
	}
	// Σ shares = Σ allocations + closing balance.
	if !eq(shares.Sum(), funding+in.Balance[2]) {
		t.Errorf("shares %.6f, funding %.6f + closing %.6f", shares.Sum(), funding, in.Balance[2])
	}

	s, err := scenarios.Parse("b.toml", []byte(budgetRegion+rb))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := Compile(s)
	names := []string{}
	for _, o := range m.Outcomes() {
		if strings.HasPrefix(o.Name, "regional_budget.") {
			names = append(names, o.Name)
		}
	}
	if want := []string{"regional_budget.rb.in", "regional_budget.rb.out", "regional_budget.rb.closing_balance"}; !slices.Equal(names, want) {
		t.Errorf("outcomes %q, want %q", names, want)
	}

	r = mustRun(t, budgetRegion+rb+"until = 2027\n")
	in, _ = instrument(t, r, "rb")
	checkSeries(t, "in until 2027", in.In, 500_000, 510_000, 0)
	checkSeries(t, "funded until 2027", initiative(t, r, "x").Funded, 300_000, 615_000, 95_000)
}

// The growth defaults to the region's indexation, and a compiled model
// varies amount and growth as a fresh scenario with them set.
func TestRegionalBudgetDefaultsAndSlots(t *testing.T) {
	rb := "[[instrument]]\ntype = \"regional_budget\"\nid = \"rb\"\namount = 400_000\nfunds = [\"x\"]\n"
	r := mustRun(t, budgetRegion+rb)
	in, _ := instrument(t, r, "rb")
	checkSeries(t, "in", in.In, 400_000, 410_000, 420_250) // × 1.025^k
	s, _ := scenarios.Parse("b.toml", []byte(budgetRegion+rb))
	m, err := Compile(s, "instrument.rb.amount", "instrument.rb.growth")
	if err != nil {
		t.Fatal(err)
	}
	got := runAll(t, m, m.NewState(), []float64{100_000, 0.1})
	fresh, _ := scenarios.Parse("b.toml", []byte(budgetRegion+strings.Replace(rb, "400_000", "100_000\ngrowth = 0.1", 1)))
	fm, _ := Compile(fresh)
	want := runAll(t, fm, fm.NewState(), nil)
	for n, o := range m.Outcomes() {
		if got[n] != want[n] {
			t.Errorf("%s: compiled %v, fresh %v", o.Name, got[n], want[n])
		}
	}
	if i := m.OutcomeIndex("regional_budget.rb.in"); !eq(got[i], 100_000+110_000+121_000) {
		t.Errorf("in %v, want 331 000", got[i])
	}
}
