package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/spf13/cobra"
)

type initOptions struct {
	example string
	force   bool
}

func newInitCmd(g *globalOptions) *cobra.Command {
	o := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented template scenario to start from",
		Long: `Write a commented template scenario that explains every key, to FILE or,
without FILE, to standard output. An existing file is not overwritten unless
--force is given. With --example, write one of the built-in examples instead.

Exit codes: 0 ok, 1 the file could not be written, 2 bad usage or the file exists.`,
		Example: `  regiosim init my-region.toml
  regiosim init --example small small.toml
  regiosim init > template.toml`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInit(cmd.Context(), g, o, args)
		},
	}
	cmd.Flags().StringVar(&o.example, "example", "", "write a built-in example instead of the template: "+strings.Join(scenarios.Examples(), ", "))
	cmd.Flags().BoolVar(&o.force, "force", false, "overwrite an existing file")
	return cmd
}

func runInit(_ context.Context, g *globalOptions, o *initOptions, args []string) error {
	name := "template"
	if g.lang == "nl" {
		name = "template_nl" // Dutch comments; the keys stay English
	}
	if o.example != "" {
		name = o.example
	}
	data, err := scenarios.ExampleSource(name)
	if err != nil {
		return usagef("--example: %v", err)
	}
	if len(args) == 0 {
		_, err := g.stdout.Write(data)
		return err
	}
	file := args[0]
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if o.force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(file, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return usagef("%s exists already; use --force to overwrite it", file)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "wrote %s: edit it, then run 'regiosim validate %s' and 'regiosim run %s'\n", file, file, file)
	return nil
}
