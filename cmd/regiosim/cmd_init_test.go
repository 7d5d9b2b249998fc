package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
)

// exampleSource is the TOML text `init --example NAME` writes.
func exampleSource(t *testing.T, name string) string {
	t.Helper()
	data, err := scenarios.ExampleSource(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestInitThenValidate: what init writes to a file is a valid scenario,
// byte for byte the commented template (no --example) or the built-in
// example, and it runs.
func TestInitThenValidate(t *testing.T) {
	// "" is the template (scenarios/examples/template.toml, which
	// scenarios.Examples does not list).
	for _, ex := range append([]string{""}, scenarios.Examples()...) {
		name := ex
		if name == "" {
			name = "template"
		}
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "region.toml")
			args := []string{"init", file}
			if ex != "" {
				args = []string{"init", "--example", ex, file}
			}
			r := runCLI(t, args...)
			if r.code != exitOK {
				t.Fatalf("init: exit %d, stderr:\n%s", r.code, r.stderr)
			}
			// cmd_init.go: "wrote FILE: edit it, then run 'regiosim validate FILE' …"
			if !strings.Contains(r.stdout, "wrote "+file) || !strings.Contains(r.stdout, "regiosim validate "+file) {
				t.Errorf("stdout %q does not say what was written and what to do next", r.stdout)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != exampleSource(t, name) {
				t.Errorf("the file differs from the built-in %s", name)
			}
			v := runCLI(t, "validate", file)
			if v.code != exitOK || !strings.Contains(v.stdout, file+": ok") {
				t.Errorf("validate: exit %d, stdout %q, stderr:\n%s", v.code, v.stdout, v.stderr)
			}
			got := mustRun(t, "run", file, "--table", "parties")
			if ex != "" {
				// It runs like the built-in example it came from.
				if want := mustRun(t, "run", "--example", ex, "--table", "parties"); got != want {
					t.Errorf("run of the written file differs from run --example %s:\n%s\nwant:\n%s", ex, got, want)
				}
			}
		})
	}
}

// TestInitTemplateStdout: without FILE or --example, init prints the
// commented template, which explains its keys in comments and loads.
func TestInitTemplateStdout(t *testing.T) {
	out := mustRun(t, "init")
	if out != exampleSource(t, "template") {
		t.Errorf("stdout is not the template:\n%s", out)
	}
	// "commented": a good share of its lines are comments (the template
	// explains every key; a bare scenario would have none).
	lines := strings.Split(out, "\n")
	comments := 0
	for _, l := range lines {
		if strings.Contains(l, "#") {
			comments++
		}
	}
	if comments < len(lines)/3 {
		t.Errorf("only %d of %d lines have a comment", comments, len(lines))
	}
	if _, err := scenarios.Parse("template.toml", []byte(out)); err != nil {
		t.Errorf("the template does not load: %v", err)
	}
}

// TestInitExistingFile: an existing file is kept unless --force is given.
func TestInitExistingFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "mine.toml")
	const mine = "# my own scenario, not to be lost\n"
	if err := os.WriteFile(file, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "init", "--example", "small", file)
	if r.code != exitInput { // cmd_init.go Long: 2 … the file exists
		t.Errorf("init over an existing file: exit %d, want %d", r.code, exitInput)
	}
	if !strings.Contains(r.stderr, file+" exists already") || !strings.Contains(r.stderr, "--force") {
		t.Errorf("message does not name the file and --force: %q", r.stderr)
	}
	if data, _ := os.ReadFile(file); string(data) != mine {
		t.Fatalf("the existing file was changed to:\n%s", data)
	}

	r = runCLI(t, "init", "--example", "small", "--force", file)
	if r.code != exitOK {
		t.Fatalf("init --force: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(file); string(data) != exampleSource(t, "small") {
		t.Errorf("init --force did not write the example:\n%s", data)
	}
}

// TestInitStdout: without FILE, init writes the scenario to standard
// output, and nothing else.
func TestInitStdout(t *testing.T) {
	out := mustRun(t, "init", "--example", "small")
	if out != exampleSource(t, "small") {
		t.Errorf("stdout is not the example small.toml:\n%s", out)
	}
	if _, err := scenarios.Parse("stdout.toml", []byte(out)); err != nil {
		t.Errorf("what init printed does not load: %v", err)
	}
}

// TestInitErrors: an unknown example is a usage error (2); a file that
// cannot be written is a runtime failure (1, cmd_init.go Long).
func TestInitErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"unknown example", []string{"init", "--example", "nope"}, exitInput,
			[]string{"--example", `"nope"`, strings.Join(scenarios.Examples(), ", ")}},
		{"unknown example to a file", []string{"init", "--example", "nope", filepath.Join(dir, "x.toml")}, exitInput,
			[]string{`"nope"`}},
		{"directory does not exist", []string{"init", "--example", "small", filepath.Join(dir, "no", "such", "dir", "x.toml")}, exitFailure,
			[]string{"x.toml"}},
		{"too many args", []string{"init", "a.toml", "b.toml"}, exitInput,
			[]string{"at most 1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, c.args...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d; stderr %q", r.code, c.code, r.stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr does not contain %q: %q", w, r.stderr)
				}
			}
			if r.stdout != "" {
				t.Errorf("wrote to stdout on error: %q", r.stdout)
			}
		})
	}
	// Nothing was created by the failed calls.
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed init left %d entries in %s", len(entries), dir)
	}
}
