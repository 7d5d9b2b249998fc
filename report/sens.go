package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/regiosim/regiosim/sim"
	"github.com/regiosim/regiosim/sim/sens"
)

var sensLabels = map[string][2]string{
	"title.tornado":     {"One-way sensitivity of %s: each value at its low and high, the others at their base", "Eenzijdige gevoeligheid van %s: elke waarde op laag en hoog, de rest op de basis"},
	"title.spider":      {"The outcome at five points of each value", "De uitkomst op vijf punten van elke waarde"},
	"title.two_way":     {"Two-way sensitivity of %s: %s (rows) × %s (columns)", "Tweezijdige gevoeligheid van %s: %s (rijen) × %s (kolommen)"},
	"title.solve":       {"Break-even", "Omslagpunt"},
	"col.low":           {"low", "laag"},
	"col.high":          {"high", "hoog"},
	"col.at_low":        {"outcome at low", "uitkomst bij laag"},
	"col.at_high":       {"outcome at high", "uitkomst bij hoog"},
	"col.swing":         {"swing", "uitslag"},
	"col.flips":         {"flips", "slaat om"},
	"col.point":         {"point", "punt"},
	"col.value_of":      {"value", "waarde"},
	"col.outcome_at":    {"outcome", "uitkomst"},
	"col.varied":        {"varied", "gevarieerd"},
	"col.found":         {"value found", "gevonden waarde"},
	"col.base_value":    {"value in the file", "waarde in het bestand"},
	"col.target":        {"target", "doel"},
	"col.runs":          {"runs", "doorrekeningen"},
	"tornado.head":      {"Tornado of %s for %s: %s at the base; %d runs", "Tornado van %s voor %s: %s in de basis; %d doorrekeningen"},
	"two_way.head":      {"Two-way grid of %s for %s: %d × %d; %d runs", "Tweezijdig raster van %s voor %s: %d × %d; %d doorrekeningen"},
	"flip.high":         {"yes at high, no at low", "ja bij hoog, nee bij laag"},
	"flip.low":          {"yes at low, no at high", "ja bij laag, nee bij hoog"},
	"flip.none":         {"no flip", "slaat niet om"},
	"solve.found":       {"%s reaches %s at %s = %s (in the file: %s); %d runs.", "%s bereikt %s bij %s = %s (in het bestand: %s); %d doorrekeningen."},
	"solve.break":       {"%s closes from a savings scale of %s of its initiative (%s; in the file: %s): its ratio reaches its threshold %s; %d runs.", "%s sluit vanaf een besparingsschaal van %s van zijn initiatief (%s; in het bestand: %s): de verhouding bereikt de drempel %s; %d doorrekeningen."},
	"solve.minrate":     {"With a rate of at least %s (in the file: %s), no initiative that %s funds has a gap in any year; %d runs.", "Vanaf een tarief van %s (in het bestand: %s) heeft geen initiatief dat %s financiert in enig jaar een tekort; %d doorrekeningen."},
	"solve.zero":        {"The net present value of %s is zero at %s = %s (in the file: %s); %d runs.", "De netto contante waarde van %s is nul bij %s = %s (in het bestand: %s); %d doorrekeningen."},
	"solve.noroot":      {"%s does not reach %s for %s between %s and %s: it is %s at %s and %s at %s; widen --in or ask another question", "%s bereikt %s niet voor %s tussen %s en %s: het is %s bij %s en %s bij %s; verruim --in of stel een andere vraag"},
	"gap_years.of":      {"the gap years of %s", "de tekortjaren van %s"},
	"sens.find.tornado": {"Of the uncertain values, %s moves %s most: from %s to %s between its P10 and P90", "Van de onzekere waarden beweegt %s de uitkomst %s het meest: van %s tot %s tussen P10 en P90"},
	"sens.find.break":   {"%s closes from a savings scale of %s of %s (the file assumes %s)", "%s sluit vanaf een besparingsschaal van %s van %s (het bestand gaat uit van %s)"},
	"sens.find.never":   {"%s does not close at any savings scale up to %s", "%s sluit bij geen besparingsschaal tot %s"},
	"html.sensitivity":  {"Sensitivity and break-even", "Gevoeligheid en omslagpunten"},
	"chart.tornado":     {"Tornado: %s between each value's low and high", "Tornado: %s tussen laag en hoog van elke waarde"},
	"chart.spider":      {"Spider: %s at P10 … P90 of each value", "Spin: %s op P10 … P90 van elke waarde"},
	"chart.two_way":     {"%s over %s and %s", "%s over %s en %s"},
	"axis.percentile":   {"percentile of the value", "percentiel van de waarde"},
	"legend.low":        {"at low", "bij laag"},
	"legend.high":       {"at high", "bij hoog"},
}

