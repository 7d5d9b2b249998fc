package plots

import (
	"fmt"
	"image/color"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot"

	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// plain is a Labels for tests: keys as labels, whole euros as "€N".
type plain struct{}

func (plain) T(key string) string               { return key }
func (plain) Tf(key string, args ...any) string { return key + fmt.Sprint(args...) }
func (plain) Short(v float64) string            { return fmt.Sprintf("€%.0f", v) }

func TestNiceStep(t *testing.T) {
	// Steps are 1, 2 or 5 × 10^k, the smallest at least the raw step.
	cases := map[float64]float64{0.9: 1, 1: 1, 1.1: 2, 3: 5, 7: 10, 360_000: 500_000, 2_000_000: 2_000_000, 0: 0, -1: 0}
	for raw, want := range cases {
		if got := niceStep(raw); got != want {
			t.Errorf("niceStep(%g) = %g, want %g", raw, got, want)
		}
	}
}

func labelsOf(ticks []plot.Tick) []string {
	var out []string
	for _, t := range ticks {
		if t.Label != "" {
			out = append(out, t.Label)
		}
	}
	return out
}

func TestValueTicks(t *testing.T) {
	// -10.1M … 8.2M in about 5 steps: the raw step 3.66M rounds up to 5M.
	got := labelsOf(valueTicks(-10_100_000, 8_200_000, 5, plain{}.Short))
	want := []string{"€-10000000", "€-5000000", "€0", "€5000000"}
	if !slices.Equal(got, want) {
		t.Errorf("ticks %v, want %v", got, want)
	}
	// An empty range has one tick.
	if got := valueTicks(3, 3, 5, plain{}.Short); len(got) != 1 {
		t.Errorf("ticks of an empty range: %v", got)
	}
}

func TestYearTicks(t *testing.T) {
	// Ten years: every year labelled.
	if got := labelsOf(yearTicks.Ticks(2025.5, 2035.5)); len(got) != 10 || got[0] != "2026" || got[9] != "2035" {
		t.Errorf("ten years: %v", got)
	}
	// Twenty years: every other year, all still ticked.
	ticks := yearTicks.Ticks(2026, 2045)
	if got := labelsOf(ticks); len(ticks) != 20 || len(got) != 10 || got[1] != "2028" {
		t.Errorf("twenty years: %d ticks, labels %v", len(ticks), got)
	}
}

func TestWrap(t *testing.T) {
	sty := textStyle(smallSize)
	long := "Kruis-inkoop valpreventie door Zorgverzekeraar A"
	got := wrap(long, sty, maxLabelText)
	for _, line := range strings.Split(got, "\n") {
		if sty.Width(line) > maxLabelText {
			t.Errorf("line %q wider than %v", line, maxLabelText)
		}
	}
	if strings.ReplaceAll(got, "\n", " ") != long || !strings.Contains(got, "\n") {
		t.Errorf("wrap(%q) = %q", long, got)
	}
	if got := wrap("short", sty, maxLabelText); got != "short" {
		t.Errorf("wrap(short) = %q", got)
	}
}

func TestPalettes(t *testing.T) {
	// Paul Tol's muted scheme has nine colours: party 9 shares party 0's
	// colour, with a dash pattern and hatching to tell them apart.
	if PartyColor(9) != PartyColor(0) || PartyDashes(0) != nil || PartyDashes(9) == nil {
		t.Error("party 9 should repeat party 0's colour, dashed")
	}
	if partyStyle(0).fill().Hatch != nil || partyStyle(9).fill().Hatch == nil {
		t.Error("party 9's bars should be hatched, party 0's not")
	}
	seen := map[color.Color]bool{}
	for i := range 9 {
		seen[PartyColor(i)] = true
	}
	if len(seen) != 9 {
		t.Errorf("%d distinct colours among the first nine parties, want 9", len(seen))
	}
	// The party and instrument palettes do not share colours.
	for i := range len(instrumentPalette) {
		if seen[InstrumentColor(i)] {
			t.Errorf("instrument colour %d is also a party colour", i)
		}
	}
	// The sequential scale runs from Tol's lightest to darkest YlOrBr
	// colour; text is black on the first, white on the last.
	if sequentialColor(0) != hex("#FFFFE5") || sequentialColor(1) != hex("#662506") {
		t.Error("sequential scale ends")
	}
	if textOn(sequentialColor(0)) != color.Black || textOn(sequentialColor(1)) != color.White {
		t.Error("text colour on the scale's ends")
	}
}

func TestFileStem(t *testing.T) {
	if got := fileStem("afbouw-legacy"); got != "afbouw-legacy" {
		t.Errorf("fileStem kept %q", got)
	}
	if got := fileStem("a/b c.ë"); got != "a_b_c__" {
		t.Errorf("fileStem = %q", got)
	}
}

// handMade is a result written by hand: two initiatives, both funded by
// "fund" (ending 2025) and one by "pot", eleven parties (so the palette
// cycles), a phase-out with its three paths and an extra one.
func handMade() *sim.Result {
	r := &sim.Result{Years: []int{2024, 2025, 2026}, FirstYear: 2024}
	for i := range 11 {
		net := sim.Series{0, 0, 0}
		if i != 3 {
			net = sim.Series{float64(i), -float64(i), 0}
		}
		r.Parties = append(r.Parties, sim.PartyResult{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("Party %d", i), Net: net, PV: sim.Summary{Net: float64(i - 5)}})
	}
	r.Instruments = []sim.InstrumentResult{{ID: "fund", Name: "Fund"}, {ID: "pot", Name: "Pot"}, {ID: "idle", Name: "Idle"}}
	r.Initiatives = []sim.InitiativeResult{
		{ID: "a", Name: "A", FundsEnd: 2025, Need: sim.Series{100, 100, 100}, Coverage: sim.Series{1, 1, 0.5}, Gap: sim.Series{0, 0, 50},
			FundingBy: []sim.SourceSeries{{Instrument: "fund", Amount: sim.Series{100, 100, 0}}, {Instrument: "pot", Amount: sim.Series{0, 0, 50}}}},
		// b starts in 2025: no need in 2024, where sim writes coverage 1.
		{ID: "b", Name: "B", FundsEnd: 2024, Need: sim.Series{0, 20, 30}, Coverage: sim.Series{1, 1, 1}, Gap: sim.Series{0, 0, 0},
			FundingBy: []sim.SourceSeries{{Instrument: "fund", Amount: sim.Series{10, 20, 30}}}},
	}
	// The totals sim adds up: fund = 100+10, 100+20, 0+30 over the
	// initiatives, pot 50 in 2026, idle nothing; the gap is a's.
	r.Totals = sim.RegionTotals{GapByYear: sim.Series{0, 0, 50}, FundingBySource: []sim.SourceSeries{
		{Instrument: "fund", Amount: sim.Series{110, 120, 30}}, {Instrument: "pot", Amount: sim.Series{0, 0, 50}}, {Instrument: "idle", Amount: sim.Series{0, 0, 0}}}}
	r.PhaseOuts = []sim.PhaseOutResult{{ID: "po 1", Profile: "linear", Baseline: sim.Series{9, 9, 9},
		Paths: map[string]sim.Series{"zigzag": {9, 0, 9}, "cliff": {9, 9, 0}, "linear": {6, 3, 0}, "annuity": {6.5, 3.3, 0}}}}
	r.WrongPocket = sim.WrongPocket{
		Bearers: []string{"p0", "p1", "outside", "none"},
		Savers:  []string{"p0", "p1", "none"},
		Values:  [][]float64{{0, 0, 0}, {5, 0, 7}, {0, 0, 0}, {3, 0, 0}},
	}
	return r
}

func TestHandMade(t *testing.T) {
	r := handMade()
	charts, err := All(r, plain{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][][]string{}
	var order []string
	for _, c := range charts {
		got[c.Name] = c.Data
		order = append(order, c.Name)
		if len(c.SVG) == 0 || len(c.PNG) == 0 {
			t.Errorf("%s: empty image", c.Name)
		}
	}
	want := []string{"funding", "net_position", "cumulative_net", "phase_out_po_1", "wrong_pocket", "coverage", "gap"}
	if !slices.Equal(order, want) {
		t.Fatalf("charts %v, want %v", order, want)
	}
	check := func(name string, want [][]string) {
		t.Helper()
		if fmt.Sprint(got[name]) != fmt.Sprint(want) {
			t.Errorf("%s data\n got %v\nwant %v", name, got[name], want)
		}
	}
	// Funding: fund = 100+10, 100+20, 0+30 summed over the initiatives;
	// pot 50 in 2026; "idle" funds nothing and is left out; the gap is
	// a's 50 in 2026; the funds end with a's 2025.
	check("funding", [][]string{
		{"year", "fund", "pot", "gap", "funds_end"},
		{"2024", "110.00", "0.00", "0.00", "2025"},
		{"2025", "120.00", "0.00", "0.00", "2025"},
		{"2026", "30.00", "50.00", "50.00", "2025"},
	})
	// Net: a row per party drawn; p3 is zero every year and left out; p0
	// is zero too (0, -0, 0). The parties have no kind: all are "other".
	net := got["net_position"]
	if want := []string{"kind", "party", "2024", "2025", "2026"}; !slices.Equal(net[0], want) {
		t.Errorf("net_position header %v, want %v", net[0], want)
	}
	var netIDs []string
	for _, row := range net[1:] {
		netIDs = append(netIDs, row[1])
		if row[0] != "other" {
			t.Errorf("net_position row %v: kind %q, want other", row, row[0])
		}
	}
	if want := []string{"p1", "p2", "p4", "p5", "p6", "p7", "p8", "p9", "p10"}; !slices.Equal(netIDs, want) {
		t.Errorf("net_position parties %v, want %v", netIDs, want)
	}
	// Cumulative: PV.Net = i − 5, so p10 (5) first and p0 (−5) last.
	cum := got["cumulative_net"]
	if cum[1][0] != "p10" || cum[1][2] != "5.00" || cum[11][0] != "p0" || cum[11][2] != "-5.00" {
		t.Errorf("cumulative order %v", cum)
	}
	// Phase-out: the three known profiles in their order, then the others
	// sorted; the chosen profile named.
	check("phase_out_po_1", [][]string{
		{"year", "baseline", "annuity", "linear", "cliff", "zigzag", "chosen"},
		{"2024", "9.00", "6.50", "6.00", "9.00", "9.00", "linear"},
		{"2025", "9.00", "3.30", "3.00", "9.00", "0.00", "linear"},
		{"2026", "9.00", "0.00", "0.00", "0.00", "9.00", "linear"},
	})
	// Wrong pocket: the all-zero rows p0 and outside and the all-zero
	// column p1 are dropped.
	check("wrong_pocket", [][]string{
		{"bearer", "p0", "none"},
		{"p1", "5.00", "7.00"},
		{"none", "3.00", "0.00"},
	})
	// Coverage in percent, empty before b starts; the gap of the one
	// initiative with a gap.
	check("coverage", [][]string{
		{"year", "a", "b"},
		{"2024", "100.00", ""},
		{"2025", "100.00", "100.00"},
		{"2026", "50.00", "100.00"},
	})
	check("gap", [][]string{
		{"year", "a"},
		{"2024", "0.00"},
		{"2025", "0.00"},
		{"2026", "50.00"},
	})
}

func TestNothingToShow(t *testing.T) {
	// An empty result draws no chart and no error.
	charts, err := All(&sim.Result{}, plain{})
	if err != nil || len(charts) != 0 {
		t.Errorf("empty result: %d charts, %v", len(charts), err)
	}
	if _, err := All(nil, plain{}); err == nil {
		t.Error("no error for a nil result")
	}
	// Parties and years but all zero: the charts of money are absent.
	r := &sim.Result{Years: []int{2024}, Parties: []sim.PartyResult{{ID: "a", Net: sim.Series{0}}}}
	charts, err = All(r, plain{})
	if err != nil || len(charts) != 0 {
		t.Errorf("all-zero result: %d charts, %v", len(charts), err)
	}
}

func TestMapOrder(t *testing.T) {
	// The phase-out's paths are a map; its chart must not depend on the
	// order Go happens to iterate it in.
	first, err := All(handMade(), plain{})
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		again, err := All(handMade(), plain{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range first {
			if string(first[i].SVG) != string(again[i].SVG) {
				t.Fatalf("%s differs between runs", first[i].Name)
			}
		}
	}
}

// tickLabels are the labels of a euro axis from lo to hi in l.
func tickLabels(l Labels, lo, hi float64) []string {
	return labelsOf(euroTicks(l).Ticks(lo, hi))
}

// unitOf is the unit of a euro label ("mln", "k", "M", "" for whole
// euros): what follows its digits.
func unitOf(label string) string {
	s := strings.TrimLeft(strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(label, "-"), "€")), "-")
	return strings.TrimSpace(strings.TrimLeft(s, "0123456789.,"))
}

func TestEuroTicksNoMinusZero(t *testing.T) {
	// A value that rounds to zero is "€ 0" (nl) or "€0" (en), never
	// "€ -0": tick labels of tiny and of ordinary ranges, and the amounts
	// written on bars and cells.
	minusZero := regexp.MustCompile(`-\s*€?\s*0([.,]0*)?([^0-9.,]|$)`)
	for _, l := range []report.Lang{report.Dutch, report.English} {
		zero := map[string]string{"nl": "€ 0", "en": "€0"}[l.Code]
		ranges := [][2]float64{{-0.3, 0}, {-1e-9, 5}, {-0.4, 0.2}, {-0.49, 0.49}, {-1e-12, 1e-12}, {-3e-7, 2e6}, {-10_100_000, 8_200_000}, {-2.2e6, 0}, {-123_456, 987_654}}
		for _, r := range ranges {
			labels := tickLabels(l, r[0], r[1])
			for _, s := range labels {
				if minusZero.MatchString(s) {
					t.Errorf("%s %v: tick %q is a minus zero (ticks %q)", l.Code, r, s, labels)
				}
			}
			if r[0] <= 0 && r[1] >= 0 && !slices.Contains(labels, zero) {
				t.Errorf("%s %v: no tick %q among %q", l.Code, r, zero, labels)
			}
		}
		for _, v := range []float64{-0.4, -1e-9, -0.0, math.Copysign(0, -1), -0.49999} {
			if got := money(l, v); got != zero {
				t.Errorf("%s money(%g) = %q, want %q", l.Code, v, got, zero)
			}
		}
		// The formatter itself, at values just below zero.
		for _, v := range []float64{-1e-9, -0.04} {
			if got := euroFormat(l.Code, []float64{v, 1e6})(v); got != zero {
				t.Errorf("%s euroFormat(%g) = %q, want %q", l.Code, v, got, zero)
			}
		}
	}
}

func TestEuroTicksOneUnit(t *testing.T) {
	// Every tick of one axis is in one unit (mln or k in Dutch, M or k in
	// English), for ranges spanning 10k to 10M, negative ones too.
	his := []float64{10_000, 25_000, 99_000, 100_000, 370_000, 999_999, 1_000_000, 1_234_567, 2_500_000, 7_300_000, 10_000_000}
	los := []float64{0, -3_000, -10_000, -64_575, -250_000, -1_000_000, -2_220_000}
	for _, l := range []report.Lang{report.Dutch, report.English} {
		allowed := map[string][]string{"nl": {"mln", "k", ""}, "en": {"M", "k", ""}}[l.Code]
		for _, hi := range his {
			for _, lo := range los {
				for _, r := range [][2]float64{{lo, hi}, {-hi, -lo}} {
					labels := tickLabels(l, r[0], r[1])
					units := map[string]bool{}
					for _, s := range labels {
						if s == map[string]string{"nl": "€ 0", "en": "€0"}[l.Code] {
							continue
						}
						u := unitOf(s)
						if !slices.Contains(allowed, u) {
							t.Errorf("%s %v: tick %q has unit %q", l.Code, r, s, u)
						}
						units[u] = true
					}
					if len(units) > 1 {
						t.Errorf("%s %v: ticks %q mix units %v", l.Code, r, labels, units)
					}
				}
			}
		}
	}
	// The labels: one unit and one number of decimals per axis, the
	// decimals only where a tick needs one; thousands grouped.
	cases := []struct {
		l      report.Lang
		lo, hi float64
		want   []string
	}{
		{report.Dutch, 0, 3_400_000, []string{"€ 0", "€ 1 mln", "€ 2 mln", "€ 3 mln"}},
		{report.Dutch, -2_300_000, 0, []string{"€ -2,0 mln", "€ -1,5 mln", "€ -1,0 mln", "€ -0,5 mln", "€ 0"}},
		{report.Dutch, -64_575, 566_984, []string{"€ 0", "€ 200k", "€ 400k"}},
		{report.English, 0, 1_200_000, []string{"€0", "€0.5M", "€1.0M"}},
		{report.English, -10_100_000, 8_200_000, []string{"-€10M", "-€5M", "€0", "€5M"}},
		{report.Dutch, 0, 40_000_000_000, []string{"€ 0", "€ 10 mld", "€ 20 mld", "€ 30 mld", "€ 40 mld"}},
		{report.Dutch, 0, 4_000, []string{"€ 0", "€ 1k", "€ 2k", "€ 3k", "€ 4k"}},
		{report.Dutch, 0, 450, []string{"€ 0", "€ 100", "€ 200", "€ 300", "€ 400"}},
		{report.Dutch, 0, 1_200_000, []string{"€ 0", "€ 0,5 mln", "€ 1,0 mln"}},
		{report.Dutch, 0, 1_000_000, []string{"€ 0", "€ 0,2 mln", "€ 0,4 mln", "€ 0,6 mln", "€ 0,8 mln", "€ 1,0 mln"}},
		{report.English, -250_000, 0, []string{"-€250k", "-€200k", "-€150k", "-€100k", "-€50k", "€0"}},
	}
	for _, c := range cases {
		if got := tickLabels(c.l, c.lo, c.hi); !slices.Equal(got, c.want) {
			t.Errorf("%s %g … %g: ticks %q, want %q", c.l.Code, c.lo, c.hi, got, c.want)
		}
	}
}

// realistic is the realistic example's result.
func realistic(t *testing.T) (*scenarios.Scenario, *sim.Result) {
	t.Helper()
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

func TestNetPanelsByKind(t *testing.T) {
	_, r := realistic(t)
	f := netChart(r, report.Dutch)
	if f == nil || len(f.panels) == 0 {
		t.Fatal("no panels")
	}
	// Each panel holds parties of one kind, each drawn party is in one
	// panel, and a kind's panels are next to each other.
	seen := map[int]bool{}
	var order []string
	for _, p := range f.panels {
		if len(p.parties) == 0 {
			t.Errorf("panel %q is empty", p.heading)
			continue
		}
		kind := r.Parties[p.parties[0]].Kind
		for _, i := range p.parties {
			if r.Parties[i].Kind != kind {
				t.Errorf("panel %q holds %s (%s) among parties of kind %s", p.heading, r.Parties[i].ID, r.Parties[i].Kind, kind)
			}
			if seen[i] {
				t.Errorf("%s is in two panels", r.Parties[i].ID)
			}
			seen[i] = true
		}
		if len(order) == 0 || order[len(order)-1] != kind {
			if slices.Contains(order, kind) {
				t.Errorf("the panels of kind %s are not next to each other", kind)
			}
			order = append(order, kind)
		}
		if len(p.legend) != len(p.parties) {
			t.Errorf("panel %q: %d legend entries for %d parties", p.heading, len(p.legend), len(p.parties))
		}
	}
	for i, p := range r.Parties {
		if anyVisible(p.Net) != seen[i] {
			t.Errorf("%s: non-zero net %v, drawn %v", p.ID, anyVisible(p.Net), seen[i])
		}
	}
	// The kinds in the order of the parties, headed in the language: the
	// five municipalities' nets differ some 40 times in size (Centrumstad
	// up to € 567k, Noord's at most € 32k, testdata/realistic_net_position.csv),
	// so the four small ones get a panel of their own.
	if want := []string{"municipality", "insurer", "care_office", "hospital", "national"}; !slices.Equal(order, want) {
		t.Errorf("kinds %v, want %v", order, want)
	}
	var heads []string
	for _, p := range f.panels {
		heads = append(heads, p.heading)
	}
	if want := []string{"Gemeenten: de grootste", "Gemeenten: de kleinere", "Zorgverzekeraars: de grootste", "Zorgverzekeraars: de kleinere", "Zorgkantoor", "Ziekenhuis", "Rijk"}; !slices.Equal(heads, want) {
		t.Errorf("headings %q, want %q", heads, want)
	}
	if p := f.panels[0]; len(p.parties) != 1 || r.Parties[p.parties[0]].ID != "centrumstad" {
		t.Errorf("first panel holds %v, want centrumstad alone", p.parties)
	}
	// Each panel has its own scale: the small municipalities' axis ends
	// within a step of their largest figure, not at Centrumstad's.
	small := f.panels[1].plot
	if small.Y.Min > -32_287.49 || small.Y.Min < -40_000 || small.Y.Max > 1 {
		t.Errorf("small municipalities' axis %g … %g, want about -35k … 0", small.Y.Min, small.Y.Max)
	}
	// The data rows name each party's kind.
	for _, row := range f.data[1:] {
		if i := r.PartyIndex(row[1]); i < 0 || r.Parties[i].Kind != row[0] {
			t.Errorf("net_position row %v: not the party's kind", row[:2])
		}
	}
}

func TestSplitBySize(t *testing.T) {
	r := &sim.Result{}
	for _, net := range []float64{5, 1000, 40, 30_000, 900} {
		r.Parties = append(r.Parties, sim.PartyResult{Net: sim.Series{0, -net}})
	}
	// Sizes 30 000, 1 000, 900, 40, 5: the steps are 30, 1.1, 22.5 and 8
	// times; the split is at the largest, so only party 3 is large.
	large, small := splitBySize(r, []int{0, 1, 2, 3, 4})
	if !slices.Equal(large, []int{3}) || !slices.Equal(small, []int{0, 1, 2, 4}) {
		t.Errorf("split %v | %v, want [3] | [0 1 2 4]", large, small)
	}
	// No step beyond ten times: one panel.
	if large, small := splitBySize(r, []int{1, 4}); !slices.Equal(large, []int{1, 4}) || small != nil {
		t.Errorf("split %v | %v, want no split", large, small)
	}
}

func TestCoverageFromStart(t *testing.T) {
	// No initiative has a point before its start year (scenario
	// initiative.start): schuldhulp starts in 2027, a year after the
	// others; its 2026 cell is empty, in the data and in the drawing.
	s, r := realistic(t)
	f := coverageChart(r, report.English)
	if f == nil || len(f.panels) != 1 {
		t.Fatal("no coverage strip")
	}
	head := f.data[0]
	for j, id := range head[1:] {
		k := slices.IndexFunc(s.Initiatives, func(in scenarios.Initiative) bool { return in.ID == id })
		if k < 0 {
			t.Fatalf("column %s is no initiative", id)
		}
		start := s.Initiatives[k].Start
		for _, row := range f.data[1:] {
			y, _ := strconv.Atoi(row[0])
			if before := y < start; before != (row[1+j] == "") {
				t.Errorf("%s (start %d) in %d: %q", id, start, y, row[1+j])
			}
		}
	}
	if k := slices.Index(head, "schuldhulp"); k < 0 || f.data[1][0] != "2026" || f.data[1][k] != "" || f.data[2][k] != "100.00" {
		t.Errorf("schuldhulp 2026, 2027: %q, %q; want empty, 100.00", f.data[1][k], f.data[2][k])
	}
	// One row of cells per initiative, named (not by id), so that lines
	// at the same coverage cannot lie on top of each other (the cells
	// drawn: TestCoverageCells).
	p := f.panels[0].plot
	ticks := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
	for _, in := range r.Initiatives {
		if !slices.ContainsFunc(ticks, func(tk plot.Tick) bool { return tk.Label == in.Name }) {
			t.Errorf("no row named %q", in.Name)
		}
	}
	// The colours: a year with a gap never looks fully funded, nor reads
	// "100%".
	if coverageColor(0.999, 10) == fullColor || coverageText(0.999, 10) != "99%" || coverageText(1, 0) != "100%" {
		t.Error("a year with a gap looks fully funded")
	}
}

// TestMoneyRange: a range of euros in a heat map's cell writes its unit
// once, both ends in the larger's unit (by hand).
func TestMoneyRange(t *testing.T) {
	for _, c := range []struct {
		l      report.Lang
		lo, hi float64
		want   string
	}{
		{report.English, 900_000, 1_500_000, "€0.9–1.5M"},
		{report.Dutch, 909_467, 1_852_985, "€ 0,9–1,9 mln"},
		{report.Dutch, 64_000, 68_000, "€ 64–68k"},
		{report.Dutch, 0, 955, "€ 0–955"},
		{report.English, 254_000, 15_500_000, "€0.3–16M"},
		{report.Dutch, 12, 122_000, "€ 0–122k"},
		{report.English, -5_000, 2_000, "-€5k–€2k"},
	} {
		if got := moneyRange(c.l, c.lo, c.hi); got != c.want {
			t.Errorf("%s %v–%v: %q, want %q", c.l.Code, c.lo, c.hi, got, c.want)
		}
	}
}
