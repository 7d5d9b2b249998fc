package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // a runtime failure
	exitInput   = 2 // bad input or usage
	// exitInterrupted is the shell's code for a command stopped by Ctrl-C.
	exitInterrupted = 130
)

// usageError is a mistake in how the command was called; help marks the
// mistakes in the command line's shape (a flag, a command, the number of
// files), after which a pointer to --help helps.
type usageError struct {
	msg  string
	help bool
}

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{msg: fmt.Sprintf(format, args...)} }

// globalOptions are the flags every command has.
type globalOptions struct {
	lang   string
	stdout io.Writer
	stderr io.Writer
	// args is the command line (for a shard's manifest); merge, when set,
	// gives the units of a sharded run instead of computing them.
	args  []string
	merge *mergeSource
}

func (g *globalOptions) language() (report.Lang, error) {
	l, err := report.NewLang(g.lang)
	if err != nil {
		return l, usagef("--lang %q: use en or nl", g.lang)
	}
	return l, nil
}

// warn prints the warnings of a scenario on stderr.
func (g *globalOptions) warn(s *scenarios.Scenario) {
	for _, w := range s.Warnings {
		g.warnf(w)
	}
}

// color reports whether output goes to a terminal that may show colours
// (not when NO_COLOR is set).
func (g *globalOptions) color() bool {
	f, ok := g.stdout.(*os.File)
	return ok && os.Getenv("NO_COLOR") == "" && term.IsTerminal(int(f.Fd()))
}

// warnf prints one warning on stderr, in Dutch under --lang nl.
func (g *globalOptions) warnf(p scenarios.Problem) {
	if g.lang == "nl" {
		p = p.Dutch()
	}
	fmt.Fprintln(g.stderr, p.String())
}

// defaultLang picks the language from REGIOSIM_LANG, else from the locale.
func defaultLang() string {
	if l := os.Getenv("REGIOSIM_LANG"); l != "" {
		return l
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			if strings.HasPrefix(l, "nl") {
				return "nl"
			}
			return "en"
		}
	}
	return "en"
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	return newRootCmdWith(&globalOptions{stdout: stdout, stderr: stderr})
}

// newRootCmdWith is the command tree on the given options (merge runs a
// command again with the shards' units).
func newRootCmdWith(g *globalOptions) *cobra.Command {
	root := &cobra.Command{
		Use:   "regiosim",
		Short: "Simulate how a Dutch care region can finance cross-domain care",
		Long: `regiosim simulates, over a horizon of about ten years, how the parties of a
Dutch care region (municipalities, insurers, the zorgkantoor, providers) can
finance care between the social and the medical domain: the regio-portemonnee,
plus-inkoop, kruis-inkoop, the annuity-style phase-out of legacy funding and
the temporary transformation funds. Every euro is booked in a ledger, so every
figure can be explained.

A scenario is one TOML file; 'regiosim init' writes a commented template.

Exit codes: 0 ok, 1 runtime failure, 2 bad input or usage.`,
		Example: `  regiosim run                      # the built-in example region
  regiosim run region.toml -o out   # tables as CSV files in out/
  regiosim validate *.toml
  regiosim explain --party zv-a --year 2028
  regiosim init my-region.toml`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	root.Version = version()
	root.SetVersionTemplate("regiosim {{.Version}}\n")
	root.SetOut(g.stdout)
	root.SetErr(g.stderr)
	root.PersistentFlags().StringVar(&g.lang, "lang", defaultLang(), "language of labels and numbers: en or nl; the default comes from REGIOSIM_LANG, else the locale")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err.Error(), true} })
	root.AddCommand(newRunCmd(g), newValidateCmd(g), newExplainCmd(g), newBusinessCaseCmd(g), newCompareCmd(g), newReportCmd(g), newOutcomesCmd(g), newStressCmd(g), newTornadoCmd(g), newSolveCmd(g), newFairDealCmd(g), newServeCmd(g), newBatchCmd(g), newMergeCmd(g), newVersionCmd(g), newInitCmd(g))
	root.CompletionOptions.HiddenDefaultCmd = true
	return root
}

