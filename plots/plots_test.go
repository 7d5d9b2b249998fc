package plots_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"flag"
	"fmt"
	"html"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/regiosim/regiosim/plots"
	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/regiosim/regiosim/sim/stress"
)

// report.Lang is what the report hands to the charts.
var _ plots.Labels = report.English

var (
	update = flag.Bool("update", false, "rewrite the data goldens in testdata/")
	outDir = flag.String("out", "", "also write every chart as SVG and PNG into this directory, to look at")
)

// run runs a built-in example once per test binary.
var run = sync.OnceValue(func() map[string]*sim.Result {
	out := map[string]*sim.Result{}
	for _, name := range []string{"realistic", "small"} {
		s, err := scenarios.Example(name)
		if err != nil {
			panic(err)
		}
		r, err := sim.Run(s, sim.Options{})
		if err != nil {
			panic(err)
		}
		out[name] = r
	}
	return out
})

// drawn holds the charts drawn so far, by example and language: drawing
// is the slow part of these tests.
var drawn sync.Map

func charts(t testing.TB, example string, l report.Lang) []plots.Chart {
	t.Helper()
	key := example + "/" + l.Code
	if cs, ok := drawn.Load(key); ok {
		return cs.([]plots.Chart)
	}
	cs, err := plots.All(run()[example], l)
	if err != nil {
		t.Fatal(err)
	}
	drawn.Store(key, cs)
	if *outDir != "" {
		for _, c := range cs {
			stem := filepath.Join(*outDir, example+"_"+l.Code+"_"+c.Name)
			if err := os.WriteFile(stem+".svg", c.SVG, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(stem+".png", c.PNG, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return cs
}

func names(cs []plots.Chart) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

func find(t *testing.T, cs []plots.Chart, name string) plots.Chart {
	t.Helper()
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no chart %q among %v", name, names(cs))
	return plots.Chart{}
}

func TestChartsPresent(t *testing.T) {
	// Expected from the examples' results (regiosim run --format json):
	// the realistic region has one phase-out (afbouw-legacy) and every
	// initiative fully funded, so no gap chart; the small region has no
	// phase-out and a gap after its transformation funds end in 2027.
	cases := map[string][]string{
		// and one wallet, filled by nine parties.
		"realistic": {"funding", "net_position", "cumulative_net", "phase_out_afbouw-legacy", "wrong_pocket", "wallet_fill_portemonnee", "coverage"},
		"small":     {"funding", "net_position", "cumulative_net", "wrong_pocket", "coverage", "gap"},
	}
	for example, want := range cases {
		if got := names(charts(t, example, report.English)); !slices.Equal(got, want) {
			t.Errorf("%s: charts %v, want %v", example, got, want)
		}
	}
}

// TestDataGoldens compares each chart's data rows with
// testdata/<example>_<chart>.csv; -update rewrites them. The goldens were
// checked against the run's JSON output when written (see the tests
// below for figures checked by hand).
func TestDataGoldens(t *testing.T) {
	seen := map[string]bool{}
	for _, example := range []string{"realistic", "small"} {
		for _, c := range charts(t, example, report.English) {
			seen[example+"_"+c.Name+".csv"] = true
			var buf bytes.Buffer
			w := csv.NewWriter(&buf)
			if err := w.WriteAll(c.Data); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join("testdata", example+"_"+c.Name+".csv")
			if *update {
				if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./plots/ -update to write it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s: data differs from %s:\n%s", c.Name, file, buf.String())
			}
		}
	}
	// No golden is left over from a chart that is no longer drawn.
	files, _ := filepath.Glob(filepath.Join("testdata", "*.csv"))
	for _, f := range files {
		if name := filepath.Base(f); !seen[name] {
			if *update {
				os.Remove(f)
			} else {
				t.Errorf("%s belongs to no chart (go test ./plots/ -update removes it)", f)
			}
		}
	}
}

// TestDataFromResult checks data rows against the result they come from,
// figure by figure.
func TestDataFromResult(t *testing.T) {
	r := run()["small"]
	cs := charts(t, "small", report.English)

	// Funding: the small region's only instrument is "iza", paying
	// 100 000 in 2026 and 200 000 in 2027 (scenarios/examples/small.toml);
	// the gap of 2027 is the initiative's gap that year; the funds end in
	// 2027 (InitiativeResult.FundsEnd).
	f := find(t, cs, "funding").Data
	if want := []string{"year", "iza", "gap", "funds_end"}; !slices.Equal(f[0], want) {
		t.Errorf("funding header %v, want %v", f[0], want)
	}
	in := r.Initiatives[0]
	for k, y := range r.Years {
		row := f[k+1]
		if row[0] != strconv.Itoa(y) || row[2] != fmt.Sprintf("%.2f", in.Gap[k]) || row[3] != "2027" {
			t.Errorf("funding row %v, want year %d, gap %.2f, funds end 2027", row, y, in.Gap[k])
		}
	}
	if f[1][1] != "100000.00" || f[2][1] != "200000.00" {
		t.Errorf("funding by iza %s, %s; want 100000.00, 200000.00", f[1][1], f[2][1])
	}

	// Cumulative net: sorted from most positive to most negative
	// PartyResult.PV.Net.
	cum := find(t, cs, "cumulative_net").Data[1:]
	prev := math.Inf(1)
	for _, row := range cum {
		i := r.PartyIndex(row[0])
		v, _ := strconv.ParseFloat(row[2], 64)
		if i < 0 || row[2] != fmt.Sprintf("%.2f", r.Parties[i].PV.Net) || v > prev {
			t.Errorf("cumulative row %v out of order or not the party's PV.Net", row)
		}
		prev = v
	}
	if len(cum) != len(r.Parties) {
		t.Errorf("cumulative: %d rows, want one per party (%d)", len(cum), len(r.Parties))
	}

	// Coverage: the funded share in percent (InitiativeResult.Coverage ×
	// 100): about 98% in 2027 (the last year of the funds), 0% from 2028
	// in the small region.
	cov := find(t, cs, "coverage").Data
	if want := fmt.Sprintf("%.2f", 100*in.Coverage[1]); cov[2][1] != want || !strings.HasPrefix(want, "98.") || cov[3][1] != "0.00" {
		t.Errorf("coverage 2027, 2028 = %s, %s; want %s, 0.00", cov[2][1], cov[3][1], want)
	}

	// Wrong pocket: only the row of "rijk" is non-zero in the small
	// region, against gemeente, zv and none (sim.Result.WrongPocket).
	wp := find(t, cs, "wrong_pocket").Data
	if want := []string{"bearer", "gemeente", "zv", "none"}; !slices.Equal(wp[0], want) {
		t.Errorf("wrong pocket columns %v, want %v", wp[0], want)
	}
	if len(wp) != 2 || wp[1][0] != "rijk" {
		t.Errorf("wrong pocket rows %v, want only rijk", wp[1:])
	}

	// Phase-out of the realistic region: the three profiles of
	// PhaseOutResult.Paths, the chosen one (annuity) named in every row.
	rr := run()["realistic"]
	po := find(t, charts(t, "realistic", report.English), "phase_out_afbouw-legacy").Data
	if want := []string{"year", "baseline", "annuity", "linear", "cliff", "chosen"}; !slices.Equal(po[0], want) {
		t.Errorf("phase-out header %v, want %v", po[0], want)
	}
	last := po[len(po)-1]
	if last[5] != rr.PhaseOuts[0].Profile || last[2] != "0.00" || last[1] != "10000000.00" {
		t.Errorf("phase-out last row %v, want baseline 10000000.00, annuity 0.00, chosen %s", last, rr.PhaseOuts[0].Profile)
	}
}

// svgDoc is what the structure tests read of an SVG.
type svgDoc struct {
	Width, Height string
	Texts         []string
	Plain         []string        // the texts not in bold (all but headings and titles)
	Colors        map[string]bool // fill and stroke colours used
}

func parseSVG(t *testing.T, data []byte) svgDoc {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	doc := svgDoc{Colors: map[string]bool{}}
	depth, inText, bold := 0, false, false
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG does not parse as XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if e.Name.Local != "svg" {
					t.Fatalf("root element <%s>, want <svg>", e.Name.Local)
				}
				for _, a := range e.Attr {
					switch a.Name.Local {
					case "width":
						doc.Width = a.Value
					case "height":
						doc.Height = a.Value
					}
				}
			}
			depth++
			for _, a := range e.Attr {
				if a.Name.Local == "style" {
					for _, decl := range strings.Split(a.Value, ";") {
						k, v, _ := strings.Cut(decl, ":")
						if k == "fill" || k == "stroke" {
							doc.Colors[strings.ToUpper(v)] = true
						}
					}
				}
			}
			if e.Name.Local == "text" {
				inText = true
				text.Reset()
				bold = false
				for _, a := range e.Attr {
					bold = bold || a.Name.Local == "style" && strings.Contains(a.Value, "font-weight:bold")
				}
			}
		case xml.CharData:
			if inText {
				text.Write(e)
			}
		case xml.EndElement:
			depth--
			if e.Name.Local == "text" {
				inText = false
				doc.Texts = append(doc.Texts, text.String())
				if !bold {
					doc.Plain = append(doc.Plain, text.String())
				}
			}
		}
	}
	return doc
}

func colorString(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
}

// entries counts where name is written, whole or wrapped over
// consecutive text elements.
func entries(texts []string, name string) int {
	n := 0
	for i := range texts {
		s := texts[i]
		for j := i + 1; len(s) < len(name) && j < len(texts); j++ {
			s += " " + texts[j]
		}
		if s == name {
			n++
		}
	}
	return n
}

func points(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "pt"), 64)
	if err != nil || !strings.HasSuffix(s, "pt") {
		t.Fatalf("size %q is not in points", s)
	}
	return v
}

