package report

import "strings"

// WithNames returns the language that names a scenario's parties, flows,
// initiatives and instruments in sentences: ids maps each id to its name
// (see scenarios.Scenario.Names). Without it, sentences show ids.
func (l Lang) WithNames(ids map[string]string) Lang {
	l.names = ids
	return l
}

// Name is the name of the element with this id, else the id.
func (l Lang) Name(id string) string {
	if n := l.names[id]; n != "" {
		return n
	}
	return id
}

// pathKeys are the words for the last part of a path, where a key alone
// would not read.
var pathKeys = map[string][2]string{
	"savings_scale":          {"savings scale", "besparingsschaal"},
	"savings":                {"savings", "besparing"},
	"cost":                   {"cost", "kosten"},
	"growth":                 {"growth", "groei"},
	"turnover":               {"turnover", "omzet"},
	"amount":                 {"amount", "bedrag"},
	"rate":                   {"rate", "tarief"},
	"rates":                  {"rate", "tarief"},
	"cap":                    {"cap", "plafond"},
	"share":                  {"share", "aandeel"},
	"threshold":              {"threshold", "drempel"},
	"window":                 {"window", "termijn"},
	"interest":               {"interest", "rente"},
	"convert_share":          {"converted share", "omgezet aandeel"},
	"ramp_years":             {"years to full scale", "jaren tot volle omvang"},
	"savings_lag":            {"years before savings", "jaren tot besparing"},
	"net_pv":                 {"net present value", "netto contante waarde"},
	"net":                    {"net", "netto"},
	"ratio":                  {"ratio", "verhouding"},
	"closes":                 {"closing", "sluiten"},
	"net_benefit_pv":         {"net benefit (PV)", "netto baat (CW)"},
	"pv_savings":             {"savings (PV)", "besparing (CW)"},
	"in":                     {"money in", "geld in"},
	"out":                    {"money out", "geld uit"},
	"coverage":               {"coverage", "dekking"},
	"fully_funded":           {"funded every year", "elk jaar gefinancierd"},
	"gap_after_funds_end_pv": {"gap after the funds end (PV)", "tekort na einde fondsen (CW)"},
	"gap_pv":                 {"gap (PV)", "tekort (CW)"},
	"wrong_pocket_share":     {"share of savings elsewhere", "aandeel besparing elders"},
	"discount_rate":          {"discount rate", "disconteringsvoet"},
	"need_pv":                {"need (PV)", "behoefte (CW)"},
	"funding_pv":             {"funding (PV)", "financiering (CW)"},
	"funded_pv":              {"funding (PV)", "financiering (CW)"},
	"gap":                    {"gap", "tekort"},
	"gap_after_funds_end":    {"gap after the funds end", "tekort na einde fondsen"},
	"savings_pv":             {"savings (PV)", "besparing (CW)"},
	"unfunded_initiatives":   {"initiatives with a gap", "initiatieven met een tekort"},
	"worse_off_parties":      {"parties worse off", "partijen die erop achteruitgaan"},
	"paid":                   {"paid", "betaald"},
	"received":               {"received", "ontvangen"},
	"saved":                  {"saved", "bespaard"},
	"legacy":                 {"legacy income change", "verandering oude inkomsten"},
	"paid_pv":                {"paid (PV)", "betaald (CW)"},
	"received_pv":            {"received (PV)", "ontvangen (CW)"},
	"saved_pv":               {"saved (PV)", "bespaard (CW)"},
	"legacy_pv":              {"legacy income change (PV)", "verandering oude inkomsten (CW)"},
	"closing_balance":        {"closing balance", "eindsaldo"},
	"pv_cost":                {"cost (PV)", "kosten (CW)"},
	"gap_years":              {"years with a gap", "jaren met een tekort"},
	"indexation":             {"indexation", "indexatie"},
	"profile":                {"profile", "profiel"},
	"years":                  {"duration (years)", "looptijd (jaren)"},
	"unspent":                {"unspent money", "niet-bestede middelen"},
}

// PathText says a path of a scenario value or an outcome in words, with
// names instead of ids: "initiative.valpreventie.savings_scale" is
// "savings scale of Valpreventie (Stevig Staan)";
// "initiative.a.savings.zv" is "savings of Alpha at Zorgverzekeraar".
// A path it cannot read is returned as it is.
func (l Lang) PathText(path string) string {
	parts := strings.Split(path, ".")
	word := func(key string) string {
		if w, ok := pathKeys[key]; ok {
			if l.Code == "nl" {
				return w[1]
			}
			return w[0]
		}
		return strings.ReplaceAll(key, "_", " ")
	}
	of, at := " of ", " at "
	if l.Code == "nl" {
		of, at = " van ", " bij "
	}
	who := func(id string) string {
		switch id {
		case "outside", "none":
			return l.T(map[string]string{"outside": "outside", "none": "wp.nobody"}[id])
		}
		return l.Name(id)
	}
	switch {
	case len(parts) == 3 && parts[0] == "wrong_pocket":
		return l.Tf("wp.outcome", who(parts[1]), who(parts[2]))
	case len(parts) == 2 && parts[0] == "region":
		return word(parts[1])
	case len(parts) == 3:
		return word(parts[2]) + of + l.Name(parts[1])
	case len(parts) == 4:
		return word(parts[2]) + of + l.Name(parts[1]) + at + l.Name(parts[3])
	}
	return path
}
