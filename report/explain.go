package report

import (
	"github.com/regiosim/regiosim/sim"
	"github.com/regiosim/regiosim/sim/ledger"
)

// Selection picks the ledger entries to explain: those of a party (as
// payer, receiver or saver), or of an initiative, optionally in one year.
type Selection struct {
	Party      string // party id, or ""
	Initiative string // initiative id, or ""
	Year       int    // calendar year, or 0 for all
}

// Explain returns the ledger entries behind a party's or an initiative's
// figures, one row each, and a closing note adding them up.
func (l Lang) Explain(r *sim.Result, sel Selection) *Table {
	t := &Table{Name: "explain", Title: l.T("title.explain"),
		Columns: []Column{l.col("year", Year), l.col("entry_kind", Text), l.col("direction", Text), l.col("counterparty", Text),
			l.col("instrument", Text), l.col("for_initiative", Text), l.col("stream", Text), l.col("amount", Money)}}
	party := ledger.Account(r.PartyIndex(sel.Party))
	init := -1
	for i := range r.Initiatives {
		if r.Initiatives[i].ID == sel.Initiative {
			init = i
		}
	}
	var paid, received, saved, legacy float64
	var rows [][]any
	for _, e := range r.Ledger {
		if sel.Year != 0 && e.Year != sel.Year || init >= 0 && e.Initiative != init {
			continue
		}
		for _, v := range entryViews(e, sel.Party != "", party) {
			if sel.Party != "" {
				switch v.dir {
				case "out":
					paid += e.Amount
				case "in":
					received += e.Amount
				case "saved":
					saved += e.Amount
				case "legacy_out":
					legacy -= e.Amount
				case "legacy_in", "legacy_back":
					legacy += e.Amount
				case "refund":
					paid -= e.Amount // only the net of money given back counts as paid
				}
			}
			instr, initName := "", ""
			if e.Instrument >= 0 {
				instr = r.Instruments[e.Instrument].ID
			}
			if e.Initiative >= 0 {
				initName = r.Initiatives[e.Initiative].ID
			}
			rows = append(rows, []any{e.Year, l.Term("kind."+e.Kind.String(), e.Kind.String()), l.Term("dir."+v.dir, v.dir),
				l.account(r, v.other), instr, initName, e.Stream, e.Amount})
		}
	}
	t.Rows = rows
	if len(rows) == 0 {
		t.Notes = append(t.Notes, l.T("explain.none"))
	} else if sel.Party != "" {
		t.Notes = append(t.Notes, l.Tf("explain.sum", l.Money(paid), l.Money(received), l.Money(saved), l.Money(legacy), l.Money(received-paid+saved+legacy)))
	}
	return t
}

// noAccount marks the other side of avoided care: there is none.
const noAccount ledger.Account = -2

func (l Lang) account(r *sim.Result, a ledger.Account) Term {
	switch {
	case a == noAccount:
		return Term{"", ""}
	case a == ledger.Outside:
		return l.Term("outside", "outside")
	case int(a) < len(r.Parties):
		return Term{r.Parties[a].ID, r.Parties[a].ID}
	}
	id := r.Instruments[int(a)-len(r.Parties)].ID
	return Term{id + " (pot)", l.Tf("pot", id)}
}

// view is how one entry looks from the party or initiative explained: its
// direction (out, in, saved, flow_out, flow_in) and the other side.
type view struct {
	dir   string
	other ledger.Account
}

// entryViews returns the views of an entry: none when it does not concern
// the party, two for a transfer from the party to itself (it counts as
// paid and as received). Without a party, the entry is seen from its
// initiative: funding comes in, cost goes out, savings land with a party;
// a loan's repayment and interest are paid by a saver to the fund, and a
// write-off is borne by the fund: none of those reach the initiative.
func entryViews(e ledger.Entry, byParty bool, party ledger.Account) []view {
	if !byParty {
		props := e.Kind.Props()
		switch {
		case e.Kind == ledger.Cost:
			return []view{{"out", e.To}}
		case e.Kind == ledger.Saving:
			return []view{{"saved", e.To}}
		case props.Has(ledger.IsFunding):
			return []view{{"in", e.From}}
		case props.Has(ledger.IsRepayment):
			return []view{{"repaid", e.From}}
		case props.Has(ledger.IsLoanLoss):
			return []view{{"written_off", e.From}}
		case e.Kind == ledger.Interest:
			return []view{{"interest", e.From}}
		}
		return []view{{"in", e.From}}
	}
	var out []view
	switch {
	case e.Kind == ledger.Saving && e.To == party:
		out = append(out, view{"saved", noAccount}) // avoided care comes from no one
	case e.Kind == ledger.Flow && e.From == party:
		out = append(out, view{"flow_out", e.To})
	case e.Kind == ledger.Flow && e.To == party:
		out = append(out, view{"flow_in", e.From})
	case e.Kind.Transfer():
		props := e.Kind.Props()
		if e.From == party {
			dir := "out"
			if props.Has(ledger.LegacyFrom) {
				dir = "legacy_out" // baseline income the party loses, not a payment
			}
			out = append(out, view{dir, e.To})
		}
		if e.To == party {
			dir := "in"
			switch {
			case e.Kind == ledger.PoolFlowBack:
				dir = "legacy_back" // pooled baseline income the pool gives back
			case props.Has(ledger.LegacyTo):
				dir = "legacy_in" // baseline spending the party keeps
			case props.Has(ledger.IsRefund):
				dir = "refund"
			}
			out = append(out, view{dir, e.From})
		}
	}
	return out
}
