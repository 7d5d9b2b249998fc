package report

import (
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// TestFindingsNameEveryWorseOffParty: the findings name every party whose
// net present value is below zero, with its figure (in the built-in
// example four of the five municipalities lose, while the municipalities
// together gain), and say who put in what a wallet still holds at the end.
func TestFindingsNameEveryWorseOffParty(t *testing.T) {
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(s, sim.Options{NoLedger: true})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(English.Findings(r), "\n")
	worse := ""
	for _, f := range English.Findings(r) {
		if strings.HasPrefix(f, "Worse off") {
			worse = f
		}
	}
	for _, p := range r.Parties {
		name := p.Name
		if p.PV.Net < -0.5 && !strings.Contains(worse, name+" ("+English.Short(p.PV.Net)+")") {
			t.Errorf("%s (net PV %v) is not named as worse off", name, p.PV.Net)
		}
		if p.PV.Net > 0.5 && strings.Contains(worse, name+" (") {
			t.Errorf("%s gains but is named", name)
		}
	}
	for _, in := range r.Instruments {
		if last := in.Balance[len(in.Balance)-1]; last >= 0.5 {
			if !strings.Contains(text, "ends the horizon holding "+English.Short(last)) {
				t.Errorf("no finding on the %s still in %s", English.Short(last), in.ID)
			}
			sum := 0.0
			for _, src := range in.ClosingBySource {
				sum += src.Amount
			}
			if d := sum - last; d > 1e-4 || d < -1e-4 {
				t.Errorf("%s: its sources add up to %v, its balance is %v", in.ID, sum, last)
			}
		}
	}
}

// TestEveryOutcomeHasAMeaning: `regiosim outcomes` says what each outcome
// means, in both languages, rather than repeating its name.
func TestEveryOutcomeHasAMeaning(t *testing.T) {
	for _, name := range scenarios.Examples() {
		base, _ := scenarios.Example(name)
		// The base and every variant: a variant may switch an instrument
		// on (the realistic example's revolving fund and pool).
		options := []*scenarios.Scenario{base}
		for i := range base.Variants {
			v, err := base.WithVariant(&base.Variants[i])
			if err != nil {
				t.Fatal(err)
			}
			options = append(options, v)
		}
		for _, s := range options {
			m, err := sim.Compile(s)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range m.Outcomes() {
				for _, l := range []Lang{English, Dutch} {
					if got := l.Meaning(o); got == o.Name || got == "" {
						t.Errorf("%s (%s): no meaning", o.Name, l.Code)
					}
				}
			}
		}
	}
}

// TestFindingsPhaseOutWordOnce: the phase-out's sentence and chart title do
// not put "Phase-out"/"Afbouw" before a name that starts with it (the
// example's "Afbouw legacy-budget ziekenhuis"), and keep it before one that
// does not.
func TestFindingsPhaseOutWordOnce(t *testing.T) {
	for _, c := range []struct{ name, en, nl, chartEN, chartNL string }{
		{"Afbouw legacy-budget ziekenhuis", "Afbouw legacy-budget ziekenhuis of Legacy budget", "Afbouw legacy-budget ziekenhuis van Legacy budget",
			"Afbouw legacy-budget ziekenhuis: annuity", "Afbouw legacy-budget ziekenhuis: annuïteit"},
		{"Phase-out of hospital budget", "Phase-out of hospital budget of Legacy budget", "Phase-out of hospital budget van Legacy budget",
			"Phase-out of hospital budget: annuity", "Phase-out of hospital budget: annuïteit"},
		{"Legacy cut", "Phase-out Legacy cut of Legacy budget", "Afbouw Legacy cut van Legacy budget",
			"Phase-out of Legacy cut: annuity", "Afbouw van Legacy cut: annuïteit"},
	} {
		s, err := scenarios.Example("realistic")
		if err != nil {
			t.Fatal(err)
		}
		in, ok := s.Instrument("afbouw-legacy")
		if !ok {
			t.Fatal("the example has no afbouw-legacy")
		}
		in.Meta().Name = c.name
		r, err := sim.Run(s, sim.Options{NoLedger: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []struct {
			l            Lang
			want, chart  string
			doubledWords []string
		}{{English, c.en, c.chartEN, []string{"Phase-out Afbouw", "Phase-out Phase-out", "Phase-out of Afbouw"}}, {Dutch, c.nl, c.chartNL, []string{"Afbouw Afbouw", "Afbouw van Afbouw", "Afbouw Phase-out"}}} {
			text := strings.Join(w.l.Findings(r), "\n")
			if !strings.Contains(text, w.want) {
				t.Errorf("%s %q: findings lack %q:\n%s", w.l.Code, c.name, w.want, text)
			}
			title := w.l.PhaseOutChartTitle(c.name)
			if !strings.HasPrefix(title, w.chart) {
				t.Errorf("%s %q: chart title %q, want %q…", w.l.Code, c.name, title, w.chart)
			}
			for _, d := range w.doubledWords {
				if strings.Contains(text, d) || strings.Contains(title, d) {
					t.Errorf("%s %q: %q in %q / %q", w.l.Code, c.name, d, text, title)
				}
			}
		}
	}
}
