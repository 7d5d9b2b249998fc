package instruments

// Optional abilities of instruments and their runners. The engine finds
// them by type assertion; each implementation has a compile-time check
// next to it, so that a renamed method fails to build instead of silently
// dropping the ability.

// FlowClaimer is an instrument that changes a regular flow over some
// years (a phase-out); two of them may not change one flow in the same
// years.
type FlowClaimer interface {
	ClaimsFlow() (flow string, first, last int)
}

// Profiled is a flow claimer whose legacy level follows a profile: the
// results show the level under every profile side by side.
type Profiled interface {
	FlowClaimer
	// ProfileName is the profile chosen.
	ProfileName() string
	// LevelShare is the legacy level, as a share of the flow's baseline,
	// in a calendar year under a profile; defaultRate is the region's
	// discount rate, for a profile without a rate of its own.
	LevelShare(profile string, year int, defaultRate float64) float64
}

// FundsEnder is an instrument that pays named initiatives until an end
// year, such as transformation funds: the gap after that year is the
// cliff of "permanente tijdelijkheid".
type FundsEnder interface {
	EndYear() int
	Initiatives() []string
}

// PotHolder is an instrument whose pot keeps a balance from year to year.
type PotHolder interface {
	HasPot() bool
}

// Purchaser is an instrument that buys an initiative on a business case
// (kruis-inkoop); Terms gives the case's terms with the defaults filled
// in for an initiative starting in start.
type Purchaser interface {
	Terms(start, first, horizon int, regionRate float64) PurchaseTerms
}

// PurchaseTerms are the terms of a business case: who buys what, decided
// in which year over which window, at which rate, share and threshold.
type PurchaseTerms struct {
	Instrument, Buyer, Initiative string
	Year, Window                  int
	Rate, Share, Threshold        float64
}

// Decider is a runner that makes an ex-ante decision in Prepare.
type Decider interface {
	Decision() Decision
}

// OutcomeNamer is an instrument whose outcomes are named under another
// word than its type ("purchase.ID.ratio" for a cross_purchase).
type OutcomeNamer interface {
	OutcomePrefix() string
}

// Funder is an instrument that funds named initiatives (a wallet, a
// surcharge, transformation funds), in its order of priority.
type Funder interface {
	FundsInitiatives() []string
}

// Defaulted is an instrument whose unset optional numbers stand for a
// default taken from the scenario (a cross-purchase's discount rate is the
// region's): DefaultOf gives it for a key, false when it has none.
type Defaulted interface {
	DefaultOf(key string, d Defaults) (float64, bool)
}

// Defaults is what an instrument may know of the scenario to give a
// default.
type Defaults struct {
	DiscountRate, Indexation float64
	FirstYear, Horizon       int
	InitiativeStart          func(id string) int
}

// Reporter is a runner with figures of its own (a fund's written-off
// loans, a pool's settlement per payer): outcomes named GROUP.ID.FIGURE
// for stress tests, tornado and batches, and per-year series for its
// table and chart. The names depend on the scenario only (its ids), not on
// the values of a run.
type Reporter interface {
	// Figures are its outcome figures' names, in order ("written_off",
	// "settlement.zv").
	Figures() []string
	// FigureValues writes them, in that order, after a run; it must not
	// allocate.
	FigureValues(dst []float64)
	// SeriesNames are its per-year series' names, in order ("lent",
	// "repaid"), and YearSeries writes series n of the last run into dst
	// (a value per year).
	SeriesNames() []string
	YearSeries(n int, dst []float64)
}