func TestSVGStructure(t *testing.T) {
	r := run()["realistic"]
	for _, l := range []report.Lang{report.English, report.Dutch} {
		for _, c := range charts(t, "realistic", l) {
			doc := parseSVG(t, c.SVG)
			// 16 cm × 9 cm is 453.54 pt × 255.12 pt (72 pt to 2.54 cm);
			// the small multiples of net_position are taller, up to 24 cm.
			w, h := points(t, doc.Width), points(t, doc.Height)
			if c.Name == "net_position" {
				if math.Abs(w-16/2.54*72) > 0.01 || h < 9/2.54*72-0.01 || h > 24/2.54*72+0.01 {
					t.Errorf("%s: size %s × %s, want 16 cm wide and 9 to 24 cm tall", c.Name, doc.Width, doc.Height)
				}
			} else if math.Abs(w-16/2.54*72) > 0.01 || math.Abs(h-9/2.54*72) > 0.01 {
				t.Errorf("%s: size %s × %s, want 16 cm × 9 cm", c.Name, doc.Width, doc.Height)
			}
			// The title is drawn (wrapped lines join with a space).
			all := strings.Join(doc.Texts, " ")
			if !strings.Contains(all, c.Title) {
				t.Errorf("%s: title %q not among the texts %q", c.Name, c.Title, doc.Texts)
			}
			// The title is also the SVG's <title>, for screen readers.
			if !bytes.Contains(c.SVG, []byte("<title>"+html.EscapeString(c.Title)+"</title>")) {
				t.Errorf("%s: no <title>", c.Name)
			}
			// The fonts fall back to metric-compatible ones.
			if !bytes.Contains(c.SVG, []byte("'Liberation Sans',Arial")) {
				t.Errorf("%s: no font fallback", c.Name)
			}
		}
		// One legend entry per party drawn: net_position draws the
		// parties with a non-zero net in some year (PartyResult.Net), each
		// named once (the panels' headings, in bold, name kinds), in its
		// colour.
		net := parseSVG(t, find(t, charts(t, "realistic", l), "net_position").SVG)
		cum := parseSVG(t, find(t, charts(t, "realistic", l), "cumulative_net").SVG)
		drawn := 0
		for i, p := range r.Parties {
			nonzero := slices.ContainsFunc(p.Net, func(v float64) bool { return math.Abs(v) >= 0.5 })
			count := entries(net.Plain, p.Name)
			if nonzero {
				drawn++
				if count != 1 {
					t.Errorf("net_position: %d legend entries for %s, want 1", count, p.Name)
				}
				if !net.Colors[colorString(plots.PartyColor(i))] {
					t.Errorf("net_position: colour %s of %s not used", colorString(plots.PartyColor(i)), p.ID)
				}
			} else if count != 0 {
				t.Errorf("net_position: %s has a zero net every year but a legend entry", p.Name)
			}
			// Every party has its bar, in its colour, in cumulative_net.
			if !slices.Contains(cum.Texts, p.Name) {
				t.Errorf("cumulative_net: no label for %s", p.Name)
			}
			if !cum.Colors[colorString(plots.PartyColor(i))] {
				t.Errorf("cumulative_net: colour %s of %s not used", colorString(plots.PartyColor(i)), p.ID)
			}
		}
		// 10 of the 16 parties of the realistic region have a non-zero net
		// (regiosim run --table party_net: the six providers have none).
		if drawn != 10 {
			t.Errorf("%d parties drawn in net_position, want 10", drawn)
		}
	}
}

