using Workflow.Engine.Activities;
using Workflow.Engine.Validation;

namespace Workflow.Engine.Tests.Validation;

/// <summary>A corpus of broken definitions: each yields findings naming the fault, never an exception.</summary>
public class BadInputTests
{
    private static readonly WorkflowValidator Validator = new(ActivityRegistry.CreateWithCoreActivities());

    private static IReadOnlyList<ValidationFinding> Validate(string json) => Validator.Validate(json).Findings;

    private static string Wrap(string activities, string connections = "") =>
        $$$$"""{"id":"v1","definitionId":"d","root":{"id":"root","type":"Elsa.Flowchart","activities":[{{{{activities}}}}],"connections":[{{{{connections}}}}]}}""";

    private static string C(string source, string port, string target, string targetPort = "In") =>
        $$$$"""{"source":{"activity":"{{{{source}}}}","port":"{{{{port}}}}"},"target":{"activity":"{{{{target}}}}","port":"{{{{targetPort}}}}"}}""";

    private const string Start = """{"id":"start","type":"Elsa.Start"}""";
    private static string Line(string id) => $$$$"""{"id":"{{{{id}}}}","type":"Elsa.WriteLine","text":{"typeName":"String","expression":{"type":"Literal","value":"{{{{id}}}}"}}}""";
    private static string Decision(string id, string script) =>
        $$$$"""{"id":"{{{{id}}}}","type":"Elsa.FlowDecision","condition":{"typeName":"Boolean","expression":{"type":"JavaScript","value":{{{{System.Text.Json.JsonSerializer.Serialize(script)}}}}}}}""";

