package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
)

// Output formats.
var formats = []string{"table", "csv", "json", "markdown"}

func checkFormat(f string) error {
	for _, x := range formats {
		if f == x {
			return nil
		}
	}
	hint := scenarios.Suggest(f, formats)
	if hint != "" {
		hint = "; " + hint
	}
	return usagef("--format %q: use one of %s%s", f, strings.Join(formats, ", "), hint)
}

// selectTables picks tables by name, or the overview tables when names is
// empty (all tables when all is set). For people (format table or
// markdown) a table without rows is left out; programs (csv) get it as a
// header.
func selectTables(tables []*report.Table, names []string, all bool, format string) ([]*report.Table, error) {
	if len(names) == 0 {
		var out []*report.Table
		for _, t := range tables {
			if (all || !t.Detail) && (len(t.Rows) > 0 || format == "csv") {
				out = append(out, t)
			}
		}
		return out, nil
	}
	var known []string
	byName := map[string]*report.Table{}
	for _, t := range tables {
		known = append(known, t.Name)
		byName[t.Name] = t
	}
	var out []*report.Table
	for _, n := range names {
		t, ok := byName[n]
		if !ok {
			hint := scenarios.Suggest(n, known)
			if hint != "" {
				hint = "; " + hint
			}
			return nil, usagef("--table %q: no such table (tables: %s)%s", n, strings.Join(known, ", "), hint)
		}
		out = append(out, t)
	}
	return out, nil
}

// renderTables writes tables in a format for a person or a program.
func renderTables(w io.Writer, l report.Lang, header string, tables []*report.Table, format string) error {
	return renderTablesColor(w, l, header, tables, format, false)
}

// renderTablesColor is renderTables with differences coloured on a terminal.
func renderTablesColor(w io.Writer, l report.Lang, header string, tables []*report.Table, format string, color bool) error {
	var b bytes.Buffer
	switch format {
	case "table":
		if header != "" {
			b.WriteString(header + "\n\n")
		}
		for i, t := range tables {
			if i > 0 {
				b.WriteString("\n")
			}
			if err := l.WriteTextColor(&b, t, color); err != nil {
				return err
			}
		}
	case "markdown":
		if header != "" {
			b.WriteString("## " + header + "\n\n")
		}
		for _, t := range tables {
			if err := l.WriteMarkdown(&b, t); err != nil {
				return err
			}
		}
	case "csv":
		for i, t := range tables {
			if len(tables) > 1 {
				if i > 0 {
					b.WriteString("\n")
				}
				b.WriteString("# " + t.Name + "\n")
			}
			if err := report.WriteCSV(&b, t); err != nil {
				return err
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// file is one output file, rendered in memory before anything is written.
type file struct {
	name string
	data []byte
}

// csvFiles renders every table as name.csv.
func csvFiles(tables []*report.Table) ([]file, error) {
	var out []file
	for _, t := range tables {
		var b bytes.Buffer
		if err := report.WriteCSV(&b, t); err != nil {
			return nil, err
		}
		out = append(out, file{t.Name + ".csv", b.Bytes()})
	}
	return out, nil
}

// marker is the file that marks a directory as regiosim's output, so that
// a later run may replace it whole.
const marker = ".regiosim-output"

// writeDir writes files into dir so that no half-written output remains:
// everything goes to a temporary directory beside dir first; only when all
// files are complete does it take dir's place, in one rename. A dir from an
// earlier run (it holds the marker file) is replaced whole, so no stale
// files stay behind; a dir that holds anything else is left alone and is an
// error.
func writeDir(dir string, files []file) error {
	return writeDirWith(dir, func(string) ([]file, error) { return files, nil })
}

// writeDirWith is writeDir for output made while it is written: fill
// checks dir first, then runs with the temporary directory, where it may
// write large files itself (a stress test's draws), and returns the other
// files. On any error nothing of it is left.
func writeDirWith(dir string, fill func(tmp string) ([]file, error)) (err error) {
	dir = filepath.Clean(dir)
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if wd, err := os.Getwd(); err == nil && (abs == wd || strings.HasPrefix(wd, abs+string(filepath.Separator))) {
		return usagef("-o %s: that is the current directory or one above it; name a directory below it, e.g. -o out", dir)
	}
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return usagef("-o %s: is a symbolic link; name the directory itself", dir)
	}
	if fi, err := os.Stat(dir); err == nil {
		if !fi.IsDir() {
			return usagef("-o %s: exists and is not a directory", dir)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		if _, err := os.Stat(filepath.Join(dir, marker)); len(entries) > 0 && err != nil {
			return usagef("-o %s: the directory holds files that regiosim did not write; name a new or empty directory", dir)
		}
	}
	parent := filepath.Dir(dir)
	for p := parent; ; p = filepath.Dir(p) {
		// A file where a directory of the path should be is a mistake in
		// -o, not a failure to write.
		if fi, err := os.Stat(p); err == nil {
			if !fi.IsDir() {
				return usagef("-o %s: %s is a file, not a directory", dir, p)
			}
			break
		}
		if filepath.Dir(p) == p {
			break
		}
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, ".regiosim-*")
	if err != nil {
		return fmt.Errorf("cannot write to %s: %w", parent, err)
	}
	defer os.RemoveAll(tmp)
	files, err := fill(tmp)
	if err != nil {
		return err
	}
	files = append(files, file{marker, []byte("This directory was written by regiosim; a new run with -o replaces it whole.\n")})
	for _, f := range files {
		p := filepath.Join(tmp, f.name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return fmt.Errorf("cannot write %s: %w", f.name, err)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	// Move an earlier output aside, put the new one in its place, and only
	// then remove the old one; if the swap fails, the old one comes back.
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("cannot replace %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("cannot write %s: %w", dir, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}
