using System.Text.Json.Nodes;
using Workflow.Engine.Expressions;
using Workflow.Engine.Expressions.Liquid;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Expressions;

/// <summary>
/// Liquid expressions as Elsa's Liquid module renders them: the members come from
/// Elsa.Expressions.Liquid/Handlers/ConfigureLiquidEngine.cs, the filters from Features/LiquidFeature.cs and
/// Filters/Base64Filter.cs, DictionaryKeysFilter.cs, blank templates from Services/LiquidTemplateManager.cs.
/// </summary>
public class LiquidTests
{
    private static ExpressionScope Scope()
    {
        const string json = """
            { "id": "p-v2", "definitionId": "permits", "version": 2,
              "variables": [ { "id": "v1", "name": "Applicant", "typeName": "String", "value": "王五" }, { "id": "v2", "name": "Days", "typeName": "Int32", "value": "20" },
                             { "id": "v3", "name": "Depts", "typeName": "Object", "value": "[\"fgw\",\"zjj\"]" }, { "id": "v4", "name": "Approved", "typeName": "Boolean", "value": "True" } ],
              "root": { "id": "root", "type": "Elsa.Flowchart", "activities": [], "connections": [] } }
            """;
        var instance = new WorkflowInstance
        {
            Id = "inst-9", DefinitionId = "permits", DefinitionVersion = 2, DefinitionVersionId = "p-v2", CorrelationId = "case-7",
            Input = new JsonObject { ["ProjectName"] = "<滨江大厦>", ["Floors"] = 12, ["Meta"] = new JsonObject { ["a"] = 1, ["b"] = 2 } },
        };
        var scope = RunningScope.Create(json, instance);
        instance.Variables["Depts"] = JsonNode.Parse("""["fgw","zjj"]""");
        return scope;
    }

    private static string? Render(string template) => ValueConverter.Convert<string>(ExpressionEvaluator.Evaluate(new ExpressionInput("String", "Liquid", JsonValue.Create(template)), Scope()));

    [Theory]
    [InlineData("{{ Variables.Applicant }} 申请 {{ Variables.Days }} 个工作日", "王五 申请 20 个工作日")]
    [InlineData("{{ Input.ProjectName }}", "<滨江大厦>")] // NullEncoder: no HTML escaping
    [InlineData("{{ Input.projectname }}", "<滨江大厦>")] // the workflow input dictionary ignores case
    [InlineData("{{ Input.Floors | plus: 1 }}", "13")]
    [InlineData("{{ CorrelationId }}/{{ WorkflowInstanceId }}", "case-7/inst-9")]
    [InlineData("{{ WorkflowDefinitionId }} v{{ WorkflowDefinitionVersion }} ({{ WorkflowDefinitionVersionId }})", "permits v2 (p-v2)")]
    [InlineData("{% for d in Variables.Depts %}[{{ d | upcase }}]{% endfor %}", "[FGW][ZJJ]")]
    [InlineData("{% if Variables.Approved %}通过{% else %}退回{% endif %}", "通过")]
    [InlineData("{{ Variables.Missing | default: '无' }}", "无")]
    [InlineData("{{ 'hi' | base64 }}", "aGk=")]
    [InlineData("{{ Input.Meta | keys | join: ',' }}", "a,b")]
    public void Liquid_sees_variables_input_and_workflow_properties_as_in_Elsa(string template, string expected) =>
        Render(template).Should().Be(expected);

    [Fact]
    public void A_blank_template_renders_null()
    {
        ExpressionEvaluator.Evaluate(new ExpressionInput("String", "Liquid", JsonValue.Create("  ")), Scope()).Should().BeNull();
    }

    [Fact]
    public void A_rendered_True_converts_to_a_boolean_input()
    {
        ValueConverter.Convert<bool>(ExpressionEvaluator.Evaluate(new ExpressionInput("Boolean", "Liquid", JsonValue.Create("{% if Variables.Days > 10 %}True{% else %}False{% endif %}")), Scope()))
            .Should().BeTrue();
    }

    [Fact]
    public void A_template_that_does_not_parse_is_an_error_naming_the_place()
    {
        LiquidEvaluator.CheckSyntax("{% if x %}no end").Should().StartWith("The Liquid template does not parse");
        var act = () => Render("{{ Variables.Applicant ");
        act.Should().Throw<ExpressionException>().WithMessage("*does not parse*");
    }

    [Fact]
    public void Rendering_is_bounded_in_steps()
    {
        var scope = Scope();
        var input = new ExpressionInput("String", "Liquid", JsonValue.Create("{% for i in (1..100000000) %}x{% endfor %}"));
        var act = () => ExpressionEvaluator.Evaluate(input, new ExpressionScope(scope.Variables, scope.Declarations, scope.Input) { Limits = new ScriptLimits { MaxStatements = 1000 } });
        act.Should().Throw<ScriptLimitExceededException>().Which.Limit.Should().Be("MaxStatements");
        var loop = new ExpressionInput("String", "Liquid", JsonValue.Create("{% for i in (1..900) %}{% for j in (1..900) %}x{% endfor %}{% endfor %}"));
        var nested = () => ExpressionEvaluator.Evaluate(loop, new ExpressionScope(scope.Variables, scope.Declarations, scope.Input) { Limits = new ScriptLimits { MaxStatements = 1000 } });
        nested.Should().Throw<ScriptLimitExceededException>().Which.Limit.Should().Be("MaxStatements");
    }

    [Fact]
    public async Task A_WriteLine_with_a_Liquid_text_prints_the_rendered_template()
    {
        var (_, runtime, _) = TestFlow.Engine();
        var flow = new TestFlow().Variable("Name", "String", "赵六").Add("start", "Elsa.Start")
            .Add("w", "Elsa.WriteLine", new { text = new ExpressionInput("String", "Liquid", JsonValue.Create("你好，{{ Variables.Name }}")) })
            .Connect("start", "w");
        var result = await runtime.StartAsync(flow.Definition());
        result.Output.Should().Equal("你好，赵六");
    }
}
