using System.Diagnostics;
using Workflow.Engine.Expressions;
using Workflow.Engine.Expressions.JavaScript;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Expressions;

/// <summary>
/// Every script evaluation is bounded (docs/definition-format.md, "Script limits"); a script over a limit faults its
/// own instance with the limit named, and other instances run on. Elsa's equivalent knobs are in
/// Elsa.Expressions.JavaScript/Options/JintOptions.cs (ExecutionTimeout, MemoryLimit, MaxRecursionDepth), applied in
/// Services/JintJavaScriptEvaluator.cs ConfigureExecutionConstraints.
/// </summary>
public class ScriptLimitTests
{
    /// <summary>Tight limits so the tests are quick; the margin absorbs a loaded 2-core machine.</summary>
    private static readonly ScriptLimits Limits = new() { TimeLimit = TimeSpan.FromSeconds(1), RegexTimeout = TimeSpan.FromMilliseconds(500), MemoryLimitBytes = 32L * 1024 * 1024, MaxRecursionDepth = 100 };
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(4);

    /// <summary>For the memory cases: a time limit that cannot fire first, so the memory limit is what stops them.</summary>
    private static readonly ScriptLimits MemoryLimits = Limits with { TimeLimit = TimeSpan.FromSeconds(30), MemoryLimitBytes = 16L * 1024 * 1024 };

    public static TheoryData<string, string, string> Runaways => new()
    {
        // Catastrophic backtracking: ~2^29 steps, tens of seconds without a regex timeout (issue #10).
        { "catastrophic regex", "/^(a+)+$/.test('a'.repeat(29) + '!')", "ScriptLimits.RegexTimeout" },
        { "endless loop", "while (true) {}", "ScriptLimits.TimeLimit" },
        { "unbounded recursion", "const f = n => f(n + 1) + 1; f(0)", "ScriptLimits.MaxRecursionDepth" },
        { "huge string in one call", "'x'.repeat(2 ** 28).length", "ScriptLimits.MemoryLimitBytes" },
        { "huge array built step by step", "const a = []; for (;;) a.push('x'.repeat(100000) + a.length);", "ScriptLimits.MemoryLimitBytes" },
        { "huge sparse array joined", "new Array(3e8).join('x').length", "ScriptLimits.MemoryLimitBytes" },
    };

    [Theory]
    [MemberData(nameof(Runaways))]
    public async Task A_script_over_a_limit_faults_its_instance_naming_the_limit_within_the_limit(string name, string script, string limit)
    {
        var limits = limit.EndsWith("MemoryLimitBytes") ? MemoryLimits : Limits;
        var (_, runtime, _) = TestFlow.Engine(o => o.ScriptLimits = limits);
        var flow = new TestFlow().Add("start", "Elsa.Start").Add("w", "Elsa.WriteLine", new { text = TestFlow.Js(script, "String") })
            .Add("after", "Elsa.WriteLine", new { text = "after" }).Connect("start", "w").Connect("w", "after");

        // The first engine of a process pays for JIT compilation (seconds on a loaded machine); that is not the script's time.
        JavaScriptEvaluator.Evaluate("[1].map(x => `${x}`).join()", ExpressionScope.Empty());
        var clock = Stopwatch.StartNew();
        var result = await runtime.StartAsync(flow.Definition());
        clock.Stop();

        result.SubStatus.Should().Be(WorkflowSubStatus.Faulted, name);
        result.Instance.Fault!.ActivityId.Should().Be("w");
        result.Instance.Fault.Message.Should().Contain(limit, name);
        result.Output.Should().NotContain("after");
        clock.Elapsed.Should().BeLessThan((limits == MemoryLimits ? TimeSpan.FromSeconds(1) : Limits.TimeLimit) + Margin, name);
    }

    [Fact]
    public async Task Only_the_instance_over_the_limit_faults()
    {
        var (_, runtime, _) = TestFlow.Engine(o => o.ScriptLimits = Limits);
        var runaway = new TestFlow().Add("start", "Elsa.Start").Add("w", "Elsa.WriteLine", new { text = TestFlow.Js("while (true) {}", "String") }).Connect("start", "w");
        var fine = new TestFlow().Add("start", "Elsa.Start").Add("w", "Elsa.WriteLine", new { text = TestFlow.Js("`${1 + 1} ok`", "String") }).Connect("start", "w");

        var results = await Task.WhenAll(Task.Run(() => runtime.StartAsync(runaway.Definition())), Task.Run(() => runtime.StartAsync(fine.Definition())));

        results[0].SubStatus.Should().Be(WorkflowSubStatus.Faulted);
        results[1].SubStatus.Should().Be(WorkflowSubStatus.Finished);
        results[1].Output.Should().Equal("2 ok");
    }

    [Fact]
    public void The_limit_exception_names_the_option()
    {
        var scope = new ExpressionScope(new(), [], new()) { Limits = Limits with { MaxStatements = 1000 } };
        var act = () => JavaScriptEvaluator.Evaluate("let i = 0; while (true) { i++; }", scope);
        act.Should().Throw<ScriptLimitExceededException>().Which.Limit.Should().Be("MaxStatements");
    }

    [Fact]
    public void A_regex_timeout_never_exceeds_the_time_limit()
    {
        var limits = new ScriptLimits { TimeLimit = TimeSpan.FromMilliseconds(300), RegexTimeout = TimeSpan.FromSeconds(30) };
        limits.EffectiveRegexTimeout.Should().Be(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Allocations_under_the_limit_still_work()
    {
        var scope = new ExpressionScope(new(), [], new()) { Limits = Limits };
        ValueConverter.Convert<int>(JavaScriptEvaluator.Evaluate("'ab'.repeat(1000).length + 'x'.padStart(10).length + [1, 2, 3].join('-').length", scope))
            .Should().Be(2000 + 10 + 5);
    }

    [Fact]
    public void The_defaults_are_two_seconds_one_second_for_regexes_64_MB_and_256_calls()
    {
        var d = ScriptLimits.Default;
        (d.TimeLimit, d.RegexTimeout, d.MemoryLimitBytes, d.MaxRecursionDepth, d.MaxStatements)
            .Should().Be((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 64L * 1024 * 1024, 256, (int?)null));
    }
}