// run executes the command line and returns the exit code; errors are
// turned into messages here, in one place.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		// A panic is a bug in regiosim, never bad input: exit 1 (Go's own
		// panic exit, 2, would read as bad input).
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "regiosim: internal error (a bug, please report it with the command and scenario): %v\n", p)
			code = exitFailure
		}
	}()
	root := newRootCmdWith(&globalOptions{stdout: stdout, stderr: stderr, args: args})
	root.SetArgs(args)
	// Ctrl-C (or a TERM) cancels the context: long work stops between
	// runs, and nothing half-done is written.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "regiosim: interrupted; nothing was written")
		return exitInterrupted
	}
	code = exitCode(err)
	dutch := langOf(root, args) == "nl"
	var probs scenarios.Problems
	var pe *scenarios.PathError
	switch {
	case errors.As(err, &probs) && dutch:
		fmt.Fprintln(stderr, probs.Dutch().Error())
	case errors.As(err, &probs):
		fmt.Fprintln(stderr, probs.Error())
	case dutch && errors.As(err, &pe) && pe.Error() == err.Error():
		fmt.Fprintln(stderr, "regiosim: "+pe.Dutch().Error())
	case dutch && code == exitInput:
		// A usage error: regiosim's own, or cobra's about a flag.
		fmt.Fprintln(stderr, "regiosim: "+dutchUsage(err))
	default:
		fmt.Fprintln(stderr, "regiosim: "+err.Error())
	}
	var ue *usageError
	if errors.As(err, &ue) && ue.help || code == exitInput && !errors.As(err, &ue) && !errors.As(err, &probs) && !isPathError(err) {
		if dutch {
			fmt.Fprintln(stderr, "Typ 'regiosim --help' voor uitleg over het gebruik.")
		} else {
			fmt.Fprintln(stderr, "Run 'regiosim --help' for usage.")
		}
	}
	return code
}

// langOf is the language of the messages: --lang as parsed, else (when
// parsing stopped at a mistake before it, as at an unknown flag) as the
// command line gives it, else the default.
func langOf(root *cobra.Command, args []string) string {
	f := root.PersistentFlags().Lookup("lang")
	if f.Changed {
		return f.Value.String()
	}
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			return v
		}
		if a == "--lang" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return f.Value.String()
}

// dutchUsage is a usage error in Dutch (scenarios.Dutch has the text of
// every usage message, and of cobra's flag errors), line by line; a
// usage error inside a longer message is translated in its place. Text
// without a translation stays as it is.
func dutchUsage(err error) string {
	var lines []string
	for _, line := range strings.Split(err.Error(), "\n") {
		if nl, ok := scenarios.Dutch(line); ok {
			line = nl
		} else if ue := (*usageError)(nil); errors.As(err, &ue) && ue.msg != line && strings.Contains(line, ue.msg) {
			if nl, ok := scenarios.Dutch(ue.msg); ok {
				line = strings.Replace(line, ue.msg, nl, 1)
			}
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func exitCode(err error) int {
	var ue *usageError
	var probs scenarios.Problems
	var pe *scenarios.PathError
	switch {
	case errors.As(err, &ue), errors.As(err, &probs), errors.As(err, &pe):
		return exitInput
	case strings.HasPrefix(err.Error(), "unknown command"), strings.HasPrefix(err.Error(), "unknown flag"),
		strings.Contains(err.Error(), "flag needs an argument"):
		return exitInput
	}
	return exitFailure
}

func isPathError(err error) bool {
	var pe *scenarios.PathError
	return errors.As(err, &pe)
}

// Argument checks that report usage errors.
func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return &usageError{fmt.Sprintf("unknown command %q", args[0]), true}
	}
	return nil
}

func maxArgs(n int) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) > n {
			return &usageError{fmt.Sprintf("expected at most %d file, got %d: %s", n, len(args), strings.Join(args, " ")), true}
		}
		return nil
	}
}

