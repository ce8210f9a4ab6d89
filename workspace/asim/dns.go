package asim

// The DNS Activity schema: lookups logged by Windows DNS servers
// (DnsEvents), Sysmon 22 and Defender for Endpoint.
var dns = Parser{
	Names:  []string{"_Im_Dns", "imDns", "imDNS", "_ASim_Dns", "ASimDns", "ASimDNS"},
	Schema: "Dns",
	Tables: []string{"DnsEvents", "WindowsEvent", "Event", "DeviceEvents"},
	Source: withSysmon(dnsSource),
}

// DnsResponseCodeName follows the IANA names of RFC 1035/2136 codes.
const dnsSource = `(starttime:datetime=datetime(null), endtime:datetime=datetime(null),
 srcipaddr:string='*', domain_has_any:dynamic=dynamic([]), responsecodename:string='*',
 response_has_ipv4:string='*', response_has_any_prefix:dynamic=dynamic([]),
 eventtype:string='Query') {
let CodeName = (code:int) {
  case(code == 0, 'NOERROR', code == 1, 'FORMERR', code == 2, 'SERVFAIL', code == 3, 'NXDOMAIN',
       code == 4, 'NOTIMP', code == 5, 'REFUSED', isnull(code), '', strcat('RCODE', tostring(code)))
};
let Server = DnsEvents
 | where SubType == 'LookupQuery'
 | project TimeGenerated, Type = 'DnsEvents', EventOriginalType = tostring(EventId),
   EventProduct = 'DNS Server', EventVendor = 'Microsoft',
   DnsQuery = Name, DnsQueryTypeName = QueryType, DnsResponseCode = ResultCode,
   DnsResponseName = IPAddresses, SrcIpAddr = ClientIP, SrcHostname = '', DvcHostname = Computer,
   SrcProcessName = '';
let Sysmon = SYSMON
 | where EventID == 22
 | project TimeGenerated, Type, EventOriginalType = tostring(EventID),
   EventProduct = 'Sysmon', EventVendor = 'Microsoft',
   DnsQuery = F(QueryName), DnsQueryTypeName = '',
   DnsResponseCode = toint(case(toint(F(QueryStatus)) == 9003, 3, toint(F(QueryStatus)) == 0, 0, 2)),
   DnsResponseName = F(QueryResults), SrcIpAddr = '', SrcHostname = Computer, DvcHostname = Computer,
   SrcProcessName = F(Image);
let Defender = DeviceEvents
 | where ActionType == 'DnsQueryResponse'
 | project TimeGenerated, Type = 'DeviceEvents', EventOriginalType = ActionType,
   EventProduct = 'M365 Defender for Endpoint', EventVendor = 'Microsoft',
   DnsQuery = tostring(AdditionalFields.DnsQueryString), DnsQueryTypeName = '',
   DnsResponseCode = int(0), DnsResponseName = tostring(AdditionalFields.DnsQueryResult),
   SrcIpAddr = LocalIP, SrcHostname = DeviceName, DvcHostname = DeviceName,
   SrcProcessName = InitiatingProcessFolderPath;
union Server, SysmonNew, SysmonLegacy, Defender
| extend DnsResponseCodeName = CodeName(DnsResponseCode),
   DnsQueryType = toint(case(DnsQueryTypeName == 'A', 1, DnsQueryTypeName == 'NS', 2, DnsQueryTypeName == 'CNAME', 5,
     DnsQueryTypeName == 'SOA', 6, DnsQueryTypeName == 'PTR', 12, DnsQueryTypeName == 'MX', 15,
     DnsQueryTypeName == 'TXT', 16, DnsQueryTypeName == 'AAAA', 28, DnsQueryTypeName == 'SRV', 33,
     DnsQueryTypeName == 'ANY', 255, int(null)))
| where isnull(starttime) or TimeGenerated >= starttime
| where isnull(endtime) or TimeGenerated <= endtime
| where srcipaddr == '*' or SrcIpAddr == srcipaddr
| where array_length(domain_has_any) == 0 or DnsQuery has_any (domain_has_any)
| where responsecodename == '*' or DnsResponseCodeName =~ responsecodename
| where response_has_ipv4 == '*' or has_ipv4(DnsResponseName, response_has_ipv4)
| where array_length(response_has_any_prefix) == 0 or has_any_ipv4_prefix(DnsResponseName, response_has_any_prefix)
| where eventtype == '*' or eventtype =~ 'Query'
| extend EventType = 'Query', EventSubType = 'response',
   EventResult = iff(DnsResponseCode == 0, 'Success', 'Failure'),
   EventResultDetails = DnsResponseCodeName,
   EventCount = int(1), EventStartTime = TimeGenerated, EventEndTime = TimeGenerated,
   EventSchema = 'Dns', EventSchemaVersion = '0.1.7',
   Dvc = DvcHostname, Domain = DnsQuery, IpAddr = SrcIpAddr, Src = SrcIpAddr
}`
