package sim

import (
	"slices"

	"github.com/regiosim/regiosim/instruments"
)

// Outcome is a named scalar result of a run: the fixed vector that stress
// tests, sensitivity, break-even searches and batches collect per run.
// Names are stable and readable: kind.id.figure, e.g. party.zv.net_pv.
type Outcome struct {
	Name string `json:"name"`
	// Figure is the last part of the name ("net_pv"), with its group
	// ("party"): together they say what it means (report.Lang.Meaning).
	Group  string `json:"group"`
	Figure string `json:"figure"`
	// Subject is the id it is about ("zv"), or for a wrong-pocket cell
	// the bearer and Other the saver.
	Subject string `json:"subject,omitempty"`
	Other   string `json:"other,omitempty"`
	// Yes marks a 0/1 outcome (a decision, an event).
	Yes bool `json:"yes_no,omitempty"`
	// Unit is what the values are: "euro", "share" (0–1), "ratio" or
	// "count".
	Unit string `json:"unit"`
}

// unitOf is the unit of a figure.
func unitOf(figure string) string {
	switch figure {
	case "coverage", "wrong_pocket_share", "closes", "fully_funded", "revolves":
		return "share"
	case "ratio":
		return "ratio"
	case "gap_years", "unfunded_initiatives", "worse_off_parties", "revolve_year":
		return "count"
	}
	if len(figure) > 4 && figure[:4] == "key." { // a pooled purchase's savings key (key.PARTY)
		return "share"
	}
	return "euro"
}

// The figures of each group, in the order of the outcome vector.
var (
	regionFigures     = []string{"need_pv", "funding_pv", "gap_pv", "gap_after_funds_end_pv", "savings_pv", "unfunded_initiatives", "worse_off_parties"}
	partyFigureNames  = []string{"paid", "received", "saved", "legacy", "net", "paid_pv", "received_pv", "saved_pv", "legacy_pv", "net_pv"}
	initiativeFigures = []string{"need_pv", "funded_pv", "gap", "gap_pv", "gap_after_funds_end", "gap_after_funds_end_pv", "coverage", "savings_pv", "gap_years", "fully_funded", "wrong_pocket_share"}
	instrumentFigures = []string{"in", "out"}
	potFigures        = []string{"closing_balance"}
	decisionFigures   = []string{"ratio", "closes", "pv_savings", "pv_cost", "net_benefit_pv", "wrong_pocket_share"}
	yesNoFigures      = []string{"fully_funded", "closes", "revolves"}
)

// worseOffMargin is how far below zero a party's net present value must be
// for it to count as worse off: half a cent, so that float dust does not.
const worseOffMargin = 0.005

// Outcomes lists the model's outcomes in the order of OutcomeSink.Values.
func (m *Model) Outcomes() []Outcome {
	m.names.Do(func() { m.outcomes = m.proto.outcomeNames() })
	return m.outcomes
}

// OutcomeIndex returns the position of a named outcome, or −1.
func (m *Model) OutcomeIndex(name string) int {
	for i, o := range m.Outcomes() {
		if o.Name == name {
			return i
		}
	}
	return -1
}

// outcomeNames names the outcome vector of the engine's scenario.
func (e *engine) outcomeNames() []Outcome {
	var out []Outcome
	add := func(group, subject string, figures []string) {
		prefix := group + "."
		if subject != "" {
			prefix += subject + "."
		}
		for _, f := range figures {
			out = append(out, Outcome{Name: prefix + f, Group: group, Figure: f, Subject: subject, Yes: slices.Contains(yesNoFigures, f), Unit: unitOf(f)})
		}
	}
	add("region", "", regionFigures)
	for _, id := range e.partyIDs {
		add("party", id, partyFigureNames)
	}
	for _, in := range e.inits {
		add("initiative", in.ID, initiativeFigures)
	}
	for n, in := range e.instrs {
		group := outcomeGroup(in)
		add(group, in.Meta().ID, instrumentFigures)
		if ph, ok := in.(instruments.PotHolder); ok && ph.HasPot() {
			add(group, in.Meta().ID, potFigures)
		}
		if _, ok := e.runners[n].(instruments.Decider); ok {
			add(group, in.Meta().ID, decisionFigures)
		}
		if rp, ok := e.runners[n].(instruments.Reporter); ok {
			add(group, in.Meta().ID, rp.Figures())
		}
	}
	bearers, savers := e.wrongPocketAxes()
	for _, b := range bearers {
		for _, s := range savers {
			out = append(out, Outcome{Name: "wrong_pocket." + e.axisName(b, true) + "." + e.axisName(s, false),
				Group: "wrong_pocket", Figure: "cell", Subject: e.axisName(b, true), Other: e.axisName(s, false), Unit: "euro"})
		}
	}
	return out
}

