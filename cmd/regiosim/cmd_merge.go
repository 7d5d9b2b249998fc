package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/spf13/cobra"
)

func newMergeCmd(g *globalOptions) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "merge -o OUT DIR...",
		Short: "Merge the shards of a sharded stress test or batch into the results of one run",
		Long: `Merge the output directories of the shards of one run (regiosim stress or
regiosim batch --stress with --shard I/N, or an index from a Kubernetes
Indexed Job or a Slurm array) into OUT: byte for byte what the run would
have written on one machine.

The shards' manifests are checked first: the same regiosim version, the same
command line, the same input files (as they are now), seed and draws, every
shard 0..N-1 exactly once, every file as its manifest says. A missing,
duplicate or foreign shard, or a damaged file, is an error that names it,
and nothing is written.

Exit codes: 0 ok, 1 runtime failure, 2 bad input or usage.`,
		Example: `  regiosim merge -o merged/ shard-0 shard-1 shard-2 shard-3
  regiosim merge -o merged/ shards/*`,
		RunE: func(cmd *cobra.Command, dirs []string) error {
			if out == "" {
				return usagef("name the output directory: regiosim merge -o OUT DIR...")
			}
			src, err := loadShards(dirs, currentInputs)
			if err != nil {
				return &usageError{msg: err.Error()}
			}
			// The command again, its units from the shards.
			again := &globalOptions{lang: g.lang, stdout: g.stdout, stderr: g.stderr, merge: src}
			root := newRootCmdWith(again)
			root.SetArgs(append(append([]string(nil), src.man.Args...), "-o", out))
			if err := root.ExecuteContext(cmd.Context()); err != nil {
				return err
			}
			fmt.Fprintf(g.stderr, "merged %d shards into %s\n", src.man.Shards, out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "the directory to write the merged results into")
	return cmd
}

// currentInputs are the SHA-256 of the files a shard's manifest names, as
// they are now (a built-in example by its text).
func currentInputs(names map[string]string) (map[string]string, error) {
	out := map[string]string{}
	for name := range names {
		data, err := inputText(name)
		if err != nil {
			return nil, usagef("merge: the input %s the shards ran on cannot be read: %v", name, err)
		}
		out[name] = digest(data)
	}
	return out, nil
}

// inputText is a file's text, or a built-in example's.
func inputText(name string) ([]byte, error) {
	if ex, ok := strings.CutPrefix(name, "builtin:"); ok {
		if ex == "national-regions.csv" {
			return scenarios.NationalRegions(), nil
		}
		return scenarios.ExampleSource(ex)
	}
	return os.ReadFile(name)
}
