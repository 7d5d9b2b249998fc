package main

import (
	"context"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
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
	_, srv := newTestWhatIf(t, dir)
	return srv
}

// newTestWhatIf is the page's server for the realistic example, copied
// into dir, listening on the loopback address as serve does by default.
func newTestWhatIf(t *testing.T, dir string) (*whatIf, *httptest.Server) {
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
	srv := httptest.NewUnstartedServer(w)
	w.listening(srv.Listener.Addr())
	srv.Start()
	t.Cleanup(srv.Close)
	return w, srv
}

// send sends a request and gives its status, header and body.
func send(t *testing.T, req *http.Request) (int, http.Header, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// saveRequest is a POST of the save form with the settings in q.
func saveRequest(t *testing.T, srv *httptest.Server, q, name, file string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/save?"+q, strings.NewReader(url.Values{"name": {name}, "file": {file}}.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
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
	if !strings.Contains(body, `id="save-message">saved:`) {
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
		if b := post("", "x", file); !strings.Contains(b, `id="save-message">not saved:`) {
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
// link gives the page in Dutch; a number between the sliders' steps is a
// valid form; "save as variant" (the browser sends its Origin) saves, and
// a refused save shows its message in the page.
func TestServeInBrowser(t *testing.T) {
	exe := chromium(t)
	dir := t.TempDir()
	srv := newTestServer(t, dir)
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
	// A value between the slider's steps: the form is valid as it is.
	open(srv.URL + "/")
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#c-instrument\.portemonnee\.rate`), "0.00012345")); err != nil {
		t.Fatal(err)
	}
	if valid, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("controls").checkValidity()`)); err != nil || !valid {
		t.Errorf("the form with 0.00012345 is not valid (%v)", err)
	}
	save := func(file string) string {
		open(srv.URL + "/?lang=en&set.instrument.portemonnee.rate=0.001")
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#save input[name=name]`), "In de browser"),
			chromedp.SetValue(chromedp.CSS(`#save input[name=file]`), file),
			chromedp.Click(chromedp.CSS(`#save button`)),
			chromedp.WaitVisible(chromedp.CSS("#save-message")), chromedp.WaitVisible(chromedp.CSS("#findings"))); err != nil {
			t.Fatalf("saving as %s: %v", file, err)
		}
		return text("#save-message")
	}
	if msg := save("browser.toml"); !strings.HasPrefix(msg, "saved: ") {
		t.Errorf("the save from the page: %q", msg)
	}
	if _, err := os.Stat(filepath.Join(dir, "browser.toml")); err != nil {
		t.Errorf("the save from the page wrote no file: %v", err)
	}
	if msg := save("region.toml"); !strings.Contains(msg, "not saved: that is the scenario itself") {
		t.Errorf("a refused save from the page: %q", msg)
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

// TestServeRefusesOtherSites: a save from a page of another site (its
// Origin, or without it its Referer, names another host than the
// request's) is refused with 403 and writes nothing; so is, on the
// loopback address, a request with a Host that is not a loopback name (a
// DNS rebinding), whatever its method. The page's own origin, localhost
// and [::1] pass; a request from no page (no Origin, no Referer) passes.
func TestServeRefusesOtherSites(t *testing.T) {
	dir := t.TempDir()
	_, srv := newTestWhatIf(t, dir)
	self := strings.TrimPrefix(srv.URL, "http://")
	_, port, _ := net.SplitHostPort(self)
	q := "set.instrument.portemonnee.rate=0.001"
	for _, c := range []struct{ header, value string }{
		{"Origin", "http://evil.example"},
		{"Origin", "http://127.0.0.1:1"},
		{"Origin", "null"},
		{"Referer", "http://evil.example/page.html"},
	} {
		req := saveRequest(t, srv, q, "x", "cross.toml")
		req.Header.Set(c.header, c.value)
		code, _, body := send(t, req)
		if code != http.StatusForbidden || !strings.Contains(body, "refused: this request comes from a page at "+c.value) {
			t.Errorf("%s %s: %d %q, want 403 with the reason", c.header, c.value, code, body)
		}
		if _, err := os.Stat(filepath.Join(dir, "cross.toml")); err == nil {
			t.Fatalf("%s %s: the file was written", c.header, c.value)
		}
	}
	// DNS rebinding: the page of another site, at this address, sends its
	// own name as Host and as Origin.
	req := saveRequest(t, srv, q, "x", "rebound.toml")
	req.Host = "evil.example:" + port
	req.Header.Set("Origin", "http://evil.example:"+port)
	if code, _, body := send(t, req); code != http.StatusForbidden || !strings.Contains(body, "evil.example:"+port+" is not this computer's address") {
		t.Errorf("a rebound save: %d %q, want 403", code, body)
	}
	if _, err := os.Stat(filepath.Join(dir, "rebound.toml")); err == nil {
		t.Fatalf("a rebound save wrote the file")
	}
	get, _ := http.NewRequest(http.MethodGet, srv.URL+"/?lang=nl", nil)
	get.Host = "evil.example:" + port
	if code, _, body := send(t, get); code != http.StatusForbidden || !strings.Contains(body, "geweigerd: evil.example:"+port+" is niet het adres van deze computer") {
		t.Errorf("a rebound page: %d %q, want 403 in Dutch", code, body)
	}
	// The page's own.
	for i, c := range []struct{ host, header, value string }{
		{"", "Origin", srv.URL},
		{"", "Referer", srv.URL + "/?lang=en&" + q},
		{"localhost:" + port, "Origin", "http://localhost:" + port},
		{"", "", ""},
	} {
		file := "own" + strconv.Itoa(i) + ".toml"
		req := saveRequest(t, srv, q, "x", file)
		if c.host != "" {
			req.Host = c.host
		}
		if c.header != "" {
			req.Header.Set(c.header, c.value)
		}
		if code, _, body := send(t, req); code != 200 || !strings.Contains(body, `id="save-message">saved:`) {
			t.Errorf("%s %s: %d, want 200 and saved", c.header, c.value, code)
		}
	}
	for _, host := range []string{"localhost:" + port, "[::1]:" + port, "127.0.0.1:" + port, "LocalHost"} {
		get, _ := http.NewRequest(http.MethodGet, srv.URL+"/", nil)
		get.Host = host
		if code, _, _ := send(t, get); code != 200 {
			t.Errorf("GET with Host %s: %d, want 200", host, code)
		}
	}
	for host, want := range map[string]bool{"localhost:8080": true, "127.0.0.1": true, "127.0.0.2:80": true, "[::1]:9000": true, "[::1]": true,
		"": false, "evil.example": false, "localhost.evil.example:8080": false, "10.0.0.1:8080": false, "[::2]:80": false} {
		if got := loopbackHost(host); got != want {
			t.Errorf("loopbackHost(%q) = %v", host, got)
		}
	}
}

// TestServeOtherAddress: served on another address than the loopback (with
// the warning), any Host is served, but a save from another site is still
// refused.
func TestServeOtherAddress(t *testing.T) {
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	w, err := newWhatIf(s, "en")
	if err != nil {
		t.Fatal(err)
	}
	w.listening(&net.TCPAddr{IP: net.IPv4(192, 168, 1, 5), Port: 8080})
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "http://192.168.1.5:8080/?partial=1", nil)
	w.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("GET on another address: %d, want 200", rec.Code)
	}
	rec = httptest.NewRecorder()
	req = httptest.NewRequest(http.MethodPost, "http://192.168.1.5:8080/save", strings.NewReader("name=x&file=x.toml"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://evil.example")
	w.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("a save from another site on another address: %d, want 403", rec.Code)
	}
}

