package batch

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

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

// regionFigure is the region outcome each measure sums ("" for the count
// of regions with a gap after the funds end).
var regionFigure = map[string]string{
	"gap_after_funds_end_pv": "region.gap_after_funds_end_pv", "gap_pv": "region.gap_pv",
	"funding_pv": "region.funding_pv", "worse_off_parties": "region.worse_off_parties",
}

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

// RunStress runs the stress test of the template's [uncertainty] in every
// region and option. The national params ([uncertainty.national]) take the
// same value in every region in a draw, drawn from the seed; each region's
// other params are drawn from its own seed. The national totals are sums
// over the regions draw by draw, so their percentiles come from the joint
// draws. Regions run one after another, each draw block on all cores: the
// result does not depend on the number of workers.
func RunStress(ctx context.Context, in *Input, det *Result, o StressOptions) (*StressResult, error) {
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
	res := &StressResult{Draws: o.Draws, Seed: o.Seed, Options: det.Options}
	// The national values of every draw, once: [draw][k] for the k-th
	// national param, at position nat[k] of the setup.
	var nat []int
	var natDists []*uncertain.Dist
	for p, prm := range setup.Params {
		if prm.National {
			nat = append(nat, p)
			natDists = append(natDists, prm.Dist)
			res.National = append(res.National, prm.Path)
		}
	}
	var natVals [][]float64
	if len(nat) > 0 {
		smp, err := uncertain.NewSampler(natDists, uncertain.Options{Seed: o.Seed, Draws: o.Draws})
		if err != nil {
			return nil, err
		}
		natVals = make([][]float64, o.Draws)
		for j := range natVals {
			natVals[j] = make([]float64, len(nat))
			smp.Draw(j, natVals[j])
		}
	}
	// A drawn amount of euros is in the template's units: it scales to a
	// region as the template's amounts do.
	var scaled []int
	ref, scales := base.ScalesByPopulation()
	for p, prm := range setup.Params {
		if scales && base.ScalesPath(prm.Path) {
			scaled = append(scaled, p)
		}
	}
	overrideFor := func(f float64) func(j int, values []float64) {
		if len(nat) == 0 && (len(scaled) == 0 || f == 1) {
			return nil
		}
		return func(j int, values []float64) {
			for k, p := range nat {
				values[p] = natVals[j][k]
			}
			if f != 1 {
				for _, p := range scaled {
					values[p] *= f
				}
			}
		}
	}
	variants := in.options()
	nm := len(StressMeasures)
	sums := make([][][]float64, len(variants)) // [option][measure][draw]
	for v := range sums {
		sums[v] = make([][]float64, nm)
		for m := range sums[v] {
			sums[v][m] = make([]float64, o.Draws)
		}
	}
	res.Regions = make([]RegionStress, len(in.Regions))
	done, draws := 0, 0
	for i, r := range in.Regions {
		rs := &res.Regions[i]
		rs.Region = r
		rs.Gap = make([]stress.Summary, len(variants))
		rs.Chance = make([]float64, len(variants))
		rb, err := in.regionScenario(r)
		if err != nil {
			rs.Err = err
			continue
		}
		f := 1.0
		if scales {
			f = r.Population / ref
		}
		override := overrideFor(f)
		for v, variant := range variants {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			s, err := optionScenario(rb, variant, det.sharesFor(v, i))
			if err != nil {
				rs.Err = err
				break
			}
			m, err := sim.Compile(s, setup.Paths()...)
			if err != nil {
				rs.Err = err
				break
			}
			cols := make([]int, nm)
			for k, meas := range StressMeasures {
				cols[k] = -1
				if f := regionFigure[meas]; f != "" {
					cols[k] = m.OutcomeIndex(f)
				}
			}
			gapCol := m.OutcomeIndex("region.gap_after_funds_end_pv")
			gaps := 0
			sv := sums[v]
			rows := func(first int, _, outs [][]float64) error {
				for j := range outs[0] {
					for k, c := range cols {
						if c >= 0 {
							sv[k][first+j] += outs[c][j]
						}
					}
					if outs[gapCol][j] >= gapEpsilon {
						sv[slices.Index(StressMeasures, "regions_gap_after_funds_end")][first+j]++
						gaps++
					}
				}
				return nil
			}
			before := draws
			sres, err := stress.Run(ctx, m, setup, stress.Options{Draws: o.Draws, Seed: regionSeed(o.Seed, i), Workers: o.Workers,
				Rows: rows, Override: override, Progress: func(n int) {
					if o.Progress != nil {
						o.Progress(done, before+n)
					}
				}})
			if err != nil {
				rs.Err = err
				break
			}
			draws += o.Draws
			done++
			rs.Gap[v] = sres.Stats[gapCol]
			rs.Chance[v] = float64(gaps) / float64(o.Draws)
		}
	}
	res.Totals = make([][]stress.Summary, len(variants))
	for v := range variants {
		res.Totals[v] = make([]stress.Summary, nm)
		for k := range StressMeasures {
			res.Totals[v][k] = summarize(sums[v][k])
		}
	}
	return res, nil
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
		if err := s.Apply(v.Disable, v.Set); err != nil {
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
