package sim

import (
	"slices"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/sim/finance"
)

// result builds the tables of a run from its tallies; with cases, the
// business case behind each cross-purchase too.
func (e *engine) result(cases bool) *Result {
	s := e.s
	d := s.Region.DiscountRate
	r := &Result{Scenario: s.Name(), Variant: s.Variant, File: s.File, FirstYear: e.first, DiscountRate: d}
	for k := 0; k < e.h; k++ {
		r.Years = append(r.Years, e.first+k)
	}
	for p, party := range s.Parties {
		pr := PartyResult{ID: party.ID, Name: party.Name, Kind: party.Kind, Domain: party.Domain,
			Paid: make(Series, e.h), Received: make(Series, e.h), Saved: make(Series, e.h), Legacy: make(Series, e.h), Net: make(Series, e.h)}
		pr.Total, pr.PV = e.partyFigures(p, pr.Paid, pr.Received, pr.Saved, pr.Legacy, pr.Net)
		r.Parties = append(r.Parties, pr)
	}
	newSeries := func() Series { return make(Series, e.h) }
	for i := range e.inits {
		ir := InitiativeResult{Need: newSeries(), Funded: newSeries(), Gap: newSeries(), Coverage: newSeries(), Cost: newSeries(), Savings: newSeries()}
		e.initiativeFigures(i, &ir, newSeries, true)
		r.Initiatives = append(r.Initiatives, ir)
	}
	for i, in := range e.instrs {
		ir := InstrumentResult{In: make(Series, e.h), Out: make(Series, e.h), Balance: make(Series, e.h)}
		e.instrumentFigures(i, &ir)
		ir.ClosingBySource = e.closingBySource(i)
		if rp, ok := e.runners[i].(instruments.Reporter); ok {
			for n, name := range rp.SeriesNames() {
				s := newSeries()
				rp.YearSeries(n, s)
				ir.Series = append(ir.Series, NamedSeries{name, s})
			}
			names := rp.Figures()
			vals := make([]float64, len(names))
			rp.FigureValues(vals)
			for n, name := range names {
				ir.Figures = append(ir.Figures, NamedValue{name, vals[n]})
			}
		}
		r.Instruments = append(r.Instruments, ir)
		if p, ok := in.(instruments.Profiled); ok {
			r.PhaseOuts = append(r.PhaseOuts, e.phaseOutResult(i, p))
		}
	}
	for _, run := range e.runners {
		if dr, ok := run.(instruments.Decider); ok {
			dec := dr.Decision()
			r.Purchases = append(r.Purchases, dec)
			if !cases {
				continue
			}
			bc, err := e.businessCase(CaseQuery{Initiative: dec.Initiative, Buyer: dec.Buyer})
			if err != nil {
				bc = nil // the initiative is switched off: no case
			}
			r.Cases = append(r.Cases, bc)
		}
	}
	r.WrongPocket = e.newWrongPocket()
	e.wrongPocket(r.Initiatives, r.WrongPocket.Values)
	r.WrongPocket.totals()
	r.Totals = totals(r)
	r.Contributions = e.contributions()
	// Empty lists stay lists in JSON ([], not null).
	r.Purchases = nonNil(r.Purchases)
	r.Cases = nonNil(r.Cases)
	r.PhaseOuts = nonNil(r.PhaseOuts)
	for i := range r.Initiatives {
		r.Initiatives[i].FundingBy = nonNil(r.Initiatives[i].FundingBy)
		r.Initiatives[i].SavingsBy = nonNil(r.Initiatives[i].SavingsBy)
	}
	for f, id := range e.flowIDs {
		r.Flows = append(r.Flows, FlowResult{ID: id, Name: s.Flows[f].Name, From: s.Flows[f].From, To: s.Flows[f].To, Stream: e.flowStream[f],
			Baseline: slices.Clone(e.flowBase[f]), Level: slices.Clone(e.flowLevel[f])})
	}
	r.Flows = nonNil(r.Flows)
	r.Initiatives = nonNil(r.Initiatives)
	r.Instruments = nonNil(r.Instruments)
	return r
}

// partyFigures fills a party's yearly paid and received (through
// instruments; refunds lower what it paid), saved, legacy (the change of
// its baseline income) and net (received − paid + saved + legacy), and
// returns their totals and present values (with nil series: only
// those). Tables and outcomes both come from here.
func (e *engine) partyFigures(p int, paid, received, saved, legacy, net Series) (total, pv Summary) {
	t := e.tally
	// One pass: the sums and present values in the order of the years.
	disc := e.disc
	for k := range e.h {
		rf := t.refund[p][k]
		pd := cleaned(t.paid[p][k] - t.legacyOut[p][k] - rf)
		r := cleaned(t.received[p][k] - t.legacyIn[p][k] - rf)
		s := cleaned(t.saved[p][k])
		lg := cleaned(t.legacyIn[p][k] - t.legacyOut[p][k])
		n := r - pd + s + lg
		if net != nil {
			paid[k], received[k], saved[k], legacy[k], net[k] = pd, r, s, lg, n
		}
		total.Paid += pd
		total.Received += r
		total.Saved += s
		total.Legacy += lg
		total.Net += n
		pv.Paid += pd * disc[k]
		pv.Received += r * disc[k]
		pv.Saved += s * disc[k]
		pv.Legacy += lg * disc[k]
		pv.Net += n * disc[k]
	}
	return total, pv
}

