package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

//go:embed examples/*.toml
var examples embed.FS

// DefaultExample is the built-in region `regiosim run` shows without a file.
const DefaultExample = "realistic"

// Examples lists the built-in example scenarios by name.
func Examples() []string {
	entries, _ := fs.ReadDir(examples, "examples")
	var out []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".toml"); ok && !strings.HasPrefix(name, "template") {
			out = append(out, name)
		}
	}
	return out
}

// ExampleSource returns the TOML text of a built-in example ("template" is
// the commented template that `regiosim init` writes).
func ExampleSource(name string) ([]byte, error) {
	data, err := examples.ReadFile("examples/" + name + ".toml")
	if err != nil {
		return nil, fmt.Errorf("no built-in example %q (known: %s)", name, strings.Join(Examples(), ", "))
	}
	return data, nil
}

// Example loads a built-in example scenario.
func Example(name string) (*Scenario, error) {
	data, err := ExampleSource(name)
	if err != nil {
		return nil, err
	}
	return Parse("builtin:"+name, data)
}

// Load reads and checks a scenario file. Problems with the file come back
// as a Problems error; warnings are kept in the scenario's Warnings.
func Load(file string) (*Scenario, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		msg := err.Error()
		var pe *fs.PathError
		if errors.As(err, &pe) {
			msg = "cannot read the file: " + pe.Err.Error()
		}
		return nil, Problems{{File: file, Msg: msg}}
	}
	return Parse(file, data)
}

// Parse decodes and checks a scenario. name is used in messages.
func Parse(name string, data []byte) (*Scenario, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return nil, syntaxProblem(name, err, string(data))
	}
	s, probs := bind(name, raw, indexLines(string(data)))
	if s != nil {
		probs = append(probs, s.Check()...)
		s.Warnings = probs.Warnings()
	}
	if errs := probs.Errors(); len(errs) > 0 {
		return nil, probs.sorted() // the warnings too: they may explain an error
	}
	return s, nil
}

// bind maps the raw TOML onto a new scenario with its defaults.
func bind(name string, raw map[string]any, lines lineIndex) (*Scenario, Problems) {
	s := &Scenario{
		File:   name,
		Region: Region{Horizon: 10, DiscountRate: 0.03},
		raw:    raw,
		lines:  lines,
	}
	b := &binder{file: name, lines: lines}
	b.fields(raw, reflect.ValueOf(s).Elem(), at{})
	s.bound = len(b.probs) == 0
	s.badKeys = b.bad
	for i := range s.Initiatives {
		in := &s.Initiatives[i]
		if in.Start == 0 {
			in.Start = s.Region.FirstYear
		}
	}
	if s.bound {
		s.pristine = s.copyExported()
	}
	return s, b.probs
}

// Clone returns an independent copy of the scenario as it was loaded
// (values set since, and variants applied, are not carried over).
func (s *Scenario) Clone() *Scenario {
	if s.pristine == nil {
		panic("scenarios: Clone of a scenario that did not load without problems")
	}
	c := s.pristine.copyExported()
	c.pristine = s.pristine
	return c
}

// Copy returns an independent copy of the scenario as it is now, with
// the changes applied since loading (a variant, values set). A compiled
// model gives each of its states a copy, so that parallel runs can set
// values.
func (s *Scenario) Copy() *Scenario {
	c := s.copyExported()
	c.pristine = s.pristine
	c.Variant, c.Warnings = s.Variant, s.Warnings
	if s.disabled != nil {
		c.disabled = make(map[string]bool, len(s.disabled))
		for k, v := range s.disabled {
			c.disabled[k] = v
		}
	}
	if s.enabled != nil {
		c.enabled = maps.Clone(s.enabled)
	}
	return c
}

// Name is a short name for the scenario: the region's name, else the file.
func (s *Scenario) Name() string {
	if s.Region.Name != "" {
		return s.Region.Name
	}
	return strings.TrimSuffix(path.Base(s.File), ".toml")
}

