package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
)

// usageFormats are the format strings of the package's usage errors: the
// first argument of every usagef call and the message of every
// usageError literal (a string, or the format of a fmt.Sprintf), by where
// they are written. A message built at run time (err.Error()) has no
// literal and is not listed.
func usageFormats(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	found := map[string]string{}
	add := func(e ast.Expr) {
		if c, ok := e.(*ast.CallExpr); ok && len(c.Args) > 0 {
			if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" {
				e = c.Args[0]
			}
		}
		bl, ok := e.(*ast.BasicLit)
		if !ok || bl.Kind != token.STRING {
			return
		}
		s, err := strconv.Unquote(bl.Value)
		if err != nil {
			t.Fatal(err)
		}
		if _, dup := found[s]; !dup {
			found[s] = fset.Position(bl.Pos()).String()
		}
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CallExpr:
				if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "usagef" && len(x.Args) > 0 {
					add(x.Args[0])
				}
			case *ast.CompositeLit:
				if id, ok := x.Type.(*ast.Ident); !ok || id.Name != "usageError" || len(x.Elts) == 0 {
					return true
				}
				for i, e := range x.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "msg" {
							add(kv.Value)
						}
					} else if i == 0 {
						add(e) // usageError{msg, help}
					}
				}
			}
			return true
		})
	}
	return found
}

// formatVerb is a verb as scenarios.Dutch matches them (compileRule).
var formatVerb = regexp.MustCompile(`%(%|\.?[0-9]*[dqsvgf])`)

// sampleArgs are arguments for a format, one per verb, each distinct:
// "q1" for a %q, s2 for a %s or %v, 703 for a %d, 4.5 for a %g; marks are
// the text each verb writes of them.
func sampleArgs(format string) (args []any, marks []string) {
	for i, m := range formatVerb.FindAllString(format, -1) {
		if m == "%%" {
			continue
		}
		var a any
		switch m[len(m)-1] {
		case 'q':
			a = fmt.Sprintf("q%d", i+1)
		case 's', 'v':
			a = fmt.Sprintf("s%d", i+1)
		case 'd':
			a = 700 + i + 1
		default: // g, f
			a = float64(i+1) + 0.5
		}
		args = append(args, a)
		marks = append(marks, fmt.Sprintf(m, a))
	}
	return args, marks
}

// TestDutchUsageErrors reads the package's source and finds every usage
// error it writes as a literal: each, with sample arguments, must have
// its Dutch text in scenarios.Dutch, with what the arguments stood for
// in it. A usage error added in English only fails here.
func TestDutchUsageErrors(t *testing.T) {
	formats := usageFormats(t)
	if len(formats) < 100 {
		t.Fatalf("found only %d usage errors: the scan misses them", len(formats))
	}
	for format, at := range formats {
		if strings.TrimSpace(formatVerb.ReplaceAllString(format, "")) == "" {
			continue // "%s": a message written elsewhere, in the language already
		}
		args, marks := sampleArgs(format)
		en := fmt.Sprintf(format, args...)
		nl, ok := scenarios.Dutch(en)
		if !ok {
			t.Errorf("%s: no Dutch text for %q (add it to dutchText in scenarios/dutch.go)", at, format)
			continue
		}
		for _, m := range marks {
			if !strings.Contains(nl, m) {
				t.Errorf("%s: %q: the Dutch %q leaves out %s", at, format, nl, m)
			}
		}
	}
}

