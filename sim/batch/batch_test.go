package batch

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// template is a small region for 100 000 inhabitants whose amounts scale
// with population; its regional budget takes 0.1 % of each stream of
// national spending (in the variant "budget"), paid into its wallet.
const template = `
[region]
name = "Sjabloon"
population = 100_000
first_year = 2026
horizon = 5
discount_rate = 0.03

[batch]
scale = "population"
reference_population = 100_000

[national]
spending = { zvw = 1_000_000_000, wlz = 500_000_000, wmo = 100_000_000 }
%s

[[party]]
id = "gem"
name = "Gemeente"
kind = "municipality"
turnover = 100_000_000

[[party]]
id = "zv"
name = "Zorgverzekeraar"
kind = "insurer"
turnover = 200_000_000

[[party]]
id = "rijk"
name = "Rijk"
kind = "national"
scale = "none"

[[initiative]]
id = "a"
name = "Alpha"
provider = "gem"
cost = 900_000
savings = { zv = 600_000 }

[[instrument]]
type = "transformation_funds"
id = "iza"
payer = "rijk"
until = 2027
funds = { a = 900_000 }

[[instrument]]
type = "wallet"
id = "pot"
rate = 0.0
contributors = ["gem", "zv"]
funds = ["a"]

[[instrument]]
type = "regional_budget"
id = "rb"
to = "pot"

[[variant]]
name = "budget"
set = { "instrument.rb.zvw" = 0.001, "instrument.rb.wlz" = 0.001, "instrument.rb.wmo" = 0.001 }
`

