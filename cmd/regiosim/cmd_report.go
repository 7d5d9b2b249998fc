package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"path"
	"strings"
	"time"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/plots"
	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/regiosim/regiosim/sim/deal"
	"github.com/regiosim/regiosim/sim/sens"
	"github.com/regiosim/regiosim/sim/stress"
	"github.com/spf13/cobra"
)

type reportOptions struct {
	scenario scenarioOptions
	out      string
	fairDeal string
}

func newReportCmd(g *globalOptions) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report [FILE] -o DIR",
		Short: "Write a report a regional table can read: HTML, a workbook, charts and tables",
		Long: `Write a shareable report of a scenario into DIR:

  DIR/report.html     one self-contained page: key findings in sentences,
                      the charts, the tables and the scenario's assumptions
                      (no network needed; printable on A4)
  DIR/regiosim.xlsx   one sheet per table (euro formats, frozen headers,
                      columns as wide as their numbers, totals as SUM
                      formulas), a sheet with each chart's data
                      (chart_…) and one with the assumptions
  DIR/charts/         every chart as SVG and PNG
  DIR/tables/         every table as CSV

Everything is made in memory first and moved into DIR only when complete:
on any error no half-written report remains. Without FILE, the built-in
example region.

Exit codes: 0 ok, 1 runtime failure, 2 bad input or usage.`,
		Example: `  regiosim report -o voorbeeld/
  regiosim report region.toml -o out/ --lang nl`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReport(cmd.Context(), g, o, args)
		},
	}
	o.scenario.addFlags(cmd)
	o.scenario.addVariantFlag(cmd)
	cmd.Flags().StringVarP(&o.out, "output", "o", "regiosim-report", "directory to write the report into")
	cmd.Flags().StringVar(&o.fairDeal, "fair-deal", "", "add a section with the fair deal for this wallet (see 'regiosim fair-deal')")
	return cmd
}

func runReport(ctx context.Context, g *globalOptions, o *reportOptions, args []string) error {
	l, err := g.language()
	if err != nil {
		return err
	}
	s, r, err := o.scenario.loadRun(ctx, g, args, sim.TableSink{Cases: true})
	if s != nil {
		l = l.WithNames(s.Names())
	}
	if err != nil {
		return err
	}
	charts, err := plots.All(r, l)
	if err != nil {
		return fmt.Errorf("drawing the charts: %w", err)
	}
	tables := l.RunTables(r)
	files, err := csvFiles(tables)
	if err != nil {
		return err
	}
	for n := range files {
		files[n].name = "tables/" + files[n].name
	}
	files = append(files, chartFiles(charts)...)
	drawn := charts // every chart of the report, for the workbook's chart sheets
	overview, _ := selectTables(tables, nil, false, "table")
	doc := report.Document{Result: r, Assumptions: s.Assumptions(), Figures: figures(charts), Tables: overview, Generated: time.Now(),
		Version: version(), Variants: l.VariantChanges(s.Variants)}
	doc.File, doc.SHA256 = scenarioDigest(s)
	sheets := tables
	if len(s.Variants) > 0 {
		options, err := variantOptions(ctx, s, nil, true, nil, nil)
		if err != nil {
			return err
		}
		c := sim.Compare(options)
		ctables := l.CompareTables(c)
		ccharts, err := plots.Compare(c, options, l)
		if err != nil {
			return fmt.Errorf("drawing the comparison charts: %w", err)
		}
		cfiles, err := csvFiles(ctables)
		if err != nil {
			return err
		}
		for n := range cfiles {
			cfiles[n].name = "tables/" + cfiles[n].name
		}
		files = append(append(files, cfiles...), chartFiles(ccharts)...)
		drawn = append(drawn, ccharts...)
		doc.CompareTables, _ = selectTables(ctables, nil, false, "table")
		doc.CompareFigures = figures(ccharts)
		sheets = append(sheets, ctables...)
	}
	if len(s.Uncertainty.All()) > 0 {
		ufiles, utables, err := uncertaintySection(ctx, l, s, &doc, &drawn)
		if err != nil {
			return err
		}
		files = append(files, ufiles...)
		sheets = append(sheets, utables...)
	}
	if o.fairDeal != "" {
		res, err := deal.Solve(s, deal.Options{Wallet: o.fairDeal})
		if err != nil {
			return err
		}
		t := l.DealTable(res)
		doc.DealHeader = l.DealHeader(s.Name(), res)
		doc.DealFindings = l.DealFindings(res)
		doc.DealTables = []*report.Table{t}
		dfiles, err := csvFiles(doc.DealTables)
		if err != nil {
			return err
		}
		for n := range dfiles {
			dfiles[n].name = "tables/" + dfiles[n].name
		}
		files = append(files, dfiles...)
		sheets = append(sheets, t)
	}
	var html, xlsx bytes.Buffer
	if err := l.WriteHTML(&html, doc); err != nil {
		return fmt.Errorf("writing the HTML report: %w", err)
	}
	data := make([]report.ChartData, len(drawn))
	for i, c := range drawn {
		data[i] = report.ChartData{Name: c.Name, Rows: c.Data}
	}
	if err := l.WriteXLSX(&xlsx, sheets, s.Assumptions(), data...); err != nil {
		return fmt.Errorf("writing the workbook: %w", err)
	}
	files = append(files, file{"report.html", html.Bytes()}, file{"regiosim.xlsx", xlsx.Bytes()})
	if err := writeDir(o.out, files); err != nil {
		return err
	}
	nCharts, nTables := 0, 0
	for _, f := range files {
		switch {
		case strings.HasPrefix(f.name, "charts/") && strings.HasSuffix(f.name, ".svg"):
			nCharts++
		case strings.HasPrefix(f.name, "tables/"):
			nTables++
		}
	}
	fmt.Fprintf(g.stdout, "%s\n%s: report.html, regiosim.xlsx, %d charts, %d tables\n", l.Header(r), o.out, nCharts, nTables)
	return nil
}

