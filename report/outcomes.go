package report

import (
	"fmt"
	"strings"

	"github.com/regiosim/regiosim/sim"
)

// outcomeMeanings say what each figure of an outcome means, by group and
// figure; %s is the subject (a party, initiative or instrument id) and,
// for a wrong-pocket cell, the saver.
var outcomeMeanings = map[string][2]string{
	"region.need_pv":                {"what all initiatives need, present value", "wat alle initiatieven nodig hebben, contante waarde"},
	"region.funding_pv":             {"what the instruments pay to all initiatives, present value", "wat de instrumenten aan alle initiatieven betalen, contante waarde"},
	"region.gap_pv":                 {"the gap of all initiatives, present value", "het tekort van alle initiatieven, contante waarde"},
	"region.gap_after_funds_end_pv": {"the gap of all initiatives after their transformation funds end, present value", "het tekort van alle initiatieven na het einde van hun transformatiemiddelen, contante waarde"},
	"region.savings_pv":             {"the savings of all initiatives, present value", "de besparingen van alle initiatieven, contante waarde"},
	"region.unfunded_initiatives":   {"how many initiatives have a gap of a euro or more", "hoeveel initiatieven een tekort van een euro of meer hebben"},
	"region.worse_off_parties":      {"how many parties have a net present value below zero", "hoeveel partijen een netto contante waarde onder nul hebben"},

	"party.paid":        {"what %s pays through the instruments, over the horizon", "wat %s via de instrumenten betaalt, over de looptijd"},
	"party.received":    {"what %s receives through the instruments, over the horizon", "wat %s via de instrumenten ontvangt, over de looptijd"},
	"party.saved":       {"the care cost %s avoids, over the horizon", "de zorgkosten die %s bespaart, over de looptijd"},
	"party.net":         {"net position of %s (received − paid + saved + legacy income change), over the horizon", "netto positie van %s (ontvangen − betaald + bespaard + verandering oude financiering), over de looptijd"},
	"party.legacy":      {"the change of the baseline income of %s by phase-outs, over the horizon", "de verandering van het basisinkomen van %s door afbouw, over de looptijd"},
	"party.legacy_pv":   {"the change of the baseline income of %s by phase-outs, present value", "de verandering van het basisinkomen van %s door afbouw, contante waarde"},
	"party.paid_pv":     {"what %s pays, present value", "wat %s betaalt, contante waarde"},
	"party.received_pv": {"what %s receives, present value", "wat %s ontvangt, contante waarde"},
	"party.saved_pv":    {"the care cost %s avoids, present value", "de zorgkosten die %s bespaart, contante waarde"},
	"party.net_pv":      {"net position of %s, present value", "netto positie van %s, contante waarde"},

	"initiative.need_pv":                {"what %s needs, present value", "wat %s nodig heeft, contante waarde"},
	"initiative.funded_pv":              {"what the instruments pay %s, present value", "wat de instrumenten %s betalen, contante waarde"},
	"initiative.gap":                    {"the gap of %s over the horizon", "het tekort van %s over de looptijd"},
	"initiative.gap_pv":                 {"the gap of %s, present value", "het tekort van %s, contante waarde"},
	"initiative.gap_after_funds_end":    {"the gap of %s after its transformation funds end", "het tekort van %s na het einde van zijn transformatiemiddelen"},
	"initiative.gap_after_funds_end_pv": {"the gap of %s after its transformation funds end, present value", "het tekort van %s na het einde van zijn transformatiemiddelen, contante waarde"},
	"initiative.coverage":               {"funded share of what %s needs over the horizon (0–1)", "gefinancierd deel van wat %s over de looptijd nodig heeft (0–1)"},
	"initiative.savings_pv":             {"the savings %s realises, present value", "de besparingen die %s realiseert, contante waarde"},
	"initiative.gap_years":              {"years in which %s has a gap of a euro or more", "jaren waarin %s een tekort van een euro of meer heeft"},
	"initiative.fully_funded":           {"1 when %s is funded in every year, else 0", "1 als %s elk jaar volledig gefinancierd is, anders 0"},
	"initiative.wrong_pocket_share":     {"share of the realised savings of %s (present value) that lands with parties bearing none of its cost (0–1)", "deel van de gerealiseerde besparingen van %s (contante waarde) dat terechtkomt bij partijen die niets van de kosten dragen (0–1)"},

	"instrument.in":               {"money into %s over the horizon (a phase-out: legacy freed)", "geld in %s over de looptijd (afbouw: vrijgevallen)"},
	"instrument.out":              {"money out of %s over the horizon (a phase-out: converted)", "geld uit %s over de looptijd (afbouw: omgezet)"},
	"instrument.closing_balance":  {"the balance of the pot of %s at the end of the horizon", "het saldo van de pot van %s aan het einde van de looptijd"},
	"purchase.ratio":              {"the buyer's benefit/cost ratio of %s at the decision", "de baten/kostenverhouding van de koper van %s bij het besluit"},
	"purchase.closes":             {"1 when the business case of %s closes, else 0", "1 als de business case van %s sluit, anders 0"},
	"purchase.pv_savings":         {"the buyer's own planned savings of %s over the window, present value at the decision year", "de eigen geplande besparingen van de koper van %s over de termijn, contante waarde in het besluitjaar"},
	"purchase.pv_cost":            {"the buyer's share of the planned cost of %s over the window, present value", "het deel van de koper in de geplande kosten van %s over de termijn, contante waarde"},
	"purchase.net_benefit_pv":     {"the buyer's net present benefit of buying %s (savings − cost)", "de netto contante baat van de koper bij inkoop van %s (besparingen − kosten)"},
	"purchase.wrong_pocket_share": {"share of the planned savings of %s that lands with others than the buyer (0–1)", "deel van de geplande besparingen van %s dat bij anderen dan de koper terechtkomt (0–1)"},

	"wrong_pocket.cell": {"cost borne by %s for savings of %s, present value", "kosten gedragen door %s voor besparingen van %s, contante waarde"},
}

// Meaning says in one line what an outcome means.
func (l Lang) Meaning(o sim.Outcome) string {
	key := o.Group + "." + o.Figure
	m, ok := outcomeMeanings[key]
	if !ok {
		m, ok = outcomeMeanings["instrument."+o.Figure] // an instrument's in, out, balance
	}
	if fig, party, per := strings.Cut(o.Figure, "."); !ok && per {
		// A figure per party of an instrument (pool.ID.settlement.PARTY).
		if pm, found := outcomeMeanings[o.Group+"."+fig+".party"]; found {
			text := pm[0]
			if l.Code == "nl" {
				text = pm[1]
			}
			return fmt.Sprintf(text, l.Name(party), l.Name(o.Subject))
		}
	}
	if !ok {
		return o.Name
	}
	text := m[0]
	if l.Code == "nl" {
		text = m[1]
	}
	switch {
	case o.Other != "":
		return fmt.Sprintf(text, o.Subject, o.Other)
	case o.Subject != "":
		return fmt.Sprintf(text, o.Subject)
	}
	return text
}

// OutcomesTable lists a model's outcomes with their meaning and, when
// values is not nil, the value of each (a 0/1 outcome as no or yes).
func (l Lang) OutcomesTable(outs []sim.Outcome, values []float64) *Table {
	t := &Table{Name: "outcomes", Title: l.T("title.outcomes"),
		Columns: []Column{l.col("outcome", Text), l.col("meaning", Text)}}
	if values != nil {
		t.Columns = append(t.Columns, l.col("value", Number))
	}
	for i, o := range outs {
		row := []any{o.Name, l.Meaning(o)}
		if values != nil {
			row = append(row, values[i])
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
