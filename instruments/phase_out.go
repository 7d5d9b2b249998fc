package instruments

import (
	"math"
	"strings"

	"github.com/regiosim/regiosim/sim/ledger"
)

// PhaseOut is the annuity-style phase-out (afbouw) of legacy funding: the
// old money is converted "slowly but steadily", like an annuity mortgage.
// With B_k the flow's level in year k before it (its baseline, or what an
// earlier phase-out of the flow left) and j = k − (start − first) the year
// of the phase-out, its level is B_k × f(j):
//
//	annuity: f(j) = ((1+r)^N − (1+r)^(j+1)) / ((1+r)^N − 1)
//	linear:  f(j) = 1 − (j+1)/N
//	cliff:   f(j) = 1 while j < N−1, then 0
//
// f(j) = 1 before the start and 0 from j = N−1 on; r → 0 gives linear. The
// annuity level is the outstanding balance of an annuity loan of 1 over N
// years at rate r (L + CUMPRINC(r, N, L, 1, j+1, 0) in a spreadsheet, L = 1).
//
// The freed amount F_k = B_k − level_k leaves the receiver's income (all
// booked against the baseline, from the receiver): convert_share × F_k is
// converted into new-style funding for convert_to — a wallet's pot, an
// initiative (up to what it still needs) or a party — and the rest is cut
// back to the payer, who keeps it.
type PhaseOut struct {
	Header
	Flow         string   `toml:"flow"`
	StartYear    int      `toml:"start"`
	Years        int      `toml:"years"`         // N
	Profile      string   `toml:"profile"`       // annuity (default) | linear | cliff
	Rate         *float64 `toml:"rate"`          // r; default: the region's discount rate
	ConvertShare *float64 `toml:"convert_share"` // default 1 when convert_to is set, else 0
	ConvertTo    string   `toml:"convert_to"`    // wallet, initiative or party id
}

var (
	_ Instrument = (*PhaseOut)(nil)
	_ Profiled   = (*PhaseOut)(nil)
	_ Opener     = (*phaseOutRunner)(nil)
	_ Defaulted  = (*PhaseOut)(nil)
)

func newPhaseOut() Instrument { return &PhaseOut{Profile: "annuity"} }

// Meta implements Instrument.
func (p *PhaseOut) Meta() *Header { return &p.Header }

// Profiles are the shapes a phase-out can take.
var Profiles = []string{"annuity", "linear", "cliff"}

// ClaimsFlow names the flow the phase-out changes and the years it runs.
func (p *PhaseOut) ClaimsFlow() (flow string, first, last int) {
	return p.Flow, p.StartYear, p.StartYear + p.Years - 1
}

