package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
)

// Sharding splits a stress test's work units (a batch's region × option ×
// block of draws; a stress test's option × block) into N parts that run as
// N processes: a Kubernetes Indexed Job or a Slurm job array. Shard I runs
// the units whose place in the list is I modulo N and writes their figures
// with a manifest; merge checks the manifests and writes what one run
// would have written, byte for byte.

// shardSpec is which shard this process is, and where that was read.
type shardSpec struct {
	Index, Count int
	From         string // "--shard", "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"
}

// shardFlags are the flags of a command that can run as a shard.
type shardFlags struct {
	shard  string
	shards int
}

func (f *shardFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.shard, "shard", "", "run part I of N of the work (0-based, e.g. 3/8) and write it with a manifest into -o DIR, for 'regiosim merge'; without it, a Kubernetes Indexed Job's JOB_COMPLETION_INDEX (with --shards or REGIOSIM_SHARDS) or a Slurm array's SLURM_ARRAY_TASK_ID is used")
	cmd.Flags().IntVar(&f.shards, "shards", 0, "the number of shards, with JOB_COMPLETION_INDEX (default REGIOSIM_SHARDS)")
}

// spec reads the shard from the flag, else from the environment; nil when
// the process is not a shard.
func (f *shardFlags) spec(getenv func(string) string) (*shardSpec, error) {
	count := func(what string, s string) (int, error) {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return 0, usagef("%s %q: give a number of shards of 1 or more", what, s)
		}
		return n, nil
	}
	if f.shards < 0 {
		return nil, usagef("--shards %d: give a number of shards of 1 or more", f.shards)
	}
	if f.shard != "" {
		i, n, ok := strings.Cut(strings.TrimSpace(f.shard), "/")
		idx, err := strconv.Atoi(strings.TrimSpace(i))
		cnt, err2 := strconv.Atoi(strings.TrimSpace(n))
		if !ok || err != nil || err2 != nil {
			return nil, usagef("--shard %q: write I/N, e.g. 3/8 (0-based)", f.shard)
		}
		if cnt < 1 {
			return nil, usagef("--shard %q: N, the number of shards, must be 1 or more", f.shard)
		}
		if idx < 0 || idx >= cnt {
			return nil, usagef("--shard %q: the index lies outside 0..%d", f.shard, cnt-1)
		}
		if f.shards != 0 && f.shards != cnt {
			return nil, usagef("--shard %q and --shards %d disagree on the number of shards; give one of the two", f.shard, f.shards)
		}
		return &shardSpec{idx, cnt, "--shard"}, nil
	}
	if v := getenv("JOB_COMPLETION_INDEX"); v != "" {
		idx, err := strconv.Atoi(v)
		if err != nil || idx < 0 {
			return nil, usagef("JOB_COMPLETION_INDEX %q is not an index", v)
		}
		n := strconv.Itoa(f.shards)
		what := "--shards"
		if f.shards == 0 {
			n, what = getenv("REGIOSIM_SHARDS"), "REGIOSIM_SHARDS"
			if n == "" {
				return nil, usagef("JOB_COMPLETION_INDEX is set: say how many shards there are with --shards N or REGIOSIM_SHARDS")
			}
		}
		cnt, err := count(what, n)
		if err != nil {
			return nil, err
		}
		if idx >= cnt {
			return nil, usagef("JOB_COMPLETION_INDEX %d lies outside 0..%d (%s %d)", idx, cnt-1, what, cnt)
		}
		return &shardSpec{idx, cnt, "JOB_COMPLETION_INDEX"}, nil
	}
	if v := getenv("SLURM_ARRAY_TASK_ID"); v != "" {
		id, err := strconv.Atoi(v)
		if err != nil {
			return nil, usagef("SLURM_ARRAY_TASK_ID %q is not a number", v)
		}
		if getenv("SLURM_ARRAY_TASK_COUNT") == "" {
			return nil, usagef("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: run in a Slurm job array (sbatch --array=0-N), or give --shard I/N")
		}
		cnt, err := count("SLURM_ARRAY_TASK_COUNT", getenv("SLURM_ARRAY_TASK_COUNT"))
		if err != nil {
			return nil, err
		}
		low := 0
		if m := getenv("SLURM_ARRAY_TASK_MIN"); m != "" {
			if low, err = strconv.Atoi(m); err != nil {
				return nil, usagef("SLURM_ARRAY_TASK_MIN %q is not a number", m)
			}
		}
		if id-low < 0 || id-low >= cnt {
			return nil, usagef("SLURM_ARRAY_TASK_ID %d lies outside %d..%d", id, low, low+cnt-1)
		}
		return &shardSpec{id - low, cnt, "SLURM_ARRAY_TASK_ID"}, nil
	}
	if f.shards > 0 {
		return nil, usagef("--shards without --shard or JOB_COMPLETION_INDEX: which shard is this?")
	}
	return nil, nil
}

