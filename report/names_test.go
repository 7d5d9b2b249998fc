package report

import (
	"strings"
	"testing"

	"github.com/regiosim/regiosim/plots"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// TestWrongPocketNamesParties: the wrong-pocket matrix, as a table and as
// a chart, names its rows and columns by the parties' names, and its
// "none" row and column by what they mean (issue #12 point 10). The small
// example's matrix has a "none" column: the transformation funds pay for
// more than the initiative saves.
func TestWrongPocketNamesParties(t *testing.T) {
	s, err := scenarios.Example("small")
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []Lang{English, Dutch} {
		tab := l.wrongPocketTable(r)
		var labels []string
		for _, c := range tab.Columns[1 : len(tab.Columns)-1] {
			labels = append(labels, c.Label)
		}
		for _, row := range tab.Rows {
			labels = append(labels, row[0].(Term).Label)
		}
		names := map[string]bool{l.T("outside"): true, l.T("wp.none_saver"): true, l.T("wp.none_bearer"): true}
		for _, p := range r.Parties {
			names[partyName(r, p.ID)] = true
		}
		sawNone := false
		for _, lab := range labels {
			if !names[lab] {
				t.Errorf("%s: the wrong-pocket matrix is labelled %q, not a party's name", l.Code, lab)
			}
			sawNone = sawNone || lab == l.T("wp.none_saver")
		}
		if !sawNone {
			t.Errorf("%s: no column %q in %v", l.Code, l.T("wp.none_saver"), labels)
		}
		charts, err := plots.All(r, l)
		if err != nil {
			t.Fatal(err)
		}
		drawn := false
		for _, c := range charts {
			if c.Name != "wrong_pocket" {
				continue
			}
			drawn = true
			svg := string(c.SVG)
			for _, want := range []string{"Gemeente Klein", l.T("wp.none_saver")} {
				if !strings.Contains(svg, want) {
					t.Errorf("%s: the wrong-pocket chart does not say %q", l.Code, want)
				}
			}
		}
		if !drawn {
			t.Errorf("%s: no wrong-pocket chart", l.Code)
		}
	}
}

// TestPathText: paths of values and outcomes in words, with names (by
// hand from the wording of pathKeys).
func TestPathText(t *testing.T) {
	names := map[string]string{"valpreventie": "Valpreventie", "zv-a": "Zorgverzekeraar A", "kruis": "Kruis-inkoop A"}
	en, nl := English.WithNames(names), Dutch.WithNames(names)
	for _, c := range []struct {
		l          Lang
		path, want string
	}{
		{en, "initiative.valpreventie.savings_scale", "savings scale of Valpreventie"},
		{nl, "initiative.valpreventie.savings_scale", "besparingsschaal van Valpreventie"},
		{en, "initiative.valpreventie.savings.zv-a", "savings of Valpreventie at Zorgverzekeraar A"},
		{en, "purchase.kruis.net_benefit_pv", "net benefit (PV) of Kruis-inkoop A"},
		{en, "party.zv-a.net_pv", "net present value of Zorgverzekeraar A"},
		{en, "region.gap_pv", "gap (PV)"},
		{en, "wrong_pocket.zv-a.none", "cost Zorgverzekeraar A bears for the savings of no one"},
		{nl, "party.zonder-naam.net_pv", "netto contante waarde van zonder-naam"},
		{en, "not a path", "not a path"},
	} {
		if got := c.l.PathText(c.path); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.l.Code, c.path, got, c.want)
		}
	}
}