// scenarioOptions picks the scenario: a file, or a built-in example, and
// optionally one of its variants.
type scenarioOptions struct {
	example  string
	variants []string
}

// addVariantFlag lets a command run one variant instead of the base.
func (o *scenarioOptions) addVariantFlag(cmd *cobra.Command) {
	cmd.Flags().Var((*onceValue)(&o.variants), "variant", "use this [[variant]] of the scenario (its name, or its code V1, V2… as compare shows it) instead of the base case")
}

// onceValue is a flag that takes one value: given twice, it is a usage
// error (rather than the last one silently winning).
type onceValue []string

func (v *onceValue) String() string {
	if len(*v) == 0 {
		return ""
	}
	return (*v)[0]
}

func (v *onceValue) Set(s string) error {
	if len(*v) > 0 {
		return fmt.Errorf("give one (use 'regiosim compare' for several)")
	}
	*v = append(*v, s)
	return nil
}

func (v *onceValue) Type() string { return "NAME" }

// findVariant finds a variant by name, or by its code in compare (V1 is
// the first variant).
func findVariant(s *scenarios.Scenario, name string) (*scenarios.Variant, error) {
	if n, err := strconv.Atoi(strings.TrimPrefix(name, "V")); err == nil && strings.HasPrefix(name, "V") && n >= 1 && n <= len(s.Variants) {
		if _, err := s.FindVariant(name); err != nil { // a variant named "V2" wins over the code
			return &s.Variants[n-1], nil
		}
	}
	v, err := s.FindVariant(name)
	if pe, ok := err.(*scenarios.PathError); ok {
		pe.Path = "--variant"
	}
	return v, err
}

func (o *scenarioOptions) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.example, "example", scenarios.DefaultExample,
		"built-in example to use when no FILE is given: "+strings.Join(scenarios.Examples(), ", "))
}

// start is what most commands do first: the language, the output format
// checked, the scenario loaded and its warnings printed.
func (g *globalOptions) start(o *scenarioOptions, format string, args []string) (report.Lang, *scenarios.Scenario, error) {
	l, err := g.language()
	if err != nil {
		return l, nil, err
	}
	if err := checkFormat(format); err != nil {
		return l, nil, err
	}
	s, err := o.load(args)
	if err != nil {
		return l, nil, err
	}
	g.warn(s)
	return l.WithNames(s.Names()), s, nil
}

// loadRun loads the scenario, prints its warnings and runs it into a
// table sink of the given kind (with the ledger, the business cases).
func (o *scenarioOptions) loadRun(ctx context.Context, g *globalOptions, args []string, kind sim.TableSink) (*scenarios.Scenario, *sim.Result, error) {
	s, err := o.load(args)
	if err != nil {
		return nil, nil, err
	}
	g.warn(s)
	r, err := simulate(ctx, s, kind)
	if err != nil {
		return nil, nil, err
	}
	return s, r, nil
}

// simulate runs a checked scenario once through its compiled model and
// returns its tables.
func simulate(ctx context.Context, s *scenarios.Scenario, kind sim.TableSink) (*sim.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m, err := sim.Compile(s)
	if err != nil {
		return nil, err
	}
	sink := &kind
	if err := m.NewState().Run(nil, sink); err != nil {
		return nil, err
	}
	return sink.Result, nil
}

func (o *scenarioOptions) load(args []string) (*scenarios.Scenario, error) {
	var s *scenarios.Scenario
	var err error
	if len(args) > 0 {
		s, err = scenarios.Load(args[0])
	} else {
		s, err = scenarios.Example(o.example)
		if err != nil && strings.HasPrefix(err.Error(), "no built-in") {
			return nil, usagef("--example: %v", err)
		}
	}
	if err != nil || len(o.variants) == 0 {
		return s, err
	}
	if len(o.variants) > 1 {
		return nil, usagef("--variant: give one variant (use 'regiosim compare' for several)")
	}
	v, err := findVariant(s, o.variants[0])
	if err != nil {
		return nil, err
	}
	return s.WithVariant(v)
}
