package report

import (
	"bytes"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim/batch"
)

var nationalLabels = map[string][2]string{
	"title.national_summary": {"National summary per option", "Landelijk overzicht per optie"},
	"title.national_region":  {"%s per region and option", "%s per regio en optie"},
	"title.national_pots":    {"Regional budget: the national pot and its shares", "Regiobudget: de landelijke pot en de aandelen"},
	"title.national_failed":  {"Regions that did not run", "Regio's die niet doorgerekend zijn"},
	"nat.head":               {"National batch of %s: %d regions, %d options", "Landelijke batch van %s: %d regio's, %d opties"},
	"nat.regions_run":        {"regions run", "regio's doorgerekend"},
	"nat.regions_failed":     {"regions failed", "regio's mislukt"},
	"nat.pot":                {"regional budget: national pot (a year)", "regiobudget: landelijke pot (per jaar)"},
	"nat.shares":             {"regional budget: sum of the regions' shares", "regiobudget: som van de regionale aandelen"},
	"nat.funding_pv":         {"cross-domain funding (PV)", "domeinoverstijgende financiering (CW)"},
	"nat.gap_pv":             {"gap (PV)", "tekort (CW)"},
	"nat.gap_after_pv":       {"gap after the transformation funds end (PV)", "tekort na het einde van de transformatiemiddelen (CW)"},
	"nat.savings_pv":         {"avoided care (PV)", "vermeden zorg (CW)"},
	"nat.regions_gap_after":  {"regions with a gap after the funds end", "regio's met een tekort na het einde van de fondsen"},
	"nat.unfunded":           {"initiatives with a gap", "initiatieven met een tekort"},
	"nat.worse_off":          {"parties worse off", "partijen die erop achteruitgaan"},
	"nat.saved_by":           {"avoided care at %s (PV)", "vermeden zorg bij %s (CW)"},
	"col.region":             {"region", "regio"},
	"col.spending":           {"national spending", "landelijke uitgaven"},
	"col.rate":               {"share", "aandeel"},
	"col.problem":            {"problem", "probleem"},
	"nat.find.gap_after":     {"%s: %d of %d regions have a gap after the transformation funds end (%s in all, PV)", "%s: %d van de %d regio's hebben een tekort na het einde van de transformatiemiddelen (samen %s, CW)"},
	"nat.find.gap_after_one": {"%s: %d of %d regions has a gap after the transformation funds end (%s, PV)", "%s: %d van de %d regio's heeft een tekort na het einde van de transformatiemiddelen (%s, CW)"},
	"nat.files":              {"%d files", "%d bestanden"},
	"nat.find.no_gap_after":  {"%s: every region keeps its initiatives funded after the transformation funds end", "%s: elke regio houdt haar initiatieven gefinancierd na het einde van de transformatiemiddelen"},
	"nat.find.best":          {"The smallest gap after the funds end: %s (%s, PV, against %s in the base)", "Het kleinste tekort na het einde van de fondsen: %s (%s, CW, tegen %s in de basis)"},
	"nat.find.worst_region":  {"%s: the largest gap after the funds end is in %s (%s, PV)", "%s: het grootste tekort na het einde van de fondsen is in %s (%s, CW)"},
	"nat.find.savings":       {"%s: avoided care lands most at %s (%s of %s, PV)", "%s: vermeden zorg komt vooral terecht bij %s (%s van %s, CW)"},
	"nat.find.pot":           {"%s: the regional budget %s takes %s a year nationally; the regions' shares add up to it to the cent", "%s: het regiobudget %s neemt landelijk %s per jaar; de aandelen van de regio's tellen daar tot op de cent toe op"},
	"chart.nat_map":          {"%s per region: %s", "%s per regio: %s"},
	"chart.nat_bars":         {"%s per region, largest first: %s", "%s per regio, grootste eerst: %s"},
	"chart.nat_options":      {"%s per region in each option", "%s per regio in elke optie"},
	"batch.failed":           {"%d of %d regions failed (in one option or more); the others are written", "%d van %d regio's mislukt (in een of meer opties); de andere zijn geschreven"},
	"batch.wrote":            {"%d of %d regions run in %d options; %d files written to %s", "%d van %d regio's doorgerekend in %d opties; %d bestanden geschreven naar %s"},
	"nat.find.failed":        {"regions that failed in one option or more: %s", "regio's die in een of meer opties mislukten: %s"},
}

