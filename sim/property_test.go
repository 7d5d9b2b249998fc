package sim

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim/finance"
	"pgregory.net/rapid"
)

// genScenario draws a random valid scenario with every instrument type.
// walletRate is written as the wallet's rate so that a property can vary it.
func genScenario(t *rapid.T, walletRate float64) string {
	first := 2026
	h := rapid.IntRange(1, 15).Draw(t, "horizon")
	var b strings.Builder
	fmt.Fprintf(&b, "[region]\nname = \"R\"\nfirst_year = %d\nhorizon = %d\ndiscount_rate = %g\nindexation = %g\n",
		first, h, rapid.Float64Range(0, 0.1).Draw(t, "d"), rapid.Float64Range(-0.05, 0.1).Draw(t, "g"))
	kinds := []string{"insurer", "care_office", "municipality", "hospital", "social_work"}
	np := rapid.IntRange(2, 6).Draw(t, "parties")
	for p := 0; p < np; p++ {
		fmt.Fprintf(&b, "[[party]]\nid = \"p%d\"\nkind = %q\nturnover = %d\n", p, kinds[p%len(kinds)],
			rapid.IntRange(0, 2_000_000_000).Draw(t, "turnover"))
	}
	// Flows from an insurer (p0) to the others.
	nf := rapid.IntRange(1, 3).Draw(t, "flows")
	for f := 0; f < nf; f++ {
		fmt.Fprintf(&b, "[[flow]]\nid = \"f%d\"\nfrom = \"p0\"\nto = \"p%d\"\nstream = \"zvw\"\namount = %d\n", f, 1+f%(np-1),
			rapid.IntRange(0, 500_000_000).Draw(t, "amount"))
	}
	ni := rapid.IntRange(1, 4).Draw(t, "initiatives")
	var ids []string
	for i := 0; i < ni; i++ {
		ids = append(ids, fmt.Sprintf("\"i%d\"", i))
		fmt.Fprintf(&b, "[[initiative]]\nid = \"i%d\"\nprovider = \"p%d\"\ncost = %d\nstart = %d\nramp_years = %d\nsavings_lag = %d\ngap = %q\nsavings = { p0 = %d, p1 = %d }\n",
			i, rapid.IntRange(0, np-1).Draw(t, "provider"), rapid.IntRange(0, 5_000_000).Draw(t, "cost"),
			first+rapid.IntRange(0, h-1).Draw(t, "start"), rapid.IntRange(1, 4).Draw(t, "ramp"), rapid.IntRange(0, 3).Draw(t, "lag"),
			rapid.SampledFrom([]string{"scale", "provider"}).Draw(t, "gap"),
			rapid.IntRange(0, 5_000_000).Draw(t, "s0"), rapid.IntRange(0, 5_000_000).Draw(t, "s1"))
	}
	fmt.Fprintf(&b, "[[instrument]]\ntype = \"cross_purchase\"\nid = \"kruis\"\nbuyer = \"p0\"\ninitiative = \"i0\"\nwindow = %d\nthreshold = %g\nshare = %g\n",
		rapid.IntRange(1, 20).Draw(t, "window"), rapid.Float64Range(0.1, 3).Draw(t, "threshold"), rapid.Float64Range(0.01, 1).Draw(t, "cpshare"))
	fmt.Fprintf(&b, "[[instrument]]\ntype = \"transformation_funds\"\nid = \"tf\"\nuntil = %d\nfunds = { i0 = %d }\n",
		first+rapid.IntRange(0, h-1).Draw(t, "until"), rapid.IntRange(0, 3_000_000).Draw(t, "tf"))
	fmt.Fprintf(&b, "[[instrument]]\ntype = \"surcharge\"\nid = \"plus\"\nflow = \"f0\"\nrate = %g\nfunds = [%s]\nunspent = %q\n",
		rapid.Float64Range(0, 0.02).Draw(t, "srate"), ids[len(ids)-1], rapid.SampledFrom([]string{"carry", "return"}).Draw(t, "unspent"))
	// A regional budget, before the wallet so that it does not depend on
	// the wallet's rate: into the wallet, or funding initiatives itself.
	fmt.Fprintf(&b, "[[instrument]]\ntype = \"regional_budget\"\nid = \"rb\"\namount = %d\nfrom = %d\npayer = %q\n",
		rapid.IntRange(0, 3_000_000).Draw(t, "rbamount"), first+rapid.IntRange(0, h-1).Draw(t, "rbfrom"), rapid.SampledFrom([]string{"", "p1"}).Draw(t, "rbpayer"))
	if rapid.Bool().Draw(t, "rbgrowth") {
		fmt.Fprintf(&b, "growth = %g\n", rapid.Float64Range(-0.1, 0.2).Draw(t, "rbg"))
	}
	if rapid.Bool().Draw(t, "rbto") {
		b.WriteString("to = \"pot\"\n")
	} else {
		fmt.Fprintf(&b, "funds = [%s]\n", ids[rapid.IntRange(0, len(ids)-1).Draw(t, "rbfunds")])
	}
	// A pooled purchase, before the wallet too: a share of f0 from p0, an
	// amount from p1, settled by a key or by contributions.
	poolKey := `"contributions"`
	if rapid.Bool().Draw(t, "poolbykey") {
		a := rapid.Float64Range(0, 1).Draw(t, "poolkey")
		poolKey = fmt.Sprintf("{ p0 = %g, p1 = %g }", a, 1-a)
	}
	fmt.Fprintf(&b, "[[instrument]]\ntype = \"pooled_purchase\"\nid = \"pool\"\npayers = [\"p0\", \"p1\"]\nflows = { f0 = %g }\namounts = { p1 = %d }\nfunds = [%s]\nsavings_key = %s\nunspent = %q\nuntil = %d\n",
		rapid.Float64Range(0, 0.01).Draw(t, "poolrate"), rapid.IntRange(0, 3_000_000).Draw(t, "poolamount"), ids[rapid.IntRange(0, len(ids)-1).Draw(t, "poolfunds")],
		poolKey, rapid.SampledFrom([]string{"carry", "return"}).Draw(t, "poolunspent"), first+rapid.IntRange(0, h-1).Draw(t, "pooluntil"))
	// A revolving fund, before the wallet so that what it lends does not
	// depend on the wallet's rate (a grant from the wallet where the fund
	// would lend is not repaid from the savings: a higher rate could then
	// leave less for later): capital from parties or from the wallet's
	// pot, lending to the initiatives in reverse order.
	rev := make([]string, len(ids))
	for i, id := range ids {
		rev[len(ids)-1-i] = id
	}
	fmt.Fprintf(&b, "[[instrument]]\ntype = \"revolving_fund\"\nid = \"fonds\"\ninterest = %g\nfunds = [%s]\nrepayment_share = %g\nterm = %d\ncapital_until = %d\n",
		rapid.Float64Range(0, 0.1).Draw(t, "rinterest"), strings.Join(rev, ", "), rapid.Float64Range(0, 1).Draw(t, "rshare"),
		rapid.IntRange(1, 12).Draw(t, "term"), first+rapid.IntRange(0, h-1).Draw(t, "runtil"))
	if rapid.Bool().Draw(t, "rwallet") {
		fmt.Fprintf(&b, "from_wallet = \"pot\"\nfrom_wallet_amount = %d\n", rapid.IntRange(1, 3_000_000).Draw(t, "rwamount"))
	} else {
		fmt.Fprintf(&b, "capital = { p0 = %d, p1 = %d }\n", rapid.IntRange(1, 3_000_000).Draw(t, "rc0"), rapid.IntRange(0, 3_000_000).Draw(t, "rc1"))
	}
	fmt.Fprintf(&b, "[[instrument]]\ntype = \"wallet\"\nid = \"pot\"\nrate = %g\ncontributors = [\"p0\", \"p1\"]\nfunds = [%s]\ninterest = %g\n",
		walletRate, strings.Join(ids, ", "), rapid.Float64Range(0, 0.05).Draw(t, "interest"))
	target := rapid.SampledFrom([]string{"pot", "i0", "p1"}).Draw(t, "target")
	fmt.Fprintf(&b, "[[instrument]]\ntype = \"phase_out\"\nid = \"afbouw\"\nflow = \"f0\"\nstart = %d\nyears = %d\nprofile = %q\nrate = %g\nconvert_share = %g\nconvert_to = %q\n",
		first+rapid.IntRange(0, h-1).Draw(t, "pstart"), rapid.IntRange(1, 20).Draw(t, "pyears"),
		rapid.SampledFrom([]string{"annuity", "linear", "cliff"}).Draw(t, "profile"), rapid.Float64Range(0, 0.1).Draw(t, "prate"),
		rapid.Float64Range(0, 1).Draw(t, "share"), target)
	return b.String()
}

