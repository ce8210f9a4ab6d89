package kqlfunc

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// unitFactors gives, per quantity of the convert_* functions, each unit's
// size in the quantity's base unit. Names are Kusto's (it uses the
// UnitsNet names); only units with an exact or definitional factor are
// listed, so an unlisted unit gives null rather than a guessed value.
var unitFactors = map[string]map[string]float64{
	"angle": {
		"Degree": 1, "Millidegree": 1e-3, "Microdegree": 1e-6, "Nanodegree": 1e-9,
		"Arcminute": 1.0 / 60, "Arcsecond": 1.0 / 3600, "Gradian": 0.9, "Revolution": 360,
		"Radian": 180 / math.Pi, "Deciradian": 18 / math.Pi, "Centiradian": 1.8 / math.Pi,
		"Milliradian": 0.18 / math.Pi, "Microradian": 1.8e-4 / math.Pi, "Nanoradian": 1.8e-7 / math.Pi,
		"NatoMil": 360.0 / 6400,
	},
	"energy": {
		"Joule": 1, "Millijoule": 1e-3, "Kilojoule": 1e3, "Megajoule": 1e6, "Gigajoule": 1e9,
		"Calorie": 4.184, "Kilocalorie": 4184, "BritishThermalUnit": 1055.05585262,
		"KilobritishThermalUnit": 1055055.85262, "WattHour": 3600, "KilowattHour": 3.6e6,
		"MegawattHour": 3.6e9, "GigawattHour": 3.6e12, "ElectronVolt": 1.602176634e-19, "Erg": 1e-7,
	},
	"force": {
		"Newton": 1, "Micronewton": 1e-6, "Millinewton": 1e-3, "Decanewton": 10, "Kilonewton": 1e3,
		"Meganewton": 1e6, "Dyn": 1e-5, "KilogramForce": 9.80665, "TonneForce": 9806.65,
		"PoundForce": 4.4482216152605, "KilopoundForce": 4448.2216152605, "Poundal": 0.138254954376,
	},
	"length": {
		"Meter": 1, "Kilometer": 1e3, "Hectometer": 100, "Decameter": 10, "Decimeter": 0.1,
		"Centimeter": 0.01, "Millimeter": 1e-3, "Micrometer": 1e-6, "Nanometer": 1e-9,
		"Inch": 0.0254, "Foot": 0.3048, "Yard": 0.9144, "Mile": 1609.344, "NauticalMile": 1852,
		"Mil": 2.54e-5, "Microinch": 2.54e-8, "Fathom": 1.8288, "Chain": 20.1168, "Hand": 0.1016,
		"AstronomicalUnit": 1.495978707e11,
	},
	"mass": {
		"Kilogram": 1, "Hectogram": 0.1, "Decagram": 0.01, "Gram": 1e-3, "Decigram": 1e-4,
		"Centigram": 1e-5, "Milligram": 1e-6, "Microgram": 1e-9, "Nanogram": 1e-12,
		"Tonne": 1e3, "Kilotonne": 1e6, "Megatonne": 1e9, "Pound": 0.45359237,
		"Kilopound": 453.59237, "Megapound": 453592.37, "Ounce": 0.028349523125,
		"Stone": 6.35029318, "Grain": 6.479891e-5, "ShortTon": 907.18474, "LongTon": 1016.0469088,
	},
	"speed": {
		"MeterPerSecond": 1, "MeterPerMinute": 1.0 / 60, "MeterPerHour": 1.0 / 3600,
		"KilometerPerSecond": 1e3, "KilometerPerMinute": 1e3 / 60, "KilometerPerHour": 1 / 3.6,
		"CentimeterPerSecond": 0.01, "CentimeterPerMinute": 0.01 / 60, "CentimeterPerHour": 0.01 / 3600,
		"MillimeterPerSecond": 1e-3, "MillimeterPerMinute": 1e-3 / 60, "MillimeterPerHour": 1e-3 / 3600,
		"FootPerSecond": 0.3048, "FootPerMinute": 0.3048 / 60, "FootPerHour": 0.3048 / 3600,
		"InchPerSecond": 0.0254, "InchPerMinute": 0.0254 / 60, "InchPerHour": 0.0254 / 3600,
		"YardPerSecond": 0.9144, "YardPerMinute": 0.9144 / 60, "YardPerHour": 0.9144 / 3600,
		"MilePerHour": 0.44704, "Knot": 1852.0 / 3600,
	},
	"volume": {
		"CubicMeter": 1, "CubicKilometer": 1e9, "CubicHectometer": 1e6, "CubicDecimeter": 1e-3,
		"CubicCentimeter": 1e-6, "CubicMillimeter": 1e-9, "CubicMicrometer": 1e-18,
		"Liter": 1e-3, "Deciliter": 1e-4, "Centiliter": 1e-5, "Milliliter": 1e-6, "Microliter": 1e-9,
		"Hectoliter": 0.1, "Kiloliter": 1, "Megaliter": 1e3,
		"CubicInch": 1.6387064e-5, "CubicFoot": 0.028316846592, "CubicYard": 0.764554857984,
		"UsGallon": 3.785411784e-3, "ImperialGallon": 4.54609e-3, "UsQuart": 9.46352946e-4,
		"UsPint": 4.73176473e-4, "UsOunce": 2.95735295625e-5, "ImperialOunce": 2.84130625e-5,
		"UsTablespoon": 1.478676478125e-5, "UsTeaspoon": 4.92892159375e-6,
		"AcreFoot": 1233.48183754752, "OilBarrel": 0.158987294928,
	},
}