func init() {
	for k, v := range nationalLabels {
		if _, dup := labels[k]; dup {
			panic("report: duplicate label " + k)
		}
		labels[k] = v
	}
}

// NationalHeadlines are the region outcomes a national batch shows per
// region and option (the workbook's pivot sheets, the charts).
var NationalHeadlines = []string{
	"region.gap_after_funds_end_pv", "region.gap_pv", "region.funding_pv", "region.savings_pv",
	"region.unfunded_initiatives", "region.worse_off_parties",
}

// OptionName is an option of a batch for a person: its variant's name,
// the base as "base".
func (l Lang) OptionName(name string) string {
	if name == "" {
		return l.T("cmp.base")
	}
	return name
}

// optionKey is an option for a program: its name, the base as "base".
func optionKey(name string) string {
	if name == "" {
		return "base"
	}
	return name
}

// NationalSummary is a batch's figures per option, summed over regions.
type NationalSummary struct {
	Run             int     `json:"regions_run"`
	Failed          int     `json:"regions_failed"`
	Pot             float64 `json:"budget_pot"`
	Shares          float64 `json:"budget_shares"`
	FundingPV       float64 `json:"funding_pv"`
	GapPV           float64 `json:"gap_pv"`
	GapAfterPV      float64 `json:"gap_after_funds_end_pv"`
	SavedPV         float64 `json:"savings_pv"`
	RegionsGapAfter int     `json:"regions_gap_after_funds_end"`
	Unfunded        int     `json:"unfunded_initiatives"`
	WorseOff        int     `json:"worse_off_parties"`
	// SavedByKind is avoided care by kind of party (PV).
	SavedByKind map[string]float64 `json:"savings_pv_by_kind"`
	// WorstRegion has the largest gap after the funds end.
	WorstRegion string  `json:"worst_region,omitempty"`
	WorstGap    float64 `json:"worst_region_gap_after_funds_end_pv,omitempty"`
}

// gapEpsilon: a gap of less than half a cent is no gap.
const gapEpsilon = 0.005

// Summaries sums a batch's regions per option.
func Summaries(res *batch.Result) []NationalSummary {
	out := make([]NationalSummary, len(res.Options))
	for o := range res.Options {
		s := &out[o]
		s.SavedByKind = map[string]float64{}
		for _, p := range res.Pots {
			if p.Option == o {
				s.Pot += p.Pot
				for _, sh := range p.Shares {
					s.Shares += sh
				}
			}
		}
		s.Shares = math.Round(s.Shares*100) / 100
		for _, rr := range res.Regions {
			if _, ok := rr.Value(o, "region.gap_pv"); !ok {
				s.Failed++
				continue
			}
			s.Run++
			get := func(n string) float64 { v, _ := rr.Value(o, n); return v }
			s.FundingPV += get("region.funding_pv")
			s.GapPV += get("region.gap_pv")
			g := get("region.gap_after_funds_end_pv")
			s.GapAfterPV += g
			if g >= gapEpsilon {
				s.RegionsGapAfter++
			}
			if g > s.WorstGap {
				s.WorstGap, s.WorstRegion = g, rr.Region.Name
			}
			s.SavedPV += get("region.savings_pv")
			s.Unfunded += int(get("region.unfunded_initiatives"))
			s.WorseOff += int(get("region.worse_off_parties"))
			for i, oc := range rr.Outcomes {
				if oc.Group == "party" && oc.Figure == "saved_pv" && !math.IsNaN(rr.Values[o][i]) {
					s.SavedByKind[rr.Kinds[oc.Subject]] += rr.Values[o][i]
				}
			}
		}
	}
	return out
}

