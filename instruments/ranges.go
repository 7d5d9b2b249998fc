package instruments

import (
	"fmt"
	"math"
	"strconv"
)

// Range is the set of values a number of a scenario may take. It is the
// one source of truth for what a value may be: checking a file (validate),
// setting a value by path and the parameter slots of a compiled model all
// ask it.
type Range struct {
	Min, Max float64
	// AboveMin excludes Min itself (a share must be above 0).
	AboveMin bool
	// Whole asks for whole numbers (years, counts).
	Whole bool
	// ZeroUnset lets 0 stand for "not set" (an optional year).
	ZeroUnset bool
	// Unit follows the number in messages ("0 years is outside 1..50").
	Unit string
	// Hint explains the unit of the value, in brackets after the message.
	Hint string
	// Early and Late let a year lie before or after the horizon (something
	// already running, an end past the horizon): valid from 1900 to 2200,
	// with a note from the checker that it is clipped to the horizon.
	Early, Late bool
	// kind picks the wording of the message.
	kind rangeKind
	// first and last are the horizon of a year range (see Within).
	first, last float64
}

type rangeKind uint8

const (
	plainRange rangeKind = iota
	amountRange
	yearRange
)

// MaxAmount is the largest amount a scenario may hold: ten thousand
// billion euros; larger is a typo.
const MaxAmount = 1e13

// The ranges of common kinds of values.
var (
	// RateRange is a fraction from 0 to 1.
	RateRange = Range{Min: 0, Max: 1, Hint: "rates are fractions: 3 % is 0.03"}
	// GrowthRange is a yearly growth rate.
	GrowthRange = Range{Min: -0.5, Max: 1, Hint: "a yearly growth of 2.5 % is 0.025"}
	// AmountRange is an amount of euros.
	AmountRange = Range{Min: 0, Max: MaxAmount, kind: amountRange}
	// YearRange is a calendar year within the horizon; Within fills in the
	// horizon's years.
	YearRange = Range{Whole: true, kind: yearRange}
	// OptionalYearRange is a year within the horizon, or 0 for not set.
	OptionalYearRange = Range{Whole: true, ZeroUnset: true, kind: yearRange}
	// StartYearRange is a first year that may lie before the horizon:
	// something already running (its progress counts from its real start).
	StartYearRange = Range{Whole: true, Early: true, kind: yearRange}
	// FromYearRange is an optional first year that may lie before the
	// horizon; UntilYearRange an optional last year that may lie after it.
	FromYearRange  = Range{Whole: true, ZeroUnset: true, Early: true, kind: yearRange}
	UntilYearRange = Range{Whole: true, ZeroUnset: true, Late: true, kind: yearRange}
)

// Years returns a range of whole numbers lo..hi with a unit.
func Years(lo, hi float64) Range { return Range{Min: lo, Max: hi, Whole: true, Unit: "years"} }

// IsYear reports whether the range is a calendar year of the horizon.
func (r Range) IsYear() bool { return r.kind == yearRange }

// Within returns a year range bound to the horizon first..last (to 1900
// before it when Early, to 2200 after it when Late); other ranges are
// returned as they are.
func (r Range) Within(first, last int) Range {
	if r.kind == yearRange {
		r.Min, r.Max = float64(first), float64(last)
		r.first, r.last = r.Min, r.Max
		if r.Early {
			r.Min = 1900
		}
		if r.Late {
			r.Max = 2200
		}
	}
	return r
}

// Contains reports whether v lies in the range. It does not allocate.
func (r Range) Contains(v float64) bool {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return false
	case r.ZeroUnset && v == 0:
		return true
	case r.Whole && v != math.Trunc(v):
		return false
	}
	return v >= r.Min && !(r.AboveMin && v == r.Min) && v <= r.Max
}

// String shows the range as a user reads it: "0..1", "above 0 up to 1".
func (r Range) String() string {
	lo, hi := strconv.FormatFloat(r.Min, 'g', -1, 64), strconv.FormatFloat(r.Max, 'g', -1, 64)
	switch {
	case r.kind == yearRange:
		s := lo + "–" + hi
		if r.ZeroUnset {
			s += " (or 0: not set)"
		}
		return s
	case r.AboveMin:
		return "above " + lo + " up to " + hi
	}
	return lo + ".." + hi
}

// Problem says what is wrong with v, or "" when it lies in the range.
func (r Range) Problem(v float64) string {
	if r.Contains(v) {
		return ""
	}
	num := strconv.FormatFloat(v, 'g', -1, 64)
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "not a number"
	case r.ZeroUnset && v == 0:
		return ""
	case r.Whole && v != math.Trunc(v):
		return num + " is not a whole number"
	}
	low := v < r.Min || (r.AboveMin && v == r.Min)
	if !low && v <= r.Max {
		return ""
	}
	switch r.kind {
	case amountRange:
		if low {
			return strconv.FormatFloat(v, 'f', -1, 64) + " is negative; amounts are euros, 0 or more"
		}
		return fmt.Sprintf("%g euros is implausibly large", v)
	case yearRange:
		if (r.Early || r.Late) && (v < 1900 || v > 2200) {
			return num + " is not a plausible year"
		}
		first, last := r.Min, r.Max
		if r.Early || r.Late {
			first, last = r.first, r.last
		}
		return fmt.Sprintf("%s is outside the horizon %g–%g", num, first, last)
	}
	if r.Unit != "" {
		num += " " + r.Unit
	}
	lo, hi := strconv.FormatFloat(r.Min, 'g', -1, 64), strconv.FormatFloat(r.Max, 'g', -1, 64)
	msg := num + " is outside " + lo + ".." + hi
	if r.AboveMin {
		// "0 is outside 0..100" reads as a contradiction: say the bound.
		msg = num + " is outside the range: above " + lo + ", at most " + hi
	}
	if r.Hint != "" {
		msg += " (" + r.Hint + ")"
	}
	return msg
}

// Bounded is the part of an instrument that says which values its numbers
// may take: keys are its TOML keys ("rate", "window"); the range of a
// table key ("rates") holds for each of its entries. Every number of an
// instrument has a range here; the scenario's checker checks them all.
type Bounded interface {
	Bounds() map[string]Range
}
