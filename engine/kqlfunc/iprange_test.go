package kqlfunc

import "testing"

func TestIPv4RangeToCIDRList(t *testing.T) {
	for _, tc := range []struct {
		start, end, want string
		ok               bool
	}{
		{"1.1.128.0", "1.1.140.255", `["1.1.128.0/21","1.1.136.0/22","1.1.140.0/24"]`, true}, // Microsoft's example
		{"0.0.0.0", "255.255.255.255", `["0.0.0.0/0"]`, true},
		{"10.0.0.1", "10.0.0.2", `["10.0.0.1/32","10.0.0.2/32"]`, true},
		{"10.0.0.2", "10.0.0.1", "", false},
		{"10.0.0", "10.0.0.1", "", false},
	} {
		got, ok := IPv4RangeToCIDRList(tc.start, tc.end)
		if ok != tc.ok || ok && MarshalJSON(got) != tc.want {
			t.Errorf("IPv4RangeToCIDRList(%s, %s) = %v, %v; want %s, %v", tc.start, tc.end, got, ok, tc.want, tc.ok)
		}
	}
}

func TestBase64GUID(t *testing.T) {
	const guid, b64 = "ae3133f2-6e22-49ae-b06a-16e6a9b212eb", "8jMxriJurkmwahbmqbIS6w==" // Microsoft's example
	if got, ok := Base64EncodeFromGUID(guid); !ok || got != b64 {
		t.Errorf("Base64EncodeFromGUID = %q, %v", got, ok)
	}
	if got, ok := Base64DecodeToGUID(b64); !ok || got != guid {
		t.Errorf("Base64DecodeToGUID = %q, %v", got, ok)
	}
	if _, ok := Base64EncodeFromGUID("not-a-guid"); ok {
		t.Error("Base64EncodeFromGUID accepted bad text")
	}
	if _, ok := Base64DecodeToGUID("AAAA"); ok {
		t.Error("Base64DecodeToGUID accepted 3 bytes")
	}
}
