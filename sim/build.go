package sim

import (
	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/sim/finance"
)

// result builds the tables of a run from its tallies.
func (e *engine) result() *Result {
	s := e.s
	d := s.Region.DiscountRate
	r := &Result{Scenario: s.Name(), Variant: s.Variant, File: s.File, FirstYear: e.first, DiscountRate: d, Ledger: e.entries}
	for k := 0; k < e.h; k++ {
		r.Years = append(r.Years, e.first+k)
	}
	t := e.tally
	for p, party := range s.Parties {
		pr := PartyResult{ID: party.ID, Name: party.Name, Kind: party.Kind, Domain: party.Domain,
			Paid: clean(t.paid[p]), Received: clean(t.received[p]), Saved: clean(t.saved[p]), Net: make(Series, e.h)}
		for k := range pr.Net {
			pr.Net[k] = pr.Received[k] - pr.Paid[k] + pr.Saved[k]
		}
		pr.Total = Summary{pr.Paid.Sum(), pr.Received.Sum(), pr.Saved.Sum(), pr.Net.Sum()}
		pr.PV = Summary{finance.PresentValue(pr.Paid, d), finance.PresentValue(pr.Received, d), finance.PresentValue(pr.Saved, d), finance.PresentValue(pr.Net, d)}
		r.Parties = append(r.Parties, pr)
	}
	for i, in := range e.inits {
		r.Initiatives = append(r.Initiatives, e.initiativeResult(i, in.ID, d))
	}
	for i, in := range e.instrs {
		m := in.Meta()
		ir := InstrumentResult{ID: m.ID, Type: m.Type, Name: m.Name, In: make(Series, e.h), Out: make(Series, e.h), Balance: make(Series, e.h)}
		fc, isPhaseOut := in.(flowClaimer)
		bal := 0.0
		for k := range ir.In {
			ir.In[k] = t.potIn[i][k] + t.direct[i][k]
			ir.Out[k] = t.potOut[i][k] + t.direct[i][k]
			if isPhaseOut {
				ir.In[k], ir.Out[k] = t.cut[i][k]+t.conv[i][k], t.conv[i][k] // legacy freed, converted
			}
			bal += t.potIn[i][k] - t.potOut[i][k]
			ir.Balance[k] = bal
		}
		ir.Balance = clean(ir.Balance)
		r.Instruments = append(r.Instruments, ir)
		if isPhaseOut {
			r.PhaseOuts = append(r.PhaseOuts, e.phaseOutResult(i, fc))
		}
	}
	for _, run := range e.runners {
		if d, ok := run.(interface{ Decision() instruments.Decision }); ok {
			dec := d.Decision()
			r.Purchases = append(r.Purchases, dec)
			bc, err := e.businessCase(CaseQuery{Initiative: dec.Initiative, Buyer: dec.Buyer})
			if err != nil {
				bc = nil // the initiative is switched off: no case
			}
			r.Cases = append(r.Cases, bc)
		}
	}
	r.WrongPocket = e.wrongPocket(r)
	// Empty lists stay lists in JSON ([], not null).
	r.Purchases = nonNil(r.Purchases)
	r.Cases = nonNil(r.Cases)
	r.PhaseOuts = nonNil(r.PhaseOuts)
	for i := range r.Initiatives {
		r.Initiatives[i].FundingBy = nonNil(r.Initiatives[i].FundingBy)
		r.Initiatives[i].SavingsBy = nonNil(r.Initiatives[i].SavingsBy)
	}
	for f, id := range e.flowIDs {
		r.Flows = append(r.Flows, FlowResult{ID: id, From: s.Flows[f].From, To: s.Flows[f].To, Stream: e.flowStream[f],
			Baseline: e.flowBase[f], Level: e.flowLevel[f]})
	}
	r.Flows = nonNil(r.Flows)
	r.Initiatives = nonNil(r.Initiatives)
	r.Instruments = nonNil(r.Instruments)
	return r
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// flowClaimer is an instrument that changes a regular flow: a phase-out.
type flowClaimer interface {
	ClaimsFlow() (flow string, first, last int)
}

func (e *engine) phaseOutResult(i int, fc flowClaimer) PhaseOutResult {
	flowID, first, last := fc.ClaimsFlow()
	f := e.Flow(flowID)
	m := e.instrs[i].Meta()
	pr := PhaseOutResult{ID: m.ID, Flow: flowID, First: first, Last: last,
		Baseline: e.flowBase[f], Level: e.flowLevel[f], Freed: make(Series, e.h), Converted: clean(e.tally.conv[i]), Kept: clean(e.tally.cut[i])}
	if p, ok := e.instrs[i].(*instruments.PhaseOut); ok {
		pr.Profile = p.Profile
		rate := e.s.Region.DiscountRate
		if p.Rate != nil {
			rate = *p.Rate
		}
		pr.Paths = map[string]Series{}
		for _, profile := range instruments.Profiles {
			path := make(Series, e.h)
			for k := range path {
				path[k] = pr.Baseline[k] * instruments.Fraction(profile, e.first+k-p.StartYear, p.Years, rate)
			}
			pr.Paths[profile] = path
		}
	}
	for k := range pr.Freed {
		pr.Freed[k] = pr.Converted[k] + pr.Kept[k]
	}
	return pr
}

// fundsEnder is an instrument with an end year, such as transformation funds.
type fundsEnder interface {
	EndYear() int
	Initiatives() []string
}

func (e *engine) initiativeResult(i int, id string, d float64) InitiativeResult {
	in := e.inits[i]
	h := e.h
	ir := InitiativeResult{ID: in.ID, Name: in.Name, Provider: in.Provider, GapRule: in.Gap,
		Need: e.need[i], Funded: clean(e.funded[i]), Gap: make(Series, h), Coverage: make(Series, h),
		Cost: make(Series, h), Savings: make(Series, h)}
	for k := 0; k < h; k++ {
		ir.Gap[k] = ir.Need[k] - ir.Funded[k]
		ir.Coverage[k] = 1
		if ir.Need[k] > 0 {
			ir.Coverage[k] = ir.Funded[k] / ir.Need[k]
		}
		ir.Cost[k] = ir.Funded[k]
		if in.Gap == "provider" {
			ir.Cost[k] = ir.Need[k]
		}
	}
	ir.Gap = clean(ir.Gap)
	for p, pid := range e.partyIDs {
		amt := make(Series, h)
		for k := range amt {
			amt[k] = e.plannedSave[i][p][k] * e.scale[i][k]
			ir.Savings[k] += amt[k]
		}
		if amt.Sum() > 0 {
			ir.SavingsBy = append(ir.SavingsBy, PartySeries{Party: pid, Amount: amt})
		}
	}
	for n, instr := range e.instrs {
		amt := Series(e.tally.funding[i][n])
		if amt.Sum() > 0 {
			ir.FundingBy = append(ir.FundingBy, SourceSeries{Instrument: instr.Meta().ID, Type: instr.Meta().Type, Amount: amt, PV: finance.PresentValue(amt, d)})
		}
		if fe, ok := instr.(fundsEnder); ok && contains(fe.Initiatives(), id) && fe.EndYear() > ir.FundsEnd {
			ir.FundsEnd = fe.EndYear()
		}
	}
	f := 1.0 // (1+d)^k
	for k := 0; k < h; k++ {
		if ir.FundsEnd != 0 && e.first+k > ir.FundsEnd {
			ir.GapAfterFundsEnd += ir.Gap[k]
			ir.PVGapAfterFundsEnd += ir.Gap[k] / f
		}
		f *= 1 + d
		if ir.FirstGapYear == 0 && ir.Gap[k] >= 1 {
			ir.FirstGapYear = e.first + k
		}
	}
	ir.Total = InitiativeTotals{ir.Need.Sum(), ir.Funded.Sum(), ir.Gap.Sum(), ir.Cost.Sum(), ir.Savings.Sum()}
	ir.PV = InitiativeTotals{finance.PresentValue(ir.Need, d), finance.PresentValue(ir.Funded, d), finance.PresentValue(ir.Gap, d), finance.PresentValue(ir.Cost, d), finance.PresentValue(ir.Savings, d)}
	return ir
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// clean returns a copy of s in which float dust (|x| < 1e-9 euro, the
// remainder of subtracting equal amounts) is 0, so that no table shows -0.
func clean(s []float64) Series {
	out := make(Series, len(s))
	for k, v := range s {
		if v > -1e-9 && v < 1e-9 {
			v = 0
		}
		out[k] = v
	}
	return out
}

// costBorne returns, at present value, who bears initiative i's cost: index
// 0 is the outside world, p+1 party p. A provider that carries its gap
// bears that part.
func (e *engine) costBorne(i int, ir *InitiativeResult, d float64) []float64 {
	out := make([]float64, e.np+1)
	for src, series := range e.tally.bear[i] {
		out[src] = finance.PresentValue(series, d)
	}
	if ir.GapRule == "provider" {
		out[source(e.provider[i])] += ir.PV.Gap
	}
	return out
}

func (e *engine) wrongPocket(r *Result) WrongPocket {
	d := r.DiscountRate
	wp := WrongPocket{}
	wp.Bearers = append(append(wp.Bearers, e.partyIDs...), "outside", "none")
	wp.Savers = append(append(wp.Savers, e.partyIDs...), "none")
	wp.Values = make([][]float64, len(wp.Bearers))
	for b := range wp.Values {
		wp.Values[b] = make([]float64, len(wp.Savers))
	}
	row := func(src int) int { // bearer index 0 = outside → row np
		if src == 0 {
			return e.np
		}
		return src - 1
	}
	for i := range r.Initiatives {
		ir := &r.Initiatives[i]
		cost := e.costBorne(i, ir, d)
		save := make([]float64, e.np)
		for _, ps := range ir.SavingsBy {
			save[e.Party(ps.Party)] = finance.PresentValue(ps.Amount, d)
		}
		c, s := floats(cost), floats(save)
		matched := min(c, s)
		for b, cb := range cost {
			if cb == 0 {
				continue
			}
			for p, sp := range save {
				if sp != 0 {
					wp.Values[row(b)][p] += cb / c * sp / s * matched
				}
			}
			if c > s {
				wp.Values[row(b)][e.np] += cb * (c - s) / c
			}
		}
		if s > c {
			for p, sp := range save {
				wp.Values[e.np+1][p] += sp * (s - c) / s
			}
		}
	}
	return wp
}

func floats(v []float64) float64 {
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t
}
