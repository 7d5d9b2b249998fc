package scenarios

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDutchCoversEveryFormat reads the checks' source (this package,
// instruments and sim/uncertain) and finds every message and hint they
// write as a literal: each must have its Dutch text. A message added in
// English only fails here.
func TestDutchCoversEveryFormat(t *testing.T) {
	// The argument positions that hold a message or hint, by function.
	positions := map[string][]int{
		"errorf": {1, 2}, // c.errorf(at, hint, format, …), b.errorf
		"report": {2, 3}, // c.report(at, warn, hint, format, …)
		"Errorf": {1},    // s.Errorf(key, format, …) in instruments
		"Warnf":  {1},
		"bad":    {1}, // bad(key, format, …) in sim/uncertain
	}
	fset := token.NewFileSet()
	var found []string
	add := func(e ast.Expr) {
		bl, ok := e.(*ast.BasicLit)
		if !ok || bl.Kind != token.STRING {
			return
		}
		s, err := strconv.Unquote(bl.Value)
		if err != nil || s == "" || s == "%s" {
			return
		}
		found = append(found, s)
	}
	for _, dir := range []string{".", "../instruments", "../sim/uncertain"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") || strings.HasSuffix(f, "dutch.go") {
				continue
			}
			af, err := parser.ParseFile(fset, f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(af, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.CallExpr:
					name := ""
					switch fn := x.Fun.(type) {
					case *ast.SelectorExpr:
						name = fn.Sel.Name
					case *ast.Ident:
						name = fn.Name
					}
					for _, i := range positions[name] {
						if i < len(x.Args) {
							add(x.Args[i])
						}
					}
				case *ast.KeyValueExpr:
					if k, ok := x.Key.(*ast.Ident); ok && (k.Name == "Msg" || k.Name == "Hint") {
						add(x.Value)
						if c, ok := x.Value.(*ast.CallExpr); ok && len(c.Args) > 0 {
							add(c.Args[0]) // fmt.Sprintf("…", …)
						}
					}
				}
				return true
			})
		}
	}
	if len(found) < 60 {
		t.Fatalf("found only %d messages: the scan misses the checks", len(found))
	}
	for _, s := range found {
		if _, ok := dutchText[s]; !ok {
			t.Errorf("no Dutch text for %q (add it to dutchText in dutch.go)", s)
		}
	}
}

