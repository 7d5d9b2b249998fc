package sim

import (
	"errors"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim/ledger"
)

// Sink is what a run hands its figures to. The money of a run is booked
// once, by the engine, in its tallies (and in the ledger when the sink
// keeps it); a sink only decides what to keep of them:
//
//   - LedgerSink keeps every entry (explain),
//   - TableSink builds the tables of a Result (run, report, compare),
//   - OutcomeSink fills a fixed vector of named scalars (stress tests,
//     sensitivity, break-even, batches).
type Sink interface {
	// entries returns where the engine appends the run's entries, or nil
	// when the sink keeps none.
	entries() *[]ledger.Entry
	// finish takes the figures of a run whose money balanced.
	finish(st *State) error
	// traces says whether the run follows money through the pots to who
	// put it in (the wrong-pocket matrix, what a pot holds by source).
	traces() bool
}

var (
	_ Sink = (*LedgerSink)(nil)
	_ Sink = (*TableSink)(nil)
	_ Sink = (*OutcomeSink)(nil)
	_ Sink = (*SelectSink)(nil)
)

// LedgerSink keeps every entry of a run, in the order booked; after the
// run it checks that they add up to the tallies.
type LedgerSink struct {
	Entries []ledger.Entry
}

func (l *LedgerSink) entries() *[]ledger.Entry {
	l.Entries = l.Entries[:0]
	return &l.Entries
}

func (l *LedgerSink) finish(st *State) error { return st.e.checkLedger(l.Entries) }

func (l *LedgerSink) traces() bool { return true }

// TableSink builds the tables of a run: Result. With Ledger the result
// carries the entries too (for explain); with Cases the business case
// behind each cross-purchase.
type TableSink struct {
	Ledger bool
	Cases  bool
	Result *Result
	ledger LedgerSink
}

func (t *TableSink) entries() *[]ledger.Entry {
	if !t.Ledger {
		return nil
	}
	t.ledger.Entries = nil // the result keeps them: a fresh list for every run
	return &t.ledger.Entries
}

func (t *TableSink) traces() bool { return true }

func (t *TableSink) finish(st *State) error {
	if t.Ledger {
		if err := t.ledger.finish(st); err != nil {
			return err
		}
	}
	t.Result = st.e.result(t.Cases)
	if t.Ledger {
		t.Result.Ledger = t.ledger.Entries
	}
	return nil
}

// OutcomeSink fills Values with the run's outcomes, in the order of
// Model.Outcomes. It allocates on its first run only.
type OutcomeSink struct {
	Values []float64
}

func (o *OutcomeSink) entries() *[]ledger.Entry { return nil }

func (o *OutcomeSink) traces() bool { return true }

func (o *OutcomeSink) finish(st *State) error {
	n := len(st.m.Outcomes())
	if cap(o.Values) < n {
		o.Values = make([]float64, n)
	}
	o.Values = o.Values[:n]
	st.outcomes(o.Values)
	return nil
}

// Selection is a subset of a model's outcomes, for runs that need only
// those (a batch's headline figures): a SelectSink computes what they come
// from and skips the rest, such as the wrong-pocket matrix and the tracing
// of money through the pots when no selected outcome needs them. The
// values are bit for bit those of an OutcomeSink.
type Selection struct {
	m     *Model
	index []int
	need  need
}

// Select returns the selection of the named outcomes, in that order; an
// unknown name is an error naming it.
func (m *Model) Select(names ...string) (*Selection, error) {
	sel := &Selection{m: m}
	outs := m.Outcomes()
	var probs scenarios.Problems
	for _, name := range names {
		j := m.OutcomeIndex(name)
		if j < 0 {
			probs = append(probs, scenarios.Problem{Key: name, Msg: "is not an outcome of this scenario", Hint: "see regiosim outcomes"})
			continue
		}
		sel.index = append(sel.index, j)
		o := outs[j]
		switch {
		case o.Group == "region" && o.Figure == "worse_off_parties":
			sel.need.worseOff = true
		case o.Group == "party":
			sel.need.parties, sel.need.worseOff = true, true
		case o.Group == "region":
			sel.need.inits = true
		case o.Group == "initiative":
			sel.need.inits = true
			if o.Figure == "wrong_pocket_share" {
				sel.need.wrongPocket = true
			}
		case o.Group == "wrong_pocket":
			sel.need.inits, sel.need.wrongPocket = true, true
		default: // an instrument's
			sel.need.instrs = true
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return sel, nil
}

// Len is the number of selected outcomes.
func (sel *Selection) Len() int { return len(sel.index) }

// SelectSink fills Values with the selected outcomes of a run, in the
// order of the selection. It allocates on its first run only.
type SelectSink struct {
	Sel    *Selection
	Values []float64
	full   []float64
}

func (o *SelectSink) entries() *[]ledger.Entry { return nil }

func (o *SelectSink) traces() bool { return o.Sel.need.wrongPocket }

func (o *SelectSink) finish(st *State) error {
	if o.Sel.m != st.m {
		return errors.New("sim: a selection of another model's outcomes")
	}
	if n := len(st.m.Outcomes()); len(o.full) != n {
		o.full = make([]float64, n)
		o.Values = make([]float64, len(o.Sel.index))
	}
	st.fill(o.full, o.Sel.need)
	for i, j := range o.Sel.index {
		o.Values[i] = o.full[j]
	}
	return nil
}
