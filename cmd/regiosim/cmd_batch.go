package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/regiosim/regiosim/plots"
	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim/batch"
	"github.com/regiosim/regiosim/sim/stress"
	"github.com/spf13/cobra"
)

type batchOptions struct {
	regions string
	example string
	format  string
	out     string
	mapOf   string
	workers int
	quiet   bool
	all     bool
	stress  bool
	draws   int
	seed    int64
	shards  shardFlags
	// drawsSet and seedSet: --draws and --seed were given.
	drawsSet, seedSet bool
}

// checkStressFlags checks --draws and --seed before anything runs: they
// go with --stress, and --draws within the bounds a stress test has.
func (o *batchOptions) checkStressFlags() error {
	if !o.stress && (o.drawsSet || o.seedSet) {
		return usagef("--draws and --seed go with --stress: add --stress, or leave them out")
	}
	if o.drawsSet && (o.draws < 1 || o.draws > scenarios.MaxDraws) {
		return usagef("--draws %d: give 1..%d", o.draws, scenarios.MaxDraws)
	}
	if o.seedSet && o.seed == 0 {
		return usagef("--seed 0: give a seed other than 0 (without --seed, the template's seed)")
	}
	if o.workers < 0 {
		return usagef("--workers %d: give 1 or more (0: all cores)", o.workers)
	}
	return nil
}

