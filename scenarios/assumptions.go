package scenarios

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Assumption is one value of a scenario, for a report's list of
// assumptions: Section is region, party, flow, initiative or instrument,
// ID the element's id ("" for the region), Name its name, Source the
// `source = "…"` the scenario gives for the element, Off whether a variant
// switched it off, Key the TOML key and Value the value as written.
//
// Kind and Items let a report format the value for a reader: euros,
// percentages and names instead of ids. A scalar has one item; a list or
// a table has one per entry, in order.
type Assumption struct {
	Section string    `json:"section"`
	ID      string    `json:"id,omitempty"`
	Name    string    `json:"name,omitempty"`
	Source  string    `json:"source,omitempty"`
	Off     bool      `json:"off,omitempty"`
	Key     string    `json:"key"`
	Value   string    `json:"value"`
	Kind    ValueKind `json:"kind"`
	Items   []Item    `json:"items,omitempty"`
}

// Item is one entry of an assumption's value. Ref is the id of a party,
// flow, initiative or instrument the entry names (a list of ids, or the
// key of a table such as savings = { zv = … }), with RefName its name;
// Number is the entry's number and Text its text when it has no number.
type Item struct {
	Ref     string  `json:"ref,omitempty"`
	RefName string  `json:"ref_name,omitempty"`
	Number  float64 `json:"number,omitempty"`
	Text    string  `json:"text,omitempty"`
	IsNum   bool    `json:"-"`
}

// ValueKind says what a value means, for formatting.
type ValueKind string

// The kinds of values.
const (
	KindText    ValueKind = "text"    // as written
	KindRef     ValueKind = "ref"     // ids of the scenario's elements
	KindMoney   ValueKind = "money"   // euros (a year)
	KindShare   ValueKind = "share"   // a fraction: 0.0225 is 2.25 %
	KindYear    ValueKind = "year"    // a calendar year
	KindYears   ValueKind = "years"   // a number of years
	KindCount   ValueKind = "count"   // a number of people
	KindNumber  ValueKind = "number"  // a plain number, such as a ratio
	KindFlag    ValueKind = "flag"    // true or false
	KindPartyOf ValueKind = "kind"    // a kind of party (insurer, …)
	KindType    ValueKind = "type"    // a type of instrument (wallet, …)
	KindChoice  ValueKind = "choice"  // one of a few words (annuity, carry, …)
	kindSkipped ValueKind = "skipped" // id, name, source: shown with the element
)

// keyKinds is the meaning of each key's numbers or words; a key not listed
// is text (or a number, for numbers).
var keyKinds = map[string]ValueKind{
	"turnover": KindMoney, "turnover_series": KindMoney, "amount": KindMoney,
	"cost": KindMoney, "savings": KindMoney, "cap": KindMoney,
	"growth": KindShare, "discount_rate": KindShare, "indexation": KindShare,
	"rate": KindShare, "rates": KindShare, "interest": KindShare,
	"share": KindShare, "convert_share": KindShare, "savings_scale": KindShare,
	"first_year": KindYear, "start": KindYear, "end": KindYear,
	"from": KindYear, "until": KindYear, "decision_year": KindYear,
	"horizon": KindYears, "years": KindYears, "ramp_years": KindYears,
	"savings_lag": KindYears, "window": KindYears,
	"zvw": KindShare, "wlz": KindShare, "wmo": KindShare,
	"population": KindCount,
	"threshold":  KindNumber,
	"kind":       KindPartyOf,
	"type":       KindType,
	"profile":    KindChoice, "unspent": KindChoice, "gap": KindChoice, "stream": KindChoice, "domain": KindChoice,
	"scale": KindChoice,
	"id":    kindSkipped, "name": kindSkipped, "source": kindSkipped,
}

// Assumptions lists every value set in the scenario (and the defaults that
// apply), grouped by element in file order: region, parties, flows,
// initiatives, instruments; within an element by key.
func (s *Scenario) Assumptions() []Assumption {
	names := s.names()
	var out []Assumption
	add := func(section, id, name string, rv reflect.Value) {
		fields := orderedFields(rv, nil)
		source := ""
		for _, f := range fields {
			if f.key == "source" {
				source = f.v.String()
			}
		}
		for _, f := range fields {
			kind := keyKinds[f.key]
			if kind == kindSkipped {
				continue
			}
			v, ok := format(f.v)
			if !ok {
				continue
			}
			a := Assumption{Section: section, ID: id, Name: name, Source: source, Off: id != "" && s.Disabled(id), Key: f.key, Value: v}
			a.Kind, a.Items = items(f.v, kind, names)
			out = append(out, a)
		}
	}
	add("region", "", s.Region.Name, reflect.ValueOf(&s.Region).Elem())
	for i := range s.Parties {
		add("party", s.Parties[i].ID, s.Parties[i].Name, reflect.ValueOf(&s.Parties[i]).Elem())
	}
	for i := range s.Flows {
		add("flow", s.Flows[i].ID, s.Flows[i].Name, reflect.ValueOf(&s.Flows[i]).Elem())
	}
	for i := range s.Initiatives {
		add("initiative", s.Initiatives[i].ID, s.Initiatives[i].Name, reflect.ValueOf(&s.Initiatives[i]).Elem())
	}
	for _, in := range s.Instruments {
		if in != nil {
			add("instrument", in.Meta().ID, in.Meta().Name, reflect.ValueOf(in).Elem())
		}
	}
	return out
}

