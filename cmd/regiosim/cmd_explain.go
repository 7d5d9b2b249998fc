package main

import (
	"context"
	"fmt"
	"github.com/regiosim/regiosim/sim"
	"strings"

	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/spf13/cobra"
)

type explainOptions struct {
	scenario   scenarioOptions
	party      string
	initiative string
	year       int
	format     string
}

func newExplainCmd(g *globalOptions) *cobra.Command {
	o := &explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain [FILE] --party ID [--year Y]",
		Short: "List the ledger entries behind a party's or an initiative's figures",
		Long: `List the ledger entries behind a party's figures (what it paid, received and
saved, and to or from whom) or behind an initiative's funding, for the whole
horizon or one year. The entries add up to the figures 'regiosim run' shows.
Without FILE, the built-in example region is used.

Exit codes: 0 ok, 1 runtime failure, 2 bad input or usage.`,
		Example: `  regiosim explain --party zv-a --year 2028
  regiosim explain region.toml --party centrumstad
  regiosim explain region.toml --initiative valpreventie --year 2027`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExplain(cmd.Context(), g, o, args)
		},
	}
	o.scenario.addFlags(cmd)
	o.scenario.addVariantFlag(cmd)
	f := cmd.Flags()
	f.StringVar(&o.party, "party", "", "party id whose figures to explain")
	f.StringVar(&o.initiative, "initiative", "", "initiative id whose funding to explain")
	f.IntVar(&o.year, "year", 0, "only this calendar year")
	f.StringVar(&o.format, "format", "table", "output format: table, csv, json or markdown")
	return cmd
}

func runExplain(ctx context.Context, g *globalOptions, o *explainOptions, args []string) error {
	l, err := g.language()
	if err != nil {
		return err
	}
	if err := checkFormat(o.format); err != nil {
		return err
	}
	if o.party == "" && o.initiative == "" {
		return usagef("say whose figures to explain: --party ID or --initiative ID")
	}
	s, r, err := o.scenario.loadRun(ctx, g, args, sim.TableSink{Ledger: true})
	if s != nil {
		l = l.WithNames(s.Names())
	}
	if err != nil {
		return err
	}
	if o.party != "" {
		if _, ok := s.Party(o.party); !ok {
			return unknownID("--party", "party", o.party, partyIDs(s))
		}
	}
	if o.initiative != "" {
		if _, ok := s.Initiative(o.initiative); !ok {
			return unknownID("--initiative", "initiative", o.initiative, initiativeIDs(s))
		}
	}
	if o.year != 0 && (o.year < s.Region.FirstYear || o.year > s.LastYear()) {
		return usagef("--year %d is outside the horizon %d–%d", o.year, s.Region.FirstYear, s.LastYear())
	}
	t := l.Explain(r, report.Selection{Party: o.party, Initiative: o.initiative, Year: o.year})
	who := l.Name(o.party)
	if o.party == "" {
		who = l.Name(o.initiative)
	}
	when := fmt.Sprintf("%d–%d", r.FirstYear, r.Years[len(r.Years)-1])
	if o.year != 0 {
		when = fmt.Sprint(o.year)
	}
	if o.format == "json" {
		return writeMoneyJSON(g.stdout, t.Records())
	}
	tables := []*report.Table{t}
	if o.party != "" && o.year == 0 {
		tables = append(tables, l.WrongPocketFor(r, o.party))
	}
	return renderTables(g.stdout, l, l.Tf("explain.head", r.Scenario, who+" · "+when), tables, o.format)
}

func unknownID(flag, kind, id string, known []string) error {
	hint := scenarios.Suggest(id, known)
	if hint != "" {
		hint = "; " + hint
	}
	return usagef("%s: no %s %q (known: %s)%s", flag, kind, id, strings.Join(known, ", "), hint)
}

func partyIDs(s *scenarios.Scenario) []string {
	var ids []string
	for _, p := range s.Parties {
		ids = append(ids, p.ID)
	}
	return ids
}

func initiativeIDs(s *scenarios.Scenario) []string {
	var ids []string
	for _, in := range s.Initiatives {
		ids = append(ids, in.ID)
	}
	return ids
}