// NationalTables are a batch's tables: the national summary, the pots of
// regional budgets, each headline per region and option, and the regions
// that failed.
func (l Lang) NationalTables(res *batch.Result) []*Table {
	sums := Summaries(res)
	t := &Table{Name: "national_summary", Title: l.T("title.national_summary"), Columns: []Column{l.col("measure", Text)}}
	for _, o := range res.Options {
		t.Columns = append(t.Columns, Column{Key: optionKey(o), Label: l.OptionName(o), Kind: Money})
	}
	row := func(key string, label string, f func(s NationalSummary) any) {
		r := []any{Term{key, label}}
		for _, s := range sums {
			r = append(r, f(s))
		}
		t.Rows = append(t.Rows, r)
	}
	row("regions_run", l.T("nat.regions_run"), func(s NationalSummary) any { return s.Run })
	row("regions_failed", l.T("nat.regions_failed"), func(s NationalSummary) any { return s.Failed })
	if len(res.Pots) > 0 {
		row("budget_pot", l.T("nat.pot"), func(s NationalSummary) any { return s.Pot })
		row("budget_shares", l.T("nat.shares"), func(s NationalSummary) any { return s.Shares })
	}
	row("funding_pv", l.T("nat.funding_pv"), func(s NationalSummary) any { return s.FundingPV })
	row("gap_pv", l.T("nat.gap_pv"), func(s NationalSummary) any { return s.GapPV })
	row("gap_after_funds_end_pv", l.T("nat.gap_after_pv"), func(s NationalSummary) any { return s.GapAfterPV })
	row("regions_gap_after_funds_end", l.T("nat.regions_gap_after"), func(s NationalSummary) any { return s.RegionsGapAfter })
	row("unfunded_initiatives", l.T("nat.unfunded"), func(s NationalSummary) any { return s.Unfunded })
	row("worse_off_parties", l.T("nat.worse_off"), func(s NationalSummary) any { return s.WorseOff })
	row("savings_pv", l.T("nat.savings_pv"), func(s NationalSummary) any { return s.SavedPV })
	for _, kind := range savedKinds(sums) {
		row("savings_pv_"+kind, l.Tf("nat.saved_by", l.T("group.many."+kind)), func(s NationalSummary) any { return s.SavedByKind[kind] })
	}
	tables := []*Table{t}
	if len(res.Pots) > 0 {
		pt := &Table{Name: "national_budget", Title: l.T("title.national_pots"), Columns: []Column{l.col("option", Text), l.col("instrument", Text), l.col("region", Text), l.col("code", Text), l.col("share", Money)}}
		for _, p := range res.Pots {
			for i, rr := range res.Regions {
				pt.Rows = append(pt.Rows, []any{Term{optionKey(res.Options[p.Option]), l.OptionName(res.Options[p.Option])}, p.Instrument, rr.Region.Name, rr.Region.Code, p.Shares[i]})
			}
		}
		tables = append(tables, pt)
	}
	for _, h := range NationalHeadlines {
		tables = append(tables, l.NationalRegionTable(res, h))
	}
	if f := res.Failed(); len(f) > 0 {
		ft := &Table{Name: "national_failed", Title: l.T("title.national_failed"), Columns: []Column{l.col("region", Text), l.col("option", Text), l.col("problem", Text)}}
		for _, rr := range f {
			if rr.Err != nil {
				ft.Rows = append(ft.Rows, []any{rr.Region.Label(), "", l.problemText(rr.Err)})
				continue
			}
			for o, err := range rr.OptionErr {
				if err != nil {
					ft.Rows = append(ft.Rows, []any{rr.Region.Label(), Term{optionKey(res.Options[o]), l.OptionName(res.Options[o])}, l.problemText(err)})
				}
			}
		}
		tables = append(tables, ft)
	}
	return tables
}

