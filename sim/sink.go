package sim

import "github.com/regiosim/regiosim/sim/ledger"

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
}

var (
	_ Sink = (*LedgerSink)(nil)
	_ Sink = (*TableSink)(nil)
	_ Sink = (*OutcomeSink)(nil)
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

func (o *OutcomeSink) finish(st *State) error {
	n := len(st.m.Outcomes())
	if cap(o.Values) < n {
		o.Values = make([]float64, n)
	}
	o.Values = o.Values[:n]
	st.outcomes(o.Values)
	return nil
}
