package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// regiosimBinary builds regiosim once for the tests that run it as processes.
func regiosimBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "regiosim-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "regiosim")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = &buildError{string(out)}
		}
	})
	if binErr != nil {
		t.Fatalf("building regiosim: %v", binErr)
	}
	return binPath
}

type buildError struct{ out string }

func (e *buildError) Error() string { return e.out }

// runShards runs four shards of args as four processes, the index given in
// each of the three ways: the flag, a Kubernetes Indexed Job's variable
// (the count by flag and by environment), a Slurm array's variables
// starting at 1. It returns the shards' directories.
func runShards(t *testing.T, args ...string) []string {
	t.Helper()
	bin := regiosimBinary(t)
	base := t.TempDir()
	ways := []struct {
		flags []string
		env   []string
	}{
		{[]string{"--shard", "0/4"}, nil},
		{nil, []string{"JOB_COMPLETION_INDEX=1", "REGIOSIM_SHARDS=4"}},
		{nil, []string{"SLURM_ARRAY_TASK_ID=3", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=1"}},
		{[]string{"--shards", "4"}, []string{"JOB_COMPLETION_INDEX=3"}},
	}
	var dirs []string
	for i, w := range ways {
		dir := filepath.Join(base, "shard-"+string(rune('0'+i)))
		cmd := exec.Command(bin, append(append(append([]string(nil), args...), w.flags...), "-o", dir)...)
		cmd.Env = append(cleanEnv(), w.env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("shard %d: %v\n%s", i, err, out)
		}
		if want := "shard " + string(rune('0'+i)) + " of 4"; !strings.Contains(string(out), want) {
			t.Errorf("shard %d says %q, want %q", i, out, want)
		}
		dirs = append(dirs, dir)
	}
	return dirs
}

// cleanEnv is the environment without any shard index.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "JOB_COMPLETION_INDEX=") && !strings.HasPrefix(kv, "SLURM_ARRAY_") && !strings.HasPrefix(kv, "REGIOSIM_SHARDS=") {
			env = append(env, kv)
		}
	}
	return env
}

// sameTree fails unless two directories hold the same files, byte for
// byte.
func sameTree(t *testing.T, want, got string) {
	t.Helper()
	n := 0
	filepath.WalkDir(want, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(want, p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(got, rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs from the unsharded run", rel)
		}
		n++
		return nil
	})
	m := 0
	filepath.WalkDir(got, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			m++
		}
		return err
	})
	if n == 0 || n != m {
		t.Errorf("the unsharded run wrote %d files, the merge %d", n, m)
	}
}

// TestShardedStressMerges: four shards of a stress test, merged, write
// what one run writes, byte for byte (tables, draws file, charts).
func TestShardedStressMerges(t *testing.T) {
	args := []string{"stress", "--draws", "1300", "--quiet"}
	dirs := runShards(t, args...)
	whole := filepath.Join(t.TempDir(), "whole")
	mustRun(t, append(args, "-o", whole)...)
	merged := filepath.Join(t.TempDir(), "merged")
	mustRun(t, append([]string{"merge", "-o", merged}, dirs...)...)
	sameTree(t, whole, merged)
}

// TestShardedBatchMerges: the national stress batch in four shards,
// merged, is byte for byte the batch run on one machine.
func TestShardedBatchMerges(t *testing.T) {
	args := []string{"batch", "--example", "national", "--stress", "--draws", "300", "--quiet"}
	dirs := runShards(t, args...)
	whole := filepath.Join(t.TempDir(), "whole")
	mustRun(t, append(args, "-o", whole)...)
	merged := filepath.Join(t.TempDir(), "merged")
	mustRun(t, append([]string{"merge", "-o", merged}, dirs[3], dirs[1], dirs[0], dirs[2])...)
	sameTree(t, whole, merged)
}

// TestMoreShardsThanUnits: a stress test of 700 draws has two units; of
// five shards three have nothing to do, and the merge is the run.
func TestMoreShardsThanUnits(t *testing.T) {
	base := t.TempDir()
	var dirs []string
	for i := range 5 {
		dir := filepath.Join(base, "s"+string(rune('0'+i)))
		out := mustRun(t, "stress", "--draws", "700", "--quiet", "--shard", string(rune('0'+i))+"/5", "-o", dir)
		if i >= 2 && !strings.Contains(out, "0 of 2 units") {
			t.Errorf("shard %d: %q", i, out)
		}
		dirs = append(dirs, dir)
	}
	whole := filepath.Join(t.TempDir(), "whole")
	mustRun(t, "stress", "--draws", "700", "--quiet", "-o", whole)
	merged := filepath.Join(t.TempDir(), "merged")
	mustRun(t, append([]string{"merge", "-o", merged}, dirs...)...)
	sameTree(t, whole, merged)
}

