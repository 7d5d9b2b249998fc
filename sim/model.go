package sim

import (
	"fmt"
	"strings"
	"sync"

	"github.com/regiosim/regiosim/scenarios"
)

// Model is a scenario compiled for many runs: checked once, its accounts
// and ids resolved once, with typed slots for the parameters that vary
// from run to run. A Model is read-only and safe for concurrent use; each
// goroutine runs it through its own State.
//
//	m, _ := sim.Compile(s, "initiative.x.savings_scale")
//	st := m.NewState()
//	var out sim.OutcomeSink
//	st.Run([]float64{0.8}, &out) // out.Values, named by m.Outcomes()
type Model struct {
	s     *scenarios.Scenario
	slots []Slot
	proto *engine // the engine of the scenario as given, for the names

	// The outcome names, made when first asked for (a run for its tables
	// needs none).
	names    sync.Once
	outcomes []Outcome

	// The first state of a model without parameters takes proto over, so
	// that one run of a scenario builds one engine.
	mu         sync.Mutex
	protoTaken bool
}

// Slot is a parameter of a compiled model: a numeric path of the scenario
// with its valid range (the one the checker applies) and the file's value.
type Slot struct {
	Path  string
	Range scenarios.Range
	Base  float64

	group slotGroup // which derived series a change affects
	index int       // of the party, flow or initiative
	// unset: the file leaves the number unset; at its base value it stays
	// so and follows its default (a growth the indexation)
	unset bool
}

type slotGroup uint8

const (
	groupNone       slotGroup = iota // an instrument's value: its runner reads it in Prepare
	groupAll                         // a region value (indexation): every series
	groupParty                       // a party's turnover
	groupFlow                        // a flow's baseline
	groupInitiative                  // an initiative's need and savings
)