func TestPNG(t *testing.T) {
	for _, c := range charts(t, "realistic", report.English) {
		img, err := png.Decode(bytes.NewReader(c.PNG))
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		// 16 cm × 9 cm at plots.DPI (200): 1260 × 709 pixels; the small
		// multiples of net_position are as wide and taller.
		b := img.Bounds()
		if c.Name == "net_position" {
			if b.Dx() != 1260 || b.Dy() < 709 || b.Dy() > 1890 {
				t.Errorf("%s: %d × %d pixels, want 1260 wide, 709 to 1890 tall", c.Name, b.Dx(), b.Dy())
			}
		} else if b.Dx() != 1260 || b.Dy() != 709 {
			t.Errorf("%s: %d × %d pixels, want 1260 × 709", c.Name, b.Dx(), b.Dy())
		}
	}
}

func TestTitlesInLanguage(t *testing.T) {
	// The titles of report/labels.go, English and Dutch.
	want := map[string][2]string{
		"funding":                 {"Funding of initiatives by source", "Financiering van initiatieven naar bron"},
		"net_position":            {"Net position per party per year", "Netto positie per partij per jaar"},
		"cumulative_net":          {"Cumulative net per party over the horizon (present value)", "Cumulatief netto per partij over de looptijd (contante waarde)"},
		"phase_out_afbouw-legacy": {"Afbouw legacy-budget ziekenhuis: annuity, linear and cliff", "Afbouw legacy-budget ziekenhuis: annuïteit, lineair en in één keer"},
		"wrong_pocket":            {"Wrong pocket: who bears the cost for whose savings (present value)", "Verkeerde zak: wie draagt de kosten voor wiens besparingen (contante waarde)"},
		"coverage":                {"Coverage per initiative", "Dekking per initiatief"},
		"wallet_fill_portemonnee": {"Who fills Regio-portemonnee: contributions per party per year", "Wie vult Regio-portemonnee: bijdragen per partij per jaar"},
	}
	for k, l := range []report.Lang{report.English, report.Dutch} {
		cs := charts(t, "realistic", l)
		for _, c := range cs {
			if c.Title != want[c.Name][k] {
				t.Errorf("%s %s: title %q, want %q", l.Code, c.Name, c.Title, want[c.Name][k])
			}
		}
		// The axis labels follow the language too.
		doc := parseSVG(t, find(t, cs, "funding").SVG)
		axis := []string{"year", "jaar"}[k]
		if !slices.Contains(doc.Texts, axis) {
			t.Errorf("%s funding: no axis label %q", l.Code, axis)
		}
	}
	// The gap chart of the small region.
	if c := find(t, charts(t, "small", report.Dutch), "gap"); c.Title != "Financieringstekort per initiatief" {
		t.Errorf("gap title %q", c.Title)
	}
}

