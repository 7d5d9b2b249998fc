package sim

import (
	"encoding/json"

	"github.com/regiosim/regiosim/instruments"
	"github.com/regiosim/regiosim/sim/ledger"
)

// Series is one value per year of the horizon.
type Series []float64

// Sum is the total over the horizon.
func (s Series) Sum() float64 {
	t := 0.0
	for _, v := range s {
		t += v
	}
	return t
}

// Result is the outcome of one run.
type Result struct {
	Scenario     string  `json:"scenario"`
	Variant      string  `json:"variant,omitempty"` // the variant run instead of the base, if any
	File         string  `json:"file"`
	FirstYear    int     `json:"first_year"`
	Years        []int   `json:"years"`
	DiscountRate float64 `json:"discount_rate"`

	Parties     []PartyResult          `json:"parties"`
	Initiatives []InitiativeResult     `json:"initiatives"`
	Instruments []InstrumentResult     `json:"instruments"`
	Flows       []FlowResult           `json:"flows"`
	PhaseOuts   []PhaseOutResult       `json:"phase_outs"`
	Purchases   []instruments.Decision `json:"purchases"`
	// Cases are the business cases behind the purchases, one each.
	Cases       []*BusinessCase `json:"cases"`
	WrongPocket WrongPocket     `json:"wrong_pocket"`
	// Totals are the region's figures: all initiatives together.
	Totals RegionTotals `json:"totals"`
	// Contributions are what each party paid through each instrument and
	// got back from it, per year (pairs with money only).
	Contributions []Contribution `json:"contributions"`

	// Ledger holds every entry of the run (nil when the run was made
	// without one).
	Ledger []ledger.Entry `json:"-"`
}

// Summary is a party's totals over the horizon, or their present values.
type Summary struct {
	Paid     float64 `json:"paid"`
	Received float64 `json:"received"`
	Saved    float64 `json:"saved"`
	// Legacy is the change of its baseline income (a phase-out's cut for
	// the flow's receiver, negative; what the payer keeps, positive).
	Legacy float64 `json:"legacy"`
	Net    float64 `json:"net"`
}

// PartyResult is one party's money over the horizon.
type PartyResult struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Kind     string  `json:"kind"`
	Domain   string  `json:"domain"`
	Paid     Series  `json:"paid"`
	Received Series  `json:"received"`
	Saved    Series  `json:"saved"`
	Legacy   Series  `json:"legacy"`
	Net      Series  `json:"net"`
	Total    Summary `json:"total"`
	PV       Summary `json:"present_value"`
}

// SourceSeries is the money one instrument paid to an initiative per year.
type SourceSeries struct {
	Instrument string  `json:"instrument"`
	Type       string  `json:"type"`
	Amount     Series  `json:"amount"`
	Total      float64 `json:"total"`
	PV         float64 `json:"present_value"`
	// Share is Total as a share of the need over the horizon (of the
	// initiative, or of all initiatives in RegionTotals).
	Share float64 `json:"share_of_need"`
}

// Contribution is one party's money through one instrument: what it paid
// (a wallet contribution, a surcharge, a purchase) and what it got back
// (funding of its initiatives, returned money), per year and in total.
// Changes of baseline income (a phase-out's legacy, converted or kept)
// are not contributions: they are the parties' legacy column.
type Contribution struct {
	Party       string  `json:"party"`
	Instrument  string  `json:"instrument"`
	Type        string  `json:"type"`
	Paid        Series  `json:"paid"`
	Received    Series  `json:"received"`
	PaidTotal   float64 `json:"paid_total"`
	ReceivedTot float64 `json:"received_total"`
	PaidPV      float64 `json:"paid_pv"`
	ReceivedPV  float64 `json:"received_pv"`
}

// RegionTotals are all initiatives of a run together.
type RegionTotals struct {
	Total InitiativeTotals `json:"total"`
	PV    InitiativeTotals `json:"present_value"`
	// PVGapAfterFundsEnd is the gap after the transformation funds end, at
	// present value; Unfunded counts initiatives with a gap of a euro or
	// more over the horizon.
	PVGapAfterFundsEnd float64 `json:"gap_after_funds_end_pv"`
	Unfunded           int     `json:"unfunded"`
	GapByYear          Series  `json:"gap_by_year"`
	FundingByYear      Series  `json:"funding_by_year"`
	// FundingBySource is what each instrument paid to all initiatives per
	// year, in the order of the instruments.
	FundingBySource []SourceSeries `json:"funding_by_source"`
}