func parseTemplate(t *testing.T, key string) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Parse("template.toml", []byte(fmt.Sprintf(template, key)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func readRegions(t *testing.T, s *scenarios.Scenario, table string) []*Region {
	t.Helper()
	regions, err := ReadRegions("regions.csv", strings.NewReader(table), s)
	if err != nil {
		t.Fatal(err)
	}
	return regions
}

func runBatch(t *testing.T, in *Input, workers int) *Result {
	t.Helper()
	res, err := Run(context.Background(), in, Options{Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

const threeRegions = `region,code,population,over75
A,ZK01,100000,10000
B,ZK02,200000,50000
C,ZK03,300000,40000
`

// TestBudgetSharesByPopulation: pot = 0.1 % × (1 bn + 0.5 bn + 0.1 bn) =
// € 1,600,000 a year; by population 1:2:3 the exact shares are
// 266,666.666…, 533,333.333… and 800,000: in cents 26,666,666 and
// 53,333,333 after rounding down, one cent left, to A (remainder 0.67
// against 0.33). By hand.
func TestBudgetSharesByPopulation(t *testing.T) {
	s := parseTemplate(t, "")
	res := runBatch(t, &Input{Template: s, Regions: readRegions(t, s, threeRegions)}, 0)
	var pot *Pot
	for i := range res.Pots {
		if res.Options[res.Pots[i].Option] == "budget" {
			pot = &res.Pots[i]
		}
	}
	if pot == nil {
		t.Fatalf("no pot in the option budget: %+v", res.Pots)
	}
	if pot.Pot != 1_600_000 {
		t.Errorf("pot %v, want 1,600,000", pot.Pot)
	}
	want := []float64{266_666.67, 533_333.33, 800_000}
	for i, w := range want {
		if pot.Shares[i] != w {
			t.Errorf("share of %s: %v, want %v", res.Regions[i].Region.Name, pot.Shares[i], w)
		}
	}
	// The base takes 0 % of spending: a pot of 0, shares of 0.
	for _, p := range res.Pots {
		if p.Option == 0 && p.Pot != 0 {
			t.Errorf("the base's pot is %v, want 0", p.Pot)
		}
	}
	// What each region's wallet receives from the budget in the first
	// year is its share.
	for i, rr := range res.Regions {
		if rr.Err != nil {
			t.Fatalf("%s: %v", rr.Region.Name, rr.Err)
		}
		v, ok := rr.Value(1, "regional_budget.rb.out")
		if !ok {
			t.Fatalf("no outcome regional_budget.rb.out among %d", len(rr.Outcomes))
		}
		if math.Abs(v-5*want[i]) > 1e-6 {
			t.Errorf("%s: the budget paid out %v over 5 years, want 5 × %v", rr.Region.Name, v, want[i])
		}
	}
}

// TestBudgetSharesByWeightedKey: key = 0.7 × the region's share of the
// population + 0.3 × its share of over75: A 0.7 × 1/6 + 0.3 × 0.1 =
// 0.146666…, B 0.7 × 2/6 + 0.3 × 0.5 = 0.383333…, C 0.7 × 3/6 + 0.3 × 0.4
// = 0.47; shares of € 1,600,000: 234,666.666…, 613,333.333…, 752,000;
// rounded down in cents one cent is left, to A (remainder 0.67). By hand.
func TestBudgetSharesByWeightedKey(t *testing.T) {
	s := parseTemplate(t, "key = { population = 0.7, over75 = 0.3 }")
	res := runBatch(t, &Input{Template: s, Regions: readRegions(t, s, threeRegions)}, 0)
	want := []float64{234_666.67, 613_333.33, 752_000}
	for _, p := range res.Pots {
		if p.Option != 1 {
			continue
		}
		sum := 0.0
		for i, w := range want {
			if p.Shares[i] != w {
				t.Errorf("share of %s: %v, want %v", res.Regions[i].Region.Name, p.Shares[i], w)
			}
			sum += p.Shares[i]
		}
		if math.Round(sum*100) != math.Round(p.Pot*100) {
			t.Errorf("the shares add up to %v, not the pot %v", sum, p.Pot)
		}
	}
}

// TestDivideConserves: shares add up to the pot to the cent for awkward
// pots and keys (national conservation).
func TestDivideConserves(t *testing.T) {
	for _, c := range []struct {
		pot  float64
		keys []float64
	}{
		{113_380_000, []float64{324924, 924333, 319855, 957175, 0, 1, 3}},
		{0.07, []float64{1, 1, 1, 1, 1}},
		{1e11 + 0.01, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{12345.67, []float64{0.1, 0.2, 0.3}},
	} {
		shares := divide(c.pot, c.keys)
		var cents int64
		for i, s := range shares {
			if s < 0 || (c.keys[i] <= 0 && s != 0) {
				t.Errorf("pot %v: share %d is %v", c.pot, i, s)
			}
			cents += int64(math.Round(s * 100))
		}
		if cents != int64(math.Round(c.pot*100)) {
			t.Errorf("pot %v: the shares add up to %d cents", c.pot, cents)
		}
	}
}

// TestBatchEqualsSeparateRuns: each region's outcomes in each option are,
// bit for bit, those of its own scenario written out by hand (the
// template's amounts × population / 100,000, its budget share set) and
// loaded anew.
func TestBatchEqualsSeparateRuns(t *testing.T) {
	s := parseTemplate(t, "")
	res := runBatch(t, &Input{Template: s, Regions: readRegions(t, s, threeRegions)}, 2)
	for i, rr := range res.Regions {
		f := rr.Region.Population / 100_000
		text := fmt.Sprintf(template, "")
		for _, amount := range []string{"100_000_000", "200_000_000", "900_000", "600_000"} {
			v, _ := scenarios.Parse("x.toml", []byte("[region]\nfirst_year = 2026\n[[party]]\nid = \"p\"\nkind = \"other\"\nturnover = "+amount))
			text = strings.ReplaceAll(text, " "+amount+"\n", fmt.Sprintf(" %v\n", v.Parties[0].Turnover*f))
			text = strings.ReplaceAll(text, " "+amount+" }", fmt.Sprintf(" %v }", v.Parties[0].Turnover*f))
		}
		text = strings.Replace(text, "name = \"Sjabloon\"\npopulation = 100_000", fmt.Sprintf("name = %q\npopulation = %v", rr.Region.Name, rr.Region.Population), 1)
		for o, opt := range res.Options {
			alone, err := scenarios.Parse("alone.toml", []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if opt != "" {
				v, _ := alone.FindVariant(opt)
				if alone, err = alone.WithVariant(v); err != nil {
					t.Fatal(err)
				}
			}
			if err := alone.Set("instrument.rb.amount", res.sharesFor(o, i)["rb"]); err != nil {
				t.Fatal(err)
			}
			m, err := sim.Compile(alone)
			if err != nil {
				t.Fatal(err)
			}
			var sink sim.OutcomeSink
			if err := m.NewState().Run(nil, &sink); err != nil {
				t.Fatal(err)
			}
			for j, oc := range m.Outcomes() {
				got, ok := rr.Value(o, oc.Name)
				if !ok || got != sink.Values[j] && !(math.IsNaN(got) && math.IsNaN(sink.Values[j])) {
					t.Fatalf("%s, option %q, %s: batch %v, alone %v", rr.Region.Name, opt, oc.Name, got, sink.Values[j])
				}
			}
		}
	}
}

// TestBrokenRegionIsolated: a row whose value is out of range fails with
// its line and key; the other regions run.
func TestBrokenRegionIsolated(t *testing.T) {
	s := parseTemplate(t, "")
	table := "region,population,instrument.pot.rate\nA,100000,0.001\nB,200000,5\nC,50000,0.0o1\nD,300000,\n"
	res := runBatch(t, &Input{Template: s, Regions: readRegions(t, s, table)}, 0)
	failed := res.Failed()
	if len(failed) != 2 {
		t.Fatalf("%d regions failed, want 2 (B and C)", len(failed))
	}
	for _, c := range []struct {
		rr      *RegionResult
		line    int
		key, in string
	}{{failed[0], 3, "instrument.pot.rate", "outside"}, {failed[1], 4, "instrument.pot.rate", `"0.0o1" is not a number`}} {
		probs, ok := c.rr.Err.(scenarios.Problems)
		if !ok || len(probs) == 0 {
			t.Fatalf("%s: error %v is not a list of problems", c.rr.Region.Label(), c.rr.Err)
		}
		p := probs[0]
		if p.File != "regions.csv" || p.Line != c.line || p.Key != c.key || !strings.Contains(p.Msg, c.in) {
			t.Errorf("%s: problem %+v, want regions.csv line %d, key %s, %q", c.rr.Region.Label(), p, c.line, c.key, c.in)
		}
	}
	for _, name := range []string{"A", "D"} {
		for _, rr := range res.Regions {
			if rr.Region.Name == name {
				if _, ok := rr.Value(0, "region.gap_pv"); !ok {
					t.Errorf("%s did not run", name)
				}
			}
		}
	}
	// A failed region keeps its share of the budget's pot: the others'
	// shares are those of a batch without the fault (by population 1:2:0.5:3
	// of € 1,600,000, A gets 246,153.85).
	if got := res.sharesFor(1, 0)["rb"]; got != 246_153.85 {
		t.Errorf("A's share %v, want 246,153.85", got)
	}
	// A region without a key (population 0) would change every region's
	// share: with a regional budget it stops the batch, naming the row.
	bad := readRegions(t, s, "region,population\nA,100000\nZ,0\n")
	if _, err := Run(context.Background(), &Input{Template: s, Regions: bad}, Options{}); err == nil || !strings.Contains(err.Error(), "regions.csv:3: population: 0 is not a population") {
		t.Errorf("population 0 with a budget: %v", err)
	}
	// D leaves the rate empty: the template's 0 stays.
	if _, set := res.Regions[3].Region.Values["instrument.pot.rate"]; set {
		t.Errorf("an empty cell set a value")
	}
}

// TestBadTables: problems of the table as a whole stop the batch before
// anything runs, each with its key and a suggestion where one is near.
func TestBadTables(t *testing.T) {
	s := parseTemplate(t, "")
	for _, c := range []struct{ table, want string }{
		{"region,population,instrument.pot.rat\nA,1,0.1\n", `instrument.pot.rat: is not a path of a number of the template: unknown key "rat"; did you mean "rate"?`},
		{"region,population\nA,1\nA,2\n", `duplicate region "A": already on line 2`},
		{"name,population\nA,1\n", "missing: the regions table needs a column region"},
		{"region,popluation\nA,1\n", `did you mean "popluation"?`},
		{"region,population\n", "no regions"},
		{"", "empty"},
	} {
		_, err := ReadRegions("regions.csv", strings.NewReader(c.table), s)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("table %q: error %v, want %q", c.table, err, c.want)
		}
	}
	// A key that weighs a column the table does not have.
	k := parseTemplate(t, "key = { population = 0.5, over80 = 0.5 }")
	_, err := Run(context.Background(), &Input{Template: k, Regions: readRegions(t, k, threeRegions)}, Options{})
	if err == nil || !strings.Contains(err.Error(), `names the column "over80"`) || !strings.Contains(err.Error(), `did you mean "over75"?`) {
		t.Errorf("missing key column: %v", err)
	}
	// Weights that do not sum to 1 are a problem of the template.
	if _, err := scenarios.Parse("t.toml", []byte(fmt.Sprintf(template, "key = { population = 0.5, over75 = 0.3 }"))); err == nil || !strings.Contains(err.Error(), "sum to 0.8, not 1") {
		t.Errorf("weights: %v", err)
	}
}

// TestBatchDeterministic: the same figures whatever the number of workers.
func TestBatchDeterministic(t *testing.T) {
	s := parseTemplate(t, "")
	one := runBatch(t, &Input{Template: s, Regions: readRegions(t, s, threeRegions)}, 1)
	two := runBatch(t, &Input{Template: s, Regions: readRegions(t, s, threeRegions)}, 3)
	for i := range one.Regions {
		for o := range one.Options {
			a, b := one.Regions[i].Values[o], two.Regions[i].Values[o]
			for j := range a {
				if a[j] != b[j] && !(math.IsNaN(a[j]) && math.IsNaN(b[j])) {
					t.Fatalf("region %d option %d outcome %d: %v with 1 worker, %v with 3", i, o, j, a[j], b[j])
				}
			}
		}
	}
}

// TestScaleByPopulation: a region of 300,000 gets three times the
// template's amounts (for 100,000), rates stay, and an element with
// scale = "none" keeps its own (by hand).
func TestScaleByPopulation(t *testing.T) {
	src := strings.Replace(fmt.Sprintf(template, ""), "until = 2027\n", "until = 2027\nscale = \"none\"\n", 1)
	s, err := scenarios.Parse("template.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	in := &Input{Template: s, Regions: readRegions(t, s, threeRegions)}
	c, err := in.regionScenario(in.Regions[2])
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]float64{
		"party.gem.turnover":      300_000_000,
		"party.zv.turnover":       600_000_000,
		"initiative.a.cost":       2_700_000,
		"initiative.a.savings.zv": 1_800_000,
		"instrument.iza.funds.a":  900_000, // scale = "none"
		"instrument.pot.rate":     0,
		"region.population":       300_000,
		"region.discount_rate":    0.03,
		"instrument.rb.zvw":       0,
	} {
		if got, err := c.GetFloat(path); err != nil || got != want {
			t.Errorf("%s: %v (%v), want %v", path, got, err, want)
		}
	}
	if c.Region.Name != "C" {
		t.Errorf("region name %q, want C", c.Region.Name)
	}
}

// stressTemplate adds uncertainty to the template: the initiative's
// savings scale as a national effect and the insurer's growth per region.
func stressTemplate(t *testing.T, national, params string) *scenarios.Scenario {
	t.Helper()
	src := fmt.Sprintf(template, "") + "\n[uncertainty]\ndraws = 300\nseed = 7\n[uncertainty.national]\n" + national + "\n[uncertainty.params]\n" + params + "\n"
	s, err := scenarios.Parse("template.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const twins = "region,population\nA,100000\nB,100000\n"

func stressOf(t *testing.T, s *scenarios.Scenario, table string, workers int) *StressResult {
	t.Helper()
	in := &Input{Template: s, Regions: readRegions(t, s, table)}
	det := runBatch(t, in, 0)
	res, err := RunStress(context.Background(), in, det, StressOptions{Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestStressNationalParamsShared: two identical regions whose only
// uncertain value is national take it alike in every draw, so their gaps
// have the same distribution; drawn per region, they differ.
func TestStressNationalParamsShared(t *testing.T) {
	scale := `"initiative.a.savings_scale" = { dist = "uniform", min = 0.2, max = 1.0 }`
	growth := `"party.zv.growth" = { dist = "uniform", min = 0.0, max = 0.05 }`
	cost := `"initiative.a.cost" = { dist = "uniform", min = 800_000, max = 2_000_000 }`
	shared := stressOf(t, stressTemplate(t, cost, growth), twins, 0)
	if got := shared.National; len(got) != 1 || got[0] != "initiative.a.cost" {
		t.Fatalf("national params %v", got)
	}
	a, b := shared.Regions[0].Gap[0], shared.Regions[1].Gap[0]
	if a != b || a.Max == 0 {
		t.Errorf("a national cost: the twins' gaps differ or are 0: %+v and %+v", a, b)
	}
	own := stressOf(t, stressTemplate(t, scale, cost), twins, 0)
	if a, b := own.Regions[0].Gap[0], own.Regions[1].Gap[0]; a == b {
		t.Errorf("a cost drawn per region: the twins' gaps are alike: %+v", a)
	}
	// The national total is the sum over the regions draw by draw: its
	// mean is the sum of the regions' means.
	for o := range shared.Options {
		sum := shared.Regions[0].Gap[o].Mean + shared.Regions[1].Gap[o].Mean
		if tot := shared.Totals[o][0].Mean; math.Abs(tot-sum) > 1e-6*math.Max(1, sum) {
			t.Errorf("option %d: national mean gap %v, sum of the regions' %v", o, tot, sum)
		}
	}
}

// TestStressDeterministic: the same seed gives the same figures whatever
// the number of workers.
func TestStressDeterministic(t *testing.T) {
	s := stressTemplate(t, `"initiative.a.cost" = { dist = "uniform", min = 800_000, max = 2_000_000 }`,
		`"party.zv.growth" = { dist = "uniform", min = 0.0, max = 0.05 }`)
	one, two := stressOf(t, s, threeRegions, 1), stressOf(t, s, threeRegions, 2)
	if fmt.Sprint(one.Totals) != fmt.Sprint(two.Totals) || fmt.Sprint(one.Regions[2].Gap) != fmt.Sprint(two.Regions[2].Gap) {
		t.Errorf("1 and 2 workers differ:\n%v\n%v", one.Totals, two.Totals)
	}
}

// TestStressScalesAmounts: an uncertain amount of the template (its
// initiative's cost, drawn for 100,000 inhabitants) scales to a region
// as the template's amounts do: drawn nationally, a region of three times
// the population has exactly three times its gap in every percentile
// (gaps are linear in the cost here: no savings reach the funding).
func TestStressScalesAmounts(t *testing.T) {
	s := stressTemplate(t, `"initiative.a.cost" = { dist = "uniform", min = 1_000_000, max = 3_000_000 }`, "")
	res := stressOf(t, s, "region,population\nA,100000\nC,300000\n", 0)
	a, c := res.Regions[0].Gap[0], res.Regions[1].Gap[0]
	if a.Max == 0 {
		t.Fatalf("no gap in A: %+v", a)
	}
	for _, q := range [][2]float64{{a.P10, c.P10}, {a.P50, c.P50}, {a.P90, c.P90}, {a.Mean, c.Mean}} {
		if math.Abs(q[1]-3*q[0]) > 1e-6*q[1] {
			t.Errorf("C's gap %v is not 3 × A's %v", q[1], q[0])
		}
	}
}

// TestStressUnitsInAnyShares: the units run in any division (two shards
// taking every other unit, in reverse) assemble into exactly the result of
// one run.
func TestStressUnitsInAnyShares(t *testing.T) {
	s := stressTemplate(t, `"initiative.a.cost" = { dist = "uniform", min = 800_000, max = 2_000_000 }`,
		`"party.zv.growth" = { dist = "uniform", min = 0.0, max = 0.05 }`)
	in := &Input{Template: s, Regions: readRegions(t, s, threeRegions)}
	det := runBatch(t, in, 0)
	o := StressOptions{Draws: 1100} // three blocks, the last short
	whole, err := RunStress(context.Background(), in, det, o)
	if err != nil {
		t.Fatal(err)
	}
	units, err := Units(in, det, o)
	if err != nil {
		t.Fatal(err)
	}
	if want := 3 * 2 * 3; len(units) != want {
		t.Fatalf("%d units, want %d (3 regions × 2 options × 3 blocks)", len(units), want)
	}
	var parts []UnitValues
	for shard := 1; shard >= 0; shard-- {
		var mine []Unit
		for k, u := range units {
			if k%2 == shard {
				mine = append(mine, u)
			}
		}
		got, err := RunUnits(context.Background(), in, det, o, mine)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, got...)
	}
	merged, err := Assemble(in, det, o, parts)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(merged) != fmt.Sprint(whole) {
		t.Errorf("assembled from shares: %v\nin one run: %v", merged.Totals, whole.Totals)
	}
	if _, err := Assemble(in, det, o, parts[1:]); err == nil || !strings.Contains(err.Error(), "is missing") {
		t.Errorf("a missing unit: %v", err)
	}
	if _, err := Assemble(in, det, o, append(parts, parts[0])); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a unit twice: %v", err)
	}
}
