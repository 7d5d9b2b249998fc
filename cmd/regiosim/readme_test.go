package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeTour runs the README's "A short tour" as written: every
// `regiosim …` line of its sh block, in order, in one empty directory (so
// `init my-region.toml` writes the file the later lines use, and `-o out/`
// writes there). A comment after " #" is dropped; a line that pipes into
// jq gets the JSON checked for the field jq asks for instead; one that
// redirects with > writes the file. Every command must exit 0.
func TestReadmeTour(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	lines := tourLines(t, string(readme))
	if len(lines) < 20 {
		t.Fatalf("found %d tour commands, want the whole tour:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	t.Chdir(t.TempDir())
	for _, line := range lines {
		cmd, pipe, _ := strings.Cut(line, " | ")
		cmd, redirect, _ := strings.Cut(cmd, " > ")
		args := shellWords(t, cmd)[1:] // without "regiosim"
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != exitOK {
			t.Errorf("%s: exit %d, want 0\nstderr:\n%s", line, code, errOut.String())
			continue
		}
		if redirect = strings.TrimSpace(redirect); redirect != "" {
			if err := os.WriteFile(redirect, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if out.Len() == 0 {
				t.Errorf("%s: wrote an empty %s", line, redirect)
			}
		}
		if pipe != "" {
			checkJQ(t, line, strings.TrimSpace(pipe), out.Bytes())
		}
	}
	// What the tour says it makes is there.
	for _, f := range []string{"my-region.toml", "region.md", "out/parties.csv", "stress", "report/report.html", "report/regiosim.xlsx"} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("the tour did not make %s: %v", f, err)
		}
	}
}

// tourLines returns the command lines of the sh block under "## A short
// tour", without their trailing comments.
func tourLines(t *testing.T, readme string) []string {
	t.Helper()
	_, tour, ok := strings.Cut(readme, "\n## A short tour\n")
	if !ok {
		t.Fatal(`README.md has no "## A short tour" section`)
	}
	_, block, ok := strings.Cut(tour, "```sh\n")
	if !ok {
		t.Fatal("the tour has no ```sh block")
	}
	block, _, _ = strings.Cut(block, "```")
	var out []string
	for _, ln := range strings.Split(block, "\n") {
		ln = strings.TrimSpace(ln)
		if !strings.HasPrefix(ln, "regiosim ") {
			continue
		}
		if i := strings.Index(ln, " #"); i >= 0 && strings.Count(ln[:i], "'")%2 == 0 {
			ln = strings.TrimSpace(ln[:i])
		}
		out = append(out, ln)
	}
	return out
}

// shellWords splits a command line as sh does for the tour's lines: words
// by spaces, 'single' and "double" quotes kept together.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	in, quote := false, rune(0)
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				words = append(words, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		t.Fatalf("unbalanced quote in %q", line)
	}
	if in {
		words = append(words, w.String())
	}
	return words
}

// checkJQ checks a tour line's `jq 'PATH'` on the JSON it would read:
// PATH is .key and .key[n] steps, and must lead to a number.
func checkJQ(t *testing.T, line, pipe string, data []byte) {
	t.Helper()
	words := shellWords(t, pipe)
	if len(words) != 2 || words[0] != "jq" {
		t.Fatalf("%s: cannot check the pipe %q", line, pipe)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Errorf("%s: not JSON: %v", line, err)
		return
	}
	for _, step := range strings.Split(strings.TrimPrefix(words[1], "."), ".") {
		key, index, indexed := strings.Cut(step, "[")
		m, ok := v.(map[string]any)
		if !ok {
			t.Errorf("%s: no object for %q", line, key)
			return
		}
		if v, ok = m[key]; !ok {
			t.Errorf("%s: no key %q", line, key)
			return
		}
		if indexed {
			list, ok := v.([]any)
			n := strings.TrimSuffix(index, "]")
			if !ok || n != "0" || len(list) == 0 {
				t.Errorf("%s: %s[%s] is not there", line, key, n)
				return
			}
			v = list[0]
		}
	}
	if _, ok := v.(float64); !ok {
		t.Errorf("%s: %s is %v, not a number", line, words[1], v)
	}
}
