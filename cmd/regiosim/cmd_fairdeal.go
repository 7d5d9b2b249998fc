package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim/deal"
	"github.com/spf13/cobra"
)

type fairDealOptions struct {
	scenario  scenarioOptions
	wallet    string
	objective string
	maxRate   float64
	bounds    []string
	floors    []string
	format    string
	variant   string
	out       string
	side      bool
	maxGap    float64
}

func newFairDealCmd(g *globalOptions) *cobra.Command {
	o := &fairDealOptions{}
	cmd := &cobra.Command{
		Use:   "fair-deal [FILE] --wallet ID",
		Short: "Contribution rates that fund every initiative and leave no party worse off",
		Long: `Find per-party contribution rates for a wallet (--wallet ID) such that every
initiative the wallet funds is funded in every year and no party is worse
off than without the wallet (its net present value with the wallet switched
off, its status quo) or than a floor it names (--floor PARTY=AMOUNT), with
every rate between 0 and --max-rate (default 2 %) or a party's own bounds
(--rate-bound PARTY=LOW:HIGH).

While every initiative is fully funded, the savings do not depend on the
rates and each party's contributions are linear in its rate: the deal is a
linear program (gonum's simplex). --objective least (default) asks for the
least contribution at present value; max-min for the most equal outcome, the
smallest gain over its floor per euro of turnover as high as can be. The
answer is verified by running the engine with the rates: no gap in any year
and no party below its floor, to the cent.

When no deal exists it says why: the highest rates leave a gap, or a
party's floor cannot be met (by how much), and shows the best achievable
deal, with those floors lowered by their shortfall.

--write-variant NAME writes a copy of the scenario with the deal (or the
best achievable one) as a [[variant]] to -o FILE, so that compare and report
show it beside the other options. Without FILE, the built-in example.

Exit codes: 0 ok (a deal, or why there is none), 1 runtime failure, 2 bad
input or usage.`,
		Example: `  regiosim fair-deal --wallet portemonnee
  regiosim fair-deal --wallet portemonnee --objective max-min --max-rate 0.005
  regiosim fair-deal region.toml --wallet pot --floor noord=0 --rate-bound zv=0:0.001
  regiosim fair-deal --wallet portemonnee --write-variant "Eerlijke deal" -o met-deal.toml`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFairDeal(cmd.Context(), g, o, args)
		},
	}
	o.scenario.addFlags(cmd)
	f := cmd.Flags()
	f.StringVar(&o.wallet, "wallet", "", "the wallet whose rates the deal sets (default: the scenario's only wallet)")
	f.StringVar(&o.objective, "objective", deal.Least, "least (the least contribution at present value) or max-min (the most equal outcome)")
	f.Float64Var(&o.maxRate, "max-rate", 0.02, "every contributor's highest rate")
	f.StringArrayVar(&o.bounds, "rate-bound", nil, "a party's own bounds, PARTY=LOW:HIGH (repeatable)")
	f.StringArrayVar(&o.floors, "floor", nil, "the least net present value a party accepts, PARTY=AMOUNT, instead of its status quo (repeatable)")
	f.StringVar(&o.format, "format", "table", "output format: table, csv, json or markdown")
	f.StringVar(&o.variant, "write-variant", "", "write a copy of the scenario with the deal as a [[variant]] of this name to -o FILE")
	f.StringVarP(&o.out, "output", "o", "", "with --write-variant: the scenario file to write")
	f.Float64Var(&o.maxGap, "max-gap", 0, "let the wallet's initiatives fall short by up to this many euros in a year")
	f.BoolVar(&o.side, "side-payments", false, "instead of rates: side payments between the parties, with the scenario's instruments as they are, so that none is worse off than without them")
	return cmd
}

