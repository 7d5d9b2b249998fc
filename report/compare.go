package report

import (
	"strconv"
	"strings"

	"github.com/regiosim/regiosim/sim"
)

// optionCode is the short name of an option in wide tables: "base", V1, V2…
func (l Lang) optionCode(i int) string {
	if i == 0 {
		return l.T("cmp.base")
	}
	return "V" + strconv.Itoa(i)
}

// CompareVerdict sums an option up in one line.
func (l Lang) CompareVerdict(o sim.OptionSummary) string {
	if o.Base {
		return l.T("cmp.is_base")
	}
	var parts []string
	switch {
	case o.Gap < 1:
		parts = append(parts, l.T("cmp.no_gap"))
	case o.GapAfterFundsEnd >= 1:
		parts = append(parts, l.Tf("cmp.gap", l.Short(o.Gap), l.signedShort(o.GapDelta))+", "+l.Tf("cmp.gap_after", l.Short(o.GapAfterFundsEnd)))
	default:
		parts = append(parts, l.Tf("cmp.gap", l.Short(o.Gap), l.signedShort(o.GapDelta)))
	}
	switch o.WorseOff {
	case 0:
		parts = append(parts, l.T("cmp.nobody_worse"))
	case 1:
		parts = append(parts, l.T("cmp.one_worse"))
	default:
		parts = append(parts, l.Tf("cmp.n_worse", o.WorseOff))
	}
	parts = append(parts, l.Tf("cmp.funding", l.signedShort(o.FundingDelta)))
	return strings.Join(parts, "; ")
}

// CompareTables returns the tables of a comparison: the options side by
// side, the difference in net present value per party, the coverage per
// initiative, and two detail tables in long format.
func (l Lang) CompareTables(c *sim.Comparison) []*Table {
	gapCol := func(key string) Column { c := l.col(key, DeltaMoney); c.LowerIsBetter = true; return c }
	opts := &Table{Name: "compare_options", Title: l.T("title.compare_options"),
		Columns: []Column{l.col("code", Text), l.col("option", Text), l.col("funding_pv", Money), l.col("funding_delta", DeltaMoney),
			l.col("gap_pv", Money), gapCol("gap_delta"), l.col("gap_after", Money), gapCol("gap_after_delta"),
			l.col("unfunded", Text), l.col("worse_off", Text), l.col("verdict", Text)}}
	opts.Columns[6].Key = "gap_after_funds_end_pv"
	opts.Columns[6].Label = l.T("col.gap_after_pv")
	opts.Columns[7].Label = "Δ " + l.T("col.gap_after_pv")
	for i, o := range c.Options {
		opts.Rows = append(opts.Rows, []any{l.optionCode(i), o.Name, o.Funding, o.FundingDelta, o.Gap, o.GapDelta,
			o.GapAfterFundsEnd, o.GapAfterFundsEndDelta, strconv.Itoa(o.Unfunded), strconv.Itoa(o.WorseOff), l.CompareVerdict(o)})
	}
	if len(c.Options) == 0 {
		return []*Table{opts}
	}
	base := c.Options[0]

	net := &Table{Name: "compare_net", Title: l.T("title.compare_net"),
		Columns: []Column{l.col("party", Text), {Key: "base_net_pv", Label: l.T("cmp.base") + " " + l.T("col.net_pv"), Kind: Money}}}
	cov := &Table{Name: "compare_coverage", Title: l.T("title.compare_coverage"),
		Columns: []Column{l.col("initiative", Text), {Key: "base_coverage", Label: l.T("cmp.base"), Kind: Percent}}}
	for i := range c.Options[1:] {
		code := l.optionCode(i + 1)
		net.Columns = append(net.Columns, Column{Key: "delta_" + code, Label: "Δ " + code, Kind: DeltaMoney})
		cov.Columns = append(cov.Columns, Column{Key: "delta_" + code, Label: "Δ " + code, Kind: DeltaPoints})
	}
	for p, bp := range base.Parties {
		row := []any{bp.ID, bp.PV.Net}
		for _, o := range c.Options[1:] {
			row = append(row, o.Parties[p].Delta.Net)
		}
		net.Rows = append(net.Rows, row)
	}
	for n, bi := range base.Initiatives {
		var row []any
		if bi.Off {
			row = []any{bi.ID, l.Term("cmp.off", "")}
		} else {
			row = []any{bi.ID, bi.Coverage}
		}
		for _, o := range c.Options[1:] {
			in := o.Initiatives[n]
			if in.Off {
				row = append(row, l.Term("cmp.off", "off"))
				continue
			}
			row = append(row, in.CoverageDelta)
		}
		cov.Rows = append(cov.Rows, row)
	}
	cov.Notes = []string{l.T("note.compare_coverage")}

	parties := &Table{Name: "compare_parties", Title: l.T("title.compare_parties"), Detail: true,
		Columns: []Column{l.col("option", Text), l.col("party", Text), l.col("paid", Money), l.col("received", Money), l.col("saved", Money), l.col("legacy", Money), l.col("net", Money),
			{Key: "paid_delta", Label: "Δ " + l.T("col.paid"), Kind: DeltaMoney, LowerIsBetter: true}, {Key: "received_delta", Label: "Δ " + l.T("col.received"), Kind: DeltaMoney},
			{Key: "saved_delta", Label: "Δ " + l.T("col.saved"), Kind: DeltaMoney}, {Key: "legacy_delta", Label: "Δ " + l.T("col.legacy"), Kind: DeltaMoney}, {Key: "net_delta", Label: "Δ " + l.T("col.net"), Kind: DeltaMoney}}}
	inits := &Table{Name: "compare_initiatives", Title: l.T("title.compare_initiatives"), Detail: true,
		Columns: []Column{l.col("option", Text), l.col("initiative", Text), l.col("coverage", Percent), {Key: "coverage_delta", Label: "Δ " + l.T("col.coverage"), Kind: DeltaPoints},
			l.col("gap_after", Money), gapCol("gap_after_delta")}}
	inits.Columns[4].Key = "gap_after_funds_end_pv"
	inits.Columns[4].Label = l.T("col.gap_after_pv")
	for _, o := range c.Options {
		for _, p := range o.Parties {
			parties.Rows = append(parties.Rows, []any{o.Name, p.ID, p.PV.Paid, p.PV.Received, p.PV.Saved, p.PV.Legacy, p.PV.Net, p.Delta.Paid, p.Delta.Received, p.Delta.Saved, p.Delta.Legacy, p.Delta.Net})
		}
		for _, in := range o.Initiatives {
			inits.Rows = append(inits.Rows, []any{o.Name, in.ID, in.Coverage, in.CoverageDelta, in.GapAfterFundsEnd, in.GapAfterFundsEndDelta})
		}
	}
	return []*Table{opts, net, cov, parties, inits}
}

// signedShort is a compact difference with its sign: +€1.2M, € +1,2 mln,
// or 0.
func (l Lang) signedShort(v float64) string {
	if v > -0.5 && v < 0.5 {
		return "0"
	}
	s := l.Short(v)
	if v < 0 {
		return s
	}
	if l.Code == "nl" {
		return "€ +" + strings.TrimPrefix(s, "€ ")
	}
	return "+" + s
}
