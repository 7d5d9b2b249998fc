package sim

import (
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim/ledger"
	"pgregory.net/rapid"
)

// fromTables reads every outcome of m off a run's tables, independently of
// the outcome sink: the two must agree exactly.
func fromTables(m *Model, r *Result) []float64 {
	out := make([]float64, len(m.Outcomes()))
	yes := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	for n, o := range m.Outcomes() {
		switch o.Group {
		case "region":
			tot := r.Totals
			worse := 0
			for _, p := range r.Parties {
				if p.PV.Net < -worseOffMargin {
					worse++
				}
			}
			out[n] = map[string]float64{"need_pv": tot.PV.Need, "funding_pv": tot.PV.Funded, "gap_pv": tot.PV.Gap,
				"gap_after_funds_end_pv": tot.PVGapAfterFundsEnd, "savings_pv": tot.PV.Savings,
				"unfunded_initiatives": float64(tot.Unfunded), "worse_off_parties": float64(worse)}[o.Figure]
		case "party":
			p := r.Parties[r.PartyIndex(o.Subject)]
			out[n] = map[string]float64{"paid": p.Total.Paid, "received": p.Total.Received, "saved": p.Total.Saved, "legacy": p.Total.Legacy, "net": p.Total.Net,
				"paid_pv": p.PV.Paid, "received_pv": p.PV.Received, "saved_pv": p.PV.Saved, "legacy_pv": p.PV.Legacy, "net_pv": p.PV.Net}[o.Figure]
		case "initiative":
			var in *InitiativeResult
			for i := range r.Initiatives {
				if r.Initiatives[i].ID == o.Subject {
					in = &r.Initiatives[i]
				}
			}
			out[n] = map[string]float64{"need_pv": in.PV.Need, "funded_pv": in.PV.Funded, "gap": in.Total.Gap, "gap_pv": in.PV.Gap,
				"gap_after_funds_end": in.GapAfterFundsEnd, "gap_after_funds_end_pv": in.PVGapAfterFundsEnd,
				"coverage": in.HorizonCoverage, "savings_pv": in.PV.Savings, "gap_years": float64(in.GapYears),
				"fully_funded": yes(in.GapYears == 0), "wrong_pocket_share": in.WrongPocketShare}[o.Figure]
		case "wrong_pocket":
			b := indexOf(r.WrongPocket.Bearers, o.Subject)
			s := indexOf(r.WrongPocket.Savers, o.Other)
			out[n] = r.WrongPocket.Values[b][s]
		default: // an instrument
			var ir *InstrumentResult
			for i := range r.Instruments {
				if r.Instruments[i].ID == o.Subject {
					ir = &r.Instruments[i]
				}
			}
			switch o.Figure {
			case "in":
				out[n] = ir.In.Sum()
			case "out":
				out[n] = ir.Out.Sum()
			case "closing_balance":
				out[n] = ir.Balance[len(ir.Balance)-1]
			default:
				var c *BusinessCase
				for i, d := range r.Purchases {
					if d.Instrument == o.Subject {
						c = r.Cases[i]
						out[n] = map[string]float64{"ratio": d.Ratio, "closes": yes(d.Closes), "pv_savings": d.PVSavings,
							"pv_cost": d.PVCost, "net_benefit_pv": d.PVSavings - d.PVCost}[o.Figure]
					}
				}
				if o.Figure == "wrong_pocket_share" && c != nil {
					out[n] = c.WrongPocket
				}
				for _, f := range ir.Figures { // its own (instruments.Reporter)
					if f.Name == o.Figure {
						out[n] = f.Value
					}
				}
			}
		}
	}
	return out
}

func indexOf(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}

