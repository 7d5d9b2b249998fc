package instruments

import (
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/regiosim/regiosim/sim/ledger"
)

// Wallet is the regio-portemonnee: parties at the table pay a share of their
// turnover into a shared pot that funds cross-domain initiatives. In year k
// within from..until, for each contributor p:
//
//	contribution_p,k = min(rate_p × turnover_p,k, cap_p × (1 + indexation)^k)
//
// with rate_p from rates, else rate, and no cap when none is given. Each year
//
//	pot_k = balance_(k−1) × (1 + interest) + Σ_p contribution_p,k + converted_k
//
// where converted_k is money a phase-out converts into the wallet. The pot
// funds the initiatives of funds in that (priority) order, each up to what
// is still unfunded of it; the rest carries over to the next year. From and
// until bound the contributions; the pot keeps funding while it holds money.
// Money is conserved: Σ contributions + interest + converted = Σ allocations
// + closing balance.
type Wallet struct {
	Header
	Rate         float64            `toml:"rate"`         // share of turnover, for all contributors
	Rates        map[string]float64 `toml:"rates"`        // per-party exceptions
	Cap          PerParty           `toml:"cap"`          // cap in euros a year: one number for every contributor, or per party
	Contributors []string           `toml:"contributors"` // party ids
	Funds        []string           `toml:"funds"`        // initiative ids, in priority order
	Interest     float64            `toml:"interest"`     // yearly interest on the carried balance
	From         int                `toml:"from"`         // first year of contributions
	Until        int                `toml:"until"`        // last year of contributions
	Stream       string             `toml:"stream"`       // default "wallet"
}

var (
	_ Instrument = (*Wallet)(nil)
	_ PotHolder  = (*Wallet)(nil)
	_ Funder     = (*Wallet)(nil)
	_ Opener     = (*walletRunner)(nil)
)

func newWallet() Instrument { return &Wallet{Stream: "wallet"} }

// Meta implements Instrument.
func (w *Wallet) Meta() *Header { return &w.Header }

// FundsInitiatives implements Funder.
func (w *Wallet) FundsInitiatives() []string { return w.Funds }

// Bounds implements Bounded.
func (w *Wallet) Bounds() map[string]Range {
	return map[string]Range{"rate": RateRange, "rates": RateRange, "cap": AmountRange, "interest": RateRange,
		"from": FromYearRange, "until": UntilYearRange}
}

// HasPot reports that the wallet keeps a balance other instruments may pay into.
func (w *Wallet) HasPot() bool { return true }

// Check implements Instrument.
func (w *Wallet) Check(s Scope) {
	if len(w.Contributors) == 0 {
		s.Errorf("contributors", "missing: a wallet needs contributors, e.g. contributors = [\"zv\", \"gemeente\"]")
	}
	member := map[string]bool{}
	for i, id := range w.Contributors {
		key := "contributors[" + strconv.Itoa(i) + "]"
		if member[id] {
			s.Errorf(key, "%q is listed twice", id)
		}
		member[id] = true
		s.Party(key, id)
	}
	for _, id := range slices.Sorted(maps.Keys(w.Rates)) {
		s.OneOf("rates."+id, "contributor", id, w.Contributors)
	}
	for _, id := range slices.Sorted(maps.Keys(w.Cap)) {
		if id != Every {
			s.OneOf("cap."+id, "contributor", id, w.Contributors)
		}
	}
	// What an implausible rate takes, in the first year the wallet
	// collects: rate × that year's turnover, at most the indexed cap.
	first := s.FirstYear()
	if w.From > first {
		first = w.From
	}
	for _, id := range w.Contributors {
		key, rate := "rate", w.Rate
		if x, ok := w.Rates[id]; ok {
			key, rate = "rates."+id, x
		}
		if rate > plausibleWalletRate && rate <= 1 {
			takes := rate * s.Turnover(id, first)
			if c, ok := w.Cap.For(id); ok {
				takes = min(takes, c*math.Pow(1+s.Indexation(), float64(first-s.FirstYear())))
			}
			s.Warnf(key, "%g is more than 2 %% of turnover: it takes %s in %d from %s; rates are fractions (0.2 %% is 0.002)", rate, Euros(takes), first, s.Name(id))
		}
	}
	checkFunds(s, w.Funds)
	if len(w.Funds) == 0 {
		s.Warnf("funds", "the wallet funds no initiative: its money only accumulates")
	}
	checkWindow(s, w.From, w.Until)
}