// TestServeSaveStatus: a save refused answers its error status (400 for a
// bad name, file name or value, 409 for a file that exists or the
// scenario itself) with the whole page and the message in it, in the
// page's language; a save that goes well 200.
func TestServeSaveStatus(t *testing.T) {
	dir := t.TempDir()
	_, srv := newTestWhatIf(t, dir)
	for _, c := range []struct {
		q, name, file string
		code          int
		msg           string
	}{
		{"", "", "a.toml", 400, "give the variant a name"},
		{"", `say "hi"`, "a.toml", 400, "give the variant a name"},
		{"", "x", "../a.toml", 400, "give a plain new file name"},
		{"", "x", "a.txt", 400, "give a plain new file name"},
		{"set.instrument.portemonnee.rate=5", "x", "a.toml", 400, "5 is outside 0..1"},
		{"set.instrument.portemonnee.rate=veel", "x", "a.toml", 400, "is not a number"},
		{"enable=nope", "x", "a.toml", 400, "no instrument"},
		{"", "x", "region.toml", 409, "that is the scenario itself"},
		{"lang=nl", "x", "region.toml", 409, "niet bewaard: dat is het scenario zelf"},
		{"", "x", "new.toml", 200, "saved: "},
		{"", "x", "new.toml", 409, "new.toml exists already"},
		{"lang=nl", "x", "new.toml", 409, "niet bewaard: new.toml bestaat al"},
	} {
		code, h, body := send(t, saveRequest(t, srv, c.q, c.name, c.file))
		if code != c.code || !strings.Contains(body, `id="save-message">`) || !strings.Contains(body, c.msg) || !strings.Contains(body, `id="findings"`) && c.code != 400 {
			t.Errorf("save %q as %q (%s): %d, want %d with %q in the page", c.name, c.file, c.q, code, c.code, c.msg)
		}
		if !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
			t.Errorf("save %q as %q: %s, not the page", c.name, c.file, h.Get("Content-Type"))
		}
	}
}

