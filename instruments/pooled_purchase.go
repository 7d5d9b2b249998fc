package instruments

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/regiosim/regiosim/sim/ledger"
)

// PooledPurchase is domeinoverstijgend inkopen: payers pool money of
// several streams (Zvw, Wlz, Wmo) for one target group, buy the named
// initiatives with it and share the savings by an agreed key.
//
// Putting in. In year k within from..until each payer p of payers puts into
// the pool's own pot
//
//	in_p,k = Σ_f flows_f × level_f,k + rates_p × turnover_p,k + amounts_p × (1 + indexation)^k
//
// where f runs over the regular flows of flows whose payer is p and
// level_f,k is the flow's level that year (after any phase-out). A share
// of a flow is the payer's budget of that flow put together with the
// others' ("de middelen … bij elkaar gelegd", seed 002): it is taken from
// the flow, whose level falls by it, so the flow's receiver no longer gets
// it (a change of its baseline income, ledger.PoolFlow, receiver → pool)
// and the payer spends what it spent; it counts as put in by the payer.
// Turnover shares and amounts are new money, on top. A share of a flow is
// booked under the flow's stream, the rest under stream.
//
// Buying. The pot funds the initiatives of funds in that (priority) order,
// each up to what is still unfunded of it (pooled_i,k). What is left is
// carried over (unspent = "carry"), or returned at year end to the payers
// pro rata to what each put in that year ("return"): what came from a
// flow goes back to the flow's receiver (ledger.PoolFlowBack), the rest to
// the payer.
//
// Settling. After the year's initiatives are settled, the pool's share of
// what they saved the payers is
//
//	saved_p,k = Σ_i planned_i,p,k × pooled_i,k / need_i,k
//
// the realised savings of p bought with the pool's money (the pool's part
// of the cost at which the initiative ran: realised × pooled / funded when
// it runs at its coverage; when its provider carries the gap the part the
// provider carried is the provider's purchase, not the pool's). Savings of
// parties that do not pay in are not settled. With S_k = Σ_p saved_p,k the
// key share of p is
//
//	share_p,k = key_p × S_k
//
// with key_p from savings_key = { party = share } (summing to 1), or for
// savings_key = "contributions" p's share of all the payers put in from the
// first year up to and including k, net of returns (so a payer whose money
// was put in before the savings came keeps its claim; no settlement while
// nothing was put in). A payer that saved more than its key share pays the
// difference to those that saved less, pro rata to what each is short:
//
//	d_p = saved_p,k − share_p,k;  p with d_p > 0 pays d_p × (−d_q) / Σ_{d<0} (−d) to each q with d_q < 0
//
// as ledger.Settlement transfers between the payers, which sum to zero.
// Per payer: settled_p,k = received − paid = share_p,k − saved_p,k, and
//
//	net_p = Σ_k (share_p,k − in_p,k + returned_p,k)
//
// its gain from the pool: what the key gives it of the savings less what
// it put in (its saved + settled − put in).
type PooledPurchase struct {
	Header
	Payers  []string           `toml:"payers"`  // party ids, the order of the tables
	Flows   map[string]float64 `toml:"flows"`   // flow id → share of the flow's level that its payer puts in instead (taken from the flow)
	Rates   map[string]float64 `toml:"rates"`   // payer → share of its turnover
	Amounts map[string]float64 `toml:"amounts"` // payer → euros a year, in euros of the first year, indexed
	Funds   []string           `toml:"funds"`   // initiative ids, in priority order
	// SavingsKey is a table { party = share } summing to 1, or the word
	// "contributions". Being either, it is not a path of numbers.
	SavingsKey any    `toml:"savings_key"`
	Unspent    string `toml:"unspent"` // "carry" (default) or "return"
	From       int    `toml:"from"`    // first year of putting in
	Until      int    `toml:"until"`   // last year of putting in
	Stream     string `toml:"stream"`  // default "pool": turnover shares, amounts, the pot's funding and the settlement
}

