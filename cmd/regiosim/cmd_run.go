package main

import (
	"context"
	"fmt"
	"github.com/regiosim/regiosim/sim"

	"github.com/spf13/cobra"
)

type runOptions struct {
	scenario scenarioOptions
	format   string
	out      string
	tables   []string
	all      bool
}

func (o *runOptions) addFlags(cmd *cobra.Command) {
	o.scenario.addFlags(cmd)
	o.scenario.addVariantFlag(cmd)
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "table", "output format: table, csv, json or markdown")
	f.StringVarP(&o.out, "output", "o", "", "write one CSV file per table into this directory")
	f.StringSliceVar(&o.tables, "table", nil, "show only these tables (repeatable): parties, party_net, initiatives, coverage, funding, instruments, contributions, phase_outs, purchases, funds, pools, wrong_pocket, party_years, initiative_years, funding_years, contribution_years, flows")
	f.BoolVar(&o.all, "all", false, "also show the per-year detail tables")
}

func newRunCmd(g *globalOptions) *cobra.Command {
	o := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run [FILE]",
		Short: "Run a scenario over its horizon and show where the money goes",
		Long: `Run a scenario over its horizon and show, per party and per initiative and
year, who pays, who receives, who saves, and which initiatives stay funded.
Without FILE, the built-in example region runs.

Amounts are euros of their own year; present values (PV) are discounted to
the first year at the region's discount rate. net = received − paid + saved
+ legacy income change (a phase-out's change of baseline income).

Exit codes: 0 ok, 1 runtime failure, 2 bad input or usage.`,
		Example: `  regiosim run
  regiosim run --example small --lang nl
  regiosim run region.toml --format markdown > report.md
  regiosim run region.toml --format csv --table parties
  regiosim run region.toml -o out/        # one CSV per table`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRun(cmd.Context(), g, o, args)
		},
	}
	o.addFlags(cmd)
	return cmd
}

func runRun(ctx context.Context, g *globalOptions, o *runOptions, args []string) error {
	l, err := g.language()
	if err != nil {
		return err
	}
	if err := checkFormat(o.format); err != nil {
		return err
	}
	_, r, err := o.scenario.loadRun(ctx, g, args, sim.TableSink{Cases: true})
	if err != nil {
		return err
	}
	tables := l.RunTables(r)
	if o.out != "" {
		files, err := csvFiles(tables)
		if err != nil {
			return err
		}
		if err := writeDir(o.out, files); err != nil {
			return err
		}
		fmt.Fprintf(g.stdout, "%s\n%d tables written to %s\n", l.Header(r), len(files), o.out)
		return nil
	}
	if o.format == "json" {
		return writeMoneyJSON(g.stdout, r)
	}
	sel, err := selectTables(tables, o.tables, o.all, o.format)
	if err != nil {
		return err
	}
	return renderTables(g.stdout, l, l.Header(r), sel, o.format)
}
