// Package batch runs a scenario for every region of a national batch: a
// template scaled to each region of a regions table (or a scenario file per
// region), each with the template's base and variants (the national
// options), and a regional budget whose national pot is divided over the
// regions by a key. Regions run in parallel; the result does not depend on
// the number of workers.
package batch

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// BudgetType is the instrument type whose amount the batch sets per region.
const BudgetType = "regional_budget"

// Input is what a batch runs: a template with its regions table, or the
// regions' own scenario files (Template nil, each Region with a Scenario).
type Input struct {
	Template *scenarios.Scenario
	Regions  []*Region
}

// Options tune a batch.
type Options struct {
	Workers int // 0: all cores
	// Progress, when set, is called after each region with the regions
	// done so far (from one goroutine at a time).
	Progress func(done, total int)
}

// Pot is a regional budget's national pot in one option, and its shares.
type Pot struct {
	Option     int    `json:"option"`     // index into Result.Options
	Instrument string `json:"instrument"` // the regional_budget's id
	// Rates are the shares of national spending it takes, by stream, and
	// Spending that spending; Pot = Σ Rates × Spending, euros a year.
	Rates    map[string]float64 `json:"rates"`
	Spending map[string]float64 `json:"spending"`
	Pot      float64            `json:"pot"`
	// Shares are each region's share (in the order of Result.Regions; 0
	// for a region without a key); they add up to Pot to the cent.
	Shares []float64 `json:"shares"`
}

// Result is a batch's figures: per region and option the outcomes.
type Result struct {
	Options []string // "" for the base, then the variants' names
	Regions []*RegionResult
	Pots    []Pot
}

// RegionResult is one region's outcomes in every option.
type RegionResult struct {
	Region *Region
	// Err is why the region could not run at all (its row, its file, its
	// scenario); the others ran.
	Err error
	// Outcomes name Values' columns; Values[o] are option o's outcomes,
	// nil when that option failed (OptionErr[o] says why).
	Outcomes  []sim.Outcome
	Values    [][]float64
	OptionErr []error
	// Kinds are the region's parties' kinds, by id, to sum savings by
	// kind of party.
	Kinds map[string]string
}

// Value is outcome name's value in option o, and whether it exists.
func (rr *RegionResult) Value(o int, name string) (float64, bool) {
	if rr.Err != nil || o >= len(rr.Values) || rr.Values[o] == nil {
		return 0, false
	}
	for i, oc := range rr.Outcomes {
		if oc.Name == name {
			return rr.Values[o][i], true
		}
	}
	return 0, false
}

// Failed lists the regions that did not run, or ran with an option failing.
func (r *Result) Failed() []*RegionResult {
	var out []*RegionResult
	for _, rr := range r.Regions {
		if rr.Err != nil || slices.ContainsFunc(rr.OptionErr, func(e error) bool { return e != nil }) {
			out = append(out, rr)
		}
	}
	return out
}

// options are the batch's options: the base, then the variants of the
// template (or of the first region's file).
// For a set of region files, the variants of all files by name, in the
// order they first appear; a file without one of them fails that option.
func (in *Input) options() []*scenarios.Variant {
	out := []*scenarios.Variant{nil}
	if s := in.Template; s != nil {
		for i := range s.Variants {
			out = append(out, &s.Variants[i])
		}
		return out
	}
	seen := map[string]bool{}
	for _, r := range in.Regions {
		if r.Scenario == nil {
			continue
		}
		for i := range r.Scenario.Variants {
			if v := &r.Scenario.Variants[i]; !seen[v.Name] {
				seen[v.Name] = true
				out = append(out, v)
			}
		}
	}
	return out
}

// variantOf is option v as region r defines it: the template's variant,
// or the region file's own of that name.
func (in *Input) variantOf(r *Region, v *scenarios.Variant) (*scenarios.Variant, error) {
	if v == nil || in.Template != nil {
		return v, nil
	}
	own, err := r.Scenario.FindVariant(v.Name)
	if err != nil {
		return nil, fmt.Errorf("%s has no variant %q", r.File, v.Name)
	}
	return own, nil
}

// national is the [national] table of the batch: the template's, or the
// one the region files agree on (an error when two differ).
func (in *Input) national() (*scenarios.National, error) {
	if in.Template != nil {
		return in.Template.National, nil
	}
	var n *scenarios.National
	var from string
	for _, r := range in.Regions {
		if r.Scenario == nil || r.Scenario.National == nil {
			continue
		}
		if n == nil {
			n, from = r.Scenario.National, r.File
			continue
		}
		if !equalNational(n, r.Scenario.National) {
			return nil, scenarios.Problems{{File: r.File, Key: "national", Msg: fmt.Sprintf("differs from the [national] of %s: the regions of a batch share one", from)}}
		}
	}
	return n, nil
}

func equalNational(a, b *scenarios.National) bool {
	return maps.Equal(a.Spending, b.Spending) && maps.Equal(a.KeyWeights(), b.KeyWeights())
}

