package report

import (
	"sort"
	"strings"

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
	var paid, received, saved float64
	var rows [][]any
	for _, e := range r.Ledger {
		if sel.Year != 0 && e.Year != sel.Year {
			continue
		}
		dir, other := "", ledger.Outside
		switch {
		case sel.Party != "" && e.From == party:
			dir, other = "dir.out", e.To
		case sel.Party != "" && e.To == party:
			dir, other = "dir.in", e.From
		case sel.Party == "" && init >= 0 && e.Initiative == init:
			dir, other = "dir.in", e.From
			if e.Kind == ledger.Cost || e.Kind == ledger.Saving {
				dir, other = "dir.out", e.To
				if e.Kind == ledger.Saving {
					dir = "dir.saved"
				}
			}
		default:
			continue
		}
		if init >= 0 && e.Initiative != init {
			continue
		}
		switch {
		case e.Kind == ledger.Saving:
			if sel.Party != "" {
				dir = "dir.saved"
				saved += e.Amount
			}
		case e.Kind == ledger.Flow:
			dir = map[string]string{"dir.out": "dir.flow_out", "dir.in": "dir.flow_in"}[dir]
		case sel.Party != "" && dir == "dir.out":
			paid += e.Amount
		case sel.Party != "" && dir == "dir.in":
			received += e.Amount
		}
		instr, initName := "", ""
		if e.Instrument >= 0 {
			instr = r.Instruments[e.Instrument].ID
		}
		if e.Initiative >= 0 {
			initName = r.Initiatives[e.Initiative].ID
		}
		if e.Kind == ledger.Saving && sel.Party == "" {
			other = e.To
		}
		rows = append(rows, []any{e.Year, l.Term("kind."+e.Kind.String(), e.Kind.String()), l.Term(dir, strings.TrimPrefix(dir, "dir.")),
			l.account(r, other), instr, initName, e.Stream, e.Amount})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i][0].(int) < rows[j][0].(int) })
	t.Rows = rows
	if len(rows) == 0 {
		t.Notes = append(t.Notes, l.T("explain.none"))
	} else if sel.Party != "" {
		t.Notes = append(t.Notes, l.Tf("explain.sum", l.Money(paid), l.Money(received), l.Money(saved), l.Money(received-paid+saved)))
	}
	return t
}

func (l Lang) account(r *sim.Result, a ledger.Account) Term {
	switch {
	case a == ledger.Outside:
		return l.Term("outside", "outside")
	case int(a) < len(r.Parties):
		return Term{r.Parties[a].ID, r.Parties[a].ID}
	}
	id := r.Instruments[int(a)-len(r.Parties)].ID
	return Term{id + " (pot)", l.Tf("pot", id)}
}