func TestEuroTicks(t *testing.T) {
	// Euro axes carry labels of Labels.Short: the realistic funding chart
	// peaks near 3.4 million a year (testdata/realistic_funding.csv), so
	// its ticks fall on a 1 million step: "€ 1 mln", "€ 2 mln" in Dutch
	// (a decimal of 0 is dropped, so that 1 500 is "€ 1,5k", not "€ 2k").
	doc := parseSVG(t, find(t, charts(t, "realistic", report.Dutch), "funding").SVG)
	for _, s := range []string{"€ 0", "€ 1 mln", "€ 2 mln"} {
		if !slices.Contains(doc.Texts, s) {
			t.Errorf("no tick %q among %q", s, doc.Texts)
		}
	}
}

func TestDeterministic(t *testing.T) {
	// Same result, same bytes: nothing depends on map order.
	a, err := plots.All(run()["realistic"], report.English)
	if err != nil {
		t.Fatal(err)
	}
	b := charts(t, "realistic", report.English)
	for i := range a {
		if !bytes.Equal(a[i].SVG, b[i].SVG) || !bytes.Equal(a[i].PNG, b[i].PNG) {
			t.Errorf("%s differs between two runs", a[i].Name)
		}
	}
}

func BenchmarkAll(b *testing.B) {
	r := run()["realistic"]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := plots.All(r, report.English); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCompareCharts(t *testing.T) {
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	var options []sim.Option
	base, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	options = append(options, sim.Option{Name: "base", Result: base})
	for i := range s.Variants {
		v, err := s.WithVariant(&s.Variants[i])
		if err != nil {
			t.Fatal(err)
		}
		r, err := sim.Run(v, sim.Options{})
		if err != nil {
			t.Fatal(err)
		}
		options = append(options, sim.Option{Name: s.Variants[i].Name, Result: r})
	}
	for _, l := range []report.Lang{report.Dutch, report.English} {
		charts, err := plots.Compare(sim.Compare(options), options, l)
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]plots.Chart{}
		for _, c := range charts {
			byName[c.Name] = c
			if *outDir != "" {
				stem := filepath.Join(*outDir, "realistic_"+l.Code+"_"+c.Name)
				os.WriteFile(stem+".svg", c.SVG, 0o644)
				os.WriteFile(stem+".png", c.PNG, 0o644)
			}
		}
		net, gap := byName["compare_net"], byName["compare_gap"]
		if len(net.SVG) == 0 || len(gap.PNG) == 0 {
			t.Fatalf("charts %v; want compare_net and compare_gap", len(charts))
		}
		// The titles and the value axes say "difference from base".
		diff := map[string]string{"nl": "Verschil met basis", "en": "Difference from base"}[l.Code]
		axis := map[string]string{"nl": "verschil met basis", "en": "difference from base"}[l.Code]
		for _, c := range []plots.Chart{net, gap} {
			if !strings.HasPrefix(c.Title, diff) {
				t.Errorf("%s %s: title %q does not say %q", l.Code, c.Name, c.Title, diff)
			}
			if !slices.ContainsFunc(parseSVG(t, c.SVG).Texts, func(s string) bool { return strings.HasPrefix(s, axis) }) {
				t.Errorf("%s %s: no axis label saying %q", l.Code, c.Name, axis)
			}
		}
		// Every option but the base is in the legend; the base is the zero
		// line.
		for _, o := range options[1:] {
			if !strings.Contains(string(net.SVG), o.Name[:min(len(o.Name), 12)]) {
				t.Errorf("compare_net legend lacks %q", o.Name)
			}
		}
		if l.Code != "nl" {
			continue
		}
		// compare_net: a row per drawn party and option besides the base,
		// each the option's net present value minus the base's, from the
		// runs' results; a party drawn is moved a euro or more by some
		// option, and every party so moved is drawn.
		rows := net.Data[1:]
		if want := []string{"party", "option", "net_pv_diff"}; !slices.Equal(net.Data[0], want) {
			t.Errorf("compare_net header %v, want %v", net.Data[0], want)
		}
		if len(rows)%(len(options)-1) != 0 {
			t.Errorf("compare_net: %d rows for %d options besides the base", len(rows), len(options)-1)
		}
		pv := func(r *sim.Result, id string) float64 {
			if i := r.PartyIndex(id); i >= 0 {
				return r.Parties[i].PV.Net
			}
			return 0
		}
		drawnParties := map[string]bool{}
		for _, row := range rows {
			drawnParties[row[0]] = true
			o := slices.IndexFunc(options, func(o sim.Option) bool { return o.Name == row[1] })
			if o <= 0 {
				t.Errorf("compare_net row %v: not an option besides the base", row)
				continue
			}
			want := pv(options[o].Result, row[0]) - pv(base, row[0])
			if row[2] != fmt.Sprintf("%.2f", want) && !(row[2] == "0.00" && math.Abs(want) < 0.005) {
				t.Errorf("compare_net %s in %s: %s, want %.2f (option minus base)", row[0], row[1], row[2], want)
			}
		}
		for _, p := range base.Parties {
			moved := false
			for _, o := range options[1:] {
				moved = moved || math.Abs(pv(o.Result, p.ID)-p.PV.Net) >= 0.5
			}
			if moved != drawnParties[p.ID] {
				t.Errorf("compare_net: %s drawn %v, moved by an option %v", p.ID, drawnParties[p.ID], moved)
			}
		}
		// The bars are named by the parties' names, not their ids.
		texts := parseSVG(t, net.SVG).Texts
		for id := range drawnParties {
			name := base.Parties[base.PartyIndex(id)].Name
			if !slices.Contains(texts, name) || slices.Contains(texts, id) {
				t.Errorf("compare_net: %s not labelled by its name %q", id, name)
			}
		}
		// compare_gap: a row per year, a column per option besides the
		// base, each the option's gap of all initiatives minus the base's
		// (sim.Result.Totals.GapByYear). The cliff variant has a gap where
		// the base has none (by the example's design), so some cell is
		// not zero.
		if len(gap.Data) != 1+len(base.Years) || len(gap.Data[0]) != len(options) {
			t.Fatalf("compare_gap: %d rows of %d, want %d of %d", len(gap.Data), len(gap.Data[0]), 1+len(base.Years), len(options))
		}
		nonzero := false
		for k, y := range base.Years {
			row := gap.Data[1+k]
			if row[0] != strconv.Itoa(y) {
				t.Errorf("compare_gap row %v, want year %d", row, y)
			}
			for o := 1; o < len(options); o++ {
				want := options[o].Result.Totals.GapByYear[k] - base.Totals.GapByYear[k]
				if row[o] != fmt.Sprintf("%.2f", want) && !(row[o] == "0.00" && math.Abs(want) < 0.005) {
					t.Errorf("compare_gap %d %s: %s, want %.2f (option minus base)", y, options[o].Name, row[o], want)
				}
				nonzero = nonzero || row[o] != "0.00"
			}
		}
		if !nonzero {
			t.Error("compare_gap: no difference from the base in any year")
		}
	}
}