// TestServeMethods: another method on a path of the page answers 405
// with the methods it takes in Allow; the script answers GET and HEAD
// only; a path not of the page 404.
func TestServeMethods(t *testing.T) {
	srv := newTestServer(t, t.TempDir())
	for _, c := range []struct {
		method, path string
		code         int
		allow        string
	}{
		{"GET", "/", 200, ""},
		{"HEAD", "/", 200, ""},
		{"POST", "/", 405, "GET, HEAD"},
		{"DELETE", "/", 405, "GET, HEAD"},
		{"PUT", "/save", 405, "POST"},
		{"GET", "/save", 405, "POST"},
		{"GET", "/assets/page.js", 200, ""},
		{"HEAD", "/assets/page.js", 200, ""},
		{"POST", "/assets/page.js", 405, "GET, HEAD"},
		{"PUT", "/assets/page.js", 405, "GET, HEAD"},
		{"POST", "/download/report.html", 405, "GET, HEAD"},
		{"DELETE", "/download/regiosim.xlsx", 405, "GET, HEAD"},
		{"GET", "/download/other.pdf", 404, ""},
		{"POST", "/other", 404, ""},
	} {
		req, _ := http.NewRequest(c.method, srv.URL+c.path, nil)
		code, h, _ := send(t, req)
		if code != c.code || h.Get("Allow") != c.allow {
			t.Errorf("%s %s: %d, Allow %q; want %d, Allow %q", c.method, c.path, code, h.Get("Allow"), c.code, c.allow)
		}
	}
}