// outcomeGroup is the first word of an instrument's outcome names: its
// type, or what it says instead.
func outcomeGroup(in instruments.Instrument) string {
	if n, ok := in.(instruments.OutcomeNamer); ok {
		return n.OutcomePrefix()
	}
	return in.Meta().Type
}

// wrongPocketAxes are the rows and columns of the wrong-pocket matrix
// that the outcomes name: every bearer (parties, outside, none), and the
// savers that can receive savings (parties that some initiative saves
// for, and none), as indexes into WrongPocket.Bearers and Savers.
func (e *engine) wrongPocketAxes() (bearers, savers []int) {
	for b := 0; b < e.np+2; b++ {
		bearers = append(bearers, b)
	}
	for p := range e.partyIDs {
		for i := range e.inits {
			if slices.ContainsFunc(e.savers[i], func(sp savingParty) bool { return sp.p == p }) {
				savers = append(savers, p)
				break
			}
		}
	}
	return bearers, append(savers, e.np)
}

func (e *engine) axisName(i int, bearer bool) string {
	switch {
	case i < e.np:
		return e.partyIDs[i]
	case bearer && i == e.np:
		return "outside"
	}
	return "none"
}

// scratch holds the buffers the outcome sink fills, allocated on the
// first run of a state.
type scratch struct {
	ready                              bool
	paid, received, saved, legacy, net Series
	inits                              []InitiativeResult
	pool                               []Series
	used                               int
	wp                                 [][]float64
	bearers, savers                    []int
}

func (sc *scratch) init(e *engine) {
	h := e.h
	sc.paid, sc.received, sc.saved, sc.legacy, sc.net = make(Series, h), make(Series, h), make(Series, h), make(Series, h), make(Series, h)
	n := 0
	for i := range e.inits {
		n += len(e.savers[i]) + len(e.instrs)
		sc.inits = append(sc.inits, InitiativeResult{Need: make(Series, h), Funded: make(Series, h), Gap: make(Series, h),
			Coverage: make(Series, h), Cost: make(Series, h), Savings: make(Series, h),
			SavingsBy: make([]PartySeries, 0, len(e.savers[i])), FundingBy: make([]SourceSeries, 0, len(e.instrs))})
	}
	for _, row := range grid(n, h) {
		sc.pool = append(sc.pool, row)
	}
	sc.wp = grid(e.np+2, e.np+1)
	sc.bearers, sc.savers = e.wrongPocketAxes()
	sc.ready = true
}

func (sc *scratch) series() Series {
	s := sc.pool[sc.used]
	sc.used++
	return s
}

// outcomes fills dst with the outcome vector of the last run: the same
// figures as its tables (partyFigures, initiativeFigures, …), kept in
// reused buffers.
func (st *State) outcomes(dst []float64) { st.fill(dst, needAll) }

// need says which parts of the outcome vector a run fills; the others
// keep what dst held. The region's figures are filled from the parts
// they come from (worse_off_parties from the parties, the rest from the
// initiatives).
type need struct {
	parties, inits, instrs, wrongPocket bool
	worseOff                            bool // of the parties, only how many are worse off
}

var needAll = need{parties: true, inits: true, instrs: true, wrongPocket: true, worseOff: true}

