package scenarios

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/regiosim/regiosim/instruments"
)

// binder maps the decoded TOML (maps, lists and scalars) onto the scenario's
// typed structs by their toml tags. BurntSushi/toml parses the file; this
// second step checks each element of each array of tables on its own, so
// that every unknown key and every wrong type in a file is reported at once,
// with its element's own line.
type binder struct {
	file  string
	lines lineIndex
	probs Problems
	bad   map[string]bool // line paths of values that did not decode
}

// at is where a value sits: its key path for people (party.zv.turnover)
// and for the line index (party[3].turnover).
type at struct{ disp, line string }

func (a at) key(k string) at { return at{join(a.disp, k), join(a.line, k)} }

// elem is element i of the array of tables a (party, flow, …): shown by
// its id when it has a usable one (party.zv), else by index (party[3]).
func (a at) elem(i int, id string) at {
	line := a.line + "[" + strconv.Itoa(i) + "]"
	if id != "" && !strings.ContainsAny(id, ". ") {
		return at{a.disp + "." + id, line}
	}
	return at{a.disp + "[" + strconv.Itoa(i) + "]", line}
}

// element is element i of the array of tables kind.
func element(kind string, i int, id string) at { return at{kind, kind}.elem(i, id) }

func (b *binder) errorf(a at, hint, format string, args ...any) {
	if b.bad == nil {
		b.bad = map[string]bool{}
	}
	b.bad[a.line] = true
	b.probs = append(b.probs, Problem{
		File: b.file, Line: b.lines.lookup(a.line), Key: a.disp,
		Msg: fmt.Sprintf(format, args...), Hint: hint,
	})
}

// defaulter is implemented by elements whose keys have defaults other than
// the zero value; the binder calls it before binding the element's table.
type defaulter interface{ setDefaults() }

var (
	instrumentType = reflect.TypeFor[instruments.Instrument]()
	perPartyType   = reflect.TypeFor[instruments.PerParty]()
)

// value binds the decoded TOML value v into rv.
func (b *binder) value(v any, rv reflect.Value, a at) {
	switch rv.Kind() {
	case reflect.String:
		if s, ok := v.(string); ok {
			rv.SetString(s)
			return
		}
		b.typeErr(a, "text in quotes", v)
	case reflect.Float64:
		switch x := v.(type) {
		case int64:
			rv.SetFloat(float64(x))
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				b.errorf(a, "", "%v is not a number that can be used", x)
				return
			}
			rv.SetFloat(x)
		default:
			b.typeErr(a, "a number", v)
		}
	case reflect.Int, reflect.Int64:
		switch x := v.(type) {
		case int64:
			rv.SetInt(x)
		case float64:
			if x != math.Trunc(x) || math.Abs(x) > 1e15 {
				b.typeErr(a, "a whole number", v)
				return
			}
			rv.SetInt(int64(x))
		default:
			b.typeErr(a, "a whole number", v)
		}
	case reflect.Bool:
		if x, ok := v.(bool); ok {
			rv.SetBool(x)
			return
		}
		b.typeErr(a, "true or false", v)
	case reflect.Pointer:
		p := reflect.New(rv.Type().Elem())
		b.value(v, p.Elem(), a)
		rv.Set(p)
	case reflect.Interface:
		if rv.Type() == instrumentType {
			b.instrument(v, rv, a)
			return
		}
		rv.Set(reflect.ValueOf(v))
	case reflect.Slice:
		b.slice(v, rv, a)
	case reflect.Map:
		m, ok := v.(map[string]any)
		if _, number := v.(int64); rv.Type() == perPartyType && !ok {
			if _, f := v.(float64); number || f {
				m, ok = map[string]any{instruments.Every: v}, true // one number for every party
			}
		}
		if !ok && rv.Type() == perPartyType {
			b.typeErr(a, "a number for every party, or a table such as { party = number }", v)
			return
		}
		if !ok {
			b.typeErr(a, "a table such as { key = value }", v)
			return
		}
		if rv.IsNil() {
			rv.Set(reflect.MakeMap(rv.Type()))
		}
		for _, k := range slices.Sorted(maps.Keys(m)) {
			ev := reflect.New(rv.Type().Elem()).Elem()
			b.value(m[k], ev, a.key(k))
			rv.SetMapIndex(reflect.ValueOf(k), ev)
		}
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			if _, isList := v.([]map[string]any); isList && a.disp == "region" {
				b.errorf(a, "write [region] (single brackets): a scenario has one region", "[[region]] is a list of regions")
				return
			}
			b.typeErr(a, "a table", v)
			return
		}
		b.fields(m, rv, a)
	default:
		panic("scenarios: cannot bind into " + rv.Type().String())
	}
}

