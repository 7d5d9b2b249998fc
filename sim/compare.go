package sim

// Option is one financing option to compare: a name and the result of its
// run. The first option of a comparison is the base.
type Option struct {
	Name        string  `json:"name"`
	Description string  `json:"description,omitempty"`
	Result      *Result `json:"-"`
}

// Comparison sets options side by side against the first (the base).
type Comparison struct {
	Years   []int           `json:"years"`
	Options []OptionSummary `json:"options"`
}

// OptionSummary is one option's figures and their differences with the
// base (Delta fields; zero for the base itself).
type OptionSummary struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Base        bool   `json:"base"`

	// Funding is the present value of all money paid to the initiatives
	// (cross-domain funding); Gap the present value of all gaps;
	// GapAfterFundsEnd that of the gaps after the transformation funds end.
	Funding               float64 `json:"funding_pv"`
	FundingDelta          float64 `json:"funding_pv_delta"`
	Gap                   float64 `json:"gap_pv"`
	GapDelta              float64 `json:"gap_pv_delta"`
	GapAfterFundsEnd      float64 `json:"gap_after_funds_end"`
	GapAfterFundsEndDelta float64 `json:"gap_after_funds_end_delta"`
	// WorseOff counts the parties whose net present value is lower than in
	// the base (by more than a euro).
	WorseOff int `json:"worse_off"`
	// Unfunded counts the initiatives with a gap of a euro or more.
	Unfunded int `json:"unfunded"`

	Parties     []PartyComparison      `json:"parties"`
	Initiatives []InitiativeComparison `json:"initiatives"`
	// GapByYear is the gap of all initiatives together per year.
	GapByYear Series `json:"gap_by_year"`
}

// PartyComparison is a party's present values in one option and their
// differences with the base.
type PartyComparison struct {
	ID     string  `json:"id"`
	Absent bool    `json:"absent,omitempty"` // not a party in this option
	PV     Summary `json:"present_value"`
	Delta  Summary `json:"delta"`
}

// InitiativeComparison is an initiative's coverage (funded / needed over
// the horizon) and gap after its transformation funds end (present value)
// in one option,
// and their differences with the base. An initiative switched off in an
// option is listed with Off set.
type InitiativeComparison struct {
	ID                    string  `json:"id"`
	Off                   bool    `json:"off,omitempty"`
	Coverage              float64 `json:"coverage"`
	CoverageDelta         float64 `json:"coverage_delta"`
	GapAfterFundsEnd      float64 `json:"gap_after_funds_end"`
	GapAfterFundsEndDelta float64 `json:"gap_after_funds_end_delta"`
}

// Compare sets the options side by side; the first is the base. Parties
// and initiatives are matched by id over all options: one missing from an
// option counts as zero there (Absent or Off is set), so its difference
// with the base is the whole base figure.
func Compare(options []Option) *Comparison {
	c := &Comparison{}
	if len(options) == 0 {
		return c
	}
	c.Years = options[0].Result.Years
	var parties, inits []string
	seenP, seenI := map[string]bool{}, map[string]bool{}
	for _, o := range options {
		for _, p := range o.Result.Parties {
			if !seenP[p.ID] {
				seenP[p.ID] = true
				parties = append(parties, p.ID)
			}
		}
		for _, in := range o.Result.Initiatives {
			if !seenI[in.ID] {
				seenI[in.ID] = true
				inits = append(inits, in.ID)
			}
		}
	}
	base := summarize(options[0], parties, inits)
	base.Base = true
	c.Options = append(c.Options, base)
	for _, o := range options[1:] {
		s := summarize(o, parties, inits)
		s.FundingDelta = s.Funding - base.Funding
		s.GapDelta = s.Gap - base.Gap
		s.GapAfterFundsEndDelta = s.GapAfterFundsEnd - base.GapAfterFundsEnd
		for i := range s.Parties {
			p, b := &s.Parties[i], base.Parties[i].PV
			p.Delta = Summary{Paid: p.PV.Paid - b.Paid, Received: p.PV.Received - b.Received, Saved: p.PV.Saved - b.Saved, Legacy: p.PV.Legacy - b.Legacy, Net: p.PV.Net - b.Net}
			if p.Delta.Net < -1 {
				s.WorseOff++
			}
		}
		for i := range s.Initiatives {
			in, b := &s.Initiatives[i], base.Initiatives[i]
			in.CoverageDelta = in.Coverage - b.Coverage
			in.GapAfterFundsEndDelta = in.GapAfterFundsEnd - b.GapAfterFundsEnd
		}
		c.Options = append(c.Options, s)
	}
	return c
}

// summarize lists an option's figures for the given parties and
// initiatives, in that order.
func summarize(o Option, parties, inits []string) OptionSummary {
	r := o.Result
	s := OptionSummary{Name: o.Name, Description: o.Description, GapByYear: make(Series, len(r.Years))}
	for _, id := range parties {
		pc := PartyComparison{ID: id, Absent: true}
		if i := r.PartyIndex(id); i >= 0 {
			pc.PV, pc.Absent = r.Parties[i].PV, false
		}
		s.Parties = append(s.Parties, pc)
	}
	byID := map[string]*InitiativeResult{}
	for i := range r.Initiatives {
		byID[r.Initiatives[i].ID] = &r.Initiatives[i]
	}
	s.Funding, s.Gap, s.GapAfterFundsEnd = r.Totals.PV.Funded, r.Totals.PV.Gap, r.Totals.PVGapAfterFundsEnd
	s.Unfunded = r.Totals.Unfunded
	copy(s.GapByYear, r.Totals.GapByYear)
	for _, id := range inits {
		in, ok := byID[id]
		if !ok {
			s.Initiatives = append(s.Initiatives, InitiativeComparison{ID: id, Off: true})
			continue
		}
		s.Initiatives = append(s.Initiatives, InitiativeComparison{ID: id, Coverage: in.HorizonCoverage, GapAfterFundsEnd: in.PVGapAfterFundsEnd})
	}
	return s
}