// chartFiles are the SVG and PNG files of charts, under charts/.
func chartFiles(charts []plots.Chart) []file {
	var out []file
	for _, c := range charts {
		name := safeName(c.Name)
		out = append(out, file{"charts/" + name + ".svg", c.SVG}, file{"charts/" + name + ".png", c.PNG})
	}
	return out
}

// figures are charts to embed in the HTML report.
func figures(charts []plots.Chart) []report.Figure {
	var out []report.Figure
	for _, c := range charts {
		out = append(out, report.Figure{Name: safeName(c.Name), Title: c.Title, SVG: c.SVG})
	}
	return out
}

// safeName keeps a file name to letters, digits, - and _ (ids already are;
// this guards the rest).
func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		return "chart"
	}
	return string(b)
}

// uncertaintySection runs the scenario's stress test (its own draws and
// seed, on all cores) for the report: findings in sentences, the headline
// tables and charts into doc; it returns the files (tables as CSV and all
// charts) and the tables for the workbook.
func uncertaintySection(ctx context.Context, l report.Lang, s *scenarios.Scenario, doc *report.Document, drawn *[]plots.Chart) ([]file, []*report.Table, error) {
	setup, err := stress.FromScenario(s)
	if err != nil {
		return nil, nil, err
	}
	m, err := sim.Compile(s, setup.Paths()...)
	if err != nil {
		return nil, nil, err
	}
	chart := defaultChart(m)
	res, err := stress.Run(ctx, m, setup, stress.Options{Draws: setup.Draws, Seed: setup.Seed, Charted: []int{chart}})
	if err != nil {
		return nil, nil, err
	}
	headline := func(name string) bool {
		for _, g := range []string{"region.*", "purchase.*", "initiative.*.gap_after_funds_end_pv", "initiative.*.coverage", "party.*.net_pv"} {
			if ok, _ := path.Match(g, name); ok {
				return true
			}
		}
		return false
	}
	tables := l.StressTables(res, headline, false)
	charts, err := plots.StressHeadline(res, -1, s, l) // the page keeps to chances, drivers and the wrong pocket
	if err != nil {
		return nil, nil, fmt.Errorf("drawing the stress charts: %w", err)
	}
	files, err := csvFiles(tables)
	if err != nil {
		return nil, nil, err
	}
	for n := range files {
		files[n].name = "tables/" + files[n].name
	}
	files = append(files, chartFiles(charts)...)
	doc.UncertaintyFindings = append([]string{l.StressHeader(s.Name(), res) + "."}, l.StressFindings(res)...)
	doc.UncertaintyTables, _ = selectTables(tables, nil, false, "table")
	doc.UncertaintyFigures = figures(charts)
	*drawn = append(*drawn, charts...)
	sfiles, stables, err := sensitivitySection(ctx, l, s, setup, chart, doc, drawn)
	if err != nil {
		return nil, nil, err
	}
	return append(files, sfiles...), append(doc.UncertaintyTables, stables...), nil
}

