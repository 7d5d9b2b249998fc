package sim

import (
	"fmt"
	"math"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim/ledger"
)

// engine is the state of the runs of one compiled model: built once per
// State (newEngine, which may allocate), then reset and run many times
// without allocating. It implements instruments.Env and instruments.Year
// for the instruments it calls.
type engine struct {
	s     *scenarios.Scenario
	h, np int // years, parties
	first int

	partyIDs []string
	turnover [][]float64 // [party][k]

	flowIDs             []string
	flowFrom, flowTo    []ledger.Account
	flowStream          []string
	flowBase, flowLevel [][]float64 // [flow][k]

	inits       []*scenarios.Initiative
	savers      [][]savingParty // [initiative] the parties it saves for
	provider    []ledger.Account
	need        [][]float64   // [initiative][k] planned cost
	plannedSave [][][]float64 // [initiative][party][k]
	unfunded    []float64     // this year, per initiative
	funded      [][]float64   // [initiative][k] via Fund
	scale       [][]float64   // [initiative][k] share at which it ran
	settled     bool          // this year's initiatives are settled

	instrs  []instruments.Instrument
	runners []instruments.Runner
	openers []step // runners acting at a year's opening, in order
	closers []step
	setters []step
	ends    []fundsEnd

	// What a compiled model's parameters changed since the last run; the
	// derived series of these are computed anew before the next.
	dirtyParty, dirtyFlow, dirtyInit []bool
	allDirty                         bool

	cur     int // index of the instrument now running, or ledger.None
	k       int
	balance []float64 // per account
	tally   *tally
	// scratch of the wrong-pocket matrix: cost borne by source, savings
	// by party, of one initiative
	wpCost, wpSave []float64
	disc           []float64       // 1/(1+d)^k, the run's discount factors
	book           *[]ledger.Entry // where entries go when a sink keeps them
	bug            error
}

// savingParty is a party an initiative saves for, with the key of its
// amount in the initiative's savings.
type savingParty struct {
	p      int
	id     string
	amount float64 // its full-scale saving, as last derived
}

// step is a runner with an optional ability, and its instrument's index.
type step struct {
	i  int
	op func(instruments.Year)
}

// fundsEnd is an instrument that pays initiatives until an end year.
type fundsEnd struct {
	fe    instruments.FundsEnder
	inits []int
}

var (
	_ instruments.Env  = (*engine)(nil)
	_ instruments.Year = (*engine)(nil)
)

func grow(x, g float64, k int) float64 { return x * math.Pow(1+g, float64(k)) }

// ramp is the share of full scale in year j of a ramp-up over r years:
//
//	min(1, (j+1)/r) for j >= 0, else 0
func ramp(j, r int) float64 {
	if j < 0 {
		return 0
	}
	if r <= 1 || j+1 >= r {
		return 1
	}
	return float64(j+1) / float64(r)
}

// grid returns n rows of h zeros in one allocation.
func grid(n, h int) [][]float64 {
	g := make([][]float64, n)
	flat := make([]float64, n*h)
	for i := range g {
		g[i] = flat[i*h : (i+1)*h : (i+1)*h]
	}
	return g
}

