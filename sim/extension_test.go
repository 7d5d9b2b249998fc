package sim

import (
	"math"
	"testing"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim/ledger"
)

// levy is an instrument the engine has never heard of: after each year is
// settled it takes a share of what an initiative realised for a party
// (Year.Realised) into its own pot. It shows that a new instrument needs
// no edit of the engine or the tallies: the Settler ability and a kind
// with its properties suffice.
type levy struct {
	instruments.Header
	share      float64
	party      string
	initiative string
}

func (l *levy) Meta() *instruments.Header            { return &l.Header }
func (l *levy) Check(instruments.Scope)              {}
func (l *levy) Bounds() map[string]instruments.Range { return nil }
func (l *levy) Start(env instruments.Env) instruments.Runner {
	pot, _ := env.Pot(l.ID)
	return &levyRunner{l: l, pot: pot, party: env.Party(l.party), init: env.Initiative(l.initiative)}
}

type levyRunner struct {
	l      *levy
	pot    ledger.Account
	party  ledger.Account
	init   int
	took   float64
	byYear []float64
}

var (
	_ instruments.Settler  = (*levyRunner)(nil)
	_ instruments.Reporter = (*levyRunner)(nil)
)

// It reports a figure and a series of its own.
var levyFigures, levySeries = []string{"taken"}, []string{"taken"}

func (r *levyRunner) Figures() []string               { return levyFigures }
func (r *levyRunner) FigureValues(dst []float64)      { dst[0] = r.took }
func (r *levyRunner) SeriesNames() []string           { return levySeries }
func (r *levyRunner) YearSeries(_ int, dst []float64) { copy(dst, r.byYear) }

func (r *levyRunner) Prepare(env instruments.Env) {
	r.took = 0
	r.byYear = make([]float64, env.Horizon())
}
func (r *levyRunner) Raise(instruments.Year) {}
func (r *levyRunner) Fund(instruments.Year)  {}
func (r *levyRunner) Settle(y instruments.Year) {
	if v := r.l.share * y.Realised(r.init, r.party); v > 0 {
		y.Move(r.party, r.pot, v, ledger.Contribution, "own", ledger.None)
		r.took += v
		r.byYear[y.Index()] += v
	}
}

func TestNewInstrumentActsAfterSettling(t *testing.T) {
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	lv := &levy{Header: instruments.Header{Type: "levy", ID: "levy"}, share: 0.1, party: "zv-a", initiative: "valpreventie"}
	s.Instruments = append(s.Instruments, lv)
	m, err := Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	st := m.NewState()
	tables := &TableSink{}
	if err := st.Run(nil, tables); err != nil {
		t.Fatal(err) // includes the conservation check
	}
	r := tables.Result
	var saved Series
	for _, in := range r.Initiatives {
		if in.ID == "valpreventie" {
			for _, sb := range in.SavingsBy {
				if sb.Party == "zv-a" {
					saved = sb.Amount
				}
			}
		}
	}
	// By hand: the pot closes at 10 % of zv-a's realised savings of
	// valpreventie over the horizon.
	want := 0.1 * saved.Sum()
	ir := r.Instruments[len(r.Instruments)-1]
	if ir.ID != "levy" || math.Abs(ir.Balance[len(ir.Balance)-1]-want) > 1e-6 || want <= 0 {
		t.Errorf("levy pot closes at %v, want 10%% of %v = %v", ir.Balance[len(ir.Balance)-1], saved.Sum(), want)
	}
	// Its outcomes are named from its type with the generic figures, and
	// its own (instruments.Reporter), as are its table's series.
	if m.OutcomeIndex("levy.levy.in") < 0 {
		t.Error("no outcome levy.levy.in")
	}
	var out OutcomeSink
	if err := m.NewState().Run(nil, &out); err != nil {
		t.Fatal(err)
	}
	if k := m.OutcomeIndex("levy.levy.taken"); k < 0 || math.Abs(out.Values[k]-want) > 1e-6 {
		t.Errorf("outcome levy.levy.taken: index %d, want %v", k, want)
	}
	if len(ir.Series) != 1 || ir.Series[0].Name != "taken" || math.Abs(ir.Series[0].Values.Sum()-want) > 1e-6 ||
		len(ir.Figures) != 1 || math.Abs(ir.Figures[0].Value-want) > 1e-6 {
		t.Errorf("the levy's own series and figures: %+v, %+v", ir.Series, ir.Figures)
	}
}
