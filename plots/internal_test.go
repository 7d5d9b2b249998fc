package plots

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"

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
	if got := labelsOf(yearTicks(2025.5, 2035.5)); len(got) != 10 || got[0] != "2026" || got[9] != "2035" {
		t.Errorf("ten years: %v", got)
	}
	// Twenty years: every other year, all still ticked.
	ticks := yearTicks(2026, 2045)
	if got := labelsOf(ticks); len(ticks) != 20 || len(got) != 10 || got[1] != "2028" {
		t.Errorf("twenty years: %d ticks, labels %v", len(ticks), got)
	}
}

func TestPercentTicks(t *testing.T) {
	want := []string{"0%", "25%", "50%", "75%", "100%"}
	if got := labelsOf(percentTicks(0, 105)); !slices.Equal(got, want) {
		t.Errorf("ticks %v, want %v", got, want)
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
		{ID: "a", Name: "A", FundsEnd: 2025, Coverage: sim.Series{1, 1, 0.5}, Gap: sim.Series{0, 0, 50},
			FundingBy: []sim.SourceSeries{{Instrument: "fund", Amount: sim.Series{100, 100, 0}}, {Instrument: "pot", Amount: sim.Series{0, 0, 50}}}},
		{ID: "b", Name: "B", FundsEnd: 2024, Coverage: sim.Series{1, 1, 1}, Gap: sim.Series{0, 0, 0},
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
	// Net: p3 is zero every year and left out; p0 is zero too (0, -0, 0).
	netHead := got["net_position"][0]
	if slices.Contains(netHead, "p3") || slices.Contains(netHead, "p0") || len(netHead) != 1+9 {
		t.Errorf("net_position header %v, want year and p1, p2, p4 … p10", netHead)
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
	// Coverage in percent; the gap of the one initiative with a gap.
	check("coverage", [][]string{
		{"year", "a", "b"},
		{"2024", "100.00", "100.00"},
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
