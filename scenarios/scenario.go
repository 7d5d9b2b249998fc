package scenarios

import (
	"maps"
	"slices"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/sim/uncertain"
)

// Scenario is one region's story: who sits at the table, what money flows
// today, what cross-domain work is to be financed and with which instruments.
type Scenario struct {
	Region      Region                   `toml:"region"`
	Parties     []Party                  `toml:"party"`
	Flows       []Flow                   `toml:"flow"`
	Initiatives []Initiative             `toml:"initiative"`
	Instruments []instruments.Instrument `toml:"instrument"`
	Variants    []Variant                `toml:"variant"`
	Uncertainty *Uncertainty             `toml:"uncertainty"`
	National    *National                `toml:"national"`
	Batch       *Batch                   `toml:"batch"`

	// File is the name the scenario was loaded from ("" for built-ins).
	File string `toml:"-"`
	// Variant is the name of the variant applied (WithVariant), or "".
	Variant string `toml:"-"`

	raw map[string]any // the decoded TOML
	// pristine is a copy of the values as loaded, before any check or
	// change, from which Clone copies.
	pristine *Scenario
	bound    bool // raw decoded without problems
	// badKeys are the line paths of values that did not decode; checks do
	// not report them a second time (as "missing", say).
	badKeys map[string]bool
	lines   lineIndex
	// Warnings are the problems found that do not stop a run.
	Warnings Problems `toml:"-"`

	// disabled holds the ids switched off by a variant, enabled the
	// instruments with off = true that it switched on.
	disabled map[string]bool
	enabled  map[string]bool
}

// Region holds the scenario-wide settings.
type Region struct {
	Name         string  `toml:"name"`
	Population   float64 `toml:"population"`
	FirstYear    int     `toml:"first_year"`
	Horizon      int     `toml:"horizon"`       // years, default 10
	DiscountRate float64 `toml:"discount_rate"` // default 0.03
	Indexation   float64 `toml:"indexation"`    // default 0.0
	Description  string  `toml:"description"`
	Source       string  `toml:"source"` // where the figures come from, for the report
}

// Party is an organisation at the regional table.
type Party struct {
	ID       string    `toml:"id"`
	Name     string    `toml:"name"`
	Kind     string    `toml:"kind"`
	Domain   string    `toml:"domain"` // derived from Kind when empty
	Turnover float64   `toml:"turnover"`
	Growth   *float64  `toml:"growth"`
	Series   []float64 `toml:"turnover_series"` // optional: per-year turnover from first_year
	Source   string    `toml:"source"`          // where the figures come from, for the report
	Scale    string    `toml:"scale"`           // in a batch template: "none" keeps its amounts fixed
}

// Flow is a regular money flow of the baseline, payer to receiver.
type Flow struct {
	ID     string   `toml:"id"`
	Name   string   `toml:"name"`
	From   string   `toml:"from"`
	To     string   `toml:"to"`
	Stream string   `toml:"stream"`
	Amount float64  `toml:"amount"`
	Growth *float64 `toml:"growth"`
	Source string   `toml:"source"` // where the figures come from, for the report
	Scale  string   `toml:"scale"`  // in a batch template: "none" keeps its amounts fixed
}

// Initiative is cross-domain work to be financed.
type Initiative struct {
	ID           string             `toml:"id"`
	Name         string             `toml:"name"`
	Provider     string             `toml:"provider"`
	Cost         float64            `toml:"cost"` // per year at full scale
	Growth       *float64           `toml:"growth"`
	Start        int                `toml:"start"` // default first_year
	End          int                `toml:"end"`   // last year, inclusive; 0: runs to the horizon
	RampYears    int                `toml:"ramp_years"`
	SavingsLag   int                `toml:"savings_lag"`
	Savings      map[string]float64 `toml:"savings"` // avoided care per year at full scale, by party
	SavingsScale float64            `toml:"savings_scale"`
	Gap          string             `toml:"gap"`    // "scale" (default) or "provider"
	Source       string             `toml:"source"` // where the figures come from, for the report
	Scale        string             `toml:"scale"`  // in a batch template: "none" keeps its amounts fixed
}

