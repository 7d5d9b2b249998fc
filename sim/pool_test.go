package sim

import (
	"testing"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim/ledger"
)

// poolFixture is testdata/scenarios/pool.toml with the TOML of more
// appended, its pool "pool" changed by edit (nil: not at all) and the
// values of set set by path, checked again. The fixture: two payers (an
// insurer zv and a municipality gem, turnover 0) and a provider wz, no
// indexation and no discounting, so that every figure is a plain sum; one
// year; a flow zvw-wz of 1 000 000 from zv to wz. x costs 100 000 a year
// and saves 1 000 000 a year at full scale, 80 % for zv and 20 % for gem.
// Its pool: zv and gem put in 50 000 each, to buy x; savings key 50/50.
func poolFixture(t *testing.T, more string, edit func(*scenarios.Scenario, *instruments.PooledPurchase), set map[string]any) *scenarios.Scenario {
	t.Helper()
	s := fixture(t, "pool.toml", more, nil)
	if edit != nil {
		in, _ := s.Instrument("pool")
		edit(s, in.(*instruments.PooledPurchase))
	}
	setAll(t, s, set)
	return s
}

// runPool runs s with its tables, ledger and outcomes, and checks that
// every figure of the pool "pool" is the same in the Result and in the
// outcomes (pool.pool.FIGURE); it returns the Result, the figures by name
// and the ledger.
func runPool(t *testing.T, s *scenarios.Scenario) (*Result, map[string]float64, []ledger.Entry) {
	t.Helper()
	m, err := Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	tables := &TableSink{Ledger: true}
	if err := m.NewState().Run(nil, tables); err != nil {
		t.Fatal(err) // includes the conservation check of the ledger
	}
	var out OutcomeSink
	if err := m.NewState().Run(nil, &out); err != nil {
		t.Fatal(err)
	}
	r := tables.Result
	var ir *InstrumentResult
	for i := range r.Instruments {
		if r.Instruments[i].ID == "pool" {
			ir = &r.Instruments[i]
		}
	}
	if ir == nil {
		t.Fatal("no instrument pool in the result")
	}
	figs := map[string]float64{}
	for _, f := range ir.Figures {
		figs[f.Name] = f.Value
		k := m.OutcomeIndex("pool.pool." + f.Name)
		if k < 0 {
			t.Errorf("no outcome pool.pool.%s", f.Name)
			continue
		}
		if !eq(out.Values[k], f.Value) {
			t.Errorf("outcome pool.pool.%s = %v, the result's figure %v", f.Name, out.Values[k], f.Value)
		}
	}
	// Each series sums to its figure.
	for _, sr := range ir.Series {
		if !eq(sr.Values.Sum(), figs[sr.Name]) {
			t.Errorf("series %s sums to %v, its figure is %v", sr.Name, sr.Values.Sum(), figs[sr.Name])
		}
	}
	return r, figs, r.Ledger
}

// sumKind adds the ledger's entries of a kind from one account to another
// (ledger.Outside for any).
func sumKind(entries []ledger.Entry, kind ledger.Kind, from, to ledger.Account) float64 {
	s := 0.0
	for _, en := range entries {
		if en.Kind == kind && (from == ledger.Outside || en.From == from) && (to == ledger.Outside || en.To == to) {
			s += en.Amount
		}
	}
	return s
}

func wantFigures(t *testing.T, figs map[string]float64, want map[string]float64) {
	t.Helper()
	for name, w := range want {
		got, ok := figs[name]
		if !ok || !eq(got, w) {
			t.Errorf("%s = %v (present %v), want %v", name, got, ok, w)
		}
	}
}

// TestPoolSettlesByKey: savings that land 80/20 are settled under a 50/50
// key.
func TestPoolSettlesByKey(t *testing.T) {
	r, figs, entries := runPool(t, poolFixture(t, "", nil, nil))
	// By hand: 50 000 + 50 000 = 100 000 in, all of it buys x (its cost),
	// so x runs at full scale and saves zv 800 000 and gem 200 000:
	// S = 1 000 000, each key share 0.5 × S = 500 000. zv saved 300 000
	// more than its share and pays it to gem. Net = key share − put in =
	// 500 000 − 50 000 = 450 000 each.
	wantFigures(t, figs, map[string]float64{
		"in.zv": 50_000, "key_share.zv": 500_000, "saved.zv": 800_000, "settlement.zv": -300_000, "net.zv": 450_000,
		"in.gem": 50_000, "key_share.gem": 500_000, "saved.gem": 200_000, "settlement.gem": 300_000, "net.gem": 450_000,
		"key.zv": 0.5, "key.gem": 0.5, "savings": 1_000_000,
	})
	zv, gem := ledger.Account(0), ledger.Account(1)
	if got := sumKind(entries, ledger.Settlement, zv, gem); !eq(got, 300_000) {
		t.Errorf("the ledger's settlement zv → gem: %v, want 300 000", got)
	}
	if got := sumKind(entries, ledger.Settlement, gem, zv); got != 0 {
		t.Errorf("the ledger's settlement gem → zv: %v, want 0", got)
	}
	if got := sumKind(entries, ledger.PoolIn, zv, ledger.Outside) + sumKind(entries, ledger.PoolIn, gem, ledger.Outside); !eq(got, 100_000) {
		t.Errorf("the ledger's pool_in: %v, want 100 000", got)
	}
	// The party figures: zv pays 50 000 + 300 000, saves 800 000: net
	// 450 000; gem pays 50 000, receives 300 000, saves 200 000: 450 000.
	for _, p := range r.Parties[:2] {
		if !eq(p.Total.Net, 450_000) {
			t.Errorf("party %s net %v, want 450 000", p.ID, p.Total.Net)
		}
	}
	if in := r.Initiatives[0]; !eq(in.Total.Gap, 0) {
		t.Errorf("x has a gap of %v, want 0", in.Total.Gap)
	}
}