// newEngine builds the engine of a checked scenario: accounts, series and
// runners. It allocates; runs do not.
func newEngine(s *scenarios.Scenario) *engine {
	h := s.Region.Horizon
	e := &engine{s: s, h: h, np: len(s.Parties), first: s.Region.FirstYear, cur: ledger.None, allDirty: true}
	for _, p := range s.Parties {
		e.partyIDs = append(e.partyIDs, p.ID)
	}
	e.turnover = grid(e.np, h)
	for _, f := range s.Flows {
		e.flowIDs = append(e.flowIDs, f.ID)
		e.flowFrom = append(e.flowFrom, e.Party(f.From))
		e.flowTo = append(e.flowTo, e.Party(f.To))
		e.flowStream = append(e.flowStream, f.Stream)
	}
	e.flowBase, e.flowLevel = grid(len(s.Flows), h), grid(len(s.Flows), h)
	for i := range s.Initiatives {
		in := &s.Initiatives[i]
		if s.Disabled(in.ID) {
			continue
		}
		e.inits = append(e.inits, in)
		e.provider = append(e.provider, e.Party(in.Provider))
		var sv []savingParty
		for p, id := range e.partyIDs {
			if _, ok := in.Savings[id]; ok {
				sv = append(sv, savingParty{p: p, id: id})
			}
		}
		e.savers = append(e.savers, sv)
		e.plannedSave = append(e.plannedSave, grid(e.np, h))
	}
	n := len(e.inits)
	e.need, e.funded, e.scale = grid(n, h), grid(n, h), grid(n, h)
	e.unfunded = make([]float64, n)
	e.dirtyParty, e.dirtyFlow, e.dirtyInit = make([]bool, e.np), make([]bool, len(s.Flows)), make([]bool, n)
	for _, in := range s.Instruments {
		if !s.Disabled(in.Meta().ID) {
			e.instrs = append(e.instrs, in)
		}
	}
	e.balance = make([]float64, e.np+len(e.instrs))
	e.tally = newTally(h, e.np, len(e.instrs), n)
	e.wpCost, e.wpSave = make([]float64, e.np+1), make([]float64, e.np)
	e.disc = make([]float64, h)
	for i, in := range e.instrs {
		e.cur = i
		r := in.Start(e)
		e.runners = append(e.runners, r)
		if op, ok := r.(instruments.Opener); ok {
			e.openers = append(e.openers, step{i, op.Open})
		}
		if c, ok := r.(instruments.Closer); ok {
			e.closers = append(e.closers, step{i, c.Close})
		}
		if st, ok := r.(instruments.Settler); ok {
			e.setters = append(e.setters, step{i, st.Settle})
		}
	}
	// When the transformation funds end, also for funds an option switches
	// off: the gap after their scheduled end is then the gap of the same
	// years, so that options compare like with like.
	for _, in := range s.Instruments {
		if fe, ok := in.(instruments.FundsEnder); ok {
			end := fundsEnd{fe: fe}
			for _, id := range fe.Initiatives() {
				if j := e.Initiative(id); j >= 0 {
					end.inits = append(end.inits, j)
				}
			}
			e.ends = append(e.ends, end)
		}
	}
	e.cur = ledger.None
	return e
}

// derive computes the series that depend on the scenario's values anew,
// for what changed since the last run (everything before the first).
func (e *engine) derive() {
	s := e.s
	for p := range e.partyIDs {
		if !e.allDirty && !e.dirtyParty[p] {
			continue
		}
		e.dirtyParty[p] = false
		party := &s.Parties[p]
		g := s.GrowthOf(party.Growth)
		t := e.turnover[p]
		for k := range t {
			switch {
			case k < len(party.Series):
				t[k] = party.Series[k]
			case len(party.Series) > 0:
				t[k] = grow(party.Series[len(party.Series)-1], g, k-len(party.Series)+1)
			default:
				t[k] = grow(party.Turnover, g, k)
			}
		}
	}
	for f := range e.flowIDs {
		if !e.allDirty && !e.dirtyFlow[f] {
			continue
		}
		e.dirtyFlow[f] = false
		fl := &s.Flows[f]
		g := s.GrowthOf(fl.Growth)
		for k := range e.flowBase[f] {
			e.flowBase[f][k] = grow(fl.Amount, g, k)
		}
	}
	for i, in := range e.inits {
		if !e.allDirty && !e.dirtyInit[i] {
			continue
		}
		e.dirtyInit[i] = false
		for n := range e.savers[i] {
			e.savers[i][n].amount = in.Savings[e.savers[i][n].id]
		}
		for k := range e.need[i] {
			var sf float64
			e.need[i][k], sf = e.planned(in, e.first+k)
			for _, sp := range e.savers[i] {
				e.plannedSave[i][sp.p][k] = sp.amount * sf
			}
		}
	}
	e.allDirty = false
}

// reset readies the engine for a run: series derived, tallies emptied,
// runners prepared.
func (e *engine) reset(book *[]ledger.Entry) {
	e.derive()
	e.discount()
	e.tally.reset()
	clear(e.balance)
	for i := range e.funded {
		clear(e.funded[i])
		clear(e.scale[i])
	}
	e.book, e.bug = book, nil
	for i, r := range e.runners {
		e.cur = i
		r.Prepare(e)
	}
	e.cur = ledger.None
}

