package instruments

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/regiosim/regiosim/sim/ledger"
)

// Header holds the keys every [[instrument]] table has.
type Header struct {
	Type string `toml:"type"`
	ID   string `toml:"id"`
	Name string `toml:"name"` // optional label for tables
	// Source says where the instrument's figures come from, for the
	// report.
	Source string `toml:"source"`
	// Off = true switches the instrument off in the base case; a variant
	// switches it on with enable = [id] (an option that adds an
	// instrument).
	Off bool `toml:"off"`
	// Scale = "none" keeps the instrument's amounts fixed when a batch
	// scales a template to a region (see scenarios.Batch).
	Scale string `toml:"scale"`
}

// Label is the name to show, else the id.
func (h *Header) Label() string {
	if h.Name != "" {
		return h.Name
	}
	return h.ID
}

// Instrument is a financing instrument as decoded from its TOML table.
// Implementations are pointers to structs whose fields carry toml tags, so
// that every number in them can be addressed by a path.
type Instrument interface {
	// Meta returns the common keys (type, id, name).
	Meta() *Header
	// Check reports problems of the decoded values through s: missing
	// keys, unknown ids, rules between keys. Whether each number lies in
	// its range is checked by the scenario from Bounds.
	Check(s Scope)
	Bounded
	// Start resolves ids through env and returns the runner that moves
	// money each year. A compiled model calls it once per state (see
	// Runner.Prepare); it may allocate.
	Start(env Env) Runner
}

// Runner moves an instrument's money, year by year, in the two steps of a
// year: first every instrument raises its money, then every instrument
// funds the initiatives it names, in the order of the scenario.
//
// A runner is reused for many runs of a compiled model: Prepare is called
// before every run, after the values of the model's parameters are set in
// the instrument's struct, and must read every value it uses from there.
// Prepare, Raise and Fund must not allocate.
type Runner interface {
	// Prepare readies the runner for a run: it reads the instrument's
	// values and makes its ex-ante decisions (env answers for this run).
	Prepare(env Env)
	// Raise collects the year's money (contributions, surcharges, …).
	Raise(y Year)
	// Fund pays what is still unfunded of the named initiatives, up to what
	// the instrument holds.
	Fund(y Year)
}

// Opener is implemented by runners that act at the opening of a year,
// before any instrument raises money: a phase-out sets the level of its
// flow (so that surcharges see it), a wallet notes its opening balance (so
// that its interest does not depend on the order of the instruments).
type Opener interface {
	Open(y Year)
}

// Closer is implemented by runners that act after all funding of a year
// (returning unspent earmarked money, for example).
type Closer interface {
	Close(y Year)
}

// Settler is implemented by runners that act after the year's initiatives
// are settled, when their realised savings are known (Year.Realised): a
// revolving fund is repaid from them.
type Settler interface {
	Settle(y Year)
}

// Scope is what an instrument may ask of the scenario while it is checked.
// Keys are relative to the instrument's table ("rate", "funds.x").
// The reference methods report unknown ids themselves, with a suggestion.
type Scope interface {
	Errorf(key, format string, args ...any)
	Warnf(key, format string, args ...any)
	Party(key, id string) (kind string, ok bool)
	Flow(key, id string) (from, to string, ok bool)
	Initiative(key, id string) bool
	// Target resolves a conversion target: "party", "initiative" or
	// "instrument:TYPE".
	Target(key, id string) (what string, ok bool)
	// Year checks that y lies within the horizon.
	Year(key string, y int) bool
	// OneOf checks a word against its allowed values, suggesting the
	// nearest for a near miss.
	OneOf(key, what, value string, allowed []string) bool
	// Turnover is a party's turnover and FlowAmount a flow's baseline
	// amount in a calendar year, in euros of that year (0 for unknown ids),
	// to say what a rate takes.
	Turnover(party string, year int) float64
	FlowAmount(flow string, year int) float64
	// Indexation is the region's yearly indexation (of the wallet's caps).
	Indexation() float64
	// Name is the name of the element with this id, else the id in quotes.
	Name(id string) string
	FirstYear() int
	LastYear() int
}

// Euros says an amount as whole euros for a message: "€21,000,000" (the
// Dutch text of a message writes it the Dutch way).
func Euros(x float64) string {
	neg := x < 0
	digits := strconv.FormatFloat(math.Abs(math.Round(x)), 'f', 0, 64)
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if neg && digits != "0" {
		return "-€" + b.String()
	}
	return "€" + b.String()
}