func runText(t *rapid.T, src string) *Result {
	s, err := scenarios.Parse("random.toml", []byte(src))
	if err != nil {
		t.Fatalf("generated scenario is invalid: %v\n%s", err, src)
	}
	r, err := Run(s, Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	return r
}

// Money is conserved in every random scenario: Run checks it itself (and
// fails otherwise); on top, every amount is finite and never negative, and
// the parties' paid and received balance against the pots and the outside.
func TestPropertyMoneyConserved(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := runText(t, genScenario(t, rapid.Float64Range(0, 0.01).Draw(t, "wrate")))
		for _, e := range r.Ledger {
			if !(e.Amount >= 0) || math.IsInf(e.Amount, 0) {
				t.Fatalf("entry %+v has an invalid amount", e)
			}
		}
		for k := range r.Years {
			parties, pots, outside := 0.0, 0.0, 0.0
			for _, p := range r.Parties {
				parties += p.Received[k] - p.Paid[k] + p.Legacy[k] // a change of baseline income is money too
			}
			for _, in := range r.Instruments {
				prev := 0.0
				if k > 0 {
					prev = in.Balance[k-1]
				}
				pots += in.Balance[k] - prev
			}
			for _, e := range r.Ledger {
				if e.Year != r.Years[k] || !e.Kind.Transfer() {
					continue
				}
				if e.From < 0 {
					outside += e.Amount
				}
				if e.To < 0 {
					outside -= e.Amount
				}
			}
			if math.Abs(parties+pots-outside) > 1e-4+1e-12*math.Abs(outside) {
				t.Fatalf("year %d: parties %+.6f and pots %+.6f, but outside sent %+.6f", r.Years[k], parties, pots, outside)
			}
		}
		for _, in := range r.Initiatives {
			for k := range in.Need {
				if in.Funded[k] > in.Need[k]+1e-6 || in.Coverage[k] < 0 || in.Coverage[k] > 1+1e-12 {
					t.Fatalf("%s year %d: funded %v of need %v, coverage %v", in.ID, k, in.Funded[k], in.Need[k], in.Coverage[k])
				}
			}
		}
		checkWrongPocket(t, r)
		for _, po := range r.PhaseOuts {
			for k := range po.Level {
				if po.Level[k] > po.Baseline[k]+1e-9 || po.Kept[k] < 0 {
					t.Fatalf("phase-out year %d: level %v above baseline %v or kept %v < 0", k, po.Level[k], po.Baseline[k], po.Kept[k])
				}
			}
		}
	})
}

