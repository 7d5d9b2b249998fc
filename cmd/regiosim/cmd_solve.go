package main

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/regiosim/regiosim/sim/sens"
	"github.com/spf13/cobra"
)

type solveOptions struct {
	scenario  scenarioOptions
	vary      string
	target    string
	in        string
	breakEven string
	minRate   string
	zero      string
	format    string
}

func newSolveCmd(g *globalOptions) *cobra.Command {
	o := &solveOptions{}
	cmd := &cobra.Command{
		Use:   "solve [FILE] --vary PATH --target NAME=VALUE",
		Short: "Break-even: the value at which an outcome reaches a target",
		Long: `Find the value of one number of the scenario (--vary PATH) at which an
outcome reaches a value (--target NAME=VALUE), within --in LOW:HIGH (default:
the path's valid range), by Brent's method; a yes/no outcome or a count (a
step) by bisection, giving the value at which it first reaches the target.
It reports the value, the outcome there and the number of runs; when the
outcome does not reach the target in the range, it says so with the
outcome's value at both ends.

Ready-made questions:
  --break-even PURCHASE  the lowest savings_scale of its initiative at which
                         the cross-purchase closes (its ratio reaches its
                         threshold)
  --min-rate WALLET      the lowest wallet rate at which no initiative it
                         funds has a gap in any year
  --zero PARTY --vary P  the value of P at which the party's net present
                         value is zero

Exit codes: 0 ok, 1 runtime failure, 2 bad input or usage (including no
root in the range).`,
		Example: `  regiosim solve --break-even kruis-zv-a
  regiosim solve --min-rate portemonnee
  regiosim solve --zero noord --vary instrument.portemonnee.rates.noord
  regiosim solve region.toml --vary instrument.portemonnee.rate --target region.gap_pv=0 --in 0:0.01`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSolve(cmd.Context(), g, o, args)
		},
	}
	o.scenario.addFlags(cmd)
	o.scenario.addVariantFlag(cmd)
	f := cmd.Flags()
	f.StringVar(&o.vary, "vary", "", "the path to vary")
	f.StringVar(&o.target, "target", "", "NAME=VALUE: the outcome and the value it is to reach")
	f.StringVar(&o.in, "in", "", "LOW:HIGH: where to look (default: the path's valid range)")
	f.StringVar(&o.breakEven, "break-even", "", "a cross-purchase: the lowest savings scale at which it closes")
	f.StringVar(&o.minRate, "min-rate", "", "a wallet: the lowest rate at which its initiatives have no gap")
	f.StringVar(&o.zero, "zero", "", "a party: the value of --vary at which its net present value is zero")
	f.StringVar(&o.format, "format", "table", "output format: table, csv, json or markdown")
	return cmd
}

// question is what solve is asked: vary a path until a figure reaches a
// target.
type question struct {
	kind, subject string // "break-even", "min-rate", "zero", or "" for --target
	path          string
	outcome       string // a named outcome, or a description of a figure
	target        float64
	step          bool
	pick          func(m *sim.Model) (func([]float64) float64, error)
}

func runSolve(ctx context.Context, g *globalOptions, o *solveOptions, args []string) error {
	l, s, err := g.start(&o.scenario, o.format, args)
	if err != nil {
		return err
	}
	q, err := o.question(s)
	if err != nil {
		return err
	}
	if off := switchedOff(s, q.path); off != "" {
		return usagef("--vary %s: %s is switched off in this scenario, so the value changes nothing", q.path, off)
	}
	m, err := sim.Compile(s, q.path)
	if err != nil {
		if pe, ok := err.(scenarios.Problems); ok {
			for i := range pe {
				pe[i].Key = "--vary " + pe[i].Key
			}
		}
		return err
	}
	pick, err := q.pick(m)
	if err != nil {
		return err
	}
	rg := m.Slots()[0].Range
	lo, hi := rg.Min, rg.Max
	if o.in != "" {
		a, b, ok := strings.Cut(o.in, ":")
		lo, err = strconv.ParseFloat(strings.TrimSpace(a), 64)
		if err == nil {
			hi, err = strconv.ParseFloat(strings.TrimSpace(b), 64)
		}
		if !ok || err != nil || math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
			return usagef("--in %q: write LOW:HIGH, e.g. --in 0:2%s", o.in, commaHint(o.in))
		}
		if !(lo < hi) {
			return usagef("--in %s: LOW %g is not below HIGH %g", o.in, lo, hi)
		}
		if !rg.Contains(lo) || !rg.Contains(hi) {
			return usagef("--in %s: leaves the valid range %s of %s", o.in, rg, q.path)
		}
	}
	e := sens.NewEvaluatorOf(m, pick)
	sol, err := sens.Solve(ctx, e, 0, lo, hi, q.target, q.step)
	var nr *sens.NoRoot
	if errors.As(err, &nr) {
		return usagef("%s", l.NoRoot(q.path, q.outcome, nr))
	}
	if err != nil {
		return err
	}
	ans := &report.Answer{Kind: q.kind, Subject: q.subject, Path: q.path, Outcome: q.outcome, Target: q.target,
		Base: m.Slots()[0].Base, Value: sol.Value, At: sol.Outcome, Runs: sol.Runs, Step: sol.Step}
	if o.format == "json" {
		return writeJSON(g.stdout, ans)
	}
	return renderTables(g.stdout, l, l.AnswerSentence(ans), []*report.Table{l.AnswerTable(ans)}, o.format)
}

