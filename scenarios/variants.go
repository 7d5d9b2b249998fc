package scenarios

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// VariantNames lists the names of the scenario's variants in file order.
func (s *Scenario) VariantNames() []string {
	out := make([]string, len(s.Variants))
	for i, v := range s.Variants {
		out[i] = v.Name
	}
	return out
}

// FindVariant returns the variant with the given name. The error lists the
// known names and suggests the nearest.
func (s *Scenario) FindVariant(name string) (*Variant, error) {
	for i := range s.Variants {
		if s.Variants[i].Name == name {
			return &s.Variants[i], nil
		}
	}
	known := "the scenario has no variants"
	if len(s.Variants) > 0 {
		known = "known: " + strings.Join(quoteAll(s.VariantNames()), ", ")
	}
	if hint := Suggest(name, s.VariantNames()); hint != "" {
		known = hint + " (" + known + ")"
	}
	return nil, &PathError{Path: "variant", Msg: fmt.Sprintf("no variant %q", name), Hint: known}
}

// WithVariant returns a copy of the base scenario with the variant applied:
// its instruments and initiatives switched off, its values set, checked
// anew. The base is not changed.
func (s *Scenario) WithVariant(v *Variant) (*Scenario, error) {
	c := s.Clone()
	c.Variants = nil
	c.Variant = v.Name
	if err := c.ApplyVariant(v); err != nil {
		return nil, err
	}
	return c, nil
}

// ApplyVariant applies a variant's changes (disable, enable, set) to s and
// checks it again.
func (s *Scenario) ApplyVariant(v *Variant) error {
	if probs, _ := s.apply(v.Disable, v.Enable, v.Set); len(probs) > 0 {
		return probs
	}
	if errs := s.Check().Errors(); len(errs) > 0 {
		return errs
	}
	return nil
}

// Apply switches off the named instruments or initiatives and sets values
// by path, then checks the scenario again. It changes s.
func (s *Scenario) Apply(disable []string, set map[string]any) error {
	if probs, _ := s.apply(disable, nil, set); len(probs) > 0 {
		return probs
	}
	if errs := s.Check().Errors(); len(errs) > 0 {
		return errs
	}
	return nil
}

// apply does the switching off and setting of Apply without checking. It
// returns the problems and, for each, where in a variant it lies
// (disable[j] or set.PATH).
func (s *Scenario) apply(disable, enable []string, set map[string]any) (Problems, []string) {
	var probs Problems
	var where []string
	for j, id := range enable {
		in, ok := s.Instrument(id)
		switch {
		case !ok:
			var off []string
			for _, in := range s.Instruments {
				if in != nil && in.Meta().Off {
					off = append(off, in.Meta().ID)
				}
			}
			probs = append(probs, Problem{Key: "enable", Msg: fmt.Sprintf("no instrument %q", id), Hint: Suggest(id, off)})
			where = append(where, fmt.Sprintf("enable[%d]", j))
		case !in.Meta().Off:
			probs = append(probs, Problem{Key: "enable", Msg: fmt.Sprintf("%q is on already: enable switches on an instrument with off = true", id)})
			where = append(where, fmt.Sprintf("enable[%d]", j))
		default:
			if s.enabled == nil {
				s.enabled = map[string]bool{}
			}
			s.enabled[id] = true
		}
	}
	for j, id := range disable {
		_, isInstr := s.Instrument(id)
		_, isInit := s.Initiative(id)
		if !isInstr && !isInit {
			probs = append(probs, Problem{Key: "disable", Msg: fmt.Sprintf("no instrument or initiative %q", id), Hint: Suggest(id, s.switchable())})
			where = append(where, fmt.Sprintf("disable[%d]", j))
			continue
		}
		if s.disabled == nil {
			s.disabled = map[string]bool{}
		}
		s.disabled[id] = true
	}
	for _, p := range slices.Sorted(maps.Keys(set)) {
		if err := s.Set(p, set[p]); err != nil {
			pr := Problem{Key: p, Msg: err.Error()}
			if pe, ok := err.(*PathError); ok {
				pr.Msg, pr.Hint = pe.Msg, pe.Hint
			}
			probs = append(probs, pr)
			where = append(where, "set."+p)
		}
	}
	return probs, where
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
