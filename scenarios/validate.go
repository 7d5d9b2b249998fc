package scenarios

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/sim/uncertain"
)

// Limits of the values a scenario may hold.
const (
	MaxHorizon = 50
	maxDraws   = 10_000_000
)

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// checker collects the problems of a bound scenario.
type checker struct {
	s     *Scenario
	probs Problems
	ids   map[string]string // id -> "party", "flow", …
	idAt  map[string]int    // id -> line
}

func (c *checker) report(a at, warn bool, hint, format string, args ...any) {
	if c.s.badKeys[a.line] {
		return // its decoding problem says it already
	}
	c.probs = append(c.probs, Problem{
		File: c.s.File, Line: c.s.lines.lookup(a.line), Key: a.disp,
		Msg: fmt.Sprintf(format, args...), Hint: hint, Warning: warn,
	})
}

// note says once something that is accepted as it is (a start before the
// horizon, clipped to it): a warning that reads as a note.
func (c *checker) note(a at, format string, args ...any) {
	c.report(a, true, "", format, args...)
	if n := len(c.probs); n > 0 && c.probs[n-1].Msg == fmt.Sprintf(format, args...) {
		c.probs[n-1].Note = true
	}
}

func (c *checker) errorf(a at, hint, format string, args ...any) {
	c.report(a, false, hint, format, args...)
}

// Check reports every problem of the scenario's values: errors and warnings.
// Load calls it; call it again after Set.
func (s *Scenario) Check() Problems {
	c := &checker{s: s, ids: map[string]string{}, idAt: map[string]int{}}
	c.region()
	c.parties()
	c.flows()
	c.initiatives()
	c.instruments()
	c.uncertainty()
	c.national()
	c.variants() // last: a variant's copy repeats none of the base's problems
	return c.probs
}

func (c *checker) region() {
	r := &c.s.Region
	a := at{"region", "region"}
	if c.s.badKeys["region"] {
		return // it did not decode: its keys' problems would follow from that
	}
	switch {
	case r.FirstYear == 0:
		c.errorf(a.key("first_year"), "", "missing: the first calendar year of the horizon, e.g. first_year = 2026")
	case r.FirstYear < 1900 || r.FirstYear > 2200:
		c.errorf(a.key("first_year"), "", "%d is not a plausible year", r.FirstYear)
	}
	c.number(a.key("horizon"), "region.horizon", float64(r.Horizon))
	c.number(a.key("discount_rate"), "region.discount_rate", r.DiscountRate)
	c.number(a.key("indexation"), "region.indexation", r.Indexation)
	c.number(a.key("population"), "region.population", r.Population)
}

// id checks an element's id: present, well formed and unique.
func (c *checker) id(a at, kind, id string) {
	line := c.s.lines.lookup(a.line + ".id")
	switch {
	case id == "":
		c.errorf(a.key("id"), "", "missing: every %s needs a short id that the rest of the file refers to", kind)
	case !idPattern.MatchString(id):
		c.errorf(a.key("id"), "", "%q is not a valid id: use letters, digits, - and _ (no dots or spaces)", id)
	default:
		if prev, dup := c.ids[id]; dup {
			if l := c.idAt[id]; l > 0 {
				c.errorf(a.key("id"), "", "duplicate id %q: already used by a %s on line %d", id, prev, l)
			} else {
				c.errorf(a.key("id"), "", "duplicate id %q: already used by a %s", id, prev)
			}
			return
		}
		c.ids[id] = kind
		c.idAt[id] = line
	}
}

// growth checks an optional growth rate of an element.
func (c *checker) growth(a at, field string, g *float64) {
	if g != nil {
		c.number(a, field, *g)
	}
}

// year checks that y lies within the horizon.
func (c *checker) year(a at, y int) bool {
	return c.checkNumber(a, instruments.YearRange, float64(y))
}

// ref checks a reference to an id of the given kind.
func (c *checker) ref(a at, kind, id string) bool {
	if id == "" {
		c.errorf(a, "", "missing: the id of a %s", kind)
		return false
	}
	if c.ids[id] == kind {
		return true
	}
	if c.s.badKeys[kind] {
		return false // the [[kind]] tables did not decode: their problem says it, not each reference
	}
	var cands []string
	for k, v := range c.ids {
		if v == kind {
			cands = append(cands, k)
		}
	}
	if other, ok := c.ids[id]; ok {
		c.errorf(a, "", "%q is %s, not %s", id, withArticle(other), withArticle(kind))
		return false
	}
	c.errorf(a, Suggest(id, cands), "unknown %s %q", kind, id)
	return false
}

