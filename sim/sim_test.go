package sim

import (
	"math"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"gonum.org/v1/gonum/floats/scalar"
)

func mustRun(t *testing.T, src string) *Result {
	t.Helper()
	s, err := scenarios.Parse("test.toml", []byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	r, err := Run(s, Options{})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return r
}

// eq compares euros to a thousandth of a cent.
func eq(got, want float64) bool { return scalar.EqualWithinAbsOrRel(got, want, 1e-5, 1e-12) }

func checkSeries(t *testing.T, what string, got Series, want ...float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d years, want %d", what, len(got), len(want))
	}
	for k := range want {
		if !eq(got[k], want[k]) {
			t.Errorf("%s year %d: got %.6f, want %.6f", what, k, got[k], want[k])
		}
	}
}

func party(t *testing.T, r *Result, id string) PartyResult {
	t.Helper()
	if i := r.PartyIndex(id); i >= 0 {
		return r.Parties[i]
	}
	t.Fatalf("no party %s", id)
	return PartyResult{}
}

func initiative(t *testing.T, r *Result, id string) InitiativeResult {
	t.Helper()
	for _, in := range r.Initiatives {
		if in.ID == id {
			return in
		}
	}
	t.Fatalf("no initiative %s", id)
	return InitiativeResult{}
}

const region4 = `
[region]
name = "T"
first_year = 2026
horizon = 4
discount_rate = 0.0
indexation = 0.0
`

// fundsScenario: an initiative of 100,000 a year (ramping up over two
// years) that transformation funds pay up to 60,000 a year until 2027.
const fundsScenario = region4 + `
[[party]]
id = "gem"
kind = "municipality"
turnover = 1_000_000
[[party]]
id = "zv"
kind = "insurer"
turnover = 10_000_000
[[party]]
id = "wz"
kind = "social_work"
turnover = 100_000
[[party]]
id = "rijk"
kind = "national"
turnover = 0
[[initiative]]
id = "x"
provider = "wz"
cost = 100_000
start = 2026
ramp_years = 2
savings_lag = 1
savings = { zv = 80_000, gem = 20_000 }
[[instrument]]
type = "transformation_funds"
id = "iza"
payer = "rijk"
until = 2027
funds = { x = 60_000 }
`

func TestTransformationFundsRampAndCoverage(t *testing.T) {
	r := mustRun(t, fundsScenario)
	x := initiative(t, r, "x")
	// By hand: need = 100 000 × min(1, (j+1)/2): 50 000 in the first year, then 100 000.
	checkSeries(t, "need", x.Need, 50_000, 100_000, 100_000, 100_000)
	// Funds pay min(60 000, need) until 2027, nothing after.
	checkSeries(t, "funded", x.Funded, 50_000, 60_000, 0, 0)
	checkSeries(t, "gap", x.Gap, 0, 40_000, 100_000, 100_000)
	checkSeries(t, "coverage", x.Coverage, 1, 0.6, 0, 0)
	// Savings start after a lag of 1 and ramp over 2 years: planned zv
	// 0, 40 000, 80 000, 80 000; realised × coverage: 0, 24 000, 0, 0.
	checkSeries(t, "zv saved", party(t, r, "zv").Saved, 0, 24_000, 0, 0)
	checkSeries(t, "gem saved", party(t, r, "gem").Saved, 0, 6_000, 0, 0)
	// The provider receives 110 000 and spends it: net 0; rijk pays it all.
	wz := party(t, r, "wz")
	if !eq(wz.Total.Received, 110_000) || !eq(wz.Total.Paid, 110_000) || !eq(wz.Total.Net, 0) {
		t.Errorf("wz totals %+v, want received = paid = 110 000, net 0", wz.Total)
	}
	if rijk := party(t, r, "rijk"); !eq(rijk.Total.Net, -110_000) {
		t.Errorf("rijk net %v, want -110 000", rijk.Total.Net)
	}
	// The cliff: after 2027 the gap is 2 × 100 000, first from 2027.
	if x.FundsEnd != 2027 || !eq(x.GapAfterFundsEnd, 200_000) || x.FirstGapYear != 2027 {
		t.Errorf("funds end %d, gap after %v, first gap %d; want 2027, 200 000, 2027", x.FundsEnd, x.GapAfterFundsEnd, x.FirstGapYear)
	}
}

