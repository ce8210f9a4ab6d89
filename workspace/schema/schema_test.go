package schema

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/table"
)

// required is the list of tables the catalog promises (issue 4).
var required = []string{
	"SecurityEvent", "WindowsEvent", "Event", "SigninLogs", "AADNonInteractiveUserSignInLogs", "AuditLogs",
	"OfficeActivity", "AzureActivity", "SecurityAlert", "SecurityIncident", "Syslog", "CommonSecurityLog",
	"DnsEvents", "Heartbeat", "VMConnection", "ThreatIntelligenceIndicator", "DeviceProcessEvents",
	"DeviceNetworkEvents", "DeviceFileEvents", "DeviceLogonEvents", "DeviceRegistryEvents", "DeviceEvents",
	"DeviceInfo", "EmailEvents", "IdentityInfo",
	// Tables the Sentinel hunting corpus reads most among those first missing.
	"AzureDevOpsAuditing", "AWSCloudTrail", "AlertInfo", "AlertEvidence", "AzureDiagnostics", "BehaviorAnalytics",
	"W3CIISLog", "LAQueryLogs", "EmailUrlInfo", "EmailAttachmentInfo", "DeviceNetworkInfo", "DeviceTvmInfoGathering",
	"AADSignInEventsBeta", "AADServicePrincipalSignInLogs", "StorageFileLogs", "StorageBlobLogs",
	"SecurityNestedRecommendation", "WireData", "AWSGuardDuty", "EmailPostDeliveryEvents",
	"DeviceFileCertificateInfo", "UrlClickEvents", "AppServiceAntivirusScanAuditLogs",
	"VMProcess",
}

func TestRequiredTablesPresent(t *testing.T) {
	for _, name := range required {
		if _, ok := Table(name); !ok {
			t.Errorf("table %s missing from the catalog", name)
		}
	}
}

func TestCatalogInvariants(t *testing.T) {
	for _, s := range Tables() {
		if s.Description == "" || strings.Contains(s.Description, "\n") {
			t.Errorf("%s: description must be one non-empty line, got %q", s.Name, s.Description)
		}
		seen := map[string]bool{}
		for _, c := range s.Columns {
			if c.Type == table.Invalid || c.Type > table.GUID {
				t.Errorf("%s.%s: invalid type %v", s.Name, c.Name, c.Type)
			}
			key := strings.ToLower(c.Name)
			if seen[key] {
				t.Errorf("%s.%s: duplicate column (case-insensitively)", s.Name, c.Name)
			}
			seen[key] = true
		}
		wantType := map[string]table.Type{"TimeGenerated": table.DateTime, "Type": table.String, "TenantId": table.String}
		if strings.HasPrefix(s.Name, "Device") || strings.HasPrefix(s.Name, "Email") ||
			strings.HasPrefix(s.Name, "Identity") && s.Name != "IdentityInfo" || strings.HasPrefix(s.Name, "Alert") ||
			s.Name == "CloudAppEvents" || s.Name == "AADSignInEventsBeta" || s.Name == "UrlClickEvents" {
			wantType["Timestamp"] = table.DateTime
		}
		for name, ty := range wantType {
			c, ok := s.Column(name)
			if !ok || c.Type != ty {
				t.Errorf("%s: want column %s of type %v, got %v (present %v)", s.Name, name, ty, c.Type, ok)
			}
		}
		if s.Columns[1].Name != "TimeGenerated" {
			t.Errorf("%s: TimeGenerated should come second, after TenantId", s.Name)
		}
	}
}