// sensitivitySection adds the tornado of the headline outcome (each
// uncertain value at its P10 and P90) and the break-even savings scale of
// each cross-purchase to the report.
func sensitivitySection(ctx context.Context, l report.Lang, s *scenarios.Scenario, setup *stress.Setup, outcome int, doc *report.Document, drawn *[]plots.Chart) ([]file, []*report.Table, error) {
	ranges, err := sensRanges(s, nil, "")
	if err != nil {
		return nil, nil, err
	}
	m, err := sim.Compile(s, setup.Paths()...)
	if err != nil {
		return nil, nil, err
	}
	e := sens.NewEvaluator(m, outcome)
	base, err := e.Base()
	if err != nil {
		return nil, nil, err
	}
	bars, err := sens.OneWay(ctx, e, ranges, false)
	if err != nil {
		return nil, nil, err
	}
	t := &sens.Tornado{Outcome: m.Outcomes()[outcome], Base: base, Bars: bars, Runs: e.Runs}
	var breaks []report.BreakEven
	for _, in := range s.Instruments {
		p, ok := in.(instruments.Purchaser)
		if !ok || s.Disabled(in.Meta().ID) {
			continue
		}
		terms := p.Terms(0, s.Region.FirstYear, s.Region.Horizon, s.Region.DiscountRate)
		path := "initiative." + terms.Initiative + ".savings_scale"
		bm, err := sim.Compile(s, path)
		if err != nil {
			return nil, nil, err
		}
		ratio := bm.OutcomeIndex("purchase." + in.Meta().ID + ".ratio")
		if ratio < 0 {
			continue
		}
		be := report.BreakEven{Purchase: in.Meta().ID, Initiative: terms.Initiative, Base: bm.Slots()[0].Base, Max: bm.Slots()[0].Range.Max}
		sol, err := sens.Solve(ctx, sens.NewEvaluator(bm, ratio), 0, 0, be.Max, terms.Threshold, false)
		var nr *sens.NoRoot
		switch {
		case errors.As(err, &nr):
			be.Scale = math.NaN()
		case err != nil:
			return nil, nil, err
		default:
			be.Scale = sol.Value
		}
		breaks = append(breaks, be)
	}
	tables := l.TornadoTables(t, false)
	charts, err := plots.Tornado(t, false, l)
	if err != nil {
		return nil, nil, fmt.Errorf("drawing the tornado: %w", err)
	}
	files, err := csvFiles(tables)
	if err != nil {
		return nil, nil, err
	}
	for n := range files {
		files[n].name = "tables/" + files[n].name
	}
	doc.SensitivityFindings = l.SensitivityFindings(t, breaks)
	doc.SensitivityTables = tables
	doc.SensitivityFigures = figures(charts)
	*drawn = append(*drawn, charts...)
	return append(files, chartFiles(charts)...), tables, nil
}

// scenarioDigest names the scenario's file and its SHA-256 (of the
// built-in example's text for an example).
func scenarioDigest(s *scenarios.Scenario) (file, digest string) {
	var data []byte
	var err error
	if name, ok := strings.CutPrefix(s.File, "builtin:"); ok {
		data, err = scenarios.ExampleSource(name)
	} else {
		data, err = os.ReadFile(s.File)
	}
	if err != nil {
		return s.File, "?"
	}
	sum := sha256.Sum256(data)
	return s.File, hex.EncodeToString(sum[:])
}