// problemText is an error in the language (scenario problems in Dutch),
// on one line for a table's cell.
func (l Lang) problemText(err error) string {
	text := err.Error()
	if ps, ok := err.(scenarios.Problems); ok && l.Code == "nl" {
		text = ps.Dutch().Error()
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(text, "\n", "; ")), " ")
}

// savedKinds are the kinds of party with avoided care, largest first.
func savedKinds(sums []NationalSummary) []string {
	if len(sums) == 0 {
		return nil
	}
	var kinds []string
	for k, v := range sums[0].SavedByKind {
		if v != 0 && k != "" {
			kinds = append(kinds, k)
		}
	}
	sort.Slice(kinds, func(i, j int) bool {
		a, b := sums[0].SavedByKind[kinds[i]], sums[0].SavedByKind[kinds[j]]
		if a != b {
			return a > b
		}
		return kinds[i] < kinds[j]
	})
	return kinds
}

// NationalRegionTable is one outcome per region (rows) and option
// (columns).
func (l Lang) NationalRegionTable(res *batch.Result, outcome string) *Table {
	kind := Money
	if outcome == "region.unfunded_initiatives" || outcome == "region.worse_off_parties" {
		kind = Number
	}
	t := &Table{Name: "region_" + trimRegion(outcome), Title: l.Tf("title.national_region", capitalize(l.PathText(outcome))),
		Columns: []Column{l.col("region", Text), l.col("code", Text)}}
	for _, o := range res.Options {
		t.Columns = append(t.Columns, Column{Key: optionKey(o), Label: l.OptionName(o), Kind: kind})
	}
	for _, rr := range res.Regions {
		row := []any{rr.Region.Name, rr.Region.Code}
		for o := range res.Options {
			v, ok := rr.Value(o, outcome)
			switch {
			case !ok || math.IsNaN(v):
				row = append(row, "")
			case kind == Number:
				row = append(row, int(v))
			default:
				row = append(row, v)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func trimRegion(outcome string) string {
	if len(outcome) > len("region.") && outcome[:len("region.")] == "region." {
		return outcome[len("region."):]
	}
	return outcome
}

// NationalFindings are a batch's key findings in sentences.
func (l Lang) NationalFindings(res *batch.Result) []string {
	sums := Summaries(res)
	var out []string
	for o, s := range sums {
		name := capitalize(l.OptionName(res.Options[o]))
		if s.Run == 0 {
			continue
		}
		if s.RegionsGapAfter > 0 {
			key := "nat.find.gap_after"
			if s.RegionsGapAfter == 1 {
				key = "nat.find.gap_after_one" // "1 of 2 regions has"
			}
			out = append(out, l.Tf(key, name, s.RegionsGapAfter, s.Run, l.Short(s.GapAfterPV))+".")
		} else {
			out = append(out, l.Tf("nat.find.no_gap_after", name)+".")
		}
		if s.WorstRegion != "" && s.RegionsGapAfter > 1 {
			out = append(out, l.Tf("nat.find.worst_region", name, s.WorstRegion, l.Short(s.WorstGap))+".")
		}
	}
	if len(sums) > 1 && sums[0].Run > 0 {
		// Options that ran in as many regions as the base compare; the
		// smallest gap, and every option that ties with it.
		low := sums[0].GapAfterPV
		for _, s := range sums {
			if s.Run == sums[0].Run {
				low = math.Min(low, s.GapAfterPV)
			}
		}
		var best []string
		for o, s := range sums {
			if o > 0 && s.Run == sums[0].Run && s.GapAfterPV <= low+gapEpsilon {
				best = append(best, l.OptionName(res.Options[o]))
			}
		}
		if len(best) > 0 && low < sums[0].GapAfterPV-gapEpsilon {
			out = append(out, l.Tf("nat.find.best", joinNames(best), l.Short(low), l.Short(sums[0].GapAfterPV))+".")
		}
	}
	if kinds := savedKinds(sums); len(kinds) > 0 && sums[0].SavedPV > 0 {
		out = append(out, l.Tf("nat.find.savings", capitalize(l.OptionName(res.Options[0])), l.T("group.many."+kinds[0]),
			l.Short(sums[0].SavedByKind[kinds[0]]), l.Short(sums[0].SavedPV))+".")
	}
	seen := map[string]bool{}
	for _, p := range res.Pots {
		if seen[p.Instrument] || p.Pot == 0 {
			continue
		}
		seen[p.Instrument] = true
		out = append(out, l.Tf("nat.find.pot", capitalize(l.OptionName(res.Options[p.Option])), l.Name(p.Instrument), l.Short(p.Pot))+".")
	}
	if f := res.Failed(); len(f) > 0 {
		var names []string
		for _, rr := range f {
			names = append(names, rr.Region.Label())
		}
		out = append(out, l.Tf("nat.find.failed", joinNames(names))+".")
	}
	return out
}

func joinNames(names []string) string { return strings.Join(names, ", ") }

// NationalDocument is what the HTML national report shows.
type NationalDocument struct {
	Result    *batch.Result
	Title     string // the template's or the batch's name
	Figures   []Figure
	Tables    []*Table
	Generated time.Time
	// Provenance: the template or regions file, its SHA-256, regiosim's
	// version.
	File, SHA256, Version string
	// StressFindings are the sentences of a stress test, when one ran.
	StressFindings []string
}

// WriteNationalHTML writes the national report as one self-contained HTML
// file: findings, charts (the map among them) inline as SVG, tables.
func (l Lang) WriteNationalHTML(w io.Writer, doc NationalDocument) error {
	res := doc.Result
	data := struct {
		Lang, Title, Header, Provenance, Generated string
		Findings                                   []string
		Figures                                    []htmlFigure
		Tables                                     []htmlTable
		L                                          func(string) string
	}{Lang: l.Code, Title: doc.Title, L: l.T, Findings: append(l.NationalFindings(res), doc.StressFindings...)}
	data.Header = l.Tf("nat.head", doc.Title, len(res.Regions), len(res.Options))
	if !doc.Generated.IsZero() {
		data.Generated = doc.Generated.Format("2006-01-02")
	}
	if doc.File != "" {
		data.Provenance = l.Tf("html.provenance", doc.File, doc.SHA256, doc.Version, data.Generated)
	}
	data.Figures = htmlFigures(doc.Figures)
	data.Tables = l.htmlTables(doc.Tables)
	var b bytes.Buffer
	if err := nationalTemplate.Execute(&b, data); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

var nationalStressLabels = map[string][2]string{
	"title.stress_national":             {"Under uncertainty: national totals over the joint draws", "Onder onzekerheid: landelijke totalen over de gezamenlijke trekkingen"},
	"title.stress_regions":              {"Under uncertainty: gap after the funds end per region (PV)", "Onder onzekerheid: tekort na het einde van de fondsen per regio (CW)"},
	"col.chance_gap":                    {"chance of a gap after the funds end", "kans op een tekort na het einde van de fondsen"},
	"nat.m.gap_after_funds_end_pv":      {"gap after the funds end (PV)", "tekort na einde fondsen (CW)"},
	"nat.m.gap_pv":                      {"gap (PV)", "tekort (CW)"},
	"nat.m.funding_pv":                  {"cross-domain funding (PV)", "domeinoverstijgende financiering (CW)"},
	"nat.m.regions_gap_after_funds_end": {"regions with a gap after the funds end", "regio's met een tekort na einde fondsen"},
	"nat.m.worse_off_parties":           {"parties worse off", "partijen die erop achteruitgaan"},
	"nat.stress.head":                   {"%d draws per region and option (seed %d); drawn once for all regions: %s", "%d trekkingen per regio en optie (seed %d); voor alle regio's één keer getrokken: %s"},
	"nat.stress.none":                   {"none", "geen"},
	"nat.stress.gap":                    {"the national gap after the funds end is %s at the median and %s at P90 (PV)", "het landelijke tekort na het einde van de fondsen is %s in de mediaan en %s op P90 (CW)"},
	"nat.stress.find_regions":           {"%s under uncertainty: the median draw leaves %s regions with a gap after the funds end, P90 %s", "%s onder onzekerheid: de mediane trekking laat %s regio's met een tekort na het einde van de fondsen, P90 %s"},
}

func init() {
	for k, v := range nationalStressLabels {
		if _, dup := labels[k]; dup {
			panic("report: duplicate label " + k)
		}
		labels[k] = v
	}
}

// NationalStressHeader says how the stress test drew.
func (l Lang) NationalStressHeader(res *batch.StressResult) string {
	nat := l.T("nat.stress.none")
	if len(res.National) > 0 {
		var words []string
		for _, p := range res.National {
			words = append(words, l.PathText(p))
		}
		nat = strings.Join(words, ", ")
	}
	return l.Tf("nat.stress.head", res.Draws, res.Seed, nat)
}

// NationalStressTables are the national totals' distributions per option
// and each region's gap after the funds end per option.
func (l Lang) NationalStressTables(res *batch.StressResult) []*Table {
	nt := &Table{Name: "stress_national", Title: l.T("title.stress_national"),
		Columns: []Column{l.col("option", Text), l.col("measure", Text), l.col("mean", Money), l.col("p10", Money), l.col("p50", Money), l.col("p90", Money)},
		Notes:   []string{l.NationalStressHeader(res)}}
	for o, opt := range res.Options {
		for k, m := range batch.StressMeasures {
			s := res.Totals[o][k]
			row := []any{Term{optionKey(opt), l.OptionName(opt)}, Term{m, l.T("nat.m." + m)}}
			if m == "regions_gap_after_funds_end" || m == "worse_off_parties" {
				row = append(row, Num{s.Mean, Number}, Num{s.P10, Number}, Num{s.P50, Number}, Num{s.P90, Number})
			} else {
				row = append(row, s.Mean, s.P10, s.P50, s.P90)
			}
			nt.Rows = append(nt.Rows, row)
		}
	}
	rt := &Table{Name: "stress_regions", Title: l.T("title.stress_regions"),
		Columns: []Column{l.col("region", Text), l.col("code", Text), l.col("option", Text), l.col("chance_gap", Percent), l.col("mean", Money), l.col("p50", Money), l.col("p90", Money)}}
	for _, r := range res.Regions {
		if r.Err != nil {
			continue
		}
		for o, opt := range res.Options {
			g := r.Gap[o]
			rt.Rows = append(rt.Rows, []any{r.Region.Name, r.Region.Code, Term{optionKey(opt), l.OptionName(opt)}, r.Chance[o], g.Mean, g.P50, g.P90})
		}
	}
	return []*Table{nt, rt}
}

// NationalStressFindings are the stress test's sentences per option.
func (l Lang) NationalStressFindings(res *batch.StressResult) []string {
	var out []string
	gi := slices.Index(batch.StressMeasures, "gap_after_funds_end_pv")
	ri := slices.Index(batch.StressMeasures, "regions_gap_after_funds_end")
	for o, opt := range res.Options {
		name := capitalize(l.OptionName(opt))
		g, r := res.Totals[o][gi], res.Totals[o][ri]
		out = append(out, l.Tf("nat.stress.find_regions", name, l.Decimal(r.P50, 0), l.Decimal(r.P90, 0))+
			"; "+l.Tf("nat.stress.gap", l.Short(g.P50), l.Short(g.P90))+".")
	}
	return out
}