func newBatchCmd(g *globalOptions) *cobra.Command {
	o := &batchOptions{}
	cmd := &cobra.Command{
		Use:   "batch TEMPLATE --regions REGIONS.csv | batch FILE... | batch --example national",
		Short: "Run national options in every region: a template with a regions table, or a file per region",
		Long: `Run a national batch: every region in every national option (the base and
the [[variant]]s of the template), in parallel on all cores.

Two forms:

  batch TEMPLATE.toml --regions REGIONS.csv
      a template scenario and a table with a row per region: columns region,
      population, an optional code (ZK01…), any scenario path of the
      template (party.zv.turnover, initiative.valpreventie.cost) whose value
      replaces the template's for that region, and other numbers for the
      national key (over75, …). With [batch] scale = "population" and
      reference_population, the template's amounts are scaled to each
      region's population; an element with scale = "none" keeps its own.
  batch REGION1.toml REGION2.toml …
      a scenario file per region.

A regional budget (type = "regional_budget") takes its shares of national
Zvw, Wlz and Wmo spending ([national] spending) as a national pot, computed
once per option, and divides it over the regions by [national] key
(population, or a weighted key of the table's columns), to the cent.

Without -o, the national summary; with --format csv, the long table (region,
code, option, outcome, value). With -o DIR: outcomes.csv and
outcomes.parquet (the long table), tables/*.csv, regiosim.xlsx (a sheet per
headline outcome, region × option), report.html (findings, bars per
region, a map of the regions) and charts/.

With --stress, the template's [uncertainty] in every region and option:
the national totals' distributions and each region's gap after the funds
end (tables stress_national and stress_regions; in the JSON under
"stress"; the long table stays the deterministic one).

A region whose row or file is bad is reported and skipped; the others run
and are written, and the exit code is 1.

Exit codes: 0 ok, 1 a region failed or a runtime failure, 2 bad input or
usage (nothing runs).`,
		Example: `  regiosim batch --example national
  regiosim batch --example national -o nationaal/ --lang nl
  regiosim batch template.toml --regions regions.csv -o out/
  regiosim batch regions/*.toml --format csv > outcomes.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.drawsSet, o.seedSet = cmd.Flags().Changed("draws"), cmd.Flags().Changed("seed")
			return runBatch(cmd.Context(), g, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.regions, "regions", "", "the regions table (CSV) for a TEMPLATE")
	f.StringVar(&o.example, "example", "", "run a built-in batch instead of files: national")
	f.StringVar(&o.format, "format", "table", "output format: table, csv, json or markdown")
	f.StringVarP(&o.out, "output", "o", "", "write the tables, workbook, charts and report into this directory")
	f.StringVar(&o.mapOf, "map", "region.gap_after_funds_end_pv", "the region outcome the map and the bars show")
	f.IntVar(&o.workers, "workers", 0, "regions run at once (0: all cores)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar")
	f.BoolVar(&o.all, "all", false, "also show the headline tables per region")
	f.BoolVar(&o.stress, "stress", false, "also run the template's [uncertainty] in every region and option; [uncertainty.national] params are drawn once per draw for all regions")
	f.IntVar(&o.draws, "draws", 0, "with --stress: draws per region and option (default: the template's [uncertainty] draws)")
	f.Int64Var(&o.seed, "seed", 0, "with --stress: the seed (default: the template's)")
	o.shards.add(cmd)
	return cmd
}

func runBatch(ctx context.Context, g *globalOptions, o *batchOptions, args []string) error {
	l, err := g.language()
	if err != nil {
		return err
	}
	if err := checkFormat(o.format); err != nil {
		return err
	}
	if err := o.checkStressFlags(); err != nil {
		return err
	}
	if _, err := o.shards.spec(os.Getenv); err != nil {
		return err
	}
	in, source, err := o.input(g, args)
	if err != nil {
		return err
	}
	if in.Template != nil {
		l = l.WithNames(in.Template.Names())
	} else {
		for _, r := range in.Regions {
			if r.Scenario != nil {
				l = l.WithNames(r.Scenario.Names())
				break
			}
		}
	}
	if !isRegionOutcome(o.mapOf) {
		return usagef("--map %q: name a region outcome, one of %s", o.mapOf, joinQuoted(regionOutcomes()))
	}
	codesOnMap(g, in.Regions)
	bar := o.progress(g, len(in.Regions))
	res, err := batch.Run(ctx, in, batch.Options{Workers: o.workers, Progress: func(done, _ int) { bar.set(done) }})
	bar.finish()
	if err != nil {
		return err
	}
	if in.Template != nil && in.Template.Batch != nil && in.Template.Batch.Base != "" {
		res.Options[0] = in.Template.Batch.Base
	}
	tables := l.NationalTables(res)
	shard, err := o.shards.spec(os.Getenv)
	if err != nil {
		return err
	}
	if shard != nil {
		return o.runShard(ctx, g, in, res, shard, source)
	}
	var stressFindings []string
	var sres *batch.StressResult
	if o.stress {
		sres, err = o.runStress(ctx, g, in, res)
		if err != nil {
			return err
		}
		stressFindings = append([]string{l.NationalStressHeader(sres) + "."}, l.NationalStressFindings(sres)...)
		tables = append(tables, l.NationalStressTables(sres)...)
	}
	failed := res.Failed()
	switch {
	case o.out != "":
		var assumptions []scenarios.Assumption
		if in.Template != nil {
			assumptions = in.Template.Assumptions()
		}
		files, err := o.files(l, res, tables, source, stressFindings, assumptions)
		if err != nil {
			return err
		}
		if err := writeDir(o.out, files); err != nil {
			return err
		}
		fmt.Fprintf(g.stdout, "%s\n", l.Tf("batch.wrote", len(res.Regions)-len(failed), len(res.Regions), len(res.Options), len(files), o.out))
	case o.format == "csv":
		if err := writeLong(g.stdout, res); err != nil {
			return err
		}
	case o.format == "json":
		if err := writeMoneyJSON(g.stdout, nationalJSON(res, sres)); err != nil {
			return err
		}
	default:
		sel := tables[:1]
		for _, t := range tables[1:] {
			if o.all || t.Name == "national_failed" || t.Name == "stress_national" {
				sel = append(sel, t)
			}
		}
		header := l.Tf("nat.head", source.name(l), len(res.Regions), len(res.Options))
		findings := ""
		for _, f := range append(l.NationalFindings(res), stressFindings...) {
			findings += "- " + f + "\n"
		}
		if o.format == "table" {
			header += "\n\n" + findings
		}
		if err := renderTablesColor(g.stdout, l, header, sel, o.format, g.color()); err != nil {
			return err
		}
	}
	if len(failed) > 0 {
		for _, rr := range failed {
			fmt.Fprintln(g.stderr, failureText(l, res, rr))
		}
		return errBatchFailed{l.Tf("batch.failed", len(failed), len(res.Regions))}
	}
	return nil
}

// errBatchFailed: some regions did not run (exit 1, the rest is written).
type errBatchFailed struct{ msg string }

func (e errBatchFailed) Error() string { return e.msg }

// failureText says why a region failed, each problem on its line.
func failureText(l report.Lang, res *batch.Result, rr *batch.RegionResult) string {
	var errs []error
	if rr.Err != nil {
		errs = append(errs, rr.Err)
	}
	for o, err := range rr.OptionErr {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", l.OptionName(res.Options[o]), err))
		}
	}
	s := ""
	for _, err := range errs {
		var probs scenarios.Problems
		if errors.As(err, &probs) && l.Code == "nl" {
			err = probs.Dutch()
		}
		if s != "" {
			s += "\n"
		}
		if errors.As(err, &probs) && rr.Region.Name == "" && rr.Region.Line == 0 && rr.Region.File != "" {
			// A region file's own problems name the file already.
			s += err.Error()
			continue
		}
		s += rr.Region.Label() + ": " + err.Error()
	}
	return s
}

// codesOnMap warns of region codes the map does not know.
func codesOnMap(g *globalOptions, regions []*batch.Region) {
	shapes, err := plots.ZorgkantoorRegions()
	if err != nil {
		return
	}
	known := map[string]bool{}
	for _, sh := range shapes {
		known[sh.Code] = true
	}
	for _, r := range regions {
		if r.Code != "" && !known[r.Code] {
			g.warnf(scenarios.Problem{File: r.File, Line: r.Line, Key: "code", Warning: true,
				Msg: fmt.Sprintf("code %q is not a zorgkantoor region of 2024 (ZK01…ZK33): the region is left off the map", r.Code)})
		}
	}
}

// batchSource is what a batch ran on, for headers and provenance, and the
// texts of its input files (a shard's manifest names their SHA-256).
type batchSource struct {
	title, file, digest string
	files               int // a batch of files: how many (the title in the reader's language)
	inputs              map[string][]byte
}

// name is the title of what the batch ran on, in l.
func (b batchSource) name(l report.Lang) string {
	if b.files > 0 {
		return l.Tf("nat.files", b.files)
	}
	return b.title
}

// input reads the template and regions table, the region files, or the
// built-in national example.
func (o *batchOptions) input(g *globalOptions, args []string) (*batch.Input, batchSource, error) {
	var src batchSource
	switch {
	case o.example != "":
		if o.example != "national" {
			return nil, src, usagef("--example %q: the built-in batch is national", o.example)
		}
		if len(args) > 0 || o.regions != "" {
			return nil, src, usagef("--example runs the built-in batch: give no files and no --regions")
		}
		t, err := scenarios.Example("national")
		if err != nil {
			return nil, src, err
		}
		regions, err := batch.ReadRegions("builtin:national-regions.csv", bytes.NewReader(scenarios.NationalRegions()), t)
		if err != nil {
			return nil, src, err
		}
		text, _ := scenarios.ExampleSource("national")
		return &batch.Input{Template: t, Regions: regions}, batchSource{t.Name(), t.File, digest(text), 0,
			map[string][]byte{t.File: text, "builtin:national-regions.csv": scenarios.NationalRegions()}}, nil
	case len(args) == 0:
		return nil, src, usagef("name a template and --regions, region files, or --example national")
	case o.regions != "":
		if len(args) != 1 {
			return nil, src, usagef("--regions goes with one template; got %d files", len(args))
		}
		t, err := scenarios.Load(args[0])
		if err != nil {
			return nil, src, err
		}
		for _, w := range t.Warnings {
			// A regional budget of 0 in the template is what the batch
			// fills in per region from [national].
			if t.National != nil && strings.HasSuffix(w.Key, ".amount") {
				if in, ok := t.Instrument(strings.TrimSuffix(strings.TrimPrefix(w.Key, "instrument."), ".amount")); ok && in.Meta().Type == batch.BudgetType {
					continue
				}
			}
			g.warnf(w)
		}
		data, err := os.ReadFile(o.regions)
		if err != nil {
			return nil, src, usagef("--regions: %v", err)
		}
		regions, err := batch.ReadRegions(o.regions, bytes.NewReader(data), t)
		if err != nil {
			return nil, src, err
		}
		text, _ := os.ReadFile(args[0])
		return &batch.Input{Template: t, Regions: regions}, batchSource{t.Name(), args[0], digest(text), 0,
			map[string][]byte{args[0]: text, o.regions: data}}, nil
	}
	if len(args) == 1 {
		if t, err := scenarios.Load(args[0]); err == nil && (t.Batch != nil || t.National != nil) {
			return nil, src, usagef("%s is a template ([batch] or [national]): name its regions with --regions REGIONS.csv", args[0])
		}
	}
	in := &batch.Input{}
	seen := map[string]string{}
	for _, f := range args {
		r := &batch.Region{File: f}
		s, err := scenarios.Load(f)
		switch {
		case err != nil:
			// A bad file is one failed region; the others run.
			var probs scenarios.Problems
			if !errors.As(err, &probs) {
				probs = scenarios.Problems{{File: f, Msg: err.Error()}}
			}
			r.Problems = probs
		default:
			r.Scenario, r.Name, r.Population = s, s.Name(), s.Region.Population
			r.Columns = map[string]float64{"population": s.Region.Population}
			if prev, dup := seen[r.Name]; dup {
				return nil, src, scenarios.Problems{{File: f, Key: "region.name", Msg: fmt.Sprintf("duplicate region %q: also in %s", r.Name, prev)}}
			}
			seen[r.Name] = f
		}
		in.Regions = append(in.Regions, r)
	}
	return in, batchSource{title: fmt.Sprintf("%d files", len(args)), files: len(args)}, nil
}

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func regionOutcomes() []string {
	return []string{"region.need_pv", "region.funding_pv", "region.gap_pv", "region.gap_after_funds_end_pv", "region.savings_pv", "region.unfunded_initiatives", "region.worse_off_parties"}
}

func isRegionOutcome(name string) bool {
	for _, n := range regionOutcomes() {
		if n == name {
			return true
		}
	}
	return false
}

func joinQuoted(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ", "
		}
		out += strconv.Quote(s)
	}
	return out
}

// longRow is one row of the long table.
type longRow struct {
	Region  string  `parquet:"region"`
	Code    string  `parquet:"code"`
	Option  string  `parquet:"option"`
	Outcome string  `parquet:"outcome"`
	Value   float64 `parquet:"value"`
}

// longRows are a batch's outcomes, a row per region, option and outcome
// (regions in table order, options in order, outcomes in model order);
// failed regions and options have none.
func longRows(res *batch.Result) []longRow {
	var rows []longRow
	for _, rr := range res.Regions {
		for o, vals := range rr.Values {
			if vals == nil {
				continue
			}
			opt := res.Options[o]
			if opt == "" {
				opt = "base" // the base, unless [batch] base names it
			}
			for i, oc := range rr.Outcomes {
				if math.IsNaN(vals[i]) {
					continue
				}
				rows = append(rows, longRow{rr.Region.Name, rr.Region.Code, opt, oc.Name, vals[i]})
			}
		}
	}
	return rows
}

// writeLong writes the long table as CSV: euros to the cent, other
// figures to six significant digits.
func writeLong(w io.Writer, res *batch.Result) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	cw.Write([]string{"region", "code", "option", "outcome", "value"})
	units := map[string]string{}
	for _, rr := range res.Regions {
		for _, oc := range rr.Outcomes {
			units[oc.Name] = oc.Unit
		}
	}
	for _, r := range longRows(res) {
		v := strconv.FormatFloat(r.Value, 'f', 2, 64)
		if units[r.Outcome] != "euro" {
			v = strconv.FormatFloat(r.Value, 'g', 6, 64)
		}
		if v == "-0.00" || v == "-0" {
			v = "0"
		}
		cw.Write([]string{r.Region, r.Code, r.Option, r.Outcome, v})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// nationalJSON is the batch for programs: the options, the regional
// budgets' pots with each region's amount, the summary per option, each
// region's headline outcomes per option and, with --stress, the national
// totals' distributions. Keys say what a number is (JSON rounds euros to
// the cent, rates to six digits).
func nationalJSON(res *batch.Result, sres *batch.StressResult) any {
	type region struct {
		Region  string                         `json:"region"`
		Code    string                         `json:"code,omitempty"`
		Failed  bool                           `json:"failed,omitempty"`
		Options map[string]map[string]*float64 `json:"options,omitempty"`
	}
	type stream struct {
		Stream   string  `json:"stream"`
		Rate     float64 `json:"rate"`
		Spending float64 `json:"spending"`
	}
	type amount struct {
		Region string  `json:"region"`
		Code   string  `json:"code,omitempty"`
		Amount float64 `json:"amount"`
	}
	type pot struct {
		Option     string   `json:"option"`
		Instrument string   `json:"instrument"`
		Streams    []stream `json:"streams"`
		Pot        float64  `json:"pot"`
		Regions    []amount `json:"regions"`
	}
	type measure struct {
		Option  string         `json:"option"`
		Measure string         `json:"measure"`
		Stats   stress.Summary `json:"stats"`
	}
	out := struct {
		Options []string                 `json:"options"`
		Pots    []pot                    `json:"regional_budgets,omitempty"`
		Summary []report.NationalSummary `json:"summary"`
		Regions []region                 `json:"regions"`
		Stress  []measure                `json:"stress,omitempty"`
	}{Summary: report.Summaries(res)}
	for _, o := range res.Options {
		if o == "" {
			o = "base"
		}
		out.Options = append(out.Options, o)
	}
	for _, p := range res.Pots {
		pt := pot{Option: out.Options[p.Option], Instrument: p.Instrument, Pot: p.Pot}
		for _, s := range scenarios.BudgetStreams {
			pt.Streams = append(pt.Streams, stream{s, p.Rates[s], p.Spending[s]})
		}
		for i, rr := range res.Regions {
			pt.Regions = append(pt.Regions, amount{rr.Region.Name, rr.Region.Code, p.Shares[i]})
		}
		out.Pots = append(out.Pots, pt)
	}
	for _, rr := range res.Regions {
		r := region{Region: rr.Region.Name, Code: rr.Region.Code, Failed: rr.Err != nil, Options: map[string]map[string]*float64{}}
		for o := range res.Options {
			m := map[string]*float64{}
			for _, h := range report.NationalHeadlines {
				if v, ok := rr.Value(o, h); ok && !math.IsNaN(v) {
					m[h] = &v
				}
			}
			if len(m) > 0 {
				r.Options[out.Options[o]] = m
			}
		}
		out.Regions = append(out.Regions, r)
	}
	if sres != nil {
		for o := range sres.Options {
			for k, m := range batch.StressMeasures {
				out.Stress = append(out.Stress, measure{out.Options[o], m, sres.Totals[o][k]})
			}
		}
	}
	return out
}

// files are everything -o writes.
func (o *batchOptions) files(l report.Lang, res *batch.Result, tables []*report.Table, src batchSource, stressFindings []string, assumptions []scenarios.Assumption) ([]file, error) {
	var out []file
	var long bytes.Buffer
	if err := writeLong(&long, res); err != nil {
		return nil, err
	}
	out = append(out, file{"outcomes.csv", long.Bytes()})
	var pq bytes.Buffer
	if err := parquet.Write(&pq, longRows(res)); err != nil {
		return nil, fmt.Errorf("writing outcomes.parquet: %w", err)
	}
	out = append(out, file{"outcomes.parquet", pq.Bytes()})
	csvs, err := csvFiles(tables)
	if err != nil {
		return nil, err
	}
	for _, f := range csvs {
		out = append(out, file{"tables/" + f.name, f.data})
	}
	charts, err := nationalCharts(l, res, o.mapOf)
	if err != nil {
		return nil, fmt.Errorf("drawing the charts: %w", err)
	}
	out = append(out, chartFiles(charts)...)
	var xlsx bytes.Buffer
	if err := l.WriteXLSX(&xlsx, tables, assumptions); err != nil {
		return nil, fmt.Errorf("writing the workbook: %w", err)
	}
	out = append(out, file{"regiosim.xlsx", xlsx.Bytes()})
	var html bytes.Buffer
	doc := report.NationalDocument{Result: res, Title: src.name(l), Figures: figures(charts), Tables: tables, Generated: time.Now(), StressFindings: stressFindings,
		File: src.file, SHA256: src.digest, Version: version()}
	if err := l.WriteNationalHTML(&html, doc); err != nil {
		return nil, fmt.Errorf("writing the report: %w", err)
	}
	out = append(out, file{"report.html", html.Bytes()})
	return out, nil
}

// runStress runs the batch's stress test with a bar of the draws done.
func (o *batchOptions) runStress(ctx context.Context, g *globalOptions, in *batch.Input, det *batch.Result) (*batch.StressResult, error) {
	if in.Template == nil {
		return nil, usagef("--stress needs a template with [uncertainty] (and --regions), not a set of region files")
	}
	if len(in.Template.Uncertainty.All()) == 0 {
		return nil, usagef("--stress: the template has no [uncertainty.params] or [uncertainty.national]")
	}
	draws := o.draws
	if draws == 0 {
		draws = in.Template.Uncertainty.Draws
	}
	so := batch.StressOptions{Draws: o.draws, Seed: o.seed, Workers: o.workers}
	if g.merge != nil {
		// The units come from the shards.
		var parts []batch.UnitValues
		for _, u := range g.merge.units {
			v, err := unitValues(u)
			if err != nil {
				return nil, err
			}
			parts = append(parts, v)
		}
		return batch.Assemble(in, det, so, parts)
	}
	ok := 0
	for _, rr := range det.Regions {
		if rr.Err == nil {
			ok++
		}
	}
	bar := o.progressOf(g, ok*len(det.Options)*draws, "draws")
	defer bar.finish()
	so.Progress = func(_, n int) { bar.set(n) }
	return batch.RunStress(ctx, in, det, so)
}

// runShard runs this shard's units of the batch's stress test and writes
// them with a manifest into -o DIR.
func (o *batchOptions) runShard(ctx context.Context, g *globalOptions, in *batch.Input, det *batch.Result, sh *shardSpec, src batchSource) error {
	if !o.stress {
		return usagef("a shard splits the draws of a stress test: add --stress (the batch without it takes well under a second)")
	}
	if o.out == "" {
		return usagef("a shard writes its part into a directory: add -o DIR")
	}
	if in.Template == nil || len(in.Template.Uncertainty.All()) == 0 {
		return usagef("--stress needs a template with [uncertainty] (and --regions)")
	}
	so := batch.StressOptions{Draws: o.draws, Seed: o.seed, Workers: o.workers}
	units, err := batch.Units(in, det, so)
	if err != nil {
		return err
	}
	var mine []batch.Unit
	for _, k := range sh.mine(len(units)) {
		mine = append(mine, units[k])
	}
	parts, err := batch.RunUnits(ctx, in, det, so, mine)
	if err != nil {
		return err
	}
	su := make([]shardUnit, len(parts))
	for i, p := range parts {
		su[i] = shardUnit{Key: [3]int{p.Unit.Region, p.Unit.Option, p.Unit.Block}, Err: p.Err}
		for _, v := range p.Values {
			su[i].Rows = append(su[i].Rows, []float64{v[0], v[1], v[2], v[3]})
		}
	}
	draws, seed := o.draws, o.seed
	if draws == 0 {
		draws = in.Template.Uncertainty.Draws
	}
	if seed == 0 {
		seed = in.Template.Uncertainty.Seed
	}
	files, err := shardFiles(manifest{Regiosim: version(), Args: shardArgs(g.args), Inputs: inputDigests(src.inputs), Seed: seed, Draws: draws,
		Shard: sh.Index, Shards: sh.Count, From: sh.From, Units: len(units)}, su)
	if err != nil {
		return err
	}
	if err := writeDir(o.out, files); err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "shard %d of %d (from %s): %d of %d units written to %s\n", sh.Index, sh.Count, sh.From, len(mine), len(units), o.out)
	return nil
}

// unitValues is a shard's unit as the batch's stress test takes it.
func unitValues(u *shardUnit) (batch.UnitValues, error) {
	v := batch.UnitValues{Unit: batch.Unit{Region: u.Key[0], Option: u.Key[1], Block: u.Key[2]}, Err: u.Err}
	for k := range u.draws() {
		var r [4]float64
		if !u.row(k, r[:]) {
			return v, fmt.Errorf("merge: unit %v holds %d numbers a draw, the batch needs 4", u.Key, u.w)
		}
		v.Values = append(v.Values, r)
	}
	return v, nil
}

// progress is a bar of regions done on stderr, on a terminal only.
func (o *batchOptions) progress(g *globalOptions, total int) *bar {
	return o.progressOf(g, total, "regions")
}

func (o *batchOptions) progressOf(g *globalOptions, total int, what string) *bar {
	return g.newBar(o.quiet, total, what)
}

// nationalCharts draws the batch's charts for a region outcome: a map of
// the regions per option (the regions are matched to the map by code), the
// regions' bars in the base sorted, and the options side by side.
func nationalCharts(l report.Lang, res *batch.Result, outcome string) ([]plots.Chart, error) {
	unit := plots.UnitEuro
	if outcome == "region.unfunded_initiatives" || outcome == "region.worse_off_parties" {
		unit = plots.UnitCount
	}
	what := l.PathText(outcome)
	var names []string
	values := make([][]float64, len(res.Regions))
	for i, rr := range res.Regions {
		names = append(names, rr.Region.Name)
		values[i] = make([]float64, len(res.Options))
		for o := range res.Options {
			v, ok := rr.Value(o, outcome)
			if !ok {
				v = math.NaN()
			}
			values[i][o] = v
		}
	}
	shapes, err := plots.ZorgkantoorRegions()
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, sh := range shapes {
		known[sh.Code] = true
	}
	// Each chart is drawn on its own goroutine (PNG encoding is most of
	// the time), kept in this order.
	var draws []func() (plots.Chart, error)
	for o, opt := range res.Options {
		byCode := map[string]float64{}
		for i, rr := range res.Regions {
			if known[rr.Region.Code] && !math.IsNaN(values[i][o]) {
				byCode[rr.Region.Code] = values[i][o]
			}
		}
		if len(byCode) == 0 || constant(byCode) {
			// No region of the table is on the map, or every region has
			// the same value (no gap anywhere): the tables say it; a map
			// of one colour would not.
			continue
		}
		draws = append(draws, func() (plots.Chart, error) {
			return plots.RegionMap(fmt.Sprintf("map_%d", o), l.Tf("chart.nat_map", capitalize(what), l.OptionName(opt)), shapes, byCode, unit, l)
		})
	}
	base := make([]float64, len(res.Regions))
	for i := range res.Regions {
		base[i] = values[i][0]
	}
	draws = append(draws, func() (plots.Chart, error) {
		return plots.RegionBars("regions", l.Tf("chart.nat_bars", capitalize(what), l.OptionName(res.Options[0])), names, base, unit, l)
	})
	if len(res.Options) > 1 {
		var opts []string
		for _, o := range res.Options {
			opts = append(opts, l.OptionName(o))
		}
		draws = append(draws, func() (plots.Chart, error) {
			return plots.RegionOptions("options", l.Tf("chart.nat_options", capitalize(what)), names, opts, values, unit, l)
		})
	}
	out := make([]plots.Chart, len(draws))
	errs := make([]error, len(draws))
	var wg sync.WaitGroup
	for i, draw := range draws {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i], errs[i] = draw()
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// constant reports whether every value is the same (to the cent).
func constant(m map[string]float64) bool {
	first, seen := 0.0, false
	for _, v := range m {
		if !seen {
			first, seen = v, true
		}
		if math.Abs(v-first) >= 0.005 {
			return false
		}
	}
	return true
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