var (
	_ Instrument   = (*PooledPurchase)(nil)
	_ PotHolder    = (*PooledPurchase)(nil)
	_ Funder       = (*PooledPurchase)(nil)
	_ OutcomeNamer = (*PooledPurchase)(nil)
	_ Closer       = (*poolRunner)(nil)
	_ Settler      = (*poolRunner)(nil)
	_ Reporter     = (*poolRunner)(nil)
)

func newPooledPurchase() Instrument { return &PooledPurchase{Unspent: "carry", Stream: "pool"} }

// ByContributions is the savings key that shares the savings pro rata to
// what each payer put in so far.
const ByContributions = "contributions"

// PoolMeasures are the per-payer figures of a pool, each named
// MEASURE.PARTY ("settlement.zv"): put in (net of returns), the key
// share of the savings (euros), saved, settled (+ received / − paid) and
// net; PoolKey.PARTY is the key itself (a share), PoolSavings the savings
// settled in all.
var PoolMeasures = []string{"in", "key_share", "saved", "settlement", "net"}

// The names of a pool's other figures.
const (
	PoolKey     = "key"
	PoolSavings = "savings"
)

// Meta implements Instrument.
func (c *PooledPurchase) Meta() *Header { return &c.Header }

// HasPot reports that the pool keeps its own pot.
func (c *PooledPurchase) HasPot() bool { return true }

// FundsInitiatives implements Funder.
func (c *PooledPurchase) FundsInitiatives() []string { return c.Funds }

// OutcomePrefix names the outcomes pool.ID.FIGURE.
func (c *PooledPurchase) OutcomePrefix() string { return "pool" }

// Bounds implements Bounded.
func (c *PooledPurchase) Bounds() map[string]Range {
	return map[string]Range{"flows": RateRange, "rates": RateRange, "amounts": AmountRange,
		"from": FromYearRange, "until": UntilYearRange}
}

// keyTolerance is how far the shares of a savings key may sum from 1.
const keyTolerance = 1e-6

// Check implements Instrument.
func (c *PooledPurchase) Check(s Scope) {
	if len(c.Payers) == 0 {
		s.Errorf("payers", "missing: a pool needs payers, the parties that put money in, e.g. payers = [\"zv\", \"gemeente\"]")
	}
	payer := map[string]bool{}
	for i, id := range c.Payers {
		key := "payers[" + strconv.Itoa(i) + "]"
		if payer[id] {
			s.Errorf(key, "%q is listed twice", id)
		}
		payer[id] = true
		s.Party(key, id)
	}
	list := strings.Join(c.Payers, ", ")
	puts := map[string]bool{}
	for _, id := range slices.Sorted(maps.Keys(c.Flows)) {
		from, _, ok := s.Flow("flows."+id, id)
		switch {
		case !ok || len(c.Payers) == 0:
		case !payer[from]:
			s.Errorf("flows."+id, "the flow is paid by %s, which is not a payer of the pool (%s): a payer puts in a share of its own flows; add %q to payers or name a flow of a payer", s.Name(from), list, from)
		default:
			puts[from] = true
		}
	}
	for n, m := range []map[string]float64{c.Rates, c.Amounts} {
		what := [...]string{"rates", "amounts"}[n]
		for _, id := range slices.Sorted(maps.Keys(m)) {
			if len(c.Payers) > 0 && s.OneOf(what+"."+id, "payer", id, c.Payers) {
				puts[id] = true
			}
		}
	}
	for i, id := range c.Payers {
		if !puts[id] && !slices.Contains(c.Payers[:i], id) {
			s.Errorf("payers["+strconv.Itoa(i)+"]", "%q puts nothing into the pool: give it a share of one of its flows (flows = { flow-id = rate }), of its turnover (rates = { %s = rate }) or an amount (amounts = { %s = euros a year })", id, id, id)
		}
	}
	if len(c.Funds) == 0 {
		s.Errorf("funds", "missing: the initiatives the pool buys, e.g. funds = [\"my-initiative\"]")
	}
	checkFunds(s, c.Funds)
	if len(c.Payers) > 0 {
		c.checkKey(s, payer, list)
	}
	s.OneOf("unspent", "rule for unspent money", c.Unspent, []string{"carry", "return"})
	checkWindow(s, c.From, c.Until)
}

