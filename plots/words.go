package plots

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// words are the texts of the charts that report/labels.go does not (yet)
// have, in English and Dutch. A key that Labels.T knows wins, so that
// moving a text into the report's labels needs no change here.
var words = map[string][2]string{
	"chart.compare_net_diff": {"Difference from base: net position per party (present value)", "Verschil met basis: netto positie per partij (contante waarde)"},
	"chart.compare_gap_diff": {"Difference from base: funding gap per year", "Verschil met basis: financieringstekort per jaar"},
	"axis.diff_euros_pv":     {"difference from base, euros, present value", "verschil met basis, euro's, contante waarde"},
	"axis.diff_euros":        {"difference from base, euros of their own year", "verschil met basis, euro's van het eigen jaar"},
	"legend.zero_is_base":    {"0 = base: %s", "0 = basis: %s"},
	"legend.no_diff":         {"(no difference)", "(geen verschil)"},
	"legend.full":            {"fully funded", "volledig gefinancierd"},
	"legend.not_running":     {"empty: not running that year", "leeg: loopt dat jaar niet"},
	"panel.largest":          {"%s: the largest", "%s: de grootste"},
	"panel.smaller":          {"%s: the smaller ones", "%s: de kleinere"},
}

// langOf is the language code of l: the Code field of report.Lang ("en"
// or "nl"), or "en" for a Labels without one.
func langOf(l Labels) string {
	v := reflect.ValueOf(l)
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		if f := v.FieldByName("Code"); f.IsValid() && f.Kind() == reflect.String {
			return f.String()
		}
	}
	return "en"
}

// say is the text for key: Labels.T's when it knows the key, else the
// one of words in l's language, else the key.
func say(l Labels, key string) string {
	if s := l.T(key); s != key {
		return s
	}
	w, ok := words[key]
	if !ok {
		return key
	}
	if langOf(l) == "nl" {
		return w[1]
	}
	return w[0]
}

// sayf formats the text for key with args.
func sayf(l Labels, key string, args ...any) string {
	if s := l.T(key); s != key {
		return l.Tf(key, args...)
	}
	return fmt.Sprintf(say(l, key), args...)
}

// capitalize puts the first letter of s in upper case.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// kindLabel names a kind of party for the heading of its panel: "Gemeenten"
// for several municipalities, "Zorgkantoor" for one care office (the
// report's group labels without their article), else the kind's label or
// the kind itself.
func kindLabel(l Labels, kind string, n int) string {
	if kind == "" {
		kind = "other"
	}
	form := "one"
	if n > 1 {
		form = "many"
	}
	key := "group." + form + "." + kind
	if s := l.T(key); s != key {
		if _, rest, ok := strings.Cut(s, " "); ok { // "de gemeenten", "the insurers"
			s = rest
		}
		return capitalize(s)
	}
	key = "partykind." + kind
	if s := l.T(key); s != key {
		return capitalize(s)
	}
	return kind
}

// names are the names of parties (initiatives, instruments) by id; one
// without a name is named by its id.
type names map[string]string

// partyNames are the names of the parties of results (the first with a
// name wins).
func partyNames(rs ...*sim.Result) names {
	n := names{}
	for _, r := range rs {
		if r == nil {
			continue
		}
		for _, p := range r.Parties {
			if _, ok := n[p.ID]; !ok && p.Name != "" {
				n[p.ID] = p.Name
			}
		}
	}
	return n
}

// scenarioNames are the names of s's parties, initiatives and
// instruments by id (a party's first, should ids repeat); nil for a nil
// scenario.
func scenarioNames(s *scenarios.Scenario) names {
	if s == nil {
		return nil
	}
	n := names{}
	put := func(id, name string) {
		if _, ok := n[id]; !ok && name != "" {
			n[id] = name
		}
	}
	for _, p := range s.Parties {
		put(p.ID, p.Name)
	}
	for _, in := range s.Initiatives {
		put(in.ID, in.Name)
	}
	for _, in := range s.Instruments {
		if h := in.Meta(); h != nil {
			put(h.ID, h.Name)
		}
	}
	return n
}

func (n names) of(id string) string {
	if s, ok := n[id]; ok {
		return s
	}
	return id
}

// instrumentName is the name of instrument id in r, or id.
func instrumentName(r *sim.Result, id string) string {
	for _, in := range r.Instruments {
		if in.ID == id && in.Name != "" {
			return in.Name
		}
	}
	return id
}
