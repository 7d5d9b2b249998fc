package sim

import (
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim/finance"
	"github.com/regiosim/regiosim/sim/ledger"
)

// CaseQuery asks for the business case of one initiative for one buyer.
// Zero values take the terms of a cross_purchase of that buyer for that
// initiative when the scenario has one, else the defaults: the initiative's
// start, the rest of the horizon, share 1, threshold 1, the region's rate.
type CaseQuery struct {
	Initiative string
	Buyer      string // default: the cross-purchase's buyer, else the party that saves most
	Window     int
	Threshold  float64
}

// BusinessCase is the ex-ante business case of an initiative: its full
// planned cost against the savings it plans for every party, over the
// window of years from the decision year, at present value to that year.
type BusinessCase struct {
	Initiative   string  `json:"initiative"`
	Name         string  `json:"name"`
	Variant      string  `json:"variant,omitempty"` // the scenario's variant, if one was applied
	Buyer        string  `json:"buyer"`
	BuyerKind    string  `json:"buyer_kind"`
	Instrument   string  `json:"instrument,omitempty"` // the cross_purchase whose terms apply
	DecisionYear int     `json:"decision_year"`
	Window       int     `json:"window"`
	Share        float64 `json:"share"`
	Threshold    float64 `json:"threshold"`
	Rate         float64 `json:"discount_rate"`

	Years      []int         `json:"years"`
	Cost       Series        `json:"cost"`       // the full planned cost
	BuyerCost  Series        `json:"buyer_cost"` // share × cost
	Savings    []PartySeries `json:"savings"`    // planned, by party
	BuyerNet   Series        `json:"buyer_net"`  // the buyer's savings − its cost
	SocietyNet Series        `json:"society_net"`

	PVCost         float64 `json:"pv_cost"`
	PVBuyerCost    float64 `json:"pv_buyer_cost"`
	PVBuyerSavings float64 `json:"pv_buyer_savings"`
	PVSavings      float64 `json:"pv_savings"`
	PVBuyerNet     float64 `json:"pv_buyer_net"`
	PVSocietyNet   float64 `json:"pv_society_net"`

	BuyerRatio     float64  `json:"buyer_ratio"` // 0 when nothing costs
	SocietyRatio   float64  `json:"society_ratio"`
	BuyerPayback   *int     `json:"buyer_payback_year"` // nil (null): not within the window
	SocietyPayback *int     `json:"society_payback_year"`
	BuyerIRR       *float64 `json:"buyer_irr"` // nil: none (no sign change)
	SocietyIRR     *float64 `json:"society_irr"`

	// WrongPocket is the share of all savings that lands with others than
	// the buyer; Others lists those savings by kind of party, largest first.
	WrongPocket float64     `json:"wrong_pocket_share"`
	Others      []KindShare `json:"others"`

	Closes bool `json:"closes"`
	// ClosesWithin is, for a case that fails only for want of time, the
	// shortest window (in years, up to 30) in which it would close; 0 else.
	ClosesWithin int `json:"closes_within,omitempty"`
}

// KindShare is a share of the savings landing with parties of one kind.
type KindShare struct {
	Kind    string  `json:"kind"`
	Parties int     `json:"parties"` // how many parties of that kind save
	Share   float64 `json:"share"`
}

// maxWindow bounds the search for a window in which a case would close.
const maxWindow = 30

// Case computes the business case of an initiative for a buyer.
func Case(s *scenarios.Scenario, q CaseQuery) (*BusinessCase, error) {
	m, err := Compile(s)
	if err != nil {
		return nil, err
	}
	return m.NewState().Case(q)
}

// Case computes a business case with the state's values as last run (or
// as given, before any run). Its planned figures do not depend on how the
// run funded the initiative.
func (st *State) Case(q CaseQuery) (*BusinessCase, error) {
	st.e.derive()
	return st.e.businessCase(q)
}

func (e *engine) businessCase(q CaseQuery) (*BusinessCase, error) {
	s := e.s
	i := e.Initiative(q.Initiative)
	if i < 0 {
		return nil, fmt.Errorf("sim: no active initiative %q", q.Initiative)
	}
	in := e.inits[i]
	bc := &BusinessCase{Initiative: in.ID, Name: in.Name, Variant: s.Variant, Buyer: q.Buyer, Share: 1, Threshold: 1}
	bc.DecisionYear, bc.Window, bc.Rate = in.Start, e.first+e.h-in.Start, s.Region.DiscountRate
	for _, instr := range e.instrs {
		p, ok := instr.(instruments.Purchaser)
		if !ok {
			continue
		}
		if t := p.Terms(in.Start, e.first, e.h, s.Region.DiscountRate); t.Initiative == in.ID && (q.Buyer == "" || q.Buyer == t.Buyer) {
			bc.Instrument, bc.Buyer, bc.Share, bc.Threshold = t.Instrument, t.Buyer, t.Share, t.Threshold
			bc.DecisionYear, bc.Window, bc.Rate = t.Year, t.Window, t.Rate
			break
		}
	}
	if bc.Buyer == "" {
		bc.Buyer = topSaver(in)
	}
	if q.Window > 0 {
		bc.Window = q.Window
	}
	if q.Threshold > 0 {
		bc.Threshold = q.Threshold
	}
	buyer := e.Party(bc.Buyer)
	if buyer == ledger.Outside {
		return nil, fmt.Errorf("sim: no party %q", bc.Buyer)
	}
	p, _ := s.Party(bc.Buyer)
	bc.BuyerKind = p.Kind
	bc.evaluate(e, i, buyer)
	if !bc.Closes && bc.Window < maxWindow {
		bc.ClosesWithin = e.closesWithin(bc, i, buyer)
	}
	bc.Savings, bc.Others = nonNil(bc.Savings), nonNil(bc.Others) // [] in JSON, not null
	return bc, nil
}

