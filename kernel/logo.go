package kernel

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// Logo draws huntbook's kernel logo as a size×size PNG: a magnifying glass
// over KQL's pipe on a navy rounded square. It is drawn from geometry (4×4
// supersampled for smooth edges) so no image file is shipped or copied.
func Logo(size int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 4 // samples per axis
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					px := (float64(x) + (float64(sx)+0.5)/ss) / float64(size)
					py := (float64(y) + (float64(sy)+0.5)/ss) / float64(size)
					if c, ok := logoColor(px, py); ok {
						r += float64(c.R)
						g += float64(c.G)
						b += float64(c.B)
						a++
					}
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(x, y, color.NRGBA{
				R: uint8(r/a + 0.5), G: uint8(g/a + 0.5), B: uint8(b/a + 0.5),
				A: uint8(a/(ss*ss)*255 + 0.5),
			})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err) // encoding an in-memory image into a buffer cannot fail
	}
	return buf.Bytes()
}

var (
	logoNavy  = color.NRGBA{0x16, 0x32, 0x4f, 0xff}
	logoLens  = color.NRGBA{0xe8, 0xf1, 0xf8, 0xff}
	logoAmber = color.NRGBA{0xf2, 0x9f, 0x05, 0xff}
)

// logoColor is the colour of the topmost shape at (x, y) in the unit square.
func logoColor(x, y float64) (color.NRGBA, bool) {
	const lensX, lensY, lensR, ring = 0.42, 0.42, 0.23, 0.075
	switch {
	case math.Abs(x-lensX) <= 0.035 && math.Abs(y-lensY) <= 0.13:
		return logoAmber, true // the pipe, inside the lens
	case math.Abs(math.Hypot(x-lensX, y-lensY)-lensR) <= ring/2:
		return logoLens, true
	case segmentDist(x, y, 0.61, 0.61, 0.83, 0.83) <= 0.06:
		return logoLens, true // the handle
	case insideRoundedSquare(x, y, 0.04, 0.2):
		return logoNavy, true
	}
	return color.NRGBA{}, false
}

// insideRoundedSquare tests the square inset by margin with corner radius r.
func insideRoundedSquare(x, y, margin, r float64) bool {
	lo, hi := margin+r, 1-margin-r
	dx := math.Max(math.Max(lo-x, x-hi), 0)
	dy := math.Max(math.Max(lo-y, y-hi), 0)
	return x >= margin && x <= 1-margin && y >= margin && y <= 1-margin && math.Hypot(dx, dy) <= r
}

// segmentDist is the distance from (x, y) to the segment (x0,y0)-(x1,y1).
func segmentDist(x, y, x0, y0, x1, y1 float64) float64 {
	dx, dy := x1-x0, y1-y0
	t := ((x-x0)*dx + (y-y0)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-(x0+t*dx), y-(y0+t*dy))
}
