package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The files that run regiosim on a cluster (deploy/README.md): they are not
// run here (no cluster, no network), but checked for what the README and
// the CLI rely on.

// deployFile reads a file of the repository, from its root.
func deployFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDeployShellScripts: the Slurm scripts parse (bash -n), stop at the
// first error, and submit what the README says.
func TestDeployShellScripts(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("bash is not installed; CI must check the Slurm scripts")
		}
		t.Skip("bash is not installed")
	}
	for _, script := range []string{"deploy/slurm/array.sh", "deploy/slurm/submit.sh"} {
		path := filepath.Join("..", "..", filepath.FromSlash(script))
		if out, err := exec.Command(bash, "-n", path).CombinedOutput(); err != nil {
			t.Errorf("bash -n %s: %v\n%s", script, err, out)
		}
		text := deployFile(t, script)
		if !strings.HasPrefix(text, "#!/usr/bin/env bash\n") {
			t.Errorf("%s: does not start with #!/usr/bin/env bash", script)
		}
		if !regexp.MustCompile(`(?m)^set -euo pipefail$`).MatchString(text) {
			t.Errorf("%s: no set -euo pipefail", script)
		}
	}

	array := deployFile(t, "deploy/slurm/array.sh")
	// sbatch reads #SBATCH lines only above the first command.
	head, _, _ := strings.Cut(array, "\nset -euo pipefail\n")
	for _, want := range []string{"#SBATCH --array=1-8", "#SBATCH --cpus-per-task=2"} {
		if !slices.Contains(strings.Split(head, "\n"), want) {
			t.Errorf("array.sh: no %q above its first command", want)
		}
	}
	wantRun := `regiosim batch --example national --stress --draws 100000 -o "shards/${SLURM_ARRAY_TASK_ID}"`
	if !strings.Contains(array, "\n"+wantRun) {
		t.Errorf("array.sh does not run %s", wantRun)
	}
	// The task's index comes from Slurm's variables, not from a --shard or
	// --shards that the script works out itself.
	for _, l := range strings.Split(array, "\n") {
		if !strings.HasPrefix(l, "#") && strings.Contains(l, "--shard") {
			t.Errorf("array.sh gives regiosim a shard of its own (%q); regiosim reads SLURM_ARRAY_TASK_*", l)
		}
	}

	submit := deployFile(t, "deploy/slurm/submit.sh")
	for _, want := range []string{
		`sbatch --parsable "$here/array.sh"`,
		`--dependency="afterok:$jobid"`,
		`--wrap 'regiosim merge -o merged shards/*'`,
		"mkdir -p logs shards",
	} {
		if !strings.Contains(submit, want) {
			t.Errorf("submit.sh: no %s", want)
		}
	}
}

// yamlDoc is one document of a multi-document YAML file, as its lines
// without comments and trailing blanks.
type yamlDoc []string

func (d yamlDoc) has(line string) bool {
	return slices.ContainsFunc(d, func(l string) bool { return strings.TrimSpace(l) == line })
}

// list returns the items of the block list under the first key line
// "key:" (each "- item" one level below it), unquoted.
func (d yamlDoc) list(key string) []string {
	for i, l := range d {
		if strings.TrimSpace(l) != key+":" {
			continue
		}
		indent := len(l) - len(strings.TrimLeft(l, " "))
		var items []string
		for _, m := range d[i+1:] {
			mi := len(m) - len(strings.TrimLeft(m, " "))
			item, ok := strings.CutPrefix(strings.TrimSpace(m), "- ")
			if !ok || mi < indent || mi > indent+2 {
				break // the list ended, or it is not a list of scalars
			}
			items = append(items, strings.Trim(item, `"'`))
		}
		return items
	}
	return nil
}