func TestSpotChecks(t *testing.T) {
	tests := []struct {
		table, column string
		want          table.Type
	}{
		{"SecurityEvent", "EventID", table.Int},
		{"SecurityEvent", "LogonType", table.Int},
		{"SecurityEvent", "Account", table.String},
		{"SecurityEvent", "CommandLine", table.String},
		{"SecurityEvent", "EventData", table.String},
		{"WindowsEvent", "EventData", table.Dynamic},
		{"WindowsEvent", "EventID", table.Int},
		{"Event", "RenderedDescription", table.String},
		{"SigninLogs", "LocationDetails", table.Dynamic},
		{"SigninLogs", "Status", table.Dynamic},
		{"SigninLogs", "ResultType", table.String},
		{"SigninLogs", "IsInteractive", table.Bool},
		{"AADNonInteractiveUserSignInLogs", "LocationDetails", table.String},
		{"AuditLogs", "TargetResources", table.Dynamic},
		{"AzureActivity", "Properties_d", table.Dynamic},
		{"OfficeActivity", "Start_Time", table.DateTime},
		{"SecurityAlert", "ConfidenceScore", table.Real},
		{"SecurityIncident", "IncidentNumber", table.Int},
		{"Syslog", "ProcessID", table.Int},
		{"CommonSecurityLog", "DestinationPort", table.Int},
		{"CommonSecurityLog", "SentBytes", table.Long},
		{"VMConnection", "BytesSent", table.Long},
		{"Heartbeat", "ComputerPrivateIPs", table.Dynamic},
		{"DeviceProcessEvents", "InitiatingProcessId", table.Long},
		{"DeviceProcessEvents", "ProcessCommandLine", table.String},
		{"DeviceNetworkEvents", "RemotePort", table.Int},
		{"DeviceInfo", "OSBuild", table.Long},
		{"EmailEvents", "AttachmentCount", table.Int},
		{"IdentityInfo", "AssignedRoles", table.Dynamic},
		{"ThreatIntelligenceIndicator", "ExpirationDateTime", table.DateTime},
		{"AzureDiagnostics", "ActivityId_g", table.GUID},
		{"AzureDiagnostics", "httpStatus_d", table.Real},
		{"AzureDiagnostics", "DurationMs", table.Long},
		{"AzureDiagnostics", "AdditionalFields", table.Dynamic},
		{"AWSCloudTrail", "ReadOnly", table.Bool},
		{"AWSCloudTrail", "SessionCreationDate", table.DateTime},
		{"AzureDevOpsAuditing", "Data", table.Dynamic},
		{"BehaviorAnalytics", "InvestigationPriority", table.Int},
		{"BehaviorAnalytics", "UsersInsights", table.Dynamic},
		{"W3CIISLog", "csBytes", table.Long},
		{"W3CIISLog", "sPort", table.Int},
		{"LAQueryLogs", "ResponseDurationMs", table.Real},
		{"AlertEvidence", "ApplicationId", table.Int},
		{"EmailAttachmentInfo", "FileSize", table.Long},
		{"DeviceNetworkInfo", "IPAddresses", table.Dynamic},
		{"DeviceTvmInfoGathering", "AdditionalFields", table.Dynamic},
		{"AADSignInEventsBeta", "IsGuestUser", table.Bool},
		{"AADSignInEventsBeta", "ErrorCode", table.Int},
		{"AADServicePrincipalSignInLogs", "DurationMs", table.Long},
		{"StorageFileLogs", "SmbSessionID", table.Long},
		{"StorageBlobLogs", "DurationMs", table.Real},
		{"SecurityNestedRecommendation", "IsSnapshot", table.Bool},
		{"WireData", "RemotePortNumber", table.Int},
		{"AWSGuardDuty", "Severity", table.Int},
		{"DeviceFileCertificateInfo", "IsRootSignerMicrosoft", table.Bool},
		{"UrlClickEvents", "IsClickedThrough", table.Bool},
		{"VMProcess", "Services", table.Dynamic},
	}
	for _, tt := range tests {
		s, ok := Table(tt.table)
		if !ok {
			t.Errorf("no table %s", tt.table)
			continue
		}
		c, ok := s.Column(tt.column)
		if !ok {
			t.Errorf("%s has no column %s", tt.table, tt.column)
			continue
		}
		if c.Type != tt.want {
			t.Errorf("%s.%s: type %v, want %v", tt.table, tt.column, c.Type, tt.want)
		}
	}
}

