package report

import (
	"math"
	"sort"

	"github.com/regiosim/regiosim/sim/deal"
)

var dealLabels = map[string][2]string{
	"html.fair_deal":      {"A fair deal", "Een eerlijke deal"},
	"title.deal":          {"A fair deal for %s: the rates per party", "Een eerlijke deal voor %s: de tarieven per partij"},
	"deal.head":           {"Fair deal for %s, wallet %s (objective: %s)", "Eerlijke deal voor %s, portemonnee %s (doel: %s)"},
	"deal.least":          {"the least contribution at present value", "de kleinste bijdrage in contante waarde"},
	"deal.max-min":        {"the most equal outcome", "de gelijkste uitkomst"},
	"col.rate_deal":       {"rate", "tarief"},
	"col.first_year":      {"first year", "eerste jaar"},
	"col.pv_paid":         {"paid (PV)", "betaald (CW)"},
	"col.status_quo":      {"net PV without the wallet", "netto CW zonder portemonnee"},
	"col.deal_net":        {"net PV with the deal", "netto CW met de deal"},
	"col.deal_note":       {"note", "opmerking"},
	"deal.binds":          {"its floor binds", "de ondergrens knelt"},
	"deal.high":           {"at its highest rate", "op het hoogste tarief"},
	"deal.low":            {"at its lowest rate", "op het laagste tarief"},
	"deal.find.ok":        {"Every initiative %s funds is funded in every year and no party is worse off than without it: %s in all at present value (verified by a run: no gap, no party below its floor)", "Elk initiatief dat %s financiert is elk jaar gefinancierd en geen partij is slechter af dan zonder: samen %s in contante waarde (gecontroleerd met een doorrekening: geen tekort, geen partij onder haar ondergrens)"},
	"deal.find.party":     {"%s pays %s (%s in its first year) and ends at %s, against %s without the wallet", "%s betaalt %s (%s in het eerste jaar) en komt uit op %s, tegen %s zonder portemonnee"},
	"deal.find.bind":      {"%s's floor binds: it gains exactly %s", "de ondergrens van %s knelt: het wint precies %s"},
	"deal.find.funding":   {"No deal: even at every party's highest rate a gap of %s (PV) remains", "Geen deal: zelfs met het hoogste tarief van elke partij blijft een tekort van %s (CW)"},
	"deal.find.floor":     {"No deal leaves every party as well off as without the wallet: %s falls short by %s at any rates allowed", "Geen deal laat elke partij zo goed af als zonder portemonnee: %s komt %s tekort bij elk toegestaan tarief"},
	"deal.find.own_floor": {"No deal meets every floor: %s stays %s below its floor of %s at any rates allowed", "Geen deal haalt elke ondergrens: %s blijft %s onder de eigen ondergrens van %s bij elk toegestaan tarief"},
	"deal.find.ok_gap":    {"Every initiative %s funds is funded in every year but for at most %s a year, and no party is worse off than without it: %s in all at present value (verified by a run)", "Elk initiatief dat %s financiert is elk jaar gefinancierd op hooguit %s per jaar na, en geen partij is slechter af dan zonder: samen %s in contante waarde (gecontroleerd met een doorrekening)"},
	"deal.find.failed":    {"The verifying run does not confirm the deal: %s; these rates are not a fair deal", "De controlerende doorrekening bevestigt de deal niet: %s; deze tarieven zijn geen eerlijke deal"},
	"deal.find.below":     {"%s ends %s below its floor", "%s eindigt %s onder de ondergrens"},
	"deal.find.gapleft":   {"a gap of %s in a year remains", "er blijft een tekort van %s in een jaar"},
	"deal.find.best":      {"The best achievable, with that floor lowered by the shortfall, is in the table", "Het best haalbare, met die ondergrens verlaagd met het tekort, staat in de tabel"},
}

func init() {
	for k, v := range dealLabels {
		if _, dup := labels[k]; dup {
			panic("report: duplicate label " + k)
		}
		labels[k] = v
	}
}

// DealHeader is the line above a deal's table.
func (l Lang) DealHeader(scenario string, r *deal.Result) string {
	return l.Tf("deal.head", scenario, l.Name(r.Wallet), l.T("deal."+r.Objective))
}

// DealTable is a deal per party: its rate, what it pays, its net present
// value without the wallet and with the deal, and what binds.
func (l Lang) DealTable(r *deal.Result) *Table {
	t := &Table{Name: "fair_deal", Title: l.Tf("title.deal", l.Name(r.Wallet)),
		Columns: []Column{l.col("party", Text), l.col("rate_deal", Precise), l.col("first_year", Money), l.col("pv_paid", Money),
			l.col("status_quo", Money), l.col("deal_net", Money), {Key: "change", Label: "Δ", Kind: DeltaMoney}, l.col("deal_note", Text)}}
	for _, p := range r.Parties {
		if !p.Contributor && math.Abs(p.Net-p.StatusQuo) < 1 {
			continue // not at stake
		}
		note := ""
		switch {
		case p.Binding:
			note = l.T("deal.binds")
		case p.AtBound != "":
			note = l.T("deal." + p.AtBound)
		}
		rate := any("")
		if p.Contributor {
			rate = p.Rate
		}
		t.Rows = append(t.Rows, []any{Term{p.ID, l.Name(p.ID)}, rate, p.FirstYear, p.PVPaid, p.StatusQuo, p.Net, p.Net - p.StatusQuo, note})
	}
	return t
}