// fill fills the parts of the outcome vector that nd asks for.
func (st *State) fill(dst []float64, nd need) {
	e, sc := st.e, &st.sc
	if !sc.ready {
		sc.init(e)
	}
	sc.used = 0
	n := len(regionFigures)
	region := dst[:n]
	if nd.worseOff {
		region[6] = 0
	}
	for p := range e.partyIDs {
		switch {
		case nd.parties:
			tot, pv := e.partyFigures(p, sc.paid, sc.received, sc.saved, sc.legacy, sc.net)
			copy(dst[n:], []float64{tot.Paid, tot.Received, tot.Saved, tot.Legacy, tot.Net, pv.Paid, pv.Received, pv.Saved, pv.Legacy, pv.Net})
			if pv.Net < -worseOffMargin {
				region[6]++
			}
		case nd.worseOff:
			if _, pv := e.partyFigures(p, nil, nil, nil, nil, nil); pv.Net < -worseOffMargin {
				region[6]++
			}
		}
		n += len(partyFigureNames)
	}
	if nd.inits {
		clear(region[:6])
		for i := range e.inits {
			e.initiativeFigures(i, &sc.inits[i], sc.series, false)
		}
		if nd.wrongPocket {
			e.wrongPocket(sc.inits, sc.wp)
		}
	}
	for i := range e.inits {
		if !nd.inits {
			n += len(initiativeFigures)
			continue
		}
		ir := &sc.inits[i]
		full := 0.0
		if ir.GapYears == 0 {
			full = 1
		}
		copy(dst[n:], []float64{ir.PV.Need, ir.PV.Funded, ir.Total.Gap, ir.PV.Gap, ir.GapAfterFundsEnd, ir.PVGapAfterFundsEnd,
			ir.HorizonCoverage, ir.PV.Savings, float64(ir.GapYears), full, ir.WrongPocketShare})
		n += len(initiativeFigures)
		region[0] += ir.PV.Need
		region[1] += ir.PV.Funded
		region[2] += ir.PV.Gap
		region[3] += ir.PVGapAfterFundsEnd
		region[4] += ir.PV.Savings
		if ir.Total.Gap >= 1 {
			region[5]++
		}
	}
	var ir InstrumentResult
	ir.In, ir.Out, ir.Balance = sc.paid, sc.received, sc.saved // free again: reuse
	for i, in := range e.instrs {
		if !nd.instrs {
			n += e.instrumentWidth(i)
			continue
		}
		e.instrumentFigures(i, &ir)
		dst[n], dst[n+1] = ir.In.Sum(), ir.Out.Sum()
		n += len(instrumentFigures)
		if ph, ok := in.(instruments.PotHolder); ok && ph.HasPot() {
			dst[n] = ir.Balance[e.h-1]
			n++
		}
		if dr, ok := e.runners[i].(instruments.Decider); ok {
			d := dr.Decision()
			closes := 0.0
			if d.Closes {
				closes = 1
			}
			copy(dst[n:], []float64{d.Ratio, closes, d.PVSavings, d.PVCost, d.PVSavings - d.PVCost, e.wrongPocketShare(d)})
			n += len(decisionFigures)
		}
		if rp, ok := e.runners[i].(instruments.Reporter); ok {
			k := len(rp.Figures())
			rp.FigureValues(dst[n : n+k])
			n += k
		}
	}
	if !nd.wrongPocket {
		return
	}
	for _, b := range sc.bearers {
		for _, s := range sc.savers {
			dst[n] = sc.wp[b][s]
			n++
		}
	}
}

// instrumentWidth is how many outcomes instrument i has, as outcomeNames
// names them.
func (e *engine) instrumentWidth(i int) int {
	w := len(instrumentFigures)
	if ph, ok := e.instrs[i].(instruments.PotHolder); ok && ph.HasPot() {
		w += len(potFigures)
	}
	if _, ok := e.runners[i].(instruments.Decider); ok {
		w += len(decisionFigures)
	}
	if rp, ok := e.runners[i].(instruments.Reporter); ok {
		w += len(rp.Figures())
	}
	return w
}

// wrongPocketShare is the share of an initiative's planned savings over a
// decision's window that lands with others than the buyer, at present
// value, as the business case computes it.
func (e *engine) wrongPocketShare(d instruments.Decision) float64 {
	i := e.Initiative(d.Initiative)
	if i < 0 {
		return 0
	}
	buyer := e.Party(d.Buyer)
	all, own, f := 0.0, 0.0, 1.0
	for t := 0; t < d.Window; t++ {
		year := d.Year + t
		total := 0.0
		for p := range e.partyIDs {
			total += e.PlannedSaving(i, partyAccount(p), year)
		}
		all += total / f
		own += e.PlannedSaving(i, buyer, year) / f
		f *= 1 + d.Rate
	}
	if all > 0 {
		return 1 - own/all
	}
	return 0
}

// PartyNet writes each party's net position per year of the last run
// (as in the tables) into dst[p×H + k].
func (st *State) PartyNet(dst []float64) {
	e, sc := st.e, &st.sc
	if !sc.ready {
		sc.init(e)
	}
	for p := range e.partyIDs {
		e.partyFigures(p, sc.paid, sc.received, sc.saved, sc.legacy, sc.net)
		copy(dst[p*e.h:(p+1)*e.h], sc.net)
	}
}

// Horizon is the number of years of a run of the model.
func (m *Model) Horizon() int { return m.s.Region.Horizon }