const walletParties = `
[[party]]
id = "a"
kind = "insurer"
turnover = 1_000_000
[[party]]
id = "b"
kind = "municipality"
turnover = 2_000_000
[[party]]
id = "p"
kind = "social_work"
turnover = 0
[[initiative]]
id = "x"
provider = "p"
cost = 5_000
start = 2027
[[initiative]]
id = "y"
provider = "p"
cost = 4_000
start = 2028
`

func TestWalletPriorityCapsAndInterest(t *testing.T) {
	r := mustRun(t, strings.Replace(region4, "horizon = 4", "horizon = 3", 1)+walletParties+`
[[instrument]]
type = "wallet"
id = "pot"
rate = 0.002
rates = { b = 0.001 }
cap = { a = 1_500 }
contributors = ["a", "b"]
funds = ["x", "y"]
interest = 0.1
`)
	// By hand: a pays min(0.2 % × 1 000 000, 1 500) = 1 500, b 0.1 % × 2 000 000 = 2 000.
	checkSeries(t, "a paid", party(t, r, "a").Paid, 1_500, 1_500, 1_500)
	checkSeries(t, "b paid", party(t, r, "b").Paid, 2_000, 2_000, 2_000)
	// 2026: pot 3 500, nothing needed.
	// 2027: 3 500 × 1.1 + 3 500 = 7 350; x takes 5 000; 2 350 left.
	// 2028: 2 350 × 1.1 + 3 500 = 6 085; x takes 5 000, y gets 1 085; 0 left.
	checkSeries(t, "x funded", initiative(t, r, "x").Funded, 0, 5_000, 5_000)
	checkSeries(t, "y funded", initiative(t, r, "y").Funded, 0, 0, 1_085)
	checkSeries(t, "y gap", initiative(t, r, "y").Gap, 0, 0, 2_915)
	w := r.Instruments[0]
	checkSeries(t, "balance", w.Balance, 3_500, 2_350, 0)
	// Conservation: contributions 10 500 + interest 585 = 11 085 allocated.
	checkSeries(t, "in", w.In, 3_500, 3_850, 3_735)
	checkSeries(t, "out", w.Out, 0, 5_000, 6_085)
}

func TestWalletWindowAndCarry(t *testing.T) {
	r := mustRun(t, strings.Replace(region4, "horizon = 4", "horizon = 3", 1)+walletParties+`
[[instrument]]
type = "wallet"
id = "pot"
rate = 0.001
contributors = ["a", "b"]
funds = ["y"]
until = 2026
`)
	// By hand: only 2026 contributions, 1 000 + 2 000 = 3 000; carried to
	// 2028, when y needs 4 000 and gets the 3 000.
	checkSeries(t, "balance", r.Instruments[0].Balance, 3_000, 3_000, 0)
	checkSeries(t, "y funded", initiative(t, r, "y").Funded, 0, 0, 3_000)
}

const surchargeBase = `
[[party]]
id = "zv"
kind = "insurer"
turnover = 10_000_000
[[party]]
id = "hosp"
kind = "hospital"
turnover = 5_000_000
[[party]]
id = "p"
kind = "social_work"
turnover = 0
[[flow]]
id = "f"
from = "zv"
to = "hosp"
stream = "zvw"
amount = 1_000_000
[[initiative]]
id = "x"
provider = "p"
cost = 3_000
start = 2027
`