// DealFindings are a deal's sentences for the table.
func (l Lang) DealFindings(r *deal.Result) []string {
	var out []string
	switch r.Infeasible {
	case "funding":
		return []string{l.Tf("deal.find.funding", l.Short(r.GapAtMax)) + "."}
	case "floor":
		ids := make([]string, 0, len(r.Shortfall))
		for id := range r.Shortfall {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			if p := r.Party(id); p != nil && p.HasFloor {
				out = append(out, l.Tf("deal.find.own_floor", l.Name(id), l.Short(r.Shortfall[id]), l.Short(p.Floor))+".")
			} else {
				out = append(out, l.Tf("deal.find.floor", l.Name(id), l.Short(r.Shortfall[id]))+".")
			}
		}
		out = append(out, l.T("deal.find.best")+".")
	default:
		switch {
		case !r.Verified:
			var why []string
			if r.MaxGap >= 0.005+r.AllowedGap {
				why = append(why, l.Tf("deal.find.gapleft", l.Short(r.MaxGap)))
			}
			for _, p := range r.Parties {
				if p.Net < p.Floor-0.005 {
					why = append(why, l.Tf("deal.find.below", l.Name(p.ID), l.Short(p.Floor-p.Net)))
				}
			}
			return []string{l.Tf("deal.find.failed", joinNames(why)) + "."}
		case r.AllowedGap > 0 && r.MaxGap >= 0.005:
			out = append(out, l.Tf("deal.find.ok_gap", l.Name(r.Wallet), l.Short(r.MaxGap), l.Short(r.TotalPV))+".")
		default:
			out = append(out, l.Tf("deal.find.ok", l.Name(r.Wallet), l.Short(r.TotalPV))+".")
		}
	}
	for _, p := range r.Parties {
		if p.Contributor && p.PVPaid >= 0.5 { // what rounds to a euro at least
			out = append(out, capitalize(l.Tf("deal.find.party", l.Name(p.ID), l.Percent4(p.Rate), l.Short(p.FirstYear), l.Short(p.Net), l.Short(p.StatusQuo)))+".")
		}
	}
	for _, p := range r.Parties {
		if p.Binding && p.Contributor {
			out = append(out, capitalize(l.Tf("deal.find.bind", l.Name(p.ID), l.Short(p.Net-p.StatusQuo)))+".")
		}
	}
	return out
}

var sideLabels = map[string][2]string{
	"title.side":         {"Side payments: who pays whom so that no party is worse off", "Compensatie: wie betaalt wie zodat geen partij slechter af is"},
	"side.head":          {"Side payments for %s: the scenario's instruments as they are, against %s switched off", "Compensatie voor %s: de instrumenten van het scenario zoals ze zijn, tegen %s uitgezet"},
	"col.side_sq":        {"net PV without the instruments", "netto CW zonder de instrumenten"},
	"col.side_before":    {"net PV with the instruments", "netto CW met de instrumenten"},
	"col.side_payment":   {"side payment (+ received / − paid, PV)", "compensatie (+ ontvangen / − betaald, CW)"},
	"col.side_after":     {"net PV after", "netto CW daarna"},
	"side.find.ok":       {"Side payments of %s (PV) in all leave no party worse off than without the instruments", "Compensatie van samen %s (CW) laat geen partij slechter af dan zonder de instrumenten"},
	"side.find.short":    {"No side payments can do it: the gains fall short of the losses by %s (PV)", "Geen compensatie lukt: de winsten schieten %s (CW) tekort voor de verliezen"},
	"side.find.pays":     {"%s pays %s", "%s betaalt %s"},
	"side.find.receives": {"%s receives %s", "%s ontvangt %s"},
}

func init() {
	for k, v := range sideLabels {
		if _, dup := labels[k]; dup {
			panic("report: duplicate label " + k)
		}
		labels[k] = v
	}
}

// SideHeader is the line above the side payments' table.
func (l Lang) SideHeader(scenario string, r *deal.Side) string {
	var off []string
	for _, id := range r.Off {
		off = append(off, l.Name(id))
	}
	return l.Tf("side.head", scenario, joinNames(off))
}

// SideTable is each party's side payment.
func (l Lang) SideTable(r *deal.Side) *Table {
	t := &Table{Name: "side_payments", Title: l.T("title.side"),
		Columns: []Column{l.col("party", Text), l.col("side_sq", Money), l.col("side_before", Money), l.col("side_payment", DeltaMoney), l.col("side_after", Money)}}
	for _, p := range r.Parties {
		if math.Abs(p.Before-p.StatusQuo) < 1 && p.Payment == 0 {
			continue
		}
		t.Rows = append(t.Rows, []any{Term{p.ID, l.Name(p.ID)}, p.StatusQuo, p.Before, p.Payment, p.After})
	}
	return t
}

// SideFindings are the side payments in sentences.
func (l Lang) SideFindings(r *deal.Side) []string {
	if r.Infeasible {
		return []string{l.Tf("side.find.short", l.Short(r.Short)) + "."}
	}
	out := []string{l.Tf("side.find.ok", l.Short(r.Moved)) + "."}
	for _, p := range r.Parties {
		switch {
		case p.Payment < 0:
			out = append(out, capitalize(l.Tf("side.find.pays", l.Name(p.ID), l.Short(-p.Payment)))+".")
		case p.Payment > 0:
			out = append(out, capitalize(l.Tf("side.find.receives", l.Name(p.ID), l.Short(p.Payment)))+".")
		}
	}
	return out
}
