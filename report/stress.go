package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/regiosim/regiosim/sim"
	"github.com/regiosim/regiosim/sim/stress"
	"github.com/regiosim/regiosim/sim/uncertain"
)

var stressLabels = map[string][2]string{
	"html.uncertainty":          {"Under uncertainty: the stress test", "Onder onzekerheid: de stresstest"},
	"title.stress_params":       {"Uncertain values: their distributions", "Onzekere waarden: hun verdelingen"},
	"title.stress_events":       {"Chances over the draws, with their Monte Carlo standard error", "Kansen over de trekkingen, met hun Monte-Carlo-standaardfout"},
	"title.stress_outcomes":     {"Outcomes over the draws: mean, spread and percentiles", "Uitkomsten over de trekkingen: gemiddelde, spreiding en percentielen"},
	"title.stress_drivers":      {"Which uncertain value matters most: rank correlation with the outcome", "Welke onzekere waarde het zwaarst weegt: rangcorrelatie met de uitkomst"},
	"title.stress_evpi":         {"Value of perfect information for the buy decisions", "Waarde van volledige informatie voor de inkoopbesluiten"},
	"title.stress_wrong_pocket": {"Wrong-pocket matrix over the draws: cost borne by (row) for savings of (column), present value", "Verkeerde-zak-matrix over de trekkingen: kosten gedragen door (rij) voor besparingen van (kolom), contante waarde"},
	"title.stress_yearly":       {"Net position per party per year over the draws", "Netto positie per partij per jaar over de trekkingen"},
	"title.stress_options":      {"Options under uncertainty (the same draws for every option)", "Opties onder onzekerheid (dezelfde trekkingen voor elke optie)"},

	"col.param":        {"uncertain value", "onzekere waarde"},
	"col.distribution": {"distribution", "verdeling"},
	"col.mean":         {"mean", "gemiddelde"},
	"col.sd":           {"sd", "sd"},
	"col.p5":           {"P5", "P5"},
	"col.p10":          {"P10", "P10"},
	"col.p50":          {"P50", "P50"},
	"col.p90":          {"P90", "P90"},
	"col.p95":          {"P95", "P95"},
	"col.event":        {"event", "gebeurtenis"},
	"col.chance":       {"chance", "kans"},
	"col.se":           {"standard error", "standaardfout"},
	"col.rho":          {"rank correlation", "rangcorrelatie"},
	"col.purchase":     {"cross-purchase", "kruis-inkoop"},
	"col.mean_nb":      {"mean net benefit (PV)", "gemiddelde netto baat (CW)"},
	"col.evpi":         {"EVPI", "EVPI"},
	"col.bearer":       {"bears the cost", "draagt de kosten"},
	"col.saver":        {"saves", "bespaart"},

	"event.closes":              {"%s closes", "%s sluit"},
	"event.worse_off":           {"%s is worse off (net present value below 0)", "%s gaat erop achteruit (netto contante waarde onder 0)"},
	"event.fully_funded":        {"%s is funded in every year", "%s is elk jaar volledig gefinancierd"},
	"event.gap_after_funds_end": {"%s has a gap after its transformation funds end", "%s heeft een tekort na het einde van zijn transformatiemiddelen"},
	"event.wrong_pocket_half":   {"more than half of the savings of %s land with parties bearing none of its cost", "meer dan de helft van de besparingen van %s komt terecht bij partijen die niets van de kosten dragen"},

	"chart.fan":                       {"Net position of %s per year over the draws", "Netto positie van %s per jaar over de trekkingen"},
	"chart.histogram":                 {"Distribution of %s over the draws", "Verdeling van %s over de trekkingen"},
	"chart.cdf":                       {"S-curve of %s: share of draws at or below a value", "S-curve van %s: deel van de trekkingen tot en met een waarde"},
	"chart.chances":                   {"Chances over the draws", "Kansen over de trekkingen"},
	"chart.drivers":                   {"What drives %s: rank correlation of each uncertain value", "Wat %s bepaalt: rangcorrelatie van elke onzekere waarde"},
	"chart.wrong_pocket_p50":          {"Wrong pocket over the draws: P50, and P10–P90 below it (present value)", "Verkeerde zak over de trekkingen: P50, en P10–P90 eronder (contante waarde)"},
	"axis.share_draws":                {"share of draws (%)", "deel van de trekkingen (%)"},
	"axis.rho":                        {"rank correlation", "rangcorrelatie"},
	"event.closes.short":              {"closes:", "sluit:"},
	"event.worse_off.short":           {"worse off:", "achteruit:"},
	"event.fully_funded.short":        {"funded every year:", "elk jaar gefinancierd:"},
	"event.gap_after_funds_end.short": {"gap after funds end:", "tekort na einde fondsen:"},
	"event.wrong_pocket_half.short":   {"savings mostly elsewhere:", "besparingen vooral elders:"},

	"stress.head":         {"Stress test of %s: %s draws (%s, seed %d), %d uncertain values", "Stresstest van %s: %s trekkingen (%s, seed %d), %d onzekere waarden"},
	"stress.mc":           {"Monte Carlo", "Monte Carlo"},
	"stress.lhs":          {"Latin hypercube", "Latin hypercube"},
	"stress.needed":       {"A 95 %% interval of ±1 percentage point on the chance that %s needs about %s draws (1.96² × p(1 − p) / 0.01²).", "Een 95%%-interval van ±1 procentpunt op de kans dat %s vraagt ongeveer %s trekkingen (1,96² × p(1 − p) / 0,01²)."},
	"stress.constant":     {"%d outcomes are the same in every draw and left out (--all shows them).", "%d uitkomsten zijn in elke trekking gelijk en weggelaten (--all toont ze)."},
	"stress.rankdraws":    {"Rank correlations over the first %s draws.", "Rangcorrelaties over de eerste %s trekkingen."},
	"stress.evpi":         {"EVPI = E[max(NB, 0)] − max(E[NB], 0), NB the buyer's net present benefit of buying in a draw: what knowing the true values before deciding would be worth to the buyer.", "EVPI = E[max(NB, 0)] − max(E[NB], 0), met NB de netto contante baat van inkoop voor de koper in een trekking: wat het de koper waard is de ware waarden te kennen vóór het besluit."},
	"stress.find.closes":  {"In %s of the draws %s closes", "In %s van de trekkingen sluit %s"},
	"stress.find.matters": {"; %s matters most (rank correlation %s with its ratio)", "; %s weegt het zwaarst (rangcorrelatie %s met de verhouding)"},
	"stress.find.worse":   {"%s is worse off in %s of the draws", "%s gaat erop achteruit in %s van de trekkingen"},
	"stress.find.funded":  {"%s is funded in every year in %s of the draws", "%s is in %s van de trekkingen elk jaar volledig gefinancierd"},
	"stress.find.evpi":    {"knowing the true values before the decision on %s is worth %s to the buyer (EVPI)", "de ware waarden kennen vóór het besluit over %s is de koper %s waard (EVPI)"},
}