// withArticle puts "a" or "an" before a word: "an initiative", "a party".
func withArticle(w string) string {
	if w != "" && strings.ContainsRune("aeiou", rune(w[0])) {
		return "an " + w
	}
	return "a " + w
}

// oneOf checks a word against its allowed values.
func (c *checker) oneOf(a at, what, v string, allowed []string) {
	for _, x := range allowed {
		if v == x {
			return
		}
	}
	if v == "" {
		c.errorf(a, "", "missing: the %s, one of %s", what, strings.Join(allowed, ", "))
		return
	}
	hint := Suggest(v, allowed)
	if hint == "" {
		hint = "one of " + strings.Join(allowed, ", ")
	}
	c.errorf(a, hint, "unknown %s %q", what, v)
}

// dutchKinds are the Dutch words a user may write for a kind of party.
var dutchKinds = map[string]string{
	"gemeente": "municipality", "gemeenten": "municipality",
	"zorgverzekeraar": "insurer", "verzekeraar": "insurer", "zorgverzekeraars": "insurer",
	"zorgkantoor": "care_office", "ziekenhuis": "hospital", "ziekenhuizen": "hospital",
	"huisarts": "gp", "huisartsen": "gp", "huisartsenzorg": "gp",
	"welzijn": "social_work", "sociaal werk": "social_work", "sociaal_werk": "social_work", "welzijnsorganisatie": "social_work",
	"wijkverpleging": "vvt", "thuiszorg": "vvt", "verpleeghuis": "vvt", "ouderenzorg": "vvt",
	"rijk": "national", "rijksoverheid": "national", "overheid": "national", "ministerie": "national", "het rijk": "national",
	"ggd-regio": "ggd", "ggd regio": "ggd", "ggd_regio": "ggd", "gezondheidsdienst": "ggd",
	"anders": "other", "overig": "other",
}

func (c *checker) parties() {
	if len(c.s.Parties) == 0 {
		c.errorf(at{"party", "party"}, "", "missing: a scenario needs at least one [[party]]")
	}
	kinds := slices.Sorted(maps.Keys(partyKinds))
	for i := range c.s.Parties {
		p := &c.s.Parties[i]
		a := element("party", i, p.ID)
		c.id(a, "party", p.ID)
		if en, ok := dutchKinds[strings.ToLower(strings.TrimSpace(p.Kind))]; ok {
			c.errorf(a.key("kind"), fmt.Sprintf("did you mean %q? (kinds are English words)", en), "unknown party kind %q", p.Kind)
		} else {
			c.oneOf(a.key("kind"), "party kind", p.Kind, kinds)
		}
		if p.Domain == "" {
			p.Domain = partyKinds[p.Kind]
		} else {
			c.oneOf(a.key("domain"), "domain", p.Domain, domains)
		}
		c.number(a.key("turnover"), "party.turnover", p.Turnover)
		c.growth(a.key("growth"), "party.growth", p.Growth)
		if len(p.Series) > c.s.Region.Horizon {
			c.errorf(a.key("turnover_series"), "", "%d values for a horizon of %d years", len(p.Series), c.s.Region.Horizon)
		}
		for j, v := range p.Series {
			c.number(a.key("turnover_series").key(strconv.Itoa(j)), "party.turnover_series", v)
		}
		c.elementScale(a, p.Scale)
	}
}

func (c *checker) flows() {
	for i := range c.s.Flows {
		f := &c.s.Flows[i]
		a := element("flow", i, f.ID)
		c.id(a, "flow", f.ID)
		from := c.ref(a.key("from"), "party", f.From)
		to := c.ref(a.key("to"), "party", f.To)
		if from && to && f.From == f.To {
			c.errorf(a.key("to"), "", "a flow needs two different parties; payer and receiver are both %q", f.From)
		}
		c.oneOf(a.key("stream"), "funding stream", f.Stream, streams)
		c.number(a.key("amount"), "flow.amount", f.Amount)
		c.growth(a.key("growth"), "flow.growth", f.Growth)
		c.elementScale(a, f.Scale)
	}
}

