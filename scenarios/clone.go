package scenarios

import "reflect"

// copyExported returns a deep copy of the scenario's decoded values (the
// exported fields: region, parties, flows, initiatives, instruments,
// variants, uncertainty); the bookkeeping of where the file came from
// (raw, lines, badKeys) is shared, since it is never changed after
// loading.
func (s *Scenario) copyExported() *Scenario {
	c := &Scenario{File: s.File, raw: s.raw, bound: s.bound, badKeys: s.badKeys, lines: s.lines}
	src, dst := reflect.ValueOf(s).Elem(), reflect.ValueOf(c).Elem()
	for i := 0; i < src.NumField(); i++ {
		if f := src.Type().Field(i); f.IsExported() && f.Tag.Get("toml") != "-" {
			dst.Field(i).Set(deepCopy(src.Field(i)))
		}
	}
	return c
}

// deepCopy copies a value with everything it points to: pointers, maps,
// slices, interfaces holding pointers (instruments), structs.
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(deepCopy(v.Elem()))
		return p
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(deepCopy(v.Elem()))
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			m.SetMapIndex(it.Key(), deepCopy(it.Value()))
		}
		return m
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		sl := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			sl.Index(i).Set(deepCopy(v.Index(i)))
		}
		return sl
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return out
	}
	return v
}
