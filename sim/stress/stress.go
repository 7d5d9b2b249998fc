// Package stress runs a compiled model over many draws of its uncertain
// values (Monte Carlo or Latin hypercube) and summarises the outcomes:
// mean, standard deviation and percentiles of every outcome, the chance of
// events (a cross-purchase closes, a party is worse off, an initiative is
// funded every year, a gap remains after the transformation funds end),
// rank correlations of the parameters with the headline outcomes, and the
// expected value of perfect information of each buy decision.
//
// Draws run in blocks spread over workers, each with its own sim.State;
// every draw has its own random stream, and everything that is added up is
// added up per block and then in block order, so the results are the same
// bit for bit whatever the number of workers.
package stress

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/regiosim/regiosim/sim/uncertain"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// Param is an uncertain value: a path and its distribution.
type Param struct {
	Path string
	Dist *uncertain.Dist
	Spec uncertain.Spec
	// National: a national batch draws it once per draw for all regions.
	National bool
}

// Setup is what a scenario's [uncertainty] says: the params (sorted by
// path), their target rank correlation (nil: independent), draws, seed.
type Setup struct {
	Params      []Param
	Correlation *mat.SymDense
	Draws       int
	Seed        int64
}

// FromScenario reads the [uncertainty] of a checked scenario.
func FromScenario(s *scenarios.Scenario) (*Setup, error) {
	u := s.Uncertainty
	all := u.All()
	if len(all) == 0 {
		return nil, &scenarios.PathError{Path: "uncertainty.params", Msg: "the scenario names no uncertain values",
			Hint: `add [uncertainty.params], e.g. "initiative.ID.savings_scale" = { dist = "triangular", min = 0.5, mode = 0.9, max = 1.2 }`}
	}
	st := &Setup{Draws: u.Draws, Seed: u.Seed}
	var paths []string
	for _, p := range slices.Sorted(maps.Keys(all)) {
		d, probs := uncertain.New(all[p])
		if len(probs) > 0 {
			return nil, &scenarios.PathError{Path: "uncertainty.params." + p, Msg: probs[0].Msg}
		}
		st.Params = append(st.Params, Param{Path: p, Dist: d, Spec: all[p], National: u.IsNational(p)})
		paths = append(paths, p)
	}
	if len(u.Correlation) > 0 {
		c, probs := uncertain.CorrelationMatrix(paths, u.Correlation)
		if len(probs) > 0 {
			return nil, &scenarios.PathError{Path: "uncertainty.correlation", Msg: probs[0].Msg}
		}
		st.Correlation = c
	}
	return st, nil
}

// Paths are the params' paths, the slots to compile the model for.
func (s *Setup) Paths() []string {
	out := make([]string, len(s.Params))
	for i, p := range s.Params {
		out[i] = p.Path
	}
	return out
}

// Options tune a run.
type Options struct {
	Draws   int
	Seed    int64
	Workers int  // 0: all cores
	LHS     bool // Latin hypercube instead of plain Monte Carlo
	// Rows, when set, receives every draw's params and outcomes in draw
	// order, a block at a time (the draws file).
	Rows func(first int, params, outcomes [][]float64) error
	// Progress, when set, is called now and then with the draws done.
	Progress func(done int)
	// Charted names the outcomes whose draws are kept whole (up to
	// maxKept draws) for histograms; the headline outcomes always are.
	Charted []int
	// Source, when set, gives every draw's params and row (its outcomes,
	// then each party's net per year, as Row lays them out) instead of the
	// engine: a merge of shards that ran the draws elsewhere. The
	// statistics are then those of a run that computed the same rows.
	Source func(j int, params, row []float64) error
	// Override, when set, may replace a draw's values after they are
	// drawn (a national batch sets the national params to the draw's
	// national values); it must be safe for concurrent use and depend on
	// the draw index j only.
	Override func(j int, values []float64)
}

// Summary is an outcome's distribution over the draws.
type Summary struct {
	Mean, SD               float64
	P5, P10, P50, P90, P95 float64
	Min, Max               float64
}