// TestMergeRefuses: a missing, duplicate, foreign or damaged shard is an
// error naming it (exit 2), and nothing is written.
func TestMergeRefuses(t *testing.T) {
	base := t.TempDir()
	shard := func(name, spec string, extra ...string) string {
		dir := filepath.Join(base, name)
		mustRun(t, append([]string{"stress", "--draws", "1100", "--quiet", "--shard", spec, "-o", dir}, extra...)...)
		return dir
	}
	s0, s1 := shard("a0", "0/2"), shard("a1", "1/2")
	foreign := shard("b1", "1/2", "--seed", "7")
	damaged := filepath.Join(base, "c1")
	os.CopyFS(damaged, os.DirFS(s1))
	data, _ := os.ReadFile(filepath.Join(damaged, unitsFile))
	data[len(data)/2] ^= 0xff
	os.WriteFile(filepath.Join(damaged, unitsFile), data, 0o644)
	for _, c := range []struct {
		name string
		dirs []string
		want string
	}{
		{"missing", []string{s0}, "shard 1 of 2 is missing"},
		{"duplicate", []string{s0, s1, s1}, "shard 1 is there twice"},
		{"foreign", []string{s0, foreign}, "a shard of another command"},
		{"damaged", []string{s0, damaged}, "SHA-256 differs"},
		{"not a shard", []string{s0, base}, "not a shard's output"},
		{"no such directory", []string{s0, filepath.Join(base, "nope")}, "nope: no such directory"},
		{"a file", []string{s0, filepath.Join(s1, unitsFile)}, "is a file, not a shard's directory"},
	} {
		out := filepath.Join(t.TempDir(), "out")
		r := runCLI(t, append([]string{"merge", "-o", out}, c.dirs...)...)
		if r.code != exitInput || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, %q; want 2 and %q", c.name, r.code, r.stderr, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: the merge wrote %s", c.name, out)
		}
	}
}

// TestShardSpecErrors: every way of naming a shard wrongly is a usage
// error that names the flag or variable and the value.
func TestShardSpecErrors(t *testing.T) {
	for _, c := range []struct {
		name   string
		flags  shardFlags
		env    map[string]string
		want   string
		parsed *shardSpec
	}{
		{"index past N", shardFlags{shard: "3/2"}, nil, `--shard "3/2": the index lies outside 0..1`, nil},
		{"not I/N", shardFlags{shard: "x"}, nil, `--shard "x": write I/N`, nil},
		{"N of 0", shardFlags{shard: "0/0"}, nil, `--shard "0/0": N, the number of shards, must be 1 or more`, nil},
		{"N not a number", shardFlags{shard: "1/x"}, nil, `--shard "1/x": write I/N`, nil},
		{"a negative index", shardFlags{shard: "-1/2"}, nil, "outside 0..1", nil},
		{"--shards disagrees", shardFlags{shard: "1/2", shards: 3}, nil, `--shard "1/2" and --shards 3 disagree`, nil},
		{"--shards negative", shardFlags{shard: "1/2", shards: -1}, nil, "--shards -1: give a number of shards of 1 or more", nil},
		{"--shards alone", shardFlags{shards: 4}, nil, "--shards without --shard", nil},
		{"a Job index without a count", shardFlags{}, map[string]string{"JOB_COMPLETION_INDEX": "1"}, "say how many shards there are with --shards N or REGIOSIM_SHARDS", nil},
		{"a Job index not a number", shardFlags{}, map[string]string{"JOB_COMPLETION_INDEX": "x", "REGIOSIM_SHARDS": "2"}, `JOB_COMPLETION_INDEX "x" is not an index`, nil},
		{"a Job index past the count", shardFlags{}, map[string]string{"JOB_COMPLETION_INDEX": "4", "REGIOSIM_SHARDS": "4"}, "JOB_COMPLETION_INDEX 4 lies outside 0..3", nil},
		{"a Slurm id out of range", shardFlags{}, map[string]string{"SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "4"}, "SLURM_ARRAY_TASK_ID 7 lies outside 0..3", nil},
		{"a Slurm id without a count", shardFlags{}, map[string]string{"SLURM_ARRAY_TASK_ID": "1"}, "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not", nil},
		{"spaces", shardFlags{shard: " 1 / 2 "}, nil, "", &shardSpec{1, 2, "--shard"}},
		{"--shards agrees", shardFlags{shard: "1/2", shards: 2}, nil, "", &shardSpec{1, 2, "--shard"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.flags.spec(func(k string) string { return c.env[k] })
			if c.parsed != nil {
				if err != nil || *got != *c.parsed {
					t.Errorf("got %+v, %v; want %+v", got, err, c.parsed)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) || exitCode(err) != exitInput {
				t.Errorf("got %v (exit %d), want %q and exit 2", err, exitCode(err), c.want)
			}
		})
	}
}
