package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Golden files hold the full output of a few runs of the built-in examples,
// so that any change in a figure, a label or the layout shows up in review.
//
// They are not written by hand: regenerate them with
//
//	go test ./cmd/regiosim -run TestGolden -update
//
// and review the diff by eye (git diff testdata/golden) before committing:
// a changed number must be explained by the change that caused it.
var update = flag.Bool("update", false, "rewrite golden files")

// goldenDir is testdata/golden at the repository root (tests run in
// cmd/regiosim).
var goldenDir = filepath.Join("..", "..", "testdata", "golden")

func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"small_table_en", []string{"run", "--example", "small", "--format", "table", "--lang", "en"}},
		{"small_table_nl", []string{"run", "--example", "small", "--format", "table", "--lang", "nl"}},
		{"realistic_table_en", []string{"run", "--format", "table", "--lang", "en"}},
		{"realistic_table_nl", []string{"run", "--format", "table", "--lang", "nl"}},
		{"small_csv_all", []string{"run", "--example", "small", "--format", "csv", "--all", "--lang", "en"}},
		// The outcome names are an interface: stress tests, tornado,
		// break-even and batches (and users' scripts) take them.
		{"realistic_outcomes", []string{"outcomes", "--format", "csv", "--lang", "en"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := mustRun(t, c.args...)
			path := filepath.Join(goldenDir, c.name+".txt")
			if *update {
				if err := os.MkdirAll(goldenDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (generate it with: go test ./cmd/regiosim -run TestGolden -update)", err)
			}
			if got != string(want) {
				t.Errorf("regiosim %s differs from %s at %s\n(if the change is intended: go test ./cmd/regiosim -run TestGolden -update, then review the diff)",
					strings.Join(c.args, " "), path, firstDiff(string(want), got))
			}
		})
	}
}

// firstDiff describes the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return "(no line differs)"
}
