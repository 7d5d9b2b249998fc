package main

import (
	"context"

	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/sim"
	"github.com/spf13/cobra"
)

type outcomesOptions struct {
	scenario scenarioOptions
	format   string
	values   bool
}

func newOutcomesCmd(g *globalOptions) *cobra.Command {
	o := &outcomesOptions{}
	cmd := &cobra.Command{
		Use:   "outcomes [FILE]",
		Short: "List the named outcomes of a run (for stress tests, sensitivity and batches)",
		Long: `List the outcomes of a scenario: the named scalar results that every run
produces, with a one-line meaning each. Stress tests, tornado diagrams,
break-even searches and batches report on these names, and --outcome
options take them (with globs such as party.*.net_pv).

Names are kind.id.figure: region.gap_pv, party.ID.net_pv,
initiative.ID.gap_after_funds_end_pv, purchase.ID.closes (0 or 1),
wallet.ID.closing_balance, wrong_pocket.BEARER.SAVER (the cost BEARER bears
for the savings of SAVER, present value). Amounts are euros; _pv figures
are present values at the region's discount rate. With --values, the
value of each outcome for the scenario as given.

Exit codes: 0 ok, 1 runtime failure, 2 bad input or usage.`,
		Example: `  regiosim outcomes
  regiosim outcomes region.toml --values
  regiosim outcomes region.toml --format json | jq -r '.[].name'`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runOutcomes(cmd.Context(), g, o, args)
		},
	}
	o.scenario.addFlags(cmd)
	o.scenario.addVariantFlag(cmd)
	cmd.Flags().StringVar(&o.format, "format", "table", "output format: table, csv, json or markdown")
	cmd.Flags().BoolVar(&o.values, "values", false, "also show each outcome's value for the scenario as given")
	return cmd
}

// outcomeRecord is one outcome as JSON.
type outcomeRecord struct {
	Name    string   `json:"name"`
	Meaning string   `json:"meaning"`
	YesNo   bool     `json:"yes_no,omitempty"`
	Value   *float64 `json:"value,omitempty"`
}

func runOutcomes(ctx context.Context, g *globalOptions, o *outcomesOptions, args []string) error {
	l, s, err := g.start(&o.scenario, o.format, args)
	if err != nil {
		return err
	}
	m, err := sim.Compile(s)
	if err != nil {
		return err
	}
	var values []float64
	if o.values {
		if err := ctx.Err(); err != nil {
			return err
		}
		var sink sim.OutcomeSink
		if err := m.NewState().Run(nil, &sink); err != nil {
			return err
		}
		values = sink.Values
	}
	outs := m.Outcomes()
	if o.format == "json" {
		recs := make([]outcomeRecord, len(outs))
		for i, out := range outs {
			recs[i] = outcomeRecord{Name: out.Name, Meaning: l.Meaning(out), YesNo: out.Yes}
			if values != nil {
				recs[i].Value = &values[i]
			}
		}
		return writeJSON(g.stdout, recs)
	}
	t := l.OutcomesTable(outs, values)
	return renderTables(g.stdout, l, l.Tf("outcomes.head", len(outs), s.Name()), []*report.Table{t}, o.format)
}
