package main

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
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
	"syscall"
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
scale, the discount rate), switches for the instruments (those off in the
file, off = true, too: ticked, they are switched on as a variant's enable
does) and the file's variants as presets. Beside them, on every change: the findings, each
party's net position, the initiatives' funding and gaps, the business
cases, the wrong-pocket matrix and the difference from the file's base case.
The page's address keeps the settings; "save as variant" writes them as a
[[variant]] into a new file in the scenario's folder (the values and
switches that differ from the file only); the report and the workbook of
the current settings can be downloaded.

It listens on 127.0.0.1:8080 (--addr); another address is a warning, for
the page serves anyone who can reach it. Every value from the browser is
checked as a scenario file is. A save from another site's page (its Origin
or Referer) is refused (403), and so, on the loopback address, is any
request naming another host than localhost or a loopback address (DNS
rebinding). Ctrl-C stops it.

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
	host, port, err := net.SplitHostPort(o.addr)
	if err != nil {
		return usagef("--addr %q: write HOST:PORT, e.g. 127.0.0.1:8080", o.addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return usagef("--addr %q: the port %q is not a number of 0..65535 (0: any free port), e.g. 127.0.0.1:8080", o.addr, port)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		if g.lang == "nl" {
			fmt.Fprintf(g.stderr, "waarschuwing: --addr %s is niet het loopback-adres: wie het kan bereiken, ziet het scenario en kan het doorrekenen\n", o.addr)
		} else {
			fmt.Fprintf(g.stderr, "warning: --addr %s is not the loopback address: anyone who can reach it sees the scenario and can run it\n", o.addr)
		}
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			if g.lang == "nl" {
				return fmt.Errorf("kan niet luisteren op %s: de poort is al in gebruik (door een ander programma, of een andere regiosim serve); kies een andere, bijv. --addr %s", o.addr, net.JoinHostPort(host, "0"))
			}
			return fmt.Errorf("cannot listen on %s: the port is in use (by another program, or another regiosim serve); pick another, e.g. --addr %s", o.addr, net.JoinHostPort(host, "0"))
		}
		return fmt.Errorf("cannot listen on %s: %w", o.addr, err)
	}
	srv.listening(ln.Addr())
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
	// addr is where the server listens; loopback, that it listens on the
	// loopback address only, so that a request naming another host (DNS
	// rebinding) is refused.
	addr     string
	loopback bool
}

