package scenarios

import (
	"fmt"
	"github.com/regiosim/regiosim/instruments"
	"maps"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// PathError is a path that does not address a value of the scenario, or a
// value that does not fit it.
type PathError struct {
	Path string
	Msg  string
	Hint string
}

func (e *PathError) Error() string {
	s := e.Path + ": " + e.Msg
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

// target is what a path resolves to: a struct field, or an entry of a map
// field (savings.zv, funds.x, rates.y).
type target struct {
	v      reflect.Value // the field
	mapKey string        // set when the path ends in a map entry
}

// resolve finds the value a path addresses.
func (s *Scenario) resolve(path string) (target, error) {
	parts := strings.Split(path, ".")
	perr := func(msg, hint string) (target, error) {
		return target{}, &PathError{Path: path, Msg: msg, Hint: hint}
	}
	kinds := []string{"region", "party", "flow", "initiative", "instrument"}
	var rv reflect.Value
	rest := parts[1:]
	switch parts[0] {
	case "region":
		rv = reflect.ValueOf(&s.Region).Elem()
	case "party", "flow", "initiative", "instrument":
		if len(parts) < 3 {
			return perr("a path is kind.id.key, e.g. "+parts[0]+".ID.KEY", "")
		}
		var ids []string
		rv, ids = s.element(parts[0], parts[1])
		if !rv.IsValid() {
			return perr(fmt.Sprintf("no %s with id %q", parts[0], parts[1]), Suggest(parts[1], ids))
		}
		rest = parts[2:]
	default:
		return perr("unknown kind "+quote(parts[0])+" (paths start with "+strings.Join(kinds, ", ")+")", Suggest(parts[0], kinds))
	}
	if len(rest) == 0 {
		return perr("the path names no key", "")
	}
	fields := map[string]reflect.Value{}
	collectFields(rv, fields)
	f, ok := fields[rest[0]]
	if !ok {
		return perr("unknown key "+quote(rest[0]), Suggest(rest[0], slices.Sorted(maps.Keys(fields))))
	}
	switch {
	case f.Kind() == reflect.Map && len(rest) == 2:
		return target{v: f, mapKey: rest[1]}, nil
	case f.Kind() == reflect.Map:
		return perr("a table key needs one more part, e.g. "+rest[0]+".ID", "")
	case len(rest) > 1:
		return perr(quote(rest[0])+" has no parts", "")
	case f.Kind() == reflect.Slice:
		return perr("lists cannot be set by path", "")
	}
	return target{v: f}, nil
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// element returns the struct of the party, flow, initiative or instrument
// with the given id, and all ids of that kind for suggestions.
func (s *Scenario) element(kind, id string) (reflect.Value, []string) {
	var ids []string
	var found reflect.Value
	add := func(eid string, v reflect.Value) {
		ids = append(ids, eid)
		if eid == id {
			found = v
		}
	}
	switch kind {
	case "party":
		for i := range s.Parties {
			add(s.Parties[i].ID, reflect.ValueOf(&s.Parties[i]).Elem())
		}
	case "flow":
		for i := range s.Flows {
			add(s.Flows[i].ID, reflect.ValueOf(&s.Flows[i]).Elem())
		}
	case "initiative":
		for i := range s.Initiatives {
			add(s.Initiatives[i].ID, reflect.ValueOf(&s.Initiatives[i]).Elem())
		}
	case "instrument":
		for _, in := range s.Instruments {
			if in != nil {
				add(in.Meta().ID, reflect.ValueOf(in).Elem())
			}
		}
	}
	return found, ids
}

// Get returns the number or text a path addresses.
func (s *Scenario) Get(path string) (any, error) {
	t, err := s.resolve(path)
	if err != nil {
		return nil, err
	}
	v := t.v
	if t.mapKey != "" {
		v = v.MapIndex(reflect.ValueOf(t.mapKey))
		if !v.IsValid() {
			return nil, &PathError{Path: path, Msg: "no entry " + quote(t.mapKey), Hint: Suggest(t.mapKey, mapKeys(t.v))}
		}
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return s.defaultOf(path), nil
		}
		v = v.Elem()
	}
	return v.Interface(), nil
}

// GetFloat returns the number a path addresses.
func (s *Scenario) GetFloat(path string) (float64, error) {
	v, err := s.Get(path)
	if err != nil {
		return 0, err
	}
	switch x := v.(type) {
	case float64:
		return x, nil
	case int:
		return float64(x), nil
	case int64:
		return float64(x), nil
	}
	return 0, &PathError{Path: path, Msg: "is not a number"}
}

// defaultOf is the value an unset optional number stands for: an unset
// growth is the region's indexation; an instrument's own defaults (a
// discount rate that is the region's, say) come from the instrument.
func (s *Scenario) defaultOf(path string) any {
	parts := strings.Split(path, ".")
	if parts[0] == "instrument" && len(parts) == 3 {
		if in, ok := s.Instrument(parts[1]); ok {
			if d, ok := in.(instruments.Defaulted); ok {
				if v, ok := d.DefaultOf(parts[2], s.defaults()); ok {
					return v
				}
			}
		}
	}
	if strings.HasSuffix(path, ".growth") {
		return s.Region.Indexation
	}
	return 0.0
}

// defaults is what instruments need to know of the scenario to say what
// an unset number of theirs stands for.
func (s *Scenario) defaults() instruments.Defaults {
	return instruments.Defaults{DiscountRate: s.Region.DiscountRate, Indexation: s.Region.Indexation,
		FirstYear: s.Region.FirstYear, Horizon: s.Region.Horizon,
		InitiativeStart: func(id string) int {
			if in, ok := s.Initiative(id); ok {
				return in.Start
			}
			return s.Region.FirstYear
		}}
}

// IsUnset reports whether a path addresses an optional number the file
// leaves unset (it then stands for a default that may follow other
// numbers, as a growth follows the indexation).
func (s *Scenario) IsUnset(path string) bool {
	t, err := s.resolve(path)
	return err == nil && t.mapKey == "" && t.v.Kind() == reflect.Pointer && t.v.IsNil()
}

// Set writes a number or text to the value a path addresses. Numbers may be
// given as float64, int or int64; a whole-number field accepts only whole
// numbers. The scenario is not checked again: call Check afterwards.
func (s *Scenario) Set(path string, value any) error {
	t, err := s.resolve(path)
	if err != nil {
		return err
	}
	ft := t.v.Type()
	if t.mapKey != "" {
		ft = ft.Elem()
	}
	nv := reflect.New(ft).Elem()
	if err := assign(nv, value); err != nil {
		return &PathError{Path: path, Msg: err.Error()}
	}
	if t.mapKey != "" {
		if t.v.IsNil() {
			t.v.Set(reflect.MakeMap(t.v.Type()))
		}
		t.v.SetMapIndex(reflect.ValueOf(t.mapKey), nv)
		return nil
	}
	t.v.Set(nv)
	return nil
}

func assign(dst reflect.Value, value any) error {
	if dst.Kind() == reflect.Pointer {
		p := reflect.New(dst.Type().Elem())
		if err := assign(p.Elem(), value); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	}
	var f float64
	isNum := true
	switch x := value.(type) {
	case float64:
		f = x
	case int:
		f = float64(x)
	case int64:
		f = float64(x)
	default:
		isNum = false
	}
	switch dst.Kind() {
	case reflect.Float64:
		if !isNum || math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("expected a number, found %s", describe(value))
		}
		dst.SetFloat(f)
	case reflect.Int, reflect.Int64:
		if !isNum || f != math.Trunc(f) {
			return fmt.Errorf("expected a whole number, found %s", describe(value))
		}
		dst.SetInt(int64(f))
	case reflect.String:
		str, ok := value.(string)
		if !ok {
			return fmt.Errorf("expected text, found %s", describe(value))
		}
		dst.SetString(str)
	case reflect.Bool:
		b, ok := value.(bool)
		if !ok {
			return fmt.Errorf("expected true or false, found %s", describe(value))
		}
		dst.SetBool(b)
	default:
		return fmt.Errorf("cannot be set by path")
	}
	return nil
}

func mapKeys(m reflect.Value) []string {
	var out []string
	for _, k := range m.MapKeys() {
		out = append(out, k.String())
	}
	sort.Strings(out)
	return out
}

// NumberRef is a number of a scenario addressed once by its path, to be
// set many times without looking the path up again (a compiled model's
// parameter slots). Set does not allocate and does not check the value.
type NumberRef struct {
	f   *float64
	i   *int
	m   map[string]float64
	key string
	// an optional number: the field (pf, pi) points at f or i when set
	pf **float64
	pi **int
}

// Set writes v to the number (a whole-number field takes int(v)).
func (r NumberRef) Set(v float64) {
	switch {
	case r.pf != nil:
		*r.f = v
		*r.pf = r.f
	case r.pi != nil:
		*r.i = int(v)
		*r.pi = r.i
	case r.f != nil:
		*r.f = v
	case r.i != nil:
		*r.i = int(v)
	case r.m != nil:
		r.m[r.key] = v
	}
}

// Unset leaves an optional number unset again, so that it stands for its
// default (an unset growth follows the indexation); other numbers keep
// their value.
func (r NumberRef) Unset() {
	switch {
	case r.pf != nil:
		*r.pf = nil
	case r.pi != nil:
		*r.pi = nil
	}
}

// Ref returns a reference to the number a path addresses. An optional
// number keeps its state: set in the file, it is set; unset, it stays
// unset until Set (and Unset makes it so again).
func (s *Scenario) Ref(path string) (NumberRef, error) {
	if _, err := s.GetFloat(path); err != nil {
		return NumberRef{}, err
	}
	t, _ := s.resolve(path)
	v := t.v
	if t.mapKey != "" {
		m, ok := v.Interface().(map[string]float64)
		if !ok {
			return NumberRef{}, &PathError{Path: path, Msg: "is not a number"}
		}
		return NumberRef{m: m, key: t.mapKey}, nil
	}
	if v.Kind() == reflect.Pointer {
		switch p := v.Addr().Interface().(type) {
		case **float64:
			r := NumberRef{pf: p, f: new(float64)}
			if *p != nil {
				*r.f = **p
				*p = r.f
			}
			return r, nil
		case **int:
			r := NumberRef{pi: p, i: new(int)}
			if *p != nil {
				*r.i = **p
				*p = r.i
			}
			return r, nil
		}
		return NumberRef{}, &PathError{Path: path, Msg: "is not a number"}
	}
	switch v.Kind() {
	case reflect.Float64:
		return NumberRef{f: v.Addr().Interface().(*float64)}, nil
	case reflect.Int:
		return NumberRef{i: v.Addr().Interface().(*int)}, nil
	}
	return NumberRef{}, &PathError{Path: path, Msg: "is not a number"}
}

// Paths lists every number-valued path of the scenario, sorted; useful for
// suggestions and for sensitivity analyses.
func (s *Scenario) Paths() []string {
	var out []string
	walk := func(prefix string, rv reflect.Value) {
		fields := map[string]reflect.Value{}
		collectFields(rv, fields)
		for k, f := range fields {
			switch f.Kind() {
			case reflect.Float64, reflect.Int:
				out = append(out, prefix+"."+k)
			case reflect.Pointer:
				if f.Type().Elem().Kind() == reflect.Float64 {
					out = append(out, prefix+"."+k)
				}
			case reflect.Map:
				if f.Type().Elem().Kind() == reflect.Float64 {
					for _, mk := range mapKeys(f) {
						out = append(out, prefix+"."+k+"."+mk)
					}
				}
			}
		}
	}
	walk("region", reflect.ValueOf(&s.Region).Elem())
	for i := range s.Parties {
		walk("party."+s.Parties[i].ID, reflect.ValueOf(&s.Parties[i]).Elem())
	}
	for i := range s.Flows {
		walk("flow."+s.Flows[i].ID, reflect.ValueOf(&s.Flows[i]).Elem())
	}
	for i := range s.Initiatives {
		walk("initiative."+s.Initiatives[i].ID, reflect.ValueOf(&s.Initiatives[i]).Elem())
	}
	for _, in := range s.Instruments {
		if in != nil {
			walk("instrument."+in.Meta().ID, reflect.ValueOf(in).Elem())
		}
	}
	sort.Strings(out)
	return out
}
