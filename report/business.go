package report

import (
	"strconv"
	"strings"

	"github.com/regiosim/regiosim/sim"
)

// Verdict is the decision of a business case in one sentence, e.g.
// "closes: ratio 1.34 ≥ 1.00 within 5 years" or "does not close: 71% of
// the savings land with the zorgkantoor and the municipalities".
func (l Lang) Verdict(bc *sim.BusinessCase) string {
	ratio, thr := l.Decimal(bc.BuyerRatio, 2), l.Decimal(bc.Threshold, 2)
	switch {
	case bc.Closes && bc.PVBuyerCost <= 0:
		return l.T("case.free")
	case bc.Closes:
		return l.Tf("case.closes", ratio, thr, bc.Window)
	case bc.ClosesWithin > 0:
		return l.Tf("case.window", bc.Window, ratio, thr, bc.ClosesWithin)
	case bc.WrongPocket >= 0.5:
		return l.Tf("case.wrongpocket", l.Percent(bc.WrongPocket), l.kinds(bc.Others))
	}
	return l.Tf("case.short", ratio, thr)
}

// kinds names the kinds of party that get most of the others' savings:
// "the zorgkantoor and the municipalities".
func (l Lang) kinds(others []sim.KindShare) string {
	var names []string
	for i, o := range others {
		if i == 3 || o.Share < 0.01 {
			break
		}
		form := "one"
		if o.Parties > 1 {
			form = "many"
		}
		names = append(names, l.T("group."+form+"."+o.Kind))
	}
	if len(names) == 0 {
		return l.T("group.many.other")
	}
	and := " " + l.T("and") + " "
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + and + names[len(names)-1]
}

// CaseHeader is the first line of a business case.
func (l Lang) CaseHeader(bc *sim.BusinessCase) string {
	name := bc.Name
	if name == "" {
		name = bc.Initiative
	}
	if bc.Variant != "" {
		name = l.Tf("head.variant", name, bc.Variant)
	}
	return l.Tf("case.head", name, l.Name(bc.Buyer), bc.DecisionYear, bc.DecisionYear+bc.Window-1, l.Rate(bc.Rate))
}

// CaseTables returns the summary and the per-year table of a business case.
func (l Lang) CaseTables(bc *sim.BusinessCase) []*Table {
	none := l.T("none")
	year := func(y *int) any {
		if y == nil {
			return Term{"", l.T("case.notwithin")}
		}
		return *y
	}
	irr := func(r *float64) any {
		if r == nil {
			return Term{"", none}
		}
		return *r
	}
	sum := &Table{Name: "business_case", Title: l.T("title.case"),
		Columns: []Column{l.col("measure", Text), l.col("buyer", Text), l.col("society", Text)}}
	row := func(key string, buyer, society any, kind ColKind) {
		c := Column{Kind: kind}
		sum.Rows = append(sum.Rows, []any{l.Term("case."+key, key), l.cellAny(c, buyer), l.cellAny(c, society)})
	}
	row("pv_cost", bc.PVBuyerCost, bc.PVCost, Money)
	row("pv_savings", bc.PVBuyerSavings, bc.PVSavings, Money)
	row("pv_net", bc.PVBuyerNet, bc.PVSocietyNet, Money)
	row("ratio", bc.BuyerRatio, bc.SocietyRatio, Number)
	row("payback", year(bc.BuyerPayback), year(bc.SocietyPayback), Year)
	row("irr", irr(bc.BuyerIRR), irr(bc.SocietyIRR), Percent)
	row("wrong_pocket", bc.WrongPocket, "", Percent)
	sum.Notes = []string{capitalize(l.Verdict(bc)) + "."}

	years := &Table{Name: "business_case_years", Title: l.T("title.case_years"),
		Columns: []Column{l.col("year", Year), l.col("planned_cost", Money), l.col("buyer_cost", Money)}}
	for _, s := range bc.Savings {
		years.Columns = append(years.Columns, Column{Key: "saved_" + s.Party, Label: l.Tf("col.saved_by", l.Name(s.Party)), Kind: Money})
	}
	years.Columns = append(years.Columns, l.col("buyer_net", Money), l.col("society_net", Money))
	for t, y := range bc.Years {
		r := []any{y, bc.Cost[t], bc.BuyerCost[t]}
		for _, s := range bc.Savings {
			r = append(r, s.Amount[t])
		}
		years.Rows = append(years.Rows, append(r, bc.BuyerNet[t], bc.SocietyNet[t]))
	}
	years.Notes = []string{l.T("case.note")}
	return []*Table{sum, years}
}

// cellAny formats a value of a mixed column as a Term, so that CSV gets a
// plain number and people get the formatted one.
func (l Lang) cellAny(c Column, v any) any {
	switch x := v.(type) {
	case Term:
		return x
	case string:
		return Term{x, x}
	case int:
		return Term{strconv.Itoa(x), l.cell(c, x)}
	case float64:
		return Term{csvCell(c, x), l.cell(c, x)}
	}
	return v
}