// runAll runs one state into all three sinks and checks that they agree:
// outcomes equal the tables' figures exactly, and the ledger adds up to
// the tables.
// fataler is what testing.T and rapid.T share.
type fataler interface {
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

func runAll(t fataler, m *Model, st *State, values []float64) []float64 {
	var out OutcomeSink
	if err := st.Run(values, &out); err != nil {
		t.Fatal(err)
	}
	tables := &TableSink{Cases: true}
	if err := st.Run(values, tables); err != nil {
		t.Fatal(err)
	}
	var lg LedgerSink
	if err := st.Run(values, &lg); err != nil {
		t.Fatal(err)
	}
	want := fromTables(m, tables.Result)
	for n, o := range m.Outcomes() {
		if out.Values[n] != want[n] && !(math.IsNaN(out.Values[n]) && math.IsNaN(want[n])) {
			t.Fatalf("%s: outcome sink %v, tables %v", o.Name, out.Values[n], want[n])
		}
	}
	for p, pr := range tables.Result.Parties {
		// From the entries by their kinds' properties: a change of baseline
		// income is legacy, not paid or received; a refund lowers paid.
		var paid, recv, legacy float64
		for _, en := range lg.Entries {
			props := en.Kind.Props()
			if !props.Has(ledger.IsTransfer) {
				continue
			}
			if int(en.From) == p {
				if props.Has(ledger.LegacyFrom) {
					legacy -= en.Amount
				} else {
					paid += en.Amount
				}
			}
			if int(en.To) == p {
				switch {
				case props.Has(ledger.LegacyTo):
					legacy += en.Amount
				case props.Has(ledger.IsRefund):
					paid -= en.Amount
				default:
					recv += en.Amount
				}
			}
		}
		if math.Abs(paid-pr.Total.Paid) > tolerance(paid) || math.Abs(recv-pr.Total.Received) > tolerance(recv) || math.Abs(legacy-pr.Total.Legacy) > tolerance(legacy) {
			t.Fatalf("%s: the ledger has paid %v, received %v, legacy %v; the tables %v, %v, %v", pr.ID, paid, recv, legacy, pr.Total.Paid, pr.Total.Received, pr.Total.Legacy)
		}
	}
	return out.Values
}

func TestSinksAgreeOnExamples(t *testing.T) {
	for _, name := range scenarios.Examples() {
		t.Run(name, func(t *testing.T) {
			s, err := scenarios.Example(name)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Compile(s)
			if err != nil {
				t.Fatal(err)
			}
			runAll(t, m, m.NewState(), nil)
		})
	}
}

// The slots varied in the random scenarios of genScenario.
var randomSlots = []string{"initiative.i0.savings_scale", "party.p0.growth", "instrument.pot.rate", "region.indexation", "instrument.kruis.threshold", "flow.f0.amount", "instrument.rb.amount", "instrument.rb.growth"}

// randomValues draws values for randomSlots.
func randomValues(t *rapid.T) []float64 {
	return []float64{
		rapid.Float64Range(0, 3).Draw(t, "scale"), rapid.Float64Range(-0.1, 0.2).Draw(t, "growth"),
		rapid.Float64Range(0, 0.02).Draw(t, "wrate"), rapid.Float64Range(-0.05, 0.1).Draw(t, "index"),
		rapid.Float64Range(0.1, 3).Draw(t, "threshold"), float64(rapid.IntRange(0, 500_000_000).Draw(t, "flow")),
		float64(rapid.IntRange(0, 3_000_000).Draw(t, "rbamount")), rapid.Float64Range(-0.1, 0.2).Draw(t, "rbgrowth"),
	}
}

// compileRandom parses a random scenario and compiles it for randomSlots.
func compileRandom(t *rapid.T) (*scenarios.Scenario, string, *Model) {
	src := genScenario(t, rapid.Float64Range(0, 0.01).Draw(t, "rate"))
	s, err := scenarios.Parse("r.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(s, randomSlots...)
	if err != nil {
		t.Fatal(err)
	}
	return s, src, m
}

// TestModelMatchesFreshRuns: a state reused for runs with other values
// gives exactly the figures of a scenario loaded anew with those values
// set and checked (the path of every run before the compiled model), in
// all three sinks.
func TestModelMatchesFreshRuns(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, src, m := compileRandom(t)
		st := m.NewState()
		for run := 0; run < 3; run++ {
			values := randomValues(t)
			got := runAll(t, m, st, values)
			fresh, _ := scenarios.Parse("r.toml", []byte(src))
			for j, p := range randomSlots {
				// A number the file leaves unset stays unset at its base
				// value (Slot.unset): a growth then follows the varied
				// indexation, as the file says.
				if base, _ := s.GetFloat(p); s.IsUnset(p) && values[j] == base {
					continue
				}
				if err := fresh.Set(p, values[j]); err != nil {
					t.Fatal(err)
				}
			}
			if probs := fresh.Check().Errors(); len(probs) > 0 {
				t.Fatal(probs)
			}
			fm, _ := Compile(fresh)
			want := runAll(t, fm, fm.NewState(), nil)
			for n, o := range m.Outcomes() {
				if got[n] != want[n] {
					t.Fatalf("run %d, %s: reused state %v, fresh scenario %v", run, o.Name, got[n], want[n])
				}
			}
		}
	})
}

