package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/regiosim/regiosim/plots"
	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/regiosim/regiosim/sim/sens"
	"github.com/regiosim/regiosim/sim/stress"
	"github.com/spf13/cobra"
)

type tornadoOptions struct {
	scenario scenarioOptions
	outcome  string
	ranges   []string
	spread   string
	spider   bool
	twoWay   string
	points   int
	format   string
	out      string
}

func newTornadoCmd(g *globalOptions) *cobra.Command {
	o := &tornadoOptions{}
	cmd := &cobra.Command{
		Use:   "tornado [FILE] --outcome NAME",
		Short: "Which single assumption moves an outcome most (one-way and two-way sensitivity)",
		Long: `One-way sensitivity: each uncertain value of [uncertainty.params] is set to
its P10 and its P90 (the convention of Crystal Ball), all others at their
base value, and the outcome is computed at both; the table and the chart
show the swing of each, widest first. --range PATH=LOW:HIGH adds a value or
overrides its range; without [uncertainty] or --range, --spread 20% sweeps
every number of the file 20 % down and up. For a yes/no outcome
(purchase.ID.closes) it says at which side it flips. --spider draws the
outcome against each value at five points (P10 … P90).

--two-way P1,P2 writes a grid of the outcome over two values (11 × 11, or
--points N) as a table and a heat map, with the break-even contour when the
outcome is a decision. Without --outcome: the first cross-purchase's net
benefit, else region.gap_pv. Outcome names: 'regiosim outcomes'.

Exit codes: 0 ok, 1 runtime failure, 2 bad input or usage.`,
		Example: `  regiosim tornado --outcome purchase.kruis-zv-a.net_benefit_pv
  regiosim tornado region.toml --outcome region.gap_pv --spider -o tornado/
  regiosim tornado region.toml --outcome party.zv.net_pv --range instrument.portemonnee.rate=0.0001:0.001
  regiosim tornado region.toml --outcome region.gap_pv --spread 20%
  regiosim tornado --two-way initiative.valpreventie.savings_scale,party.zv-a.growth --outcome purchase.kruis-zv-a.closes`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTornado(cmd.Context(), g, o, args)
		},
	}
	o.scenario.addFlags(cmd)
	o.scenario.addVariantFlag(cmd)
	f := cmd.Flags()
	f.StringVar(&o.outcome, "outcome", "", "the outcome (see 'regiosim outcomes')")
	f.StringArrayVar(&o.ranges, "range", nil, "PATH=LOW:HIGH: a value and its range (repeatable)")
	f.StringVar(&o.spread, "spread", "", "sweep every number of the file this much down and up, e.g. 20%")
	f.BoolVar(&o.spider, "spider", false, "also the outcome at five points (P10 … P90) of each value")
	f.StringVar(&o.twoWay, "two-way", "", "P1,P2: a grid of the outcome over two values")
	f.IntVar(&o.points, "points", 11, "with --two-way: points per value")
	f.StringVar(&o.format, "format", "table", "output format: table, csv, json or markdown")
	f.StringVarP(&o.out, "output", "o", "", "write the tables as CSV and the charts into this directory")
	return cmd
}

