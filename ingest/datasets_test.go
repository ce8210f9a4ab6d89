package ingest

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/huntbook/huntbook/table"
)

// datasetsDir is ../shared/datasets seen from this package.
var datasetsDir = filepath.Join("..", "..", "shared", "datasets")

func requireDatasets(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(datasetsDir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent: skipping the tests on real datasets", datasetsDir)
	}
}

// datasetCase is what one file of ../shared/datasets must give: rows per
// table (SOURCES.md's counts), the month of its earliest TimeGenerated,
// and the types of some columns.
type datasetCase struct {
	file  string
	rows  map[string]int64
	month string // "2021-04", or "" for tables without TimeGenerated values
	types map[string]table.Type
}

const lab = "azure-sentinel/Solutions/Training/Azure-Sentinel-Training-Lab/Artifacts/Telemetry/"

var datasetCases = []datasetCase{
	{lab + "AuditLogs_Hunting.csv", map[string]int64{"AuditLogs": 5}, "", map[string]table.Type{"TargetResources": table.Dynamic, "InitiatedBy": table.Dynamic}},
	{lab + "HighRiskApps.csv", map[string]int64{"HighRiskApps": 5}, "", nil},
	{lab + "PenTestsIPaddresses.csv", map[string]int64{"PenTestsIPaddresses": 6}, "", nil},
	{lab + "azureActivity_adele.csv", map[string]int64{"AzureActivity": 23}, "2021-04", map[string]table.Type{"Properties_d": table.Dynamic, "EventSubmissionTimestamp": table.DateTime}},
	{lab + "disable_accounts.csv", map[string]int64{"SigninLogs": 4}, "", map[string]table.Type{"LocationDetails": table.Dynamic}},
	{lab + "office_activity.csv", map[string]int64{"OfficeActivity": 266}, "2021-04", map[string]table.Type{"Operation": table.String}},
	{lab + "office_activity_inbox_rule.csv", map[string]int64{"OfficeActivity": 2}, "2021-04", nil},
	{lab + "sign-in_adelete.csv", map[string]int64{"SigninLogs": 56}, "2021-04", map[string]table.Type{"LocationDetails": table.Dynamic, "IsInteractive": table.Bool}},
	{lab + "signinLogs.csv", map[string]int64{"SigninLogs": 1}, "", nil},
	{lab + "solarigate-beacon-umbrella.csv", map[string]int64{"solarigate_beacon_umbrella": 1}, "", map[string]table.Type{"Timestamp": table.DateTime}},
	{lab + "solarigate_CEFevent.csv", map[string]int64{"CommonSecurityLog": 1}, "", map[string]table.Type{"DestinationPort": table.Int}},
	{"azure-sentinel-notebooks/src/data/aad_logons.pkl.csv", map[string]int64{"SigninLogs": 86}, "2021-06", map[string]table.Type{"LocationDetails": table.Dynamic, "Latitude": table.Real}},
	{"azure-sentinel-notebooks/src/data/alerts_list.pkl.csv", map[string]int64{"SecurityAlert": 41}, "2021-06", map[string]table.Type{"StartTimeUtc": table.DateTime}},
	{"azure-sentinel-notebooks/src/data/exchange_admin.pkl.csv", map[string]int64{"exchange_admin": 146}, "", map[string]table.Type{"nCmds": table.Long, "begin": table.DateTime, "duration": table.TimeSpan, "cmds": table.Dynamic}},
	{"azure-sentinel-notebooks/src/data/failed_logons_hourly.pkl.csv", map[string]int64{"failed_logons_hourly": 721}, "2021-11", nil},
	{"azure-sentinel-notebooks/src/data/host_logons.pkl.csv", map[string]int64{"SecurityEvent": 164}, "2021-06", map[string]table.Type{"LogonType": table.Int}},
	{"azure-sentinel-notebooks/src/data/processes_on_host.pkl.csv", map[string]int64{"SecurityEvent": 22979}, "2021-06", map[string]table.Type{"CommandLine": table.String}},
	{"azure-sentinel-notebooks/src/data/timeseries.pkl.csv", map[string]int64{"timeseries": 168}, "2020-07", map[string]table.Type{"TotalBytesSent": table.Long}},
	{"azure-sentinel-notebooks/tutorials-and-examples/example-notebooks/data/az_net_comms_df.pkl.csv", map[string]int64{"az_net_comms_df": 1360}, "2019-02", map[string]table.Type{"FlowStartTime": table.DateTime, "PublicIPs": table.Dynamic}},
	{"azure-sentinel-notebooks/tutorials-and-examples/example-notebooks/data/failedLogons.pkl.csv", map[string]int64{"SecurityEvent": 4}, "2019-02", nil},
	{"azure-sentinel-notebooks/tutorials-and-examples/example-notebooks/data/process_tree.pkl.csv", map[string]int64{"SecurityEvent": 17}, "2019-02", nil},
	{"msticpy/docs/notebooks/data/TimeSeriesDemo.csv", map[string]int64{"TimeSeriesDemo": 840}, "2019-05", map[string]table.Type{"score": table.Real}},
	{"msticpy/docs/notebooks/data/alertlist.csv", map[string]int64{"SecurityAlert": 189}, "2019-01", map[string]table.Type{"IsIncident": table.Bool}},
	{"msticpy/docs/notebooks/data/demo_exchange_data.csv", map[string]int64{"OfficeActivity": 1334}, "2020-03", nil},
	{"msticpy/docs/notebooks/data/ioc_df.csv", map[string]int64{"ioc_df": 130}, "", map[string]table.Type{"SourceIndex": table.Long}},
	{"msticpy/docs/notebooks/data/ip_locs.csv", map[string]int64{"ip_locs": 87}, "", map[string]table.Type{"Latitude": table.Real, "AdditionalData": table.Dynamic}},
	{"msticpy/docs/notebooks/data/process_tree.csv", map[string]int64{"SecurityEvent": 117}, "2019-01", nil},
	{"msticpy/tests/testdata/az_net_flows.csv", map[string]int64{"az_net_flows": 460}, "2019-02", nil},
	{"msticpy/tests/testdata/host_hb.csv", map[string]int64{"Heartbeat": 1}, "2019-07", map[string]table.Type{"RemoteIPLatitude": table.Real}},
	{"msticpy/tests/testdata/host_logons.csv", map[string]int64{"SecurityEvent": 14}, "2019-01", nil},
	{"msticpy/tests/testdata/linux_events.csv", map[string]int64{"linux_events": 100}, "2019-02", map[string]table.Type{"AuditdMessage": table.Dynamic}},
	{"msticpy/tests/testdata/mde_proc_cs1.csv", map[string]int64{"mde_proc_cs1": 1564}, "", map[string]table.Type{"CreatedProcessCreationTime": table.DateTime, "CreatedProcessId": table.Long}},
	{"msticpy/tests/testdata/processes_on_host.csv", map[string]int64{"SecurityEvent": 363}, "2019-01", nil},
	{"msticpy/tests/testdata/sudo_session_test.csv", map[string]int64{"Syslog": 78}, "2019-07", nil},
	{"msticpy/tests/testdata/syslog_data.csv", map[string]int64{"Syslog": 100}, "2019-07", map[string]table.Type{"ProcessID": table.Int}},
	{"msticpy/tests/testdata/time_series.csv", map[string]int64{"time_series": 840}, "2019-05", nil},
	{"otrf-security-datasets/datasets/atomic/windows/credential_access/host/cmd_psexec_lsa_secrets_dump.zip", map[string]int64{"SecurityEvent": 43, "WindowsEvent": 241, "Event": 2}, "2020-10", nil},
	{"otrf-security-datasets/datasets/atomic/windows/credential_access/host/psh_lsass_memory_dump_comsvcs.zip", map[string]int64{"SecurityEvent": 36, "WindowsEvent": 148}, "2020-10", nil},
	{"otrf-security-datasets/datasets/atomic/windows/credential_access/host/rdp_interactive_taskmanager_lsass_dump.zip", map[string]int64{"SecurityEvent": 793, "WindowsEvent": 4695, "Event": 1}, "2020-09", nil},
	{"otrf-security-datasets/datasets/atomic/windows/execution/host/empire_launcher_vbs.zip", map[string]int64{"SecurityEvent": 652, "WindowsEvent": 1415}, "2020-09", nil},
	{"otrf-security-datasets/datasets/atomic/windows/lateral_movement/host/empire_psexec_dcerpc_tcp_svcctl.zip", map[string]int64{"SecurityEvent": 599, "WindowsEvent": 3739, "Event": 10}, "2020-09", nil},
	{"otrf-security-datasets/datasets/compound/GoldenSAMLADFSMailAccess/AADAuditEvents.Zip", map[string]int64{"AuditLogs": 4}, "2021-08", nil},
	{"otrf-security-datasets/datasets/compound/GoldenSAMLADFSMailAccess/Microsoft365DefenderEvents.Zip", map[string]int64{"Microsoft365DefenderEvents": 9}, "", map[string]table.Type{"Timestamp": table.DateTime, "AdditionalFields": table.Dynamic}},
	{"otrf-security-datasets/datasets/compound/GoldenSAMLADFSMailAccess/OfficeActivityEvents.Zip", map[string]int64{"OfficeActivity": 1}, "2021-08", map[string]table.Type{"OperationProperties": table.Dynamic}},
	{"otrf-security-datasets/datasets/compound/GoldenSAMLADFSMailAccess/WindowsEvents.Zip", map[string]int64{"SecurityEvent": 36, "Event": 2}, "2021-08", nil},
	{"otrf-security-datasets/datasets/compound/Log4Shell/securityauditing_log4shell_cve2021_44228_java_serialized_object.zip", map[string]int64{"SecurityEvent": 39}, "2022-05", nil},
	{"otrf-security-datasets/datasets/compound/Log4Shell/syslog_auoms_auditd_log4shell_cve2021_44228_jndi_reference.zip", map[string]int64{"Syslog": 50}, "2022-05", nil},
	{"otrf-security-datasets/datasets/compound/Log4Shell/syslog_sysmon_log4shell_cve2021_44228_jndi_reference.zip", map[string]int64{"Syslog": 93}, "2022-05", nil},
	{"otrf-security-datasets/datasets/compound/Log4Shell/sysmon_log4shell_cve2021_44228_java_serialized_object.zip", map[string]int64{"WindowsEvent": 487}, "2022-05", nil},
	{"otrf-security-datasets/datasets/compound/Log4Shell/vminsights_vmconnection_log4shell_cve2021_44228_jndi_reference.zip", map[string]int64{"VMConnection": 5}, "2022-05", map[string]table.Type{"BytesSent": table.Long}},
}

