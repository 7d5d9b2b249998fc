package sim

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim/ledger"
)

// fixture parses testdata/scenarios/NAME at the repository's root, a
// scenario the tests of sim, report and plots share (its comment says what
// it holds and its figures by hand), with the TOML of more appended, sets
// the values of set by path and checks it again.
func fixture(t *testing.T, name, more string, set map[string]any) *scenarios.Scenario {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "scenarios", name))
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Parse(name, append(b, more...))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	setAll(t, s, set)
	return s
}

// setAll sets the values of set by path and checks s again (also after a
// change no path reaches: a list, the order of the instruments).
func setAll(t *testing.T, s *scenarios.Scenario, set map[string]any) {
	t.Helper()
	for path, v := range set {
		if err := s.Set(path, v); err != nil {
			t.Fatal(err)
		}
	}
	if errs := s.Check().Errors(); len(errs) > 0 {
		t.Fatalf("the changed scenario: %v", errs)
	}
}

// runFund runs testdata/scenarios/fund.toml with the fund rf's keys of set
// (instrument.rf.KEY) set; the run checks conservation. The fixture: four
// years (2026–2029) at 0 % discount and no indexation, so that present
// values are plain sums. Initiative x costs 600 000 a year and saves the
// insurer zv 300 000 a year from its start (no lag, no ramp-up).
// Transformation funds, listed first, pay all of x from 2027 on, so the
// fund lends only in 2026; the municipality gem (turnover 10 000 000) puts
// in the fund's capital, 1 000 000 in 2026; term 2.
func runFund(t *testing.T, set map[string]any) *Result {
	t.Helper()
	return runScenario(t, fixture(t, "fund.toml", "", set))
}

// runScenario runs s (the run checks conservation).
func runScenario(t *testing.T, s *scenarios.Scenario) *Result {
	t.Helper()
	r, err := Run(s, Options{})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return r
}

// fundOf returns the fund's result and its reported series and figures
// by name.
func fundOf(t *testing.T, r *Result) (InstrumentResult, map[string]Series, map[string]float64) {
	t.Helper()
	ir, _ := instrument(t, r, "rf")
	series, figures := map[string]Series{}, map[string]float64{}
	for _, s := range ir.Series {
		series[s.Name] = s.Values
	}
	for _, f := range ir.Figures {
		figures[f.Name] = f.Value
	}
	return ir, series, figures
}

func checkFigures(t *testing.T, got, want map[string]float64) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok || !eq(g, w) {
			t.Errorf("figure %s = %v, want %v", name, g, w)
		}
	}
}

// A two-year loan repaid in full. By hand: gem puts in 1 000 000 in 2026;
// the fund lends x its 600 000 of 2026; zv realises 300 000 of savings in
// 2026 and repays all of it (repayment_share 1): 300 000 is outstanding;
// in 2027 it repays the other 300 000 (the loan's second and last year,
// term 2). Balance: 2026 1 000 000 − 600 000 + 300 000 = 700 000; 2027
// 1 000 000, and so on: back at its capital in 2027, so it revolves.
func TestFundLoanRepaidInFull(t *testing.T) {
	r := runFund(t, nil)
	ir, series, figures := fundOf(t, r)
	checkSeries(t, "capital in", series["capital_in"], 1_000_000, 0, 0, 0)
	checkSeries(t, "lent", series["lent"], 600_000, 0, 0, 0)
	checkSeries(t, "repaid", series["repaid"], 300_000, 300_000, 0, 0)
	checkSeries(t, "written off", series["written_off"], 0, 0, 0, 0)
	checkSeries(t, "balance", series["balance"], 700_000, 1_000_000, 1_000_000, 1_000_000)
	checkSeries(t, "pot balance", ir.Balance, 700_000, 1_000_000, 1_000_000, 1_000_000)
	checkFigures(t, figures, map[string]float64{"capital": 1_000_000, "lent": 600_000, "repaid": 600_000, "interest": 0,
		"written_off": 0, "outstanding": 0, "revolves": 1, "revolve_year": 2027})
	// The loan counts as funding of x in 2026: x runs at full scale.
	x := r.Initiatives[0]
	checkSeries(t, "x funded", x.Funded, 600_000, 600_000, 600_000, 600_000)
	// zv paid its repayments; gem paid its capital, which the pot holds.
	checkSeries(t, "zv paid", party(t, r, "zv").Paid, 300_000, 300_000, 0, 0)
	checkSeries(t, "gem paid", party(t, r, "gem").Paid, 1_000_000, 0, 0, 0)
	if cs := ir.ClosingBySource; len(cs) != 1 || cs[0].Source != "gem" || !eq(cs[0].Amount, 1_000_000) {
		t.Errorf("closing balance by source %+v, want all gem's 1 000 000 (the repayments return it)", cs)
	}
	// The wrong-pocket matrix: the loan repaid in full is borne by zv, who
	// repaid it, not by gem, who put in the capital. x costs 600 000 from
	// the fund (2026) and 1 800 000 from the transformation funds (from
	// outside); zv saves 1 200 000. Matched pro rata: zv→zv 600/2400 ×
	// 1 200 000 = 300 000, outside→zv 900 000; the cost beyond the
	// savings goes to "none": zv 300 000, outside 900 000.
	checkMatrix(t, r, map[[2]string]float64{
		{"zv", "zv"}: 300_000, {"zv", "none"}: 300_000, {"outside", "zv"}: 900_000, {"outside", "none"}: 900_000,
		{"gem", "zv"}: 0, {"gem", "none"}: 0,
	})
}