    public static TheoryData<string, string, string?, string> Corpus => new()
    {
        // name, json, activity id expected (null = workflow), text the message must contain
        { "truncated JSON", Wrap(Start + "," + Line("a"), C("start", "Done", "a"))[..60], null, "not valid JSON" },
        { "not an object", "[1,2]", null, "Expected a JSON object" },
        { "no root", """{"id":"x"}""", null, "no \"root\"" },
        { "activities not an array", """{"root":{"id":"r","type":"Elsa.Flowchart","activities":"nope"}}""", "r", "must be an array" },
        { "activity without id", Wrap("""{"type":"Elsa.WriteLine"}"""), null, "has no \"id\"" },
        { "unknown type", Wrap(Start + """,{"id":"x1","type":"Elsa.SendEmail"}""", C("start", "Done", "x1")), "x1", "Unknown activity type \"Elsa.SendEmail\"" },
        { "misspelt type", Wrap(Start + """,{"id":"x1","type":"Elsa.Writeline"}""", C("start", "Done", "x1")), "x1", "Did you mean \"Elsa.WriteLine\"" },
        { "dangling connection", Wrap(Start + "," + Line("a"), C("start", "Done", "a") + "," + C("a", "Done", "ghost")), "a", "leads to activity \"ghost\"" },
        { "connection from nowhere", Wrap(Start + "," + Line("a"), C("start", "Done", "a") + "," + C("ghost", "Done", "a")), "ghost", "starts at activity \"ghost\"" },
        { "missing port", Wrap(Start + "," + Decision("d", "true") + "," + Line("a"), C("start", "Done", "d") + "," + C("d", "Maybe", "a")), "d", "port \"Maybe\", but Elsa.FlowDecision d has the ports \"True\", \"False\"" },
        { "wrong inbound port", Wrap(Start + "," + Line("a"), C("start", "Done", "a", "Out")), "a", "enters through port \"Out\"" },
        { "connection shape", Wrap(Start, "\"start->a\""), "root", "unknown shape" },
        { "cycle without a start", Wrap(Line("a") + "," + Line("b"), C("a", "Done", "b") + "," + C("b", "Done", "a")), "root", "no possible start" },
        { "start names a missing activity", """{"root":{"id":"r","type":"Elsa.Flowchart","start":"zz","activities":[{"id":"a","type":"Elsa.WriteLine"}],"connections":[]}}""", "r", "\"start\" names activity \"zz\"" },
        // Syntax errors name line, column and the code found there (Jint 4 / Acornima parse errors).
        { "unparsable script", Wrap(Start + "," + Decision("d", "getCounter( >"), C("start", "Done", "d")), "d", "syntax error at line 1, column 13 (near `>`)" },
        { "unclosed template literal", Wrap(Start + "," + Decision("d", "let x = 1;\n`Hi ${x}"), C("start", "Done", "d")), "d", "syntax error at line 2" },
        { "unparsable Liquid", Wrap(Start + """,{"id":"a","type":"Elsa.WriteLine","text":{"typeName":"String","expression":{"type":"Liquid","value":"{{ Variables.x "}}}""", C("start", "Done", "a")), "a", "The Liquid template does not parse" },
        { "bad Object JSON", Wrap(Start + """,{"id":"f","type":"Elsa.FlowFork","branches":{"typeName":"String[]","expression":{"type":"Object","value":"[\"One\","}}}""", C("start", "Done", "f")), "f", "not valid JSON" },
        { "unknown join mode", Wrap(Start + """,{"id":"j","type":"Elsa.FlowJoin","mode":{"typeName":"FlowJoinMode","expression":{"type":"Literal","value":"WaitSome"}}}""", C("start", "Done", "j")), "j", "Expected one of WaitAny, WaitAll" },
        { "quorum larger than inbound", Wrap(Start + """,{"id":"j","type":"Elsa.FlowJoin","mode":{"typeName":"FlowJoinMode","expression":{"type":"Literal","value":"Quorum"}},"quorum":{"typeName":"Int32","expression":{"type":"Literal","value":"3"}}}""", C("start", "Done", "j")), "j", "can never complete" },
        { "unknown expression type", Wrap(Start + """,{"id":"a","type":"Elsa.WriteLine","text":{"typeName":"String","expression":{"type":"Python","value":"1"}}}""", C("start", "Done", "a")), "a", "Unsupported expression type \"Python\"" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void A_broken_definition_yields_an_error_naming_the_fault(string name, string json, string? activityId, string text)
    {
        var findings = Validate(json);
        findings.Should().Contain(f => f.Severity == FindingSeverity.Error && f.ActivityId == activityId && f.Message.Contains(text), name);
    }

    [Fact]
    public void An_unreachable_activity_is_a_warning()
    {
        var findings = Validate(Wrap(Start + "," + Line("a") + "," + Line("lonely"), C("start", "Done", "a")));
        findings.Should().ContainSingle().Which.Should().Match<ValidationFinding>(f =>
            f.Severity == FindingSeverity.Warning && f.ActivityId == "lonely" && f.Message.Contains("not reachable from the start activity start"));
    }

    [Fact]
    public void A_WaitAll_join_behind_a_decision_warns_that_it_can_never_complete_on_that_path()
    {
        var json = Wrap(Start + "," + Decision("d", "true") + "," + Line("a") + "," + Line("b") + """,{"id":"j","type":"Elsa.FlowJoin","mode":{"typeName":"FlowJoinMode","expression":{"type":"Literal","value":"WaitAll"}}}""",
            C("start", "Done", "d") + "," + C("start", "Done", "a") + "," + C("d", "True", "b") + "," + C("a", "Done", "j") + "," + C("b", "Done", "j"));
        var findings = Validate(json);
        findings.Should().ContainSingle(f => f.Severity == FindingSeverity.Warning && f.ActivityId == "j")
            .Which.Message.Should().Contain("Elsa.FlowDecision d takes \"False\"").And.Contain("branch from b never arrives");
        findings.Should().NotContain(f => f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void A_valid_definition_has_no_findings()
    {
        Validate(Wrap(Start + "," + Decision("d", "getVariable('x') > 1") + "," + Line("a"), C("start", "Done", "d") + "," + C("d", "True", "a"))).Should().BeEmpty();
    }

    [Fact]
    public void Extra_rules_plug_in()
    {
        var validator = new WorkflowValidator(ActivityRegistry.CreateWithCoreActivities(), [new NoWriteLineRule()]);
        validator.Validate(Wrap(Start + "," + Line("a"), C("start", "Done", "a"))).Findings
            .Should().ContainSingle(f => f.Code == "no-writeline" && f.ActivityId == "a");
    }

    private sealed class NoWriteLineRule : IWorkflowValidationRule
    {
        public void Validate(ValidationContext context)
        {
            foreach (var a in context.Definition.AllActivities().Where(a => a.Type == "Elsa.WriteLine"))
                context.Add(ValidationFinding.Warning(a.Id, null, "WriteLine is for tests only.", "no-writeline"));
        }
    }
}