// Event is a yes/no question asked of every draw, with the share of
// draws in which it holds and that share's Monte Carlo standard error
// √(p(1−p)/n).
type Event struct {
	Kind    string  `json:"kind"` // closes, worse_off, fully_funded, gap_after_funds_end, wrong_pocket_half
	Subject string  `json:"subject"`
	Outcome string  `json:"outcome"`
	P       float64 `json:"p"`
	SE      float64 `json:"se"`
}

// Sensitivity is a param's rank correlation (Spearman) with an outcome.
type Sensitivity struct {
	Param string  `json:"param"`
	Rho   float64 `json:"rho"`
}

// Driver is an outcome with its params sorted by the size of their rank
// correlation with it.
type Driver struct {
	Outcome string        `json:"outcome"`
	Params  []Sensitivity `json:"params"`
}

// VOI is the expected value of perfect information of a buy decision:
// with NB the buyer's net present benefit of buying in a draw,
// EVPI = E[max(NB, 0)] − max(E[NB], 0).
type VOI struct {
	Purchase string  `json:"purchase"`
	MeanNB   float64 `json:"mean_net_benefit"`
	EVPI     float64 `json:"evpi"`
}

// Result is a stress test's summary.
type Result struct {
	Draws    int
	Seed     int64
	LHS      bool
	Params   []Param
	Outcomes []sim.Outcome
	Stats    []Summary // per outcome
	// Years and Yearly are each party's net position per year: Yearly[p][k].
	Years  []int
	Yearly [][]Summary
	Events []Event
	// Drivers are the rank correlations of the params with the headline
	// outcomes, over the first RankDraws draws.
	Drivers   []Driver
	RankDraws int
	VOI       []VOI
	// Kept are the draws (the first RankDraws) of the headline and
	// charted outcomes, by outcome index, and of the params.
	Kept       map[int][]float64
	KeptParams [][]float64
	Headline   []int
}

const (
	blockSize = 512
	// pilotDraws are run first and kept whole; they place the brackets in
	// which the percentiles of the rest are looked for.
	pilotDraws = 16384
	// maxKept bounds the draws kept whole per headline outcome (for rank
	// correlations and charts).
	maxKept = 100_000
)

var quantiles = [...]float64{0.05, 0.10, 0.50, 0.90, 0.95}

// Run runs the draws. m must be compiled for exactly setup.Paths(), in
// that order.
func Run(ctx context.Context, m *sim.Model, setup *Setup, o Options) (*Result, error) {
	r, err := newRun(m, setup, o)
	if err != nil {
		return nil, err
	}
	r.plan(o)
	if err := r.go_(ctx); err != nil {
		return nil, err
	}
	return r.result(setup), nil
}

// RowWidth is the length of a draw's row: the model's outcomes, then each
// party's net position per year (party by party).
func RowWidth(m *sim.Model) int {
	return len(m.Outcomes()) + len(m.Scenario().Parties)*m.Horizon()
}