// DefaultOf implements Defaulted: the rate is the region's discount rate;
// the converted share 1 when there is somewhere to convert to, else 0.
func (p *PhaseOut) DefaultOf(key string, d Defaults) (float64, bool) {
	switch key {
	case "rate":
		return d.DiscountRate, true
	case "convert_share":
		if p.ConvertTo != "" {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// ProfileName implements Profiled.
func (p *PhaseOut) ProfileName() string { return p.Profile }

// LevelShare implements Profiled: Fraction of the year under a profile.
func (p *PhaseOut) LevelShare(profile string, year int, defaultRate float64) float64 {
	rate := defaultRate
	if p.Rate != nil {
		rate = *p.Rate
	}
	return Fraction(profile, year-p.StartYear, p.Years, rate)
}

// Check implements Instrument.
func (p *PhaseOut) Check(s Scope) {
	if p.Flow == "" {
		s.Errorf("flow", "missing: the legacy flow to phase out")
	} else {
		s.Flow("flow", p.Flow)
	}
	if p.StartYear == 0 {
		s.Errorf("start", "missing: the first year of the phase-out")
	}
	s.OneOf("profile", "profile", p.Profile, Profiles)
	if p.ConvertShare != nil {
		if *p.ConvertShare > 0 && p.ConvertTo == "" {
			s.Errorf("convert_to", "missing: where the converted share goes (a wallet, an initiative or a party)")
		}
	}
	if p.ConvertTo != "" {
		if what, ok := s.Target("convert_to", p.ConvertTo); ok && what != "party" && what != "initiative" && what != "instrument:wallet" {
			what, _ = strings.CutPrefix(what, "instrument:")
			s.Errorf("convert_to", "%q is a %s; converted money can go to a wallet, an initiative or a party", p.ConvertTo, strings.ReplaceAll(what, "_", " "))
		}
	}
}

// Bounds implements Bounded.
func (p *PhaseOut) Bounds() map[string]Range {
	return map[string]Range{"start": StartYearRange, "years": {Min: 1, Max: 100, Whole: true}, "rate": RateRange, "convert_share": RateRange}
}

// Fraction is the legacy level as a share of the baseline in year j of a
// phase-out of n years at rate r.
func Fraction(profile string, j, n int, r float64) float64 {
	switch {
	case j < 0:
		return 1
	case j >= n-1:
		return 0
	}
	switch profile {
	case "cliff":
		return 1
	case "annuity":
		if r > 0 {
			// (1+r)^x − 1 as expm1(x·log1p(r)) keeps precision for tiny r,
			// where the plain formula divides zero by zero.
			lq := math.Log1p(r)
			qn1 := math.Expm1(float64(n) * lq)
			return (qn1 - math.Expm1(float64(j+1)*lq)) / qn1
		}
	}
	return 1 - float64(j+1)/float64(n)
}

// AnnuityPayment is the constant yearly amount of an annuity loan of l over
// n years at rate r (a spreadsheet's PMT(r, n, −l)):
//
//	payment = l × r / (1 − (1+r)^−n), and l / n when r = 0
//
// The annuity profile's legacy level is the loan's outstanding balance, so
// each year's cut is this payment less the interest on the level before.
func AnnuityPayment(l, r float64, n int) float64 {
	if r == 0 {
		return l / float64(n)
	}
	return l * r / (1 - math.Pow(1+r, -float64(n)))
}

type phaseOutRunner struct {
	p             *PhaseOut
	flow          int
	payer, recv   ledger.Account
	stream        string
	rate, share   float64
	startK        int
	target        ledger.Account // a pot or a party, or Outside when none
	initiative    int            // or −1
	off           bool           // the target is switched off
	freed, toFund float64        // this year
}

// Start implements Instrument.
func (p *PhaseOut) Start(env Env) Runner {
	r := &phaseOutRunner{p: p, flow: env.Flow(p.Flow), target: ledger.Outside, initiative: -1}
	r.payer, r.recv, r.stream = env.FlowEnds(r.flow)
	if pot, ok := env.Pot(p.ConvertTo); ok {
		r.target = pot
	} else if i := env.Initiative(p.ConvertTo); i >= 0 {
		r.initiative = i
	} else if a := env.Party(p.ConvertTo); a != ledger.Outside {
		r.target = a
	} else {
		r.off = true // the target is switched off: the payer keeps all
	}
	return r
}

// Prepare reads the start, rate and share.
func (r *phaseOutRunner) Prepare(env Env) {
	p := r.p
	r.startK = p.StartYear - env.FirstYear()
	r.rate = env.DiscountRate()
	if p.Rate != nil {
		r.rate = *p.Rate
	}
	r.share = 0
	if p.ConvertTo != "" {
		r.share = 1
	}
	if p.ConvertShare != nil {
		r.share = *p.ConvertShare
	}
	if r.off {
		r.share = 0
	}
}

// Open lowers the flow to its legacy level.
//
// It works on the level that remains: a second phase-out of the same flow
// (after the first) phases out what the first left, not the baseline
// again, so no euro is freed twice.
func (r *phaseOutRunner) Open(y Year) {
	remains := y.FlowLevel(r.flow) // the baseline, less what earlier phase-outs took this year
	level := remains * Fraction(r.p.Profile, y.Index()-r.startK, r.p.Years, r.rate)
	y.SetFlowLevel(r.flow, level)
	r.freed = remains - level
	r.toFund = 0
}

// Raise books the freed legacy money: the converted share goes from the
// receiver (whose legacy funding it was) to a wallet's pot or a party; the
// rest is cut from the receiver back to the payer, who keeps it.
func (r *phaseOutRunner) Raise(y Year) {
	if r.freed <= 0 {
		return
	}
	conv := r.freed * r.share
	if r.initiative >= 0 {
		r.toFund = conv // converted in the funding step, in turn
		return
	}
	if conv > 0 {
		y.Move(r.recv, r.target, conv, ledger.Conversion, r.stream, ledger.None)
	}
	if kept := r.freed - conv; kept > 0 {
		y.Move(r.recv, r.payer, kept, ledger.Cut, r.stream, ledger.None)
	}
}

// Fund converts into an initiative, up to what it still needs; the payer
// keeps the rest.
func (r *phaseOutRunner) Fund(y Year) {
	if r.initiative < 0 || r.freed <= 0 {
		return
	}
	paid := 0.0
	if r.toFund > 0 {
		paid = y.Fund(r.initiative, r.recv, r.toFund, ledger.Conversion, r.stream)
	}
	if kept := r.freed - paid; kept > 0 {
		y.Move(r.recv, r.payer, kept, ledger.Cut, r.stream, ledger.None)
	}
}