func TestSlotOutOfRange(t *testing.T) {
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(s, "initiative.valpreventie.savings_scale", "instrument.portemonnee.rate", "party.zv-a.growth", "instrument.kruis-zv-a.window")
	if err != nil {
		t.Fatal(err)
	}
	st := m.NewState()
	// Ranges from the checker's rules: savings_scale 0..100, rates 0..1,
	// growth -0.5..1, a window 1..100 whole years.
	for _, c := range []struct {
		values []float64
		want   string
	}{
		{[]float64{-0.1, 0.001, 0.03, 5}, "initiative.valpreventie.savings_scale: -0.1 is outside 0..100"},
		{[]float64{1, 1.2, 0.03, 5}, "instrument.portemonnee.rate: 1.2 is outside 0..1"},
		{[]float64{1, 0.001, -0.6, 5}, "party.zv-a.growth: -0.6 is outside -0.5..1"},
		{[]float64{1, 0.001, 0.03, 2.5}, "instrument.kruis-zv-a.window: 2.5 is not a whole number"},
		{[]float64{1, 0.001, math.NaN(), 5}, "party.zv-a.growth: not a number"},
	} {
		err := st.Run(c.values, &OutcomeSink{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: got %v, want an error with %q", c.values, err, c.want)
		}
		if _, ok := err.(*scenarios.PathError); !ok {
			t.Errorf("%v: %T is not a PathError (exit 2)", c.values, err)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{"initiative.valpreventie.savings_scal", `did you mean "savings_scale"?`},
		{"party.zv-c.growth", `no party with id "zv-c"`},
		{"region.horizon", "shapes the run itself"},
		{"instrument.afbouw-legacy.profile", "not a number"},
	} {
		_, err := Compile(s, c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.path, err, c.want)
		}
	}
}

// TestEveryNumberHasARange: every numeric path of the examples can be a
// slot, its range taken from the checker's rules.
func TestEveryNumberHasARange(t *testing.T) {
	for _, name := range scenarios.Examples() {
		s, _ := scenarios.Example(name)
		for _, p := range s.Paths() {
			if p == "region.horizon" || p == "region.first_year" {
				continue
			}
			if _, err := Compile(s, p); err != nil {
				t.Errorf("%s: %s: %v", name, p, err)
			}
		}
	}
}

func TestOutcomeRunAllocatesNothing(t *testing.T) {
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	for _, varied := range [][]string{nil, {"initiative.valpreventie.savings_scale", "initiative.huisarts-sociaal.savings_scale", "party.zv-a.growth"}} {
		m, err := Compile(s, varied...)
		if err != nil {
			t.Fatal(err)
		}
		st := m.NewState()
		var out OutcomeSink
		values := m.Base()
		if err := st.Run(values, &out); err != nil {
			t.Fatal(err)
		}
		i := 0.0
		allocs := testing.AllocsPerRun(100, func() {
			i++
			if len(values) > 0 {
				values[0] = 0.5 + math.Mod(i, 7)/10
				values[2] = 0.02 + math.Mod(i, 3)/100
			}
			if err := st.Run(values, &out); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("varied %v: %v allocations per run, want 0", varied, allocs)
		}
	}
}

// TestStatesInParallel: states of one model run at once give the figures
// of one state alone (run with -race to see the sharing).
func TestStatesInParallel(t *testing.T) {
	s, _ := scenarios.Example("realistic")
	m, err := Compile(s, "initiative.valpreventie.savings_scale")
	if err != nil {
		t.Fatal(err)
	}
	want := make([][]float64, 20)
	st := m.NewState()
	for j := range want {
		var out OutcomeSink
		if err := st.Run([]float64{float64(j) / 10}, &out); err != nil {
			t.Fatal(err)
		}
		want[j] = out.Values
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(want))
	for range 4 {
		wg.Go(func() {
			st := m.NewState()
			for j := len(want) - 1; j >= 0; j-- {
				var out OutcomeSink
				if err := st.Run([]float64{float64(j) / 10}, &out); err != nil {
					errs <- err.Error()
					return
				}
				for n := range out.Values {
					if out.Values[n] != want[j][n] {
						errs <- m.Outcomes()[n].Name
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error("a parallel run differs:", e)
	}
}

// TestFiguresAddUp: the figures sim adds up for report and plots (region
// totals, funding by source, the matrix's row and column sums, coverage
// over the horizon) match the initiatives' own figures, by hand.
func TestFiguresAddUp(t *testing.T) {
	s, _ := scenarios.Example("realistic")
	r, err := Run(s, Options{NoLedger: true})
	if err != nil {
		t.Fatal(err)
	}
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-6 {
			t.Errorf("%s: %v, want %v", what, got, want)
		}
	}
	var gap, funded, bySource float64
	for _, in := range r.Initiatives {
		gap += in.Total.Gap
		funded += in.Total.Funded
		near(in.ID+" coverage", in.HorizonCoverage, in.Total.Funded/in.Total.Need)
		for _, src := range in.FundingBy {
			near(in.ID+" "+src.Instrument+" total", src.Total, src.Amount.Sum())
		}
	}
	for _, src := range r.Totals.FundingBySource {
		bySource += src.Total
	}
	near("gap", r.Totals.Total.Gap, gap)
	near("funded", r.Totals.Total.Funded, funded)
	near("funding by source", bySource, funded)
	wp := r.WrongPocket
	for b := range wp.Bearers {
		row := 0.0
		for sv := range wp.Savers {
			row += wp.Values[b][sv]
		}
		near("row "+wp.Bearers[b], wp.BearerTotals[b], row)
	}
	for sv := range wp.Savers {
		col := 0.0
		for b := range wp.Bearers {
			col += wp.Values[b][sv]
		}
		near("column "+wp.Savers[sv], wp.SaverTotals[sv], col)
	}
}

// TestUnsetNumbersKeepTheirDefault: a number the file leaves unset (a
// cross-purchase's discount rate is the region's; a party's growth is the
// indexation) has that default as its base, and at its base it goes on
// following it when the number it follows varies.
func TestUnsetNumbersKeepTheirDefault(t *testing.T) {
	s, _ := scenarios.Example("realistic")
	plain, _ := Compile(s)
	var want OutcomeSink
	if err := plain.NewState().Run(nil, &want); err != nil {
		t.Fatal(err)
	}
	m, err := Compile(s, "instrument.kruis-zv-a.discount_rate", "region.indexation", "party.zk.growth", "instrument.afbouw-legacy.convert_share")
	if err != nil {
		t.Fatal(err)
	}
	// The file: discount_rate unset (the region's 0.0225), zk's growth
	// unset (the indexation 0.025), convert_share 0.25 as given.
	if b := m.Base(); b[0] != 0.0225 || b[1] != 0.025 || b[2] != 0.025 || b[3] != 0.25 {
		t.Fatalf("base %v, want 0.0225, 0.025, 0.025, 0.25", b)
	}
	st := m.NewState()
	var got OutcomeSink
	if err := st.Run(m.Base(), &got); err != nil {
		t.Fatal(err)
	}
	for n := range want.Values {
		if got.Values[n] != want.Values[n] {
			t.Fatalf("%s: %v at the base, %v as given", m.Outcomes()[n].Name, got.Values[n], want.Values[n])
		}
	}
	// Indexation up, zk's growth at its base: zk's turnover follows, as in
	// a file with only the indexation changed.
	fresh, _ := scenarios.Example("realistic")
	fresh.Set("region.indexation", 0.04)
	fm, _ := Compile(fresh)
	var w2 OutcomeSink
	fm.NewState().Run(nil, &w2)
	vals := m.Base()
	vals[1] = 0.04
	if err := st.Run(vals, &got); err != nil {
		t.Fatal(err)
	}
	for n := range w2.Values {
		if got.Values[n] != w2.Values[n] {
			t.Fatalf("%s: %v with the indexation varied, %v in a file with it changed", m.Outcomes()[n].Name, got.Values[n], w2.Values[n])
		}
	}
}

// TestSelectionMatchesOutcomes: a selection of outcomes gives bit for bit
// the outcome sink's values, whichever outcomes it picks, on one state
// that alternates between the two sinks (a run that skips the tracing
// leaves nothing behind for the next run that traces).
func TestSelectionMatchesOutcomes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		_, _, m := compileRandom(t)
		outs := m.Outcomes()
		picks := rapid.SliceOfN(rapid.IntRange(0, len(outs)-1), 1, 8).Draw(t, "picks")
		names := make([]string, len(picks))
		for i, j := range picks {
			names[i] = outs[j].Name
		}
		sel, err := m.Select(names...)
		if err != nil {
			t.Fatal(err)
		}
		st := m.NewState()
		sink := SelectSink{Sel: sel}
		for run := 0; run < 3; run++ {
			values := randomValues(t)
			if err := st.Run(values, &sink); err != nil {
				t.Fatal(err)
			}
			var all, fresh OutcomeSink
			if err := st.Run(values, &all); err != nil {
				t.Fatal(err)
			}
			for i, j := range picks {
				if got, want := sink.Values[i], all.Values[j]; got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
					t.Fatalf("run %d, %s: selection %v, outcome sink %v", run, names[i], got, want)
				}
			}
			// The full run after the selection's (which may not have traced)
			// is that of a state that never ran a selection.
			if err := m.NewState().Run(values, &fresh); err != nil {
				t.Fatal(err)
			}
			for j, o := range outs {
				if got, want := all.Values[j], fresh.Values[j]; got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
					t.Fatalf("run %d, %s after a selection: %v, on a fresh state %v", run, o.Name, got, want)
				}
			}
		}
	})
}

func TestSelectUnknownOutcome(t *testing.T) {
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Select("region.gap_pv", "region.gap_pvv")
	if err == nil || !strings.Contains(err.Error(), "region.gap_pvv") || strings.Contains(err.Error(), "region.gap_pv ") {
		t.Fatalf("want an error naming region.gap_pvv only, got %v", err)
	}
	other, _ := Compile(s)
	sel, err := other.Select("region.gap_pv")
	if err != nil {
		t.Fatal(err)
	}
	if err := m.NewState().Run(nil, &SelectSink{Sel: sel}); err == nil {
		t.Fatal("a selection of another model's outcomes ran")
	}
}
