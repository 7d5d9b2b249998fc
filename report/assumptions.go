package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/regiosim/regiosim/scenarios"
)

// AssumptionGroup is one part of the assumptions appendix: the region, the
// parties, the flows, the initiatives or the instruments.
type AssumptionGroup struct {
	Title    string
	Elements []AssumptionElement
}

// AssumptionElement is one party, flow, initiative or instrument with its
// values, formatted for a reader, and the source the scenario gives.
type AssumptionElement struct {
	Label, Source string
	Off           bool
	Rows          []AssumptionRow
}

// AssumptionRow is one key with its value for a reader (euros,
// percentages, names) and as written in the file.
type AssumptionRow struct {
	Key, Value, Written string
}

// AssumptionGroups groups a scenario's assumptions by section and element,
// in the scenario's order, each value formatted.
func (l Lang) AssumptionGroups(as []scenarios.Assumption) []AssumptionGroup {
	var groups []AssumptionGroup
	for _, a := range as {
		if len(groups) == 0 || groups[len(groups)-1].Title != l.T("assumptions."+a.Section) {
			groups = append(groups, AssumptionGroup{Title: l.T("assumptions." + a.Section)})
		}
		g := &groups[len(groups)-1]
		label := l.elementLabel(a)
		if len(g.Elements) == 0 || g.Elements[len(g.Elements)-1].Label != label {
			g.Elements = append(g.Elements, AssumptionElement{Label: label, Source: a.Source, Off: a.Off})
		}
		e := &g.Elements[len(g.Elements)-1]
		e.Rows = append(e.Rows, AssumptionRow{Key: a.Key, Value: l.AssumptionValue(a), Written: a.Value})
	}
	return groups
}

// elementLabel names the element an assumption belongs to: "Zorgverzekeraar
// A (zv-a)", the region by its name.
func (l Lang) elementLabel(a scenarios.Assumption) string {
	switch {
	case a.ID == "" && a.Name != "":
		return a.Name
	case a.ID == "":
		return l.T("section." + a.Section)
	case a.Name != "" && a.Name != a.ID:
		return a.Name + " (" + a.ID + ")"
	}
	return a.ID
}

// AssumptionValue formats an assumption's value for a reader: euros as
// euros, shares as percentages, ids as names, words in the language.
func (l Lang) AssumptionValue(a scenarios.Assumption) string {
	parts := make([]string, len(a.Items))
	for i, it := range a.Items {
		v := l.itemValue(a.Kind, it)
		// An entry of a table (savings = { zv = … }) is named by its key.
		if it.Ref != "" && (it.IsNum || it.Text != "") {
			v = l.refName(it) + ": " + v
		}
		parts[i] = v
	}
	sep := ", "
	if a.Kind != scenarios.KindRef {
		sep = "; "
	}
	return strings.Join(parts, sep)
}

func (l Lang) refName(it scenarios.Item) string {
	switch {
	case it.Ref == "*":
		return l.T("assumptions.every")
	case it.RefName != "":
		return it.RefName
	}
	return it.Ref
}

func (l Lang) itemValue(kind scenarios.ValueKind, it scenarios.Item) string {
	n := it.Number
	switch kind {
	case scenarios.KindRef:
		return l.refName(it)
	case scenarios.KindMoney:
		if n == float64(int64(n)) {
			return l.Money(n)
		}
		return l.exactMoney(n)
	case scenarios.KindShare:
		return l.exact(n*100, 4) + "%"
	case scenarios.KindYear:
		return strconv.FormatFloat(n, 'f', -1, 64)
	case scenarios.KindYears:
		if n == 1 {
			return l.T("assumptions.one_year")
		}
		return l.Tf("assumptions.years", l.exact(n, 2))
	case scenarios.KindCount:
		return l.Decimal(n, 0)
	case scenarios.KindNumber:
		return l.exact(n, 6)
	case scenarios.KindFlag:
		return l.T("assumptions." + it.Text)
	case scenarios.KindPartyOf:
		return l.known("partykind."+it.Text, it.Text)
	case scenarios.KindType:
		return l.known("type."+it.Text, it.Text)
	case scenarios.KindChoice:
		for _, prefix := range []string{"profile.", "choice."} {
			if _, ok := labels[prefix+it.Text]; ok {
				return l.T(prefix + it.Text)
			}
		}
	}
	if it.IsNum {
		return l.exact(n, 6)
	}
	return it.Text
}

// known is the label for key, or fallback when there is none.
func (l Lang) known(key, fallback string) string {
	if _, ok := labels[key]; ok {
		return l.T(key)
	}
	return fallback
}

// exact formats a number with up to max decimals, dropping trailing zeros:
// 2.25, 0.1, 12 (en); 2,25 (nl).
func (l Lang) exact(v float64, max int) string {
	s := l.Decimal(v, max)
	sep := "."
	if l.Code == "nl" {
		sep = ","
	}
	if strings.Contains(s, sep) {
		s = strings.TrimRight(strings.TrimRight(s, "0"), sep)
	}
	return s
}

// exactMoney formats euros with cents: € 1.234,50 (nl), €1,234.50 (en).
func (l Lang) exactMoney(v float64) string {
	sign := ""
	if v < 0 {
		sign = "-"
	}
	digits := l.Decimal(math.Abs(v), 2)
	if l.Code == "nl" {
		return "€ " + sign + digits
	}
	return sign + "€" + digits
}