// Compile compiles a checked scenario (loaded, or with a variant
// applied) for runs in which the values at the varied paths change. A
// path that addresses no number, or one that shapes the run itself (the
// first year and the horizon), is an error naming it.
func Compile(s *scenarios.Scenario, varied ...string) (*Model, error) {
	m := &Model{s: s}
	m.proto = newEngine(s)
	var probs scenarios.Problems
	seen := map[string]bool{}
	for _, path := range varied {
		sl, err := m.slot(path)
		switch {
		case err != nil:
			pr := scenarios.Problem{Key: path, Msg: err.Error()}
			if pe, ok := err.(*scenarios.PathError); ok {
				pr.Msg, pr.Hint = pe.Msg, pe.Hint
			}
			probs = append(probs, pr)
		case seen[path]:
			probs = append(probs, scenarios.Problem{Key: path, Msg: "is varied twice"})
		default:
			seen[path] = true
			m.slots = append(m.slots, sl)
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	// The names come from a fresh look at the structure, not from proto,
	// which a state may own by then.
	return m, nil
}

func (m *Model) slot(path string) (Slot, error) {
	base, err := m.s.GetFloat(path)
	if err != nil {
		return Slot{}, err
	}
	if path == "region.horizon" || path == "region.first_year" {
		return Slot{}, &scenarios.PathError{Path: path, Msg: "shapes the run itself and cannot vary from run to run", Hint: "use a variant or another file"}
	}
	r, err := m.s.Range(path)
	if err != nil {
		return Slot{}, err
	}
	sl := Slot{Path: path, Range: r, Base: base, unset: m.s.IsUnset(path)}
	parts := strings.SplitN(path, ".", 3)
	e := m.proto
	switch parts[0] {
	case "region":
		sl.group = groupAll
	case "party":
		sl.group, sl.index = groupParty, int(e.Party(parts[1]))
	case "flow":
		sl.group, sl.index = groupFlow, e.Flow(parts[1])
	case "initiative":
		sl.group, sl.index = groupInitiative, e.Initiative(parts[1])
		if sl.index < 0 {
			sl.group = groupNone // switched off: it changes nothing
		}
	}
	return sl, nil
}

// Scenario is the scenario the model was compiled from.
func (m *Model) Scenario() *scenarios.Scenario { return m.s }

// Slots lists the model's parameters in the order of the values of Run.
func (m *Model) Slots() []Slot { return m.slots }

// Base returns the parameters' values as the scenario gives them.
func (m *Model) Base() []float64 {
	out := make([]float64, len(m.slots))
	for j, sl := range m.slots {
		out[j] = sl.Base
	}
	return out
}

// Check reports the first value outside its slot's range, as an error
// naming the path and the range.
func (m *Model) Check(values []float64) error {
	if len(values) != len(m.slots) {
		return fmt.Errorf("sim: %d values for %d parameters", len(values), len(m.slots))
	}
	for j, v := range values {
		if sl := &m.slots[j]; !sl.Range.Contains(v) {
			return &scenarios.PathError{Path: sl.Path, Msg: sl.Range.Problem(v), Hint: "valid: " + sl.Range.String()}
		}
	}
	return nil
}

// State is one goroutine's means to run a model: its own copy of the
// scenario (when the model has parameters), engine and buffers. A State
// is not safe for concurrent use; make one per goroutine.
type State struct {
	m    *Model
	e    *engine
	refs []scenarios.NumberRef
	cur  []float64 // the values now set
	sc   scratch   // buffers of the outcome sink
}

// NewState returns a state for runs of the model.
func (m *Model) NewState() *State {
	s := m.s
	if len(m.slots) > 0 {
		s = s.Copy() // values are set in this copy only
	}
	st := &State{m: m, cur: m.Base()}
	m.mu.Lock()
	if len(m.slots) == 0 && !m.protoTaken {
		st.e, m.protoTaken = m.proto, true
	}
	m.mu.Unlock()
	if st.e == nil {
		st.e = newEngine(s)
	}
	for _, sl := range m.slots {
		ref, err := s.Ref(sl.Path)
		if err != nil {
			panic("sim: a compiled path no longer resolves: " + err.Error())
		}
		st.refs = append(st.refs, ref)
	}
	return st
}

// Run runs the model with the parameters at values (in the order of
// Slots; nil for the scenario as given) and hands the figures to sink.
// A value outside its range is an error naming the path. After the first
// run, a run allocates nothing beyond what the sink keeps.
func (st *State) Run(values []float64, sink Sink) error {
	if values != nil {
		if err := st.m.Check(values); err != nil {
			return err
		}
		st.set(values)
	} else if len(st.m.slots) > 0 {
		st.set(st.m.Base())
	}
	e := st.e
	e.tally.tracing = sink.traces()
	e.reset(sink.entries())
	e.years()
	if e.bug != nil {
		return e.bug
	}
	if err := e.checkConservation(); err != nil {
		return err
	}
	return sink.finish(st)
}

// set writes the values that changed and marks what they affect.
func (st *State) set(values []float64) {
	e := st.e
	for j, v := range values {
		if v == st.cur[j] {
			continue
		}
		st.cur[j] = v
		sl := &st.m.slots[j]
		if sl.unset && v == sl.Base {
			st.refs[j].Unset()
		} else {
			st.refs[j].Set(v)
		}
		switch sl.group {
		case groupAll:
			e.allDirty = true
		case groupParty:
			e.dirtyParty[sl.index] = true
		case groupFlow:
			e.dirtyFlow[sl.index] = true
		case groupInitiative:
			e.dirtyInit[sl.index] = true
		}
	}
}

// Run runs a checked scenario as given and returns its tables, with the
// business cases of its cross-purchases and (unless opt.NoLedger) its
// ledger: compile, one state, one run.
func Run(s *scenarios.Scenario, opt Options) (*Result, error) {
	m, err := Compile(s)
	if err != nil {
		return nil, err
	}
	sink := &TableSink{Ledger: !opt.NoLedger, Cases: true}
	if err := m.NewState().Run(nil, sink); err != nil {
		return nil, err
	}
	return sink.Result, nil
}

// Options tune Run.
type Options struct {
	// NoLedger skips keeping the entries (tables are still complete).
	NoLedger bool
}