// TestServeAnyStep: the number fields take any value in range (step
// "any"), so that the form without the script can send a value between
// the sliders' steps; the sliders keep their steps; such a value is run.
func TestServeAnyStep(t *testing.T) {
	srv := newTestServer(t, t.TempDir())
	code, _, body := send(t, mustRequest(t, srv.URL+"/"))
	numbers := regexp.MustCompile(`<input type="number"[^>]*>`).FindAllString(body, -1)
	if code != 200 || len(numbers) < 10 {
		t.Fatalf("%d, %d number fields", code, len(numbers))
	}
	for _, n := range numbers {
		if !strings.Contains(n, `step="any"`) {
			t.Errorf("a number field with a step: %s", n)
		}
	}
	if !strings.Contains(body, `id="r-instrument.portemonnee.rate" data-for="c-instrument.portemonnee.rate" min="0" max="0.02" step="0.0001"`) {
		t.Errorf("the slider lost its step")
	}
	code, _, body = send(t, mustRequest(t, srv.URL+"/?set.instrument.portemonnee.rate=0.00012345&set.instrument.kruis-zv-a.share=0.333"))
	if code != 200 || !strings.Contains(body, `value="0.00012345"`) {
		t.Errorf("a value between the steps: %d", code)
	}
}

// pageFindings are the findings a page shows, as text.
func pageFindings(page string) []string {
	m := regexp.MustCompile(`(?s)<ul class="findings" id="findings">(.*?)</ul>`).FindStringSubmatch(page)
	if m == nil {
		return nil
	}
	var out []string
	for _, li := range regexp.MustCompile(`(?s)<li>(.*?)</li>`).FindAllStringSubmatch(m[1], -1) {
		out = append(out, html.UnescapeString(li[1]))
	}
	return out
}

