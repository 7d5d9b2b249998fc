package instruments

import (
	"maps"
	"math"
	"slices"

	"github.com/regiosim/regiosim/sim/ledger"
)

// RevolvingFund is the revolverend fonds: parties put capital into a fund
// that lends it to initiatives; the parties that realise the savings repay
// the loans from them, and the fund revolves when its balance recovers.
//
// Capital, into the fund's own pot, in year k within capital_from ..
// capital_until (default: the first year, once):
//
//	capital_p,k = capital_p × (1 + growth)^k
//	from_wallet_k = min(from_wallet_amount × (1 + growth)^k, balance of the wallet)
//
// the wallet's share taken when the fund raises its money (instruments
// raise in the order listed). Lending, in the fund's turn: the initiatives
// of funds in that (priority) order, each up to what is still unfunded of
// it and what the pot holds:
//
//	loan_i,k = min(unfunded_i,k, balance)
//
// counts as funding of i, paid to its provider. Repayment, after the year's
// initiatives are settled, from the savings R_p,i,k they realised: with O_i
// the principal outstanding of i (this year's loan included) and O'_i what
// was outstanding at the opening of the year,
//
//	due_i   = interest × O'_i + O_i
//	paid_i  = min(Σ_p repayment_share × R_p,i,k, due_i)
//
// shared by the parties pro rata to repayment_share × R_p,i,k; of it the
// interest first, then the principal, on the oldest loan first. A loan not
// repaid by the end of its term (term years: the year of the loan and the
// term − 1 after it) is written off: the fund bears it (a write-off entry,
// which moves no money; the money left the pot when it was lent). Interest
// not covered by the repayment share is forgone, not added to the loan.
//
// Money is conserved: Σ capital + Σ repaid + Σ interest = Σ lent + closing
// balance; and Σ lent = Σ repaid + Σ written off + outstanding at the end.
// The fund revolves when it has lent and its closing balance is at least
// revolve_share × the capital put in; revolve_year is the first year, from
// its first loan on, at whose end the balance reached revolve_share × the
// capital put in until then (0 when none).
//
// In the wrong-pocket matrix a loan is borne, as pots trace money, by
// whoever put in the capital it was lent from; what a party repays of it
// it bears instead (ledger.IsLoan, ledger.IsRepayment), so a loan repaid
// in full is no cost borne by the fund, and a written-off one stays with
// the fund's capital.
type RevolvingFund struct {
	Header
	Capital          map[string]float64 `toml:"capital"`            // party → euros a year
	CapitalFrom      int                `toml:"capital_from"`       // first year of capital; default the first year
	CapitalUntil     int                `toml:"capital_until"`      // last year of capital; default capital_from (once)
	FromWallet       string             `toml:"from_wallet"`        // a wallet whose pot puts in capital …
	FromWalletAmount float64            `toml:"from_wallet_amount"` // … this much a year, at most what it holds
	Growth           *float64           `toml:"growth"`             // of the capital amounts; default the region's indexation
	Funds            []string           `toml:"funds"`              // initiative ids, in priority order
	RepaymentShare   float64            `toml:"repayment_share"`    // share of realised savings repaid; default 1
	Interest         float64            `toml:"interest"`           // yearly rate on the outstanding balance
	Term             int                `toml:"term"`               // years to repay a loan, 1..50; default 10
	RevolveShare     float64            `toml:"revolve_share"`      // share of the capital the balance must be back at; default 1
	Stream           string             `toml:"stream"`             // default "fund"
}

var (
	_ Instrument   = (*RevolvingFund)(nil)
	_ PotHolder    = (*RevolvingFund)(nil)
	_ Funder       = (*RevolvingFund)(nil)
	_ OutcomeNamer = (*RevolvingFund)(nil)
	_ Settler      = (*fundRunner)(nil)
	_ Reporter     = (*fundRunner)(nil)
)

func newRevolvingFund() Instrument {
	return &RevolvingFund{RepaymentShare: 1, Term: 10, RevolveShare: 1, Stream: "fund"}
}

// Meta implements Instrument.
func (f *RevolvingFund) Meta() *Header { return &f.Header }

// HasPot reports that the fund keeps its capital in a pot of its own.
func (f *RevolvingFund) HasPot() bool { return true }

// FundsInitiatives implements Funder.
func (f *RevolvingFund) FundsInitiatives() []string { return f.Funds }

// OutcomePrefix names its outcomes fund.ID.….
func (f *RevolvingFund) OutcomePrefix() string { return "fund" }

// Bounds implements Bounded.
func (f *RevolvingFund) Bounds() map[string]Range {
	return map[string]Range{
		"capital":            AmountRange,
		"capital_from":       OptionalYearRange,
		"capital_until":      UntilYearRange,
		"from_wallet_amount": AmountRange,
		"growth":             GrowthRange,
		"repayment_share":    {Min: 0, Max: 1, Hint: "the share of their realised savings the parties repay: 60 % is 0.6"},
		"interest":           {Min: 0, Max: 0.25, Hint: "a yearly rate on the outstanding loans: 2 % is 0.02"},
		"term":               Years(1, 50),
		"revolve_share":      {Min: 0, Max: 1, AboveMin: true, Hint: "the share of its capital the balance must be back at: 1 is all of it"},
	}
}