func init() {
	for k, v := range stressLabels {
		if _, dup := labels[k]; dup {
			panic("report: duplicate label " + k)
		}
		labels[k] = v
	}
}

// OutcomeKind says how an outcome's values are shown: euros, a share, a
// ratio or a count.
func OutcomeKind(o sim.Outcome) ColKind {
	switch o.Unit {
	case "share":
		return Percent
	case "ratio", "count":
		return Number
	}
	return Money
}

// DistText writes a distribution as a person reads it: "triangular(0.5,
// 0.9, 1.2)", "normal(mean 0.03, sd 0.01)".
func DistText(s uncertain.Spec) string {
	f := func(p *float64) string {
		if p == nil {
			return "?"
		}
		return strconv.FormatFloat(*p, 'g', 4, 64)
	}
	var b string
	switch s.Dist {
	case "normal":
		b = "normal(mean " + f(s.Mean) + ", sd " + f(s.SD) + ")"
	case "lognormal":
		if s.P10 != nil {
			b = "lognormal(P10 " + f(s.P10) + ", P90 " + f(s.P90) + ")"
		} else {
			b = "lognormal(mean " + f(s.Mean) + ", sd " + f(s.SD) + ")"
		}
	case "uniform":
		return "uniform(" + f(s.Min) + ", " + f(s.Max) + ")"
	case "triangular", "pert":
		return s.Dist + "(" + f(s.Min) + ", " + f(s.Mode) + ", " + f(s.Max) + ")"
	case "beta":
		b = "beta(" + f(s.Alpha) + ", " + f(s.Beta) + ")"
		if s.Low != nil || s.High != nil {
			b += " on " + f(s.Low) + ".." + f(s.High)
		}
	case "discrete":
		var parts []string
		for i, v := range s.Values {
			parts = append(parts, strconv.FormatFloat(v, 'g', 4, 64)+": "+strconv.FormatFloat(s.Weights[i], 'g', 3, 64))
		}
		b = "discrete(" + strings.Join(parts, ", ") + ")"
	case "fixed":
		return "fixed(" + f(s.Value) + ")"
	}
	if s.Min != nil || s.Max != nil {
		b += " within " + f(s.Min) + ".." + f(s.Max)
	}
	return b
}

