using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Activities.Http;

/// <summary>
/// Elsa.FlowSendHttpRequest and Elsa.SendHttpRequest (Elsa.Http/Activities/FlowSendHttpRequest.cs, SendHttpRequest.cs,
/// SendHttpRequestBase.cs) against a loopback server only, with the engine's allow-list.
/// </summary>
public sealed class SendHttpRequestTests : IDisposable
{
    private readonly LoopbackServer _server = new();

    public void Dispose() => _server.Dispose();

    private static readonly JsonObject ParsedToBody = new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "body" } };
    private static readonly JsonObject ResultToResponse = new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "response" } };

    private WorkflowRuntime Runtime(bool allowLoopback = true, TimeSpan? timeout = null) =>
        TestFlow.Engine(o =>
        {
            if (allowLoopback) o.OutboundHttp.AllowedHosts.Add("127.0.0.1");
            if (timeout is { } t) o.OutboundHttp.Timeout = t;
        }).Runtime;

    private static WorkflowDefinition Flow(object inputs, params string[] ports)
    {
        var flow = new TestFlow().Variable("body", "Object", null).Variable("response", "Object", null).Add("http", "Elsa.FlowSendHttpRequest", inputs);
        foreach (var port in ports)
            flow.Add("on-" + port.Replace(' ', '-'), "Elsa.WriteLine", new { text = port }).Connect("http", "on-" + port.Replace(' ', '-'), port);
        return flow.Definition();
    }

    [Fact]
    public async Task A_200_leaves_by_port_200_with_the_parsed_json_and_the_status()
    {
        _server.Respond(200, "application/json", "{\"ok\":true,\"n\":3}");
        var run = await Runtime().StartAsync(Flow(new { url = _server.Url("ping"), parsedContent = ParsedToBody.DeepClone(), result = ResultToResponse.DeepClone() },
            "200", "Unmatched status code"));

        run.Output.Should().Equal("200");
        run.Instance.Variables["body"]!["n"]!.GetValue<int>().Should().Be(3);
        run.Instance.Variables["response"]!["statusCode"]!.GetValue<int>().Should().Be(200);
        _server.Requests.Should().ContainSingle().Which.Should().Be("GET /ping");
    }

    [Fact]
    public async Task A_status_not_expected_leaves_by_Unmatched_status_code()
    {
        _server.Respond(404, "text/plain", "no");
        var run = await Runtime().StartAsync(Flow(new { url = _server.Url("x"), expectedStatusCodes = new ExpressionInput("Int32[]", "Literal", "[200,201]") },
            "200", "201", "Unmatched status code"));
        run.Output.Should().Equal("Unmatched status code");
    }

    [Fact]
    public async Task A_redirect_is_not_followed_since_it_could_leave_the_allow_list()
    {
        _server.Respond(302, "text/plain", "", ("Location", "http://example.invalid/elsewhere"));
        var run = await Runtime().StartAsync(Flow(new { url = _server.Url("r"), result = ResultToResponse.DeepClone() }, "200", "Unmatched status code"));
        run.Output.Should().Equal("Unmatched status code");
        run.Instance.Variables["response"]!["statusCode"]!.GetValue<int>().Should().Be(302);
    }

    [Fact]
    public async Task A_post_carries_content_type_headers_and_authorization()
    {
        _server.Respond(201, "application/json", "{}");
        var run = await Runtime().StartAsync(Flow(new
        {
            url = _server.Url("items"),
            method = "POST",
            content = new ExpressionInput("Object", "Object", JsonValue.Create("{\"name\":\"Ada\"}")),
            contentType = "application/json",
            authorization = "Bearer t0k3n",
            requestHeaders = new ExpressionInput("Object", "Object", JsonValue.Create("{\"X-Case\":\"C1\"}")),
            expectedStatusCodes = new ExpressionInput("Int32[]", "Literal", "[201]"),
        }, "201"));

        run.Output.Should().Equal("201");
        _server.Requests.Should().Equal("POST /items");
        var seen = _server.Seen.Single();
        seen.Body.Should().Be("{\"name\":\"Ada\"}");
        seen.Headers["Content-Type"].Should().StartWith("application/json");
        seen.Headers["Authorization"].Should().Be("Bearer t0k3n");
        seen.Headers["X-Case"].Should().Be("C1");
    }

    [Fact]
    public async Task With_the_default_empty_allow_list_every_call_is_refused_with_a_fault_naming_the_host()
    {
        _server.Respond(200, "text/plain", "never");
        var run = await Runtime(allowLoopback: false).StartAsync(Flow(new { url = _server.Url("ping") }, "200"));

        run.Instance.SubStatus.Should().Be(WorkflowSubStatus.Faulted);
        run.Instance.Fault!.Message.Should().Contain("'127.0.0.1'").And.Contain("allow-list");
        _server.Requests.Should().BeEmpty("nothing left the process");
    }

    [Fact]
    public async Task A_slow_answer_leaves_by_Timeout()
    {
        _server.Respond(200, "text/plain", "late", delay: TimeSpan.FromSeconds(3));
        var run = await Runtime(timeout: TimeSpan.FromMilliseconds(300)).StartAsync(Flow(new { url = _server.Url("slow") }, "200", "Timeout"));
        run.Output.Should().Equal("Timeout");
    }

    [Fact]
    public async Task A_closed_port_leaves_by_Failed_to_connect()
    {
        var closed = LoopbackServer.FreePort();
        var run = await Runtime().StartAsync(Flow(new { url = $"http://127.0.0.1:{closed}/" }, "200", "Failed to connect"));
        run.Output.Should().Equal("Failed to connect");
    }

    [Fact]
    public async Task SendHttpRequest_completes_with_the_result()
    {
        _server.Respond(200, "text/plain", "pong");
        var flow = new TestFlow().Variable("body", "Object", null)
            .Add("http", "Elsa.SendHttpRequest", new { url = _server.Url("ping"), parsedContent = ParsedToBody.DeepClone() })
            .Add("after", "Elsa.WriteLine", new { text = "after" }).Connect("http", "after");
        var run = await Runtime().StartAsync(flow.Definition());

        run.Output.Should().Equal("after");
        run.Instance.Variables["body"]!.GetValue<string>().Should().Be("pong");
    }

    /// <summary>An HttpListener on 127.0.0.1 answering every request the same way, recording what it saw.</summary>
    private sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly int _port = FreePort();
        private (int Status, string ContentType, string Body, (string, string)[] Headers, TimeSpan Delay) _answer = (200, "text/plain", "", [], TimeSpan.Zero);

        public LoopbackServer()
        {
            _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public List<string> Requests { get; } = [];
        public List<(string Body, Dictionary<string, string> Headers)> Seen { get; } = [];

        public string Url(string path) => $"http://127.0.0.1:{_port}/{path}";

        public void Respond(int status, string contentType, string body, params (string, string)[] headers) => _answer = (status, contentType, body, headers, TimeSpan.Zero);

        public void Respond(int status, string contentType, string body, TimeSpan delay) => _answer = (status, contentType, body, [], delay);

        public static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (Requests)
                {
                    Requests.Add($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}");
                    Seen.Add((body, context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k]!)));
                }
                var answer = _answer;
                if (answer.Delay > TimeSpan.Zero) await Task.Delay(answer.Delay);
                try
                {
                    context.Response.StatusCode = answer.Status;
                    context.Response.ContentType = answer.ContentType;
                    foreach (var (name, value) in answer.Headers) context.Response.Headers[name] = value;
                    var bytes = Encoding.UTF8.GetBytes(answer.Body);
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
                catch (Exception)
                {
                    // The client gave up (timeout test).
                }
            }
        }

        public void Dispose() => _listener.Close();
    }
}
