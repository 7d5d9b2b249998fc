package plots_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/plots"
	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// fundSrc: gem puts 1 000 000 into a fund in 2026 that lends x its
// 600 000; zv repays all of its 300 000 of savings a year, term 2: the
// loan is repaid in 2026 and 2027 (transformation funds pay x later).
const fundSrc = `[region]
name = "T"
first_year = 2026
horizon = 4
discount_rate = 0
indexation = 0
[[party]]
id = "zv"
kind = "insurer"
[[party]]
id = "gem"
kind = "municipality"
[[party]]
id = "wz"
kind = "social_work"
[[initiative]]
id = "x"
provider = "wz"
cost = 600_000
savings = { zv = 300_000 }
[[instrument]]
type = "transformation_funds"
id = "tf"
from = 2027
until = 2029
funds = { x = 600_000 }
[[instrument]]
type = "revolving_fund"
id = "rf"
name = "Revolving fund"
capital = { gem = 1_000_000 }
funds = ["x"]
term = 2
`

func TestFundCharts(t *testing.T) {
	s, err := scenarios.Parse("f.toml", []byte(fundSrc))
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fontSize := regexp.MustCompile(`font-size:([0-9.]+)(px|pt)?`)
	for _, l := range []report.Lang{report.English, report.Dutch} {
		cs, err := plots.FundCharts(r, l)
		if err != nil || len(cs) != 1 {
			t.Fatalf("%d charts, %v", len(cs), err)
		}
		c := cs[0]
		if c.Name != "fund_rf" || !strings.Contains(c.Title, "Revolving fund") || strings.Contains(c.Title, "chart.") {
			t.Errorf("chart %s titled %q", c.Name, c.Title)
		}
		// By hand: lent 600 000 in 2026; repaid 300 000 in 2026 and 2027;
		// balance 700 000, then back at 1 000 000.
		want := [][]string{
			{"year", "capital_in", "lent", "repaid", "interest", "written_off", "balance"},
			{"2026", "1000000.00", "600000.00", "300000.00", "0.00", "0.00", "700000.00"},
			{"2027", "0.00", "0.00", "300000.00", "0.00", "0.00", "1000000.00"},
		}
		for n, row := range want {
			if strings.Join(c.Data[n], ",") != strings.Join(row, ",") {
				t.Errorf("data row %d: %v, want %v", n, c.Data[n], row)
			}
		}
		doc := parseSVG(t, c.SVG)
		all := strings.Join(doc.Texts, " ")
		for _, key := range []string{"legend.", "axis.", "chart."} {
			if strings.Contains(all, key) {
				t.Errorf("%s: an untranslated key in %q", l.Code, all)
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
	// No fund, no chart.
	s.Instruments = s.Instruments[:1]
	r2, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cs, err := plots.FundCharts(r2, report.English); err != nil || len(cs) != 0 {
		t.Errorf("%d charts without a fund, %v", len(cs), err)
	}
}
