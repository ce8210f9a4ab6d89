package benchdata

// KQL holds the KQL twin of each question, keyed by Question.Name: the
// query a hunter would write for the same answer. engine/exec checks that
// each twin returns the rows of its SQL (TestQuestionTwins) and times the
// two side by side (BenchmarkQuestionsKQL).
var KQL = map[string]string{
	"has_filter": `SecurityEvent
| where CommandLine has "mimikatz"
| count`,
	"contains_in": `SecurityEvent
| where EventID == 4688
| where Process in~ (@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", "powershell.exe")
| where CommandLine contains "-encodedcommand"
| summarize count() by Computer
| top 20 by count_`,
	"bin_summarize": `SecurityEvent
| summarize count() by bin(TimeGenerated, 1h), EventID`,
	"top_failed": `SecurityEvent
| where EventID == 4625
| summarize count() by Account
| top 10 by count_`,
	"dcount_ips": `SecurityEvent
| where EventID in (4624, 4625)
| summarize dcount(IpAddress) by Account
| top 20 by dcount_IpAddress`,
	"join_logon_process": `SecurityEvent
| where EventID == 4624 and LogonType == 10
| project Account, Computer
| join (SecurityEvent | where EventID == 4688 | project Account, Computer, Process) on Account, Computer
| summarize count() by Process
| sort by count_ desc`,
	"make_series": `SecurityEvent
| where EventID == 4625
| make-series count() default=0 on TimeGenerated from datetime(` + Start + `) to datetime(` + Start + `) + 14d step 6h by Computer
| project Computer, count_`,
	"parse_cmdline": `SecurityEvent
| where CommandLine contains_cs "-EncodedCommand"
| parse CommandLine with * "-EncodedCommand " Payload
| summarize count() by Payload
| top 20 by count_`,
	"arg_max_host": `SecurityEvent
| summarize arg_max(TimeGenerated, Account, EventID) by Computer`,
	"mv_expand_tags": `SecurityEvent
| mv-expand tag = AdditionalFields.Tags to typeof(string)
| summarize count() by tag
| sort by count_ desc`,
}
