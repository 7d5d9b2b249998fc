package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/regiosim/regiosim/plots"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/spf13/cobra"
)

type compareOptions struct {
	scenario scenarioOptions
	variants []string
	sets     []string
	disable  []string
	format   string
	out      string
	all      bool
}

func newCompareCmd(g *globalOptions) *cobra.Command {
	o := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare [FILE...] [--variant NAME]... [--set PATH=VALUE]... [--disable ID]...",
		Short: "Compare financing options side by side",
		Long: `Compare financing options side by side: the base case and each [[variant]]
of a scenario (all of them, or those named with --variant), or whole
scenario files (the first is the base). --set and --disable add one more
option on the command line: the base with those changes.

For each option: per party the present value of paid, received, saved and
net; per initiative the coverage and the gap after the transformation funds
end; the total cross-domain funding; how many parties are worse off than in
the base; and a one-line verdict. Differences (Δ) are against the base, with
their sign; on a terminal green is better and red worse. Without FILE, the
built-in example and its variants.

Exit codes: 0 ok, 1 runtime failure, 2 bad input or usage (an unknown
variant lists the known ones; an unknown path suggests the nearest).`,
		Example: `  regiosim compare
  regiosim compare region.toml --variant "Lineaire afbouw"
  regiosim compare region.toml --set instrument.portemonnee.rate=0.001 --disable plus-huisartsen
  regiosim compare wallet-only.toml wallet-plus.toml
  regiosim compare region.toml --format csv -o compare/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(cmd.Context(), g, o, args)
		},
	}
	o.scenario.addFlags(cmd)
	f := cmd.Flags()
	f.StringArrayVar(&o.variants, "variant", nil, "compare only this variant (repeatable; default: all)")
	f.StringArrayVar(&o.sets, "set", nil, "an extra option: set PATH=VALUE in the base (repeatable)")
	f.StringArrayVar(&o.disable, "disable", nil, "an extra option: switch off this instrument or initiative (repeatable)")
	f.StringVar(&o.format, "format", "table", "output format: table, csv, json or markdown")
	f.StringVarP(&o.out, "output", "o", "", "write one CSV file per table into this directory")
	f.BoolVar(&o.all, "all", false, "also show the detail tables (every party and initiative per option)")
	return cmd
}

func runCompare(ctx context.Context, g *globalOptions, o *compareOptions, args []string) error {
	l, err := g.language()
	if err != nil {
		return err
	}
	if err := checkFormat(o.format); err != nil {
		return err
	}
	if len(args) > 1 && len(o.variants) > 0 {
		return usagef("--variant picks variants of one file; with several files, each file is an option")
	}
	options, err := o.options(ctx, g, args)
	if err != nil {
		return err
	}
	c := sim.Compare(options)
	tables := l.CompareTables(c)
	if o.out != "" {
		files, err := csvFiles(tables)
		if err != nil {
			return err
		}
		charts, err := plots.Compare(c, options, l)
		if err != nil {
			return fmt.Errorf("drawing the charts: %w", err)
		}
		files = append(files, chartFiles(charts)...)
		if err := writeDir(o.out, files); err != nil {
			return err
		}
		fmt.Fprintf(g.stdout, "%d options compared; %d tables written to %s\n", len(options), len(files), o.out)
		return nil
	}
	if o.format == "json" {
		return writeMoneyJSON(g.stdout, c)
	}
	sel, _ := selectTables(tables, nil, o.all, o.format)
	header := l.Tf("cmp.head", len(options), options[0].Result.Scenario)
	return renderTablesColor(g.stdout, l, header, sel, o.format, g.color())
}

// options runs the base and every option to compare.
func (o *compareOptions) options(ctx context.Context, g *globalOptions, args []string) ([]sim.Option, error) {
	var bases []*scenarios.Scenario
	if len(args) == 0 {
		s, err := o.scenario.load(nil)
		if err != nil {
			return nil, err
		}
		bases = append(bases, s)
	}
	for _, f := range args {
		s, err := scenarios.Load(f)
		if err != nil {
			return nil, err
		}
		bases = append(bases, s)
	}
	for _, s := range bases {
		g.warn(s)
	}
	if len(bases) == 1 {
		out, err := variantOptions(ctx, bases[0], o.variants, len(o.variants) == 0, o.sets, o.disable)
		if err == nil && len(out) < 2 {
			err = usagef("nothing to compare: the scenario has no variants; name files, or add --set or --disable")
		}
		return out, err
	}
	for _, s := range bases[1:] {
		b, r := bases[0].Region, s.Region
		var diffs []string
		if r.FirstYear != b.FirstYear {
			diffs = append(diffs, fmt.Sprintf("first_year %d (base %d)", r.FirstYear, b.FirstYear))
		}
		if r.Horizon != b.Horizon {
			diffs = append(diffs, fmt.Sprintf("horizon %d (base %d)", r.Horizon, b.Horizon))
		}
		if r.DiscountRate != b.DiscountRate {
			diffs = append(diffs, fmt.Sprintf("discount_rate %g (base %g)", r.DiscountRate, b.DiscountRate))
		}
		if len(diffs) > 0 {
			g.warnf(scenarios.Problem{File: s.File, Key: "region", Warning: true,
				Msg: strings.Join(diffs, ", ") + ": present values are not directly comparable with the base's"})
		}
	}
	var out []sim.Option
	for i, s := range bases {
		opt, err := runOption(ctx, fileOptionName(s, args[i]), args[i], s)
		if err != nil {
			return nil, err
		}
		out = append(out, opt)
	}
	adhoc, err := variantOptions(ctx, bases[0], nil, false, o.sets, o.disable)
	if err != nil {
		return nil, err
	}
	return append(out, adhoc[1:]...), nil
}

// variantOptions runs the base, the named variants (or all of them), and
// an ad-hoc option when sets or disable are given.
func variantOptions(ctx context.Context, base *scenarios.Scenario, names []string, all bool, sets, disable []string) ([]sim.Option, error) {
	first, err := runOption(ctx, base.Name(), "", base)
	if err != nil {
		return nil, err
	}
	out := []sim.Option{first}
	var picked []*scenarios.Variant
	for _, name := range names {
		v, err := findVariant(base, name)
		if err != nil {
			return nil, err
		}
		picked = append(picked, v)
	}
	if all {
		for i := range base.Variants {
			picked = append(picked, &base.Variants[i])
		}
	}
	for _, v := range picked {
		s, err := base.WithVariant(v)
		if err != nil {
			return nil, err
		}
		opt, err := runOption(ctx, v.Name, v.Description, s)
		if err != nil {
			return nil, err
		}
		out = append(out, opt)
	}
	if len(sets) > 0 || len(disable) > 0 {
		set, err := parseSets(sets)
		if err != nil {
			return nil, err
		}
		s := base.Clone()
		if err := s.Apply(disable, set); err != nil {
			return nil, fromFlags(err)
		}
		name := strings.Join(append(prefixAll("--set ", sets), prefixAll("--disable ", disable)...), " ")
		opt, err := runOption(ctx, name, "", s)
		if err != nil {
			return nil, err
		}
		out = append(out, opt)
	}
	return out, nil
}

// runOption runs one option for its tables (no ledger, no business cases).
func runOption(ctx context.Context, name, desc string, s *scenarios.Scenario) (sim.Option, error) {
	r, err := simulate(ctx, s, sim.TableSink{})
	return sim.Option{Name: name, Description: desc, Result: r}, err
}

func fileOptionName(s *scenarios.Scenario, file string) string {
	if s.Region.Name != "" {
		return s.Region.Name + " (" + file + ")"
	}
	return file
}

func prefixAll(p string, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = p + s
	}
	return out
}

// parseSets reads PATH=VALUE pairs: a number, true or false, else text.
func parseSets(sets []string) (map[string]any, error) {
	out := map[string]any{}
	for _, kv := range sets {
		path, val, ok := strings.Cut(kv, "=")
		path, val = strings.TrimSpace(path), strings.TrimSpace(val)
		if !ok || path == "" || val == "" {
			return nil, usagef("--set %q: write PATH=VALUE, e.g. --set instrument.portemonnee.rate=0.001", kv)
		}
		switch {
		case val == "true" || val == "false":
			out[path] = val == "true"
		default:
			if f, err := strconv.ParseFloat(strings.ReplaceAll(val, "_", ""), 64); err == nil {
				out[path] = f
			} else {
				out[path] = strings.Trim(val, `"'`)
			}
		}
	}
	return out, nil
}

// fromFlags points the problems of --set and --disable at the flags, not
// at the file's lines (which hold the values before the change).
func fromFlags(err error) error {
	probs, ok := err.(scenarios.Problems)
	if !ok {
		return err
	}
	out := make(scenarios.Problems, len(probs))
	for i, p := range probs {
		p.File, p.Line = "--set/--disable", 0
		out[i] = p
	}
	return out
}
