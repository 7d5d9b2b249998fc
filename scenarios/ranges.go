package scenarios

import (
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/regiosim/regiosim/instruments"
)

// Range is the set of values a number may take (see instruments.Range).
type Range = instruments.Range

// fieldRanges are the ranges of the numbers of the region, parties, flows
// and initiatives, by "kind.key"; an instrument's come from its Bounds.
// The checker and Scenario.Range both read them: one source of truth.
var fieldRanges = map[string]Range{
	"region.population":    instruments.AmountRange,
	"region.first_year":    {Min: 1900, Max: 2200, Whole: true},
	"region.horizon":       instruments.Years(1, MaxHorizon),
	"region.discount_rate": instruments.RateRange,
	"region.indexation":    instruments.GrowthRange,

	"party.turnover":        instruments.AmountRange,
	"party.growth":          instruments.GrowthRange,
	"party.turnover_series": instruments.AmountRange,

	"flow.amount": instruments.AmountRange,
	"flow.growth": instruments.GrowthRange,

	"initiative.cost":          instruments.AmountRange,
	"initiative.growth":        instruments.GrowthRange,
	"initiative.start":         instruments.StartYearRange,
	"initiative.end":           instruments.UntilYearRange,
	"initiative.ramp_years":    {Min: 1, Max: MaxHorizon, Whole: true, Hint: "1 = full scale from the start"},
	"initiative.savings_lag":   {Min: 0, Max: MaxHorizon, Whole: true},
	"initiative.savings":       instruments.AmountRange,
	"initiative.savings_scale": {Min: 0, Max: 100, Hint: "1 = the savings as given"},
}

// Range returns the valid range of the number a path addresses, as the
// checker applies it (years bound to the horizon).
func (s *Scenario) Range(path string) (Range, error) {
	t, err := s.resolve(path)
	if err != nil {
		return Range{}, err
	}
	parts := strings.Split(path, ".")
	key := parts[len(parts)-1]
	if t.mapKey != "" {
		key = parts[len(parts)-2]
	}
	var r Range
	var ok bool
	if parts[0] == "instrument" {
		in, _ := s.Instrument(parts[1])
		r, ok = in.Bounds()[key]
	} else {
		r, ok = fieldRanges[parts[0]+"."+key]
	}
	if !ok {
		return Range{}, &PathError{Path: path, Msg: "is not a number with a known range"}
	}
	return r.Within(s.Region.FirstYear, s.LastYear()), nil
}

// checkNumber reports a number outside its range.
func (c *checker) checkNumber(a at, r Range, v float64) bool {
	first, last := c.s.Region.FirstYear, c.s.LastYear()
	msg := r.Within(first, last).Problem(v)
	if msg == "" {
		// A year outside the horizon that may be: said once, as a note.
		switch y := int(v); {
		case !r.IsYear() || v == 0 || !c.horizonValid():
		case y < first && strings.HasSuffix(a.disp, "decision_year"):
			c.note(a, "%d is before the horizon %d–%d: the decision taken then stands, and the run starts in %d", y, first, last, first)
		case y < first:
			c.note(a, "%d is before the horizon %d–%d: the run starts in %d (an initiative's ramp-up or a phase-out's progress counts from %d)", y, first, last, first, y)
		case y > last:
			c.note(a, "%d lies after the horizon %d–%d: the run stops at %d", y, first, last, last)
		}
		return true
	}
	if r.IsYear() && !c.horizonValid() {
		return false // the horizon itself is reported
	}
	c.errorf(a, "", "%s", msg)
	return false
}

// number checks a number of the region, a party, flow or initiative by its
// "kind.key" in fieldRanges.
func (c *checker) number(a at, field string, v float64) bool {
	r, ok := fieldRanges[field]
	if !ok {
		panic("scenarios: no range for " + field)
	}
	return c.checkNumber(a, r, v)
}

func (c *checker) horizonValid() bool {
	r := c.s.Region
	return r.FirstYear >= 1900 && r.FirstYear <= 2200 && r.Horizon >= 1 && r.Horizon <= MaxHorizon
}

// instrumentNumbers checks every number of an instrument against its
// Bounds: unset optional numbers (nil) are skipped, and a year of 0 is
// left to the instrument's own check ("missing").
func (c *checker) instrumentNumbers(in instruments.Instrument, a at) {
	bounds := in.Bounds()
	fields := map[string]reflect.Value{}
	collectFields(reflect.ValueOf(in).Elem(), fields)
	for _, key := range slices.Sorted(maps.Keys(fields)) {
		f := fields[key]
		r, ok := bounds[key]
		if !ok {
			continue
		}
		switch f.Kind() {
		case reflect.Pointer:
			if !f.IsNil() {
				c.checkNumber(a.key(key), r, toFloat(f.Elem()))
			}
		case reflect.Map:
			for _, mk := range mapKeys(f) {
				c.checkNumber(a.key(key).key(mk), r, toFloat(f.MapIndex(reflect.ValueOf(mk))))
			}
		case reflect.Float64, reflect.Int:
			v := toFloat(f)
			if r.IsYear() && v == 0 {
				continue
			}
			c.checkNumber(a.key(key), r, v)
		}
	}
}

func toFloat(v reflect.Value) float64 {
	if v.Kind() == reflect.Int {
		return float64(v.Int())
	}
	return v.Float()
}
