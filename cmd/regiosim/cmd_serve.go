package main

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/regiosim/regiosim/plots"
	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/spf13/cobra"
)

//go:embed assets/page.js
var pageJS []byte

type serveOptions struct {
	scenario scenarioOptions
	addr     string
	open     bool
}

func newServeCmd(g *globalOptions) *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve [FILE]",
		Short: "A what-if page for the table: change the numbers, watch every party's position follow",
		Long: `Start a local web server with a what-if page for the scenario (without FILE,
the built-in example): sliders and fields for the numbers a table negotiates
(wallet and surcharge rates, a cross-purchase's share, window and
threshold, a phase-out's years and profile, an initiative's cost and savings
scale, the discount rate), switches for the instruments and the file's
variants as presets. Beside them, on every change: the findings, each
party's net position, the initiatives' funding and gaps, the business
cases, the wrong-pocket matrix and the difference from the file's base case.
The page's address keeps the settings; "save as variant" writes them as a
[[variant]] into a new file in the scenario's folder; the report and the
workbook of the current settings can be downloaded.

It listens on 127.0.0.1:8080 (--addr); another address is a warning, for
the page serves anyone who can reach it. Every value from the browser is
checked as a scenario file is. Ctrl-C stops it.

Exit codes: 0 stopped, 1 runtime failure, 2 bad input or usage.`,
		Example: `  regiosim serve
  regiosim serve region.toml --lang nl --open
  regiosim serve --addr 127.0.0.1:9000`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd.Context(), g, o, args)
		},
	}
	o.scenario.addFlags(cmd)
	cmd.Flags().StringVar(&o.addr, "addr", "127.0.0.1:8080", "the address to listen on")
	cmd.Flags().BoolVar(&o.open, "open", false, "open the page in the browser")
	return cmd
}