func runFairDeal(ctx context.Context, g *globalOptions, o *fairDealOptions, args []string) error {
	l, s, err := g.start(&o.scenario, o.format, args)
	if err != nil {
		return err
	}
	if o.objective != deal.Least && o.objective != deal.MaxMin {
		return usagef("--objective %q: use least or max-min%s", o.objective, hintFor(o.objective, []string{deal.Least, deal.MaxMin}))
	}
	if !(o.maxRate > 0 && o.maxRate <= 1) {
		return usagef("--max-rate %v: give a rate above 0, at most 1", o.maxRate)
	}
	if (o.variant == "") != (o.out == "") {
		return usagef("--write-variant NAME and -o FILE go together")
	}
	if math.IsNaN(o.maxGap) || math.IsInf(o.maxGap, 0) {
		return usagef("--max-gap %v: give an amount of euros", o.maxGap)
	}
	if o.side {
		if o.wallet != "" || len(o.bounds) > 0 || o.variant != "" || o.objective != deal.Least || o.maxGap != 0 || o.maxRate != 0.02 {
			return usagef("--side-payments finds payments between the parties, not rates: leave out --wallet, --rate-bound, --objective, --max-rate, --max-gap and --write-variant")
		}
		floors, err := parseFloors(o.floors)
		if err != nil {
			return err
		}
		res, err := deal.SidePayments(s, floors)
		if err != nil {
			return err
		}
		if o.format == "json" {
			return writeMoneyJSON(g.stdout, res)
		}
		head := l.SideHeader(s.Name(), res)
		if o.format == "table" {
			for _, f := range l.SideFindings(res) {
				head += "\n- " + f
			}
		}
		return renderTablesColor(g.stdout, l, head, []*report.Table{l.SideTable(res)}, o.format, g.color())
	}
	if o.wallet == "" {
		var ws []string
		for _, in := range s.Instruments {
			if in != nil && in.Meta().Type == "wallet" && !s.Disabled(in.Meta().ID) {
				ws = append(ws, in.Meta().ID)
			}
		}
		if len(ws) != 1 {
			return usagef("name the wallet with --wallet (the scenario has %d: %s)", len(ws), strings.Join(ws, ", "))
		}
		o.wallet = ws[0]
	}
	if o.maxGap < 0 {
		return usagef("--max-gap %v: give 0 or more euros", o.maxGap)
	}
	opts := deal.Options{Wallet: o.wallet, Objective: o.objective, MaxRate: o.maxRate, Bounds: map[string][2]float64{}, MaxGap: o.maxGap}
	for _, b := range o.bounds {
		p, r, ok := strings.Cut(b, "=")
		p = strings.TrimSpace(p)
		lo, hi, ok2 := strings.Cut(r, ":")
		a, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		z, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
		if !ok || !ok2 || p == "" || err1 != nil || err2 != nil || math.IsNaN(a) || math.IsNaN(z) {
			return usagef("--rate-bound %q: write PARTY=LOW:HIGH, e.g. zv=0:0.001%s", b, commaHint(r))
		}
		if _, dup := opts.Bounds[p]; dup {
			return usagef("--rate-bound %q: %s has a bound already; give one per party", b, p)
		}
		opts.Bounds[p] = [2]float64{a, z}
	}
	if opts.Floors, err = parseFloors(o.floors); err != nil {
		return err
	}
	res, err := deal.Solve(s, opts)
	if err != nil {
		var pe *scenarios.PathError
		if errors.As(err, &pe) && pe.Path == o.wallet {
			pe.Path = "--wallet " + o.wallet
		}
		var probs scenarios.Problems
		if errors.As(err, &probs) {
			// The flags' problems in a fixed order.
			slices.SortStableFunc(probs, func(a, b scenarios.Problem) int { return strings.Compare(a.Key, b.Key) })
		}
		return err
	}
	if o.variant != "" {
		if res.Infeasible == "funding" || !res.Verified {
			return usagef("no deal to write: %s", strings.Join(l.DealFindings(res), " "))
		}
		if err := writeDealVariant(s, res, o.variant, o.out); err != nil {
			return err
		}
		fmt.Fprintf(g.stderr, "wrote %s with the variant %q\n", o.out, o.variant)
	}
	if o.format == "json" {
		return writeMoneyJSON(g.stdout, res)
	}
	t := l.DealTable(res)
	head := l.DealHeader(s.Name(), res)
	if o.format == "table" || o.format == "markdown" {
		for _, f := range l.DealFindings(res) {
			head += "\n- " + f
		}
	}
	return renderTablesColor(g.stdout, l, head, []*report.Table{t}, o.format, g.color())
}

// writeDealVariant writes the scenario's text with the deal appended as a
// [[variant]], checked by loading it back.
func writeDealVariant(s *scenarios.Scenario, res *deal.Result, name, file string) error {
	src, err := inputText(s.File)
	if err != nil {
		return err
	}
	for _, v := range s.Variants {
		if v.Name == name {
			return usagef("--write-variant %q: the scenario has a variant of that name already", name)
		}
	}
	v := res.Variant(name)
	var b bytes.Buffer
	b.Write(bytes.TrimRight(src, "\n"))
	fmt.Fprintf(&b, "\n\n# A fair deal found by regiosim fair-deal --wallet %s (objective %s).\n[[variant]]\nname = %s\ndescription = %s\nset = { ", res.Wallet, res.Objective, strconv.Quote(name), strconv.Quote(v.Description))
	keys := make([]string, 0, len(v.Set))
	for k := range v.Set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s = %s", strconv.Quote(k), strconv.FormatFloat(v.Set[k].(float64), 'g', -1, 64))
	}
	b.WriteString(" }\n")
	if _, err := scenarios.Parse(file, b.Bytes()); err != nil {
		return fmt.Errorf("the scenario with the deal does not load: %w", err)
	}
	if _, err := os.Stat(file); err == nil {
		return usagef("-o %s: the file exists; name a new one", file)
	}
	// Created new (never over a file that appeared meanwhile) and removed
	// again if it cannot be written whole.
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", file, err)
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		os.Remove(file)
		return fmt.Errorf("cannot write %s: %w", file, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(file)
		return fmt.Errorf("cannot write %s: %w", file, err)
	}
	return nil
}

// commaHint points out a decimal comma in a flag's number.
func commaHint(v string) string {
	if strings.Contains(v, ",") {
		return " (write decimals with a dot: " + strings.ReplaceAll(v, ",", ".") + ")"
	}
	return ""
}

// parseFloors reads --floor PARTY=AMOUNT flags.
func parseFloors(flags []string) (map[string]float64, error) {
	out := map[string]float64{}
	for _, f := range flags {
		p, v, ok := strings.Cut(f, "=")
		p = strings.TrimSpace(p)
		x, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v), "_", ""), 64)
		if !ok || p == "" || err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, usagef("--floor %q: write PARTY=AMOUNT, e.g. noord=0%s", f, commaHint(v))
		}
		if _, dup := out[p]; dup {
			return nil, usagef("--floor %q: %s has a floor already; give one per party", f, p)
		}
		out[p] = x
	}
	return out, nil
}