func (b *binder) slice(v any, rv reflect.Value, a at) {
	var items []any
	switch x := v.(type) {
	case []any:
		items = x
	case []map[string]any:
		for _, m := range x {
			items = append(items, m)
		}
	default:
		if _, isTable := v.(map[string]any); isTable && slices.Contains(elementKinds, a.disp) {
			b.errorf(a, "write [["+a.disp+"]] (double brackets) before each "+a.disp, "[%s] is a single table; every %s is its own [[%s]]", a.disp, a.disp, a.disp)
			return
		}
		b.typeErr(a, "a list such as [ … ]", v)
		return
	}
	out := reflect.MakeSlice(rv.Type(), len(items), len(items))
	for i, item := range items {
		id := ""
		if m, ok := item.(map[string]any); ok {
			id, _ = m["id"].(string)
		}
		ea := at{a.disp + "[" + strconv.Itoa(i) + "]", a.line + "[" + strconv.Itoa(i) + "]"}
		if _, isTable := item.(map[string]any); isTable {
			ea = a.elem(i, id)
		}
		if d, ok := out.Index(i).Addr().Interface().(defaulter); ok {
			d.setDefaults()
		}
		b.value(item, out.Index(i), ea)
	}
	rv.Set(out)
}

// fields binds a table into a struct, reporting unknown keys with the
// nearest known one.
func (b *binder) fields(m map[string]any, rv reflect.Value, a at) {
	known := map[string]reflect.Value{}
	collectFields(rv, known)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		f, ok := known[k]
		if !ok {
			b.errorf(a.key(k), Suggest(k, slices.Sorted(maps.Keys(known))), "unknown key")
			continue
		}
		b.value(m[k], f, a.key(k))
	}
}

// collectFields gathers the settable fields of a struct by toml tag,
// flattening embedded structs.
func collectFields(rv reflect.Value, into map[string]reflect.Value) {
	t := rv.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			collectFields(rv.Field(i), into)
			continue
		}
		tag := strings.Split(sf.Tag.Get("toml"), ",")[0]
		if tag == "" || tag == "-" || !sf.IsExported() {
			continue
		}
		into[tag] = rv.Field(i)
	}
}

// instrument binds one [[instrument]] table: its type picks the struct.
func (b *binder) instrument(v any, rv reflect.Value, a at) {
	m, ok := v.(map[string]any)
	if !ok {
		b.typeErr(a, "a table", v)
		return
	}
	typ, _ := m["type"].(string)
	if typ == "" {
		b.errorf(a.key("type"), "one of "+strings.Join(instruments.Types(), ", "), "missing: which kind of instrument this is")
		return
	}
	in, ok := instruments.New(typ)
	if !ok {
		hint := Suggest(typ, instruments.Types())
		if hint == "" {
			hint = "known types: " + strings.Join(instruments.Types(), ", ")
		}
		b.errorf(a.key("type"), hint, "unknown instrument type %q", typ)
		return
	}
	b.fields(m, reflect.ValueOf(in).Elem(), a)
	rv.Set(reflect.ValueOf(in))
}

func (b *binder) typeErr(a at, want string, got any) {
	b.errorf(a, "", "expected %s, found %s", want, describe(got))
}

func describe(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case int64, float64:
		return fmt.Sprintf("the number %v", x)
	case bool:
		return fmt.Sprintf("%v", x)
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date or time"
	default:
		return fmt.Sprintf("%v", x)
	}
}
