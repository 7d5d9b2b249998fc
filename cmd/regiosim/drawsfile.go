package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"

	"github.com/parquet-go/parquet-go"
)

// drawsFile writes a stress test's draws, one row per draw: its index,
// the params and the outcomes, as Parquet (for pandas, R, DuckDB, Polars)
// or CSV.
type drawsFile interface {
	// write takes a block of draws from first on, column by column.
	write(first int, params, outcomes [][]float64) error
	close() error
}

func newDrawsFile(path string, asCSV bool, params, outcomes []string) (drawsFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if asCSV {
		w := &csvDraws{f: f, w: bufio.NewWriterSize(f, 1<<20)}
		w.w.WriteString("draw")
		for _, n := range append(append([]string{}, params...), outcomes...) {
			w.w.WriteString("," + n)
		}
		w.w.WriteString("\n")
		return w, nil
	}
	group := parquet.Group{"draw": parquet.Leaf(parquet.Int64Type)}
	for _, n := range append(append([]string{}, params...), outcomes...) {
		if _, dup := group[n]; dup {
			f.Close()
			return nil, fmt.Errorf("draws file: column %s twice", n)
		}
		group[n] = parquet.Leaf(parquet.DoubleType)
	}
	schema := parquet.NewSchema("draws", group)
	// The schema orders its columns by name; the rows follow that order.
	at := map[string]int{}
	for i, fld := range schema.Fields() {
		at[fld.Name()] = i
	}
	pw := &parquetDraws{f: f, w: parquet.NewWriter(f, schema), draw: at["draw"]}
	for _, n := range params {
		pw.params = append(pw.params, at[n])
	}
	for _, n := range outcomes {
		pw.outcomes = append(pw.outcomes, at[n])
	}
	pw.width = len(at)
	return pw, nil
}

type csvDraws struct {
	f   *os.File
	w   *bufio.Writer
	buf []byte
}

func (c *csvDraws) write(first int, params, outcomes [][]float64) error {
	n := 0
	if len(params) > 0 {
		n = len(params[0])
	}
	for j := 0; j < n; j++ {
		c.buf = strconv.AppendInt(c.buf[:0], int64(first+j), 10)
		for _, col := range params {
			c.buf = append(c.buf, ',')
			c.buf = strconv.AppendFloat(c.buf, col[j], 'g', -1, 64)
		}
		for _, col := range outcomes {
			c.buf = append(c.buf, ',')
			c.buf = strconv.AppendFloat(c.buf, col[j], 'g', -1, 64)
		}
		c.buf = append(c.buf, '\n')
		if _, err := c.w.Write(c.buf); err != nil {
			return err
		}
	}
	return nil
}

func (c *csvDraws) close() error {
	if err := c.w.Flush(); err != nil {
		c.f.Close()
		return err
	}
	return c.f.Close()
}

type parquetDraws struct {
	f                *os.File
	w                *parquet.Writer
	draw, width      int
	params, outcomes []int
	rows             []parquet.Row
}

func (p *parquetDraws) write(first int, params, outcomes [][]float64) error {
	n := 0
	if len(params) > 0 {
		n = len(params[0])
	}
	p.rows = p.rows[:0]
	for j := 0; j < n; j++ {
		row := make(parquet.Row, p.width)
		row[p.draw] = parquet.Int64Value(int64(first+j)).Level(0, 0, p.draw)
		for i, col := range params {
			row[p.params[i]] = parquet.DoubleValue(col[j]).Level(0, 0, p.params[i])
		}
		for i, col := range outcomes {
			row[p.outcomes[i]] = parquet.DoubleValue(col[j]).Level(0, 0, p.outcomes[i])
		}
		p.rows = append(p.rows, row)
	}
	_, err := p.w.WriteRows(p.rows)
	return err
}

func (p *parquetDraws) close() error {
	if err := p.w.Close(); err != nil {
		p.f.Close()
		return err
	}
	return p.f.Close()
}