// plausibleWalletRate is the largest share of turnover a wallet takes
// without a warning: regional wallets ask hundredths of a percent.
const plausibleWalletRate = 0.02

// checkFunds checks a list of initiative ids.
func checkFunds(s Scope, funds []string) {
	seen := map[string]bool{}
	for i, id := range funds {
		key := "funds[" + strconv.Itoa(i) + "]"
		if seen[id] {
			s.Errorf(key, "%q is listed twice", id)
		}
		seen[id] = true
		s.Initiative(key, id)
	}
}

type walletRunner struct {
	w        *Wallet
	pot      ledger.Account
	parties  []ledger.Account
	rates    []float64
	caps     []float64 // −1: no cap
	funds    []int
	indexing float64
	opening  float64 // the pot's balance at the opening of the year
	index    float64 // (1 + indexation)^k of the year, for the caps
}

// Start implements Instrument.
func (w *Wallet) Start(env Env) Runner {
	r := &walletRunner{w: w}
	r.pot, _ = env.Pot(w.ID)
	for _, id := range w.Contributors {
		r.parties = append(r.parties, env.Party(id))
	}
	r.rates = make([]float64, len(w.Contributors))
	r.caps = make([]float64, len(w.Contributors))
	r.funds = initiativeIndexes(env, w.Funds)
	return r
}

// Prepare reads the rates and caps.
func (r *walletRunner) Prepare(env Env) {
	r.indexing = env.Indexation()
	for n, id := range r.w.Contributors {
		rate := r.w.Rate
		if x, ok := r.w.Rates[id]; ok {
			rate = x
		}
		r.rates[n] = rate
		c := -1.0
		if x, ok := r.w.Cap.For(id); ok {
			c = x
		}
		r.caps[n] = c
	}
}

// Open notes last year's closing balance, on which interest is paid, and
// the year's indexation of the caps.
func (r *walletRunner) Open(y Year) {
	r.opening = y.Balance(r.pot)
	if y.Index() == 0 {
		r.index = 1
	} else {
		r.index *= 1 + r.indexing
	}
}

func (r *walletRunner) Raise(y Year) {
	if r.opening > 0 && r.w.Interest > 0 {
		y.Move(ledger.Outside, r.pot, r.opening*r.w.Interest, ledger.Interest, r.w.Stream, ledger.None)
	}
	if !inWindow(y.Calendar(), r.w.From, r.w.Until) {
		return
	}
	for n, p := range r.parties {
		c := r.rates[n] * y.Turnover(p)
		if r.caps[n] >= 0 {
			c = min(c, r.caps[n]*r.index)
		}
		if c > 0 {
			y.Move(p, r.pot, c, ledger.Contribution, r.w.Stream, ledger.None)
		}
	}
}

func (r *walletRunner) Fund(y Year) { fundFromPot(y, r.pot, r.funds, r.w.Stream) }

// fundFromPot pays the initiatives in order, each up to what is still
// unfunded of it, as long as the pot holds money.
func fundFromPot(y Year, pot ledger.Account, funds []int, stream string) {
	for _, i := range funds {
		bal := y.Balance(pot)
		if bal <= 0 {
			return
		}
		y.Fund(i, pot, bal, ledger.Funding, stream)
	}
}

// initiativeIndexes resolves initiative ids, leaving out absent or
// switched-off ones.
func initiativeIndexes(env Env, ids []string) []int {
	var out []int
	for _, id := range ids {
		if i := env.Initiative(id); i >= 0 {
			out = append(out, i)
		}
	}
	return out
}
