package report

import (
	"strconv"

	"github.com/regiosim/regiosim/sim"
)

// Header is the one-line description of a run.
func (l Lang) Header(r *sim.Result) string {
	return l.Tf("head.run", l.Title(r), r.FirstYear, r.Years[len(r.Years)-1], len(r.Years), l.Rate(r.DiscountRate))
}

// Title names the run: the region, and the variant when one was applied.
func (l Lang) Title(r *sim.Result) string {
	if r.Variant != "" {
		return l.Tf("head.variant", r.Scenario, r.Variant)
	}
	return r.Scenario
}

// RunTables returns the tables of a run: the overview tables first, then
// the detail tables (per year, long format) that files and --table get.
func (l Lang) RunTables(r *sim.Result) []*Table {
	tables := []*Table{
		l.partiesTable(r),
		l.partyNetTable(r),
		l.initiativesTable(r),
		l.coverageTable(r),
		l.fundingTable(r),
		l.instrumentsTable(r),
		l.contributionsTable(r),
		l.phaseOutsTable(r),
		l.purchasesTable(r),
		l.FundTable(r),
		l.PoolTable(r),
		l.wrongPocketTable(r),
		l.partyYearsTable(r),
		l.initiativeYearsTable(r),
		l.fundingYearsTable(r),
		l.contributionYearsTable(r),
		l.flowsTable(r),
	}
	// A fund or a pool table only when the run has one.
	out := tables[:0]
	for _, t := range tables {
		if t != nil {
			out = append(out, t)
		}
	}
	return out
}

func (l Lang) col(key string, kind ColKind) Column {
	return Column{Key: key, Label: l.T("col." + key), Kind: kind}
}

func (l Lang) yearCols(r *sim.Result, kind ColKind) []Column {
	cols := make([]Column, len(r.Years))
	for k, y := range r.Years {
		s := strconv.Itoa(y)
		cols[k] = Column{Key: s, Label: s, Kind: kind}
	}
	return cols
}

func (l Lang) partiesTable(r *sim.Result) *Table {
	t := &Table{Name: "parties", Title: l.T("title.parties"), Notes: []string{l.T("note.net")},
		Columns: []Column{l.col("party", Text), l.col("name", Text), l.col("kind", Text),
			l.col("paid", Money), l.col("received", Money), l.col("saved", Money), l.col("legacy", Money), l.col("net", Money), l.col("net_pv", Money)}}
	for _, p := range r.Parties {
		t.Rows = append(t.Rows, []any{p.ID, p.Name, l.Term("partykind."+p.Kind, p.Kind), p.Total.Paid, p.Total.Received, p.Total.Saved, p.Total.Legacy, p.Total.Net, p.PV.Net})
	}
	return t
}

func (l Lang) partyNetTable(r *sim.Result) *Table {
	cols := append([]Column{l.col("party", Text)}, l.yearCols(r, Money)...)
	t := &Table{Name: "party_net", Title: l.T("title.party_net"),
		Columns: append(cols, Column{Key: "total", Label: l.T("total"), Kind: Money}, l.col("net_pv", Money))}
	for _, p := range r.Parties {
		row := []any{p.ID}
		for _, v := range p.Net {
			row = append(row, v)
		}
		t.Rows = append(t.Rows, append(row, p.Total.Net, p.PV.Net))
	}
	return t
}

func (l Lang) partyYearsTable(r *sim.Result) *Table {
	t := &Table{Name: "party_years", Title: l.T("title.party_years"), Detail: true,
		Columns: []Column{l.col("party", Text), l.col("year", Year), l.col("paid", Money), l.col("received", Money), l.col("saved", Money), l.col("legacy", Money), l.col("net", Money)}}
	for _, p := range r.Parties {
		for k, y := range r.Years {
			t.Rows = append(t.Rows, []any{p.ID, y, p.Paid[k], p.Received[k], p.Saved[k], p.Legacy[k], p.Net[k]})
		}
	}
	return t
}