// TestDutchUsageErrorsRun: under --lang nl (or REGIOSIM_LANG=nl) a usage
// error, regiosim's own or cobra's about a flag, and the pointer to
// --help read in Dutch, with the flags and values as they were given;
// in English they are as before.
func TestDutchUsageErrorsRun(t *testing.T) {
	const help = "Typ 'regiosim --help' voor uitleg over het gebruik.\n"
	out := t.TempDir()
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"--lang", "nl", "run", "--frobnicate"}, "regiosim: onbekende optie: --frobnicate\n" + help},
		{"unknown flag before --lang", []string{"run", "--frobnicate", "--lang", "nl"}, "regiosim: onbekende optie: --frobnicate\n" + help},
		{"unknown shorthand", []string{"--lang=nl", "run", "-x"}, "regiosim: onbekende korte optie: 'x' in -x\n" + help},
		{"a flag without its value", []string{"--lang", "nl", "run", "--format"}, "regiosim: --format heeft een waarde nodig\n" + help},
		{"bad --draws", []string{"--lang", "nl", "batch", "--draws", "veel"}, "regiosim: ongeldige waarde \"veel\" voor \"--draws\": geen geheel getal\n" + help},
		{"--draws too large", []string{"--lang", "nl", "stress", "--draws", "99999999999999999999"}, "regiosim: ongeldige waarde \"99999999999999999999\" voor \"--draws\": buiten het bereik van een geheel getal\n" + help},
		{"bad --max-gap", []string{"--lang", "nl", "fair-deal", "--max-gap", "1,5"}, "regiosim: ongeldige waarde \"1,5\" voor \"--max-gap\": geen getal\n" + help},
		{"--variant twice", []string{"--lang", "nl", "run", "--variant", "a", "--variant", "b"}, "regiosim: ongeldige waarde \"b\" voor \"--variant\": geef er één (gebruik 'regiosim compare' voor meerdere)\n" + help},
		{"unknown command", []string{"--lang", "nl", "rnu"}, "regiosim: onbekende opdracht \"rnu\"\n" + help},
		{"too many files", []string{"--lang", "nl", "run", "a.toml", "b.toml"}, "regiosim: hoogstens 1 bestand verwacht, 2 gegeven: a.toml b.toml\n" + help},
		{"--shard 3/2", []string{"--lang", "nl", "stress", "--shard", "3/2"}, "regiosim: --shard \"3/2\": de index ligt buiten 0..1\n"},
		{"fair-deal --objective maxmin", []string{"--lang", "nl", "fair-deal", "--objective", "maxmin"}, "regiosim: --objective \"maxmin\": gebruik least of max-min; bedoelt u \"max-min\"?\n"},
		{"merge without dirs", []string{"--lang", "nl", "merge", "-o", out}, "regiosim: noem de mappen van de shards: regiosim merge -o OUT DIR...\n"},
		{"merge of no shards", []string{"--lang", "nl", "merge", "-o", out, filepath.Join(out, "geen")}, "regiosim: merge: " + filepath.Join(out, "geen") + ": de map bestaat niet\n"},
		{"a near miss after a list", []string{"--lang", "nl", "run", "--format", "tabel"}, "regiosim: --format \"tabel\": gebruik een van table, csv, json, markdown; bedoelt u \"table\"?\n"},
		{"no such example", []string{"--lang", "nl", "run", "--example", "groot"}, "regiosim: --example: geen ingebouwd voorbeeld \"groot\" (bekend: national, realistic, small)\n"},
		{"no such party", []string{"--lang", "nl", "explain", "--party", "zv-c"}, "regiosim: --party: geen partij \"zv-c\" (bekend: centrumstad, noord, oost, zuid, west, zv-a, zv-b, zk, ziekenhuis, vvt-a, vvt-b, ggz, huisartsen, welzijn, ggd, rijk); bedoelt u \"zv-a\"?\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, c.args...)
			if r.code != exitInput || r.stderr != c.want {
				t.Errorf("regiosim %s: exit %d, stderr\n%s\nwant 2 and\n%s", strings.Join(c.args, " "), r.code, r.stderr, c.want)
			}
		})
	}
	t.Run("REGIOSIM_LANG=nl", func(t *testing.T) {
		t.Setenv("REGIOSIM_LANG", "nl")
		if r := runCLI(t, "batch", "--draws", "veel"); r.code != exitInput || !strings.Contains(r.stderr, "ongeldige waarde \"veel\" voor \"--draws\"") || !strings.HasSuffix(r.stderr, help) {
			t.Errorf("exit %d, %q", r.code, r.stderr)
		}
	})
	t.Run("English", func(t *testing.T) {
		r := runCLI(t, "run", "--frobnicate")
		if want := "regiosim: unknown flag: --frobnicate\nRun 'regiosim --help' for usage.\n"; r.code != exitInput || r.stderr != want {
			t.Errorf("exit %d, %q; want 2 and %q", r.code, r.stderr, want)
		}
		r = runCLI(t, "fair-deal", "--objective", "maxmin")
		if want := "regiosim: --objective \"maxmin\": use least or max-min; did you mean \"max-min\"?\n"; r.code != exitInput || r.stderr != want {
			t.Errorf("exit %d, %q; want 2 and %q", r.code, r.stderr, want)
		}
	})
}