func TestCoverageCells(t *testing.T) {
	// The coverage strip writes a cell for every year an initiative runs
	// and none before its start (scenario initiative.start): in the
	// realistic region three initiatives run 2026–2035 and schuldhulp
	// 2027–2035, all fully funded: 39 cells of "100%".
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	r := run()["realistic"]
	want := 0
	for _, in := range s.Initiatives {
		for _, y := range r.Years {
			if y >= in.Start && (in.End == 0 || y <= in.End) {
				want++
			}
		}
	}
	doc := parseSVG(t, find(t, charts(t, "realistic", report.English), "coverage").SVG)
	got := 0
	for _, s := range doc.Texts {
		if s == "100%" {
			got++
		}
	}
	if got != want || want != 39 {
		t.Errorf("%d cells of 100%%, want %d (39)", got, want)
	}
}

// idsAndNames are the ids of the parties, initiatives and instruments of
// a result that have a name, with their names.
func idsAndNames(r *sim.Result) map[string]string {
	out := map[string]string{}
	for _, p := range r.Parties {
		if p.Name != "" && p.Name != p.ID {
			out[p.ID] = p.Name
		}
	}
	for _, in := range r.Initiatives {
		if in.Name != "" && in.Name != in.ID {
			out[in.ID] = in.Name
		}
	}
	for _, in := range r.Instruments {
		if in.Name != "" && in.Name != in.ID {
			out[in.ID] = in.Name
		}
	}
	return out
}

