// Package benchdata is the benchmark workload of the engine: a generator of
// a SecurityEvent-like table built inside DuckDB from range(), and ten
// typical hunting questions written by hand in DuckDB SQL. The KQL side
// adds the KQL twin of each question (keyed by Name) and reports the
// KQL/SQL time ratio. It holds SQL text only, so it links no database.
package benchdata

import (
	"fmt"
	"strings"

	"github.com/huntbook/huntbook/engine/sqlrepr"
	"github.com/huntbook/huntbook/table"
)

// Table is the generated table's name.
const Table = "SecurityEvent"

// Schema is the generated table's KQL schema.
var Schema = []table.Column{
	{Name: "TimeGenerated", Type: table.DateTime},
	{Name: "Computer", Type: table.String},
	{Name: "Account", Type: table.String},
	{Name: "EventID", Type: table.Int},
	{Name: "LogonType", Type: table.Int},
	{Name: "IpAddress", Type: table.String},
	{Name: "Process", Type: table.String},
	{Name: "CommandLine", Type: table.String},
	{Name: "AdditionalFields", Type: table.Dynamic},
}

// Start is the first TimeGenerated; events spread over 14 days from it.
const Start = "2024-03-01 00:00:00"

// GenerateSQL returns the statements that create and fill the table with
// rows events. Values come from hashes of the row number, so the data is
// the same on every run: 500 hosts, 2,000 accounts, 5,000 addresses, 14
// days; about 1 command line in 2,000 mentions mimikatz.
func GenerateSQL(rows int) []string {
	var cols []string
	for _, c := range Schema {
		cols = append(cols, sqlrepr.QuoteIdent(c.Name)+" "+sqlrepr.DuckType(c.Type))
	}
	stmts := []string{
		"CREATE OR REPLACE TABLE " + Table + " (" + strings.Join(cols, ", ") + ")",
		fmt.Sprintf(insertSQL, Table, Start, rows),
	}
	for _, c := range Schema {
		stmts = append(stmts, "COMMENT ON COLUMN "+Table+"."+sqlrepr.QuoteIdent(c.Name)+" IS "+
			sqlrepr.QuoteString(sqlrepr.ColumnComment(c.Type)))
	}
	return stmts
}

const insertSQL = `INSERT INTO %[1]s
SELECT
  make_timestamp_ns(epoch_ns(TIMESTAMP_NS '%[2]s') + (i * (1209600000000000 // %[3]d)) + (h1 %% 1000000) * 100),
  'HOST-' || lpad(CAST(h1 %% 500 AS VARCHAR), 4, '0'),
  'CONTOSO\user' || CAST(h2 %% 2000 AS VARCHAR),
  CAST([4624, 4625, 4688, 4688, 4688, 4672, 4634, 4624][h3 %% 8 + 1] AS INTEGER),
  CAST([2, 3, 3, 5, 10, 3][h4 %% 6 + 1] AS INTEGER),
  '10.' || CAST(h4 %% 20 AS VARCHAR) || '.' || CAST(h5 %% 50 AS VARCHAR) || '.' || CAST(h6 %% 5 AS VARCHAR),
  proc,
  proc || ' ' || CASE
    WHEN h5 %% 2000 = 0 THEN 'privilege::debug sekurlsa::logonpasswords # mimikatz'
    WHEN h5 %% 97 = 0 THEN '-NoProfile -ExecutionPolicy Bypass -EncodedCommand SQBFAFgA' || CAST(h6 %% 1000 AS VARCHAR)
    WHEN h5 %% 3 = 0 THEN '/c whoami /all > C:\Users\Public\out' || CAST(h6 %% 100 AS VARCHAR) || '.txt'
    ELSE '-k netsvcs -p -s Schedule ' || CAST(h6 %% 100000 AS VARCHAR) END,
  json_object('ParentProcess', [ 'explorer.exe', 'services.exe', 'winword.exe', 'cmd.exe' ][h6 %% 4 + 1],
              'Tags', json_array('t' || CAST(h2 %% 5 AS VARCHAR), 'u' || CAST(h3 %% 7 AS VARCHAR)))
FROM (
  SELECT i, h1, h2, h3, h4, h5, h6,
    [ 'C:\Windows\System32\cmd.exe', 'C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe',
      'C:\Windows\System32\svchost.exe', 'C:\Windows\System32\rundll32.exe', 'C:\Program Files\App\app.exe' ][h2 %% 5 + 1] AS proc
  FROM (
    SELECT i, CAST(hash(i) >> 1 AS BIGINT) AS h1, CAST(hash(i + 11) >> 1 AS BIGINT) AS h2, CAST(hash(i + 23) >> 1 AS BIGINT) AS h3, CAST(hash(i + 37) >> 1 AS BIGINT) AS h4, CAST(hash(i + 41) >> 1 AS BIGINT) AS h5, CAST(hash(i + 53) >> 1 AS BIGINT) AS h6
    FROM range(%[3]d) t(i)
  )
)`