func init() {
	for k, v := range sensLabels {
		if _, dup := labels[k]; dup {
			panic("report: duplicate label " + k)
		}
		labels[k] = v
	}
}

// IsStep reports whether an outcome moves in steps: a yes/no or a count.
func IsStep(o sim.Outcome) bool {
	return o.Yes || o.Figure == "gap_years" || o.Figure == "unfunded_initiatives" || o.Figure == "worse_off_parties"
}

func (l Lang) value(o sim.Outcome, v float64) string {
	return l.cell(Column{Kind: OutcomeKind(o)}, v)
}

// TornadoHeader is the first line of a tornado.
func (l Lang) TornadoHeader(scenario string, t *sens.Tornado) string {
	return l.Tf("tornado.head", l.PathText(t.Outcome.Name), scenario, l.value(t.Outcome, t.Base), t.Runs)
}

// TornadoTables are a tornado's table and, with spider, its points.
func (l Lang) TornadoTables(t *sens.Tornado, spider bool) []*Table {
	k := OutcomeKind(t.Outcome)
	tab := &Table{Name: "tornado", Title: l.Tf("title.tornado", l.PathText(t.Outcome.Name)),
		Columns: []Column{l.col("param", Text), l.col("low", Precise), l.col("high", Precise),
			{Key: "at_low", Label: l.T("col.at_low"), Kind: k}, {Key: "at_high", Label: l.T("col.at_high"), Kind: k}, {Key: "swing", Label: l.T("col.swing"), Kind: k}}}
	if t.Outcome.Yes {
		tab.Columns = append(tab.Columns, l.col("flips", Text))
	}
	for _, b := range t.Bars {
		row := []any{Term{b.Path, l.PathText(b.Path)}, b.Low, b.High, b.AtLow, b.AtHigh, b.Swing}
		if t.Outcome.Yes {
			row = append(row, l.flip(b))
		}
		tab.Rows = append(tab.Rows, row)
	}
	tables := []*Table{tab}
	if spider {
		sp := &Table{Name: "spider", Title: l.T("title.spider"),
			Columns: []Column{l.col("param", Text), l.col("point", Text), l.col("value_of", Precise), {Key: "outcome", Label: l.T("col.outcome_at"), Kind: k}}}
		for _, b := range t.Bars {
			for i, y := range b.Spider {
				sp.Rows = append(sp.Rows, []any{Term{b.Path, l.PathText(b.Path)}, "P" + strconv.Itoa(10+20*i), b.SpiderX[i], y})
			}
		}
		tables = append(tables, sp)
	}
	return tables
}

// flip says at which side a yes/no outcome is yes.
func (l Lang) flip(b sens.Bar) Term {
	switch {
	case b.AtHigh > 0.5 && b.AtLow <= 0.5:
		return l.Term("flip.high", "high")
	case b.AtLow > 0.5 && b.AtHigh <= 0.5:
		return l.Term("flip.low", "low")
	}
	return l.Term("flip.none", "none")
}

// TwoWayHeader is the first line of a two-way grid.
func (l Lang) TwoWayHeader(scenario string, t *sens.TwoWay) string {
	return l.Tf("two_way.head", l.PathText(t.Outcome.Name), scenario, len(t.Grid.YS), len(t.Grid.XS), t.Runs)
}

