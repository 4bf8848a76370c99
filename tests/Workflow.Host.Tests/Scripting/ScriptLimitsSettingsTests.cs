using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Workflow.Engine.Expressions;
using Workflow.Host.Web.Scripting;

namespace Workflow.Host.Tests.Scripting;

/// <summary>
/// <c>Scripting:Limits</c> (docs/definition-format.md, "Script limits"): each limit bindable from appsettings, checked
/// when the app is built, a wrong value one line naming it.
/// </summary>
public sealed class ScriptLimitsSettingsTests
{
    private static ScriptLimits Read(params (string Key, string? Value)[] settings) =>
        ScriptLimitsSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create("Scripting:Limits:" + s.Key, s.Value))).Build());

    [Fact]
    public void Nothing_configured_is_the_documented_defaults()
    {
        var limits = Read();
        limits.TimeLimit.Should().Be(TimeSpan.FromSeconds(2));
        limits.RegexTimeout.Should().Be(TimeSpan.FromSeconds(1));
        limits.MemoryLimitBytes.Should().Be(64L * 1024 * 1024);
        limits.MaxRecursionDepth.Should().Be(256);
        limits.MaxStatements.Should().BeNull();
    }

    [Fact]
    public void Every_limit_is_read_from_the_section()
    {
        var limits = Read(("TimeLimit", "00:00:05"), ("RegexTimeout", "0.25"), ("MemoryLimitBytes", "16777216"), ("MaxRecursionDepth", "64"), ("MaxStatements", "50000"));
        limits.TimeLimit.Should().Be(TimeSpan.FromSeconds(5));
        limits.RegexTimeout.Should().Be(TimeSpan.FromMilliseconds(250));
        limits.MemoryLimitBytes.Should().Be(16L * 1024 * 1024);
        limits.MaxRecursionDepth.Should().Be(64);
        limits.MaxStatements.Should().Be(50_000);
    }

    [Theory]
    [InlineData("TimeLimit", "soon")]
    [InlineData("TimeLimit", "0")]
    [InlineData("TimeLimit", "-1")]
    [InlineData("RegexTimeout", "01:00:00")]
    [InlineData("MemoryLimitBytes", "64MB")]
    [InlineData("MemoryLimitBytes", "1000")]
    [InlineData("MaxRecursionDepth", "0")]
    [InlineData("MaxStatements", "-5")]
    public void A_wrong_value_names_its_setting(string key, string value)
    {
        var act = () => Read((key, value));
        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain($"Scripting:Limits:{key} is '{value}'");
    }

    [Fact]
    public async Task The_command_line_prints_one_line_naming_the_setting_and_exits_1()
    {
        var error = new StringWriter();
        var exit = await Workflow.Host.Cli.CliApp.RunAsync(["--urls", "http://127.0.0.1:0", "--Scripting:Limits:TimeLimit=forever"], TextWriter.Null, error);

        exit.Should().Be(1);
        error.ToString().TrimEnd().Should().NotContain("\n").And.Contain("Scripting:Limits:TimeLimit is 'forever'");
    }
}

/// <summary>A host whose scripts may nest only 20 calls deep (default 256).</summary>
public sealed class ShallowScriptsHost : HostFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Scripting:Limits:MaxRecursionDepth"] = "20" };
}

/// <summary>The configured limit is the one a running host applies.</summary>
public sealed class ConfiguredScriptLimitsTests(ShallowScriptsHost host) : IClassFixture<ShallowScriptsHost>
{
    [Fact]
    public async Task A_recursion_the_default_allows_faults_under_the_configured_depth()
    {
        // 50 nested calls: well inside the default 256, over the configured 20.
        var model = JsonNode.Parse("""
            {"definitionId":"shallow","name":"Shallow","root":{"id":"root1","type":"Elsa.Flowchart","version":1,
             "activities":[{"id":"start1","type":"Elsa.Start","version":1},
               {"id":"wl1","type":"Elsa.WriteLine","version":1,"text":{"typeName":"String","expression":{"type":"JavaScript","value":"function f(n) { return n === 0 ? 0 : f(n - 1) + 1; } f(50)"}}}],
             "connections":[{"source":{"activity":"start1","port":"Done"},"target":{"activity":"wl1","port":"In"},"vertices":[]}]}}
            """);
        using var designer = await host.AsUserAsync(Roles.Designer);
        (await designer.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true })).StatusCode.Should().Be(HttpStatusCode.OK);

        var run = JsonNode.Parse(await (await designer.PostAsJsonAsync("/elsa/api/workflow-definitions/shallow/execute", new { })).Content.ReadAsStringAsync())!;
        run["subStatus"]!.GetValue<string>().Should().Be("Faulted");
        var instance = await designer.GetStringAsync($"/elsa/api/workflow-instances/{run["workflowInstanceId"]}");
        instance.Should().Contain("ScriptLimits.MaxRecursionDepth");
    }
}