// TestPoolByContributions: the key is each payer's share of all put in so
// far; a payer that stops paying keeps its claim. Two years; zv puts in
// 10 % of its turnover (750 000 in 2026, 0 in 2027), gem 25 000 a year.
func TestPoolByContributions(t *testing.T) {
	_, figs, entries := runPool(t, poolFixture(t, "", func(s *scenarios.Scenario, p *instruments.PooledPurchase) {
		s.Parties[0].Series = []float64{750_000, 0}
		delete(p.Amounts, "zv")
		p.SavingsKey = instruments.ByContributions
	}, map[string]any{"region.horizon": 2, "instrument.pool.rates.zv": 0.1, "instrument.pool.amounts.gem": 25_000}))
	// By hand. 2026: zv puts in 0.1 × 750 000 = 75 000, gem 25 000: x is
	// bought in full and saves zv 800 000, gem 200 000 (S = 1 000 000).
	// Shares so far 75/100 and 25/100: key shares 750 000 and 250 000, so
	// zv pays 800 000 − 750 000 = 50 000 to gem.
	// 2027: zv's turnover is 0, so only gem's 25 000 comes in: x runs at
	// 25 000 / 100 000 = 25 % and saves zv 200 000, gem 50 000 (S =
	// 250 000). Put in so far: zv 75 000, gem 50 000, shares 0.6 and 0.4:
	// key shares 150 000 and 100 000, so zv pays 200 000 − 150 000 =
	// 50 000 to gem (with this year's contributions only zv's share would
	// be 0 and it would pay all its 200 000).
	// Over the horizon: zv in 75 000, key share 900 000, saved 1 000 000,
	// settled −100 000, net 900 000 − 75 000 = 825 000; gem in 50 000, key
	// share 350 000, saved 250 000, settled +100 000, net 300 000. The key
	// figures are the shares of all put in: 0.6 and 0.4.
	wantFigures(t, figs, map[string]float64{
		"in.zv": 75_000, "key_share.zv": 900_000, "saved.zv": 1_000_000, "settlement.zv": -100_000, "net.zv": 825_000,
		"in.gem": 50_000, "key_share.gem": 350_000, "saved.gem": 250_000, "settlement.gem": 100_000, "net.gem": 300_000,
		"key.zv": 0.6, "key.gem": 0.4, "savings": 1_250_000,
	})
	if got := sumKind(entries, ledger.Settlement, 0, 1); !eq(got, 100_000) {
		t.Errorf("the ledger's settlement zv → gem: %v, want 100 000", got)
	}
}

