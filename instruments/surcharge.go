package instruments

import "github.com/regiosim/regiosim/sim/ledger"

// Surcharge is plus-inkoop: with the payer's consent a provider bills a
// higher tariff for its regular care, on condition that the extra is spent on
// cross-domain work that cannot get regular funding. In year k within
// from..until:
//
//	surcharge_k = rate × flow_k
//
// where flow_k is the named regular flow's level that year (after any
// phase-out). The payer of the flow pays it into an earmarked pot held for
// the flow's receiver; the pot funds the initiatives of funds in that order,
// each up to what is still unfunded of it. At year end what is left is
// carried over (unspent = "carry") or returned to the payer ("return").
type Surcharge struct {
	Header
	Flow    string   `toml:"flow"`    // the regular flow the surcharge is on
	Rate    float64  `toml:"rate"`    // share of the flow
	Funds   []string `toml:"funds"`   // initiative ids, in order
	Unspent string   `toml:"unspent"` // "carry" (default) or "return"
	From    int      `toml:"from"`
	Until   int      `toml:"until"`
}

var (
	_ Instrument = (*Surcharge)(nil)
	_ PotHolder  = (*Surcharge)(nil)
	_ Funder     = (*Surcharge)(nil)
	_ Closer     = (*surchargeRunner)(nil)
)

func newSurcharge() Instrument { return &Surcharge{Unspent: "carry"} }

// Meta implements Instrument.
func (c *Surcharge) Meta() *Header { return &c.Header }

// HasPot reports that the earmarked money is kept in a pot (carried over
// when unspent = "carry").
func (c *Surcharge) HasPot() bool { return true }

// FundsInitiatives implements Funder.
func (c *Surcharge) FundsInitiatives() []string { return c.Funds }

// Bounds implements Bounded.
func (c *Surcharge) Bounds() map[string]Range {
	return map[string]Range{"rate": RateRange, "from": FromYearRange, "until": UntilYearRange}
}

// Check implements Instrument.
func (c *Surcharge) Check(s Scope) {
	if c.Flow == "" {
		s.Errorf("flow", "missing: the regular flow the surcharge is billed on")
	} else if from, _, ok := s.Flow("flow", c.Flow); ok {
		if kind, _ := s.Party("flow", from); kind != "insurer" && kind != "care_office" {
			s.Warnf("flow", "the flow's payer %s is %s; plus-inkoop is normally agreed with an insurer or care office", s.Name(from), AKind(kind))
		}
		if c.Rate > 0.10 && c.Rate <= 1 {
			// In the first year it is billed, on the flow's baseline that year.
			first := max(s.FirstYear(), c.From)
			s.Warnf("rate", "%g is more than 10 %% of the flow: it takes %s in %d from %s, the flow's payer; rates are fractions (0.5 %% is 0.005)", c.Rate, Euros(c.Rate*s.FlowAmount(c.Flow, first)), first, s.Name(from))
		}
	}
	if len(c.Funds) == 0 {
		s.Errorf("funds", "missing: the initiatives the surcharge is earmarked for")
	}
	checkFunds(s, c.Funds)
	s.OneOf("unspent", "rule for unspent money", c.Unspent, []string{"carry", "return"})
	checkWindow(s, c.From, c.Until)
}

type surchargeRunner struct {
	c      *Surcharge
	flow   int
	payer  ledger.Account
	stream string
	pot    ledger.Account
	funds  []int
}

// Start implements Instrument.
func (c *Surcharge) Start(env Env) Runner {
	r := &surchargeRunner{c: c, flow: env.Flow(c.Flow)}
	r.payer, _, r.stream = env.FlowEnds(r.flow)
	r.pot, _ = env.Pot(c.ID)
	r.funds = initiativeIndexes(env, c.Funds)
	return r
}

// Prepare implements Runner: the surcharge reads its values as it goes.
func (r *surchargeRunner) Prepare(Env) {}

func (r *surchargeRunner) Raise(y Year) {
	if !inWindow(y.Calendar(), r.c.From, r.c.Until) {
		return
	}
	if s := r.c.Rate * y.FlowLevel(r.flow); s > 0 {
		y.Move(r.payer, r.pot, s, ledger.Surcharge, r.stream, ledger.None)
	}
}

func (r *surchargeRunner) Fund(y Year) { fundFromPot(y, r.pot, r.funds, r.stream) }

// Close returns unspent earmarked money to the payer when asked to.
func (r *surchargeRunner) Close(y Year) {
	if r.c.Unspent != "return" {
		return
	}
	if bal := y.Balance(r.pot); bal > 0 {
		y.Move(r.pot, r.payer, bal, ledger.Return, r.stream, ledger.None)
	}
}
