package kqlfunc

import "testing"

func TestConvertUnit(t *testing.T) {
	for _, tc := range []struct {
		quantity string
		value    float64
		from, to string
		want     float64
		ok       bool
	}{
		{"angle", 1.2, "Degree", "Arcminute", 72, true}, // Microsoft's convert_angle example
		{"angle", 180, "Degree", "Radian", 3.14159265358979, true},
		{"mass", 1.2, "Kilogram", "Pound", 2.64554714621853, true}, // convert_mass example
		{"speed", 1.2, "MeterPerSecond", "CentimeterPerHour", 432000, true},
		{"energy", 1.2, "Joule", "BritishThermalUnit", 0.00113738054437598, true},
		{"length", 1, "mile", "kilometer", 1.609344, true}, // names ignore case
		{"temperature", 100, "DegreeCelsius", "DegreeFahrenheit", 212, true},
		{"temperature", 0, "DegreeFahrenheit", "DegreeCelsius", -17.7777777777778, true},
		{"length", 1, "Meter", "Cubit", 0, false},
		{"temperature", 1, "Kelvin", "Meter", 0, false},
	} {
		got, ok := ConvertUnit(tc.quantity, tc.value, tc.from, tc.to)
		if ok != tc.ok || got != tc.want {
			t.Errorf("ConvertUnit(%s, %v, %s, %s) = %v, %v; want %v, %v", tc.quantity, tc.value, tc.from, tc.to, got, ok, tc.want, tc.ok)
		}
	}
}
