using System.Text.Json.Nodes;
using Workflow.Engine.Expressions;
using Workflow.Engine.Model;

namespace Workflow.Engine.Tests.Expressions;

public class ExpressionTests
{
    private static readonly ExpressionScope Empty = new(new JsonObject(), [], new JsonObject());

    private static T? Eval<T>(string type, JsonNode? value, ExpressionScope? scope = null) =>
        ValueConverter.Convert<T>(ExpressionEvaluator.Evaluate(new ExpressionInput(null, type, value), scope ?? Empty));

    [Fact]
    public void Literals_convert_as_Elsa_files_write_them()
    {
        Eval<bool>("Literal", JsonValue.Create("True")).Should().BeTrue();
        Eval<bool>("Literal", JsonValue.Create(false)).Should().BeFalse();
        Eval<TimeSpan>("Literal", JsonValue.Create("00:00:05")).Should().Be(TimeSpan.FromSeconds(5));
        Eval<int>("Literal", JsonValue.Create("3")).Should().Be(3);
        Eval<string[]>("Object", JsonValue.Create("[\"One\",\"Two\",\"Three\"]")).Should().Equal("One", "Two", "Three");
    }

    [Fact]
    public void A_literal_that_does_not_fit_names_the_value_and_the_expected_form()
    {
        var act = () => Eval<bool>("Literal", JsonValue.Create("perhaps"));
        act.Should().Throw<ExpressionException>().WithMessage("*boolean*\"perhaps\"*");
    }

    [Fact]
    public void Variable_expressions_read_by_name_or_id()
    {
        var scope = new ExpressionScope(new JsonObject { ["Counter"] = 4 }, [new VariableDefinition("v1", "Counter", "Int32", null)], new JsonObject());
        Eval<int>("Variable", JsonValue.Create("Counter"), scope).Should().Be(4);
        Eval<int>("Variable", new JsonObject { ["id"] = "v1" }, scope).Should().Be(4);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("return false;", false)]
    [InlineData("getCounter() > 1", true)]
    [InlineData("var x = getVariable('Counter'); return x === 2;", true)]
    [InlineData("'a => b'.length == 6", true)]
    public void JavaScript_runs_as_expression_or_function_body(string script, bool expected)
    {
        var scope = new ExpressionScope(new JsonObject { ["Counter"] = 2 }, [new VariableDefinition("c", "Counter", "Int32", null)], new JsonObject());
        Eval<bool>("JavaScript", JsonValue.Create(script), scope).Should().Be(expected);
    }

    [Fact]
    public void Scripts_write_variables_back()
    {
        var variables = new JsonObject { ["Counter"] = 1 };
        var scope = new ExpressionScope(variables, [new VariableDefinition("c", "Counter", "Int32", null)], new JsonObject());
        ExpressionEvaluator.Evaluate(ExpressionInput.JavaScript("Object", "setCounter(getCounter() + 1); setVariable('Other', {a: [1]}); return 0;"), scope);
        variables["Counter"]!.GetValue<double>().Should().Be(2);
        variables["Other"]!.ToJsonString().Should().Be("""{"a":[1]}""");
    }

    [Theory]
    [InlineData("x => x", "arrow function")]
    [InlineData("`a`", "template literal")]
    [InlineData("const a = 1; return a;", "'const' declaration")]
    [InlineData("class A {}", "'class' declaration")]
    [InlineData("f(...args)", "spread")]
    [InlineData("for (var x of xs) {}", "for...of")]
    public void ES2015_constructs_are_named(string script, string construct)
    {
        JavaScriptEvaluator.CheckSyntax(script).Should().StartWith("ECMAScript 5.1 only").And.Contain(construct);
    }

    [Theory]
    [InlineData("'=>' + \"`\"")]
    [InlineData("// let x = 1\n true")]
    [InlineData("/* const */ getVariable('a') == null")]
    public void Lookalikes_in_strings_and_comments_are_fine(string script) =>
        JavaScriptEvaluator.CheckSyntax(script).Should().BeNull();
}
