package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

func newTestServer(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	src, err := scenarios.ExampleSource("realistic")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "region.toml")
	os.WriteFile(file, src, 0o644)
	s, err := scenarios.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	w, err := newWhatIf(s, "en")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(w)
	t.Cleanup(srv.Close)
	return srv
}

// TestServeHTTP: a good change answers 200 with the results; a value out
// of range or not a number 400 with the message validate gives; an
// oversized body 413; a path outside the page's own 404; the default
// address is the loopback.
func TestServeHTTP(t *testing.T) {
	srv := newTestServer(t, t.TempDir())
	get := func(q string) (int, string) {
		resp, err := http.Get(srv.URL + q)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		buf := make([]byte, 32<<10)
		for {
			n, err := resp.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		return resp.StatusCode, b.String()
	}
	if code, body := get("/?set.instrument.portemonnee.rate=0.001&partial=1"); code != 200 || !strings.Contains(body, `id="findings"`) {
		t.Errorf("a good change: %d", code)
	}
	// A page loaded from a link keeps its settings in the language link,
	// the downloads and the save form (not escaped into one key).
	if _, body := get("/?lang=en&set.instrument.portemonnee.rate=0.001"); !strings.Contains(body, `href="/download/report.html?lang=en&amp;set.instrument.portemonnee.rate=0.001"`) ||
		!strings.Contains(body, `href="/?lang=nl&amp;set.instrument.portemonnee.rate=0.001"`) || !strings.Contains(body, `action="/save?lang=en&amp;set.instrument.portemonnee.rate=0.001"`) {
		t.Errorf("the page's links lose the settings")
	}
	for _, c := range []struct{ q, want string }{
		{"/?set.instrument.portemonnee.rate=5", "5 is outside 0..1"},
		{"/?set.instrument.portemonnee.rate=veel", `&#34;veel&#34; is not a number`},
		{"/?set.instrument.afbouw-legacy.profile=steep", "is not one of annuity, linear, cliff"},
		{"/?set.instrument.nope.rate=0.1", "no instrument"},
	} {
		if code, body := get(c.q); code != 400 || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d, want 400 with %q", c.q, code, c.want)
		}
	}
	for _, p := range []string{"/etc/passwd", "/assets/../go.mod", "/assets/other.js", "/download/../../x"} {
		if code, _ := get(p); code != 404 {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}
	big := strings.NewReader("name=" + strings.Repeat("x", 100<<10) + "&file=a.toml")
	resp, err := http.Post(srv.URL+"/save", "application/x-www-form-urlencoded", big)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("an oversized body: %d, want 413", resp.StatusCode)
	}
	// The downloads of the current settings: the report with the
	// setting's effect, the workbook a zip.
	if code, body := get("/download/report.html?set.instrument.portemonnee.rate=0"); code != 200 || !strings.Contains(body, "<!DOCTYPE html>") {
		t.Errorf("the report download: %d", code)
	}
	if code, body := get("/download/regiosim.xlsx?lang=nl"); code != 200 || !strings.HasPrefix(body, "PK") {
		t.Errorf("the workbook download: %d", code)
	}
	if code, _ := get("/download/report.html?set.instrument.portemonnee.rate=9"); code != 400 {
		t.Errorf("a download with a bad value: %d, want 400", code)
	}
	if def := newServeCmd(&globalOptions{}).Flags().Lookup("addr").DefValue; !strings.HasPrefix(def, "127.0.0.1:") {
		t.Errorf("the default address is %s, not the loopback", def)
	}
}