// TwoWayTable is the grid: a row per value of Y, a column per value of X.
func (l Lang) TwoWayTable(t *sens.TwoWay) *Table {
	g := t.Grid
	tab := &Table{Name: "two_way", Title: l.Tf("title.two_way", l.PathText(t.Outcome.Name), l.PathText(g.Y.Path), l.PathText(g.X.Path)),
		Columns: []Column{{Key: g.Y.Path + `\` + g.X.Path, Label: l.PathText(g.Y.Path) + ` \ ` + l.PathText(g.X.Path), Kind: Number}}}
	k := OutcomeKind(t.Outcome)
	for _, x := range g.XS {
		s := strconv.FormatFloat(x, 'g', 4, 64)
		tab.Columns = append(tab.Columns, Column{Key: s, Label: s, Kind: k})
	}
	for r, y := range g.YS {
		row := []any{y}
		for _, v := range g.Values[r] {
			row = append(row, v)
		}
		tab.Rows = append(tab.Rows, row)
	}
	return tab
}

// Answer is what solve found.
type Answer struct {
	Kind    string  `json:"question,omitempty"` // break-even, min-rate, zero, or "" (a target)
	Subject string  `json:"subject,omitempty"`
	Path    string  `json:"path"`
	Outcome string  `json:"outcome"`
	Target  float64 `json:"target"`
	Base    float64 `json:"value_in_file"`
	Value   float64 `json:"value"`
	At      float64 `json:"outcome_at_value"`
	Runs    int     `json:"runs"`
	Step    bool    `json:"step"`
}

// num6 is a number with six significant digits, in the language's style.
func (l Lang) num6(v float64) string { return l.cell(Column{Kind: Precise}, v) }

// AnswerSentence says what solve found in one sentence.
func (l Lang) AnswerSentence(a *Answer) string {
	switch a.Kind {
	case "break-even":
		return l.Tf("solve.break", l.Name(a.Subject), l.num6(a.Value), l.PathText(a.Path), l.num6(a.Base), l.num6(a.Target), a.Runs)
	case "min-rate":
		return l.Tf("solve.minrate", l.Percent4(a.Value), l.Percent4(a.Base), l.Name(a.Subject), a.Runs)
	case "zero":
		return l.Tf("solve.zero", l.Name(a.Subject), l.PathText(a.Path), l.num6(a.Value), l.num6(a.Base), a.Runs)
	}
	return l.Tf("solve.found", l.outcomeLabel(a.Outcome), l.num6(a.Target), l.PathText(a.Path), l.num6(a.Value), l.num6(a.Base), a.Runs)
}

// Percent4 shows a small rate with four significant digits: 0.0234 %;
// below a ten-thousandth of a percent "< 0.0001 %", never 1e-07.
func (l Lang) Percent4(v float64) string {
	s := strconv.FormatFloat(v*100, 'g', 4, 64)
	if v != 0 && math.Abs(v*100) < 1e-4 {
		s = "< 0.0001"
	}
	if l.Code == "nl" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s + " %"
}

// AnswerTable is solve's answer as a table.
func (l Lang) AnswerTable(a *Answer) *Table {
	t := &Table{Name: "solve", Title: l.T("title.solve"),
		Columns: []Column{l.col("varied", Text), l.col("found", Number), l.col("base_value", Number), l.col("outcome", Text),
			l.col("target", Number), l.col("outcome_at", Number), l.col("runs", Text)}}
	t.Rows = append(t.Rows, []any{a.Path, a.Value, a.Base, l.outcomeLabel(a.Outcome), a.Target, a.At, strconv.Itoa(a.Runs)})
	t.Columns[1].Kind, t.Columns[2].Kind, t.Columns[4].Kind, t.Columns[5].Kind = Precise, Precise, Precise, Precise
	return t
}

func (l Lang) outcomeLabel(name string) string {
	if ids, ok := strings.CutPrefix(name, "gap_years:"); ok {
		names := strings.Split(ids, "+")
		for i, id := range names {
			names[i] = l.Name(id)
		}
		return l.Tf("gap_years.of", strings.Join(names, ", "))
	}
	return l.PathText(name)
}

// NoRoot says that the outcome does not reach the target in the range.
func (l Lang) NoRoot(path, outcome string, n *sens.NoRoot) string {
	return l.Tf("solve.noroot", l.outcomeLabel(outcome), l.num6(n.Target), l.PathText(path), l.num6(n.Low), l.num6(n.High), l.num6(n.AtLow), l.num6(n.Low), l.num6(n.AtHigh), l.num6(n.High))
}

// SensitivityFindings are the report's sentences: the widest bar of the
// headline tornado, and each cross-purchase's break-even scale (math.NaN
// when it never closes up to max).
func (l Lang) SensitivityFindings(t *sens.Tornado, breaks []BreakEven) []string {
	var out []string
	if t != nil && len(t.Bars) > 0 && t.Bars[0].Swing > 0 {
		b := t.Bars[0]
		out = append(out, capitalize(l.Tf("sens.find.tornado", l.PathText(b.Path), l.PathText(t.Outcome.Name), l.value(t.Outcome, math.Min(b.AtLow, b.AtHigh)), l.value(t.Outcome, math.Max(b.AtLow, b.AtHigh))))+".")
	}
	for _, be := range breaks {
		if math.IsNaN(be.Scale) {
			out = append(out, capitalize(l.Tf("sens.find.never", l.Name(be.Purchase), l.num6(be.Max)))+".")
			continue
		}
		out = append(out, capitalize(l.Tf("sens.find.break", l.Name(be.Purchase), l.num6(be.Scale), l.Name(be.Initiative), l.num6(be.Base)))+".")
	}
	return out
}

// BreakEven is a cross-purchase's break-even savings scale.
type BreakEven struct {
	Purchase, Initiative string
	Scale, Base, Max     float64
}