// TestPoolFlowShareAndReturn: a share of a regular flow is the payer's
// budget put into the pool: taken from the flow (its receiver no longer
// gets it), under the flow's stream; unspent money goes back pro rata to
// this year's money, what came from the flow to the flow's receiver. The
// pool takes 9 % of the flow zvw-wz of zv and 60 000 from gem, and buys x
// and a second initiative y (10 000, saving wz 50 000); key 75/25.
func TestPoolFlowShareAndReturn(t *testing.T) {
	y := "[[initiative]]\nid = \"y\"\nprovider = \"wz\"\ncost = 10_000\nsavings = { wz = 50_000 }\n"
	r, figs, entries := runPool(t, poolFixture(t, y, func(_ *scenarios.Scenario, p *instruments.PooledPurchase) {
		delete(p.Amounts, "zv")
		p.Funds = []string{"x", "y"}
		p.SavingsKey = map[string]any{"zv": 0.75, "gem": 0.25}
	}, map[string]any{"instrument.pool.flows.zvw-wz": 0.09, "instrument.pool.amounts.gem": 60_000, "instrument.pool.unspent": "return"}))
	// By hand: zv puts in 0.09 × 1 000 000 = 90 000 (stream zvw), gem
	// 60 000: 150 000. x takes 100 000 and y 10 000; 40 000 is left and
	// goes back 90/150 × 40 000 = 24 000 to zv and 16 000 to gem: put in
	// 66 000 and 44 000. Savings of the payers: zv 800 000, gem 200 000
	// (wz's 50 000 of y is not a payer's and is not settled). Key shares
	// 750 000 and 250 000: zv pays 50 000 to gem. Net: 750 000 − 66 000
	// = 684 000 and 250 000 − 44 000 = 206 000 (the pool's figures: the
	// flow's share counts as zv's). In the parties' tables the 90 000 is
	// wz's, a change of its baseline income: the flow falls to 910 000, wz
	// gets 24 000 of it back, −66 000 in all, and saves 50 000 by y: net
	// −16 000; zv spends what it spent: it saves 800 000 and pays 50 000
	// to gem, net 750 000; gem pays 44 000, receives 50 000, saves 200 000:
	// net 206 000.
	wantFigures(t, figs, map[string]float64{
		"in.zv": 66_000, "key_share.zv": 750_000, "saved.zv": 800_000, "settlement.zv": -50_000, "net.zv": 684_000,
		"in.gem": 44_000, "key_share.gem": 250_000, "saved.gem": 200_000, "settlement.gem": 50_000, "net.gem": 206_000,
		"savings": 1_000_000,
	})
	var zvw float64
	for _, en := range entries {
		if en.Kind == ledger.PoolFlow && en.Stream == "zvw" && en.From == 2 {
			zvw += en.Amount
		}
	}
	if !eq(zvw, 90_000) {
		t.Errorf("taken from wz's flow under zvw: %v, want 90 000", zvw)
	}
	if got := sumKind(entries, ledger.PoolFlowBack, ledger.Outside, 2); !eq(got, 24_000) {
		t.Errorf("returned to wz: %v, want 24 000", got)
	}
	if got := sumKind(entries, ledger.Return, ledger.Outside, 0); got != 0 {
		t.Errorf("returned to zv: %v, want 0 (its share came from the flow)", got)
	}
	if got := sumKind(entries, ledger.Return, ledger.Outside, 1); !eq(got, 16_000) {
		t.Errorf("returned to gem: %v, want 16 000", got)
	}
	for _, c := range []struct {
		id          string
		legacy, net float64
	}{{"zv", 0, 750_000}, {"gem", 0, 206_000}, {"wz", -66_000, -16_000}} {
		p := r.Parties[r.PartyIndex(c.id)]
		if !eq(p.Total.Legacy, c.legacy) || !eq(p.Total.Net, c.net) {
			t.Errorf("%s: legacy income change %v, net %v; want %v and %v", c.id, p.Total.Legacy, p.Total.Net, c.legacy, c.net)
		}
	}
	ir := r.Instruments[0]
	if bal := ir.Balance[len(ir.Balance)-1]; !eq(bal, 0) {
		t.Errorf("the pool closes at %v, want 0 (unspent money returned)", bal)
	}
}

// TestPoolSharesOnlyWhatItBought: when another instrument pays half of an
// initiative, only the half the pool bought is settled. Transformation
// funds iza, listed before the pool, pay 50 000 of x in 2026; zv and gem
// put 25 000 each into the pool.
func TestPoolSharesOnlyWhatItBought(t *testing.T) {
	iza := "[[instrument]]\ntype = \"transformation_funds\"\nid = \"iza\"\nuntil = 2026\nfunds = { x = 50_000 }\n"
	_, figs, _ := runPool(t, poolFixture(t, iza, func(s *scenarios.Scenario, _ *instruments.PooledPurchase) {
		s.Instruments[0], s.Instruments[1] = s.Instruments[1], s.Instruments[0] // iza, pool
	}, map[string]any{"instrument.pool.amounts.zv": 25_000, "instrument.pool.amounts.gem": 25_000}))
	// By hand: IZA pays 50 000 of x, the pool the other 50 000: x runs in
	// full and saves 800 000 and 200 000, of which the pool bought half:
	// 400 000 and 100 000. Key shares 250 000 each: zv pays 150 000; net
	// 250 000 − 25 000 = 225 000 each.
	wantFigures(t, figs, map[string]float64{
		"in.zv": 25_000, "key_share.zv": 250_000, "saved.zv": 400_000, "settlement.zv": -150_000, "net.zv": 225_000,
		"in.gem": 25_000, "key_share.gem": 250_000, "saved.gem": 100_000, "settlement.gem": 150_000, "net.gem": 225_000,
		"savings": 500_000,
	})
}

// TestPoolOutcomeUnits: a pool's outcomes are named pool.ID.FIGURE, its
// key is a share and the rest euros (here the key by contributions).
func TestPoolOutcomeUnits(t *testing.T) {
	s := poolFixture(t, "", func(_ *scenarios.Scenario, p *instruments.PooledPurchase) { p.SavingsKey = instruments.ByContributions }, nil)
	m, err := Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"pool.pool.in": "euro", "pool.pool.closing_balance": "euro", "pool.pool.settlement.zv": "euro",
		"pool.pool.net.gem": "euro", "pool.pool.key.zv": "share", "pool.pool.savings": "euro"}
	for _, o := range m.Outcomes() {
		if u, ok := want[o.Name]; ok {
			if o.Unit != u || o.Group != "pool" || o.Subject != "pool" {
				t.Errorf("%s: unit %s, group %s, subject %s; want %s, pool, pool", o.Name, o.Unit, o.Group, o.Subject, u)
			}
			delete(want, o.Name)
		}
	}
	for name := range want {
		t.Errorf("no outcome %s", name)
	}
}
