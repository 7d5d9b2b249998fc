package main

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/regiosim/regiosim/plots"
	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/regiosim/regiosim/sim/stress"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

type stressOptions struct {
	scenario   scenarioOptions
	draws      int
	seed       int64
	workers    int
	lhs        bool
	allOptions bool
	outcomes   []string
	format     string
	out        string
	drawsCSV   bool
	quiet      bool
	all        bool
	chart      string
	shards     shardFlags
}

func newStressCmd(g *globalOptions) *cobra.Command {
	o := &stressOptions{}
	cmd := &cobra.Command{
		Use:   "stress [FILE]",
		Short: "Stress-test a scenario: Monte Carlo over its uncertain values",
		Long: `Stress-test a scenario: run it many times, each draw with its own values of
the uncertain inputs of [uncertainty.params], and report how sure its
outcomes are: mean, sd and P5…P95 of every outcome of 'regiosim outcomes';
the chance that each cross-purchase closes, that each party is worse off
(net present value below 0), that each initiative is funded in every year,
that a gap remains after the transformation funds end, that more than half
of an initiative's savings land with parties bearing none of its cost
(each with its Monte Carlo standard error); which uncertain value matters
most (rank correlations); and the expected value of perfect information
(EVPI) of each buy decision. Without FILE, the built-in example.

Rank correlations between the inputs ([uncertainty.correlation]) are
imposed by Iman–Conover. Every draw has its own random stream from the seed
and its index, so the output is the same whatever --workers and machine.
--all-options runs the base and every variant on the same draws.

-o DIR writes the tables as CSV, the draws (one row per draw: the params
and the outcomes) as draws.parquet (draws.csv with --draws-csv) and the
charts: a fan chart of each party's yearly net position, the histogram and
S-curve of one outcome (--chart), the chances, the rank correlations and the
wrong-pocket matrix at P50 with its P10–P90.

Exit codes: 0 ok, 1 runtime failure, 2 bad input or usage, 130 stopped
with Ctrl-C (nothing is written).`,
		Example: `  regiosim stress
  regiosim stress region.toml --draws 100000 --seed 7
  regiosim stress region.toml --outcome 'party.*.net_pv' --outcome 'purchase.*'
  regiosim stress region.toml --lhs --all-options
  regiosim stress region.toml -o stress/ --chart purchase.kruis-zv-a.net_benefit_pv
  regiosim stress region.toml --format json | jq '.events'`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStress(cmd.Context(), g, o, cmd.Flags().Changed("draws"), cmd.Flags().Changed("seed"), args)
		},
	}
	o.scenario.addFlags(cmd)
	o.scenario.addVariantFlag(cmd)
	f := cmd.Flags()
	f.IntVar(&o.draws, "draws", 0, "number of draws (default: the file's [uncertainty] draws)")
	f.Int64Var(&o.seed, "seed", 0, "random seed (default: the file's)")
	f.IntVar(&o.workers, "workers", runtime.NumCPU(), "draws run in parallel on this many workers (the output does not depend on it)")
	f.BoolVar(&o.lhs, "lhs", false, "Latin hypercube sampling instead of plain Monte Carlo")
	f.BoolVar(&o.allOptions, "all-options", false, "run the base and every variant on the same draws and set their chances side by side")
	f.StringArrayVar(&o.outcomes, "outcome", nil, "report only these outcomes (repeatable; globs such as 'party.*.net_pv')")
	f.StringVar(&o.format, "format", "table", "output format: table, csv, json or markdown")
	f.StringVarP(&o.out, "output", "o", "", "write tables, the draws file and charts into this directory")
	f.BoolVar(&o.drawsCSV, "draws-csv", false, "with -o: write the draws as draws.csv instead of draws.parquet")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar")
	o.shards.add(cmd)
	f.BoolVar(&o.all, "all", false, "also show outcomes that are the same in every draw, and the detail tables")
	f.StringVar(&o.chart, "chart", "", "with -o: the outcome of the histogram and S-curve (default: the first cross-purchase's net benefit, else region.gap_pv)")
	return cmd
}

// stressRun is one option's stress test.
type stressRun struct {
	name string
	s    *scenarios.Scenario
	res  *stress.Result
}