// question turns the flags into what to solve.
func (o *solveOptions) question(s *scenarios.Scenario) (*question, error) {
	n := 0
	for _, f := range []string{o.breakEven, o.minRate, o.zero, o.target} {
		if f != "" {
			n++
		}
	}
	if n != 1 {
		return nil, usagef("ask one question: --target NAME=VALUE (with --vary), --break-even PURCHASE, --min-rate WALLET or --zero PARTY (with --vary)")
	}
	byName := func(name string) func(m *sim.Model) (func([]float64) float64, error) {
		return func(m *sim.Model) (func([]float64) float64, error) {
			i, err := pickOutcome(m, name, "--target")
			if err != nil {
				return nil, err
			}
			return func(v []float64) float64 { return v[i] }, nil
		}
	}
	switch {
	case o.breakEven != "":
		in, ok := s.Instrument(o.breakEven)
		p, isP := in.(instruments.Purchaser)
		if !ok || !isP {
			if len(purchaseIDs(s)) == 0 {
				return nil, usagef("--break-even %q: the scenario has no cross-purchase", o.breakEven)
			}
			return nil, usagef("--break-even %q: no cross-purchase of that id%s", o.breakEven, hintFor(o.breakEven, purchaseIDs(s)))
		}
		if s.Disabled(o.breakEven) {
			return nil, usagef("--break-even %s: the cross-purchase is switched off in this scenario (its variant disables it)", o.breakEven)
		}
		t := p.Terms(0, s.Region.FirstYear, s.Region.Horizon, s.Region.DiscountRate) // for the initiative and threshold
		if s.Disabled(t.Initiative) {
			return nil, usagef("--break-even %s: its initiative %s is switched off in this scenario", o.breakEven, t.Initiative)
		}
		name := "purchase." + o.breakEven + ".ratio"
		return &question{kind: "break-even", subject: o.breakEven, path: "initiative." + t.Initiative + ".savings_scale",
			outcome: name, target: t.Threshold, pick: byName(name)}, nil
	case o.minRate != "":
		in, ok := s.Instrument(o.minRate)
		f, isF := in.(instruments.Funder)
		if !ok || !isF || in.Meta().Type != "wallet" {
			if len(walletIDs(s)) == 0 {
				return nil, usagef("--min-rate %q: the scenario has no wallet", o.minRate)
			}
			return nil, usagef("--min-rate %q: no wallet of that id%s", o.minRate, hintFor(o.minRate, walletIDs(s)))
		}
		funds := f.FundsInitiatives()
		return &question{kind: "min-rate", subject: o.minRate, path: "instrument." + o.minRate + ".rate",
			outcome: "gap_years:" + strings.Join(funds, "+"), target: 0, step: true,
			pick: func(m *sim.Model) (func([]float64) float64, error) {
				var idx []int
				for _, id := range funds {
					if i := m.OutcomeIndex("initiative." + id + ".gap_years"); i >= 0 {
						idx = append(idx, i)
					}
				}
				return func(v []float64) float64 {
					t := 0.0
					for _, i := range idx {
						t += v[i]
					}
					return t
				}, nil
			}}, nil
	case o.zero != "":
		if _, ok := s.Party(o.zero); !ok {
			return nil, usagef("--zero %q: no party of that id%s", o.zero, hintFor(o.zero, partyIDs(s)))
		}
		if o.vary == "" {
			return nil, usagef("--zero %s: say which value to vary with --vary PATH", o.zero)
		}
		name := "party." + o.zero + ".net_pv"
		return &question{kind: "zero", subject: o.zero, path: o.vary, outcome: name, target: 0, pick: byName(name)}, nil
	}
	name, val, ok := strings.Cut(o.target, "=")
	v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(val), "_", ""), 64)
	if !ok || err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, usagef("--target %q: write NAME=VALUE, e.g. --target region.gap_pv=0", o.target)
	}
	if o.vary == "" {
		return nil, usagef("--target: say which value to vary with --vary PATH")
	}
	name = strings.TrimSpace(name)
	q := &question{path: o.vary, outcome: name, target: v, pick: byName(name)}
	if m, err := sim.Compile(s); err == nil {
		if i := m.OutcomeIndex(name); i >= 0 {
			q.step = report.IsStep(m.Outcomes()[i])
		}
	}
	return q, nil
}

// switchedOff names the initiative or instrument of a path that a variant
// switches off, or "".
func switchedOff(s *scenarios.Scenario, path string) string {
	parts := strings.SplitN(path, ".", 3)
	if len(parts) == 3 && (parts[0] == "initiative" || parts[0] == "instrument") && s.Disabled(parts[1]) {
		return parts[0] + " " + parts[1]
	}
	return ""
}

func purchaseIDs(s *scenarios.Scenario) []string {
	var ids []string
	for _, in := range s.Instruments {
		if _, ok := in.(instruments.Purchaser); ok {
			ids = append(ids, in.Meta().ID)
		}
	}
	return ids
}

func walletIDs(s *scenarios.Scenario) []string {
	var ids []string
	for _, in := range s.Instruments {
		if in.Meta().Type == "wallet" {
			ids = append(ids, in.Meta().ID)
		}
	}
	return ids
}