// deployDocs splits the Kubernetes file on its "---" lines.
func deployDocs(t *testing.T) []yamlDoc {
	t.Helper()
	text := deployFile(t, "deploy/kubernetes/indexed-job.yaml")
	var docs []yamlDoc
	for _, part := range strings.Split(text, "\n---\n") {
		var d yamlDoc
		for _, l := range strings.Split(part, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "#") {
				continue
			}
			if i := strings.Index(l, " #"); i >= 0 && !strings.ContainsAny(l[:i], `"'`) {
				l = l[:i]
			}
			if l = strings.TrimRight(l, " \t"); l != "" {
				d = append(d, l)
			}
		}
		if len(d) > 0 {
			docs = append(docs, d)
		}
	}
	return docs
}

// docNamed returns the document of that kind and name.
func docNamed(docs []yamlDoc, kind, name string) yamlDoc {
	for _, d := range docs {
		if d.has("kind: "+kind) && d.has("name: "+name) {
			return d
		}
	}
	return nil
}

// TestDeployKubernetes: the file holds the volume, the Indexed Job of 8
// shards and the merge Job over exactly those 8 shards, each step with the
// label that the README's kubectl apply -l picks.
func TestDeployKubernetes(t *testing.T) {
	docs := deployDocs(t)
	for i, d := range docs {
		if !slices.ContainsFunc(d, func(l string) bool { return strings.HasPrefix(l, "apiVersion: ") }) ||
			!slices.ContainsFunc(d, func(l string) bool { return strings.HasPrefix(l, "kind: ") }) {
			t.Errorf("document %d has no apiVersion or kind at its top:\n%s", i+1, strings.Join(d, "\n"))
		}
		for _, l := range d {
			if strings.Contains(l, "\t") {
				t.Errorf("document %d: a tab in %q (YAML indents with spaces)", i+1, l)
			}
		}
	}

	pvc := docNamed(docs, "PersistentVolumeClaim", "regiosim-out")
	if pvc == nil {
		t.Fatal("no PersistentVolumeClaim regiosim-out")
	}
	if got := pvc.list("accessModes"); !slices.Equal(got, []string{"ReadWriteMany"}) {
		t.Errorf("the volume's accessModes are %q, want ReadWriteMany (8 pods write at once)", got)
	}

	shards := docNamed(docs, "Job", "regiosim-shards")
	if shards == nil {
		t.Fatal("no Job regiosim-shards")
	}
	for _, want := range []string{
		"apiVersion: batch/v1",
		"completionMode: Indexed",
		"completions: 8",
		"parallelism: 8",
		"backoffLimitPerIndex: 3",
		"restartPolicy: Never",
		"mountPath: /out",
		"claimName: regiosim-out",
		"regiosim-step: run",
		"requests:",
	} {
		if !shards.has(want) {
			t.Errorf("Job regiosim-shards: no line %q", want)
		}
	}
	args := shards.list("args")
	wantArgs := []string{"batch", "--example", "national", "--stress", "--draws", "100000", "--shards", "8", "-o", "/out/shard-$(JOB_COMPLETION_INDEX)"}
	if !slices.Equal(args, wantArgs) {
		t.Errorf("Job regiosim-shards runs %q, want %q", args, wantArgs)
	}
	if i := slices.Index(args, "--shards"); i < 0 || i+1 >= len(args) || args[i+1] != "8" {
		t.Errorf("Job regiosim-shards: --shards is not followed by 8 (= completions): %q", args)
	}
	// Numbers in args must be quoted: a container's args are strings.
	for _, l := range shards {
		if item, ok := strings.CutPrefix(strings.TrimSpace(l), "- "); ok && regexp.MustCompile(`^[0-9]+$`).MatchString(item) {
			t.Errorf("Job regiosim-shards: %q is a number, not a string; quote it", l)
		}
	}
	if slices.ContainsFunc(shards, func(l string) bool {
		s := strings.TrimSpace(l)
		return strings.HasPrefix(s, "command:") || s == "- sh" || s == "- /bin/sh" || s == "- -c"
	}) {
		t.Error("Job regiosim-shards runs a shell; the image has none: give args only")
	}

	merge := docNamed(docs, "Job", "regiosim-merge")
	if merge == nil {
		t.Fatal("no Job regiosim-merge")
	}
	for _, want := range []string{"restartPolicy: Never", "mountPath: /out", "claimName: regiosim-out", "regiosim-step: merge"} {
		if !merge.has(want) {
			t.Errorf("Job regiosim-merge: no line %q", want)
		}
	}
	if merge.has("completionMode: Indexed") {
		t.Error("Job regiosim-merge is indexed; it is one pod")
	}
	wantMerge := []string{"merge", "-o", "/out/merged"}
	for i := range 8 {
		wantMerge = append(wantMerge, "/out/shard-"+string(rune('0'+i)))
	}
	if got := merge.list("args"); !slices.Equal(got, wantMerge) {
		t.Errorf("Job regiosim-merge runs %q, want %q", got, wantMerge)
	}

	// The merge must not start with the shards: the README applies the
	// steps one by one with -l regiosim-step=...
	for _, d := range docs {
		if d.has("regiosim-step: run") && d.has("regiosim-step: merge") {
			t.Errorf("one document is labelled for both steps:\n%s", strings.Join(d, "\n"))
		}
	}
	readme := deployFile(t, "deploy/README.md")
	for _, want := range []string{
		"-l regiosim-step=run",
		"kubectl wait --for=condition=complete",
		"job/regiosim-shards",
		"-l regiosim-step=merge",
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("deploy/README.md does not say %q", want)
		}
	}
}