// checkKey checks the savings key: the word "contributions", or a share
// per payer, each in 0..1, summing to 1.
func (c *PooledPurchase) checkKey(s Scope, payer map[string]bool, list string) {
	switch k := c.SavingsKey.(type) {
	case nil:
		s.Errorf("savings_key", "missing: how the payers share the savings, a share per payer such as savings_key = { zv = 0.5, gemeente = 0.5 } (summing to 1), or savings_key = \"contributions\" (pro rata to what each put in)")
	case string:
		s.OneOf("savings_key", "savings key", k, []string{ByContributions})
	case map[string]any:
		sum, ok := 0.0, true
		for _, id := range slices.Sorted(maps.Keys(k)) {
			key := "savings_key." + id
			v, isNum := number(k[id])
			switch {
			case !isNum:
				s.Errorf(key, "expected a share, a number from 0 to 1")
				ok = false
			case v < 0 || v > 1:
				s.Errorf(key, "%g is outside 0..1 (a share of the savings: 50 %% is 0.5)", v)
				ok = false
			}
			if payer[id] {
				sum += v
				continue
			}
			ok = false
			if _, known := s.Party(key, id); known {
				s.Errorf(key, "%s does not pay into the pool: the key shares the savings between the payers (%s); add it to payers with what it puts in, or leave it out of the key", s.Name(id), list)
			}
		}
		if ok && math.Abs(sum-1) > keyTolerance {
			s.Errorf("savings_key", "the shares add up to %s, not 1: the key divides all the savings (e.g. { zv = 0.5, gemeente = 0.5 })", strconv.FormatFloat(sum, 'g', 6, 64))
		}
	default:
		s.Errorf("savings_key", "expected a share per payer such as { zv = 0.5, gemeente = 0.5 }, or \"contributions\"")
	}
}

// number is a decoded TOML number as a float.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	}
	return 0, false
}

// poolFlow is a share of a regular flow put in by its payer.
type poolFlow struct {
	id       string
	flow     int
	payer    int // index into payers
	receiver ledger.Account
	stream   string
	thisIn   float64 // taken from the flow this year
}

type poolRunner struct {
	c       *PooledPurchase
	env     Env
	pot     ledger.Account
	payers  []ledger.Account
	flows   []poolFlow
	funds   []int
	h       int
	figures []string
	series  []string

	// read in Prepare
	rates, amounts, key []float64
	byContributions     bool
	indexing, index     float64

	// this year
	thisIn []float64 // put in by payer
	flowIn []float64 // of that, taken from its flows
	own    []float64 // of that, its own money (scratch of Close)
	pooled []float64 // funded by the pool, per funds entry
	d      []float64 // saved − key share, by payer

	cum []float64 // put in so far, net of returns, by payer
	// [measure][payer][k], measures as PoolMeasures
	years [][][]float64
}

