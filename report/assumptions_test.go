package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// A scenario with a value of every kind: euros with cents, shares, years,
// references by id, a cap for every contributor, a party whose id is also
// a kind word (ggd), and sources.
const appendixScenario = `
[region]
name = "Testregio"
first_year = 2026
population = 123456
discount_rate = 0.0225
source = "CBS 2024"

[[party]]
id = "zv"
name = "Zorgverzekeraar Z"
kind = "insurer"
turnover = 1_000_000.5
source = "Vektis 2023"

[[party]]
id = "ggd"
kind = "ggd"
turnover = 50_000

[[flow]]
id = "f"
from = "zv"
to = "ggd"
stream = "zvw"
amount = 1234.5

[[initiative]]
id = "a"
name = "Alpha"
provider = "ggd"
cost = 1000
start = 2026
ramp_years = 1
savings = { zv = 1500, ggd = 250 }

[[instrument]]
type = "wallet"
id = "w"
name = "Pot"
rate = 0.00125
cap = 200_000
contributors = ["zv", "ggd"]
funds = ["a"]
source = "Convenant 2025"
`

func appendixOf(t *testing.T, l Lang) []AssumptionGroup {
	t.Helper()
	s, err := scenarios.Parse("appendix.toml", []byte(appendixScenario))
	if err != nil {
		t.Fatal(err)
	}
	return l.AssumptionGroups(s.Assumptions())
}

// value finds the formatted value of key for the element labelled label.
func value(t *testing.T, groups []AssumptionGroup, label, key string) string {
	t.Helper()
	for _, g := range groups {
		for _, e := range g.Elements {
			if e.Label != label {
				continue
			}
			for _, r := range e.Rows {
				if r.Key == key {
					return r.Value
				}
			}
		}
	}
	t.Fatalf("no %s of %q in the appendix", key, label)
	return ""
}

// TestAssumptionsFormatted: the appendix shows euros, percentages, years
// and names instead of ids (values by hand from the scenario above).
func TestAssumptionsFormatted(t *testing.T) {
	for _, c := range []struct {
		l                  Lang
		label, key, expect string
	}{
		{Dutch, "Testregio", "discount_rate", "2,25%"},
		{English, "Testregio", "discount_rate", "2.25%"},
		{Dutch, "Testregio", "population", "123.456"},
		{Dutch, "Testregio", "first_year", "2026"},
		{Dutch, "Testregio", "horizon", "10 jaar"},
		{English, "Testregio", "horizon", "10 years"},
		{Dutch, "Zorgverzekeraar Z (zv)", "turnover", "€ 1.000.000,50"},
		{English, "Zorgverzekeraar Z (zv)", "turnover", "€1,000,000.50"},
		{Dutch, "Zorgverzekeraar Z (zv)", "kind", "zorgverzekeraar"},
		// The kind "ggd" is a word, not the party ggd.
		{Dutch, "ggd", "kind", "GGD"},
		{Dutch, "f", "from", "Zorgverzekeraar Z"},
		{Dutch, "f", "to", "ggd"},
		{Dutch, "f", "amount", "€ 1.234,50"},
		{Dutch, "Alpha (a)", "provider", "ggd"},
		{Dutch, "Alpha (a)", "savings", "Zorgverzekeraar Z: € 1.500; ggd: € 250"},
		{Dutch, "Alpha (a)", "ramp_years", "1 jaar"},
		{Dutch, "Pot (w)", "type", "regio-portemonnee"},
		{Dutch, "Pot (w)", "rate", "0,125%"},
		{Dutch, "Pot (w)", "cap", "elke bijdrager: € 200.000"},
		{English, "Pot (w)", "cap", "every contributor: €200,000"},
		{Dutch, "Pot (w)", "contributors", "Zorgverzekeraar Z, ggd"},
		{Dutch, "Pot (w)", "funds", "Alpha"},
	} {
		if got := value(t, appendixOf(t, c.l), c.label, c.key); got != c.expect {
			t.Errorf("%s %s of %s: %q, want %q", c.l.Code, c.key, c.label, got, c.expect)
		}
	}
}

// TestAssumptionsGrouped: region, parties, flows, initiatives and
// instruments in that order, each element once with its source.
func TestAssumptionsGrouped(t *testing.T) {
	groups := appendixOf(t, English)
	var titles []string
	sources := map[string]string{}
	seen := map[string]bool{}
	for _, g := range groups {
		titles = append(titles, g.Title)
		for _, e := range g.Elements {
			if seen[e.Label] {
				t.Errorf("%s appears twice", e.Label)
			}
			seen[e.Label] = true
			sources[e.Label] = e.Source
			for _, r := range e.Rows {
				if r.Key == "source" || r.Key == "id" || r.Key == "name" {
					t.Errorf("%s: %s is listed as a value", e.Label, r.Key)
				}
			}
		}
	}
	if got, want := strings.Join(titles, ", "), "Region, Parties, Flows, Initiatives, Instruments"; got != want {
		t.Errorf("groups %s, want %s", got, want)
	}
	for label, want := range map[string]string{"Testregio": "CBS 2024", "Zorgverzekeraar Z (zv)": "Vektis 2023", "Pot (w)": "Convenant 2025", "ggd": ""} {
		if sources[label] != want {
			t.Errorf("source of %s: %q, want %q", label, sources[label], want)
		}
	}
}

// TestReportShowsSources: the HTML report prints each source once, beside
// its element, and the workbook's assumptions sheet has a column of them.
func TestReportShowsSources(t *testing.T) {
	s, err := scenarios.Parse("appendix.toml", []byte(appendixScenario))
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Dutch.WriteHTML(&b, Document{Result: r, Assumptions: s.Assumptions()}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, src := range []string{"CBS 2024", "Vektis 2023", "Convenant 2025"} {
		if n := strings.Count(page, "bron: "+src); n != 1 {
			t.Errorf("the report shows the source %q %d times, want once", src, n)
		}
	}
	if !strings.Contains(page, "€ 1.000.000,50") {
		t.Errorf("the report does not show the turnover in euros")
	}
}

// TestChoiceWordsHaveLabels: every word a scenario may choose, and every
// instrument type and party kind, reads in both languages in the appendix.
func TestChoiceWordsHaveLabels(t *testing.T) {
	for _, typ := range instruments.Types() {
		if _, ok := labels["type."+typ]; !ok {
			t.Errorf("no label for instrument type %s", typ)
		}
	}
	for _, kind := range scenarios.PartyKinds() {
		if _, ok := labels["partykind."+kind]; !ok {
			t.Errorf("no label for party kind %s", kind)
		}
	}
	for _, w := range []string{"carry", "return", "scale", "provider", "social", "medical", "long_term", "national"} {
		if _, ok := labels["choice."+w]; !ok {
			t.Errorf("no label for the word %s", w)
		}
	}
}
