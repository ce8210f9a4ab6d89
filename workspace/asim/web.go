package asim

// The Web Session schema: HTTP requests seen by web proxies and
// firewalls with URL logging (CommonSecurityLog) and IIS (W3CIISLog).
var webSession = Parser{
	Names:  []string{"_Im_WebSession", "imWebSession", "_ASim_WebSession", "ASimWebSession"},
	Schema: "WebSession",
	Tables: []string{"CommonSecurityLog", "W3CIISLog"},
	Source: webSessionSource,
}

const webSessionSource = `(starttime:datetime=datetime(null), endtime:datetime=datetime(null),
 srcipaddr_has_any_prefix:dynamic=dynamic([]), ipaddr_has_any_prefix:dynamic=dynamic([]),
 url_has_any:dynamic=dynamic([]), httpuseragent_has_any:dynamic=dynamic([]),
 eventresultdetails_in:dynamic=dynamic([]), eventresult:string='*') {
let Proxy = CommonSecurityLog
 | where isnotempty(RequestURL)
 | project TimeGenerated, Type = 'CommonSecurityLog', EventOriginalType = Activity,
   EventProduct = DeviceProduct, EventVendor = DeviceVendor,
   Url = RequestURL, HttpRequestMethod = RequestMethod, HttpUserAgent = RequestClientApplication,
   HttpStatusCode = '', SrcIpAddr = SourceIP, SrcPortNumber = SourcePort, SrcUsername = SourceUserName,
   DstIpAddr = DestinationIP, DstPortNumber = DestinationPort, DstHostname = DestinationHostName,
   DvcAction = DeviceAction, SrcBytes = tolong(SentBytes), DstBytes = tolong(ReceivedBytes),
   DvcHostname = DeviceName;
let Iis = W3CIISLog
 | project TimeGenerated, Type = 'W3CIISLog', EventOriginalType = 'W3CIISLog',
   EventProduct = 'IIS', EventVendor = 'Microsoft',
   Url = strcat(iff(sPort == 443, 'https://', 'http://'), csHost, csUriStem, iff(isempty(csUriQuery) or csUriQuery == '-', '', strcat('?', csUriQuery))),
   HttpRequestMethod = csMethod, HttpUserAgent = csUserAgent,
   HttpStatusCode = scStatus, SrcIpAddr = cIP, SrcPortNumber = int(null), SrcUsername = iff(csUserName == '-', '', csUserName),
   DstIpAddr = sIP, DstPortNumber = sPort, DstHostname = csHost,
   DvcAction = '', SrcBytes = csBytes, DstBytes = scBytes,
   DvcHostname = Computer;
union Proxy, Iis
| extend EventResult = case(isempty(HttpStatusCode), iff(DvcAction in~ ('deny', 'block', 'blocked', 'drop'), 'Failure', 'Success'),
     toint(HttpStatusCode) >= 400, 'Failure', 'Success'),
   EventResultDetails = HttpStatusCode
| where isnull(starttime) or TimeGenerated >= starttime
| where isnull(endtime) or TimeGenerated <= endtime
| where array_length(srcipaddr_has_any_prefix) == 0 or has_any_ipv4_prefix(SrcIpAddr, srcipaddr_has_any_prefix)
| where array_length(ipaddr_has_any_prefix) == 0 or has_any_ipv4_prefix(SrcIpAddr, ipaddr_has_any_prefix) or has_any_ipv4_prefix(DstIpAddr, ipaddr_has_any_prefix)
| where array_length(url_has_any) == 0 or Url has_any (url_has_any)
| where array_length(httpuseragent_has_any) == 0 or HttpUserAgent has_any (httpuseragent_has_any)
| where array_length(eventresultdetails_in) == 0 or EventResultDetails in (eventresultdetails_in)
| where eventresult == '*' or EventResult =~ eventresult
| extend EventType = 'HTTPsession', EventCount = int(1), EventStartTime = TimeGenerated, EventEndTime = TimeGenerated,
   EventSchema = 'WebSession', EventSchemaVersion = '0.2.7', Dvc = DvcHostname,
   Src = SrcIpAddr, Dst = DstIpAddr, IpAddr = SrcIpAddr, UserAgent = HttpUserAgent, User = SrcUsername
}`