func runServe(ctx context.Context, g *globalOptions, o *serveOptions, args []string) error {
	s, err := o.scenario.load(args)
	if err != nil {
		return err
	}
	g.warn(s)
	srv, err := newWhatIf(s, g.lang)
	if err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(o.addr)
	if err != nil {
		return usagef("--addr %q: write HOST:PORT, e.g. 127.0.0.1:8080", o.addr)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(g.stderr, "warning: --addr %s is not the loopback address: anyone who can reach it sees the scenario and can run it\n", o.addr)
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", o.addr, err)
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(g.stdout, "regiosim serves %s at %s (Ctrl-C stops it)\n", s.Name(), url)
	if o.open {
		openBrowser(url)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 64 << 10}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func openBrowser(url string) {
	name, args := "xdg-open", []string{url}
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", url}
	}
	exec.Command(name, args...).Start()
}

// whatIf is the page's server: one scenario, checked values, bounded work.
type whatIf struct {
	base     *scenarios.Scenario
	baseRes  *sim.Result
	lang     string
	controls []report.Control
	words    map[string][]string // paths that take a word, and the words
	slots    chan struct{}       // bounds the runs at once
	dir      string              // where "save as variant" may write
	source   []byte              // the scenario's text
	cache    pageCache           // pages of settings shown before
}

// pageCache keeps the last pages by their settings: a slider moved back
// and forth asks for the same settings again.
type pageCache struct {
	mu    sync.Mutex
	pages map[string]cachedPage
	order []string
}

type cachedPage struct {
	status int
	body   []byte
}

const cachedPages = 512

func (c *pageCache) get(key string) (cachedPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[key]
	return p, ok
}

func (c *pageCache) put(key string, p cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil {
		c.pages = map[string]cachedPage{}
	}
	if _, ok := c.pages[key]; ok {
		return
	}
	if len(c.order) >= cachedPages {
		delete(c.pages, c.order[0])
		c.order = c.order[1:]
	}
	c.pages[key] = p
	c.order = append(c.order, key)
}

// maxBody bounds a request's body.
const maxBody = 16 << 10

func newWhatIf(s *scenarios.Scenario, lang string) (*whatIf, error) {
	w := &whatIf{base: s, lang: lang, words: map[string][]string{}, slots: make(chan struct{}, 2*runtime.GOMAXPROCS(0))}
	var err error
	if w.baseRes, err = sim.Run(s, sim.Options{}); err != nil {
		return nil, err
	}
	if w.source, err = inputText(s.File); err != nil {
		return nil, err
	}
	w.dir = "."
	if !strings.HasPrefix(s.File, "builtin:") {
		w.dir = filepath.Dir(s.File)
	}
	w.controls = w.negotiable()
	return w, nil
}

// negotiable are the numbers a table talks about, with their ranges.
func (w *whatIf) negotiable() []report.Control {
	s := w.base
	var out []report.Control
	add := func(path, label string, lo, hi, step float64) {
		v, err := s.GetFloat(path)
		if err != nil {
			return
		}
		if r, err := s.Range(path); err == nil {
			lo, hi = math.Max(lo, r.Min), math.Min(hi, r.Max)
		}
		hi = math.Max(hi, v)
		out = append(out, report.Control{Path: path, Label: label, Value: num(v), FileValue: num(v), Min: num(lo), Max: num(hi), Step: num(step)})
	}
	add("region.discount_rate", "discount rate", 0, 0.1, 0.0005)
	for _, in := range s.Instruments {
		if in == nil {
			continue
		}
		id, name := in.Meta().ID, in.Meta().Label()
		p := "instrument." + id + "."
		switch in.Meta().Type {
		case "wallet":
			add(p+"rate", name+": rate", 0, 0.02, 0.0001)
			for _, path := range s.Paths() {
				if strings.HasPrefix(path, p+"rates.") {
					add(path, name+": rate of "+strings.TrimPrefix(path, p+"rates."), 0, 0.02, 0.0001)
				}
			}
		case "surcharge":
			add(p+"rate", name+": rate", 0, 0.1, 0.0005)
		case "cross_purchase":
			add(p+"share", name+": share", 0.05, 1, 0.05)
			add(p+"window", name+": window (years)", 1, 20, 1)
			add(p+"threshold", name+": threshold", 0.1, 3, 0.05)
		case "phase_out":
			add(p+"years", name+": years", 1, 30, 1)
			if v, err := s.Get(p + "profile"); err == nil {
				words := []string{"annuity", "linear", "cliff"}
				w.words[p+"profile"] = words
				out = append(out, report.Control{Path: p + "profile", Label: name + ": profile", Value: fmt.Sprint(v), FileValue: fmt.Sprint(v), Options: words})
			}
		}
	}
	for _, in := range s.Initiatives {
		p := "initiative." + in.ID + "."
		label := in.ID
		if in.Name != "" {
			label = in.Name
		}
		add(p+"cost", label+": cost", 0, 3*in.Cost, math.Max(1000, math.Round(in.Cost/100)))
		add(p+"savings_scale", label+": savings scale", 0, 3, 0.05)
	}
	return out
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// settings are a request's changes to the file: values by path and the
// instruments switched off.
type settings struct {
	set  map[string]any
	off  []string
	lang string
}

// parse reads the settings from the query, checking each value's type.
func (w *whatIf) parse(q url.Values) (settings, scenarios.Problems) {
	st := settings{set: map[string]any{}, lang: w.lang}
	if l := q.Get("lang"); l == "nl" || l == "en" {
		st.lang = l
	}
	var probs scenarios.Problems
	for key, vals := range q {
		path, ok := strings.CutPrefix(key, "set.")
		if !ok || len(vals) == 0 {
			continue
		}
		v := strings.TrimSpace(vals[len(vals)-1])
		if words, isWord := w.words[path]; isWord {
			if !slices.Contains(words, v) {
				probs = append(probs, scenarios.Problem{Key: path, Msg: fmt.Sprintf("%q is not one of %s", v, strings.Join(words, ", "))})
				continue
			}
			st.set[path] = v
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			probs = append(probs, scenarios.Problem{Key: path, Msg: fmt.Sprintf("%q is not a number", v)})
			continue
		}
		st.set[path] = x
	}
	if q.Get("switches") != "" {
		on := q["on"]
		for _, in := range w.base.Instruments {
			if in != nil && !w.base.Disabled(in.Meta().ID) && !slices.Contains(on, in.Meta().ID) {
				st.off = append(st.off, in.Meta().ID)
			}
		}
	}
	for _, id := range q["off"] {
		if !slices.Contains(st.off, id) {
			st.off = append(st.off, id)
		}
	}
	slices.Sort(st.off)
	return st, probs
}

// apply is the scenario with the settings, checked as a file is.
func (w *whatIf) apply(st settings) (*scenarios.Scenario, error) {
	c := w.base.Copy()
	if err := c.Apply(st.off, st.set); err != nil {
		return nil, err
	}
	return c, nil
}

func (w *whatIf) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(rw, r.Body, maxBody)
	rw.Header().Set("X-Content-Type-Options", "nosniff")
	switch {
	case r.URL.Path == "/assets/page.js":
		rw.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		rw.Write(pageJS)
	case r.URL.Path == "/" && r.Method == http.MethodGet:
		w.page(rw, r, "")
	case r.URL.Path == "/save" && r.Method == http.MethodPost:
		w.save(rw, r)
	case strings.HasPrefix(r.URL.Path, "/download/") && r.Method == http.MethodGet:
		w.download(rw, r)
	default:
		http.NotFound(rw, r)
	}
}

// run runs a scenario within the bound on runs at once.
func (w *whatIf) run(ctx context.Context, s *scenarios.Scenario) (*sim.Result, error) {
	select {
	case w.slots <- struct{}{}:
		defer func() { <-w.slots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return sim.Run(s, sim.Options{})
}

// pageCharts are the charts the page redraws.
var pageCharts = []string{"funding", "cumulative_net", "coverage"}

func (w *whatIf) page(rw http.ResponseWriter, r *http.Request, saveMsg string) {
	q := r.URL.Query()
	st, probs := w.parse(q)
	key := ""
	if saveMsg == "" && len(probs) == 0 {
		key = w.query(st).Encode() + "&partial=" + q.Get("partial")
		if cp, ok := w.cache.get(key); ok {
			writePage(rw, cp)
			return
		}
	}
	l, _ := report.NewLang(st.lang)
	l = l.WithNames(w.base.Names())
	p := report.Page{Scenario: w.base.Name(), Lang: st.lang, Partial: q.Get("partial") != "", SaveMessage: saveMsg}
	p.Query = w.query(st).Encode()
	other := "nl"
	if st.lang == "nl" {
		other = "en"
	}
	oq := w.query(st)
	oq.Set("lang", other)
	p.OtherLang, p.OtherQuery = strings.ToUpper(other), oq.Encode()
	status := http.StatusOK
	var res *sim.Result
	if len(probs) == 0 {
		s, err := w.apply(st)
		if err == nil {
			res, err = w.run(r.Context(), s)
		}
		if err != nil {
			var ps scenarios.Problems
			if errors.As(err, &ps) {
				probs = ps
			} else {
				probs = scenarios.Problems{{Msg: err.Error()}}
			}
		}
	}
	if len(probs) > 0 {
		status = http.StatusBadRequest
		for _, pr := range probs {
			if st.lang == "nl" {
				pr = pr.Dutch()
			}
			p.Problems = append(p.Problems, pr.String())
		}
		res = nil
	}
	if res != nil {
		p.Header = l.Header(res)
		p.Findings = l.Findings(res)
		charts, err := plots.AllSVG(res, l, pageCharts...)
		if err == nil {
			for _, c := range charts {
				p.Figures = append(p.Figures, report.Figure{Name: c.Name, Title: c.Title, SVG: c.SVG})
			}
		}
		for _, t := range l.RunTables(res) {
			switch t.Name {
			case "parties", "initiatives", "coverage", "purchases", "wrong_pocket":
				p.Tables = append(p.Tables, t)
			}
		}
		if len(st.set) > 0 || len(st.off) > 0 {
			c := sim.Compare([]sim.Option{{Name: l.T("page.base"), Result: w.baseRes}, {Name: "now", Result: res}})
			ct := l.CompareTables(c)
			if len(ct) > 2 {
				ct = ct[:2]
			}
			p.Compare = ct
		}
	} else {
		p.Header = l.Header(w.baseRes)
	}
	if !p.Partial {
		p.Controls = w.controlsFor(st, l)
		for _, in := range w.base.Instruments {
			if in != nil && !w.base.Disabled(in.Meta().ID) {
				p.Switches = append(p.Switches, report.Switch{ID: in.Meta().ID, Label: in.Meta().Label() + " (" + l.T("page.on") + ")", On: !slices.Contains(st.off, in.Meta().ID)})
			}
		}
		for _, v := range w.base.Variants {
			vq := url.Values{"lang": {st.lang}}
			for path, val := range v.Set {
				vq.Set("set."+path, fmt.Sprint(val))
			}
			for _, id := range v.Disable {
				vq.Add("off", id)
			}
			if len(v.Enable) > 0 {
				continue // a variant that switches on an instrument has no switch here
			}
			p.Presets = append(p.Presets, report.Preset{Name: v.Name, Href: "/?" + vq.Encode()})
		}
	}
	var b bytes.Buffer
	if err := l.WritePage(&b, p); err != nil {
		http.Error(rw, err.Error(), http.StatusInternalServerError)
		return
	}
	cp := cachedPage{status, b.Bytes()}
	if key != "" {
		w.cache.put(key, cp)
	}
	writePage(rw, cp)
}

func writePage(rw http.ResponseWriter, p cachedPage) {
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:")
	rw.WriteHeader(p.status)
	rw.Write(p.body)
}

// query encodes the settings for an address.
func (w *whatIf) query(st settings) url.Values {
	q := url.Values{"lang": {st.lang}}
	for path, v := range st.set {
		q.Set("set."+path, fmt.Sprint(v))
	}
	for _, id := range st.off {
		q.Add("off", id)
	}
	return q
}

// controlsFor are the controls with the request's values, named in its
// language.
func (w *whatIf) controlsFor(st settings, l report.Lang) []report.Control {
	out := slices.Clone(w.controls)
	for i := range out {
		out[i].Label = capitalize(l.PathText(out[i].Path))
		if v, ok := st.set[out[i].Path]; ok {
			out[i].Value = fmt.Sprint(v)
			out[i].Changed = out[i].Value != out[i].FileValue
		}
	}
	return out
}

// fileName is a plain new file name in the scenario's folder.
var fileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.toml$`)

// save writes the settings as a [[variant]] into a copy of the scenario.
func (w *whatIf) save(rw http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			http.Error(rw, "the request is too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(rw, err.Error(), http.StatusBadRequest)
		return
	}
	st, probs := w.parse(r.URL.Query())
	name := strings.TrimSpace(r.PostForm.Get("name"))
	file := strings.TrimSpace(r.PostForm.Get("file"))
	msg := ""
	switch {
	case len(probs) > 0:
		msg = probs.Error()
	case name == "" || len(name) > 80 || strings.ContainsAny(name, "\"\\\n\r"):
		msg = "give the variant a name of up to 80 characters, without quotes"
	case !fileName.MatchString(file):
		msg = "give a plain new file name ending in .toml, such as region-with-deal.toml (no folders)"
	}
	target := filepath.Join(w.dir, file)
	if msg == "" {
		if abs, _ := filepath.Abs(target); !strings.HasPrefix(w.base.File, "builtin:") {
			if orig, _ := filepath.Abs(w.base.File); orig == abs {
				msg = "that is the scenario itself: give a new name"
			}
		}
		if _, err := os.Stat(target); err == nil && msg == "" {
			msg = fmt.Sprintf("%s exists already: give a new name", file)
		}
	}
	if msg == "" {
		text := w.variantText(name, st)
		if _, err := scenarios.Parse(file, text); err != nil {
			msg = err.Error()
		} else if err := writeNew(target, text); err != nil {
			msg = err.Error()
		} else {
			msg = fmt.Sprintf("saved: %s, with the variant %q", target, name)
		}
	}
	w.page(rw, r, msg)
}

// variantText is the scenario's text with the settings as a [[variant]].
func (w *whatIf) variantText(name string, st settings) []byte {
	var b bytes.Buffer
	b.Write(bytes.TrimRight(w.source, "\n"))
	fmt.Fprintf(&b, "\n\n# Saved from regiosim serve.\n[[variant]]\nname = %s\n", strconv.Quote(name))
	if len(st.off) > 0 {
		b.WriteString("disable = [")
		for i, id := range st.off {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Quote(id))
		}
		b.WriteString("]\n")
	}
	if len(st.set) > 0 {
		paths := make([]string, 0, len(st.set))
		for p := range st.set {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		b.WriteString("set = { ")
		for i, p := range paths {
			if i > 0 {
				b.WriteString(", ")
			}
			switch v := st.set[p].(type) {
			case string:
				fmt.Fprintf(&b, "%s = %s", strconv.Quote(p), strconv.Quote(v))
			case float64:
				fmt.Fprintf(&b, "%s = %s", strconv.Quote(p), strconv.FormatFloat(v, 'g', -1, 64))
			}
		}
		b.WriteString(" }\n")
	}
	return b.Bytes()
}

// download gives the HTML report or the workbook of the current settings.
func (w *whatIf) download(rw http.ResponseWriter, r *http.Request) {
	st, probs := w.parse(r.URL.Query())
	var s *scenarios.Scenario
	var err error
	if len(probs) == 0 {
		s, err = w.apply(st)
	} else {
		err = probs
	}
	var res *sim.Result
	if err == nil {
		res, err = w.run(r.Context(), s)
	}
	if err != nil {
		http.Error(rw, err.Error(), http.StatusBadRequest)
		return
	}
	l, _ := report.NewLang(st.lang)
	l = l.WithNames(w.base.Names())
	tables := l.RunTables(res)
	var b bytes.Buffer
	switch strings.TrimPrefix(r.URL.Path, "/download/") {
	case "report.html":
		charts, err := plots.AllSVG(res, l)
		if err == nil {
			overview, _ := selectTables(tables, nil, false, "table")
			err = l.WriteHTML(&b, report.Document{Result: res, Assumptions: s.Assumptions(), Figures: figures(charts), Tables: overview,
				Generated: time.Now(), Version: version()})
		}
		if err != nil {
			http.Error(rw, err.Error(), http.StatusInternalServerError)
			return
		}
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		rw.Header().Set("Content-Disposition", `attachment; filename="report.html"`)
	case "regiosim.xlsx":
		if err := l.WriteXLSX(&b, tables, s.Assumptions()); err != nil {
			http.Error(rw, err.Error(), http.StatusInternalServerError)
			return
		}
		rw.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		rw.Header().Set("Content-Disposition", `attachment; filename="regiosim.xlsx"`)
	default:
		http.NotFound(rw, r)
		return
	}
	rw.Write(b.Bytes())
}

// writeNew writes a file that must not exist yet: no link is followed,
// nothing is overwritten (O_EXCL).
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("%s: cannot write a new file there (it exists, or is a link)", filepath.Base(name))
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