// StressHeader is the first line of a stress test's output.
func (l Lang) StressHeader(scenario string, res *stress.Result) string {
	method := l.T("stress.mc")
	if res.LHS {
		method = l.T("stress.lhs")
	}
	return l.Tf("stress.head", scenario, l.Decimal(float64(res.Draws), 0), method, res.Seed, len(res.Params))
}

// EventText is an event as a sentence part.
func (l Lang) EventText(e stress.Event) string { return l.Tf("event."+e.Kind, l.Name(e.Subject)) }

// StressTables are the tables of a stress test. keep picks the outcomes
// to show (nil: all); with all, outcomes that are the same in every draw
// are shown too.
func (l Lang) StressTables(res *stress.Result, keep func(name string) bool, all bool) []*Table {
	params := &Table{Name: "stress_params", Title: l.T("title.stress_params"),
		Columns: []Column{l.col("param", Text), l.col("distribution", Text), l.col("mean", Number), l.col("p10", Number), l.col("p90", Number)}}
	for _, p := range res.Params {
		params.Rows = append(params.Rows, []any{p.Path, DistText(p.Spec), p.Dist.Mean, p.Dist.Quantile(0.1), p.Dist.Quantile(0.9)})
	}

	events := &Table{Name: "stress_events", Title: l.T("title.stress_events"),
		Columns: []Column{l.col("event", Text), l.col("outcome", Text), l.col("chance", Percent), l.col("se", Percent)}}
	for _, e := range res.Events {
		events.Rows = append(events.Rows, []any{Term{e.Kind + ":" + e.Subject, l.EventText(e)}, e.Outcome, e.P, e.SE})
	}
	if h := headlineEvent(res); h != nil {
		need := math.Ceil(1.96 * 1.96 * h.P * (1 - h.P) / 0.0001)
		events.Notes = append(events.Notes, l.Tf("stress.needed", l.EventText(*h), l.Decimal(math.Max(need, 1), 0)))
	}

	outcomes := &Table{Name: "stress_outcomes", Title: l.T("title.stress_outcomes"),
		Columns: []Column{l.col("outcome", Text), l.col("mean", Number), l.col("sd", Number), l.col("p5", Number), l.col("p10", Number),
			l.col("p50", Number), l.col("p90", Number), l.col("p95", Number)}}
	constant := 0
	for i, o := range res.Outcomes {
		if keep != nil && !keep(o.Name) {
			continue
		}
		st := res.Stats[i]
		if !all && st.Min == st.Max {
			constant++
			continue
		}
		k := OutcomeKind(o)
		outcomes.Rows = append(outcomes.Rows, []any{o.Name, Num{st.Mean, k}, Num{st.SD, k}, Num{st.P5, k}, Num{st.P10, k}, Num{st.P50, k}, Num{st.P90, k}, Num{st.P95, k}})
	}
	if constant > 0 {
		outcomes.Notes = append(outcomes.Notes, l.Tf("stress.constant", constant))
	}

	drivers := &Table{Name: "stress_drivers", Title: l.T("title.stress_drivers"),
		Columns: []Column{l.col("outcome", Text), l.col("param", Text), l.col("rho", Number)}}
	for _, d := range res.Drivers {
		for _, p := range d.Params {
			drivers.Rows = append(drivers.Rows, []any{d.Outcome, p.Param, p.Rho})
		}
	}
	drivers.Notes = append(drivers.Notes, l.Tf("stress.rankdraws", l.Decimal(float64(res.RankDraws), 0)))

	tables := []*Table{params, events, outcomes, drivers}
	if len(res.VOI) > 0 {
		voi := &Table{Name: "stress_evpi", Title: l.T("title.stress_evpi"),
			Columns: []Column{l.col("purchase", Text), l.col("mean_nb", Money), l.col("evpi", Money)}}
		for _, v := range res.VOI {
			voi.Rows = append(voi.Rows, []any{v.Purchase, v.MeanNB, v.EVPI})
		}
		voi.Notes = []string{l.T("stress.evpi")}
		tables = append(tables, voi)
	}

	wp := &Table{Name: "stress_wrong_pocket", Title: l.T("title.stress_wrong_pocket"), Detail: true,
		Columns: []Column{l.col("bearer", Text), l.col("saver", Text), l.col("p10", Money), l.col("p50", Money), l.col("p90", Money), l.col("mean", Money)}}
	for i, o := range res.Outcomes {
		if o.Group != "wrong_pocket" || res.Stats[i].Max == 0 && res.Stats[i].Min == 0 {
			continue
		}
		st := res.Stats[i]
		wp.Rows = append(wp.Rows, []any{o.Subject, o.Other, st.P10, st.P50, st.P90, st.Mean})
	}
	yearly := &Table{Name: "stress_yearly", Title: l.T("title.stress_yearly"), Detail: true,
		Columns: []Column{l.col("party", Text), l.col("year", Year), l.col("p10", Money), l.col("p50", Money), l.col("p90", Money), l.col("mean", Money)}}
	parties := partyOutcomeIDs(res)
	for p, series := range res.Yearly {
		for k, st := range series {
			yearly.Rows = append(yearly.Rows, []any{parties[p], res.Years[k], st.P10, st.P50, st.P90, st.Mean})
		}
	}
	return append(tables, wp, yearly)
}