// TestDeployDockerfile: the image builds ./cmd/regiosim statically with the
// Go of go.mod, and runs the binary. (No image is built here: the test has
// no network.)
func TestDeployDockerfile(t *testing.T) {
	df := deployFile(t, "Dockerfile")
	var froms []string
	var build string
	for _, l := range strings.Split(df, "\n") {
		l = strings.TrimSpace(l)
		if f, ok := strings.CutPrefix(l, "FROM "); ok {
			froms = append(froms, f)
		}
		if strings.HasPrefix(l, "RUN ") && strings.Contains(l, "go build") {
			build = l
		}
	}
	if len(froms) != 2 {
		t.Fatalf("Dockerfile has %d stages, want 2 (build, final): %q", len(froms), froms)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(deployFile(t, "go.mod"))
	if goVersion == nil {
		t.Fatal("go.mod has no go line")
	}
	if want := "golang:" + goVersion[1] + " AS build"; froms[0] != want {
		t.Errorf("build stage is FROM %s, want FROM %s (the Go of go.mod)", froms[0], want)
	}
	if froms[1] != "gcr.io/distroless/static-debian12:nonroot" && froms[1] != "scratch" {
		t.Errorf("final stage is FROM %s, want distroless static or scratch", froms[1])
	}
	for _, want := range []string{"CGO_ENABLED=0 ", "go build ", " -trimpath ", " -ldflags=\"-s -w -X main.buildVersion=${VERSION}\" ", " -o /regiosim ", " ./cmd/regiosim"} {
		if !strings.Contains(build+" ", want) {
			t.Errorf("Dockerfile's build %q lacks %q", build, strings.TrimSpace(want))
		}
	}
	for _, want := range []string{"COPY --from=build /regiosim /regiosim", `ENTRYPOINT ["/regiosim"]`} {
		if !strings.Contains(df, "\n"+want+"\n") {
			t.Errorf("Dockerfile has no line %s", want)
		}
	}

	ignore := strings.Split(deployFile(t, ".dockerignore"), "\n")
	for _, want := range []string{".git", "out", "shards", "merged"} {
		if !slices.Contains(ignore, want) {
			t.Errorf(".dockerignore does not exclude %s", want)
		}
	}
	// What the build needs stays in the context.
	for _, need := range []string{"go.mod", "go.sum", "cmd", "scenarios", "plots", "report", "sim", "instruments"} {
		if slices.Contains(ignore, need) || slices.Contains(ignore, "/"+need) {
			t.Errorf(".dockerignore excludes %s, which the build needs", need)
		}
	}
}