func runStress(ctx context.Context, g *globalOptions, o *stressOptions, drawsSet, seedSet bool, args []string) error {
	l, err := g.language()
	if err != nil {
		return err
	}
	if err := checkFormat(o.format); err != nil {
		return err
	}
	if o.workers < 1 {
		return usagef("--workers %d: give 1 or more", o.workers)
	}
	if drawsSet && (o.draws < 1 || o.draws > scenarios.MaxDraws) {
		return usagef("--draws %d: give 1..%d", o.draws, scenarios.MaxDraws)
	}
	if o.allOptions && len(o.scenario.variants) > 0 {
		return usagef("--all-options runs every variant; leave out --variant")
	}
	base, err := o.scenario.load(args)
	if base != nil {
		l = l.WithNames(base.Names())
	}
	if err != nil {
		return err
	}
	g.warn(base)
	setup, err := stress.FromScenario(base)
	if err != nil {
		return err
	}
	draws, seed := setup.Draws, setup.Seed
	if drawsSet {
		draws = o.draws
	}
	if seedSet {
		seed = o.seed
	}
	options := []*scenarios.Scenario{base}
	names := []string{base.Name()}
	if base.Variant != "" {
		names[0] = base.Variant
	}
	if o.allOptions {
		for i := range base.Variants {
			v, err := base.WithVariant(&base.Variants[i])
			if err != nil {
				return err
			}
			options = append(options, v)
			names = append(names, base.Variants[i].Name)
		}
	}
	// Compile first: a bad --outcome or --chart is found before any draw.
	models := make([]*sim.Model, len(options))
	for i, s := range options {
		if models[i], err = sim.Compile(s, setup.Paths()...); err != nil {
			return err
		}
	}
	keep, err := outcomeFilter(models[0], o.outcomes)
	if err != nil {
		return err
	}
	chart := -1
	if o.chart != "" {
		if chart = models[0].OutcomeIndex(o.chart); chart < 0 {
			return usagef("--chart %q: no such outcome%s (see 'regiosim outcomes')", o.chart, hintFor(o.chart, outcomeNames(models[0])))
		}
	} else {
		chart = defaultChart(models[0])
	}
	// The options may differ in their outcomes (a variant switches an
	// instrument off): the chart's outcome is found in each by name.
	chartName := ""
	if chart >= 0 {
		chartName = models[0].Outcomes()[chart].Name
	}
	shard, err := o.shards.spec(os.Getenv)
	if err != nil {
		return err
	}
	if shard != nil {
		return o.runShard(ctx, g, base, setup, models, draws, seed, shard)
	}
	bar := o.progress(g, draws*len(options))
	runs := make([]stressRun, len(options))
	work := func(tmp string) ([]file, error) {
		for i, m := range models {
			opt := stress.Options{Draws: draws, Seed: seed, Workers: o.workers, LHS: o.lhs, Charted: []int{m.OutcomeIndex(chartName)}}
			if g.merge != nil {
				opt.Source = g.merge.stressSource(i, len(setup.Params))
			}
			if bar != nil {
				offset := i * draws
				opt.Progress = func(done int) { bar.set(offset + done) }
			}
			var df drawsFile
			if tmp != "" {
				name := "draws.parquet"
				if o.drawsCSV {
					name = "draws.csv"
				}
				if i > 0 {
					name = fmt.Sprintf("option_%d_%s", i, name)
				}
				if df, err = newDrawsFile(filepath.Join(tmp, name), o.drawsCSV, setup.Paths(), outcomeNames(m)); err != nil {
					return nil, err
				}
				opt.Rows = df.write
			}
			res, err := stress.Run(ctx, m, setup, opt)
			if df != nil {
				if cerr := df.close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				return nil, err
			}
			runs[i] = stressRun{names[i], options[i], res}
		}
		bar.finish()
		if tmp == "" {
			return nil, nil
		}
		return stressFiles(l, runs, keep, chartName)
	}
	if o.out != "" {
		if err := writeDirWith(o.out, work); err != nil {
			bar.finish()
			return err
		}
		fmt.Fprintf(g.stdout, "%s\n%s draws × %d options written to %s\n", l.StressHeader(base.Name(), runs[0].res), l.Decimal(float64(draws), 0), len(runs), o.out)
		return nil
	}
	if _, err := work(""); err != nil {
		bar.finish()
		return err
	}
	if o.format == "json" {
		return writeJSON(g.stdout, stressJSON(runs, keep))
	}
	var tables []*report.Table
	for i, r := range runs {
		ts := l.StressTables(r.res, keep, o.all)
		for _, t := range ts {
			if len(runs) > 1 {
				t.Title = r.name + ": " + t.Title
				if i > 0 {
					t.Name = fmt.Sprintf("option_%d_%s", i, t.Name)
				}
			}
		}
		tables = append(tables, ts...)
	}
	if len(runs) > 1 {
		var rs []*stress.Result
		for _, r := range runs {
			rs = append(rs, r.res)
		}
		tables = append([]*report.Table{l.StressOptionsTable(names, rs)}, tables...)
	}
	sel, err := selectTables(tables, nil, o.all, o.format)
	if err != nil {
		return err
	}
	head := l.StressHeader(base.Name(), runs[0].res)
	if f := l.StressFindings(runs[0].res); len(f) > 0 && o.format != "csv" {
		head += "\n\n" + strings.Join(f, "\n")
	}
	return renderTables(g.stdout, l, head, sel, o.format)
}