// Draws computes draws [from, to) as Run would (the same params from the
// seed, the same rows) without their statistics, on all workers, and
// hands each to emit, which may be called from several goroutines at
// once. A shard of a stress test runs its blocks of draws so; a merge
// gives the rows back to Run through Options.Source.
func Draws(ctx context.Context, m *sim.Model, setup *Setup, o Options, from, to int, emit func(j int, params, row []float64) error) error {
	r, err := newRun(m, setup, o)
	if err != nil {
		return err
	}
	r.cols = r.nOut + r.np*r.h
	var next atomic.Int64
	next.Store(int64(from))
	errs := make([]error, r.workers)
	var wg sync.WaitGroup
	for k := 0; k < r.workers; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := r.newWorker()
			for {
				j := int(next.Add(1) - 1)
				if j >= to || ctx.Err() != nil {
					return
				}
				if err := r.compute(w, j); err != nil {
					errs[k] = fmt.Errorf("draw %d: %w", j, err)
					return
				}
				if err := emit(j, w.values, w.row); err != nil {
					errs[k] = err
					return
				}
				if o.Progress != nil {
					o.Progress(int(r.done.Add(1)))
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// Drawer computes single draws as Run would, on one state: not safe for
// concurrent use; make one per goroutine (and per model).
type Drawer struct {
	r *run
	w *worker
}

// NewDrawer readies draws of m for the setup and options (seed, draws,
// Override). With a selection, a draw computes the selected outcomes
// only (a batch's headline figures), at a fraction of the cost.
func NewDrawer(m *sim.Model, setup *Setup, o Options, sel *sim.Selection) (*Drawer, error) {
	r, err := newRun(m, setup, o)
	if err != nil {
		return nil, err
	}
	r.cols = r.nOut + r.np*r.h
	if sel != nil {
		r.cols = 0 // no row: the selection's values
	}
	d := &Drawer{r, r.newWorker()}
	if sel != nil {
		d.w.sel = &sim.SelectSink{Sel: sel}
	}
	return d, nil
}

// Draw computes draw j: its params and its row (outcomes, then each
// party's net per year; with a selection, the selected outcomes), valid
// until the next Draw.
func (d *Drawer) Draw(j int) (params, row []float64, err error) {
	err = d.r.compute(d.w, j)
	if d.w.sel != nil {
		return d.w.values, d.w.sel.Values, err
	}
	return d.w.values, d.w.row, err
}

// newRun checks the model against the setup and readies the sampler.
func newRun(m *sim.Model, setup *Setup, o Options) (*run, error) {
	if o.Draws < 1 {
		return nil, fmt.Errorf("stress: %d draws", o.Draws)
	}
	slots := m.Slots()
	if len(slots) != len(setup.Params) {
		return nil, fmt.Errorf("stress: the model has %d parameters, the setup %d", len(slots), len(setup.Params))
	}
	dists := make([]*uncertain.Dist, len(setup.Params))
	for i, p := range setup.Params {
		if slots[i].Path != p.Path {
			return nil, fmt.Errorf("stress: parameter %d is %s in the model, %s in the setup", i, slots[i].Path, p.Path)
		}
		dists[i] = p.Dist
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	sampler, err := uncertain.NewSampler(dists, uncertain.Options{Seed: o.Seed, Draws: o.Draws, LHS: o.LHS, Correlation: setup.Correlation})
	if err != nil {
		return nil, err
	}
	return &run{m: m, o: o, sampler: sampler, slots: slots, nParams: len(dists), nOut: len(m.Outcomes()), h: m.Horizon(),
		np: len(m.Scenario().Parties), workers: workers}, nil
}

// run is the state of one stress test.
type run struct {
	m        *sim.Model
	slots    []sim.Slot
	o        Options
	sampler  *uncertain.Sampler
	nParams  int
	nOut     int
	h, np    int
	workers  int
	cols     int // outcomes, then the yearly nets
	events   []eventDef
	headline []int
	kept     []int // outcome indexes kept whole (headline and charted)
	nbCols   []int // the purchases' net_benefit_pv outcomes
	nKeep    int   // draws kept whole

	pilot    [][]float64 // [col][draw] of the pilot draws
	brackets [][len(quantiles)][2]float64
	// per block: sums of (x − shift) and its square per column, and of
	// max(NB, 0) per purchase, added up in block order at the end
	sums    [][]float64
	shift   []float64
	counts  []int64 // events, over all draws
	mins    []float64
	maxs    []float64
	buckets [][len(quantiles)]bucket
	// constant marks the columns whose pilot draws were all the same
	// (after the pilot; nil during it).
	constant []bool
	keptV    [][]float64  // [kept index][draw]
	keptP    [][]float64  // [param][draw]
	done     atomic.Int64 // draws done, for the progress
	mu       sync.Mutex
}

type eventDef struct {
	kind, subject string
	col           int
	test          func(float64) bool
}

func (r *run) plan(o Options) {
	outs := r.m.Outcomes()
	r.cols = r.nOut + r.np*r.h
	for i, out := range outs {
		switch {
		case out.Group == "purchase" && out.Figure == "closes":
			r.events = append(r.events, eventDef{"closes", out.Subject, i, func(v float64) bool { return v > 0.5 }})
		case out.Group == "purchase" && out.Figure == "net_benefit_pv":
			r.nbCols = append(r.nbCols, i)
			r.headline = append(r.headline, i)
		case out.Group == "purchase" && (out.Figure == "ratio" || out.Figure == "wrong_pocket_share"):
			r.headline = append(r.headline, i)
		case out.Group == "party" && out.Figure == "net_pv":
			r.events = append(r.events, eventDef{"worse_off", out.Subject, i, func(v float64) bool { return v < -0.005 }})
		case out.Group == "initiative" && out.Figure == "fully_funded":
			r.events = append(r.events, eventDef{"fully_funded", out.Subject, i, func(v float64) bool { return v > 0.5 }})
		case out.Group == "initiative" && out.Figure == "gap_after_funds_end_pv":
			r.events = append(r.events, eventDef{"gap_after_funds_end", out.Subject, i, func(v float64) bool { return v >= 0.005 }})
			r.headline = append(r.headline, i)
		case out.Group == "initiative" && out.Figure == "wrong_pocket_share":
			r.events = append(r.events, eventDef{"wrong_pocket_half", out.Subject, i, func(v float64) bool { return v > 0.5 }})
		case out.Group == "region" && (out.Figure == "gap_pv" || out.Figure == "gap_after_funds_end_pv"):
			r.headline = append(r.headline, i)
		}
	}
	seen := map[int]bool{}
	for _, i := range append(slices.Clone(r.headline), o.Charted...) {
		if i >= 0 && i < r.nOut && !seen[i] {
			seen[i] = true
			r.kept = append(r.kept, i)
		}
	}
	r.nKeep = min(o.Draws, maxKept)
}

// draw runs draw j into the buffers of a worker.
type worker struct {
	st      *sim.State
	sink    sim.OutcomeSink
	sel     *sim.SelectSink // a Drawer's selected outcomes instead of the row
	values  []float64
	net     []float64
	row     []float64 // the columns of this draw
	counts  []int64
	buckets [][len(quantiles)]bucket
	same    []int64 // draws equal to a constant column's pilot value
	mins    []float64
	maxs    []float64
}

func (r *run) newWorker() *worker {
	w := &worker{st: r.m.NewState(), values: make([]float64, r.nParams), net: make([]float64, r.np*r.h),
		row: make([]float64, r.cols), counts: make([]int64, len(r.events)),
		buckets: make([][len(quantiles)]bucket, r.cols), same: make([]int64, r.cols),
		mins: make([]float64, r.cols), maxs: make([]float64, r.cols)}
	for c := range w.mins {
		w.mins[c], w.maxs[c] = math.Inf(1), math.Inf(-1)
	}
	return w
}

func (r *run) drawInto(w *worker, j int) error {
	if err := r.compute(w, j); err != nil {
		return err
	}
	for e, ev := range r.events {
		if ev.test(w.row[ev.col]) {
			w.counts[e]++
		}
	}
	if r.constant == nil { // the pilot: every column
		for c, v := range w.row {
			w.mins[c] = math.Min(w.mins[c], v)
			w.maxs[c] = math.Max(w.maxs[c], v)
		}
	}
	return nil
}

// compute fills draw j's params and row: from the source, or drawn and
// run through the engine.
func (r *run) compute(w *worker, j int) error {
	if r.o.Source != nil {
		return r.o.Source(j, w.values, w.row)
	}
	r.sampler.Draw(j, w.values)
	if r.o.Override != nil {
		r.o.Override(j, w.values)
	}
	// The checker lets a distribution leave its path's valid range with a
	// chance below one in a million; such a rare draw is kept at the edge
	// rather than stopping the run.
	for p, v := range w.values {
		sl := &r.slots[p]
		switch {
		case v < sl.Range.Min || (sl.Range.AboveMin && v <= sl.Range.Min):
			w.values[p] = sl.Range.Min
			if sl.Range.AboveMin {
				w.values[p] = math.Nextafter(sl.Range.Min, math.Inf(1))
			}
		case v > sl.Range.Max:
			w.values[p] = sl.Range.Max
		}
	}
	if w.sel != nil {
		return w.st.Run(w.values, w.sel)
	}
	if err := w.st.Run(w.values, &w.sink); err != nil {
		return err
	}
	w.st.PartyNet(w.net)
	copy(w.row, w.sink.Values)
	copy(w.row[r.nOut:], w.net)
	return nil
}

func (r *run) go_(ctx context.Context) error {
	n := r.o.Draws
	nPilot := min(n, pilotDraws)
	r.pilot = make([][]float64, r.cols)
	for c := range r.pilot {
		r.pilot[c] = make([]float64, nPilot)
	}
	r.keptV = make([][]float64, len(r.kept))
	for i := range r.keptV {
		r.keptV[i] = make([]float64, r.nKeep)
	}
	r.keptP = make([][]float64, r.nParams)
	for i := range r.keptP {
		r.keptP[i] = make([]float64, r.nKeep)
	}
	nBlocks := (n + blockSize - 1) / blockSize
	width := 2*r.cols + len(r.nbCols)
	r.sums = make([][]float64, nBlocks)
	for b := range r.sums {
		r.sums[b] = make([]float64, width)
	}
	r.counts = make([]int64, len(r.events))
	r.mins, r.maxs = make([]float64, r.cols), make([]float64, r.cols)
	for c := range r.mins {
		r.mins[c], r.maxs[c] = math.Inf(1), math.Inf(-1)
	}
	r.buckets = make([][len(quantiles)]bucket, r.cols)

	// The pilot first: its draws fix the shift (for precise sums) and the
	// brackets of the percentiles.
	pilotBlocks := (nPilot + blockSize - 1) / blockSize
	if err := r.blocks(ctx, 0, pilotBlocks, true); err != nil {
		return err
	}
	r.shift = make([]float64, r.cols)
	for c := range r.shift {
		r.shift[c] = r.pilot[c][0]
	}
	if n > nPilot {
		r.placeBrackets(nPilot, n)
		// Columns that were the same in every pilot draw take a short way
		// in the rest, as long as they stay the same.
		r.constant = make([]bool, r.cols)
		for c := range r.constant {
			r.constant[c] = r.mins[c] == r.maxs[c]
		}
	}
	// The sums of the pilot blocks with the shift, then the rest.
	for b := 0; b < pilotBlocks; b++ {
		r.blockSums(b, func(c, j int) float64 { return r.pilot[c][j] })
	}
	if pilotBlocks < nBlocks {
		if err := r.blocks(ctx, pilotBlocks, nBlocks, false); err != nil {
			return err
		}
	}
	return nil
}

// blockSums adds up block b's columns from the pilot.
func (r *run) blockSums(b int, at func(c, j int) float64) {
	lo, hi := b*blockSize, min((b+1)*blockSize, r.o.Draws)
	s := r.sums[b]
	for j := lo; j < hi; j++ {
		for c := 0; c < r.cols; c++ {
			d := at(c, j) - r.shift[c]
			s[2*c] += d
			s[2*c+1] += d * d
		}
		for q, c := range r.nbCols {
			s[2*r.cols+q] += math.Max(at(c, j), 0)
		}
	}
}

// blocks runs blocks [from, to) on the workers.
func (r *run) blocks(ctx context.Context, from, to int, pilot bool) error {
	var next atomic.Int64
	next.Store(int64(from))
	var firstErr error
	var errOnce sync.Once
	var failed atomic.Bool
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err })
		failed.Store(true)
	}
	// Rows go out in draw order: finished blocks wait here for their turn.
	var rowMu sync.Mutex
	waiting := map[int][2][][]float64{}
	nextOut := from
	var wg sync.WaitGroup
	for range min(r.workers, to-from) {
		wg.Go(func() {
			w := r.newWorker()
			var rowsP, rowsO [][]float64
			for {
				if ctx.Err() != nil {
					fail(ctx.Err())
					return
				}
				b := int(next.Add(1) - 1)
				if b >= to || failed.Load() {
					break
				}
				lo, hi := b*blockSize, min((b+1)*blockSize, r.o.Draws)
				if r.o.Rows != nil {
					rowsP, rowsO = newRows(r.nParams, hi-lo), newRows(r.nOut, hi-lo)
				}
				s := r.sums[b]
				for j := lo; j < hi; j++ {
					if err := r.drawInto(w, j); err != nil {
						fail(fmt.Errorf("draw %d: %w", j, err))
						return
					}
					if j < r.nKeep {
						for i, c := range r.kept {
							r.keptV[i][j] = w.row[c]
						}
						for p, v := range w.values {
							r.keptP[p][j] = v
						}
					}
					if rowsP != nil {
						for p, v := range w.values {
							rowsP[p][j-lo] = v
						}
						for c := 0; c < r.nOut; c++ {
							rowsO[c][j-lo] = w.row[c]
						}
					}
					if pilot {
						for c, v := range w.row {
							r.pilot[c][j] = v
						}
						continue
					}
					for c, v := range w.row {
						if r.constant[c] && v == r.shift[c] {
							// The same as in every pilot draw: it adds 0 to the
							// sums, leaves min and max, and is counted once.
							w.same[c]++
							continue
						}
						w.mins[c] = math.Min(w.mins[c], v)
						w.maxs[c] = math.Max(w.maxs[c], v)
						d := v - r.shift[c]
						s[2*c] += d
						s[2*c+1] += d * d
						br := &r.brackets[c]
						for q := range quantiles {
							w.buckets[c][q].add(v, br[q])
						}
					}
					for q, c := range r.nbCols {
						s[2*r.cols+q] += math.Max(w.row[c], 0)
					}
				}
				if r.o.Rows != nil {
					rowMu.Lock()
					waiting[b] = [2][][]float64{rowsP, rowsO}
					for {
						blk, ok := waiting[nextOut]
						if !ok {
							break
						}
						delete(waiting, nextOut)
						if err := r.o.Rows(nextOut*blockSize, blk[0], blk[1]); err != nil {
							fail(err)
						}
						nextOut++
					}
					rowMu.Unlock()
				}
				if r.o.Progress != nil {
					r.o.Progress(int(r.done.Add(int64(hi - lo))))
				}
			}
			r.mu.Lock()
			defer r.mu.Unlock()
			for e, c := range w.counts {
				r.counts[e] += c
			}
			for c := range w.mins {
				r.mins[c] = math.Min(r.mins[c], w.mins[c])
				r.maxs[c] = math.Max(r.maxs[c], w.maxs[c])
				for q := range quantiles {
					r.buckets[c][q].merge(&w.buckets[c][q])
					r.buckets[c][q].eqLo += w.same[c] // the bracket of a constant column is [v, v]
				}
			}
		})
	}
	wg.Wait()
	return firstErr
}

func newRows(cols, n int) [][]float64 {
	out := make([][]float64, cols)
	flat := make([]float64, cols*n)
	for c := range out {
		out[c] = flat[c*n : (c+1)*n]
	}
	return out
}

// placeBrackets sets, for every column and percentile, the interval of
// values in which its order statistic over all n draws is to be found,
// from the pilot's: its rank ± four standard errors of a rank, and a
// margin.
func (r *run) placeBrackets(nPilot, n int) {
	r.brackets = make([][len(quantiles)][2]float64, r.cols)
	type span struct{ lo, hi int }
	var spans [len(quantiles)]span
	var ranks []int
	for q, p := range quantiles {
		w := 4*math.Sqrt(float64(nPilot)*p*(1-p)) + 8
		spans[q] = span{int(math.Floor(p*float64(nPilot-1) - w)), int(math.Ceil(p*float64(nPilot-1) + w))}
		ranks = append(ranks, max(spans[q].lo, 0), min(spans[q].hi, nPilot-1))
	}
	slices.Sort(ranks)
	ranks = slices.Compact(ranks)
	buf := make([]float64, nPilot)
	for c := range r.pilot {
		copy(buf, r.pilot[c])
		sel := selectRanks(buf, ranks)
		for q, sp := range spans {
			lo, hi := math.Inf(-1), math.Inf(1)
			if sp.lo >= 0 {
				lo = sel[sp.lo]
			}
			if sp.hi <= nPilot-1 {
				hi = sel[sp.hi]
			}
			r.brackets[c][q] = [2]float64{lo, hi}
		}
	}
}

// neededRanks are the ranks that the percentiles of n values read.
func neededRanks(n int) []int {
	var ranks []int
	for _, p := range quantiles {
		lo, frac := quantileRank(p, n)
		ranks = append(ranks, lo)
		if frac > 0 && lo+1 < n {
			ranks = append(ranks, lo+1)
		}
	}
	slices.Sort(ranks)
	return slices.Compact(ranks)
}

// quantile is the percentile p of n values: the order statistic at rank
// p × (n − 1), interpolated linearly between its neighbours (as
// numpy's default and a spreadsheet's PERCENTILE.INC).
func quantileRank(p float64, n int) (lo int, frac float64) {
	x := p * float64(n-1)
	lo = int(math.Floor(x))
	return lo, x - float64(lo)
}

// percentile of column c at quantile q, over all draws.
func (r *run) percentile(c, q int, value func(rank int) (float64, bool)) float64 {
	n := r.o.Draws
	lo, frac := quantileRank(quantiles[q], n)
	a, okA := value(lo)
	if frac == 0 || lo+1 >= n {
		if okA {
			return a
		}
		return math.NaN()
	}
	b, okB := value(lo + 1)
	if !okA || !okB {
		return math.NaN()
	}
	return a + frac*(b-a)
}

func (r *run) result(setup *Setup) *Result {
	n := r.o.Draws
	nPilot := min(n, pilotDraws)
	res := &Result{Draws: n, Seed: r.o.Seed, LHS: r.o.LHS, Params: setup.Params, Outcomes: r.m.Outcomes(),
		RankDraws: r.nKeep, Headline: r.headline, Kept: map[int][]float64{}, KeptParams: r.keptP}
	first := r.m.Scenario().Region.FirstYear
	for k := 0; k < r.h; k++ {
		res.Years = append(res.Years, first+k)
	}
	// Means and standard deviations from the block sums, in block order.
	tot := make([]float64, len(r.sums[0]))
	for _, s := range r.sums {
		for i, v := range s {
			tot[i] += v
		}
	}
	stats := make([]Summary, r.cols)
	sorted := make([]float64, nPilot)
	need := neededRanks(n)
	for c := 0; c < r.cols; c++ {
		st := &stats[c]
		mean := tot[2*c] / float64(n)
		st.Mean = r.shift[c] + mean
		if n > 1 {
			st.SD = math.Sqrt(math.Max(tot[2*c+1]-float64(n)*mean*mean, 0) / float64(n-1))
		}
		st.Min, st.Max = r.mins[c], r.maxs[c]
		if st.Min == st.Max { // the same in every draw
			st.P5, st.P10, st.P50, st.P90, st.P95 = st.Min, st.Min, st.Min, st.Min, st.Min
			continue
		}
		if n <= pilotDraws {
			copy(sorted, r.pilot[c])
			selectRanks(sorted, need)
			get := func(rank int) (float64, bool) { return sorted[rank], true }
			st.P5, st.P10, st.P50, st.P90, st.P95 = r.percentile(c, 0, get), r.percentile(c, 1, get), r.percentile(c, 2, get), r.percentile(c, 3, get), r.percentile(c, 4, get)
			continue
		}
		ps := [len(quantiles)]float64{}
		for q := range quantiles {
			br := r.brackets[c][q]
			bk := &r.buckets[c][q]
			for _, v := range r.pilot[c] { // the pilot's draws count too
				bk.add(v, br)
			}
			get := bk.ranked(br, need)
			ps[q] = r.percentile(c, q, get)
			if math.IsNaN(ps[q]) {
				ps[q] = r.exactPercentile(c, q) // the bracket missed: look again
			}
		}
		st.P5, st.P10, st.P50, st.P90, st.P95 = ps[0], ps[1], ps[2], ps[3], ps[4]
	}
	res.Stats = stats[:r.nOut]
	for p := 0; p < r.np; p++ {
		res.Yearly = append(res.Yearly, stats[r.nOut+p*r.h:r.nOut+(p+1)*r.h])
	}
	for e, ev := range r.events {
		pr := float64(r.counts[e]) / float64(n)
		res.Events = append(res.Events, Event{Kind: ev.kind, Subject: ev.subject, Outcome: res.Outcomes[ev.col].Name,
			P: pr, SE: math.Sqrt(pr * (1 - pr) / float64(n))})
	}
	// The buy decisions first, then funding, the cliff, the wrong pocket
	// and who is worse off.
	order := []string{"closes", "fully_funded", "gap_after_funds_end", "wrong_pocket_half", "worse_off"}
	slices.SortStableFunc(res.Events, func(a, b Event) int {
		return cmp.Compare(slices.Index(order, a.Kind), slices.Index(order, b.Kind))
	})
	for q, c := range r.nbCols {
		meanNB := stats[c].Mean
		res.VOI = append(res.VOI, VOI{Purchase: res.Outcomes[c].Subject, MeanNB: meanNB,
			EVPI: math.Max(tot[2*r.cols+q]/float64(n)-math.Max(meanNB, 0), 0)})
	}
	for i, c := range r.kept {
		res.Kept[c] = r.keptV[i]
	}
	paramRanks := make([][]float64, len(setup.Params))
	for p := range setup.Params {
		paramRanks[p] = ranks(r.keptP[p])
	}
	for _, c := range r.headline {
		d := Driver{Outcome: res.Outcomes[c].Name}
		var yr []float64
		if stats[c].Min != stats[c].Max {
			yr = ranks(res.Kept[c])
		}
		for p, param := range setup.Params {
			rho := 0.0
			if yr != nil {
				if rho = stat.Correlation(paramRanks[p], yr, nil); math.IsNaN(rho) {
					rho = 0
				}
			}
			d.Params = append(d.Params, Sensitivity{Param: param.Path, Rho: rho})
		}
		sort.SliceStable(d.Params, func(a, b int) bool { return math.Abs(d.Params[a].Rho) > math.Abs(d.Params[b].Rho) })
		res.Drivers = append(res.Drivers, d)
	}
	return res
}

// exactPercentile runs every draw again for one column: the fallback when
// a percentile fell outside the bracket the pilot placed (rare).
func (r *run) exactPercentile(c, q int) float64 {
	n := r.o.Draws
	col := make([]float64, n)
	w := r.newWorker()
	for j := 0; j < n; j++ {
		if err := r.drawInto(w, j); err != nil {
			return math.NaN()
		}
		col[j] = w.row[c]
	}
	slices.Sort(col)
	return r.percentile(c, q, func(rank int) (float64, bool) { return col[rank], true })
}

// ranks are the ranks of x, ties given their mean rank.
func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	out := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		r := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			out[idx[k]] = r
		}
		i = j + 1
	}
	return out
}