func TestLookupAndCopies(t *testing.T) {
	s, ok := Lookup("securityevent")
	if !ok || s.Name != "SecurityEvent" {
		t.Fatalf("Lookup(securityevent) = %q, %v", s.Name, ok)
	}
	if _, ok := Table("securityevent"); ok {
		t.Error("Table must match case-sensitively, as Kusto does")
	}
	s.Columns[0].Name = "Mutated"
	again, _ := Table("SecurityEvent")
	if again.Columns[0].Name != "TenantId" {
		t.Error("changing a returned schema changed the catalog")
	}
	names := Names()
	if diff := cmp.Diff(len(Tables()), len(names)); diff != "" {
		t.Error(diff)
	}
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Errorf("names not sorted: %s before %s", names[i-1], names[i])
		}
	}
}

func TestParseSpecErrors(t *testing.T) {
	tests := []struct{ name, spec, want string }{
		{"short", "T\ndesc", "needs a name"},
		{"badtype", "T\ndesc\nA:varchar", "unknown type"},
		{"dup", "T\ndesc\nA B a", "duplicates"},
		{"badname", "T x\ndesc\nA", "bad table name"},
	}
	for _, tt := range tests {
		_, err := parseSpec(tt.spec)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to mention %q", tt.name, err, tt.want)
		}
	}
}

// TestRealExportHeaders checks the catalog against the headers of real
// Sentinel / Log Analytics exports: every column of an export must be a
// catalog column, apart from the ones a query added (listed per file).
func TestRealExportHeaders(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "datasets")
	if _, err := os.Stat(root); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s absent: skipping the check against real exports", root)
	}
	telemetry := "azure-sentinel/Solutions/Training/Azure-Sentinel-Training-Lab/Artifacts/Telemetry/"
	tests := []struct {
		file, table string
		extra       []string // columns the export has that the table does not
	}{
		{telemetry + "office_activity.csv", "OfficeActivity", nil},
		{telemetry + "azureActivity_adele.csv", "AzureActivity", []string{"$table", "OperationVersion", "ResultType",
			"ResultSignature", "ResultDescription", "DurationMs", "Identity", "Location", "AdditionalDetails", "Id",
			"InitiatedBy", "LoggedByService", "Result"}},
		{telemetry + "disable_accounts.csv", "SigninLogs", nil},
		{telemetry + "sign-in_adelete.csv", "SigninLogs", []string{"ConditionalAccessPolicies_dynamic",
			"ConditionalAccessPolicies_string", "DeviceDetail_dynamic", "DeviceDetail_string",
			"LocationDetails_dynamic", "LocationDetails_string", "MfaDetail_dynamic", "MfaDetail_string",
			"Status_dynamic", "Status_string", "AdditionalDetails", "InitiatedBy"}},
		{telemetry + "solarigate_CEFevent.csv", "CommonSecurityLog", []string{"RemotePort_string", "RemotePort_int",
			"DNSName", "EventId"}},
		{"msticpy/tests/testdata/host_hb.csv", "Heartbeat", []string{""}},
		{"msticpy/tests/testdata/syslog_data.csv", "Syslog", []string{""}},
		{"azure-sentinel-notebooks/src/data/host_logons.pkl.csv", "SecurityEvent", []string{"TimeCreatedUtc"}},
	}
	for _, tt := range tests {
		header := readHeader(t, filepath.Join(root, tt.file))
		s, _ := Table(tt.table)
		var unknown []string
		for _, h := range header {
			h = strings.TrimSuffix(h, " [UTC]")
			if s.Index(h) < 0 && !contains(tt.extra, h) {
				unknown = append(unknown, h)
			}
		}
		if len(unknown) > 0 {
			t.Errorf("%s: columns not in %s: %v", tt.file, tt.table, unknown)
		}
	}
}

func readHeader(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true
	h, err := r.Read()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(h) > 0 {
		h[0] = strings.TrimPrefix(h[0], "\ufeff")
	}
	return h
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestHas(t *testing.T) {
	if !Has("Syslog") || Has("syslog") || Has("Nope") {
		t.Error("Has is wrong")
	}
}