func mustRequest(t *testing.T, u string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// formQuery is what the page's form sends: every control at the file's
// value but those in set, the switches of the instruments on but those
// in off, and those in enable.
func formQuery(w *whatIf, set map[string]string, off, enable []string) url.Values {
	q := url.Values{"lang": {"en"}, "switches": {"1"}}
	for _, c := range w.controls {
		q.Set("set."+c.Path, c.FileValue)
		if v, ok := set[c.Path]; ok {
			q.Set("set."+c.Path, v)
		}
	}
	for _, in := range w.base.Instruments {
		id := in.Meta().ID
		if (!w.base.Disabled(id) && !slices.Contains(off, id)) || slices.Contains(enable, id) {
			q.Add("on", id)
		}
	}
	return q
}

// TestServeSaveChangesOnly: saved from the whole form, the variant sets
// only the values that differ from the file and switches only the
// instruments switched otherwise than in the file; the file validates, and
// the variant run gives the page's figures.
func TestServeSaveChangesOnly(t *testing.T) {
	dir := t.TempDir()
	w, srv := newTestWhatIf(t, dir)
	q := formQuery(w, map[string]string{"instrument.portemonnee.rate": "0.001", "instrument.afbouw-legacy.profile": "linear"}, []string{"plus-huisartsen"}, []string{"fonds"})
	if n := len(q) - 3; n < 20 {
		t.Fatalf("the form sends %d values only", n)
	}
	if code, _, _ := send(t, saveRequest(t, srv, q.Encode(), "Fonds en hoger tarief", "fonds.toml")); code != 200 {
		t.Fatalf("save: %d", code)
	}
	// At the file's values the variant changes nothing.
	if code, _, _ := send(t, saveRequest(t, srv, formQuery(w, nil, nil, nil).Encode(), "Zoals het is", "same.toml")); code != 200 {
		t.Fatalf("save at the file's values: %d", code)
	}
	for _, f := range []string{"fonds.toml", "same.toml"} {
		if out := mustRun(t, "validate", filepath.Join(dir, f)); !strings.Contains(out, "ok") {
			t.Errorf("validate %s: %s", f, out)
		}
	}
	s, err := scenarios.Load(filepath.Join(dir, "fonds.toml"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.FindVariant("Fonds en hoger tarief")
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Set) != 2 || v.Set["instrument.portemonnee.rate"] != 0.001 || v.Set["instrument.afbouw-legacy.profile"] != "linear" ||
		!slices.Equal(v.Disable, []string{"plus-huisartsen"}) || !slices.Equal(v.Enable, []string{"fonds"}) {
		t.Errorf("the variant: set %v, disable %v, enable %v", v.Set, v.Disable, v.Enable)
	}
	same, err := scenarios.Load(filepath.Join(dir, "same.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if v, err := same.FindVariant("Zoals het is"); err != nil || len(v.Set)+len(v.Disable)+len(v.Enable) != 0 {
		t.Errorf("the variant at the file's values: %+v, %v", v, err)
	}
	// The variant's run gives the page's figures.
	vs, err := s.WithVariant(v)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(vs, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	q.Set("partial", "1")
	code, _, page := send(t, mustRequest(t, srv.URL+"/?"+q.Encode()))
	if code != 200 {
		t.Fatalf("the page: %d", code)
	}
	l := report.English.WithNames(s.Names())
	if got, want := pageFindings(page), l.Findings(res); !slices.Equal(got, want) {
		t.Errorf("the page's findings:\n%s\nthe variant's:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range res.Parties {
		if p.ID == "zv-a" && !strings.Contains(page, "<td class=\"num\">"+l.Money(p.PV.Net)+"</td></tr>") {
			t.Errorf("the page lacks Zorgverzekeraar A's net present value %s", l.Money(p.PV.Net))
		}
	}
}

// TestServeOffInstruments: an instrument off in the file (off = true) has
// a switch, not ticked; ticked, it is switched on as a variant's enable
// does; the file's variants that enable one are presets, and give that
// variant's run.
func TestServeOffInstruments(t *testing.T) {
	w, srv := newTestWhatIf(t, t.TempDir())
	_, _, body := send(t, mustRequest(t, srv.URL+"/"))
	for _, id := range []string{"fonds", "pool"} {
		if !strings.Contains(body, `<input type="checkbox" name="on" value="`+id+`"> `) {
			t.Errorf("no switch, not ticked, for %s", id)
		}
	}
	if !strings.Contains(body, "Revolverend fonds (on; off in the file)") {
		t.Errorf("the switch does not say the fund is off in the file")
	}
	findings := func(v *scenarios.Variant) []string {
		s, err := w.base.WithVariant(v)
		if err != nil {
			t.Fatal(err)
		}
		r, err := sim.Run(s, sim.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return report.English.WithNames(s.Names()).Findings(r)
	}
	for _, name := range []string{"Revolverend fonds in plaats van portemonnee", "Inkooppool in plaats van portemonnee"} {
		v, err := w.base.FindVariant(name)
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`<li><a href="([^"]*)">` + regexp.QuoteMeta(name) + `</a>`).FindStringSubmatch(body)
		if m == nil {
			t.Errorf("no preset %q", name)
			continue
		}
		code, _, page := send(t, mustRequest(t, srv.URL+html.UnescapeString(m[1])))
		if code != 200 || !strings.Contains(page, `value="`+v.Enable[0]+`" checked>`) {
			t.Errorf("preset %q: %d, or its switch not ticked", name, code)
		}
		if got, want := pageFindings(page), findings(v); !slices.Equal(got, want) {
			t.Errorf("preset %q: the page's findings:\n%s\nthe variant's:\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	// The switch ticked in the form.
	q := formQuery(w, nil, nil, []string{"fonds"})
	q.Set("partial", "1")
	code, _, page := send(t, mustRequest(t, srv.URL+"/?"+q.Encode()))
	want := findings(&scenarios.Variant{Enable: []string{"fonds"}})
	if code != 200 || !strings.Contains(page, `id="table-funds"`) || !strings.Contains(page, `<tr><td class="">Revolverend fonds</td>`) {
		t.Errorf("the fund switched on: %d, no fund table with its name", code)
	}
	if got := pageFindings(page); !slices.Equal(got, want) {
		t.Errorf("the fund switched on: the page's findings:\n%s\nthe run's:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if slices.Equal(want, findings(&scenarios.Variant{})) {
		t.Errorf("the fund changes no finding: the test shows nothing")
	}
}

// TestServeLabels: the page says its controls, comparison and tables in
// the page's language and names parties, initiatives and instruments
// rather than giving their ids.
func TestServeLabels(t *testing.T) {
	w, srv := newTestWhatIf(t, t.TempDir())
	q := "set.instrument.portemonnee.rate=0.001&set.instrument.kruis-zk.window=3"
	_, _, nl := send(t, mustRequest(t, srv.URL+"/?lang=nl&"+q))
	_, _, en := send(t, mustRequest(t, srv.URL+"/?lang=en&"+q))
	for _, c := range []struct {
		page, want string
	}{
		{nl, ">Looptijd (jaren) van Afbouw legacy-budget ziekenhuis<"},
		{en, ">Duration (years) of Afbouw legacy-budget ziekenhuis<"},
		{nl, `<option value="annuity" selected>annuïteit</option><option value="linear">lineair</option><option value="cliff">in één keer</option>`},
		{en, `<option value="annuity" selected>annuity</option>`},
		{nl, `<td class="">deze instellingen</td>`},
		{nl, `<th class="num">Δ deze instellingen</th>`},
		{en, `<td class="">these settings</td>`},
		{nl, `<td class="">Valpreventie (Stevig Staan)</td><td class="">VVT Thuis &amp; Zorg</td>`},
		{nl, `<td class="">Kruis-inkoop valpreventie door Zorgverzekeraar A</td><td class="">Zorgverzekeraar A</td><td class="">Valpreventie (Stevig Staan)</td>`},
		{nl, `<tr><td class="">Zorgverzekeraar A</td><td class="num">`},
		// The file's values as a person reads them (the fields keep dots).
		{nl, `region.discount_rate · waarde in het bestand 0,0225<`},
		{en, `region.discount_rate · file value 0.0225<`},
		{nl, `initiative.valpreventie.cost · waarde in het bestand 500.000<`},
		{en, `initiative.valpreventie.cost · file value 500,000<`},
		{nl, `instrument.afbouw-legacy.profile · waarde in het bestand annuïteit<`},
	} {
		if !strings.Contains(c.page, c.want) {
			t.Errorf("the page lacks %s", c.want)
		}
	}
	for _, bad := range []string{"Years van", "Years of", ">now<", ">V1<", "Δ V1", "<th>naam</th>"} {
		if strings.Contains(nl, bad) || strings.Contains(en, bad) {
			t.Errorf("the page says %q", bad)
		}
	}
	for id, name := range w.base.Names() {
		// A row's first cell (a party's kind may be a word like its id).
		if cell := `<tr><td class="">` + id + `</td>`; id != name && (strings.Contains(nl, cell) || strings.Contains(en, cell)) {
			t.Errorf("a table gives the id %s, not %s", id, name)
		}
	}
}

// TestServeAddrMistakes: a port that is no port is a usage error (2)
// before anything listens; a port in use a runtime failure (1) that says
// so and how to pick another, in Dutch under --lang nl.
func TestServeAddrMistakes(t *testing.T) {
	for _, addr := range []string{":99999", "127.0.0.1:http-alt", "127.0.0.1:-1", "nohost"} {
		r := runCLI(t, "serve", "--addr", addr)
		if r.code != exitInput || !strings.Contains(r.stderr, "--addr") || r.stdout != "" {
			t.Errorf("--addr %s: exit %d, stderr %q, stdout %q; want 2 and a message naming --addr", addr, r.code, r.stderr, r.stdout)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	r := runCLI(t, "serve", "--addr", addr)
	if r.code != exitFailure || !strings.Contains(r.stderr, "cannot listen on "+addr+": the port is in use") || !strings.Contains(r.stderr, "--addr 127.0.0.1:0") {
		t.Errorf("a port in use: exit %d, %q", r.code, r.stderr)
	}
	r = runCLI(t, "--lang", "nl", "serve", "--addr", addr)
	if r.code != exitFailure || !strings.Contains(r.stderr, "de poort is al in gebruik") {
		t.Errorf("a port in use, in Dutch: exit %d, %q", r.code, r.stderr)
	}
}