// checkMatrix compares cells of the wrong-pocket matrix (bearer, saver).
func checkMatrix(t *testing.T, r *Result, want map[[2]string]float64) {
	t.Helper()
	wp := r.WrongPocket
	for cell, w := range want {
		b, s := indexOf(wp.Bearers, cell[0]), indexOf(wp.Savers, cell[1])
		if b < 0 || s < 0 {
			t.Fatalf("no cell %v", cell)
		}
		if got := wp.Values[b][s]; math.Abs(got-w) > 1e-6 {
			t.Errorf("wrong pocket %s → %s = %.6f, want %.6f", cell[0], cell[1], got, w)
		}
	}
}

// A loan partly written off at the end of its term, with interest. By
// hand, repayment_share 0.5, interest 10 %, term 2: in 2026 zv repays
// 0.5 × 300 000 = 150 000 of the 600 000 (no interest on the year the
// loan is made): 450 000 outstanding. In 2027 interest is due on the
// 450 000 of the opening, 45 000; zv pays 150 000, of which 45 000
// interest and 105 000 principal: 345 000 outstanding at the end of the
// loan's second year, its last: written off. Balance: 2026 1 000 000 −
// 600 000 + 150 000 = 550 000; 2027 700 000; short of the 1 000 000 of
// capital: it does not revolve. Lent 600 000 = repaid 255 000 + written
// off 345 000.
func TestFundLoanPartlyWrittenOff(t *testing.T) {
	r := runFund(t, map[string]any{"instrument.rf.repayment_share": 0.5, "instrument.rf.interest": 0.1})
	ir, series, figures := fundOf(t, r)
	checkSeries(t, "repaid", series["repaid"], 150_000, 105_000, 0, 0)
	checkSeries(t, "interest", series["interest"], 0, 45_000, 0, 0)
	checkSeries(t, "written off", series["written_off"], 0, 345_000, 0, 0)
	checkSeries(t, "balance", series["balance"], 550_000, 700_000, 700_000, 700_000)
	checkFigures(t, figures, map[string]float64{"capital": 1_000_000, "lent": 600_000, "repaid": 255_000, "interest": 45_000,
		"written_off": 345_000, "outstanding": 0, "revolves": 0, "revolve_year": 0})
	// The pot's 700 000 is gem's 400 000 left, plus its 150 000 + 105 000
	// repaid, 655 000, and zv's 45 000 of interest.
	want := map[string]float64{"gem": 655_000, "zv": 45_000}
	if len(ir.ClosingBySource) != 2 {
		t.Errorf("closing by source %+v, want gem and zv", ir.ClosingBySource)
	}
	for _, cs := range ir.ClosingBySource {
		if !eq(cs.Amount, want[cs.Source]) {
			t.Errorf("closing balance of %s: %v, want %v", cs.Source, cs.Amount, want[cs.Source])
		}
	}
	// The wrong-pocket matrix: of the fund's 600 000, zv bears the
	// 255 000 it repaid and gem the 345 000 written off (the fund's
	// capital); x's total cost is 2 400 000, the savings 1 200 000:
	// zv→zv 255/2400 × 1 200 000 = 127 500, gem→zv 172 500,
	// outside→zv 900 000, and half of each bearer's cost to "none".
	checkMatrix(t, r, map[[2]string]float64{
		{"zv", "zv"}: 127_500, {"zv", "none"}: 127_500, {"gem", "zv"}: 172_500, {"gem", "none"}: 172_500,
		{"outside", "zv"}: 900_000, {"outside", "none"}: 900_000,
	})
}

