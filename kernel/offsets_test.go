package kernel

import "testing"

func TestOffsets(t *testing.T) {
	const s = "é|🦊x" // 2-byte, 1-byte, 4-byte (outside the BMP), 1-byte characters
	tests := []struct {
		runes, bytes int
	}{
		{0, 0}, {1, 2}, {2, 3}, {3, 7}, {4, 8},
	}
	for _, tt := range tests {
		if got := byteOffset(s, tt.runes); got != tt.bytes {
			t.Errorf("byteOffset(%d) = %d, want %d", tt.runes, got, tt.bytes)
		}
		if got := runeOffset(s, tt.bytes); got != tt.runes {
			t.Errorf("runeOffset(%d) = %d, want %d", tt.bytes, got, tt.runes)
		}
	}
	clamped := []struct {
		name      string
		got, want int
	}{
		{"byteOffset past the end", byteOffset(s, 99), len(s)},
		{"byteOffset negative", byteOffset(s, -1), 0},
		{"runeOffset past the end", runeOffset(s, 99), 4},
		{"runeOffset inside a character", runeOffset(s, 5), 3},
		{"runeOffset negative", runeOffset(s, -3), 0},
	}
	for _, c := range clamped {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
}
