package report

// mapLabels are the words of the national charts (plots.RegionMap,
// RegionBars, RegionOptions): the legend and axis words that the charts
// need besides the titles they are given.
var mapLabels = map[string][2]string{
	"map.no_data": {"no data", "geen gegevens"},
}

func init() {
	for k, v := range mapLabels {
		if _, dup := labels[k]; dup {
			panic("report: duplicate label " + k)
		}
		labels[k] = v
	}
}
