package instruments

import (
	"math"
	"strings"

	"github.com/regiosim/regiosim/sim/ledger"
)

// RegionalBudget is the regiobudget: a national pot, a share of national
// Zvw, Wlz and Wmo spending, distributed over the regions by a key. The
// region's share is amount, in euros of the first year; a national batch
// computes it per region from zvw, wlz and wmo (the shares of national
// spending the pot takes) and the key, and a single-region run takes it as
// given. In year k within from..until:
//
//	available_k = amount × (1 + growth)^k
//
// paid by payer (a party, or the world outside the region — the national
// government — when empty) either into the pot of the wallet to, which
// funds its initiatives as its own money, or, with funds, into the
// budget's own pot: that pot funds the initiatives of funds in that
// (priority) order, each up to what is still unfunded of it, and the rest
// carries over to the next year (a wallet without contributions). From and
// until bound the shares; the own pot keeps funding while it holds money.
// Money is conserved: Σ shares paid = Σ allocations + closing balance.
type RegionalBudget struct {
	Header
	Amount float64  `toml:"amount"` // the region's share, euros a year in euros of the first year
	Zvw    float64  `toml:"zvw"`    // share of national Zvw spending the pot takes (for a national batch)
	Wlz    float64  `toml:"wlz"`    // share of national Wlz spending
	Wmo    float64  `toml:"wmo"`    // share of national Wmo spending
	Growth *float64 `toml:"growth"` // default: the region's indexation
	To     string   `toml:"to"`     // a wallet the share pays into …
	Funds  []string `toml:"funds"`  // … or the initiatives it funds itself, in priority order
	Payer  string   `toml:"payer"`  // party id; "" = outside the region (the national government)
	From   int      `toml:"from"`   // first year of the shares
	Until  int      `toml:"until"`  // last year of the shares
	Stream string   `toml:"stream"` // default "regiobudget"
}

var (
	_ Instrument = (*RegionalBudget)(nil)
	_ PotHolder  = (*RegionalBudget)(nil)
	_ Funder     = (*RegionalBudget)(nil)
)

func newRegionalBudget() Instrument { return &RegionalBudget{Stream: "regiobudget"} }

// Meta implements Instrument.
func (b *RegionalBudget) Meta() *Header { return &b.Header }

// HasPot reports that the budget keeps a pot of its own: when it funds
// initiatives itself (funds), not when it pays into a wallet (to).
func (b *RegionalBudget) HasPot() bool { return len(b.Funds) > 0 }

// FundsInitiatives implements Funder.
func (b *RegionalBudget) FundsInitiatives() []string { return b.Funds }

// Bounds implements Bounded.
func (b *RegionalBudget) Bounds() map[string]Range {
	return map[string]Range{"amount": AmountRange, "zvw": RateRange, "wlz": RateRange, "wmo": RateRange,
		"growth": GrowthRange, "from": FromYearRange, "until": UntilYearRange}
}

// Check implements Instrument.
func (b *RegionalBudget) Check(s Scope) {
	switch {
	case b.To != "" && len(b.Funds) > 0:
		s.Errorf("funds", "a regional budget pays into a wallet (to = %q) or funds initiatives itself (funds = [...]), not both: leave out one of the two", b.To)
	case b.To == "" && len(b.Funds) == 0:
		s.Errorf("to", "missing: where the regional budget goes, a wallet (e.g. to = \"portemonnee\") or the initiatives it funds itself (e.g. funds = [\"my-initiative\"])")
	}
	if b.To != "" {
		switch what, ok := s.Target("to", b.To); {
		case !ok || what == "instrument:wallet":
		case what == "initiative":
			s.Errorf("to", "%q is an initiative, not a wallet: to fund it directly, write funds = [%q] instead of to", b.To, b.To)
		default:
			what, _ = strings.CutPrefix(what, "instrument:")
			s.Errorf("to", "%q is a %s, not a wallet; a regional budget pays into a wallet (to) or funds initiatives itself (funds = [...])", b.To, strings.ReplaceAll(what, "_", " "))
		}
	}
	checkFunds(s, b.Funds)
	if b.Payer != "" {
		s.Party("payer", b.Payer)
	}
	if b.Amount == 0 && b.Zvw == 0 && b.Wlz == 0 && b.Wmo == 0 {
		s.Warnf("amount", "the regional budget pays nothing: set amount (the region's share, euros a year), or zvw, wlz and wmo for a national batch to compute it")
	}
	checkWindow(s, b.From, b.Until)
}

type budgetRunner struct {
	b      *RegionalBudget
	payer  ledger.Account
	into   ledger.Account // the wallet's pot or the budget's own
	off    bool           // the wallet is switched off: nothing is paid
	funds  []int
	amount float64
	growth float64
}

// Start implements Instrument.
func (b *RegionalBudget) Start(env Env) Runner {
	r := &budgetRunner{b: b, payer: ledger.Outside}
	if b.Payer != "" {
		r.payer = env.Party(b.Payer)
	}
	if b.To != "" {
		pot, ok := env.Pot(b.To)
		r.into, r.off = pot, !ok
	} else {
		r.into, _ = env.Pot(b.ID)
		r.funds = initiativeIndexes(env, b.Funds)
	}
	return r
}

// Prepare reads the amount and the growth.
func (r *budgetRunner) Prepare(env Env) {
	r.amount = r.b.Amount
	r.growth = env.Indexation()
	if r.b.Growth != nil {
		r.growth = *r.b.Growth
	}
}

// Raise pays the year's share into the wallet or the own pot.
func (r *budgetRunner) Raise(y Year) {
	if r.off || !inWindow(y.Calendar(), r.b.From, r.b.Until) {
		return
	}
	if v := r.amount * math.Pow(1+r.growth, float64(y.Index())); v > 0 {
		y.Move(r.payer, r.into, v, ledger.Budget, r.b.Stream, ledger.None)
	}
}

// Fund pays the initiatives from the own pot; a budget paid into a wallet
// has none to fund.
func (r *budgetRunner) Fund(y Year) {
	if len(r.funds) > 0 {
		fundFromPot(y, r.into, r.funds, r.b.Stream)
	}
}
