package main

import (
	"context"
	"strconv"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/spf13/cobra"
)

type businessCaseOptions struct {
	scenario   scenarioOptions
	initiative string
	buyer      string
	window     int
	threshold  float64
	format     string
}

func newBusinessCaseCmd(g *globalOptions) *cobra.Command {
	o := &businessCaseOptions{}
	cmd := &cobra.Command{
		Use:   "business-case [FILE] --initiative ID [--buyer ID]",
		Short: "Show whether an initiative's business case closes for a buyer, and who else gains",
		Long: `Show the ex-ante business case of an initiative for one buyer: per year the
full planned cost, the planned savings of every party, the net for the buyer
and for society; present values, benefit/cost ratios, payback year, internal
rate of return, the wrong-pocket share (savings landing with others than the
buyer) and the decision in one sentence.

The terms (decision year, window, share, threshold, discount rate) are those
of the scenario's cross_purchase of that buyer for that initiative; without
one: the initiative's start, the rest of the horizon, share 1, threshold 1
and the region's discount rate. Without --buyer, the cross-purchase's buyer
or else the party that saves most. Without FILE, the built-in example.

Exit codes: 0 ok, 1 runtime failure, 2 bad input or usage.`,
		Example: `  regiosim business-case --initiative casemanagement --buyer zk
  regiosim business-case region.toml --initiative valpreventie --window 5
  regiosim business-case region.toml --initiative schuldhulp --format json`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("window") && o.window < 1 {
				return usagef("--window %d: use 1..100 years", o.window)
			}
			if cmd.Flags().Changed("threshold") && !(o.threshold > 0 && o.threshold <= 100) {
				return usagef("--threshold %g: use a ratio above 0 and at most 100", o.threshold)
			}
			if cmd.Flags().Changed("window") && o.window > 100 {
				return usagef("--window %d: use 1..100 years", o.window)
			}
			return runBusinessCase(cmd.Context(), g, o, args)
		},
	}
	o.scenario.addFlags(cmd)
	o.scenario.addVariantFlag(cmd)
	f := cmd.Flags()
	f.StringVar(&o.initiative, "initiative", "", "the initiative (required)")
	f.StringVar(&o.buyer, "buyer", "", "the party that would buy it")
	f.IntVar(&o.window, "window", 0, "years the business case may take (default: the cross-purchase's, else the rest of the horizon)")
	f.Float64Var(&o.threshold, "threshold", 0, "required benefit/cost ratio for the buyer (default: the cross-purchase's, else 1.0)")
	f.StringVar(&o.format, "format", "table", "output format: table, csv, json or markdown")
	return cmd
}

func runBusinessCase(ctx context.Context, g *globalOptions, o *businessCaseOptions, args []string) error {
	l, err := g.language()
	if err != nil {
		return err
	}
	if err := checkFormat(o.format); err != nil {
		return err
	}
	if o.initiative == "" {
		return usagef("say which initiative: --initiative ID")
	}
	if o.window < 0 || o.window > 100 {
		return usagef("--window %d: use 1..100 years", o.window)
	}
	if o.threshold < 0 {
		return usagef("--threshold %g: must be above 0", o.threshold)
	}
	s, err := o.scenario.load(args)
	if s != nil {
		l = l.WithNames(s.Names())
	}
	if err != nil {
		return err
	}
	g.warn(s)
	if _, ok := s.Initiative(o.initiative); !ok || s.Disabled(o.initiative) {
		return unknownID("--initiative", "initiative", o.initiative, initiativeIDs(s))
	}
	if in, _ := s.Initiative(o.initiative); o.buyer == "" && len(in.Savings) == 0 {
		return usagef("--initiative %s saves nobody anything, so there is no buyer to make a case for; name one with --buyer ID", o.initiative)
	}
	if o.buyer != "" {
		if _, ok := s.Party(o.buyer); !ok {
			return unknownID("--buyer", "party", o.buyer, partyIDs(s))
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	bc, err := sim.Case(s, sim.CaseQuery{Initiative: o.initiative, Buyer: o.buyer, Window: o.window, Threshold: o.threshold})
	if err != nil {
		return err
	}
	if p, _ := s.Party(bc.Buyer); o.buyer != "" && p.Kind != "insurer" && p.Kind != "care_office" {
		g.warnf(scenarios.Problem{Key: "--buyer", Warning: true,
			Msg: buyerName(p) + " is " + instruments.AKind(p.Kind) + "; kruis-inkoop is usually an insurer's or care office's (a municipality can buy too)"})
	}
	if o.format == "json" {
		return writeMoneyJSON(g.stdout, bc)
	}
	return renderTables(g.stdout, l, l.CaseHeader(bc), l.CaseTables(bc), o.format)
}

// buyerName is a party's name, else its id in quotes, for a message.
func buyerName(p *scenarios.Party) string {
	if p.Name != "" {
		return p.Name
	}
	return strconv.Quote(p.ID)
}