func (c *checker) initiatives() {
	for i := range c.s.Initiatives {
		in := &c.s.Initiatives[i]
		a := element("initiative", i, in.ID)
		c.id(a, "initiative", in.ID)
		c.ref(a.key("provider"), "party", in.Provider)
		c.number(a.key("cost"), "initiative.cost", in.Cost)
		c.growth(a.key("growth"), "initiative.growth", in.Growth)
		c.number(a.key("start"), "initiative.start", float64(in.Start))
		if in.End != 0 && c.number(a.key("end"), "initiative.end", float64(in.End)) && in.End < in.Start {
			c.errorf(a.key("end"), "", "%d is before start = %d", in.End, in.Start)
		}
		c.number(a.key("ramp_years"), "initiative.ramp_years", float64(in.RampYears))
		c.number(a.key("savings_lag"), "initiative.savings_lag", float64(in.SavingsLag))
		for _, pid := range slices.Sorted(maps.Keys(in.Savings)) {
			ka := a.key("savings").key(pid)
			if c.ref(ka, "party", pid) {
				c.number(ka, "initiative.savings", in.Savings[pid])
			}
		}
		c.number(a.key("savings_scale"), "initiative.savings_scale", in.SavingsScale)
		c.oneOf(a.key("gap"), "gap rule", in.Gap, []string{"scale", "provider"})
		c.elementScale(a, in.Scale)
	}
}

func (c *checker) instruments() {
	// First register every instrument id, so that instruments may refer to
	// ones listed after them (a phase-out converting into a later wallet).
	for i, in := range c.s.Instruments {
		if in == nil {
			continue // its type was unknown: reported when decoding
		}
		c.id(element("instrument", i, in.Meta().ID), "instrument", in.Meta().ID)
	}
	for i, in := range c.s.Instruments {
		if in == nil {
			continue
		}
		a := element("instrument", i, in.Meta().ID)
		in.Check(&scope{c: c, a: a})
		c.instrumentNumbers(in, a)
		c.elementScale(a, in.Meta().Scale)
	}
	c.overlaps()
}

// flowClaimer is an instrument that changes a regular flow over some years.
type flowClaimer interface {
	ClaimsFlow() (flow string, first, last int)
}

// overlaps reports two instruments changing the same flow in the same years.
func (c *checker) overlaps() {
	type claim struct {
		id          string
		first, last int
	}
	seen := map[string][]claim{}
	for i, in := range c.s.Instruments {
		fc, ok := in.(flowClaimer)
		if !ok || in == nil || c.s.Disabled(in.Meta().ID) {
			continue
		}
		flow, first, last := fc.ClaimsFlow()
		for _, o := range seen[flow] {
			if first <= o.last && o.first <= last {
				c.errorf(element("instrument", i, in.Meta().ID).key("flow"), "",
					"%q is already phased out by %q in %d–%d; two phase-outs of one flow may not overlap", flow, o.id, o.first, o.last)
			}
		}
		seen[flow] = append(seen[flow], claim{in.Meta().ID, first, last})
	}
}

func (c *checker) variants() {
	// A problem of the base shows in every variant too: report it once.
	base := map[string]bool{}
	for _, p := range c.probs {
		base[p.Key+"\x00"+p.Msg] = true
	}
	names := map[string]bool{}
	for i := range c.s.Variants {
		v := &c.s.Variants[i]
		a := element("variant", i, "")
		if v.Name == "" {
			c.errorf(a.key("name"), "", "missing: a name for this option")
		} else if names[v.Name] {
			c.errorf(a.key("name"), "", "duplicate variant name %q", v.Name)
		}
		names[v.Name] = true
		if c.s.raw == nil || !c.s.bound {
			continue // a copy needs a file that decodes without problems
		}
		c.probs = append(c.probs, c.s.variantProblems(v, a, base)...)
	}
}