// mine are the units of the shard: those at places ≡ Index (mod Count).
func (s *shardSpec) mine(n int) []int {
	var out []int
	for k := s.Index; k < n; k += s.Count {
		out = append(out, k)
	}
	return out
}

// manifest describes a shard's output, for merge.
type manifest struct {
	Regiosim string            `json:"regiosim"`
	Args     []string          `json:"args"`   // the command line, without -o and the shard's flags
	Inputs   map[string]string `json:"inputs"` // file → SHA-256
	Seed     int64             `json:"seed"`
	Draws    int               `json:"draws"`
	Shard    int               `json:"shard"`
	Shards   int               `json:"shards"`
	From     string            `json:"index_from"`
	Units    int               `json:"units_in_all"`
	Ran      [][3]int          `json:"units"` // the units it ran
	Files    map[string]string `json:"files"` // name → SHA-256
}

const (
	manifestFile = "manifest.json"
	unitsFile    = "units.bin"
)

// shardArgs is the command line without the output directory and the
// shard's own flags: what a merge runs again.
func shardArgs(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-o" || a == "--output" || a == "--shard" || a == "--shards":
			i++ // and its value
		case strings.HasPrefix(a, "--output=") || strings.HasPrefix(a, "--shard=") || strings.HasPrefix(a, "--shards=") ||
			(strings.HasPrefix(a, "-o") && len(a) > 2):
		default:
			out = append(out, a)
		}
	}
	return out
}

// shardUnit is one unit's figures: per draw a row of numbers, or the
// reason it could not run. A shard fills Rows; a merge reads the numbers
// where they lie in the file (raw), decoding a row when asked.
type shardUnit struct {
	Key  [3]int
	Rows [][]float64
	Err  string
	n, w int
	raw  []byte
}

// draws is the unit's number of draws, and width its numbers per draw.
func (u *shardUnit) draws() int {
	if u.raw != nil || u.Rows == nil {
		return u.n
	}
	return len(u.Rows)
}

// row decodes draw k's numbers into dst; false when dst has another width.
func (u *shardUnit) row(k int, dst []float64) bool {
	if u.raw == nil {
		if k >= len(u.Rows) || len(u.Rows[k]) != len(dst) {
			return false
		}
		copy(dst, u.Rows[k])
		return true
	}
	if len(dst) != u.w || k >= u.n {
		return false
	}
	at := u.raw[k*u.w*8:]
	for c := range dst {
		dst[c] = math.Float64frombits(binary.LittleEndian.Uint64(at[c*8:]))
	}
	return true
}

// writeUnits encodes units: a magic word, then per unit its key, the
// draws, the numbers per draw, the numbers (float64, little-endian) and
// its error, every integer as a little-endian int64.
func writeUnits(w io.Writer, units []shardUnit) error {
	var b []byte
	b = append(b, "RSU1"...)
	put := func(v int) { b = binary.LittleEndian.AppendUint64(b, uint64(int64(v))) }
	put(len(units))
	for _, u := range units {
		for _, k := range u.Key {
			put(k)
		}
		width := 0
		if len(u.Rows) > 0 {
			width = len(u.Rows[0])
		}
		put(len(u.Rows))
		put(width)
		for _, row := range u.Rows {
			if len(row) != width {
				return errors.New("shard: rows of different widths")
			}
			for _, v := range row {
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
			}
		}
		put(len(u.Err))
		b = append(b, u.Err...)
	}
	_, err := w.Write(b)
	return err
}