func (in *Initiative) setDefaults() {
	in.RampYears = 1
	in.SavingsScale = 1
	in.Gap = "scale"
}

// Variant is an option for the table: the base case with some instruments
// or initiatives switched off and some values set.
type Variant struct {
	Name        string         `toml:"name"`
	Description string         `toml:"description"`
	Disable     []string       `toml:"disable"`
	Enable      []string       `toml:"enable"` // instruments with off = true that this option switches on
	Set         map[string]any `toml:"set"`
}

// Uncertainty describes distributions of scenario values for stress tests.
type Uncertainty struct {
	Draws  int             `toml:"draws"`
	Seed   int64           `toml:"seed"`
	Params map[string]Dist `toml:"params"`
	// National are params that a national batch draws once per draw for
	// every region (a national effect); in one region's stress test they
	// are params like the others.
	National map[string]Dist `toml:"national"`
	// Correlation gives rank correlations between params:
	// correlation[a][b] = ρ (one way is enough).
	Correlation map[string]map[string]float64 `toml:"correlation"`
}

// Dist is a probability distribution of one value, addressed by a path
// (see uncertain.Spec for the distributions and their keys).
type Dist = uncertain.Spec

// Party kinds and the domain each belongs to by default.
var partyKinds = map[string]string{
	"municipality": "social",
	"social_work":  "social",
	"ggd":          "social",
	"insurer":      "medical",
	"hospital":     "medical",
	"gp":           "medical",
	"ggz":          "medical",
	"care_office":  "long_term",
	"vvt":          "long_term",
	"national":     "national",
	"other":        "other",
}

var domains = []string{"social", "medical", "long_term", "national", "other"}

// Streams are the funding streams a flow can belong to.
var streams = []string{"zvw", "wlz", "wmo", "jeugdwet", "iza", "spuk", "own", "other"}

// Party returns the party with the given id.
func (s *Scenario) Party(id string) (*Party, bool) {
	for i := range s.Parties {
		if s.Parties[i].ID == id {
			return &s.Parties[i], true
		}
	}
	return nil, false
}

// Flow returns the flow with the given id.
func (s *Scenario) Flow(id string) (*Flow, bool) {
	for i := range s.Flows {
		if s.Flows[i].ID == id {
			return &s.Flows[i], true
		}
	}
	return nil, false
}

// Initiative returns the initiative with the given id.
func (s *Scenario) Initiative(id string) (*Initiative, bool) {
	for i := range s.Initiatives {
		if s.Initiatives[i].ID == id {
			return &s.Initiatives[i], true
		}
	}
	return nil, false
}

// Instrument returns the instrument with the given id.
func (s *Scenario) Instrument(id string) (instruments.Instrument, bool) {
	for _, in := range s.Instruments {
		if in != nil && in.Meta().ID == id {
			return in, true
		}
	}
	return nil, false
}

// LastYear is the last calendar year of the horizon.
func (s *Scenario) LastYear() int { return s.Region.FirstYear + s.Region.Horizon - 1 }

// Disabled reports whether a variant switched off the instrument or
// initiative with this id.
func (s *Scenario) Disabled(id string) bool {
	if s.disabled[id] {
		return true
	}
	if in, ok := s.Instrument(id); ok && in.Meta().Off {
		return !s.enabled[id]
	}
	return false
}

// GrowthOf returns an item's own growth, else the region's indexation.
func (s *Scenario) GrowthOf(g *float64) float64 {
	if g != nil {
		return *g
	}
	return s.Region.Indexation
}

// PartyKinds lists the kinds a party may have, sorted.
func PartyKinds() []string { return slices.Sorted(maps.Keys(partyKinds)) }
