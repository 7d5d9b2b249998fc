package main

import (
	"context"
	"fmt"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/spf13/cobra"
)

func newValidateCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check scenario files and report every problem at once",
		Long: `Check scenario files without running them. Every problem of every file is
reported, each with the file, the line, the key and, for near misses, a
suggestion. Warnings are shown but do not fail the check.

Exit codes: 0 all files are valid, 2 a file has problems (or no file given).`,
		Example: `  regiosim validate region.toml
  regiosim validate scenarios/*.toml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(cmd.Context(), g, args)
		},
	}
}

func runValidate(_ context.Context, g *globalOptions, files []string) error {
	if len(files) == 0 {
		return usagef("validate needs at least one FILE")
	}
	var all scenarios.Problems
	for _, f := range files {
		s, err := scenarios.Load(f)
		if err != nil {
			probs, ok := err.(scenarios.Problems)
			if !ok {
				return err
			}
			all = append(all, probs...)
			continue
		}
		g.warn(s)
		if g.lang == "nl" {
			fmt.Fprintf(g.stdout, "%s: in orde (%s, %s, %s, %s, %s)\n", f, count(len(s.Parties), "partij", "partijen"), count(len(s.Flows), "geldstroom", "geldstromen"),
				count(len(s.Initiatives), "initiatief", "initiatieven"), count(len(s.Instruments), "instrument", "instrumenten"), count(len(s.Variants), "variant", "varianten"))
			continue
		}
		fmt.Fprintf(g.stdout, "%s: ok (%s, %s, %s, %s, %s)\n", f, count(len(s.Parties), "party", "parties"), count(len(s.Flows), "flow", "flows"),
			count(len(s.Initiatives), "initiative", "initiatives"), count(len(s.Instruments), "instrument", "instruments"), count(len(s.Variants), "variant", "variants"))
	}
	if len(all) > 0 {
		return all
	}
	return nil
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
