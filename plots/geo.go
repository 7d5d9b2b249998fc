package plots

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sync"
)

// zorgkantoorGeoJSON are the outlines of the 31 zorgkantoor regions of
// 2024: CBS boundaries from PDOK, simplified by cartomap/nl, copied
// verbatim (data/zorgkantoor-regions-2024.geojson.SOURCE.md says from
// where, and the licence).
//
//go:embed data/zorgkantoor-regions-2024.geojson
var zorgkantoorGeoJSON []byte

// RegionShape is a region's outline: its code (the CBS statcode,
// "ZK01".."ZK33"), its name (statnaam) and its polygons, each a list of
// rings (the outer ring first, then its holes), each ring a list of
// longitude/latitude points in WGS84 degrees.
type RegionShape struct {
	Code, Name string
	Polygons   [][][][2]float64
}

var zorgkantoorShapes = sync.OnceValues(func() ([]RegionShape, error) {
	return LoadRegionShapes(zorgkantoorGeoJSON)
})

// ZorgkantoorRegions are the 31 zorgkantoor regions of 2024, in the order
// of their codes, from the GeoJSON embedded in the package. Each call
// returns a copy of its own.
func ZorgkantoorRegions() ([]RegionShape, error) {
	shapes, err := zorgkantoorShapes()
	if err != nil {
		return nil, err
	}
	out := make([]RegionShape, len(shapes))
	for i, s := range shapes {
		out[i] = RegionShape{Code: s.Code, Name: s.Name, Polygons: make([][][][2]float64, len(s.Polygons))}
		for j, poly := range s.Polygons {
			out[i].Polygons[j] = make([][][2]float64, len(poly))
			for k, ring := range poly {
				out[i].Polygons[j][k] = slices.Clone(ring)
			}
		}
	}
	return out, nil
}

// LoadRegionShapes reads a GeoJSON FeatureCollection of Polygon and
// MultiPolygon features in WGS84 (longitude, latitude), each with the
// properties statcode (the region's code) and statnaam (its name), as CBS
// publishes its regional boundaries. The shapes come in the order of the
// features. Anything else — not JSON, another type of geometry, a ring of
// fewer than four points, a point off the globe, a feature without a code
// or a code twice — is an error.
func LoadRegionShapes(geojson []byte) ([]RegionShape, error) {
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string `json:"type"`
			Geometry *struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
			Properties struct {
				Code any `json:"statcode"`
				Name any `json:"statnaam"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(geojson, &fc); err != nil {
		return nil, fmt.Errorf("plots: region shapes: %w", err)
	}
	if fc.Type != "FeatureCollection" {
		return nil, fmt.Errorf("plots: region shapes: type %q, want a FeatureCollection", fc.Type)
	}
	if len(fc.Features) == 0 {
		return nil, fmt.Errorf("plots: region shapes: no features")
	}
	seen := map[string]bool{}
	shapes := make([]RegionShape, 0, len(fc.Features))
	for i, f := range fc.Features {
		bad := func(format string, args ...any) error {
			return fmt.Errorf("plots: region shapes: feature %d: %s", i+1, fmt.Sprintf(format, args...))
		}
		if f.Type != "Feature" {
			return nil, bad("type %q, want a Feature", f.Type)
		}
		code, ok := f.Properties.Code.(string)
		if !ok || code == "" {
			return nil, bad("no statcode")
		}
		if seen[code] {
			return nil, bad("statcode %s twice", code)
		}
		seen[code] = true
		name, _ := f.Properties.Name.(string)
		if name == "" {
			name = code
		}
		if f.Geometry == nil {
			return nil, bad("%s has no geometry", code)
		}
		var polys [][][][]float64
		switch f.Geometry.Type {
		case "Polygon":
			var p [][][]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
				return nil, bad("%s: coordinates of a Polygon: %v", code, err)
			}
			polys = [][][][]float64{p}
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &polys); err != nil {
				return nil, bad("%s: coordinates of a MultiPolygon: %v", code, err)
			}
		default:
			return nil, bad("%s: geometry %q, want a Polygon or MultiPolygon", code, f.Geometry.Type)
		}
		if len(polys) == 0 {
			return nil, bad("%s: no polygons", code)
		}
		s := RegionShape{Code: code, Name: name, Polygons: make([][][][2]float64, len(polys))}
		for j, poly := range polys {
			if len(poly) == 0 {
				return nil, bad("%s: polygon %d has no rings", code, j+1)
			}
			s.Polygons[j] = make([][][2]float64, len(poly))
			for k, ring := range poly {
				if len(ring) < 4 {
					return nil, bad("%s: polygon %d, ring %d has %d points, want at least 4", code, j+1, k+1, len(ring))
				}
				pts := make([][2]float64, len(ring))
				for n, pt := range ring {
					if len(pt) < 2 {
						return nil, bad("%s: polygon %d, ring %d: point %d has %d coordinates", code, j+1, k+1, n+1, len(pt))
					}
					lon, lat := pt[0], pt[1]
					if math.IsNaN(lon) || math.IsNaN(lat) || math.Abs(lon) > 180 || math.Abs(lat) > 90 {
						return nil, bad("%s: point (%g, %g) is not a longitude and latitude", code, lon, lat)
					}
					pts[n] = [2]float64{lon, lat}
				}
				s.Polygons[j][k] = pts
			}
		}
		shapes = append(shapes, s)
	}
	return shapes, nil
}