// bucket keeps what a percentile's bracket [lo, hi] needs of a column:
// how many values fall below it, how many equal its ends (point masses
// such as a 0 in most draws are counted, not kept) and the values within.
type bucket struct {
	below, eqLo, eqHi int64
	in                []float64
}

func (b *bucket) add(v float64, br [2]float64) {
	switch {
	case v < br[0]:
		b.below++
	case v == br[0]:
		b.eqLo++
	case v < br[1]:
		b.in = append(b.in, v)
	case v == br[1]:
		b.eqHi++
	}
}

func (b *bucket) merge(o *bucket) {
	b.below += o.below
	b.eqLo += o.eqLo
	b.eqHi += o.eqHi
	b.in = append(b.in, o.in...)
}

// ranked selects the wanted ranks among the kept values and returns the
// value at an overall rank, false when the rank lies outside the bracket.
func (b *bucket) ranked(br [2]float64, ranks []int) func(rank int) (float64, bool) {
	var want []int
	for _, rk := range ranks {
		if i := int64(rk) - b.below - b.eqLo; i >= 0 && i < int64(len(b.in)) {
			want = append(want, int(i))
		}
	}
	selectRanks(b.in, want)
	return func(rank int) (float64, bool) {
		i := int64(rank) - b.below
		switch {
		case i < 0:
			return 0, false
		case i < b.eqLo:
			return br[0], true
		}
		i -= b.eqLo
		if i < int64(len(b.in)) {
			return b.in[i], true
		}
		if i -= int64(len(b.in)); i < b.eqHi {
			return br[1], true
		}
		return 0, false
	}
}
