package scenarios

import (
	_ "embed"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
)

// National is what a national batch needs beyond one region: the national
// spending per stream that a regional budget takes a share of, and the key
// that divides the pot over the regions.
//
//	[national]
//	spending = { zvw = 66_800_000_000, wlz = 41_100_000_000, wmo = 5_480_000_000 }
//	key = { population = 0.7, over75 = 0.3 }
//
// The key's weights name columns of the batch's regions table and sum to
// 1: a region's key is Σ weight × its share of the column's total, so a
// weight is the part of the pot its column divides; without a key, the
// regions share by population.
type National struct {
	Spending map[string]float64 `toml:"spending"` // euros a year in the first year, by stream
	Key      map[string]float64 `toml:"key"`      // weights of the regions table's columns
	Source   string             `toml:"source"`
}

// BudgetStreams are the streams of national spending a regional budget
// may take a share of (the keys of [national] spending and of a
// regional_budget's shares).
var BudgetStreams = []string{"zvw", "wlz", "wmo"}

// Batch says how a template scenario serves every region of a batch:
// with scale = "population", every amount of the template (turnovers,
// flows, the cost and savings of initiatives, the amounts of instruments)
// is multiplied by the region's population over reference_population,
// except those of an element with scale = "none".
type Batch struct {
	Scale               string  `toml:"scale"`                // "population" or "none" (default)
	ReferencePopulation float64 `toml:"reference_population"` // default: the region's population
	Base                string  `toml:"base"`                 // the base option's name in a batch's output
}

//go:embed examples/national-regions.csv
var nationalRegions []byte

// NationalRegions is the regions table of the built-in national example:
// the 31 zorgkantoor regions with their CBS code and population.
func NationalRegions() []byte { return nationalRegions }

// Scale modes of [batch] and of an element.
var scaleModes = []string{"population", "none"}

// All are the uncertain values: the params and the national ones.
func (u *Uncertainty) All() map[string]Dist {
	if u == nil {
		return nil
	}
	all := make(map[string]Dist, len(u.Params)+len(u.National))
	maps.Copy(all, u.Params)
	maps.Copy(all, u.National)
	return all
}

// IsNational reports whether path is a national uncertain value.
func (u *Uncertainty) IsNational(path string) bool {
	_, ok := u.National[path]
	return u != nil && ok
}

// KeyWeights is the national key, { population = 1 } when none is given.
func (n *National) KeyWeights() map[string]float64 {
	if n == nil || len(n.Key) == 0 {
		return map[string]float64{"population": 1}
	}
	return n.Key
}

func (c *checker) national() {
	a := at{"national", "national"}
	if n := c.s.National; n != nil && !c.s.badKeys["national"] {
		for _, k := range slices.Sorted(maps.Keys(n.Spending)) {
			c.oneOf(a.key("spending").key(k), "stream of national spending", k, BudgetStreams)
			if v := n.Spending[k]; !(v >= 0) || math.IsInf(v, 0) {
				c.errorf(a.key("spending").key(k), "", "%v is not an amount of euros: use 0 or more", v)
			}
		}
		sum := 0.0
		for _, k := range slices.Sorted(maps.Keys(n.Key)) {
			w := n.Key[k]
			if !(w >= 0 && w <= 1) {
				c.errorf(a.key("key").key(k), "", "the weight %v is outside 0..1", w)
			}
			sum += w
		}
		if len(n.Key) > 0 && math.Abs(sum-1) > 1e-9 {
			c.errorf(a.key("key"), "", "the weights sum to %v, not 1", sum)
		}
	}
	b := c.s.Batch
	if b == nil || c.s.badKeys["batch"] {
		return
	}
	ba := at{"batch", "batch"}
	if b.Scale != "" {
		c.oneOf(ba.key("scale"), "scale", b.Scale, scaleModes)
	}
	if b.Scale == "population" {
		switch {
		case b.ReferencePopulation < 0 || math.IsNaN(b.ReferencePopulation):
			c.errorf(ba.key("reference_population"), "", "%v is not a population", b.ReferencePopulation)
		case b.ReferencePopulation == 0 && !(c.s.Region.Population > 0):
			c.errorf(ba.key("reference_population"), "", "missing: the population the template's amounts are for (or region.population)")
		}
	}
}

// elementScale checks an element's scale key.
func (c *checker) elementScale(a at, scale string) {
	if scale != "" {
		c.oneOf(a.key("scale"), "scale", scale, scaleModes)
	}
}

// ScalesByPopulation reports whether the scenario is a template whose
// amounts scale with a region's population, and the population they are
// for.
func (s *Scenario) ScalesByPopulation() (reference float64, ok bool) {
	if s.Batch == nil || s.Batch.Scale != "population" {
		return 0, false
	}
	if s.Batch.ReferencePopulation > 0 {
		return s.Batch.ReferencePopulation, true
	}
	return s.Region.Population, s.Region.Population > 0
}

// ScalesPath reports whether the number at path is an amount of euros that
// ScaleAmounts scales: a key of euros of an element without scale =
// "none".
func (s *Scenario) ScalesPath(path string) bool {
	parts := strings.Split(path, ".")
	if len(parts) < 3 || (keyKinds[parts[2]] != KindMoney && parts[2] != "funds") {
		return false
	}
	rv, _ := s.element(parts[0], parts[1])
	if !rv.IsValid() {
		return false
	}
	for _, fd := range orderedFields(rv, nil) {
		if fd.key == "scale" && fd.v.String() == "none" {
			return false
		}
	}
	return true
}

// ScaleAmounts multiplies every amount of euros of the scenario by f,
// except those of elements with scale = "none": turnovers and their
// series, flows, the cost and savings of initiatives and the amounts and
// caps of instruments (the keys whose values are euros, as the
// assumptions list them). Rates, shares and years stay as they are.
func (s *Scenario) ScaleAmounts(f float64) {
	scale := func(rv reflect.Value) {
		fields := orderedFields(rv, nil)
		for _, fd := range fields {
			if fd.key == "scale" && fd.v.String() == "none" {
				return
			}
		}
		for _, fd := range fields {
			if keyKinds[fd.key] == KindMoney || fd.key == "funds" {
				scaleValue(fd.v, f)
			}
		}
	}
	for i := range s.Parties {
		scale(reflect.ValueOf(&s.Parties[i]).Elem())
	}
	for i := range s.Flows {
		scale(reflect.ValueOf(&s.Flows[i]).Elem())
	}
	for i := range s.Initiatives {
		scale(reflect.ValueOf(&s.Initiatives[i]).Elem())
	}
	for _, in := range s.Instruments {
		if in != nil {
			scale(reflect.ValueOf(in).Elem())
		}
	}
}

// scaleValue multiplies the euros in v (a number, a list or a table of
// them) by f; words and lists of ids are left alone.
func scaleValue(v reflect.Value, f float64) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			scaleValue(v.Elem(), f)
		}
	case reflect.Float64:
		v.SetFloat(v.Float() * f)
	case reflect.Slice:
		for i := range v.Len() {
			scaleValue(v.Index(i), f)
		}
	case reflect.Map:
		if v.Type().Elem().Kind() != reflect.Float64 {
			return
		}
		for _, k := range v.MapKeys() {
			v.SetMapIndex(k, reflect.ValueOf(v.MapIndex(k).Float()*f).Convert(v.Type().Elem()))
		}
	}
}