// PartySeries is an initiative's savings landing with one party per year,
// with their total and present value.
type PartySeries struct {
	Party  string  `json:"party"`
	Amount Series  `json:"amount"`
	Total  float64 `json:"total"`
	PV     float64 `json:"present_value"`

	account int // the party's index
}

// InitiativeTotals are an initiative's totals over the horizon, or their
// present values.
type InitiativeTotals struct {
	Need    float64 `json:"need"`
	Funded  float64 `json:"funded"`
	Gap     float64 `json:"gap"`
	Cost    float64 `json:"cost"`
	Savings float64 `json:"savings"`
}

// InitiativeResult is one initiative's funding over the horizon.
type InitiativeResult struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Provider string `json:"provider"`
	GapRule  string `json:"gap_rule"`

	Need     Series `json:"need"`     // planned cost: full scale × ramp-up
	Funded   Series `json:"funded"`   // paid by the instruments
	Gap      Series `json:"gap"`      // need − funded
	Coverage Series `json:"coverage"` // funded / need (1 when nothing is needed; null in JSON)
	Cost     Series `json:"cost"`     // actual cost: funded, or need when the provider carries the gap
	Savings  Series `json:"savings"`  // realised savings, all parties

	FundingBy []SourceSeries `json:"funding_by"`
	SavingsBy []PartySeries  `json:"savings_by"`

	Total InitiativeTotals `json:"total"`
	PV    InitiativeTotals `json:"present_value"`

	// FundsEnd is the last year of the transformation funds that pay for
	// it, or would have where an option switches them off (0 when none
	// do); GapAfterFundsEnd the gap in the years after.
	FundsEnd           int     `json:"funds_end,omitempty"`
	GapAfterFundsEnd   float64 `json:"gap_after_funds_end"`
	PVGapAfterFundsEnd float64 `json:"gap_after_funds_end_pv"`
	// FirstGapYear is the first year with a gap of a euro or more (0: none);
	// GapYears counts such years.
	FirstGapYear int `json:"first_gap_year,omitempty"`
	GapYears     int `json:"gap_years"`
	// HorizonCoverage is funded / need over the horizon (1 when nothing
	// is needed); GapShare the gap's share of the need.
	HorizonCoverage float64 `json:"coverage_horizon"`
	GapShare        float64 `json:"gap_share"`
	// RemainingGap and RemainingNeed add up the gap and the need from the
	// first gap year to the end of the horizon.
	RemainingGap  float64 `json:"remaining_gap"`
	RemainingNeed float64 `json:"remaining_need"`
	// WrongPocketShare is the share of its realised savings (present
	// value) that lands with parties bearing none of its cost.
	WrongPocketShare float64 `json:"wrong_pocket_share"`
}

// InstrumentResult is an instrument's money per year: what came in, what
// went out and, for instruments with a pot, the closing balance.
type InstrumentResult struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Name    string `json:"name"`
	In      Series `json:"in"`
	Out     Series `json:"out"`
	Balance Series `json:"balance"`
	// ClosingBySource is who put in what the pot holds at the end (money
	// traced through the pots pro rata), largest first; empty when the
	// pot ends empty.
	ClosingBySource []SourceAmount `json:"closing_by_source"`
	// Series are an instrument's own per-year figures (instruments.Reporter),
	// in its order, and Figures its own totals.
	Series  []NamedSeries `json:"series,omitempty"`
	Figures []NamedValue  `json:"figures,omitempty"`
}

// NamedSeries is a per-year series with its name.
type NamedSeries struct {
	Name   string `json:"name"`
	Values Series `json:"values"`
}

// NamedValue is a figure with its name.
type NamedValue struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// SourceAmount is an amount put in by a party ("outside" for the world
// beyond the region).
type SourceAmount struct {
	Source string  `json:"source"`
	Amount float64 `json:"amount"`
}