// outcomeFilter turns --outcome globs into a filter; a glob that matches
// no outcome is an error with a suggestion.
func outcomeFilter(m *sim.Model, globs []string) (func(string) bool, error) {
	if len(globs) == 0 {
		return nil, nil
	}
	names := outcomeNames(m)
	for _, gl := range globs {
		if _, err := path.Match(gl, ""); err != nil {
			return nil, usagef("--outcome %q: not a valid pattern", gl)
		}
		found := false
		for _, n := range names {
			if ok, _ := path.Match(gl, n); ok {
				found = true
				break
			}
		}
		if !found {
			return nil, usagef("--outcome %q matches no outcome%s (see 'regiosim outcomes')", gl, hintFor(gl, names))
		}
	}
	return func(name string) bool {
		for _, gl := range globs {
			if ok, _ := path.Match(gl, name); ok {
				return true
			}
		}
		return false
	}, nil
}

func hintFor(word string, names []string) string {
	if h := scenarios.Suggest(word, names); h != "" {
		return "; " + h
	}
	return ""
}

func outcomeNames(m *sim.Model) []string {
	var out []string
	for _, o := range m.Outcomes() {
		out = append(out, o.Name)
	}
	return out
}

// defaultChart is the outcome a stress test's histogram shows: the first
// cross-purchase's net benefit, else the region's gap.
func defaultChart(m *sim.Model) int {
	for i, o := range m.Outcomes() {
		if o.Group == "purchase" && o.Figure == "net_benefit_pv" {
			return i
		}
	}
	return m.OutcomeIndex("region.gap_pv")
}

// stressFiles are the tables as CSV and the charts of the runs.
func stressFiles(l report.Lang, runs []stressRun, keep func(string) bool, chart string) ([]file, error) {
	var files []file
	for i, r := range runs {
		tables := l.StressTables(r.res, keep, true)
		cf, err := csvFiles(tables)
		if err != nil {
			return nil, err
		}
		charts, err := plots.Stress(r.res, outcomeIndex(r.res.Outcomes, chart), r.s, l)
		if err != nil {
			return nil, fmt.Errorf("drawing the charts: %w", err)
		}
		cf = append(cf, chartFiles(charts)...)
		for _, f := range cf {
			if i > 0 {
				dir, base := path.Split(f.name)
				f.name = dir + fmt.Sprintf("option_%d_", i) + base
			}
			files = append(files, f)
		}
	}
	if len(runs) > 1 {
		var rs []*stress.Result
		var names []string
		for _, r := range runs {
			rs, names = append(rs, r.res), append(names, r.name)
		}
		cf, err := csvFiles([]*report.Table{l.StressOptionsTable(names, rs)})
		if err != nil {
			return nil, err
		}
		files = append(files, cf...)
	}
	return files, nil
}