// readUnits decodes a file of units; the numbers stay in data.
func readUnits(data []byte) ([]shardUnit, error) {
	broken := errors.New("a broken file of units")
	if len(data) < 12 || string(data[:4]) != "RSU1" {
		return nil, errors.New("not a file of units")
	}
	at := 4
	get := func() (int, bool) {
		if at+8 > len(data) {
			return 0, false
		}
		v := int64(binary.LittleEndian.Uint64(data[at:]))
		at += 8
		return int(v), v >= 0 && v <= int64(len(data))
	}
	n, ok := get()
	if !ok {
		return nil, broken
	}
	out := make([]shardUnit, 0, n)
	for range n {
		var u shardUnit
		for k := range u.Key {
			if u.Key[k], ok = get(); !ok {
				return nil, broken
			}
		}
		rows, ok1 := get()
		width, ok2 := get()
		size := rows * width * 8
		if !ok1 || !ok2 || size < 0 || at+size > len(data) {
			return nil, broken
		}
		u.n, u.w, u.raw = rows, width, data[at:at+size:at+size]
		at += size
		msg, ok := get()
		if !ok || at+msg > len(data) {
			return nil, broken
		}
		u.Err = string(data[at : at+msg])
		at += msg
		out = append(out, u)
	}
	if at != len(data) {
		return nil, broken
	}
	return out, nil
}

// shardFiles are a shard's output: its units and the manifest naming
// them with their SHA-256.
func shardFiles(m manifest, units []shardUnit) ([]file, error) {
	var b bytes.Buffer
	if err := writeUnits(&b, units); err != nil {
		return nil, err
	}
	m.Files = map[string]string{unitsFile: digest(b.Bytes())}
	for _, u := range units {
		m.Ran = append(m.Ran, u.Key)
	}
	js, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return []file{{unitsFile, b.Bytes()}, {manifestFile, append(js, '\n')}}, nil
}

// inputDigests are the SHA-256 of the files a command reads (a built-in
// example by its text).
func inputDigests(files map[string][]byte) map[string]string {
	out := map[string]string{}
	for name, data := range files {
		out[name] = digest(data)
	}
	return out
}

// mergeSource is what merge gives a command run again: every unit's
// figures from the shards.
type mergeSource struct {
	units map[[3]int]*shardUnit
	man   manifest
}

// stressSource gives option i's draws of a sharded stress test back to the
// run: a unit's row is the draw's params, then its row of outcomes.
func (m *mergeSource) stressSource(option, nParams int) func(j int, params, row []float64) error {
	return func(j int, params, row []float64) error {
		u, ok := m.units[[3]int{option, j / stressBlock, 0}]
		if !ok || j%stressBlock >= u.draws() {
			return fmt.Errorf("merge: no shard holds draw %d of option %d", j, option)
		}
		if u.w != nParams+len(row) {
			return fmt.Errorf("merge: draw %d holds %d numbers, the run needs %d", j, u.w, nParams+len(row))
		}
		k := j % stressBlock
		at := u.raw[k*u.w*8:]
		for c := range params {
			params[c] = math.Float64frombits(binary.LittleEndian.Uint64(at[c*8:]))
		}
		at = at[nParams*8:]
		for c := range row {
			row[c] = math.Float64frombits(binary.LittleEndian.Uint64(at[c*8:]))
		}
		return nil
	}
}