// Check implements Instrument.
func (f *RevolvingFund) Check(s Scope) {
	total := 0.0
	for _, id := range slices.Sorted(maps.Keys(f.Capital)) {
		s.Party("capital."+id, id)
		total += f.Capital[id]
	}
	switch {
	case f.FromWallet != "":
		switch what, ok := s.Target("from_wallet", f.FromWallet); {
		case !ok || what == "instrument:wallet":
		default:
			s.Errorf("from_wallet", "%q is not a wallet; a revolving fund takes capital from a wallet's pot (from_wallet) or from parties (capital = { party = euros a year })", f.FromWallet)
		}
		if f.FromWalletAmount == 0 {
			s.Errorf("from_wallet_amount", "missing: how much the fund takes from the wallet a year, e.g. from_wallet_amount = 500_000")
		}
	case f.FromWalletAmount > 0:
		s.Errorf("from_wallet", "missing: the wallet that from_wallet_amount comes from, e.g. from_wallet = \"portemonnee\"")
	case total == 0:
		s.Errorf("capital", "missing: a revolving fund needs capital, e.g. capital = { zv = 1_000_000 } (euros a year from capital_from to capital_until) or from_wallet = \"portemonnee\" with from_wallet_amount")
	}
	if len(f.Funds) == 0 {
		s.Errorf("funds", "missing: the initiatives the fund lends to, in priority order, e.g. funds = [\"my-initiative\"]")
	}
	checkFunds(s, f.Funds)
	if f.CapitalFrom != 0 && f.CapitalUntil != 0 && f.CapitalUntil < f.CapitalFrom {
		s.Errorf("capital_until", "%d is before capital_from = %d", f.CapitalUntil, f.CapitalFrom)
	}
}

// fundRunner runs a revolving fund. Its loans are kept per initiative of
// funds and per year of lending: the outstanding principal.
type fundRunner struct {
	f        *RevolvingFund
	pot      ledger.Account
	ids      []string         // capital parties' ids, sorted
	parties  []ledger.Account // their accounts
	amounts  []float64
	wallet   ledger.Account
	walletOn bool
	funds    []int
	loans    [][]float64 // [n of funds][k] principal outstanding of the loan of year k

	h, first, from, until int
	growth                float64

	capitalIn, lent, repaid, interest, writtenOff, balance []float64 // per year
	capitalTo                                              []float64 // capital put in up to year k
	lentAny                                                bool
	revolveYear                                            int
}

// The figures and series a fund reports (Reporter).
var (
	fundFigures = []string{"capital", "lent", "repaid", "interest", "written_off", "outstanding", "revolves", "revolve_year"}
	fundSeries  = []string{"capital_in", "lent", "repaid", "interest", "written_off", "balance"}
)

// Start implements Instrument.
func (f *RevolvingFund) Start(env Env) Runner {
	r := &fundRunner{f: f, h: env.Horizon()}
	r.pot, _ = env.Pot(f.ID)
	r.ids = slices.Sorted(maps.Keys(f.Capital))
	for _, id := range r.ids {
		r.parties = append(r.parties, env.Party(id))
	}
	r.amounts = make([]float64, len(r.parties))
	if f.FromWallet != "" {
		r.wallet, r.walletOn = env.Pot(f.FromWallet)
	}
	r.funds = initiativeIndexes(env, f.Funds)
	r.loans = make([][]float64, len(r.funds))
	for n := range r.loans {
		r.loans[n] = make([]float64, r.h)
	}
	for _, s := range []*[]float64{&r.capitalIn, &r.lent, &r.repaid, &r.interest, &r.writtenOff, &r.balance, &r.capitalTo} {
		*s = make([]float64, r.h)
	}
	return r
}

// Prepare reads the amounts, the window and the growth, and empties the
// loans of the last run.
func (r *fundRunner) Prepare(env Env) {
	f := r.f
	r.first = env.FirstYear()
	for n, id := range r.ids {
		r.amounts[n] = f.Capital[id]
	}
	r.from = f.CapitalFrom
	if r.from == 0 {
		r.from = r.first
	}
	r.until = f.CapitalUntil
	if r.until == 0 {
		r.until = r.from
	}
	r.growth = env.Indexation()
	if f.Growth != nil {
		r.growth = *f.Growth
	}
	for _, l := range r.loans {
		clear(l)
	}
	for _, s := range [][]float64{r.capitalIn, r.lent, r.repaid, r.interest, r.writtenOff, r.balance, r.capitalTo} {
		clear(s)
	}
	r.lentAny, r.revolveYear = false, 0
}

