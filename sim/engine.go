package sim

import (
	"fmt"
	"math"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim/ledger"
)

// Options tune a run.
type Options struct {
	// NoLedger skips keeping the entries (tables are still complete);
	// for the many runs of a batch or a stress test.
	NoLedger bool
}

// engine is the state of one run. It implements instruments.Env and
// instruments.Year for the instruments it calls.
type engine struct {
	s       *scenarios.Scenario
	h, np   int // years, parties
	first   int
	indexat float64

	partyIDs []string
	turnover [][]float64 // [party][k]

	flowIDs             []string
	flowFrom, flowTo    []ledger.Account
	flowStream          []string
	flowBase, flowLevel [][]float64 // [flow][k]
	inits               []*scenarios.Initiative
	provider            []ledger.Account
	need                [][]float64   // [initiative][k] planned cost
	plannedSave         [][][]float64 // [initiative][party][k]
	unfunded            []float64     // this year, per initiative
	funded              [][]float64   // [initiative][k] via Fund
	scale               [][]float64   // [initiative][k] share at which it ran
	instrs              []instruments.Instrument
	runners             []instruments.Runner
	cur                 int // index of the instrument now running, or ledger.None
	k                   int
	balance             []float64 // per account
	tally               *tally
	entries             []ledger.Entry
	keep                bool
	bug                 error
}

var (
	_ instruments.Env  = (*engine)(nil)
	_ instruments.Year = (*engine)(nil)
)

// Run runs a checked scenario over its horizon.
func Run(s *scenarios.Scenario, opt Options) (*Result, error) {
	e := newEngine(s, opt)
	for k := 0; k < e.h; k++ {
		e.year(k)
	}
	if e.bug != nil {
		return nil, e.bug
	}
	r := e.result()
	if err := e.checkConservation(r); err != nil {
		return nil, err
	}
	return r, nil
}

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

func newEngine(s *scenarios.Scenario, opt Options) *engine {
	h := s.Region.Horizon
	e := &engine{s: s, h: h, np: len(s.Parties), first: s.Region.FirstYear, indexat: s.Region.Indexation, keep: !opt.NoLedger, cur: ledger.None}
	for _, p := range s.Parties {
		e.partyIDs = append(e.partyIDs, p.ID)
		g := s.GrowthOf(p.Growth)
		t := make([]float64, h)
		for k := range t {
			switch {
			case k < len(p.Series):
				t[k] = p.Series[k]
			case len(p.Series) > 0:
				t[k] = grow(p.Series[len(p.Series)-1], g, k-len(p.Series)+1)
			default:
				t[k] = grow(p.Turnover, g, k)
			}
		}
		e.turnover = append(e.turnover, t)
	}
	for _, f := range s.Flows {
		e.flowIDs = append(e.flowIDs, f.ID)
		e.flowFrom = append(e.flowFrom, e.Party(f.From))
		e.flowTo = append(e.flowTo, e.Party(f.To))
		e.flowStream = append(e.flowStream, f.Stream)
		g := s.GrowthOf(f.Growth)
		b := make([]float64, h)
		for k := range b {
			b[k] = grow(f.Amount, g, k)
		}
		e.flowBase = append(e.flowBase, b)
		e.flowLevel = append(e.flowLevel, make([]float64, h))
	}
	for i := range s.Initiatives {
		in := &s.Initiatives[i]
		if s.Disabled(in.ID) {
			continue
		}
		e.inits = append(e.inits, in)
		e.provider = append(e.provider, e.Party(in.Provider))
		need := make([]float64, h)
		save := make([][]float64, e.np)
		for p := range save {
			save[p] = make([]float64, h)
		}
		for k := range need {
			var sf float64
			need[k], sf = e.planned(in, e.first+k)
			for pid, amt := range in.Savings {
				save[e.Party(pid)][k] = amt * sf
			}
		}
		e.need = append(e.need, need)
		e.plannedSave = append(e.plannedSave, save)
		e.funded = append(e.funded, make([]float64, h))
		e.scale = append(e.scale, make([]float64, h))
	}
	e.unfunded = make([]float64, len(e.inits))
	for _, in := range s.Instruments {
		if !s.Disabled(in.Meta().ID) {
			e.instrs = append(e.instrs, in)
		}
	}
	e.balance = make([]float64, e.np+len(e.instrs))
	e.tally = newTally(h, e.np, len(e.instrs), len(e.inits))
	for i, in := range e.instrs {
		e.cur = i
		e.runners = append(e.runners, in.Start(e))
	}
	e.cur = ledger.None
	return e
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

// year runs year k: open, raise, fund, close, settle initiatives.
func (e *engine) year(k int) {
	e.k = k
	for f := range e.flowBase {
		e.flowLevel[f][k] = e.flowBase[f][k]
	}
	for i := range e.inits {
		e.unfunded[i] = e.need[i][k]
	}
	for i, r := range e.runners {
		if op, ok := r.(instruments.Opener); ok {
			e.cur = i
			op.Open(e)
		}
	}
	e.cur = ledger.None
	for f := range e.flowBase {
		e.record(ledger.Entry{From: e.flowFrom[f], To: e.flowTo[f], Stream: e.flowStream[f], Kind: ledger.Flow, Amount: e.flowBase[f][k], Initiative: ledger.None})
	}
	for i, r := range e.runners {
		e.cur = i
		r.Raise(e)
	}
	for i, r := range e.runners {
		e.cur = i
		r.Fund(e)
	}
	for i, r := range e.runners {
		if c, ok := r.(instruments.Closer); ok {
			e.cur = i
			c.Close(e)
		}
	}
	e.cur = ledger.None
	for i, in := range e.inits {
		e.settle(i, in)
	}
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
		e.record(ledger.Entry{From: e.provider[i], To: ledger.Outside, Stream: "own", Kind: ledger.Cost, Initiative: i, Amount: cost})
	}
	for p := range e.plannedSave[i] {
		if v := e.plannedSave[i][p][k] * scale; v > 0 {
			e.record(ledger.Entry{From: ledger.Outside, To: ledger.Account(p), Kind: ledger.Saving, Initiative: i, Amount: v})
		}
	}
}

// record books one entry: in the tallies, and in the ledger when kept.
func (e *engine) record(en ledger.Entry) {
	if !(en.Amount >= 0) || math.IsInf(en.Amount, 0) {
		if e.bug == nil {
			by := "the engine"
			if e.cur >= 0 {
				by = "instrument " + e.instrs[e.cur].Meta().ID
			}
			e.bug = fmt.Errorf("sim: %s booked a %s of %v in %d; amounts must be finite and >= 0 (a bug in regiosim)", by, en.Kind, en.Amount, e.first+e.k)
		}
		return
	}
	en.Year = e.first + e.k
	en.Instrument = e.cur
	if en.Kind == ledger.Flow || en.Kind == ledger.Cost || en.Kind == ledger.Saving {
		en.Instrument = ledger.None
	}
	if en.Kind.Transfer() {
		if en.From >= 0 {
			e.balance[en.From] -= en.Amount
		}
		if en.To >= 0 {
			e.balance[en.To] += en.Amount
		}
	}
	e.tally.add(&en, e.k, ledger.Account(e.np))
	if e.keep {
		e.entries = append(e.entries, en)
	}
}

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
func (e *engine) Indexation() float64       { return e.indexat }
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
	e.record(ledger.Entry{From: from, To: to, Amount: amount, Kind: kind, Stream: stream, Initiative: initiative})
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
	e.record(ledger.Entry{From: from, To: e.provider[i], Amount: amount, Kind: kind, Stream: stream, Initiative: i})
	return amount
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