// years runs the horizon.
func (e *engine) years() {
	for k := 0; k < e.h; k++ {
		e.year(k)
	}
}

// planned returns an initiative's planned cost in a calendar year (full
// scale × ramp-up, indexed) and the factor that turns its full-scale
// savings into that year's planned savings (ramp-up after the lag × scale,
// indexed). Both are zero before its start and after its end.
func (e *engine) planned(in *scenarios.Initiative, year int) (cost, savingsFactor float64) {
	if year < in.Start || (in.End != 0 && year > in.End) {
		return 0, 0
	}
	j := year - in.Start
	idx := math.Pow(1+e.s.GrowthOf(in.Growth), float64(year-e.first))
	return in.Cost * idx * ramp(j, in.RampYears), ramp(j-in.SavingsLag, in.RampYears) * in.SavingsScale * idx
}

// year runs year k: open, raise, fund, close, settle initiatives, then
// what acts on the settled year.
func (e *engine) year(k int) {
	e.k = k
	e.settled = false
	for f := range e.flowBase {
		e.flowLevel[f][k] = e.flowBase[f][k]
	}
	for i := range e.inits {
		e.unfunded[i] = e.need[i][k]
	}
	e.each(e.openers)
	if e.book != nil { // baseline flows are the reference: only the ledger shows them
		for f := range e.flowBase {
			e.record(&ledger.Entry{From: e.flowFrom[f], To: e.flowTo[f], Stream: e.flowStream[f], Kind: ledger.Flow, Amount: e.flowBase[f][k], Initiative: ledger.None})
		}
	}
	for i, r := range e.runners {
		e.cur = i
		r.Raise(e)
	}
	for i, r := range e.runners {
		e.cur = i
		r.Fund(e)
	}
	e.each(e.closers)
	for i, in := range e.inits {
		e.settle(i, in)
	}
	e.settled = true
	e.each(e.setters)
}

func (e *engine) each(steps []step) {
	for _, st := range steps {
		e.cur = st.i
		st.op(e)
	}
	e.cur = ledger.None
}

// settle books an initiative's cost and savings for the year. It runs at
// its funded share (coverage) unless its provider carries the gap.
func (e *engine) settle(i int, in *scenarios.Initiative) {
	k := e.k
	need := e.need[i][k]
	funded := e.funded[i][k]
	scale, cost := 1.0, need
	if need > 0 && in.Gap != "provider" {
		scale = funded / need
		cost = funded
	}
	e.scale[i][k] = scale
	if cost > 0 {
		e.record(&ledger.Entry{From: e.provider[i], To: ledger.Outside, Stream: "own", Kind: ledger.Cost, Initiative: i, Amount: cost})
	}
	for _, sp := range e.savers[i] {
		if v := e.plannedSave[i][sp.p][k] * scale; v > 0 {
			e.record(&ledger.Entry{From: ledger.Outside, To: ledger.Account(sp.p), Kind: ledger.Saving, Initiative: i, Amount: v})
		}
	}
}

// record books one entry: in the tallies, and in the ledger when kept.
func (e *engine) record(en *ledger.Entry) {
	if !(en.Amount >= 0) || en.Amount > math.MaxFloat64 {
		if e.bug == nil {
			e.bug = e.badAmount(en)
		}
		return
	}
	props := en.Kind.Props()
	en.Year = e.first + e.k
	en.Instrument = e.cur
	if props.Has(ledger.ByEngine) {
		en.Instrument = ledger.None
	}
	if props.Has(ledger.IsTransfer) {
		if en.From >= 0 {
			e.balance[en.From] -= en.Amount
		}
		if en.To >= 0 {
			e.balance[en.To] += en.Amount
		}
	}
	e.tally.add(en, props, e.k, ledger.Account(e.np))
	if e.book != nil {
		*e.book = append(*e.book, *en)
	}
}