// listening tells the server the address it listens on.
func (w *whatIf) listening(a net.Addr) {
	w.addr = a.String()
	if ta, ok := a.(*net.TCPAddr); ok {
		w.loopback = ta.IP.IsLoopback()
	}
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
				opts := make([]report.Option, len(words))
				for i, word := range words {
					opts[i] = report.Option{Value: word, Label: word}
				}
				out = append(out, report.Control{Path: p + "profile", Label: name + ": profile", Value: fmt.Sprint(v), FileValue: fmt.Sprint(v), Options: opts})
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

// fileText is a number of the file as a person reads it in l: with as
// many decimals as the file gives, grouped thousands and, in Dutch, a
// decimal comma (0,0225; 1.500.000).
func fileText(l report.Lang, s string) string {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || strings.ContainsAny(s, "eE") {
		return s
	}
	decimals := 0
	if _, frac, ok := strings.Cut(s, "."); ok {
		decimals = len(frac)
	}
	return l.Decimal(v, decimals)
}

// settings are a request's changes to the file: values by path, the
// instruments switched off and those off in the file switched on.
type settings struct {
	set    map[string]any
	off    []string
	enable []string
	lang   string
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
	// The form's switches: a box not ticked is an instrument off, a box
	// ticked for an instrument off in the file (off = true) switches it
	// on, as a variant's enable does.
	if q.Get("switches") != "" {
		on := q["on"]
		for _, in := range w.base.Instruments {
			if in == nil {
				continue
			}
			id := in.Meta().ID
			switch {
			case w.base.Disabled(id):
				if slices.Contains(on, id) {
					st.enable = append(st.enable, id)
				}
			case !slices.Contains(on, id):
				st.off = append(st.off, id)
			}
		}
	}
	for _, id := range q["off"] {
		if !slices.Contains(st.off, id) {
			st.off = append(st.off, id)
		}
	}
	for _, id := range q["enable"] {
		if !slices.Contains(st.enable, id) {
			st.enable = append(st.enable, id)
		}
	}
	slices.Sort(st.off)
	slices.Sort(st.enable)
	return st, probs
}

// changes are the settings that differ from the file: the values not
// equal to the file's, the instruments switched off that are on in the
// file and those switched on that are off in it. They give the same
// scenario as the settings.
func (w *whatIf) changes(st settings) settings {
	out := settings{set: map[string]any{}, lang: st.lang}
	for path, v := range st.set {
		if !w.asInFile(path, v) {
			out.set[path] = v
		}
	}
	for _, id := range st.off {
		if !w.base.Disabled(id) {
			out.off = append(out.off, id)
		}
	}
	for _, id := range st.enable {
		if w.base.Disabled(id) && !slices.Contains(st.off, id) {
			out.enable = append(out.enable, id)
		}
	}
	return out
}

// asInFile reports whether a value is the file's own at that path.
func (w *whatIf) asInFile(path string, v any) bool {
	switch x := v.(type) {
	case float64:
		f, err := w.base.GetFloat(path)
		return err == nil && f == x
	case string:
		f, err := w.base.Get(path)
		return err == nil && fmt.Sprint(f) == x
	}
	return false
}

func (st settings) empty() bool { return len(st.set) == 0 && len(st.off) == 0 && len(st.enable) == 0 }

// apply is the scenario with the settings, checked as a file is.
func (w *whatIf) apply(st settings) (*scenarios.Scenario, error) {
	c := w.base.Copy()
	if err := c.ApplyVariant(&scenarios.Variant{Disable: st.off, Enable: st.enable, Set: st.set}); err != nil {
		return nil, err
	}
	return c, nil
}

// methods are the page's paths and the methods each answers.
var methods = map[string][]string{
	"/":                       {http.MethodGet, http.MethodHead},
	"/assets/page.js":         {http.MethodGet, http.MethodHead},
	"/download/report.html":   {http.MethodGet, http.MethodHead},
	"/download/regiosim.xlsx": {http.MethodGet, http.MethodHead},
	"/save":                   {http.MethodPost},
}

func (w *whatIf) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(rw, r.Body, maxBody)
	rw.Header().Set("X-Content-Type-Options", "nosniff")
	l := w.lang
	if q := r.URL.Query().Get("lang"); q == "nl" || q == "en" {
		l = q
	}
	lang, _ := report.NewLang(l)
	if msg := w.refused(r, lang); msg != "" {
		http.Error(rw, msg, http.StatusForbidden)
		return
	}
	allow, known := methods[r.URL.Path]
	if !known {
		http.NotFound(rw, r)
		return
	}
	if !slices.Contains(allow, r.Method) {
		rw.Header().Set("Allow", strings.Join(allow, ", "))
		http.Error(rw, lang.Tf("page.method", r.Method, strings.Join(allow, ", ")), http.StatusMethodNotAllowed)
		return
	}
	switch {
	case r.URL.Path == "/assets/page.js":
		rw.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		rw.Write(pageJS)
	case r.URL.Path == "/":
		w.page(rw, r, "", 0)
	case r.URL.Path == "/save":
		w.save(rw, r)
	default:
		w.download(rw, r)
	}
}

// refused says why a request is refused, or "": on the loopback address,
// a Host that is not a loopback name or address (a page of another site
// that a DNS rebinding points here); for a request that may change
// something (any method but GET and HEAD), an Origin, or without it a
// Referer, of another host than the request's, or an opaque ("null")
// origin. A request with neither header comes from no page (curl, a
// script) and passes.
func (w *whatIf) refused(r *http.Request, l report.Lang) string {
	if w.loopback && !loopbackHost(r.Host) {
		return l.Tf("page.bad_host", r.Host, w.addr)
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return ""
	}
	from := r.Header.Get("Origin")
	if from == "" {
		from = r.Header.Get("Referer")
	}
	if from == "" {
		return ""
	}
	u, err := url.Parse(from)
	self := withPort(r.Host, "http")
	if r.TLS != nil {
		self = withPort(r.Host, "https")
	}
	if err != nil || u.Host == "" || !strings.EqualFold(withPort(u.Host, u.Scheme), self) {
		return l.Tf("page.refused", from, r.Host, r.Host)
	}
	return ""
}