// loadShards reads and checks the shards' directories: one version, one
// command line, the same inputs (as they are now), seed and draws, every
// index 0..N-1 exactly once, every file as its manifest says. Any problem
// names the directory and nothing is written.
func loadShards(dirs []string, inputsNow func(names map[string]string) (map[string]string, error)) (*mergeSource, error) {
	if len(dirs) == 0 {
		return nil, usagef("name the shards' directories: regiosim merge -o OUT DIR...")
	}
	var first *manifest
	seen := map[int]string{}
	src := &mergeSource{units: map[[3]int]*shardUnit{}}
	var probs []string
	for _, d := range dirs {
		if fi, err := os.Stat(d); err != nil {
			probs = append(probs, fmt.Sprintf("%s: no such directory", d))
			continue
		} else if !fi.IsDir() {
			probs = append(probs, fmt.Sprintf("%s: is a file, not a shard's directory", d))
			continue
		}
		data, err := os.ReadFile(filepath.Join(d, manifestFile))
		if err != nil {
			probs = append(probs, fmt.Sprintf("%s: no %s: not a shard's output", d, manifestFile))
			continue
		}
		var m manifest
		if err := json.Unmarshal(data, &m); err != nil {
			probs = append(probs, fmt.Sprintf("%s: %s is not a manifest: %v", d, manifestFile, err))
			continue
		}
		if first == nil {
			first = &m
		}
		switch {
		case m.Regiosim != first.Regiosim:
			probs = append(probs, fmt.Sprintf("%s: written by regiosim %s, the others by %s", d, m.Regiosim, first.Regiosim))
		case !slices.Equal(m.Args, first.Args):
			probs = append(probs, fmt.Sprintf("%s: a shard of another command (%s, not %s)", d, strings.Join(m.Args, " "), strings.Join(first.Args, " ")))
		case m.Seed != first.Seed || m.Draws != first.Draws || m.Shards != first.Shards || m.Units != first.Units:
			probs = append(probs, fmt.Sprintf("%s: a shard of another run (seed %d, %d draws, %d shards; the others: seed %d, %d draws, %d shards)",
				d, m.Seed, m.Draws, m.Shards, first.Seed, first.Draws, first.Shards))
		case !mapsEqual(m.Inputs, first.Inputs):
			probs = append(probs, fmt.Sprintf("%s: a shard of other input files", d))
		case m.Shard < 0 || m.Shard >= m.Shards:
			probs = append(probs, fmt.Sprintf("%s: shard %d of %d is out of range", d, m.Shard, m.Shards))
		case seen[m.Shard] != "":
			probs = append(probs, fmt.Sprintf("%s: shard %d is there twice (also %s)", d, m.Shard, seen[m.Shard]))
		default:
			seen[m.Shard] = d
			units, err := readShardUnits(d, m)
			if err != nil {
				probs = append(probs, err.Error())
				continue
			}
			for k := range units {
				src.units[units[k].Key] = &units[k]
			}
		}
	}
	if first != nil && len(probs) == 0 {
		for i := 0; i < first.Shards; i++ {
			if seen[i] == "" {
				probs = append(probs, fmt.Sprintf("shard %d of %d is missing", i, first.Shards))
			}
		}
		now, err := inputsNow(first.Inputs)
		if err != nil {
			return nil, err
		}
		if !mapsEqual(now, first.Inputs) {
			probs = append(probs, "the input files differ from those the shards ran on")
		}
	}
	if len(probs) > 0 {
		return nil, errors.New("merge: " + strings.Join(probs, "\nmerge: "))
	}
	src.man = *first
	return src, nil
}

// readShardUnits reads a shard's units, checking them against its manifest.
func readShardUnits(dir string, m manifest) ([]shardUnit, error) {
	data, err := os.ReadFile(filepath.Join(dir, unitsFile))
	if err != nil {
		return nil, fmt.Errorf("%s: no %s", dir, unitsFile)
	}
	if want := m.Files[unitsFile]; want != digest(data) {
		return nil, fmt.Errorf("%s: %s is not the file its manifest names (SHA-256 differs): damaged or changed", dir, unitsFile)
	}
	units, err := readUnits(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %v", dir, unitsFile, err)
	}
	if len(units) != len(m.Ran) {
		return nil, fmt.Errorf("%s: %d units, its manifest lists %d", dir, len(units), len(m.Ran))
	}
	return units, nil
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