// Start implements Instrument.
func (c *PooledPurchase) Start(env Env) Runner {
	r := &poolRunner{c: c, env: env, h: env.Horizon()}
	r.pot, _ = env.Pot(c.ID)
	for _, id := range c.Payers {
		r.payers = append(r.payers, env.Party(id))
	}
	for _, id := range slices.Sorted(maps.Keys(c.Flows)) {
		f := env.Flow(id)
		if f < 0 {
			continue
		}
		from, to, stream := env.FlowEnds(f)
		if n := slices.Index(r.payers, from); n >= 0 {
			r.flows = append(r.flows, poolFlow{id: id, flow: f, payer: n, receiver: to, stream: stream})
		}
	}
	r.funds = initiativeIndexes(env, c.Funds)
	np := len(c.Payers)
	r.rates, r.amounts, r.key = make([]float64, np), make([]float64, np), make([]float64, np)
	r.thisIn, r.d, r.cum = make([]float64, np), make([]float64, np), make([]float64, np)
	r.flowIn, r.own = make([]float64, np), make([]float64, np)
	r.pooled = make([]float64, len(r.funds))
	r.years = make([][][]float64, len(PoolMeasures))
	for m := range r.years {
		r.years[m] = make([][]float64, np)
		for p := range r.years[m] {
			r.years[m][p] = make([]float64, r.h)
		}
	}
	for _, m := range PoolMeasures {
		for _, id := range c.Payers {
			r.series = append(r.series, m+"."+id)
		}
	}
	r.figures = append(r.figures, r.series...)
	for _, id := range c.Payers {
		r.figures = append(r.figures, PoolKey+"."+id)
	}
	r.figures = append(r.figures, PoolSavings)
	return r
}

// The measures' indexes in years.
const (
	poolIn = iota
	poolShare
	poolSaved
	poolSettled
	poolNet
)

// Prepare reads the rates, amounts and key.
func (r *poolRunner) Prepare(env Env) {
	r.env = env
	r.indexing = env.Indexation()
	k, _ := r.c.SavingsKey.(map[string]any)
	r.byContributions = r.c.SavingsKey == ByContributions
	for n, id := range r.c.Payers {
		r.rates[n] = r.c.Rates[id]
		r.amounts[n] = r.c.Amounts[id]
		r.key[n], _ = number(k[id])
	}
	clear(r.cum)
	for m := range r.years {
		for p := range r.years[m] {
			clear(r.years[m][p])
		}
	}
}

// Raise puts the payers' money into the pot.
func (r *poolRunner) Raise(y Year) {
	k := y.Index()
	if k == 0 {
		r.index = 1
	} else {
		r.index *= 1 + r.indexing
	}
	clear(r.thisIn)
	clear(r.flowIn)
	clear(r.pooled)
	for n := range r.flows {
		r.flows[n].thisIn = 0
	}
	if !inWindow(y.Calendar(), r.c.From, r.c.Until) {
		return
	}
	put := func(n int, v float64, stream string) {
		if v > 0 {
			y.Move(r.payers[n], r.pot, v, ledger.PoolIn, stream, ledger.None)
			r.thisIn[n] += v
		}
	}
	for n := range r.flows {
		f := &r.flows[n]
		level := y.FlowLevel(f.flow)
		if v := r.c.Flows[f.id] * level; v > 0 {
			y.SetFlowLevel(f.flow, level-v)
			y.Move(f.receiver, r.pot, v, ledger.PoolFlow, f.stream, ledger.None)
			r.thisIn[f.payer] += v
			r.flowIn[f.payer] += v
			f.thisIn = v
		}
	}
	for n, p := range r.payers {
		put(n, r.rates[n]*y.Turnover(p), r.c.Stream)
		put(n, r.amounts[n]*r.index, r.c.Stream)
	}
}

// Fund buys the initiatives in order from the pot.
func (r *poolRunner) Fund(y Year) {
	for n, i := range r.funds {
		bal := y.Balance(r.pot)
		if bal <= 0 {
			return
		}
		r.pooled[n] += y.Fund(i, r.pot, bal, ledger.Funding, r.c.Stream)
	}
}

