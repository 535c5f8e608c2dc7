package window_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/reqdesk/reqdesk/internal/window"
)

func TestFit(t *testing.T) {
	tests := []struct {
		name          string
		saved         *window.Geometry
		screenW, scrH int
		want          window.Geometry
	}{
		{"FirstOnLargeScreen", nil, 1920, 1080, window.Geometry{X: 320, Y: 130, Width: 1280, Height: 820}},
		{"FirstOn1366x768", nil, 1366, 768, window.Geometry{X: 43, Y: 40, Width: 1280, Height: 688}},
		{"FirstOn1280x720", nil, 1280, 720, window.Geometry{X: 20, Y: 40, Width: 1240, Height: 640}},
		{"SavedFits", &window.Geometry{X: 30, Y: 20, Width: 1100, Height: 700}, 1366, 768,
			window.Geometry{X: 30, Y: 20, Width: 1100, Height: 700}},
		{"SavedTooLarge", &window.Geometry{X: 0, Y: 0, Width: 1900, Height: 1000}, 1280, 720,
			window.Geometry{X: 0, Y: 0, Width: 1280, Height: 720}},
		{"SavedOffTheScreen", &window.Geometry{X: 1700, Y: 900, Width: 1000, Height: 650}, 1366, 768,
			window.Geometry{X: 366, Y: 118, Width: 1000, Height: 650}},
		{"SavedAboveTheTop", &window.Geometry{X: -20, Y: -30, Width: 1000, Height: 650}, 1366, 768,
			window.Geometry{X: 0, Y: 0, Width: 1000, Height: 650}},
		{"SavedMaximised", &window.Geometry{X: 0, Y: 0, Width: 1366, Height: 768, Maximised: true}, 1280, 720,
			window.Geometry{X: 0, Y: 0, Width: 1280, Height: 720, Maximised: true}},
		{"SavedTooSmall", &window.Geometry{X: 10, Y: 10, Width: 200, Height: 100}, 1366, 768,
			window.Geometry{X: 10, Y: 10, Width: window.MinWidth, Height: window.MinHeight}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := window.Fit(tt.saved, tt.screenW, tt.scrH)
			if got != tt.want {
				t.Fatalf("Fit = %+v, want %+v", got, tt.want)
			}
			if got.X < 0 || got.Y < 0 || got.X+got.Width > tt.screenW || got.Y+got.Height > tt.scrH {
				t.Fatalf("Fit = %+v is not wholly on a %dx%d screen", got, tt.screenW, tt.scrH)
			}
		})
	}
}

func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	g, err := window.Load(dir)
	if err != nil || g != nil {
		t.Fatalf("Load of nothing = %+v, %v", g, err)
	}
	want := window.Geometry{X: 12, Y: 34, Width: 1100, Height: 700}
	if err := window.Save(dir, want); err != nil {
		t.Fatal(err)
	}
	got, err := window.Load(dir)
	if err != nil || got == nil || *got != want {
		t.Fatalf("Load = %+v, %v, want %+v", got, err, want)
	}
	if err := os.WriteFile(filepath.Join(dir, window.FileName), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := window.Load(dir); err == nil {
		t.Fatal("a damaged file loads without an error")
	}
}