// partyOutcomeIDs are the parties in the order of the outcomes.
func partyOutcomeIDs(res *stress.Result) []string {
	var ids []string
	for _, o := range res.Outcomes {
		if o.Group == "party" && o.Figure == "net_pv" {
			ids = append(ids, o.Subject)
		}
	}
	return ids
}

// headlineEvent is the chance a stress test is mostly about: that the
// first cross-purchase closes, else the first event.
func headlineEvent(res *stress.Result) *stress.Event {
	for i := range res.Events {
		if res.Events[i].Kind == "closes" {
			return &res.Events[i]
		}
	}
	if len(res.Events) > 0 {
		return &res.Events[0]
	}
	return nil
}

// StressFindings are a stress test's key findings in sentences.
func (l Lang) StressFindings(res *stress.Result) []string {
	var out []string
	for _, e := range res.Events {
		switch e.Kind {
		case "closes":
			s := l.Tf("stress.find.closes", l.Percent(e.P), l.Name(e.Subject))
			for _, d := range res.Drivers {
				if d.Outcome == "purchase."+e.Subject+".ratio" && len(d.Params) > 0 && math.Abs(d.Params[0].Rho) >= 0.1 {
					s += l.Tf("stress.find.matters", l.PathText(d.Params[0].Param), l.Decimal(d.Params[0].Rho, 2))
				}
			}
			out = append(out, s+".")
		case "worse_off":
			if e.P > 0 && e.P < 1 {
				out = append(out, capitalize(l.Tf("stress.find.worse", l.Name(e.Subject), l.Percent(e.P)))+".")
			}
		case "fully_funded":
			if e.P < 1 {
				out = append(out, capitalize(l.Tf("stress.find.funded", l.Name(e.Subject), l.Percent(e.P)))+".")
			}
		}
	}
	for _, v := range res.VOI {
		if v.EVPI >= 1 {
			out = append(out, capitalize(l.Tf("stress.find.evpi", l.Name(v.Purchase), l.Short(v.EVPI)))+".")
		}
	}
	return out
}

// StressOptionsTable sets the options of --all-options side by side: per
// option the chance of each event.
func (l Lang) StressOptionsTable(names []string, results []*stress.Result) *Table {
	t := &Table{Name: "stress_options", Title: l.T("title.stress_options"),
		Columns: []Column{l.col("event", Text)}}
	for i, n := range names {
		key := "option_" + strconv.Itoa(i)
		if i == 0 {
			key = "base"
		}
		t.Columns = append(t.Columns, Column{Key: key, Label: n, Kind: Percent})
	}
	if len(results) == 0 {
		return t
	}
	// Events by kind and subject: an option may lack some (an initiative
	// it switches off) or have them in another order.
	var keys []stress.Event
	seen := map[string]bool{}
	for _, r := range results {
		for _, ev := range r.Events {
			if k := ev.Kind + ":" + ev.Subject; !seen[k] {
				seen[k] = true
				keys = append(keys, ev)
			}
		}
	}
	for _, ev := range keys {
		row := []any{Term{ev.Kind + ":" + ev.Subject, l.EventText(ev)}}
		for _, r := range results {
			v := any("–")
			for _, e := range r.Events {
				if e.Kind == ev.Kind && e.Subject == ev.Subject {
					v = e.P
				}
			}
			row = append(row, v)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