// TestServeSaveVariant: "save as variant" writes a new file in the
// scenario's folder that validates and holds the settings; never the
// scenario itself, never a path.
func TestServeSaveVariant(t *testing.T) {
	dir := t.TempDir()
	srv := newTestServer(t, dir)
	post := func(q, name, file string) string {
		resp, err := http.PostForm(srv.URL+"/save?"+q, url.Values{"name": {name}, "file": {file}})
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		buf := make([]byte, 64<<10)
		for {
			n, err := resp.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		return b.String()
	}
	body := post("set.instrument.portemonnee.rate=0.001&off=plus-huisartsen", "Hoger tarief", "met-variant.toml")
	if !strings.Contains(body, "saved:") {
		t.Fatalf("no save message in the page")
	}
	out := mustRun(t, "validate", filepath.Join(dir, "met-variant.toml"))
	if !strings.Contains(out, "ok") {
		t.Errorf("validate: %s", out)
	}
	s, err := scenarios.Load(filepath.Join(dir, "met-variant.toml"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.FindVariant("Hoger tarief")
	if err != nil || v.Set["instrument.portemonnee.rate"] != 0.001 || len(v.Disable) != 1 || v.Disable[0] != "plus-huisartsen" {
		t.Errorf("the variant: %+v, %v", v, err)
	}
	for _, file := range []string{"region.toml", "../out.toml", "sub/x.toml", "x.txt", "met-variant.toml"} {
		if b := post("", "x", file); strings.Contains(b, "saved:") {
			t.Errorf("saved as %q", file)
		}
	}
}

// findingsAt are the findings of a run of the example with the wallet
// rate set: what the page must show.
func findingsAt(t *testing.T, rate float64) []string {
	t.Helper()
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(nil, map[string]any{"instrument.portemonnee.rate": rate}); err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return report.English.WithNames(s.Names()).Findings(r)
}

// TestServeInBrowser: in Chromium, moving the wallet-rate slider changes
// the page's findings, without a reload, to those of a run with that rate;
// the address keeps the setting, so the link shows the same; the Dutch
// link gives the page in Dutch.
func TestServeInBrowser(t *testing.T) {
	exe := chromium(t)
	srv := newTestServer(t, t.TempDir())
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-background-networking", true), chromedp.WindowSize(1300, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	text := func(sel string) string {
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return v
	}
	open := func(u string) {
		if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS("#findings"))); err != nil {
			t.Fatalf("opening %s: %v", u, err)
		}
	}
	open(srv.URL + "/")
	before := text("#findings")
	// Move the slider to 0: the page's script asks for the results and
	// puts them in place.
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#r-instrument\.portemonnee\.rate`), "0")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("r-instrument.portemonnee.rate").dispatchEvent(new Event("input", {bubbles: true}))`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("body[data-updated]"))); err != nil {
		t.Fatal(err)
	}
	after := text("#findings")
	search, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
	if err != nil {
		t.Fatal(err)
	}
	if before == after {
		t.Errorf("the findings did not change with the wallet rate at 0")
	}
	for _, f := range findingsAt(t, 0) {
		if !strings.Contains(after, f) {
			t.Errorf("the page lacks the run's finding %q", f)
		}
	}
	if !strings.Contains(search, "portemonnee.rate=0") {
		t.Errorf("the address does not keep the setting: %q", search)
	}
	open(srv.URL + "/" + search)
	linked := text("#findings")
	open(srv.URL + "/" + strings.Replace(search, "lang=en", "lang=nl", 1))
	nl := text("h2")
	if linked != after {
		t.Errorf("the shared link shows other findings")
	}
	if !strings.Contains(nl, "De getallen van de tafel") {
		t.Errorf("the Dutch page's heading: %q", nl)
	}
}

// TestServeLoad: 50 clients, each changing the wallet rate every second
// (REGIOSIM_LOAD_PAUSE_MS for another pace), for 5 s
// (REGIOSIM_LOAD_SECONDS for longer; the README gives the 30 s figure): no
// error, and the p50 and p99 latency of an update logged. The rates come
// from 400 values, so most are answered from the page cache once seen.
func TestServeLoad(t *testing.T) {
	srv := newTestServer(t, t.TempDir())
	d := 5 * time.Second
	if v := os.Getenv("REGIOSIM_LOAD_SECONDS"); v != "" {
		if x, err := time.ParseDuration(v + "s"); err == nil {
			d = x
		}
	}
	if testing.Short() {
		d = time.Second
	}
	pause := time.Second
	if v := os.Getenv("REGIOSIM_LOAD_PAUSE_MS"); v != "" {
		if x, err := strconv.Atoi(v); err == nil {
			pause = time.Duration(x) * time.Millisecond
		}
	}
	var mu sync.Mutex
	var lat []time.Duration
	var fails int
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	for c := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// People do not move in step: each client starts at its own
			// moment within the pause.
			time.Sleep(time.Duration(c) * pause / 50)
			for k := 0; time.Now().Before(deadline); k++ {
				rate := float64((c*7+k*13)%400) * 0.00001
				start := time.Now()
				resp, err := client.Get(srv.URL + "/?partial=1&set.instrument.portemonnee.rate=" + strconv.FormatFloat(rate, 'g', -1, 64))
				el := time.Since(start)
				mu.Lock()
				if err != nil || resp.StatusCode != 200 {
					fails++
				} else {
					lat = append(lat, el)
				}
				mu.Unlock()
				if resp != nil {
					resp.Body.Close()
				}
				time.Sleep(pause)
			}
		}()
	}
	wg.Wait()
	if fails > 0 || len(lat) == 0 {
		t.Fatalf("%d failed updates of %d", fails, fails+len(lat))
	}
	slices.Sort(lat)
	p99 := lat[len(lat)*99/100]
	t.Logf("50 clients, a change each every %v, %v: %d updates, p50 %v, p99 %v", pause, d, len(lat), lat[len(lat)/2], p99)
}
