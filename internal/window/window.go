// Package window decides the desktop window's size and place: the ones it
// had when it was last closed, kept in the data directory, made to fit the
// screen it opens on; or, the first time, the preferred size shrunk to fit a
// laptop screen (1366×768, 1280×720) with room for the desktop's panels, so
// the window's title bar is never off the screen.
package window

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The window's preferred and least sizes, in screen pixels.
const (
	PreferredWidth  = 1280
	PreferredHeight = 820
	MinWidth        = 960
	MinHeight       = 600
)

// room is what a first opening leaves free of the screen for the desktop's
// panels and the window's own title bar.
const (
	roomX = 40
	roomY = 80
)

// FileName is the file in the data directory that keeps the geometry.
const FileName = "window.json"

// Geometry is the window's place (its top left corner on the screen) and
// size, and whether it was maximised.
type Geometry struct {
	X         int  `json:"x"`
	Y         int  `json:"y"`
	Width     int  `json:"width"`
	Height    int  `json:"height"`
	Maximised bool `json:"maximised,omitempty"`
}

// Fit returns the geometry to open with on a screen of width×height pixels:
// saved (nil the first time) kept as far as it fits, else the preferred size
// centred. The whole window is on the screen: what is too large shrinks, what
// is off the screen moves in.
func Fit(saved *Geometry, screenW, screenH int) Geometry {
	if screenW <= 0 || screenH <= 0 {
		screenW, screenH = PreferredWidth+roomX, PreferredHeight+roomY
	}
	if saved == nil || saved.Width <= 0 || saved.Height <= 0 {
		w := clamp(PreferredWidth, min(MinWidth, screenW), screenW-roomX)
		h := clamp(PreferredHeight, min(MinHeight, screenH), screenH-roomY)
		return Geometry{X: max(0, (screenW-w)/2), Y: max(0, (screenH-h)/2), Width: w, Height: h}
	}
	g := *saved
	g.Width = clamp(g.Width, min(MinWidth, screenW), screenW)
	g.Height = clamp(g.Height, min(MinHeight, screenH), screenH)
	g.X = clamp(g.X, 0, screenW-g.Width)
	g.Y = clamp(g.Y, 0, screenH-g.Height)
	return g
}

// clamp returns v within [lo, hi]; lo when hi < lo.
func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// Load reads the geometry kept in the data directory dir; nil, nil when none
// was kept yet.
func Load(dir string) (*Geometry, error) {
	b, err := os.ReadFile(filepath.Join(dir, FileName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var g Geometry
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, fmt.Errorf("%s: %w", FileName, err)
	}
	return &g, nil
}

// Save keeps g in the data directory dir, replacing the file whole so that
// a crash never leaves half of it.
func Save(dir string, g Geometry) error {
	b, err := json.Marshal(g)
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, FileName+".partial")
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, FileName))
}