// A loan still outstanding at the end of the horizon stays with the
// fund's capital; capital can come from a wallet's pot: the fixture with a
// wallet of gem's listed before the fund, which takes its capital from the
// wallet instead of from gem. By hand: the wallet takes 10 % of gem's 10 000 000 in 2026 and the fund, listed
// after it, takes its 1 000 000; term 10, repayment_share 0.25: zv repays
// 75 000 a year, 300 000 over the four years, 300 000 outstanding.
func TestFundOutstandingFromWallet(t *testing.T) {
	s := fixture(t, "fund.toml", "[[instrument]]\ntype = \"wallet\"\nid = \"pot\"\nrate = 0.1\nuntil = 2026\ncontributors = [\"gem\"]\nfunds = []\n", nil)
	s.Instruments[1], s.Instruments[2] = s.Instruments[2], s.Instruments[1] // tf, pot, rf
	s.Instruments[2].(*instruments.RevolvingFund).Capital = nil
	setAll(t, s, map[string]any{"instrument.rf.from_wallet": "pot", "instrument.rf.from_wallet_amount": 1_000_000,
		"instrument.rf.repayment_share": 0.25, "instrument.rf.term": 10})
	r := runScenario(t, s)
	_, series, figures := fundOf(t, r)
	checkSeries(t, "capital in", series["capital_in"], 1_000_000, 0, 0, 0)
	checkSeries(t, "repaid", series["repaid"], 75_000, 75_000, 75_000, 75_000)
	checkFigures(t, figures, map[string]float64{"capital": 1_000_000, "repaid": 300_000, "written_off": 0, "outstanding": 300_000,
		"revolves": 0, "revolve_year": 0})
	w, _ := instrument(t, r, "pot")
	checkSeries(t, "wallet", w.Balance, 0, 0, 0, 0)
	// gem's wallet money bears what is outstanding, zv what it repaid.
	checkMatrix(t, r, map[[2]string]float64{{"zv", "zv"}: 150_000, {"gem", "zv"}: 150_000})
}

// The outcomes fund.rf.… are the Result's figures, and the ledger's
// entries of each kind add up to them.
func TestFundOutcomesAgree(t *testing.T) {
	s := fixture(t, "fund.toml", "", map[string]any{"instrument.rf.capital.zv": 200_000, "instrument.rf.capital_until": 2027,
		"instrument.rf.repayment_share": 0.5, "instrument.rf.interest": 0.1})
	r, err := Run(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ir, _, figures := fundOf(t, r)
	m, err := Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	var out OutcomeSink
	if err := m.NewState().Run(nil, &out); err != nil {
		t.Fatal(err)
	}
	rf := -1
	for n, in := range r.Instruments {
		if in.ID == "rf" {
			rf = n
		}
	}
	byKind := map[ledger.Kind]float64{}
	for _, en := range r.Ledger {
		if en.Instrument == rf {
			byKind[en.Kind] += en.Amount
		}
	}
	ledgerOf := map[string]float64{"capital": byKind[ledger.Capital], "lent": byKind[ledger.Loan], "repaid": byKind[ledger.Repayment],
		"interest": byKind[ledger.Interest], "written_off": byKind[ledger.WriteOff]}
	for _, f := range ir.Figures {
		k := m.OutcomeIndex("fund.rf." + f.Name)
		if k < 0 {
			t.Fatalf("no outcome fund.rf.%s", f.Name)
		}
		if !eq(out.Values[k], f.Value) {
			t.Errorf("fund.rf.%s = %v, the result says %v", f.Name, out.Values[k], f.Value)
		}
		if w, ok := ledgerOf[f.Name]; ok && !eq(w, f.Value) {
			t.Errorf("%s: %v, the ledger's entries add up to %v", f.Name, f.Value, w)
		}
	}
	if k := m.OutcomeIndex("fund.rf.closing_balance"); k < 0 || !eq(out.Values[k], ir.Balance[len(ir.Balance)-1]) {
		t.Errorf("fund.rf.closing_balance at %d", k)
	}
	// Money is conserved in the fund: capital + repaid + interest = lent
	// + closing balance; lent = repaid + written off + outstanding. By
	// hand: capital 1 200 000 a year in 2026 and 2027.
	if !eq(figures["capital"], 2_400_000) ||
		!eq(figures["capital"]+figures["repaid"]+figures["interest"], figures["lent"]+ir.Balance[len(ir.Balance)-1]) ||
		!eq(figures["lent"], figures["repaid"]+figures["written_off"]+figures["outstanding"]) {
		t.Errorf("the fund's figures do not add up: %v, closing %v", figures, ir.Balance[len(ir.Balance)-1])
	}
	for _, o := range m.Outcomes() {
		switch o.Name {
		case "fund.rf.revolves":
			if o.Unit != "share" || !o.Yes {
				t.Errorf("%s: unit %s, yes %v", o.Name, o.Unit, o.Yes)
			}
		case "fund.rf.revolve_year":
			if o.Unit != "count" {
				t.Errorf("%s: unit %s", o.Name, o.Unit)
			}
		case "fund.rf.written_off", "fund.rf.outstanding":
			if o.Unit != "euro" {
				t.Errorf("%s: unit %s", o.Name, o.Unit)
			}
		}
	}
	// A write-off moves no money: it is no transfer, and the parties'
	// paid and received do not see it.
	for _, en := range r.Ledger {
		if en.Kind == ledger.WriteOff && en.Kind.Transfer() {
			t.Errorf("write-off %+v is a transfer", en)
		}
	}
	if !strings.HasPrefix(m.Outcomes()[m.OutcomeIndex("fund.rf.lent")].Group, "fund") {
		t.Error("the fund's outcomes are not in the group fund")
	}
}
