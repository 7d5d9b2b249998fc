package sim

import "github.com/regiosim/regiosim/sim/ledger"

// result builds the tables of a run from its tallies.
func (e *engine) result() *Result {
	s := e.s
	d := s.Region.DiscountRate
	r := &Result{Scenario: s.Name(), File: s.File, FirstYear: e.first, DiscountRate: d, Ledger: e.entries}
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
		pr.PV = Summary{PresentValue(pr.Paid, d), PresentValue(pr.Received, d), PresentValue(pr.Saved, d), PresentValue(pr.Net, d)}
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
				ir.In[k], ir.Out[k] = t.cut[i][k], t.conv[i][k] // legacy freed, converted
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
	for f, id := range e.flowIDs {
		r.Flows = append(r.Flows, FlowResult{ID: id, From: s.Flows[f].From, To: s.Flows[f].To, Stream: e.flowStream[f],
			Baseline: e.flowBase[f], Level: e.flowLevel[f]})
	}
	return r
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
		Baseline: e.flowBase[f], Level: e.flowLevel[f], Freed: clean(e.tally.cut[i]), Converted: clean(e.tally.conv[i]), Kept: make(Series, e.h)}
	if p, ok := e.instrs[i].(interface{ ProfileName() string }); ok {
		pr.Profile = p.ProfileName()
	}
	for k := range pr.Kept {
		pr.Kept[k] = pr.Freed[k] - pr.Converted[k]
	}
	pr.Kept = clean(pr.Kept)
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
			ir.FundingBy = append(ir.FundingBy, SourceSeries{Instrument: instr.Meta().ID, Type: instr.Meta().Type, Amount: amt})
		}
		if fe, ok := instr.(fundsEnder); ok && contains(fe.Initiatives(), id) && fe.EndYear() > ir.FundsEnd {
			ir.FundsEnd = fe.EndYear()
		}
	}
	for k := 0; k < h; k++ {
		if ir.FundsEnd != 0 && e.first+k > ir.FundsEnd {
			ir.GapAfterFundsEnd += ir.Gap[k]
		}
		if ir.FirstGapYear == 0 && ir.Gap[k] >= 1 {
			ir.FirstGapYear = e.first + k
		}
	}
	ir.Total = InitiativeTotals{ir.Need.Sum(), ir.Funded.Sum(), ir.Gap.Sum(), ir.Cost.Sum(), ir.Savings.Sum()}
	ir.PV = InitiativeTotals{PresentValue(ir.Need, d), PresentValue(ir.Funded, d), PresentValue(ir.Gap, d), PresentValue(ir.Cost, d), PresentValue(ir.Savings, d)}
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

var _ = ledger.Outside