// loopbackHost reports whether a Host header names this computer:
// localhost or a loopback address, with or without a port.
func loopbackHost(host string) bool {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	}
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// withPort is host:port with the scheme's port when the host has none.
func withPort(host, scheme string) string {
	if _, _, err := net.SplitHostPort(host); err == nil {
		return host
	}
	if scheme == "https" {
		return net.JoinHostPort(strings.Trim(host, "[]"), "443")
	}
	return net.JoinHostPort(strings.Trim(host, "[]"), "80")
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

// page writes the page of the request's settings; saveMsg is what a save
// says, saveStatus its status (0 when there was no save, or it went well).
func (w *whatIf) page(rw http.ResponseWriter, r *http.Request, saveMsg string, saveStatus int) {
	q := r.URL.Query()
	st, probs := w.parse(q)
	// The changes from the file give the same scenario as the settings, in
	// a shorter address, and the same page for the same changes.
	st = w.changes(st)
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
	if status == http.StatusOK && saveStatus != 0 {
		status = saveStatus
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
			case "parties", "initiatives", "coverage", "purchases", "funds", "pools", "wrong_pocket":
				p.Tables = append(p.Tables, named(t, l))
			}
		}
		if !st.empty() {
			now := l.T("page.now")
			c := sim.Compare([]sim.Option{{Name: l.T("page.base"), Result: w.baseRes}, {Name: now, Result: res}})
			ct := l.CompareTables(c)
			if len(ct) > 2 {
				ct = ct[:2]
			}
			for _, t := range ct {
				t = named(t, l)
				// Two options only: the base and these settings, named so
				// rather than by a code.
				t.Columns, t.Rows = dropColumn(t.Columns, t.Rows, "code")
				for i := range t.Columns {
					if strings.HasPrefix(t.Columns[i].Key, "delta_") {
						t.Columns[i].Label = "Δ " + now
					}
				}
				p.Compare = append(p.Compare, t)
			}
		}
	} else {
		p.Header = l.Header(w.baseRes)
	}
	if !p.Partial {
		p.Controls = w.controlsFor(st, l)
		for _, in := range w.base.Instruments {
			if in == nil {
				continue
			}
			id := in.Meta().ID
			sw := report.Switch{ID: id, Label: l.Name(id) + " (" + l.T("page.on") + ")", On: !slices.Contains(st.off, id)}
			if w.base.Disabled(id) {
				// Off in the file: ticked, it is switched on as a
				// variant's enable does.
				sw.Label = l.Name(id) + " (" + l.T("page.on") + "; " + l.T("page.off_file") + ")"
				sw.On = sw.On && slices.Contains(st.enable, id)
			}
			p.Switches = append(p.Switches, sw)
		}
		for _, v := range w.base.Variants {
			vq := url.Values{"lang": {st.lang}}
			for path, val := range v.Set {
				vq.Set("set."+path, fmt.Sprint(val))
			}
			for _, id := range v.Disable {
				vq.Add("off", id)
			}
			for _, id := range v.Enable {
				vq.Add("enable", id)
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
	for _, id := range st.enable {
		q.Add("enable", id)
	}
	return q
}

// idColumns are the columns of the page's tables that hold ids.
var idColumns = map[string]bool{"party": true, "initiative": true, "provider": true, "instrument": true, "buyer": true, "payer": true, "source": true,
	"fund": true, "pool": true}

// named is a table of the page with the names of its parties, initiatives
// and instruments where it has their ids; a party's name column beside
// (the parties and pools tables) then says the same and goes. The table
// itself is not changed.
func named(t *report.Table, l report.Lang) *report.Table {
	c := *t
	c.Columns = slices.Clone(t.Columns)
	c.Rows = make([][]any, len(t.Rows))
	for i, row := range t.Rows {
		row = slices.Clone(row)
		for j, v := range row {
			if id, ok := v.(string); ok && j < len(c.Columns) && idColumns[c.Columns[j].Key] && l.Name(id) != id {
				row[j] = report.Term{Key: id, Label: l.Name(id)}
			}
		}
		c.Rows[i] = row
	}
	if slices.ContainsFunc(c.Columns, func(col report.Column) bool { return col.Key == "party" }) {
		c.Columns, c.Rows = dropColumn(c.Columns, c.Rows, "name")
	}
	return &c
}

// dropColumn is a table's columns and rows without the column of this key.
func dropColumn(cols []report.Column, rows [][]any, key string) ([]report.Column, [][]any) {
	k := slices.IndexFunc(cols, func(c report.Column) bool { return c.Key == key })
	if k < 0 {
		return cols, rows
	}
	cols = slices.Delete(slices.Clone(cols), k, k+1)
	out := make([][]any, len(rows))
	for i, row := range rows {
		if k < len(row) {
			row = slices.Delete(slices.Clone(row), k, k+1)
		}
		out[i] = row
	}
	return cols, out
}

// controlsFor are the controls with the request's values, named in its
// language.
func (w *whatIf) controlsFor(st settings, l report.Lang) []report.Control {
	out := slices.Clone(w.controls)
	for i := range out {
		out[i].Label = capitalize(l.PathText(out[i].Path))
		out[i].FileText = fileText(l, out[i].FileValue)
		if len(out[i].Options) > 0 {
			opts := slices.Clone(out[i].Options)
			for k := range opts {
				opts[k].Label = l.T("profile." + opts[k].Value)
				if opts[k].Value == out[i].FileValue {
					out[i].FileText = opts[k].Label
				}
			}
			out[i].Options = opts
		}
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
// A save refused answers its status with the page and the message: 400
// for a bad name, file name or value, 409 for a file that exists (or the
// scenario itself), 500 for a file that cannot be written.
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
	l, _ := report.NewLang(st.lang)
	name := strings.TrimSpace(r.PostForm.Get("name"))
	file := strings.TrimSpace(r.PostForm.Get("file"))
	msg, status := "", http.StatusBadRequest
	switch {
	case len(probs) > 0:
		msg = l.Tf("page.not_saved", problemText(probs, st.lang))
	case name == "" || len(name) > 80 || strings.ContainsAny(name, "\"\\\n\r"):
		msg = l.T("page.bad_name")
	case !fileName.MatchString(file):
		msg = l.T("page.bad_file")
	}
	if msg == "" {
		if _, err := w.apply(st); err != nil {
			msg = l.Tf("page.not_saved", problemText(err, st.lang))
		}
	}
	target := filepath.Join(w.dir, file)
	if msg == "" {
		status = http.StatusConflict
		if abs, _ := filepath.Abs(target); !strings.HasPrefix(w.base.File, "builtin:") {
			if orig, _ := filepath.Abs(w.base.File); orig == abs {
				msg = l.T("page.is_self")
			}
		}
		if _, err := os.Lstat(target); err == nil && msg == "" {
			msg = l.Tf("page.exists", file)
		}
	}
	if msg == "" {
		text := w.variantText(name, w.changes(st))
		if _, err := scenarios.Parse(file, text); err != nil {
			msg, status = l.Tf("page.not_saved", problemText(err, st.lang)), http.StatusBadRequest
		} else if err := writeNew(target, text); errors.Is(err, fs.ErrExist) {
			msg, status = l.Tf("page.exists", file), http.StatusConflict
		} else if err != nil {
			msg, status = l.Tf("page.not_saved", err.Error()), http.StatusInternalServerError
		} else {
			msg, status = l.Tf("page.saved", target, name), 0
		}
	}
	w.page(rw, r, msg, status)
}

// problemText is an error to show, in Dutch for the Dutch page when it
// is a scenario's problems.
func problemText(err error, lang string) string {
	var ps scenarios.Problems
	if lang == "nl" && errors.As(err, &ps) {
		return ps.Dutch().Error()
	}
	return err.Error()
}

// writeIDs writes `key = ["a", "b"]` for a non-empty list of ids.
func writeIDs(b *bytes.Buffer, key string, ids []string) {
	if len(ids) == 0 {
		return
	}
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = strconv.Quote(id)
	}
	fmt.Fprintf(b, "%s = [%s]\n", key, strings.Join(quoted, ", "))
}

// variantText is the scenario's text with the settings as a [[variant]]:
// give it the changes from the file, so that the variant says only what
// it changes.
func (w *whatIf) variantText(name string, st settings) []byte {
	var b bytes.Buffer
	b.Write(bytes.TrimRight(w.source, "\n"))
	fmt.Fprintf(&b, "\n\n# Saved from regiosim serve.\n[[variant]]\nname = %s\n", strconv.Quote(name))
	writeIDs(&b, "disable", st.off)
	writeIDs(&b, "enable", st.enable)
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
		http.Error(rw, problemText(err, st.lang), http.StatusBadRequest)
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
		return fmt.Errorf("%s: cannot write a new file there: %w", filepath.Base(name), err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
