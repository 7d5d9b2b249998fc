package plots_test

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/plots"
	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// fixture parses testdata/scenarios/NAME at the repository's root, the
// scenario the fund or pool tests of sim, report and plots share (its
// comment says what it holds and its figures by hand).
func fixture(t *testing.T, name string) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Load(filepath.Join("..", "testdata", "scenarios", name))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// chartCase is what an instrument's charts (FundCharts, PoolCharts) must
// draw of a scenario, in English and in Dutch: one chart, named name and
// titled with title, whose data are data, that labels every one of labels;
// without the instrument (without removes it) there is no chart.
type chartCase struct {
	charts      func(*sim.Result, plots.Labels) ([]plots.Chart, error)
	name, title string
	data        [][]string
	labels      []string
	without     func(*scenarios.Scenario)
}

var fontSize = regexp.MustCompile(`font-size:([0-9.]+)(px|pt)?`)

// check checks the charts of s: as the case says, with no untranslated
// key, no text under 8 pt, and a PNG.
func (cc chartCase) check(t *testing.T, s *scenarios.Scenario) {
	t.Helper()
	r, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []report.Lang{report.English, report.Dutch} {
		cs, err := cc.charts(r, l)
		if err != nil || len(cs) != 1 {
			t.Fatalf("%d charts, %v", len(cs), err)
		}
		c := cs[0]
		if c.Name != cc.name || !strings.Contains(c.Title, cc.title) || strings.Contains(c.Title, "chart.") {
			t.Errorf("chart %s titled %q", c.Name, c.Title)
		}
		for n, row := range cc.data {
			if strings.Join(c.Data[n], ",") != strings.Join(row, ",") {
				t.Errorf("data row %d: %v, want %v", n, c.Data[n], row)
			}
		}
		all := strings.Join(parseSVG(t, c.SVG).Texts, " ")
		for _, key := range []string{"legend.", "axis.", "chart."} {
			if strings.Contains(all, key) {
				t.Errorf("%s: an untranslated key in %q", l.Code, all)
			}
		}
		for _, name := range cc.labels {
			if !strings.Contains(all, name) {
				t.Errorf("%s: no label for %s", l.Code, name)
			}
		}
		// No text under 8 pt (gonum writes sizes in points as px).
		for _, m := range fontSize.FindAllStringSubmatch(string(c.SVG), -1) {
			if v, _ := strconv.ParseFloat(m[1], 64); v < 8 {
				t.Errorf("%s: text of %s", c.Name, m[0])
			}
		}
		if len(c.PNG) == 0 {
			t.Error("no PNG")
		}
	}
	cc.without(s)
	r2, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cs, err := cc.charts(r2, report.English); err != nil || len(cs) != 0 {
		t.Errorf("%d charts without the instrument, %v", len(cs), err)
	}
}

// TestFundCharts: testdata/scenarios/fund.toml, where gem puts 1 000 000
// into a fund in 2026 that lends x its 600 000; zv repays all of its
// 300 000 of savings a year, term 2: the loan is repaid in 2026 and 2027
// (transformation funds pay x later).
func TestFundCharts(t *testing.T) {
	chartCase{
		charts: plots.FundCharts, name: "fund_rf", title: "Revolving fund",
		// By hand: lent 600 000 in 2026; repaid 300 000 in 2026 and 2027;
		// balance 700 000, then back at 1 000 000.
		data: [][]string{
			{"year", "capital_in", "lent", "repaid", "interest", "written_off", "balance"},
			{"2026", "1000000.00", "600000.00", "300000.00", "0.00", "0.00", "700000.00"},
			{"2027", "0.00", "0.00", "300000.00", "0.00", "0.00", "1000000.00"},
		},
		// No fund, no chart: only the transformation funds are left.
		without: func(s *scenarios.Scenario) { s.Instruments = s.Instruments[:1] },
	}.check(t, fixture(t, "fund.toml"))
}