// variantProblems applies a variant to a copy and reports what is wrong with
// it, each problem pointing at the variant's line.
// Problems the base has already (in base, by key and message) are left out.
func (s *Scenario) variantProblems(v *Variant, a at, base map[string]bool) Problems {
	clone := s.Clone()
	clone.Variants = nil // checked as the base's, not again for each variant
	probs, where := clone.apply(v.Disable, v.Enable, v.Set)
	for n := range probs {
		probs[n].File = s.File
		probs[n].Key = a.disp + "." + where[n]
		probs[n].Line = s.lines.lookup(a.line + "." + where[n])
	}
	// What could be applied is checked too: every problem at once.
	line := s.lines.lookup(a.line)
	for _, p := range clone.Check().Errors() {
		if base[p.Key+"\x00"+p.Msg] {
			continue
		}
		p.Line = line
		p.Msg = fmt.Sprintf("with variant %q: %s", v.Name, p.Msg)
		probs = append(probs, p)
	}
	return probs
}

func (s *Scenario) switchable() []string {
	var ids []string
	for _, in := range s.Instruments {
		if in != nil {
			ids = append(ids, in.Meta().ID)
		}
	}
	for _, in := range s.Initiatives {
		ids = append(ids, in.ID)
	}
	return ids
}

// MaxDraws is the most draws a stress test may make.
const MaxDraws = maxDraws

// outsideRisk is the largest chance a distribution may have of leaving its
// path's valid range without a truncation.
const outsideRisk = 1e-6

func (c *checker) uncertainty() {
	u := c.s.Uncertainty
	if u == nil {
		return
	}
	a := at{"uncertainty", "uncertainty"}
	if u.Draws == 0 && !c.s.has("uncertainty", "draws") {
		u.Draws = 1000
	}
	if u.Draws < 1 || u.Draws > maxDraws {
		c.errorf(a.key("draws"), "", "%d is outside 1..%d", u.Draws, maxDraws)
	}
	var good []string
	all := u.All()
	for _, p := range slices.Sorted(maps.Keys(all)) {
		section := "params"
		if u.IsNational(p) {
			section = "national"
			if _, dup := u.Params[p]; dup {
				c.errorf(a.key("national").key(p), "keep it in one of the two", "%s is both a param and a national param", p)
				continue
			}
		}
		pa := a.key(section).key(p)
		if _, err := c.s.GetFloat(p); err != nil {
			msg, hint := err.Error(), ""
			if pe, ok := err.(*PathError); ok {
				msg, hint = pe.Msg, pe.Hint
			}
			c.errorf(pa, hint, "%s", msg)
			continue
		}
		d, probs := uncertain.New(all[p])
		for _, pr := range probs {
			ka := pa
			if pr.Key != "" {
				ka = pa.key(pr.Key)
			}
			hint := ""
			if pr.Key == "dist" {
				hint = Suggest(all[p].Dist, uncertain.Kinds)
			}
			c.errorf(ka, hint, "%s", pr.Msg)
		}
		if d == nil {
			continue
		}
		good = append(good, p)
		r, err := c.s.Range(p)
		if err != nil {
			continue
		}
		if risk := d.Outside(r.Min, r.Max); risk > outsideRisk {
			c.errorf(pa, "add min or max to truncate it to the range, e.g. min = "+strconv.FormatFloat(r.Min, 'g', -1, 64),
				"the distribution leaves the valid range %s of %s in %.2g %% of draws", r.String(), p, 100*risk)
		} else if spec := all[p]; r.Whole && !wholeValued(spec) {
			c.errorf(pa, "", "%s takes whole numbers: draw it from a discrete distribution of whole values", p)
		}
	}
	c.correlation(a.key("correlation"), good)
}

// wholeValued reports whether a distribution only takes whole numbers.
func wholeValued(d Dist) bool {
	switch d.Dist {
	case "fixed":
		return d.Value != nil && *d.Value == math.Trunc(*d.Value)
	case "discrete":
		for _, v := range d.Values {
			if v != math.Trunc(v) {
				return false
			}
		}
		return true
	}
	return false
}

// correlation checks the rank correlations between params.
func (c *checker) correlation(a at, params []string) {
	u := c.s.Uncertainty
	known := slices.Sorted(maps.Keys(u.All()))
	for _, x := range slices.Sorted(maps.Keys(u.Correlation)) {
		for _, y := range slices.Sorted(maps.Keys(u.Correlation[x])) {
			for _, p := range []string{x, y} {
				if _, ok := u.All()[p]; !ok {
					c.errorf(a.key(x).key(y), Suggest(p, known), "%q is not a param of [uncertainty.params]", p)
				}
			}
		}
	}
	if len(u.Correlation) == 0 {
		return
	}
	if _, probs := uncertain.CorrelationMatrix(params, u.Correlation); len(probs) > 0 {
		for _, pr := range probs {
			ka := a
			if pr.B != "" {
				if _, ok := u.Correlation[pr.A][pr.B]; ok {
					ka = a.key(pr.A).key(pr.B)
				} else if _, ok := u.Correlation[pr.B][pr.A]; ok {
					ka = a.key(pr.B).key(pr.A)
				}
			}
			c.errorf(ka, "", "%s", pr.Msg)
		}
	}
}