// temperatures converts each temperature unit to and from kelvin (an
// affine map, unlike the other quantities).
var temperatures = map[string]struct{ toKelvin, fromKelvin func(float64) float64 }{
	"Kelvin":             {func(v float64) float64 { return v }, func(k float64) float64 { return k }},
	"DegreeCelsius":      {func(v float64) float64 { return v + 273.15 }, func(k float64) float64 { return k - 273.15 }},
	"MillidegreeCelsius": {func(v float64) float64 { return v/1000 + 273.15 }, func(k float64) float64 { return (k - 273.15) * 1000 }},
	"DegreeFahrenheit":   {func(v float64) float64 { return (v + 459.67) * 5 / 9 }, func(k float64) float64 { return k*9/5 - 459.67 }},
	"DegreeRankine":      {func(v float64) float64 { return v * 5 / 9 }, func(k float64) float64 { return k * 9 / 5 }},
}

// UnitQuantities lists the quantities of the convert_* functions.
func UnitQuantities() []string {
	out := []string{"temperature"}
	for q := range unitFactors {
		out = append(out, q)
	}
	sort.Strings(out)
	return out
}

// ConvertUnit is convert_<quantity>(value, from, to). The result is
// rounded to 15 significant digits, the precision a double carries, so
// that 1.2 Degree is 72 Arcminute and not 72.00000000000001. ok is false
// for an unknown unit (Kusto's null).
func ConvertUnit(quantity string, value float64, from, to string) (float64, bool) {
	var out float64
	if quantity == "temperature" {
		f, okF := temperatures[from]
		t, okT := temperatures[to]
		if !okF || !okT {
			return 0, false
		}
		out = t.fromKelvin(f.toKelvin(value))
	} else {
		units := unitFactors[quantity]
		f, okF := lookupUnit(units, from)
		t, okT := lookupUnit(units, to)
		if !okF || !okT {
			return 0, false
		}
		out = value * f / t
	}
	rounded, err := strconv.ParseFloat(strconv.FormatFloat(out, 'g', 15, 64), 64)
	if err != nil {
		return out, true
	}
	return rounded, true
}

// lookupUnit finds a unit by its exact name, else ignoring case.
func lookupUnit(units map[string]float64, name string) (float64, bool) {
	if f, ok := units[name]; ok {
		return f, true
	}
	for n, f := range units {
		if strings.EqualFold(n, name) {
			return f, true
		}
	}
	return 0, false
}