func TestNamesNotIDs(t *testing.T) {
	// No chart writes the id of a party, initiative or instrument that
	// has a name: not as a title's word, nor as a tick, label or legend
	// text.
	for _, example := range []string{"realistic", "small"} {
		ids := idsAndNames(run()[example])
		for _, l := range []report.Lang{report.English, report.Dutch} {
			for _, c := range charts(t, example, l) {
				// (The words of the names written are not ids: the phase-out
				// "Afbouw legacy-budget ziekenhuis" is no hospital.)
				title := c.Title
				for _, name := range ids {
					title = strings.ReplaceAll(title, name, "")
				}
				for _, w := range strings.FieldsFunc(title, func(r rune) bool { return r == ' ' || r == ':' || r == ',' || r == '(' || r == ')' }) {
					if name, ok := ids[w]; ok {
						t.Errorf("%s %s: title %q names %s by its id, not %q", example, c.Name, c.Title, w, name)
					}
				}
				for _, s := range parseSVG(t, c.SVG).Texts {
					if name, ok := ids[s]; ok {
						t.Errorf("%s %s %s: text %q is an id, not the name %q", example, l.Code, c.Name, s, name)
					}
				}
			}
		}
	}
}

func TestNoMinusZero(t *testing.T) {
	// No text of any chart is a minus zero ("€ -0", "-€0", "€ -0 mln").
	minusZero := regexp.MustCompile(`-\s*€?\s*0([.,]0*)?([^0-9.,]|$)`)
	for _, example := range []string{"realistic", "small"} {
		for _, l := range []report.Lang{report.English, report.Dutch} {
			for _, c := range charts(t, example, l) {
				for _, s := range parseSVG(t, c.SVG).Texts {
					if minusZero.MatchString(s) {
						t.Errorf("%s %s %s: text %q", example, l.Code, c.Name, s)
					}
				}
			}
		}
	}
}