func (e *engine) badAmount(en *ledger.Entry) error {
	by := "the engine"
	if e.cur >= 0 {
		by = "instrument " + e.instrs[e.cur].Meta().ID
	}
	return fmt.Errorf("sim: %s booked a %s of %v in %d; amounts must be finite and >= 0 (a bug in regiosim)", by, en.Kind, en.Amount, e.first+e.k)
}

func partyAccount(p int) ledger.Account { return ledger.Account(p) }

// --- instruments.Env ---

func (e *engine) Party(id string) ledger.Account {
	for i, p := range e.partyIDs {
		if p == id {
			return ledger.Account(i)
		}
	}
	return ledger.Outside
}

func (e *engine) Pot(id string) (ledger.Account, bool) {
	for i, in := range e.instrs {
		if in.Meta().ID == id {
			return ledger.Account(e.np + i), true
		}
	}
	return ledger.Outside, false
}

func (e *engine) Flow(id string) int {
	for i, f := range e.flowIDs {
		if f == id {
			return i
		}
	}
	return -1
}

func (e *engine) FlowEnds(f int) (ledger.Account, ledger.Account, string) {
	return e.flowFrom[f], e.flowTo[f], e.flowStream[f]
}

func (e *engine) Initiative(id string) int {
	for i, in := range e.inits {
		if in.ID == id {
			return i
		}
	}
	return -1
}

func (e *engine) InitiativeStart(i int) int { return e.inits[i].Start }
func (e *engine) FirstYear() int            { return e.first }
func (e *engine) Horizon() int              { return e.h }
func (e *engine) Indexation() float64       { return e.s.Region.Indexation }
func (e *engine) DiscountRate() float64     { return e.s.Region.DiscountRate }

// --- instruments.Year ---

func (e *engine) Index() int                        { return e.k }
func (e *engine) Calendar() int                     { return e.first + e.k }
func (e *engine) Turnover(p ledger.Account) float64 { return e.turnover[p][e.k] }
func (e *engine) FlowBaseline(f int) float64        { return e.flowBase[f][e.k] }
func (e *engine) FlowLevel(f int) float64           { return e.flowLevel[f][e.k] }
func (e *engine) SetFlowLevel(f int, level float64) { e.flowLevel[f][e.k] = level }
func (e *engine) Balance(a ledger.Account) float64  { return e.balance[a] }
func (e *engine) Unfunded(i int) float64            { return e.unfunded[i] }

func (e *engine) Move(from, to ledger.Account, amount float64, kind ledger.Kind, stream string, initiative int) {
	e.record(&ledger.Entry{From: from, To: to, Amount: amount, Kind: kind, Stream: stream, Initiative: initiative})
}

func (e *engine) Fund(i int, from ledger.Account, amount float64, kind ledger.Kind, stream string) float64 {
	if amount > e.unfunded[i] {
		amount = e.unfunded[i] // never fund more than is needed
	}
	if !(amount > 0) {
		return 0
	}
	e.unfunded[i] -= amount
	e.funded[i][e.k] += amount
	e.record(&ledger.Entry{From: from, To: e.provider[i], Amount: amount, Kind: kind, Stream: stream, Initiative: i})
	return amount
}

func (e *engine) Realised(i int, p ledger.Account) float64 {
	if !e.settled || p < 0 || int(p) >= e.np {
		return 0
	}
	return e.plannedSave[i][p][e.k] * e.scale[i][e.k]
}

// PlannedCost is initiative i's planned cost in a calendar year, also
// beyond the horizon.
func (e *engine) PlannedCost(i, year int) float64 {
	if k := year - e.first; k >= 0 && k < e.h {
		return e.need[i][k]
	}
	c, _ := e.planned(e.inits[i], year)
	return c
}

// PlannedSaving is the saving initiative i plans for party p in a calendar
// year, also beyond the horizon.
func (e *engine) PlannedSaving(i int, p ledger.Account, year int) float64 {
	if p < 0 || int(p) >= e.np {
		return 0
	}
	if k := year - e.first; k >= 0 && k < e.h {
		return e.plannedSave[i][p][k]
	}
	_, f := e.planned(e.inits[i], year)
	return e.inits[i].Savings[e.partyIDs[p]] * f
}