// purchasesTable lists the cross-purchases of a run with their decisions.
func (l Lang) purchasesTable(r *sim.Result) *Table {
	t := &Table{Name: "purchases", Title: l.T("title.purchases"),
		Columns: []Column{l.col("instrument", Text), l.col("buyer", Text), l.col("initiative", Text), l.col("decision_year", Year),
			l.col("window", Text), l.col("pv_savings", Money), l.col("pv_cost", Money), l.col("ratio", Number), l.col("verdict", Text)}}
	for n, d := range r.Purchases {
		t.Rows = append(t.Rows, []any{d.Instrument, d.Buyer, d.Initiative, d.Year, strconv.Itoa(d.Window), d.PVSavings, d.PVCost, d.Ratio,
			Term{map[bool]string{true: "closes", false: "does_not_close"}[d.Closes], l.purchaseVerdict(r, n)}})
	}
	return t
}

// wrongPocketTable shows who bears the cost (rows) for whose savings
// (columns), at present value; rows and columns that are all zero are left
// out.
func (l Lang) wrongPocketTable(r *sim.Result) *Table {
	wp := r.WrongPocket
	t := &Table{Name: "wrong_pocket", Title: l.T("title.wrong_pocket"), Notes: []string{l.T("note.wrong_pocket")}}
	var cols []int
	for s := range wp.Savers {
		for b := range wp.Bearers {
			if wp.Values[b][s] != 0 {
				cols = append(cols, s)
				break
			}
		}
	}
	t.Columns = []Column{l.col("bears_cost", Text)}
	for _, s := range cols {
		t.Columns = append(t.Columns, Column{Key: wp.Savers[s], Label: l.wpParty(r, wp.Savers[s], true).Label, Kind: Money})
	}
	t.Columns = append(t.Columns, Column{Key: "total", Label: l.T("total"), Kind: Money})
	for b, id := range wp.Bearers {
		row := []any{l.wpParty(r, id, false)}
		for _, s := range cols {
			row = append(row, wp.Values[b][s])
		}
		if total := wp.BearerTotals[b]; total != 0 {
			t.Rows = append(t.Rows, append(row, total))
		}
	}
	return t
}

// WrongPocketFor is one party's row and column of the wrong-pocket matrix:
// for whose savings it bears cost, and who bears the cost of its savings.
// Its "none" is two rows, since it means two things: in the first column
// the party's cost that saves no one, in the second its savings beyond the
// cost; each leaves the other column blank.
func (l Lang) WrongPocketFor(r *sim.Result, party string) *Table {
	wp := r.WrongPocket
	name := partyName(r, party)
	t := &Table{Name: "wrong_pocket_party", Title: l.Tf("title.wrong_pocket_party", name),
		Columns: []Column{l.col("counterparty", Text), {Key: "pays_for_their_savings", Label: l.Tf("col.pays_for", name), Kind: Money},
			{Key: "they_pay_for_its_savings", Label: l.Tf("col.paid_by", name), Kind: Money}}}
	b := indexOf(wp.Bearers, party)
	s := indexOf(wp.Savers, party)
	if b < 0 || s < 0 {
		return t
	}
	blank := Term{"", ""}
	for i, id := range wp.Bearers {
		j := indexOf(wp.Savers, id)
		mine, theirs := 0.0, wp.Values[i][s]
		if j >= 0 {
			mine = wp.Values[b][j]
		}
		if id == "none" {
			if mine != 0 {
				t.Rows = append(t.Rows, []any{l.wpParty(r, id, true), mine, blank})
			}
			if theirs != 0 {
				t.Rows = append(t.Rows, []any{l.wpParty(r, id, false), blank, theirs})
			}
			continue
		}
		if mine == 0 && theirs == 0 {
			continue
		}
		t.Rows = append(t.Rows, []any{l.wpParty(r, id, false), mine, theirs})
	}
	return t
}

// wpParty names a row (a bearer) or a column (a saver) of the wrong-pocket
// matrix: the party's name; "outside" the region; and "none", which as a
// row is savings beyond the cost and as a column cost that saves nobody
// anything. The CSV keeps the id.
func (l Lang) wpParty(r *sim.Result, id string, saver bool) Term {
	switch {
	case id == "outside":
		return l.Term("outside", id)
	case id == "none" && saver:
		return l.Term("wp.none_saver", id)
	case id == "none":
		return l.Term("wp.none_bearer", id)
	}
	return Term{id, partyName(r, id)}
}

func indexOf(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}

// purchaseVerdict is the verdict on purchase n of a run: that of its
// business case, as `regiosim business-case` gives it.
func (l Lang) purchaseVerdict(r *sim.Result, n int) string {
	if n < len(r.Cases) && r.Cases[n] != nil {
		return l.Verdict(r.Cases[n])
	}
	return l.T("cmp.off")
}
