package report

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/regiosim/regiosim/sim"
)

// Findings are the key findings of a run in plain sentences: which
// initiatives go unfunded and from when, who gains and who pays on balance,
// how the cross-purchases decide and what the phase-outs free.
func (l Lang) Findings(r *sim.Result) []string {
	out := l.GapNotes(r)
	kinds := r.ByKind()
	sort.SliceStable(kinds, func(i, j int) bool { return kinds[i].PV.Net > kinds[j].PV.Net })
	for _, k := range kinds {
		if k.PV.Net > -0.5 && k.PV.Net < 0.5 {
			continue
		}
		form := "one"
		if k.Parties > 1 {
			form = "many"
		}
		key := "find.gain." + form
		if k.PV.Net < 0 {
			key = "find.loss." + form
		}
		group := l.T("group." + form + "." + k.Kind)
		out = append(out, capitalize(l.Tf(key, group, l.Short(abs(k.PV.Net)))))
	}
	// Every party that is worse off, by name and figure: the totals per
	// kind above are context, not the answer.
	var worse []string
	for _, p := range r.Parties {
		if p.PV.Net < -0.005 { // below zero by more than half a cent, as the worse_off outcomes count
			name := p.Name
			if name == "" {
				name = p.ID
			}
			worse = append(worse, name+" ("+l.Short(p.PV.Net)+")")
		}
	}
	if len(worse) > 0 {
		out = append(out, l.Tf("find.worse_off", strings.Join(worse, ", ")))
	}
	// Money a pot still holds at the end, and who put it in.
	for _, in := range r.Instruments {
		if len(in.Balance) == 0 || in.Balance[len(in.Balance)-1] < 0.5 || len(in.ClosingBySource) == 0 {
			continue
		}
		var by []string
		for _, src := range in.ClosingBySource {
			name := partyName(r, src.Source)
			if src.Source == "outside" {
				name = l.T("outside")
			}
			by = append(by, name+" ("+l.Short(src.Amount)+")")
		}
		name := in.Name
		if name == "" {
			name = in.ID
		}
		out = append(out, l.Tf("find.unspent", name, l.Short(in.Balance[len(in.Balance)-1]), strings.Join(by, ", ")))
	}
	for n, d := range r.Purchases {
		out = append(out, l.Tf("find.purchase", instrumentName(r, d.Instrument), partyName(r, d.Buyer), initiativeName(r, d.Initiative), l.purchaseVerdict(r, n)))
	}
	for _, p := range r.PhaseOuts {
		name, key := instrumentName(r, p.ID), "find.phase_out"
		if NamesPhaseOut(name) {
			key = "find.phase_out_named" // "Afbouw X of …", not "Phase-out Afbouw X of …"
		}
		out = append(out, l.Tf(key, name, flowName(r, p.Flow), l.Short(p.Freed.Sum()), l.Short(p.Converted.Sum()), l.Short(p.Kept.Sum())))
	}
	return out
}

// phaseOutWords are the words, in either language, that a phase-out's name
// may start with to say what it is.
var phaseOutWords = []string{"afbouw", "phase-out", "phase out", "phaseout", "phasing out"}

// NamesPhaseOut reports whether a name starts with a word for a phase-out
// ("Afbouw legacy-budget ziekenhuis"), so that a sentence or title does not
// put the word before it again.
func NamesPhaseOut(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, w := range phaseOutWords {
		if strings.HasPrefix(n, w) {
			return true
		}
	}
	return false
}

// PhaseOutChartTitle is the title of a phase-out's chart: "Phase-out of
// X: …", or "Afbouw X: …" when its name says it is one.
func (l Lang) PhaseOutChartTitle(name string) string {
	if NamesPhaseOut(name) {
		return l.Tf("chart.phase_out_named", name)
	}
	return l.Tf("chart.phase_out", name)
}

// The names of a run's parties, initiatives, instruments and flows for
// sentences, their ids where they have none.
func partyName(r *sim.Result, id string) string {
	if i := r.PartyIndex(id); i >= 0 && r.Parties[i].Name != "" {
		return r.Parties[i].Name
	}
	return id
}

func initiativeName(r *sim.Result, id string) string {
	for _, in := range r.Initiatives {
		if in.ID == id && in.Name != "" {
			return in.Name
		}
	}
	return id
}

func instrumentName(r *sim.Result, id string) string {
	for _, in := range r.Instruments {
		if in.ID == id && in.Name != "" {
			return in.Name
		}
	}
	return id
}

func flowName(r *sim.Result, id string) string {
	for _, f := range r.Flows {
		if f.ID == id && f.Name != "" {
			return f.Name
		}
	}
	return id
}

func quoteName(name, id string) string {
	if name == "" {
		name = id
	}
	return "'" + name + "'"
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
