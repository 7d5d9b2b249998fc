// Package deal finds a fair deal for a regional wallet: per-party
// contribution rates under which every initiative the wallet funds is
// funded in every year and no party is worse off than without the wallet
// (its status quo) or below a floor it names.
//
// While every initiative is fully funded, the savings do not depend on the
// rates and each party's contributions are linear in its rate, so the deal
// is a linear program. With T[p][k] what a rate of 1 takes from party p in
// year k, o[k] the wallet's other money in (conversions, budgets) and n[k]
// what it pays out at full funding, its balance
//
//	b[k] = b[k−1] × (1 + interest) + o[k] + Σ_p r[p] × T[p][k] − n[k] ≥ 0
//
// in every year keeps every initiative funded, and party p's net present
// value is net_ref[p] − (r[p] − r_ref[p]) × PV(T[p]), from one engine run at
// reference rates r_ref that fund everything. The program (gonum's
// optimize/convex/lp) minimises the contributions' present value, or
// maximises the smallest net present value relative to turnover (max-min);
// the answer is then verified by running the engine with the rates.
package deal

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// Objectives a deal may optimise.
const (
	Least  = "least"   // the least contribution at present value
	MaxMin = "max-min" // the most equal outcome: the smallest gain over its floor relative to turnover, as high as can be
)

// Options are the table's terms.
type Options struct {
	Wallet    string
	Objective string                // Least (default) or MaxMin
	MaxRate   float64               // every contributor's highest rate (default 0.02)
	Bounds    map[string][2]float64 // per party: lowest and highest rate
	Floors    map[string]float64    // per party: the least net PV it accepts (instead of its status quo)
	// MaxGap lets the wallet's initiatives fall short by up to this much
	// in a year (euros). Savings then shrink with the coverage, outside the
	// linear model: the verifying run says whether the floors still hold.
	MaxGap float64

	// undusted: the deal is solved again with the simplex's dust rates
	// held at their lowest (once)
	undusted bool
}

// Party is one party's place in the deal.
type Party struct {
	ID, Name    string
	Contributor bool
	Rate        float64 // the deal's rate (contributors)
	FirstYear   float64 // what the rate takes in the first year it collects
	PVPaid      float64 // what it pays into the wallet at present value
	StatusQuo   float64 // net PV without the wallet
	Floor       float64 // the least it accepts: its floor, else its status quo
	HasFloor    bool
	Net         float64 // net PV with the deal (verified by a run)
	Binding     bool    // its net PV is at its floor or status quo
	AtBound     string  // "low" or "high" when its rate is at a bound
}

// Result is a deal, or why there is none.
type Result struct {
	Wallet    string
	Objective string
	Parties   []Party
	TotalPV   float64 // contributions at present value
	// Verified: a run with the rates leaves no gap in the wallet's
	// initiatives and no party below its floor, to the cent.
	Verified bool
	MaxGap   float64 // the largest gap in any year of the verifying run
	// Infeasible, when set, says why no deal exists ("funding": not even
	// the highest rates fund everything; "floor": not every party can get
	// back to its floor); Shortfall is then the least by which each floor
	// must give, and the deal's parties are the best achievable: the deal
	// with those floors lowered by their shortfall.
	Infeasible string
	Shortfall  map[string]float64
	// GapAtMax is the total gap (PV) that remains even at every party's
	// highest rate, when funding alone cannot be had.
	GapAtMax float64
	// AllowedGap is the gap a year the terms allowed (Options.MaxGap).
	AllowedGap float64
}

// cent: differences below half a cent are none.
const cent = 0.005

// rateDust is a rate too small to be one: a millionth of a percent (€ 10
// a year on a turnover of a billion).
const rateDust = 1e-8

// zShift keeps max-min's z, the smallest net PV per euro of turnover, at
// z' − zShift with z' ≥ 0 (no party loses ten times its turnover).
const zShift = 10