func TestStressChartsNamed(t *testing.T) {
	// The stress charts name parties, initiatives and instruments by the
	// scenario's names: the fan charts' titles, the chances' subjects and
	// the wrong-pocket matrix.
	s, res := stressOfExample(t)
	cs, err := plots.Stress(res, -1, s, report.English.WithNames(s.Names()))
	if err != nil {
		t.Fatal(err)
	}
	ids := idsAndNames(run()["realistic"])
	fans := 0
	for _, c := range cs {
		if *outDir != "" {
			os.WriteFile(filepath.Join(*outDir, "stress_en_"+c.Name+".png"), c.PNG, 0o644)
		}
		if strings.HasPrefix(c.Name, "fan_") {
			fans++
			id := strings.TrimPrefix(c.Name, "fan_")
			if name, ok := ids[id]; ok && !strings.Contains(c.Title, name) {
				t.Errorf("%s: title %q lacks the name %q", c.Name, c.Title, name)
			}
		}
		for _, text := range parseSVG(t, c.SVG).Texts {
			for id, name := range ids {
				if text == id || strings.HasSuffix(text, " "+id) {
					t.Errorf("%s: text %q names %s by its id, not %q", c.Name, text, id, name)
				}
			}
		}
	}
	if fans == 0 || len(cs) < 3 {
		t.Errorf("charts %v: want fans, chances and the wrong pocket", names(cs))
	}
	// Without a scenario, the ids.
	if _, err := plots.StressHeadline(res, -1, nil, report.English); err != nil {
		t.Error(err)
	}
}

// TestStressHeatMapWritesEveryCell: the P50 wrong-pocket matrix of the
// built-in example writes every cell's range, in Dutch too (whose amounts
// are longer), in type that prints at 9 pt or more across a landscape A4
// page (5.2 of its 16 cm: 9 pt × 160/277).
func TestStressHeatMapWritesEveryCell(t *testing.T) {
	s, res := stressOfExample(t)
	fontSize := regexp.MustCompile(`font-size:\s*([0-9.]+)`)
	for _, l := range []report.Lang{report.English, report.Dutch} {
		cs, err := plots.Stress(res, -1, s, l.WithNames(s.Names()))
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(cs, func(c plots.Chart) bool { return c.Name == "wrong_pocket_p50" })
		if i < 0 {
			t.Fatalf("%s: no wrong_pocket_p50 chart", l.Code)
		}
		c := cs[i]
		cells := 0
		for _, row := range c.Data[1:] {
			if p90, _ := strconv.ParseFloat(row[4], 64); p90 > 0 {
				cells++
			}
		}
		ranges := 0
		for _, text := range parseSVG(t, c.SVG).Texts {
			if strings.Contains(text, "–") {
				ranges++
			}
		}
		if cells < 20 || ranges < cells {
			t.Errorf("%s: %d of %d cells with a P90 above 0 show their range", l.Code, ranges, cells)
		}
		for _, m := range fontSize.FindAllSubmatch(c.SVG, -1) {
			if size, _ := strconv.ParseFloat(string(m[1]), 64); size < 5.19 {
				t.Errorf("%s: text of %.2f px in the heat map prints under 9 pt", l.Code, size)
				break
			}
		}
	}
}

// stressOfExample is a stress test of the built-in example: 200 draws.
func stressOfExample(t *testing.T) (*scenarios.Scenario, *stress.Result) {
	t.Helper()
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	setup, err := stress.FromScenario(s)
	if err != nil {
		t.Fatal(err)
	}
	m, err := sim.Compile(s, setup.Paths()...)
	if err != nil {
		t.Fatal(err)
	}
	res, err := stress.Run(context.Background(), m, setup, stress.Options{Draws: 200, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return s, res
}