// sensRanges gathers the ranges of a sensitivity analysis: the P10 and
// P90 of each uncertain value, then --range, then (when there are none)
// --spread over every number.
func sensRanges(s *scenarios.Scenario, flags []string, spread string) ([]sens.Range, error) {
	var out []sens.Range
	at := map[string]int{}
	put := func(r sens.Range) {
		if i, ok := at[r.Path]; ok {
			out[i] = r
			return
		}
		at[r.Path] = len(out)
		out = append(out, r)
	}
	if len(s.Uncertainty.All()) > 0 {
		setup, err := stress.FromScenario(s)
		if err != nil {
			return nil, err
		}
		for _, p := range setup.Params {
			var pts []float64
			for _, q := range []float64{0.1, 0.3, 0.5, 0.7, 0.9} {
				pts = append(pts, p.Dist.Quantile(q))
			}
			put(sens.Range{Path: p.Path, Low: pts[0], High: pts[4], Points: pts})
		}
	}
	for _, fl := range flags {
		r, err := parseRange(s, fl)
		if err != nil {
			return nil, err
		}
		put(r)
	}
	if spread != "" {
		frac, err := parsePercent(spread)
		if err != nil {
			return nil, usagef("--spread %q: %v", spread, err)
		}
		for _, p := range s.Paths() {
			if _, done := at[p]; done {
				continue
			}
			base, err := s.GetFloat(p)
			rg, rerr := s.Range(p)
			if err != nil || rerr != nil || base == 0 || rg.Whole || rg.IsYear() {
				continue // a year, a count or a zero does not spread
			}
			lo, hi := base*(1-frac), base*(1+frac)
			if lo > hi {
				lo, hi = hi, lo
			}
			put(sens.Range{Path: p, Low: math.Max(lo, rg.Min), High: math.Min(hi, rg.Max)})
		}
	}
	if len(out) == 0 {
		return nil, usagef("no values to vary: the scenario has no [uncertainty.params]; give --range PATH=LOW:HIGH or --spread 20%%")
	}
	return out, nil
}

// parseRange reads PATH=LOW:HIGH and checks it against the path's range.
func parseRange(s *scenarios.Scenario, fl string) (sens.Range, error) {
	path, lh, ok := strings.Cut(fl, "=")
	low, high, ok2 := strings.Cut(lh, ":")
	if !ok || !ok2 {
		return sens.Range{}, usagef("--range %q: write PATH=LOW:HIGH, e.g. --range instrument.portemonnee.rate=0.0001:0.001", fl)
	}
	lo, err1 := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(low), "_", ""), 64)
	hi, err2 := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(high), "_", ""), 64)
	if err1 != nil || err2 != nil || math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return sens.Range{}, usagef("--range %q: LOW and HIGH must be numbers%s", fl, commaHint(lh))
	}
	path = strings.TrimSpace(path)
	rg, err := s.Range(path)
	if err != nil {
		if pe, ok := err.(*scenarios.PathError); ok {
			pe.Path = "--range " + pe.Path
		}
		return sens.Range{}, err
	}
	if !(lo < hi) {
		return sens.Range{}, usagef("--range %s: LOW %g is not below HIGH %g", path, lo, hi)
	}
	if !rg.Contains(lo) || !rg.Contains(hi) {
		return sens.Range{}, usagef("--range %s: %g..%g leaves the valid range %s", path, lo, hi, rg)
	}
	return sens.Range{Path: path, Low: lo, High: hi}, nil
}

func parsePercent(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil || !(v > 0 && v < 100) {
		return 0, fmt.Errorf("give a percentage above 0 and below 100, e.g. 20%%")
	}
	return v / 100, nil
}

// pickOutcome finds --outcome (default: the headline) in a model.
func pickOutcome(m *sim.Model, name, flag string) (int, error) {
	if name == "" {
		return defaultChart(m), nil
	}
	i := m.OutcomeIndex(name)
	if i < 0 {
		return 0, usagef("%s %q: no such outcome%s (see 'regiosim outcomes')", flag, name, hintFor(name, outcomeNames(m)))
	}
	return i, nil
}