// scope lets an instrument check itself against the scenario.
type scope struct {
	c *checker
	a at
}

var _ instruments.Scope = (*scope)(nil)

func (s *scope) Errorf(key, format string, args ...any) {
	s.c.report(s.a.key(key), false, "", format, args...)
}
func (s *scope) Warnf(key, format string, args ...any) {
	s.c.report(s.a.key(key), true, "", format, args...)
}
func (s *scope) FirstYear() int                 { return s.c.s.Region.FirstYear }
func (s *scope) LastYear() int                  { return s.c.s.LastYear() }
func (s *scope) Year(key string, y int) bool    { return s.c.year(s.a.key(key), y) }
func (s *scope) Initiative(key, id string) bool { return s.c.ref(s.a.key(key), "initiative", id) }

func (s *scope) Party(key, id string) (string, bool) {
	if !s.c.ref(s.a.key(key), "party", id) {
		return "", false
	}
	p, _ := s.c.s.Party(id)
	return p.Kind, true
}

func (s *scope) Flow(key, id string) (string, string, bool) {
	if !s.c.ref(s.a.key(key), "flow", id) {
		return "", "", false
	}
	f, _ := s.c.s.Flow(id)
	return f.From, f.To, true
}

func (s *scope) Target(key, id string) (string, bool) {
	switch s.c.ids[id] {
	case "party", "initiative":
		return s.c.ids[id], true
	case "instrument":
		in, _ := s.c.s.Instrument(id)
		return "instrument:" + in.Meta().Type, true
	}
	if b := s.c.s.badKeys; id != "" && (b["party"] || b["initiative"] || b["instrument"]) {
		return "", false // it may be one of the elements that did not decode
	}
	var cands []string
	for k, v := range s.c.ids {
		if v != "flow" {
			cands = append(cands, k)
		}
	}
	if id == "" {
		s.c.errorf(s.a.key(key), "", "missing: a wallet, initiative or party id")
	} else {
		s.c.errorf(s.a.key(key), Suggest(id, cands), "%q is no wallet, initiative or party", id)
	}
	return "", false
}

// Turnover is as the engine has it: the series, growth after its last
// value, else the first year's turnover grown.
func (s *scope) Turnover(party string, year int) float64 {
	p, ok := s.c.s.Party(party)
	if !ok {
		return 0
	}
	g, k := s.c.s.GrowthOf(p.Growth), max(0, year-s.c.s.Region.FirstYear)
	switch {
	case k < len(p.Series):
		return p.Series[k]
	case len(p.Series) > 0:
		return p.Series[len(p.Series)-1] * math.Pow(1+g, float64(k-len(p.Series)+1))
	}
	return p.Turnover * math.Pow(1+g, float64(k))
}

func (s *scope) FlowAmount(flow string, year int) float64 {
	if f, ok := s.c.s.Flow(flow); ok {
		return f.Amount * math.Pow(1+s.c.s.GrowthOf(f.Growth), float64(max(0, year-s.c.s.Region.FirstYear)))
	}
	return 0
}

func (s *scope) Indexation() float64 { return s.c.s.Region.Indexation }

// Name is the element's name, else its id in quotes.
func (s *scope) Name(id string) string {
	if n := s.c.s.Names()[id]; n != "" {
		return n
	}
	return strconv.Quote(id)
}

func (s *scope) OneOf(key, what, value string, allowed []string) bool {
	n := len(s.c.probs)
	s.c.oneOf(s.a.key(key), what, value, allowed)
	return len(s.c.probs) == n
}

// has reports whether the file sets a key (a table and its keys).
func (s *Scenario) has(path ...string) bool {
	var v any = s.raw
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return false
		}
		if v, ok = m[k]; !ok {
			return false
		}
	}
	return true
}