type field struct {
	key string
	v   reflect.Value
}

// orderedFields lists a struct's TOML keys with their values in the order
// of the struct (as a scenario file is usually written: kind before
// turnover), embedded structs first where they stand.
func orderedFields(rv reflect.Value, into []field) []field {
	t := rv.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			into = orderedFields(rv.Field(i), into)
			continue
		}
		tag := strings.Split(sf.Tag.Get("toml"), ",")[0]
		if tag == "" || tag == "-" || !sf.IsExported() {
			continue
		}
		into = append(into, field{tag, rv.Field(i)})
	}
	return into
}

// Names maps the id of every party, flow, initiative and instrument that
// has a name to that name, for sentences.
func (s *Scenario) Names() map[string]string {
	m := map[string]string{}
	for id, name := range s.names().name {
		if name != "" {
			m[id] = name
		}
	}
	return m
}

// idNames maps every id of the scenario to its name ("" when it has none)
// and its place in the file.
type idNames struct {
	name  map[string]string
	order map[string]int
}

func (s *Scenario) names() idNames {
	n := idNames{name: map[string]string{}, order: map[string]int{}}
	add := func(id, name string) {
		n.order[id] = len(n.name)
		n.name[id] = name
	}
	for _, p := range s.Parties {
		add(p.ID, p.Name)
	}
	for _, f := range s.Flows {
		add(f.ID, f.Name)
	}
	for _, in := range s.Initiatives {
		add(in.ID, in.Name)
	}
	for _, in := range s.Instruments {
		if in != nil {
			add(in.Meta().ID, in.Meta().Name)
		}
	}
	return n
}

// items splits a value into its entries and says what they mean. A word
// that is an id of the scenario is a reference, whatever its key (from and
// to of a flow, the buyer of a purchase, the contributors of a wallet).
func items(v reflect.Value, kind ValueKind, names idNames) (ValueKind, []Item) {
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	ref := func(id string) Item {
		return Item{Ref: id, RefName: names.name[id]}
	}
	isRef := func(id string) bool {
		_, ok := names.name[id]
		return ok
	}
	switch v.Kind() {
	case reflect.String:
		words := kind == KindPartyOf || kind == KindType || kind == KindChoice
		if !words && isRef(v.String()) {
			return KindRef, []Item{ref(v.String())}
		}
		if kind == "" {
			kind = KindText
		}
		return kind, []Item{{Text: v.String()}}
	case reflect.Float64, reflect.Int, reflect.Int64:
		n := v.Convert(reflect.TypeFor[float64]()).Float()
		if kind == "" {
			kind = KindNumber
		}
		return kind, []Item{{Number: n, IsNum: true}}
	case reflect.Bool:
		return KindFlag, []Item{{Text: strconv.FormatBool(v.Bool())}}
	case reflect.Slice:
		var out []Item
		allRefs := true
		for i := range v.Len() {
			k, it := items(v.Index(i), kind, names)
			if k != KindRef {
				allRefs = false
			}
			out = append(out, it...)
		}
		if allRefs && len(out) > 0 {
			return KindRef, out
		}
		if kind == "" {
			kind = KindText
		}
		return kind, out
	case reflect.Map:
		keys := make([]string, 0, v.Len())
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		// In the scenario's order of its elements, then by key.
		sort.Slice(keys, func(i, j int) bool {
			oi, iok := names.order[keys[i]]
			oj, jok := names.order[keys[j]]
			if iok != jok {
				return iok
			}
			if oi != oj {
				return oi < oj
			}
			return keys[i] < keys[j]
		})
		// A table of ids to amounts: the funds of transformation funds are
		// euros; of the others, the key says.
		if kind == "" || kind == KindRef {
			kind = KindMoney
		}
		var out []Item
		for _, k := range keys {
			_, it := items(v.MapIndex(reflect.ValueOf(k)), kind, names)
			for j := range it {
				it[j].Ref, it[j].RefName = k, names.name[k]
			}
			out = append(out, it...)
		}
		return kind, out
	}
	return KindText, []Item{{Text: fmt.Sprint(v.Interface())}}
}

// format writes a value as it would stand in the file; false for values
// that are unset or empty.
func format(v reflect.Value) (string, bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return "", false
		}
		return format(v.Elem())
	case reflect.String:
		return v.String(), v.String() != ""
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64), true
	case reflect.Int, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), v.Int() != 0
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), true
	case reflect.Slice:
		if v.Len() == 0 {
			return "", false
		}
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i], _ = format(v.Index(i))
		}
		return strings.Join(parts, ", "), true
	case reflect.Map:
		if v.Len() == 0 {
			return "", false
		}
		keys := make([]string, 0, v.Len())
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			val, _ := format(v.MapIndex(reflect.ValueOf(k)))
			parts[i] = k + " = " + val
		}
		return strings.Join(parts, ", "), true
	}
	return fmt.Sprint(v.Interface()), true
}
