package scenarios

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Assumption is one value of a scenario, for a report's list of
// assumptions: Section is region, party, flow, initiative or instrument,
// ID the element's id ("" for the region), Off whether a variant switched
// it off, Key the TOML key and Value the value as written.
type Assumption struct {
	Section string `json:"section"`
	ID      string `json:"id,omitempty"`
	Off     bool   `json:"off,omitempty"`
	Key     string `json:"key"`
	Value   string `json:"value"`
}

// Assumptions lists every value set in the scenario (and the defaults that
// apply), in file order: region, parties, flows, initiatives, instruments.
func (s *Scenario) Assumptions() []Assumption {
	var out []Assumption
	add := func(section, id string, rv reflect.Value) {
		fields := map[string]reflect.Value{}
		collectFields(rv, fields)
		for _, k := range slices.Sorted(maps.Keys(fields)) {
			if v, ok := format(fields[k]); ok && k != "id" {
				out = append(out, Assumption{Section: section, ID: id, Off: id != "" && s.Disabled(id), Key: k, Value: v})
			}
		}
	}
	add("region", "", reflect.ValueOf(&s.Region).Elem())
	for i := range s.Parties {
		add("party", s.Parties[i].ID, reflect.ValueOf(&s.Parties[i]).Elem())
	}
	for i := range s.Flows {
		add("flow", s.Flows[i].ID, reflect.ValueOf(&s.Flows[i]).Elem())
	}
	for i := range s.Initiatives {
		add("initiative", s.Initiatives[i].ID, reflect.ValueOf(&s.Initiatives[i]).Elem())
	}
	for _, in := range s.Instruments {
		if in != nil {
			add("instrument", in.Meta().ID, reflect.ValueOf(in).Elem())
		}
	}
	return out
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
