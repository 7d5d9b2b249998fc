package instruments

import (
	"maps"
	"slices"

	"github.com/regiosim/regiosim/sim/ledger"
)

// TransformationFunds is temporary external money (IZA transformatiemiddelen,
// a SPUK) for named initiatives until an end year. In year k within
// from..until, for each named initiative i:
//
//	available_i,k = amount_i × (1 + g)^k
//	paid_i,k      = min(available_i,k, unfunded_i,k)
//
// paid by payer (a party, or the world outside the region when empty) to
// the initiative's provider. What is not needed is not paid. After until the
// initiative's need falls to the next instruments or becomes a gap: the
// "permanente tijdelijkheid" cliff.
type TransformationFunds struct {
	Header
	Payer  string             `toml:"payer"`  // party id; "" = outside the region
	From   int                `toml:"from"`   // first year, default first_year
	Until  int                `toml:"until"`  // last year, inclusive (required)
	Growth *float64           `toml:"growth"` // default: the region's indexation
	Stream string             `toml:"stream"` // default "iza"
	Funds  map[string]float64 `toml:"funds"`  // initiative id -> euros a year
}

var (
	_ Instrument = (*TransformationFunds)(nil)
	_ FundsEnder = (*TransformationFunds)(nil)
	_ Funder     = (*TransformationFunds)(nil)
)

func newTransformationFunds() Instrument { return &TransformationFunds{Stream: "iza"} }

// Meta implements Instrument.
func (t *TransformationFunds) Meta() *Header { return &t.Header }

// EndYear is the last year the funds pay.
func (t *TransformationFunds) EndYear() int { return t.Until }

// Initiatives lists the initiative ids the funds pay for.
func (t *TransformationFunds) Initiatives() []string { return slices.Sorted(maps.Keys(t.Funds)) }

// Check implements Instrument.
func (t *TransformationFunds) Check(s Scope) {
	if t.Payer != "" {
		s.Party("payer", t.Payer)
	}
	if t.Until == 0 {
		s.Errorf("until", "missing: the last year the funds pay (for IZA money: 2027)")
	}
	checkWindow(s, t.From, t.Until)
	if len(t.Funds) == 0 {
		s.Errorf("funds", "missing: which initiatives the funds pay for, with euros a year, e.g. funds = { my-initiative = 500_000 }")
	}
	for _, id := range slices.Sorted(maps.Keys(t.Funds)) {
		s.Initiative("funds."+id, id)
	}
}

// FundsInitiatives implements Funder.
func (t *TransformationFunds) FundsInitiatives() []string { return t.Initiatives() }

// Bounds implements Bounded.
func (t *TransformationFunds) Bounds() map[string]Range {
	return map[string]Range{"from": FromYearRange, "until": UntilYearRange, "growth": GrowthRange, "funds": AmountRange}
}

type tfRunner struct {
	t           *TransformationFunds
	payer       ledger.Account
	ids         []string // of the active initiatives, sorted
	initiatives []int
	amounts     []float64
	growth      float64
	index       float64 // (1 + growth)^k of the year
}

// Start implements Instrument.
func (t *TransformationFunds) Start(env Env) Runner {
	r := &tfRunner{t: t, payer: ledger.Outside}
	if t.Payer != "" {
		r.payer = env.Party(t.Payer)
	}
	for _, id := range slices.Sorted(maps.Keys(t.Funds)) {
		if i := env.Initiative(id); i >= 0 {
			r.ids = append(r.ids, id)
			r.initiatives = append(r.initiatives, i)
		}
	}
	r.amounts = make([]float64, len(r.ids))
	return r
}

// Prepare reads the amounts and the growth.
func (r *tfRunner) Prepare(env Env) {
	r.growth = env.Indexation()
	if r.t.Growth != nil {
		r.growth = *r.t.Growth
	}
	for n, id := range r.ids {
		r.amounts[n] = r.t.Funds[id]
	}
}

func (r *tfRunner) Raise(y Year) {
	// The amounts grow every year, paid or not.
	if y.Index() == 0 {
		r.index = 1
	} else {
		r.index *= 1 + r.growth
	}
}

func (r *tfRunner) Fund(y Year) {
	if !inWindow(y.Calendar(), r.t.From, r.t.Until) {
		return
	}
	for n, i := range r.initiatives {
		pay := min(r.amounts[n]*r.index, y.Unfunded(i))
		if pay > 0 {
			y.Fund(i, r.payer, pay, ledger.Funding, r.t.Stream)
		}
	}
}