// Close returns what is left to the payers, pro rata to this year's
// money, when asked to.
func (r *poolRunner) Close(y Year) {
	total := 0.0
	for _, v := range r.thisIn {
		total += v
	}
	if r.c.Unspent == "return" && total > 0 {
		if bal := y.Balance(r.pot); bal > 0 {
			for n, v := range r.thisIn {
				r.own[n] = v - r.flowIn[n]
			}
			for n := range r.flows { // what came from a flow, back to its receiver
				f := &r.flows[n]
				if back := bal * f.thisIn / total; back > 0 {
					y.Move(r.pot, f.receiver, back, ledger.PoolFlowBack, f.stream, ledger.None)
					r.thisIn[f.payer] -= back
				}
			}
			for n, v := range r.own { // the payer's own money, back to it
				if back := bal * v / total; back > 0 {
					y.Move(r.pot, r.payers[n], back, ledger.Return, r.c.Stream, ledger.None)
					r.thisIn[n] -= back
				}
			}
		}
	}
	k := y.Index()
	for n, v := range r.thisIn {
		r.years[poolIn][n][k] = v
		r.cum[n] += v
	}
}

// Settle shares the year's savings of the pooled initiatives by the key.
func (r *poolRunner) Settle(y Year) {
	k, year := y.Index(), y.Calendar()
	saved, share, settled := r.years[poolSaved], r.years[poolShare], r.years[poolSettled]
	total := 0.0
	for n, i := range r.funds {
		need := r.env.PlannedCost(i, year)
		if r.pooled[n] <= 0 || need <= 0 {
			continue
		}
		for p, a := range r.payers {
			if got := y.Realised(i, a); got > 0 {
				v := min(got, r.env.PlannedSaving(i, a, year)*r.pooled[n]/need)
				saved[p][k] += v
				total += v
			}
		}
	}
	cum := 0.0
	for _, v := range r.cum {
		cum += v
	}
	for p := range r.payers {
		key := r.key[p]
		switch {
		case !r.byContributions:
		case cum > 0:
			key = r.cum[p] / cum
		default:
			key = 0 // nothing put in: the savings stay where they land
		}
		share[p][k] = key * total
		if r.byContributions && cum <= 0 {
			share[p][k] = saved[p][k]
		}
		r.d[p] = saved[p][k] - share[p][k]
	}
	short := 0.0
	for _, d := range r.d {
		if d < 0 {
			short -= d
		}
	}
	if short > 0 {
		for a, da := range r.d {
			if da <= 0 {
				continue
			}
			for b, db := range r.d {
				if db >= 0 {
					continue
				}
				if v := da * (-db) / short; v > 0 {
					y.Move(r.payers[a], r.payers[b], v, ledger.Settlement, r.c.Stream, ledger.None)
					settled[a][k] -= v
					settled[b][k] += v
				}
			}
		}
	}
	for p := range r.payers {
		r.years[poolNet][p][k] = saved[p][k] + settled[p][k] - r.years[poolIn][p][k]
	}
}

// Figures implements Reporter.
func (r *poolRunner) Figures() []string { return r.figures }

// FigureValues writes the totals over the horizon, then the key shares
// (for "contributions": each payer's share of all put in) and the savings
// settled.
func (r *poolRunner) FigureValues(dst []float64) {
	n := 0
	for m := range r.years {
		for p := range r.years[m] {
			s := 0.0
			for _, v := range r.years[m][p] {
				s += v
			}
			dst[n] = s
			n++
		}
	}
	cum := 0.0
	for _, v := range r.cum {
		cum += v
	}
	for p := range r.payers {
		dst[n] = r.key[p]
		if r.byContributions {
			dst[n] = 0
			if cum > 0 {
				dst[n] = r.cum[p] / cum
			}
		}
		n++
	}
	total := 0.0
	for _, v := range r.years[poolSaved] {
		for _, x := range v {
			total += x
		}
	}
	dst[n] = total
}

// SeriesNames implements Reporter.
func (r *poolRunner) SeriesNames() []string { return r.series }

// YearSeries writes series n: measure n / payers, payer n % payers.
func (r *poolRunner) YearSeries(n int, dst []float64) {
	np := len(r.payers)
	copy(dst, r.years[n/np][n%np])
}