func syntaxProblem(name string, err error, text string) Problems {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return Problems{{File: name, Msg: "not valid TOML: " + err.Error()}}
	}
	p := Problem{File: name, Line: pe.Position.Line, Msg: "not valid TOML: " + pe.Message}
	if pe.LastKey != "" {
		p.Key = pe.LastKey
	}
	if pe.Usage != "" {
		p.Hint = strings.TrimSpace(pe.Usage)
	}
	p.Source = caret(pe)
	// Common mistakes get a hint rather than the parser's words.
	line := ""
	lines := strings.Split(text, "\n")
	if pe.Position.Line >= 1 && pe.Position.Line <= len(lines) {
		line = strings.TrimSpace(lines[pe.Position.Line-1])
	}
	if m := decimalComma.FindStringSubmatch(line); m != nil && len(m[2]) == 3 {
		// 200,000: a thousands comma, or a decimal one? Say both.
		p.Msg = "a comma in a number: TOML has no thousands separators and writes decimals with a dot"
		p.Hint = "write " + strings.ReplaceAll(m[0][strings.Index(m[0], m[1]):], ",", "_") + " for thousands, or " + m[1] + "." + m[2] + " for a decimal"
	} else if m != nil {
		p.Msg = "a decimal comma: TOML writes decimals with a dot"
		p.Hint = "write " + m[1] + "." + m[2]
	} else if m := singleTable.FindStringSubmatch(line); m != nil && strings.Contains(pe.Message, "already been defined") && slices.Contains(elementKinds, m[1]) {
		// [party] after an earlier [party], or after [[party]] blocks.
		if singleBefore(lines, m[1], pe.Position.Line) > 0 {
			p.Msg = "[" + m[1] + "] is written more than once"
		} else {
			p.Key, p.Msg = m[1], singleTableMsg(m[1])
		}
		p.Hint = "write [[" + m[1] + "]] (double brackets) before each " + m[1]
	} else if m := arrayTable.FindStringSubmatch(line); m != nil && strings.Contains(pe.Message, "cannot be used as an array") && slices.Contains(elementKinds, m[1]) {
		// [party] for the first party, [[party]] for the next: the mistake
		// is the [party] line, so the problem points there.
		p.Key, p.Msg = m[1], singleTableMsg(m[1])
		p.Hint = "write [[" + m[1] + "]] (double brackets) before each " + m[1]
		if n := singleBefore(lines, m[1], pe.Position.Line); n > 0 {
			p.Line, p.Source = n, excerpt(lines, n, m[1])
		}
	}
	return Problems{p}
}

// singleTableMsg says that [kind] holds one table where each element needs
// its own (the binder's words for a lone [party]).
func singleTableMsg(kind string) string {
	return "[" + kind + "] is a single table; every " + kind + " is its own [[" + kind + "]]"
}

// singleBefore is the line number (from 1) of the first [kind] header
// before line before, or 0.
func singleBefore(lines []string, kind string, before int) int {
	for i := 0; i < before-1 && i < len(lines); i++ {
		if m := singleTable.FindStringSubmatch(strings.TrimSpace(lines[i])); m != nil && m[1] == kind {
			return i + 1
		}
	}
	return 0
}

// excerpt shows line n (from 1) with the two lines before it and a caret
// under word, as the decoder's excerpts do.
func excerpt(lines []string, n int, word string) string {
	var b strings.Builder
	for i := max(1, n-2); i <= n; i++ {
		fmt.Fprintf(&b, "%7d | %s\n", i, lines[i-1])
	}
	col := max(0, strings.Index(lines[n-1], word))
	b.WriteString(strings.Repeat(" ", 10+col) + strings.Repeat("^", len(word)))
	return b.String()
}

var (
	decimalComma = regexp.MustCompile(`=\s*(-?[0-9_]+),([0-9]+)(,[0-9]{3})*\b`)
	singleTable  = regexp.MustCompile(`^\[([a-z_]+)\]`)
	arrayTable   = regexp.MustCompile(`^\[\[([a-z_]+)\]\]`)
	// elementKinds are the tables written as [[kind]], one per element.
	elementKinds = []string{"party", "flow", "initiative", "instrument", "variant"}
)

// caret shows the offending line with a caret under the column, or ""
// when the decoder gives no line (its excerpt would fail then).
func caret(pe toml.ParseError) (src string) {
	if pe.Position.Line < 1 {
		return ""
	}
	defer func() {
		if recover() != nil {
			src = "" // the decoder's excerpt failed; the message stands alone
		}
	}()
	full := pe.ErrorWithPosition()
	// ErrorWithPosition is "toml: error: …\n\nAt line N, column C:\n\n  N | text\n      ^"
	if i := strings.Index(full, "\n\n"); i >= 0 {
		rest := full[i+2:]
		if j := strings.Index(rest, "\n\n"); j >= 0 {
			return strings.TrimRight(rest[j+2:], "\n")
		}
	}
	return ""
}
