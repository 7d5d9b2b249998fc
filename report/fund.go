package report

import "github.com/regiosim/regiosim/sim"

// fundLabels are the words of the revolving funds' table and chart.
var fundLabels = map[string][2]string{
	"type.revolving_fund": {"revolving fund", "revolverend fonds"},
	"title.funds":         {"Revolving funds per year: capital in, lent, repaid, written off, balance", "Revolverende fondsen per jaar: kapitaal in, uitgeleend, terugbetaald, afgeschreven, saldo"},
	"note.funds":          {"Loans are repaid from the savings the repaying parties realised; interest is paid on top of the principal repaid; a loan not repaid by the end of its term is written off and borne by the fund's capital.", "Leningen worden terugbetaald uit de besparingen die de terugbetalende partijen realiseren; rente komt bovenop de afgeloste hoofdsom; een lening die aan het eind van haar looptijd niet is terugbetaald, wordt afgeschreven en komt voor rekening van het kapitaal van het fonds."},
	"note.fund_revolves":  {"%s revolves: in %d its balance was back at the share of its capital it must recover (revolve_share); it closes at %s.", "%s revolveert: in %d was het saldo terug op het deel van het kapitaal dat het moet terugverdienen (revolve_share); het eindsaldo is %s."},
	"note.fund_not":       {"%s does not revolve within the horizon: its closing balance is %s of %s of capital; %s written off, %s still outstanding.", "%s revolveert niet binnen de horizon: het eindsaldo is %s bij %s kapitaal; %s afgeschreven, %s nog uitstaand."},
	"col.fund":            {"fund", "fonds"},
	"col.capital_in":      {"capital in", "kapitaal in"},
	"col.lent":            {"lent", "uitgeleend"},
	"col.repaid":          {"repaid", "terugbetaald"},
	"col.interest":        {"interest", "rente"},
	"col.written_off":     {"written off", "afgeschreven"},
	"chart.fund":          {"%s: balance, lent and repaid per year", "%s: saldo, uitgeleend en terugbetaald per jaar"},
	"legend.fund_lent":    {"lent", "uitgeleend"},
	"legend.fund_repaid":  {"repaid (with interest)", "terugbetaald (met rente)"},
	"legend.fund_balance": {"balance at year end", "saldo aan het eind van het jaar"},
	"legend.fund_capital": {"capital put in so far", "tot dan ingelegd kapitaal"},
}

// fundMeanings say what a fund's own outcomes (fund.ID.FIGURE) mean.
var fundMeanings = map[string][2]string{
	"fund.capital":      {"capital put into %s over the horizon", "kapitaal ingelegd in %s over de horizon"},
	"fund.lent":         {"what %s lent over the horizon", "wat %s over de horizon uitleende"},
	"fund.repaid":       {"loans repaid to %s over the horizon (principal)", "aan %s terugbetaalde leningen over de horizon (hoofdsom)"},
	"fund.interest":     {"interest paid to %s over the horizon", "aan %s betaalde rente over de horizon"},
	"fund.written_off":  {"loans of %s written off over the horizon", "afgeschreven leningen van %s over de horizon"},
	"fund.outstanding":  {"loans of %s still outstanding at the end of the horizon", "leningen van %s die aan het eind van de horizon nog uitstaan"},
	"fund.revolves":     {"%s revolves: its closing balance is back at its share of the capital (0/1)", "%s revolveert: het eindsaldo is terug op het afgesproken deel van het kapitaal (0/1)"},
	"fund.revolve_year": {"the first year the balance of %s is back at its share of the capital (0: never)", "het eerste jaar waarin het saldo van %s terug is op het afgesproken deel van het kapitaal (0: nooit)"},
}

func init() {
	for k, v := range fundLabels {
		if _, dup := labels[k]; dup {
			panic("report: duplicate label " + k)
		}
		labels[k] = v
	}
	for k, v := range fundMeanings {
		if _, dup := outcomeMeanings[k]; dup {
			panic("report: duplicate outcome meaning " + k)
		}
		outcomeMeanings[k] = v
	}
}

// FundTable is the revolving funds of a run per year: the capital put
// in, what was lent, repaid (principal) and paid in interest, written
// off, and the balance at the year's end; a note per fund says whether
// it revolves. Nil when the run has no revolving fund.
func (l Lang) FundTable(r *sim.Result) *Table {
	t := &Table{Name: "funds", Title: l.T("title.funds"), Notes: []string{l.T("note.funds")},
		Columns: []Column{l.col("fund", Text), l.col("year", Year), l.col("capital_in", Money), l.col("lent", Money),
			l.col("repaid", Money), l.col("interest", Money), l.col("written_off", Money), l.col("balance", Money)}}
	found := false
	for _, in := range r.Instruments {
		if in.Type != "revolving_fund" {
			continue
		}
		found = true
		s := map[string]sim.Series{}
		for _, ns := range in.Series {
			s[ns.Name] = ns.Values
		}
		f := map[string]float64{}
		for _, nv := range in.Figures {
			f[nv.Name] = nv.Value
		}
		name := in.Name
		if name == "" {
			name = in.ID
		}
		for k, y := range r.Years {
			t.Rows = append(t.Rows, []any{in.ID, y, fundAt(s["capital_in"], k), fundAt(s["lent"], k), fundAt(s["repaid"], k),
				fundAt(s["interest"], k), fundAt(s["written_off"], k), fundAt(in.Balance, k)})
		}
		closing := l.Money(fundAt(in.Balance, len(r.Years)-1))
		if f["revolves"] == 1 {
			t.Notes = append(t.Notes, l.Tf("note.fund_revolves", name, int(f["revolve_year"]), closing))
		} else {
			t.Notes = append(t.Notes, l.Tf("note.fund_not", name, closing, l.Money(f["capital"]), l.Money(f["written_off"]), l.Money(f["outstanding"])))
		}
	}
	if !found {
		return nil
	}
	return t
}

// fundAt is s[k], or 0 when s is too short.
func fundAt(s sim.Series, k int) float64 {
	if k < len(s) {
		return s[k]
	}
	return 0
}