// Raise puts in the year's capital.
func (r *fundRunner) Raise(y Year) {
	k := y.Index()
	if k > 0 {
		r.capitalTo[k] = r.capitalTo[k-1]
	}
	if c := y.Calendar(); c < r.from || c > r.until {
		return
	}
	idx := math.Pow(1+r.growth, float64(k))
	for n, p := range r.parties {
		if v := r.amounts[n] * idx; v > 0 {
			y.Move(p, r.pot, v, ledger.Capital, r.f.Stream, ledger.None)
			r.capitalIn[k] += v
		}
	}
	if r.walletOn {
		if v := min(r.f.FromWalletAmount*idx, y.Balance(r.wallet)); v > 0 {
			y.Move(r.wallet, r.pot, v, ledger.Capital, r.f.Stream, ledger.None)
			r.capitalIn[k] += v
		}
	}
	r.capitalTo[k] += r.capitalIn[k]
}

// Fund lends to the initiatives in order, each up to its unfunded need.
func (r *fundRunner) Fund(y Year) {
	k := y.Index()
	for n, i := range r.funds {
		bal := y.Balance(r.pot)
		if bal <= 0 {
			return
		}
		if v := y.Fund(i, r.pot, bal, ledger.Loan, r.f.Stream); v > 0 {
			r.loans[n][k] += v
			r.lent[k] += v
			r.lentAny = true
		}
	}
}

// dust is the smallest principal a loan keeps: below it, float rounding.
const dust = 1e-6

// Settle collects the repayments and interest from the savings the year
// realised, then writes off the loans whose term ends.
func (r *fundRunner) Settle(y Year) {
	k := y.Index()
	share, rate := r.f.RepaymentShare, r.f.Interest
	for n, i := range r.funds {
		loans := r.loans[n]
		opening, principal := 0.0, 0.0
		for t := 0; t <= k; t++ {
			if t < k {
				opening += loans[t]
			}
			principal += loans[t]
		}
		if principal <= dust {
			continue
		}
		due := rate*opening + principal
		capacity := 0.0
		// Parties are the accounts below the pots (package ledger).
		for p := ledger.Account(0); p < r.pot; p++ {
			capacity += share * y.Realised(i, p)
		}
		if capacity > 0 {
			paid := min(capacity, due)
			intPaid := min(rate*opening, paid)
			prin := paid - intPaid
			for p := ledger.Account(0); p < r.pot; p++ {
				c := share * y.Realised(i, p)
				if c <= 0 {
					continue
				}
				part := c / capacity
				if v := intPaid * part; v > 0 {
					y.Move(p, r.pot, v, ledger.Interest, r.f.Stream, i)
				}
				if v := prin * part; v > 0 {
					y.Move(p, r.pot, v, ledger.Repayment, r.f.Stream, i)
				}
			}
			r.interest[k] += intPaid
			r.repaid[k] += prin
			for t := 0; t <= k && prin > 0; t++ { // the oldest loan first
				take := min(prin, loans[t])
				loans[t] -= take
				prin -= take
				if loans[t] < dust {
					loans[t] = 0
				}
			}
		}
		for t := 0; t <= k; t++ {
			if loans[t] > 0 && k-t+1 >= r.f.Term {
				y.Move(r.pot, ledger.Outside, loans[t], ledger.WriteOff, r.f.Stream, i)
				r.writtenOff[k] += loans[t]
				loans[t] = 0
			}
		}
	}
	r.balance[k] = y.Balance(r.pot)
	if r.revolveYear == 0 && r.lentAny && r.balance[k] >= r.f.RevolveShare*r.capitalTo[k]-revolveMargin {
		r.revolveYear = y.Calendar()
	}
}

// revolveMargin is how far the balance may fall short of its target and
// still count as back: half a cent, so that float dust does not matter.
const revolveMargin = 0.005

// Figures implements Reporter.
func (r *fundRunner) Figures() []string { return fundFigures }

// FigureValues implements Reporter: capital, lent, repaid, interest and
// written off over the horizon, outstanding at its end, whether the fund
// revolves (0/1) and the year it first did (0: never).
func (r *fundRunner) FigureValues(dst []float64) {
	outstanding := 0.0
	for _, l := range r.loans {
		for _, v := range l {
			outstanding += v
		}
	}
	capital := sumOf(r.capitalIn)
	revolves := 0.0
	if r.h > 0 && r.lentAny && r.balance[r.h-1] >= r.f.RevolveShare*capital-revolveMargin {
		revolves = 1
	}
	dst[0], dst[1], dst[2], dst[3], dst[4] = capital, sumOf(r.lent), sumOf(r.repaid), sumOf(r.interest), sumOf(r.writtenOff)
	dst[5], dst[6], dst[7] = outstanding, revolves, float64(r.revolveYear)
}

// SeriesNames implements Reporter.
func (r *fundRunner) SeriesNames() []string { return fundSeries }

// YearSeries implements Reporter.
func (r *fundRunner) YearSeries(n int, dst []float64) {
	var s []float64
	switch n {
	case 0:
		s = r.capitalIn
	case 1:
		s = r.lent
	case 2:
		s = r.repaid
	case 3:
		s = r.interest
	case 4:
		s = r.writtenOff
	default:
		s = r.balance
	}
	copy(dst, s)
}

func sumOf(s []float64) float64 {
	t := 0.0
	for _, v := range s {
		t += v
	}
	return t
}