// Solve finds the deal for s (a checked scenario).
func Solve(s *scenarios.Scenario, o Options) (*Result, error) {
	in, ok := s.Instrument(o.Wallet)
	if !ok || s.Disabled(o.Wallet) {
		return nil, &scenarios.PathError{Path: o.Wallet, Msg: "is no wallet of the scenario", Hint: scenarios.Suggest(o.Wallet, wallets(s))}
	}
	w, ok := in.(*instruments.Wallet)
	if !ok {
		return nil, &scenarios.PathError{Path: o.Wallet, Msg: fmt.Sprintf("is a %s, not a wallet", in.Meta().Type), Hint: scenarios.Suggest(o.Wallet, wallets(s))}
	}
	if o.Objective == "" {
		o.Objective = Least
	}
	if o.MaxRate == 0 {
		o.MaxRate = 0.02
	}
	var probs scenarios.Problems
	for p, b := range o.Bounds {
		if !slices.Contains(w.Contributors, p) {
			probs = append(probs, scenarios.Problem{Key: "--rate-bound " + p, Msg: fmt.Sprintf("%q does not contribute to wallet %s", p, o.Wallet), Hint: scenarios.Suggest(p, w.Contributors)})
		} else if !(b[0] >= 0 && b[0] <= b[1] && b[1] <= 1) {
			probs = append(probs, scenarios.Problem{Key: "--rate-bound " + p, Msg: fmt.Sprintf("%v:%v is not a range of rates: 0 ≤ LOW ≤ HIGH ≤ 1", b[0], b[1])})
		}
	}
	for p := range o.Floors {
		if _, ok := s.Party(p); !ok {
			var ids []string
			for _, q := range s.Parties {
				ids = append(ids, q.ID)
			}
			probs = append(probs, scenarios.Problem{Key: "--floor " + p, Msg: fmt.Sprintf("%q is not a party at the table", p), Hint: scenarios.Suggest(p, ids)})
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	contrib := w.Contributors
	lo, hi := make([]float64, len(contrib)), make([]float64, len(contrib))
	for n, p := range contrib {
		lo[n], hi[n] = 0, o.MaxRate
		if b, ok := o.Bounds[p]; ok {
			lo[n], hi[n] = b[0], b[1]
		}
	}

	// The status quo: the wallet switched off.
	sq := s.Copy()
	if err := sq.Apply([]string{o.Wallet}, nil); err != nil {
		return nil, err
	}
	sqRes, err := sim.Run(sq, sim.Options{})
	if err != nil {
		return nil, err
	}
	// What a rate takes, from a probe at a thousandth of the highest
	// rates (below any cap): T per unit of rate, per party and year.
	probeRates := make([]float64, len(contrib))
	for n := range hi {
		probeRates[n] = hi[n] / 1000
	}
	probe, err := run(s, o.Wallet, contrib, probeRates)
	if err != nil {
		return nil, err
	}
	h := len(probe.Years)
	T := make([][]float64, len(contrib))
	pvT := make([]float64, len(contrib))
	for n, p := range contrib {
		T[n] = make([]float64, h)
		for _, c := range probe.Contributions {
			if c.Party == p && c.Instrument == o.Wallet && probeRates[n] > 0 {
				for k := range h {
					T[n][k] = c.Paid[k] / probeRates[n]
				}
				pvT[n] = c.PaidPV / probeRates[n]
			}
		}
	}
	// The reference: every contributor at its highest rate. Where a cap
	// takes less than the rate would, the rate is bounded where the cap
	// begins (contributions stay linear below it).
	ref, err := run(s, o.Wallet, contrib, hi)
	if err != nil {
		return nil, err
	}
	capped := false
	for n, p := range contrib {
		for _, c := range ref.Contributions {
			if c.Party != p || c.Instrument != o.Wallet {
				continue
			}
			for k := range h {
				if want := hi[n] * T[n][k]; T[n][k] > 0 && c.Paid[k] < want-cent {
					hi[n], capped = math.Max(lo[n], c.Paid[k]/T[n][k]), true
				}
			}
		}
	}
	if capped {
		if ref, err = run(s, o.Wallet, contrib, hi); err != nil {
			return nil, err
		}
	}
	res := &Result{Wallet: o.Wallet, Objective: o.Objective, AllowedGap: o.MaxGap}
	netRef := map[string]float64{}
	for _, p := range ref.Parties {
		netRef[p.ID] = p.PV.Net
	}
	for _, p := range sqRes.Parties {
		pt := Party{ID: p.ID, Name: p.Name, StatusQuo: p.PV.Net, Floor: p.PV.Net, Contributor: slices.Contains(contrib, p.ID)}
		if f, ok := o.Floors[p.ID]; ok {
			pt.Floor, pt.HasFloor = f, true
		}
		res.Parties = append(res.Parties, pt)
	}
	if gap := walletGapPV(ref, s, w); gap >= cent && walletMaxGap(ref, w) > o.MaxGap+cent {
		res.Infeasible = "funding"
		res.GapAtMax = gap
		return res, nil
	}

	// The linear model from the reference run.
	var wr sim.InstrumentResult
	for _, ir := range ref.Instruments {
		if ir.ID == o.Wallet {
			wr = ir
		}
	}
	other := make([]float64, h) // money in besides contributions and interest
	for k := range h {
		opening := 0.0
		if k > 0 {
			opening = wr.Balance[k-1]
		}
		other[k] = wr.In[k] - opening*w.Interest
		for n := range contrib {
			other[k] -= hi[n] * T[n][k]
		}
	}
	// What the wallet pays out at full funding: what it paid at the
	// reference rates, plus any gap its initiatives kept there (a reference
	// short of full funding when a gap is allowed).
	need := slices.Clone(wr.Out)
	for _, ini := range ref.Initiatives {
		if slices.Contains(w.Funds, ini.ID) {
			for k := range h {
				need[k] += ini.Gap[k]
			}
		}
	}

	// Variables: the rates; with MaxGap a gap per year (the need the wallet
	// leaves unpaid: not carried, it shrinks what the year pays out); with
	// max-min z last.
	nv := len(contrib)
	gapAt := nv
	if o.MaxGap > 0 {
		nv += h
	}
	rateAndGaps := nv // the columns before max-min's z
	maxMin := o.Objective == MaxMin
	// z, the smallest net PV per euro of turnover: max-min's objective,
	// least's tie-break; only when a contributor has a turnover to divide
	// by (else nothing bounds it, and least has no tie to break by it).
	withZ := maxMin || slices.ContainsFunc(contrib, func(p string) bool { return turnover(s, p) > 0 })
	if withZ {
		nv++
	}
	c := make([]float64, nv)
	var G [][]float64
	var hv []float64
	// Balance in every year: −Σ_{t≤k} f^{k−t} Σ_p r_p T_pt ≤ Σ_{t≤k} f^{k−t} (o_t − n_t).
	f := 1 + w.Interest
	for k := range h {
		row := make([]float64, nv)
		rhs := 0.0
		for t := 0; t <= k; t++ {
			g := math.Pow(f, float64(k-t))
			for n := range contrib {
				row[n] -= g * T[n][t]
			}
			if o.MaxGap > 0 {
				row[gapAt+t] -= g
			}
			rhs += g * (other[t] - need[t])
		}
		switch {
		case !allZero(row):
			G, hv = append(G, row), append(hv, rhs)
		case rhs < -cent:
			// A year the wallet collects nothing yet must pay: no rates help.
			res.Infeasible = "funding"
			res.GapAtMax = -rhs
			return res, nil
		}
	}
	if o.MaxGap > 0 {
		for k := range h {
			row := make([]float64, nv)
			row[gapAt+k] = 1
			G, hv = append(G, row), append(hv, math.Min(o.MaxGap, need[k]))
		}
	}
	nb := len(G) // the balance rows (and the gaps' bounds)
	// Floors: r_p PV(T_p) ≤ net_ref_p + hi_p PV(T_p) − floor_p.
	for n, p := range contrib {
		pt := res.party(p)
		row := make([]float64, nv)
		row[n] = pvT[n]
		G, hv = append(G, row), append(hv, netRef[p]+hi[n]*pvT[n]-pt.Floor)
	}
	// Parties that do not contribute: the deal cannot move them. A floor
	// such a party cannot reach is given up for the best achievable deal
	// of the others.
	for i := range res.Parties {
		pt := &res.Parties[i]
		if !pt.Contributor && netRef[pt.ID] < pt.Floor-cent {
			return bestAchievable(s, o, res, map[string]float64{pt.ID: pt.Floor - netRef[pt.ID]})
		}
	}
	// Bounds.
	for n := range contrib {
		row := make([]float64, nv)
		row[n] = 1
		G, hv = append(G, row), append(hv, hi[n])
		if lo[n] > 0 {
			row = make([]float64, nv)
			row[n] = -1
			G, hv = append(G, row), append(hv, -lo[n])
		}
	}
	zRows := len(G) // the rows of z follow
	if withZ {
		// z ≤ (net_ref_p − (r_p − hi_p) PV(T_p) − floor_p) / turnover_p
		// for contributors: the smallest gain over its floor per euro of
		// turnover, as high as can be (max-min), or as a tie-break.
		zi := nv - 1
		for n, p := range contrib {
			tv := turnover(s, p)
			if tv <= 0 {
				continue
			}
			row := make([]float64, nv)
			row[zi] = 1
			row[n] = pvT[n] / tv
			G, hv = append(G, row), append(hv, (netRef[p]+hi[n]*pvT[n]-res.party(p).Floor)/tv+zShift)
		}
	}
	// The least contribution at present value, and the most equal gains
	// over the floors per euro of turnover: one is the objective, the
	// other breaks its ties (mostEqual).
	least, equal := make([]float64, nv), make([]float64, nv)
	copy(least, pvT)
	if withZ {
		equal[nv-1] = -1
	}
	first := least
	if maxMin {
		first = equal
	}
	copy(c, first)
	x, err := solveLP(c, G, hv)
	if err == nil && withZ {
		x = mostEqual(first, least, maxMin, G, hv, zRows, x)
	}
	if err != nil && !errors.Is(err, lp.ErrInfeasible) {
		return nil, fmt.Errorf("deal: the linear program: %w", err)
	}
	if err != nil {
		balance := make([][]float64, nb)
		for i := range nb {
			balance[i] = G[i][:rateAndGaps]
		}
		short := shortfalls(contrib, pvT, netRef, hi, lo, balance, hv[:nb], res)
		if len(short) == 0 {
			return nil, fmt.Errorf("deal: no deal, and no floor to blame: %w", err)
		}
		return bestAchievable(s, o, res, short)
	}
	// The verifying run, of the first of these that holds (else of the
	// last): the program's rates without its dust; as they are; a hair
	// above them, so that the run's money is not a rounding short of the
	// need (a hair that takes a party sitting at its floor below it once
	// it pays millions, hence not first).
	exact := make([]float64, len(contrib))
	for n := range exact {
		exact[n] = math.Min(math.Max(x[n], lo[n]), hi[n])
	}
	clean, above := slices.Clone(exact), slices.Clone(exact)
	for n := range exact {
		if clean[n] < rateDust { // the simplex's dust, not a rate to negotiate
			clean[n] = lo[n]
		}
		above[n] = math.Min(exact[n]*(1+1e-9), hi[n])
	}
	verify := func(rates []float64) (bool, error) {
		got, err := run(s, o.Wallet, contrib, rates)
		if err != nil {
			return false, err
		}
		res.MaxGap = walletMaxGap(got, w)
		res.Verified = res.MaxGap < cent+o.MaxGap
		for _, p := range got.Parties {
			pt := res.party(p.ID)
			pt.Net = p.PV.Net
			if pt.Net < pt.Floor-cent {
				res.Verified = false
			}
			pt.Binding = math.Abs(pt.Net-pt.Floor) < 1
		}
		return res.Verified, nil
	}
	if !slices.Equal(clean, exact) && !o.undusted {
		// The dust carries a few euros the deal needs: solve again with it
		// held at its lowest, so that the others carry them.
		if ok, err := verify(clean); err != nil {
			return nil, err
		} else if !ok {
			o2 := o
			o2.undusted = true
			o2.Bounds = maps.Clone(o.Bounds)
			if o2.Bounds == nil {
				o2.Bounds = map[string][2]float64{}
			}
			for n, p := range contrib {
				if exact[n] != clean[n] {
					o2.Bounds[p] = [2]float64{lo[n], lo[n]}
				}
			}
			if r2, err := Solve(s, o2); err == nil && r2.Verified && r2.Infeasible == "" {
				return r2, nil
			}
		}
	}
	var rates []float64
	for i, try := range [][]float64{clean, exact, above} {
		if i > 0 && slices.Equal(try, rates) {
			continue
		}
		rates = try
		ok, err := verify(rates)
		if err != nil {
			return nil, err
		}
		if ok {
			break
		}
	}
	for n, p := range contrib {
		pt := res.party(p)
		pt.Rate = rates[n]
		pt.PVPaid = rates[n] * pvT[n]
		res.TotalPV += pt.PVPaid
		for k := range h {
			if T[n][k] > 0 {
				pt.FirstYear = rates[n] * T[n][k]
				break
			}
		}
		switch {
		case hi[n] > lo[n] && rates[n] >= hi[n]-1e-9:
			pt.AtBound = "high"
		case hi[n] > lo[n] && rates[n] <= lo[n]+1e-9 && lo[n] > 0:
			pt.AtBound = "low"
		}
	}
	return res, nil
}

// mostEqual breaks the ties of the first program's optimum x (G x ≤ h;
// its last column is z, bounded by the rows from zRows on, one per
// contributor with turnover: z + a_p·x ≤ b_p, b_p − a_p·x being p's gain
// over its floor per euro of turnover, shifted by zShift) by the most
// equal gains in the lexicographic sense (leximin): the smallest gain as
// high as can be, then, with the parties that cannot rise above it held
// there, the next smallest, and so on. Without it the simplex stops at any
// corner of the optimal face (one party at its floor while another, for
// the same total, gains), and a single max-min leaves the others to chance
// whenever one party's gain is the same in every optimal deal (one that
// saves nothing). For least, the optimal face is the least total within
// a hair; for max-min, the leximin deal is then made the cheapest. It
// returns x itself where a program fails.
func mostEqual(first, least []float64, maxMin bool, G [][]float64, h []float64, zRows int, x []float64) []float64 {
	nv := len(first)
	nx := nv - 1 // the columns without z
	var base [][]float64
	var baseH []float64
	for i := range zRows {
		base, baseH = append(base, G[i][:nx]), append(baseH, h[i])
	}
	if !maxMin { // stay on least's optimal face
		opt := floats.Dot(first, x)
		base, baseH = append(base, first[:nx]), append(baseH, opt+1e-8*math.Abs(opt)+1e-9)
	}
	type gain struct {
		a []float64
		b float64
	}
	var free []gain
	for i := zRows; i < len(G); i++ {
		free = append(free, gain{G[i][:nx], h[i]})
	}
	best := x[:nx]
	for len(free) > 0 {
		// The smallest gain of those not held, as high as can be.
		rows, rh := make([][]float64, 0, len(base)+len(free)), slices.Clone(baseH)
		for _, r := range base {
			rows = append(rows, append(slices.Clone(r), 0))
		}
		for _, g := range free {
			rows, rh = append(rows, append(slices.Clone(g.a), 1)), append(rh, g.b)
		}
		c := make([]float64, nv)
		c[nx] = -1
		y, err := solveLP(c, rows, rh)
		if err != nil {
			return x
		}
		z := y[nx]
		tol := 1e-9*math.Abs(z) + 1e-9
		best = y[:nx]
		// Which of them can rise above it, the others kept there?
		held, hh := slices.Clone(base), slices.Clone(baseH)
		for _, g := range free {
			held, hh = append(held, g.a), append(hh, g.b-z+tol)
		}
		var stay, move []gain
		for _, g := range free {
			if yq, err := solveLP(g.a, held, hh); err == nil && g.b-floats.Dot(g.a, yq) > z+2*tol {
				move = append(move, g)
			} else {
				stay = append(stay, g)
			}
		}
		if len(stay) == 0 { // the simplex's rounding: hold them all
			stay, move = free, nil
		}
		for _, g := range stay {
			base, baseH = append(base, g.a), append(baseH, g.b-z+tol)
		}
		free = move
	}
	if maxMin { // the cheapest of the most equal deals
		if y, err := solveLP(least[:nx], base, baseH); err == nil {
			best = y
		}
	}
	return append(slices.Clone(best), 0)
}

// Party is the party with that id, nil when there is none.
func (r *Result) Party(id string) *Party { return r.party(id) }

func (r *Result) party(id string) *Party {
	for i := range r.Parties {
		if r.Parties[i].ID == id {
			return &r.Parties[i]
		}
	}
	return nil
}

// bestAchievable is the deal with the floors that cannot be met lowered by
// their shortfall, marked infeasible with the shortfalls and the floors as
// asked.
func bestAchievable(s *scenarios.Scenario, o Options, res *Result, short map[string]float64) (*Result, error) {
	relaxed := o
	relaxed.Floors = map[string]float64{}
	for k, v := range o.Floors {
		relaxed.Floors[k] = v
	}
	for p, v := range short {
		relaxed.Floors[p] = res.party(p).Floor - v - 0.01 // a cent of room for rounding
	}
	best, err := Solve(s, relaxed)
	if err != nil {
		return nil, err
	}
	for i := range best.Parties {
		pt := &best.Parties[i]
		orig := res.party(pt.ID)
		pt.Floor, pt.HasFloor = orig.Floor, orig.HasFloor
		pt.Binding = math.Abs(pt.Net-pt.Floor) < 1
	}
	for p, v := range best.Shortfall { // a floor that still cannot be met
		short[p] += v
	}
	best.Infeasible, best.Shortfall = "floor", short
	return best, nil
}

// Variant is the deal as a [[variant]] of the scenario: its rates set.
func (r *Result) Variant(name string) scenarios.Variant {
	v := scenarios.Variant{Name: name, Description: "a fair deal found by regiosim fair-deal", Set: map[string]any{}}
	if r.Infeasible != "" {
		v.Description = "the best achievable deal found by regiosim fair-deal (not every party gets back to its status quo)"
	}
	for _, p := range r.Parties {
		if p.Contributor {
			v.Set["instrument."+r.Wallet+".rates."+p.ID] = p.Rate
		}
	}
	return v
}

// run runs s with the contributors' rates set.
func run(s *scenarios.Scenario, wallet string, contrib []string, rates []float64) (*sim.Result, error) {
	c := s.Copy()
	for n, p := range contrib {
		if err := c.Set("instrument."+wallet+".rates."+p, rates[n]); err != nil {
			return nil, err
		}
	}
	return sim.Run(c, sim.Options{})
}

// walletGapPV is the gap left in the wallet's initiatives (PV).
func walletGapPV(r *sim.Result, s *scenarios.Scenario, w *instruments.Wallet) float64 {
	gap := 0.0
	for _, in := range r.Initiatives {
		if slices.Contains(w.Funds, in.ID) {
			gap += in.PV.Gap
		}
	}
	return gap
}

// walletMaxGap is the largest gap in any year of the wallet's initiatives.
func walletMaxGap(r *sim.Result, w *instruments.Wallet) float64 {
	m := 0.0
	for _, in := range r.Initiatives {
		if slices.Contains(w.Funds, in.ID) {
			for _, g := range in.Gap {
				m = math.Max(m, g)
			}
		}
	}
	return m
}

func turnover(s *scenarios.Scenario, id string) float64 {
	if p, ok := s.Party(id); ok {
		return p.Turnover
	}
	return 0
}

func wallets(s *scenarios.Scenario) []string {
	var out []string
	for _, in := range s.Instruments {
		if in != nil && in.Meta().Type == "wallet" {
			out = append(out, in.Meta().ID)
		}
	}
	return out
}

func allZero(row []float64) bool {
	for _, v := range row {
		if v != 0 {
			return false
		}
	}
	return true
}

// solveLP minimises cᵀx subject to Gx ≤ h and x ≥ 0 with gonum's simplex,
// each inequality given its slack. Rates (thousandths) and euros (billions)
// differ by twelve orders of magnitude: the columns and rows are scaled to
// a largest coefficient of 1 first, and the answer scaled back.
func solveLP(c []float64, G [][]float64, h []float64) ([]float64, error) {
	n := len(c)
	col := columnScales(G, n)
	// Each row gets its slack; a row whose right-hand side is negative is
	// turned (×−1) and gets an artificial variable too, priced at bigM
	// (the big-M method), so that the slacks and artificials are a
	// feasible first basis.
	m := len(G)
	var neg []int
	for i := range h {
		if h[i] < 0 {
			neg = append(neg, i)
		}
	}
	width := n + m + len(neg)
	A := mat.NewDense(m, width, nil)
	b := make([]float64, m)
	basis := make([]int, m)
	art := 0
	for i, row := range G {
		scale := 0.0
		for j, v := range row {
			scale = math.Max(scale, math.Abs(v/col[j]))
		}
		if scale == 0 {
			scale = 1
		}
		sign := 1.0
		if h[i] < 0 {
			sign = -1
		}
		for j, v := range row {
			A.Set(i, j, sign*v/col[j]/scale)
		}
		A.Set(i, n+i, sign) // the slack
		b[i] = sign * h[i] / scale
		basis[i] = n + i
		if sign < 0 {
			A.Set(i, n+m+art, 1)
			basis[i] = n + m + art
			art++
		}
	}
	cs := make([]float64, width)
	cmax := 0.0
	for j := range n {
		cs[j] = c[j] / col[j]
		cmax = math.Max(cmax, math.Abs(cs[j]))
	}
	if cmax > 0 {
		for j := range n {
			cs[j] /= cmax
		}
	}
	const bigM = 1e7
	for k := range neg {
		cs[n+m+k] = bigM
	}
	_, x, err := lp.Simplex(cs, A, b, 1e-10, basis)
	if err != nil {
		return nil, err
	}
	for k := range neg {
		if x[n+m+k] > 1e-7 {
			return nil, lp.ErrInfeasible
		}
	}
	out := make([]float64, n)
	for j := range n {
		out[j] = x[j] / col[j]
	}
	return out, nil
}

// columnScales divides each column of G so that the rows' coefficients
// meet the simplex's tolerance on one footing: a few passes of geometric
// scaling (each row and column by √(largest × smallest) of its nonzero
// magnitudes), then each column by its largest. Without it a program of
// billions of euros (a balance row) beside rates per euro of turnover (a
// max-min row) had coefficients of 1e-10 after scaling by the largest
// alone: below the tolerance, the max-min rows lost their rates.
func columnScales(G [][]float64, n int) []float64 {
	col := make([]float64, n)
	for j := range col {
		col[j] = 1
	}
	row := make([]float64, len(G))
	for i := range row {
		row[i] = 1
	}
	spread := func(lo, hi float64) float64 {
		if hi == 0 {
			return 1
		}
		return math.Sqrt(lo * hi)
	}
	for range 4 {
		for i, r := range G {
			lo, hi := math.Inf(1), 0.0
			for j, v := range r {
				if a := math.Abs(v) / col[j]; a > 0 {
					lo, hi = math.Min(lo, a), math.Max(hi, a)
				}
			}
			row[i] = spread(lo, hi)
		}
		for j := range col {
			lo, hi := math.Inf(1), 0.0
			for i, r := range G {
				if a := math.Abs(r[j]) / row[i]; a > 0 {
					lo, hi = math.Min(lo, a), math.Max(hi, a)
				}
			}
			col[j] = spread(lo, hi)
		}
	}
	for j := range col { // largest of each column at 1, as the rows see it
		hi := 0.0
		for i, r := range G {
			hi = math.Max(hi, math.Abs(r[j])/row[i])
		}
		if hi > 0 {
			col[j] = hi
		}
	}
	return col
}

// shortfalls is, when the floors cannot all be met, the least by which
// each party's floor must give: the LP with a slack per floor, minimising
// the slacks' sum.
func shortfalls(contrib []string, pvT []float64, netRef map[string]float64, hi, lo []float64, balance [][]float64, hv []float64,
	res *Result) map[string]float64 {
	n := len(contrib)
	width := n // the rates and, with a gap allowed, a gap per year
	if len(balance) > 0 {
		width = len(balance[0])
	}
	nv := width + n // then a slack per contributor
	c := make([]float64, nv)
	var G [][]float64
	var h []float64
	for i, row := range balance {
		r := make([]float64, nv)
		copy(r, row[:min(width, len(row))])
		G, h = append(G, r), append(h, hv[i])
	}
	for k, p := range contrib {
		pt := res.party(p)
		r := make([]float64, nv)
		r[k], r[width+k] = pvT[k], -1
		G, h = append(G, r), append(h, netRef[p]+hi[k]*pvT[k]-pt.Floor)
		c[width+k] = 1
		r = make([]float64, nv)
		r[k] = 1
		G, h = append(G, r), append(h, hi[k])
		if lo[k] > 0 {
			r = make([]float64, nv)
			r[k] = -1
			G, h = append(G, r), append(h, -lo[k])
		}
	}
	x, err := solveLP(c, G, h)
	if err != nil {
		return nil
	}
	out := map[string]float64{}
	for k, p := range contrib {
		if s := x[width+k]; s >= cent {
			out[p] = s
		}
	}
	return out
}
