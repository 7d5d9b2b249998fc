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

// poolSrc: zv and gem put 50 000 each into a pool that buys x (100 000);
// x saves zv 800 000 and gem 200 000; the key is 50/50, so zv pays
// 300 000 to gem and each nets 500 000 − 50 000 = 450 000.
const poolSrc = `[region]
name = "T"
first_year = 2026
horizon = 1
discount_rate = 0
indexation = 0
[[party]]
id = "zv"
name = "Zorgverzekeraar"
kind = "insurer"
[[party]]
id = "gem"
name = "Gemeente"
kind = "municipality"
[[party]]
id = "wz"
kind = "social_work"
[[initiative]]
id = "x"
provider = "wz"
cost = 100_000
savings = { zv = 800_000, gem = 200_000 }
[[instrument]]
type = "pooled_purchase"
id = "pool"
name = "Pool ouderen"
payers = ["zv", "gem"]
amounts = { zv = 50_000, gem = 50_000 }
funds = ["x"]
savings_key = { zv = 0.5, gem = 0.5 }
`

func TestPoolCharts(t *testing.T) {
	s, err := scenarios.Parse("p.toml", []byte(poolSrc))
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fontSize := regexp.MustCompile(`font-size:([0-9.]+)(px|pt)?`)
	for _, l := range []report.Lang{report.English, report.Dutch} {
		cs, err := plots.PoolCharts(r, l)
		if err != nil || len(cs) != 1 {
			t.Fatalf("%d charts, %v", len(cs), err)
		}
		c := cs[0]
		if c.Name != "pool_pool" || !strings.Contains(c.Title, "Pool ouderen") || strings.Contains(c.Title, "chart.") {
			t.Errorf("chart %s titled %q", c.Name, c.Title)
		}
		want := [][]string{
			{"payer", "in", "saved", "settlement", "net"},
			{"zv", "50000.00", "800000.00", "-300000.00", "450000.00"},
			{"gem", "50000.00", "200000.00", "300000.00", "450000.00"},
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
		for _, name := range []string{"Zorgverzekeraar", "Gemeente"} {
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
	// No pool, no chart.
	s.Instruments = nil
	r2, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cs, err := plots.PoolCharts(r2, report.English); err != nil || len(cs) != 0 {
		t.Errorf("%d charts without a pool, %v", len(cs), err)
	}
}