// closesWithin returns the shortest window, beyond the case's own and up
// to maxWindow years, in which the buyer's ratio reaches the threshold, or
// 0. The present values grow year by year, so one pass suffices.
func (e *engine) closesWithin(bc *BusinessCase, i int, buyer ledger.Account) int {
	save, cost, f := 0.0, 0.0, 1.0
	for t := 0; t < maxWindow; t++ {
		year := bc.DecisionYear + t
		save += e.PlannedSaving(i, buyer, year) / f
		cost += bc.Share * e.PlannedCost(i, year) / f
		f *= 1 + bc.Rate
		if w := t + 1; w > bc.Window {
			if ratio, ok := finance.Ratio(save, cost); !ok || ratio >= bc.Threshold {
				return w
			}
		}
	}
	return 0
}

// evaluate fills the series and figures for the case's window.
func (bc *BusinessCase) evaluate(e *engine, i int, buyer ledger.Account) {
	w := bc.Window
	bc.Years = make([]int, w)
	bc.Cost, bc.BuyerCost, bc.BuyerNet, bc.SocietyNet = make(Series, w), make(Series, w), make(Series, w), make(Series, w)
	bc.Savings = nil
	total := make(Series, w)
	kinds := map[string]float64{}
	count := map[string]int{}
	for p, pid := range e.partyIDs {
		amt := make(Series, w)
		for t := range amt {
			amt[t] = e.PlannedSaving(i, ledger.Account(p), bc.DecisionYear+t)
			total[t] += amt[t]
		}
		if amt.Sum() > 0 {
			// Total and PV over the window, at the case's rate to the decision year.
			bc.Savings = append(bc.Savings, PartySeries{Party: pid, Amount: amt, Total: amt.Sum(), PV: finance.PresentValue(amt, bc.Rate), account: p})
			if ledger.Account(p) != buyer {
				kinds[e.s.Parties[p].Kind] += finance.PresentValue(amt, bc.Rate)
				count[e.s.Parties[p].Kind]++
			}
		}
	}
	buyerSave := make(Series, w)
	for t := range bc.Years {
		year := bc.DecisionYear + t
		bc.Years[t] = year
		bc.Cost[t] = e.PlannedCost(i, year)
		bc.BuyerCost[t] = bc.Share * bc.Cost[t]
		buyerSave[t] = e.PlannedSaving(i, buyer, year)
		bc.BuyerNet[t] = buyerSave[t] - bc.BuyerCost[t]
		bc.SocietyNet[t] = total[t] - bc.Cost[t]
	}
	pv := func(s Series) float64 { return finance.PresentValue(s, bc.Rate) }
	bc.PVCost, bc.PVBuyerCost, bc.PVBuyerSavings, bc.PVSavings = pv(bc.Cost), pv(bc.BuyerCost), pv(buyerSave), pv(total)
	bc.PVBuyerNet, bc.PVSocietyNet = pv(bc.BuyerNet), pv(bc.SocietyNet)
	var hasCost bool
	bc.BuyerRatio, hasCost = finance.Ratio(bc.PVBuyerSavings, bc.PVBuyerCost)
	bc.SocietyRatio, _ = finance.Ratio(bc.PVSavings, bc.PVCost)
	bc.Closes = !hasCost || bc.BuyerRatio >= bc.Threshold
	bc.BuyerPayback = paybackYear(bc.BuyerNet, bc.Rate, bc.DecisionYear)
	bc.SocietyPayback = paybackYear(bc.SocietyNet, bc.Rate, bc.DecisionYear)
	bc.BuyerIRR = irr(bc.BuyerNet)
	bc.SocietyIRR = irr(bc.SocietyNet)
	bc.WrongPocket, bc.Others = 0, nil
	if bc.PVSavings > 0 {
		bc.WrongPocket = 1 - bc.PVBuyerSavings/bc.PVSavings
		for k, v := range kinds {
			bc.Others = append(bc.Others, KindShare{Kind: k, Parties: count[k], Share: v / bc.PVSavings})
		}
		sort.Slice(bc.Others, func(a, b int) bool {
			if bc.Others[a].Share != bc.Others[b].Share {
				return bc.Others[a].Share > bc.Others[b].Share
			}
			return bc.Others[a].Kind < bc.Others[b].Kind
		})
	}
}

func paybackYear(net Series, d float64, first int) *int {
	if k := finance.Payback(net, d); k >= 0 {
		y := first + k
		return &y
	}
	return nil
}

func irr(cf Series) *float64 {
	if r, ok := finance.IRR(cf); ok {
		return &r
	}
	return nil
}

// topSaver is the party with the largest planned savings of an initiative.
func topSaver(in *scenarios.Initiative) string {
	best, bestV := "", -1.0
	for _, pid := range slices.Sorted(maps.Keys(in.Savings)) {
		if v := in.Savings[pid]; v > bestV {
			best, bestV = pid, v
		}
	}
	return best
}