func TestSurchargeCarryAndReturn(t *testing.T) {
	region := strings.Replace(region4, "horizon = 4", "horizon = 3", 1)
	carry := mustRun(t, region+surchargeBase+`
[[instrument]]
type = "surcharge"
id = "plus"
flow = "f"
rate = 0.002
funds = ["x"]
unspent = "carry"
`)
	// By hand: 0.2 % × 1 000 000 = 2 000 a year. Carry: 2026 keeps 2 000;
	// 2027 has 4 000, pays 3 000, keeps 1 000; 2028 has 3 000, pays 3 000.
	checkSeries(t, "carry funded", initiative(t, carry, "x").Funded, 0, 3_000, 3_000)
	checkSeries(t, "carry balance", carry.Instruments[0].Balance, 2_000, 1_000, 0)
	checkSeries(t, "carry zv paid", party(t, carry, "zv").Paid, 2_000, 2_000, 2_000)

	ret := mustRun(t, region+surchargeBase+`
[[instrument]]
type = "surcharge"
id = "plus"
flow = "f"
rate = 0.002
funds = ["x"]
unspent = "return"
`)
	// Return: 2026's 2 000 goes back; 2027 and 2028 pay 2 000 of 3 000.
	// Only the net counts: in 2026 zv paid 2 000 and got it back, so it
	// paid nothing and received nothing.
	checkSeries(t, "return funded", initiative(t, ret, "x").Funded, 0, 2_000, 2_000)
	checkSeries(t, "return gap", initiative(t, ret, "x").Gap, 0, 1_000, 1_000)
	checkSeries(t, "return zv paid", party(t, ret, "zv").Paid, 0, 2_000, 2_000)
	checkSeries(t, "return zv received", party(t, ret, "zv").Received, 0, 0, 0)
	checkSeries(t, "return balance", ret.Instruments[0].Balance, 0, 0, 0)
}

const phaseOutBase = `
[[party]]
id = "zv"
kind = "insurer"
turnover = 10_000_000
[[party]]
id = "hosp"
kind = "hospital"
turnover = 5_000_000
[[flow]]
id = "legacy"
from = "zv"
to = "hosp"
stream = "zvw"
amount = 1_000_000
[[initiative]]
id = "x"
provider = "hosp"
cost = 300_000
`

func TestPhaseOutIntoInitiative(t *testing.T) {
	r := mustRun(t, region4+phaseOutBase+`
[[instrument]]
type = "phase_out"
id = "afbouw"
flow = "legacy"
start = 2026
years = 4
profile = "linear"
convert_share = 0.5
convert_to = "x"
`)
	po := r.PhaseOuts[0]
	// By hand, linear over 4 years: levels 750 000, 500 000, 250 000, 0.
	checkSeries(t, "level", po.Level, 750_000, 500_000, 250_000, 0)
	checkSeries(t, "freed", po.Freed, 250_000, 500_000, 750_000, 1_000_000)
	// Half is converted, but an initiative takes only what it needs (300 000).
	checkSeries(t, "converted", po.Converted, 125_000, 250_000, 300_000, 300_000)
	checkSeries(t, "kept", po.Kept, 125_000, 250_000, 450_000, 700_000)
	checkSeries(t, "x funded", initiative(t, r, "x").Funded, 125_000, 250_000, 300_000, 300_000)
	// Against the baseline the hospital loses the freed 2 500 000 (its
	// funding for x is spent on x); the insurer gains what it keeps.
	if h := party(t, r, "hosp"); !eq(h.Total.Net, -2_500_000) {
		t.Errorf("hospital net %v, want -2 500 000", h.Total.Net)
	}
	if z := party(t, r, "zv"); !eq(z.Total.Net, 1_525_000) {
		t.Errorf("insurer net %v, want 1 525 000 (= Σ kept)", z.Total.Net)
	}
	// A phase-out never pays more legacy than the baseline.
	for k := range po.Level {
		if po.Level[k] > po.Baseline[k] {
			t.Errorf("year %d: level %v above baseline %v", k, po.Level[k], po.Baseline[k])
		}
	}
}

func TestPhaseOutIntoWalletAndParty(t *testing.T) {
	wallet := mustRun(t, region4+phaseOutBase+`
[[instrument]]
type = "wallet"
id = "pot"
rate = 0.0
contributors = ["zv"]
funds = ["x"]
[[instrument]]
type = "phase_out"
id = "afbouw"
flow = "legacy"
start = 2027
years = 2
profile = "cliff"
convert_to = "pot"
`)
	// By hand: a cliff over 2 years from 2027 pays the full baseline in
	// 2027 and nothing from 2028; all of the freed 1 000 000 goes to the
	// wallet (convert_share defaults to 1), which funds x (300 000) and
	// carries 700 000, then 1 400 000.
	checkSeries(t, "level", wallet.PhaseOuts[0].Level, 1_000_000, 1_000_000, 0, 0)
	checkSeries(t, "x funded", initiative(t, wallet, "x").Funded, 0, 0, 300_000, 300_000)
	checkSeries(t, "wallet balance", wallet.Instruments[0].Balance, 0, 0, 700_000, 1_400_000)

	toParty := mustRun(t, region4+phaseOutBase+`
[[instrument]]
type = "phase_out"
id = "afbouw"
flow = "legacy"
start = 2026
years = 4
profile = "linear"
convert_share = 0.4
convert_to = "hosp"
`)
	// New-style funding for the same provider: it gets back 40 % of the cut.
	// Σ freed = 2 500 000; hospital net = −2 500 000 + 1 000 000.
	if h := party(t, toParty, "hosp"); !eq(h.Total.Net, -1_500_000) {
		t.Errorf("hospital net %v, want -1 500 000", h.Total.Net)
	}
}

