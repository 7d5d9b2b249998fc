package main

import (
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// allCommands returns every command of the tree under c, c first.
func allCommands(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, sub := range c.Commands() {
		if sub.Hidden {
			continue
		}
		out = append(out, allCommands(sub)...)
	}
	return out
}

// TestHelpEveryCommand: every command's --help exits 0 and shows examples
// and the exit codes (root.go's policy: each Long ends with "Exit codes",
// each command has an Example).
func TestHelpEveryCommand(t *testing.T) {
	cmds := allCommands(newRootCmd(io.Discard, io.Discard))
	// The root and its four commands: run, validate, explain, init
	// (root.go AddCommand). Fewer means the walk missed some.
	if len(cmds) < 5 {
		t.Fatalf("found %d commands, want at least 5 (root, run, validate, explain, init)", len(cmds))
	}
	for _, c := range cmds {
		path := c.CommandPath() // "regiosim run"
		t.Run(path, func(t *testing.T) {
			args := append(strings.Fields(path)[1:], "--help")
			r := runCLI(t, args...)
			if r.code != exitOK {
				t.Fatalf("%s --help: exit %d, want 0; stderr:\n%s", path, r.code, r.stderr)
			}
			for _, want := range []string{"Example", "Exit codes", "Usage:", path} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("%s --help does not contain %q:\n%s", path, want, r.stdout)
				}
			}
			if r.stderr != "" {
				t.Errorf("%s --help wrote to stderr: %q", path, r.stderr)
			}
		})
	}
}

// TestRootWithoutCommand: plain `regiosim` shows the help and exits 0; an
// unknown command is a usage error (exit 2).
func TestRootWithoutCommand(t *testing.T) {
	r := runCLI(t)
	if r.code != exitOK || !strings.Contains(r.stdout, "Exit codes") {
		t.Errorf("regiosim: exit %d, stdout %q; want 0 and the help", r.code, r.stdout)
	}
	r = runCLI(t, "runn")
	if r.code != exitInput {
		t.Errorf("regiosim runn: exit %d, want %d; stderr %q", r.code, exitInput, r.stderr)
	}
	if !strings.Contains(r.stderr, "runn") {
		t.Errorf("regiosim runn: message does not name the command: %q", r.stderr)
	}
}