// Run runs every region in every option. An error is returned only for
// the batch as a whole (a key naming a missing column, files that disagree
// on [national]); a region that fails is reported in its RegionResult.
func Run(ctx context.Context, in *Input, o Options) (*Result, error) {
	variants := in.options()
	res := &Result{}
	for _, v := range variants {
		name := ""
		if v != nil {
			name = v.Name
		}
		res.Options = append(res.Options, name)
	}
	nat, err := in.national()
	if err != nil {
		return nil, err
	}
	if nat != nil {
		file := ""
		if in.Template != nil {
			file = in.Template.File
		}
		if err := KeyColumns(file, nat.KeyWeights(), in.Regions); err != nil {
			return nil, err
		}
	}
	for _, r := range in.Regions {
		res.Regions = append(res.Regions, &RegionResult{Region: r})
	}
	pots, err := in.pots(variants, nat)
	if err != nil {
		return nil, err
	}
	res.Pots = pots

	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(in.Regions))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				in.runRegion(res, i, variants)
				if o.Progress != nil {
					mu.Lock()
					done++
					o.Progress(done, len(in.Regions))
					mu.Unlock()
				}
			}
		}()
	}
	var cancelled error
	for i := range in.Regions {
		if err := ctx.Err(); err != nil {
			cancelled = err
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if cancelled != nil {
		return nil, cancelled
	}
	return res, nil
}

// pots computes each regional budget's national pot in each option and
// divides it over the regions by the key.
func (in *Input) pots(variants []*scenarios.Variant, nat *scenarios.National) ([]Pot, error) {
	base := in.Template
	if base == nil {
		for _, r := range in.Regions {
			if r.Scenario != nil {
				base = r.Scenario
				break
			}
		}
	}
	if base == nil || nat == nil {
		return nil, nil
	}
	var keys []float64 // made when a pot needs them

	var pots []Pot
	for o, v := range variants {
		s := base
		if v != nil {
			var err error
			if s, err = base.WithVariant(v); err != nil {
				return nil, err
			}
		}
		for _, inst := range s.Instruments {
			if inst == nil || inst.Meta().Type != BudgetType || s.Disabled(inst.Meta().ID) {
				continue
			}
			id := inst.Meta().ID
			p := Pot{Option: o, Instrument: id, Rates: map[string]float64{}, Spending: map[string]float64{}}
			for _, stream := range scenarios.BudgetStreams {
				rate, err := s.GetFloat("instrument." + id + "." + stream)
				if err != nil {
					return nil, err
				}
				p.Rates[stream], p.Spending[stream] = rate, nat.Spending[stream]
				p.Pot += rate * nat.Spending[stream]
			}
			p.Pot = math.Round(p.Pot*100) / 100
			if p.Pot == 0 {
				// It takes nothing of national spending in this option: its
				// own amount stands, as in a run of the region alone.
				continue
			}
			if keys == nil {
				var err error
				if keys, err = keysOf(in.Regions, nat.KeyWeights()); err != nil {
					return nil, err
				}
			}
			p.Shares = divide(p.Pot, keys)
			if err := p.conserved(); err != nil {
				return nil, err
			}
			pots = append(pots, p)
		}
	}
	return pots, nil
}

// conserved checks national conservation: the regions' shares add up to
// the pot, to the cent (when any region has a key).
func (p *Pot) conserved() error {
	var cents, any int64
	for _, s := range p.Shares {
		cents += int64(math.Round(s * 100))
		if s != 0 {
			any = 1
		}
	}
	if want := int64(math.Round(p.Pot * 100)); any == 1 && cents != want {
		return fmt.Errorf("batch: the shares of %s add up to %d cents, not the pot's %d (a bug)", p.Instrument, cents, want)
	}
	return nil
}

// keysOf are the regions' keys: the weighted sum of each region's share
// of every column's total, Σ_c w_c × x_rc / Σ_r x_rc (population is a
// column), so that a weight is the part of the pot its column divides.
// Every region's share depends on every region's key: a region whose key
// cannot be had (a population or key column that is missing, does not
// parse or is below 0) stops the batch.
func keysOf(regions []*Region, weights map[string]float64) ([]float64, error) {
	cols := slices.Sorted(maps.Keys(weights))
	value := func(r *Region, c string) float64 {
		if c == colPopulation {
			return r.Population
		}
		return r.Columns[c]
	}
	var probs scenarios.Problems
	for _, r := range regions {
		for _, p := range r.Problems {
			if _, weighed := weights[p.Key]; weighed {
				probs = append(probs, p)
			}
		}
		for _, c := range cols {
			if v := value(r, c); v < 0 {
				probs = append(probs, scenarios.Problem{File: r.File, Line: r.Line, Key: c,
					Msg: fmt.Sprintf("%v is below 0: the national key divides by it", v)})
			}
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	totals := map[string]float64{}
	for _, r := range regions {
		for _, c := range cols {
			totals[c] += value(r, c)
		}
	}
	keys := make([]float64, len(regions))
	for i, r := range regions {
		for _, c := range cols {
			if totals[c] > 0 {
				keys[i] += weights[c] * value(r, c) / totals[c]
			}
		}
	}
	return keys, nil
}

// divide splits pot (euros, whole cents) over the keys in proportion, in
// whole cents that add up to the pot exactly: each gets the cents its
// share rounds down to, and the cents left over go to the largest
// remainders (the largest-remainder method; ties to the earlier region).
func divide(pot float64, keys []float64) []float64 {
	out := make([]float64, len(keys))
	total := 0.0
	for _, k := range keys {
		if k > 0 {
			total += k
		}
	}
	if total == 0 || pot == 0 {
		return out
	}
	cents := int64(math.Round(pot * 100))
	type rem struct {
		i int
		r float64
	}
	var rems []rem
	var given int64
	whole := make([]int64, len(keys))
	for i, k := range keys {
		if k <= 0 {
			continue
		}
		exact := float64(cents) * (k / total)
		whole[i] = int64(math.Floor(exact))
		given += whole[i]
		rems = append(rems, rem{i, exact - float64(whole[i])})
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].r > rems[b].r })
	for j := int64(0); j < cents-given && len(rems) > 0; j++ {
		whole[rems[int(j)%len(rems)].i]++
	}
	for i, c := range whole {
		out[i] = float64(c) / 100
	}
	return out
}

// runRegion builds region i's scenario and runs it in every option.
func (in *Input) runRegion(res *Result, i int, variants []*scenarios.Variant) {
	rr := res.Regions[i]
	base, err := in.regionScenario(rr.Region)
	if err != nil {
		rr.Err = err
		return
	}
	rr.Kinds = map[string]string{}
	for _, p := range base.Parties {
		rr.Kinds[p.ID] = p.Kind
	}
	rr.Values = make([][]float64, len(variants))
	rr.OptionErr = make([]error, len(variants))
	for o, v := range variants {
		v, err := in.variantOf(rr.Region, v)
		if err != nil {
			rr.OptionErr[o] = err
			continue
		}
		vals, outs, err := runOption(base, v, res.sharesFor(o, i))
		if err != nil {
			rr.OptionErr[o] = err
			continue
		}
		if rr.Outcomes == nil {
			rr.Outcomes = outs
		}
		if !sameNames(rr.Outcomes, outs) {
			// A variant that switches things off has fewer outcomes: map
			// them onto the base's names, missing ones NaN.
			vals = remap(rr.Outcomes, outs, vals)
		}
		rr.Values[o] = vals
	}
}

// sharesFor is the budget amount to set per regional_budget instrument of
// option o for region i.
func (r *Result) sharesFor(o, i int) map[string]float64 {
	m := map[string]float64{}
	for _, p := range r.Pots {
		if p.Option == o {
			m[p.Instrument] = p.Shares[i]
		}
	}
	return m
}

// regionScenario is region r's base scenario: its own file, or the
// template scaled to its population with the row's values set, checked.
func (in *Input) regionScenario(r *Region) (*scenarios.Scenario, error) {
	if len(r.Problems) > 0 {
		return nil, r.Problems
	}
	if in.Template == nil {
		if r.Scenario == nil {
			return nil, errors.New("no scenario")
		}
		return r.Scenario.Copy(), nil
	}
	s := in.Template.Copy()
	// The options are run from the template's variants; checked with the
	// template already, they need no check per region until applied.
	s.Variants = nil
	if ref, ok := s.ScalesByPopulation(); ok {
		s.ScaleAmounts(r.Population / ref)
	}
	s.Region.Name, s.Region.Population = r.Name, r.Population
	var probs scenarios.Problems
	for _, p := range slices.Sorted(maps.Keys(r.Values)) {
		if err := s.Set(p, r.Values[p]); err != nil {
			probs = append(probs, scenarios.Problem{File: r.File, Line: r.Line, Key: p, Msg: err.Error()})
		}
	}
	if len(probs) == 0 {
		for _, p := range s.Check().Errors() {
			// The row's line, the key as the checks name it.
			p.File, p.Line = r.File, r.Line
			probs = append(probs, p)
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return s, nil
}

// runOption runs one option of a region: the variant applied to a copy of
// its base, the budget's share set.
func runOption(base *scenarios.Scenario, v *scenarios.Variant, shares map[string]float64) ([]float64, []sim.Outcome, error) {
	s, err := optionScenario(base, v, shares)
	if err != nil {
		return nil, nil, err
	}
	m, err := sim.Compile(s)
	if err != nil {
		return nil, nil, err
	}
	var sink sim.OutcomeSink
	if err := m.NewState().Run(nil, &sink); err != nil {
		return nil, nil, err
	}
	return sink.Values, m.Outcomes(), nil
}

func sameNames(a, b []sim.Outcome) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name {
			return false
		}
	}
	return true
}

// remap puts values named by from into the order of to; NaN where from
// has no such outcome.
func remap(to, from []sim.Outcome, vals []float64) []float64 {
	at := make(map[string]int, len(from))
	for i, o := range from {
		at[o.Name] = i
	}
	out := make([]float64, len(to))
	for i, o := range to {
		if j, ok := at[o.Name]; ok {
			out[i] = vals[j]
		} else {
			out[i] = math.NaN()
		}
	}
	return out
}
