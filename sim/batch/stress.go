package batch

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/regiosim/regiosim/sim/stress"
	"github.com/regiosim/regiosim/sim/uncertain"
)

// StressOptions tune a batch's stress test.
type StressOptions struct {
	Draws   int   // per region and option; 0: the template's [uncertainty] draws
	Seed    int64 // 0: the template's seed
	Workers int   // draws run at once within a region (0: all cores)
	// Progress, when set, is called now and then with the region-options
	// done and the draws done in all.
	Progress func(regionOptions, draws int)
}

// The national measures of a stress test: per draw, summed over the
// regions (or counted).
var StressMeasures = []string{"gap_after_funds_end_pv", "gap_pv", "funding_pv", "regions_gap_after_funds_end", "worse_off_parties"}

// StressResult is a batch under uncertainty: per option the national
// totals' distribution over the joint draws, and per region and option
// its gap after the funds end.
type StressResult struct {
	Draws    int
	Seed     int64
	Options  []string
	National []string // the paths drawn once per draw for every region
	// Totals[o][m] is the distribution of national measure m
	// (StressMeasures) in option o over the draws.
	Totals [][]stress.Summary
	// Regions[i].Gap[o] is region i's gap after the funds end (PV) in
	// option o, and Chance[o] the share of draws with such a gap.
	Regions []RegionStress
}

// RegionStress is one region's stress figures per option.
type RegionStress struct {
	Region *Region
	Err    error
	Gap    []stress.Summary
	Chance []float64
}

// regionSeed is the seed of region i's own params: apart from the
// national draws and from every other region's (SplitMix64 of the seed
// and the region's index), the same in every option (common random
// numbers).
func regionSeed(seed int64, i int) int64 {
	z := uint64(seed) + uint64(i+1)*0x9E3779B97F4A7C15
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return int64(z ^ (z >> 31))
}

// BlockSize is the number of draws of a unit of a batch's stress test.
const BlockSize = 512

// Unit is a piece of a batch's stress test: one region in one option, one
// block of draws; shards of a batch divide the units.
type Unit struct{ Region, Option, Block int }

// UnitValues are a unit's figures per draw: for each draw of its block the
// region's gap after the funds end, gap, funding (all PV) and parties worse
// off; Err when the region's option could not run.
type UnitValues struct {
	Unit   Unit
	Values [][4]float64
	Err    string
}

// stressPlan is what every unit of a batch's stress test shares.
type stressPlan struct {
	in       *Input
	det      *Result
	setup    *stress.Setup
	o        StressOptions
	variants []*scenarios.Variant
	national []string
	natVals  [][]float64 // [draw][k], for the national params at nat[k]
	nat      []int
	scaled   []int // params that are amounts, scaled to the region
	ref      float64
	scales   bool
}

func newStressPlan(in *Input, det *Result, o StressOptions) (*stressPlan, error) {
	base := in.Template
	if base == nil {
		return nil, fmt.Errorf("a batch's stress test needs a template with [uncertainty]; a set of region files is run without")
	}
	setup, err := stress.FromScenario(base)
	if err != nil {
		return nil, err
	}
	if o.Draws == 0 {
		o.Draws = setup.Draws
	}
	if o.Seed == 0 {
		o.Seed = setup.Seed
	}
	p := &stressPlan{in: in, det: det, setup: setup, o: o, variants: in.options()}
	var natDists []*uncertain.Dist
	for k, prm := range setup.Params {
		if prm.National {
			p.nat = append(p.nat, k)
			natDists = append(natDists, prm.Dist)
			p.national = append(p.national, prm.Path)
		}
	}
	if len(p.nat) > 0 {
		smp, err := uncertain.NewSampler(natDists, uncertain.Options{Seed: o.Seed, Draws: o.Draws})
		if err != nil {
			return nil, err
		}
		p.natVals = make([][]float64, o.Draws)
		for j := range p.natVals {
			p.natVals[j] = make([]float64, len(p.nat))
			smp.Draw(j, p.natVals[j])
		}
	}
	// A drawn amount of euros is in the template's units: it scales to a
	// region as the template's amounts do.
	p.ref, p.scales = base.ScalesByPopulation()
	for k, prm := range setup.Params {
		if p.scales && base.ScalesPath(prm.Path) {
			p.scaled = append(p.scaled, k)
		}
	}
	return p, nil
}

// override sets a draw's national values and scales its amounts to the
// region (factor f); nil when there is nothing to do.
func (p *stressPlan) override(f float64) func(j int, values []float64) {
	if len(p.nat) == 0 && (len(p.scaled) == 0 || f == 1) {
		return nil
	}
	return func(j int, values []float64) {
		for k, at := range p.nat {
			values[at] = p.natVals[j][k]
		}
		if f != 1 {
			for _, at := range p.scaled {
				values[at] *= f
			}
		}
	}
}