// AKind says a kind of party with its article: "an insurer", "a
// municipality", else "a party of kind other".
func AKind(kind string) string {
	switch kind {
	case "insurer":
		return "an insurer"
	case "municipality", "hospital":
		return "a " + kind
	case "care_office":
		return "a care office"
	}
	return "a party of kind " + kind
}

// Env is what an instrument may ask of the engine when a run starts.
type Env interface {
	// Party returns a party's account.
	Party(id string) ledger.Account
	// Pot returns the account of an instrument's own pot; false when the
	// instrument is absent or switched off.
	Pot(instrumentID string) (ledger.Account, bool)
	// Flow returns a flow's index, or −1.
	Flow(id string) int
	// FlowEnds returns a flow's payer, receiver and stream.
	FlowEnds(f int) (from, to ledger.Account, stream string)
	// Initiative returns an initiative's index, or −1 when it is absent
	// or switched off.
	Initiative(id string) int
	// FirstYear is the calendar year of k = 0; Horizon the number of years.
	FirstYear() int
	Horizon() int
	// Indexation is the region's yearly growth of amounts.
	Indexation() float64
	// DiscountRate is the region's discount rate.
	DiscountRate() float64
	// PlannedCost is initiative i's planned cost in a calendar year (full
	// scale × ramp-up, indexed), also beyond the horizon.
	PlannedCost(i, year int) float64
	// PlannedSaving is what initiative i plans to save party p in a
	// calendar year, also beyond the horizon.
	PlannedSaving(i int, p ledger.Account, year int) float64
	// InitiativeStart is initiative i's first year.
	InitiativeStart(i int) int
}

// Year is one year of a run, as seen by an instrument.
type Year interface {
	Index() int    // k, 0 for the first year
	Calendar() int // calendar year
	Turnover(p ledger.Account) float64
	FlowBaseline(f int) float64
	FlowLevel(f int) float64
	SetFlowLevel(f int, level float64)
	Balance(a ledger.Account) float64
	// Unfunded is what initiative i still needs this year.
	Unfunded(i int) float64
	// Move records a transfer between accounts.
	Move(from, to ledger.Account, amount float64, kind ledger.Kind, stream string, initiative int)
	// Fund pays amount, at most what is unfunded, to initiative i's provider
	// and lowers its unfunded need; it returns what it paid.
	Fund(i int, from ledger.Account, amount float64, kind ledger.Kind, stream string) float64
	// Realised is what initiative i saved party p this year, after it was
	// settled at its coverage (0 before the settling, so in Settle only).
	Realised(i int, p ledger.Account) float64
}

// Factory returns a new instrument of one type with its defaults set.
type Factory func() Instrument

// registry maps every type name to its factory; a new instrument is one
// file and one line here.
func registry() map[string]Factory {
	r := map[string]Factory{}
	add := func(name string, f Factory) {
		if _, dup := r[name]; dup {
			panic("instruments: duplicate type " + name)
		}
		r[name] = f
	}
	add("transformation_funds", newTransformationFunds)
	add("wallet", newWallet)
	add("surcharge", newSurcharge)
	add("phase_out", newPhaseOut)
	add("cross_purchase", newCrossPurchase)
	add("regional_budget", newRegionalBudget)
	add("revolving_fund", newRevolvingFund)
	add("pooled_purchase", newPooledPurchase)
	return r
}

var factories = registry()

// New returns a fresh instrument of type typ with its defaults set.
func New(typ string) (Instrument, bool) {
	f, ok := factories[typ]
	if !ok {
		return nil, false
	}
	return f(), true
}

// Types lists the known instrument types, sorted.
func Types() []string {
	out := make([]string, 0, len(factories))
	for t := range factories {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// window checks optional from/until years and returns whether year y lies
// within them (0 means open).
func inWindow(y, from, until int) bool {
	return (from == 0 || y >= from) && (until == 0 || y <= until)
}

// checkWindow checks that until is not before from; both years are
// checked against the horizon by their ranges (Bounds).
func checkWindow(s Scope, from, until int) {
	if from != 0 && until != 0 && until < from {
		s.Errorf("until", "%d is before from = %d", until, from)
	}
}

// PerParty holds a number per party. In a scenario it is either a table,
// cap = { zv = 500_000 }, or one number for every party, cap = 500_000,
// which the loader keeps under the key Every; an entry of a party goes
// before the one for every party.
type PerParty map[string]float64

// Every is the key of PerParty's number for every party.
const Every = "*"

// For is the number for party id: its own entry, else the one for every
// party; false when there is neither.
func (m PerParty) For(id string) (float64, bool) {
	if v, ok := m[id]; ok {
		return v, true
	}
	v, ok := m[Every]
	return v, ok
}
