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
// assumptions: Item is "region", "party zv", "instrument portemonnee"
// (with its type), Key the TOML key, Value the value as written.
type Assumption struct {
	Item  string `json:"item"`
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Assumptions lists every value set in the scenario (and the defaults that
// apply), in file order: region, parties, flows, initiatives, instruments.
func (s *Scenario) Assumptions() []Assumption {
	var out []Assumption
	add := func(item string, rv reflect.Value) {
		fields := map[string]reflect.Value{}
		collectFields(rv, fields)
		for _, k := range slices.Sorted(maps.Keys(fields)) {
			if v, ok := format(fields[k]); ok && k != "id" {
				out = append(out, Assumption{Item: item, Key: k, Value: v})
			}
		}
	}
	add("region", reflect.ValueOf(&s.Region).Elem())
	for i := range s.Parties {
		add("party "+s.Parties[i].ID, reflect.ValueOf(&s.Parties[i]).Elem())
	}
	for i := range s.Flows {
		add("flow "+s.Flows[i].ID, reflect.ValueOf(&s.Flows[i]).Elem())
	}
	for i := range s.Initiatives {
		in := &s.Initiatives[i]
		item := "initiative " + in.ID
		if s.Disabled(in.ID) {
			item += " (off)"
		}
		add(item, reflect.ValueOf(in).Elem())
	}
	for _, in := range s.Instruments {
		if in == nil {
			continue
		}
		item := "instrument " + in.Meta().ID
		if s.Disabled(in.Meta().ID) {
			item += " (off)"
		}
		add(item, reflect.ValueOf(in).Elem())
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