func runTornado(ctx context.Context, g *globalOptions, o *tornadoOptions, args []string) error {
	l, s, err := g.start(&o.scenario, o.format, args)
	if err != nil {
		return err
	}
	ranges, err := sensRanges(s, o.ranges, o.spread)
	if err != nil {
		return err
	}
	if o.twoWay != "" {
		return runTwoWay(ctx, g, l, o, s, ranges)
	}
	paths := make([]string, len(ranges))
	for i, r := range ranges {
		paths[i] = r.Path
	}
	m, err := sim.Compile(s, paths...)
	if err != nil {
		return err
	}
	out, err := pickOutcome(m, o.outcome, "--outcome")
	if err != nil {
		return err
	}
	e := sens.NewEvaluator(m, out)
	base, err := e.Base()
	if err != nil {
		return err
	}
	bars, err := sens.OneWay(ctx, e, ranges, o.spider)
	if err != nil {
		return err
	}
	oc := m.Outcomes()[out]
	t := &sens.Tornado{Outcome: oc, Base: base, Bars: bars, Runs: e.Runs}
	tables := l.TornadoTables(t, o.spider)
	if o.out != "" {
		return writeTablesCharts(g, o.out, l.TornadoHeader(s.Name(), t), tables, func() ([]plots.Chart, error) { return plots.Tornado(t, o.spider, l) })
	}
	if o.format == "json" {
		return writeJSON(g.stdout, map[string]any{"outcome": oc.Name, "base": base, "runs": e.Runs, "bars": bars})
	}
	return renderTables(g.stdout, l, l.TornadoHeader(s.Name(), t), tables, o.format)
}

func runTwoWay(ctx context.Context, g *globalOptions, l report.Lang, o *tornadoOptions, s *scenarios.Scenario, ranges []sens.Range) error {
	names := strings.Split(o.twoWay, ",")
	if len(names) != 2 {
		return usagef("--two-way %q: name two values, P1,P2 (got %d)", o.twoWay, len(names))
	}
	if o.points < 2 || o.points > 101 {
		return usagef("--points %d: give 2..101", o.points)
	}
	var pick [2]sens.Range
	for k, n := range names {
		n = strings.TrimSpace(n)
		i := slices.IndexFunc(ranges, func(r sens.Range) bool { return r.Path == n })
		if _, err := s.Range(n); i < 0 && err != nil {
			// Not a path of a number at all: say why, with a near miss.
			if pe, ok := err.(*scenarios.PathError); ok {
				pe.Path = "--two-way " + pe.Path
			}
			return err
		}
		if i < 0 {
			var known []string
			for _, r := range ranges {
				known = append(known, r.Path)
			}
			return usagef("--two-way: %q has no range; give it one with --range %s=LOW:HIGH%s", n, n, hintFor(n, known))
		}
		pick[k] = ranges[i]
	}
	if pick[0].Path == pick[1].Path {
		return usagef("--two-way: name two different values")
	}
	m, err := sim.Compile(s, pick[0].Path, pick[1].Path)
	if err != nil {
		return err
	}
	out, err := pickOutcome(m, o.outcome, "--outcome")
	if err != nil {
		return err
	}
	e := sens.NewEvaluator(m, out)
	grid, err := sens.Grid2(ctx, e, 0, pick[0], 1, pick[1], o.points)
	if err != nil {
		return err
	}
	oc := m.Outcomes()[out]
	tw := &sens.TwoWay{Outcome: oc, Grid: grid, Runs: e.Runs}
	tables := []*report.Table{l.TwoWayTable(tw)}
	if o.out != "" {
		return writeTablesCharts(g, o.out, l.TwoWayHeader(s.Name(), tw), tables, func() ([]plots.Chart, error) { return plots.TwoWay(tw, l) })
	}
	if o.format == "json" {
		return writeJSON(g.stdout, map[string]any{"outcome": oc.Name, "x": grid.X.Path, "y": grid.Y.Path, "xs": grid.XS, "ys": grid.YS, "values": grid.Values, "runs": e.Runs})
	}
	return renderTables(g.stdout, l, l.TwoWayHeader(s.Name(), tw), tables, o.format)
}

// writeTablesCharts writes tables as CSV and the charts drawn by draw into
// dir, whole, and says so under header.
func writeTablesCharts(g *globalOptions, dir, header string, tables []*report.Table, draw func() ([]plots.Chart, error)) error {
	files, err := csvFiles(tables)
	if err != nil {
		return err
	}
	charts, err := draw()
	if err != nil {
		return fmt.Errorf("drawing the charts: %w", err)
	}
	if err := writeDir(dir, append(files, chartFiles(charts)...)); err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "%s\nwritten to %s\n", header, dir)
	return nil
}