// Raising a wallet's rate never increases any initiative's gap.
func TestPropertyHigherWalletRateNeverWidensGap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lo := rapid.Float64Range(0, 0.005).Draw(t, "low")
		hi := lo + rapid.Float64Range(0, 0.005).Draw(t, "raise")
		// The same draws give the same scenario but for the wallet's rate.
		src := genScenario(t, lo)
		low := runText(t, src)
		high := runText(t, strings.Replace(src, fmt.Sprintf("id = \"pot\"\nrate = %g\n", lo), fmt.Sprintf("id = \"pot\"\nrate = %g\n", hi), 1))
		for i := range low.Initiatives {
			for k := range low.Years {
				if high.Initiatives[i].Gap[k] > low.Initiatives[i].Gap[k]+1e-6 {
					t.Fatalf("%s %d: gap %v at rate %g, %v at %g", low.Initiatives[i].ID, low.Years[k], low.Initiatives[i].Gap[k], lo, high.Initiatives[i].Gap[k], hi)
				}
			}
		}
	})
}

// checkWrongPocket: the matrix's column sums are the savings per party and
// its rows, "none" aside, add up to the initiatives' cost, all at present
// value; no cell is negative.
func checkWrongPocket(t *rapid.T, r *Result) {
	wp := r.WrongPocket
	cost := 0.0
	for _, in := range r.Initiatives {
		cost += finance.PresentValue(in.Cost, r.DiscountRate)
	}
	borne := 0.0
	for b, row := range wp.Values {
		for _, v := range row {
			if v < -1e-6 {
				t.Fatalf("negative cell %v", v)
			}
			if wp.Bearers[b] != "none" {
				borne += v
			}
		}
	}
	if math.Abs(borne-cost) > 1e-6*(1+cost) {
		t.Fatalf("the matrix's rows add up to %.6f, the initiatives cost %.6f", borne, cost)
	}
	for p, party := range r.Parties {
		col := 0.0
		for b := range wp.Values {
			col += wp.Values[b][p]
		}
		if math.Abs(col-party.PV.Saved) > 1e-6*(1+party.PV.Saved) {
			t.Fatalf("%s: the matrix's column adds up to %.6f, its savings are %.6f", party.ID, col, party.PV.Saved)
		}
	}
}