func (l Lang) initiativesTable(r *sim.Result) *Table {
	t := &Table{Name: "initiatives", Title: l.T("title.initiatives"),
		Columns: []Column{l.col("initiative", Text), l.col("provider", Text), l.col("need", Money), l.col("funded", Money),
			l.col("gap", Money), l.col("coverage", Percent), l.col("savings", Money), l.col("funds_end", Year), l.col("gap_after", Money), l.col("first_gap", Year)}}
	t.Columns[8].Key = "gap_after_funds_end"
	t.Columns[9].Key = "first_gap_year"
	for _, in := range r.Initiatives {
		t.Rows = append(t.Rows, []any{in.ID, in.Provider, in.Total.Need, in.Total.Funded, in.Total.Gap, in.HorizonCoverage, in.Total.Savings, in.FundsEnd, in.GapAfterFundsEnd, in.FirstGapYear})
	}
	t.Notes = append([]string{l.T("note.coverage")}, l.GapNotes(r)...)
	return t
}

// GapNotes are the sentences about initiatives that go unfunded: from
// which year, what share of their cost over the rest of the horizon, and —
// when their transformation funds end first — that cliff ("permanente
// tijdelijkheid"). One sentence per initiative with a gap.
func (l Lang) GapNotes(r *sim.Result) []string {
	var notes []string
	for _, in := range r.Initiatives {
		if in.FirstGapYear == 0 {
			continue
		}
		gap, need := in.RemainingGap, in.RemainingNeed
		if need <= 0 {
			continue
		}
		last := r.Years[len(r.Years)-1]
		name := quoteName(in.Name, in.ID)
		share, money := l.Percent(gap/need), l.Short(gap)
		if in.FundsEnd != 0 && in.FirstGapYear > in.FundsEnd {
			notes = append(notes, l.Tf("note.cliff", in.FundsEnd, in.FirstGapYear, name, share, in.FirstGapYear, last, money))
		} else {
			notes = append(notes, l.Tf("find.gap", in.FirstGapYear, name, share, in.FirstGapYear, last, money))
		}
	}
	if len(notes) == 0 && len(r.Initiatives) > 0 {
		notes = append(notes, l.T("note.nogap"))
	}
	return notes
}