func TestIndexationAndSeries(t *testing.T) {
	r := mustRun(t, `
[region]
name = "T"
first_year = 2026
horizon = 3
indexation = 0.1
[[party]]
id = "a"
kind = "insurer"
turnover = 1_000
turnover_series = [1_000, 2_000]
[[party]]
id = "b"
kind = "hospital"
turnover = 0
[[flow]]
id = "f"
from = "a"
to = "b"
stream = "zvw"
amount = 100
[[initiative]]
id = "x"
provider = "b"
cost = 1_000
growth = 0.0
[[instrument]]
type = "wallet"
id = "w"
rate = 0.5
contributors = ["a"]
funds = ["x"]
`)
	// Flows grow with indexation: 100, 110, 121 (X_k = X_0 × 1.1^k).
	checkSeries(t, "flow", r.Flows[0].Baseline, 100, 110, 121)
	// Turnover from the series, then growing from its last value: 1 000,
	// 2 000, 2 200; a pays half.
	checkSeries(t, "a paid", party(t, r, "a").Paid, 500, 1_000, 1_100)
	// The initiative's own growth 0 overrides indexation.
	checkSeries(t, "need", initiative(t, r, "x").Need, 1_000, 1_000, 1_000)
}

func TestGapCarriedByProvider(t *testing.T) {
	r := mustRun(t, region4+`
[[party]]
id = "p"
kind = "social_work"
turnover = 0
[[party]]
id = "zv"
kind = "insurer"
turnover = 0
[[initiative]]
id = "x"
provider = "p"
cost = 1_000
savings = { zv = 500 }
gap = "provider"
[[instrument]]
type = "transformation_funds"
id = "tf"
until = 2027
funds = { x = 600 }
`)
	// By hand: the provider runs x at full scale and pays the 400 gap itself
	// in 2026-27 and 1 000 after; savings are not scaled.
	checkSeries(t, "p net", party(t, r, "p").Net, -400, -400, -1_000, -1_000)
	checkSeries(t, "zv saved", party(t, r, "zv").Saved, 500, 500, 500, 500)
	checkSeries(t, "gap", initiative(t, r, "x").Gap, 400, 400, 1_000, 1_000)
}