// instrumentFigures fills an instrument's yearly in, out and pot balance
// (for a phase-out: legacy freed and converted).
func (e *engine) instrumentFigures(i int, ir *InstrumentResult) {
	t := e.tally
	m := e.instrs[i].Meta()
	ir.ID, ir.Type, ir.Name = m.ID, m.Type, m.Name
	_, isPhaseOut := e.instrs[i].(instruments.FlowClaimer)
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
	cleanInto(ir.Balance, ir.Balance)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (e *engine) phaseOutResult(i int, p instruments.Profiled) PhaseOutResult {
	flowID, first, last := p.ClaimsFlow()
	f := e.Flow(flowID)
	m := e.instrs[i].Meta()
	pr := PhaseOutResult{ID: m.ID, Flow: flowID, First: first, Last: last, Profile: p.ProfileName(),
		Baseline: slices.Clone(e.flowBase[f]), Level: slices.Clone(e.flowLevel[f]), Freed: make(Series, e.h), Converted: clean(e.tally.conv[i]), Kept: clean(e.tally.cut[i])}
	pr.Paths = map[string]Series{}
	for _, profile := range instruments.Profiles {
		path := make(Series, e.h)
		for k := range path {
			path[k] = pr.Baseline[k] * p.LevelShare(profile, e.first+k, e.s.Region.DiscountRate)
		}
		pr.Paths[profile] = path
	}
	for k := range pr.Freed {
		pr.Freed[k] = pr.Converted[k] + pr.Kept[k]
	}
	return pr
}

// initiativeFigures fills an initiative's figures into ir, whose yearly
// series (Need, Funded, Gap, Coverage, Cost, Savings) are given; the
// series of its sources and savers come from newSeries (those of its
// sources only with funding: the tables show them, no outcome does).
// Tables and outcomes both come from here.
func (e *engine) initiativeFigures(i int, ir *InitiativeResult, newSeries func() Series, funding bool) {
	in := e.inits[i]
	h := e.h
	ir.ID, ir.Name, ir.Provider, ir.GapRule = in.ID, in.Name, in.Provider, in.Gap
	disc := e.disc
	provider := in.Gap == "provider"
	clear(ir.Savings)
	ir.SavingsBy = ir.SavingsBy[:0]
	for _, sp := range e.savers[i] { // parties in order, as the savings are booked
		amt := newSeries()
		ps := PartySeries{Party: e.partyIDs[sp.p], Amount: amt, account: sp.p}
		for k := range amt {
			v := e.plannedSave[i][sp.p][k] * e.scale[i][k]
			amt[k] = v
			ir.Savings[k] += v
			ps.Total += v
			ps.PV += v * disc[k]
		}
		if ps.Total > 0 {
			ir.SavingsBy = append(ir.SavingsBy, ps)
		}
	}
	var tot, pv InitiativeTotals
	for k := 0; k < h; k++ {
		need, funded := e.need[i][k], cleaned(e.funded[i][k])
		gap, cov, cost := cleaned(need-funded), 1.0, funded
		if need > 0 {
			cov = funded / need
		}
		if provider {
			cost = need
		}
		save := ir.Savings[k]
		ir.Need[k], ir.Funded[k], ir.Gap[k], ir.Coverage[k], ir.Cost[k] = need, funded, gap, cov, cost
		tot.Need += need
		tot.Funded += funded
		tot.Gap += gap
		tot.Cost += cost
		tot.Savings += save
		pv.Need += need * disc[k]
		pv.Funded += funded * disc[k]
		pv.Gap += gap * disc[k]
		pv.Cost += cost * disc[k]
		pv.Savings += save * disc[k]
	}
	ir.Total, ir.PV = tot, pv
	ir.FundingBy = ir.FundingBy[:0]
	if funding { // by source: the tables only
		for n, instr := range e.instrs {
			src := e.tally.funding[i][n]
			if Series(src).Sum() > 0 {
				amt := newSeries()
				copy(amt, src)
				ir.FundingBy = append(ir.FundingBy, SourceSeries{Instrument: instr.Meta().ID, Type: instr.Meta().Type, Amount: amt,
					Total: amt.Sum(), PV: e.pv(amt)})
			}
		}
	}
	ir.FundsEnd = 0
	for _, end := range e.ends {
		if slices.Contains(end.inits, i) && end.fe.EndYear() > ir.FundsEnd {
			ir.FundsEnd = end.fe.EndYear()
		}
	}
	ir.GapAfterFundsEnd, ir.PVGapAfterFundsEnd, ir.FirstGapYear, ir.GapYears = 0, 0, 0, 0
	for k := 0; k < h; k++ {
		if ir.FundsEnd != 0 && e.first+k > ir.FundsEnd {
			ir.GapAfterFundsEnd += ir.Gap[k]
			ir.PVGapAfterFundsEnd += ir.Gap[k] * disc[k]
		}
		if ir.Gap[k] >= 1 {
			ir.GapYears++
			if ir.FirstGapYear == 0 {
				ir.FirstGapYear = e.first + k
			}
		}
	}
	ir.HorizonCoverage = 1
	if ir.Total.Need > 0 {
		ir.HorizonCoverage = ir.Total.Funded / ir.Total.Need
	}
	for n := range ir.FundingBy {
		ir.FundingBy[n].Share = share(ir.FundingBy[n].Total, ir.Total.Need)
	}
	ir.GapShare = share(ir.Total.Gap, ir.Total.Need)
	ir.RemainingGap, ir.RemainingNeed = 0, 0
	if ir.FirstGapYear != 0 {
		k0 := ir.FirstGapYear - e.first
		ir.RemainingGap, ir.RemainingNeed = ir.Gap[k0:].Sum(), ir.Need[k0:].Sum()
	}
}

// share is part / whole, 0 when the whole is not positive.
func share(part, whole float64) float64 {
	if whole > 0 {
		return part / whole
	}
	return 0
}

// clean returns a copy of s in which float dust (|x| < 1e-9 euro, the
// remainder of subtracting equal amounts) is 0, so that no table shows -0.
func clean(s []float64) Series {
	out := make(Series, len(s))
	cleanInto(out, s)
	return out
}

// cleanInto is clean into dst (which may be s itself).
func cleanInto(dst, s []float64) {
	for k, v := range s {
		dst[k] = cleaned(v)
	}
}

// cleaned is v, or 0 for float dust.
func cleaned(v float64) float64 {
	if v > -1e-9 && v < 1e-9 {
		return 0
	}
	return v
}

// newWrongPocket returns an empty wrong-pocket matrix of the run's
// parties.
func (e *engine) newWrongPocket() WrongPocket {
	wp := WrongPocket{}
	wp.Bearers = append(append(wp.Bearers, e.partyIDs...), "outside", "none")
	wp.Savers = append(append(wp.Savers, e.partyIDs...), "none")
	wp.Values = grid(len(wp.Bearers), len(wp.Savers))
	return wp
}

// wrongPocket fills the wrong-pocket matrix (values, zeroed first) from
// the initiatives' figures: who bears each one's cost (money traced back
// through the pots to whoever put it in, and the gap a provider carries)
// against whose savings, at present value, matched pro rata.
//
// It also sets each initiative's WrongPocketShare.
func (e *engine) wrongPocket(inits []InitiativeResult, values [][]float64) {
	for _, row := range values {
		clear(row)
	}
	row := func(src int) int { // bearer index 0 = outside → row np
		if src == 0 {
			return e.np
		}
		return src - 1
	}
	cost, save := e.wpCost, e.wpSave
	for i := range inits {
		ir := &inits[i]
		for src, series := range e.tally.bear[i] {
			cost[src] = e.pv(series)
		}
		if ir.GapRule == "provider" {
			cost[source(e.provider[i])] += ir.PV.Gap
		}
		clear(save)
		for _, ps := range ir.SavingsBy {
			save[ps.account] = ps.PV
		}
		c, s := sum(cost), sum(save)
		elsewhere := 0.0
		for p, sp := range save {
			if cost[p+1] == 0 {
				elsewhere += sp
			}
		}
		ir.WrongPocketShare = share(elsewhere, s)
		matched := min(c, s)
		for b, cb := range cost {
			if cb == 0 {
				continue
			}
			for p, sp := range save {
				if sp != 0 {
					values[row(b)][p] += cb / c * sp / s * matched
				}
			}
			if c > s {
				values[row(b)][e.np] += cb * (c - s) / c
			}
		}
		if s > c {
			for p, sp := range save {
				values[e.np+1][p] += sp * (s - c) / s
			}
		}
	}
}

// totals sets the row and column sums of the matrix.
func (wp *WrongPocket) totals() {
	wp.BearerTotals = make([]float64, len(wp.Bearers))
	wp.SaverTotals = make([]float64, len(wp.Savers))
	for b, row := range wp.Values {
		for s, v := range row {
			wp.BearerTotals[b] += v
			wp.SaverTotals[s] += v
		}
	}
}

// totals adds up the initiatives and instruments of a result: the
// region's figures.
func totals(r *Result) RegionTotals {
	h := len(r.Years)
	t := RegionTotals{GapByYear: make(Series, h), FundingByYear: make(Series, h)}
	for i := range r.Initiatives {
		in := &r.Initiatives[i]
		t.Total.Need += in.Total.Need
		t.Total.Funded += in.Total.Funded
		t.Total.Gap += in.Total.Gap
		t.Total.Cost += in.Total.Cost
		t.Total.Savings += in.Total.Savings
		t.PV.Need += in.PV.Need
		t.PV.Funded += in.PV.Funded
		t.PV.Gap += in.PV.Gap
		t.PV.Cost += in.PV.Cost
		t.PV.Savings += in.PV.Savings
		t.PVGapAfterFundsEnd += in.PVGapAfterFundsEnd
		if in.Total.Gap >= 1 {
			t.Unfunded++
		}
		for k := 0; k < h; k++ {
			t.GapByYear[k] += in.Gap[k]
			t.FundingByYear[k] += in.Funded[k]
		}
	}
	at := map[string]int{}
	for _, in := range r.Instruments {
		at[in.ID] = len(t.FundingBySource)
		t.FundingBySource = append(t.FundingBySource, SourceSeries{Instrument: in.ID, Type: in.Type, Amount: make(Series, h)})
	}
	for i := range r.Initiatives {
		for _, fb := range r.Initiatives[i].FundingBy {
			n, ok := at[fb.Instrument]
			if !ok {
				n = len(t.FundingBySource)
				at[fb.Instrument] = n
				t.FundingBySource = append(t.FundingBySource, SourceSeries{Instrument: fb.Instrument, Type: fb.Type, Amount: make(Series, h)})
			}
			for k := 0; k < h && k < len(fb.Amount); k++ {
				t.FundingBySource[n].Amount[k] += fb.Amount[k]
			}
		}
	}
	for n := range t.FundingBySource {
		src := &t.FundingBySource[n]
		src.Total = src.Amount.Sum()
		src.PV = finance.PresentValue(src.Amount, r.DiscountRate)
		src.Share = share(src.Total, t.Total.Need)
	}
	return t
}

// sum adds up v in order (the order matters for the last bits).
func sum(v []float64) float64 {
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t
}

// pv is the present value of a yearly series of the horizon at the
// region's discount rate, by the run's discount factors:
//
//	PV = Σ_k x_k × 1/(1+d)^k
func (e *engine) pv(x []float64) float64 {
	pv := 0.0
	for k, v := range x {
		pv += v * e.disc[k]
	}
	return pv
}

// discount sets the run's discount factors 1/(1+d)^k.
func (e *engine) discount() {
	d := e.s.Region.DiscountRate
	f := 1.0
	for k := range e.disc {
		e.disc[k] = 1 / f
		f *= 1 + d
	}
}

// closingBySource is who put in what instrument i's pot holds at the end,
// from the pot's balance by source, largest first.
func (e *engine) closingBySource(i int) []SourceAmount {
	out := []SourceAmount{}
	if e.balance[e.np+i] < 0.5 {
		return out
	}
	for src, v := range e.tally.comp[i] {
		if v < 0.5 {
			continue
		}
		name := "outside"
		if src > 0 {
			name = e.partyIDs[src-1]
		}
		out = append(out, SourceAmount{Source: name, Amount: v})
	}
	slices.SortStableFunc(out, func(a, b SourceAmount) int {
		switch {
		case a.Amount > b.Amount:
			return -1
		case a.Amount < b.Amount:
			return 1
		}
		return 0
	})
	return out
}

// contributions lists, per party and instrument, what the party paid
// through it and got back, for every pair with money.
func (e *engine) contributions() []Contribution {
	out := []Contribution{}
	t := e.tally
	for p, id := range e.partyIDs {
		for n, in := range e.instrs {
			if !anyMoney(t.partyPaid[p][n]) && !anyMoney(t.partyGot[p][n]) {
				continue
			}
			paid, got := clean(t.partyPaid[p][n]), clean(t.partyGot[p][n])
			out = append(out, Contribution{Party: id, Instrument: in.Meta().ID, Type: in.Meta().Type, Paid: paid, Received: got,
				PaidTotal: paid.Sum(), ReceivedTot: got.Sum(), PaidPV: e.pv(paid), ReceivedPV: e.pv(got)})
		}
	}
	return out
}

// anyMoney reports whether a series holds more than float dust.
func anyMoney(s []float64) bool {
	for _, v := range s {
		if cleaned(v) != 0 {
			return true
		}
	}
	return false
}