// stressJSON is what --format json prints.
func stressJSON(runs []stressRun, keep func(string) bool) any {
	type outcome struct {
		Name string  `json:"name"`
		Mean float64 `json:"mean"`
		SD   float64 `json:"sd"`
		P5   float64 `json:"p5"`
		P10  float64 `json:"p10"`
		P50  float64 `json:"p50"`
		P90  float64 `json:"p90"`
		P95  float64 `json:"p95"`
		Min  float64 `json:"min"`
		Max  float64 `json:"max"`
	}
	type param struct {
		Path string      `json:"path"`
		Dist string      `json:"distribution"`
		Spec interface{} `json:"spec"`
	}
	type option struct {
		Name     string          `json:"name"`
		Draws    int             `json:"draws"`
		Seed     int64           `json:"seed"`
		LHS      bool            `json:"latin_hypercube"`
		Params   []param         `json:"params"`
		Events   []stress.Event  `json:"events"`
		Outcomes []outcome       `json:"outcomes"`
		Drivers  []stress.Driver `json:"drivers"`
		EVPI     []stress.VOI    `json:"evpi"`
	}
	var out []option
	for _, r := range runs {
		op := option{Name: r.name, Draws: r.res.Draws, Seed: r.res.Seed, LHS: r.res.LHS,
			Events: r.res.Events, Drivers: r.res.Drivers, EVPI: r.res.VOI}
		for _, p := range r.res.Params {
			op.Params = append(op.Params, param{p.Path, report.DistText(p.Spec), p.Spec})
		}
		for i, o := range r.res.Outcomes {
			if keep != nil && !keep(o.Name) {
				continue
			}
			s := r.res.Stats[i]
			op.Outcomes = append(op.Outcomes, outcome{o.Name, s.Mean, s.SD, s.P5, s.P10, s.P50, s.P90, s.P95, s.Min, s.Max})
		}
		op.Events = nonNilSlice(op.Events)
		op.Drivers = nonNilSlice(op.Drivers)
		op.EVPI = nonNilSlice(op.EVPI)
		out = append(out, op)
	}
	if len(out) == 1 {
		return out[0]
	}
	return out
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// bar is a progress bar on stderr, shown only on a terminal.
type bar struct {
	mu sync.Mutex
	pb *progressbar.ProgressBar
}

func (o *stressOptions) progress(g *globalOptions, total int) *bar {
	return g.newBar(o.quiet, total, "draws")
}

// newBar is a progress bar of total things (what: "draws", "regions") on
// stderr, shown only on a terminal and unless quiet; nil otherwise (its
// methods do nothing then).
func (g *globalOptions) newBar(quiet bool, total int, what string) *bar {
	f, ok := g.stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &bar{pb: progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionThrottle(100_000_000), progressbar.OptionClearOnFinish())}
}

func (b *bar) set(n int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if n > int(b.pb.State().CurrentNum) {
		b.pb.Set(n)
	}
}

func (b *bar) finish() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pb.Finish()
	b.pb.Clear()
}

// outcomeIndex is the position of a named outcome, or −1.
func outcomeIndex(outs []sim.Outcome, name string) int {
	for i, o := range outs {
		if o.Name == name {
			return i
		}
	}
	return -1
}

// stressBlock is the number of draws of a unit of a sharded stress test.
const stressBlock = 512

// runShard runs this shard's units of the stress test (option × block of
// draws): every draw's params and row, written with a manifest into -o DIR.
func (o *stressOptions) runShard(ctx context.Context, g *globalOptions, base *scenarios.Scenario, setup *stress.Setup, models []*sim.Model, draws int, seed int64, sh *shardSpec) error {
	if o.out == "" {
		return usagef("a shard writes its part into a directory: add -o DIR")
	}
	blocks := (draws + stressBlock - 1) / stressBlock
	total := len(models) * blocks
	var units []shardUnit
	for _, k := range sh.mine(total) {
		i, b := k/blocks, k%blocks
		lo, hi := b*stressBlock, min((b+1)*stressBlock, draws)
		u := shardUnit{Key: [3]int{i, b, 0}, Rows: make([][]float64, hi-lo)}
		opt := stress.Options{Draws: draws, Seed: seed, Workers: o.workers, LHS: o.lhs}
		err := stress.Draws(ctx, models[i], setup, opt, lo, hi, func(j int, params, row []float64) error {
			u.Rows[j-lo] = append(append(make([]float64, 0, len(params)+len(row)), params...), row...)
			return nil
		})
		if err != nil {
			return err
		}
		units = append(units, u)
	}
	text, err := inputText(base.File)
	if err != nil {
		return err
	}
	files, err := shardFiles(manifest{Regiosim: version(), Args: shardArgs(g.args), Inputs: inputDigests(map[string][]byte{base.File: text}),
		Seed: seed, Draws: draws, Shard: sh.Index, Shards: sh.Count, From: sh.From, Units: total}, units)
	if err != nil {
		return err
	}
	if err := writeDir(o.out, files); err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "shard %d of %d (from %s): %d of %d units written to %s\n", sh.Index, sh.Count, sh.From, len(units), total, o.out)
	return nil
}