func TestExamplesRunAndExplain(t *testing.T) {
	for _, name := range scenarios.Examples() {
		s, err := scenarios.Example(name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Run(s, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fast, err := Run(s, Options{NoLedger: true})
		if err != nil {
			t.Fatalf("%s without ledger: %v", name, err)
		}
		if len(r.Ledger) == 0 || fast.Ledger != nil {
			t.Errorf("%s: ledger %d entries with, %d without", name, len(r.Ledger), len(fast.Ledger))
		}
		// The tables do not depend on keeping the ledger.
		for p := range r.Parties {
			if r.Parties[p].Total != fast.Parties[p].Total {
				t.Errorf("%s %s: %+v with ledger, %+v without", name, r.Parties[p].ID, r.Parties[p].Total, fast.Parties[p].Total)
			}
		}
	}
}

func TestWalletInterestDoesNotDependOnOrder(t *testing.T) {
	// Found in review: interest was paid on a balance that already held the
	// same year's conversion when the phase-out was listed first.
	wallet := "[[instrument]]\ntype = \"wallet\"\nid = \"pot\"\nrate = 0.0\ncontributors = [\"zv\"]\ninterest = 0.1\n"
	phase := "[[instrument]]\ntype = \"phase_out\"\nid = \"afbouw\"\nflow = \"legacy\"\nstart = 2026\nyears = 2\nprofile = \"linear\"\nconvert_to = \"pot\"\n"
	base := strings.Replace(region4, "horizon = 4", "horizon = 3", 1) + strings.Replace(phaseOutBase, "amount = 1_000_000", "amount = 1_000", 1)
	for _, order := range []string{wallet + phase, phase + wallet} {
		r := mustRun(t, strings.Replace(base, "cost = 300_000", "cost = 0", 1)+order)
		// By hand, linear over 2 years: 500 freed in 2026, 1 000 after, all
		// converted. Pot: 500; 500 × 1.1 + 1 000 = 1 550; 1 550 × 1.1 + 1 000 = 2 705.
		var pot InstrumentResult
		for _, in := range r.Instruments {
			if in.ID == "pot" {
				pot = in
			}
		}
		checkSeries(t, "balance", pot.Balance, 500, 1_550, 2_705)
	}
}

// TestSequentialPhaseOuts: two phase-outs of one flow, one after the
// other, free the flow's money once: the first takes a 1 000 000 flow to
// 0 by 2028, the second (from 2030) finds nothing left to free. By hand:
// freed over the horizon = 1 000 000 × 5 years (2026–2030; the linear
// profile over 3 years leaves 2/3, 1/3, 0), i.e. 1/3 + 2/3 + 1 + 1 + 1 million.
func TestSequentialPhaseOuts(t *testing.T) {
	src := `[region]
first_year = 2026
horizon = 5
[[party]]
id = "zv"
kind = "insurer"
[[party]]
id = "zh"
kind = "hospital"
[[flow]]
id = "f"
from = "zv"
to = "zh"
stream = "zvw"
amount = 1_000_000
[[instrument]]
type = "phase_out"
id = "a"
flow = "f"
start = 2026
years = 3
profile = "linear"
[[instrument]]
type = "phase_out"
id = "b"
flow = "f"
start = 2029
years = 2
profile = "linear"
`
	s, err := scenarios.Parse("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(s, Options{})
	if err != nil {
		t.Fatal(err) // includes the conservation check
	}
	freed := 0.0
	for _, po := range r.PhaseOuts {
		freed += po.Freed.Sum()
	}
	if want := 1e6 * (1.0/3 + 2.0/3 + 1 + 1 + 1); math.Abs(freed-want) > 1e-6 {
		t.Errorf("freed %v, want %v", freed, want)
	}
	if lvl := r.Flows[0].Level; lvl[4] != 0 || lvl[3] != 0 {
		t.Errorf("level %v, want 0 from 2028 on", lvl)
	}
}

// TestStartedBeforeTheHorizon: an initiative started in 2024 with a ramp
// of 4 years is, by hand, at 3/4 of its cost of 100 in 2026 (its third
// year) and at full scale from 2027.
func TestStartedBeforeTheHorizon(t *testing.T) {
	src := "[region]\nfirst_year = 2026\nhorizon = 3\n[[party]]\nid = \"w\"\nkind = \"social_work\"\n" +
		"[[initiative]]\nid = \"x\"\nprovider = \"w\"\ncost = 100\nstart = 2024\nramp_years = 4\n"
	s, err := scenarios.Parse("r.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if need := r.Initiatives[0].Need; need[0] != 75 || need[1] != 100 || need[2] != 100 {
		t.Errorf("need %v, want 75, 100, 100", need)
	}
}

// TestGapAfterFundsEndWithFundsOff: an option that switches the
// transformation funds off still counts the gap after their scheduled end
// (2027) as the gap after the funds end, so that options compare the same
// years. By hand: the need of fundsScenario (50,000, then 100,000 a year),
// nothing else pays, no discounting: the gap is the need, 200,000 of it in
// 2028–2029.
func TestGapAfterFundsEndWithFundsOff(t *testing.T) {
	r := mustRun(t, strings.Replace(fundsScenario, `until = 2027`, "until = 2027\noff = true", 1))
	in := r.Initiatives[0]
	checkSeries(t, "gap", in.Gap, 50_000, 100_000, 100_000, 100_000)
	if in.FundsEnd != 2027 || !eq(in.GapAfterFundsEnd, 200_000) || !eq(in.PVGapAfterFundsEnd, 200_000) {
		t.Fatalf("funds end %d, gap after %v (PV %v); want 2027 and 200,000", in.FundsEnd, in.GapAfterFundsEnd, in.PVGapAfterFundsEnd)
	}
}
