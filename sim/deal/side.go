package deal

import (
	"fmt"
	"slices"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// dealTypes are the instruments a regional table agrees on (the deal);
// transformation funds and phase-outs are given from outside and stay.
var dealTypes = []string{"wallet", "surcharge", "cross_purchase", "revolving_fund", "pooled_purchase", "regional_budget"}

// Side are side payments between the parties: with the scenario's
// instruments as they are, the least money moved between parties so that
// none is worse off than without the deal's instruments (its status quo)
// or below its floor.
type Side struct {
	Parties []SideParty
	Moved   float64 // the sum paid (= the sum received), PV
	// Infeasible: the gains do not cover the losses; Short is by how much.
	Infeasible bool
	Short      float64
	// Off are the instruments switched off for the status quo.
	Off []string
}

// SideParty is a party's side payment: received (+) or paid (−), PV.
type SideParty struct {
	ID, Name               string
	StatusQuo, Floor       float64
	HasFloor               bool
	Before, Payment, After float64
}

// SidePayments finds them: each party below its floor receives exactly its
// shortfall (the least money that can be moved), and the parties above
// their floors pay it pro rata to their room above them; none can when
// the gains fall short of the losses.
func SidePayments(s *scenarios.Scenario, floors map[string]float64) (*Side, error) {
	var probs scenarios.Problems
	for p := range floors {
		if _, ok := s.Party(p); !ok {
			probs = append(probs, scenarios.Problem{Key: "--floor " + p, Msg: fmt.Sprintf("%q is not a party at the table", p)})
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	with, err := sim.Run(s, sim.Options{})
	if err != nil {
		return nil, err
	}
	res := &Side{}
	for _, in := range s.Instruments {
		if in != nil && slices.Contains(dealTypes, in.Meta().Type) && !s.Disabled(in.Meta().ID) {
			res.Off = append(res.Off, in.Meta().ID)
		}
	}
	sq := s.Copy()
	if err := sq.Apply(res.Off, nil); err != nil {
		return nil, err
	}
	without, err := sim.Run(sq, sim.Options{})
	if err != nil {
		return nil, err
	}
	need := 0.0 // Σ of the shortfalls below the floors
	gain := 0.0 // Σ of the room above them
	for i, p := range with.Parties {
		sp := SideParty{ID: p.ID, Name: p.Name, StatusQuo: without.Parties[i].PV.Net, Before: p.PV.Net}
		sp.Floor = sp.StatusQuo
		if f, ok := floors[p.ID]; ok {
			sp.Floor, sp.HasFloor = f, true
		}
		if d := sp.Before - sp.Floor; d < 0 {
			need -= d
		} else {
			gain += d
		}
		res.Parties = append(res.Parties, sp)
	}
	if need > gain+cent {
		res.Infeasible, res.Short = true, need-gain
		for i := range res.Parties {
			res.Parties[i].After = res.Parties[i].Before
		}
		return res, nil
	}
	// Each party below its floor receives exactly its shortfall, the
	// least that can be moved; those above theirs pay it, pro rata to
	// their room above their floor (every gain shares alike).
	for i := range res.Parties {
		p := &res.Parties[i]
		switch d := p.Before - p.Floor; {
		case d < 0:
			p.Payment = -d
		case d > 0 && gain > 0:
			p.Payment = -need * d / gain
		}
		p.After = p.Before + p.Payment
		if p.Payment > 0 {
			res.Moved += p.Payment
		}
	}
	return res, nil
}