// Question is one hunting question: its name (the KQL twin's key), what it
// asks, and hand-written DuckDB SQL with the engine's macros, which is what
// the best KQL compilation could produce.
type Question struct {
	Name, Ask, SQL string
}

// Questions are the ten benchmark questions.
var Questions = []Question{
	{"has_filter", "count events whose command line has the term mimikatz",
		`SELECT count(*) AS Count FROM SecurityEvent WHERE kql_has(CommandLine, 'mimikatz')`},
	{"contains_in", "encoded PowerShell by host: contains + in~",
		`SELECT Computer, count(*) AS count_ FROM SecurityEvent
		 WHERE EventID = 4688 AND lower(Process) IN ('c:\windows\system32\windowspowershell\v1.0\powershell.exe', 'powershell.exe')
		   AND contains(lower(CommandLine), '-encodedcommand')
		 GROUP BY Computer ORDER BY count_ DESC LIMIT 20`},
	{"bin_summarize", "events per hour and event id",
		`SELECT kql_bin_dt(TimeGenerated, 36000000000) AS TimeGenerated, EventID, count(*) AS count_
		 FROM SecurityEvent GROUP BY ALL`},
	{"top_failed", "top 10 accounts by failed logons",
		`SELECT Account, count(*) AS count_ FROM SecurityEvent WHERE EventID = 4625
		 GROUP BY Account ORDER BY count_ DESC LIMIT 10`},
	{"dcount_ips", "distinct source addresses per account (exact, as huntbook's dcount)",
		`SELECT Account, count(DISTINCT IpAddress) AS dcount_IpAddress FROM SecurityEvent
		 WHERE EventID IN (4624, 4625) GROUP BY Account ORDER BY dcount_IpAddress DESC LIMIT 20`},
	{"join_logon_process", "processes started by accounts that logged on remotely (innerunique join)",
		`WITH logons AS (SELECT DISTINCT ON (Account, Computer) Account, Computer FROM SecurityEvent
		                 WHERE EventID = 4624 AND LogonType = 10),
		      procs AS (SELECT Account, Computer, Process FROM SecurityEvent WHERE EventID = 4688)
		 SELECT p.Process, count(*) AS count_ FROM logons l JOIN procs p USING (Account, Computer)
		 GROUP BY p.Process ORDER BY count_ DESC`},
	{"make_series", "failed logons per host per 6 hours with empty bins as 0",
		`WITH bins AS (SELECT kql_bin_dt(TimeGenerated, 216000000000) AS b, Computer, count(*) AS n
		              FROM SecurityEvent WHERE EventID = 4625 GROUP BY ALL),
		      grid AS (SELECT c.Computer, t.b FROM (SELECT DISTINCT Computer FROM bins) c,
		               (SELECT unnest(generate_series(TIMESTAMP '` + Start + `', TIMESTAMP '` + Start + `' + INTERVAL 13 DAY + INTERVAL 18 HOUR, INTERVAL 6 HOUR))::TIMESTAMP_NS AS b) t)
		 SELECT g.Computer, list(coalesce(bins.n, 0) ORDER BY g.b) AS count_
		 FROM grid g LEFT JOIN bins USING (Computer, b) GROUP BY g.Computer`},
	{"parse_cmdline", "the encoded payloads of PowerShell command lines",
		`SELECT regexp_extract(CommandLine, '-EncodedCommand (\S+)', 1) AS Payload, count(*) AS count_
		 FROM SecurityEvent WHERE contains(CommandLine, '-EncodedCommand') GROUP BY Payload ORDER BY count_ DESC LIMIT 20`},
	{"arg_max_host", "the latest event of every host (arg_max(TimeGenerated, *))",
		`SELECT Computer, max(TimeGenerated) AS TimeGenerated, arg_max(Account, TimeGenerated) AS Account,
		        arg_max(EventID, TimeGenerated) AS EventID FROM SecurityEvent GROUP BY Computer`},
	{"mv_expand_tags", "event counts per tag of the dynamic column (mv-expand)",
		`SELECT tag, count(*) AS count_ FROM SecurityEvent,
		        unnest(CAST(json_extract(AdditionalFields, '$.Tags') AS VARCHAR[])) AS t(tag)
		 GROUP BY tag ORDER BY count_ DESC`},
}
