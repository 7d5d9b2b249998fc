package instruments

import (
	"github.com/regiosim/regiosim/sim/finance"
	"github.com/regiosim/regiosim/sim/ledger"
)

// CrossPurchase is kruis-inkoop: a buyer (usually an insurer) buys
// social-domain work from its own budget if the business case shows that it
// saves more care than it costs, counting only the buyer's own savings: the
// wrong-pocket test. At the decision year d, over the window of W years
// d … d+W−1, at discount rate r (to d):
//
//	ratio = PV(buyer's planned savings) / PV(share × planned cost)
//
// with the initiative's full planned cost (its worst case, ignoring other
// sources). The case closes when ratio ≥ threshold. If it does, from year d
// on the buyer pays, in its turn among the instruments, share × what is
// still unfunded of the initiative each year; if not, it pays nothing.
type CrossPurchase struct {
	Header
	Buyer        string   `toml:"buyer"`
	Initiative   string   `toml:"initiative"`
	DecisionYear int      `toml:"decision_year"` // default: the initiative's start
	Window       *int     `toml:"window"`        // years; default: the rest of the horizon
	Share        float64  `toml:"share"`         // default 1
	Threshold    float64  `toml:"threshold"`     // default 1.0
	DiscountRate *float64 `toml:"discount_rate"` // default: the region's
	Stream       string   `toml:"stream"`        // default "own"
}

var (
	_ Instrument   = (*CrossPurchase)(nil)
	_ Purchaser    = (*CrossPurchase)(nil)
	_ OutcomeNamer = (*CrossPurchase)(nil)
	_ Decider      = (*crossPurchaseRunner)(nil)
	_ Defaulted    = (*CrossPurchase)(nil)
)

func newCrossPurchase() Instrument {
	return &CrossPurchase{Share: 1, Threshold: 1, Stream: "own"}
}

// Meta implements Instrument.
func (c *CrossPurchase) Meta() *Header { return &c.Header }

// DefaultOf implements Defaulted: the region's discount rate, and a
// window to the end of the horizon.
func (c *CrossPurchase) DefaultOf(key string, d Defaults) (float64, bool) {
	switch key {
	case "discount_rate":
		return d.DiscountRate, true
	case "window":
		return float64(c.Terms(d.InitiativeStart(c.Initiative), d.FirstYear, d.Horizon, d.DiscountRate).Window), true
	}
	return 0, false
}

// OutcomePrefix names its outcomes purchase.ID.….
func (c *CrossPurchase) OutcomePrefix() string { return "purchase" }

// Check implements Instrument.
func (c *CrossPurchase) Check(s Scope) {
	if c.Buyer == "" {
		s.Errorf("buyer", "missing: the party that buys")
	} else if kind, ok := s.Party("buyer", c.Buyer); ok && kind != "insurer" && kind != "care_office" {
		s.Warnf("buyer", "%s is %s; kruis-inkoop is usually an insurer's or care office's (a municipality can buy too)", s.Name(c.Buyer), AKind(kind))
	}
	if c.Initiative == "" {
		s.Errorf("initiative", "missing: the initiative to buy")
	} else {
		s.Initiative("initiative", c.Initiative)
	}
}

// Bounds implements Bounded.
func (c *CrossPurchase) Bounds() map[string]Range {
	return map[string]Range{
		"decision_year": FromYearRange,
		"window":        Years(1, 100),
		"share":         {Min: 0, Max: 1, AboveMin: true, Hint: "the share of the cost the buyer pays"},
		"threshold":     {Min: 0, Max: 100, AboveMin: true, Hint: "the required benefit/cost ratio; 1.0: savings at least equal the cost"},
		"discount_rate": RateRange,
	}
}

// Decision is the outcome of a cross-purchase's ex-ante business case.
type Decision struct {
	Instrument string  `json:"instrument"`
	Buyer      string  `json:"buyer"`
	Initiative string  `json:"initiative"`
	Year       int     `json:"decision_year"`
	Window     int     `json:"window"`
	Share      float64 `json:"share"`
	Threshold  float64 `json:"threshold"`
	Rate       float64 `json:"discount_rate"`
	PVSavings  float64 `json:"pv_savings"` // the buyer's own, over the window
	PVCost     float64 `json:"pv_cost"`    // share × the full planned cost
	Ratio      float64 `json:"ratio"`
	Closes     bool    `json:"closes"`
}

// Terms implements Purchaser: the decision year defaults to the
// initiative's start, the window to the rest of the horizon, the rate to
// the region's.
func (c *CrossPurchase) Terms(start, first, horizon int, regionRate float64) PurchaseTerms {
	t := PurchaseTerms{Instrument: c.ID, Buyer: c.Buyer, Initiative: c.Initiative, Year: c.DecisionYear,
		Rate: regionRate, Share: c.Share, Threshold: c.Threshold}
	if t.Year == 0 {
		t.Year = start
	}
	t.Window = first + horizon - t.Year
	if c.Window != nil {
		t.Window = *c.Window
	}
	if c.DiscountRate != nil {
		t.Rate = *c.DiscountRate
	}
	return t
}

type crossPurchaseRunner struct {
	c          *CrossPurchase
	buyer      ledger.Account
	initiative int
	d          Decision
}

// Start implements Instrument.
func (c *CrossPurchase) Start(env Env) Runner {
	return &crossPurchaseRunner{c: c, buyer: env.Party(c.Buyer), initiative: env.Initiative(c.Initiative)}
}

// Prepare makes the ex-ante decision.
func (r *crossPurchaseRunner) Prepare(env Env) {
	c := r.c
	r.d = Decision{Instrument: c.ID, Buyer: c.Buyer, Initiative: c.Initiative, Share: c.Share, Threshold: c.Threshold}
	if r.initiative < 0 {
		return // switched off: nothing to buy
	}
	t := c.Terms(env.InitiativeStart(r.initiative), env.FirstYear(), env.Horizon(), env.DiscountRate())
	r.d.Year, r.d.Window, r.d.Rate = t.Year, t.Window, t.Rate
	// PV = Σ_t x_t / (1+rate)^t, as finance.PresentValue, without a slice.
	f := 1.0
	for t := 0; t < r.d.Window; t++ {
		r.d.PVCost += c.Share * env.PlannedCost(r.initiative, r.d.Year+t) / f
		r.d.PVSavings += env.PlannedSaving(r.initiative, r.buyer, r.d.Year+t) / f
		f *= 1 + r.d.Rate
	}
	var hasCost bool
	r.d.Ratio, hasCost = finance.Ratio(r.d.PVSavings, r.d.PVCost)
	r.d.Closes = !hasCost || r.d.Ratio >= c.Threshold // nothing to pay closes trivially
}

// Decision returns the business case's outcome.
func (r *crossPurchaseRunner) Decision() Decision { return r.d }

func (r *crossPurchaseRunner) Raise(Year) {}

func (r *crossPurchaseRunner) Fund(y Year) {
	if !r.d.Closes || r.initiative < 0 || y.Calendar() < r.d.Year {
		return
	}
	y.Fund(r.initiative, r.buyer, r.c.Share*y.Unfunded(r.initiative), ledger.Purchase, r.c.Stream)
}