// TestDutchMessages: the problems of broken files read in Dutch, every
// one of them; the exact sentences were written by hand.
func TestDutchMessages(t *testing.T) {
	const region = "[region]\nfirst_year = 2026\n"
	const party = "[[party]]\nid = \"zv\"\nkind = \"insurer\"\nturnover = 1_000_000\n"
	cases := []struct {
		name, toml, want string
	}{
		{"decimal comma", region + "discount_rate = 0,0225\n" + party, "een decimale komma: TOML schrijft decimalen met een punt; schrijf 0.0225"},
		{"[party] twice", region + "[party]\nid = \"a\"\n[party]\nid = \"b\"\n", "[party] staat er meer dan eens; schrijf [[party]] (dubbele haken) boven elke partij"},
		{"Dutch kind", region + "[[party]]\nid = \"g\"\nkind = \"gemeente\"\n", `onbekende soort partij "gemeente"; bedoelt u "municipality"? (soorten zijn Engelse woorden)`},
		{"unknown key", region + party + "turnvoer = 3\n", `onbekende sleutel; bedoelt u "turnover"?`},
		{"an unknown initiative", region + party + "[[instrument]]\ntype = \"wallet\"\nid = \"w\"\ncontributors = [\"zv\"]\nfunds = [\"y\"]\n", `onbekend initiatief "y"`},
		{"no first year", "[region]\nname = \"x\"\n" + party, "ontbreekt: het eerste kalenderjaar van de horizon, bijv. first_year = 2026"},
		{"wrong type", region + "[[party]]\nid = \"zv\"\nkind = \"insurer\"\nturnover = \"veel\"\n", `verwacht: een getal; gevonden: "veel"`},
		{"a flow to itself", region + party + "[[flow]]\nid = \"f\"\nfrom = \"zv\"\nto = \"zv\"\namount = 1\n", `een geldstroom heeft twee verschillende partijen nodig; betaler en ontvanger zijn allebei "zv"`},
		{"rate", "[region]\nfirst_year = 2026\ndiscount_rate = 3\n" + party, "3 ligt buiten 0..1 (percentages zijn fracties: 3 % is 0.03)"},
		{"wallet without contributors", region + party + "[[instrument]]\ntype = \"wallet\"\nid = \"w\"\n", `ontbreekt: een portemonnee heeft inleggers nodig, bijv. contributors = ["zv", "gemeente"]`},
		{"a party where an initiative belongs", region + party + "[[instrument]]\ntype = \"cross_purchase\"\nid = \"k\"\nbuyer = \"zv\"\ninitiative = \"zv\"\n", `"zv" is een partij, niet een initiatief`},
		{"normal without sd", region + party + "[uncertainty.params]\n\"party.zv.turnover\" = { dist = \"normal\", mean = 1 }\n", "ontbreekt: een normal-verdeling heeft sd nodig"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("m.toml", []byte(c.toml))
			probs, ok := err.(Problems)
			if !ok {
				t.Fatalf("got %v, want problems", err)
			}
			nl := probs.Dutch()
			var all []string
			for _, p := range nl {
				all = append(all, p.Msg+"; "+p.Hint)
			}
			if !strings.Contains(strings.Join(all, "\n"), c.want) {
				t.Errorf("got\n%s\nwant …%s…", nl.Error(), c.want)
			}
			assertDutch(t, probs)
		})
	}
}

// TestDutchBadFiles: every problem of the test corpus of broken files has
// its Dutch text, and a warning says so in Dutch.
func TestDutchBadFiles(t *testing.T) {
	files, _ := filepath.Glob("../testdata/bad/*.toml")
	if len(files) == 0 {
		t.Fatal("no files in testdata/bad")
	}
	for _, f := range files {
		_, err := Load(f)
		probs, ok := err.(Problems)
		if !ok {
			t.Fatalf("%s: got %v, want problems", f, err)
		}
		assertDutch(t, probs)
	}
	w := Problem{File: "a.toml", Line: 3, Key: "instrument.w.funds", Msg: "the wallet funds no initiative: its money only accumulates", Warning: true}
	if got, want := w.Dutch().String(), "a.toml:3: waarschuwing: instrument.w.funds: de portemonnee financiert geen initiatief: het geld stapelt zich alleen op"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func assertDutch(t *testing.T, probs Problems) {
	t.Helper()
	for _, p := range probs {
		for _, text := range []string{p.Msg, p.Hint} {
			if strings.HasPrefix(text, "not valid TOML: ") {
				text = "not valid TOML: x" // the parser's own words stay English
			}
			if _, ok := Dutch(text); !ok {
				t.Errorf("%s: no Dutch text for %q", p.File, text)
			}
		}
	}
}

// TestDutchKeepsIDs: what the user wrote (ids in quotes, numbers) is
// never translated, only the words around it.
func TestDutchKeepsIDs(t *testing.T) {
	got, ok := Dutch(`unknown party "insurer"`)
	if !ok {
		t.Fatal("no rule for an unknown id")
	}
	if want := `onbekende partij "insurer"`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, _ := Dutch("2031 is outside the horizon 2026–2030"); got != "2031 ligt buiten de horizon 2026–2030" {
		t.Errorf("got %q", got)
	}
	if got, ok := Dutch("some text no rule knows"); ok || got != "some text no rule knows" {
		t.Errorf("an unknown text: got %q, %v", got, ok)
	}
}