// TestDatasets ingests every file under ../shared/datasets and checks the
// tables, row counts and types it gives.
func TestDatasets(t *testing.T) {
	requireDatasets(t)
	covered := map[string]bool{}
	for _, tc := range datasetCases {
		covered[tc.file] = true
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			t.Parallel()
			s := newMemSink()
			rep, err := Ingest(context.Background(), s, []string{filepath.Join(datasetsDir, tc.file)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !s.committed || rep.Rejected != 0 {
				t.Fatalf("committed %v, rejected %d: %v", s.committed, rep.Rejected, rep.Problems)
			}
			if diff := cmp.Diff(tc.rows, rep.Rows); diff != "" {
				t.Errorf("rows per table (-want +got):\n%s", diff)
			}
			for _, name := range s.order {
				checkTable(t, s.table(name), tc)
			}
		})
	}
	// Every file of the datasets has a case: a new file needs its counts.
	err := filepath.WalkDir(datasetsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(datasetsDir, p)
		if !covered[filepath.ToSlash(rel)] {
			t.Errorf("%s has no case in datasetCases", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkTable checks the Sink contract and the sensible types: time columns
// are datetimes, event ids numbers, the listed columns of the listed types.
func checkTable(t *testing.T, tb *memTable, tc datasetCase) {
	t.Helper()
	if tb.err != nil {
		t.Errorf("%s: %v", tb.spec.Name, tb.err)
	}
	for _, c := range tb.spec.Columns {
		switch c.Name {
		case "TimeGenerated", "Timestamp":
			if c.Type != table.DateTime {
				t.Errorf("%s.%s is %v", tb.spec.Name, c.Name, c.Type)
			}
		case "EventID":
			if !c.Type.IsNumeric() {
				t.Errorf("%s.%s is %v", tb.spec.Name, c.Name, c.Type)
			}
		}
		if want, ok := tc.types[c.Name]; ok && c.Type != want {
			t.Errorf("%s.%s is %v, want %v", tb.spec.Name, c.Name, c.Type, want)
		}
	}
	for name := range tc.types {
		if tb.typeOf(name) == table.Invalid && len(tc.rows) == 1 {
			t.Errorf("%s has no column %s", tb.spec.Name, name)
		}
	}
	if tc.month == "" {
		return
	}
	var first time.Time
	for _, v := range tb.column("TimeGenerated") {
		tv, ok := v.(time.Time)
		if !ok {
			t.Errorf("%s: a row without TimeGenerated", tb.spec.Name)
			return
		}
		if first.IsZero() || tv.Before(first) {
			first = tv
		}
	}
	if got := first.Format("2006-01"); got != tc.month {
		t.Errorf("%s: earliest TimeGenerated %v, want in %s", tb.spec.Name, first, tc.month)
	}
}