// Units lists every unit of a batch's stress test in order: region by
// region (those whose scenario builds), option by option, block by block.
func Units(in *Input, det *Result, o StressOptions) ([]Unit, error) {
	p, err := newStressPlan(in, det, o)
	if err != nil {
		return nil, err
	}
	blocks := (p.o.Draws + BlockSize - 1) / BlockSize
	var out []Unit
	for i, r := range in.Regions {
		if _, err := in.regionScenario(r); err != nil {
			continue
		}
		for v := range p.variants {
			for b := 0; b < blocks; b++ {
				out = append(out, Unit{i, v, b})
			}
		}
	}
	return out, nil
}

// RunUnits computes the given units (a shard's share, or all of them).
// Progress, when set, gets the draws done.
func RunUnits(ctx context.Context, in *Input, det *Result, o StressOptions, units []Unit) ([]UnitValues, error) {
	p, err := newStressPlan(in, det, o)
	if err != nil {
		return nil, err
	}
	out := make([]UnitValues, len(units))
	// A region's option is compiled once; each worker draws on states of
	// its own, a whole unit at a time (units are independent, so the
	// figures do not depend on which worker ran which).
	type model struct {
		m    *sim.Model
		sel  *sim.Selection // the four figures a unit keeps
		err  error
		f    float64
		once sync.Once
	}
	models := map[[2]int]*model{}
	for _, u := range units {
		if models[[2]int{u.Region, u.Option}] == nil {
			models[[2]int{u.Region, u.Option}] = &model{}
		}
	}
	workers := p.o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next, done atomic.Int64
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			drawers := map[[2]int]*stress.Drawer{}
			for {
				n := int(next.Add(1) - 1)
				if n >= len(units) || ctx.Err() != nil {
					return
				}
				u := units[n]
				out[n].Unit = u
				key := [2]int{u.Region, u.Option}
				md := models[key]
				md.once.Do(func() {
					c := p.compile(u)
					md.m, md.err, md.f = c.m, c.err, c.f
					if md.err == nil {
						md.sel, md.err = md.m.Select(unitFigures[:]...)
					}
				})
				if md.err != nil {
					out[n].Err = md.err.Error()
					continue
				}
				d := drawers[key]
				if d == nil {
					var err error
					d, err = stress.NewDrawer(md.m, p.setup, stress.Options{Draws: p.o.Draws, Seed: regionSeed(p.o.Seed, u.Region), Override: p.override(md.f)}, md.sel)
					if err != nil {
						errs[k] = err
						return
					}
					drawers[key] = d
				}
				lo, hi := u.Block*BlockSize, min((u.Block+1)*BlockSize, p.o.Draws)
				vals := make([][4]float64, hi-lo)
				for j := lo; j < hi; j++ {
					_, row, err := d.Draw(j)
					if err != nil {
						errs[k] = fmt.Errorf("region %s, draw %d: %w", in.Regions[u.Region].Label(), j, err)
						return
					}
					copy(vals[j-lo][:], row)
				}
				out[n].Values = vals
				if p.o.Progress != nil {
					p.o.Progress(n, int(done.Add(int64(hi-lo))))
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// unitFigures are the outcomes a unit keeps of each draw, in the order
// of UnitValues.Values.
var unitFigures = [4]string{"region.gap_after_funds_end_pv", "region.gap_pv", "region.funding_pv", "region.worse_off_parties"}

// compile builds a unit's region in its option and compiles it for the
// uncertain values.
func (p *stressPlan) compile(u Unit) (md struct {
	m   *sim.Model
	err error
	f   float64
}) {
	r := p.in.Regions[u.Region]
	rb, err := p.in.regionScenario(r)
	if err != nil {
		md.err = err
		return md
	}
	md.f = 1
	if p.scales {
		md.f = r.Population / p.ref
	}
	v, err := p.in.variantOf(r, p.variants[u.Option])
	if err != nil {
		md.err = err
		return md
	}
	s, err := optionScenario(rb, v, p.det.sharesFor(u.Option, u.Region))
	if err != nil {
		md.err = err
		return md
	}
	md.m, md.err = sim.Compile(s, p.setup.Paths()...)
	return md
}

// Assemble puts the units' figures together into the stress test's
// result: every unit of Units must be there once. The national totals add
// up the regions in their order, draw by draw, as one run does.
func Assemble(in *Input, det *Result, o StressOptions, parts []UnitValues) (*StressResult, error) {
	p, err := newStressPlan(in, det, o)
	if err != nil {
		return nil, err
	}
	want, err := Units(in, det, o)
	if err != nil {
		return nil, err
	}
	byUnit := make(map[Unit]*UnitValues, len(parts))
	for n := range parts {
		u := parts[n].Unit
		if _, dup := byUnit[u]; dup {
			return nil, fmt.Errorf("unit %v is there twice", u)
		}
		byUnit[u] = &parts[n]
	}
	for _, u := range want {
		if byUnit[u] == nil {
			return nil, fmt.Errorf("unit %v (region %s, option %d, block %d) is missing", u, in.Regions[u.Region].Label(), u.Option, u.Block)
		}
	}
	if len(byUnit) != len(want) {
		return nil, fmt.Errorf("%d units given, the batch has %d", len(byUnit), len(want))
	}
	n := p.o.Draws
	res := &StressResult{Draws: n, Seed: p.o.Seed, Options: det.Options, National: p.national}
	nm := len(StressMeasures)
	sums := make([][][]float64, len(p.variants)) // [option][measure][draw]
	for v := range sums {
		sums[v] = make([][]float64, nm)
		for m := range sums[v] {
			sums[v][m] = make([]float64, n)
		}
	}
	// Which measure each of a unit's four figures adds to.
	measureOf := [4]int{slices.Index(StressMeasures, "gap_after_funds_end_pv"), slices.Index(StressMeasures, "gap_pv"),
		slices.Index(StressMeasures, "funding_pv"), slices.Index(StressMeasures, "worse_off_parties")}
	count := slices.Index(StressMeasures, "regions_gap_after_funds_end")
	blocks := (n + BlockSize - 1) / BlockSize
	res.Regions = make([]RegionStress, len(in.Regions))
	for i, r := range in.Regions {
		rs := &res.Regions[i]
		rs.Region = r
		rs.Gap = make([]stress.Summary, len(p.variants))
		rs.Chance = make([]float64, len(p.variants))
		if _, err := in.regionScenario(r); err != nil {
			rs.Err = err
			continue
		}
		for v := range p.variants {
			gaps := make([]float64, 0, n)
			var failed string
			for b := 0; b < blocks; b++ {
				u := byUnit[Unit{i, v, b}]
				if u.Err != "" {
					failed = u.Err
					break
				}
				for k, vals := range u.Values {
					j := b*BlockSize + k
					for c, m := range measureOf {
						sums[v][m][j] += vals[c]
					}
					if vals[0] >= gapEpsilon {
						sums[v][count][j]++
					}
					gaps = append(gaps, vals[0])
				}
			}
			if failed != "" {
				rs.Err = errors.New(failed)
				break
			}
			rs.Gap[v] = summarize(gaps)
			above := 0
			for _, g := range gaps {
				if g >= gapEpsilon {
					above++
				}
			}
			rs.Chance[v] = float64(above) / float64(n)
		}
	}
	res.Totals = make([][]stress.Summary, len(p.variants))
	for v := range p.variants {
		res.Totals[v] = make([]stress.Summary, nm)
		for k := range StressMeasures {
			res.Totals[v][k] = summarize(sums[v][k])
		}
	}
	return res, nil
}

// RunStress runs the stress test of the template's [uncertainty] in every
// region and option. The national params ([uncertainty.national]) take the
// same value in every region in a draw, drawn from the seed; each region's
// other params are drawn from its own seed. The national totals are sums
// over the regions draw by draw, so their percentiles come from the joint
// draws. The units (region, option, block of draws) run one after another,
// each block on all cores: the result does not depend on the number of
// workers, nor on how shards divide the units (Units, RunUnits,
// Assemble).
func RunStress(ctx context.Context, in *Input, det *Result, o StressOptions) (*StressResult, error) {
	units, err := Units(in, det, o)
	if err != nil {
		return nil, err
	}
	parts, err := RunUnits(ctx, in, det, o, units)
	if err != nil {
		return nil, err
	}
	return Assemble(in, det, o, parts)
}

// gapEpsilon: a gap of less than half a cent is no gap.
const gapEpsilon = 0.005

// optionScenario is a region's base with option v applied and its budget
// shares set, as runOption runs it.
func optionScenario(base *scenarios.Scenario, v *scenarios.Variant, shares map[string]float64) (*scenarios.Scenario, error) {
	s := base.Copy()
	if v != nil {
		s.Variants = nil
		s.Variant = v.Name
		if err := s.ApplyVariant(v); err != nil {
			return nil, err
		}
	}
	for _, id := range sortedKeys(shares) {
		if err := s.Set("instrument."+id+".amount", shares[id]); err != nil {
			return nil, fmt.Errorf("the regional budget's share: %w", err)
		}
	}
	return s, nil
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// summarize is the distribution of x: mean, standard deviation, the
// percentiles interpolated linearly between order statistics (numpy's
// default, a spreadsheet's PERCENTILE.INC), as the stress test gives them.
func summarize(x []float64) stress.Summary {
	if len(x) == 0 {
		return stress.Summary{}
	}
	s := slices.Clone(x)
	sort.Float64s(s)
	q := func(p float64) float64 {
		h := p * float64(len(s)-1)
		lo := int(math.Floor(h))
		if lo+1 >= len(s) {
			return s[len(s)-1]
		}
		return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
	}
	mean := 0.0
	for _, v := range s {
		mean += v
	}
	mean /= float64(len(s))
	ss := 0.0
	for _, v := range s {
		ss += (v - mean) * (v - mean)
	}
	sd := 0.0
	if len(s) > 1 {
		sd = math.Sqrt(ss / float64(len(s)-1))
	}
	return stress.Summary{Mean: mean, SD: sd, P5: q(0.05), P10: q(0.10), P50: q(0.5), P90: q(0.9), P95: q(0.95), Min: s[0], Max: s[len(s)-1]}
}