// FlowResult is a regular flow: its baseline and its level after any
// phase-out.
type FlowResult struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	From     string `json:"from"`
	To       string `json:"to"`
	Stream   string `json:"stream"`
	Baseline Series `json:"baseline"`
	Level    Series `json:"level"`
}

// PhaseOutResult is a phase-out's path: the flow's baseline, its legacy
// level, the money freed, converted into new-style funding and kept by the
// payer (freed = baseline − level = converted + kept).
type PhaseOutResult struct {
	ID        string `json:"id"`
	Flow      string `json:"flow"`
	Profile   string `json:"profile"`
	First     int    `json:"first_year"`
	Last      int    `json:"last_year"`
	Baseline  Series `json:"baseline"`
	Level     Series `json:"level"`
	Freed     Series `json:"freed"`
	Converted Series `json:"converted"`
	Kept      Series `json:"kept"`
	// Paths are the legacy levels under each profile (annuity, linear,
	// cliff) with the same start, years and rate, to show side by side.
	Paths map[string]Series `json:"paths"`
}

// WrongPocket is the wrong-pocket matrix of a run, at present value: who
// bears the initiatives' cost after all instruments (rows) against who
// saves (columns). Per initiative, its cost and savings are matched pro
// rata; cost not matched by savings goes to the column "none", savings
// beyond the cost to the row "none". So row sums are the cost each party
// bears and column sums the savings each party receives.
type WrongPocket struct {
	Bearers []string    `json:"bearers"` // party ids, then "outside", then "none"
	Savers  []string    `json:"savers"`  // party ids, then "none"
	Values  [][]float64 `json:"values"`  // [bearer][saver]
	// BearerTotals are the row sums (the cost each bears), SaverTotals
	// the column sums (the savings each receives).
	BearerTotals []float64 `json:"bearer_totals"`
	SaverTotals  []float64 `json:"saver_totals"`
}

// AccountName names a ledger account: a party id, an instrument id with
// " (pot)", or "outside".
func (r *Result) AccountName(a ledger.Account) string {
	switch {
	case a == ledger.Outside:
		return "outside"
	case int(a) < len(r.Parties):
		return r.Parties[a].ID
	case int(a)-len(r.Parties) < len(r.Instruments):
		return r.Instruments[int(a)-len(r.Parties)].ID + " (pot)"
	}
	return "?"
}

// PartyIndex returns the account of a party id, or −1.
func (r *Result) PartyIndex(id string) int {
	for i := range r.Parties {
		if r.Parties[i].ID == id {
			return i
		}
	}
	return -1
}

// KindTotal is the present value of the parties of one kind together.
type KindTotal struct {
	Kind    string  `json:"kind"`
	Parties int     `json:"parties"`
	PV      Summary `json:"present_value"`
}

// ByKind adds up the parties' present values per kind of party, in the
// order the kinds first appear.
func (r *Result) ByKind() []KindTotal {
	var out []KindTotal
	at := map[string]int{}
	for _, p := range r.Parties {
		i, ok := at[p.Kind]
		if !ok {
			i = len(out)
			at[p.Kind] = i
			out = append(out, KindTotal{Kind: p.Kind})
		}
		t := &out[i]
		t.Parties++
		t.PV.Paid += p.PV.Paid
		t.PV.Received += p.PV.Received
		t.PV.Saved += p.PV.Saved
		t.PV.Legacy += p.PV.Legacy
		t.PV.Net += p.PV.Net
	}
	return out
}

// MarshalJSON writes the initiative with its coverage null in the years
// it needs nothing, as the tables leave them blank: coverage of no need
// is not a share to speak of (the engine keeps 1 there, so that sums and
// minima over years stay simple).
func (r InitiativeResult) MarshalJSON() ([]byte, error) {
	type plain InitiativeResult // without this method
	cov := make([]*float64, len(r.Coverage))
	for k := range r.Coverage {
		if k < len(r.Need) && r.Need[k] > 0 {
			cov[k] = &r.Coverage[k]
		}
	}
	return json.Marshal(struct {
		plain
		Coverage []*float64 `json:"coverage"`
	}{plain(r), cov})
}
