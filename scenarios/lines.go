package scenarios

import (
	"strconv"
	"strings"
)

// lineIndex maps key paths such as "party[2].turnover" or
// "initiative[0].savings.zv" to the line they are written on. The TOML
// decoder does not expose key positions, so this is a light lexical scan of
// the source: good enough to point a person at the right line, never used to
// read values.
type lineIndex map[string]int

func indexLines(src string) lineIndex {
	idx := lineIndex{}
	counters := map[string]int{} // array-of-tables path -> last index
	prefix := ""
	inMulti := "" // open multi-line string delimiter
	depth := 0    // open brackets of a multi-line array
	for n, raw := range strings.Split(src, "\n") {
		lineNo := n + 1
		line := raw
		if inMulti != "" {
			if strings.Contains(line, inMulti) {
				inMulti = ""
			}
			continue
		}
		line = strings.TrimSpace(stripComment(line))
		if depth > 0 {
			depth += bracketDelta(line)
			continue
		}
		if line == "" {
			continue
		}
		switch {
		case strings.HasPrefix(line, "[["):
			name := headerPath(strings.TrimSuffix(strings.TrimPrefix(line, "[["), "]]"), counters, false)
			counters[name]++
			prefix = name + "[" + strconv.Itoa(counters[name]-1) + "]"
			idx.add(prefix, lineNo)
		case strings.HasPrefix(line, "["):
			prefix = headerPath(strings.TrimSuffix(strings.TrimPrefix(line, "["), "]"), counters, true)
			idx.add(prefix, lineNo)
		default:
			eq := strings.IndexByte(mask(line), '=')
			if eq < 0 {
				continue
			}
			key := join(prefix, strings.Join(splitKey(line[:eq]), "."))
			idx.add(key, lineNo)
			val := strings.TrimSpace(line[eq+1:])
			for _, d := range []string{`"""`, `'''`} {
				if strings.HasPrefix(val, d) && strings.Count(val, d) == 1 {
					inMulti = d
				}
			}
			if strings.HasPrefix(val, "{") {
				for _, sub := range inlineKeys(val) {
					idx.add(join(key, sub), lineNo)
				}
			}
			depth += bracketDelta(val)
		}
	}
	return idx
}

func (idx lineIndex) add(key string, line int) {
	if _, ok := idx[key]; !ok {
		idx[key] = line
	}
}

// lookup returns the line of path, or of its nearest written parent.
func (idx lineIndex) lookup(path string) int {
	// A top-level key written as [[x]] where [x] was meant has only x[0].
	if l, ok := idx[path+"[0]"]; ok && !strings.Contains(path, "[") && !strings.Contains(path, ".") {
		if _, exact := idx[path]; !exact {
			return l
		}
	}
	for path != "" {
		if l, ok := idx[path]; ok {
			return l
		}
		cut := strings.LastIndexAny(path, ".[")
		if cut < 0 {
			break
		}
		path = path[:cut]
	}
	return 0
}

// headerPath resolves a table header, attaching the current index of every
// array of tables it passes through ([initiative.savings] after the third
// [[initiative]] is "initiative[2].savings").
func headerPath(h string, counters map[string]int, resolveLast bool) string {
	parts := splitKey(h)
	out := ""
	for i, p := range parts {
		out = join(out, p)
		if c, ok := counters[out]; ok && (i < len(parts)-1 || resolveLast) {
			out += "[" + strconv.Itoa(c-1) + "]"
		}
	}
	return out
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// splitKey splits a dotted TOML key, honouring quotes.
func splitKey(k string) []string {
	var parts []string
	var cur strings.Builder
	quote := rune(0)
	for _, r := range strings.TrimSpace(k) {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote = r
		case r == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteRune(r)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

// inlineKeys returns the top-level keys of an inline table written on one
// line: { a = 1, "b.c" = { d = 2 } } gives a and b.c.
func inlineKeys(val string) []string {
	var keys []string
	m := mask(val)
	depth, start := 0, 1
	for i := 0; i < len(m); i++ {
		switch m[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				keys = appendKey(keys, val[start:i], m[start:i])
			}
		case ',':
			if depth == 1 {
				keys = appendKey(keys, val[start:i], m[start:i])
				start = i + 1
			}
		}
	}
	return keys
}

func appendKey(keys []string, item, masked string) []string {
	if eq := strings.IndexByte(masked, '='); eq >= 0 {
		keys = append(keys, strings.Join(splitKey(item[:eq]), "."))
	}
	return keys
}

// mask returns s with the insides of its strings blanked out, byte for
// byte, so that #, =, brackets and commas in strings are not taken for
// structure. Backslash escapes in basic strings ("…\"…") are honoured.
func mask(s string) string {
	b := []byte(s)
	quote := byte(0)
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case quote == 0:
			if c == '"' || c == '\'' {
				quote = c
			}
		case c == quote:
			quote = 0
		case c == '\\' && quote == '"' && i+1 < len(b):
			b[i], b[i+1] = ' ', ' '
			i++
		default:
			b[i] = ' '
		}
	}
	return string(b)
}

// stripComment removes a # comment that is not inside a string.
func stripComment(s string) string {
	if i := strings.IndexByte(mask(s), '#'); i >= 0 {
		return s[:i]
	}
	return s
}

// bracketDelta counts opening minus closing brackets outside strings.
func bracketDelta(s string) int {
	m := mask(s)
	return strings.Count(m, "[") + strings.Count(m, "{") - strings.Count(m, "]") - strings.Count(m, "}")
}