func (l Lang) coverageTable(r *sim.Result) *Table {
	t := &Table{Name: "coverage", Title: l.T("title.coverage"),
		Columns: append([]Column{l.col("initiative", Text)}, l.yearCols(r, Percent)...)}
	for _, in := range r.Initiatives {
		row := []any{in.ID}
		for k, v := range in.Coverage {
			if in.Need[k] == 0 {
				row = append(row, Term{"", "–"}) // nothing needed: no coverage to speak of
				continue
			}
			row = append(row, v)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func (l Lang) fundingTable(r *sim.Result) *Table {
	t := &Table{Name: "funding", Title: l.T("title.funding"),
		Columns: []Column{l.col("initiative", Text), l.col("source", Text), l.col("type", Text), l.col("amount", Money), l.col("amount_pv", Money), l.col("share", Percent)}}
	for _, in := range r.Initiatives {
		for _, src := range in.FundingBy {
			t.Rows = append(t.Rows, []any{in.ID, src.Instrument, l.Term("type."+src.Type, src.Type), src.Total, src.PV, src.Share})
		}
		if in.Total.Gap > 0 {
			t.Rows = append(t.Rows, []any{in.ID, l.Term("gap.source", "gap"), "", in.Total.Gap, in.PV.Gap, in.GapShare})
		}
	}
	return t
}

func (l Lang) fundingYearsTable(r *sim.Result) *Table {
	t := &Table{Name: "funding_years", Title: l.T("title.funding_years"), Detail: true,
		Columns: []Column{l.col("initiative", Text), l.col("year", Year), l.col("source", Text), l.col("amount", Money)}}
	for _, in := range r.Initiatives {
		for k, y := range r.Years {
			for _, src := range in.FundingBy {
				if src.Amount[k] != 0 {
					t.Rows = append(t.Rows, []any{in.ID, y, src.Instrument, src.Amount[k]})
				}
			}
			if in.Gap[k] != 0 {
				t.Rows = append(t.Rows, []any{in.ID, y, l.Term("gap.source", "gap"), in.Gap[k]})
			}
		}
	}
	return t
}

func (l Lang) initiativeYearsTable(r *sim.Result) *Table {
	t := &Table{Name: "initiative_years", Title: l.T("title.initiative_years"), Detail: true,
		Columns: []Column{l.col("initiative", Text), l.col("year", Year), l.col("need", Money), l.col("funded", Money),
			l.col("gap", Money), l.col("coverage", Percent), l.col("cost", Money), l.col("savings", Money)}}
	for _, in := range r.Initiatives {
		for k, y := range r.Years {
			var cov any = in.Coverage[k]
			if in.Need[k] == 0 {
				cov = Term{"", "–"} // nothing needed: as in the coverage table
			}
			t.Rows = append(t.Rows, []any{in.ID, y, in.Need[k], in.Funded[k], in.Gap[k], cov, in.Cost[k], in.Savings[k]})
		}
	}
	return t
}

// contributionsTable: per party and instrument, what the party paid
// through it and got back over the horizon.
func (l Lang) contributionsTable(r *sim.Result) *Table {
	t := &Table{Name: "contributions", Title: l.T("title.contributions"),
		Columns: []Column{l.col("party", Text), l.col("instrument", Text), l.col("type", Text), l.col("paid", Money), l.col("received", Money), l.col("paid_pv", Money), l.col("received_pv", Money)}}
	for _, c := range r.Contributions {
		t.Rows = append(t.Rows, []any{c.Party, c.Instrument, l.Term("type."+c.Type, c.Type), c.PaidTotal, c.ReceivedTot, c.PaidPV, c.ReceivedPV})
	}
	return t
}

func (l Lang) contributionYearsTable(r *sim.Result) *Table {
	t := &Table{Name: "contribution_years", Title: l.T("title.contribution_years"), Detail: true,
		Columns: []Column{l.col("party", Text), l.col("instrument", Text), l.col("year", Year), l.col("paid", Money), l.col("received", Money)}}
	for _, c := range r.Contributions {
		for k, y := range r.Years {
			if c.Paid[k] != 0 || c.Received[k] != 0 {
				t.Rows = append(t.Rows, []any{c.Party, c.Instrument, y, c.Paid[k], c.Received[k]})
			}
		}
	}
	return t
}

func (l Lang) instrumentsTable(r *sim.Result) *Table {
	t := &Table{Name: "instruments", Title: l.T("title.instruments"),
		Columns: []Column{l.col("instrument", Text), l.col("type", Text), l.col("year", Year), l.col("in", Money), l.col("out", Money), l.col("balance", Money)}}
	phaseOut := map[string]bool{}
	for _, po := range r.PhaseOuts {
		phaseOut[po.ID] = true
	}
	for _, in := range r.Instruments {
		if phaseOut[in.ID] {
			continue // a phase-out is not an account: its own table shows freed, converted and kept
		}
		for k, y := range r.Years {
			t.Rows = append(t.Rows, []any{in.ID, l.Term("type."+in.Type, in.Type), y, in.In[k], in.Out[k], in.Balance[k]})
		}
	}
	return t
}

func (l Lang) flowsTable(r *sim.Result) *Table {
	t := &Table{Name: "flows", Title: l.T("title.flows"), Detail: true,
		Columns: []Column{l.col("flow", Text), l.col("from", Text), l.col("to", Text), l.col("stream", Text), l.col("year", Year), l.col("baseline", Money), l.col("level", Money)}}
	for _, f := range r.Flows {
		for k, y := range r.Years {
			t.Rows = append(t.Rows, []any{f.ID, f.From, f.To, f.Stream, y, f.Baseline[k], f.Level[k]})
		}
	}
	return t
}

func (l Lang) phaseOutsTable(r *sim.Result) *Table {
	t := &Table{Name: "phase_outs", Title: l.T("title.phase_outs"), Notes: []string{l.T("note.phase_outs")},
		Columns: []Column{l.col("instrument", Text), l.col("flow", Text), l.col("profile", Text), l.col("year", Year),
			l.col("baseline", Money), l.col("level", Money), l.col("freed", Money), l.col("converted", Money), l.col("kept", Money)}}
	for _, p := range r.PhaseOuts {
		for k, y := range r.Years {
			t.Rows = append(t.Rows, []any{p.ID, p.Flow, l.Term("profile."+p.Profile, p.Profile), y, p.Baseline[k], p.Level[k], p.Freed[k], p.Converted[k], p.Kept[k]})
		}
	}
	return t
}
